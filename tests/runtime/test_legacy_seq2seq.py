"""The 13 functions: TF1 signatures, clear errors for bad input, and TF1 training in graph mode."""

import inspect

import numpy as np
import pytest
import tensorflow as tf

from legacy2tf2.runtime import VariableStore, legacy_seq2seq, rnn_cell

v1 = tf.compat.v1

TF1_SIGNATURES = {
    "attention_decoder": "decoder_inputs initial_state attention_states cell output_size num_heads "
    "loop_function dtype scope initial_state_attention",
    "basic_rnn_seq2seq": "encoder_inputs decoder_inputs cell dtype scope",
    "embedding_attention_decoder": "decoder_inputs initial_state attention_states cell num_symbols "
    "embedding_size num_heads output_size output_projection feed_previous "
    "update_embedding_for_previous dtype scope initial_state_attention",
    "embedding_attention_seq2seq": "encoder_inputs decoder_inputs cell num_encoder_symbols "
    "num_decoder_symbols embedding_size num_heads output_projection feed_previous dtype scope "
    "initial_state_attention",
    "embedding_rnn_decoder": "decoder_inputs initial_state cell num_symbols embedding_size "
    "output_projection feed_previous update_embedding_for_previous scope",
    "embedding_rnn_seq2seq": "encoder_inputs decoder_inputs cell num_encoder_symbols "
    "num_decoder_symbols embedding_size output_projection feed_previous dtype scope",
    "embedding_tied_rnn_seq2seq": "encoder_inputs decoder_inputs cell num_symbols embedding_size "
    "num_decoder_symbols output_projection feed_previous dtype scope",
    "model_with_buckets": "encoder_inputs decoder_inputs targets weights buckets seq2seq "
    "softmax_loss_function per_example_loss name",
    "one2many_rnn_seq2seq": "encoder_inputs decoder_inputs_dict enc_cell dec_cells_dict "
    "num_encoder_symbols num_decoder_symbols_dict embedding_size feed_previous dtype scope",
    "rnn_decoder": "decoder_inputs initial_state cell loop_function scope",
    "sequence_loss": "logits targets weights average_across_timesteps average_across_batch "
    "softmax_loss_function name",
    "sequence_loss_by_example": "logits targets weights average_across_timesteps "
    "softmax_loss_function name",
    "tied_rnn_seq2seq": "encoder_inputs decoder_inputs cell loop_function dtype scope",
    "_extract_argmax_and_embed": "embedding output_projection update_embedding",
}


@pytest.mark.parametrize("name", sorted(TF1_SIGNATURES))
def test_signature_is_tf1s(name):
    parameters = list(inspect.signature(getattr(legacy_seq2seq, name)).parameters)
    assert parameters == TF1_SIGNATURES[name].split()


@pytest.fixture(autouse=True)
def fresh_store():
    with VariableStore().as_default():
        yield


def ids(*values):
    return [tf.constant(v, tf.int32) for v in values]


def test_token_id_outside_the_vocabulary_is_named_eagerly():
    with pytest.raises(
        ValueError, match=r"`encoder_inputs\[1\]` holds token id 9, outside .* 5 symbols"
    ):
        legacy_seq2seq.embedding_rnn_seq2seq(
            ids([1, 2], [9, 0]), ids([1, 2]), rnn_cell.GRUCell(2), 5, 5, 3
        )


def test_token_id_outside_the_vocabulary_fails_at_run_time_in_graph_mode():
    with tf.Graph().as_default():
        encoder = [v1.placeholder(tf.int32, [None]) for _ in range(2)]
        outputs, _ = legacy_seq2seq.embedding_attention_seq2seq(
            encoder, ids([1, 2]), rnn_cell.GRUCell(2), 5, 5, 3
        )
        with v1.Session() as session:
            session.run(v1.global_variables_initializer())
            feed = {encoder[0]: [1, 2], encoder[1]: [0, 1]}
            session.run(outputs, feed)
            feed[encoder[1]] = [0, 7]
            with pytest.raises(tf.errors.InvalidArgumentError, match=r"encoder_inputs\[1\]"):
                session.run(outputs, feed)


def test_float_token_ids_are_rejected():
    with pytest.raises(ValueError, match=r"`decoder_inputs\[0\]` must hold integer token ids"):
        legacy_seq2seq.embedding_rnn_decoder(
            [tf.constant([1.0])], tf.zeros([1, 2]), rnn_cell.GRUCell(2), 5, 3
        )


def test_lists_are_required_and_not_empty():
    with pytest.raises(TypeError, match=r"`encoder_inputs` must be a Python list"):
        legacy_seq2seq.basic_rnn_seq2seq(
            tf.zeros([3, 2, 4]), [tf.zeros([2, 4])], rnn_cell.GRUCell(2)
        )
    with pytest.raises(ValueError, match=r"`decoder_inputs` must not be empty"):
        legacy_seq2seq.attention_decoder(
            [], tf.zeros([2, 2]), tf.zeros([2, 3, 2]), rnn_cell.GRUCell(2)
        )


def test_attention_arguments_are_checked():
    state, states = tf.zeros([2, 2]), tf.zeros([2, 3, 2])
    with pytest.raises(
        ValueError, match=r"`num_heads` must be a positive integer. Received: num_heads=0"
    ):
        legacy_seq2seq.attention_decoder(
            [tf.zeros([2, 4])], state, states, rnn_cell.GRUCell(2), num_heads=0
        )
    with pytest.raises(ValueError, match=r"`attention_states` must have rank 3"):
        legacy_seq2seq.attention_decoder(
            [tf.zeros([2, 4])], state, tf.zeros([2, 2]), rnn_cell.GRUCell(2)
        )


def test_loss_list_lengths_must_match():
    logits = [tf.zeros([2, 3])] * 2
    with pytest.raises(ValueError, match=r"same length. Received: 2, 1, 2"):
        legacy_seq2seq.sequence_loss(logits, ids([0, 1]), [tf.ones([2])] * 2)


def test_buckets_longer_than_the_inputs_are_rejected():
    with pytest.raises(
        ValueError, match=r"Length of `encoder_inputs` \(1\) must be at least .* \(2\)"
    ):
        legacy_seq2seq.model_with_buckets(
            ids([0]),
            ids([0], [0]),
            ids([0], [0]),
            [tf.ones([1])] * 2,
            [(2, 2)],
            lambda x, y: (y, None),
        )


def test_dec_cells_and_decoder_inputs_keys_must_match():
    with pytest.raises(ValueError, match=r"same keys"):
        legacy_seq2seq.one2many_rnn_seq2seq(
            ids([1]),
            {"a": ids([1])},
            rnn_cell.GRUCell(2),
            {"b": rnn_cell.GRUCell(2)},
            3,
            {"a": 3},
            2,
        )


def test_feed_previous_must_be_bool():
    with pytest.raises(ValueError, match=r"`feed_previous` must be a Python bool or a scalar bool"):
        legacy_seq2seq.embedding_rnn_seq2seq(
            ids([1]), ids([1]), rnn_cell.GRUCell(2), 3, 3, 2, feed_previous=tf.constant(1)
        )


def test_graph_mode_training_with_a_feed_previous_placeholder_needs_no_user_setting():
    """TF2's cond breaks TF1's gradient here unless intermediates are outputs; we handle it."""
    rng = np.random.default_rng(1)
    with tf.Graph().as_default():
        encoder = [v1.placeholder(tf.int32, [None], name=f"encoder{i}") for i in range(3)]
        decoder = [v1.placeholder(tf.int32, [None], name=f"decoder{i}") for i in range(4)]
        weights = [v1.placeholder(tf.float32, [None]) for _ in range(3)]
        feed_previous = v1.placeholder(tf.bool, [])
        cell = rnn_cell.MultiRNNCell([rnn_cell.GRUCell(8), rnn_cell.GRUCell(8)])
        outputs, _ = legacy_seq2seq.embedding_attention_seq2seq(
            encoder, decoder[:3], cell, 7, 7, 5, feed_previous=feed_previous
        )
        loss = legacy_seq2seq.sequence_loss(outputs, decoder[1:], weights)
        train = v1.train.AdamOptimizer(0.05).minimize(loss)
        feed = {p: rng.integers(1, 7, 4) for p in encoder + decoder}
        feed.update({w: np.ones(4) for w in weights})
        with v1.Session() as session:
            session.run(v1.global_variables_initializer())
            feed[feed_previous] = False
            first = session.run(loss, feed)
            for _ in range(30):
                session.run(train, feed)
            assert session.run(loss, feed) < first
            feed[feed_previous] = True
            assert np.isfinite(session.run(loss, feed))


def test_none_decoder_inputs_are_allowed_after_the_first_with_a_loop_function():
    cell = rnn_cell.GRUCell(3)
    outputs, _ = legacy_seq2seq.rnn_decoder(
        [tf.ones([2, 3]), None, None],
        cell.zero_state(2, tf.float32),
        cell,
        loop_function=lambda prev, i: prev,
    )
    assert len(outputs) == 3
