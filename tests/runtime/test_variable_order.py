"""TF1's variable creation order, which ``tf.trainable_variables()`` lists.

TF1 programs pick variables by position (``tvars[-2:]`` for an output projection,
``tf.trainable_variables()[0]`` for an embedding, ``zip(tvars, values)`` against a list a TF1 run
saved, gradient lists indexed by position), so the runtime must create them in TF1's order, not
only under TF1's names. The expected lists are TF1's: the parity cases record every variable the
original implementation created, in creation order (fixtures/parity/FORMAT.md), and the others
follow TF1's sources: ``OutputProjectionWrapper.call`` ran the wrapped cell, then the linear
projection; ``InputProjectionWrapper`` and ``EmbeddingWrapper`` made theirs before running the
cell; ``attention_decoder`` made ``AttnW_a`` then ``AttnV_a`` head by head; TF 1.5+'s
``LSTMBlockCell.build`` made ``w_i_diag``, ``w_f_diag``, ``w_o_diag``.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import tensorflow as tf

from legacy2tf2 import parity_replay
from legacy2tf2.runtime import legacy_seq2seq, rnn_cell
from legacy2tf2.runtime.layers import LegacyAttention

_v1 = tf.compat.v1
CASES = Path(__file__).resolve().parents[2] / "fixtures" / "parity" / "cases"

GRU = ["gates/kernel", "gates/bias", "candidate/kernel", "candidate/bias"]


def _graph_names(build) -> list[str]:
    with tf.Graph().as_default():
        build()
        return [v.name[: -len(":0")] for v in _v1.trainable_variables()]


def _static_rnn(cell, depth: int = 3, ids: bool = False) -> None:
    if ids:
        inputs = [_v1.placeholder(tf.int32, [2]) for _ in range(2)]
    else:
        inputs = [_v1.placeholder(tf.float32, [2, depth]) for _ in range(2)]
    _v1.nn.static_rnn(cell, inputs, dtype=tf.float32)


@pytest.mark.parametrize("path", parity_replay.find_cases(CASES), ids=lambda p: p.stem)
def test_every_parity_case_creates_tf1s_variables_in_tf1s_order(path) -> None:
    case = parity_replay.load_case(path)
    function = getattr(legacy_seq2seq, case.spec["call"]["function"])

    def build() -> None:
        function(**parity_replay._CallBuilder(case, "graph").arguments())

    assert _graph_names(build) == case.variable_names


def test_output_projection_wrapper_weights_come_after_the_wrapped_cells() -> None:
    names = _graph_names(
        lambda: _static_rnn(rnn_cell.OutputProjectionWrapper(rnn_cell.GRUCell(4), 5))
    )
    assert names == [
        *(f"rnn/output_projection_wrapper/gru_cell/{n}" for n in GRU),
        "rnn/output_projection_wrapper/kernel",
        "rnn/output_projection_wrapper/bias",
    ]
    # what a TF1 program took as its projection
    assert names[-2:] == [
        "rnn/output_projection_wrapper/kernel",
        "rnn/output_projection_wrapper/bias",
    ]


def test_output_projection_wrapper_around_a_stack_and_under_dynamic_rnn() -> None:
    def build() -> None:
        stack = rnn_cell.MultiRNNCell([rnn_cell.GRUCell(4), rnn_cell.BasicLSTMCell(4)])
        cell = rnn_cell.OutputProjectionWrapper(stack, 5)
        _v1.nn.dynamic_rnn(cell, _v1.placeholder(tf.float32, [2, 3, 3]), dtype=tf.float32)

    scope = "rnn/output_projection_wrapper"
    assert _graph_names(build) == [
        *(f"{scope}/multi_rnn_cell/cell_0/gru_cell/{n}" for n in GRU),
        f"{scope}/multi_rnn_cell/cell_1/basic_lstm_cell/kernel",
        f"{scope}/multi_rnn_cell/cell_1/basic_lstm_cell/bias",
        f"{scope}/kernel",
        f"{scope}/bias",
    ]


def test_wrappers_nested_keep_tf1s_order() -> None:
    def stack_of_projections() -> None:
        first = rnn_cell.OutputProjectionWrapper(rnn_cell.GRUCell(4), 5)
        _static_rnn(rnn_cell.MultiRNNCell([first, rnn_cell.GRUCell(3)]))

    def embedding_then_projection() -> None:
        inner = rnn_cell.OutputProjectionWrapper(rnn_cell.GRUCell(4), 5)
        _static_rnn(rnn_cell.EmbeddingWrapper(inner, 7, 3), ids=True)

    def input_projection_then_output_projection() -> None:
        inner = rnn_cell.OutputProjectionWrapper(rnn_cell.GRUCell(4), 5)
        _static_rnn(rnn_cell.DropoutWrapper(rnn_cell.InputProjectionWrapper(inner, 6)))

    stack = "rnn/multi_rnn_cell"
    assert _graph_names(stack_of_projections) == [
        *(f"{stack}/cell_0/output_projection_wrapper/gru_cell/{n}" for n in GRU),
        f"{stack}/cell_0/output_projection_wrapper/kernel",
        f"{stack}/cell_0/output_projection_wrapper/bias",
        *(f"{stack}/cell_1/gru_cell/{n}" for n in GRU),
    ]
    embedding = "rnn/embedding_wrapper"
    assert _graph_names(embedding_then_projection) == [
        f"{embedding}/embedding",
        *(f"{embedding}/output_projection_wrapper/gru_cell/{n}" for n in GRU),
        f"{embedding}/output_projection_wrapper/kernel",
        f"{embedding}/output_projection_wrapper/bias",
    ]
    projection = "rnn/input_projection_wrapper"
    assert _graph_names(input_projection_then_output_projection) == [
        f"{projection}/kernel",
        f"{projection}/bias",
        *(f"{projection}/output_projection_wrapper/gru_cell/{n}" for n in GRU),
        f"{projection}/output_projection_wrapper/kernel",
        f"{projection}/output_projection_wrapper/bias",
    ]


def test_attention_heads_are_made_head_by_head() -> None:
    def build() -> None:
        cell = rnn_cell.GRUCell(4)
        decoder_inputs = [_v1.placeholder(tf.float32, [2, 3]) for _ in range(2)]
        legacy_seq2seq.attention_decoder(
            decoder_inputs,
            cell.zero_state(2, tf.float32),
            _v1.placeholder(tf.float32, [2, 5, 4]),
            cell,
            num_heads=3,
        )

    names = _graph_names(build)
    assert names[:6] == [
        "attention_decoder/AttnW_0",
        "attention_decoder/AttnV_0",
        "attention_decoder/AttnW_1",
        "attention_decoder/AttnV_1",
        "attention_decoder/AttnW_2",
        "attention_decoder/AttnV_2",
    ]


def test_lstm_block_cell_peepholes_in_tf1_5s_order() -> None:
    names = _graph_names(lambda: _static_rnn(rnn_cell.LSTMBlockCell(4, use_peephole=True)))
    assert names == [
        "rnn/lstm_cell/kernel",
        "rnn/lstm_cell/bias",
        "rnn/lstm_cell/w_i_diag",
        "rnn/lstm_cell/w_f_diag",
        "rnn/lstm_cell/w_o_diag",
    ]
    # LSTMCell made them f, i, o
    names = _graph_names(lambda: _static_rnn(rnn_cell.LSTMCell(4, use_peepholes=True)))
    assert names[2:] == [
        "rnn/lstm_cell/w_f_diag",
        "rnn/lstm_cell/w_i_diag",
        "rnn/lstm_cell/w_o_diag",
    ]


def test_keras_weight_orders_stay_those_keras_files_hold() -> None:
    """Eagerly a layer's weights keep the order earlier .keras files hold them in, by position."""
    cell = rnn_cell.LSTMBlockCell(3, use_peephole=True)
    cell(tf.ones([1, 2]), cell.zero_state(1, tf.float32))
    assert [w.path for w in cell.weights] == [
        "lstm_cell/kernel",
        "lstm_cell/bias",
        "lstm_cell/w_f_diag",
        "lstm_cell/w_i_diag",
        "lstm_cell/w_o_diag",
    ]
    attention = LegacyAttention(num_heads=2)
    attention(tf.ones([1, 4]), tf.ones([1, 5, 3]))
    assert [w.path.rsplit("/", 1)[-1] for w in attention.weights][:4] == [
        "AttnW_0",
        "AttnW_1",
        "AttnV_0",
        "AttnV_1",
    ]


def test_output_projection_wrapper_eagerly_computes_with_its_projection() -> None:
    cell = rnn_cell.OutputProjectionWrapper(rnn_cell.GRUCell(4), 5)
    inputs = tf.ones([2, 3])
    output, _ = cell(inputs, cell.zero_state(2, tf.float32))
    inner, _ = cell._cell(inputs, cell.zero_state(2, tf.float32))
    kernel, bias = cell.weights[:2]
    assert [w.path for w in cell.weights[:2]] == [
        "output_projection_wrapper/kernel",
        "output_projection_wrapper/bias",
    ]
    np.testing.assert_allclose(output, np.asarray(inner) @ np.asarray(kernel) + bias, atol=1e-6)


def test_a_wrappers_own_variables_list_them_as_tf1_made_them() -> None:
    """TF1's cells recorded their weights as they were made (RNNCell's custom getter), so
    ``cell.trainable_variables`` put the wrapped cell's before the projection's."""
    with tf.Graph().as_default():
        stack = rnn_cell.MultiRNNCell([rnn_cell.GRUCell(3), rnn_cell.GRUCell(3)])
        cell = rnn_cell.OutputProjectionWrapper(stack, 2)
        _static_rnn(cell, depth=4)
        names = [v.name[: -len(":0")] for v in cell.trainable_variables]
    scope = "rnn/output_projection_wrapper"
    assert names == [
        *(f"{scope}/multi_rnn_cell/cell_0/gru_cell/{n}" for n in GRU),
        *(f"{scope}/multi_rnn_cell/cell_1/gru_cell/{n}" for n in GRU),
        f"{scope}/kernel",
        f"{scope}/bias",
    ]
