"""``"%f" % value`` of a value a TF1 session fetched (a ``--full`` step).

TF1 programs print what ``Session.run`` fetched with ``%`` formatting: ``output, states =
sess.run([output_op, states_op], feed)`` then ``print("prediction#%d, output: %f" % (epoch + 1,
output))``. A fetched tensor of shape ``[1, 1]`` (a prediction for a batch of one) is a
one-element array, which NumPy 1 converted to its number for ``%f``, ``%d``, ``%e``, ``%g``;
NumPy 2 (which TensorFlow 2.21 installs) raises ``TypeError: only 0-dimensional arrays can be
converted to Python scalars``.

Such an argument becomes ``value.item()`` (L2T015): the same number, as a Python number, for a
one-element array or a NumPy scalar (what ``%f`` formatted on NumPy 1), and an error, as NumPy 1
gave, for more elements. Only where it is certain:

- the left operand is a string literal whose conversions are positional (no ``%(name)s``, no
  ``*`` width), and the argument's conversion is a numeric one (``d i u e E f F g G``);
- the argument is a name every binding of which in its scope is one fetched value of
  ``S.run(...)``, ``S`` a TF1 session (a name or ``self.`` attribute assigned
  ``tf.compat.v1.Session(...)``, ``InteractiveSession(...)`` or ``get_default_session()``, or a
  ``with ... as`` name of one): ``x = sess.run(t)`` (a single fetch, not a list) or ``a, b =
  sess.run([t, u])`` (a list of as many fetches, each not itself a list, tuple or dict).
"""

from __future__ import annotations

import re

import libcst as cst
from libcst.metadata import (
    PositionProvider,
    QualifiedNameProvider,
    ScopeProvider,
)

from legacy2tf2.migrator import analysis
from legacy2tf2.migrator.findings import NUMPY2_FIXED

Change = tuple[int, int, str, str]

_SESSIONS = frozenset(
    f"tensorflow.{version}{name}"
    for version in ("", "compat.v1.")
    for name in ("Session", "InteractiveSession", "get_default_session")
)
#: One ``%`` conversion: an optional mapping key, flags, width, precision, length, type.
_CONVERSION = re.compile(r"%(\([^)]*\))?[#0\- +]*(\*|\d+)?(?:\.(\*|\d+))?[hlL]?(.)", re.DOTALL)
#: Conversions that read their argument as a number (NumPy 1 took a one-element array there).
_NUMERIC = frozenset("diueEfFgG")


def _conversions(literal: cst.BaseExpression) -> list[str] | None:
    """The conversion types of a str literal's ``%`` format, in order; None when it is not a
    plain positional format (bytes, an f-string, a mapping key, a ``*`` width)."""
    if isinstance(literal, cst.ConcatenatedString):
        left, right = _conversions(literal.left), _conversions(literal.right)
        return None if left is None or right is None else left + right
    if not isinstance(literal, cst.SimpleString) or "b" in literal.prefix.lower():
        return None
    value = literal.evaluated_value
    if not isinstance(value, str):
        return None
    kinds = []
    for match in _CONVERSION.finditer(value):
        key, width, precision, kind = match.groups()
        if kind == "%":
            continue
        if key is not None or "*" in (width, precision):
            return None
        kinds.append(kind)
    return kinds


class _SessionNames(cst.CSTVisitor):
    """The names and ``self.`` attributes bound only to TF1 sessions."""

    METADATA_DEPENDENCIES = (QualifiedNameProvider,)

    def __init__(self) -> None:
        super().__init__()
        self.attributes: dict[str, bool] = {}

    def _is_session(self, node: cst.BaseExpression) -> bool:
        if not isinstance(node, cst.Call):
            return False
        names = {q.name for q in self.get_metadata(QualifiedNameProvider, node.func, set())}
        return bool(names) and names <= _SESSIONS

    def visit_Assign(self, node: cst.Assign) -> None:
        for target in node.targets:
            if isinstance(target.target, cst.Attribute):
                name = target.target.attr.value
                self.attributes[name] = self.attributes.get(name, True) and self._is_session(
                    node.value
                )


class _FetchedFormats(cst.CSTTransformer):
    METADATA_DEPENDENCIES = (PositionProvider, QualifiedNameProvider, ScopeProvider)

    def __init__(self, session_attributes: set[str]) -> None:
        super().__init__()
        self.changes: list[Change] = []
        self._session_attributes = session_attributes
        self._items: set[cst.Name] = set()

    def _is_session_call(self, node: cst.BaseExpression) -> bool:
        if not isinstance(node, cst.Call):
            return False
        names = {q.name for q in self.get_metadata(QualifiedNameProvider, node.func, set())}
        return bool(names) and names <= _SESSIONS

    def _is_session(self, node: cst.BaseExpression) -> bool:
        """``node`` is certainly a TF1 session."""
        if isinstance(node, cst.Attribute):
            return (
                isinstance(node.value, cst.Name)
                and node.value.value == "self"
                and node.attr.value in self._session_attributes
            )
        if self._is_session_call(node):
            return True
        if not isinstance(node, cst.Name):
            return False
        scope = self.get_metadata(ScopeProvider, node, None)
        if scope is None:
            return False
        bindings = list(scope[node.value])
        return bool(bindings) and all(self._binds_session(b.node) for b in bindings)

    def _binds_session(self, target: object) -> bool:
        parent = getattr(self, "_parents", {}).get(target)
        if isinstance(parent, cst.AsName):
            item = self._parents.get(parent)
            return isinstance(item, cst.WithItem) and self._is_session_call(item.item)
        if isinstance(parent, cst.AssignTarget):
            assign = self._parents.get(parent)
            return isinstance(assign, cst.Assign) and self._is_session_call(assign.value)
        return False

    def _fetched(self, target: object) -> bool:
        """``target`` (a Name being bound) holds one fetched value of a session's ``run``."""
        parent = self._parents.get(target)
        index = None
        if isinstance(parent, cst.Element):
            container = self._parents.get(parent)
            if not isinstance(container, (cst.Tuple, cst.List)):
                return False
            if any(isinstance(e, cst.StarredElement) for e in container.elements):
                return False
            index = [e.value for e in container.elements].index(target)  # type: ignore[arg-type]
            parent = self._parents.get(container)
            size = len(container.elements)
        if not isinstance(parent, cst.AssignTarget):
            return False
        assign = self._parents.get(parent)
        if not isinstance(assign, cst.Assign) or len(assign.targets) != 1:
            return False
        call = assign.value
        if not (
            isinstance(call, cst.Call)
            and isinstance(call.func, cst.Attribute)
            and call.func.attr.value == "run"
            and call.args
            and call.args[0].keyword in (None,)
            and not call.args[0].star
            and self._is_session(call.func.value)
        ):
            return False
        fetches = call.args[0].value
        listed = isinstance(fetches, (cst.List, cst.Tuple))
        if index is None:
            return not listed and not isinstance(fetches, cst.Dict)
        if not listed or len(fetches.elements) != size:  # type: ignore[union-attr]
            return False
        fetch = fetches.elements[index]  # type: ignore[union-attr]
        return not isinstance(fetch, cst.StarredElement) and not isinstance(
            fetch.value, (cst.List, cst.Tuple, cst.Dict, cst.Set)
        )

    def _fetched_name(self, node: cst.BaseExpression) -> bool:
        if not isinstance(node, cst.Name):
            return False
        scope = self.get_metadata(ScopeProvider, node, None)
        if scope is None:
            return False
        bindings = list(scope[node.value])
        return bool(bindings) and all(self._fetched(b.node) for b in bindings)

    def visit_Module(self, node: cst.Module) -> None:
        parents: dict[object, cst.CSTNode] = {}

        class _Parents(cst.CSTVisitor):
            def on_visit(self, child: cst.CSTNode) -> bool:
                for grandchild in child.children:
                    parents[grandchild] = child
                return True

        node.visit(_Parents())
        self._parents = parents

    def visit_BinaryOperation(self, node: cst.BinaryOperation) -> None:
        if not isinstance(node.operator, cst.Modulo):
            return
        kinds = _conversions(node.left)
        if kinds is None:
            return
        right = node.right
        if isinstance(right, cst.Tuple):
            if any(isinstance(e, cst.StarredElement) for e in right.elements):
                return
            arguments = [e.value for e in right.elements]
        else:
            arguments = [right]
        if len(arguments) != len(kinds):
            return
        for kind, argument in zip(kinds, arguments, strict=True):
            if kind in _NUMERIC and self._fetched_name(argument):
                assert isinstance(argument, cst.Name)
                self._items.add(argument)
                start = self.get_metadata(PositionProvider, argument).start
                self.changes.append(
                    (
                        start.line,
                        start.column + 1,
                        NUMPY2_FIXED,
                        f"'%{kind}' of {argument.value}, a value fetched by Session.run: NumPy 1 "
                        "formatted a one-element array as its number, NumPy 2 raises TypeError; "
                        f"took {argument.value}.item() (the same number; more elements raise, as "
                        "NumPy 1 did)",
                    )
                )

    def leave_Name(self, original_node: cst.Name, updated_node: cst.Name) -> cst.BaseExpression:
        if original_node not in self._items:
            return updated_node
        return cst.Call(func=cst.Attribute(value=updated_node, attr=cst.Name("item")))


def fix_fetched_formats(module: cst.Module) -> tuple[cst.Module, list[Change]]:
    """Take ``.item()`` of session-fetched values that a ``%`` format reads as numbers.

    Returns:
        The new module and its changes, (line, col, code, message), positioned in ``module``;
        lines are kept.
    """
    if "%" not in module.code or ".run(" not in module.code:
        return module, []
    wrapper = analysis.wrapper(module, unsafe_skip_copy=True)
    sessions = _SessionNames()
    wrapper.visit(sessions)
    attributes = {name for name, only in sessions.attributes.items() if only}
    transformer = _FetchedFormats(attributes)
    new = wrapper.visit(transformer)
    if not transformer.changes:
        return module, []
    return new, transformer.changes
