"""tf.contrib.seq2seq.sequence_loss moves to the runtime's layers_v1; the rest of contrib.seq2seq
(decoders, helpers, attention) stays as it is, reported."""

from __future__ import annotations

import pytest
from codemod_pairs import assert_noop, assert_pair

PAIRS = [
    pytest.param(
        "import tensorflow as tf\n"
        "\n"
        "loss = tf.contrib.seq2seq.sequence_loss(logits=outputs, targets=y, weights=w)\n"
        "x = tf.zeros(1)\n",
        "import tensorflow as tf\n"
        "from legacy2tf2.runtime import layers_v1\n"
        "\n"
        "loss = layers_v1.sequence_loss(logits=outputs, targets=y, weights=w)\n"
        "x = tf.zeros(1)\n",
        (),
        id="tf.contrib.seq2seq path",
    ),
    pytest.param(
        "from tensorflow.contrib.seq2seq import sequence_loss\n"
        "\n"
        "loss = sequence_loss(logits, targets, weights, average_across_timesteps=False)\n",
        "from legacy2tf2.runtime.layers_v1 import sequence_loss\n"
        "\n"
        "loss = sequence_loss(logits, targets, weights, average_across_timesteps=False)\n",
        (),
        id="imported by name",
    ),
    pytest.param(
        "import tensorflow.contrib.seq2seq as s2s\n\nloss = s2s.sequence_loss(logits, targets, weights)\n",
        "from legacy2tf2.runtime import layers_v1\n\nloss = layers_v1.sequence_loss(logits, targets, weights)\n",
        (),
        id="the module under an alias",
    ),
]


@pytest.mark.parametrize(("before", "after", "codes"), PAIRS)
def test_contrib_sequence_loss_moves_to_the_runtime(before: str, after: str, codes) -> None:
    assert_pair(before, after, codes=codes)


def test_the_rest_of_contrib_seq2seq_keeps_its_import_and_stays_reported() -> None:
    before = (
        "from tensorflow.contrib import seq2seq\n"
        "\n"
        "loss = seq2seq.sequence_loss(logits, targets, weights)\n"
        "decoder = seq2seq.BasicDecoder(cell, helper, state)\n"
    )
    after = (
        "from tensorflow.contrib import seq2seq\n"
        "from legacy2tf2.runtime import layers_v1\n"
        "\n"
        "loss = layers_v1.sequence_loss(logits, targets, weights)\n"
        "decoder = seq2seq.BasicDecoder(cell, helper, state)\n"
    )
    assert_pair(before, after)
    from legacy2tf2.migrator.engine import check_source

    reported = [f for f in check_source(after.encode(), "case.py") if f.code == "L2T001"]
    assert reported and all(
        "BasicDecoder" in f.message or "seq2seq`" in f.message for f in reported
    )


def test_a_programs_own_sequence_loss_is_left_alone() -> None:
    assert_noop(
        "import tensorflow as tf\n"
        "\n"
        "def sequence_loss(logits, targets, weights):\n"
        "    return tf.reduce_mean(weights)\n"
        "\n"
        "loss = sequence_loss(a, b, c)\n"
    )
