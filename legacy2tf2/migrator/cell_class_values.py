"""TF 0.x-1.1 cell classes passed as values, called later with ``input_size`` (``--full``).

Up to TF 1.1 ``BasicRNNCell(num_units, input_size=None, activation=tanh)`` and ``GRUCell`` alike,
``BasicLSTMCell(num_units, forget_bias, input_size, state_is_tuple, ...)`` and
``LSTMCell(num_units, input_size, use_peepholes, ...)`` took an ``input_size`` they ignored (with
a deprecation warning). Where the program calls the class itself, the rewrite drops it
(:mod:`.transforms.cell_input_size`); where it passes the class on (``cell_fn =
rnn_cell.GRUCell``, then ``cell_fn(n_hidden, input_size)`` in another function or class), the
call cannot be seen, and TF 1.2+'s (and the runtime's) second parameter, ``activation``, received
the size and raised.

In a file certainly written for TF 1.1 or earlier (:mod:`.era`, the program's files included), a
runtime cell class used as a value becomes ``<class>.tf0``: a classmethod of the runtime class that
takes those versions' positional arguments and drops ``input_size``, so the cell is the one TF 0.x
made wherever the value is called. Calls of the class, base classes, ``isinstance`` tests,
attributes (``GRUCell.__init__``) and ``<class>.tf0`` values made by :mod:`.tf0_state` stay, and
so does a class assigned to a name that its scope only calls with the number of units
(``cell_fn(args.rnn_size)``, the same cell in every version).
"""

from __future__ import annotations

import libcst as cst
from libcst.metadata import (
    ParentNodeProvider,
    PositionProvider,
    QualifiedNameProvider,
    ScopeProvider,
)

from legacy2tf2.migrator import analysis, era
from legacy2tf2.migrator.findings import PRE_1_0_CALL
from legacy2tf2.migrator.renames import RUNTIME_RNN_CELL

#: The runtime cells whose TF 0.x-1.1 constructors took ``input_size``: each has ``tf0``.
CLASSES: frozenset[str] = frozenset(
    f"{RUNTIME_RNN_CELL}.{name}"
    for name in ("BasicRNNCell", "GRUCell", "BasicLSTMCell", "LSTMCell")
)
#: The versions whose cells took ``input_size``.
INPUT_SIZE_ERAS = (era.PRE_1_0, era.V1_0, era.V1_1)
_TYPE_TESTS = frozenset({"isinstance", "issubclass"})

Change = tuple[int, int, str, str]


class _Values(cst.CSTTransformer):
    METADATA_DEPENDENCIES = (
        QualifiedNameProvider,
        PositionProvider,
        ParentNodeProvider,
        ScopeProvider,
    )

    def __init__(self, reason: str) -> None:
        super().__init__()
        self.changes: list[Change] = []
        self._reason = reason

    def _cell(self, node: cst.CSTNode) -> str | None:
        names = {q.name for q in self.get_metadata(QualifiedNameProvider, node, set())}
        return next(iter(names)) if len(names) == 1 and names <= CLASSES else None

    def _value(self, node: cst.CSTNode) -> bool:
        """Whether ``node`` (a reference to a cell class) is used as a value, not as a call's
        function, a base class, a type test's class, an attribute's object or a binding."""
        parent = self.get_metadata(ParentNodeProvider, node, None)
        if isinstance(parent, cst.Call) and parent.func is node:
            return False
        if isinstance(parent, cst.Attribute):
            return False  # GRUCell.__init__, GRUCell.tf0; the GRUCell of rnn_cell.GRUCell
        if isinstance(parent, cst.Arg):
            owner = self.get_metadata(ParentNodeProvider, parent, None)
            if isinstance(owner, cst.ClassDef):
                return False
            if isinstance(owner, cst.Call) and isinstance(owner.func, cst.Name):
                return owner.func.value not in _TYPE_TESTS
        if isinstance(parent, (cst.Tuple, cst.Element)):  # isinstance(c, (A, B))
            return False
        return not isinstance(parent, (cst.ImportAlias, cst.AssignTarget, cst.ClassDef))

    def _called_with_units_only(self, node: cst.CSTNode) -> bool:
        """Whether ``node`` is assigned (alone or as a branch of ``a if c else b``) to a name whose
        every use in its scope is a call passing at most one argument by position."""
        parent = self.get_metadata(ParentNodeProvider, node, None)
        while isinstance(parent, cst.IfExp) and node is not parent.test:
            node, parent = parent, self.get_metadata(ParentNodeProvider, parent, None)
        if not (
            isinstance(parent, cst.Assign)
            and len(parent.targets) == 1
            and isinstance(parent.targets[0].target, cst.Name)
        ):
            return False
        name = parent.targets[0].target.value
        scope = self.get_metadata(ScopeProvider, parent, None)
        if scope is None or not scope.accesses[name]:
            return False
        for access in scope.accesses[name]:
            call = self.get_metadata(ParentNodeProvider, access.node, None)
            if not isinstance(call, cst.Call) or call.func is not access.node:
                return False
            if any(a.star for a in call.args) or sum(a.keyword is None for a in call.args) > 1:
                return False
        return True

    def _reference(self, original: cst.BaseExpression, updated: cst.BaseExpression):
        cell = self._cell(original)
        if cell is None or not self._value(original) or self._called_with_units_only(original):
            return updated
        short = cell.rpartition(".")[2]
        start = self.get_metadata(PositionProvider, original).start
        message = (
            f"{short} used as a value became {short}.tf0, the class called with TF 0.x-1.1's "
            f"arguments: up to TF 1.1, which this file is written for ({self._reason}), its "
            f"constructor took an input_size it ignored, which TF 1.2+ and the runtime read as "
            f"the next parameter"
        )
        self.changes.append((start.line, start.column + 1, PRE_1_0_CALL, message))
        return cst.Attribute(value=updated, attr=cst.Name("tf0"))

    def leave_Attribute(
        self, original_node: cst.Attribute, updated_node: cst.Attribute
    ) -> cst.BaseExpression:
        return self._reference(original_node, updated_node)

    def leave_Name(self, original_node: cst.Name, updated_node: cst.Name) -> cst.BaseExpression:
        return self._reference(original_node, updated_node)


def fix_cell_class_values(
    module: cst.Module, original: cst.Module
) -> tuple[cst.Module, list[Change]]:
    """Make the runtime cell classes a TF 0.x-1.1 program passes as values take ``input_size``.

    Args:
        module: the source after our rewrite (its cells are the runtime's).
        original: the source as the user wrote it, whose evidence tells its TensorFlow version.

    Returns:
        The new module and its changes, (line, col, code, message), positioned in ``module``.
    """
    if b"legacy2tf2.runtime" not in module.bytes:
        return module, []
    report = era.detect_era(original)
    if report.conflicting or report.only(INPUT_SIZE_ERAS) is not True:
        return module, []
    values = _Values(report.describe())
    new = analysis.wrapper(module).visit(values)
    return (new, values.changes) if values.changes else (module, [])
