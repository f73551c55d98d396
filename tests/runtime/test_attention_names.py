"""In a TF1 graph, ``attention_decoder``'s attention weights are the ops TF1 named
``.../attention_decoder/Attention_0/Softmax`` (step 0), ``Attention_0_1/Softmax``, ... (later
steps): programs that plot attention fetch them by those names. The weights fetched by name are
checked against NumPy's softmax of ``AttnV . tanh(states @ AttnW + query @ kernel + bias)``."""

from __future__ import annotations

import numpy as np
import tensorflow as tf

from legacy2tf2.runtime import legacy_seq2seq, rnn_cell

BATCH, LENGTH, SIZE, UNITS = 2, 4, 3, 5


def _graph(steps: int) -> tuple[tf.Graph, dict[str, tf.Tensor]]:
    graph = tf.Graph()
    with graph.as_default():
        tf.compat.v1.set_random_seed(1)
        states = tf.constant(np.random.RandomState(0).randn(BATCH, LENGTH, SIZE), tf.float32)
        inputs = [tf.fill([BATCH, 2], float(i + 1)) for i in range(steps)]
        initial = tf.zeros([BATCH, UNITS])
        _, state = legacy_seq2seq.attention_decoder(
            inputs, initial, states, rnn_cell.GRUCell(UNITS)
        )
    return graph, {"state": state, "states": states}


def _softmax(x: np.ndarray) -> np.ndarray:
    e = np.exp(x - x.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def test_step_weights_are_tf1_named_and_are_the_attention_softmax() -> None:
    graph, tensors = _graph(1)
    with tf.compat.v1.Session(graph=graph) as sess:
        sess.run(tf.compat.v1.global_variables_initializer())
        weights = graph.get_tensor_by_name("attention_decoder/Attention_0/Softmax:0")
        got, query, states = sess.run([weights, tensors["state"], tensors["states"]])
        values = {
            v.op.name: sess.run(v) for v in graph.get_collection(tf.compat.v1.GraphKeys.VARIABLES)
        }
    # one step: the final state is the query of the step's attention
    hidden = states @ values["attention_decoder/AttnW_0"][0, 0]
    y = query @ values["attention_decoder/Attention_0/kernel"]
    y = y + values["attention_decoder/Attention_0/bias"]
    scores = (values["attention_decoder/AttnV_0"] * np.tanh(hidden + y[:, None, :])).sum(axis=2)
    np.testing.assert_allclose(got, _softmax(scores), rtol=1e-5, atol=1e-6)


def test_each_later_step_has_tf1_s_numbered_scope() -> None:
    graph, _ = _graph(3)
    names = {op.name for op in graph.get_operations() if op.type == "Softmax"}
    assert names == {
        "attention_decoder/Attention_0/Softmax",
        "attention_decoder/Attention_0_1/Softmax",
        "attention_decoder/Attention_0_2/Softmax",
    }
