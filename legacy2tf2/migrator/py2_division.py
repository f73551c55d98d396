"""Python 2's integer ``/`` where only an integer can have worked (a ``--full`` step).

Without ``from __future__ import division``, Python 2's ``a / b`` of two ints was floor
division; Python 3's is true division and gives a float. In general which operands are ints
cannot be told from the source, so ``/`` is left alone, except where Python 2 accepted nothing
but an integer, so a program that ran had ints there and ``//`` is its exact result (L2T022):

- an argument of the builtin ``range`` (``xrange`` is ``range`` by now): Python 2's ``range``
  refused floats (``for i in xrange(len(data) / batch_size)``);
- a bound of a slice (``x[: len(x) / 2]``, ``data[i * n / k : ...]``): lists, tuples and strings
  refused float bounds (NumPy before 1.12 truncated them; NumPy 2 refuses them, so there ``//``
  changes no result a program can still get);
- also inside ``+``, ``-``, ``*``, ``/``, ``//``, ``%`` arithmetic there (``range(n / k + 1)``):
  one float operand made the whole a float, which those places refused.

Only in files that are certainly Python 2 code (``--full`` changed or reported a Python 2
statement or name in them) and that do not import ``division`` from ``__future__``.
"""

from __future__ import annotations

import libcst as cst
from libcst.metadata import (
    MetadataWrapper,
    ParentNodeProvider,
    PositionProvider,
    QualifiedNameProvider,
)

from legacy2tf2.migrator.findings import PY2_FIXED

Change = tuple[int, int, str, str]

#: Operators whose result is an int only when every operand is (Python 2: int op float is float).
_ARITHMETIC = (cst.Add, cst.Subtract, cst.Multiply, cst.Divide, cst.FloorDivide, cst.Modulo)


class _IntegerDivision(cst.CSTTransformer):
    METADATA_DEPENDENCIES = (QualifiedNameProvider, PositionProvider, ParentNodeProvider)

    def __init__(self) -> None:
        super().__init__()
        self.changes: list[Change] = []

    def _integer_only(self, node: cst.BaseExpression) -> bool:
        """Whether ``node``'s value is (in arithmetic that gave an int only from ints) a ``range``
        argument or a slice bound."""
        parent = self.get_metadata(ParentNodeProvider, node, None)
        while (
            isinstance(parent, cst.BinaryOperation) and isinstance(parent.operator, _ARITHMETIC)
        ) or (isinstance(parent, cst.UnaryOperation) and isinstance(parent.operator, cst.Minus)):
            node, parent = parent, self.get_metadata(ParentNodeProvider, parent, None)
        if isinstance(parent, cst.Slice):
            return node in (parent.lower, parent.upper)
        if isinstance(parent, cst.Arg) and parent.value is node and not parent.star:
            call = self.get_metadata(ParentNodeProvider, parent, None)
            if isinstance(call, cst.Call) and parent.keyword is None:
                names = {q.name for q in self.get_metadata(QualifiedNameProvider, call.func, set())}
                return names == {"builtins.range"}
        return False

    def leave_BinaryOperation(
        self, original_node: cst.BinaryOperation, updated_node: cst.BinaryOperation
    ) -> cst.BinaryOperation:
        if not isinstance(original_node.operator, cst.Divide):
            return updated_node
        if not self._integer_only(original_node):
            return updated_node
        start = self.get_metadata(PositionProvider, original_node.operator).start
        self.changes.append(
            (
                start.line,
                start.column + 1,
                PY2_FIXED,
                "Python 2's / of two ints was floor division, and only an int is accepted here "
                "(a range() argument or a slice bound): changed to //",
            )
        )
        operator = updated_node.operator
        return updated_node.with_changes(
            operator=cst.FloorDivide(
                whitespace_before=operator.whitespace_before,
                whitespace_after=operator.whitespace_after,
            )
        )


def _true_division(module: cst.Module) -> bool:
    """Whether ``module`` imports ``division`` from ``__future__``."""
    for statement in module.body:
        if not isinstance(statement, cst.SimpleStatementLine):
            continue
        for item in statement.body:
            if (
                isinstance(item, cst.ImportFrom)
                and isinstance(item.module, cst.Name)
                and item.module.value == "__future__"
                and not isinstance(item.names, cst.ImportStar)
                and any(
                    isinstance(a.name, cst.Name) and a.name.value == "division" for a in item.names
                )
            ):
                return True
    return False


def fix_integer_division(source: bytes) -> tuple[bytes, list[Change]]:
    """``/`` -> ``//`` in the ``range`` arguments and slice bounds of a Python 2 ``source``.

    Returns:
        The new source and its changes, (line, col, code, message), positioned in ``source``.
    """
    if b"/" not in source:
        return source, []
    module = cst.parse_module(source)
    if _true_division(module):
        return source, []
    transformer = _IntegerDivision()
    new = MetadataWrapper(module).visit(transformer)
    if not transformer.changes:
        return source, []
    return new.bytes, transformer.changes
