"""Monkeypatches of TensorFlow names (PATTERNS.md section 6.3): dead once the uses are rewritten,
so removed; kept (value rewritten) when the table does not know the patched name; reported when
the value is not the patched name's TF1 equivalent (L2T007)."""

from __future__ import annotations

import pytest
from codemod_pairs import assert_noop, assert_pair

from legacy2tf2.migrator.engine import check_source, rewrite_source

PAIRS = [
    pytest.param(
        "import tensorflow as tf\n"
        "\n"
        "tf.nn.rnn_cell.GRUCell = tf.contrib.rnn.GRUCell\n"
        "cell = tf.nn.rnn_cell.GRUCell(8)\n"
        "x = tf.zeros(1)\n",
        "import tensorflow as tf\n"
        "from legacy2tf2.runtime import rnn_cell\n"
        "\n"
        "cell = rnn_cell.GRUCell(8)\n"
        "x = tf.zeros(1)\n",
        id="a cell patched onto the old module: removed (kept, it raises under Keras 3)",
    ),
    pytest.param(
        "import tensorflow as tf\n"
        "from tensorflow.contrib import legacy_seq2seq\n"
        "\n"
        "# Model\n"
        "\n"
        "# TF 1.0 moved seq2seq\n"
        "tf.nn.seq2seq = legacy_seq2seq\n"
        "out = tf.nn.seq2seq.rnn_decoder(a, b, c)\n",
        "from legacy2tf2.runtime import legacy_seq2seq\n"
        "\n"
        "# Model\n"
        "\n"
        "out = legacy_seq2seq.rnn_decoder(a, b, c)\n",
        id="patched with an imported module: removed with its own comment, unused tf import dropped",
    ),
    pytest.param(
        "import tensorflow as tf\n"
        "\n"
        'if not hasattr(tf.nn, "seq2seq"):\n'
        "    tf.nn.seq2seq = tf.contrib.legacy_seq2seq\n"
        "out = tf.nn.seq2seq.rnn_decoder(a, b, c)\n",
        "import tensorflow as tf\n"
        "from legacy2tf2.runtime import legacy_seq2seq\n"
        "\n"
        'if not hasattr(tf.nn, "seq2seq"):\n'
        "    pass\n"
        "out = legacy_seq2seq.rnn_decoder(a, b, c)\n",
        id="a block left empty gets pass",
    ),
    pytest.param(
        "import tensorflow as tf\n"
        "\n"
        "if old: tf.nn.seq2seq = tf.contrib.legacy_seq2seq; ready = True\n"
        "try: tf.nn.rnn_cell = tf.contrib.rnn\n"
        "except AttributeError: pass\n"
        "out = tf.nn.seq2seq.rnn_decoder(a, b, tf.nn.rnn_cell.GRUCell(3))\n",
        "from legacy2tf2.runtime import legacy_seq2seq\n"
        "from legacy2tf2.runtime import rnn_cell\n"
        "\n"
        "if old: ready = True\n"
        "try: pass\n"
        "except AttributeError: pass\n"
        "out = legacy_seq2seq.rnn_decoder(a, b, rnn_cell.GRUCell(3))\n",
        id="one-line blocks",
    ),
    pytest.param(
        "import tensorflow as tf\n"
        "\n"
        "try:\n"
        "    tf.nn.seq2seq = tf.contrib.legacy_seq2seq\n"
        "    print('patched')\n"
        "except AttributeError:\n"
        "    pass\n"
        "out = tf.nn.seq2seq.rnn_decoder(a, b, c)\n",
        "from legacy2tf2.runtime import legacy_seq2seq\n"
        "\n"
        "try:\n"
        "    print('patched')\n"
        "except AttributeError:\n"
        "    pass\n"
        "out = legacy_seq2seq.rnn_decoder(a, b, c)\n",
        id="a try that does more than patch stays, without the patch",
    ),
    pytest.param(
        "import tensorflow as tf\n"
        "\n"
        "try:\n"
        "    tf.nn.seq2seq = tf.contrib.legacy_seq2seq\n"
        "except AttributeError:\n"
        "    pass\n"
        "finally:\n"
        "    ready = True\n"
        "out = tf.nn.seq2seq.rnn_decoder(a, b, c)\n",
        "from legacy2tf2.runtime import legacy_seq2seq\n"
        "\n"
        "try:\n"
        "    pass\n"
        "except AttributeError:\n"
        "    pass\n"
        "finally:\n"
        "    ready = True\n"
        "out = legacy_seq2seq.rnn_decoder(a, b, c)\n",
        id="a try with finally keeps its shape: the emptied body gets pass",
    ),
    pytest.param(
        "import tensorflow as tf\n"
        "\n"
        "\n"
        "def setup():\n"
        "    tf.nn.rnn_cell = tf.contrib.rnn\n"
        "\n"
        "\n"
        "cell = tf.nn.rnn_cell.BasicLSTMCell(8)\n"
        "x = tf.zeros(1)\n",
        "import tensorflow as tf\n"
        "from legacy2tf2.runtime import rnn_cell\n"
        "\n"
        "\n"
        "def setup():\n"
        "    pass\n"
        "\n"
        "\n"
        "cell = rnn_cell.BasicLSTMCell(8)\n"
        "x = tf.zeros(1)\n",
        id="inside a function",
    ),
    pytest.param(
        "import tensorflow as tf\n"
        "from legacy2tf2.runtime import legacy_seq2seq, rnn_cell\n"
        "\n"
        "tf.nn.seq2seq = legacy_seq2seq; tf.nn.rnn_cell = rnn_cell\n"
        "out = legacy_seq2seq.rnn_decoder(a, b, rnn_cell.GRUCell(3))\n"
        "x = tf.zeros(1)\n",
        "import tensorflow as tf\n"
        "from legacy2tf2.runtime import legacy_seq2seq, rnn_cell\n"
        "\n"
        "out = legacy_seq2seq.rnn_decoder(a, b, rnn_cell.GRUCell(3))\n"
        "x = tf.zeros(1)\n",
        id="a patch an older rewrite left pointing at the runtime: removed too",
    ),
]


@pytest.mark.parametrize(("before", "after"), PAIRS)
def test_monkeypatch(before: str, after: str) -> None:
    assert_pair(before, after)


def test_a_patch_giving_back_a_removed_name_stays_and_its_uses_are_not_reported() -> None:
    """TF 0.x's ``tf.nn.rnn`` is gone since TF 1.0 (removed names are reported, L2T006): a
    program giving it back (``tf.nn.rnn = tf.contrib.rnn.static_rnn``) keeps its patch, whose
    value is rewritten, so its uses run on TF 2 and are not reported; a removed name the file
    does not give back still is."""
    assert_pair(
        "import tensorflow as tf\n"
        "\n"
        "tf.nn.rnn = tf.contrib.rnn.static_rnn\n"
        "outs, st = tf.nn.rnn(cell, xs, dtype=tf.float32)\n",
        "import tensorflow as tf\n"
        "\n"
        "tf.nn.rnn = tf.compat.v1.nn.static_rnn\n"
        "outs, st = tf.nn.rnn(cell, xs, dtype=tf.float32)\n",
    )
    source = (
        "import tensorflow as tf\n"
        "if not hasattr(tf.nn, 'rnn'):\n"
        "    tf.nn.rnn = tf.compat.v1.nn.static_rnn\n"
        "outs, st = tf.nn.rnn(cell, xs, dtype=tf.float32)\n"
        "b = tf.nn.bidirectional_rnn(c1, c2, xs)\n"
    )
    result = assert_noop(source, codes=("L2T006",))
    assert (result.findings[0].line, result.findings[0].col) == (5, 5)
    findings = check_source(source.encode(), "a.py")
    assert [(f.line, f.col, f.code) for f in findings] == [(5, 5, "L2T006")]


@pytest.mark.parametrize(
    "patch",
    [
        "tf.nn.rnn_cell.GRUCell = MyGRUCell",
        "tf.nn.seq2seq = my_seq2seq",
        "tf.nn.rnn_cell = tf.contrib.legacy_seq2seq",
    ],
)
def test_a_patch_with_another_value_is_reported_not_silently_bypassed(patch: str) -> None:
    source = (
        f"import tensorflow as tf\n\n{patch}\n"
        "cell = tf.nn.rnn_cell.GRUCell(8)\n"
        "out = tf.nn.seq2seq.rnn_decoder(a, b, cell)\n"
    )
    before = [(f.line, f.code) for f in check_source(source.encode())]
    assert (3, "L2T007") in before
    result = rewrite_source(source.encode())
    assert [(f.line, f.code) for f in result.findings][:1] == [(3, "L2T007")]
    assert f"\n{patch}\n".encode() in result.source  # left untouched
    assert "L2T007" in {f.code for f in check_source(result.source)}


def test_a_patch_outside_tensorflow_is_not_a_monkeypatch() -> None:
    assert_noop("import mylib\n\nmylib.seq2seq = mylib.contrib_seq2seq\n")
