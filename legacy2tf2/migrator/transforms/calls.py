"""Calls: the pre-1.0 4th positional argument of the two loss functions, imports by string.

Before TensorFlow 1.0, ``sequence_loss(logits, targets, weights, num_decoder_symbols, ...)`` took
the vocabulary size 4th. TF 1.x moved ``average_across_timesteps`` into that slot, so old calls
kept running with the vocabulary size read as a truthy flag, which equals the default (True).
Dropping the argument keeps TF 1.x's behaviour and makes the call valid for the runtime.
A bool literal (or ``0``) in that slot is a deliberate ``average_across_timesteps`` and is kept.

``importlib.import_module("tensorflow.contrib.legacy_seq2seq")`` and ``__import__(...)`` cannot be
rewritten safely: they are left untouched and reported.
"""

from __future__ import annotations

import libcst as cst

from legacy2tf2.migrator import refs, renames
from legacy2tf2.migrator.findings import SEQUENCE_LOSS_ARG, UNSAFE_REFERENCE
from legacy2tf2.migrator.transforms.cell_input_size import RewriteCellInputSize
from legacy2tf2.migrator.transforms.loss_order import RewriteLossOrder
from legacy2tf2.migrator.transforms.positional_slots import RewritePositionalSlots

_IMPORTERS = frozenset({"importlib.import_module", "importlib.__import__"})


class RewriteCalls(RewriteCellInputSize, RewritePositionalSlots, RewriteLossOrder):
    """Drop the pre-1.0 ``num_decoder_symbols`` argument; report imports by string."""

    DESCRIPTION = "sequence_loss(l, t, w, vocab) -> sequence_loss(l, t, w)"

    def visit_Call(self, node: cst.Call) -> None:
        """Report ``importlib.import_module`` / ``__import__`` of a legacy module."""
        if not self._is_importer(node.func) or not node.args:
            return
        first = node.args[0].value
        if not isinstance(first, cst.SimpleString):
            return
        module = first.evaluated_value
        if not isinstance(module, str):
            return
        if refs.classify(renames.normalize(module)) is not None or module.startswith(
            renames.CONTRIB
        ):
            self.report(
                node,
                UNSAFE_REFERENCE,
                f"`{module}` is imported by a string; cannot be rewritten safely, change it by hand "
                "(legacy_seq2seq -> legacy2tf2.runtime.legacy_seq2seq, cells -> legacy2tf2.runtime.rnn_cell)",
            )

    def _is_importer(self, func: cst.BaseExpression) -> bool:
        if isinstance(func, cst.Name) and func.value == "__import__":
            return True
        return bool(self.resolver.qualified_names(func) & _IMPORTERS)

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.Call:
        """Drop a non-bool 4th positional argument of sequence_loss(_by_example); keep a pre-1.1
        ``MultiRNNCell([cell] * n)``'s weights per layer and a bidirectional RNN's per direction
        (:mod:`.repeated_cells`); drop a cell's
        TF 0.x-1.1 ``input_size`` (:mod:`.cell_input_size`); state a ``softmax_loss_function``'s
        positional order (:mod:`.loss_order`); report a value in a slot early TF 0.x read as
        another argument (:mod:`.positional_slots`)."""
        updated_node = self.keep_layer_weights(original_node, updated_node)
        updated_node = self.keep_direction_weights(original_node, updated_node)
        updated_node = self.drop_input_size(original_node, updated_node)
        updated_node = self._drop_vocabulary_size(original_node, updated_node)
        self.check_positional_slots(original_node)
        return self.state_loss_order(original_node, updated_node)

    def _drop_vocabulary_size(self, original_node: cst.Call, updated_node: cst.Call) -> cst.Call:
        if len(original_node.args) < 4:
            return updated_node
        ref = self.resolver.lookup(original_node.func)
        if ref is None or ref.name not in renames.PRE_1_0_FOURTH_ARG:
            return updated_node
        leading = original_node.args[:4]
        if any(arg.keyword is not None or arg.star for arg in leading):
            return updated_node
        fourth = leading[3].value
        if isinstance(fourth, cst.Name) and fourth.value in ("True", "False"):
            return updated_node  # a deliberate average_across_timesteps
        if isinstance(fourth, cst.Integer) and fourth.value == "0":
            return updated_node  # TF 1.x: False; no vocabulary has size 0
        code = cst.Module([]).code_for_node(fourth)
        self.report(leading[3], SEQUENCE_LOSS_ARG, fourth_argument_message(code, ref.name))
        self.edited = True
        args = list(updated_node.args)
        if len(args) == 4:
            args[2] = args[2].with_changes(comma=args[3].comma)
        del args[3]
        return updated_node.with_changes(args=args)


def fourth_argument_message(code: str, function: str) -> str:
    """The L2T004 message for the pre-1.0 4th argument ``code`` dropped from ``function`` (its
    qualified name)."""
    return (
        f"dropped `{code}`, the pre-1.0 4th positional argument (num_decoder_symbols) of "
        f"{function.rpartition('.')[2]}: TF 1.x read it as average_across_timesteps, and any "
        "non-zero value meant True, the default"
    )
