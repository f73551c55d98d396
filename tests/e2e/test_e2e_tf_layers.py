"""A TF1 graph program built with ``tf.layers`` and ``tf.contrib.layers``, migrated by the real CLI
(``rewrite --full``), trains on TF 2.21 with TF1's variable names, saves, and restores in a fresh
process to the same outputs; a program left with a layer the runtime lacks fails ``--full``."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.helpers import cli, numbers_after, run_program

pytestmark = pytest.mark.e2e

PROGRAM = """\
import sys

import numpy as np
import tensorflow as tf


def model(x, training):
    h = tf.contrib.layers.fully_connected(x, 16)
    h = tf.layers.dropout(h, rate=0.2, training=training)
    h = tf.layers.dense(h, 16, activation=tf.nn.tanh, name="hidden")
    return tf.layers.dense(h, 1)


x = tf.placeholder(tf.float32, [None, 4])
y = tf.placeholder(tf.float32, [None, 1])
training = tf.placeholder_with_default(False, [])
pred = model(x, training)
loss = tf.reduce_mean(tf.square(pred - y))
train_op = tf.train.AdamOptimizer(0.01).minimize(loss)
saver = tf.train.Saver()
data = np.random.RandomState(0).randn(64, 4).astype(np.float32)
target = data.sum(axis=1, keepdims=True)
with tf.Session() as sess:
    if sys.argv[1] == "train":
        sess.run(tf.global_variables_initializer())
        print("loss", sess.run(loss, {x: data, y: target}))
        for step in range(80):
            sess.run(train_op, {x: data, y: target, training: True})
        print("loss", sess.run(loss, {x: data, y: target}))
        saver.save(sess, sys.argv[2])
    else:
        saver.restore(sess, sys.argv[2])
    print("names", " ".join(sorted(v.op.name for v in tf.trainable_variables())))
    print("outputs", " ".join(repr(float(v)) for v in sess.run(pred, {x: data[:4]}).ravel()))
"""

UNSUPPORTED = """\
import tensorflow as tf

ids = tf.placeholder(tf.int32, [None, 5])
emb = tf.contrib.layers.layer_norm(tf.one_hot(ids, 10))
h = tf.layers.batch_normalization(tf.layers.dense(emb, 3), training=True)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
"""


def _line(label: str, text: str) -> str:
    return next(line for line in text.splitlines() if line.startswith(label + " "))


def test_migrated_layers_program_trains_saves_and_restores(tmp_path: Path) -> None:
    program = tmp_path / "model.py"
    program.write_text(PROGRAM)
    before = cli("check", str(program), cwd=tmp_path)
    assert before.returncode == 1 and "L2T021" in before.stdout and "L2T001" in before.stdout
    done = cli("rewrite", "--full", str(program), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "L2T021" not in done.stderr
    migrated = program.read_text()
    assert "layers_v1.fully_connected(x, 16)" in migrated
    assert "layers_v1.dense(h, 1)" in migrated and "tf.layers" not in migrated
    assert cli("check", str(program), cwd=tmp_path).returncode == 0

    trained = run_program(tmp_path, "model.py", "train", str(tmp_path / "ckpt"))
    first, last = numbers_after("loss", trained)
    assert last < 0.5 * first
    restored = run_program(tmp_path, "model.py", "restore", str(tmp_path / "ckpt"))
    assert (
        _line("names", trained)
        == _line("names", restored)
        == (
            "names dense/bias dense/kernel fully_connected/biases fully_connected/weights "
            "hidden/bias hidden/kernel"
        )
    )
    assert _line("outputs", restored) == _line("outputs", trained)


def test_full_fails_on_a_layer_the_runtime_lacks(tmp_path: Path) -> None:
    program = tmp_path / "model.py"
    program.write_text(UNSUPPORTED)
    done = cli("rewrite", "--full", str(program), cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    reported = [line for line in done.stderr.splitlines() if " L2T021 " in line]
    assert [line.split(":")[1] for line in reported] == ["4", "5"]
    assert "contrib" in reported[0] and "batch_normalization" in reported[1]
    assert "not available with Keras 3" in reported[1]
