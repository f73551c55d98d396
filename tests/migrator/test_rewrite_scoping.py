"""Name resolution follows Python's scoping rules: shadowing never leads to a wrong rewrite."""

from __future__ import annotations

import pytest
from codemod_pairs import assert_noop, assert_pair

NOOPS = [
    pytest.param(
        "import tensorflow as tf\ncells = [tf.contrib.rnn.GRUCell(n) for tf in range(3)]\n",
        id="a comprehension variable shadows tf",
    ),
    pytest.param(
        "import tensorflow as tf\nf = lambda tf: tf.contrib.rnn.GRUCell(3)\n",
        id="a lambda parameter shadows tf",
    ),
    pytest.param(
        "import tensorflow as tf\n\n\ndef f():\n    tf = load_fake()\n    return tf.contrib.legacy_seq2seq.rnn_decoder(a, b, c)\n",
        id="a local assignment later in the function shadows tf",
    ),
    pytest.param(
        "import tensorflow as tf\nfor tf in tools:\n    tf.contrib.rnn.GRUCell(3)\n",
        id="a loop variable rebinding tf makes it ambiguous",
    ),
    pytest.param(
        "import tensorflow as tf\n\ntry:\n    pass\nexcept ValueError as tf:\n    tf.contrib.rnn.GRUCell(1)\n",
        id="an except-as name rebinding tf makes it ambiguous",
    ),
]


@pytest.mark.parametrize("source", NOOPS)
def test_shadowed_names_are_not_rewritten(source: str) -> None:
    assert_noop(source)


def test_a_name_that_may_come_from_a_star_import_is_not_guessed_at_but_reported() -> None:
    source = "from mylib import *\n\nout = tf.contrib.legacy_seq2seq.rnn_decoder(a, b, c)\n"
    (finding,) = assert_noop(source, ("L2T003",)).findings
    assert (finding.line, finding.col) == (3, 7)
    assert "`tf` is bound here only by `from mylib import *`" in finding.message


def test_class_attributes_are_invisible_inside_methods() -> None:
    assert_pair(
        "import tensorflow as tf\n"
        "\n"
        "\n"
        "class Model:\n"
        "    tf = None\n"
        "\n"
        "    def cell(self):\n"
        "        return tf.contrib.rnn.GRUCell(1)\n",
        "from legacy2tf2.runtime import rnn_cell\n"
        "\n"
        "\n"
        "class Model:\n"
        "    tf = None\n"
        "\n"
        "    def cell(self):\n"
        "        return rnn_cell.GRUCell(1)\n",
    )


def test_a_global_alias_assigned_in_a_function_resolves_at_module_level() -> None:
    assert_pair(
        "import tensorflow as tf\n"
        "\n"
        "\n"
        "def setup():\n"
        "    global s2s\n"
        "    s2s = tf.contrib.legacy_seq2seq\n"
        "\n"
        "\n"
        "loss = s2s.sequence_loss(a, b, c, 10000)\n",
        "from legacy2tf2.runtime import legacy_seq2seq\n"
        "\n"
        "\n"
        "def setup():\n"
        "    global s2s\n"
        "    s2s = legacy_seq2seq\n"
        "\n"
        "\n"
        "loss = s2s.sequence_loss(a, b, c)\n",
        codes=("L2T004",),
    )


def test_an_alias_is_followed_only_in_the_scope_that_assigns_it() -> None:
    assert_pair(
        "import tensorflow as tf\n"
        "\n"
        "\n"
        "def a():\n"
        "    s = tf.contrib.legacy_seq2seq\n"
        "    return s.sequence_loss(x, y, z, 10000)\n"
        "\n"
        "\n"
        "def b(s):\n"
        "    return s.sequence_loss(x, y, z, 10000)\n",
        "from legacy2tf2.runtime import legacy_seq2seq\n"
        "\n"
        "\n"
        "def a():\n"
        "    s = legacy_seq2seq\n"
        "    return s.sequence_loss(x, y, z)\n"
        "\n"
        "\n"
        "def b(s):\n"
        "    return s.sequence_loss(x, y, z, 10000)\n",
        codes=("L2T004",),
    )


def test_an_alias_of_an_alias_is_followed_and_the_still_read_import_kept() -> None:
    assert_pair(
        "import tensorflow\n"
        "tf = tensorflow\n"
        "s2s = tf.contrib.legacy_seq2seq\n"
        "loss = s2s.sequence_loss(a, b, c, 10000)\n",
        "import tensorflow\n"
        "from legacy2tf2.runtime import legacy_seq2seq\n"
        "tf = tensorflow\n"
        "s2s = legacy_seq2seq\n"
        "loss = s2s.sequence_loss(a, b, c)\n",
        codes=("L2T004",),
    )


@pytest.mark.parametrize(
    ("before", "after"),
    [
        pytest.param(
            "import tensorflow as tf\n"
            "from tensorflow.models.rnn import rnn_cell\n"
            "rnn_cell = rnn_cell.BasicRNNCell(4)\n"
            "istate = tf.zeros([1, rnn_cell.state_size])\n"
            "for step in range(3):\n"
            "    print(rnn_cell.output_size)\n",
            "import tensorflow as tf\n"
            "from legacy2tf2.runtime import rnn_cell\n"
            "rnn_cell = rnn_cell.BasicRNNCell(4)\n"
            "istate = tf.zeros([1, rnn_cell.state_size])\n"
            "for step in range(3):\n"
            "    print(rnn_cell.output_size)\n",
            id="a module-level cell module name rebound to its own cell",
        ),
        pytest.param(
            "import tensorflow.models.rnn.rnn_cell as rc\nrc = rc.GRUCell(3); n = rc.state_size\n",
            "import legacy2tf2.runtime.rnn_cell as rc\nrc = rc.GRUCell(3); n = rc.state_size\n",
            id="rebound on the line that also reads it",
        ),
        pytest.param(
            "import tensorflow as tf\nx = tf.contrib.rnn.GRUCell(3)\ntf = None\n",
            "from legacy2tf2.runtime import rnn_cell\nx = rnn_cell.GRUCell(3)\ntf = None\n",
            id="a read before tf is rebound sees the import",
        ),
    ],
)
def test_a_module_level_read_sees_the_binding_before_it(before: str, after: str) -> None:
    assert_pair(before, after)


@pytest.mark.parametrize(
    "source",
    [
        pytest.param(
            "import tensorflow as tf\ntf = None\nx = tf.contrib.rnn.GRUCell(3)\n",
            id="a read after tf is rebound",
        ),
        pytest.param(
            "import tensorflow as tf\nif fake:\n    tf = load()\nx = tf.contrib.rnn.GRUCell(3)\n",
            id="a rebinding in a branch",
        ),
        pytest.param(
            "import tensorflow as tf\n\n\ndef cell():\n    return tf.contrib.rnn.GRUCell(3)\n\n\n"
            "tf = load()\n",
            id="a read in a function runs after the rebinding",
        ),
    ],
)
def test_a_read_that_may_see_another_binding_is_left(source: str) -> None:
    assert_noop(source)
