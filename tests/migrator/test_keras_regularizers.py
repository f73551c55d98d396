"""Keras regularizers read the variable's value in a program of TF1's reference variables
(migrator/keras_regularizers.py, runtime layers_v1.regularizer_on_values)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from legacy2tf2.migrator.keras_regularizers import fix_keras_regularizers

HEAD = (
    "import tensorflow as tf\n"
    "tf.compat.v1.disable_eager_execution()\n"
    "tf.compat.v1.disable_resource_variables()\n"
)
WITH_IMPORT = (
    "import tensorflow as tf\n"
    "from legacy2tf2.runtime import layers_v1\n\n"
    "tf.compat.v1.disable_eager_execution()\n"
    "tf.compat.v1.disable_resource_variables()\n"
)


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            HEAD + 'w = tf.compat.v1.get_variable("w", [2], '
            "regularizer=tf.keras.regularizers.l2(0.5 * (0.1)))\n",
            WITH_IMPORT + 'w = tf.compat.v1.get_variable("w", [2], '
            "regularizer=layers_v1.regularizer_on_values(tf.keras.regularizers.l2(0.5 * (0.1))))\n",
        ),
        (
            HEAD + "p = tf.keras.regularizers.l1(0.2)(w)\n",
            WITH_IMPORT + "p = layers_v1.regularizer_on_values(tf.keras.regularizers.l1(0.2))(w)\n",
        ),
        (
            HEAD + "from tensorflow.keras import regularizers\nr = regularizers.l1_l2(l1=0.1)\n",
            WITH_IMPORT + "from tensorflow.keras import regularizers\n"
            "r = layers_v1.regularizer_on_values(regularizers.l1_l2(l1=0.1))\n",
        ),
    ],
    ids=["get_variable", "called on a variable", "imported module"],
)
def test_a_keras_regularizer_gets_the_value(before: str, after: str) -> None:
    new, changes = fix_keras_regularizers(before.encode())
    assert new.decode() == after
    assert [code for _, _, code, _ in changes] == ["L2T010"]
    assert fix_keras_regularizers(new) == (new, [])  # a second --full changes nothing


@pytest.mark.parametrize(
    "source",
    [
        HEAD + "r = regularizers.l2(0.1)\n",  # an own module of that name
        HEAD + "from mylib import regularizers\nr = regularizers.l2(0.1)\n",
        HEAD + "r = tf.keras.regularizers.get('l2')\n",
        HEAD + "r = tf.keras.regularizers.Regularizer()\n",
    ],
    ids=["unbound name", "another module", "get", "base class"],
)
def test_left(source: str) -> None:
    assert fix_keras_regularizers(source.encode()) == (source.encode(), [])


PROGRAM = """import tensorflow as tf
x = tf.placeholder(tf.float32, [None, 3])
w = tf.get_variable("w", [3, 2], initializer=tf.constant_initializer(0.5),
                    regularizer=tf.contrib.layers.l2_regularizer(0.1))
v = tf.get_variable("v", [2], initializer=tf.constant_initializer(1.0))
y = tf.matmul(x, w) + v
penalty = tf.contrib.layers.l2_regularizer(0.2)(v)
reg = tf.reduce_sum(tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES))
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    print("penalties %.6f %.6f" % tuple(sess.run([reg, penalty])))
"""


@pytest.mark.heavy
def test_cli_full_rewrite_runs_tf1_regularizers_on_reference_variables(tmp_path: Path) -> None:
    program = tmp_path / "train.py"
    program.write_text(PROGRAM)
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3", "CUDA_VISIBLE_DEVICES": ""}
    cli = [sys.executable, "-m", "legacy2tf2", "rewrite", "--full", str(tmp_path)]
    rewrite = subprocess.run(cli, capture_output=True, text=True, env=env, check=False)
    assert "disable_resource_variables()" in program.read_text(), rewrite.stderr
    run = subprocess.run(
        [sys.executable, str(program)], capture_output=True, text=True, env=env, cwd=tmp_path
    )
    assert run.returncode == 0, run.stderr[-3000:]
    # TF1's l2_regularizer(s)(w) = s * sum(w ** 2) / 2: 0.1 * 6 * 0.25 / 2 and 0.2 * 2 * 1 / 2
    assert "penalties 0.075000 0.200000" in run.stdout
