"""A ``MultiRNNCell`` given a longer state tuple runs from its first entries, as TF1 did.

TF 0.12-1.15's ``MultiRNNCell`` checked only that its state was a sequence and read ``state[i]``
for each layer (``rnn_cell_impl.py``, as stored in the code index). A public bidirectional
attention seq2seq (``core_rnn.static_bidirectional_rnn`` over two 4-layer stacks, then
``encoder_state = encoder_state1 + encoder_state2`` given to a 4-layer decoder) therefore decoded
from the forward stack's states alone; the runtime refused the 8-tuple.
"""

from __future__ import annotations

import numpy as np
import pytest
import tensorflow as tf

from legacy2tf2.runtime import legacy_seq2seq, rnn_cell

v1 = tf.compat.v1
UNITS, BATCH, DEPTH = 3, 2, 4


def _gru(x: np.ndarray, h: np.ndarray, weights: dict[str, np.ndarray], prefix: str) -> np.ndarray:
    sigmoid = lambda z: 1 / (1 + np.exp(-z))  # noqa: E731
    gates = sigmoid(
        np.concatenate([x, h], 1) @ weights[prefix + "gates/kernel"]
        + weights[prefix + "gates/bias"]
    )
    r, u = np.split(gates, 2, axis=1)
    candidate = np.tanh(
        np.concatenate([x, r * h], 1) @ weights[prefix + "candidate/kernel"]
        + weights[prefix + "candidate/bias"]
    )
    return u * h + (1 - u) * candidate


def test_a_decoder_given_forward_plus_backward_states_runs_from_the_forward_ones() -> None:
    rng = np.random.RandomState(0)
    graph = tf.Graph()
    with graph.as_default():
        encoder_inputs = [tf.constant(rng.randn(BATCH, DEPTH), tf.float32) for _ in range(3)]
        decoder_inputs = [tf.constant(rng.randn(BATCH, DEPTH), tf.float32) for _ in range(2)]
        stack = lambda: rnn_cell.MultiRNNCell([rnn_cell.GRUCell(UNITS) for _ in range(2)])  # noqa: E731
        _, state_fw, state_bw = v1.nn.static_bidirectional_rnn(
            stack(), stack(), encoder_inputs, dtype=tf.float32
        )
        outputs, state = legacy_seq2seq.rnn_decoder(decoder_inputs, state_fw + state_bw, stack())
        with v1.Session() as sess:
            sess.run(v1.global_variables_initializer())
            got, forward, final = sess.run([outputs, state_fw, state])
            weights = {v.op.name: sess.run(v) for v in v1.global_variables()}
            steps = sess.run(decoder_inputs)
    assert len(final) == 2
    hidden = list(forward)
    for step, expected in zip(steps, got, strict=True):
        x = step
        for layer in range(2):
            prefix = f"rnn_decoder/multi_rnn_cell/cell_{layer}/gru_cell/"
            hidden[layer] = _gru(x, hidden[layer], weights, prefix)
            x = hidden[layer]
        np.testing.assert_allclose(expected, x, rtol=1e-5, atol=1e-6)


def test_fewer_layer_states_still_raise() -> None:
    cell = rnn_cell.MultiRNNCell([rnn_cell.GRUCell(2) for _ in range(3)])
    with pytest.raises(ValueError, match=r"must be a tuple of 3 layer states .*a tuple of 2"):
        cell(tf.zeros([1, 2]), (tf.zeros([1, 2]),) * 2)
