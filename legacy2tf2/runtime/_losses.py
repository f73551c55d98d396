"""The two losses of legacy_seq2seq: weighted per-step cross-entropy, per example or averaged."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

import tensorflow as tf

#: Parameter names that say a positional slot takes the labels (TF 1.0's ``sampled_loss(labels,
#: inputs)``) or the logits (TF 0.x's ``sampled_loss(inputs, labels)``).
_LABEL_NAMES = frozenset({"labels", "label", "targets", "target", "y_true"})
_LOGIT_NAMES = frozenset({"logits", "logit", "inputs", "input", "outputs", "output", "y_pred"})


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


def _labels_first(parameters: list[inspect.Parameter]) -> bool:
    """Whether the first two positional parameters' names say ``(labels, logits)`` (TF 1.0)."""
    names = [p.name for p in parameters[:2]]
    if len(names) < 2:
        return False
    return names[0] in _LABEL_NAMES or (names[1] in _LOGIT_NAMES and names[0] not in _LOGIT_NAMES)


def _takes_keywords(function: Callable[..., Any]) -> bool:
    """Whether ``function(labels=..., logits=...)`` binds (``functools.partial`` and bound
    methods seen through); True for a callable whose signature cannot be read (some builtins)."""
    try:
        signature = inspect.signature(function)
    except (TypeError, ValueError):
        return True
    try:
        signature.bind(labels=None, logits=None)
    except TypeError:
        return False
    return True


#: The positional orders TF called a ``softmax_loss_function`` in: TF 1.0's legacy_seq2seq
#: ``(labels, logits)``, TF 0.x's seq2seq ``(logits, labels)``.
LABELS_FIRST = "labels, logits"
LOGITS_FIRST = "logits, labels"


class _CalledAs:
    """A ``softmax_loss_function`` with the positional order its TensorFlow called it in."""

    def __init__(self, order: str, function: Callable[..., Any]) -> None:
        self.order = order
        self.function = function

    def __call__(self, *, labels: Any, logits: Any) -> Any:
        if _takes_keywords(self.function):
            return self.function(labels=labels, logits=logits)
        if self.order == LABELS_FIRST:
            return self.function(labels, logits)
        return self.function(logits, labels)

    def __repr__(self) -> str:
        return f"loss_called_as({self.order!r}, {self.function!r})"


def loss_called_as(order: str, function: Callable[..., Any] | None) -> Callable[..., Any] | None:
    """A ``softmax_loss_function`` called positionally in ``order`` (``"labels, logits"`` or
    ``"logits, labels"``) when it does not take ``labels=``/``logits=`` keywords.

    TF 1.1+'s legacy_seq2seq called ``softmax_loss_function(labels=..., logits=...)``, TF 1.0's
    ``softmax_loss_function(labels, logits)`` and TF 0.x's ``softmax_loss_function(logits,
    labels)``, positionally. A function that does not take the keywords (``lambda a, b: ...``)
    was therefore written for TF 1.0 or TF 0.x, and its parameter names may not tell which:
    ``legacy2tf2 rewrite`` wraps it in this, with the order of the file's TensorFlow version.
    A function that takes the keywords gets them (every version's meaning for it). ``None``
    (no loss function) is returned as it is.

    Raises:
        ValueError: ``order`` is neither of the two.
    """
    if order not in (LABELS_FIRST, LOGITS_FIRST):
        raise ValueError(
            f"order must be {LABELS_FIRST!r} (TF 1.0) or {LOGITS_FIRST!r} (TF 0.x); got {order!r}"
        )
    if function is None:
        return None
    return _CalledAs(order, function)


def call_softmax_loss_function(function: Callable[..., Any], labels: Any, logits: Any) -> Any:
    """Call a user's ``softmax_loss_function`` the way the TensorFlow it was written for did.

    TF 1.1+ called ``function(labels=target, logits=logit)``; TF 1.0 called it positionally
    ``(target, logit)`` (its tutorial: ``def sampled_loss(labels, inputs)``); TF 0.x positionally
    ``(logit, target)`` (``def sampled_loss(inputs, labels)``, ``lambda x, y: ...``). The rule:

    1. ``function`` accepts ``labels=`` and ``logits=`` keywords (``inspect.signature`` binds them;
       ``functools.partial`` and bound methods are seen through): the TF 1.1+ keyword call.
       So is a callable whose signature cannot be read (some builtins), and one wrapped in
       :func:`loss_called_as`, which then calls it in the order it was given.
    2. Otherwise it is called positionally. Labels go first when its first two positional
       parameters' names say so (the first is ``labels``/``label``/``targets``/``target``, or the
       second is ``logits``/``inputs``/``outputs`` and the first is not): TF 1.0's order.
    3. Otherwise ``(logits, labels)``: TF 0.x's order (``lambda x, y``, ``(inputs, labels)``).
    """
    if _takes_keywords(function):
        return function(labels=labels, logits=logits)
    signature = inspect.signature(function)
    positional = [
        p
        for p in signature.parameters.values()
        if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
    ]
    if _labels_first(positional):
        return function(labels, logits)
    return function(logits, labels)


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
    when ``average_across_timesteps``. ``softmax_loss_function`` replaces the
    sparse softmax cross-entropy, called as the TensorFlow the caller was written for called it
    (:func:`call_softmax_loss_function`: keywords for TF 1.1+, positional for TF 1.0 and 0.x).

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
                crossent = call_softmax_loss_function(softmax_loss_function, target, logit)
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
