"""TF 1.1's ``core_rnn_cell_impl._checked_scope``, the scope opener of TF 1.1 cells' ``__call__``
copied into programs' own cells (removed in TF 1.2): moved to the runtime's
``layers_v1.checked_scope``, which opens the same variable scope and refuses a second scope as TF
1.1 did (tests/runtime/test_checked_scope.py checks the numbers)."""

from __future__ import annotations

from codemod_pairs import assert_pair


def test_an_alias_of_checked_scope_moves_to_the_runtime() -> None:
    assert_pair(
        "from tensorflow.contrib.rnn.python.ops import core_rnn_cell_impl\n"
        "_checked_scope = core_rnn_cell_impl._checked_scope\n",
        "from legacy2tf2.runtime import layers_v1\n_checked_scope = layers_v1.checked_scope\n",
    )


def test_checked_scope_in_a_cell_s_call_moves_to_the_runtime() -> None:
    assert_pair(
        "import tensorflow as tf\n"
        "\n"
        "\n"
        "class Cell(tf.contrib.rnn.RNNCell):\n"
        "    def __call__(self, inputs, state, scope=None):\n"
        "        with tf.contrib.rnn.core_rnn_cell_impl._checked_scope(\n"
        "                self, scope or 'my_cell', reuse=self._reuse):\n"
        "            return inputs, state\n",
        "from legacy2tf2.runtime import rnn_cell\n"
        "from legacy2tf2.runtime import layers_v1\n"
        "\n"
        "\n"
        "class Cell(rnn_cell.RNNCell):\n"
        "    def __call__(self, inputs, state, scope=None):\n"
        "        with layers_v1.checked_scope(\n"
        "                self, scope or 'my_cell', reuse=self._reuse):\n"
        "            return inputs, state\n",
    )
