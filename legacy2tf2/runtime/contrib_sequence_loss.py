"""``tf.contrib.seq2seq.sequence_loss``: the weighted cross-entropy of a batch of logit sequences.

The rest of ``tf.contrib.seq2seq`` (decoders, helpers, attention wrappers) has no equivalent in
the runtime and stays reported; this loss is what TF 1.x language models and taggers took from it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import tensorflow as tf

_v1 = tf.compat.v1


def sequence_loss(
    logits: Any,
    targets: Any,
    weights: Any,
    average_across_timesteps: bool = True,
    average_across_batch: bool = True,
    sum_over_timesteps: Any = False,
    sum_over_batch: bool = False,
    softmax_loss_function: Callable[..., Any] | None = None,
    name: str | None = None,
) -> Any:
    """TF1's ``tf.contrib.seq2seq.sequence_loss(logits, targets, weights, ...)``.

    ``logits`` ``[batch, time, classes]``, ``targets`` and ``weights`` ``[batch, time]``: the
    sparse softmax cross-entropy (or ``softmax_loss_function(labels=, logits=)`` on the flattened
    tensors) times ``weights``, then, as TF1: averaged over the weights' sum across both axes (the
    default), or over one axis (``average_across_batch`` / ``average_across_timesteps`` alone), or
    summed and divided by the count of nonzero weights (``sum_over_*``; TF 1.8+), a zero total
    giving 0. Up to TF 1.7 the 6th positional argument was ``softmax_loss_function``; a callable
    there is read as such.
    """
    if callable(sum_over_timesteps) and softmax_loss_function is None:
        # TF 1.5-1.7's signature: (logits, targets, weights, avg_t, avg_b, softmax_loss_function)
        softmax_loss_function, sum_over_timesteps = sum_over_timesteps, False
    if logits.get_shape().ndims != 3:
        raise ValueError("Logits must be a [batch_size x sequence_length x logits] tensor")
    if targets.get_shape().ndims != 2:
        raise ValueError("Targets must be a [batch_size x sequence_length] tensor")
    if weights.get_shape().ndims != 2:
        raise ValueError("Weights must be a [batch_size x sequence_length] tensor")
    if average_across_timesteps and sum_over_timesteps:
        raise ValueError(
            "average_across_timesteps and sum_over_timesteps cannot be set to True at same time."
        )
    if average_across_batch and sum_over_batch:
        raise ValueError(
            "average_across_batch and sum_over_batch cannot be set to True at same time."
        )
    with _v1.name_scope(name, "sequence_loss", [logits, targets, weights]):
        num_classes = tf.shape(logits)[2]
        logits_flat = tf.reshape(logits, [-1, num_classes])
        targets = tf.reshape(targets, [-1])
        if softmax_loss_function is None:
            crossent = tf.nn.sparse_softmax_cross_entropy_with_logits(
                labels=targets, logits=logits_flat
            )
        else:
            crossent = softmax_loss_function(labels=targets, logits=logits_flat)
        crossent *= tf.reshape(weights, [-1])
        if average_across_timesteps and average_across_batch:
            return tf.math.divide_no_nan(tf.reduce_sum(crossent), tf.reduce_sum(weights))
        if sum_over_timesteps and sum_over_batch:
            count = tf.cast(tf.math.count_nonzero(weights), crossent.dtype)
            return tf.math.divide_no_nan(tf.reduce_sum(crossent), count)
        crossent = tf.reshape(crossent, tf.shape(logits)[0:2])
        if average_across_timesteps or average_across_batch:
            axis = [0] if average_across_batch else [1]
            return tf.math.divide_no_nan(
                tf.reduce_sum(crossent, axis=axis), tf.reduce_sum(weights, axis=axis)
            )
        if sum_over_timesteps or sum_over_batch:
            axis = [0] if sum_over_batch else [1]
            count = tf.cast(tf.math.count_nonzero(weights, axis=axis), crossent.dtype)
            return tf.math.divide_no_nan(tf.reduce_sum(crossent, axis=axis), count)
        return crossent
