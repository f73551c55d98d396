"""TF 1.1's ``core_rnn_cell_impl._checked_scope`` (``legacy2tf2 rewrite`` moves it to
``layers_v1.checked_scope``): a TF 1.1 cell written as TF 1.1's own (``with _checked_scope(self,
scope or "ran_cell", reuse=self._reuse):`` in ``__call__``), run by ``dynamic_rnn``, makes its
weights under TF1's names and computes what NumPy computes; run again in another scope it is
refused as TF 1.1 refused it."""

from __future__ import annotations

import numpy as np
import pytest
import tensorflow as tf

from legacy2tf2.runtime.layers_v1 import checked_scope, rnn_linear
from legacy2tf2.runtime.rnn_cell import RNNCell

_v1 = tf.compat.v1


class _AdditiveCell(RNNCell):
    """A TF 1.1-style recurrent additive cell: gates over [x, h], content over x."""

    def __init__(self, num_units: int, reuse: bool | None = None) -> None:
        self._num_units = num_units
        self._reuse = reuse

    @property
    def state_size(self) -> int:
        return self._num_units

    @property
    def output_size(self) -> int:
        return self._num_units

    def __call__(self, inputs, state, scope=None):
        with checked_scope(self, scope or "ran_cell", reuse=self._reuse):
            with _v1.variable_scope("gates"):
                gates = tf.sigmoid(rnn_linear([inputs, state], 2 * self._num_units, True))
                i, f = tf.split(gates, 2, axis=1)
            with _v1.variable_scope("candidate"):
                content = rnn_linear([inputs], self._num_units, True)
            new_c = i * content + f * state
        return new_c, new_c


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-z))


def test_a_tf1_1_cell_computes_as_numpy_under_tf1_names() -> None:
    x = np.random.RandomState(0).randn(3, 5, 4).astype(np.float32)
    with tf.Graph().as_default(), _v1.Session() as sess:
        outputs, _ = _v1.nn.dynamic_rnn(_AdditiveCell(6), tf.constant(x), dtype=tf.float32)
        sess.run(_v1.global_variables_initializer())
        got = sess.run(outputs)
        weights = {v.name: sess.run(v) for v in _v1.global_variables()}
    names = ("gates/kernel", "gates/bias", "candidate/kernel", "candidate/bias")
    assert sorted(weights) == sorted(f"rnn/ran_cell/{n}:0" for n in names)
    wg, bg, wc, bc = (weights[f"rnn/ran_cell/{n}:0"] for n in names)
    c = np.zeros((3, 6), np.float32)
    expected = []
    for t in range(5):
        gates = _sigmoid(np.concatenate([x[:, t], c], 1) @ wg + bg)
        c = gates[:, :6] * (x[:, t] @ wc + bc) + gates[:, 6:] * c
        expected.append(c)
    np.testing.assert_allclose(got, np.stack(expected, 1), rtol=1e-5, atol=1e-6)


def test_the_cell_in_another_scope_is_refused_as_tf1_1_refused_it() -> None:
    with tf.Graph().as_default():
        x = tf.zeros([2, 3, 4])
        cell = _AdditiveCell(5)
        _v1.nn.dynamic_rnn(cell, x, dtype=tf.float32, scope="encoder")
        with pytest.raises(ValueError, match="different variable scope than its first use"):
            _v1.nn.dynamic_rnn(cell, x, dtype=tf.float32, scope="decoder")
        # A new cell with reuse=True finds the first one's weights in that scope.
        _v1.nn.dynamic_rnn(_AdditiveCell(5, reuse=True), x, dtype=tf.float32, scope="encoder")
        assert len(_v1.global_variables()) == 4
