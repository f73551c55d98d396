"""TF1 functions whose TF 2 namesake computes something else, passed as values (a ``--full``
step, before TensorFlow's upgrader).

Some ``tf.nn`` functions kept their names in TF 2 with another meaning, and only their calls are
converted (by ``tf_upgrade_v2`` or our own passes):

- ``tf.nn.dropout(x, keep_prob)``: TF 2's second parameter is ``rate``, the fraction dropped; the
  upgrader writes ``rate=1 - (keep_prob)`` into calls. Passed as a value (``drop = tf.nn.dropout``,
  then ``drop(x, 0.8)``) it silently dropped 80% instead of 20%, and ``keep_prob=`` raised.
- ``tf.nn.softmax_cross_entropy_with_logits``: TF1's did not backpropagate into ``labels`` (TF
  1.5 added ``_v2``, which does; TF 2 gave that one the old name); the upgrader gives calls
  ``labels=tf.stop_gradient(labels)``. Passed as a value (``self._loss_function =
  tf.nn.softmax_cross_entropy_with_logits``, then ``self._loss_function(**loss_args)``;
  ``functools.partial(...)`` of it; a default argument) it ran TF 2's: labels computed from
  trainable variables (soft targets, distillation) silently got gradients, and ``dim=`` raised.

- ``tf.nn.embedding_lookup``, ``embedding_lookup_sparse``, ``sampled_softmax_loss``, ``nce_loss``:
  TF1's sharded a list of tables ``'mod'`` by default, TF 2's ``'div'`` (other rows for the same
  ids) and has no ``partition_strategy``; calls get TF1's spelling in :mod:`.pre1_0`.

Such a reference (``<tf>.nn.`` of the file's TensorFlow import, not a call's function) becomes
``<tf>.compat.v1.nn.<name>``, TF1's function (L2T010). A file importing ``tensorflow.compat.v1``
already reads TF1's.
"""

from __future__ import annotations

import libcst as cst
from libcst.metadata import ParentNodeProvider, PositionProvider, QualifiedNameProvider

from legacy2tf2.migrator import analysis
from legacy2tf2.migrator.compat_names import tensorflow_module
from legacy2tf2.migrator.findings import PRE_1_0_CALL

#: (line, col, code, message), 1-based, in the input.
Change = tuple[int, int, str, str]

_PARTITIONED = (
    "whose partition_strategy defaults to 'mod' (TF 2's has none and shards a list of tables 'div')"
)
#: ``tf.nn`` functions whose TF 2 namesake differs -> what TF1's did that TF 2's does not. The
#: sharded-table functions are those :mod:`.pre1_0` gives TF1's spelling where they are called.
_FUNCTIONS: dict[str, str] = {
    "dropout": "whose second argument is keep_prob (TF 2's is rate, the fraction dropped)",
    "softmax_cross_entropy_with_logits": "which does not backpropagate into labels (TF 2's does)",
    **{name: _PARTITIONED for name in ("embedding_lookup", "embedding_lookup_sparse")},
    **{name: _PARTITIONED for name in ("sampled_softmax_loss", "nce_loss")},
}


class _V1Values(cst.CSTTransformer):
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
        name = original_node.attr.value
        if name not in _FUNCTIONS or not self._is_value(original_node):
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
        if names != {f"tensorflow.nn.{name}"}:
            return updated_node
        start = self.get_metadata(PositionProvider, original_node).start
        message = (
            f"tf.nn.{name} passed as a value -> tf.compat.v1.nn.{name}: TF1's function, "
            f"{_FUNCTIONS[name]}; the upgrader converts only calls"
        )
        self.changes.append((start.line, start.column + 1, PRE_1_0_CALL, message))
        compat = cst.Attribute(cst.Attribute(nn.value, cst.Name("compat")), cst.Name("v1"))
        return updated_node.with_changes(value=cst.Attribute(compat, cst.Name("nn")))


def fix_v1_function_values(source: bytes) -> tuple[bytes, list[Change]]:
    """``tf.nn.dropout``, ``softmax_cross_entropy_with_logits``, ``embedding_lookup``, ... used as
    values -> TF1's ``tf.compat.v1.nn.`` functions (see the module docstring).

    Returns the new source (``source`` itself when nothing changed) and every change as
    (line, col, code, message), positioned in ``source``.
    """
    if not any(name.encode() in source for name in _FUNCTIONS):
        return source, []
    module = analysis.parse(source)
    tensorflow = tensorflow_module(module)
    if tensorflow is None or tensorflow[1]:
        return source, []
    transformer = _V1Values(tensorflow[0])
    new = analysis.wrapper(module).visit(transformer)
    if not transformer.changes:
        return source, []
    return new.bytes, sorted(transformer.changes)
