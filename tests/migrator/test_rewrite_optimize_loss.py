"""``tf.contrib.layers.optimize_loss`` (and its tables ``OPTIMIZER_CLS_NAMES``,
``OPTIMIZER_SUMMARIES``) move to ``legacy2tf2.runtime.layers_v1`` in every import style; a TF1
program training with it runs after ``rewrite --full``, saves and restores."""

from __future__ import annotations

from pathlib import Path

import pytest
from codemod_pairs import assert_pair

from legacy2tf2.migrator.engine import check_source
from tests.e2e.helpers import python


def test_attribute_chain() -> None:
    assert_pair(
        "import tensorflow as tf\n"
        "train_op = tf.contrib.layers.optimize_loss(\n"
        "    loss, tf.train.get_global_step(), learning_rate=0.01, optimizer='Adam',\n"
        "    clip_gradients=5.0)\n",
        "import tensorflow as tf\n"
        "from legacy2tf2.runtime import layers_v1\n"
        "train_op = layers_v1.optimize_loss(\n"
        "    loss, tf.train.get_global_step(), learning_rate=0.01, optimizer='Adam',\n"
        "    clip_gradients=5.0)\n",
    )


def test_from_import_keeps_the_names_not_provided() -> None:
    assert_pair(
        "from tensorflow.contrib.layers import optimize_loss, OPTIMIZER_CLS_NAMES, l2_regularizer\n"
        "op = optimize_loss(loss, step, 0.1, 'SGD')\n"
        "names = list(OPTIMIZER_CLS_NAMES)\n"
        "reg = l2_regularizer(0.1)\n",
        "from tensorflow.contrib.layers import l2_regularizer\n"
        "from legacy2tf2.runtime.layers_v1 import optimize_loss, OPTIMIZER_CLS_NAMES\n"
        "op = optimize_loss(loss, step, 0.1, 'SGD')\n"
        "names = list(OPTIMIZER_CLS_NAMES)\n"
        "reg = l2_regularizer(0.1)\n",
    )


def test_module_aliases_and_the_defining_module() -> None:
    assert_pair(
        "from tensorflow.contrib.layers.python.layers import optimizers\n"
        "from tensorflow.contrib import layers as tflayers\n"
        "op = optimizers.optimize_loss(loss, step, 0.1, 'SGD')\n"
        "op2 = tflayers.optimize_loss(\n"
        "    loss, step, 0.1, 'Adam', summaries=tflayers.OPTIMIZER_SUMMARIES)\n"
        "init = tflayers.xavier_initializer()\n",
        "from tensorflow.contrib import layers as tflayers\n"
        "from legacy2tf2.runtime import layers_v1\n"
        "op = layers_v1.optimize_loss(loss, step, 0.1, 'SGD')\n"
        "op2 = layers_v1.optimize_loss(\n"
        "    loss, step, 0.1, 'Adam', summaries=layers_v1.OPTIMIZER_SUMMARIES)\n"
        "init = tflayers.xavier_initializer()\n",
    )


def test_import_module_as_name() -> None:
    assert_pair(
        "import tensorflow.contrib.layers as layers\n"
        "op = layers.optimize_loss(loss, None, None, lambda: opt)\n",
        "from legacy2tf2.runtime import layers_v1\n"
        "op = layers_v1.optimize_loss(loss, None, None, lambda: opt)\n",
    )


def test_check_points_to_the_rewrite() -> None:
    findings = check_source(
        b"import tensorflow as tf\nop = tf.contrib.layers.optimize_loss(loss, s, 0.1, 'SGD')\n"
    )
    assert [(f.line, f.code, "run `legacy2tf2 rewrite`" in f.message) for f in findings] == [
        (2, "L2T001", True)
    ]


PROGRAM = """\
import sys

import numpy as np
import tensorflow as tf

tf.set_random_seed(0)
x = tf.placeholder(tf.float32, [None, 3])
y = tf.placeholder(tf.float32, [None, 1])
hidden = tf.contrib.layers.fully_connected(x, 8, scope="hidden")
pred = tf.contrib.layers.linear(hidden, 1, scope="out")
loss = tf.reduce_mean(tf.square(pred - y))
global_step = tf.Variable(0, name="global_step", trainable=False)
train_op = tf.contrib.layers.optimize_loss(
    loss, global_step, learning_rate=0.05, optimizer="Adam", clip_gradients=5.0,
    learning_rate_decay_fn=lambda lr, step: tf.train.exponential_decay(lr, step, 10, 0.9))
summary = tf.summary.merge_all()
saver = tf.train.Saver()

rng = np.random.RandomState(0)
data = rng.normal(size=(32, 3)).astype(np.float32)
feed = {x: data, y: data.sum(axis=1, keepdims=True)}
with tf.Session() as sess:
  sess.run(tf.global_variables_initializer())
  first = sess.run(loss, feed)
  for _ in range(40):
    sess.run(train_op, feed)
  sess.run(summary, feed)
  last = sess.run(loss, feed)
  print("loss %.6f %.6f" % (first, last))
  print("step", sess.run(global_step))
  saver.save(sess, sys.argv[1])
with tf.Session() as sess:
  saver.restore(sess, sys.argv[1])
  print("restored %.6f %d" % (sess.run(loss, feed), sess.run(global_step)))
"""


@pytest.mark.heavy
def test_program_trains_saves_and_restores_after_rewrite_full(tmp_path: Path) -> None:
    program = tmp_path / "model.py"
    program.write_text(PROGRAM)
    done = python("-m", "legacy2tf2", "rewrite", "--full", "model.py", cwd=tmp_path, timeout=300)
    assert done.returncode == 0, done.stderr
    migrated = program.read_text()
    assert "layers_v1.optimize_loss(" in migrated
    assert "contrib" not in migrated

    done = python("model.py", str(tmp_path / "ckpt"), cwd=tmp_path, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    first, last = map(float, done.stdout.split("loss ")[1].split()[:2])
    assert last < first / 4
    assert "step 40" in done.stdout
    restored = done.stdout.split("restored ")[1].split()
    assert float(restored[0]) == pytest.approx(last, rel=1e-5) and restored[1] == "40"

    import tensorflow as tf

    names = {name for name, _ in tf.train.list_variables(str(tmp_path / "ckpt"))}
    assert {
        "global_step",
        "hidden/weights",
        "out/biases",
        "OptimizeLoss/learning_rate",
        "OptimizeLoss/beta1_power",
        "OptimizeLoss/hidden/weights/Adam",
        "OptimizeLoss/out/biases/Adam_1",
    } <= names, sorted(names)
