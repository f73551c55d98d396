"""The other ways TF1 programs filled a graph from a checkpoint, on the runtime's variables:
``tf.train.init_from_checkpoint`` with a scope map (``{"enc/": "new/enc/"}``: every variable
under the old scope initialised from the checkpoint, TF1's warm start) and a ``Saver`` built
from a dict of checkpoint names to variables. Both need the runtime's variables to be
``get_variable`` variables with TF1's names, which is what they are in a TF1 graph."""

from __future__ import annotations

import numpy as np
import tensorflow as tf

from legacy2tf2.runtime import layers_v1, rnn_cell

FEED = np.random.default_rng(0).normal(size=(2, 3, 5)).astype(np.float32)


def _build() -> tuple[object, object]:
    x = tf.compat.v1.placeholder(tf.float32, [2, 3, 5])
    with tf.compat.v1.variable_scope("enc"):
        stack = rnn_cell.MultiRNNCell([rnn_cell.LSTMCell(4), rnn_cell.GRUCell(4)])
        outputs, _ = tf.compat.v1.nn.dynamic_rnn(stack, x, dtype=tf.float32)
    return x, layers_v1.dense(outputs, 3, name="proj")


def _saved(tmp_path) -> np.ndarray:
    with tf.Graph().as_default():
        x, y = _build()
        with tf.compat.v1.Session() as session:
            session.run(tf.compat.v1.global_variables_initializer())
            tf.compat.v1.train.Saver().save(session, str(tmp_path / "model"))
            return session.run(y, {x: FEED})


def test_init_from_checkpoint_with_a_scope_map_fills_the_runtime_variables(tmp_path) -> None:
    expected = _saved(tmp_path)
    with tf.Graph().as_default():
        with tf.compat.v1.variable_scope("new"):
            x, y = _build()
        tf.compat.v1.train.init_from_checkpoint(
            str(tmp_path / "model"), {"enc/": "new/enc/", "proj/": "new/proj/"}
        )
        with tf.compat.v1.Session() as session:
            session.run(tf.compat.v1.global_variables_initializer())
            np.testing.assert_array_equal(session.run(y, {x: FEED}), expected)


def test_a_saver_of_checkpoint_names_to_variables_restores_them(tmp_path) -> None:
    expected = _saved(tmp_path)
    with tf.Graph().as_default():
        with tf.compat.v1.variable_scope("other"):
            x, y = _build()
        names = {v.op.name.removeprefix("other/"): v for v in tf.compat.v1.global_variables()}
        assert sorted(names) == [
            "enc/rnn/multi_rnn_cell/cell_0/lstm_cell/bias",
            "enc/rnn/multi_rnn_cell/cell_0/lstm_cell/kernel",
            "enc/rnn/multi_rnn_cell/cell_1/gru_cell/candidate/bias",
            "enc/rnn/multi_rnn_cell/cell_1/gru_cell/candidate/kernel",
            "enc/rnn/multi_rnn_cell/cell_1/gru_cell/gates/bias",
            "enc/rnn/multi_rnn_cell/cell_1/gru_cell/gates/kernel",
            "proj/bias",
            "proj/kernel",
        ]
        with tf.compat.v1.Session() as session:
            tf.compat.v1.train.Saver(names).restore(session, str(tmp_path / "model"))
            np.testing.assert_array_equal(session.run(y, {x: FEED}), expected)
