"""One cell object run by two RNN functions: up to TF 1.0 each run made its own weights.

TF 1.0's cells owned no weights: ``GRUCell.__call__`` opened ``vs.variable_scope(scope or
"gru_cell")`` inside the scope the RNN function was running in (``dynamic_rnn``'s
``vs.variable_scope(scope or "rnn")``, ``rnn_decoder``'s ``"rnn_decoder"``) and made its weights
there by name, so an encoder and a decoder given one cell object had two sets. TF 1.1's
``core_rnn_cell_impl._checked_scope`` raised "Attempt to reuse RNNCell ... with a different
variable scope than its first use", and from TF 1.2 (cells are layers owning their weights, as
the runtime's are) the decoder runs with the encoder's weights. So in a TF 1.0 or earlier file
every later run of the object gets ``copy.deepcopy(cell)`` (which makes, or under reuse finds,
its weights by name where it runs, as TF 1.0 did), except a run certainly in the first one's
scope under reuse; a file of unknown era is reported (L2T005).
"""

from __future__ import annotations

import subprocess
import sys

from codemod_pairs import assert_noop, assert_pair


def test_module_level_encoder_and_decoder_of_one_cell() -> None:
    assert_pair(
        "import tensorflow as tf\n"
        "from tensorflow.models.rnn import rnn_cell, seq2seq\n"
        "cell = rnn_cell.GRUCell(8)\n"
        '_, state = tf.nn.rnn(cell, enc_inputs, dtype=tf.float32, scope="encoder")\n'
        "outputs, _ = seq2seq.rnn_decoder(dec_inputs, state, cell)\n",
        "import tensorflow as tf\n"
        "from legacy2tf2.runtime import rnn_cell, legacy_seq2seq as seq2seq\n"
        "import copy\n"
        "cell = rnn_cell.GRUCell(8)\n"
        '_, state = tf.nn.rnn(cell, enc_inputs, dtype=tf.float32, scope="encoder")\n'
        "outputs, _ = seq2seq.rnn_decoder(dec_inputs, state, copy.deepcopy(cell))\n",
        codes=("L2T006",),
    )


def test_dynamic_rnn_twice_in_two_variable_scopes_of_a_function() -> None:
    assert_pair(
        "import tensorflow as tf\n"
        "from tensorflow.contrib.rnn.python.ops import core_rnn_cell_impl\n"
        "\n"
        "\n"
        "def build(x, y):\n"
        "    cell = core_rnn_cell_impl.GRUCell(16)\n"
        '    with tf.variable_scope("encoder"):\n'
        "        _, state = tf.nn.dynamic_rnn(cell, x, dtype=tf.float32)\n"
        '    with tf.variable_scope("decoder"):\n'
        "        outputs, _ = tf.nn.dynamic_rnn(cell, y, initial_state=state)\n"
        "    return outputs\n",
        "import tensorflow as tf\n"
        "from legacy2tf2.runtime import rnn_cell as core_rnn_cell_impl\n"
        "import copy\n"
        "\n"
        "\n"
        "def build(x, y):\n"
        "    cell = core_rnn_cell_impl.GRUCell(16)\n"
        '    with tf.variable_scope("encoder"):\n'
        "        _, state = tf.nn.dynamic_rnn(cell, x, dtype=tf.float32)\n"
        '    with tf.variable_scope("decoder"):\n'
        "        outputs, _ = tf.nn.dynamic_rnn(copy.deepcopy(cell), y, initial_state=state)\n"
        "    return outputs\n",
    )


def test_encoder_and_decoder_methods_of_a_class_running_self_cell() -> None:
    assert_pair(
        "import tensorflow as tf\n"
        "\n"
        "\n"
        "class Seq2Seq(object):\n"
        "    def __init__(self, size):\n"
        "        self.cell = tf.nn.rnn_cell.BasicLSTMCell(size)\n"
        "\n"
        "    def encode(self, inputs):\n"
        "        return tf.nn.rnn(self.cell, inputs, dtype=tf.float32)\n"
        "\n"
        "    def decode(self, inputs, state):\n"
        "        return tf.nn.seq2seq.rnn_decoder(inputs, state, self.cell)\n",
        "import tensorflow as tf\n"
        "from legacy2tf2.runtime import rnn_cell\n"
        "from legacy2tf2.runtime import legacy_seq2seq\n"
        "import copy\n"
        "\n"
        "\n"
        "class Seq2Seq(object):\n"
        "    def __init__(self, size):\n"
        "        self.cell = rnn_cell.BasicLSTMCell(size)\n"
        "\n"
        "    def encode(self, inputs):\n"
        "        return tf.nn.rnn(self.cell, inputs, dtype=tf.float32)\n"
        "\n"
        "    def decode(self, inputs, state):\n"
        "        return legacy_seq2seq.rnn_decoder(inputs, state, copy.deepcopy(self.cell))\n",
        codes=("L2T006",),
    )


def test_a_program_of_its_own_cells_is_rewritten() -> None:
    # No table name but the RNN functions: the pre-filter and the ast may-rewrite answer know them.
    assert_pair(
        "import tensorflow as tf\n"
        "cell = MyCell(8)\n"
        '_, state = tf.nn.dynamic_rnn(cell, x, dtype=tf.float32, scope="encoder")\n'
        'out, _ = tf.nn.dynamic_rnn(cell, y, initial_state=state, scope="decoder")\n'
        "z = tf.pack([a, b])\n",
        "import tensorflow as tf\n"
        "import copy\n"
        "cell = MyCell(8)\n"
        '_, state = tf.nn.dynamic_rnn(cell, x, dtype=tf.float32, scope="encoder")\n'
        'out, _ = tf.nn.dynamic_rnn(copy.deepcopy(cell), y, initial_state=state, scope="decoder")\n'
        "z = tf.pack([a, b])\n",
    )


def test_reuse_in_the_first_runs_own_scope_shares_as_in_tf1() -> None:
    # scope.reuse_variables() between two runs of one function in one scope, the same after
    # tf.get_variable_scope().reuse_variables() at the top level, and reuse=True around both:
    # TF 1.0 found the first run's weights by name, as the runtime's cell keeps them.
    assert_pair(
        "import tensorflow as tf\n"
        "cell = tf.nn.rnn_cell.GRUCell(32)\n"
        'with tf.variable_scope("seq2seq") as scope:\n'
        "    train, _ = tf.nn.seq2seq.embedding_rnn_seq2seq(enc, dec, cell, 10, 10, 8)\n"
        "    scope.reuse_variables()\n"
        "    test, _ = tf.nn.seq2seq.embedding_rnn_seq2seq(enc, dec, cell, 10, 10, 8, feed_previous=True)\n",
        "import tensorflow as tf\n"
        "from legacy2tf2.runtime import rnn_cell\n"
        "from legacy2tf2.runtime import legacy_seq2seq\n"
        "cell = rnn_cell.GRUCell(32)\n"
        'with tf.variable_scope("seq2seq") as scope:\n'
        "    train, _ = legacy_seq2seq.embedding_rnn_seq2seq(enc, dec, cell, 10, 10, 8)\n"
        "    scope.reuse_variables()\n"
        "    test, _ = legacy_seq2seq.embedding_rnn_seq2seq(enc, dec, cell, 10, 10, 8, feed_previous=True)\n",
    )
    assert_pair(
        "import tensorflow as tf\n"
        "cell = tf.nn.rnn_cell.GRUCell(32)\n"
        "out, _ = tf.nn.seq2seq.basic_rnn_seq2seq(enc, dec, cell)\n"
        "tf.get_variable_scope().reuse_variables()\n"
        "out2, _ = tf.nn.seq2seq.basic_rnn_seq2seq(enc, dec, cell)\n"
        'with tf.variable_scope("shared", reuse=True):\n'
        "    a = tf.nn.dynamic_rnn(cell, x, dtype=tf.float32)\n"
        "    b = tf.nn.dynamic_rnn(cell, x2, dtype=tf.float32)\n",
        "import tensorflow as tf\n"
        "from legacy2tf2.runtime import rnn_cell\n"
        "from legacy2tf2.runtime import legacy_seq2seq\n"
        "import copy\n"
        "cell = rnn_cell.GRUCell(32)\n"
        "out, _ = legacy_seq2seq.basic_rnn_seq2seq(enc, dec, cell)\n"
        "tf.get_variable_scope().reuse_variables()\n"
        "out2, _ = legacy_seq2seq.basic_rnn_seq2seq(enc, dec, cell)\n"
        'with tf.variable_scope("shared", reuse=True):\n'
        "    a = tf.nn.dynamic_rnn(copy.deepcopy(cell), x, dtype=tf.float32)\n"
        "    b = tf.nn.dynamic_rnn(copy.deepcopy(cell), x2, dtype=tf.float32)\n",
    )


def test_an_inference_twin_under_reuse_in_a_with_of_the_same_name_shares() -> None:
    # TF1 did not make a variable_scope("name") unique: the twin's weights are the first run's.
    assert_pair(
        "import tensorflow as tf\n"
        "cell = tf.nn.rnn_cell.BasicLSTMCell(8)\n"
        'with tf.variable_scope("reverse"):\n'
        "    out, _ = tf.nn.seq2seq.embedding_attention_seq2seq(enc, dec, cell, 9, 9, embedding_size=8)\n"
        'with tf.name_scope("infer"), tf.variable_scope("reverse", reuse=True):\n'
        "    out2, _ = tf.nn.seq2seq.embedding_attention_seq2seq(\n"
        "        enc, dec, cell, 9, 9, embedding_size=8, feed_previous=True)\n",
        "import tensorflow as tf\n"
        "from legacy2tf2.runtime import rnn_cell\n"
        "from legacy2tf2.runtime import legacy_seq2seq\n"
        "cell = rnn_cell.BasicLSTMCell(8)\n"
        'with tf.variable_scope("reverse"):\n'
        "    out, _ = legacy_seq2seq.embedding_attention_seq2seq(enc, dec, cell, 9, 9, embedding_size=8)\n"
        'with tf.name_scope("infer"), tf.variable_scope("reverse", reuse=True):\n'
        "    out2, _ = legacy_seq2seq.embedding_attention_seq2seq(\n"
        "        enc, dec, cell, 9, 9, embedding_size=8, feed_previous=True)\n",
    )


def test_a_second_run_in_the_first_runs_scope_without_reuse_shares_unreported() -> None:
    """Two static_bidirectional_rnn runs of one cell pair in one variable_scope (a Siamese
    sentence model): TF 1.0's second run raised "Variable bi_rnn/bidirectional_rnn/fw/...
    already exists, disallowed" (its cells called get_variable by name, without reuse), as did TF
    1.1's, so the program ran only on TF 1.2+, where both runs share the weights: the cell is kept
    and nothing is reported, whatever the file's era."""
    for cells in ("tf.contrib.rnn.core_rnn_cell", "tf.contrib.rnn"):  # TF 1.0; unknown era
        assert_pair(
            "import tensorflow as tf\n"
            f"fw, bw = {cells}.LSTMCell(8), {cells}.LSTMCell(8)\n"
            "with tf.name_scope('bi_rnn'), tf.variable_scope('bi_rnn'):\n"
            "    o1, _, _ = tf.contrib.rnn.static_bidirectional_rnn(fw, bw, x1, dtype=tf.float32)\n"
            "    o2, _, _ = tf.contrib.rnn.static_bidirectional_rnn(fw, bw, x2, dtype=tf.float32)\n",
            "import tensorflow as tf\n"
            "from legacy2tf2.runtime import rnn_cell\n"
            "fw, bw = rnn_cell.LSTMCell(8), rnn_cell.LSTMCell(8)\n"
            "with tf.name_scope('bi_rnn'), tf.variable_scope('bi_rnn'):\n"
            "    o1, _, _ = tf.compat.v1.nn.static_bidirectional_rnn(fw, bw, x1, dtype=tf.float32)\n"
            "    o2, _, _ = tf.compat.v1.nn.static_bidirectional_rnn(fw, bw, x2, dtype=tf.float32)\n",
        )


def test_a_new_default_graph_between_the_runs_still_copies() -> None:
    # After reset_default_graph() TF 1.0's second run made its weights in the new graph.
    assert_pair(
        "import tensorflow as tf\n"
        "cell = tf.contrib.rnn.core_rnn_cell.GRUCell(8)\n"
        "out, _ = tf.nn.dynamic_rnn(cell, x, dtype=tf.float32)\n"
        "tf.reset_default_graph()\n"
        "out, _ = tf.nn.dynamic_rnn(cell, y, dtype=tf.float32)\n",
        "import tensorflow as tf\n"
        "from legacy2tf2.runtime import rnn_cell\n"
        "import copy\n"
        "cell = rnn_cell.GRUCell(8)\n"
        "out, _ = tf.nn.dynamic_rnn(cell, x, dtype=tf.float32)\n"
        "tf.reset_default_graph()\n"
        "out, _ = tf.nn.dynamic_rnn(copy.deepcopy(cell), y, dtype=tf.float32)\n",
    )


def test_reuse_in_another_scope_than_the_first_runs_still_copies() -> None:
    # The decoder runs under reuse in its own scope: TF 1.0 found the decoder's weights there by
    # name (made by an earlier run of the same code), never the encoder's; so does the copy.
    assert_pair(
        "import tensorflow as tf\n"
        "from tensorflow.models.rnn import rnn_cell, seq2seq\n"
        "\n"
        "\n"
        "def model(cell, enc, dec, reuse):\n"
        '    with tf.variable_scope("model", reuse=reuse) as scope:\n'
        '        _, state = tf.nn.rnn(cell, enc, dtype=tf.float32, scope="encoder")\n'
        "        scope.reuse_variables()\n"
        "        return seq2seq.rnn_decoder(dec, state, cell)\n",
        "import tensorflow as tf\n"
        "from legacy2tf2.runtime import rnn_cell, legacy_seq2seq as seq2seq\n"
        "import copy\n"
        "\n"
        "\n"
        "def model(cell, enc, dec, reuse):\n"
        '    with tf.variable_scope("model", reuse=reuse) as scope:\n'
        '        _, state = tf.nn.rnn(cell, enc, dtype=tf.float32, scope="encoder")\n'
        "        scope.reuse_variables()\n"
        "        return seq2seq.rnn_decoder(dec, state, copy.deepcopy(cell))\n",
        codes=("L2T006",),
    )
    # Reuse in another method than the first run's: the callers' scopes may differ.
    assert_pair(
        "import tensorflow as tf\n"
        "class M(object):\n"
        "    def encode(self, x):\n"
        "        return tf.nn.dynamic_rnn(self.cell, x, dtype=tf.float32)\n"
        "    def decode(self, y):\n"
        "        tf.get_variable_scope().reuse_variables()\n"
        "        return tf.nn.dynamic_rnn(self.cell, y, dtype=tf.float32)\n"
        "z = tf.pack(a)\n",
        "import tensorflow as tf\n"
        "import copy\n"
        "class M(object):\n"
        "    def encode(self, x):\n"
        "        return tf.nn.dynamic_rnn(self.cell, x, dtype=tf.float32)\n"
        "    def decode(self, y):\n"
        "        tf.get_variable_scope().reuse_variables()\n"
        "        return tf.nn.dynamic_rnn(copy.deepcopy(self.cell), y, dtype=tf.float32)\n"
        "z = tf.pack(a)\n",
    )


def test_a_cell_bound_again_between_the_runs_is_another_object() -> None:
    assert_pair(
        "import tensorflow as tf\n"
        "cell = tf.nn.rnn_cell.GRUCell(8)\n"
        "a, _ = tf.nn.dynamic_rnn(cell, x, dtype=tf.float32)\n"
        "cell = tf.nn.rnn_cell.GRUCell(8)\n"
        'b, _ = tf.nn.dynamic_rnn(cell, z, dtype=tf.float32, scope="other")\n'
        "self.cell = tf.nn.rnn_cell.GRUCell(8)\n"
        "c = tf.nn.rnn(self.cell, xs, dtype=tf.float32)\n"
        "self.cell = tf.nn.rnn_cell.GRUCell(8)\n"
        "d = tf.nn.seq2seq.rnn_decoder(ys, s, self.cell)\n"
        "x = tf.pack(y)\n",
        "import tensorflow as tf\n"
        "from legacy2tf2.runtime import rnn_cell\n"
        "from legacy2tf2.runtime import legacy_seq2seq\n"
        "cell = rnn_cell.GRUCell(8)\n"
        "a, _ = tf.nn.dynamic_rnn(cell, x, dtype=tf.float32)\n"
        "cell = rnn_cell.GRUCell(8)\n"
        'b, _ = tf.nn.dynamic_rnn(cell, z, dtype=tf.float32, scope="other")\n'
        "self.cell = rnn_cell.GRUCell(8)\n"
        "c = tf.nn.rnn(self.cell, xs, dtype=tf.float32)\n"
        "self.cell = rnn_cell.GRUCell(8)\n"
        "d = legacy_seq2seq.rnn_decoder(ys, s, self.cell)\n"
        "x = tf.pack(y)\n",
        codes=("L2T006",),
    )


def test_a_wrapper_of_the_cell_an_encoder_ran_runs_that_cell_again() -> None:
    # The LSTM autoencoder idiom: the decoder's OutputProjectionWrapper runs the encoder's cell
    # object inside (TF 1.0's wrapper called it outside its own scope, in rnn_decoder's: new
    # weights there); copying the wrapper copies the cell it wraps.
    assert_pair(
        "import tensorflow as tf\n"
        "cell = tf.nn.rnn_cell.BasicLSTMCell(size)\n"
        "_, enc_state = tf.nn.rnn(cell, encoder_inputs, dtype=tf.float32)\n"
        "cell = tf.nn.rnn_cell.OutputProjectionWrapper(cell, frame_dim)\n"
        "dec_outputs, _ = tf.nn.seq2seq.rnn_decoder(decoder_inputs, enc_state, cell)\n",
        "import tensorflow as tf\n"
        "from legacy2tf2.runtime import rnn_cell\n"
        "from legacy2tf2.runtime import legacy_seq2seq\n"
        "import copy\n"
        "cell = rnn_cell.BasicLSTMCell(size)\n"
        "_, enc_state = tf.nn.rnn(cell, encoder_inputs, dtype=tf.float32)\n"
        "cell = rnn_cell.OutputProjectionWrapper(cell, frame_dim)\n"
        "dec_outputs, _ = legacy_seq2seq.rnn_decoder(decoder_inputs, enc_state, copy.deepcopy(cell))\n",
        codes=("L2T006",),
    )
    assert_pair(
        "import tensorflow as tf\n"
        "def build(self, x, y):\n"
        "    _, s = tf.nn.dynamic_rnn(self.cell, x, dtype=tf.float32)\n"
        "    self.cell = tf.nn.rnn_cell.DropoutWrapper(self.cell, output_keep_prob=0.5)\n"
        '    return tf.nn.dynamic_rnn(self.cell, y, initial_state=s, scope="decoder")\n'
        "z = tf.pack(a)\n",
        "import tensorflow as tf\n"
        "from legacy2tf2.runtime import rnn_cell\n"
        "import copy\n"
        "def build(self, x, y):\n"
        "    _, s = tf.nn.dynamic_rnn(self.cell, x, dtype=tf.float32)\n"
        "    self.cell = rnn_cell.DropoutWrapper(self.cell, output_keep_prob=0.5)\n"
        '    return tf.nn.dynamic_rnn(copy.deepcopy(self.cell), y, initial_state=s, scope="decoder")\n'
        "z = tf.pack(a)\n",
    )


def test_bidirectional_rnn_after_another_run_of_its_cell() -> None:
    # One object as both directions counts as one run there (its cell_bw is copied apart); a
    # run after that of the same object is a later run. Evidence only TF 1.2+ also had: reported.
    result = assert_pair(
        "import tensorflow as tf\n"
        "cell = tf.nn.rnn_cell.GRUCell(8)\n"
        "out, _ = tf.nn.bidirectional_dynamic_rnn(cell, cell, z, dtype=tf.float32)\n"
        'dec, _ = tf.nn.dynamic_rnn(cell, y, dtype=tf.float32, scope="decoder")\n'
        "init = tf.initialize_all_variables()\n",
        "import tensorflow as tf\n"
        "from legacy2tf2.runtime import rnn_cell\n"
        "import copy\n"
        "cell = rnn_cell.GRUCell(8)\n"
        "out, _ = tf.nn.bidirectional_dynamic_rnn(cell, copy.deepcopy(cell), z, dtype=tf.float32)\n"
        'dec, _ = tf.nn.dynamic_rnn(copy.deepcopy(cell), y, dtype=tf.float32, scope="decoder")\n'
        "init = tf.initialize_all_variables()\n",
        codes=("L2T005", "L2T005"),
    )
    later = result.findings[1]
    assert later.line == 4
    for words in ("line 3", "tf.initialize_all_variables (line 5)", "TF 1.2 or later"):
        assert words in later.message


def test_unknown_era_keeps_sharing_and_says_so() -> None:
    result = assert_pair(
        "import tensorflow as tf\n"
        "cell = tf.contrib.rnn.GRUCell(32)\n"
        '_, state = tf.nn.dynamic_rnn(cell, x, dtype=tf.float32, scope="encoder")\n'
        "out, _ = tf.contrib.legacy_seq2seq.rnn_decoder(dec, state, cell)\n",
        "import tensorflow as tf\n"
        "from legacy2tf2.runtime import rnn_cell\n"
        "from legacy2tf2.runtime import legacy_seq2seq\n"
        "cell = rnn_cell.GRUCell(32)\n"
        '_, state = tf.nn.dynamic_rnn(cell, x, dtype=tf.float32, scope="encoder")\n'
        "out, _ = legacy_seq2seq.rnn_decoder(dec, state, cell)\n",
        codes=("L2T005",),
    )
    (finding,) = result.findings
    assert (finding.line, finding.col) == (4, 10)
    for words in ("line 3", "TF 1.0", "own weights", "TF 1.2", "copy.deepcopy(cell)"):
        assert words in finding.message
    # what the runtime does where the decoder's inputs differ in size from the encoder's
    assert "differ in size" in finding.message and "new weights here" in finding.message
    assert_noop(
        "import tensorflow as tf\n"
        "cell = make_cell(20)\n"
        '_, state = tf.nn.dynamic_rnn(cell, x, dtype=tf.float32, scope="encoder")\n'
        'out, _ = tf.nn.dynamic_rnn(cell, y, initial_state=state, scope="decoder")\n',
        codes=("L2T005",),
    )


def test_tf_1_2_file_and_single_runs_are_left_alone() -> None:
    assert_pair(
        "import tensorflow as tf\n"
        "cell = tf.nn.rnn_cell.GRUCell(32)\n"
        '_, state = tf.nn.static_rnn(cell, xs, dtype=tf.float32, scope="encoder")\n'
        'out, _ = tf.nn.dynamic_rnn(cell, y, initial_state=state, scope="decoder")\n',
        "import tensorflow as tf\n"
        "from legacy2tf2.runtime import rnn_cell\n"
        "cell = rnn_cell.GRUCell(32)\n"
        '_, state = tf.nn.static_rnn(cell, xs, dtype=tf.float32, scope="encoder")\n'
        'out, _ = tf.nn.dynamic_rnn(cell, y, initial_state=state, scope="decoder")\n',
    )
    assert_noop(
        "import tensorflow as tf\n"
        "enc = MyCell(8)\n"
        "dec = MyCell(8)\n"
        '_, state = tf.nn.dynamic_rnn(enc, x, dtype=tf.float32, scope="encoder")\n'
        'out, _ = tf.nn.dynamic_rnn(dec, y, initial_state=state, scope="decoder")\n'
        "z = tf.pack([a, b])\n"
    )


def test_rewrite_check_agrees_in_a_subprocess(tmp_path) -> None:
    source = (
        "import tensorflow as tf\n"
        "cell = MyCell(8)\n"
        '_, state = tf.nn.dynamic_rnn(cell, x, dtype=tf.float32, scope="encoder")\n'
        'out, _ = tf.nn.dynamic_rnn(cell, y, initial_state=state, scope="decoder")\n'
        "z = tf.pack([a, b])\n"
    )
    path = tmp_path / "model.py"
    path.write_text(source)
    check = subprocess.run(
        [sys.executable, "-m", "legacy2tf2", "rewrite", "--check", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert check.returncode == 1 and "Would rewrite" in check.stdout + check.stderr
    done = subprocess.run(
        [sys.executable, "-m", "legacy2tf2", "rewrite", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "tf.nn.dynamic_rnn(copy.deepcopy(cell), y," in path.read_text()


def test_one_cell_in_each_pass_of_a_loop_of_scopes_named_after_the_pass() -> None:
    # TF 1.0 ran each pass's dynamic_rnn in layer_0, layer_1, ...: one set of weights per pass.
    assert_pair(
        "import tensorflow as tf\n"
        "from tensorflow.contrib.rnn.python.ops import core_rnn_cell_impl\n"
        "cell = core_rnn_cell_impl.GRUCell(8)\n"
        "out = x\n"
        "for i in range(3):\n"
        '    with tf.variable_scope("layer_%d" % i):\n'
        "        out, _ = tf.nn.dynamic_rnn(cell, out, dtype=tf.float32)\n",
        "import tensorflow as tf\n"
        "from legacy2tf2.runtime import rnn_cell as core_rnn_cell_impl\n"
        "import copy\n"
        "cell = core_rnn_cell_impl.GRUCell(8)\n"
        "out = x\n"
        "for i in range(3):\n"
        '    with tf.variable_scope("layer_%d" % i):\n'
        "        out, _ = tf.nn.dynamic_rnn(copy.deepcopy(cell), out, dtype=tf.float32)\n",
    )


def test_loops_whose_passes_share_or_make_their_own_cell_are_left_alone() -> None:
    # A cell made in the loop, a scope given reuse (the buckets idiom), a reuse_variables() in
    # the loop, a scope name the passes do not change.
    assert_pair(
        "import tensorflow as tf\n"
        "for i in range(3):\n"
        "    cell = tf.nn.rnn_cell.GRUCell(8)\n"
        '    with tf.variable_scope("layer_%d" % i):\n'
        "        out, _ = tf.nn.dynamic_rnn(cell, x, dtype=tf.float32)\n"
        "for j, b in enumerate(buckets):\n"
        '    with tf.variable_scope("b%d" % j, reuse=True if j > 0 else None):\n'
        "        o = tf.nn.seq2seq.rnn_decoder(dec[: b[1]], s, one)\n"
        "for k in range(2):\n"
        '    with tf.variable_scope("k%d" % k):\n'
        "        if k > 0:\n"
        "            tf.get_variable_scope().reuse_variables()\n"
        "        p = tf.nn.rnn(two, xs, dtype=tf.float32)\n"
        "for m in range(2):\n"
        "    with tf.variable_scope(name):\n"
        "        q = tf.nn.rnn(three, xs, dtype=tf.float32)\n",
        "import tensorflow as tf\n"
        "from legacy2tf2.runtime import rnn_cell\n"
        "from legacy2tf2.runtime import legacy_seq2seq\n"
        "for i in range(3):\n"
        "    cell = rnn_cell.GRUCell(8)\n"
        '    with tf.variable_scope("layer_%d" % i):\n'
        "        out, _ = tf.nn.dynamic_rnn(cell, x, dtype=tf.float32)\n"
        "for j, b in enumerate(buckets):\n"
        '    with tf.variable_scope("b%d" % j, reuse=True if j > 0 else None):\n'
        "        o = legacy_seq2seq.rnn_decoder(dec[: b[1]], s, one)\n"
        "for k in range(2):\n"
        '    with tf.variable_scope("k%d" % k):\n'
        "        if k > 0:\n"
        "            tf.get_variable_scope().reuse_variables()\n"
        "        p = tf.nn.rnn(two, xs, dtype=tf.float32)\n"
        "for m in range(2):\n"
        "    with tf.variable_scope(name):\n"
        "        q = tf.nn.rnn(three, xs, dtype=tf.float32)\n",
        codes=("L2T006", "L2T006"),
    )


def test_unknown_era_loop_of_scopes_is_reported() -> None:
    result = assert_noop(
        "import tensorflow as tf\n"
        "cell = make_cell(8)\n"
        "for i in range(3):\n"
        "    with tf.variable_scope('layer_{}'.format(i)):\n"
        "        out, _ = tf.nn.dynamic_rnn(cell, out, dtype=tf.float32)\n",
        codes=("L2T005",),
    )
    (finding,) = result.findings
    assert (finding.line, finding.col) == (5, 18)
    for words in ("each pass of its loop", "TF 1.0", "TF 1.2", "copy.deepcopy(cell)"):
        assert words in finding.message


def test_a_decoder_cell_wrapping_the_encoders_under_another_name() -> None:
    # dec_cell holds the encoder's cell object inside: TF 1.0 ran it with new weights in the
    # decoder's scope. A cell only sized after it (cell.output_size) holds nothing of it.
    assert_pair(
        "import tensorflow as tf\n"
        "cell = tf.nn.rnn_cell.GRUCell(8)\n"
        "dec_cell = tf.nn.rnn_cell.OutputProjectionWrapper(cell, 5)\n"
        "other = tf.nn.rnn_cell.GRUCell(cell.output_size)\n"
        "_, state = tf.nn.rnn(cell, xs, dtype=tf.float32)\n"
        "out, _ = tf.nn.seq2seq.rnn_decoder(ys, state, dec_cell)\n"
        'more, _ = tf.nn.dynamic_rnn(other, z, dtype=tf.float32, scope="other")\n',
        "import tensorflow as tf\n"
        "from legacy2tf2.runtime import rnn_cell\n"
        "from legacy2tf2.runtime import legacy_seq2seq\n"
        "import copy\n"
        "cell = rnn_cell.GRUCell(8)\n"
        "dec_cell = rnn_cell.OutputProjectionWrapper(cell, 5)\n"
        "other = rnn_cell.GRUCell(cell.output_size)\n"
        "_, state = tf.nn.rnn(cell, xs, dtype=tf.float32)\n"
        "out, _ = legacy_seq2seq.rnn_decoder(ys, state, copy.deepcopy(dec_cell))\n"
        'more, _ = tf.nn.dynamic_rnn(other, z, dtype=tf.float32, scope="other")\n',
        codes=("L2T006",),
    )


def test_runs_in_opposite_branches_of_an_if_are_each_a_first_run() -> None:
    """A model built either way (``if model_type == 1: embedding_rnn_seq2seq(..., cell) else:
    embedding_attention_seq2seq(..., cell)``, a public TF 1.0 seq2seq class): one run of the
    function runs one of them, so TF 1.0 gave the cell one set of weights as the runtime does;
    the cell is kept (a TF 1.0 file) and nothing is reported (an unknown era)."""
    assert_pair(
        "import tensorflow as tf\n"
        "\n"
        "\n"
        "def build(enc, dec, model_type):\n"
        "    cell = tf.contrib.rnn.core_rnn_cell.GRUCell(8)\n"
        "    if model_type == 1:\n"
        "        out, _ = tf.contrib.legacy_seq2seq.embedding_rnn_seq2seq(enc, dec, cell, 9, 9, 8)\n"
        "    elif model_type == 2:\n"
        "        out, _ = tf.contrib.legacy_seq2seq.embedding_attention_seq2seq(enc, dec, cell, 9, 9, 8)\n"
        "    else:\n"
        "        out, _ = tf.contrib.legacy_seq2seq.basic_rnn_seq2seq(enc, dec, cell)\n"
        "    return out\n",
        "from legacy2tf2.runtime import rnn_cell\n"
        "from legacy2tf2.runtime import legacy_seq2seq\n"
        "\n"
        "\n"
        "def build(enc, dec, model_type):\n"
        "    cell = rnn_cell.GRUCell(8)\n"
        "    if model_type == 1:\n"
        "        out, _ = legacy_seq2seq.embedding_rnn_seq2seq(enc, dec, cell, 9, 9, 8)\n"
        "    elif model_type == 2:\n"
        "        out, _ = legacy_seq2seq.embedding_attention_seq2seq(enc, dec, cell, 9, 9, 8)\n"
        "    else:\n"
        "        out, _ = legacy_seq2seq.basic_rnn_seq2seq(enc, dec, cell)\n"
        "    return out\n",
    )
    result = assert_pair(
        "import tensorflow as tf\n"
        "cell = tf.contrib.rnn.GRUCell(8)\n"
        "if model_type == 1:\n"
        "    out, _ = tf.contrib.legacy_seq2seq.embedding_rnn_seq2seq(enc, dec, cell, 9, 9, 8)\n"
        "else:\n"
        "    out, _ = tf.contrib.legacy_seq2seq.embedding_attention_seq2seq(enc, dec, cell, 9, 9, 8)\n",
        "from legacy2tf2.runtime import rnn_cell\n"
        "from legacy2tf2.runtime import legacy_seq2seq\n"
        "cell = rnn_cell.GRUCell(8)\n"
        "if model_type == 1:\n"
        "    out, _ = legacy_seq2seq.embedding_rnn_seq2seq(enc, dec, cell, 9, 9, 8)\n"
        "else:\n"
        "    out, _ = legacy_seq2seq.embedding_attention_seq2seq(enc, dec, cell, 9, 9, 8)\n",
    )
    assert not result.findings


def test_an_if_in_a_loop_runs_both_branches_and_still_copies() -> None:
    # Pass 1 runs one branch, pass 2 the other: TF 1.0 made a second set of weights.
    assert_pair(
        "import tensorflow as tf\n"
        "cell = tf.contrib.rnn.core_rnn_cell.GRUCell(8)\n"
        "for model_type in (1, 2):\n"
        "    if model_type == 1:\n"
        "        out, _ = tf.contrib.legacy_seq2seq.embedding_rnn_seq2seq(enc, dec, cell, 9, 9, 8)\n"
        "    else:\n"
        "        out, _ = tf.contrib.legacy_seq2seq.embedding_attention_seq2seq(enc, dec, cell, 9, 9, 8)\n",
        "from legacy2tf2.runtime import rnn_cell\n"
        "from legacy2tf2.runtime import legacy_seq2seq\n"
        "import copy\n"
        "cell = rnn_cell.GRUCell(8)\n"
        "for model_type in (1, 2):\n"
        "    if model_type == 1:\n"
        "        out, _ = legacy_seq2seq.embedding_rnn_seq2seq(enc, dec, cell, 9, 9, 8)\n"
        "    else:\n"
        "        out, _ = legacy_seq2seq.embedding_attention_seq2seq(enc, dec, copy.deepcopy(cell), 9, 9, 8)\n",
    )


def test_a_twin_under_variable_scope_of_get_variable_scope_with_reuse_shares() -> None:
    """``with tf.variable_scope(tf.get_variable_scope(), reuse=True):`` re-enters the scope the
    training model ran in, so TF 1.0's feed_previous twin found the training weights by name:
    the cell is kept (a TF 1.0 file) and nothing is reported (an unknown era); a twin under
    another scope name still gets its copy."""
    assert_pair(
        "import tensorflow as tf\n"
        "cell = tf.contrib.rnn.core_rnn_cell.GRUCell(8)\n"
        "train, _ = tf.contrib.legacy_seq2seq.embedding_rnn_seq2seq(enc, dec, cell, 9, 9, 8)\n"
        "with tf.variable_scope(tf.get_variable_scope(), reuse=True):\n"
        "    test, _ = tf.contrib.legacy_seq2seq.embedding_rnn_seq2seq(\n"
        "        enc, dec, cell, 9, 9, 8, feed_previous=True)\n"
        'with tf.variable_scope("other", reuse=True):\n'
        "    other, _ = tf.contrib.legacy_seq2seq.embedding_rnn_seq2seq(\n"
        "        enc, dec, cell, 9, 9, 8, feed_previous=True)\n",
        "import tensorflow as tf\n"
        "from legacy2tf2.runtime import rnn_cell\n"
        "from legacy2tf2.runtime import legacy_seq2seq\n"
        "import copy\n"
        "cell = rnn_cell.GRUCell(8)\n"
        "train, _ = legacy_seq2seq.embedding_rnn_seq2seq(enc, dec, cell, 9, 9, 8)\n"
        "with tf.variable_scope(tf.get_variable_scope(), reuse=True):\n"
        "    test, _ = legacy_seq2seq.embedding_rnn_seq2seq(\n"
        "        enc, dec, cell, 9, 9, 8, feed_previous=True)\n"
        'with tf.variable_scope("other", reuse=True):\n'
        "    other, _ = legacy_seq2seq.embedding_rnn_seq2seq(\n"
        "        enc, dec, copy.deepcopy(cell), 9, 9, 8, feed_previous=True)\n",
    )
    result = assert_pair(
        "import tensorflow as tf\n"
        "cell = tf.contrib.rnn.GRUCell(8)\n"
        "train, _ = tf.contrib.legacy_seq2seq.embedding_rnn_seq2seq(enc, dec, cell, 9, 9, 8)\n"
        "with tf.variable_scope(tf.get_variable_scope(), reuse=True):\n"
        "    test, _ = tf.contrib.legacy_seq2seq.embedding_rnn_seq2seq(\n"
        "        enc, dec, cell, 9, 9, 8, feed_previous=True)\n",
        "import tensorflow as tf\n"
        "from legacy2tf2.runtime import rnn_cell\n"
        "from legacy2tf2.runtime import legacy_seq2seq\n"
        "cell = rnn_cell.GRUCell(8)\n"
        "train, _ = legacy_seq2seq.embedding_rnn_seq2seq(enc, dec, cell, 9, 9, 8)\n"
        "with tf.variable_scope(tf.get_variable_scope(), reuse=True):\n"
        "    test, _ = legacy_seq2seq.embedding_rnn_seq2seq(\n"
        "        enc, dec, cell, 9, 9, 8, feed_previous=True)\n",
    )
    assert not result.findings


def test_a_cell_run_again_after_an_encoder_ran_a_wrapper_of_it() -> None:
    """``encoder_cell = DropoutWrapper(cell)`` run by ``static_rnn``, then ``cell`` itself by
    ``attention_decoder`` (a public TF 1.x emotional chatting model): the decoder runs the
    object the encoder ran inside its wrapper, which TF 1.0 gave a second set of weights
    (``attention_decoder/multi_rnn_cell/...``) and TF 1.2+ shared; a copy made with
    ``copy.deepcopy(cell)`` is a new object and is left alone."""
    assert_pair(
        "import tensorflow as tf\n"
        "cell = tf.contrib.rnn.core_rnn_cell.GRUCell(8)\n"
        "encoder_cell = tf.contrib.rnn.DropoutWrapper(cell, output_keep_prob=0.8)\n"
        "enc_outputs, h = tf.contrib.rnn.static_rnn(encoder_cell, posts, dtype=tf.float32)\n"
        "out, _ = tf.contrib.legacy_seq2seq.attention_decoder(dec, h, states, cell)\n",
        "import tensorflow as tf\n"
        "from legacy2tf2.runtime import rnn_cell\n"
        "from legacy2tf2.runtime import legacy_seq2seq\n"
        "import copy\n"
        "cell = rnn_cell.GRUCell(8)\n"
        "encoder_cell = rnn_cell.DropoutWrapper(cell, output_keep_prob=0.8)\n"
        "enc_outputs, h = tf.compat.v1.nn.static_rnn(encoder_cell, posts, dtype=tf.float32)\n"
        "out, _ = legacy_seq2seq.attention_decoder(dec, h, states, copy.deepcopy(cell))\n",
    )
    result = assert_pair(
        "import tensorflow as tf\n"
        "cell = tf.contrib.rnn.GRUCell(8)\n"
        "encoder_cell = tf.contrib.rnn.DropoutWrapper(cell, output_keep_prob=0.8)\n"
        "enc_outputs, h = tf.contrib.rnn.static_rnn(encoder_cell, posts, dtype=tf.float32)\n"
        "out, _ = tf.contrib.legacy_seq2seq.attention_decoder(dec, h, states, cell)\n",
        "import tensorflow as tf\n"
        "from legacy2tf2.runtime import rnn_cell\n"
        "from legacy2tf2.runtime import legacy_seq2seq\n"
        "cell = rnn_cell.GRUCell(8)\n"
        "encoder_cell = rnn_cell.DropoutWrapper(cell, output_keep_prob=0.8)\n"
        "enc_outputs, h = tf.compat.v1.nn.static_rnn(encoder_cell, posts, dtype=tf.float32)\n"
        "out, _ = legacy_seq2seq.attention_decoder(dec, h, states, cell)\n",
        codes=("L2T005",),
    )
    assert "line 4" in result.findings[0].message
    assert_pair(
        "import copy\n"
        "import tensorflow as tf\n"
        "cell = tf.contrib.rnn.core_rnn_cell.GRUCell(8)\n"
        "encoder_cell = copy.deepcopy(cell)\n"
        "enc_outputs, h = tf.contrib.rnn.static_rnn(encoder_cell, posts, dtype=tf.float32)\n"
        "out, _ = tf.contrib.legacy_seq2seq.attention_decoder(dec, h, states, cell)\n",
        "import copy\n"
        "import tensorflow as tf\n"
        "from legacy2tf2.runtime import rnn_cell\n"
        "from legacy2tf2.runtime import legacy_seq2seq\n"
        "cell = rnn_cell.GRUCell(8)\n"
        "encoder_cell = copy.deepcopy(cell)\n"
        "enc_outputs, h = tf.compat.v1.nn.static_rnn(encoder_cell, posts, dtype=tf.float32)\n"
        "out, _ = legacy_seq2seq.attention_decoder(dec, h, states, cell)\n",
    )
