"""A TF 0.x program (``tensorflow.models.rnn``, LSTM cells with their default state) migrated by
the real ``rewrite --full`` runs on TF 2.21 with TF 0.x's concatenated state: it evaluates and
feeds the state as one tensor, takes TF 0.7's ``states[-1]`` as the final state, and computes the
two-layer LSTM of an independent NumPy formula."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from tests.e2e.helpers import python

pytestmark = pytest.mark.heavy

PROGRAM = """\
import sys

import numpy as np
import tensorflow as tf
from tensorflow.models.rnn import rnn_cell
from tensorflow.models.rnn import seq2seq

SIZE, STEPS, BATCH = 3, 2, 2
tf.set_random_seed(0)
cell_fn = rnn_cell.BasicLSTMCell
cell = rnn_cell.MultiRNNCell([cell_fn(SIZE)] * 2)
inputs = [tf.placeholder(tf.float32, [BATCH, SIZE]) for _ in range(STEPS)]
initial_state = cell.zero_state(BATCH, tf.float32)
outputs, states = seq2seq.rnn_decoder(inputs, initial_state, cell)
state = states[-1]  # TF 0.7 returned every step's state
with tf.Session() as sess:
    tf.initialize_all_variables().run()
    start = initial_state.eval() + 0.5
    data = np.random.RandomState(1).uniform(-1, 1, (STEPS, BATCH, SIZE)).astype(np.float32)
    feed = dict(zip(inputs, data))
    feed[initial_state] = start
    last, final = sess.run([outputs[-1], state], feed)
    params = [v.eval() for v in tf.trainable_variables()]
    np.savez(sys.argv[1], data=data, start=start, last=last, final=final, *params)
"""


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1 / (1 + np.exp(-x))


def _lstm(x, c, h, kernel, bias):  # TF1's BasicLSTMCell, forget_bias 1.0: gates i, j, f, o
    i, j, f, o = np.split(np.concatenate([x, h], 1) @ kernel + bias, 4, axis=1)
    c = c * _sigmoid(f + 1.0) + _sigmoid(i) * np.tanh(j)
    return c, np.tanh(c) * _sigmoid(o)


def test_tf0_program_keeps_the_concatenated_lstm_state(tmp_path: Path) -> None:
    program = tmp_path / "model.py"
    program.write_text(PROGRAM)
    done = python("-m", "legacy2tf2", "rewrite", "--full", "model.py", cwd=tmp_path, timeout=300)
    assert done.returncode == 0, done.stderr
    migrated = program.read_text()
    assert "functools.partial(rnn_cell.BasicLSTMCell.tf0, state_is_tuple=False)" in migrated
    assert 'repeated_cells="copy", state_is_tuple=False)' in migrated
    assert "state = states  #" in migrated

    done = python("model.py", str(tmp_path / "out.npz"), cwd=tmp_path, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    saved = np.load(tmp_path / "out.npz")
    kernels = [saved[f"arr_{i}"] for i in range(4)]  # layer 0 kernel, bias, layer 1 kernel, bias
    size = 3
    state = saved["start"]
    assert state.shape == (2, 4 * size)  # [c0, h0, c1, h1], one tensor
    layers = [np.split(state, 4, axis=1)[2 * k : 2 * k + 2] for k in range(2)]
    for x in saved["data"]:
        for k in range(2):
            c, h = _lstm(x, *layers[k], kernels[2 * k], kernels[2 * k + 1])
            layers[k] = [c, h]
            x = h
    np.testing.assert_allclose(saved["last"], x, atol=1e-5)
    np.testing.assert_allclose(
        saved["final"], np.concatenate([*layers[0], *layers[1]], 1), atol=1e-5
    )


PASSED_ON = """\
import sys

import numpy as np
import tensorflow as tf
from tensorflow.models.rnn import rnn_cell


class Network(object):
    def __init__(self, cell_fn, size):  # TF 0.7: cell_fn(num_units, forget_bias, input_size)
        self.cell = cell_fn(size, 1.0, size)

    def __call__(self, x, state):
        c_and_h = tf.slice(state, [0, 0], [-1, self.cell.state_size])
        return self.cell(x, c_and_h)


cell_fn = rnn_cell.BasicLSTMCell
net = Network(cell_fn, 3)
x = tf.placeholder(tf.float32, [2, 3])
state = tf.placeholder(tf.float32, [2, 6])
out, new_state = net(x, state)
with tf.Session() as sess:
    tf.initialize_all_variables().run()
    data = np.random.RandomState(1).uniform(-1, 1, (2, 3)).astype(np.float32)
    start = np.random.RandomState(2).uniform(-1, 1, (2, 6)).astype(np.float32)
    got, final = sess.run([out, new_state], {x: data, state: start})
    params = [v.eval() for v in tf.trainable_variables()]
    np.savez(sys.argv[1], data=data, start=start, got=got, final=final, *params)
"""


def test_tf0_cell_class_passed_on_is_called_with_tf0_arguments(tmp_path: Path) -> None:
    # the class passed to another class, called there with TF 0.7's positional input_size: as
    # functools.partial(BasicLSTMCell, ...) that was "multiple values for 'state_is_tuple'"
    program = tmp_path / "model.py"
    program.write_text(PASSED_ON)
    done = python("-m", "legacy2tf2", "rewrite", "--full", "model.py", cwd=tmp_path, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "BasicLSTMCell.tf0, state_is_tuple=False)" in program.read_text()
    done = python("model.py", str(tmp_path / "out.npz"), cwd=tmp_path, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    saved = np.load(tmp_path / "out.npz")
    c, h = _lstm(
        saved["data"], *np.split(saved["start"], 2, axis=1), saved["arr_0"], saved["arr_1"]
    )
    np.testing.assert_allclose(saved["got"], h, atol=1e-5)
    np.testing.assert_allclose(saved["final"], np.concatenate([c, h], 1), atol=1e-5)
