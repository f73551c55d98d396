"""TF1's legacy multi-head additive attention (Bahdanau-style, as in ``attention_decoder``).

For head ``a``: ``features = states @ AttnW_a`` (TF1 wrote it as a 1x1 convolution with a
``[1, 1, attn_size, attn_size]`` kernel; the weight keeps that shape), ``y = Attention_a(query)``
(a linear layer over the flattened query state), ``s = sum(AttnV_a * tanh(features + y))``,
``weights = softmax(s)`` (in float32) and ``context = sum(weights * states)``.

Weights are fetched through the TF1-name store the first time they are needed, under the
variable scope active then, and kept: later calls (a decoding loop body, another trace) use them
directly, wherever they run.
"""

from __future__ import annotations

from typing import Any

import tensorflow as tf

from legacy2tf2.runtime.variables import get_variable

_v1 = tf.compat.v1


class Linear:
    """TF1's ``_Linear``: ``concat(args, 1) @ kernel + bias``; ``kernel``/``bias`` (zeros) are
    created in the variable scope of the first call."""

    def __init__(self, output_size: int, bias: bool = True) -> None:
        self.output_size = output_size
        self.use_bias = bias
        self.kernel: Any = None
        self.bias: Any = None

    def __call__(self, args: Any) -> tf.Tensor:
        args = list(args) if isinstance(args, (list, tuple)) else [args]
        if self.kernel is None:
            total = 0
            for arg in args:
                if arg.shape.rank != 2 or arg.shape[-1] is None:
                    raise ValueError(
                        f"Linear expects 2-D inputs of known depth. Received: {arg.shape}"
                    )
                total += int(arg.shape[-1])
            dtype = args[0].dtype
            self.kernel = get_variable("kernel", [total, self.output_size], dtype=dtype)
            if self.use_bias:
                self.bias = get_variable(
                    "bias", [self.output_size], dtype=dtype, initializer=_v1.zeros_initializer()
                )
        joined = args[0] if len(args) == 1 else tf.concat(args, 1)
        result = tf.matmul(joined, tf.cast(self.kernel, joined.dtype))
        return result + tf.cast(self.bias, joined.dtype) if self.use_bias else result


class MultiHeadAttention:
    """The attention of one ``attention_decoder`` call: ``num_heads`` reads of ``[batch, length,
    size]`` states. ``AttnW_a``/``AttnV_a`` are created in the current scope at construction,
    ``Attention_a`` at the first :meth:`attend`."""

    def __init__(self, num_heads: int, size: int, dtype: Any, *, tf1_order: bool = True) -> None:
        self.num_heads = num_heads
        self.size = size
        self.dtype = tf.as_dtype(dtype)
        self.hidden_kernels: list[Any] = []
        self.vectors: list[Any] = []
        if tf1_order:
            # TF1's attention_decoder made AttnW_a then AttnV_a head by head, so
            # tf.trainable_variables() lists AttnW_0, AttnV_0, AttnW_1, AttnV_1, ...
            for a in range(num_heads):
                self.hidden_kernels.append(self._hidden_kernel(a))
                self.vectors.append(self._vector(a))
        else:
            # The Keras layer's own order (every AttnW_a, then every AttnV_a): its .keras files
            # hold the weights by position.
            self.hidden_kernels = [self._hidden_kernel(a) for a in range(num_heads)]
            self.vectors = [self._vector(a) for a in range(num_heads)]
        self.query_layers = [Linear(size) for _ in range(num_heads)]

    def _hidden_kernel(self, head: int) -> Any:
        return get_variable(f"AttnW_{head}", [1, 1, self.size, self.size], dtype=self.dtype)

    def _vector(self, head: int) -> Any:
        return get_variable(f"AttnV_{head}", [self.size], dtype=self.dtype)

    def features(self, states: tf.Tensor) -> list[tf.Tensor]:
        """Each head's ``states @ AttnW_a``, computed once per sequence: ``[batch, length, size]``."""
        return [
            tf.einsum("bls,sv->blv", states, tf.cast(kernel[0, 0], states.dtype))
            for kernel in self.hidden_kernels
        ]

    def attend(
        self, query: Any, states: tf.Tensor, features: list[tf.Tensor], mask: Any = None
    ) -> tuple[list[tf.Tensor], list[tf.Tensor]]:
        """Per head, the context ``[batch, size]`` and the weights ``[batch, length]`` for
        ``query`` (any state nest; its leaves are concatenated). ``mask`` ``[batch, length]``
        (optional, not in TF1) excludes padded positions."""
        leaves = tf.nest.flatten(query)
        for leaf in leaves:
            if leaf.shape.rank is not None and leaf.shape.rank != 2:
                raise ValueError(f"Attention query parts must be 2-D. Received shape {leaf.shape}")
        query = leaves[0] if len(leaves) == 1 else tf.concat(leaves, 1)
        contexts, weights = [], []
        for a in range(self.num_heads):
            # the whole head under TF1's scope: in a graph its weights are the op
            # ".../Attention_a/Softmax" (then Attention_a_1, ... per step), as programs that
            # plot attention fetch them by name
            with _v1.variable_scope(f"Attention_{a}"):
                y = tf.cast(self.query_layers[a](query), states.dtype)
                vector = tf.cast(self.vectors[a], states.dtype)
                scores = tf.reduce_sum(vector * tf.tanh(features[a] + y[:, None, :]), axis=2)
                scores = tf.cast(scores, tf.float32)
                if mask is not None:
                    scores = tf.where(mask, scores, -1e9)
                attention = tf.cast(tf.nn.softmax(scores), states.dtype)
                contexts.append(tf.reduce_sum(attention[:, :, None] * states, axis=1))
            weights.append(attention)
        return contexts, weights
