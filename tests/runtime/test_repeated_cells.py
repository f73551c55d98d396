"""MultiRNNCell([cell] * n) in both of TF1's meanings: shared weights (1.2+) or one set per layer
(0.x and 1.0, ``repeated_cells="copy"``), in graph mode with a TF1 ``Saver``."""

import copy

import numpy as np
import pytest
import tensorflow as tf

from legacy2tf2.runtime import VariableStore, rnn_cell

v1 = tf.compat.v1


def build(repeated_cells=None, wrap=False):
    """A pre-1.0-style stack: one cell object repeated over three layers, run by static_rnn."""
    single = rnn_cell.GRUCell(3)
    if wrap:
        layers = [rnn_cell.DropoutWrapper(single, output_keep_prob=1.0) for _ in range(3)]
    else:
        layers = [single] * 3
    options = {} if repeated_cells is None else {"repeated_cells": repeated_cells}
    stack = rnn_cell.MultiRNNCell(layers, state_is_tuple=True, **options)
    x = v1.placeholder(tf.float32, [None, 2, 3])
    outputs, _ = v1.nn.static_rnn(stack, tf.unstack(x, axis=1), dtype=tf.float32)
    return x, outputs[-1]


def layer_scopes():
    return sorted({v.name.split("/")[2] for v in v1.global_variables()})


def test_copy_builds_one_set_of_weights_per_layer_as_tf_1_0_did():
    with tf.Graph().as_default():
        build("copy")
        names = [v.name for v in v1.global_variables()]
        assert layer_scopes() == ["cell_0", "cell_1", "cell_2"]
        assert "rnn/multi_rnn_cell/cell_2/gru_cell/candidate/kernel:0" in names
        assert len(names) == 12


def test_copy_also_separates_wrappers_around_one_cell():
    with tf.Graph().as_default():
        build("copy", wrap=True)
        assert layer_scopes() == ["cell_0", "cell_1", "cell_2"]


@pytest.mark.parametrize("repeated_cells", [None, "share"])
def test_default_shares_one_cell_as_tf_1_2_did(repeated_cells):
    with tf.Graph().as_default():
        build(repeated_cells)
        assert layer_scopes() == ["cell_0"]
        assert len(v1.global_variables()) == 4


def test_distinct_cells_are_never_copied():
    cells = [rnn_cell.GRUCell(3), rnn_cell.GRUCell(3)]
    stack = rnn_cell.MultiRNNCell(cells, repeated_cells="copy")
    assert stack._cells == cells and stack._cells[0] is cells[0]


def test_copy_survives_deepcopy_and_config():
    single = rnn_cell.GRUCell(3)
    stack = rnn_cell.MultiRNNCell([single] * 2, repeated_cells="copy")
    assert stack._cells[0] is single and stack._cells[1] is not single
    clone = copy.deepcopy(stack)
    assert clone._cells[0] is not clone._cells[1]
    rebuilt = rnn_cell.MultiRNNCell.from_config(stack.get_config())
    assert rebuilt.get_config()["repeated_cells"] == "copy"
    assert rebuilt._cells[0] is not rebuilt._cells[1]


def test_unknown_choice_is_a_clear_error():
    with pytest.raises(ValueError, match="repeated_cells"):
        rnn_cell.MultiRNNCell([rnn_cell.GRUCell(2)], repeated_cells="separate")


def test_checkpoint_of_a_per_layer_model_restores_every_variable(tmp_path):
    feed = np.arange(12, dtype=np.float32).reshape(2, 2, 3) / 10
    with tf.Graph().as_default():
        x, out = build("copy")
        with v1.Session() as sess:
            sess.run(v1.global_variables_initializer())
            for i, variable in enumerate(v1.global_variables()):  # every layer different
                sess.run(variable.assign(sess.run(variable) + 0.1 * i))
            expected = sess.run(out, {x: feed})
            path = v1.train.Saver().save(sess, str(tmp_path / "model"))
    saved = {name for name, _ in tf.train.list_variables(path)}
    with tf.Graph().as_default():
        x, out = build("copy")
        assert {v.op.name for v in v1.global_variables()} == saved
        with v1.Session() as sess:
            v1.train.Saver().restore(sess, path)
            np.testing.assert_allclose(sess.run(out, {x: feed}), expected, rtol=1e-6)
    with tf.Graph().as_default():  # the 1.2+ meaning lacks cell_1 and cell_2: not that model
        build()
        assert saved - {v.op.name for v in v1.global_variables()}


def test_copy_works_eagerly():
    with VariableStore().as_default() as store:
        single = rnn_cell.GRUCell(2)
        stack = rnn_cell.MultiRNNCell([single] * 2, repeated_cells="copy")
        stack(tf.ones([1, 2]), stack.zero_state(1, tf.float32))
        assert sorted({name.split("/")[1] for name in store.names()}) == ["cell_0", "cell_1"]


def _sigmoid(z):
    return 1 / (1 + np.exp(-z))


def test_a_repeated_cell_over_inputs_of_another_size_gets_one_set_per_layer_as_only_tf_1_0_ran():
    # TF 1.2+ raised on [cell] * 2 here ("Trying to share variable ... shape"), TF 1.1 refused
    # the reuse: such a program ran only on TF 1.0, where each layer made its own weights.
    feed = np.linspace(-1, 1, 2 * 4 * 5, dtype=np.float32).reshape(2, 4, 5)
    with tf.Graph().as_default():
        lstm = rnn_cell.BasicLSTMCell(3)
        drop = rnn_cell.DropoutWrapper(lstm, output_keep_prob=1.0)
        stack = rnn_cell.MultiRNNCell([drop] * 2)
        x = v1.placeholder(tf.float32, [2, 4, 5])
        outputs, _ = v1.nn.dynamic_rnn(stack, x, initial_state=stack.zero_state(2, tf.float32))
        shapes = {v.op.name: v.shape.as_list() for v in v1.global_variables()}
        assert shapes == {
            "rnn/multi_rnn_cell/cell_0/basic_lstm_cell/kernel": [8, 12],
            "rnn/multi_rnn_cell/cell_0/basic_lstm_cell/bias": [12],
            "rnn/multi_rnn_cell/cell_1/basic_lstm_cell/kernel": [6, 12],
            "rnn/multi_rnn_cell/cell_1/basic_lstm_cell/bias": [12],
        }
        with v1.Session() as sess:
            sess.run(v1.global_variables_initializer())
            got = sess.run(outputs, {x: feed})
            weights = {v.op.name: sess.run(v) for v in v1.global_variables()}
    layer_input = feed
    for layer in ("cell_0", "cell_1"):
        kernel = weights[f"rnn/multi_rnn_cell/{layer}/basic_lstm_cell/kernel"]
        bias = weights[f"rnn/multi_rnn_cell/{layer}/basic_lstm_cell/bias"]
        c = h = np.zeros((2, 3), np.float32)
        steps = []
        for t in range(4):
            i, j, f, o = np.split(np.concatenate([layer_input[:, t], h], 1) @ kernel + bias, 4, 1)
            c = c * _sigmoid(f + 1.0) + _sigmoid(i) * np.tanh(j)
            h = np.tanh(c) * _sigmoid(o)
            steps.append(h)
        layer_input = np.stack(steps, 1)
    np.testing.assert_allclose(got, layer_input, rtol=1e-5, atol=1e-6)
