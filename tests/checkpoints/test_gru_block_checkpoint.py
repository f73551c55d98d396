"""``convert-checkpoint`` of a checkpoint written by TF 1.0's ``tf.contrib.rnn.GRUBlockCell``.

TF 1.0's contrib/rnn/python/ops/gru_ops.py (the class before it was a layer, as stored in the code
index) opened ``vs.variable_scope(scope or type(self).__name__)`` in ``__call__(x, h_prev,
scope=None)`` and made there ``w_ru`` ``[input + cell_size, 2 * cell_size]``, ``b_ru``
(constant 1.0), ``w_c`` ``[input + cell_size, cell_size]`` and ``b_c`` (0.0): a checkpoint holds
``rnn/multi_rnn_cell/cell_0/GRUBlockCell/w_ru``. The layer version (default name ``gru_cell``) and
the runtime's GRUBlockCell name them ``.../gru_cell/w_ru``. The op's documented equations:
``[r, u] = sigmoid([x, h] @ w_ru + b_ru)``, ``c = tanh([x, r * h] @ w_c + b_c)``,
``h' = (1 - u) * c + u * h``. One layer version (tensorflow/tensorflow@00200cbb) saved the
gates' kernel as ``w_c`` and the candidate's as ``w_ru``: the shapes tell them apart.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from legacy2tf2.checkpoints.gru_block import swap_gru_block_kernels
from legacy2tf2.checkpoints.names import TF1_0, TF1_2, CheckpointNameError, plan_names
from legacy2tf2.checkpoints.per_layer import per_layer_warning

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("rnn/GRUBlockCell/w_ru", "rnn/gru_cell/w_ru"),
        ("rnn/GRUBlockCell/b_c/Adam_1", "rnn/gru_cell/b_c/Adam_1"),
        (
            "enc/rnn/multi_rnn_cell/cell_1/GRUBlockCell/w_c",
            "enc/rnn/multi_rnn_cell/cell_1/gru_cell/w_c",
        ),
        # TF 0.x's scopes around it (contrib's GRUBlockCell came with TF 0.11/0.12)
        ("RNN/MultiRNNCell/Cell0/GRUBlockCell/b_ru", "rnn/multi_rnn_cell/cell_0/gru_cell/b_ru"),
    ],
)
def test_gru_block_cell_names_become_the_runtimes(old: str, new: str) -> None:
    plan = plan_names([old])
    assert plan.names == {old: new}
    assert plan.block_cells


@pytest.mark.parametrize(
    "names",
    [
        ["rnn/gru_cell/w_ru", "rnn/gru_cell/b_ru", "rnn/gru_cell/w_c", "rnn/gru_cell/b_c"],
        ["rnn/gru_cell/w_ru", "dec/lstm_cell/kernel"],
    ],
)
def test_the_layer_versions_names_are_kept(names: list[str]) -> None:
    """GRUBlockCell as a layer (default name gru_cell) saved what the runtime makes."""
    plan = plan_names(names)
    assert plan.renamed == []
    assert not plan.block_cells


def test_in_a_tf1_0_checkpoint_next_to_renamed_cells() -> None:
    names = ["rnn/multi_rnn_cell/cell_0/GRUBlockCell/w_ru", "dec/rnn/basic_lstm_cell/weights"]
    plan = plan_names(names)
    assert plan.convention == TF1_0
    assert plan.renamed == [
        ("dec/rnn/basic_lstm_cell/weights", "dec/rnn/basic_lstm_cell/kernel"),
        ("rnn/multi_rnn_cell/cell_0/GRUBlockCell/w_ru", "rnn/multi_rnn_cell/cell_0/gru_cell/w_ru"),
    ]


def test_in_a_tf1_2_checkpoint_only_the_gru_block_names_change() -> None:
    """The pre-layer class kept its class-name scope after TF 1.2 renamed the core cells."""
    names = ["rnn/GRUBlockCell/w_ru", "dec/rnn/lstm_cell/kernel", "dec/rnn/lstm_cell/bias"]
    plan = plan_names(names)
    assert plan.convention == TF1_2
    assert plan.renamed == [("rnn/GRUBlockCell/w_ru", "rnn/gru_cell/w_ru")]


@pytest.mark.parametrize(
    "names",
    [
        ["rnn/GRUBlockCell/kernel"],  # not one of its variables
        ["rnn/GRUBlockCell/w_ru", "rnn/gru_cell/w_ru"],  # both would be rnn/gru_cell/w_ru
    ],
)
def test_what_cannot_be_mapped_is_refused(names: list[str]) -> None:
    with pytest.raises(CheckpointNameError):
        plan_names(names)


def test_its_per_layer_stacks_are_reported_in_any_convention() -> None:
    """No scope cache: MultiRNNCell([cell] * 2) of one GRUBlockCell saved cell_0 and cell_1."""
    names = [
        "rnn/multi_rnn_cell/cell_0/GRUBlockCell/w_ru",
        "rnn/multi_rnn_cell/cell_1/GRUBlockCell/w_ru",
        "dec/multi_rnn_cell/cell_0/lstm_cell/kernel",
        "dec/multi_rnn_cell/cell_1/lstm_cell/kernel",
    ]
    plan = plan_names(names)
    warning = per_layer_warning(plan.names.values(), plan.convention, block_cells=True)
    assert warning is not None
    assert "rnn/multi_rnn_cell: cell_0, cell_1" in warning
    assert "dec/multi_rnn_cell" not in warning  # TF 1.2 LSTM layers: a TF 1.2 program's own
    assert per_layer_warning(plan.names.values(), plan.convention) is None


@pytest.mark.parametrize(
    ("shapes", "renamed"),
    [
        (  # the gates' kernel saved as w_c: exchanged, Adam slots with them
            {"g/gru_cell/w_c": [6, 8], "g/gru_cell/w_ru": [6, 4], "g/gru_cell/w_c/Adam": [6, 8]},
            [
                ("g/gru_cell/w_c", "g/gru_cell/w_ru"),
                ("g/gru_cell/w_c/Adam", "g/gru_cell/w_ru/Adam"),
                ("g/gru_cell/w_ru", "g/gru_cell/w_c"),
            ],
        ),
        ({"g/gru_cell/w_ru": [6, 8], "g/gru_cell/w_c": [6, 4]}, []),  # the op's names
        (  # TF 1.0's scope, named as the op: only the scope changes
            {"g/GRUBlockCell/w_ru": [6, 8], "g/GRUBlockCell/w_c": [6, 4]},
            [("g/GRUBlockCell/w_c", "g/gru_cell/w_c"), ("g/GRUBlockCell/w_ru", "g/gru_cell/w_ru")],
        ),
    ],
)
def test_swapped_kernels_are_told_by_their_shapes(
    shapes: dict[str, list[int]], renamed: list[tuple[str, str]]
) -> None:
    plan = swap_gru_block_kernels(plan_names(shapes), shapes)
    assert plan.renamed == renamed


PROGRAM = """\
import numpy as np
import tensorflow as tf

x = tf.placeholder(tf.float32, [2, 3, 2])
stack = tf.contrib.rnn.MultiRNNCell([tf.contrib.rnn.GRUBlockCell(cell_size=4) for _ in range(2)])
outputs, state = tf.nn.dynamic_rnn(stack, x, dtype=tf.float32)
saver = tf.train.Saver()
with tf.Session() as sess:
    saver.restore(sess, tf.train.latest_checkpoint("new"))
    feed = {x: np.linspace(-1, 1, 12).reshape(2, 3, 2)}
    np.save("outputs.npy", sess.run(outputs, feed))
"""


def _write_tf1_0_checkpoint(directory: Path, weights: dict[str, np.ndarray]) -> None:
    """Variables made by tf.compat.v1.get_variable under TF 1.0's scopes, saved by Saver."""
    import tensorflow as tf

    with tf.Graph().as_default():
        for name, value in weights.items():
            scope, leaf = name.rsplit("/", 1)
            with tf.compat.v1.variable_scope(scope):
                tf.compat.v1.get_variable(leaf, initializer=tf.constant(value))
        with tf.compat.v1.Session() as session:
            session.run(tf.compat.v1.global_variables_initializer())
            directory.mkdir()
            tf.compat.v1.train.Saver().save(session, str(directory / "model.ckpt"), global_step=7)


#: where each layout put the gates' kernel/bias and the candidate's kernel/bias of layer k
LAYOUTS = {
    # TF 1.0's class: its class-name scope
    "tf1_0": ("GRUBlockCell/w_ru", "GRUBlockCell/b_ru", "GRUBlockCell/w_c", "GRUBlockCell/b_c"),
    # the layer version of tensorflow/tensorflow@00200cbb: the two kernels' names exchanged
    "swapped_layer": ("gru_cell/w_c", "gru_cell/b_ru", "gru_cell/w_ru", "gru_cell/b_c"),
}


@pytest.mark.heavy
@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_an_old_gru_block_checkpoint_restores_into_the_migrated_program(
    tmp_path: Path, layout: str
) -> None:
    rng = np.random.default_rng(0)
    layers = []
    weights: dict[str, np.ndarray] = {}
    for layer, depth in ((0, 2), (1, 4)):
        values = (
            rng.normal(0, 0.5, [depth + 4, 8]).astype(np.float32),  # gates' kernel
            rng.normal(1, 0.1, [8]).astype(np.float32),
            rng.normal(0, 0.5, [depth + 4, 4]).astype(np.float32),  # candidate's kernel
            rng.normal(0, 0.1, [4]).astype(np.float32),
        )
        layers.append(values)
        for leaf, value in zip(LAYOUTS[layout], values, strict=True):
            weights[f"rnn/multi_rnn_cell/cell_{layer}/{leaf}"] = value
    _write_tf1_0_checkpoint(tmp_path / "old", weights)
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, *args],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            env=env,
            timeout=300,
            check=False,
        )

    done = run("-m", "legacy2tf2", "convert-checkpoint", "old", "new")
    assert done.returncode == 0, done.stderr
    if layout == "tf1_0":
        assert "rnn/multi_rnn_cell/cell_0/GRUBlockCell/w_ru" in done.stdout
        assert "rnn/multi_rnn_cell: cell_0, cell_1" in done.stderr  # one set per layer
    else:
        assert (
            "rnn/multi_rnn_cell/cell_0/gru_cell/w_c -> rnn/multi_rnn_cell/cell_0/gru_cell/w_ru"
            in done.stdout
        )
    (tmp_path / "model.py").write_text(PROGRAM)
    done = run("-m", "legacy2tf2", "rewrite", "--full", "model.py")
    assert done.returncode == 0, done.stderr
    done = run("model.py")
    assert done.returncode == 0, done.stderr[-3000:]
    got = np.load(tmp_path / "outputs.npy")

    sig = lambda z: 1 / (1 + np.exp(-z))  # noqa: E731
    inputs = np.linspace(-1, 1, 12).reshape(2, 3, 2)
    for w_ru, b_ru, w_c, b_c in layers:
        h = np.zeros((2, 4))
        steps = []
        for t in range(3):
            x = inputs[:, t]
            r, u = np.split(sig(np.concatenate([x, h], 1) @ w_ru + b_ru), 2, axis=1)
            c = np.tanh(np.concatenate([x, r * h], 1) @ w_c + b_c)
            h = (1 - u) * c + u * h
            steps.append(h)
        inputs = np.stack(steps, 1)
    np.testing.assert_allclose(got, inputs, rtol=1e-5, atol=1e-6)
