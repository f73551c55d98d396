"""Every way real code reaches legacy_seq2seq (PATTERNS.md section 1 and 6), as exact pairs."""

from __future__ import annotations

import pytest
from codemod_pairs import assert_noop, assert_pair

PAIRS = [
    pytest.param(
        "import tensorflow as tf\n"
        "from tensorflow.contrib import legacy_seq2seq as s\n"
        "\n"
        "cell = tf.contrib.rnn.GRUCell(256)\n"
        "out, st = s.embedding_attention_seq2seq(\n"
        "    enc, dec, cell, 40000, 40000, 256)\n"
        "loss = tf.contrib.legacy_seq2seq.sequence_loss(\n"
        "    out, targets, weights)\n"
        "x = tf.placeholder(tf.int32)\n",
        "import tensorflow as tf\n"
        "from legacy2tf2.runtime import legacy_seq2seq as s\n"
        "from legacy2tf2.runtime import rnn_cell\n"
        "\n"
        "cell = rnn_cell.GRUCell(256)\n"
        "out, st = s.embedding_attention_seq2seq(\n"
        "    enc, dec, cell, 40000, 40000, 256)\n"
        "loss = s.sequence_loss(\n"
        "    out, targets, weights)\n"
        "x = tf.placeholder(tf.int32)\n",
        id="the DESIGN.md example: import changes, chains reuse the imported alias",
    ),
    pytest.param(
        "import tensorflow as tf\n"
        "\n"
        "tf.nn.seq2seq = tf.contrib.legacy_seq2seq\n"
        "out, st = tf.nn.seq2seq.basic_rnn_seq2seq(enc, dec, cell)\n",
        "from legacy2tf2.runtime import legacy_seq2seq\n"
        "\n"
        "out, st = legacy_seq2seq.basic_rnn_seq2seq(enc, dec, cell)\n",
        id="monkeypatch at module level is dead once its uses are rewritten: removed",
    ),
    pytest.param(
        "import tensorflow as tf\n"
        "try:\n"
        "    # TF 1.0 moved these\n"
        "    tf.nn.seq2seq = tf.contrib.legacy_seq2seq\n"
        "    tf.nn.rnn_cell = tf.contrib.rnn\n"
        "except AttributeError:\n"
        "    pass\n"
        "\n"
        "cell = tf.nn.rnn_cell.MultiRNNCell([tf.nn.rnn_cell.BasicLSTMCell(64) for _ in ab])\n"
        "out, st = tf.nn.seq2seq.basic_rnn_seq2seq(enc, dec, cell)\n"
        "x = tf.zeros(1)\n",
        "import tensorflow as tf\n"
        "from legacy2tf2.runtime import rnn_cell\n"
        "from legacy2tf2.runtime import legacy_seq2seq\n"
        "\n"
        "cell = rnn_cell.MultiRNNCell([rnn_cell.BasicLSTMCell(64) for _ in ab])\n"
        "out, st = legacy_seq2seq.basic_rnn_seq2seq(enc, dec, cell)\n"
        "x = tf.zeros(1)\n",
        id="a try/except that only monkeypatched rewritten names goes entirely",
    ),
    pytest.param(
        "from tensorflow.models.rnn import rnn_cell\n"
        "from tensorflow.models.rnn import seq2seq\n"
        "\n"
        "cell = rnn_cell.GRUCell(32)\n"
        "outputs, _ = seq2seq.rnn_decoder(inputs, state, cell)\n",
        "from legacy2tf2.runtime import rnn_cell\n"
        "from legacy2tf2.runtime import legacy_seq2seq as seq2seq\n"
        "\n"
        "cell = rnn_cell.GRUCell(32)\n"
        "outputs, _ = seq2seq.rnn_decoder(inputs, state, cell)\n",
        id="TF 0.6-0.10 from tensorflow.models.rnn import seq2seq",
    ),
    pytest.param(
        "from tensorflow.python.ops import seq2seq\n"
        "\n"
        "loss = seq2seq.sequence_loss([logits], [targets], [weights])\n",
        "from legacy2tf2.runtime import legacy_seq2seq as seq2seq\n"
        "\n"
        "loss = seq2seq.sequence_loss([logits], [targets], [weights])\n",
        id="TF 0.11/0.12 from tensorflow.python.ops import seq2seq",
    ),
    pytest.param(
        "from tensorflow.contrib import legacy_seq2seq\n"
        "\n"
        "outputs, last = legacy_seq2seq.rnn_decoder(inputs, init, cell, scope='rnnlm')\n",
        "from legacy2tf2.runtime import legacy_seq2seq\n"
        "\n"
        "outputs, last = legacy_seq2seq.rnn_decoder(inputs, init, cell, scope='rnnlm')\n",
        id="from tensorflow.contrib import legacy_seq2seq",
    ),
    pytest.param(
        "import tensorflow as tf\n"
        "from tensorflow.contrib import rnn, legacy_seq2seq\n"
        "\n"
        "cell = rnn.MultiRNNCell([rnn.GRUCell(8) for _ in range(2)])\n"
        "outputs, last = legacy_seq2seq.rnn_decoder(inputs, init, cell)\n"
        "x = tf.float32\n",
        "import tensorflow as tf\n"
        "from legacy2tf2.runtime import rnn_cell as rnn, legacy_seq2seq\n"
        "\n"
        "cell = rnn.MultiRNNCell([rnn.GRUCell(8) for _ in range(2)])\n"
        "outputs, last = legacy_seq2seq.rnn_decoder(inputs, init, cell)\n"
        "x = tf.float32\n",
        id="from tensorflow.contrib import rnn, legacy_seq2seq: both redirected in one statement",
    ),
    pytest.param(
        "from tensorflow.contrib import layers, legacy_seq2seq\n"
        "\n"
        "init = layers.xavier_initializer()\n"
        "outputs, last = legacy_seq2seq.rnn_decoder(inputs, init, cell)\n",
        "from tensorflow.contrib import layers\n"
        "from legacy2tf2.runtime import legacy_seq2seq\n"
        "\n"
        "init = layers.xavier_initializer()\n"
        "outputs, last = legacy_seq2seq.rnn_decoder(inputs, init, cell)\n",
        id="multi-name contrib import split: the other contrib module stays",
    ),
    pytest.param(
        "from tensorflow.contrib.legacy_seq2seq import model_with_buckets, sequence_loss_by_example\n"
        "\n"
        "outputs, losses = model_with_buckets(enc, dec, targets, weights, buckets,\n"
        "                                     lambda x, y: seq2seq_f(x, y, False),\n"
        "                                     softmax_loss_function=sampled_loss)\n"
        "loss = sequence_loss_by_example(logits=[a], targets=[b], weights=[c])\n",
        "from legacy2tf2.runtime.legacy_seq2seq import model_with_buckets, sequence_loss_by_example\n"
        "from legacy2tf2.runtime import legacy_seq2seq\n"
        "\n"
        "outputs, losses = model_with_buckets(enc, dec, targets, weights, buckets,\n"
        "                                     lambda x, y: seq2seq_f(x, y, False),\n"
        "                                     softmax_loss_function=legacy_seq2seq.loss_called_as("
        '"labels, logits", sampled_loss))\n'
        "loss = sequence_loss_by_example(logits=[a], targets=[b], weights=[c])\n",
        id="from tensorflow.contrib.legacy_seq2seq import f, g",
    ),
    pytest.param(
        "from tensorflow.contrib.legacy_seq2seq.python.ops import seq2seq\n"
        "from tensorflow.contrib.legacy_seq2seq.python.ops.seq2seq import rnn_decoder\n"
        "import tensorflow.contrib.legacy_seq2seq.python.ops.seq2seq as s2s\n"
        "\n"
        "o = seq2seq.embedding_attention_seq2seq(enc, dec, cell, 5, 5, 6, feed_previous=True)\n"
        "p = rnn_decoder(a, b, cell2)\n"
        "q = s2s.attention_decoder(a, b, c, cell3, num_heads=2)\n",
        "from legacy2tf2.runtime import legacy_seq2seq as seq2seq\n"
        "from legacy2tf2.runtime.legacy_seq2seq import rnn_decoder\n"
        "import legacy2tf2.runtime.legacy_seq2seq as s2s\n"
        "\n"
        "o = seq2seq.embedding_attention_seq2seq(enc, dec, cell, 5, 5, 6, feed_previous=True)\n"
        "p = rnn_decoder(a, b, cell2)\n"
        "q = s2s.attention_decoder(a, b, c, cell3, num_heads=2)\n",
        id="the internal module path python.ops.seq2seq, three ways",
    ),
    pytest.param(
        "from tensorflow.contrib import legacy_seq2seq as seq2seq\n"
        "import tensorflow.contrib.legacy_seq2seq as s2s\n"
        "\n"
        "loss = seq2seq.sequence_loss([logits], [targets], [weights])\n"
        "loss2 = s2s.sequence_loss_by_example([logits], [targets], [weights])\n",
        "from legacy2tf2.runtime import legacy_seq2seq as seq2seq\n"
        "import legacy2tf2.runtime.legacy_seq2seq as s2s\n"
        "\n"
        "loss = seq2seq.sequence_loss([logits], [targets], [weights])\n"
        "loss2 = s2s.sequence_loss_by_example([logits], [targets], [weights])\n",
        id="aliased from-import and aliased module import",
    ),
    pytest.param(
        "import tensorflow.contrib.legacy_seq2seq\n"
        "\n"
        "out = tensorflow.contrib.legacy_seq2seq.rnn_decoder(a, b, cell)\n",
        "from legacy2tf2.runtime import legacy_seq2seq\n"
        "\n"
        "out = legacy_seq2seq.rnn_decoder(a, b, cell)\n",
        id="plain import of the dotted module, used by its full name",
    ),
    pytest.param(
        "import tensorflow as tf\n"
        "\n"
        "decoder = tf.contrib.legacy_seq2seq.rnn_decoder\n"
        "\n"
        "\n"
        "def run():\n"
        "    return decoder(inputs, state, cell)\n",
        "from legacy2tf2.runtime import legacy_seq2seq\n"
        "\n"
        "decoder = legacy_seq2seq.rnn_decoder\n"
        "\n"
        "\n"
        "def run():\n"
        "    return decoder(inputs, state, cell)\n",
        id="function stored in a variable and called later",
    ),
    pytest.param(
        "import tensorflow as tf\n"
        "\n"
        "\n"
        "class Model:\n"
        "    def build(self):\n"
        "        with tf.variable_scope('decoder'):\n"
        "            seq2seq = tf.contrib.legacy_seq2seq\n"
        "            out, _ = seq2seq.rnn_decoder(self.inputs, self.state, self.cell,\n"
        "                                         loop_function=self.get_next_input)\n"
        "        return out\n",
        "import tensorflow as tf\n"
        "from legacy2tf2.runtime import legacy_seq2seq\n"
        "\n"
        "\n"
        "class Model:\n"
        "    def build(self):\n"
        "        with tf.variable_scope('decoder'):\n"
        "            seq2seq = legacy_seq2seq\n"
        "            out, _ = seq2seq.rnn_decoder(self.inputs, self.state, self.cell,\n"
        "                                         loop_function=self.get_next_input)\n"
        "        return out\n",
        id="alias assigned inside a with block in a method",
    ),
    pytest.param(
        "import tensorflow as tf\n"
        "\n"
        "decoder_type = config.get(scope, 'decoder_type')\n"
        "outputs, state = getattr(tf.contrib.legacy_seq2seq, decoder_type)(inputs, init, cell)\n",
        "from legacy2tf2.runtime import legacy_seq2seq\n"
        "\n"
        "decoder_type = config.get(scope, 'decoder_type')\n"
        "outputs, state = getattr(legacy_seq2seq, decoder_type)(inputs, init, cell)\n",
        id="getattr on the module with a name from config",
    ),
    pytest.param(
        "import functools\n"
        "import tensorflow as tf\n"
        "\n"
        "loss_fn = functools.partial(tf.contrib.legacy_seq2seq.sequence_loss, average_across_batch=False)\n"
        "buckets_fn = lambda x, y: tf.contrib.legacy_seq2seq.embedding_rnn_seq2seq(x, y, cell, 9, 9, 4)\n",
        "import functools\n"
        "from legacy2tf2.runtime import legacy_seq2seq\n"
        "\n"
        "loss_fn = functools.partial(legacy_seq2seq.sequence_loss, average_across_batch=False)\n"
        "buckets_fn = lambda x, y: legacy_seq2seq.embedding_rnn_seq2seq(x, y, cell, 9, 9, 4)\n",
        id="inside functools.partial and a lambda",
    ),
    pytest.param(
        "import tensorflow.compat.v1 as tf\n"
        "from tensorflow.contrib import legacy_seq2seq\n"
        "\n"
        "tf.disable_v2_behavior()\n"
        "out = legacy_seq2seq.rnn_decoder(a, b, tf.nn.rnn_cell.GRUCell(4))\n",
        "import tensorflow.compat.v1 as tf\n"
        "from legacy2tf2.runtime import legacy_seq2seq\n"
        "from legacy2tf2.runtime import rnn_cell\n"
        "\n"
        "tf.disable_v2_behavior()\n"
        "out = legacy_seq2seq.rnn_decoder(a, b, rnn_cell.GRUCell(4))\n",
        id="import tensorflow.compat.v1 as tf",
    ),
    pytest.param(
        "import tensorflow as tf\n"
        "\n"
        "if tf.__version__.startswith('0.'):\n"
        "    out = tf.nn.seq2seq.model_with_buckets(e, d, t, w, b, f)\n"
        "else:\n"
        "    out = tf.contrib.legacy_seq2seq.model_with_buckets(e, d, t, w, b, f)\n",
        "import tensorflow as tf\n"
        "from legacy2tf2.runtime import legacy_seq2seq\n"
        "\n"
        "if tf.__version__.startswith('0.'):\n"
        "    out = legacy_seq2seq.model_with_buckets(e, d, t, w, b, f)\n"
        "else:\n"
        "    out = legacy_seq2seq.model_with_buckets(e, d, t, w, b, f)\n",
        id="version branch calling both the pre-1.0 and the contrib path",
    ),
    pytest.param(
        "import tensorflow as tf\n"
        "from tensorflow.contrib.legacy_seq2seq import sequence_loss\n"
        "\n"
        "out = tf.contrib.legacy_seq2seq.rnn_decoder(a, b, c)\n"
        "loss = sequence_loss(out, t, w)\n",
        "from legacy2tf2.runtime.legacy_seq2seq import sequence_loss\n"
        "from legacy2tf2.runtime import legacy_seq2seq\n"
        "\n"
        "out = legacy_seq2seq.rnn_decoder(a, b, c)\n"
        "loss = sequence_loss(out, t, w)\n",
        id="from-import of a function next to full-path calls",
    ),
    pytest.param(
        "import tensorflow as tf\n"
        "\n"
        "\n"
        "def model():\n"
        "    if FLAGS.custom_decoder == 'default':\n"
        "        import tensorflow.contrib.legacy_seq2seq as seq2seq\n"
        "    else:\n"
        "        import mmi_seq2seq as seq2seq\n"
        "    return seq2seq.embedding_attention_seq2seq(e, d, tf.contrib.rnn.GRUCell(8), 9, 9, 4)\n",
        "from legacy2tf2.runtime import rnn_cell\n"
        "\n"
        "\n"
        "def model():\n"
        "    if FLAGS.custom_decoder == 'default':\n"
        "        import legacy2tf2.runtime.legacy_seq2seq as seq2seq\n"
        "    else:\n"
        "        import mmi_seq2seq as seq2seq\n"
        "    return seq2seq.embedding_attention_seq2seq(e, d, rnn_cell.GRUCell(8), 9, 9, 4)\n",
        id="conditional import next to a local module of the same name",
    ),
    pytest.param(
        '"""Seq2seq model."""\n'
        "from __future__ import print_function\n"
        "\n"
        "import tensorflow as tf\n"
        "\n"
        "FLAGS = tf.app.flags.FLAGS\n"
        "out = tf.contrib.legacy_seq2seq.rnn_decoder(a, b, c)\n",
        '"""Seq2seq model."""\n'
        "from __future__ import print_function\n"
        "\n"
        "import tensorflow as tf\n"
        "from legacy2tf2.runtime import legacy_seq2seq\n"
        "\n"
        "FLAGS = tf.app.flags.FLAGS\n"
        "out = legacy_seq2seq.rnn_decoder(a, b, c)\n",
        id="new import goes after the existing imports, after __future__ and the docstring",
    ),
    pytest.param(
        "import tensorflow as tf\n"
        "out = tf.contrib.legacy_seq2seq.rnn_decoder(a, b, c)\n"
        "import numpy as np\n"
        "x = tf.zeros(np.int32(1))\n",
        "import tensorflow as tf\n"
        "from legacy2tf2.runtime import legacy_seq2seq\n"
        "out = legacy_seq2seq.rnn_decoder(a, b, c)\n"
        "import numpy as np\n"
        "x = tf.zeros(np.int32(1))\n",
        id="new import goes before the first use even when imports follow it",
    ),
    pytest.param(
        "import tensorflow as tf\n"
        "\n"
        "legacy_seq2seq = 'a user variable'\n"
        "out = tf.contrib.legacy_seq2seq.rnn_decoder(a, b, c)\n",
        "from legacy2tf2.runtime import legacy_seq2seq as l2t_legacy_seq2seq\n"
        "\n"
        "legacy_seq2seq = 'a user variable'\n"
        "out = l2t_legacy_seq2seq.rnn_decoder(a, b, c)\n",
        id="a user name legacy_seq2seq is never shadowed: the import gets an alias",
    ),
    pytest.param(
        "from tensorflow.contrib import legacy_seq2seq\n",
        "from legacy2tf2.runtime import legacy_seq2seq\n",
        id="unused import of the module is redirected, not left broken",
    ),
]


@pytest.mark.parametrize(("before", "after"), PAIRS)
def test_module_style(before: str, after: str) -> None:
    assert_pair(before, after)


NOOPS = [
    pytest.param(
        "import seq2seq\n"
        "from lib import seq2seq as tf_seq2seq\n"
        "import seq2seq_lib\n"
        "from seq2seq import generate_x_y_data\n"
        "\n"
        "out = seq2seq.embedding_attention_seq2seq(a, b)\n"
        "loss = tf_seq2seq.sequence_loss(x, y, z, vocab)\n",
        id="local modules named seq2seq are never touched",
    ),
    pytest.param(
        "import tensorflow as tf\n"
        "\n"
        "\n"
        "def embedding_attention_seq2seq(encoder_inputs, decoder_inputs, cell):\n"
        "    return encoder_inputs\n"
        "\n"
        "\n"
        "out = embedding_attention_seq2seq(a, b, tf.zeros(1))\n",
        id="a user function named like a legacy function is never touched",
    ),
    pytest.param(
        "'''Wraps tf.contrib.legacy_seq2seq.embedding_attention_seq2seq.'''\n"
        "# we used tf.nn.seq2seq.rnn_decoder before\n"
        "NAME = 'tf.contrib.legacy_seq2seq.rnn_decoder'\n"
        "doc = f'{NAME} uses tf.contrib.rnn.GRUCell'\n",
        id="mentions in docstrings, comments and strings are never touched",
    ),
    pytest.param(
        "loss = seq2seq.sequence_loss([logits], [targets], [weights], vocab)\n",
        id="an undefined name seq2seq is not guessed at",
    ),
    pytest.param(
        "import tensorflow as tf\n"
        "from tensorflow.contrib import seq2seq\n"
        "\n"
        "helper = seq2seq.TrainingHelper(inputs, lengths)\n",
        id="the newer tf.contrib.seq2seq is not legacy_seq2seq",
    ),
    pytest.param(
        "from legacy2tf2.runtime import legacy_seq2seq\n"
        "from legacy2tf2.runtime import rnn_cell\n"
        "\n"
        "out = legacy_seq2seq.rnn_decoder(a, b, rnn_cell.GRUCell(3))\n",
        id="already migrated code",
    ),
    pytest.param(
        "import tensorflow as tf\n\n\ndef f(tf):\n    return tf.contrib.legacy_seq2seq\n",
        id="a parameter that shadows tf is not tensorflow",
    ),
]


@pytest.mark.parametrize("source", NOOPS)
def test_untouched(source: str) -> None:
    assert_noop(source)
