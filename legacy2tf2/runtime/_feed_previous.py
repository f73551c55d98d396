"""``feed_previous`` given as a scalar bool tensor: TF1 built both decoders inside one ``cond``."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from typing import Any

import tensorflow as tf

from legacy2tf2.runtime.variables import in_graph_mode

_v1 = tf.compat.v1


@contextlib.contextmanager
def _all_cond_intermediates_as_outputs() -> Iterator[None]:
    # TF2's cond in a tf.compat.v1 graph cannot take gradients through a cond whose branches
    # create variables ("Connecting to invalid output ...") unless every intermediate is an
    # output. Turn that on for our cond only and restore the user's setting afterwards.
    try:
        from tensorflow.python.ops import control_flow_util_v2 as _cf
    except ImportError:  # pragma: no cover - TensorFlow moved the switch
        yield
        return
    previous = _cf._EXPERIMENTAL_OUTPUT_ALL_INTERMEDIATES_OVERRIDE
    _v1.experimental.output_all_intermediates(True)
    try:
        yield
    finally:
        _cf._EXPERIMENTAL_OUTPUT_ALL_INTERMEDIATES_OVERRIDE = previous


def _is_python_bool(feed_previous: Any) -> bool:
    """True for a Python (or numpy) bool; False for a tensor to be decided at run time."""
    return isinstance(feed_previous, bool) or (
        not tf.is_tensor(feed_previous) and hasattr(feed_previous, "dtype")
    )


def decode_with_feed_previous(
    feed_previous: Any,
    decode: Callable[[bool, bool], tuple[list[Any], Any]],
    num_outputs: int,
    state_structure: Any,
) -> tuple[list[Any], Any]:
    """Run ``decode(feed, on_tensor)`` as TF1 did for its ``feed_previous`` argument.

    A Python bool: ``decode(feed_previous, False)``. A scalar bool tensor: TF1's two-branch
    decoding, ``decode(True, True)`` builds the variables, ``decode(False, True)`` reuses them, and
    ``tf.cond(feed_previous, ...)`` picks one at run time (``on_tensor`` lets the caller keep TF1's
    frozen embedding for fed-back symbols there).

    Returns ``(outputs, state)``; from the cond, ``state`` is packed like ``state_structure``.
    """
    if _is_python_bool(feed_previous):
        return decode(bool(feed_previous), False)
    feed_previous = tf.convert_to_tensor(feed_previous)
    if feed_previous.dtype != tf.bool or feed_previous.shape.rank not in (None, 0):
        raise ValueError(
            "Argument `feed_previous` must be a Python bool or a scalar bool tensor. "
            f"Received: dtype={feed_previous.dtype.name}, shape={feed_previous.shape}"
        )

    def branch(flag: bool) -> list[Any]:
        with _v1.variable_scope(_v1.get_variable_scope(), reuse=None if flag else True):
            outputs, state = decode(flag, True)
        return list(outputs) + tf.nest.flatten(state)

    context = _all_cond_intermediates_as_outputs() if in_graph_mode() else contextlib.nullcontext()
    with context:
        flat = tf.cond(feed_previous, lambda: branch(True), lambda: branch(False))
    flat = list(flat)
    state = tf.nest.pack_sequence_as(state_structure, flat[num_outputs:])
    return flat[:num_outputs], state
