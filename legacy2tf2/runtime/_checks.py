"""Argument checks shared by the runtime functions: clear errors that name the argument.

TF1 failed late and cryptically on most of these (and a GPU gather silently returns zeros for a
token id outside the vocabulary), so the runtime checks them where they enter.
"""

from __future__ import annotations

from typing import Any

import tensorflow as tf


def check_input_list(argument: str, values: Any, allow_none_after_first: bool = False) -> list[Any]:
    """``values`` must be a non-empty Python list (or tuple) of per-time-step tensors."""
    if tf.is_tensor(values) or not isinstance(values, (list, tuple)):
        raise TypeError(
            f"Argument `{argument}` must be a Python list of per-time-step tensors, as in TF1 "
            f"(split a [time, batch, ...] tensor with tf.unstack). Received: {type(values).__name__}"
        )
    if not values:
        raise ValueError(f"Argument `{argument}` must not be empty. Received: {argument}=[]")
    items = list(values)
    for i, item in enumerate(items):
        if item is None and (allow_none_after_first and i > 0):
            continue
        if item is None:
            raise ValueError(f"Argument `{argument}[{i}]` is None.")
    return items


def check_rank(argument: str, value: Any, rank: int) -> None:
    """Raise when the static rank of ``value`` is known and is not ``rank``."""
    shape = getattr(value, "shape", None)
    known = None if shape is None else tf.TensorShape(shape).rank
    if known is not None and known != rank:
        raise ValueError(
            f"Argument `{argument}` must have rank {rank}. "
            f"Received: {argument}.shape={tf.TensorShape(shape)}"
        )


def checked_token_ids(argument: str, values: list[Any], vocab_size: int) -> list[Any]:
    """Check that every tensor in ``values`` holds integer ids in ``[0, vocab_size)``.

    Eagerly the check runs at once and raises ``ValueError``; in a graph or ``tf.function`` it
    becomes an assertion that raises ``InvalidArgumentError`` when run. Returns the (possibly
    assertion-guarded) tensors.
    """
    checked = []
    for i, value in enumerate(values):
        if value is None:
            checked.append(value)
            continue
        tensor = tf.convert_to_tensor(value)
        if not tensor.dtype.is_integer:
            raise TypeError(
                f"Argument `{argument}[{i}]` must hold integer token ids. "
                f"Received: dtype={tensor.dtype.name}"
            )
        check_rank(f"{argument}[{i}]", tensor, 1)
        if tf.executing_eagerly():
            numpy = tensor.numpy()
            bad = numpy[(numpy < 0) | (numpy >= vocab_size)]
            if bad.size:
                raise ValueError(
                    f"Argument `{argument}[{i}]` holds token id {int(bad[0])}, outside the "
                    f"vocabulary of {vocab_size} symbols [0, {vocab_size})."
                )
            checked.append(tensor)
            continue
        message = f"Argument `{argument}[{i}]` holds a token id outside [0, {vocab_size})"
        assertions = [
            tf.debugging.assert_non_negative(tensor, message=message),
            tf.debugging.assert_less(tensor, tf.cast(vocab_size, tensor.dtype), message=message),
        ]
        with tf.control_dependencies(assertions):
            checked.append(tf.identity(tensor))
    return checked


def check_positive(argument: str, value: Any) -> None:
    """``value`` must be an integer >= 1."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(
            f"Argument `{argument}` must be a positive integer. Received: {argument}={value!r}"
        )
