"""The exact variable list (names and shapes) the runtime creates for the cells, stacked RNNs and
legacy_seq2seq functions whose names no other test pins, against what TF 1.2-1.15 created, so a
TF1 checkpoint restores every variable and nothing is left at its random initial value.

The TF1 names are facts read from TF1's sources (as stored in the code index), never from the
runtime:

- ``rnn_cell_impl.BasicRNNCell.build``: ``kernel`` ``[input + units, units]``, ``bias`` ``[units]``
  in ``basic_rnn_cell`` (its default layer name).
- contrib ``gru_ops.GRUBlockCellV2.build`` (default ``name="gru_cell"``, inherited from
  ``GRUBlockCell.__init__``): ``gates/kernel`` ``[input + units, 2 * units]``, ``gates/bias``,
  ``candidate/kernel`` ``[input + units, units]``, ``candidate/bias``.
- contrib ``rnn_cell.LayerNormBasicLSTMCell`` (TF 1.2+, an ``RNNCell`` named
  ``layer_norm_basic_lstm_cell``): ``_linear`` makes ``kernel`` ``[input + units, 4 * units]`` and,
  only with ``layer_norm=False``, ``bias``; ``_norm`` makes ``gamma`` and ``beta`` ``[units]``
  under ``input``, ``transform``, ``forget``, ``output`` (in that order) and then ``state``.
- contrib ``rnn.stack_bidirectional_dynamic_rnn``: ``variable_scope(scope or
  "stack_bidirectional_rnn")``, ``variable_scope("cell_%d" % i)``, then
  ``bidirectional_dynamic_rnn`` (its own ``bidirectional_rnn/fw|bw``), each layer fed the
  ``[fw, bw]`` concatenation; ``stack_bidirectional_rnn`` passes ``scope=cell_scope`` to
  ``static_bidirectional_rnn``, so its layers hold ``cell_%d/fw|bw`` directly.
- legacy_seq2seq ``basic_rnn_seq2seq``: ``variable_scope(scope or "basic_rnn_seq2seq")``,
  ``enc_cell = copy.deepcopy(cell)`` run by ``static_rnn`` (scope ``rnn``), then ``rnn_decoder``
  (scope ``rnn_decoder``) with ``cell``: two sets of weights.
- ``tied_rnn_seq2seq``: ``variable_scope("combined_tied_rnn_seq2seq")``, ``scope = scope or
  "tied_rnn_seq2seq"`` for both ``static_rnn`` and ``rnn_decoder`` (reuse): one set.
- ``embedding_tied_rnn_seq2seq``: ``embedding`` ``[num_symbols, embedding_size]`` in
  ``embedding_tied_rnn_seq2seq``, the cell wrapped in an ``OutputProjectionWrapper`` of
  ``num_decoder_symbols`` (else ``num_symbols``) when no ``output_projection``, then
  ``tied_rnn_seq2seq``.
- ``attention_decoder``: ``AttnW_%d`` ``[1, 1, attn_size, attn_size]`` and ``AttnV_%d``
  ``[attn_size]`` per head, the input ``Linear([inp] + attns, input_size)`` in its own scope, the
  cell, each head's ``Attention_%d`` ``Linear(query, attn_size)``, and ``AttnOutputProjection``
  ``Linear([cell_output] + attns, output_size)``.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
import tensorflow as tf

from legacy2tf2.runtime import legacy_seq2seq, rnn_cell

BATCH, DEPTH, UNITS, STEPS = 2, 5, 4, 3


def _variables(build: Callable[[], object]) -> list[tuple[str, list[int]]]:
    """(name, shape) of every global variable ``build`` creates in a fresh TF1 graph."""
    with tf.Graph().as_default():
        build()
        return [(v.op.name, v.shape.as_list()) for v in tf.compat.v1.global_variables()]


def _sequence() -> object:
    return tf.compat.v1.placeholder(tf.float32, [BATCH, STEPS, DEPTH])


def _steps(depth: int = DEPTH) -> list[object]:
    return [tf.compat.v1.placeholder(tf.float32, [BATCH, depth]) for _ in range(STEPS)]


def _ids() -> list[object]:
    return [tf.compat.v1.placeholder(tf.int32, [BATCH]) for _ in range(STEPS)]


def _gru(scope: str, depth: int) -> list[tuple[str, list[int]]]:
    return [
        (f"{scope}/gates/kernel", [depth + UNITS, 2 * UNITS]),
        (f"{scope}/gates/bias", [2 * UNITS]),
        (f"{scope}/candidate/kernel", [depth + UNITS, UNITS]),
        (f"{scope}/candidate/bias", [UNITS]),
    ]


def _dynamic(cell: object) -> None:
    tf.compat.v1.nn.dynamic_rnn(cell, _sequence(), dtype=tf.float32)


NORMS = ("input", "transform", "forget", "output", "state")

CASES = {
    "BasicRNNCell": (
        lambda: _dynamic(rnn_cell.BasicRNNCell(UNITS)),
        [
            ("rnn/basic_rnn_cell/kernel", [DEPTH + UNITS, UNITS]),
            ("rnn/basic_rnn_cell/bias", [UNITS]),
        ],
    ),
    "GRUBlockCellV2": (
        lambda: _dynamic(rnn_cell.GRUBlockCellV2(UNITS)),
        _gru("rnn/gru_cell", DEPTH),
    ),
    "LayerNormBasicLSTMCell": (
        lambda: _dynamic(rnn_cell.LayerNormBasicLSTMCell(UNITS)),
        [("rnn/layer_norm_basic_lstm_cell/kernel", [DEPTH + UNITS, 4 * UNITS])]
        + [
            (f"rnn/layer_norm_basic_lstm_cell/{norm}/{leaf}", [UNITS])
            for norm in NORMS
            for leaf in ("gamma", "beta")
        ],
    ),
    "LayerNormBasicLSTMCell without layer norm": (
        lambda: _dynamic(rnn_cell.LayerNormBasicLSTMCell(UNITS, layer_norm=False)),
        [
            ("rnn/layer_norm_basic_lstm_cell/kernel", [DEPTH + UNITS, 4 * UNITS]),
            ("rnn/layer_norm_basic_lstm_cell/bias", [4 * UNITS]),
        ],
    ),
    "stack_bidirectional_dynamic_rnn": (
        lambda: rnn_cell.stack_bidirectional_dynamic_rnn(
            [rnn_cell.GRUCell(UNITS) for _ in range(2)],
            [rnn_cell.GRUCell(UNITS) for _ in range(2)],
            _sequence(),
            dtype=tf.float32,
        ),
        [
            name
            for layer, depth in ((0, DEPTH), (1, 2 * UNITS))
            for direction in ("fw", "bw")
            for name in _gru(
                f"stack_bidirectional_rnn/cell_{layer}/bidirectional_rnn/{direction}/gru_cell",
                depth,
            )
        ],
    ),
    "stack_bidirectional_rnn": (
        lambda: rnn_cell.stack_bidirectional_rnn(
            [rnn_cell.GRUCell(UNITS) for _ in range(2)],
            [rnn_cell.GRUCell(UNITS) for _ in range(2)],
            _steps(),
            dtype=tf.float32,
        ),
        [
            name
            for layer, depth in ((0, DEPTH), (1, 2 * UNITS))
            for direction in ("fw", "bw")
            for name in _gru(f"stack_bidirectional_rnn/cell_{layer}/{direction}/gru_cell", depth)
        ],
    ),
    "basic_rnn_seq2seq": (
        lambda: legacy_seq2seq.basic_rnn_seq2seq(_steps(), _steps(), rnn_cell.GRUCell(UNITS)),
        _gru("basic_rnn_seq2seq/rnn/gru_cell", DEPTH)
        + _gru("basic_rnn_seq2seq/rnn_decoder/gru_cell", DEPTH),
    ),
    "tied_rnn_seq2seq": (
        lambda: legacy_seq2seq.tied_rnn_seq2seq(_steps(), _steps(), rnn_cell.GRUCell(UNITS)),
        _gru("combined_tied_rnn_seq2seq/tied_rnn_seq2seq/gru_cell", DEPTH),
    ),
    "embedding_tied_rnn_seq2seq": (
        lambda: legacy_seq2seq.embedding_tied_rnn_seq2seq(
            _ids(), _ids(), rnn_cell.GRUCell(UNITS), 9, 3, num_decoder_symbols=7
        ),
        [
            ("embedding_tied_rnn_seq2seq/embedding", [9, 3]),
            (
                "embedding_tied_rnn_seq2seq/combined_tied_rnn_seq2seq/tied_rnn_seq2seq/"
                "output_projection_wrapper/kernel",
                [UNITS, 7],
            ),
            (
                "embedding_tied_rnn_seq2seq/combined_tied_rnn_seq2seq/tied_rnn_seq2seq/"
                "output_projection_wrapper/bias",
                [7],
            ),
            *_gru(
                "embedding_tied_rnn_seq2seq/combined_tied_rnn_seq2seq/tied_rnn_seq2seq/"
                "output_projection_wrapper/gru_cell",
                3,
            ),
        ],
    ),
    "attention_decoder with two heads": (
        lambda: legacy_seq2seq.attention_decoder(
            _steps(3),
            tf.zeros([BATCH, UNITS]),
            tf.zeros([BATCH, 6, UNITS]),
            rnn_cell.GRUCell(UNITS),
            output_size=5,
            num_heads=2,
        ),
        [
            ("attention_decoder/AttnW_0", [1, 1, UNITS, UNITS]),
            ("attention_decoder/AttnW_1", [1, 1, UNITS, UNITS]),
            ("attention_decoder/AttnV_0", [UNITS]),
            ("attention_decoder/AttnV_1", [UNITS]),
            ("attention_decoder/kernel", [3 + 2 * UNITS, 3]),
            ("attention_decoder/bias", [3]),
            *_gru("attention_decoder/gru_cell", 3),
            ("attention_decoder/Attention_0/kernel", [UNITS, UNITS]),
            ("attention_decoder/Attention_0/bias", [UNITS]),
            ("attention_decoder/Attention_1/kernel", [UNITS, UNITS]),
            ("attention_decoder/Attention_1/bias", [UNITS]),
            ("attention_decoder/AttnOutputProjection/kernel", [UNITS + 2 * UNITS, 5]),
            ("attention_decoder/AttnOutputProjection/bias", [5]),
        ],
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_the_runtime_creates_tf1s_variables(case: str) -> None:
    build, expected = CASES[case]
    assert sorted(_variables(build)) == sorted(expected)
