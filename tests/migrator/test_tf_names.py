"""``--full``'s net (L2T021): TensorFlow names the installed TensorFlow lacks are reported, names
that work are not (needs tensorflow: it is what names are resolved against)."""

from __future__ import annotations

import pytest

from legacy2tf2.migrator.findings import NOTES
from legacy2tf2.migrator.full_upgrade import full_upgrade
from legacy2tf2.migrator.tf_names import missing_names

tf = pytest.importorskip("tensorflow")


def _found(source: str) -> list[tuple[int, int]]:
    return [(line, col) for line, col, _ in missing_names(source.encode())]


def test_removed_names_and_names_unavailable_with_keras_3_are_reported() -> None:
    source = (
        "import tensorflow as tf\n"
        "h = tf.layers.dense(x, 4)\n"
        "b = tf.compat.v1.layers.batch_normalization(h)\n"
        "e = tf.contrib.layers.embed_sequence(ids, 10, 4)\n"
    )
    found = missing_names(source.encode())
    assert [(line, col) for line, col, _ in found] == [(2, 5), (3, 5), (4, 5)]
    assert "`tensorflow.layers` does not exist" in found[0][2]
    assert tf.__version__ in found[0][2]
    assert (
        "`tensorflow.compat.v1.layers.batch_normalization` is not available with Keras 3"
        in (found[1][2])
    )
    assert "`tensorflow.contrib` does not exist" in found[2][2]


def test_every_import_style_and_alias_is_resolved() -> None:
    assert _found(
        "import tensorflow.compat.v1 as tf1\n"
        "from tensorflow.compat.v1 import layers as v1_layers\n"
        "from tensorflow.compat.v1.layers import conv1d\n"
        "import tensorflow as tf\n"
        "v1 = tf.compat.v1\n"
        "a = tf1.layers.dropout(x)\n"
        "b = v1_layers.Dense(3)\n"
        "c = v1.layers.flatten(x)\n"
        "d = v1.placeholder(tf.float32)\n"
    ) == [(3, 41), (6, 5), (7, 5), (8, 5)]


def test_a_missing_import_is_reported_once_at_the_import() -> None:
    assert _found(
        "from tensorflow.contrib import rnn\n"
        "import tensorflow.contrib.slim as slim\n"
        "cell = rnn.GRUCell(3)\n"
        "net = slim.fully_connected(x, 3)\n"
    ) == [(1, 32), (2, 8)]


def test_names_that_work_are_not_reported() -> None:
    assert not _found(
        "import tensorflow as tf\n"
        "import tensorflow.compat.v1 as v1\n"
        "from tensorflow.python.layers import core as layers_core\n"
        "from tensorflow.python.ops import rnn_cell_impl\n"
        "from legacy2tf2.runtime import layers_v1, rnn_cell\n"
        "FLAGS = tf.compat.v1.app.flags.FLAGS\n"
        "x = v1.placeholder(tf.float32, [None, 3])\n"
        "h = layers_v1.dense(x, 4, activation=tf.nn.relu)\n"
        "n = tf.float32.name + FLAGS.batch_size + tf.compat.v1.flags.FLAGS.anything\n"
        "k = tf.compat.v1.GraphKeys.TRAINABLE_VARIABLES\n"
        "s = tf.compat.v1.train.Saver.restore\n"
        "p = layers_core.dense\n"
        "def f(tf):\n"
        "    return tf.layers.dense\n"
    )


def test_names_the_program_guards_or_sets_itself_are_not_reported() -> None:
    assert not _found(
        "import tensorflow as tf\n"
        "try:\n"
        "    from tensorflow.contrib import rnn\n"
        "except ImportError:\n"
        "    rnn = None\n"
        "try:\n"
        "    dense = tf.layers.dense\n"
        "except (KeyError, AttributeError):\n"
        "    dense = None\n"
        "if hasattr(tf, 'layers'):\n"
        "    y = tf.layers.dense(x, 3)\n"
        "if tf.__version__ < '1.0':\n"
        "    y = tf.nn.seq2seq.sequence_loss(a, b, c)\n"
        "tf.nn.my_patch = lambda x: x\n"
        "z = tf.nn.my_patch(x)\n"
    )


def test_a_try_that_does_not_catch_the_error_is_no_guard() -> None:
    assert _found(
        "import tensorflow as tf\n"
        "try:\n"
        "    y = tf.layers.dense(x, 3)\n"
        "except ValueError:\n"
        "    y = None\n"
    ) == [(3, 9)]


def test_full_upgrade_reports_l2t021_at_the_input_line_and_it_fails_the_run() -> None:
    source = (
        b"import tensorflow as tf\n"
        b"\n"
        b"x = tf.placeholder(tf.float32, [None, 3])\n"
        b"h = tf.layers.dense(x, 4)\n"
        b"b = tf.layers.batch_normalization(h)\n"
        b"with tf.Session() as sess:\n"
        b"    sess.run(b)\n"
    )
    result = full_upgrade(source, "m.py")
    assert b"layers_v1.dense(x, 4)" in result.source
    assert b"tf.compat.v1.layers.batch_normalization(h)" in result.source
    missing = [f for f in result.findings if f.code == "L2T021"]
    assert [(f.line, f.col) for f in missing] == [(5, 5)]
    assert "not available with Keras 3" in missing[0].message
    assert "L2T021" not in NOTES


def test_full_upgrade_reports_l2t021_at_the_input_column_of_a_line_it_changed() -> None:
    # tf_upgrade_v2 lengthened the line before the name (tf.to_float(x) -> tf.cast(x, dtype=...)):
    # the column was the upgraded line's, 14 characters right of the name in the input
    source = (
        b"import tensorflow as tf\n"
        b"\n"
        b"x = tf.placeholder(tf.float32, [None, 4])\n"
        b"y = tf.to_float(x); d = tf.contrib.seq2seq.BasicDecoder\n"
        b"z = tf.contrib.seq2seq.dynamic_decode\n"
    )
    result = full_upgrade(source, "m.py")
    assert b"y = tf.cast(x, dtype=tf.float32); d = tf.contrib" in result.source
    missing = [(f.line, f.col) for f in result.findings if f.code == "L2T021"]
    assert missing == [(4, 25), (5, 5)]
    line = source.splitlines()[3].decode()
    assert line[25 - 1 :].startswith("tf.contrib.seq2seq.BasicDecoder")
