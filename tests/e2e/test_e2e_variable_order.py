"""A TF 1.x program that picks its variables by position, migrated with the real
``rewrite --full`` and run: it gets TF1's variables and computes TF1's outputs.

The program assigns a list of arrays, in the order TF1's ``tf.trainable_variables()`` listed
them, with ``zip(tvars, values)``, and takes ``tvars[-2:]`` as its output projection. TF1's
``OutputProjectionWrapper`` made its ``kernel`` and ``bias`` after the wrapped cell's weights;
when the runtime made them first, the list went to the wrong variables.
"""

from __future__ import annotations

import numpy as np
import pytest

from tests.e2e.helpers import cli, run_program

pytestmark = [pytest.mark.e2e, pytest.mark.heavy]

PROGRAM = """\
import numpy as np
import tensorflow as tf

x = tf.placeholder(tf.float32, [2, 3, 4])
cell = tf.contrib.rnn.OutputProjectionWrapper(tf.contrib.rnn.GRUCell(5), 2)
outputs, state = tf.nn.dynamic_rnn(cell, x, dtype=tf.float32)
tvars = tf.trainable_variables()
saved = np.load("weights.npz")
values = [saved["arr_%d" % i] for i in range(len(saved.files))]
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for var, value in zip(tvars, values):
        sess.run(var.assign(value))
    print("projection " + " ".join(v.name for v in tvars[-2:]))
    np.save("outputs.npy", sess.run(outputs, {x: np.load("inputs.npy")}))
"""

#: TF1's tf.trainable_variables() of that graph, in order (TF 1.2+ names).
TF1_ORDER = [
    ("rnn/output_projection_wrapper/gru_cell/gates/kernel", (9, 10)),
    ("rnn/output_projection_wrapper/gru_cell/gates/bias", (10,)),
    ("rnn/output_projection_wrapper/gru_cell/candidate/kernel", (9, 5)),
    ("rnn/output_projection_wrapper/gru_cell/candidate/bias", (5,)),
    ("rnn/output_projection_wrapper/kernel", (5, 2)),
    ("rnn/output_projection_wrapper/bias", (2,)),
]


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1 / (1 + np.exp(-z))


def _tf1_outputs(inputs: np.ndarray, values: list[np.ndarray]) -> np.ndarray:
    """TF1's GRUCell and OutputProjectionWrapper over the sequence, in NumPy (float64)."""
    gates_kernel, gates_bias, candidate_kernel, candidate_bias, kernel, bias = values
    h = np.zeros((inputs.shape[0], 5))
    outputs = []
    for t in range(inputs.shape[1]):
        x = inputs[:, t]
        r, u = np.split(_sigmoid(np.concatenate([x, h], 1) @ gates_kernel + gates_bias), 2, 1)
        c = np.tanh(np.concatenate([x, r * h], 1) @ candidate_kernel + candidate_bias)
        h = u * h + (1 - u) * c
        outputs.append(h @ kernel + bias)
    return np.stack(outputs, 1)


def test_positional_variables_are_tf1s(tmp_path) -> None:
    rng = np.random.RandomState(7)
    values = [rng.uniform(-0.5, 0.5, shape).astype(np.float32) for _, shape in TF1_ORDER]
    inputs = rng.uniform(-1, 1, (2, 3, 4)).astype(np.float32)
    np.savez(tmp_path / "weights.npz", *values)
    np.save(tmp_path / "inputs.npy", inputs)
    (tmp_path / "model.py").write_text(PROGRAM)

    done = cli("rewrite", "--full", "model.py", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    printed = run_program(tmp_path, "model.py")

    assert (
        "projection rnn/output_projection_wrapper/kernel:0 rnn/output_projection_wrapper/bias:0"
        in printed
    )
    expected = _tf1_outputs(inputs.astype(np.float64), [v.astype(np.float64) for v in values])
    np.testing.assert_allclose(np.load(tmp_path / "outputs.npy"), expected, atol=1e-5)
