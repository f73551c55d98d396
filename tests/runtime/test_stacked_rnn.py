"""``rnn_cell.stack_bidirectional_(dynamic_)rnn``: tf.contrib.rnn's stacked bidirectional RNNs,
checked against a NumPy GRU run forward and backward layer by layer."""

import numpy as np
import pytest
import tensorflow as tf

from legacy2tf2.runtime import rnn_cell

v1 = tf.compat.v1


def _sigmoid(x):
    return 1 / (1 + np.exp(-x))


def numpy_gru_sequence(inputs, lengths, weights, units, reverse):
    """TF1's GRUCell over [batch, time, depth]; steps past a length give zeros and keep the state;
    ``reverse`` runs each sequence backwards within its length (bidirectional_dynamic_rnn's bw)."""
    gk, gb, ck, cb = weights
    batch, time, _ = inputs.shape
    outputs = np.zeros([batch, time, units])
    states = np.zeros([batch, units])
    for b in range(batch):
        h = np.zeros(units)
        steps = range(lengths[b])
        for t in reversed(steps) if reverse else steps:
            x = inputs[b, t]
            r, u = np.split(_sigmoid(np.concatenate([x, h]) @ gk + gb), 2)
            c = np.tanh(np.concatenate([x, r * h]) @ ck + cb)
            h = u * h + (1 - u) * c
            outputs[b, t] = h
        states[b] = h
    return outputs, states


def _gru_weights(values, prefix):
    return [values[f"{prefix}/gru_cell/{part}:0"] for part in GRU_PARTS]


GRU_PARTS = ("gates/kernel", "gates/bias", "candidate/kernel", "candidate/bias")


def test_dynamic_stack_names_and_computes_like_tf1():
    rng = np.random.RandomState(0)
    inputs = rng.uniform(-1, 1, [3, 5, 2]).astype("float32")
    lengths = np.array([5, 3, 1], dtype="int32")
    with tf.Graph().as_default(), v1.Session() as sess:
        fw = [rnn_cell.GRUCell(4), rnn_cell.GRUCell(3)]
        bw = [rnn_cell.GRUCell(4), rnn_cell.GRUCell(3)]
        outputs, states_fw, states_bw = rnn_cell.stack_bidirectional_dynamic_rnn(
            fw, bw, tf.constant(inputs), dtype=tf.float32, sequence_length=tf.constant(lengths)
        )
        sess.run(v1.global_variables_initializer())
        variables = v1.global_variables()
        values = dict(zip([v.name for v in variables], sess.run(variables), strict=True))
        got, got_fw, got_bw = sess.run([outputs, states_fw, states_bw])
    assert sorted(values) == sorted(
        f"stack_bidirectional_rnn/cell_{i}/bidirectional_rnn/{d}/gru_cell/{part}:0"
        for i in range(2)
        for d in ("fw", "bw")
        for part in GRU_PARTS
    )
    assert isinstance(states_fw, tuple) and len(states_fw) == 2 and len(states_bw) == 2
    layer_input = inputs
    for i, units in enumerate((4, 3)):
        prefix = f"stack_bidirectional_rnn/cell_{i}/bidirectional_rnn"
        out_fw, st_fw = numpy_gru_sequence(
            layer_input, lengths, _gru_weights(values, prefix + "/fw"), units, reverse=False
        )
        out_bw, st_bw = numpy_gru_sequence(
            layer_input, lengths, _gru_weights(values, prefix + "/bw"), units, reverse=True
        )
        np.testing.assert_allclose(got_fw[i], st_fw, rtol=1e-5, atol=1e-5)
        np.testing.assert_allclose(got_bw[i], st_bw, rtol=1e-5, atol=1e-5)
        layer_input = np.concatenate([out_fw, out_bw], 2)
    np.testing.assert_allclose(got, layer_input, rtol=1e-5, atol=1e-5)
    assert got.shape == (3, 5, 6)


def test_static_stack_names_each_layer_by_its_own_scope_and_computes_like_tf1():
    rng = np.random.RandomState(1)
    inputs = rng.uniform(-1, 1, [2, 3, 2]).astype("float32")
    lengths = np.array([3, 3])
    with tf.Graph().as_default(), v1.Session() as sess:
        outputs, states_fw, _ = rnn_cell.stack_bidirectional_rnn(
            [rnn_cell.GRUCell(2)],
            [rnn_cell.GRUCell(2)],
            tf.unstack(tf.constant(inputs), axis=1),
            dtype=tf.float32,
            scope="stack",
        )
        sess.run(v1.global_variables_initializer())
        variables = v1.global_variables()
        values = dict(zip([v.name for v in variables], sess.run(variables), strict=True))
        got, got_fw = sess.run([outputs, states_fw])
    # static_bidirectional_rnn runs in the layer's own scope: no bidirectional_rnn level
    assert sorted(values) == sorted(
        f"stack/cell_0/{d}/gru_cell/{part}:0" for d in ("fw", "bw") for part in GRU_PARTS
    )
    out_fw, st_fw = numpy_gru_sequence(
        inputs, lengths, _gru_weights(values, "stack/cell_0/fw"), 2, reverse=False
    )
    out_bw, _ = numpy_gru_sequence(
        inputs, lengths, _gru_weights(values, "stack/cell_0/bw"), 2, reverse=True
    )
    assert isinstance(got, list) and len(got) == 3
    np.testing.assert_allclose(np.stack(got, 1), np.concatenate([out_fw, out_bw], 2), atol=1e-5)
    np.testing.assert_allclose(got_fw[0], st_fw, atol=1e-5)


@pytest.mark.parametrize(
    ("fw", "bw", "states", "message"),
    [
        ([], [1], None, "at least one fw cell"),
        ((1,), (1,), None, "cells_fw must be a list"),
        ([1], [1, 2], None, "same depth"),
        ([1], [1], [1, 2], "initial_states_fw must be a list"),
    ],
)
def test_tf1s_argument_errors(fw, bw, states, message):
    with pytest.raises(ValueError, match=message):
        rnn_cell.stack_bidirectional_dynamic_rnn(fw, bw, None, initial_states_fw=states)
