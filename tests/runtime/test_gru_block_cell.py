"""``rnn_cell.GRUBlockCell`` / ``GRUBlockCellV2``: tf.contrib.rnn's fused GRU, checked against NumPy.

TF1's ``tensorflow/contrib/rnn/python/ops/gru_ops.py`` documents the op's equations::

    [r_bar u_bar] = [x, h_prev] * w_ru + b_ru;  r = sigmoid(r_bar);  u = sigmoid(u_bar)
    c = tanh([x, h_prev * r] * w_c + b_c);      h = (1 - u) * c + u * h_prev

with ``b_ru`` initialized to 1.0 and ``b_c`` to 0.0, weights ``w_ru``, ``b_ru``, ``w_c``, ``b_c``
under the default layer name ``gru_cell``; ``GRUBlockCellV2`` "only differs from GRUBlockCell by
variable names" (``gates/kernel``, ``gates/bias``, ``candidate/kernel``, ``candidate/bias``), and
the constructor is ``(num_units=None, cell_size=None, reuse=None, name="gru_cell")``, raising
"Exactly one of num_units or cell_size must be provided." (TF 1.0's was ``(cell_size)``).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import tensorflow as tf

from legacy2tf2.runtime import VariableStore, rnn_cell

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def fresh_store():
    with VariableStore().as_default() as store:
        yield store


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1 / (1 + np.exp(-x))


def numpy_gru_block(x, h_prev, w_ru, b_ru, w_c, b_c):
    """The gru_block_cell op's documented equations."""
    r, u = np.split(_sigmoid(np.concatenate([x, h_prev], 1) @ w_ru + b_ru), 2, axis=1)
    c = np.tanh(np.concatenate([x, h_prev * r], 1) @ w_c + b_c)
    return (1 - u) * c + u * h_prev


def _weights(cell) -> dict[str, np.ndarray]:
    return {w.path.split("gru_cell/", 1)[-1]: w.numpy() for w in cell.weights}


@pytest.mark.parametrize(
    ("cls", "names"),
    [
        (rnn_cell.GRUBlockCell, ("w_ru", "b_ru", "w_c", "b_c")),
        (
            rnn_cell.GRUBlockCellV2,
            ("gates/kernel", "gates/bias", "candidate/kernel", "candidate/bias"),
        ),
    ],
)
def test_one_step_equals_the_documented_gru_block_op(cls, names):
    cell = cls(3)
    rng = np.random.RandomState(0)
    x = rng.uniform(-2, 2, [2, 4]).astype("float32")
    h = rng.uniform(-1, 1, [2, 3]).astype("float32")
    cell(tf.constant(x), tf.constant(h))
    for w in cell.weights:  # non-trivial biases, so that a swapped bias shows
        w.assign(rng.uniform(-1, 1, w.shape).astype("float32"))
    weights = _weights(cell)
    assert sorted(weights) == sorted(names)
    output, state = cell(tf.constant(x), tf.constant(h))
    expected = numpy_gru_block(x, h, *(weights[n] for n in names))
    np.testing.assert_allclose(output.numpy(), expected, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(state.numpy(), expected, rtol=1e-5, atol=1e-6)


def test_weights_have_tf1_shapes_and_initial_biases():
    cell = rnn_cell.GRUBlockCell(num_units=5)
    cell(tf.zeros([2, 3]), cell.zero_state(2, tf.float32))
    weights = _weights(cell)
    assert {n: w.shape for n, w in weights.items()} == {
        "w_ru": (8, 10),
        "b_ru": (10,),
        "w_c": (8, 5),
        "b_c": (5,),
    }
    np.testing.assert_array_equal(weights["b_ru"], np.ones(10))
    np.testing.assert_array_equal(weights["b_c"], np.zeros(5))


def test_cell_size_is_tf_1_0s_name_of_num_units():
    assert rnn_cell.GRUBlockCell(cell_size=6).state_size == 6
    assert rnn_cell.GRUBlockCell(6).output_size == 6
    for arguments in ({}, {"num_units": 4, "cell_size": 4}):
        with pytest.raises(ValueError, match="Exactly one of num_units or cell_size"):
            rnn_cell.GRUBlockCell(**arguments)


GRAPH_PROGRAM = """\
import numpy as np
import tensorflow as tf
from legacy2tf2.runtime import rnn_cell

tf.compat.v1.disable_eager_execution()
x = tf.compat.v1.placeholder(tf.float32, [None, 4, 3])
cell = rnn_cell.MultiRNNCell([rnn_cell.GRUBlockCell(5), rnn_cell.GRUBlockCell(cell_size=5)])
outputs, state = tf.compat.v1.nn.dynamic_rnn(cell, x, dtype=tf.float32)
with tf.compat.v1.Session() as sess:
    sess.run(tf.compat.v1.global_variables_initializer())
    names = sorted(v.op.name for v in tf.compat.v1.trainable_variables())
    print("\\n".join(names))
    feed = np.random.RandomState(1).uniform(-1, 1, [2, 4, 3])
    values = dict(zip(names, sess.run(sorted(tf.compat.v1.trainable_variables(), key=lambda v: v.op.name))))
    np.savez(sys_argv[1], out=sess.run(outputs, {x: feed}), feed=feed, **values)
"""


def test_graph_mode_dynamic_rnn_names_and_numbers(tmp_path: Path) -> None:
    """A TF1 graph-mode program: TF1's variable names under dynamic_rnn's MultiRNNCell, and the
    outputs of two stacked block GRUs over four steps equal the NumPy recurrence."""
    out = tmp_path / "run.npz"
    program = "import sys\nsys_argv = sys.argv\n" + GRAPH_PROGRAM
    ran = subprocess.run(
        [sys.executable, "-c", program, str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert ran.returncode == 0, ran.stderr
    layer = "rnn/multi_rnn_cell/cell_{}/gru_cell/{}"
    names = [layer.format(i, n) for i in (0, 1) for n in ("b_c", "b_ru", "w_c", "w_ru")]
    assert ran.stdout.split() == names
    run = np.load(out)
    inputs = run["feed"]
    hs = [np.zeros((2, 5)), np.zeros((2, 5))]
    for t in range(4):
        below = inputs[:, t]
        for i in (0, 1):
            w = [run[layer.format(i, n)] for n in ("w_ru", "b_ru", "w_c", "b_c")]
            hs[i] = numpy_gru_block(below, hs[i], *w)
            below = hs[i]
        np.testing.assert_allclose(run["out"][:, t], below, rtol=1e-5, atol=1e-6)
