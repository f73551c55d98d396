"""``"%f" % value`` of what a TF1 session fetched: NumPy 1 formatted a one-element array as its
number (``float(np.array([[0.5]]))``), NumPy 2 raises ``TypeError: only 0-dimensional arrays can be
converted to Python scalars``. A TF1 LSTM forecaster tutorial printed its batch-of-one prediction
so (``print("prediction#%d, output: %f" % (epoch + 1, output))``, ``output`` of shape [1, 1])."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import libcst as cst
import numpy as np
import pytest

from legacy2tf2.migrator.fetched_formats import fix_fetched_formats

HEAD = "import tensorflow as tf\n"


def fix(source: str) -> str:
    new, _changes = fix_fetched_formats(cst.parse_module(HEAD + source))
    return new.code[len(HEAD) :]


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            "with tf.compat.v1.Session() as sess:\n"
            "    output, states = sess.run([output_op, states_op], feed_dict=d)\n"
            '    print("prediction#%d, output: %f" % (epoch + 1, output))\n',
            "with tf.compat.v1.Session() as sess:\n"
            "    output, states = sess.run([output_op, states_op], feed_dict=d)\n"
            '    print("prediction#%d, output: %f" % (epoch + 1, output.item()))\n',
        ),
        (
            "sess = tf.compat.v1.InteractiveSession()\n"
            "def report(x):\n"
            "    p = sess.run(pred, {inp: x})\n"
            "    return 'p=%.3e' % p\n",
            "sess = tf.compat.v1.InteractiveSession()\n"
            "def report(x):\n"
            "    p = sess.run(pred, {inp: x})\n"
            "    return 'p=%.3e' % p.item()\n",
        ),
        (
            "class Model:\n"
            "    def __init__(self):\n"
            "        self.sess = tf.compat.v1.Session()\n"
            "    def step(self):\n"
            "        _, loss = self.sess.run((train_op, loss_op))\n"
            "        print('loss %5.2f, step %d' % (loss, 3))\n",
            "class Model:\n"
            "    def __init__(self):\n"
            "        self.sess = tf.compat.v1.Session()\n"
            "    def step(self):\n"
            "        _, loss = self.sess.run((train_op, loss_op))\n"
            "        print('loss %5.2f, step %d' % (loss.item(), 3))\n",
        ),
        (
            "s = tf.compat.v1.get_default_session()\n"
            "n = s.run(count)\n"
            "print('%d items (%g%%)' % (n, 12.5))\n",
            "s = tf.compat.v1.get_default_session()\n"
            "n = s.run(count)\n"
            "print('%d items (%g%%)' % (n.item(), 12.5))\n",
        ),
    ],
)
def test_a_fetched_number_is_formatted_as_its_item(before: str, after: str) -> None:
    assert fix(before) == after
    assert fix(after) == after


@pytest.mark.parametrize(
    "source",
    [
        # not certainly a session's fetch
        "out = model.run(x)\nprint('%f' % out)\n",
        "with tf.compat.v1.Session() as sess:\n    out = sess.run([a, b])\n    print('%f' % out)\n",
        "with tf.compat.v1.Session() as sess:\n    out, = sess.run(fetches)\n    print('%f' % out)\n",
        "with tf.compat.v1.Session() as sess:\n"
        "    a, b = sess.run([[x, y], z])\n    print('%f' % a)\n",
        "sess = tf.compat.v1.Session()\nsess = other\nv = sess.run(t)\nprint('%f' % v)\n",
        "sess = tf.compat.v1.Session()\nv = sess.run(t)\nv = 2.0\nprint('%f' % v)\n",
        # not a numeric conversion, or a format that is not plain positional
        "sess = tf.compat.v1.Session()\nv = sess.run(t)\nprint('%s' % v)\n",
        "sess = tf.compat.v1.Session()\nv = sess.run(t)\nprint('%(v)f' % {'v': v})\n",
        "sess = tf.compat.v1.Session()\nv = sess.run(t)\nprint('%*f' % (3, v))\n",
        "sess = tf.compat.v1.Session()\nv = sess.run(t)\nprint(fmt % v)\n",
        # arguments that do not match the conversions: formatting fails as it did
        "sess = tf.compat.v1.Session()\nv = sess.run(t)\nprint('%f %f' % v)\n",
    ],
)
def test_values_not_certainly_fetched_numbers_are_left(source: str) -> None:
    assert fix(source) == source


@pytest.mark.parametrize(
    ("fmt", "value", "numpy1"),
    [
        ("%f", np.array([[0.25]], dtype=np.float32), "0.250000"),
        ("%d", np.array([2.75]), "2"),
        ("%.3e", np.float32(1.5), "1.500e+00"),
        ("%g", np.array(7, dtype=np.int64), "7"),
    ],
)
def test_item_gives_numpy_1s_text(fmt: str, value: np.ndarray, numpy1: str) -> None:
    """What NumPy 1 printed (float()/int() of the one element) is what .item() prints."""
    assert fmt % value.item() == numpy1
    if np.ndim(value) > 0:
        with pytest.raises(TypeError):
            _ = fmt % value  # NumPy 2


def test_more_than_one_element_still_fails() -> None:
    """NumPy 1 refused to format two elements as one number; .item() refuses too."""
    with pytest.raises(ValueError, match="size 1"):
        np.array([1.0, 2.0]).item()


FORECASTER = """\
import numpy as np
import tensorflow as tf

x = tf.placeholder(tf.float32, [None, 3])
w = tf.Variable(tf.ones([3, 1]))
output_op = tf.matmul(x, w)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for epoch in range(2):
        output = sess.run(output_op, feed_dict={x: np.full((1, 3), epoch + 0.5)})
        print("prediction#%d, output: %f" % (epoch + 1, output))
"""


@pytest.mark.heavy
def test_a_forecaster_printing_its_prediction_runs_after_rewrite_full(tmp_path: Path) -> None:
    (tmp_path / "forecast.py").write_text(FORECASTER)
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"}
    migrated = subprocess.run(
        [sys.executable, "-m", "legacy2tf2", "rewrite", "--full", "."],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert migrated.returncode == 0, migrated.stderr
    assert "forecast.py:11:57: L2T015 '%f' of output" in migrated.stderr
    ran = subprocess.run(
        [sys.executable, "forecast.py"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout == "prediction#1, output: 1.500000\nprediction#2, output: 4.500000\n"
