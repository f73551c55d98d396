"""DropoutWrapper keeps its input's static shape, as TF1's dropout did, whatever keep_prob's is."""

from __future__ import annotations

import numpy as np
import tensorflow as tf

from legacy2tf2.runtime import legacy_seq2seq, rnn_cell


def test_unknown_shape_keep_prob_placeholder_keeps_the_output_shape() -> None:
    with tf.Graph().as_default():
        keep_prob = tf.compat.v1.placeholder(tf.float32)  # no shape, as TF1 tutorials wrote it
        inputs = tf.compat.v1.placeholder(tf.float32, [None, 6])
        cell = rnn_cell.DropoutWrapper(rnn_cell.BasicLSTMCell(4), output_keep_prob=keep_prob)
        output, state = cell(inputs, cell.zero_state(3, tf.float32))
        assert output.shape.as_list() == [3, 4]
        assert state.h.shape.as_list() == [3, 4]


def test_repeated_dropout_cells_with_a_placeholder_keep_prob_build_every_layer() -> None:
    """TF 0.12 style: ``MultiRNNCell([DropoutWrapper(cell, kp)] * 2)`` in embedding_rnn_seq2seq,
    each layer with its own weights: the second layer builds from the first layer's output."""
    with tf.Graph().as_default():
        keep_prob = tf.compat.v1.placeholder(tf.float32)
        encoder = [tf.compat.v1.placeholder(tf.int64, [None]) for _ in range(3)]
        decoder = [tf.compat.v1.placeholder(tf.int64, [None]) for _ in range(3)]
        layer = rnn_cell.DropoutWrapper(
            rnn_cell.BasicLSTMCell(8, state_is_tuple=True), output_keep_prob=keep_prob
        )
        cell = rnn_cell.MultiRNNCell([layer] * 2, state_is_tuple=True, repeated_cells="copy")
        outputs, _ = legacy_seq2seq.embedding_rnn_seq2seq(encoder, decoder, cell, 10, 11, 8)
        names = [v.name for v in tf.compat.v1.trainable_variables()]
        assert any("/cell_1/basic_lstm_cell/kernel" in name for name in names)
        with tf.compat.v1.Session() as session:
            session.run(tf.compat.v1.global_variables_initializer())
            feed = {p: np.array([1, 2], np.int64) for p in encoder + decoder}
            feed[keep_prob] = 1.0
            logits = session.run(outputs[0], feed)
        assert logits.shape == (2, 11)
