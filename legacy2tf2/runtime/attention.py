"""TF1's legacy multi-head additive attention (Bahdanau-style, as in ``attention_decoder``).

For head ``a``: ``features = states @ AttnW_a`` (TF1 wrote it as a 1x1 convolution with a
``[1, 1, attn_size, attn_size]`` kernel; the weight keeps that shape), ``y = Attention_a(query)``
(a linear layer over the flattened query state), ``s = sum(AttnV_a * tanh(features + y))``,
``weights = softmax(s)`` (in float32) and ``context = sum(weights * states)``.
"""

from __future__ import annotations

from typing import Any, NamedTuple

import tensorflow as tf

from legacy2tf2.runtime.variables import get_variable

_v1 = tf.compat.v1


def linear(args: Any, output_size: int, bias: bool = True) -> tf.Tensor:
    """TF1's ``_Linear``: ``concat(args, 1) @ kernel + bias`` with ``kernel``/``bias`` created
    in the current variable scope (bias initialised to zeros)."""
    args = list(args) if isinstance(args, (list, tuple)) else [args]
    total = 0
    for arg in args:
        depth = arg.shape[-1]
        if arg.shape.rank != 2 or depth is None:
            raise ValueError(f"linear expects 2-D inputs with a known depth. Received: {arg.shape}")
        total += int(depth)
    dtype = args[0].dtype
    kernel = get_variable("kernel", [total, output_size], dtype=dtype)
    joined = args[0] if len(args) == 1 else tf.concat(args, 1)
    result = tf.matmul(joined, kernel)
    if not bias:
        return result
    bias_var = get_variable("bias", [output_size], dtype=dtype, initializer=_v1.zeros_initializer())
    return result + bias_var


class AttentionStates(NamedTuple):
    """What every attention step reads: the states and each head's precomputed features."""

    states: tf.Tensor  # [batch, length, size]
    features: list[tf.Tensor]  # per head, [batch, length, size]
    vectors: list[Any]  # per head, AttnV_a [size]
    size: int


def prepare_attention(attention_states: tf.Tensor, num_heads: int, dtype: Any) -> AttentionStates:
    """Create ``AttnW_a``/``AttnV_a`` in the current scope and precompute each head's features."""
    size = int(attention_states.shape[2])
    features, vectors = [], []
    for a in range(num_heads):
        kernel = get_variable(f"AttnW_{a}", [1, 1, size, size], dtype=dtype)
        features.append(tf.einsum("bls,sv->blv", attention_states, kernel[0, 0]))
        vectors.append(get_variable(f"AttnV_{a}", [size], dtype=dtype))
    return AttentionStates(attention_states, features, vectors, size)


def attend(query: Any, prepared: AttentionStates, dtype: Any) -> tuple[list[Any], list[Any]]:
    """One attention read: per head, the context vector ``[batch, size]`` and the weights
    ``[batch, length]`` for ``query`` (any state nest; its leaves are concatenated)."""
    leaves = tf.nest.flatten(query)
    for leaf in leaves:
        if leaf.shape.rank is not None and leaf.shape.rank != 2:
            raise ValueError(f"Attention query parts must be 2-D. Received shape {leaf.shape}")
    query = leaves[0] if len(leaves) == 1 else tf.concat(leaves, 1)
    contexts, weights = [], []
    for a, (features, vector) in enumerate(zip(prepared.features, prepared.vectors, strict=True)):
        with _v1.variable_scope(f"Attention_{a}"):
            y = tf.cast(linear(query, prepared.size), dtype)
        scores = tf.reduce_sum(vector * tf.tanh(features + y[:, None, :]), axis=2)
        attention = tf.cast(tf.nn.softmax(tf.cast(scores, tf.float32)), dtype)
        contexts.append(tf.reduce_sum(attention[:, :, None] * prepared.states, axis=1))
        weights.append(attention)
    return contexts, weights
