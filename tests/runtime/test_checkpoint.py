"""The real TF1 checkpoint fixture: restored unchanged in graph mode, loaded by name eagerly."""

import numpy as np
import pytest
import tensorflow as tf

from legacy2tf2.runtime import VariableStore, rnn_cell
from legacy2tf2.runtime.checkpoint import (
    CheckpointMismatchError,
    is_training_bookkeeping,
    load_tf1_checkpoint,
    read_tf1_checkpoint,
    resolve_checkpoint_path,
)
from legacy2tf2.runtime.variables import get_variable
from tests.runtime.translate_model import CHECKPOINT_DIR, build_translate_model, decode_fixture

TOLERANCE = {"rtol": 1e-5, "atol": 1e-5}


def test_saver_restores_the_tf1_checkpoint_unchanged_in_graph_mode():
    fixture = decode_fixture()
    with tf.Graph().as_default():
        logits, loss = build_translate_model(fixture)
        saver = tf.compat.v1.train.Saver()
        with tf.compat.v1.Session() as session:
            saver.restore(session, resolve_checkpoint_path(CHECKPOINT_DIR))
            logits_value, loss_value = session.run([tf.stack(logits), loss])
    np.testing.assert_allclose(logits_value, fixture["logits"], **TOLERANCE)
    np.testing.assert_allclose(loss_value, fixture["loss"], **TOLERANCE)
    np.testing.assert_array_equal(logits_value.argmax(-1), fixture["tokens"])


def test_loader_reproduces_the_tf1_decode_eagerly():
    fixture = decode_fixture()
    store = VariableStore()
    with store.as_default():
        loaded = load_tf1_checkpoint(CHECKPOINT_DIR)
        logits, loss = build_translate_model(fixture)
    assert len(loaded.loaded) == len(store) == 28
    assert "global_step" in loaded.ignored and "beta1_power" in loaded.ignored
    np.testing.assert_allclose(tf.stack(logits).numpy(), fixture["logits"], **TOLERANCE)
    np.testing.assert_allclose(loss.numpy(), fixture["loss"], **TOLERANCE)


def test_loader_assigns_into_a_model_that_already_ran():
    fixture = decode_fixture()
    store = VariableStore()
    with store.as_default():
        build_translate_model(fixture)  # random initial values
        load_tf1_checkpoint(CHECKPOINT_DIR)
        logits, _ = build_translate_model(fixture)
    np.testing.assert_allclose(tf.stack(logits).numpy(), fixture["logits"], **TOLERANCE)


def test_loader_lists_every_mismatch_in_one_error():
    store = VariableStore()
    with store.as_default():
        get_variable("proj_w", [22, 8])  # wrong size
        get_variable("not_in_checkpoint", [3])
    with pytest.raises(CheckpointMismatchError) as raised:
        load_tf1_checkpoint(CHECKPOINT_DIR, store)
    message = str(raised.value)
    assert "missing from the checkpoint (1):\n    not_in_checkpoint" in message
    assert "in the checkpoint but not in the model (27)" in message
    assert "proj_w: model (22, 8), checkpoint (22, 16)" in message


def test_a_cell_of_another_size_is_named_when_the_model_first_runs():
    store = VariableStore()
    with store.as_default():
        load_tf1_checkpoint(CHECKPOINT_DIR)
        cell = rnn_cell.GRUCell(8)
        scope = "embedding_attention_seq2seq/rnn/embedding_wrapper/multi_rnn_cell/cell_0"
        shape_error = r"gru_cell/gates/kernel.*\[24, 16\].*\[32, 32\]"
        with tf.compat.v1.variable_scope(scope), pytest.raises(ValueError, match=shape_error):
            cell(tf.zeros([2, 16]), cell.zero_state(2, tf.float32))


def test_bookkeeping_names_are_recognised():
    assert is_training_bookkeeping("global_step")
    assert is_training_bookkeeping("proj_w/Adam_1")
    assert not is_training_bookkeeping(
        "embedding_attention_seq2seq/rnn/embedding_wrapper/embedding"
    )
    assert "proj_w" in read_tf1_checkpoint(CHECKPOINT_DIR)


def test_missing_checkpoint_is_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="No TF1 checkpoint"):
        load_tf1_checkpoint(tmp_path / "nothing")
    with pytest.raises(FileNotFoundError, match="No TF1 checkpoint found in directory"):
        load_tf1_checkpoint(tmp_path)
