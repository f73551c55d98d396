"""A TF 0.12-era graph program with summaries and a checkpoint test, migrated and run on TF 2.

Before ``--full`` moved summaries to ``tf.compat.v1.summary`` the migrated program died with
``TBNotInstalledError`` (TF 2.21 ships no TensorBoard); before it rewrote the checkpoint test,
``tf.gfile.Exists(ckpt.model_checkpoint_path)`` was False for the V2 checkpoint it had just saved,
so the second run silently started from fresh parameters.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.e2e.helpers import cli, numbers_after, run_program

pytestmark = [pytest.mark.e2e, pytest.mark.heavy]

PROGRAM = """\
import os
import sys

import numpy as np
import tensorflow as tf

mode, train_dir = sys.argv[1], sys.argv[2]
x = tf.placeholder(tf.float32, [None, 2])
w = tf.Variable(tf.zeros([2, 1]), name="w")
loss = tf.reduce_mean(tf.square(tf.matmul(x, w) - 1.0))
tf.summary.scalar("loss", loss)
tf.histogram_summary("w", w)
merged = tf.merge_all_summaries()
train_op = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
saver = tf.train.Saver()
with tf.Session() as sess:
    ckpt = tf.train.get_checkpoint_state(train_dir)
    if ckpt and tf.gfile.Exists(ckpt.model_checkpoint_path):
        print("Reading model parameters from %s" % ckpt.model_checkpoint_path)
        saver.restore(sess, ckpt.model_checkpoint_path)
    else:
        print("Created model with fresh parameters.")
        sess.run(tf.initialize_all_variables())
    if mode == "train":
        writer = tf.train.SummaryWriter(os.path.join(train_dir, "logs"), sess.graph)
        for step in range(5):
            summary, _ = sess.run([merged, train_op], {x: np.ones([4, 2])})
            writer.add_summary(summary, step)
        writer.close()
        saver.save(sess, os.path.join(train_dir, "model.ckpt"), global_step=5)
    print("w " + " ".join(repr(float(v)) for v in sess.run(w).ravel()))
"""


def _summaries(logs: Path) -> dict[str, list[int]]:
    import tensorflow as tf

    steps: dict[str, list[int]] = {}
    for events in sorted(logs.glob("events.out.tfevents.*")):
        for event in tf.compat.v1.train.summary_iterator(str(events)):
            for value in event.summary.value:
                steps.setdefault(value.tag, []).append(event.step)
    return steps


def test_summaries_are_written_and_the_second_run_restores_the_trained_weights(
    tmp_path: Path,
) -> None:
    program = tmp_path / "model.py"
    program.write_text(PROGRAM)
    done = cli("rewrite", "--full", "model.py", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert {"L2T017", "L2T018"} <= set(re.findall(r": (L2T\d{3}) ", done.stderr))
    assert cli("check", "model.py", cwd=tmp_path).returncode == 0

    train = run_program(tmp_path, "model.py", "train", "run")
    assert "Created model with fresh parameters." in train
    steps = _summaries(tmp_path / "run" / "logs")
    assert steps["loss"] == [0, 1, 2, 3, 4]
    assert len(next(v for k, v in steps.items() if k.startswith("w"))) == 5

    decode = run_program(tmp_path, "model.py", "decode", "run")
    assert "Reading model parameters from" in decode
    trained = numbers_after("w ", train.splitlines()[-1])
    assert trained and trained[0] != 0.0
    assert decode.splitlines()[-1] == train.splitlines()[-1]
