"""A TF 0.x program that tested its checkpoint as one file before restoring it
(``if os.path.isfile(model_path): saver.restore(sess, model_path) else: initialise``), as a V1
checkpoint was, migrated and run twice on TF 2: the second run restores the first run's weights.

Before ``--full`` rewrote that test (L2T018), the V2 checkpoint the first run saved (files
``model.ckpt.index`` and ``model.ckpt.data-*``, no ``model.ckpt``) failed it, and the second run
silently started again from fresh parameters.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.helpers import cli, numbers_after, run_program

pytestmark = [pytest.mark.e2e, pytest.mark.heavy]

PROGRAM = """\
import os
import sys

import numpy as np
import tensorflow as tf

train_dir = sys.argv[1]
x = tf.placeholder(tf.float32, [None, 2])
w = tf.Variable(tf.random_normal([2, 1]), name="w")
loss = tf.reduce_mean(tf.square(tf.matmul(x, w) - 1.0))
train_op = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
saver = tf.train.Saver()
model_path = os.path.join(train_dir, "model.ckpt")
with tf.Session() as sess:
    if os.path.isfile(model_path):
        saver.restore(sess, model_path)
        print("restored")
    else:
        sess.run(tf.initialize_all_variables())
        for _ in range(3):
            sess.run(train_op, {x: np.ones([4, 2])})
        saver.save(sess, model_path)
        print("trained")
    print("w " + " ".join(repr(float(v)) for v in sess.run(w).ravel()))
"""


def test_the_second_run_restores_what_the_first_saved(tmp_path: Path) -> None:
    (tmp_path / "model.py").write_text(PROGRAM)
    done = cli("rewrite", "--full", "model.py", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "model.py:15:8: L2T018 os.path.isfile(model_path) is always False" in done.stderr
    (tmp_path / "run").mkdir()
    first = run_program(tmp_path, "model.py", "run").splitlines()
    second = run_program(tmp_path, "model.py", "run").splitlines()
    assert first[-2] == "trained" and second[-2] == "restored"
    assert numbers_after("w ", second[-1]) == numbers_after("w ", first[-1])
