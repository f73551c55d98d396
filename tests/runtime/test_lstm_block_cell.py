"""``rnn_cell.LSTMBlockCell``: tf.contrib.rnn's fused LSTM, checked against NumPy's LSTM block."""

import numpy as np
import pytest
import tensorflow as tf

from legacy2tf2.runtime import VariableStore, rnn_cell

v1 = tf.compat.v1


@pytest.fixture(autouse=True)
def fresh_store():
    with VariableStore().as_default() as store:
        yield store


def _sigmoid(x):
    return 1 / (1 + np.exp(-x))


def numpy_lstm_block(x, c_prev, h_prev, weights, forget_bias, cell_clip, peephole):
    """The LSTMBlockCell op's documented formula: i, ci, f, o gates of [x, h] @ w + b."""
    w, b = weights["kernel"], weights["bias"]
    i, ci, f, o = np.split(np.concatenate([x, h_prev], 1) @ w + b, 4, axis=1)
    wci, wcf, wco = (weights.get(k, 0.0) for k in ("w_i_diag", "w_f_diag", "w_o_diag"))
    i = _sigmoid(i + (c_prev * wci if peephole else 0))
    f = _sigmoid(f + forget_bias + (c_prev * wcf if peephole else 0))
    cs = np.tanh(ci) * i + c_prev * f
    if cell_clip is not None and cell_clip > 0:
        cs = np.clip(cs, -cell_clip, cell_clip)
    o = _sigmoid(o + (cs * wco if peephole else 0))
    return cs, np.tanh(cs) * o


def _weights(cell):
    return {w.path.rsplit("/", 1)[-1]: w.numpy() for w in cell.weights}


@pytest.mark.parametrize(
    ("kwargs", "clip"),
    [
        ({}, None),
        ({"forget_bias": 0.0}, None),
        ({"use_peephole": True, "cell_clip": 0.3}, 0.3),
        ({"cell_clip": -1.0}, None),  # TF1: a value <= 0 is no clipping
    ],
)
def test_one_step_equals_numpy_lstm_block(kwargs, clip):
    cell = rnn_cell.LSTMBlockCell(3, **kwargs)
    rng = np.random.RandomState(0)
    x = rng.uniform(-2, 2, [2, 4]).astype("float32")
    c = rng.uniform(-2, 2, [2, 3]).astype("float32")
    h = rng.uniform(-1, 1, [2, 3]).astype("float32")
    cell(tf.constant(x), rnn_cell.LSTMStateTuple(tf.constant(c), tf.constant(h)))
    weights = _weights(cell)
    if kwargs.get("use_peephole"):  # fresh peepholes are random; make them matter visibly
        for name in ("w_i_diag", "w_f_diag", "w_o_diag"):
            weights[name] = rng.uniform(-1, 1, [3]).astype("float32")
        for w in cell.weights:
            if w.path.endswith("_diag"):
                w.assign(weights[w.path.rsplit("/", 1)[-1]])
    output, state = cell(tf.constant(x), rnn_cell.LSTMStateTuple(tf.constant(c), tf.constant(h)))
    forget_bias = kwargs.get("forget_bias", 1.0)
    peephole = kwargs.get("use_peephole", False)
    cs, new_h = numpy_lstm_block(x, c, h, weights, forget_bias, clip, peephole)
    assert isinstance(state, rnn_cell.LSTMStateTuple)
    np.testing.assert_allclose(state.c.numpy(), cs, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(state.h.numpy(), new_h, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(output.numpy(), new_h, rtol=1e-5, atol=1e-6)
    if clip is None:
        assert np.abs(cs).max() > 0.3  # nothing was clipped where TF1 clipped nothing


def test_weights_have_tf1_names_shapes_and_initial_bias():
    cell = rnn_cell.LSTMBlockCell(4, use_peephole=True)
    cell(tf.ones([2, 3]), cell.zero_state(2, tf.float32))
    assert [w.path for w in cell.weights] == [
        "lstm_cell/kernel",
        "lstm_cell/bias",
        "lstm_cell/w_f_diag",
        "lstm_cell/w_i_diag",
        "lstm_cell/w_o_diag",
    ]
    assert [list(w.shape) for w in cell.weights] == [[7, 16], [16], [4], [4], [4]]
    np.testing.assert_array_equal(cell.weights[1].numpy(), np.zeros(16))
    assert cell.state_size == rnn_cell.LSTMStateTuple(4, 4) and cell.output_size == 4


def test_positional_arguments_follow_tf1s_signature():
    # LSTMBlockCell(num_units, forget_bias, cell_clip, use_peephole, dtype, reuse, name)
    cell = rnn_cell.LSTMBlockCell(2, 0.5, 0.25, True)
    assert cell.get_config()["forget_bias"] == 0.5
    assert cell.get_config()["cell_clip"] == 0.25
    assert cell.get_config()["use_peephole"] is True
    with pytest.raises(TypeError, match="use_peephole"):
        rnn_cell.LSTMBlockCell(2, 1.0, None, 3)


def test_dynamic_rnn_in_a_graph_names_and_computes_like_tf1():
    rng = np.random.RandomState(1)
    inputs = rng.uniform(-1, 1, [2, 4, 3]).astype("float32")
    with tf.Graph().as_default(), v1.Session() as sess:
        cell = rnn_cell.MultiRNNCell([rnn_cell.LSTMBlockCell(5) for _ in range(2)])
        outputs, state = v1.nn.dynamic_rnn(cell, tf.constant(inputs), dtype=tf.float32)
        sess.run(v1.global_variables_initializer())
        names = [v.name for v in v1.global_variables()]
        got_outputs, got_state = sess.run([outputs, state])
        values = dict(zip(names, sess.run(v1.global_variables()), strict=True))
    assert names == [
        "rnn/multi_rnn_cell/cell_0/lstm_cell/kernel:0",
        "rnn/multi_rnn_cell/cell_0/lstm_cell/bias:0",
        "rnn/multi_rnn_cell/cell_1/lstm_cell/kernel:0",
        "rnn/multi_rnn_cell/cell_1/lstm_cell/bias:0",
    ]
    states = [(np.zeros([2, 5]), np.zeros([2, 5])) for _ in range(2)]
    for t in range(4):
        layer_input = inputs[:, t]
        for layer in range(2):
            prefix = f"rnn/multi_rnn_cell/cell_{layer}/lstm_cell/"
            weights = {"kernel": values[prefix + "kernel:0"], "bias": values[prefix + "bias:0"]}
            states[layer] = numpy_lstm_block(layer_input, *states[layer], weights, 1.0, None, False)
            layer_input = states[layer][1]
        np.testing.assert_allclose(got_outputs[:, t], layer_input, rtol=1e-5, atol=1e-5)
    np.testing.assert_allclose(got_state[1].c, states[1][0], rtol=1e-5, atol=1e-5)


def test_no_lstm_cell_is_an_instance_of_another_as_in_tf1():
    # TF1 programs branch on isinstance(cell, LSTMCell); BasicLSTMCell and LSTMBlockCell were not.
    lstm, basic, block = rnn_cell.LSTMCell(2), rnn_cell.BasicLSTMCell(2), rnn_cell.LSTMBlockCell(2)
    assert isinstance(lstm, rnn_cell.LSTMCell)
    assert not isinstance(basic, rnn_cell.LSTMCell) and not isinstance(block, rnn_cell.LSTMCell)
    assert not isinstance(block, rnn_cell.BasicLSTMCell)
    assert all(isinstance(cell, rnn_cell.RNNCell) for cell in (lstm, basic, block))

    class Mine(rnn_cell.LSTMCell):  # a program's own LSTMCell subclass still is one
        pass

    assert isinstance(Mine(2), rnn_cell.LSTMCell)
