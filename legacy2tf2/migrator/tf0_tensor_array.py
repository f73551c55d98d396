"""TF 0.x's ``TensorArray.pack()`` and ``.unpack(value)``, renamed ``stack``/``unstack`` in TF 1.0.

TF 0.x programs wrote their own recurrent loops with ``tf.while_loop`` over ``TensorArray``s, as
TF's own ``dynamic_rnn`` did: ``input_ta = input_ta.unpack(inputs)`` before the loop,
``outputs = output_ta.pack()`` after it. TF 1.0 renamed the two methods (the module functions
``tf.pack``/``tf.unpack`` are :mod:`legacy2tf2.migrator.pre1_0`'s); on TF 2 the old names raise
``AttributeError: 'TensorArray' object has no attribute 'unpack'``. The methods did the same under
both names, so ``x.pack(...)`` becomes ``x.stack(...)`` and ``x.unpack(...)`` ``x.unstack(...)``
(L2T010) where ``x`` is certainly a TensorArray: within one top-level function (or the module's
own statements) a name assigned

- a ``TensorArray(...)`` of TensorFlow (``tf.TensorArray``, ``tensor_array_ops.TensorArray``);
- what a TensorArray's ``write``/``unpack``/``unstack``/``scatter``/``split`` returned (a
  TensorArray again);
- the element of a ``tf.while_loop(cond, body, loop_vars)`` result unpacked into names whose
  loop variable (a list or tuple literal, or a name assigned one) is such a name.

Any other ``.pack()`` (a Tkinter widget's, a ``struct.Struct``'s) is left as it is.
"""

from __future__ import annotations

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider, QualifiedNameProvider

from legacy2tf2.migrator import analysis
from legacy2tf2.migrator.findings import PRE_1_0_CALL

_RENAMED = {"pack": "stack", "unpack": "unstack"}
#: TensorArray methods that return a TensorArray.
_RETURNS_ARRAY = frozenset({"write", "unpack", "unstack", "scatter", "split", "identity"})
_WHILE_LOOPS = frozenset(
    {
        "tensorflow.while_loop",
        "tensorflow.python.ops.control_flow_ops.while_loop",
        "tensorflow.compat.v1.while_loop",
    }
)

Change = tuple[int, int, str, str]


def _is_tensor_array(names: set[str]) -> bool:
    return any(n.startswith("tensorflow.") and n.endswith(".TensorArray") for n in names)


class _Arrays(cst.CSTVisitor):
    """The names each top-level function (and the module's own statements) assign a TensorArray."""

    METADATA_DEPENDENCIES = (QualifiedNameProvider,)

    def __init__(self) -> None:
        super().__init__()
        self.scopes: dict[cst.CSTNode, set[str]] = {}
        self.sequences: dict[cst.CSTNode, dict[str, list[cst.BaseExpression]]] = {}
        self.owner: cst.CSTNode | None = None
        self.depth = 0
        self.changed = False

    @property
    def arrays(self) -> set[str]:
        assert self.owner is not None
        return self.scopes.setdefault(self.owner, set())

    def visit_Module(self, node: cst.Module) -> None:
        self.module = node
        self.owner = node

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        if self.depth == 0:
            self.owner = node
        self.depth += 1

    def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
        self.depth -= 1
        if self.depth == 0:
            self.owner = self.module

    def _names(self, node: cst.CSTNode) -> set[str]:
        return {q.name for q in self.get_metadata(QualifiedNameProvider, node, set())}

    def _is_array(self, value: cst.BaseExpression) -> bool:
        if isinstance(value, cst.Name):
            return value.value in self.arrays
        if not isinstance(value, cst.Call):
            return False
        func = value.func
        if isinstance(func, cst.Attribute) and func.attr.value in _RETURNS_ARRAY:
            return self._is_array(func.value)
        return _is_tensor_array(self._names(func))

    def _add(self, name: str) -> None:
        if name not in self.arrays:
            self.arrays.add(name)
            self.changed = True

    def _loop_targets(self, targets: cst.BaseExpression, call: cst.Call) -> None:
        if not _WHILE_LOOPS & self._names(call.func) or not isinstance(targets, cst.Tuple):
            return
        keyword = [a.value for a in call.args if a.keyword and a.keyword.value == "loop_vars"]
        positional = [a.value for a in call.args if a.keyword is None and not a.star]
        loop_vars = keyword[0] if keyword else positional[2] if len(positional) > 2 else None
        assert self.owner is not None
        if isinstance(loop_vars, cst.Name):
            elements = self.sequences.get(self.owner, {}).get(loop_vars.value)
        elif isinstance(loop_vars, (cst.List, cst.Tuple)):
            elements = [e.value for e in loop_vars.elements]
        else:
            elements = None
        if elements is None or len(elements) != len(targets.elements):
            return
        for element, target in zip(elements, targets.elements, strict=True):
            if isinstance(target.value, cst.Name) and self._is_array(element):
                self._add(target.value.value)

    def visit_Assign(self, node: cst.Assign) -> None:
        value = node.value
        for target in node.targets:
            name = target.target
            if isinstance(name, cst.Name):
                if isinstance(value, (cst.List, cst.Tuple)):
                    assert self.owner is not None
                    elements = [e.value for e in value.elements]
                    self.sequences.setdefault(self.owner, {})[name.value] = elements
                elif self._is_array(value):
                    self._add(name.value)
            elif isinstance(value, cst.Call):
                self._loop_targets(name, value)


class _Renames(cst.CSTTransformer):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(self, scopes: dict[cst.CSTNode, set[str]]) -> None:
        super().__init__()
        self.scopes = scopes
        self.stack: list[set[str]] = []
        self.changes: list[Change] = []

    def visit_Module(self, node: cst.Module) -> None:
        self.stack.append(self.scopes.get(node, set()))

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.stack.append(self.scopes.get(node, self.stack[-1]))

    def leave_FunctionDef(
        self, original_node: cst.FunctionDef, updated_node: cst.FunctionDef
    ) -> cst.FunctionDef:
        self.stack.pop()
        return updated_node

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
        func = updated_node.func
        if not isinstance(func, cst.Attribute) or func.attr.value not in _RENAMED:
            return updated_node
        receiver = func.value
        if not isinstance(receiver, cst.Name) or receiver.value not in self.stack[-1]:
            return updated_node
        method = func.attr.value
        start = self.get_metadata(PositionProvider, original_node).start
        message = (
            f"pre-1.0 TensorArray.{method} renamed to {_RENAMED[method]} "
            f"(`{receiver.value}` is a TensorArray)"
        )
        self.changes.append((start.line, start.column + 1, PRE_1_0_CALL, message))
        return updated_node.with_changes(func=func.with_changes(attr=cst.Name(_RENAMED[method])))


def _scopes(wrapper: MetadataWrapper) -> dict[cst.CSTNode, set[str]]:
    """Each top-level function's (and the module's own statements') TensorArray names."""
    visitor = _Arrays()
    visitor.changed = True
    while visitor.changed:  # a name may be assigned from one assigned later in the text
        visitor.changed = False
        wrapper.visit(visitor)
    return visitor.scopes


def fix_tensor_array_methods(source: bytes) -> tuple[bytes, list[Change]]:
    """Rename TF 0.x's ``pack``/``unpack`` of the TensorArrays of ``source`` to TF 1.0's names.

    Returns:
        The new source and its changes, (line, col, code, message), positioned in ``source``.
    """
    if b"TensorArray" not in source or (b".pack(" not in source and b".unpack(" not in source):
        return source, []
    wrapper = analysis.wrapper(analysis.parse(source))
    scopes = _scopes(wrapper)
    if not any(scopes.values()):
        return source, []
    transformer = _Renames(scopes)
    new = wrapper.visit(transformer)
    if not transformer.changes:
        return source, []
    return new.bytes, transformer.changes
