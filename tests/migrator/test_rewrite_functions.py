"""Each legacy_seq2seq function (the 13 and ``_extract_argmax_and_embed``) in each alias style."""

from __future__ import annotations

import pytest
from codemod_pairs import assert_pair

from legacy2tf2.migrator.renames import SEQ2SEQ_FUNCTIONS

STYLES = {
    "full attribute path tf.contrib.legacy_seq2seq.f": (
        "import tensorflow as tf\n\nout = tf.contrib.legacy_seq2seq.{fn}(a, b, c)\ny = tf.zeros([1])\n",
        "import tensorflow as tf\nfrom legacy2tf2.runtime import legacy_seq2seq\n\n"
        "out = legacy_seq2seq.{fn}(a, b, c)\ny = tf.zeros([1])\n",
    ),
    "pre-1.0 path tf.nn.seq2seq.f": (
        "import tensorflow as tf\n\nout = tf.nn.seq2seq.{fn}(a, b, c)\ny = tf.zeros([1])\n",
        "import tensorflow as tf\nfrom legacy2tf2.runtime import legacy_seq2seq\n\n"
        "out = legacy_seq2seq.{fn}(a, b, c)\ny = tf.zeros([1])\n",
    ),
    "module imported: only the import changes": (
        "from tensorflow.contrib import legacy_seq2seq as s2s\n\nout = s2s.{fn}(a, b, c)\n",
        "from legacy2tf2.runtime import legacy_seq2seq as s2s\n\nout = s2s.{fn}(a, b, c)\n",
    ),
    "function imported by name": (
        "from tensorflow.contrib.legacy_seq2seq import {fn}\n\nout = {fn}(a, b, c)\n",
        "from legacy2tf2.runtime.legacy_seq2seq import {fn}\n\nout = {fn}(a, b, c)\n",
    ),
    "alias assigned in a function": (
        "import tensorflow as tf\n\n\ndef f():\n"
        "    seq2seq = tf.contrib.legacy_seq2seq\n    return seq2seq.{fn}(a, b, c)\n",
        "from legacy2tf2.runtime import legacy_seq2seq\n\n\ndef f():\n"
        "    seq2seq = legacy_seq2seq\n    return seq2seq.{fn}(a, b, c)\n",
    ),
    "function stored in a variable": (
        "import tensorflow as tf1\n\nfn = tf1.contrib.legacy_seq2seq.{fn}\nout = fn(a, b, c)\n",
        "from legacy2tf2.runtime import legacy_seq2seq\n\nfn = legacy_seq2seq.{fn}\nout = fn(a, b, c)\n",
    ),
}


@pytest.mark.parametrize("style", list(STYLES))
@pytest.mark.parametrize("fn", SEQ2SEQ_FUNCTIONS)
def test_function_in_style(fn: str, style: str) -> None:
    before, after = STYLES[style]
    assert_pair(before.format(fn=fn), after.format(fn=fn))


def test_the_thirteen_functions_and_the_private_helper_are_in_the_table() -> None:
    assert len(SEQ2SEQ_FUNCTIONS) == 14
    assert "_extract_argmax_and_embed" in SEQ2SEQ_FUNCTIONS
