"""Map the variable names of a TF1 checkpoint written before TF 1.2 to the names TF 1.2-1.15 use.

The runtime creates TF 1.2-1.15 names (e.g. ``.../rnn/embedding_wrapper/multi_rnn_cell/cell_0/
gru_cell/gates/kernel``), so a checkpoint saved by TF 1.2 or later restores unchanged. TensorFlow
renamed RNN variables twice before that; this module undoes both renames, name by name, and
refuses what it cannot map with certainty.

TF 0.x -> TF 1.0 (read from the 0.x ``tensorflow/python/ops/rnn_cell.py``, ``rnn.py`` and
``seq2seq.py``; names quoted in tensorflow/tensorflow#2270 and #5575,
``embedding_attention_seq2seq/RNN/MultiRNNCell/Cell2/GRUCell/Gates/Linear/Matrix``;
tensorflow/models#938, ``.../RNN/EmbeddingWrapper/embedding`` next to ``.../RNN/MultiRNNCell/...``
and ``.../attention_decoder/MultiRNNCell/...``; tensorflow/models#669,
``.../BiRNN/FW/LSTMCell/W_0``; tensorflow/tensorflow#7664,
``.../MultiRNNCell/Cell{k}/BasicLSTMCell/Linear/Matrix`` ->
``.../multi_rnn_cell/cell_{k}/basic_lstm_cell/weights``; tensorflow/tensorflow#11168, "changed
for TF 1.0"). A 0.x cell's default scope was its class name, TF 1.0's is snake case, and 0.x's
``linear`` kept its variables under a ``Linear`` scope:

============================================  ===========================================
TF 0.x                                        TF 1.0 / 1.1
============================================  ===========================================
``RNN/`` (``rnn``, ``dynamic_rnn``)           ``rnn/``
``BiRNN/FW/``, ``BiRNN/BW/``                  ``bidirectional_rnn/fw/``, ``.../bw/``
``MultiRNNCell/Cell{k}/``                     ``multi_rnn_cell/cell_{k}/``
``GRUCell/Gates|Candidate/Linear/Matrix``     ``gru_cell/gates|candidate/weights``
``.../Linear/Bias``                           ``.../biases``
``BasicRNNCell/Linear/Matrix|Bias``           ``basic_rnn_cell/weights|biases``
``BasicLSTMCell/Linear/Matrix|Bias``          ``basic_lstm_cell/weights|biases``
``LSTMCell/W_0``, ``LSTMCell/B``              ``lstm_cell/weights``, ``lstm_cell/biases``
``LSTMCell/W_F_diag|W_I_diag|W_O_diag``       ``lstm_cell/w_f_diag|w_i_diag|w_o_diag``
``LSTMCell/W_P_0``                            ``lstm_cell/projection/weights``
``EmbeddingWrapper/embedding``                ``embedding_wrapper/embedding``
``OutputProjectionWrapper/Linear/Matrix``     ``output_projection_wrapper/weights``
``InputProjectionWrapper/Linear/Matrix``      ``input_projection_wrapper/weights``
``<attention>/Linear/Matrix`` (input)         ``<attention>/weights``
``<attention>/Attention_{i}/Linear/Matrix``   ``<attention>/Attention_{i}/weights``
``<attention>/AttnOutputProjection/Linear/…`` ``<attention>/AttnOutputProjection/weights``
============================================  ===========================================

``<attention>`` is an ``attention_decoder`` scope, recognised by its ``AttnW_{i}`` variable
(whatever ``scope=`` named it). ``AttnW_{i}``, ``AttnV_{i}``, the ``embedding`` of
``embedding_attention_decoder``/``embedding_rnn_decoder`` and the scopes the legacy_seq2seq
functions open (``embedding_attention_seq2seq``, ``rnn_decoder``, ...) kept their names in every
version; ``loop_function`` scopes are opened with ``reuse=True`` and hold no variable.

TF 1.0 / 1.1 -> TF 1.2 (TF 1.2 release notes: "RNNCells' variable names have been renamed for
consistency with Keras layers. Specifically, the previous variable names "weights" and "biases"
have been changed to "kernel" and "bias", respectively", quoted in tensorflow/tensorflow#11964;
TensorFlow's ``contrib/rnn/python/tools/checkpoint_convert.py`` lists the cells; the 1.0/1.1
``legacy_seq2seq`` built its attention layers with ``core_rnn_cell_impl._linear``, so they
carried ``weights``/``biases`` too):

- ``weights`` -> ``kernel`` and ``biases`` -> ``bias`` in every variable above.
- TF 1.2 made cells Keras-style layers: a wrapper now runs the cell it wraps inside its own scope.
  Up to 1.1 ``EmbeddingWrapper``, ``OutputProjectionWrapper`` and ``InputProjectionWrapper``
  (the 1.1 ``core_rnn_cell_impl`` source, and the 0.x one) called the wrapped cell outside their
  scope, so ``P/multi_rnn_cell/...`` next to ``P/embedding_wrapper/embedding`` becomes
  ``P/embedding_wrapper/multi_rnn_cell/...`` (the 1.2+ translate checkpoint holds
  ``embedding_attention_seq2seq/rnn/embedding_wrapper/multi_rnn_cell/cell_0/gru_cell/...``).

Optimizer slots (``.../Adam``, ``.../Adam_1``, ``.../Momentum``, ...) and
``.../ExponentialMovingAverage`` follow their variable. Every other name (the program's own
variables, ``global_step``, ``beta1_power``) is kept. Refused, with every problem listed: a name
under a cell scope that is not one of the variables above (a cell the converter does not know),
a sharded 0.x ``LSTMCell`` (``W_1``), a ``Linear`` scope outside the cells and attention decoders
above, two wrappers that share a scope (their nesting order is lost), names of more than one
convention in one checkpoint, and two names that would map to the same name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

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

_OLD_CELLS = {
    "GRUCell": "gru_cell",
    "BasicRNNCell": "basic_rnn_cell",
    "BasicLSTMCell": "basic_lstm_cell",
    "LSTMCell": "lstm_cell",
}
_OLD_WRAPPERS = {
    "MultiRNNCell": "multi_rnn_cell",
    "EmbeddingWrapper": "embedding_wrapper",
    "OutputProjectionWrapper": "output_projection_wrapper",
    "InputProjectionWrapper": "input_projection_wrapper",
}
_OLD_SCOPES = {**_OLD_CELLS, **_OLD_WRAPPERS}
_OLD_LINEAR = {"Matrix": "weights", "Bias": "biases"}
_OLD_LSTM_LEAVES = {
    "W_0": ["weights"],
    "B": ["biases"],
    "W_F_diag": ["w_f_diag"],
    "W_I_diag": ["w_i_diag"],
    "W_O_diag": ["w_o_diag"],
    "W_P_0": ["projection", "weights"],
}

_LINEAR_LEAVES = {"weights": "kernel", "biases": "bias", "kernel": "kernel", "bias": "bias"}
_LSTM_DIAGONALS = frozenset({"w_f_diag", "w_i_diag", "w_o_diag"})
_CELLS = frozenset({"gru_cell", "basic_rnn_cell", "basic_lstm_cell", "lstm_cell"})
_WRAPPERS = frozenset(
    {"embedding_wrapper", "output_projection_wrapper", "input_projection_wrapper"}
)
_CELL_SCOPES = _CELLS | _WRAPPERS | {"multi_rnn_cell"}
_OLD_CELL_INDEX = re.compile(r"Cell(\d+)")
_CELL_INDEX = re.compile(r"cell_\d+")
_ATTENTION_HEAD = re.compile(r"Attention_\d+")
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

    @property
    def renamed(self) -> list[tuple[str, str]]:
        """The ``(old, new)`` pairs whose name changes, sorted by old name."""
        return sorted((old, new) for old, new in self.names.items() if old != new)


class _Unknown(Exception):
    """A name under an RNN scope that is none of the variables TF1 created there."""


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
        except _Unknown as error:
            unknown[name] = str(error)
            continue
        if slot is not None:
            mapped[name][0].append(slot)
    conventions = {convention for _, convention in mapped.values() if convention is not None}
    conventions |= {TF0 for name in unknown if _has_old_scope(name)}
    if len(conventions) > 1:
        examples = [_example(convention, mapped, unknown) for convention in sorted(conventions)]
        problems.append("names of more than one convention: " + "; ".join(examples))
    convention = next(iter(conventions)) if len(conventions) == 1 else None
    if convention == TF1_2 and not problems:
        return NamePlan({name: name for name in names}, TF1_2)
    problems.extend(f"{name}: {reason}" for name, reason in unknown.items())
    new_names = {name: segments for name, (segments, _) in mapped.items()}
    if convention in (TF0, TF1_0):
        problems.extend(_move_into_wrappers(new_names))
    plan = {name: "/".join(segments) for name, segments in new_names.items()}
    problems.extend(_collisions(plan))
    if problems:
        raise CheckpointNameError(problems)
    return NamePlan(plan, convention)


def _example(
    convention: str, mapped: dict[str, tuple[list[str], str | None]], unknown: dict[str, str]
) -> str:
    names = [name for name, (_, seen) in mapped.items() if seen == convention]
    if convention == TF0:
        names += [name for name in unknown if _has_old_scope(name)]
    return f"{convention} {min(names)}"


def _split_slot(name: str) -> tuple[list[str], str | None]:
    segments = name.split("/")
    if len(segments) > 1 and segments[-1] in SLOT_NAMES:
        return segments[:-1], segments[-1]
    return segments, None


def _has_old_scope(name: str) -> bool:
    return any(segment in _OLD_SCOPES or segment == "Linear" for segment in name.split("/"))


def _map_segments(segments: list[str], attention_scopes: set[str]) -> tuple[list[str], str | None]:
    """(TF 1.2 segments, convention seen) for one variable name without its slot suffix."""
    if any(segment in _OLD_SCOPES or segment == "Linear" for segment in segments):
        tf1_0 = _tf0_to_tf1_0(segments, attention_scopes)
        return _tf1_0_to_tf1_2(tf1_0, attention_scopes)[0], TF0
    return _tf1_0_to_tf1_2(segments, attention_scopes)


def _tf0_to_tf1_0(segments: list[str], attention_scopes: set[str]) -> list[str]:
    """TF 0.x segments to TF 1.0 segments (class-name scopes, ``Linear/Matrix``)."""
    out: list[str] = []
    i = 0
    while i < len(segments):
        segment, rest = segments[i], segments[i + 1 :]
        if segment == "RNN" and rest and rest[0] in _OLD_SCOPES:
            out.append("rnn")
        elif segment == "BiRNN" and len(rest) > 1 and rest[0] in ("FW", "BW"):
            out += ["bidirectional_rnn", rest[0].lower()]
            i += 1
        elif segment == "MultiRNNCell":
            index = _OLD_CELL_INDEX.fullmatch(rest[0]) if rest else None
            if index is None or len(rest) < 2 or rest[1] not in _OLD_SCOPES:
                raise _Unknown("not a TF 0.x MultiRNNCell/Cell{k}/<cell> variable")
            out += ["multi_rnn_cell", f"cell_{index.group(1)}"]
            i += 1
        elif segment in _OLD_CELLS:
            return [*out, _OLD_CELLS[segment], *_tf0_cell_leaf(segment, rest)]
        elif segment == "EmbeddingWrapper":
            if rest != ["embedding"]:
                raise _Unknown("not a TF 0.x EmbeddingWrapper variable")
            return [*out, "embedding_wrapper", "embedding"]
        elif segment in _OLD_WRAPPERS:
            return [*out, _OLD_WRAPPERS[segment], _tf0_linear(rest)]
        elif segment == "Linear":
            if not _in_attention(out, attention_scopes):
                raise _Unknown(
                    "a Linear scope outside the cells and attention decoders the converter "
                    "knows (rnn_cell.linear called in the program's own scope?)"
                )
            return [*out, _tf0_linear(segments[i:])]
        else:
            out.append(segment)
        i += 1
    return out


def _tf0_cell_leaf(cell: str, rest: list[str]) -> list[str]:
    if cell == "GRUCell":
        if len(rest) == 3 and rest[0] in ("Gates", "Candidate"):
            return [rest[0].lower(), _tf0_linear(rest[1:])]
        raise _Unknown("not a TF 0.x GRUCell variable (Gates|Candidate/Linear/Matrix|Bias)")
    if cell == "LSTMCell":
        if len(rest) == 1 and rest[0] in _OLD_LSTM_LEAVES:
            return _OLD_LSTM_LEAVES[rest[0]]
        if len(rest) == 1 and re.fullmatch(r"W_(P_)?\d+", rest[0]):
            raise _Unknown(
                "a sharded TF 0.x LSTMCell (num_unit_shards or num_proj_shards > 1); "
                "the runtime's LSTMCell has one unsharded kernel"
            )
        raise _Unknown(
            "not a TF 0.x LSTMCell variable (W_0, B, W_F_diag, W_I_diag, W_O_diag, W_P_0)"
        )
    return [_tf0_linear(rest)]


def _tf0_linear(rest: list[str]) -> str:
    if len(rest) == 2 and rest[0] == "Linear" and rest[1] in _OLD_LINEAR:
        return _OLD_LINEAR[rest[1]]
    raise _Unknown("not a TF 0.x Linear/Matrix or Linear/Bias variable")


def _in_attention(out: list[str], attention_scopes: set[str]) -> bool:
    """True when ``out`` is an attention decoder's scope or one of its linear layers' scopes."""
    if "/".join(out) in attention_scopes:
        return True
    head = len(out) > 1 and (
        _ATTENTION_HEAD.fullmatch(out[-1]) or out[-1] == "AttnOutputProjection"
    )
    return bool(head) and "/".join(out[:-1]) in attention_scopes


def _tf1_0_to_tf1_2(
    segments: list[str], attention_scopes: set[str]
) -> tuple[list[str], str | None]:
    """TF 1.0/1.1 or TF 1.2 segments to TF 1.2 segments, and which of the two they were in."""
    out: list[str] = []
    for i, segment in enumerate(segments):
        rest = segments[i + 1 :]
        if segment in _LINEAR_LEAVES and not rest and _in_attention(out, attention_scopes):
            return [*out, _LINEAR_LEAVES[segment]], _convention_of(segment)
        if segment == "multi_rnn_cell":
            if not rest or not _CELL_INDEX.fullmatch(rest[0]) or len(rest) < 2:
                raise _Unknown("not a multi_rnn_cell/cell_{k}/<cell> variable")
            if rest[1] not in _CELL_SCOPES:
                raise _Unknown(f"a cell the converter does not know ({rest[1]}) in a MultiRNNCell")
        elif segment in _CELLS:
            return _cell_leaf([*out, segment], rest)
        elif segment == "embedding_wrapper" and rest == ["embedding"]:
            return [*out, segment, "embedding"], None
        elif segment in _WRAPPERS and len(rest) == 1 and segment != "embedding_wrapper":
            if rest[0] not in _LINEAR_LEAVES:
                raise _Unknown(f"not a {segment} variable (kernel, bias)")
            return [*out, segment, _LINEAR_LEAVES[rest[0]]], _convention_of(rest[0])
        elif segment in _WRAPPERS and (not rest or rest[0] not in _CELL_SCOPES):
            raise _Unknown(f"not a {segment} variable")
        out.append(segment)
    return out, None


def _cell_leaf(out: list[str], rest: list[str]) -> tuple[list[str], str | None]:
    cell = out[-1]
    if cell == "gru_cell" and len(rest) == 2 and rest[0] in ("gates", "candidate"):
        scope, leaf = [rest[0]], rest[1]
    elif cell == "lstm_cell" and len(rest) == 2 and rest[0] == "projection":
        scope, leaf = ["projection"], rest[1]
        if leaf not in ("weights", "kernel"):
            raise _Unknown("not an lstm_cell/projection variable (the projection has no bias)")
    elif cell == "lstm_cell" and len(rest) == 1 and rest[0] in _LSTM_DIAGONALS:
        return [*out, rest[0]], None
    elif cell != "gru_cell" and len(rest) == 1:
        scope, leaf = [], rest[0]
    else:
        raise _Unknown(f"not a {cell} variable")
    if leaf not in _LINEAR_LEAVES:
        raise _Unknown(f"not a {cell} variable")
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
