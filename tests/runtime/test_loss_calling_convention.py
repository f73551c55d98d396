"""softmax_loss_function called as each TF1 version called it: keywords (1.1+), positional
``(labels, logits)`` (1.0) or ``(logits, labels)`` (0.x), eagerly and in graph mode."""

import functools

import numpy as np
import pytest
import tensorflow as tf

from legacy2tf2.runtime import VariableStore, legacy_seq2seq
from legacy2tf2.runtime._losses import call_softmax_loss_function

v1 = tf.compat.v1

LOGITS = np.array([[0.1, 2.0, -1.0, 0.3], [1.5, -0.2, 0.0, 0.7]], np.float32)
TARGETS = np.array([1, 3], np.int32)


def xent(labels, logits):
    return tf.nn.sparse_softmax_cross_entropy_with_logits(
        labels=tf.reshape(labels, [-1]), logits=logits
    )


def tf_0_x_loss(inputs, labels):  # the translate tutorial before TF 1.0
    return xent(labels, inputs)


def tf_1_0_loss(labels, inputs):  # the translate tutorial of TF 1.0
    return xent(labels, inputs)


def tf_1_1_loss(labels, logits):
    return xent(labels, logits)


def projected(weights, biases, inputs, labels):  # 0.x order after the partial's arguments
    return xent(labels, tf.matmul(inputs, weights) + biases)


def projected_keywords(weights, biases, labels, logits):
    return xent(labels, tf.matmul(logits, weights) + biases)


IDENTITY = (np.eye(4, dtype=np.float32), np.zeros(4, np.float32))

CONVENTIONS = {
    "0.x def (inputs, labels)": tf_0_x_loss,
    "0.x lambda x, y": lambda x, y: xent(y, x),
    "0.x functools.partial": functools.partial(projected, *IDENTITY),
    "1.0 def (labels, inputs)": tf_1_0_loss,
    "1.1 keywords": tf_1_1_loss,
    "1.1 keywords, any order": lambda logits, labels: xent(labels, logits),
    "1.1 functools.partial": functools.partial(projected_keywords, *IDENTITY),
    "tf function": tf.nn.sparse_softmax_cross_entropy_with_logits,
}


def losses(function):
    logits, targets = [tf.constant(LOGITS)] * 2, [tf.constant(TARGETS)] * 2
    weights = [tf.ones([2])] * 2
    return [
        legacy_seq2seq.sequence_loss_by_example(
            logits, targets, weights, softmax_loss_function=function
        ),
        legacy_seq2seq.sequence_loss(logits, targets, weights, softmax_loss_function=function),
    ]


@pytest.mark.parametrize("name", sorted(CONVENTIONS))
def test_each_convention_computes_the_default_loss_eagerly(name):
    expected = [t.numpy() for t in losses(None)]
    got = [t.numpy() for t in losses(CONVENTIONS[name])]
    for g, e in zip(got, expected, strict=True):
        np.testing.assert_allclose(g, e, rtol=1e-6)


@pytest.mark.parametrize("name", sorted(CONVENTIONS))
def test_each_convention_computes_the_default_loss_in_graph_mode(name):
    with tf.Graph().as_default(), v1.Session() as sess:
        expected, got = sess.run([losses(None), losses(CONVENTIONS[name])])
    for g, e in zip(got, expected, strict=True):
        np.testing.assert_allclose(g, e, rtol=1e-6)


def test_the_calls_themselves():
    seen = []

    def record(*args, **kwargs):
        seen.append((args, kwargs))

    call_softmax_loss_function(lambda labels, logits: record(labels=labels, logits=logits), 1, 2)
    call_softmax_loss_function(lambda x, y: record(x, y), 1, 2)
    call_softmax_loss_function(lambda target, output: record(target, output), 1, 2)
    call_softmax_loss_function(lambda y, inputs: record(y, inputs), 1, 2)
    assert seen == [((), {"labels": 1, "logits": 2}), ((2, 1), {}), ((1, 2), {}), ((1, 2), {})]


def pre_1_0_model_with_sampled_softmax(batch=3, size=4, vocab=10):
    """The translate tutorial's pre-1.0 sampled loss, passed to model_with_buckets."""
    w = v1.get_variable("proj_w", [size, vocab])
    w_t = tf.transpose(w)
    b = v1.get_variable("proj_b", [vocab])

    def sampled_loss(inputs, labels):
        labels = tf.reshape(labels, [-1, 1])
        return tf.nn.sampled_softmax_loss(
            weights=w_t, biases=b, labels=labels, inputs=inputs, num_sampled=3, num_classes=vocab
        )

    def seq2seq(encoder_inputs, decoder_inputs):
        from legacy2tf2.runtime import rnn_cell

        return legacy_seq2seq.embedding_rnn_seq2seq(
            encoder_inputs,
            decoder_inputs,
            rnn_cell.GRUCell(size),
            vocab,
            vocab,
            size,
            output_projection=(w, b),
        )

    tokens = [tf.constant(np.arange(batch) % vocab, tf.int32)] * 3
    weights = [tf.ones([batch])] * 3
    _, bucket_losses = legacy_seq2seq.model_with_buckets(
        tokens, tokens, tokens, weights, [(3, 3)], seq2seq, softmax_loss_function=sampled_loss
    )
    return bucket_losses[0]


def test_pre_1_0_sampled_loss_trains_in_graph_mode():
    with tf.Graph().as_default():
        loss = pre_1_0_model_with_sampled_softmax()
        train = v1.train.AdamOptimizer(0.05).minimize(loss)
        with v1.Session() as sess:
            sess.run(v1.global_variables_initializer())
            values = [sess.run([train, loss])[1] for _ in range(40)]
    assert np.isfinite(values).all() and values[-1] < values[0]


def test_pre_1_0_sampled_loss_runs_eagerly():
    with VariableStore().as_default():
        loss = pre_1_0_model_with_sampled_softmax()
    assert loss.shape == () and np.isfinite(loss.numpy())


def _numpy_xent(labels, logits):
    log_softmax = logits - np.log(np.exp(logits).sum(-1, keepdims=True))
    return -log_softmax[np.arange(len(labels)), labels]


def _recorded(calls):
    def loss(a, b):  # names that tell no order
        calls.append((a.dtype, b.dtype))
        labels, logits = (a, b) if a.dtype.is_integer else (b, a)
        return xent(labels, logits)

    return loss


@pytest.mark.parametrize(
    ("order", "first"), [("labels, logits", tf.int32), ("logits, labels", tf.float32)]
)
def test_loss_called_as_passes_the_stated_order(order, first):
    calls = []
    marked = legacy_seq2seq.loss_called_as(order, _recorded(calls))
    (got,) = [t.numpy() for t in losses(marked)[:1]]
    assert calls and all(call[0] == first for call in calls)
    np.testing.assert_allclose(got, _numpy_xent(TARGETS, LOGITS), rtol=1e-6)


def test_loss_called_as_gives_keywords_to_a_function_that_takes_them():
    marked = legacy_seq2seq.loss_called_as("logits, labels", tf_1_1_loss)
    np.testing.assert_allclose(losses(marked)[0].numpy(), _numpy_xent(TARGETS, LOGITS), rtol=1e-6)


def test_loss_called_as_keeps_none_and_refuses_another_order():
    assert legacy_seq2seq.loss_called_as("labels, logits", None) is None
    with pytest.raises(ValueError, match="labels, logits"):
        legacy_seq2seq.loss_called_as("labels,logits", tf_1_1_loss)
