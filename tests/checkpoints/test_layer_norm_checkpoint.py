"""``convert-checkpoint`` of a checkpoint written by TF 1.0/1.1's
``tf.contrib.rnn.LayerNormBasicLSTMCell``.

TF 1.0/1.1's contrib/rnn/python/ops/rnn_cell.py (as stored in the code index: the file of
tensorflow/tensorflow@a0d784bd, Feb 2017, and the 1.1 file with ``_checked_scope``) opened
``layer_norm_basic_lstm_cell`` in ``__call__`` and made there, in ``_linear``, ``weights``
``[input + units, 4 * units]`` and, only with ``layer_norm=False``, ``biases`` ``[4 * units]``;
``_norm`` made ``gamma`` and ``beta`` ``[units]`` under ``input``, ``transform``, ``forget``,
``output`` and ``state``. TF 1.2's ``checkpoint_convert.py`` lists
``layer_norm_basic_lstm_cell/weights -> .../kernel`` and ``biases -> bias``. TF 1.2-1.15 (and the
runtime) name them ``kernel`` and ``bias``; gamma and beta kept their names. Its math:
``i, j, f, o = split([x, h] @ kernel (+ bias), 4)``, each normalized by
``tf.contrib.layers.layer_norm`` (epsilon 1e-12) when ``layer_norm``; ``c' = c * sigmoid(f +
forget_bias) + sigmoid(i) * tanh(j)``, normalized as ``state``; ``h' = tanh(c') * sigmoid(o)``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from legacy2tf2.checkpoints.names import TF1_0, TF1_2, CheckpointNameError, plan_names

ROOT = Path(__file__).resolve().parents[2]
NORMS = ("input", "transform", "forget", "output", "state")


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("rnn/layer_norm_basic_lstm_cell/weights", "rnn/layer_norm_basic_lstm_cell/kernel"),
        ("rnn/layer_norm_basic_lstm_cell/biases", "rnn/layer_norm_basic_lstm_cell/bias"),
        (
            "enc/rnn/multi_rnn_cell/cell_1/layer_norm_basic_lstm_cell/weights/Adam_1",
            "enc/rnn/multi_rnn_cell/cell_1/layer_norm_basic_lstm_cell/kernel/Adam_1",
        ),
        (
            "bidirectional_rnn/bw/layer_norm_basic_lstm_cell/weights",
            "bidirectional_rnn/bw/layer_norm_basic_lstm_cell/kernel",
        ),
    ],
)
def test_tf1_0_layer_norm_cell_names_become_the_runtimes(old: str, new: str) -> None:
    plan = plan_names([old])
    assert plan.convention == TF1_0
    assert plan.names == {old: new}


def test_its_gamma_and_beta_keep_their_names() -> None:
    names = ["rnn/layer_norm_basic_lstm_cell/weights"] + [
        f"rnn/layer_norm_basic_lstm_cell/{norm}/{leaf}"
        for norm in NORMS
        for leaf in ("gamma", "beta")
    ]
    plan = plan_names(names)
    assert plan.renamed == [
        ("rnn/layer_norm_basic_lstm_cell/weights", "rnn/layer_norm_basic_lstm_cell/kernel")
    ]


def test_a_tf1_2_checkpoint_of_it_is_kept() -> None:
    names = [
        "rnn/layer_norm_basic_lstm_cell/kernel",
        "rnn/layer_norm_basic_lstm_cell/state/beta",
        "dec/rnn/lstm_cell/kernel",
    ]
    plan = plan_names(names)
    assert plan.convention == TF1_2
    assert plan.renamed == []


def test_it_moves_into_an_embedding_wrapper_next_to_it() -> None:
    """Up to TF 1.1 the wrapped cell stayed beside the wrapper; from TF 1.2 it is inside."""
    names = [
        "s/rnn/embedding_wrapper/embedding",
        "s/rnn/layer_norm_basic_lstm_cell/weights",
        "s/rnn/layer_norm_basic_lstm_cell/input/gamma",
    ]
    assert plan_names(names).names == {
        "s/rnn/embedding_wrapper/embedding": "s/rnn/embedding_wrapper/embedding",
        "s/rnn/layer_norm_basic_lstm_cell/weights": (
            "s/rnn/embedding_wrapper/layer_norm_basic_lstm_cell/kernel"
        ),
        "s/rnn/layer_norm_basic_lstm_cell/input/gamma": (
            "s/rnn/embedding_wrapper/layer_norm_basic_lstm_cell/input/gamma"
        ),
    }


@pytest.mark.parametrize(
    "name",
    [
        "rnn/layer_norm_basic_lstm_cell/input/weights",  # no such variable under a norm
        "rnn/layer_norm_basic_lstm_cell/cell/gamma",  # no such normalization
    ],
)
def test_what_it_did_not_create_is_refused(name: str) -> None:
    with pytest.raises(CheckpointNameError, match="not a layer_norm_basic_lstm_cell variable"):
        plan_names([name])


PROGRAM = """\
import numpy as np
import tensorflow as tf

x = tf.placeholder(tf.float32, [2, 3, 2])
with tf.variable_scope("enc"):
    cells = [tf.contrib.rnn.LayerNormBasicLSTMCell(4) for _ in range(2)]
    outputs, _ = tf.nn.dynamic_rnn(tf.contrib.rnn.MultiRNNCell(cells), x, dtype=tf.float32)
with tf.variable_scope("plain"):
    plain = tf.contrib.rnn.LayerNormBasicLSTMCell(3, layer_norm=False)
    plain_outputs, _ = tf.nn.dynamic_rnn(plain, x, dtype=tf.float32)
saver = tf.train.Saver()
with tf.Session() as sess:
    saver.restore(sess, tf.train.latest_checkpoint("new"))
    feed = {x: np.linspace(-1, 1, 12).reshape(2, 3, 2)}
    got, got_plain = sess.run([outputs, plain_outputs], feed)
    np.save("outputs.npy", got)
    np.save("plain_outputs.npy", got_plain)
"""


def _write_checkpoint(directory: Path, weights: dict[str, np.ndarray]) -> None:
    """Variables made by tf.compat.v1.get_variable under TF 1.1's scopes, saved by Saver."""
    import tensorflow as tf

    with tf.Graph().as_default():
        for name, value in weights.items():
            scope, leaf = name.rsplit("/", 1)
            with tf.compat.v1.variable_scope(scope):
                tf.compat.v1.get_variable(leaf, initializer=tf.constant(value))
        with tf.compat.v1.Session() as session:
            session.run(tf.compat.v1.global_variables_initializer())
            directory.mkdir()
            tf.compat.v1.train.Saver().save(session, str(directory / "model.ckpt"), global_step=3)


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1 / (1 + np.exp(-z))


def _norm(z: np.ndarray, gamma: np.ndarray, beta: np.ndarray) -> np.ndarray:
    mean = z.mean(axis=1, keepdims=True)
    variance = z.var(axis=1, keepdims=True)
    return (z - mean) / np.sqrt(variance + 1e-12) * gamma + beta


def _layer(inputs: np.ndarray, kernel: np.ndarray, bias, norms, units: int) -> np.ndarray:
    """TF1's LayerNormBasicLSTMCell over [batch, time, depth] (forget_bias 1.0)."""
    c = h = np.zeros((inputs.shape[0], units))
    steps = []
    for t in range(inputs.shape[1]):
        z = np.concatenate([inputs[:, t], h], 1) @ kernel
        if bias is not None:
            z = z + bias
        i, j, f, o = np.split(z, 4, axis=1)
        if norms:
            i, j, f, o = (_norm(v, *norms[n]) for v, n in zip((i, j, f, o), NORMS, strict=False))
        c = c * _sigmoid(f + 1.0) + _sigmoid(i) * np.tanh(j)
        if norms:
            c = _norm(c, *norms["state"])
        h = np.tanh(c) * _sigmoid(o)
        steps.append(h)
    return np.stack(steps, 1)


@pytest.mark.heavy
def test_a_tf1_1_layer_norm_checkpoint_restores_into_the_migrated_program(tmp_path: Path) -> None:
    rng = np.random.default_rng(0)
    weights: dict[str, np.ndarray] = {}
    layers = []
    for layer, depth in ((0, 2), (1, 4)):
        scope = f"enc/rnn/multi_rnn_cell/cell_{layer}/layer_norm_basic_lstm_cell"
        kernel = rng.normal(0, 0.5, [depth + 4, 16]).astype(np.float32)
        weights[f"{scope}/weights"] = kernel
        weights[f"{scope}/weights/Adam"] = np.zeros_like(kernel)
        norms = {}
        for norm in NORMS:
            gamma = rng.normal(1, 0.2, [4]).astype(np.float32)
            beta = rng.normal(0, 0.2, [4]).astype(np.float32)
            weights[f"{scope}/{norm}/gamma"], weights[f"{scope}/{norm}/beta"] = gamma, beta
            norms[norm] = (gamma, beta)
        layers.append((kernel, norms))
    plain_kernel = rng.normal(0, 0.5, [5, 12]).astype(np.float32)
    plain_bias = rng.normal(0, 0.3, [12]).astype(np.float32)
    weights["plain/rnn/layer_norm_basic_lstm_cell/weights"] = plain_kernel
    weights["plain/rnn/layer_norm_basic_lstm_cell/biases"] = plain_bias
    _write_checkpoint(tmp_path / "old", weights)
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
    assert (
        "plain/rnn/layer_norm_basic_lstm_cell/biases -> plain/rnn/layer_norm_basic_lstm_cell/bias"
        in done.stdout
    )
    (tmp_path / "model.py").write_text(PROGRAM)
    done = run("-m", "legacy2tf2", "rewrite", "--full", "model.py")
    assert done.returncode == 0, done.stderr
    done = run("model.py")
    assert done.returncode == 0, done.stderr[-3000:]

    inputs = np.linspace(-1, 1, 12).reshape(2, 3, 2)
    expected = inputs
    for kernel, norms in layers:
        expected = _layer(expected, kernel, None, norms, 4)
    np.testing.assert_allclose(np.load(tmp_path / "outputs.npy"), expected, rtol=1e-5, atol=1e-6)
    expected_plain = _layer(inputs, plain_kernel, plain_bias, None, 3)
    np.testing.assert_allclose(
        np.load(tmp_path / "plain_outputs.npy"), expected_plain, rtol=1e-5, atol=1e-6
    )
