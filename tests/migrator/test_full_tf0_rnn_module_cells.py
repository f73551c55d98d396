"""--full: TF 0.x's ``rnn.rnn_cell.X`` of ``from tensorflow.python.ops import rnn``.

TF 0.x's tensorflow/python/ops/rnn.py imported the cells' module (``from tensorflow.python.ops
import rnn_cell``; the TF 0.10/0.11 file, tensorflow/tensorflow@00700f00, as stored in the code
index), and TF 0.5/0.6's tensorflow/models/rnn/rnn.py imported ``tensorflow.models.rnn.rnn_cell``,
so ``rnn.rnn_cell.BasicLSTMCell(n)`` was that module's cell. The rewrite converted ``rnn_cell.X``
only, and such a program was left failing (L2T021).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from legacy2tf2.migrator.tf0_rnn_module_cells import expand_rnn_module_cells
from tests.e2e.helpers import python


def expand(source: str) -> tuple[str, list[str]]:
    new, changes = expand_rnn_module_cells(source.encode())
    return new.decode(), [code for _line, _col, code, _msg in changes]


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            "from tensorflow.python.ops import rnn\n"
            "cell = rnn.rnn_cell.BasicLSTMCell(4)\n"
            "outputs, state = rnn.rnn(cell, xs, dtype=tf.float32)\n",
            "from tensorflow.python.ops import rnn; from tensorflow.python.ops import rnn_cell\n"
            "cell = rnn_cell.BasicLSTMCell(4)\n"
            "outputs, state = rnn.rnn(cell, xs, dtype=tf.float32)\n",
        ),
        (  # two cells and a wrapper, read in a function
            "import tensorflow.python.ops.rnn as rnn\n"
            "def model(n):\n"
            "    cell = rnn.rnn_cell.GRUCell(n)\n"
            "    return rnn.rnn_cell.MultiRNNCell([cell] * 2)\n",
            "import tensorflow.python.ops.rnn as rnn; from tensorflow.python.ops import rnn_cell\n"
            "def model(n):\n"
            "    cell = rnn_cell.GRUCell(n)\n"
            "    return rnn_cell.MultiRNNCell([cell] * 2)\n",
        ),
        (  # TF 0.5/0.6's models.rnn.rnn imported tensorflow.models.rnn's rnn_cell
            "from tensorflow.models.rnn import rnn\ncell = rnn.rnn_cell.LSTMCell(4, 3)\n",
            "from tensorflow.models.rnn import rnn; from tensorflow.models.rnn import rnn_cell\n"
            "cell = rnn_cell.LSTMCell(4, 3)\n",
        ),
        (  # the file imports that rnn_cell too: no second import
            "from tensorflow.python.ops import rnn, rnn_cell\n"
            "a = rnn_cell.GRUCell(3)\nb = rnn.rnn_cell.GRUCell(3)\n",
            "from tensorflow.python.ops import rnn, rnn_cell\n"
            "a = rnn_cell.GRUCell(3)\nb = rnn_cell.GRUCell(3)\n",
        ),
    ],
)
def test_rnn_module_cells_become_rnn_cell_with_its_import(before: str, after: str) -> None:
    assert expand(before) == (after, ["L2T010"])
    assert expand(after) == (after, [])


@pytest.mark.parametrize(
    "source",
    [
        # rnn_cell is another thing in this file
        "from tensorflow.python.ops import rnn\nrnn_cell = make()\nc = rnn.rnn_cell.GRUCell(3)\n",
        "from tensorflow.python.ops import rnn\n"
        "from tensorflow.contrib import rnn as rnn_cell\nc = rnn.rnn_cell.GRUCell(3)\n",
        # rnn is a parameter there, or bound twice, or not TF 0.x's module
        "from tensorflow.python.ops import rnn\ndef f(rnn):\n    return rnn.rnn_cell.GRUCell(3)\n",
        "from tensorflow.python.ops import rnn\nif a:\n    from tensorflow.models.rnn import rnn\n"
        "c = rnn.rnn_cell.GRUCell(3)\n",
        "from tensorflow.contrib import rnn\nc = rnn.rnn_cell.GRUCell(3)\n",
        "c = model.rnn_cell.GRUCell(3)\n",
    ],
)
def test_other_rnn_cell_attributes_are_left(source: str) -> None:
    assert expand(source) == (source, [])


def test_full_upgrade_converts_the_cell_and_the_rnn_call() -> None:
    from legacy2tf2.migrator.full_upgrade import full_upgrade

    source = (
        "import tensorflow as tf\n"
        "from tensorflow.python.ops import rnn\n"
        "cell = rnn.rnn_cell.GRUCell(4)\n"
        "outputs, state = rnn.rnn(cell, xs, dtype=tf.float32)\n"
    )
    result = full_upgrade(source.encode())
    lines = result.source.decode().splitlines()
    assert "from tensorflow.python.ops import rnn; from legacy2tf2.runtime import rnn_cell" in lines
    assert "cell = rnn_cell.GRUCell(4)" in lines
    assert "outputs, state = tf.compat.v1.nn.static_rnn(cell, xs, dtype=tf.float32)" in lines
    assert {"L2T006", "L2T021"} & {f.code for f in result.findings} == set()
    assert {f.line for f in result.findings if "imported rnn_cell" in f.message} == {2}


PROGRAM = """\
import numpy as np
import tensorflow as tf
from tensorflow.python.ops import rnn

n_steps, n_in, n_hidden = 3, 2, 4
x = tf.placeholder(tf.float32, [None, n_steps, n_in])
y = tf.placeholder(tf.float32, [None, 1])
xs = [tf.squeeze(t, [1]) for t in tf.split(1, n_steps, x)]
cell = rnn.rnn_cell.BasicLSTMCell(n_hidden)
outputs, states = rnn.rnn(cell, xs, dtype=tf.float32)
w = tf.Variable(tf.random_normal([n_hidden, 1], seed=1))
pred = tf.matmul(outputs[-1], w)
loss = tf.reduce_mean(tf.square(pred - y))
opt = tf.train.GradientDescentOptimizer(0.05).minimize(loss)
sess = tf.Session()
sess.run(tf.initialize_all_variables())
feed = {x: np.linspace(-1, 1, 2 * n_steps * n_in).reshape(2, n_steps, n_in), y: [[1.0], [-1.0]]}
losses = []
for step in range(5):
    l, _ = sess.run([loss, opt], feed)
    losses.append(l)
cells = [v for v in tf.trainable_variables() if v is not w]
out = sess.run(outputs[-1], feed)
np.savez("run.npz", losses=losses, out=out, x=feed[x], kernel=sess.run(cells[0]),
         bias=sess.run(cells[1]))
"""


def test_tf0_program_with_rnn_module_cells_trains(tmp_path: Path) -> None:
    """The real CLI on a TF 0.x program (rnn.rnn_cell.BasicLSTMCell, rnn.rnn): it trains, and
    its last output equals a NumPy BasicLSTMCell (forget_bias 1.0, gates i, j, f, o of one
    matrix over [x, h], TF 0.x's documented cell) with the trained weights."""
    (tmp_path / "lstm.py").write_text(PROGRAM)
    done = python("-m", "legacy2tf2", "rewrite", "--full", "lstm.py", cwd=tmp_path, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "L2T006" not in done.stderr and "L2T021" not in done.stderr
    done = python("lstm.py", cwd=tmp_path, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    run = np.load(tmp_path / "run.npz")
    assert run["losses"][-1] < run["losses"][0]
    kernel, bias = run["kernel"], run["bias"]
    assert kernel.shape == (2 + 4, 16)
    sig = lambda z: 1 / (1 + np.exp(-z))  # noqa: E731
    c = h = np.zeros((2, 4))
    for t in range(3):
        i, j, f, o = np.split(np.concatenate([run["x"][:, t], h], 1) @ kernel + bias, 4, axis=1)
        c = c * sig(f + 1.0) + sig(i) * np.tanh(j)
        h = np.tanh(c) * sig(o)
    np.testing.assert_allclose(run["out"], h, rtol=1e-5, atol=1e-6)
