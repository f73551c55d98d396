"""A TF 1.0 program running one cell object as both directions of a bidirectional RNN, migrated
with the real ``rewrite --full``, restores its TF 1.0 checkpoint (after ``convert-checkpoint``)
with both directions' weights and computes what TF 1.0 computed.

TF 1.0 gave the cell its own weights in each direction's scope (``fw/``, ``bw/``); TF 1.2+ and the
runtime run a cell object with the weights of its first scope, so without the rewrite's
``copy.deepcopy(cell)`` the backward direction silently ran with the forward weights and
``Saver.restore`` skipped the checkpoint's ``bw/`` variables.
"""

from __future__ import annotations

import numpy as np
import pytest

from tests.e2e.helpers import cli, run_program

pytestmark = [pytest.mark.e2e, pytest.mark.heavy]

PROGRAM = """\
import numpy as np
import tensorflow as tf
from tensorflow.contrib.rnn.python.ops import core_rnn, core_rnn_cell_impl

cell = core_rnn_cell_impl.GRUCell(4)
x = np.linspace(-1, 1, 6, dtype=np.float32).reshape(2, 3)
outputs, fw, bw = core_rnn.static_bidirectional_rnn(cell, cell, [tf.constant(x)] * 2, dtype=tf.float32)
with tf.Session() as sess:
    tf.train.Saver().restore(sess, "converted/model")
    np.save("outputs.npy", sess.run(outputs))
"""

#: Writes the checkpoint TF 1.0 saved for that graph: its variable names, known values.
WRITER = """\
import numpy as np
import tensorflow as tf

v1 = tf.compat.v1
v1.disable_eager_execution()
values = dict(np.load("values.npz"))
variables = [v1.Variable(value, name=name.replace("|", "/")) for name, value in values.items()]
with v1.Session() as sess:
    sess.run(v1.global_variables_initializer())
    v1.train.Saver(variables).save(sess, "tf1_0/model")
"""


def _tf1_0_values() -> dict[str, np.ndarray]:
    rng = np.random.RandomState(3)
    values = {}
    for direction in ("fw", "bw"):
        scope = f"bidirectional_rnn/{direction}/gru_cell/"
        values[scope + "gates/weights"] = rng.randn(7, 8).astype(np.float32) * 0.5
        values[scope + "gates/biases"] = rng.randn(8).astype(np.float32) * 0.1
        values[scope + "candidate/weights"] = rng.randn(7, 4).astype(np.float32) * 0.5
        values[scope + "candidate/biases"] = rng.randn(4).astype(np.float32) * 0.1
    return values


def _gru(x: np.ndarray, h: np.ndarray, values: dict[str, np.ndarray], scope: str) -> np.ndarray:
    """TF 1.0's GRUCell step in NumPy."""
    gates = 1 / (
        1
        + np.exp(
            -(
                np.concatenate([x, h], 1) @ values[scope + "gates/weights"]
                + values[scope + "gates/biases"]
            )
        )
    )
    r, u = np.split(gates, 2, axis=1)
    candidate = np.tanh(
        np.concatenate([x, r * h], 1) @ values[scope + "candidate/weights"]
        + values[scope + "candidate/biases"]
    )
    return u * h + (1 - u) * candidate


def test_tf1_0_bidirectional_rnn_of_one_cell_restores_both_directions(tmp_path) -> None:
    values = _tf1_0_values()
    np.savez(tmp_path / "values.npz", **{k.replace("/", "|"): v for k, v in values.items()})
    (tmp_path / "writer.py").write_text(WRITER)
    run_program(tmp_path, "writer.py")
    done = cli("convert-checkpoint", "tf1_0/model", "converted/model", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    (tmp_path / "model.py").write_text(PROGRAM)
    done = cli("rewrite", "--full", "model.py", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "copy.deepcopy(cell)" in (tmp_path / "model.py").read_text()
    run_program(tmp_path, "model.py")
    outputs = np.load(tmp_path / "outputs.npy")

    x = np.linspace(-1, 1, 6, dtype=np.float32).reshape(2, 3)
    forward, backward = [], []
    h = np.zeros((2, 4), np.float32)
    for _ in range(2):
        h = _gru(x, h, values, "bidirectional_rnn/fw/gru_cell/")
        forward.append(h)
    h = np.zeros((2, 4), np.float32)
    for _ in range(2):
        h = _gru(x, h, values, "bidirectional_rnn/bw/gru_cell/")
        backward.insert(0, h)
    for step in range(2):
        expected = np.concatenate([forward[step], backward[step]], 1)
        np.testing.assert_allclose(outputs[step], expected, rtol=1e-5, atol=1e-6)
