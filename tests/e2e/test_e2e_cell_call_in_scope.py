"""TF 1.4's greedy decoding by hand: a MultiRNNCell trained through ``dynamic_rnn`` under
``variable_scope("decoder")``, then stepped in a new process by ``cell.call(state=, inputs=)``
inside ``variable_scope("decoder/rnn/multi_rnn_cell")`` so that its weights get the names
``dynamic_rnn`` gave them, and restored from the checkpoint.

A public TF 1.4 book's NMT notebooks (training: ``dynamic_rnn`` encoder and decoder saved by a
Saver; inference: a ``tf.while_loop`` calling ``self.dec_cell.call`` in that scope) decode after
one ``rewrite --full`` each as NumPy does from the checkpoint. The names must match exactly: a
cell that named its weights otherwise under ``.call`` would stop ``saver.restore``.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from tests.e2e.helpers import cli, run_notebook

pytestmark = [pytest.mark.e2e, pytest.mark.heavy]

TRAIN = [
    "import numpy as np\nimport tensorflow as tf",
    "H = 6\n"
    "cell = tf.nn.rnn_cell.MultiRNNCell(\n"
    "    [tf.nn.rnn_cell.BasicLSTMCell(H) for _ in range(2)])\n"
    "x = tf.constant(np.random.RandomState(0).randn(2, 3, 4).astype(np.float32))\n"
    'with tf.variable_scope("decoder"):\n'
    "    out, _ = tf.nn.dynamic_rnn(cell, x, dtype=tf.float32)\n"
    "saver = tf.train.Saver()\n"
    "with tf.Session() as sess:\n"
    "    sess.run(tf.global_variables_initializer())\n"
    '    saver.save(sess, "./ckpt")',
]
INFER = [
    "import numpy as np\nimport tensorflow as tf",
    "H = 6\n"
    "cell = tf.nn.rnn_cell.MultiRNNCell(\n"
    "    [tf.nn.rnn_cell.BasicLSTMCell(H) for _ in range(2)])\n"
    "x = tf.constant(np.linspace(-1, 1, 4, dtype=np.float32)[None])\n"
    'with tf.variable_scope("decoder/rnn/multi_rnn_cell"):\n'
    "    state = cell.zero_state(1, tf.float32)\n"
    "    step, _ = cell.call(state=state, inputs=x)\n"
    "    again, _ = cell.call(state=_, inputs=x)\n"
    "saver = tf.train.Saver()\n"
    "with tf.Session() as sess:\n"
    '    saver.restore(sess, "./ckpt")\n'
    "    first, second = sess.run([step, again])\n"
    '    print("first", " ".join(repr(float(v)) for v in first.ravel()))\n'
    '    print("second", " ".join(repr(float(v)) for v in second.ravel()))',
]


def _notebook(path: Path, cells: list[str]) -> None:
    path.write_text(
        json.dumps(
            {
                "cells": [
                    {
                        "cell_type": "code",
                        "execution_count": None,
                        "metadata": {},
                        "outputs": [],
                        "source": source,
                    }
                    for source in cells
                ],
                "metadata": {},
                "nbformat": 4,
                "nbformat_minor": 2,
            }
        )
    )


def _numpy_steps(checkpoint: str) -> tuple[np.ndarray, np.ndarray]:
    """TF1's BasicLSTMCell (forget bias 1, gates i, j, f, o) twice from the zero state."""
    import tensorflow as tf

    reader = tf.train.load_checkpoint(checkpoint)
    sig = lambda z: 1 / (1 + np.exp(-z))  # noqa: E731
    x = np.linspace(-1, 1, 4)
    state = [(np.zeros(6), np.zeros(6)) for _ in range(2)]
    outputs = []
    for _ in range(2):
        inp = x
        for layer in range(2):
            name = f"decoder/rnn/multi_rnn_cell/cell_{layer}/basic_lstm_cell/"
            kernel = reader.get_tensor(name + "kernel").astype(np.float64)
            bias = reader.get_tensor(name + "bias").astype(np.float64)
            c, h = state[layer]
            i, j, f, o = np.split(np.concatenate([inp, h]) @ kernel + bias, 4)
            c = c * sig(f + 1.0) + sig(i) * np.tanh(j)
            h = np.tanh(c) * sig(o)
            state[layer] = (c, h)
            inp = h
        outputs.append(inp)
    return outputs[0], outputs[1]


def test_a_decoder_stepped_by_call_in_its_scope_restores_the_dynamic_rnn_weights(
    tmp_path: Path,
) -> None:
    _notebook(tmp_path / "train.ipynb", TRAIN)
    _notebook(tmp_path / "infer.ipynb", INFER)
    done = cli("rewrite", "--full", ".", cwd=tmp_path, timeout=300)
    assert done.returncode == 0, done.stderr
    run_notebook(tmp_path / "train.ipynb", tmp_path)
    out = run_notebook(tmp_path / "infer.ipynb", tmp_path)
    first, second = _numpy_steps(str(tmp_path / "ckpt"))
    printed = {
        line.split()[0]: [float(v) for v in line.split()[1:]]
        for line in out.splitlines()
        if line.startswith(("first ", "second "))
    }
    np.testing.assert_allclose(printed["first"], first, atol=1e-6)
    np.testing.assert_allclose(printed["second"], second, atol=1e-6)
