"""TF 0.x's ``rnn.rnn_cell.X``: the cells reached through the ``rnn`` module (a ``--full`` step).

TF 0.x's ``tensorflow/python/ops/rnn.py`` imported ``rnn_cell`` (``from tensorflow.python.ops
import rnn_cell``, e.g. the TF 0.10/0.11 file, tensorflow/tensorflow@00700f00), and TF 0.5/0.6's
``tensorflow/models/rnn/rnn.py`` imported ``tensorflow.models.rnn.rnn_cell`` (from TF 0.7 it was
``from tensorflow.python.ops.rnn import *``, which re-exported it), so programs of the time wrote
``from tensorflow.python.ops import rnn`` and then ``rnn.rnn_cell.BasicLSTMCell(n)`` next to
``rnn.rnn(cell, inputs, ...)``. The rewrite converts ``rnn_cell.X`` of those modules, not an
attribute path through ``rnn``, so the program was left failing (L2T021).

Before the rewrite, each ``rnn.rnn_cell`` of such a module becomes ``rnn_cell``, and the line of
the ``rnn`` import gets ``; from tensorflow.python.ops import rnn_cell`` (or
``tensorflow.models.rnn``; lines kept; L2T010), which the rewrite then converts as written so.
Only where the name ``rnn_cell`` is bound nowhere in the file but by an import of that same
module, and the ``rnn`` module is bound once, at module level, by an import statement; anything
else keeps the report.
"""

from __future__ import annotations

import libcst as cst
from libcst.metadata import (
    PositionProvider,
    QualifiedNameProvider,
    ScopeProvider,
)

from legacy2tf2.migrator import analysis
from legacy2tf2.migrator.findings import PRE_1_0_CALL

#: the ``rnn`` modules that re-exported ``rnn_cell`` -> the package ``rnn_cell`` came from.
_PACKAGES = {
    "tensorflow.python.ops.rnn": "tensorflow.python.ops",
    "tensorflow.models.rnn.rnn": "tensorflow.models.rnn",
}

Change = tuple[int, int, str, str]


class _Uses(cst.CSTVisitor):
    """The ``<rnn module>.rnn_cell`` attributes of a module, and the ``rnn_cell`` bindings."""

    METADATA_DEPENDENCIES = (QualifiedNameProvider, ScopeProvider)

    def __init__(self) -> None:
        super().__init__()
        self.attributes: dict[cst.Attribute, str] = {}  # -> the package of rnn_cell
        self.ok = True

    def visit_Attribute(self, node: cst.Attribute) -> None:
        if node.attr.value != "rnn_cell" or not isinstance(node.value, cst.Name):
            return
        names = {q.name for q in self.get_metadata(QualifiedNameProvider, node.value, set())}
        if len(names) == 1 and (name := names.pop()) in _PACKAGES:
            self.attributes[node] = name


def _module_import_line(
    module: cst.Module, scopes: dict[cst.CSTNode, object], name: cst.Name
) -> cst.SimpleStatementLine | None:
    """The module-level line of the one import binding ``name`` (in any scope), else None."""
    scope = scopes.get(module)  # the global scope: a function's own rnn is another name
    if scope is None:
        return None
    assignments = list(scope.assignments[name.value])  # type: ignore[attr-defined]
    if len(assignments) != 1 or any(
        a.scope is not scope
        for s in {s for s in scopes.values() if s is not None}
        for a in s.assignments[name.value]  # type: ignore[attr-defined]
    ):
        return None
    bound = assignments[0].node
    if not isinstance(bound, (cst.Import, cst.ImportFrom)):
        return None
    for line in module.body:
        if isinstance(line, cst.SimpleStatementLine) and any(s is bound for s in line.body):
            return line
    return None


def _rnn_cell_bindings(scopes: dict[cst.CSTNode, object]) -> list[object]:
    """Every binding of the name ``rnn_cell`` in the module, in any scope."""
    bindings: list[object] = []
    for scope in {s for s in scopes.values() if s is not None}:
        bindings += [a for a in scope.assignments["rnn_cell"] if a.scope is scope]  # type: ignore[attr-defined]
    return bindings


class _Rewrite(cst.CSTTransformer):
    def __init__(
        self, attributes: set[cst.Attribute], line: cst.SimpleStatementLine | None, package: str
    ) -> None:
        super().__init__()
        self._attributes = attributes
        self._line = line
        self._package = package

    def leave_Attribute(
        self, original_node: cst.Attribute, updated_node: cst.Attribute
    ) -> cst.BaseExpression:
        if original_node in self._attributes:
            return cst.Name("rnn_cell")
        return updated_node

    def leave_SimpleStatementLine(
        self, original_node: cst.SimpleStatementLine, updated_node: cst.SimpleStatementLine
    ) -> cst.SimpleStatementLine:
        if original_node is not self._line:
            return updated_node
        body = list(updated_node.body)
        body[-1] = body[-1].with_changes(
            semicolon=cst.Semicolon(whitespace_after=cst.SimpleWhitespace(" "))
        )
        statement = cst.parse_statement(f"from {self._package} import rnn_cell\n")
        assert isinstance(statement, cst.SimpleStatementLine)
        return updated_node.with_changes(body=[*body, *statement.body])


def expand_rnn_module_cells(source: bytes) -> tuple[bytes, list[Change]]:
    """``rnn.rnn_cell.X`` of TF 0.x's ``rnn`` modules -> ``rnn_cell.X`` with its own import.

    Returns:
        The new source and its changes, (line, col, code, message), positioned in ``source``
        (lines kept).
    """
    if b".rnn_cell" not in source or b"rnn" not in source.replace(b".rnn_cell", b""):
        return source, []
    wrapper = analysis.wrapper(analysis.parse(source))
    uses = _Uses()
    wrapper.visit(uses)
    if not uses.attributes:
        return source, []
    modules = set(uses.attributes.values())
    names = {a.value.value for a in uses.attributes}  # type: ignore[attr-defined]
    if len(modules) != 1 or len(names) != 1:
        return source, []  # two rnn modules, or aliases: which rnn_cell is meant is unclear
    module_name = modules.pop()
    package = _PACKAGES[module_name]
    scopes = wrapper.resolve(ScopeProvider)
    line: cst.SimpleStatementLine | None = None
    bindings = _rnn_cell_bindings(scopes)
    for binding in bindings:
        node = binding.node  # type: ignore[attr-defined]
        if not isinstance(node, cst.ImportFrom) or node.relative or node.module is None:
            return source, []
        if binding.scope is not scopes.get(wrapper.module):  # type: ignore[attr-defined]
            return source, []
        if cst.Module([]).code_for_node(node.module) != package:
            return source, []  # another rnn_cell (or an alias of one) is meant there
    if not bindings:
        first = next(iter(uses.attributes))
        line = _module_import_line(wrapper.module, scopes, first.value)  # type: ignore[arg-type]
        if line is None:
            return source, []
    rewrite = _Rewrite(set(uses.attributes), line, package)
    new = wrapper.module.visit(rewrite)
    positions = wrapper.resolve(PositionProvider)
    start = positions[line if line is not None else next(iter(uses.attributes))].start
    rnn = names.pop()
    added = f"; from {package} import rnn_cell added on this line" if line is not None else ""
    change = (
        start.line,
        start.column + 1,
        PRE_1_0_CALL,
        f"TF 0.x's {module_name} imported rnn_cell, so {rnn}.rnn_cell.X was {package}'s "
        f"rnn_cell.X: written as rnn_cell.X{added}",
    )
    return new.bytes, [change]
