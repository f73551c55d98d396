"""Map the variable names of a TF1 checkpoint written before TF 1.2 to the names TF 1.2-1.15 use.

The runtime creates TF 1.2-1.15 names (e.g. ``.../rnn/embedding_wrapper/multi_rnn_cell/cell_0/
gru_cell/gates/kernel``), so a checkpoint saved by TF 1.2 or later restores unchanged. TensorFlow
renamed RNN variables twice before that; this module undoes both renames, name by name, and
refuses what it cannot map with certainty.

TF 0.x -> TF 1.0: :mod:`legacy2tf2.checkpoints.tf0_names` (class-name scopes, ``Linear/Matrix``,
``LSTMCell/W_0``); the facts and their sources are listed there.

TF 1.0 / 1.1 -> TF 1.2 (TF 1.2 release notes: "RNNCells' variable names have been renamed for
consistency with Keras layers. Specifically, the previous variable names "weights" and "biases"
have been changed to "kernel" and "bias", respectively", quoted in tensorflow/tensorflow#11964;
TensorFlow's ``contrib/rnn/python/tools/checkpoint_convert.py`` lists the cells; the 1.0/1.1
``legacy_seq2seq`` built its attention layers with ``core_rnn_cell_impl._linear``, so they
carried ``weights``/``biases`` too):

- ``weights`` -> ``kernel`` and ``biases`` -> ``bias`` in ``gru_cell/gates``,
  ``gru_cell/candidate``, ``basic_rnn_cell``, ``basic_lstm_cell``, ``lstm_cell``,
  ``lstm_cell/projection``, the embedding/output/input projection wrappers, and an attention
  decoder's scope (recognised by its ``AttnW_{i}``), its ``Attention_{i}`` and
  ``AttnOutputProjection``. ``lstm_cell/w_f_diag`` (``w_i_diag``, ``w_o_diag``), ``AttnW_{i}``,
  ``AttnV_{i}`` and the ``embedding`` variables keep their names.
- ``tf.contrib.rnn.LayerNormBasicLSTMCell`` (TF 1.0/1.1's ``contrib/rnn/python/ops/rnn_cell.py``:
  scope ``layer_norm_basic_lstm_cell``, its ``_linear`` made ``weights`` and, with
  ``layer_norm=False``, ``biases``; ``checkpoint_convert.py`` lists both): ``weights`` ->
  ``kernel``, ``biases`` -> ``bias``; its normalizations' ``input``, ``transform``, ``forget``,
  ``output`` and ``state`` ``gamma``/``beta`` keep their names.
- TF 1.2 made cells Keras-style layers: a wrapper now runs the cell it wraps inside its own scope.
  Up to 1.1 ``EmbeddingWrapper``, ``OutputProjectionWrapper`` and ``InputProjectionWrapper``
  (the 1.1 ``core_rnn_cell_impl`` source, and the 0.x one) called the wrapped cell outside their
  scope, so ``P/multi_rnn_cell/...`` next to ``P/embedding_wrapper/embedding`` becomes
  ``P/embedding_wrapper/multi_rnn_cell/...`` (the 1.2+ translate checkpoint holds
  ``embedding_attention_seq2seq/rnn/embedding_wrapper/multi_rnn_cell/cell_0/gru_cell/...``).

``tf.contrib.rnn.GRUBlockCell`` before it was a layer (TF 1.0's ``contrib/rnn/python/ops/
gru_ops.py``: ``__call__(x, h_prev, scope=None)`` opened ``variable_scope(scope or
type(self).__name__)`` and made ``w_ru`` ``[input + cell_size, 2 * cell_size]``, ``b_ru``,
``w_c`` ``[input + cell_size, cell_size]``, ``b_c`` there) saved ``.../GRUBlockCell/w_ru``; the
layer version (default name ``gru_cell``) and the runtime save ``.../gru_cell/w_ru``:
``GRUBlockCell/{w_ru,b_ru,w_c,b_c}`` -> ``gru_cell/...`` (in any convention: the class-name scope
outlived TF 1.2's renames). Having no scope cache, that class made weights per call scope, so a
``MultiRNNCell`` of one such cell object saved one set per layer in every version
(:attr:`NamePlan.block_cells`).

Optimizer slots (``.../Adam``, ``.../Adam_1``, ``.../Momentum``, ...) and
``.../ExponentialMovingAverage`` follow their variable. Every other name (the program's own
variables, ``global_step``, ``beta1_power``) is kept. Refused, with every problem listed: a name
under a cell scope that is none of these variables (a cell the converter does not know),
a sharded 0.x ``LSTMCell`` (``W_1``), a TF 0.x ``LSTMBlockCell`` (its class-name scope: the
column layout of its ``W`` is not confirmed), a ``Linear`` scope holding other than ``Matrix`` and
``Bias`` (``Linear/Matrix`` in the program's own scope is kept: the migrated program's
``layers_v1.rnn_linear_tf0`` creates it), two wrappers that share a scope (their nesting order
is lost), names of more than one convention in one checkpoint, and two names that would map to
the same name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from legacy2tf2.checkpoints.tf0_names import (
    LSTM_BLOCK_REASON,
    LSTM_BLOCK_SCOPE,
    UnknownName,
    has_tf0_scope,
    in_attention,
    tf0_to_tf1_0,
)

#: The three naming conventions a checkpoint can be in.
TF0 = "TF 0.x"
TF1_0 = "TF 1.0/1.1"
TF1_2 = "TF 1.2-1.15"

SLOT_NAMES = frozenset(
    {
        "Adam",
        "Adam_1",
        "Momentum",
        "RMSProp",
        "RMSProp_1",
        "Adagrad",
        "Adadelta",
        "Adadelta_1",
        "Ftrl",
        "Ftrl_1",
        "ExponentialMovingAverage",
    }
)

_LINEAR_LEAVES = {"weights": "kernel", "biases": "bias", "kernel": "kernel", "bias": "bias"}
_LSTM_DIAGONALS = frozenset({"w_f_diag", "w_i_diag", "w_o_diag"})
#: contrib's LayerNormBasicLSTMCell: its kernel (and bias without layer norm) beside one
#: gamma/beta pair per normalization (TF 1.0-1.15's contrib/rnn/python/ops/rnn_cell.py).
LAYER_NORM_CELL = "layer_norm_basic_lstm_cell"
_LAYER_NORM_SCOPES = frozenset({"input", "transform", "forget", "output", "state"})
_CELLS = frozenset({"gru_cell", "basic_rnn_cell", "basic_lstm_cell", "lstm_cell", LAYER_NORM_CELL})
_WRAPPERS = frozenset(
    {"embedding_wrapper", "output_projection_wrapper", "input_projection_wrapper"}
)
#: TF 1.0-era GRUBlockCell's class-name scope and its variables (the runtime's under gru_cell).
BLOCK_SCOPE = "GRUBlockCell"
_BLOCK_LEAVES = frozenset({"w_ru", "b_ru", "w_c", "b_c"})
_CELL_SCOPES = _CELLS | _WRAPPERS | {"multi_rnn_cell"}
_CELL_INDEX = re.compile(r"cell_\d+")
_ATTENTION_VARIABLE = re.compile(r"Attn[WV]_\d+")


class CheckpointNameError(ValueError):
    """Some names cannot be mapped with certainty; ``problems`` lists every one of them."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__(
            "cannot convert this checkpoint's names with certainty:\n"
            + "\n".join(f"  {problem}" for problem in problems)
        )


@dataclass(frozen=True)
class NamePlan:
    """The name every variable of a checkpoint gets, and the convention it was written in."""

    names: dict[str, str]
    convention: str | None
    #: some names were a class-scoped (pre-layer) GRUBlockCell's, ``.../GRUBlockCell/w_ru``
    block_cells: bool = False

    @property
    def renamed(self) -> list[tuple[str, str]]:
        """The ``(old, new)`` pairs whose name changes, sorted by old name."""
        return sorted((old, new) for old, new in self.names.items() if old != new)


def plan_names(names: Iterable[str]) -> NamePlan:
    """The TF 1.2-1.15 name of every variable of a checkpoint written by TF 0.x to 1.15.

    Reproduces the renames TF 1.0 and TF 1.2 made to RNN cell and legacy_seq2seq variables (see
    the module docstring); a checkpoint already in TF 1.2 names maps to itself.

    Raises:
        CheckpointNameError: a name cannot be mapped with certainty (every one is listed).
    """
    names = sorted(set(names))
    attention_scopes = {
        name.rsplit("/", 1)[0]
        for name in names
        if "/" in name and _ATTENTION_VARIABLE.fullmatch(name.rsplit("/", 1)[1])
    }
    problems: list[str] = []
    mapped: dict[str, tuple[list[str], str | None]] = {}
    unknown: dict[str, str] = {}
    for name in names:
        segments, slot = _split_slot(name)
        try:
            mapped[name] = _map_segments(segments, attention_scopes)
        except UnknownName as error:
            unknown[name] = str(error)
            continue
        if slot is not None:
            mapped[name][0].append(slot)
    conventions = {convention for _, convention in mapped.values() if convention is not None}
    conventions |= {TF0 for name in unknown if has_tf0_scope(name.split("/"))}
    if len(conventions) > 1:
        examples = [_example(convention, mapped, unknown) for convention in sorted(conventions)]
        problems.append("names of more than one convention: " + "; ".join(examples))
    convention = next(iter(conventions)) if len(conventions) == 1 else None
    block_cells = any(BLOCK_SCOPE in name.split("/") for name in mapped)
    if convention == TF1_2 and not problems:
        kept = {name: name for name in names}
        for name in mapped:
            if BLOCK_SCOPE in name.split("/"):  # the only TF 1.2+ name that changes
                kept[name] = "/".join(mapped[name][0])
        problems.extend(_collisions(kept))
        if not problems:
            return NamePlan(kept, TF1_2, block_cells)
    problems.extend(f"{name}: {reason}" for name, reason in unknown.items())
    new_names = {name: segments for name, (segments, _) in mapped.items()}
    if convention in (TF0, TF1_0):
        problems.extend(_move_into_wrappers(new_names))
    plan = {name: "/".join(segments) for name, segments in new_names.items()}
    problems.extend(_collisions(plan))
    if problems:
        raise CheckpointNameError(problems)
    return NamePlan(plan, convention, block_cells)


def _example(
    convention: str, mapped: dict[str, tuple[list[str], str | None]], unknown: dict[str, str]
) -> str:
    names = [name for name, (_, seen) in mapped.items() if seen == convention]
    if convention == TF0:
        names += [name for name in unknown if has_tf0_scope(name.split("/"))]
    return f"{convention} {min(names)}"


def _split_slot(name: str) -> tuple[list[str], str | None]:
    segments = name.split("/")
    if len(segments) > 1 and segments[-1] in SLOT_NAMES:
        return segments[:-1], segments[-1]
    return segments, None


def _map_segments(segments: list[str], attention_scopes: set[str]) -> tuple[list[str], str | None]:
    """(TF 1.2 segments, convention seen) for one variable name without its slot suffix."""
    if has_tf0_scope(segments):
        tf1_0 = tf0_to_tf1_0(segments, attention_scopes)
        return _tf1_0_to_tf1_2(tf1_0, attention_scopes)[0], TF0
    return _tf1_0_to_tf1_2(segments, attention_scopes)


def _tf1_0_to_tf1_2(
    segments: list[str], attention_scopes: set[str]
) -> tuple[list[str], str | None]:
    """TF 1.0/1.1 or TF 1.2 segments to TF 1.2 segments, and which of the two they were in."""
    out: list[str] = []
    for i, segment in enumerate(segments):
        rest = segments[i + 1 :]
        if segment in _LINEAR_LEAVES and not rest and in_attention(out, attention_scopes):
            return [*out, _LINEAR_LEAVES[segment]], _convention_of(segment)
        if segment == "multi_rnn_cell":
            if not rest or not _CELL_INDEX.fullmatch(rest[0]) or len(rest) < 2:
                raise UnknownName("not a multi_rnn_cell/cell_{k}/<cell> variable")
            if rest[1] not in _CELL_SCOPES and rest[1] != BLOCK_SCOPE:
                raise UnknownName(
                    f"a cell the converter does not know ({rest[1]}) in a MultiRNNCell"
                )
        elif segment in _CELLS:
            return _cell_leaf([*out, segment], rest)
        elif segment == LSTM_BLOCK_SCOPE:
            raise UnknownName(LSTM_BLOCK_REASON)
        elif segment == BLOCK_SCOPE:
            if len(rest) != 1 or rest[0] not in _BLOCK_LEAVES:
                raise UnknownName("not a GRUBlockCell variable (w_ru, b_ru, w_c, b_c)")
            return [*out, "gru_cell", rest[0]], None
        elif segment == "embedding_wrapper" and rest == ["embedding"]:
            return [*out, segment, "embedding"], None
        elif segment in _WRAPPERS and len(rest) == 1 and segment != "embedding_wrapper":
            if rest[0] not in _LINEAR_LEAVES:
                raise UnknownName(f"not a {segment} variable (kernel, bias)")
            return [*out, segment, _LINEAR_LEAVES[rest[0]]], _convention_of(rest[0])
        elif segment in _WRAPPERS and (not rest or rest[0] not in _CELL_SCOPES):
            raise UnknownName(f"not a {segment} variable")
        out.append(segment)
    return out, None


def _cell_leaf(out: list[str], rest: list[str]) -> tuple[list[str], str | None]:
    cell = out[-1]
    if cell == "gru_cell" and len(rest) == 2 and rest[0] in ("gates", "candidate"):
        scope, leaf = [rest[0]], rest[1]
    elif cell == "lstm_cell" and len(rest) == 2 and rest[0] == "projection":
        scope, leaf = ["projection"], rest[1]
        if leaf not in ("weights", "kernel"):
            raise UnknownName("not an lstm_cell/projection variable (the projection has no bias)")
    elif cell == "lstm_cell" and len(rest) == 1 and rest[0] in _LSTM_DIAGONALS:
        return [*out, rest[0]], None
    elif cell == "gru_cell" and len(rest) == 1 and rest[0] in _BLOCK_LEAVES:
        return [*out, rest[0]], None  # GRUBlockCell as a layer (named gru_cell): kept
    elif cell == LAYER_NORM_CELL and len(rest) == 2:
        if rest[0] not in _LAYER_NORM_SCOPES or rest[1] not in ("gamma", "beta"):
            raise UnknownName(f"not a {cell} variable")
        return [*out, *rest], None  # a normalization's gamma/beta: kept in every version
    elif cell != "gru_cell" and len(rest) == 1:
        scope, leaf = [], rest[0]
    else:
        raise UnknownName(f"not a {cell} variable")
    if leaf not in _LINEAR_LEAVES:
        raise UnknownName(f"not a {cell} variable")
    return [*out, *scope, _LINEAR_LEAVES[leaf]], _convention_of(leaf)


def _convention_of(leaf: str) -> str:
    return TF1_0 if leaf in ("weights", "biases") else TF1_2


def _move_into_wrappers(names: dict[str, list[str]]) -> list[str]:
    """Put each wrapped cell's variables under its wrapper's scope, as TF 1.2 layers nest them.

    Until TF 1.1 a wrapper at scope ``P`` left the cell it wraps at ``P/<cell>``; from TF 1.2 the
    cell is at ``P/<wrapper>/<cell>``. Edits ``names`` in place; returns the problems found.
    """
    wrappers: dict[tuple[str, ...], set[str]] = {}
    for segments in names.values():
        if len(segments) >= 2 and segments[-2] in _WRAPPERS:
            wrappers.setdefault(tuple(segments[:-2]), set()).add(segments[-2])
    problems = []
    for scope, kinds in sorted(wrappers.items()):
        if len(kinds) > 1:
            problems.append(
                f"{'/'.join(scope)}: {' and '.join(sorted(kinds))} share one scope; which wraps "
                "which cannot be told from a checkpoint written before TF 1.2"
            )
    moved = {}
    for name, segments in names.items():
        new = []
        for i, segment in enumerate(segments):
            kinds = wrappers.get(tuple(segments[:i]), set())
            if len(kinds) == 1 and segment in _CELL_SCOPES and segment not in kinds:
                new.append(next(iter(kinds)))
            new.append(segment)
        moved[name] = new
    for scope, kinds in sorted(wrappers.items()):
        inner = [(*scope, *kinds, cell) for cell in _CELL_SCOPES]
        wrapped = any(tuple(new[: len(scope) + 2]) in inner for new in moved.values())
        if len(kinds) == 1 and not wrapped:
            problems.append(
                f"{'/'.join(scope)}/{next(iter(kinds))}: no cell the converter knows next to "
                "this wrapper, so the variables of the cell it wraps cannot be told apart"
            )
    names.update(moved)
    return problems


def _collisions(plan: dict[str, str]) -> list[str]:
    sources: dict[str, list[str]] = {}
    for old, new in plan.items():
        sources.setdefault(new, []).append(old)
    return [
        f"{' and '.join(sorted(olds))} map to the same name {new}"
        for new, olds in sorted(sources.items())
        if len(olds) > 1
    ]
