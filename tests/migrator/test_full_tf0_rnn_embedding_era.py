"""--full: ``embedding_size=`` given to TensorFlow's ``EmbeddingWrapper`` or an embedding seq2seq
function shows a file is for TF 0.9 or later, so its TF 0.x ``rnn.rnn`` returns the final state.

TF 0.9 added ``embedding_size`` to ``EmbeddingWrapper`` and the embedding seq2seq functions (up
to TF 0.8: ``EmbeddingWrapper(cell, embedding_classes=0, embedding=None, initializer=None)``,
tensorflow/models/rnn/rnn_cell.py of that era; :mod:`legacy2tf2.migrator.tf0_embedding`), and
TF 0.7 made ``rnn`` return the final state instead of every step's (its release notes). A copy
of TF 0.x's seq2seq library in a chatbot (``rnn_cell.EmbeddingWrapper(cell,
embedding_classes=..., embedding_size=...)`` then ``_, encoder_state = rnn.rnn(encoder_cell,
...)`` passed to the program's own decoder) was left failing (L2T006, L2T021).
"""

from __future__ import annotations

import libcst as cst
import pytest
from pre1_0_pairs import assert_changed_once, fix_body

from legacy2tf2.migrator import tf0_rnn

HEAD = (
    "import tensorflow as tf\n"
    "from tensorflow.python.ops import rnn\n"
    "from tensorflow.python.ops import rnn_cell\n"
)
WRAP = "enc_cell = rnn_cell.EmbeddingWrapper(cell, embedding_classes=v, embedding_size=e)\n"


def test_embedding_size_keyword_of_tensorflow_callables_is_tf_0_9_evidence() -> None:
    assert tf0_rnn.since_0_7(cst.parse_module(HEAD + WRAP)) == "embedding_size= (TF 0.9+)"
    seq2seq = "out, st = tf.nn.seq2seq.embedding_rnn_seq2seq(a, b, c, 5, 5, embedding_size=8)\n"
    assert tf0_rnn.since_0_7(cst.parse_module(HEAD + seq2seq)) == "embedding_size= (TF 0.9+)"


@pytest.mark.parametrize(
    "body",
    [
        # the program's own function of that name, and the keyword elsewhere, tell nothing
        "def EmbeddingWrapper(cell, embedding_classes, embedding_size):\n    return cell\n"
        "enc_cell = EmbeddingWrapper(cell, embedding_classes=v, embedding_size=e)\n",
        "emb = tf.get_variable('emb', shape(embedding_size=e))\n",
        # TF 0.8's call, without the keyword
        "enc_cell = rnn_cell.EmbeddingWrapper(cell, v)\n",
    ],
)
def test_other_embedding_size_keywords_are_no_evidence(body: str) -> None:
    assert tf0_rnn.since_0_7(cst.parse_module(HEAD + body)) is None


def test_tf_0_9_seq2seq_copy_gets_static_rnn_for_its_encoder() -> None:
    body = (
        WRAP + "_, encoder_state = rnn.rnn(enc_cell, encoder_inputs, dtype=dtype)\n"
        "outputs = my_decoder(decoder_inputs, encoder_state, cell)\n"
    )
    assert_changed_once(body, body.replace("rnn.rnn(", "tf.compat.v1.nn.static_rnn("), head=HEAD)
    # TF 0.8's call (no embedding_size) does not tell TF 0.6's per-step states from the final one
    tf0_8 = body.replace(", embedding_size=e", "")
    new, codes = fix_body(tf0_8, HEAD)
    assert new == tf0_8 and codes == []
