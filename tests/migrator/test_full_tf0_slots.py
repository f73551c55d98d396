"""``--full``: TF 0.x optimizers keep making their slots inside a reusing variable scope.

Up to TF 0.12 ``minimize``/``apply_gradients`` made slot variables with a plain ``Variable``, so
a char-RNN could build its training op in ``variable_scope("decoders", reuse=True)``; TF 1.0+
refuses them there. Exact pairs of :func:`legacy2tf2.migrator.tf0_slots.fix_tf0_slots` (the
slot-making ``tf.train`` optimizers of a TF 0.x file go to ``legacy2tf2.runtime.tf0_optimizers``),
cases left, and a CLI ``rewrite --full`` + run of such a TF 0.12 program whose one RMSProp step
equals NumPy's.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from legacy2tf2.migrator.tf0_slots import fix_tf0_slots

TF0 = "import tensorflow as tf\nx = tf.pack([a, b])\n"  # tf.pack: TF 0.x only


def fix(source: str, original: str | None = None) -> tuple[str, list[tuple[int, str]]]:
    new, changes = fix_tf0_slots(source.encode(), (original or source).encode())
    return new.decode(), [(line, code) for line, _col, code, _msg in changes]


def test_rmsprop_of_a_tf0_file_goes_to_the_runtime() -> None:
    source = TF0 + (
        "with tf.compat.v1.variable_scope('decoders', reuse=True):\n"
        "    train_op = tf.compat.v1.train.RMSPropOptimizer(lr).minimize(loss)\n"
    )
    assert fix(source) == (
        "import tensorflow as tf\n"
        "from legacy2tf2.runtime import tf0_optimizers\n"
        "\n"
        "x = tf.pack([a, b])\n"
        "with tf.compat.v1.variable_scope('decoders', reuse=True):\n"
        "    train_op = tf0_optimizers.RMSPropOptimizer(lr).minimize(loss)\n",
        [(4, "L2T010")],  # in the source given
    )


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            "tf.train.AdamOptimizer(1e-3, beta1=0.5)",
            "tf0_optimizers.AdamOptimizer(1e-3, beta1=0.5)",
        ),
        ("tf.compat.v1.train.AdagradOptimizer(0.1)", "tf0_optimizers.AdagradOptimizer(0.1)"),
        (
            "tf.compat.v1.train.MomentumOptimizer(lr, 0.9)",
            "tf0_optimizers.MomentumOptimizer(lr, 0.9)",
        ),
        ("tf.compat.v1.train.AdadeltaOptimizer()", "tf0_optimizers.AdadeltaOptimizer()"),
        ("tf.compat.v1.train.FtrlOptimizer(lr)", "tf0_optimizers.FtrlOptimizer(lr)"),
        # its shadow variables came from the same slot code
        (
            "tf.compat.v1.train.ExponentialMovingAverage(decay=0.9)",
            "tf0_optimizers.ExponentialMovingAverage(decay=0.9)",
        ),
    ],
)
def test_every_slot_optimizer(before: str, after: str) -> None:
    new, changes = fix(TF0 + f"opt = {before}\n")
    assert new.endswith(f"opt = {after}\n")
    assert changes == [(3, "L2T010")]


@pytest.mark.parametrize(
    "source",
    [
        # no slots: nothing TF 1.0 refused
        TF0 + "opt = tf.compat.v1.train.GradientDescentOptimizer(0.5)\n",
        # TF 1.0+ (tf.contrib.legacy_seq2seq): TF 1.x refused such a program too
        "import tensorflow as tf\nf = tf.contrib.legacy_seq2seq.rnn_decoder\n"
        "opt = tf.compat.v1.train.AdamOptimizer(0.1)\n",
        # no era evidence
        "import tensorflow as tf\nopt = tf.compat.v1.train.AdamOptimizer(0.1)\n",
        # a subclass, and a class passed as a value
        TF0
        + "class Mine(tf.compat.v1.train.AdamOptimizer):\n    pass\nk = tf.train.AdamOptimizer\n",
        # a program's own AdamOptimizer
        "import tensorflow as tf\nx = tf.pack([a])\nfrom opt import AdamOptimizer\no = AdamOptimizer()\n",
    ],
)
def test_left(source: str) -> None:
    assert fix(source) == (source, [])


def test_era_is_told_by_the_original() -> None:
    # tf_upgrade_v2 already turned tf.pack into tf.stack: the file as given tells TF 0.x
    upgraded = (
        "import tensorflow as tf\nx = tf.stack([a])\nopt = tf.compat.v1.train.AdamOptimizer()\n"
    )
    original = "import tensorflow as tf\nx = tf.pack([a])\nopt = tf.train.AdamOptimizer()\n"
    assert fix(upgraded, original)[0].endswith("opt = tf0_optimizers.AdamOptimizer()\n")
    assert fix(upgraded) == (upgraded, [])


PROGRAM = """import numpy as np
import tensorflow as tf

cell = tf.nn.rnn_cell.BasicRNNCell(2)
x = [tf.placeholder(tf.float32, [1, 2])]
w = tf.Variable(np.array([[0.5], [-1.0]], np.float32))
with tf.variable_scope("decoders"):
    out, _ = tf.nn.seq2seq.rnn_decoder(x, cell.zero_state(1, tf.float32), cell)
with tf.variable_scope("decoders", reuse=True):
    out, _ = tf.nn.seq2seq.rnn_decoder(x, cell.zero_state(1, tf.float32), cell)
    loss = tf.reduce_sum(tf.square(tf.matmul(out[0], w)))
    train_op = tf.train.RMSPropOptimizer(0.1).minimize(loss, var_list=[w])
sess = tf.Session()
sess.run(tf.initialize_all_variables())
feed = {x[0]: np.array([[1.0, 2.0]], np.float32)}
h = sess.run(out[0], feed)
sess.run(train_op, feed)
print("H", repr(h.tolist()))
print("W", repr(sess.run(w).ravel().tolist()))
"""


@pytest.mark.heavy
def test_cli_full_rewrite_runs_a_tf0_program_training_under_reuse(tmp_path: Path) -> None:
    program = tmp_path / "train.py"
    program.write_text(PROGRAM)
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3", "CUDA_VISIBLE_DEVICES": ""}
    cli = [sys.executable, "-m", "legacy2tf2", "rewrite", "--full", str(tmp_path)]
    rewrite = subprocess.run(cli, capture_output=True, text=True, env=env, check=False)
    assert "tf0_optimizers.RMSPropOptimizer" in program.read_text(), rewrite.stderr
    run = subprocess.run(
        [sys.executable, str(program)], capture_output=True, text=True, env=env, cwd=tmp_path
    )
    assert run.returncode == 0, run.stderr[-3000:]
    lines = dict(line.split(" ", 1) for line in run.stdout.splitlines() if line[:2] in ("H ", "W "))
    h = np.array(eval(lines["H"]))
    w = np.array([0.5, -1.0])
    grad = 2 * (h @ w).item() * h.ravel()  # d/dw (h.w)^2
    rms = 0.9 * 1.0 + 0.1 * grad**2  # TF's RMSProp: rms starts at 1, decay 0.9
    expected = w - 0.1 * grad / np.sqrt(rms + 1e-10)
    np.testing.assert_allclose(eval(lines["W"]), expected, rtol=1e-5)


EMA_PROGRAM = """import numpy as np
import tensorflow as tf


def model(x, reuse):
    with tf.variable_scope("net", reuse=reuse):
        w = tf.get_variable("w", [3, 2], initializer=tf.constant_initializer(0.5))
        h = tf.matmul(x, w)
        mean, var = tf.nn.moments(h, [0])
        ema = tf.train.ExponentialMovingAverage(decay=0.9)
        return ema.apply([mean, var]), ema.average(mean), ema.average(var)


x = tf.placeholder(tf.float32, [4, 3])
first = model(x, None)
second = model(x, True)  # TF 1.0+: "Variable net/net_1/moments/Squeeze/ExponentialMovingAverage/
sess = tf.Session()      # does not exist"; TF 0.x made a second set of shadows
sess.run(tf.initialize_all_variables())
data = np.arange(12, dtype=np.float32).reshape(4, 3)
sess.run([first[0], second[0]], {x: data})
sess.run(second[0], {x: data * 2})
print("A", repr([float(v) for v in sess.run([first[1][0], first[2][0], second[1][0]])]))
print("N", repr([v.name for v in tf.all_variables()]))
"""


@pytest.mark.heavy
def test_cli_full_rewrite_runs_a_tf0_moving_average_applied_under_reuse(tmp_path: Path) -> None:
    program = tmp_path / "ema.py"
    program.write_text(EMA_PROGRAM)
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3", "CUDA_VISIBLE_DEVICES": ""}
    cli = [sys.executable, "-m", "legacy2tf2", "rewrite", "--full", str(tmp_path)]
    rewrite = subprocess.run(cli, capture_output=True, text=True, env=env, check=False)
    assert "tf0_optimizers.ExponentialMovingAverage(decay=0.9)" in program.read_text(), (
        rewrite.stderr
    )
    run = subprocess.run(
        [sys.executable, str(program)], capture_output=True, text=True, env=env, cwd=tmp_path
    )
    assert run.returncode == 0, run.stderr[-3000:]
    lines = dict(line.split(" ", 1) for line in run.stdout.splitlines() if line[:2] in ("A ", "N "))
    h = np.arange(12, dtype=np.float64).reshape(4, 3) @ np.full((3, 2), 0.5)
    mean, var = h.mean(0)[0], h.var(0)[0]
    # shadows of tensors start at 0; each apply: shadow -= (1 - decay) * (shadow - value)
    once = 0.1 * mean
    twice = once - 0.1 * (once - 2 * mean)  # the second set, applied again on data * 2
    np.testing.assert_allclose(eval(lines["A"]), [once, 0.1 * var, twice], rtol=1e-5)
    # TF 0.12's slot names: the name scope, then the averaged op's name
    assert eval(lines["N"]) == [
        "net/w:0",
        "net/net/moments/Squeeze/ExponentialMovingAverage:0",
        "net/net/moments/Squeeze_1/ExponentialMovingAverage:0",
        "net_1/net_1/moments/Squeeze/ExponentialMovingAverage:0",
        "net_1/net_1/moments/Squeeze_1/ExponentialMovingAverage:0",
    ]
