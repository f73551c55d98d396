"""Everything not rewritten stays byte-identical: CRLF, BOM, tabs, cookie, no final newline."""

from __future__ import annotations

import pytest
from codemod_pairs import assert_pair


def test_crlf_line_endings_are_kept_and_used_for_the_new_import() -> None:
    assert_pair(
        b"import tensorflow as tf\r\n\r\nout = tf.contrib.legacy_seq2seq.rnn_decoder(a, b, c)\r\nx = tf.zeros(1)\r\n",
        b"import tensorflow as tf\r\nfrom legacy2tf2.runtime import legacy_seq2seq\r\n\r\n"
        b"out = legacy_seq2seq.rnn_decoder(a, b, c)\r\nx = tf.zeros(1)\r\n",
    )


def test_old_mac_cr_line_endings_keep_their_final_newline() -> None:
    assert_pair(
        b"import tensorflow as tf\rc = tf.contrib.rnn.GRUCell(1)\rx = tf.zeros(1)\r",
        b"import tensorflow as tf\rfrom legacy2tf2.runtime import rnn_cell\rc = rnn_cell.GRUCell(1)\rx = tf.zeros(1)\r",
    )


def test_form_feed_and_backslash_continuations_are_kept() -> None:
    assert_pair(
        b"import tensorflow as tf\n\x0c\nc = tf.contrib.rnn.GRUCell(1) \\\n    if x else None\ny = tf\n",
        b"import tensorflow as tf\nfrom legacy2tf2.runtime import rnn_cell\n\x0c\n"
        b"c = rnn_cell.GRUCell(1) \\\n    if x else None\ny = tf\n",
    )


def test_tab_indentation_is_kept() -> None:
    assert_pair(
        b"import tensorflow as tf\n\ndef f():\n\tif x:\n\t\treturn tf.contrib.rnn.GRUCell(2)\n\treturn tf\n",
        b"import tensorflow as tf\nfrom legacy2tf2.runtime import rnn_cell\n\n"
        b"def f():\n\tif x:\n\t\treturn rnn_cell.GRUCell(2)\n\treturn tf\n",
    )


def test_missing_final_newline_stays_missing() -> None:
    assert_pair(
        b"import tensorflow as tf\ncell = tf.contrib.rnn.GRUCell(2)\nx = tf.zeros(1)",
        b"import tensorflow as tf\nfrom legacy2tf2.runtime import rnn_cell\ncell = rnn_cell.GRUCell(2)\nx = tf.zeros(1)",
    )


def test_bom_and_utf8_text_are_kept() -> None:
    assert_pair(
        "\ufeffimport tensorflow as tf\ns = 'héllo'\ncell = tf.contrib.rnn.GRUCell(2)\n".encode(),
        "\ufefffrom legacy2tf2.runtime import rnn_cell\ns = 'héllo'\ncell = rnn_cell.GRUCell(2)\n".encode(),
    )


def test_latin1_encoding_cookie_keeps_the_file_in_latin1() -> None:
    before = "# -*- coding: latin-1 -*-\nimport tensorflow as tf\n# café\nc = tf.contrib.rnn.GRUCell(2)\n"
    after = "# -*- coding: latin-1 -*-\nfrom legacy2tf2.runtime import rnn_cell\n# café\nc = rnn_cell.GRUCell(2)\n"
    assert_pair(before.encode("latin-1"), after.encode("latin-1"))


def test_comments_blank_lines_quotes_and_odd_spacing_around_the_edit_are_kept() -> None:
    assert_pair(
        "import tensorflow as tf  # the framework\n"
        "\n"
        "\n"
        "# build the model\n"
        "out = tf.contrib.legacy_seq2seq.rnn_decoder( a ,b,   c )  # decoder\n"
        "name = \"tf\" + 'x'\n"
        "y = tf.zeros( [1] )\n",
        "import tensorflow as tf  # the framework\n"
        "from legacy2tf2.runtime import legacy_seq2seq\n"
        "\n"
        "\n"
        "# build the model\n"
        "out = legacy_seq2seq.rnn_decoder( a ,b,   c )  # decoder\n"
        "name = \"tf\" + 'x'\n"
        "y = tf.zeros( [1] )\n",
    )


def test_comment_above_a_removed_import_is_kept() -> None:
    assert_pair(
        "# TensorFlow 1\nimport tensorflow as tf\n\ncell = tf.contrib.rnn.GRUCell(2)\n",
        "# TensorFlow 1\nfrom legacy2tf2.runtime import rnn_cell\n\ncell = rnn_cell.GRUCell(2)\n",
    )


@pytest.mark.parametrize("newline", [b"\n", b"\r\n"])
def test_multi_line_parenthesised_import_is_edited_in_place(newline: bytes) -> None:
    before = (
        b"from tensorflow.contrib.legacy_seq2seq import (\n"
        b"    embedding_attention_seq2seq,  # the model\n"
        b"    sequence_loss,\n"
        b")\n"
    ).replace(b"\n", newline)
    after = before.replace(
        b"tensorflow.contrib.legacy_seq2seq", b"legacy2tf2.runtime.legacy_seq2seq"
    )
    assert_pair(before, after)


def test_semicolon_separated_imports_are_split_on_the_same_line() -> None:
    assert_pair(
        "import os; from tensorflow.contrib import layers, legacy_seq2seq\n"
        "x = layers.l2_regularizer(1.0); y = legacy_seq2seq.rnn_decoder(a, b, c); z = os.sep\n",
        "import os; from tensorflow.contrib import layers; from legacy2tf2.runtime import legacy_seq2seq\n"
        "x = layers.l2_regularizer(1.0); y = legacy_seq2seq.rnn_decoder(a, b, c); z = os.sep\n",
    )
