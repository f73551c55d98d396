"""``rnn_cell.LayerNormBasicLSTMCell``: tf.contrib.rnn's layer-normalized LSTM against NumPy."""

import numpy as np
import pytest
import tensorflow as tf

from legacy2tf2.runtime import VariableStore, rnn_cell

v1 = tf.compat.v1
PARTS = ("input", "transform", "forget", "output", "state")


@pytest.fixture(autouse=True)
def fresh_store():
    with VariableStore().as_default() as store:
        yield store


def _sigmoid(x):
    return 1 / (1 + np.exp(-x))


def _layer_norm(v, gamma, beta):
    mean = v.mean(1, keepdims=True)
    variance = ((v - mean) ** 2).mean(1, keepdims=True)
    return (v - mean) / np.sqrt(variance + 1e-12) * gamma + beta


def numpy_step(x, c, h, w, forget_bias, layer_norm):
    gates = np.concatenate([x, h], 1) @ w["kernel"] + (0 if layer_norm else w["bias"])
    i, j, f, o = np.split(gates, 4, axis=1)
    if layer_norm:
        i, j, f, o = (
            _layer_norm(v, w[f"{p}/gamma"], w[f"{p}/beta"])
            for v, p in zip((i, j, f, o), PARTS[:4], strict=True)
        )
    new_c = c * _sigmoid(f + forget_bias) + _sigmoid(i) * np.tanh(j)
    if layer_norm:
        new_c = _layer_norm(new_c, w["state/gamma"], w["state/beta"])
    return new_c, np.tanh(new_c) * _sigmoid(o)


def _weights(cell):
    return {w.path.split("/", 1)[1]: w.numpy() for w in cell.weights}


@pytest.mark.parametrize("layer_norm", [True, False])
def test_two_steps_equal_numpy(layer_norm):
    cell = rnn_cell.LayerNormBasicLSTMCell(3, forget_bias=0.5, layer_norm=layer_norm, norm_gain=0.8)
    rng = np.random.RandomState(0)
    xs = rng.uniform(-1, 1, [2, 2, 4]).astype("float32")
    state = cell.zero_state(2, tf.float32)
    outputs = []
    for t in range(2):
        output, state = cell(tf.constant(xs[:, t]), state)
        outputs.append(output.numpy())
    weights = _weights(cell)
    if layer_norm:  # gamma starts at norm_gain, beta at norm_shift; vary them to test their role
        for w in cell.weights:
            if w.path.endswith(("gamma", "beta")):
                w.assign(rng.uniform(0.5, 1.5, [3]).astype("float32"))
        weights = _weights(cell)
        state, outputs = cell.zero_state(2, tf.float32), []
        for t in range(2):
            output, state = cell(tf.constant(xs[:, t]), state)
            outputs.append(output.numpy())
    c, h = np.zeros([2, 3]), np.zeros([2, 3])
    for t in range(2):
        c, h = numpy_step(xs[:, t], c, h, weights, 0.5, layer_norm)
        np.testing.assert_allclose(outputs[t], h, rtol=1e-5, atol=1e-5)
    assert isinstance(state, rnn_cell.LSTMStateTuple)
    np.testing.assert_allclose(state.c.numpy(), c, rtol=1e-5, atol=1e-5)


def test_weights_have_tf1_names_order_and_initial_values():
    cell = rnn_cell.LayerNormBasicLSTMCell(4, norm_gain=0.7, norm_shift=0.1)
    cell(tf.ones([2, 3]), cell.zero_state(2, tf.float32))
    expected = ["layer_norm_basic_lstm_cell/kernel"] + [
        f"layer_norm_basic_lstm_cell/{p}/{g}" for p in PARTS for g in ("gamma", "beta")
    ]
    assert [w.path for w in cell.weights] == expected
    assert list(cell.weights[0].shape) == [7, 16]
    np.testing.assert_allclose(cell.weights[1].numpy(), np.full(4, 0.7), rtol=1e-6)
    np.testing.assert_allclose(cell.weights[2].numpy(), np.full(4, 0.1), rtol=1e-6)
    plain = rnn_cell.LayerNormBasicLSTMCell(4, layer_norm=False)
    plain(tf.ones([2, 3]), plain.zero_state(2, tf.float32))
    assert [w.path for w in plain.weights] == [
        "layer_norm_basic_lstm_cell_1/kernel",
        "layer_norm_basic_lstm_cell_1/bias",
    ]


def test_recurrent_dropout_drops_g_only_when_keep_prob_is_below_one_or_a_tensor():
    with tf.Graph().as_default(), v1.Session() as sess:
        keep = v1.placeholder_with_default(1.0, [])
        cell = rnn_cell.LayerNormBasicLSTMCell(200, layer_norm=False, dropout_keep_prob=keep)
        x = tf.ones([1, 2])
        _, state = cell(x, cell.zero_state(1, tf.float32))
        sess.run(v1.global_variables_initializer())
        full = sess.run(state.c)
        dropped = sess.run(state.c, {keep: 0.5})
    # c = sigmoid(i) * g from a zero state: dropped units are 0, kept ones doubled
    kept = dropped != 0
    assert 40 < kept.sum() < 160
    np.testing.assert_allclose(dropped[kept], 2 * full[kept], rtol=1e-5)
