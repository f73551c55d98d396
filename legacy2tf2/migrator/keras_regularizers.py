"""Keras regularizers in a program of TF1's reference variables read the variables' values.

``tf_upgrade_v2`` turns TF1's ``tf.contrib.layers.l1_regularizer``/``l2_regularizer``/
``l1_l2_regularizer`` into ``tf.keras.regularizers.l1``/``l2``/``l1_l2``. In a graph-mode program
``rewrite --full`` makes TF1's reference variables again (``disable_resource_variables()``), and
Keras 3's regularizers refuse those ("Invalid dtype: float32_ref"), so a ``get_variable(...,
regularizer=...)`` stopped the program. Each such call (and a program's own
``tf.keras.regularizers`` call) is wrapped in the runtime's
:func:`~legacy2tf2.runtime.layers_v1.regularizer_on_values`, which hands the regularizer the
variable's value, as TF1's regularizers read it; a tensor passes through unchanged.
"""

from __future__ import annotations

import libcst as cst
from libcst.metadata import PositionProvider, QualifiedNameProvider

from legacy2tf2.migrator import analysis
from legacy2tf2.migrator.findings import PRE_1_0_CALL
from legacy2tf2.migrator.runtime_import import with_runtime_import

#: (line, col, code, message), 1-based.
Change = tuple[int, int, str, str]

_MODULE = "layers_v1"
#: The runtime function (in ``layers_v1``) the calls are wrapped in.
WRAPPER = "regularizer_on_values"
_FUNCTIONS = frozenset({"l1", "l2", "l1_l2", "L1", "L2", "L1L2"})
_PACKAGES = ("tensorflow.keras.regularizers.", "tensorflow.compat.v1.keras.regularizers.")
_MESSAGE = (
    "{name}(...) wrapped in layers_v1.regularizer_on_values: Keras 3's regularizers refuse TF1's "
    "reference variables, which this graph-mode program makes; it is given the variable's value, "
    "as TF1's regularizers read it"
)


class _Regularizers(cst.CSTTransformer):
    METADATA_DEPENDENCIES = (QualifiedNameProvider, PositionProvider)

    def __init__(self) -> None:
        super().__init__()
        self.changes: list[Change] = []
        self._wrapped = 0

    def visit_Call(self, node: cst.Call) -> None:
        if self._is_wrapper(node):
            self._wrapped += 1

    def _is_wrapper(self, node: cst.Call) -> bool:
        func = node.func
        return isinstance(func, cst.Attribute) and func.attr.value == WRAPPER

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
        if self._is_wrapper(original_node):
            self._wrapped -= 1
            return updated_node
        if self._wrapped or not isinstance(original_node.func, (cst.Name, cst.Attribute)):
            return updated_node  # already given the value (a second --full); l2(...)(w)'s call
        names = {
            q.name for q in self.get_metadata(QualifiedNameProvider, original_node.func, set())
        }
        found = [
            name.removeprefix(package)
            for name in names
            for package in _PACKAGES
            if name.startswith(package) and name.removeprefix(package) in _FUNCTIONS
        ]
        if len(found) != 1 or len(names) != 1:
            return updated_node
        start = self.get_metadata(PositionProvider, original_node).start
        message = _MESSAGE.format(name=f"regularizers.{found[0]}")
        self.changes.append((start.line, start.column + 1, PRE_1_0_CALL, message))
        wrapper = cst.Attribute(cst.Name(_MODULE), cst.Name(WRAPPER))
        return cst.Call(wrapper, [cst.Arg(updated_node)])


def fix_keras_regularizers(source: bytes) -> tuple[bytes, list[Change]]:
    """Wrap the program's Keras regularizer calls in ``layers_v1.regularizer_on_values``.

    Only for a program of reference variables (``--full`` calls it where it added graph mode).
    Returns the new source (``source`` itself when nothing changed) and the changes, positioned
    in ``source`` (the new source may have the runtime import as a new line after the imports).
    """
    if b"regularizers" not in source:
        return source, []
    transformer = _Regularizers()
    new = analysis.wrapper(analysis.parse(source)).visit(transformer)
    if not transformer.changes:
        return source, []
    return with_runtime_import(new, _MODULE).bytes, sorted(transformer.changes)
