"""``np.array`` of rows whose lengths follow the data (a ``--full`` step).

TF1 programs turned their sentences into lists of token ids and kept them in a NumPy array, to pad
per batch later: ``np.array([list(map(vocab.get, s)) for s in sentences])``. NumPy before 1.24 made
an object array of such rows when their lengths differed (and the 2-D array when they did not);
NumPy 1.24 and later raise "setting an array element with a sequence. The requested array has an
inhomogeneous shape". Where the source shows the rows' lengths come from the data,
``np.array(rows)`` / ``np.asarray(rows)`` (no ``dtype``) becomes ``numpy1.array(rows)`` /
``numpy1.asarray(rows)`` of :mod:`legacy2tf2.runtime.numpy1` (L2T015), which gives NumPy's array
and, only where NumPy refuses the rows for their different lengths, NumPy 1's object array.

Rows whose lengths follow the data: a list comprehension (``[vocab[w] for w in line.split()]``),
``list(...)``, ``map``/``filter``/``sorted`` of something, ``s.split(...)``, a list display added
to one of these or to a name (``[GO_ID] + ids``), a slice or item of a list of such rows, or a name
bound only to such values in its scope. The array's argument is a list comprehension of such rows,
or a name bound in its scope only to one, or to ``[]`` and then given such rows by ``.append``.
Anything else (rows of unknown origin, a ``dtype`` given, a name also extended another way) is left
as it is: NumPy then raises as above when the rows differ, which says what happened.
"""

from __future__ import annotations

import libcst as cst
from libcst.metadata import (
    Assignment,
    ParentNodeProvider,
    PositionProvider,
    QualifiedNameProvider,
    Scope,
    ScopeProvider,
)

from legacy2tf2.migrator import analysis
from legacy2tf2.migrator.findings import NUMPY2_FIXED
from legacy2tf2.migrator.runtime_import import with_runtime_import

#: (line, col, code, message), 1-based.
Change = tuple[int, int, str, str]

_MODULE = "numpy1"
#: How many names and subscripts deep the rows are followed.
_DEPTH = 8
_FUNCTIONS = {"numpy.array": "array", "numpy.asarray": "asarray"}
#: Builtins whose list (or iterator) result is as long as the data they are given.
_DATA_LENGTH_BUILTINS = frozenset(
    {"builtins.list", "builtins.map", "builtins.filter", "builtins.sorted"}
)
_MESSAGE = (
    "np.{name}(rows) of rows whose lengths follow the data: NumPy < 1.24 made an object array of "
    "rows of different lengths, NumPy 1.24+ raises; changed to numpy1.{name}(rows), NumPy's "
    "array, or NumPy 1's object array where the rows differ"
)


class _Ragged(cst.CSTTransformer):
    METADATA_DEPENDENCIES = (
        PositionProvider,
        QualifiedNameProvider,
        ScopeProvider,
        ParentNodeProvider,
    )

    def __init__(self) -> None:
        super().__init__()
        self.changes: list[Change] = []

    # --- what the source tells of the rows ----------------------------------------------------

    def _qualified(self, node: cst.CSTNode) -> set[str]:
        return {q.name for q in self.get_metadata(QualifiedNameProvider, node, set())}

    def _values(self, name: cst.Name) -> list[cst.CSTNode] | None:
        """The values ``name`` is assigned in its scope (None: bound some other way)."""
        scope = self.get_metadata(ScopeProvider, name, None)
        if scope is None or name.value not in scope:
            return None
        values: list[cst.CSTNode] = []
        for assignment in scope[name.value]:
            if not isinstance(assignment, Assignment):
                return None
            parent = self.get_metadata(ParentNodeProvider, assignment.node, None)
            if isinstance(parent, cst.AssignTarget):
                statement = self.get_metadata(ParentNodeProvider, parent, None)
                if isinstance(statement, cst.Assign) and len(statement.targets) == 1:
                    values.append(statement.value)
                    continue
            return None
        return values or None

    def _row(self, node: cst.BaseExpression, depth: int = 0) -> bool:
        """Whether ``node`` makes one row whose length follows the data."""
        if depth > _DEPTH:
            return False
        if isinstance(node, cst.ListComp):
            return True
        if isinstance(node, cst.Call):
            if self._qualified(node.func) & _DATA_LENGTH_BUILTINS:
                return bool(node.args)
            return isinstance(node.func, cst.Attribute) and node.func.attr.value == "split"
        if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Add):
            sides = (node.left, node.right)
            return any(isinstance(s, cst.List) for s in sides) and any(
                self._row(s, depth + 1)
                or isinstance(s, (cst.Name, cst.Attribute, cst.Subscript, cst.Call))
                for s in sides
                if not isinstance(s, cst.List)
            )
        if isinstance(node, cst.Subscript) and len(node.slice) == 1:
            if isinstance(node.slice[0].slice, cst.Slice):  # a slice of a row
                return self._row(node.value, depth + 1)
            return self._rows(node.value, depth + 1)  # an item of a list of rows
        if isinstance(node, cst.Name):
            values = self._values(node)
            return values is not None and all(
                isinstance(v, cst.BaseExpression) and self._row(v, depth + 1) for v in values
            )
        return False

    def _rows(self, node: cst.BaseExpression, depth: int = 0) -> bool:
        """Whether ``node`` is a list of rows whose lengths follow the data."""
        if depth > _DEPTH:
            return False
        if isinstance(node, cst.ListComp):
            return self._row(node.elt, depth + 1)
        if (
            isinstance(node, cst.Subscript)
            and len(node.slice) == 1
            and isinstance(node.slice[0].slice, cst.Slice)
        ):
            return self._rows(node.value, depth + 1)  # a slice of a list of rows
        if not isinstance(node, cst.Name):
            return False
        values = self._values(node)
        if values is None:
            return False
        appended = self._appended(node)
        if appended is None:
            return False
        empty = [v for v in values if isinstance(v, cst.List) and not v.elements]
        built = [v for v in values if v not in empty]
        if not all(isinstance(v, cst.ListComp) and self._row(v.elt, depth + 1) for v in built):
            return False
        if empty and not appended:
            return False
        return all(self._row(item, depth + 1) for item in appended)

    def _appended(self, name: cst.Name) -> list[cst.BaseExpression] | None:
        """What ``name.append(x)`` adds to the list ``name`` is bound to; None where the list is
        also changed another way that may add rows (``extend``, ``+=``, ``insert``)."""
        scope: Scope | None = self.get_metadata(ScopeProvider, name, None)
        if scope is None:
            return None
        items: list[cst.BaseExpression] = []
        for assignment in scope[name.value]:
            for access in assignment.references:
                node = access.node
                parent = self.get_metadata(ParentNodeProvider, node, None)
                if isinstance(parent, cst.AugAssign):
                    return None
                if not (isinstance(parent, cst.Attribute) and parent.value is node):
                    continue
                call = self.get_metadata(ParentNodeProvider, parent, None)
                method = parent.attr.value
                if method == "append" and isinstance(call, cst.Call) and len(call.args) == 1:
                    items.append(call.args[0].value)
                elif method in {"extend", "insert", "__setitem__", "__iadd__"}:
                    return None
        return items

    # --- the calls ----------------------------------------------------------------------------

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
        names = self._qualified(original_node.func) & set(_FUNCTIONS)
        if len(names) != 1 or len(original_node.args) != 1:
            return updated_node
        arg = original_node.args[0]
        if arg.keyword is not None or arg.star or not self._rows(arg.value):
            return updated_node
        name = _FUNCTIONS[names.pop()]
        start = self.get_metadata(PositionProvider, original_node).start
        self.changes.append(
            (start.line, start.column + 1, NUMPY2_FIXED, _MESSAGE.format(name=name))
        )
        return updated_node.with_changes(func=cst.Attribute(cst.Name(_MODULE), cst.Name(name)))


def fix_ragged_arrays(source: bytes) -> tuple[bytes, list[Change]]:
    """``np.array(rows)`` of rows whose lengths follow the data -> ``numpy1.array(rows)``.

    Returns the new source (``source`` itself when nothing changed) and the changes, positioned
    in ``source`` (the new source may have the runtime import as a new line after the imports).
    """
    if b"array(" not in source or b"numpy" not in source:
        return source, []
    transformer = _Ragged()
    module = analysis.parse(source)
    new = analysis.wrapper(module).visit(transformer)
    if not transformer.changes:
        return source, []
    return with_runtime_import(new, _MODULE).bytes, sorted(transformer.changes)
