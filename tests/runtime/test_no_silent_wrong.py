"""Places where a careless call used to give wrong numbers without an error, each one now exact or loud."""

import numpy as np
import pytest
import tensorflow as tf

from legacy2tf2.runtime import VariableStore
from legacy2tf2.runtime.checkpoint import load_tf1_checkpoint, resolve_checkpoint_path
from tests.runtime.translate_model import (
    CHECKPOINT_DIR,
    build_translate_model,
    decode_fixture,
    tf1_get_variable,
)

TOLERANCE = {"rtol": 1e-5, "atol": 1e-5}


# ----- the user's own tf.compat.v1.get_variable finds the checkpoint's variables ---------------
def test_user_get_variable_finds_loaded_projection_eagerly():
    fixture = decode_fixture()
    store = VariableStore()
    with store.as_default():
        load_tf1_checkpoint(CHECKPOINT_DIR)
        logits, loss = build_translate_model(fixture, tf1_get_variable)
    assert len(store) == 28  # nothing created beside the checkpoint's variables
    np.testing.assert_allclose(tf.stack(logits).numpy(), fixture["logits"], **TOLERANCE)
    np.testing.assert_allclose(loss.numpy(), fixture["loss"], **TOLERANCE)


def test_user_get_variable_finds_loaded_projection_in_tf_function():
    fixture = decode_fixture()
    store = VariableStore()
    with store.as_default():
        load_tf1_checkpoint(CHECKPOINT_DIR)
        run = tf.function(lambda: build_translate_model(fixture, tf1_get_variable))
        logits, loss = run()
    assert len(store) == 28
    np.testing.assert_allclose(tf.stack(logits).numpy(), fixture["logits"], **TOLERANCE)
    np.testing.assert_allclose(loss.numpy(), fixture["loss"], **TOLERANCE)


def test_user_get_variable_is_restored_by_saver_in_graph_mode():
    fixture = decode_fixture()
    with tf.Graph().as_default():
        logits, _ = build_translate_model(fixture, tf1_get_variable)
        with tf.compat.v1.Session() as session:
            tf.compat.v1.train.Saver().restore(session, resolve_checkpoint_path(CHECKPOINT_DIR))
            value = session.run(tf.stack(logits))
    np.testing.assert_allclose(value, fixture["logits"], **TOLERANCE)


def test_user_get_variable_is_reused_and_trained_through_the_store():
    store = VariableStore()
    with store.as_default():
        first = tf.compat.v1.get_variable("head/w", [3, 2])
        with tf.compat.v1.variable_scope("head", reuse=True):
            again = tf.compat.v1.get_variable("w", [3, 2])
        constant = tf.compat.v1.get_variable("c", initializer=tf.constant([1.0, 2.0]))
        with pytest.raises(ValueError, match=r"head/w.*\[4, 2\].*\[3, 2\]"):
            tf.compat.v1.get_variable("head/w", [4, 2])
    assert first is again is store["head/w"]
    assert store.names() == ["head/w", "c"]
    np.testing.assert_array_equal(constant.numpy(), [1.0, 2.0])
