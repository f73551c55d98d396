"""A TF 0.11/0.12 program that reached the static RNN functions through
``tensorflow.python.ops.rnn`` (``rnn.rnn``, ``rnn.bidirectional_rnn``) runs after the real
``rewrite --full`` and computes the LSTM outputs an independent NumPy LSTM computes from its
weights."""

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
from tensorflow.python.ops import rnn, rnn_cell

STEPS, INPUT, HIDDEN = 3, 2, 4
x = tf.placeholder("float", [None, STEPS, INPUT])
xs = tf.split(0, STEPS, tf.reshape(tf.transpose(x, [1, 0, 2]), [-1, INPUT]))
with tf.variable_scope("uni"):
    outputs, states = rnn.rnn(rnn_cell.BasicLSTMCell(HIDDEN, forget_bias=1.0), xs, dtype=tf.float32)
with tf.variable_scope("bi"):
    fw = rnn_cell.BasicLSTMCell(HIDDEN, forget_bias=1.0)
    bw = rnn_cell.BasicLSTMCell(HIDDEN, forget_bias=1.0)
    both, _, _ = rnn.bidirectional_rnn(fw, bw, xs, dtype=tf.float32)
with tf.Session() as sess:
    sess.run(tf.initialize_all_variables())
    data = np.random.RandomState(0).randn(2, STEPS, INPUT).astype(np.float32)
    last, bi = sess.run([outputs[-1], tf.pack(both)], {x: data})
    found = dict((v.name, sess.run(v)) for v in tf.all_variables())
    np.savez(sys.argv[1], x=data, last=last, bi=bi, **found)
"""


def _lstm(x: np.ndarray, kernel: np.ndarray, bias: np.ndarray) -> np.ndarray:
    """BasicLSTMCell over ``x`` [batch, time, input]: gates i, j, f, o, forget bias 1."""
    batch, hidden = x.shape[0], bias.shape[0] // 4
    c, h, out = np.zeros((batch, hidden)), np.zeros((batch, hidden)), []
    for t in range(x.shape[1]):
        i, j, f, o = np.split(np.concatenate([x[:, t], h], 1) @ kernel + bias, 4, axis=1)
        c = c / (1 + np.exp(-(f + 1.0))) + np.tanh(j) / (1 + np.exp(-i))
        h = np.tanh(c) / (1 + np.exp(-o))
        out.append(h)
    return np.stack(out, 1)


def _weights(saved: dict, *parts: str) -> tuple[np.ndarray, np.ndarray]:
    def one(kind: str) -> np.ndarray:
        [name] = [n for n in saved if all(p in n for p in (*parts, kind))]
        return saved[name]

    return one("kernel"), one("bias")


def test_tf_0_12_static_rnn_program_computes_the_lstm(tmp_path: Path) -> None:
    (tmp_path / "model.py").write_text(PROGRAM)
    done = python("-m", "legacy2tf2", "rewrite", "--full", "model.py", cwd=tmp_path, timeout=300)
    assert done.returncode == 0, done.stderr
    migrated = (tmp_path / "model.py").read_text()
    assert "tf.compat.v1.nn.static_rnn(" in migrated
    assert "tf.compat.v1.nn.static_bidirectional_rnn(" in migrated
    assert "L2T006" not in done.stderr

    done = python("model.py", str(tmp_path / "out.npz"), cwd=tmp_path, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    saved = dict(np.load(tmp_path / "out.npz"))
    x = saved["x"]
    uni = _lstm(x, *_weights(saved, "uni/"))
    np.testing.assert_allclose(saved["last"], uni[:, -1], atol=1e-5)
    forward = _lstm(x, *_weights(saved, "bi/", "fw/"))
    backward = _lstm(x[:, ::-1], *_weights(saved, "bi/", "bw/"))[:, ::-1]
    expected = np.concatenate([forward, backward], 2).transpose(1, 0, 2)
    np.testing.assert_allclose(saved["bi"], expected, atol=1e-5)
