"""TF1's linear helper of rnn_cell (``linear`` / ``_linear``) moves to the runtime function of the
era its path tells: ``layers_v1.rnn_linear_tf0`` (TF 0.x, ``Linear/Matrix``),
``layers_v1.rnn_linear_tf1_0`` (TF 1.0/1.1, ``weights``) or ``layers_v1.rnn_linear`` (TF 1.2+,
``kernel``), in every import style; paths that do not tell the era stay reported."""

from __future__ import annotations

from codemod_pairs import assert_noop, assert_pair


def test_from_import_of_core_rnn_cell_impl_is_tf1_0() -> None:
    assert_pair(
        "from tensorflow.contrib.rnn.python.ops.core_rnn_cell_impl import _linear\n"
        "y = _linear([x, h], 4, True, 1.0)\n",
        "from legacy2tf2.runtime.layers_v1 import rnn_linear_tf1_0 as _linear\n"
        "y = _linear([x, h], 4, True, 1.0)\n",
    )


def test_from_import_of_rnn_cell_impl_is_tf1_2() -> None:
    assert_pair(
        "from tensorflow.python.ops.rnn_cell_impl import _linear\n"
        "y = _linear([x, h], 4, True, bias_initializer=init)\n",
        "from legacy2tf2.runtime.layers_v1 import rnn_linear as _linear\n"
        "y = _linear([x, h], 4, True, bias_initializer=init)\n",
    )


def test_module_import_next_to_a_cell() -> None:
    assert_pair(
        "from tensorflow.python.ops import rnn_cell_impl\n"
        "y = rnn_cell_impl._linear([x, h], 4, True)\n"
        "c = rnn_cell_impl.GRUCell(3)\n",
        "from legacy2tf2.runtime import layers_v1\n"
        "from legacy2tf2.runtime import rnn_cell\n"
        "y = layers_v1.rnn_linear([x, h], 4, True)\n"
        "c = rnn_cell.GRUCell(3)\n",
    )


def test_core_rnn_cell_is_tf1_2() -> None:
    assert_pair(
        "from tensorflow.contrib.rnn.python.ops import core_rnn_cell\n"
        "y = core_rnn_cell._linear([x], 4, True)\n",
        "from legacy2tf2.runtime import layers_v1\ny = layers_v1.rnn_linear([x], 4, True)\n",
    )


def test_attribute_chain_of_core_rnn_cell_impl() -> None:
    assert_pair(
        "import tensorflow as tf\n"
        "y = tf.contrib.rnn.python.ops.core_rnn_cell_impl._linear(x, 4, True)\n"
        "z = tf.nn.relu(y)\n",
        "import tensorflow as tf\n"
        "from legacy2tf2.runtime import layers_v1\n"
        "y = layers_v1.rnn_linear_tf1_0(x, 4, True)\n"
        "z = tf.nn.relu(y)\n",
    )


def test_tf0_rnn_cell_and_seq2seq_paths() -> None:
    assert_pair(
        "import tensorflow as tf\n"
        "y = tf.nn.rnn_cell._linear([x, h], 4, True, scope='p')\n"
        "z = tf.nn.seq2seq.linear(x, 3, False)\n"
        "w = tf.nn.rnn_cell.linear(x, 3, True, 1.0)\n"
        "v = tf.zeros([2])\n",
        "import tensorflow as tf\n"
        "from legacy2tf2.runtime import layers_v1\n"
        "y = layers_v1.rnn_linear_tf0([x, h], 4, True, scope='p')\n"
        "z = layers_v1.rnn_linear_tf0(x, 3, False)\n"
        "w = layers_v1.rnn_linear_tf0(x, 3, True, 1.0)\n"
        "v = tf.zeros([2])\n",
    )


def test_tf0_alias_assignment_and_internal_modules() -> None:
    assert_pair(
        "import tensorflow as tf\nlinear = tf.nn.rnn_cell.linear\ny = linear(x, 4, True)\n",
        "from legacy2tf2.runtime import layers_v1\n"
        "linear = layers_v1.rnn_linear_tf0\n"
        "y = linear(x, 4, True)\n",
    )
    assert_pair(
        "from tensorflow.python.ops.seq2seq import linear\ny = linear(x, 4, True)\n",
        "from legacy2tf2.runtime.layers_v1 import rnn_linear_tf0 as linear\n"
        "y = linear(x, 4, True)\n",
    )
    assert_pair(
        "from tensorflow.python.ops.rnn_cell import _linear\ny = _linear(x, 4, True)\n",
        "from legacy2tf2.runtime.layers_v1 import rnn_linear_tf0 as _linear\n"
        "y = _linear(x, 4, True)\n",
    )


def test_compat_v1_spelling_keeps_the_era_of_the_path() -> None:
    assert_pair(
        "import tensorflow.compat.v1 as tf\n"
        "y = tf.nn.rnn_cell._linear(x, 4, True)\n"
        "z = tf.zeros([2])\n",
        "import tensorflow.compat.v1 as tf\n"
        "from legacy2tf2.runtime import layers_v1\n"
        "y = layers_v1.rnn_linear_tf0(x, 4, True)\n"
        "z = tf.zeros([2])\n",
    )


def test_paths_that_do_not_tell_the_era_stay_reported() -> None:
    assert_noop(
        "from tensorflow.contrib.legacy_seq2seq.python.ops.seq2seq import linear\n"
        "y = linear(x, 4, True)\n",
        ("L2T003",),
    )
    assert_noop(
        "from tensorflow.contrib.rnn.python.ops import rnn_cell\ny = rnn_cell._Linear(x, 4, True)\n",
        ("L2T006",),
    )
