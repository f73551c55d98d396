"""What the ``--full`` passes written as libcst transformers share: their change records.

A pass reports each change it made or left as ``(line, column, code, message)``, 1-based, in the
source it visited; :mod:`legacy2tf2.migrator.full_upgrade` turns them into findings.
"""

from __future__ import annotations

import libcst as cst
from libcst.metadata import PositionProvider

#: line, column (1-based), finding code, message.
Change = tuple[int, int, str, str]


class NotingTransformer(cst.CSTTransformer):
    """A transformer that records its changes in :attr:`changes`, positioned at their nodes."""

    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(self) -> None:
        super().__init__()
        self.changes: list[Change] = []

    def _note(self, node: cst.CSTNode, code: str, message: str) -> None:
        start = self.get_metadata(PositionProvider, node).start
        self.changes.append((start.line, start.column + 1, code, message))
