"""``layers_v1.sequence_loss``: tf.contrib.seq2seq's sequence loss, against NumPy's cross-entropy."""

import numpy as np
import pytest
import tensorflow as tf

from legacy2tf2.runtime import layers_v1

RNG = np.random.RandomState(0)
LOGITS = RNG.uniform(-2, 2, [3, 4, 5]).astype("float32")
TARGETS = RNG.randint(0, 5, [3, 4]).astype("int32")
WEIGHTS = np.array([[1, 1, 1, 0], [1, 0.5, 0, 0], [0, 0, 0, 0]], dtype="float32")


def numpy_crossent():
    shifted = LOGITS - LOGITS.max(-1, keepdims=True)
    log_probs = shifted - np.log(np.exp(shifted).sum(-1, keepdims=True))
    picked = np.take_along_axis(log_probs, TARGETS[..., None], -1)[..., 0]
    return -picked * WEIGHTS


def _divide(total, count):
    return np.where(count == 0, 0.0, total / np.where(count == 0, 1, count))


def _run(**kwargs):
    return layers_v1.sequence_loss(
        tf.constant(LOGITS), tf.constant(TARGETS), tf.constant(WEIGHTS), **kwargs
    ).numpy()


def test_default_averages_over_the_sum_of_the_weights():
    expected = numpy_crossent().sum() / WEIGHTS.sum()
    np.testing.assert_allclose(_run(), expected, rtol=1e-5)


@pytest.mark.parametrize(
    ("kwargs", "axis"),
    [
        ({"average_across_timesteps": False}, 0),  # per time step, averaged over the batch
        ({"average_across_batch": False}, 1),  # per sequence; the all-zero row gives 0
    ],
)
def test_averaging_over_one_axis(kwargs, axis):
    expected = _divide(numpy_crossent().sum(axis), WEIGHTS.sum(axis))
    np.testing.assert_allclose(_run(**kwargs), expected, rtol=1e-5)


def test_sums_divide_by_the_count_of_nonzero_weights():
    got = _run(
        average_across_timesteps=False,
        average_across_batch=False,
        sum_over_timesteps=True,
        sum_over_batch=True,
    )
    np.testing.assert_allclose(got, numpy_crossent().sum() / np.count_nonzero(WEIGHTS), rtol=1e-5)
    per_sequence = _run(
        average_across_timesteps=False, average_across_batch=False, sum_over_timesteps=True
    )
    expected = _divide(numpy_crossent().sum(1), np.count_nonzero(WEIGHTS, 1))
    np.testing.assert_allclose(per_sequence, expected, rtol=1e-5)
    no_reduction = _run(average_across_timesteps=False, average_across_batch=False)
    np.testing.assert_allclose(no_reduction, numpy_crossent(), rtol=1e-5)


def test_a_softmax_loss_function_by_keyword_and_in_tf_1_5s_sixth_position():
    calls = []

    def halved(labels, logits):
        calls.append(labels.shape.rank)
        return 0.5 * tf.nn.sparse_softmax_cross_entropy_with_logits(labels=labels, logits=logits)

    expected = 0.5 * numpy_crossent().sum() / WEIGHTS.sum()
    np.testing.assert_allclose(_run(softmax_loss_function=halved), expected, rtol=1e-5)
    positional = layers_v1.sequence_loss(
        tf.constant(LOGITS), tf.constant(TARGETS), tf.constant(WEIGHTS), True, True, halved
    )
    np.testing.assert_allclose(positional.numpy(), expected, rtol=1e-5)
    assert calls == [1, 1]  # flattened labels, as TF1 passed them


def test_tf1s_argument_errors():
    with pytest.raises(ValueError, match="Logits must be"):
        layers_v1.sequence_loss(tf.constant(LOGITS[0]), tf.constant(TARGETS), tf.constant(WEIGHTS))
    with pytest.raises(ValueError, match="cannot be set to True at same time"):
        _run(sum_over_timesteps=True)
