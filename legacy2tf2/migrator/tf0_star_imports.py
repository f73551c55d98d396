"""TF 0.5/0.6's ``from tensorflow.models.rnn.rnn import *``, read for ``rnn_cell`` and ``rnn``.

TF 0.5/0.6's ``tensorflow/models/rnn/rnn.py`` defined ``rnn`` and ``state_saving_rnn`` and
imported ``tensorflow as tf``, ``rnn_cell`` (of ``tensorflow.models.rnn``) and
``control_flow_ops``, with no ``__all__``; from TF 0.7 it was ``from tensorflow.python.ops.rnn
import *``, whose module imported ``rnn_cell`` too. Blog posts of the time (predicting
trigonometric waves with LSTMs, early time-series forecasters) wrote ``from
tensorflow.models.rnn.rnn import *`` and then ``rnn_cell.BasicLSTMCell(n)`` and ``rnn(cell,
inputs, ...)``. The rewrite cannot follow a star import, so the program was left failing
(L2T006, L2T021).

Before the rewrite, such an import becomes ``from tensorflow.models.rnn import rnn_cell`` and/or
``from tensorflow.models.rnn.rnn import rnn`` (on the same line; L2T010), which the rewrite and
the ``--full`` passes then convert as written so (``rnn``'s per-step states of TF 0.6 included),
where the names the module reads without binding them include ``rnn_cell`` or ``rnn`` and none of
the star import's others (``state_saving_rnn``, ``bidirectional_rnn``, ``dynamic_rnn``,
``control_flow_ops``; ``tf`` only where ``import tensorflow as tf`` binds it too). Anything else
keeps the star import (reported).
"""

from __future__ import annotations

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider, ScopeProvider

from legacy2tf2.migrator import analysis
from legacy2tf2.migrator.findings import PRE_1_0_CALL

_MODULE = "tensorflow.models.rnn.rnn"
#: Names the star import gave that are imported by name instead -> their module.
_WANTED = {"rnn_cell": "tensorflow.models.rnn", "rnn": "tensorflow.models.rnn.rnn"}
#: Other names the star import gave a program in TF 0.5-0.12.
_OTHERS = frozenset(
    {"state_saving_rnn", "bidirectional_rnn", "dynamic_rnn", "control_flow_ops", "tf"}
)

Change = tuple[int, int, str, str]


def _free_names(wrapper: MetadataWrapper) -> set[str]:
    """The names the module reads that nothing in it binds (nor a builtin)."""
    free: set[str] = set()
    for scope in set(wrapper.resolve(ScopeProvider).values()):
        if scope is None:
            continue
        for access in scope.accesses:
            if not access.referents and isinstance(access.node, cst.Name):
                free.add(access.node.value)
    return free


def _is_star(statement: cst.BaseSmallStatement) -> bool:
    """``from tensorflow.models.rnn.rnn import *``."""
    return (
        isinstance(statement, cst.ImportFrom)
        and isinstance(statement.names, cst.ImportStar)
        and not statement.relative
        and statement.module is not None
        and cst.Module([]).code_for_node(statement.module) == _MODULE
    )


class _StarImport(cst.CSTTransformer):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(self, names: list[str]) -> None:
        super().__init__()
        self.changes: list[Change] = []
        self._names = names

    def leave_SimpleStatementLine(
        self, original_node: cst.SimpleStatementLine, updated_node: cst.SimpleStatementLine
    ) -> cst.SimpleStatementLine:
        if len(original_node.body) != 1 or not _is_star(original_node.body[0]):
            return updated_node
        imports = "; ".join(f"from {_WANTED[name]} import {name}" for name in self._names)
        start = self.get_metadata(PositionProvider, original_node).start
        self.changes.append(
            (
                start.line,
                start.column + 1,
                PRE_1_0_CALL,
                "from tensorflow.models.rnn.rnn import * (TF 0.5-0.12: rnn, state_saving_rnn, "
                f"rnn_cell, tf, ...) is read here only for {' and '.join(self._names)}: "
                f"written as {imports}",
            )
        )
        # on the star import's line: the lines of the file (and findings' positions) are kept
        statement = cst.parse_statement(f"{imports}\n")
        assert isinstance(statement, cst.SimpleStatementLine)
        return updated_node.with_changes(body=statement.body)


def expand_rnn_star_import(source: bytes) -> tuple[bytes, list[Change]]:
    """``from tensorflow.models.rnn.rnn import *`` read only for ``rnn_cell`` and ``rnn`` -> their
    imports by name.

    Returns:
        The new source and its changes, (line, col, code, message), positioned in ``source``
        (lines kept).
    """
    if b"models.rnn.rnn import" not in source:
        return source, []
    wrapper = analysis.wrapper(analysis.parse(source))
    free = _free_names(wrapper)
    names = [name for name in _WANTED if name in free]
    if not names or free & _OTHERS:
        return source, []
    stars = [
        node
        for node in wrapper.module.body
        if isinstance(node, cst.SimpleStatementLine)
        and any(
            isinstance(s, cst.ImportFrom) and isinstance(s.names, cst.ImportStar) for s in node.body
        )
    ]
    if len(stars) != 1 or len(stars[0].body) != 1 or not _is_star(stars[0].body[0]):
        return source, []  # another star import may be what gives the names
    transformer = _StarImport(names)
    new = wrapper.visit(transformer)
    if not transformer.changes:
        return source, []
    return new.bytes, transformer.changes
