"""Calls: the TF 0.7 4th positional argument of the two loss functions, imports by string.

Up to TensorFlow 0.7, ``sequence_loss(logits, targets, weights, num_decoder_symbols, ...)`` took
the vocabulary size 4th; from 0.8 that slot is ``average_across_timesteps``, and old calls kept
running with the vocabulary size read as a truthy flag, which equals the default (True). So:

- with four positional arguments, the 4th means the same in every version (a vocabulary size is
  never 0, and the runtime reads the flag by truth value as TF1 did): a non-zero int literal is
  dropped (reported L2T004), anything else is kept as it is (a variable holding ``False`` is a
  deliberate ``average_across_timesteps=False``);
- with more positional arguments, the later ones shift with the version: they are kept where the
  file is certainly written for TF 1.0 or later (:mod:`legacy2tf2.migrator.era`), and the call is
  reported (L2T003) with its arguments left as they are otherwise.

``importlib.import_module("tensorflow.contrib.legacy_seq2seq")`` and ``__import__(...)`` cannot be
rewritten safely: they are left untouched and reported.
"""

from __future__ import annotations

from collections.abc import Callable

import libcst as cst

from legacy2tf2.migrator import era, refs, renames
from legacy2tf2.migrator.findings import SEQUENCE_LOSS_ARG, UNSAFE_REFERENCE
from legacy2tf2.migrator.transforms.cell_input_size import RewriteCellInputSize
from legacy2tf2.migrator.transforms.loss_order import RewriteLossOrder
from legacy2tf2.migrator.transforms.one2many_form import RewriteOne2ManyForm
from legacy2tf2.migrator.transforms.positional_slots import RewritePositionalSlots
from legacy2tf2.migrator.transforms.shared import leading_positional

_IMPORTERS = frozenset({"importlib.import_module", "importlib.__import__"})


class RewriteCalls(
    RewriteCellInputSize, RewritePositionalSlots, RewriteOne2ManyForm, RewriteLossOrder
):
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
        """Drop a vocabulary size literal in the 4th positional slot of sequence_loss(_by_example)
        (report one whose later arguments shift by version, see the module docstring); keep a pre-1.1
        ``MultiRNNCell([cell] * n)``'s weights per layer, a bidirectional RNN's per direction and
        an RNN function's own for a cell an earlier one ran (:mod:`.repeated_cells`); drop a cell's
        TF 0.x-1.1 ``input_size`` (:mod:`.cell_input_size`); state a ``softmax_loss_function``'s
        positional order (:mod:`.loss_order`); drop TF 0.5's vocabulary size from
        model_with_buckets and report a value in a slot early TF 0.x read as another argument
        (:mod:`.positional_slots`); split TF 1.0's one2many_rnn_seq2seq cell (:mod:`.one2many_form`)."""
        updated_node = self.keep_layer_weights(original_node, updated_node)
        updated_node = self.keep_direction_weights(original_node, updated_node)
        updated_node = self.keep_use_weights(original_node, updated_node)
        updated_node = self.drop_input_size(original_node, updated_node)
        updated_node = self._drop_vocabulary_size(original_node, updated_node)
        updated_node = self.drop_bucket_symbols(original_node, updated_node)
        self.check_positional_slots(original_node)
        updated_node = self.split_one2many_cell(original_node, updated_node)
        updated_node = self.keyword_dropout_seed(original_node, updated_node)
        return self.state_loss_order(original_node, updated_node)

    def _drop_vocabulary_size(self, original_node: cst.Call, updated_node: cst.Call) -> cst.Call:
        if len(original_node.args) < 4:
            return updated_node
        ref = self.resolver.lookup(original_node.func)
        if ref is None or ref.name not in renames.PRE_1_0_FOURTH_ARG:
            return updated_node
        positional = leading_positional(original_node)
        if positional < 4:
            return updated_node
        fourth = original_node.args[3].value
        literal: bool | int | None = None
        if isinstance(fourth, cst.Name) and fourth.value in ("True", "False"):
            literal = fourth.value == "True"
        elif isinstance(fourth, cst.Integer):
            literal = int(fourth.value, 0)
        action = fourth_argument_action(positional, literal, self._file_era)
        code = cst.Module([]).code_for_node(fourth)
        if action == REPORT:
            self.report(
                original_node.args[3], UNSAFE_REFERENCE, shifted_arguments_message(code, ref.name)
            )
            return updated_node
        if action == KEEP:
            return updated_node
        self.report(
            original_node.args[3], SEQUENCE_LOSS_ARG, fourth_argument_message(code, ref.name)
        )
        self.edited = True
        args = list(updated_node.args)
        if len(args) == 4:
            args[2] = args[2].with_changes(comma=args[3].comma)
        del args[3]
        return updated_node.with_changes(args=args)


KEEP, DROP, REPORT = "keep", "drop", "report"


def fourth_argument_action(
    positional: int, literal: bool | int | None, file_era: Callable[[], era.EraReport]
) -> str:
    """What the rewrite does with the 4th of ``positional`` (>= 4) leading positional arguments
    of ``sequence_loss``/``sequence_loss_by_example`` (see the module docstring).

    Args:
        positional: how many positional arguments lead the call.
        literal: the 4th argument's value when it is a bool or int literal, else None.
        file_era: the file's era report, asked only when the answer depends on it.
    """
    if isinstance(literal, bool) or literal == 0:
        return KEEP  # a deliberate average_across_timesteps in every version since 0.8
    if positional == 4:
        return KEEP if literal is None else DROP
    return KEEP if file_era().only((era.V1_0, era.V1_1, era.V1_2_PLUS)) else REPORT


def shifted_arguments_message(code: str, function: str) -> str:
    """The L2T003 message of a loss call whose arguments after the 4th (``code``) mean one thing
    up to TF 0.7 and another since."""
    name = function.rpartition(".")[2]
    return (
        f"`{code}`, the 4th positional argument of {name}, was num_decoder_symbols up to TF 0.7 "
        "and average_across_timesteps since, so the positional arguments after it mean "
        "another thing in each; the file's TensorFlow version cannot be told: pass them by "
        "keyword (the arguments are left as they are)"
    )


def fourth_argument_message(code: str, function: str) -> str:
    """The L2T004 message for the vocabulary size literal ``code`` dropped from ``function`` (its
    qualified name)."""
    return (
        f"dropped `{code}`, the 4th positional argument (num_decoder_symbols up to TF 0.7) of "
        f"{function.rpartition('.')[2]}: TF 0.8 and later read it as average_across_timesteps, "
        "and any non-zero value meant True, the default"
    )
