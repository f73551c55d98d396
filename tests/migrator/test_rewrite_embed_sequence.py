"""tf.contrib.layers.embed_sequence and flatten move to the runtime (encoders, flatten); the other
tf.contrib.layers names it does not provide stay, reported."""

from __future__ import annotations

import pytest
from codemod_pairs import assert_pair

from legacy2tf2.migrator.engine import check_source

PAIRS = [
    pytest.param(
        "import tensorflow as tf\n"
        "\n"
        "enc_embed_input = tf.contrib.layers.embed_sequence(input_data, vocab_size, embed_size)\n"
        "x = tf.zeros(1)\n",
        "import tensorflow as tf\n"
        "from legacy2tf2.runtime import encoders\n"
        "\n"
        "enc_embed_input = encoders.embed_sequence(input_data, vocab_size, embed_size)\n"
        "x = tf.zeros(1)\n",
        (),
        id="tf.contrib.layers path",
    ),
    pytest.param(
        "from tensorflow.contrib.layers import embed_sequence\n"
        "\n"
        "emb = embed_sequence(ids, vocab_size=100, embed_dim=16, scope='embed', reuse=True)\n",
        "from legacy2tf2.runtime.encoders import embed_sequence\n"
        "\n"
        "emb = embed_sequence(ids, vocab_size=100, embed_dim=16, scope='embed', reuse=True)\n",
        (),
        id="imported by name",
    ),
    pytest.param(
        "from tensorflow.contrib.layers.python.layers import encoders\n"
        "\n"
        "emb = encoders.embed_sequence(ids, 100, 16)\n",
        "from legacy2tf2.runtime import encoders as l2t_encoders\n"
        "\n"
        "emb = l2t_encoders.embed_sequence(ids, 100, 16)\n",
        (),
        id="the defining module, whose name the file binds",
    ),
]


@pytest.mark.parametrize(("before", "after", "codes"), PAIRS)
def test_embed_sequence_moves_to_the_runtime(before: str, after: str, codes) -> None:
    assert_pair(before, after, codes=codes)


def test_other_contrib_layers_names_keep_their_import_and_stay_reported() -> None:
    before = (
        "from tensorflow.contrib import layers\n"
        "\n"
        "emb = layers.embed_sequence(ids, 100, 16)\n"
        "h = layers.batch_norm(emb)\n"
    )
    after = (
        "from tensorflow.contrib import layers\n"
        "from legacy2tf2.runtime import encoders\n"
        "\n"
        "emb = encoders.embed_sequence(ids, 100, 16)\n"
        "h = layers.batch_norm(emb)\n"
    )
    assert_pair(before, after)
    left = [(f.line, f.code) for f in check_source(after.encode(), "m.py")]
    assert left == [(1, "L2T001"), (5, "L2T001")]


def test_contrib_layers_flatten_moves_to_the_runtime() -> None:
    assert_pair(
        "import tensorflow as tf\n"
        "\n"
        "h = tf.layers.dense(tf.contrib.layers.flatten(pool), 50, name='fc')\n",
        "from legacy2tf2.runtime import layers_v1\n"
        "from legacy2tf2.runtime import flatten\n"
        "\n"
        "h = layers_v1.dense(flatten.flatten(pool), 50, name='fc')\n",
    )
