"""TF 0.x -> TF 1.0 variable names of RNN cells and legacy_seq2seq layers.

Sources: the 0.x ``tensorflow/python/ops/rnn_cell.py``, ``rnn.py`` and
``seq2seq.py``; names quoted in public reports: tensorflow/tensorflow#2270 and #5575,
``embedding_attention_seq2seq/RNN/MultiRNNCell/Cell2/GRUCell/Gates/Linear/Matrix``;
tensorflow/models#938, ``.../RNN/EmbeddingWrapper/embedding`` next to ``.../RNN/MultiRNNCell/...``
and ``.../attention_decoder/MultiRNNCell/...``; tensorflow/models#669,
``.../BiRNN/FW/LSTMCell/W_0``; tensorflow/tensorflow#7664,
``.../MultiRNNCell/Cell{k}/BasicLSTMCell/Linear/Matrix`` ->
``.../multi_rnn_cell/cell_{k}/basic_lstm_cell/weights``; tensorflow/tensorflow#11168, changed
"for TF 1.0". A 0.x cell's default scope was its class name, TF 1.0's is snake case, and 0.x's
``linear`` kept its variables under a ``Linear`` scope:

==================================================  ============================================
TF 0.x                                              TF 1.0 / 1.1
==================================================  ============================================
``RNN/`` (``rnn``, ``dynamic_rnn``)                 ``rnn/``
``BiRNN/FW/``, ``BiRNN/BW/``                        ``bidirectional_rnn/fw/``, ``.../bw/``
``MultiRNNCell/Cell{k}/``                           ``multi_rnn_cell/cell_{k}/``
``GRUCell/Gates|Candidate/Linear/Matrix``           ``gru_cell/gates|candidate/weights``
``.../Linear/Bias``                                 ``.../biases``
``BasicRNNCell/Linear/Matrix|Bias``                 ``basic_rnn_cell/weights|biases``
``BasicLSTMCell/Linear/Matrix|Bias``                ``basic_lstm_cell/weights|biases``
``LSTMCell/W_0``, ``LSTMCell/B``                    ``lstm_cell/weights``, ``lstm_cell/biases``
``LSTMCell/W_F_diag|W_I_diag|W_O_diag``             ``lstm_cell/w_f_diag|w_i_diag|w_o_diag``
``LSTMCell/W_P_0``                                  ``lstm_cell/projection/weights``
``GRUBlockCell/w_ru`` (contrib's; ``b_ru``, ...)      kept (TF 1.0 named it so)
``EmbeddingWrapper/embedding``                      ``embedding_wrapper/embedding``
``OutputProjectionWrapper/Linear/Matrix``           ``output_projection_wrapper/weights``
``InputProjectionWrapper/Linear/Matrix``            ``input_projection_wrapper/weights``
``<attention>/Linear/Matrix`` (input)               ``<attention>/weights``
``<attention>/Attention_{i}/Linear/Matrix``         ``<attention>/Attention_{i}/weights``
``<attention>/AttnOutputProjection/Linear/Matrix``  ``<attention>/AttnOutputProjection/weights``
==================================================  ============================================

``<attention>`` is an ``attention_decoder`` scope, recognised by its ``AttnW_{i}`` variable
(whatever ``scope=`` named it). ``AttnW_{i}``, ``AttnV_{i}``, the ``embedding`` of
``embedding_attention_decoder``/``embedding_rnn_decoder`` and the scopes the legacy_seq2seq
functions open (``embedding_attention_seq2seq``, ``rnn_decoder``, ...) kept their names in every
version; ``loop_function`` scopes are opened with ``reuse=True`` and hold no variable.
"""

from __future__ import annotations

import re

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

#: contrib's LSTMBlockCell of TF 0.x (its lstm_ops.py, as stored in the code index): variables
#: ``W``, ``b``, ``wci``, ``wco``, ``wcf`` (the last three made even without peepholes) under
#: ``variable_scope(scope or type(self).__name__)``. TF 1.0 renamed them ``lstm_cell/weights``,
#: ``biases``, ``w_i_diag``, ...; the column layout of that version's ``W`` is not confirmed by any
#: source at hand, so such names are refused rather than guessed.
LSTM_BLOCK_SCOPE = "LSTMBlockCell"
LSTM_BLOCK_REASON = (
    "a TF 0.x tf.contrib.rnn.LSTMBlockCell (W, b, wci, wco, wcf under its class name): which "
    "gate each column of that version's W feeds cannot be confirmed, so it is not converted; "
    "the runtime's LSTMBlockCell reads lstm_cell/kernel with LSTMCell's gate order (i, j, f, o), "
    "as TF 1.0's LSTMBlockCell saved lstm_cell/weights: retrain, or write that checkpoint's "
    "variables under those names yourself once you know its layout"
)
_BLOCK_SCOPES = ("GRUBlockCell", LSTM_BLOCK_SCOPE)

_OLD_CELL_INDEX = re.compile(r"Cell(\d+)")
_ATTENTION_HEAD = re.compile(r"Attention_\d+")


class UnknownName(Exception):
    """A name under an RNN scope that is none of the variables TF1 created there."""


def has_tf0_scope(segments: list[str]) -> bool:
    """True for a name with a TF 0.x cell or wrapper scope (``GRUCell``, ...) or ``Linear``."""
    return any(segment in _OLD_SCOPES or segment == "Linear" for segment in segments)


def tf0_to_tf1_0(segments: list[str], attention_scopes: set[str]) -> list[str]:
    """TF 0.x segments to TF 1.0 segments (class-name scopes, ``Linear/Matrix``)."""
    out: list[str] = []
    i = 0
    while i < len(segments):
        segment, rest = segments[i], segments[i + 1 :]
        if segment == "RNN" and rest and (rest[0] in _OLD_SCOPES or rest[0] in _BLOCK_SCOPES):
            out.append("rnn")
        elif segment == "BiRNN" and len(rest) > 1 and rest[0] in ("FW", "BW"):
            out += ["bidirectional_rnn", rest[0].lower()]
            i += 1
        elif segment == "MultiRNNCell":
            index = _OLD_CELL_INDEX.fullmatch(rest[0]) if rest else None
            if index is None or len(rest) < 2 or rest[1] not in (*_OLD_SCOPES, *_BLOCK_SCOPES):
                raise UnknownName("not a TF 0.x MultiRNNCell/Cell{k}/<cell> variable")
            out += ["multi_rnn_cell", f"cell_{index.group(1)}"]
            i += 1
        elif segment in _OLD_CELLS:
            return [*out, _OLD_CELLS[segment], *_tf0_cell_leaf(segment, rest)]
        elif segment == LSTM_BLOCK_SCOPE:
            raise UnknownName(LSTM_BLOCK_REASON)
        elif segment == "GRUBlockCell":  # contrib's: named so until it became a layer
            return [*out, *segments[i:]]
        elif segment == "EmbeddingWrapper":
            if rest != ["embedding"]:
                raise UnknownName("not a TF 0.x EmbeddingWrapper variable")
            return [*out, "embedding_wrapper", "embedding"]
        elif segment in _OLD_WRAPPERS:
            return [*out, _OLD_WRAPPERS[segment], _tf0_linear(rest)]
        elif segment == "Linear":
            if not in_attention(out, attention_scopes):
                # rnn_cell.linear in the program's own scope: the migrated program's
                # layers_v1.rnn_linear_tf0 creates the same Linear/Matrix and Linear/Bias.
                _tf0_linear(segments[i:])
                return [*out, *segments[i:]]
            return [*out, _tf0_linear(segments[i:])]
        else:
            out.append(segment)
        i += 1
    return out


def _tf0_cell_leaf(cell: str, rest: list[str]) -> list[str]:
    if cell == "GRUCell":
        if len(rest) == 3 and rest[0] in ("Gates", "Candidate"):
            return [rest[0].lower(), _tf0_linear(rest[1:])]
        raise UnknownName("not a TF 0.x GRUCell variable (Gates|Candidate/Linear/Matrix|Bias)")
    if cell == "LSTMCell":
        if len(rest) == 1 and rest[0] in _OLD_LSTM_LEAVES:
            return _OLD_LSTM_LEAVES[rest[0]]
        if len(rest) == 1 and re.fullmatch(r"W_(P_)?\d+", rest[0]):
            raise UnknownName(
                "a sharded TF 0.x LSTMCell (num_unit_shards or num_proj_shards > 1); "
                "the runtime's LSTMCell has one unsharded kernel"
            )
        raise UnknownName(
            "not a TF 0.x LSTMCell variable (W_0, B, W_F_diag, W_I_diag, W_O_diag, W_P_0)"
        )
    return [_tf0_linear(rest)]


def _tf0_linear(rest: list[str]) -> str:
    if len(rest) == 2 and rest[0] == "Linear" and rest[1] in _OLD_LINEAR:
        return _OLD_LINEAR[rest[1]]
    raise UnknownName("not a TF 0.x Linear/Matrix or Linear/Bias variable")


def in_attention(out: list[str], attention_scopes: set[str]) -> bool:
    """True when ``out`` is an attention decoder's scope or one of its linear layers' scopes."""
    if "/".join(out) in attention_scopes:
        return True
    head = len(out) > 1 and (
        _ATTENTION_HEAD.fullmatch(out[-1]) or out[-1] == "AttnOutputProjection"
    )
    return bool(head) and "/".join(out[:-1]) in attention_scopes
