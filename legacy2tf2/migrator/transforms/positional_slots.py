"""Positional slots that meant another argument in early TF 0.x than in TF 0.9-1.15.

The runtime reads positional arguments with TF 1.x's signatures. Where an early TF 0.x version
read the same slot as another argument of the same type, an early program keeps running after
the rewrite and computes something else. Facts, from TF 0.x ``seq2seq.py``/``rnn_cell.py`` copies
vendored in public repositories and TF's API documentation:

- up to TF 0.8, ``embedding_attention_seq2seq(encoder_inputs, decoder_inputs, cell,
  num_encoder_symbols, num_decoder_symbols, num_heads=1, output_projection=None, ...)`` and
  ``embedding_attention_decoder(decoder_inputs, initial_state, attention_states, cell,
  num_symbols, num_heads=1, output_size=None, ...)`` took no embedding size (the embeddings were
  ``cell.input_size`` wide); TF 0.9 put a required ``embedding_size`` in the 6th slot, as TF 1.x's
  documented ``tf.contrib.legacy_seq2seq`` signatures have it. A number there is ``num_heads`` up
  to 0.8 and ``embedding_size`` since: both run. (The other embedding functions held
  ``output_projection``, a tuple or None, in that slot, which the runtime refuses as a size.)
- TF 0.5's ``LSTMCell(num_units, input_size, use_peepholes=False, cell_clip=None,
  initializer=None, num_proj=None, num_unit_shards=1, num_proj_shards=1)`` (its ``rnn_cell.py``),
  and TF 0.9 and 0.10's API docs (``input_size=None``, then ``forget_bias``, ``state_is_tuple``,
  ``activation`` after the shards) have no ``proj_clip``; TF 0.12's and 1.0's insert
  ``proj_clip=None`` after ``num_proj``, as TF 1.2+ (without ``input_size``) and the runtime have
  it. The rewrite drops the ``input_size`` slot (:mod:`.cell_input_size`), so the 7th positional
  argument of a call with ``input_size`` becomes ``proj_clip``: a TF 0.5-0.10 shard count would
  clip the projection. (A bool in the 2nd slot is TF 1.2+'s ``use_peepholes``, kept there: the
  call is in TF 1.2+'s form.)
- TF 0.5's ``model_with_buckets(encoder_inputs, decoder_inputs, targets, weights, buckets,
  num_decoder_symbols, seq2seq, softmax_loss_function=None, name=None)`` took the vocabulary size
  6th (for its loss); later versions, as the runtime, take ``(..., buckets, seq2seq,
  softmax_loss_function=None, per_example_loss=False, name=None)``. An integer there cannot be
  ``seq2seq`` in any version, so it is dropped (L2T004), and a 9th positional argument, the old
  ``name``, becomes ``name=...`` (in the 8th slot it would be read as ``per_example_loss``). So is
  a value named as a vocabulary size (``self.target_vocab_size``, ``FLAGS.num_symbols``,
  ``len(rev_vocab)``: its last name holds ``vocab``, ``symbol`` or ``classes``) followed by a 7th
  positional argument, the seq2seq function: translate copies of that era passed it so (a
  ``tf.op_scope``-era ``seq2seq.py`` vendored in public repositories has that signature;
  neuralconcept/DrWhoAI's ``seq2seq_model.py`` passes ``self.target_vocab_size``), and no
  version took a function of that name there.
- ``DropoutWrapper(cell, input_keep_prob=1.0, output_keep_prob=1.0, seed=None)`` in TF 0.5's
  ``rnn_cell.py`` and TF 1.0's ``tf.contrib.rnn`` API docs; TF 1.2's (and the runtime's) 4th is
  ``state_keep_prob``. A 4th of exactly four positional arguments becomes ``seed=...`` (L2T010)
  where it is certainly a seed: an integer literal other than 0 and 1 (TF 1.2+ refused such a
  keep probability), a value named ``*seed*``, or any value in a file written for TF 1.0 or
  earlier; a float literal, a value named ``*keep*``/``*prob*``, a file of TF 1.2+ or a call
  naming ``seed``/``state_keep_prob`` keeps it; otherwise it is reported (L2T003).
- TF 0.5's ``rnn_cell.InputProjectionWrapper(cell, input_size)`` took the width of the inputs
  before the projection and projected them to ``cell.input_size``; the release that made the
  cells' ``input_size`` "Deprecated and unused" (TF 0.9, which also added the embedding sizes; a
  vendored ``rnn_cell.py`` of that release shows both) took ``InputProjectionWrapper(cell,
  num_proj, input_size=None)``, the width projected to, as later versions and the runtime do.
  Both run.

The file's era (:mod:`legacy2tf2.migrator.era`) only tells pre-1.0 from 1.x, not 0.8 from 0.9,
so for a positional argument in one of these slots the rewrite:

- keeps it in a file written for TF 1.0 or later, or where the call decides (it also names the
  early argument by keyword, which the early versions rejected; or names the later one, which the
  runtime rejects), or where the value is named after the later argument (a width:
  ``embedding_size``, ``FLAGS.emb_dim``, ``size``, ``num_hidden``, never a head count; ``num_proj``;
  ``proj_clip``), or the value is None (both defaults);
- otherwise keeps it and reports it (L2T003), saying which versions read the slot how.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import libcst as cst

from legacy2tf2.migrator import era, refs, renames
from legacy2tf2.migrator.findings import PRE_1_0_CALL, SEQUENCE_LOSS_ARG, UNSAFE_REFERENCE
from legacy2tf2.migrator.transforms.cell_input_size import _integer_arithmetic, _without
from legacy2tf2.migrator.transforms.repeated_cells import RewriteRepeatedCells
from legacy2tf2.migrator.transforms.shared import leading_positional


@dataclass(frozen=True)
class Slot:
    """A positional slot read as ``early`` by ``early_versions`` and as ``later`` since."""

    index: int
    early: str
    later: str
    early_versions: str
    #: Substrings of a value's last name that say it is the ``later`` argument.
    later_names: tuple[str, ...]
    #: Values of the 2nd positional argument that say the call is in TF 1.2+'s form, where the
    #: slot means what the runtime reads.
    later_seconds: tuple[str, ...] = ()
    #: Whether the ``later`` argument is required (the early call must then give it).
    later_required: bool = True


#: Parts of a name that say it holds a width, never a count of attention heads.
_WIDTHS = ("emb", "dim", "size", "hidden", "unit", "width")

#: The last part of the called name -> its slot.
SLOTS: dict[str, Slot] = {
    "embedding_attention_seq2seq": Slot(5, "num_heads", "embedding_size", "TF 0.5-0.8", _WIDTHS),
    "embedding_attention_decoder": Slot(5, "num_heads", "embedding_size", "TF 0.5-0.8", _WIDTHS),
    "InputProjectionWrapper": Slot(1, "input_size", "num_proj", "TF 0.5-0.8", ("proj",)),
    "LSTMCell": Slot(
        6, "num_unit_shards", "proj_clip", "TF 0.5-0.10", ("clip",), ("True", "False"), False
    ),
}

_KINDS = frozenset({refs.FUNCTION, refs.CELL})
_LAST_NAME = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)\W*$")
_LATER_ERAS = (era.V1_0, era.V1_1, era.V1_2_PLUS)

KEEP, REPORT, SEED = "keep", "report", "seed"

#: ``DropoutWrapper``'s 4th slot: ``seed`` up to TF 1.0, ``state_keep_prob`` from TF 1.2.
DROPOUT_SEED = Slot(3, "seed", "state_keep_prob", "TF 0.5-1.0", ("keep", "prob"), (), False)
_SEED_ERAS = (era.PRE_1_0, era.V1_0)

#: ``model_with_buckets`` and the slots of TF 0.5's ``num_decoder_symbols`` and ``name``.
BUCKETS = f"{renames.LEGACY}.model_with_buckets"
BUCKET_SYMBOLS, BUCKET_NAME = 5, 8
_VOCABULARY_NAMES = ("vocab", "symbol", "classes")


def bucket_symbols_by_name(code: str, positional: int) -> bool:
    """Whether ``code``, the 6th of ``positional`` leading positional arguments of
    ``model_with_buckets``, is TF 0.5-0.8's ``num_decoder_symbols`` by its name: a vocabulary
    size (its last name holds ``vocab``, ``symbol`` or ``classes``) with the seq2seq function
    after it, in the 7th slot."""
    if positional <= BUCKET_SYMBOLS + 1:
        return False
    last = _LAST_NAME.search(code)
    return last is not None and any(part in last.group(1).lower() for part in _VOCABULARY_NAMES)


def slot_for(ref: refs.Ref | None) -> Slot | None:
    """The slot of the function or cell ``ref`` names, if its meaning changed in TF 0.x."""
    if ref is None or ref.kind not in _KINDS:
        return None
    return SLOTS.get(ref.name.rpartition(".")[2])


def slot_action(
    slot: Slot,
    code: str,
    second: str,
    keywords: Iterable[str],
    file_era: Callable[[], era.EraReport],
) -> str:
    """KEEP or REPORT for ``code``, the positional value in ``slot`` of a call whose 2nd
    positional argument is ``second`` and which names ``keywords``; ``file_era`` is asked only
    when the call and the value do not decide."""
    if second in slot.later_seconds:
        return KEEP  # use_peepholes in the old input_size slot: TF 1.2+'s form (see above)
    named = set(keywords)
    if code == "None" or slot.early in named or slot.later in named:
        return KEEP  # None is the default of both; a keyword decides (or is refused)
    last = _LAST_NAME.search(code)
    if last is not None and any(part in last.group(1).lower() for part in slot.later_names):
        return KEEP
    return KEEP if file_era().only(_LATER_ERAS) else REPORT


def dropout_seed_action(
    code: str, integer: int | None, keywords: Iterable[str], file_era: Callable[[], era.EraReport]
) -> str:
    """KEEP, SEED (pass it as ``seed=``) or REPORT for ``code``, the 4th of exactly four
    positional arguments of ``DropoutWrapper`` (``integer``: its value if an int literal)."""
    if {"seed", "state_keep_prob"} & set(keywords):
        return KEEP  # TF 0.x-1.0 raised on a second seed; the runtime raises on the other
    if integer is not None and integer not in (0, 1):
        return SEED  # TF 1.2+ refused a keep probability outside [0, 1]
    last = _LAST_NAME.search(code)
    name = last.group(1).lower() if last is not None else ""
    if "seed" in name:
        return SEED
    if integer is None and (
        re.fullmatch(r"[0-9]*\.[0-9]*(e-?[0-9]+)?", code)
        or any(p in name for p in ("keep", "prob"))
    ):
        return KEEP
    report = file_era()
    if report.only(_SEED_ERAS):
        return SEED
    return KEEP if report.only((era.V1_2_PLUS,)) else REPORT


def dropout_seed_message(code: str) -> str:
    """The L2T010 message for ``code`` passed as DropoutWrapper's ``seed=``."""
    return (
        f"`{code}`, the 4th positional argument of DropoutWrapper, is its seed (TF 0.5-1.0's "
        "4th parameter): passed as seed=... (TF 1.2+ and the runtime read the 4th as "
        "state_keep_prob)"
    )


def bucket_symbols_message(code: str) -> str:
    """The L2T004 message for ``code``, TF 0.5's vocabulary size dropped from model_with_buckets."""
    return (
        f"dropped `{code}`, the 6th positional argument of model_with_buckets: TF 0.5's "
        "num_decoder_symbols (used only for its loss, whose logits are that wide); later versions "
        "take seq2seq there (a 9th positional argument, TF 0.5's name, is passed as name=...)"
    )


def slot_message(code: str, function: str, slot: Slot, report: era.EraReport) -> str:
    """The L2T003 message for ``code`` in ``slot`` of ``function`` (its last name)."""
    ordinal = {1: "2nd"}.get(slot.index, f"{slot.index + 1}th")
    give = f" (and give {slot.later})" if slot.later_required else ""
    return (
        f"`{code}` is the {ordinal} positional argument of {function}: {slot.early_versions} "
        f"read it as {slot.early}, later versions (and the runtime) as {slot.later}, and the "
        f"file's evidence ({report.describe()}) does not tell which it was written for. Kept "
        f"as {slot.later}; if the code was written for {slot.early_versions}, write "
        f"{slot.early}=...{give}, otherwise write {slot.later}=..."
    )


class RewritePositionalSlots(RewriteRepeatedCells):
    """Report positional arguments whose slot meant another argument in early TF 0.x."""

    def check_positional_slots(self, call: cst.Call) -> None:
        """Report (L2T003) the value in a changed slot of ``call`` (original tree) where neither
        the call, the value nor the file's era tells which meaning it has."""
        ref = self.resolver.lookup(call.func)
        slot = slot_for(ref)
        if ref is None or slot is None:
            return
        leading = call.args[: slot.index + 1]
        if len(leading) <= slot.index or any(a.keyword is not None or a.star for a in leading):
            return
        value = leading[slot.index].value
        code = cst.Module([]).code_for_node(value)
        second = cst.Module([]).code_for_node(leading[1].value)
        keywords = [a.keyword.value for a in call.args if a.keyword is not None]
        if slot_action(slot, code, second, keywords, self._file_era) == REPORT:
            function = ref.name.rpartition(".")[2]
            message = slot_message(code, function, slot, self._file_era())
            self.report(leading[slot.index], UNSAFE_REFERENCE, message)

    def drop_bucket_symbols(self, original_node: cst.Call, updated_node: cst.Call) -> cst.Call:
        """``updated_node`` without TF 0.5's integer ``num_decoder_symbols`` in the 6th slot of
        ``model_with_buckets`` (its old 9th positional argument passed as ``name=``)."""
        ref = self.resolver.lookup(original_node.func)
        if ref is None or ref.kind != refs.FUNCTION or ref.name != BUCKETS:
            return updated_node
        positional = leading_positional(original_node)
        if not BUCKET_SYMBOLS < positional <= BUCKET_NAME + 1:
            return updated_node
        value = original_node.args[BUCKET_SYMBOLS].value
        code = cst.Module([]).code_for_node(value)
        if not (_integer_arithmetic(value) or bucket_symbols_by_name(code, positional)):
            return updated_node
        self.report(
            original_node.args[BUCKET_SYMBOLS], SEQUENCE_LOSS_ARG, bucket_symbols_message(code)
        )
        self.edited = True
        args = list(updated_node.args)
        if positional == BUCKET_NAME + 1:
            args[BUCKET_NAME] = args[BUCKET_NAME].with_changes(
                keyword=cst.Name("name"),
                equal=cst.AssignEqual(
                    whitespace_before=cst.SimpleWhitespace(""),
                    whitespace_after=cst.SimpleWhitespace(""),
                ),
            )
        return updated_node.with_changes(args=_without(args, BUCKET_SYMBOLS))

    def keyword_dropout_seed(self, original_node: cst.Call, updated_node: cst.Call) -> cst.Call:
        """``updated_node`` with ``DropoutWrapper``'s TF 0.5-1.0 positional seed passed as
        ``seed=`` where it is certainly one; reported (L2T003) where it cannot be told."""
        ref = self.resolver.lookup(original_node.func)
        if ref is None or ref.kind != refs.CELL or not ref.name.endswith(".DropoutWrapper"):
            return updated_node
        positional = leading_positional(original_node)
        if positional != 4 or any(a.star for a in original_node.args):
            return updated_node
        value = original_node.args[3].value
        code = cst.Module([]).code_for_node(value)
        integer = int(value.value, 0) if isinstance(value, cst.Integer) else None
        keywords = [a.keyword.value for a in original_node.args if a.keyword is not None]
        action = dropout_seed_action(code, integer, keywords, self._file_era)
        if action == REPORT:
            message = slot_message(code, "DropoutWrapper", DROPOUT_SEED, self._file_era())
            self.report(original_node.args[3], UNSAFE_REFERENCE, message)
        if action != SEED:
            return updated_node
        self.report(original_node.args[3], PRE_1_0_CALL, dropout_seed_message(code))
        self.edited = True
        args = list(updated_node.args)
        args[3] = args[3].with_changes(
            keyword=cst.Name("seed"),
            equal=cst.AssignEqual(
                whitespace_before=cst.SimpleWhitespace(""),
                whitespace_after=cst.SimpleWhitespace(""),
            ),
        )
        return updated_node.with_changes(args=args)
