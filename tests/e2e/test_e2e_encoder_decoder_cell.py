"""A TF 1.0 program running one cell object as its encoder (``static_rnn``) and its decoder
(``rnn_decoder``), migrated with the real ``rewrite --full``, restores its TF 1.0 checkpoint
(after ``convert-checkpoint``) with the encoder's and the decoder's own weights and computes what
TF 1.0 computed.

TF 1.0's cells owned no weights: the encoder made ``encoder/gru_cell/...`` and the decoder
``rnn_decoder/gru_cell/...`` (``rnn_decoder`` ran the cell inside ``variable_scope(scope or
"rnn_decoder")``). TF 1.2+ and the runtime run a cell object with the weights of its first scope,
so without the rewrite's ``copy.deepcopy(cell)`` the decoder silently ran with the encoder's
weights and ``Saver.restore`` skipped the checkpoint's decoder variables.
"""

from __future__ import annotations

import json

import numpy as np
import pytest

from tests.e2e.helpers import cli, run_program

pytestmark = [pytest.mark.e2e, pytest.mark.heavy]

PROGRAM = """\
import json
import numpy as np
import tensorflow as tf
from tensorflow.contrib import legacy_seq2seq
from tensorflow.contrib.rnn.python.ops import core_rnn, core_rnn_cell_impl

cell = core_rnn_cell_impl.GRUCell(4)
x = np.linspace(-1, 1, 6, dtype=np.float32).reshape(2, 3)
_, state = core_rnn.static_rnn(cell, [tf.constant(x)] * 2, dtype=tf.float32, scope="encoder")
outputs, _ = legacy_seq2seq.rnn_decoder([tf.constant(-x)] * 2, state, cell)
with tf.Session() as sess:
    tf.train.Saver().restore(sess, "converted/model")
    np.save("outputs.npy", sess.run(outputs))
    with open("variables.json", "w") as f:
        json.dump(sorted(v.op.name for v in tf.global_variables()), f)
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

SCOPES = ("encoder/gru_cell/", "rnn_decoder/gru_cell/")


def _tf1_0_values() -> dict[str, np.ndarray]:
    rng = np.random.RandomState(5)
    values = {}
    for scope in SCOPES:
        values[scope + "gates/weights"] = rng.randn(7, 8).astype(np.float32) * 0.5
        values[scope + "gates/biases"] = rng.randn(8).astype(np.float32) * 0.1
        values[scope + "candidate/weights"] = rng.randn(7, 4).astype(np.float32) * 0.5
        values[scope + "candidate/biases"] = rng.randn(4).astype(np.float32) * 0.1
    return values


def _gru(x: np.ndarray, h: np.ndarray, values: dict[str, np.ndarray], scope: str) -> np.ndarray:
    """TF 1.0's GRUCell step in NumPy: gates = sigmoid([x, h] W + b) split into r, u;
    candidate = tanh([x, r * h] W + b); new h = u * h + (1 - u) * candidate."""
    both = np.concatenate([x, h], 1)
    gates = 1 / (
        1 + np.exp(-(both @ values[scope + "gates/weights"] + values[scope + "gates/biases"]))
    )
    r, u = np.split(gates, 2, axis=1)
    candidate = np.tanh(
        np.concatenate([x, r * h], 1) @ values[scope + "candidate/weights"]
        + values[scope + "candidate/biases"]
    )
    return u * h + (1 - u) * candidate


def test_tf1_0_encoder_and_decoder_of_one_cell_restore_their_own_weights(tmp_path) -> None:
    values = _tf1_0_values()
    np.savez(tmp_path / "values.npz", **{k.replace("/", "|"): v for k, v in values.items()})
    (tmp_path / "writer.py").write_text(WRITER)
    run_program(tmp_path, "writer.py")
    done = cli("convert-checkpoint", "tf1_0/model", "converted/model", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    (tmp_path / "model.py").write_text(PROGRAM)
    done = cli("rewrite", "--full", "model.py", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert (
        "rnn_decoder([tf.constant(-x)] * 2, state, copy.deepcopy(cell))"
        in (tmp_path / "model.py").read_text()
    )
    run_program(tmp_path, "model.py")

    names = json.loads((tmp_path / "variables.json").read_text())
    assert [n for n in names if n.startswith(SCOPES[0])] and [
        n for n in names if n.startswith(SCOPES[1])
    ], names
    assert len(names) == 8 and all(n.startswith(SCOPES) for n in names), names

    x = np.linspace(-1, 1, 6, dtype=np.float32).reshape(2, 3)
    h = np.zeros((2, 4), np.float32)
    for _ in range(2):
        h = _gru(x, h, values, SCOPES[0])
    expected = []
    for _ in range(2):
        h = _gru(-x, h, values, SCOPES[1])
        expected.append(h)
    np.testing.assert_allclose(np.load(tmp_path / "outputs.npy"), expected, rtol=1e-5, atol=1e-6)
