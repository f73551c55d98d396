"""MultiRNNCell([self.cell for _ in range(n)]): one cell object, held in an attribute, for
every layer (nfmcclure's tensorflow_cookbook ``04_stacking_multiple_lstm`` notebook).

It repeats the object as ``[self.cell] * n`` does: TF 1.0 gave each layer its own weights, TF 1.2+
one shared set. Before, only a bare name in the comprehension (``[cell for _ in ...]``) counted,
so this form was neither given ``repeated_cells="copy"`` in a TF 1.0 file nor reported where the
era cannot be told. ``rewrite --check`` (tests/migrator/test_rewrite_check_differential.py) gives
the same answers.
"""

from __future__ import annotations

from codemod_pairs import assert_noop, assert_pair

from legacy2tf2.migrator import engine, locate, would_rewrite


def test_tf1_0_file_gives_each_layer_its_own_weights() -> None:
    assert_pair(
        "from tensorflow.contrib.rnn.python.ops import core_rnn_cell_impl\n"
        "class Model:\n"
        "    def __init__(self, n):\n"
        "        self.cell = core_rnn_cell_impl.BasicLSTMCell(8)\n"
        "        self.cell = core_rnn_cell_impl.MultiRNNCell([self.cell for _ in range(n)])\n",
        "from legacy2tf2.runtime import rnn_cell as core_rnn_cell_impl\n"
        "class Model:\n"
        "    def __init__(self, n):\n"
        "        self.cell = core_rnn_cell_impl.BasicLSTMCell(8)\n"
        "        self.cell = core_rnn_cell_impl.MultiRNNCell("
        '[self.cell for _ in range(n)], repeated_cells="copy")\n',
    )


def test_unknown_era_is_reported() -> None:
    assert_pair(
        "import tensorflow as tf\n"
        "class Model:\n"
        "    def __init__(self, n):\n"
        "        self.cell = tf.contrib.rnn.BasicLSTMCell(8)\n"
        "        self.cell = tf.contrib.rnn.MultiRNNCell([self.cell for _ in range(n)])\n",
        "from legacy2tf2.runtime import rnn_cell\n"
        "class Model:\n"
        "    def __init__(self, n):\n"
        "        self.cell = rnn_cell.BasicLSTMCell(8)\n"
        "        self.cell = rnn_cell.MultiRNNCell([self.cell for _ in range(n)])\n",
        codes=("L2T005",),
    )


def test_an_attribute_of_the_loop_variable_is_not_one_object() -> None:
    assert_noop(
        "from legacy2tf2.runtime import rnn_cell\n"
        "cell = rnn_cell.MultiRNNCell([layer.cell for layer in layers])\n"
    )


def test_rewrite_check_answers_the_same() -> None:
    source = (
        "import tensorflow as tf\n"
        "class Model:\n"
        "    def __init__(self, n):\n"
        "        self.cell = tf.contrib.rnn.BasicLSTMCell(8)\n"
        "        self.cell = tf.contrib.rnn.MultiRNNCell([self.cell for _ in range(n)])\n"
    )
    data = source.encode()
    changed, raw = would_rewrite.answer(locate.AstResolver(engine.parse(data, "case.py"), data))
    assert changed
    assert [finding[2] for finding in raw] == ["L2T005"]
