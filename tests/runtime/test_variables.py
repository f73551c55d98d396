"""The TF1-name variable store: sharing by name eagerly, in tf.function, and TF1 rules in graphs."""

import numpy as np
import pytest
import tensorflow as tf

from legacy2tf2.runtime import VariableStore, legacy_seq2seq, rnn_cell
from legacy2tf2.runtime.variables import current_store, default_store, get_variable

v1 = tf.compat.v1


def test_same_name_returns_the_same_variable_eagerly():
    with VariableStore().as_default() as store:
        with v1.variable_scope("model"):
            first = get_variable("w", [2, 3])
        with v1.variable_scope("model", reuse=True):
            again = get_variable("w", [2, 3])
    assert first is again
    assert store.names() == ["model/w"] and first.path == "model/w"


def test_shape_mismatch_names_the_variable():
    with VariableStore().as_default():
        get_variable("w", [2, 3])
        with pytest.raises(ValueError, match=r"share variable w.*\[3, 3\].*\[2, 3\]"):
            get_variable("w", [3, 3])


def test_stores_are_independent_and_nest():
    outer, inner = VariableStore(), VariableStore()
    with outer.as_default():
        get_variable("w", [1])
        with inner.as_default():
            assert current_store() is inner
            get_variable("w", [1])
        assert current_store() is outer
    assert outer["w"] is not inner["w"]
    assert current_store() is default_store()


def test_graph_mode_follows_tf1_reuse_rules():
    with tf.Graph().as_default():
        with v1.variable_scope("s"):
            get_variable("w", [1])
        with pytest.raises(ValueError, match="already exists"), v1.variable_scope("s"):
            get_variable("w", [1])
        with v1.variable_scope("s", reuse=True):
            get_variable("w", [1])
        assert [v.name for v in v1.trainable_variables()] == ["s/w:0"]


def _toy_model(encoder, decoder):
    cell = rnn_cell.GRUCell(4)
    return legacy_seq2seq.embedding_rnn_seq2seq(
        encoder, decoder, cell, num_encoder_symbols=6, num_decoder_symbols=6, embedding_size=3
    )


def _toy_batch():
    rng = np.random.default_rng(0)
    encoder = [tf.constant(rng.integers(0, 6, 4), tf.int32) for _ in range(3)]
    decoder = [tf.constant(rng.integers(0, 6, 4), tf.int32) for _ in range(3)]
    return encoder, decoder


def test_eager_training_loop_trains_one_model():
    encoder, decoder = _toy_batch()
    targets = [*decoder[1:], decoder[0]]
    weights = [tf.ones([4])] * 3
    optimizer = tf.keras.optimizers.SGD(0.5)
    losses = []
    with VariableStore().as_default() as store:
        for _ in range(15):
            with tf.GradientTape() as tape:
                outputs, _ = _toy_model(encoder, decoder)
                loss = legacy_seq2seq.sequence_loss(outputs, targets, weights)
            grads = tape.gradient(loss, store.trainable_variables)
            optimizer.apply_gradients(zip(grads, store.trainable_variables, strict=True))
            losses.append(float(loss))
        assert len(store) == 12  # one model, not one per step
    assert losses[-1] < losses[0] * 0.9


def test_tf_function_creates_variables_on_its_first_trace_only():
    encoder, decoder = _toy_batch()
    with VariableStore().as_default() as store:

        @tf.function
        def step(enc, dec):
            outputs, _ = _toy_model(enc, dec)
            return tf.stack(outputs)

        first = step(encoder, decoder)
        count = len(store)
        second = step(encoder, decoder)
        longer = step(encoder + encoder[:1], decoder)  # retrace with another length
        assert len(store) == count == 12
    np.testing.assert_array_equal(first.numpy(), second.numpy())
    assert longer.shape[0] == 3


def test_xla_compiled_call_matches_eager():
    encoder, decoder = _toy_batch()
    with VariableStore().as_default():
        eager = tf.stack(_toy_model(encoder, decoder)[0])
        compiled = tf.function(lambda e, d: tf.stack(_toy_model(e, d)[0]), jit_compile=True)
        np.testing.assert_allclose(
            compiled(encoder, decoder).numpy(), eager.numpy(), rtol=1e-5, atol=1e-5
        )


def test_store_saves_and_restores_with_tf_train_checkpoint(tmp_path):
    encoder, decoder = _toy_batch()
    with VariableStore().as_default() as store:
        reference = tf.stack(_toy_model(encoder, decoder)[0]).numpy()
        path = tf.train.Checkpoint(store=store).save(str(tmp_path / "ckpt"))
    with VariableStore().as_default() as fresh:
        _toy_model(encoder, decoder)
        tf.train.Checkpoint(store=fresh).restore(path).assert_existing_objects_matched()
        np.testing.assert_allclose(tf.stack(_toy_model(encoder, decoder)[0]).numpy(), reference)
