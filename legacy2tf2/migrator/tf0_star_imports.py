"""TF 0.5/0.6's ``from tensorflow.models.rnn.rnn import *``, read only for ``rnn_cell`` (``--full``).

TF 0.5/0.6's ``tensorflow/models/rnn/rnn.py`` defined ``rnn`` and ``state_saving_rnn`` and
imported ``tensorflow as tf``, ``rnn_cell`` (of ``tensorflow.models.rnn``) and
``control_flow_ops``, with no ``__all__``; from TF 0.7 it was ``from tensorflow.python.ops.rnn
import *``, whose module imported ``rnn_cell`` too. Blog posts of the time (predicting
trigonometric waves with LSTMs, early time-series forecasters) wrote ``from
tensorflow.models.rnn.rnn import *`` and then ``rnn_cell.BasicLSTMCell(n)``: the star import was
their way to ``rnn_cell``. The rewrite cannot follow a star import, so the program was left
failing (L2T006, L2T021).

Before the rewrite, such an import becomes ``from tensorflow.models.rnn import rnn_cell`` (on the
same line; L2T010), which the rewrite then converts, where the names the module reads without
binding them include ``rnn_cell`` and none of the star import's others (``rnn``,
``state_saving_rnn``, ``bidirectional_rnn``, ``dynamic_rnn``, ``control_flow_ops``; ``tf`` only
where ``import tensorflow as tf`` binds it too). Anything else keeps the star import (reported).
"""

from __future__ import annotations

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider, ScopeProvider

from legacy2tf2.migrator.findings import PRE_1_0_CALL

_MODULE = "tensorflow.models.rnn.rnn"
_WANTED = "rnn_cell"
#: Other names the star import gave a program in TF 0.5-0.12 (``tf`` aside).
_OTHERS = frozenset(
    {"rnn", "state_saving_rnn", "bidirectional_rnn", "dynamic_rnn", "control_flow_ops", "tf"}
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


class _StarImport(cst.CSTTransformer):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(self) -> None:
        super().__init__()
        self.changes: list[Change] = []

    def leave_ImportFrom(
        self, original_node: cst.ImportFrom, updated_node: cst.ImportFrom
    ) -> cst.ImportFrom:
        if not isinstance(original_node.names, cst.ImportStar) or original_node.relative:
            return updated_node
        if original_node.module is None:
            return updated_node
        if cst.Module([]).code_for_node(original_node.module) != _MODULE:
            return updated_node
        start = self.get_metadata(PositionProvider, original_node).start
        self.changes.append(
            (
                start.line,
                start.column + 1,
                PRE_1_0_CALL,
                "from tensorflow.models.rnn.rnn import * (TF 0.5-0.12: rnn, state_saving_rnn, "
                "rnn_cell, tf, ...) is read here only for rnn_cell: written as from "
                "tensorflow.models.rnn import rnn_cell",
            )
        )
        return updated_node.with_changes(
            module=cst.parse_expression("tensorflow.models.rnn"),
            names=[cst.ImportAlias(name=cst.Name(_WANTED))],
        )


def expand_rnn_star_import(source: bytes) -> tuple[bytes, list[Change]]:
    """``from tensorflow.models.rnn.rnn import *`` read only for ``rnn_cell`` -> that import.

    Returns:
        The new source and its changes, (line, col, code, message), positioned in ``source``
        (lines kept).
    """
    if b"models.rnn.rnn import" not in source:
        return source, []
    wrapper = MetadataWrapper(cst.parse_module(source))
    free = _free_names(wrapper)
    if _WANTED not in free or free & _OTHERS:
        return source, []
    stars = [
        node
        for node in wrapper.module.body
        if isinstance(node, cst.SimpleStatementLine)
        and any(
            isinstance(s, cst.ImportFrom) and isinstance(s.names, cst.ImportStar) for s in node.body
        )
    ]
    if len(stars) != 1:
        return source, []  # another star import may be what gives rnn_cell
    transformer = _StarImport()
    new = wrapper.visit(transformer)
    if not transformer.changes:
        return source, []
    return new.bytes, transformer.changes
