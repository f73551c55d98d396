"""A program's own cell written for TF 0.x inside the runtime's cells.

TF 0.x's ``RNNCell`` was a plain object without ``__init__`` (tensorflow/models/rnn/rnn_cell.py,
TF 0.5-0.8; tensorflow/python/ops/rnn_cell.py to 0.12: ``class RNNCell(object)`` with only
``__call__``, ``state_size``, ``output_size`` and ``zero_state``), so the cells programs wrote for
it (a VRNN cell, a custom GRU) set their attributes in their own ``__init__`` without calling
``super().__init__()`` and created their weights with ``get_variable`` on every ``__call__``, the
enclosing scope's reuse (``static_rnn`` reuses from its second step) deciding. Given to
``MultiRNNCell`` such a cell failed on TF 2 ("object has no attribute '_losses'"), then on the
second step ("Variable .../Linear/Matrix already exists"). The stack is checked against the same
cell computed in NumPy with the weights it created, one set per layer.
"""

import numpy as np
import tensorflow as tf

from legacy2tf2.runtime import rnn_cell

v1 = tf.compat.v1


class TanhCell(rnn_cell.RNNCell):
    """h' = tanh([x, h] W + b), written as for TF 0.x (no base __init__ call)."""

    def __init__(self, num_units):
        self._num_units = num_units

    @property
    def state_size(self):
        return self._num_units

    @property
    def output_size(self):
        return self._num_units

    def __call__(self, inputs, state, scope=None):
        with v1.variable_scope(scope or type(self).__name__):
            size = int(inputs.shape[1]) + self._num_units
            w = v1.get_variable("W", [size, self._num_units])
            b = v1.get_variable("b", [self._num_units], initializer=v1.constant_initializer(0.1))
            h = tf.tanh(tf.matmul(tf.concat([inputs, state], 1), w) + b)
        return h, h


def run(make_stack):
    x = np.linspace(-1, 1, 3 * 2 * 4, dtype=np.float32).reshape(3, 2, 4)
    with tf.Graph().as_default():
        stack = make_stack()
        outputs, _ = v1.nn.static_rnn(stack, [tf.constant(s) for s in x], dtype=tf.float32)
        with v1.Session() as session:
            session.run(v1.global_variables_initializer())
            got = session.run(outputs)
            weights = {v.name: session.run(v) for v in v1.global_variables()}
    return x, got, weights


def numpy_stack(x, weights, layers):
    h = [np.zeros((2, 3), np.float32) for _ in layers]
    outputs = []
    for step in x:
        inp = step
        for i, layer in enumerate(layers):
            w, b = weights[f"{layer}/TanhCell/W:0"], weights[f"{layer}/TanhCell/b:0"]
            h[i] = np.tanh(np.concatenate([inp, h[i]], 1) @ w + b)
            inp = h[i]
        outputs.append(inp)
    return outputs


def test_tf0_cell_repeated_in_multi_rnn_cell_gets_one_set_per_layer():
    layers = ["rnn/multi_rnn_cell/cell_0", "rnn/multi_rnn_cell/cell_1"]
    x, got, weights = run(lambda: rnn_cell.MultiRNNCell([TanhCell(3)] * 2, repeated_cells="copy"))
    assert sorted(weights) == sorted(f"{s}/TanhCell/{n}:0" for s in layers for n in "Wb")
    np.testing.assert_allclose(got, numpy_stack(x, weights, layers), rtol=1e-5, atol=1e-6)


def test_tf0_cells_in_a_wrapped_stack_run_every_step():
    def make():
        stack = rnn_cell.MultiRNNCell([TanhCell(3), TanhCell(3)])
        return rnn_cell.DropoutWrapper(stack, output_keep_prob=1.0)

    x, got, weights = run(make)
    present = sorted({name.rsplit("/TanhCell/", 1)[0] for name in weights})
    assert len(present) == 2, sorted(weights)
    np.testing.assert_allclose(got, numpy_stack(x, weights, present), rtol=1e-5, atol=1e-6)
