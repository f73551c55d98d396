"""``rnn_cell.CoupledInputForgetGateLSTMCell``: tf.contrib.rnn's coupled-gate LSTM against NumPy.

The reference is the cell's TF 1.x source (contrib/rnn/python/ops/rnn_cell.py): one minus the
forget gate is the input gate, ``W_0``/``B`` hold ``j, f, o``, peepholes ``W_F_diag``/``W_O_diag``.
"""

import numpy as np
import pytest
import tensorflow as tf

from legacy2tf2.runtime import VariableStore, rnn_cell

v1 = tf.compat.v1
SCOPE = "coupled_input_forget_gate_lstm_cell"


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


def numpy_step(x, c, m, w, forget_bias, peepholes, layer_norm=False, proj_clip=None):
    """One step of TF1's CoupledInputForgetGateLSTMCell.call, in NumPy."""
    shards = sorted(k for k in w if k.startswith("W_") and k[2:].isdigit())
    kernel = np.concatenate([w[k] for k in shards], 0)
    gates = np.concatenate([x, m], 1) @ kernel
    if not layer_norm:
        gates = gates + w["B"]
    j, f, o = np.split(gates, 3, axis=1)
    if layer_norm:
        j = _layer_norm(j, w["transform/gamma"], w["transform/beta"])
        f = _layer_norm(f, w["forget/gamma"], w["forget/beta"])
        o = _layer_norm(o, w["output/gamma"], w["output/beta"])
    f_act = _sigmoid(f + forget_bias + (w["W_F_diag"] * c if peepholes else 0))
    c = f_act * c + (1 - f_act) * np.tanh(j)
    if layer_norm:
        c = _layer_norm(c, w["state/gamma"], w["state/beta"])
    m = _sigmoid(o + (w["W_O_diag"] * c if peepholes else 0)) * np.tanh(c)
    projections = sorted(k for k in w if k.startswith("W_P_"))
    if projections:
        m = m @ np.concatenate([w[k] for k in projections], 0)
        if proj_clip is not None:
            m = np.clip(m, -proj_clip, proj_clip)
    return c, m


def _weights(cell):
    return {w.path.split("/", 1)[1]: w.numpy() for w in cell.weights}


def _randomize(cell, rng):
    for w in cell.weights:
        w.assign(rng.uniform(-0.8, 0.8, w.shape).astype("float32"))


CASES = {
    "plain": {},
    "peepholes": {"use_peepholes": True},
    "projection, clipped, sharded": {
        "use_peepholes": True,
        "num_proj": 2,
        "proj_clip": 0.1,
        "num_unit_shards": 2,
        "num_proj_shards": 2,
    },
    "layer norm": {"use_peepholes": True, "layer_norm": True},
}


@pytest.mark.parametrize("kwargs", CASES.values(), ids=CASES.keys())
def test_three_steps_equal_numpy(kwargs):
    cell = rnn_cell.CoupledInputForgetGateLSTMCell(3, forget_bias=0.5, **kwargs)
    rng = np.random.RandomState(0)
    xs = rng.uniform(-1, 1, [2, 3, 4]).astype("float32")
    cell(tf.constant(xs[:, 0]), cell.zero_state(2, tf.float32))
    _randomize(cell, rng)  # B, gamma and beta too, so that each plays its part
    weights = _weights(cell)
    state, outputs = cell.zero_state(2, tf.float32), []
    for t in range(3):
        output, state = cell(tf.constant(xs[:, t]), state)
        outputs.append(output.numpy())
    c, m = np.zeros([2, 3]), np.zeros([2, kwargs.get("num_proj", 3)])
    for t in range(3):
        c, m = numpy_step(
            xs[:, t],
            c,
            m,
            weights,
            0.5,
            kwargs.get("use_peepholes", False),
            kwargs.get("layer_norm", False),
            kwargs.get("proj_clip"),
        )
        np.testing.assert_allclose(outputs[t], m, rtol=1e-5, atol=1e-6)
    assert isinstance(state, rnn_cell.LSTMStateTuple)
    np.testing.assert_allclose(state.c.numpy(), c, rtol=1e-5, atol=1e-6)


def test_concatenated_state_is_c_then_m():
    cell = rnn_cell.CoupledInputForgetGateLSTMCell(3, num_proj=2, state_is_tuple=False)
    assert cell.state_size == 5 and cell.output_size == 2
    output, state = cell(tf.ones([1, 4]), cell.zero_state(1, tf.float32))
    np.testing.assert_allclose(state.numpy()[:, 3:], output.numpy(), rtol=1e-6)


def test_weights_have_tf1_names_shapes_and_order():
    cell = rnn_cell.CoupledInputForgetGateLSTMCell(
        4, use_peepholes=True, num_proj=3, num_unit_shards=3, layer_norm=True, norm_gain=0.7
    )
    cell(tf.ones([2, 5]), cell.zero_state(2, tf.float32))
    names = [w.path for w in cell.weights]
    norms = [
        f"{SCOPE}/{p}/{g}" for p in ("transform", "forget", "output") for g in ("gamma", "beta")
    ]
    assert names == [
        f"{SCOPE}/W_0",
        f"{SCOPE}/W_1",
        f"{SCOPE}/W_2",
        f"{SCOPE}/B",
        *norms,
        f"{SCOPE}/W_F_diag",
        f"{SCOPE}/W_O_diag",
        f"{SCOPE}/state/gamma",
        f"{SCOPE}/state/beta",
        f"{SCOPE}/W_P_0",
    ]
    # 5 inputs + 3 projected outputs = 8 rows over 3 shards: 3, 3, 2 (contrib's split)
    assert [list(w.shape) for w in cell.weights[:4]] == [[3, 12], [3, 12], [2, 12], [12]]
    np.testing.assert_array_equal(cell.weights[3].numpy(), np.zeros(12))
    np.testing.assert_allclose(cell.weights[4].numpy(), np.full(4, 0.7), rtol=1e-6)


def test_graph_mode_names_under_bidirectional_dynamic_rnn_and_the_initializer():
    with tf.Graph().as_default():
        with v1.variable_scope("Bi-LSTM"):
            cells = {}
            for direction in ("forward", "backward"):
                with v1.variable_scope(direction):
                    cells[direction] = rnn_cell.CoupledInputForgetGateLSTMCell(
                        3, use_peepholes=True, initializer=v1.constant_initializer(0.25)
                    )
            v1.nn.bidirectional_dynamic_rnn(
                cells["forward"], cells["backward"], tf.ones([2, 4, 5]), dtype=tf.float32
            )
        variables = {v.op.name: v for v in v1.global_variables()}
        with v1.Session() as sess:
            sess.run(v1.global_variables_initializer())
            w_0 = sess.run(variables[f"Bi-LSTM/bidirectional_rnn/fw/{SCOPE}/W_0"])
    assert sorted(variables) == sorted(
        f"Bi-LSTM/bidirectional_rnn/{d}/{SCOPE}/{n}"
        for d in ("fw", "bw")
        for n in ("W_0", "B", "W_F_diag", "W_O_diag")
    )
    np.testing.assert_array_equal(w_0, np.full([8, 9], 0.25, "float32"))


def test_too_many_shards_is_tf1s_error():
    cell = rnn_cell.CoupledInputForgetGateLSTMCell(2, num_proj=1, num_proj_shards=3)
    with pytest.raises(ValueError, match="Too many shards"):
        cell(tf.ones([1, 2]), cell.zero_state(1, tf.float32))
