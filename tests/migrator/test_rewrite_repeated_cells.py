"""MultiRNNCell([cell] * n): TF 1.0 and earlier gave each layer its own weights; the rewrite keeps
that meaning in files of that era (``repeated_cells="copy"``) and reports files of unknown era."""

from __future__ import annotations

from codemod_pairs import assert_noop, assert_pair


def test_pre_1_0_file_keeps_one_set_of_weights_per_layer() -> None:
    assert_pair(
        "import tensorflow as tf\n"
        "cell = tf.nn.rnn_cell.GRUCell(size)\n"
        "cell = tf.nn.rnn_cell.MultiRNNCell([cell] * num_layers)\n"
        "outputs, _ = tf.nn.seq2seq.rnn_decoder(dec, state, cell)\n",
        "from legacy2tf2.runtime import rnn_cell\n"
        "from legacy2tf2.runtime import legacy_seq2seq\n"
        "cell = rnn_cell.GRUCell(size)\n"
        'cell = rnn_cell.MultiRNNCell([cell] * num_layers, repeated_cells="copy")\n'
        "outputs, _ = legacy_seq2seq.rnn_decoder(dec, state, cell)\n",
    )


def test_models_rnn_file_with_a_comprehension_of_one_object_and_a_trailing_comma() -> None:
    assert_pair(
        "from tensorflow.models.rnn import rnn_cell\n"
        "single = rnn_cell.BasicLSTMCell(size)\n"
        "cell = rnn_cell.MultiRNNCell(\n"
        "    [single for _ in range(2)],\n"
        ")\n",
        "from legacy2tf2.runtime import rnn_cell\n"
        "single = rnn_cell.BasicLSTMCell(size)\n"
        "cell = rnn_cell.MultiRNNCell(\n"
        '    [single for _ in range(2)], repeated_cells="copy",\n'
        ")\n",
    )


def test_pre_1_0_list_held_in_a_variable_and_a_helper_list_get_the_keyword() -> None:
    assert_pair(
        "import tensorflow as tf\n"
        "cell = tf.nn.rnn_cell.GRUCell(size)\n"
        "cells = [cell] * 3\n"
        "a = tf.nn.rnn_cell.MultiRNNCell(cells, state_is_tuple=True)\n"
        "b = tf.nn.rnn_cell.MultiRNNCell(make_cells())\n"
        "sess.run(tf.initialize_all_variables())\n",
        "import tensorflow as tf\n"
        "from legacy2tf2.runtime import rnn_cell\n"
        "cell = rnn_cell.GRUCell(size)\n"
        "cells = [cell] * 3\n"
        'a = rnn_cell.MultiRNNCell(cells, state_is_tuple=True, repeated_cells="copy")\n'
        'b = rnn_cell.MultiRNNCell(make_cells(), repeated_cells="copy")\n'
        "sess.run(tf.initialize_all_variables())\n",
        codes=("L2T005", "L2T005"),
    )


def test_a_copy_decided_only_by_names_tf_1_2_still_had_is_reported() -> None:
    # tf.nn.rnn_cell existed before 1.0 and from 1.2; tf.initialize_all_variables, deprecated in
    # 0.12, lasted to 1.15: a TF 1.2+ program may use both, and shares the layers' weights.
    result = assert_pair(
        "import tensorflow as tf\n"
        "cell = tf.nn.rnn_cell.BasicLSTMCell(8)\n"
        "stack = tf.nn.rnn_cell.MultiRNNCell([cell] * 2)\n"
        "out, _ = tf.nn.bidirectional_dynamic_rnn(cell, cell, x, dtype=tf.float32)\n"
        "init = tf.initialize_all_variables()\n",
        "import tensorflow as tf\n"
        "from legacy2tf2.runtime import rnn_cell\n"
        "import copy\n"
        "cell = rnn_cell.BasicLSTMCell(8)\n"
        'stack = rnn_cell.MultiRNNCell([cell] * 2, repeated_cells="copy")\n'
        "out, _ = tf.nn.bidirectional_dynamic_rnn(cell, copy.deepcopy(cell), x, dtype=tf.float32)\n"
        "init = tf.initialize_all_variables()\n",
        codes=("L2T005", "L2T005"),
    )
    layers, directions = result.findings
    assert (layers.line, directions.line) == (3, 4)
    for finding in (layers, directions):
        assert "tf.initialize_all_variables (line 5)" in finding.message
        assert "TF 1.2 or later" in finding.message
    assert "remove it" in layers.message and "pass the cell itself" in directions.message


def test_a_copy_decided_by_a_pre_1_0_name_is_not_reported() -> None:
    assert_pair(
        "import tensorflow as tf\n"
        "cell = tf.nn.rnn_cell.BasicLSTMCell(8)\n"
        "stack = tf.nn.rnn_cell.MultiRNNCell([cell] * 2)\n"
        "x = tf.pack(xs)\n"
        "init = tf.initialize_all_variables()\n",
        "import tensorflow as tf\n"
        "from legacy2tf2.runtime import rnn_cell\n"
        "cell = rnn_cell.BasicLSTMCell(8)\n"
        'stack = rnn_cell.MultiRNNCell([cell] * 2, repeated_cells="copy")\n'
        "x = tf.pack(xs)\n"
        "init = tf.initialize_all_variables()\n",
    )


def test_tf_1_0_core_rnn_cell_path_keeps_one_set_per_layer() -> None:
    assert_pair(
        "from tensorflow.contrib.rnn.python.ops import core_rnn_cell\n"
        "cell = core_rnn_cell.MultiRNNCell(\n"
        "    [core_rnn_cell.GRUCell(4)] * 2)\n",
        "from legacy2tf2.runtime import rnn_cell as core_rnn_cell\n"
        "cell = core_rnn_cell.MultiRNNCell(\n"
        '    [core_rnn_cell.GRUCell(4)] * 2, repeated_cells="copy")\n',
    )
    assert_pair(
        "import tensorflow as tf\n"
        "c = tf.contrib.rnn.core_rnn_cell.MultiRNNCell([tf.contrib.rnn.core_rnn_cell.GRUCell(4)] * 2)\n",
        "from legacy2tf2.runtime import rnn_cell\n"
        'c = rnn_cell.MultiRNNCell([rnn_cell.GRUCell(4)] * 2, repeated_cells="copy")\n',
    )
    # TF 1.0's cell module by its own path (TF 1.1 refused [cell] * n, so a program that ran was 1.0)
    assert_pair(
        "from tensorflow.contrib.rnn.python.ops import core_rnn_cell_impl\n"
        "cell = core_rnn_cell_impl.BasicLSTMCell(8)\n"
        "stack = core_rnn_cell_impl.MultiRNNCell([cell] * 4)\n",
        "from legacy2tf2.runtime import rnn_cell as core_rnn_cell_impl\n"
        "cell = core_rnn_cell_impl.BasicLSTMCell(8)\n"
        'stack = core_rnn_cell_impl.MultiRNNCell([cell] * 4, repeated_cells="copy")\n',
    )


def test_cells_made_one_per_layer_need_no_keyword() -> None:
    assert_pair(
        "import tensorflow as tf\n"
        "c = tf.nn.rnn_cell.MultiRNNCell([tf.nn.rnn_cell.GRUCell(4) for _ in range(3)])\n"
        "d = tf.nn.rnn_cell.MultiRNNCell([tf.nn.rnn_cell.GRUCell(4), tf.nn.rnn_cell.GRUCell(4)])\n"
        "x = tf.pack(y)\n",
        "import tensorflow as tf\n"
        "from legacy2tf2.runtime import rnn_cell\n"
        "c = rnn_cell.MultiRNNCell([rnn_cell.GRUCell(4) for _ in range(3)])\n"
        "d = rnn_cell.MultiRNNCell([rnn_cell.GRUCell(4), rnn_cell.GRUCell(4)])\n"
        "x = tf.pack(y)\n",
    )


def test_tf_1_2_file_shares_as_tf_1_2_did() -> None:
    assert_pair(
        "import tensorflow as tf\n"
        "cell = tf.nn.rnn_cell.GRUCell(size)\n"
        "cell = tf.nn.rnn_cell.MultiRNNCell([cell] * 2)\n"
        "out = tf.contrib.legacy_seq2seq.rnn_decoder(dec, state, cell)\n",
        "from legacy2tf2.runtime import rnn_cell\n"
        "from legacy2tf2.runtime import legacy_seq2seq\n"
        "cell = rnn_cell.GRUCell(size)\n"
        "cell = rnn_cell.MultiRNNCell([cell] * 2)\n"
        "out = legacy_seq2seq.rnn_decoder(dec, state, cell)\n",
    )


def test_unknown_era_keeps_sharing_and_explains_both_meanings() -> None:
    result = assert_pair(
        "import tensorflow as tf\n"
        "cell = tf.contrib.rnn.BasicLSTMCell(size)\n"
        "stack = tf.contrib.rnn.MultiRNNCell([cell] * 2, state_is_tuple=True)\n",
        "from legacy2tf2.runtime import rnn_cell\n"
        "cell = rnn_cell.BasicLSTMCell(size)\n"
        "stack = rnn_cell.MultiRNNCell([cell] * 2, state_is_tuple=True)\n",
        codes=("L2T005",),
    )
    (finding,) = result.findings
    assert (finding.line, finding.col) == (3, 9)
    for words in ("TF 1.0", "own weights", "TF 1.2", "share", 'repeated_cells="copy"'):
        assert words in finding.message


def test_unknown_era_with_distinct_or_unknowable_cells_is_quiet() -> None:
    assert_pair(
        "import tensorflow as tf\nstack = tf.nn.rnn_cell.MultiRNNCell(cells)\n",
        "from legacy2tf2.runtime import rnn_cell\nstack = rnn_cell.MultiRNNCell(cells)\n",
    )


def test_an_explicit_choice_is_kept() -> None:
    assert_noop(
        "from legacy2tf2.runtime import rnn_cell\n"
        'stack = rnn_cell.MultiRNNCell([cell] * 2, repeated_cells="share")\n'
    )


def test_pre_1_0_bidirectional_rnn_of_one_cell_gets_a_backward_copy() -> None:
    assert_pair(
        "import tensorflow as tf\n"
        "from tensorflow.models.rnn import rnn_cell\n"
        "cell = rnn_cell.GRUCell(size)\n"
        "outputs, fw, bw = tf.nn.bidirectional_rnn(cell, cell, inputs, dtype=tf.float32)\n",
        "import tensorflow as tf\n"
        "from legacy2tf2.runtime import rnn_cell\n"
        "import copy\n"
        "cell = rnn_cell.GRUCell(size)\n"
        "outputs, fw, bw = tf.nn.bidirectional_rnn(cell, copy.deepcopy(cell), inputs, dtype=tf.float32)\n",
        codes=("L2T006",),
    )


def test_bidirectional_rnn_of_the_files_own_cell_is_the_only_tf1_code() -> None:
    assert_pair(
        "import tensorflow as tf\n"
        "cell = MyGRU(8)\n"
        "x = tf.concat(1, [a, b])\n"
        "outputs, fw, bw = tf.nn.bidirectional_rnn(cell, cell, inputs, dtype=tf.float32)\n",
        "import tensorflow as tf\n"
        "import copy\n"
        "cell = MyGRU(8)\n"
        "x = tf.concat(1, [a, b])\n"
        "outputs, fw, bw = tf.nn.bidirectional_rnn(cell, copy.deepcopy(cell), inputs, dtype=tf.float32)\n",
        codes=("L2T006",),
    )
    assert_noop(
        "import tensorflow as tf\n"
        "cell = make_cell(20)\n"
        "out, st = tf.nn.bidirectional_dynamic_rnn(cell, cell, x, dtype=tf.float32)\n",
        codes=("L2T005",),
    )


def test_tf_1_0_bidirectional_dynamic_rnn_by_keyword_reuses_the_files_copy_import() -> None:
    assert_pair(
        "import copy\n"
        "import tensorflow as tf\n"
        "from tensorflow.contrib.rnn.python.ops import core_rnn_cell_impl\n"
        "self.cell = core_rnn_cell_impl.LSTMCell(8)\n"
        "out, states = tf.nn.bidirectional_dynamic_rnn(\n"
        "    cell_fw=self.cell, cell_bw=self.cell, inputs=x, dtype=tf.float32)\n",
        "import copy\n"
        "import tensorflow as tf\n"
        "from legacy2tf2.runtime import rnn_cell as core_rnn_cell_impl\n"
        "self.cell = core_rnn_cell_impl.LSTMCell(8)\n"
        "out, states = tf.nn.bidirectional_dynamic_rnn(\n"
        "    cell_fw=self.cell, cell_bw=copy.deepcopy(self.cell), inputs=x, dtype=tf.float32)\n",
    )


def test_unknown_era_bidirectional_rnn_of_one_cell_keeps_sharing_and_says_so() -> None:
    result = assert_pair(
        "import tensorflow as tf\n"
        "from tensorflow.contrib.rnn import LSTMCell\n"
        "encoder_cell = LSTMCell(20)\n"
        "(fw, bw), states = tf.nn.bidirectional_dynamic_rnn(cell_fw=encoder_cell,\n"
        "    cell_bw=encoder_cell, inputs=x, dtype=tf.float32, time_major=True)\n",
        "import tensorflow as tf\n"
        "from legacy2tf2.runtime.rnn_cell import LSTMCell\n"
        "encoder_cell = LSTMCell(20)\n"
        "(fw, bw), states = tf.nn.bidirectional_dynamic_rnn(cell_fw=encoder_cell,\n"
        "    cell_bw=encoder_cell, inputs=x, dtype=tf.float32, time_major=True)\n",
        codes=("L2T005",),
    )
    (finding,) = result.findings
    assert (finding.line, finding.col) == (4, 20)
    for words in ("both directions", "TF 1.0", "TF 1.2", "copy.deepcopy(cell)"):
        assert words in finding.message


def test_bidirectional_rnn_of_two_cells_or_a_tf_1_2_file_is_left_alone() -> None:
    assert_noop(
        "import tensorflow as tf\n"
        "out, _ = tf.nn.bidirectional_dynamic_rnn(fw_cell, bw_cell, x, dtype=tf.float32)\n"
        "out, _ = tf.nn.bidirectional_dynamic_rnn(make(), make(), x, dtype=tf.float32)\n"
    )
    assert_pair(
        "import tensorflow as tf\n"
        "cell = tf.nn.rnn_cell.GRUCell(4)\n"
        "out = tf.contrib.rnn.static_bidirectional_rnn(cell, cell, xs, dtype=tf.float32)\n"
        "y = tf.contrib.legacy_seq2seq.rnn_decoder(dec, state, cell)\n",
        "import tensorflow as tf\n"
        "from legacy2tf2.runtime import rnn_cell\n"
        "from legacy2tf2.runtime import legacy_seq2seq\n"
        "cell = rnn_cell.GRUCell(4)\n"
        "out = tf.compat.v1.nn.static_bidirectional_rnn(cell, cell, xs, dtype=tf.float32)\n"
        "y = legacy_seq2seq.rnn_decoder(dec, state, cell)\n",
    )


def test_pre_1_0_list_filled_by_appending_one_cell_in_a_loop_gets_the_keyword() -> None:
    # cells = []; for ...: cells.append(lstm_cell) repeats one object as [cell] * n does; the
    # empty list was taken for a list of distinct cells and the keyword was left out.
    assert_pair(
        "import tensorflow as tf\n"
        "lstm_cell = tf.contrib.rnn.core_rnn_cell.BasicLSTMCell(30)\n"
        "cells = []\n"
        "for i in range(num_layers):\n"
        "    cells.append(lstm_cell)\n"
        "cell = tf.contrib.rnn.core_rnn_cell.MultiRNNCell(cells)\n",
        "from legacy2tf2.runtime import rnn_cell\n"
        "lstm_cell = rnn_cell.BasicLSTMCell(30)\n"
        "cells = []\n"
        "for i in range(num_layers):\n"
        "    cells.append(lstm_cell)\n"
        'cell = rnn_cell.MultiRNNCell(cells, repeated_cells="copy")\n',
    )


def test_unknown_era_list_filled_by_appending_one_cell_is_reported() -> None:
    result = assert_pair(
        "import tensorflow as tf\n"
        "def model(x):\n"
        "    lstm_cell = tf.contrib.rnn.BasicLSTMCell(30)\n"
        "    cells = []\n"
        "    for i in range(2):\n"
        "        cells.append(lstm_cell)\n"
        "    cell = tf.contrib.rnn.MultiRNNCell(cells)\n"
        "    return tf.contrib.rnn.static_rnn(cell, x, dtype=tf.float32)\n",
        "import tensorflow as tf\n"
        "from legacy2tf2.runtime import rnn_cell\n"
        "def model(x):\n"
        "    lstm_cell = rnn_cell.BasicLSTMCell(30)\n"
        "    cells = []\n"
        "    for i in range(2):\n"
        "        cells.append(lstm_cell)\n"
        "    cell = rnn_cell.MultiRNNCell(cells)\n"
        "    return tf.compat.v1.nn.static_rnn(cell, x, dtype=tf.float32)\n",
        codes=("L2T005",),
    )
    (finding,) = result.findings
    assert (finding.line, finding.col) == (7, 12)


def test_pre_1_0_list_filled_by_appending_new_cells_needs_no_keyword() -> None:
    # A cell (or a wrapper of one) made anew in the loop body, or appended directly: one per layer.
    assert_pair(
        "import tensorflow as tf\n"
        "def stack(n, keep):\n"
        "    cells = []\n"
        "    for _ in range(n):\n"
        "        cell = tf.nn.rnn_cell.GRUCell(8)\n"
        "        cell = tf.nn.rnn_cell.DropoutWrapper(cell, output_keep_prob=keep)\n"
        "        cells.append(cell)\n"
        "    more = []\n"
        "    for _ in range(n):\n"
        "        more.append(tf.nn.rnn_cell.BasicLSTMCell(8))\n"
        "    return tf.nn.rnn_cell.MultiRNNCell(cells), tf.nn.rnn_cell.MultiRNNCell(more)\n"
        "x = tf.pack(y)\n",
        "import tensorflow as tf\n"
        "from legacy2tf2.runtime import rnn_cell\n"
        "def stack(n, keep):\n"
        "    cells = []\n"
        "    for _ in range(n):\n"
        "        cell = rnn_cell.GRUCell(8)\n"
        "        cell = rnn_cell.DropoutWrapper(cell, output_keep_prob=keep)\n"
        "        cells.append(cell)\n"
        "    more = []\n"
        "    for _ in range(n):\n"
        "        more.append(rnn_cell.BasicLSTMCell(8))\n"
        "    return rnn_cell.MultiRNNCell(cells), rnn_cell.MultiRNNCell(more)\n"
        "x = tf.pack(y)\n",
    )


def test_pre_1_0_list_filled_otherwise_or_wrapping_a_shared_cell_gets_the_keyword() -> None:
    # A wrapper made in the loop around a cell made outside it still repeats that cell; a list
    # also given to a helper may hold anything: the keyword changes nothing on distinct cells.
    assert_pair(
        "import tensorflow as tf\n"
        "base = tf.nn.rnn_cell.GRUCell(8)\n"
        "cells = []\n"
        "for _ in range(3):\n"
        "    cells.append(tf.nn.rnn_cell.DropoutWrapper(base, 0.5))\n"
        "a = tf.nn.rnn_cell.MultiRNNCell(cells)\n"
        "others = []\n"
        "fill(others)\n"
        "b = tf.nn.rnn_cell.MultiRNNCell(others)\n"
        "c = tf.nn.rnn_cell.MultiRNNCell([])\n"
        "x = tf.pack(y)\n",
        "import tensorflow as tf\n"
        "from legacy2tf2.runtime import rnn_cell\n"
        "base = rnn_cell.GRUCell(8)\n"
        "cells = []\n"
        "for _ in range(3):\n"
        "    cells.append(rnn_cell.DropoutWrapper(base, 0.5))\n"
        'a = rnn_cell.MultiRNNCell(cells, repeated_cells="copy")\n'
        "others = []\n"
        "fill(others)\n"
        'b = rnn_cell.MultiRNNCell(others, repeated_cells="copy")\n'
        'c = rnn_cell.MultiRNNCell([], repeated_cells="copy")\n'
        "x = tf.pack(y)\n",
    )
