"""Three small legacy_seq2seq models built with the runtime in a ``tf.compat.v1`` graph; their
variables' names in every TF1 version are in :mod:`tests.checkpoints.tf1_names`.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import tensorflow as tf

from legacy2tf2.runtime import legacy_seq2seq, rnn_cell
from legacy2tf2.runtime.variables import get_variable

BATCH, SIZE, SOURCE_VOCAB, TARGET_VOCAB = 2, 4, 7, 8
ENCODER_STEPS, DECODER_STEPS = 3, 2
#: The LSTMCell's output projection size.
NUM_PROJ = 3


def _ids(steps: int, vocab: int, seed: int) -> list[Any]:
    rng = np.random.default_rng(seed)
    return [tf.constant(rng.integers(0, vocab, BATCH), tf.int32) for _ in range(steps)]


def build_models() -> tuple[list[Any], Any]:
    """The three models in the current graph: (their logits per step, one Adam step on them)."""
    encoder = _ids(ENCODER_STEPS, SOURCE_VOCAB, 1)
    decoder = _ids(DECODER_STEPS, TARGET_VOCAB, 2)
    w = get_variable("proj_w", [TARGET_VOCAB, SIZE])
    b = get_variable("proj_b", [TARGET_VOCAB])
    gru = rnn_cell.MultiRNNCell([rnn_cell.GRUCell(SIZE) for _ in range(2)])
    gru_outputs, _ = legacy_seq2seq.embedding_attention_seq2seq(
        encoder,
        decoder,
        gru,
        SOURCE_VOCAB,
        TARGET_VOCAB,
        SIZE,
        output_projection=(tf.transpose(w), b),
    )
    with tf.compat.v1.variable_scope("lstm_model"):
        lstm = rnn_cell.MultiRNNCell([rnn_cell.BasicLSTMCell(SIZE) for _ in range(2)])
        lstm_outputs, _ = legacy_seq2seq.embedding_attention_seq2seq(
            encoder, decoder, lstm, SOURCE_VOCAB, TARGET_VOCAB, SIZE
        )
    peephole = rnn_cell.LSTMCell(SIZE, use_peepholes=True, num_proj=NUM_PROJ)
    peephole_outputs, _ = legacy_seq2seq.embedding_rnn_seq2seq(
        encoder, decoder, peephole, SOURCE_VOCAB, TARGET_VOCAB, SIZE
    )
    gru_logits = [tf.matmul(output, w, transpose_b=True) + b for output in gru_outputs]
    outputs = [*gru_logits, *lstm_outputs, *peephole_outputs]
    loss = tf.add_n([tf.reduce_sum(tf.square(output)) for output in outputs])
    step = tf.compat.v1.train.AdamOptimizer(0.1).minimize(
        loss, global_step=tf.compat.v1.train.get_or_create_global_step()
    )
    return outputs, step
