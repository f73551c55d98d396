"""Careless input to the runtime raises an error naming the argument, what was expected and
what was received, before any TensorFlow op fails."""

import shutil

import numpy as np
import pytest
import tensorflow as tf

from legacy2tf2.runtime import (
    Seq2Seq,
    VariableStore,
    legacy_seq2seq,
    load_tf1_checkpoint,
    rnn_cell,
)
from tests.runtime.translate_model import CHECKPOINT_DIR, CONFIG

v1 = tf.compat.v1


@pytest.fixture(autouse=True)
def fresh_store():
    with VariableStore().as_default():
        yield


def ids(batch, steps=2):
    return [tf.zeros([batch], tf.int32) for _ in range(steps)]


def floats(batch, width, steps=2):
    return [tf.zeros([batch, width]) for _ in range(steps)]


def test_encoder_and_decoder_batch_sizes_must_agree():
    with pytest.raises(ValueError, match=r"`decoder_inputs\[0\]`.*batch size 3.*Received.*2"):
        legacy_seq2seq.embedding_attention_seq2seq(ids(3), ids(2), rnn_cell.GRUCell(2), 5, 5, 3)


def test_batch_mismatch_is_named_in_graph_mode_too():
    with tf.Graph().as_default():
        encoder = [v1.placeholder(tf.int32, [3]) for _ in range(2)]
        decoder = [v1.placeholder(tf.int32, [2]) for _ in range(2)]
        with pytest.raises(ValueError, match=r"`decoder_inputs\[0\]`.*batch size 3"):
            legacy_seq2seq.embedding_rnn_seq2seq(encoder, decoder, rnn_cell.GRUCell(2), 5, 5, 3)


def test_batch_mismatch_in_basic_rnn_seq2seq():
    with pytest.raises(ValueError, match=r"`decoder_inputs\[1\]`.*batch size 3"):
        legacy_seq2seq.basic_rnn_seq2seq(
            floats(3, 2), [tf.zeros([3, 2]), tf.zeros([2, 2])], rnn_cell.GRUCell(2)
        )


def test_token_steps_of_shape_batch_by_one_are_refused():
    with pytest.raises(ValueError, match=r"`encoder_inputs\[0\]` must have rank 1.*\(3, 1\)"):
        legacy_seq2seq.embedding_rnn_seq2seq(
            [tf.zeros([3, 1], tf.int32)] * 2, ids(3), rnn_cell.GRUCell(2), 5, 5, 3
        )


def test_float_tokens_are_still_refused():
    with pytest.raises(ValueError, match=r"integer token ids"):
        legacy_seq2seq.embedding_rnn_seq2seq(
            [tf.zeros([3])] * 2, ids(3), rnn_cell.GRUCell(2), 5, 5, 3
        )


def test_rnn_decoder_steps_must_be_rank_2():
    with pytest.raises(ValueError, match=r"`decoder_inputs\[0\]` must have rank 2.*\(3,\)"):
        legacy_seq2seq.rnn_decoder(
            [tf.zeros([3])] * 2, rnn_cell.GRUCell(2).zero_state(3, tf.float32), rnn_cell.GRUCell(2)
        )


def test_loop_function_of_the_wrong_shape_is_named():
    cell = rnn_cell.GRUCell(2)

    def loop_function(prev, i):
        return tf.zeros([3, 7])

    with pytest.raises(
        ValueError, match=r"`loop_function`.*shape \[3, 4\].*at step 1 it returned shape \(3, 7\)"
    ):
        legacy_seq2seq.rnn_decoder(
            floats(3, 4), cell.zero_state(3, tf.float32), cell, loop_function=loop_function
        )


def test_loop_function_of_the_wrong_shape_in_attention_decoder():
    cell = rnn_cell.GRUCell(2)
    with pytest.raises(ValueError, match=r"`loop_function`.*at step 1 it returned shape \(3, 7\)"):
        legacy_seq2seq.attention_decoder(
            floats(3, 4),
            cell.zero_state(3, tf.float32),
            tf.zeros([3, 2, 2]),
            cell,
            loop_function=lambda prev, i: tf.zeros([3, 7]),
        )


@pytest.mark.parametrize(
    "weights_shape, biases_shape, message",
    [
        ((2, 4), (5,), r"`output_projection\[0\]` .* \(2, 5\)\. Received: shape=\(2, 4\)"),
        ((2, 5), (4,), r"`output_projection\[1\]` .* \(5,\)\. Received: shape=\(4,\)"),
    ],
    ids=["weights", "biases"],
)
def test_output_projection_of_the_wrong_shape(weights_shape, biases_shape, message):
    projection = (tf.zeros(weights_shape), tf.zeros(biases_shape))
    with pytest.raises(ValueError, match=message):
        legacy_seq2seq.embedding_attention_seq2seq(
            ids(3),
            ids(3),
            rnn_cell.GRUCell(2),
            5,
            5,
            3,
            output_projection=projection,
            feed_previous=True,
        )


def test_multi_rnn_cell_given_a_single_tensor_state():
    cell = rnn_cell.MultiRNNCell([rnn_cell.GRUCell(2), rnn_cell.GRUCell(2)])
    with pytest.raises(
        ValueError,
        match=r"`state` .*state_is_tuple=True must be a tuple of 2 .*Received: EagerTensor.*"
        r"Up to TF 0.11 MultiRNNCell defaulted to state_is_tuple=False",
    ):
        cell(tf.zeros([3, 2]), tf.zeros([3, 4]))


@pytest.mark.parametrize(
    "argument, sizes",
    [
        ("num_encoder_symbols", (0, 5, 3)),
        ("num_decoder_symbols", (5, 0, 3)),
        ("num_decoder_symbols", (5, -1, 3)),
        ("embedding_size", (5, 5, 0)),
    ],
)
def test_sizes_must_be_positive(argument, sizes):
    with pytest.raises(ValueError, match=rf"`{argument}` must be a positive integer"):
        legacy_seq2seq.embedding_attention_seq2seq(ids(3), ids(3), rnn_cell.GRUCell(2), *sizes)


def test_top_k_beyond_the_vocabulary_is_refused():
    model = Seq2Seq(rnn_cell.GRUCell(2), 5, 5, 3)
    with pytest.raises(ValueError, match=r"`top_k` must be in \[1, 6\)"):
        model.generate(np.zeros([1, 2], np.int32), 3, method="sample", top_k=9)


def corrupt_checkpoint(tmp_path):
    prefix = "translate.ckpt-30"
    for source in CHECKPOINT_DIR.glob(prefix + ".*"):
        shutil.copy(source, tmp_path / source.name)
    data = tmp_path / f"{prefix}.data-00000-of-00001"
    data.write_bytes(data.read_bytes()[:100])
    return tmp_path / prefix, data


def test_corrupt_checkpoint_data_names_the_file(tmp_path):
    prefix, data = corrupt_checkpoint(tmp_path)
    with pytest.raises(ValueError, match=rf"cannot be read.*{data.name}") as caught:
        load_tf1_checkpoint(prefix, VariableStore())
    assert caught.value.__cause__ is not None


def test_corrupt_checkpoint_in_seq2seq_from_tf1_checkpoint(tmp_path):
    prefix, data = corrupt_checkpoint(tmp_path)
    cell = rnn_cell.MultiRNNCell([rnn_cell.GRUCell(CONFIG["size"]) for _ in range(2)])
    with pytest.raises(ValueError, match=rf"cannot be read.*{data.name}"):
        Seq2Seq.from_tf1_checkpoint(
            prefix,
            cell,
            num_encoder_symbols=CONFIG["src_vocab"],
            num_decoder_symbols=CONFIG["tgt_vocab"],
            embedding_size=CONFIG["size"],
        )


def test_attention_decoder_builds_from_shapes_and_runs_in_a_functional_model():
    import keras

    from legacy2tf2.runtime import AttentionDecoder

    decoder = AttentionDecoder(rnn_cell.GRUCell(4), 7, 3)
    decoder.build(memory_shape=(None, 5, 6))
    assert decoder.built and "proj_w" in decoder.store.names()
    assert len(decoder.trainable_weights) > 0

    tokens = keras.Input((), dtype="int32")
    cell_state = keras.Input((4,))
    attention = keras.Input((6,))
    outputs = keras.Input((5, 6))
    logits, (new_cell_state, _), _ = decoder(tokens, (cell_state, (attention,)), outputs)
    model = keras.Model([tokens, cell_state, attention, outputs], [logits, new_cell_state])

    feed = [
        np.array([1, 2], "int32"),
        np.random.rand(2, 4).astype("float32"),
        np.random.rand(2, 6).astype("float32"),
        np.random.rand(2, 5, 6).astype("float32"),
    ]
    functional_logits, functional_state = model(feed)
    eager_logits, (eager_state, _), _ = decoder.step(
        tf.constant(feed[0]), (feed[1], (tf.constant(feed[2]),)), decoder.memory(feed[3])
    )
    assert functional_logits.shape == (2, 7)
    np.testing.assert_allclose(functional_logits.numpy(), eager_logits.numpy(), rtol=1e-5)
    np.testing.assert_allclose(functional_state.numpy(), eager_state.numpy(), rtol=1e-5)


def test_attention_decoder_build_without_memory_shape_says_what_it_needs():
    from legacy2tf2.runtime import AttentionDecoder

    with pytest.raises(ValueError, match=r"encoder outputs \[batch, length, attention_size\]"):
        AttentionDecoder(rnn_cell.GRUCell(4), 7, 3).build((None,))


def public_layers():
    import inspect

    import keras

    from legacy2tf2.runtime import layers, models

    found = {}
    for module in (rnn_cell, layers, models):
        for name in getattr(module, "__all__", None) or dir(module):
            value = getattr(module, name)
            if (
                inspect.isclass(value)
                and issubclass(value, keras.layers.Layer)
                and value.__module__.startswith("legacy2tf2")
                and not name.startswith("_")
            ):
                found[name] = value
    return sorted(found.items())


@pytest.mark.parametrize("name, layer", public_layers(), ids=lambda v: getattr(v, "__name__", v))
def test_every_public_layer_and_cell_documents_its_arguments(name, layer):
    assert "\n    Args:\n" in (layer.__doc__ or ""), f"{name} has no Args: section"


def test_encoder_composes_in_keras_sequential():
    import keras

    from legacy2tf2.runtime import Encoder

    encoder = Encoder(rnn_cell.GRUCell(4), 10, 3)
    model = keras.Sequential([keras.Input((3,), dtype="int32"), encoder])
    tokens = np.array([[1, 2, 3], [4, 5, 6]], "int32")
    outputs, state = model(tokens)
    direct_outputs, direct_state = encoder(tokens)
    assert outputs.shape == (2, 3, 4)
    np.testing.assert_allclose(outputs.numpy(), direct_outputs.numpy(), rtol=1e-6)
    np.testing.assert_allclose(state.numpy(), direct_state.numpy(), rtol=1e-6)


def test_shape_errors_are_named_in_graph_mode_too():
    with tf.Graph().as_default():
        tokens = [v1.placeholder(tf.int32, [None]) for _ in range(2)]
        projection = (v1.placeholder(tf.float32, [2, 4]), v1.placeholder(tf.float32, [5]))
        with pytest.raises(ValueError, match=r"`output_projection\[0\]`.*Received: shape=\(2, 4\)"):
            legacy_seq2seq.embedding_rnn_seq2seq(
                tokens, tokens, rnn_cell.GRUCell(2), 5, 5, 3, output_projection=projection
            )
        cell = rnn_cell.MultiRNNCell([rnn_cell.GRUCell(2), rnn_cell.GRUCell(2)])
        with pytest.raises(ValueError, match=r"`state` .*must be a tuple of 2 .*a tuple of 1"):
            cell(v1.placeholder(tf.float32, [None, 2]), (tf.zeros([1, 2]),))


def test_token_steps_still_reach_an_embedding_cell_in_rnn_decoder():
    cell = rnn_cell.EmbeddingWrapper(rnn_cell.GRUCell(2), 5, 3)
    outputs, state = legacy_seq2seq.rnn_decoder(ids(3), cell.zero_state(3, tf.float32), cell)
    assert outputs[-1].shape == (3, 2) and state.shape == (3, 2)


@pytest.mark.parametrize("cell_class", [rnn_cell.BasicLSTMCell, rnn_cell.LSTMCell])
def test_tuple_lstm_given_one_concatenated_state_tensor_names_state_is_tuple(cell_class):
    # A batch of two: unpacking the [2, 8] tensor would take its rows as c and h.
    cell = cell_class(4)
    with pytest.raises(ValueError, match=r"state_is_tuple=True got one state tensor.*TF 0.11"):
        cell(tf.zeros([2, 3]), tf.zeros([2, 8]))


def test_tuple_lstm_given_a_concatenated_placeholder_in_graph_mode():
    with tf.Graph().as_default():
        state = v1.placeholder(tf.float32, [None, 8])
        inputs = [v1.placeholder(tf.float32, [None, 3]) for _ in range(2)]
        with pytest.raises(ValueError, match=r"pass state_is_tuple=False"):
            v1.nn.static_rnn(rnn_cell.BasicLSTMCell(4), inputs, initial_state=state)


def test_concatenated_lstm_state_still_runs_with_state_is_tuple_false():
    cell = rnn_cell.BasicLSTMCell(4, state_is_tuple=False)
    output, state = cell(tf.zeros([2, 3]), tf.zeros([2, 8]))
    assert output.shape == (2, 4) and state.shape == (2, 8)


def test_model_with_buckets_names_tf_0_7s_vocabulary_size_in_the_seq2seq_slot():
    with pytest.raises(TypeError, match=r"`seq2seq`.*received 40.*num_decoder_symbols"):
        legacy_seq2seq.model_with_buckets(
            ids(2), ids(2), ids(2), floats(2, 1), [(2, 2)], 40, lambda x, y: (x, None)
        )
