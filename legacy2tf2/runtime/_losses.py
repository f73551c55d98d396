"""The two losses of legacy_seq2seq: weighted per-step cross-entropy, per example or averaged."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import tensorflow as tf


def _check_lengths(logits: Any, targets: Any, weights: Any) -> None:
    for argument, value in (("logits", logits), ("targets", targets), ("weights", weights)):
        if tf.is_tensor(value) or not isinstance(value, (list, tuple)):
            raise TypeError(
                f"Argument `{argument}` must be a Python list with one tensor per time step. "
                f"Received: {type(value).__name__}"
            )
    if not (len(logits) == len(targets) == len(weights)):
        raise ValueError(
            "Arguments `logits`, `targets` and `weights` must have the same length. "
            f"Received: {len(logits)}, {len(targets)}, {len(weights)}"
        )
    if not logits:
        raise ValueError("Arguments `logits`, `targets` and `weights` must not be empty.")


def sequence_loss_by_example(
    logits: list[Any],
    targets: list[Any],
    weights: list[Any],
    average_across_timesteps: bool = True,
    softmax_loss_function: Callable[..., Any] | None = None,
    name: str | None = None,
) -> tf.Tensor:
    """TF1's ``legacy_seq2seq.sequence_loss_by_example``: weighted cross-entropy per example.

    ``sum_t weights[t] * xent(logits[t], targets[t])``, divided by ``sum_t weights[t] + 1e-12``
    when ``average_across_timesteps``. ``softmax_loss_function(labels=, logits=)`` replaces the
    sparse softmax cross-entropy (TF1's keyword call).

    Returns:
        ``[batch]`` tensor.

    Raises:
        ValueError: the three lists differ in length.
    """
    _check_lengths(logits, targets, weights)
    with tf.name_scope(name or "sequence_loss_by_example"):
        terms = []
        for logit, target, weight in zip(logits, targets, weights, strict=True):
            if softmax_loss_function is None:
                crossent = tf.nn.sparse_softmax_cross_entropy_with_logits(
                    labels=tf.reshape(target, [-1]), logits=logit
                )
            else:
                crossent = softmax_loss_function(labels=target, logits=logit)
            terms.append(crossent * weight)
        log_perps = tf.add_n(terms)
        if average_across_timesteps:
            total_size = tf.add_n(list(weights)) + 1e-12
            log_perps /= total_size
    return log_perps


def sequence_loss(
    logits: list[Any],
    targets: list[Any],
    weights: list[Any],
    average_across_timesteps: bool = True,
    average_across_batch: bool = True,
    softmax_loss_function: Callable[..., Any] | None = None,
    name: str | None = None,
) -> tf.Tensor:
    """TF1's ``legacy_seq2seq.sequence_loss``: :func:`sequence_loss_by_example` summed over the
    batch, divided by the batch size when ``average_across_batch``.

    Returns:
        a scalar tensor.
    """
    with tf.name_scope(name or "sequence_loss"):
        cost = tf.reduce_sum(
            sequence_loss_by_example(
                logits,
                targets,
                weights,
                average_across_timesteps=average_across_timesteps,
                softmax_loss_function=softmax_loss_function,
            )
        )
        if average_across_batch:
            batch_size = tf.shape(targets[0])[0]
            return cost / tf.cast(batch_size, cost.dtype)
    return cost
