"""TF1's layers API: ``tf.layers.dense``/``Dense``/``dropout``/``Dropout`` and
``tf.contrib.layers.fully_connected``/``linear`` move to ``legacy2tf2.runtime.layers_v1``; every
other ``tf.layers`` name stays and ``check`` reports it (L2T021)."""

from __future__ import annotations

from codemod_pairs import assert_noop, assert_pair

from legacy2tf2.migrator.engine import check_source


def _check(source: str) -> list[tuple[int, int, str]]:
    return [(f.line, f.col, f.code) for f in check_source(source.encode(), "m.py")]


def test_tf_layers_attribute_chains() -> None:
    assert_pair(
        "import tensorflow as tf\n"
        "x = tf.placeholder(tf.float32, [None, 3])\n"
        "h = tf.layers.dense(x, 4, activation=tf.nn.relu, name='proj')\n"
        "d = tf.layers.dropout(h, rate=0.1, training=True)\n",
        "import tensorflow as tf\n"
        "from legacy2tf2.runtime import layers_v1\n"
        "x = tf.placeholder(tf.float32, [None, 3])\n"
        "h = layers_v1.dense(x, 4, activation=tf.nn.relu, name='proj')\n"
        "d = layers_v1.dropout(h, rate=0.1, training=True)\n",
    )


def test_compat_v1_alias_and_the_classes() -> None:
    assert_pair(
        "import tensorflow.compat.v1 as tf\n"
        "output_layer = tf.layers.Dense(vocab_size, use_bias=False)\n"
        "drop = tf.layers.Dropout(0.5)\n",
        "from legacy2tf2.runtime import layers_v1\n"
        "output_layer = layers_v1.Dense(vocab_size, use_bias=False)\n"
        "drop = layers_v1.Dropout(0.5)\n",
    )


def test_from_import_is_split_when_a_name_stays() -> None:
    assert_pair(
        "from tensorflow.layers import dense, conv1d\ny = conv1d(dense(x, 3), 2, 3)\n",
        "from tensorflow.layers import conv1d\n"
        "from legacy2tf2.runtime.layers_v1 import dense\n"
        "y = conv1d(dense(x, 3), 2, 3)\n",
    )


def test_tensorflow_python_layers_core_module() -> None:
    assert_pair(
        "from tensorflow.python.layers import core as layers_core\n"
        "projection = layers_core.Dense(100, use_bias=False)\n",
        "from legacy2tf2.runtime import layers_v1\n"
        "projection = layers_v1.Dense(100, use_bias=False)\n",
    )


def test_contrib_fully_connected_and_linear() -> None:
    assert_pair(
        "import tensorflow as tf\n"
        "h = tf.contrib.layers.fully_connected(x, 10, scope='fc')\n"
        "y = tf.contrib.layers.linear(h, 3)\n",
        "from legacy2tf2.runtime import layers_v1\n"
        "h = layers_v1.fully_connected(x, 10, scope='fc')\n"
        "y = layers_v1.linear(h, 3)\n",
    )


def test_contrib_layers_import_keeps_the_names_not_provided() -> None:
    assert_pair(
        "from tensorflow.contrib.layers import fully_connected\n"
        "from tensorflow.contrib import layers\n"
        "y = fully_connected(x, 10)\n"
        "init = layers.xavier_initializer()\n"
        "z = layers.fully_connected(y, 2, activation_fn=None)\n",
        "from legacy2tf2.runtime.layers_v1 import fully_connected\n"
        "from tensorflow.contrib import layers\n"
        "from legacy2tf2.runtime import layers_v1\n"
        "y = fully_connected(x, 10)\n"
        "init = layers.xavier_initializer()\n"
        "z = layers_v1.fully_connected(y, 2, activation_fn=None)\n",
    )


def test_layers_the_runtime_lacks_and_keras_layers_are_left_alone() -> None:
    assert_noop(
        "import tensorflow as tf\n"
        "b = tf.layers.batch_normalization(h, training=True)\n"
        "c = tf.keras.layers.Dense(3)(h)\n"
    )


def test_check_reports_every_tf_layers_name() -> None:
    source = (
        "import tensorflow as tf\n"
        "from tensorflow.compat.v1.layers import conv1d\n"
        "h = tf.layers.dense(x, 4)\n"
        "b = tf.compat.v1.layers.batch_normalization(h)\n"
        "c = tf.keras.layers.Dense(3)(h)\n"
    )
    assert _check(source) == [(2, 41, "L2T021"), (3, 5, "L2T021"), (4, 5, "L2T021")]
    messages = [f.message for f in check_source(source.encode(), "m.py")]
    assert "legacy2tf2.runtime.layers_v1.dense" in messages[1]
    assert "does not provide" in messages[0] and "does not provide" in messages[2]


def test_check_of_contrib_fully_connected_points_to_the_rewrite() -> None:
    findings = check_source(
        b"import tensorflow as tf\ny = tf.contrib.layers.fully_connected(x, 3)\n"
    )
    assert [(f.code, "run `legacy2tf2 rewrite`" in f.message) for f in findings] == [
        ("L2T001", True)
    ]


def test_contrib_framework_arg_scope_around_fully_connected() -> None:
    assert_pair(
        "import tensorflow as tf\n"
        "from tensorflow.contrib.framework import arg_scope\n"
        "from tensorflow.contrib.layers import fully_connected\n"
        "with arg_scope([fully_connected], activation_fn=None):\n"
        "    z = fully_connected(x, 3)\n"
        "with tf.contrib.framework.arg_scope([tf.contrib.layers.fully_connected], trainable=False):\n"
        "    y = tf.contrib.layers.fully_connected(x, 2)\n",
        "from legacy2tf2.runtime.layers_v1 import arg_scope\n"
        "from legacy2tf2.runtime.layers_v1 import fully_connected\n"
        "from legacy2tf2.runtime import layers_v1\n"
        "with arg_scope([fully_connected], activation_fn=None):\n"
        "    z = fully_connected(x, 3)\n"
        "with layers_v1.arg_scope([layers_v1.fully_connected], trainable=False):\n"
        "    y = layers_v1.fully_connected(x, 2)\n",
    )
