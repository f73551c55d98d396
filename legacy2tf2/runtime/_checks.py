"""Argument checks shared by the runtime functions: clear errors that name the argument.

TF1 failed late and cryptically on most of these (and a GPU gather silently returns zeros for a
token id outside the vocabulary), so the runtime checks them where they enter.
"""

from __future__ import annotations

import math
import operator
from typing import Any

import numpy as np
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


def static_batch(value: Any) -> int | None:
    """The statically known first dimension of ``value``, or None."""
    shape = getattr(value, "shape", None)
    if shape is None or tf.TensorShape(shape).rank in (None, 0):
        return None
    return tf.TensorShape(shape)[0]


def check_same_batch(**lists: list[Any]) -> None:
    """Every tensor of every list must have the batch size of the first one whose batch is known.

    TF1 failed in the middle of the unrolled loop with a matmul or concat shape error; only
    statically known batch sizes are compared, so the per-step graph gets no extra op.
    """
    reference: tuple[str, int] | None = None
    for argument, values in lists.items():
        for i, value in enumerate(values):
            batch = None if value is None else static_batch(value)
            if batch is None:
                continue
            if reference is None:
                reference = (f"{argument}[{i}]", batch)
            elif batch != reference[1]:
                raise ValueError(
                    f"Argument `{argument}[{i}]` must have batch size {reference[1]} (that of "
                    f"`{reference[0]}`). Received: {argument}[{i}].shape="
                    f"{tf.TensorShape(value.shape)}"
                )


def check_step_inputs(argument: str, values: list[Any]) -> None:
    """Per-step float inputs of a decoder or encoder: each ``[batch, input_size]``.

    Integer steps are left alone: they are token ids for a cell that embeds them
    (``EmbeddingWrapper`` took ``[batch]`` as well as ``[batch, 1]`` in TF1).
    """
    for i, value in enumerate(values):
        if _is_floating(value):
            check_rank(f"{argument}[{i}]", value, 2)


def _is_floating(value: Any) -> bool:
    try:
        return tf.as_dtype(getattr(value, "dtype", None)).is_floating
    except TypeError:
        return False


def check_loop_output(value: Any, step: int, expected: tf.TensorShape) -> None:
    """A ``loop_function``'s result must fit the step input it replaces, ``expected``."""
    shape = tf.TensorShape(getattr(value, "shape", None))
    if not shape.is_compatible_with(expected):
        raise ValueError(
            f"Argument `loop_function` must return the next step's input, of shape "
            f"{expected.as_list()} ([batch, input_size] of `decoder_inputs[0]`); at step {step} "
            f"it returned shape {shape}"
        )


def check_output_projection(output_projection: Any, output_size: Any, num_symbols: int) -> None:
    """``output_projection`` must be ``(W, B)``, ``W`` ``[output_size, num_symbols]`` and ``B``
    ``[num_symbols]``, as TF1's ``_extract_argmax_and_embed`` multiplied them."""
    if output_projection is None:
        return
    if not isinstance(output_projection, (list, tuple)) or len(output_projection) != 2:
        raise ValueError(
            "Argument `output_projection` must be a pair (W, B). "
            f"Received: {type(output_projection).__name__}"
        )
    rows = output_size if isinstance(output_size, int) else None
    for index, expected in ((0, [rows, num_symbols]), (1, [num_symbols])):
        value = output_projection[index]
        shape = tf.TensorShape(getattr(value, "shape", np.shape(value)))
        if not shape.is_compatible_with(expected):
            wanted = "[output_size, num_symbols]" if index == 0 else "[num_symbols]"
            raise ValueError(
                f"Argument `output_projection[{index}]` must have shape {wanted} = "
                f"{tf.TensorShape(expected)}. Received: shape={shape}"
            )


def checked_token_ids(argument: str, values: list[Any], vocab_size: int) -> list[Any]:
    """Check that every tensor in ``values`` holds integer ids in ``[0, vocab_size)``.

    Eagerly the check runs at once and raises ``ValueError``; in a graph or ``tf.function`` it
    becomes an assertion that raises ``InvalidArgumentError`` when run. Returns the (possibly
    assertion-guarded) tensors.

    Raises:
        ValueError: non-integer ids (TF1's embedding lookup refused them too), or, eagerly, an id
            outside the vocabulary.
    """
    checked = []
    for i, value in enumerate(values):
        if value is None:
            checked.append(value)
            continue
        tensor = _integer_tensor(f"{argument}[{i}]", value)
        check_rank(f"{argument}[{i}]", tensor, 1)
        checked.append(_in_vocabulary(f"{argument}[{i}]", tensor, vocab_size))
    return checked


def checked_token_tensor(argument: str, value: Any, vocab_size: int) -> tf.Tensor:
    """``value`` as an int32 tensor of token ids in ``[0, vocab_size)``.

    Float arrays are refused rather than truncated (``3.7`` is not token 3). The range is checked
    at once when the value is known (eagerly) and by a run-time assertion in a graph.

    Raises:
        ValueError: non-integer ids, or, eagerly, an id outside the vocabulary.
    """
    tensor = _in_vocabulary(argument, _integer_tensor(argument, value), vocab_size)
    return tensor if tensor.dtype == tf.int32 else tf.cast(tensor, tf.int32)


def _integer_tensor(argument: str, value: Any) -> tf.Tensor:
    tensor = tf.convert_to_tensor(value)
    if not tensor.dtype.is_integer:
        raise ValueError(
            f"Argument `{argument}` must hold integer token ids. Received: dtype={tensor.dtype.name}"
        )
    return tensor


def _in_vocabulary(argument: str, tensor: tf.Tensor, vocab_size: int) -> tf.Tensor:
    if tf.executing_eagerly():
        numpy = tensor.numpy()
        bad = numpy[(numpy < 0) | (numpy >= vocab_size)]
        if bad.size:
            raise ValueError(
                f"Argument `{argument}` holds token id {int(bad.flat[0])}, outside the "
                f"vocabulary of {vocab_size} symbols [0, {vocab_size})."
            )
        return tensor
    message = f"Argument `{argument}` holds a token id outside [0, {vocab_size})"
    inside = tf.reduce_all((tensor >= 0) & (tensor < tf.cast(vocab_size, tensor.dtype)))
    # A plain Assert op, not tf.debugging.assert_*'s cond-guarded one (see _wrappers).
    with tf.control_dependencies([tf.debugging.Assert(inside, [message])]):
        return tf.identity(tensor)


def check_positive(argument: str, value: Any) -> None:
    """``value`` must be an integer >= 1 (Python or NumPy; bools refused)."""
    if _as_int(value) is None or value < 1:
        raise ValueError(
            f"Argument `{argument}` must be a positive integer. Received: {argument}={value!r}"
        )


def _as_int(value: Any) -> int | None:
    """A Python int for a Python or NumPy integer (a 0-d integer array too); None otherwise."""
    if isinstance(value, (bool, np.bool_)) or tf.is_tensor(value):
        return None
    if isinstance(value, np.ndarray) and (value.ndim or value.dtype.kind not in "iu"):
        return None
    try:
        return operator.index(value)
    except TypeError:
        return None


def checked_int(
    argument: str, value: Any, minimum: int | None = None, below: int | None = None
) -> int:
    """``value`` as a Python int: Python and NumPy integers alike, bools and floats refused.

    Raises:
        ValueError: not an integer, under ``minimum`` or not under ``below``; the message names
            ``argument``.
    """
    number = _as_int(value)
    if number is None:
        raise ValueError(
            f"Argument `{argument}` must be an integer. Received: {argument}={value!r} "
            f"({type(value).__name__})"
        )
    if minimum is not None and below is not None and not minimum <= number < below:
        raise ValueError(
            f"Argument `{argument}` must be in [{minimum}, {below}). Received: {argument}={number}"
        )
    if minimum is not None and number < minimum:
        raise ValueError(
            f"Argument `{argument}` must be >= {minimum}. Received: {argument}={number}"
        )
    if below is not None and number >= below:
        raise ValueError(f"Argument `{argument}` must be < {below}. Received: {argument}={number}")
    return number


def checked_token_id(argument: str, value: Any, vocab_size: int) -> int:
    """A single token id (``start_id``, ``eos_id``, ...) as a Python int in ``[0, vocab_size)``."""
    number = checked_int(argument, value)
    if not 0 <= number < vocab_size:
        raise ValueError(
            f"Argument `{argument}` must be a token id in [0, {vocab_size}). "
            f"Received: {argument}={number}"
        )
    return number


def checked_float(argument: str, value: Any, positive: bool = False) -> float:
    """``value`` as a finite Python float (Python or NumPy numbers; bools refused).

    Raises:
        ValueError: not a finite real number, or not > 0 when ``positive``.
    """
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, float, np.number)):
        raise ValueError(f"Argument `{argument}` must be a number. Received: {argument}={value!r}")
    number = float(value)
    if not math.isfinite(number) or (positive and number <= 0):
        bound = "> 0" if positive else "finite"
        raise ValueError(f"Argument `{argument}` must be {bound}. Received: {argument}={number}")
    return number


def checked_bool(argument: str, value: Any) -> bool:
    """``value`` as a Python bool (``True``/``False`` or a NumPy bool)."""
    if not isinstance(value, (bool, np.bool_)):
        raise ValueError(
            f"Argument `{argument}` must be True or False. Received: {argument}={value!r}"
        )
    return bool(value)
