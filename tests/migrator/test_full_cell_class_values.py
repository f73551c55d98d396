"""``--full``: a TF 0.x-1.1 cell class passed as a value is called with those versions'
arguments (``cell_fn = rnn_cell.GRUCell``, then ``cell_fn(n, input_size)``): ``<class>.tf0``
drops the ``input_size`` TF 0.x-1.1 ignored, where TF 1.2+'s ``activation`` would receive it."""

from __future__ import annotations

from pathlib import Path

import libcst as cst
import numpy as np
import pytest

from legacy2tf2.migrator import engine
from legacy2tf2.migrator.cell_class_values import fix_cell_class_values
from legacy2tf2.runtime import rnn_cell
from tests.e2e.helpers import python

TF0 = "import tensorflow as tf\nfrom tensorflow.models.rnn import rnn_cell\n"
TF0_12 = "import tensorflow as tf\nx = tf.nn.seq2seq.rnn_decoder\n"
TF1_2 = "import tensorflow as tf\nx = tf.contrib.seq2seq.dynamic_decode\n"


def fix(original: str) -> tuple[str, list[str]]:
    """The rewrite, then the cell-class fix, as ``--full`` runs them."""
    rewritten = engine.rewrite_source(original.encode()).source.decode()
    new, changes = fix_cell_class_values(cst.parse_module(rewritten), cst.parse_module(original))
    return new.code, [code for _line, _col, code, _msg in changes]


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            "self.cell_fn = rnn_cell.GRUCell\n",
            "self.cell_fn = rnn_cell.GRUCell.tf0\n",
        ),
        (
            "cell_fn = rnn_cell.BasicRNNCell if rnn else rnn_cell.GRUCell\nmodel = Model(cell_fn)\n",
            "cell_fn = rnn_cell.BasicRNNCell.tf0 if rnn else rnn_cell.GRUCell.tf0\n"
            "model = Model(cell_fn)\n",
        ),
        (
            "model = Model(rnn_cell.GRUCell, 16)\n",
            "model = Model(rnn_cell.GRUCell.tf0, 16)\n",
        ),
        (
            "cells = {'gru': rnn_cell.GRUCell, 'rnn': rnn_cell.BasicRNNCell}\n",
            "cells = {'gru': rnn_cell.GRUCell.tf0, 'rnn': rnn_cell.BasicRNNCell.tf0}\n",
        ),
    ],
)
def test_cell_classes_as_values_take_tf0_arguments(before: str, after: str) -> None:
    new, codes = fix(TF0 + before)
    assert new.endswith(after)
    assert codes and set(codes) == {"L2T010"}


@pytest.mark.parametrize(
    "body",
    [
        "cell = rnn_cell.GRUCell(16)\n",
        "class MyCell(rnn_cell.GRUCell):\n    pass\n",
        "ok = isinstance(cell, rnn_cell.GRUCell)\n",
        "ok = isinstance(cell, (rnn_cell.GRUCell, rnn_cell.BasicRNNCell))\n",
        "init = rnn_cell.GRUCell.__init__\n",
        "from tensorflow.models.rnn.rnn_cell import GRUCell\n",
        "cell_fn = rnn_cell.GRUCell if gru else rnn_cell.BasicRNNCell\ncell = cell_fn(size)\n",
        "cell_fn = rnn_cell.GRUCell\ncell = cell_fn(num_units=size, activation=tf.nn.relu)\n",
    ],
)
def test_calls_bases_type_tests_and_attributes_stay(body: str) -> None:
    new, codes = fix(TF0 + body)
    assert (new.splitlines()[2:], codes) == (
        engine.rewrite_source((TF0 + body).encode()).source.decode().splitlines()[2:],
        [],
    )


def test_tf0_12_files_too() -> None:
    new, codes = fix(TF0_12 + "cell_fn = tf.nn.rnn_cell.GRUCell\n")  # not called here
    assert new.endswith("cell_fn = rnn_cell.GRUCell.tf0\n") and codes == ["L2T010"]


def test_files_of_tf1_2_or_of_no_known_version_stay() -> None:
    # TF 1.2+ read the second argument as activation: the value means what the runtime does
    for head in (TF1_2, "import tensorflow as tf\n"):
        new, codes = fix(head + "cell_fn = tf.nn.rnn_cell.GRUCell\n")
        assert new.endswith("cell_fn = rnn_cell.GRUCell\n") and codes == []


def test_runtime_tf0_drops_input_size() -> None:
    gru = rnn_cell.GRUCell.tf0(8, 5)  # TF 0.x: (num_units, input_size, activation)
    assert isinstance(gru, rnn_cell.GRUCell) and gru.output_size == 8
    plain = rnn_cell.BasicRNNCell.tf0(4, 3, "relu")
    assert isinstance(plain, rnn_cell.BasicRNNCell) and plain.state_size == 4
    assert rnn_cell.GRUCell.tf0(4, input_size=2, reuse=True)._reuse is True


PROGRAM = """\
import sys

import numpy as np
import tensorflow as tf
from tensorflow.models.rnn import rnn, rnn_cell


class Model(object):
    def __init__(self, cell_type, n_hidden, input_size):
        if cell_type == "gru":
            cell_fn = rnn_cell.GRUCell
        else:
            cell_fn = rnn_cell.BasicRNNCell
        cell = cell_fn(n_hidden, input_size)  # TF 0.x: input_size ignored, with a warning
        self.x = [tf.placeholder(tf.float32, [2, input_size]) for _ in range(2)]
        outputs, states = rnn.rnn(cell, self.x, dtype=tf.float32)
        self.out = outputs[-1]


model = Model(sys.argv[2], 4, 3)
with tf.Session() as sess:
    sess.run(tf.initialize_all_variables())
    data = np.random.RandomState(1).uniform(-1, 1, (2, 2, 3)).astype(np.float32)
    got = sess.run(model.out, dict(zip(model.x, data)))
    params = [v.eval() for v in tf.trainable_variables()]
    np.savez(sys.argv[1], data=data, got=got, *params)
"""


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1 / (1 + np.exp(-x))


@pytest.mark.heavy
@pytest.mark.parametrize("cell_type", ["gru", "rnn"])
def test_tf0_program_passing_the_class_runs_as_tf0(tmp_path: Path, cell_type: str) -> None:
    program = tmp_path / "model.py"
    program.write_text(PROGRAM)
    done = python("-m", "legacy2tf2", "rewrite", "--full", "model.py", cwd=tmp_path, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "cell_fn = rnn_cell.GRUCell.tf0" in program.read_text()
    done = python("model.py", str(tmp_path / "out.npz"), cell_type, cwd=tmp_path, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    saved = np.load(tmp_path / "out.npz")
    h = np.zeros((2, 4))
    for x in saved["data"]:  # TF1's GRUCell / BasicRNNCell, by hand
        if cell_type == "gru":
            gates = _sigmoid(np.concatenate([x, h], 1) @ saved["arr_0"] + saved["arr_1"])
            r, u = np.split(gates, 2, axis=1)
            c = np.tanh(np.concatenate([x, r * h], 1) @ saved["arr_2"] + saved["arr_3"])
            h = u * h + (1 - u) * c
        else:
            h = np.tanh(np.concatenate([x, h], 1) @ saved["arr_0"] + saved["arr_1"])
    np.testing.assert_allclose(saved["got"], h, atol=1e-6)
