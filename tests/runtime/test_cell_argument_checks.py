"""A value of the wrong kind in a cell's ``activation``/``use_peepholes``/``state_is_tuple`` raises.

TF 1.2+ put these arguments where TF 0.x-1.1 took ``input_size``: an old ``LSTMCell(5, 4)`` read
as ``use_peepholes=4`` would silently add peephole weights, and ``GRUCell(3, 4)`` failed only when
called, with ``'int' object is not callable``.
"""

import numpy as np
import pytest
import tensorflow as tf

from legacy2tf2.runtime import rnn_cell


@pytest.mark.parametrize(
    "make",
    [
        lambda: rnn_cell.LSTMCell(5, 4),
        lambda: rnn_cell.LSTMCell(5, use_peepholes=1),
        lambda: rnn_cell.LSTMCell(5, state_is_tuple=0),
        lambda: rnn_cell.BasicLSTMCell(5, 1.0, 4),
    ],
    ids=["LSTMCell-positional", "LSTMCell-keyword", "LSTMCell-state", "BasicLSTMCell"],
)
def test_a_number_for_a_flag_raises_naming_it(make) -> None:
    with pytest.raises(TypeError, match=r"must be a bool.*input_size"):
        make()


@pytest.mark.parametrize("cell", [rnn_cell.GRUCell, rnn_cell.BasicRNNCell])
def test_a_number_for_the_activation_raises_when_built(cell) -> None:
    with pytest.raises(TypeError, match=r"Argument `activation` must be a function.*=4 "):
        cell(3, 4)


def test_none_is_read_as_false_as_tf_1_2_did() -> None:
    cell = rnn_cell.BasicLSTMCell(2, 1.0, None)
    output, state = cell(tf.ones([1, 3]), cell.zero_state(1, tf.float32))
    assert output.shape == (1, 2) and state.shape == (1, 4)  # c and h concatenated
    lstm = rnn_cell.LSTMCell(2, None)
    lstm(tf.ones([1, 3]), lstm.zero_state(1, tf.float32))
    assert lstm.weights and not [v for v in lstm.weights if "diag" in v.name]


def test_bools_functions_and_names_are_accepted() -> None:
    lstm = rnn_cell.LSTMCell(2, np.bool_(True), state_is_tuple=False)
    gru = rnn_cell.GRUCell(2, tf.nn.relu)
    basic = rnn_cell.BasicRNNCell(2, "relu")
    inputs = tf.ones([1, 3])
    output, _ = lstm(inputs, lstm.zero_state(1, tf.float32))
    assert output.shape == (1, 2)
    diagonals = [v.name.split("/")[-1].split(":")[0] for v in lstm.weights if "diag" in v.name]
    assert diagonals == ["w_f_diag", "w_i_diag", "w_o_diag"]
    for cell in (gru, basic):
        output, _ = cell(inputs, cell.zero_state(1, tf.float32))
        assert output.shape == (1, 2)
        assert float(tf.reduce_min(output)) >= 0.0  # relu, not the default tanh
