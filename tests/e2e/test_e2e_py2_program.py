"""A TF1 graph program written Python 2 style, migrated by the real ``rewrite --full``, runs on
TF 2.21 and computes what it computed on TF1: ``xrange``, ``dict.iteritems()``/``iterkeys()``/
``itervalues()``/``has_key``, ``import cPickle`` and ``reduce`` become their Python 3 forms, and the
helper module's ``try: xrange except NameError`` shim is left as it is (and still works).
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

from tests.e2e.helpers import cli, numbers_after, run_program

pytestmark = [pytest.mark.e2e, pytest.mark.heavy]

UTILS = """\
try:
    xrange
except NameError:
    xrange = range


def batch(n):
    return [[1.0, 1.0] for _ in xrange(n)]
"""

PROGRAM = """\
from __future__ import print_function

import sys
import cPickle

import numpy as np
import tensorflow as tf

import utils

vocab = {"_PAD": 0, "_GO": 1, "hello": 2, "world": 3}
rev_vocab = dict((i, w) for w, i in vocab.iteritems())
with open(sys.argv[1], "wb") as f:
    cPickle.dump(rev_vocab, f, cPickle.HIGHEST_PROTOCOL)
with open(sys.argv[1], "rb") as f:
    loaded = cPickle.load(f)
assert loaded.has_key(3) and not loaded.has_key(7)

x = tf.placeholder(tf.float32, [None, 2])
w = tf.Variable(tf.zeros([2, 1]), name="w")
loss = tf.reduce_mean(tf.square(tf.matmul(x, w) - 1.0))
train_op = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
with tf.Session() as sess:
    sess.run(tf.initialize_all_variables())
    for step in xrange(5):
        sess.run(train_op, {x: np.array(utils.batch(4))})
    print("w", " ".join(repr(float(v)) for v in sess.run(w).ravel()))
print("words", " ".join(loaded[i] for i in sorted(loaded.iterkeys())))
print("total", reduce(lambda a, b: a + b, vocab.itervalues()))
"""


def _tf1_weights(steps: int = 5, rate: float = 0.1) -> np.ndarray:
    """What TF1's gradient descent on the program's loss gives (float32, as TF computes it)."""
    x = np.ones([4, 2], np.float32)
    w = np.zeros([2, 1], np.float32)
    for _ in range(steps):
        grad = 2.0 * x.T @ (x @ w - 1.0) / np.float32(4)
        w = (w - np.float32(rate) * grad).astype(np.float32)
    return w.ravel()


def test_a_python_2_style_program_runs_after_rewrite_full(tmp_path: Path) -> None:
    (tmp_path / "model.py").write_text(PROGRAM)
    (tmp_path / "utils.py").write_text(UTILS)
    done = cli("rewrite", "--full", "model.py", "utils.py", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "L2T022" in set(re.findall(r": (L2T\d{3}) ", done.stderr))
    assert "L2T023" not in done.stderr
    assert (tmp_path / "utils.py").read_text() == UTILS  # the shim works on Python 3 as it is
    migrated = (tmp_path / "model.py").read_text()
    assert "import pickle as cPickle\n" in migrated and "functools.reduce(" in migrated
    assert cli("check", "model.py", "utils.py", cwd=tmp_path).returncode == 0

    out = run_program(tmp_path, "model.py", str(tmp_path / "vocab.pkl"))
    weights = next(line for line in out.splitlines() if line.startswith("w "))
    np.testing.assert_allclose([float(v) for v in weights.split()[1:]], _tf1_weights(), rtol=1e-6)
    assert "words _PAD _GO hello world" in out
    assert numbers_after("total ", out) == [6.0]
