"""TF1's ``tf.nn.softmax_cross_entropy_with_logits`` passed as a value (a ``--full`` step, before
TensorFlow's upgrader).

TF1's ``softmax_cross_entropy_with_logits`` did not backpropagate into ``labels`` (TF 1.5 added
``softmax_cross_entropy_with_logits_v2``, which does; TF 2 gave that one the old name). The
upgrader turns each call into TF 2's with ``labels=tf.stop_gradient(labels)``, TF1's result, but
leaves the function passed as a value (``self._loss_function =
tf.nn.softmax_cross_entropy_with_logits``, then ``self._loss_function(**loss_args)``;
``functools.partial(tf.nn.softmax_cross_entropy_with_logits, ...)``; a default argument), which
then ran TF 2's: labels computed from trainable variables (soft targets, distillation) silently
got gradients, and TF1's ``dim=`` keyword raised. Such a reference (``<tf>.nn.`` of the file's
TensorFlow import) becomes ``<tf>.compat.v1.nn.softmax_cross_entropy_with_logits``, TF1's function
(L2T010). Calls are left to the upgrader; a file importing ``tensorflow.compat.v1`` already reads
TF1's.
"""

from __future__ import annotations

import libcst as cst
from libcst.metadata import ParentNodeProvider, PositionProvider, QualifiedNameProvider

from legacy2tf2.migrator import analysis
from legacy2tf2.migrator.compat_names import tensorflow_module
from legacy2tf2.migrator.findings import PRE_1_0_CALL

#: (line, col, code, message), 1-based, in the input.
Change = tuple[int, int, str, str]

_NAME = "softmax_cross_entropy_with_logits"
_QUALIFIED = f"tensorflow.nn.{_NAME}"
_MESSAGE = (
    f"tf.nn.{_NAME} passed as a value -> tf.compat.v1.nn.{_NAME}: TF1's function, which does "
    "not backpropagate into labels (TF 2's does; the upgrader converts only calls)"
)


class _LossValues(cst.CSTTransformer):
    METADATA_DEPENDENCIES = (QualifiedNameProvider, ParentNodeProvider, PositionProvider)

    def __init__(self, tensorflow: str) -> None:
        super().__init__()
        self.changes: list[Change] = []
        self._tensorflow = tensorflow

    def _is_value(self, node: cst.Attribute) -> bool:
        parent = self.get_metadata(ParentNodeProvider, node, None)
        return not (isinstance(parent, cst.Call) and parent.func is node)

    def leave_Attribute(
        self, original_node: cst.Attribute, updated_node: cst.Attribute
    ) -> cst.BaseExpression:
        if original_node.attr.value != _NAME or not self._is_value(original_node):
            return updated_node
        nn = original_node.value
        if not (
            isinstance(nn, cst.Attribute)
            and nn.attr.value == "nn"
            and isinstance(nn.value, cst.Name)
            and nn.value.value == self._tensorflow
        ):
            return updated_node
        names = {q.name for q in self.get_metadata(QualifiedNameProvider, original_node, set())}
        if names != {_QUALIFIED}:
            return updated_node
        start = self.get_metadata(PositionProvider, original_node).start
        self.changes.append((start.line, start.column + 1, PRE_1_0_CALL, _MESSAGE))
        compat = cst.Attribute(cst.Attribute(nn.value, cst.Name("compat")), cst.Name("v1"))
        return updated_node.with_changes(value=cst.Attribute(compat, cst.Name("nn")))


def fix_loss_values(source: bytes) -> tuple[bytes, list[Change]]:
    """``tf.nn.softmax_cross_entropy_with_logits`` used as a value -> TF1's
    ``tf.compat.v1.nn.softmax_cross_entropy_with_logits`` (see the module docstring).

    Returns the new source (``source`` itself when nothing changed) and every change as
    (line, col, code, message), positioned in ``source``.
    """
    if _NAME.encode() not in source:
        return source, []
    module = analysis.parse(source)
    tensorflow = tensorflow_module(module)
    if tensorflow is None or tensorflow[1]:
        return source, []
    transformer = _LossValues(tensorflow[0])
    new = analysis.wrapper(module).visit(transformer)
    if not transformer.changes:
        return source, []
    return new.bytes, sorted(transformer.changes)
