"""Keras-native layers: TF1 weight names, standalone attention, config round trips."""

import numpy as np
import pytest
import tensorflow as tf

from legacy2tf2.runtime import AttentionDecoder, Encoder, LegacyAttention, rnn_cell


@pytest.mark.parametrize(
    "make",
    [
        lambda: Encoder(rnn_cell.GRUCell(4), 10, 3, pad_id=0),
        lambda: AttentionDecoder(
            rnn_cell.BasicLSTMCell(4), 10, 3, num_heads=2, output_projection=False
        ),
        lambda: LegacyAttention(2, tf1_scope="attn"),
    ],
    ids=["encoder", "decoder", "attention"],
)
def test_config_round_trip(make):
    layer = make()
    config = layer.get_config()
    assert type(layer).from_config(config).get_config() == config


def test_encoder_weights_carry_tf1_names_and_outputs_are_batch_major():
    encoder = Encoder(rnn_cell.GRUCell(4), 10, 3)
    outputs, state = encoder(np.array([[1, 2, 3], [4, 5, 6]], "int32"))
    assert outputs.shape == (2, 3, 4) and state.shape == (2, 4)
    np.testing.assert_allclose(outputs[:, -1].numpy(), state.numpy(), rtol=1e-6)
    assert encoder.store.names()[0] == "embedding_attention_seq2seq/rnn/embedding_wrapper/embedding"


def test_legacy_attention_standalone_weights_sum_to_one():
    attention = LegacyAttention(num_heads=2)
    states = tf.random.normal([2, 5, 6])
    context, weights = attention(tf.random.normal([2, 4]), states)
    assert context.shape == (2, 12) and weights.shape == (2, 2, 5)
    np.testing.assert_allclose(weights.numpy().sum(-1), 1.0, rtol=1e-5)
    assert sorted(attention.store.names())[:2] == [
        "attention_decoder/Attention_0/bias",
        "attention_decoder/Attention_0/kernel",
    ]
