"""A notebook that printed ``tf.__version__`` as ``1.0.0`` runs one cell object as both directions
of a bidirectional RNN: the recorded version alone tells the rewrite that TF 1.0 gave each
direction its own weights, so ``rewrite --full`` passes the backward direction a copy of the cell,
the notebook restores its TF 1.0 checkpoint's ``fw/`` and ``bw/`` weights and, run cell by cell,
computes what TF 1.0 computed. Without the record (the same notebook, outputs cleared) the TF 1.2+
meaning is kept and reported (L2T005), and the backward direction runs with the forward weights.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from tests.e2e.helpers import cli, run_notebook, run_program
from tests.e2e.test_e2e_bidirectional_cell import WRITER, _gru, _tf1_0_values

pytestmark = [pytest.mark.e2e, pytest.mark.heavy]

VERSION = "import numpy as np\nimport tensorflow as tf\nprint(tf.__version__)\n"

MODEL = """\
cell = tf.contrib.rnn.GRUCell(4)
x = np.linspace(-1, 1, 6, dtype=np.float32).reshape(2, 3)
inputs = [tf.constant(x)] * 2
outputs, fw, bw = tf.contrib.rnn.static_bidirectional_rnn(cell, cell, inputs, dtype=tf.float32)
"""

RUN = """\
with tf.Session() as sess:
    tf.train.Saver().restore(sess, "converted/model")
    np.save("outputs.npy", sess.run(outputs))
"""


def _notebook(recorded: bool) -> dict:
    def code(source: str, outputs: list) -> dict:
        return {
            "cell_type": "code",
            "execution_count": 1,
            "metadata": {},
            "outputs": outputs,
            "source": source.splitlines(keepends=True),
        }

    printed = [{"name": "stdout", "output_type": "stream", "text": ["1.0.0\n"]}]
    return {
        "cells": [code(VERSION, printed if recorded else []), code(MODEL, []), code(RUN, [])],
        "metadata": {"kernelspec": {"language": "python", "name": "python3"}},
        "nbformat": 4,
        "nbformat_minor": 2,
    }


def _tf1_0_outputs(values: dict[str, np.ndarray]) -> np.ndarray:
    """TF 1.0's outputs, in NumPy: each direction with its own weights."""
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
    return np.stack([np.concatenate([f, b], 1) for f, b in zip(forward, backward, strict=True)])


def _migrate_and_run(tmp_path: Path, recorded: bool) -> tuple[str, np.ndarray]:
    path = tmp_path / "bidirectional.ipynb"
    path.write_text(json.dumps(_notebook(recorded), indent=1) + "\n", encoding="utf-8")
    done = cli("rewrite", "--full", path.name, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    run_notebook(path, tmp_path)
    return done.stderr, np.load(tmp_path / "outputs.npy")


def test_recorded_tf_1_0_gives_each_direction_its_weights(tmp_path: Path) -> None:
    values = _tf1_0_values()
    np.savez(tmp_path / "values.npz", **{k.replace("/", "|"): v for k, v in values.items()})
    (tmp_path / "writer.py").write_text(WRITER)
    run_program(tmp_path, "writer.py")
    done = cli("convert-checkpoint", "tf1_0/model", "converted/model", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    expected = _tf1_0_outputs(values)

    stderr, outputs = _migrate_and_run(tmp_path, recorded=True)
    assert "L2T005" not in stderr
    model = "".join(
        json.loads((tmp_path / "bidirectional.ipynb").read_text())["cells"][1]["source"]
    )
    assert "copy.deepcopy(cell)" in model
    np.testing.assert_allclose(outputs, expected, rtol=1e-5, atol=1e-6)

    stderr, outputs = _migrate_and_run(tmp_path, recorded=False)
    assert "L2T005" in stderr
    np.testing.assert_allclose(outputs[:, :, :4], expected[:, :, :4], rtol=1e-5, atol=1e-6)
    assert not np.allclose(outputs[:, :, 4:], expected[:, :, 4:], atol=1e-3)
