"""tf.contrib.rnn's stacked bidirectional RNNs move to the runtime's rnn_cell, beside the cells."""

from __future__ import annotations

import pytest
from codemod_pairs import assert_noop, assert_pair

PAIRS = [
    pytest.param(
        "import tensorflow as tf\n"
        "\n"
        "fw = [tf.contrib.rnn.LSTMCell(n) for n in sizes]\n"
        "bw = [tf.contrib.rnn.LSTMCell(n) for n in sizes]\n"
        "out, _, _ = tf.contrib.rnn.stack_bidirectional_dynamic_rnn(fw, bw, x, dtype=tf.float32)\n",
        "import tensorflow as tf\n"
        "from legacy2tf2.runtime import rnn_cell\n"
        "\n"
        "fw = [rnn_cell.LSTMCell(n) for n in sizes]\n"
        "bw = [rnn_cell.LSTMCell(n) for n in sizes]\n"
        "out, _, _ = rnn_cell.stack_bidirectional_dynamic_rnn(fw, bw, x, dtype=tf.float32)\n",
        id="tf.contrib.rnn path",
    ),
    pytest.param(
        "from tensorflow.contrib.rnn import GRUCell, stack_bidirectional_rnn\n"
        "\n"
        "out, fw, bw = stack_bidirectional_rnn([GRUCell(4)], [GRUCell(4)], steps, dtype=dt)\n",
        "from legacy2tf2.runtime.rnn_cell import GRUCell, stack_bidirectional_rnn\n"
        "\n"
        "out, fw, bw = stack_bidirectional_rnn([GRUCell(4)], [GRUCell(4)], steps, dtype=dt)\n",
        id="imported by name",
    ),
    pytest.param(
        "from tensorflow.contrib import rnn\n\nstack = rnn.stack_bidirectional_dynamic_rnn\n",
        "from legacy2tf2.runtime import rnn_cell\n\nstack = rnn_cell.stack_bidirectional_dynamic_rnn\n",
        id="the contrib.rnn module as a name, the function as a value",
    ),
    pytest.param(
        "from tensorflow.contrib.rnn.python.ops import rnn as stacked\n"
        "\n"
        "out = stacked.stack_bidirectional_dynamic_rnn(fw, bw, x)[0]\n",
        "from legacy2tf2.runtime import rnn_cell\n"
        "\n"
        "out = rnn_cell.stack_bidirectional_dynamic_rnn(fw, bw, x)[0]\n",
        id="the module that defined them",
    ),
]


@pytest.mark.parametrize(("before", "after"), PAIRS)
def test_stacked_bidirectional_rnn_moves_to_the_runtime(before: str, after: str) -> None:
    assert_pair(before, after)


def test_a_programs_own_function_of_that_name_is_left_alone() -> None:
    assert_noop(
        "import tensorflow as tf\n"
        "\n"
        "def stack_bidirectional_dynamic_rnn(fw, bw, x):\n"
        "    return tf.nn.bidirectional_dynamic_rnn(fw, bw, x)\n"
        "\n"
        "out = stack_bidirectional_dynamic_rnn(a, b, x)\n"
    )
