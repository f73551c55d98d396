"""Integral float dimensions in TF1 shapes (``tf.placeholder(tf.float32, [n, 1.])``; ``--full``).

TF1's ``Dimension`` took ``int(value)`` and refused only a value that changed
(tensorflow/python/framework/tensor_shape.py, TF 0.x to 1.15: ``self._value = int(value)``, then
"Ambiguous dimension" where ``self._value != value``), so a shape written with ``1.`` or ``2.0``
was the shape of ``1`` or ``2``. TF 2 refuses any float: "Dimension value must be integer or None
or have an __index__ method, got value '1.0'". A TF 0.6 forecaster's ``tf.placeholder(tf.float32,
[n_steps, 1.])`` stopped the program.

Where a shape that TF1 read through ``Dimension`` is written as a list or tuple literal, each
float literal of an integral value among its elements becomes that integer (L2T010): the
``shape`` of ``placeholder``, ``sparse_placeholder``, ``placeholder_with_default`` and
``get_variable`` (by keyword or in its positional slot, also through ``tf.compat.v1`` and
TensorFlow's internal modules). Other floats (``0.5``) stay: TF1 refused them too.
"""

from __future__ import annotations

import libcst as cst
from libcst.metadata import PositionProvider, QualifiedNameProvider

from legacy2tf2.migrator import analysis
from legacy2tf2.migrator.findings import PRE_1_0_CALL

#: Functions whose ``shape`` TF1 read as a ``TensorShape`` -> its positional index.
_SHAPES: dict[str, int] = {
    "placeholder": 1,
    "sparse_placeholder": 1,
    "placeholder_with_default": 1,
    "get_variable": 1,
}
_MODULES = (
    "tensorflow.",
    "tensorflow.compat.v1.",
    "tensorflow.python.ops.array_ops.",
    "tensorflow.python.ops.variable_scope.",
)

Change = tuple[int, int, str, str]


def _integral(node: cst.BaseExpression) -> str | None:
    """The integer a float literal such as ``1.`` or ``2.0`` stands for, or None."""
    if not isinstance(node, cst.Float):
        return None
    try:
        value = float(node.value.replace("_", ""))
    except ValueError:
        return None
    return str(int(value)) if value.is_integer() else None


class _FloatDimensions(cst.CSTTransformer):
    METADATA_DEPENDENCIES = (QualifiedNameProvider, PositionProvider)

    def __init__(self) -> None:
        super().__init__()
        self.changes: list[Change] = []

    def _function(self, call: cst.Call) -> str | None:
        for qualified in self.get_metadata(QualifiedNameProvider, call.func, set()):
            for module in _MODULES:
                last = qualified.name.removeprefix(module)
                if qualified.name.startswith(module) and last in _SHAPES:
                    return last
        return None

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.Call:
        function = self._function(original_node)
        if function is None:
            return updated_node
        args = list(updated_node.args)
        positional = [i for i, a in enumerate(args) if a.keyword is None and not a.star]
        slot = next(
            (i for i, a in enumerate(args) if a.keyword is not None and a.keyword.value == "shape"),
            None,
        )
        if slot is None and len(positional) > _SHAPES[function]:
            slot = positional[_SHAPES[function]]
        if slot is None or not isinstance(args[slot].value, (cst.List, cst.Tuple)):
            return updated_node
        shape = args[slot].value
        elements = list(shape.elements)  # type: ignore[attr-defined]
        changed = False
        for i, element in enumerate(elements):
            integer = _integral(element.value)
            if integer is not None:
                elements[i] = element.with_changes(value=cst.Integer(integer))
                changed = True
        if not changed:
            return updated_node
        args[slot] = args[slot].with_changes(value=shape.with_changes(elements=elements))
        start = self.get_metadata(PositionProvider, original_node).start
        self.changes.append(
            (
                start.line,
                start.column + 1,
                PRE_1_0_CALL,
                f"a float dimension in {function}'s shape (TF1 took int() of it, TF 2 refuses "
                "floats): written as the integer",
            )
        )
        return updated_node.with_changes(args=args)


def fix_float_dimensions(source: bytes) -> tuple[bytes, list[Change]]:
    """Write the integral float dimensions of ``source``'s TF1 shape literals as integers.

    Returns:
        The new source and its changes, (line, col, code, message), positioned in ``source``.
    """
    if b"placeholder" not in source and b"get_variable" not in source:
        return source, []
    transformer = _FloatDimensions()
    new = analysis.wrapper(analysis.parse(source)).visit(transformer)
    if not transformer.changes:
        return source, []
    return new.bytes, transformer.changes
