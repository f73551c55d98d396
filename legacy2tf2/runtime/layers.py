"""Keras-native building blocks with TF1's math and TF1's weight names.

``Encoder`` (TF1's embedded encoder), ``LegacyAttention`` (TF1's multi-head additive attention)
and ``AttentionDecoder`` (exactly one step of TF1's ``embedding_attention_decoder``). Weights are
created through a TF1-name :class:`VariableStore` under the TF1 scope the layer is given, so a
model made of them loads a TF1 checkpoint by name; they are ordinary Keras weights otherwise.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

import keras
import tensorflow as tf

from legacy2tf2.runtime._wrappers import EmbeddingWrapper, OutputProjectionWrapper
from legacy2tf2.runtime.attention import Linear, MultiHeadAttention
from legacy2tf2.runtime.variables import VariableStore, get_variable

_v1 = tf.compat.v1


class _TF1NamedLayer(keras.layers.Layer):
    """A layer whose weights live in a TF1-name store under the TF1 scope ``tf1_scope``."""

    def __init__(self, tf1_scope: str, store: VariableStore | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.tf1_scope = tf1_scope
        object.__setattr__(self, "store", store if store is not None else VariableStore())

    @contextlib.contextmanager
    def tf1_scope_context(self, extra: str | None = None) -> Iterator[None]:
        """Enter the layer's store and its TF1 variable scope (plus ``extra``)."""
        with self.store.as_default(), _v1.variable_scope(self.tf1_scope):
            if extra is None:
                yield
            else:
                with _v1.variable_scope(extra):
                    yield

    @contextlib.contextmanager
    def owning_weights(self) -> Iterator[None]:
        """Record the weights fetched inside the block as this layer's own Keras weights."""
        with self.store.recording() as handed_out:
            yield
        self._tf1_weights = [w for w in handed_out if not _owned_by_sublayer(self, w)]

    def get_config(self) -> dict[str, Any]:
        return {**super().get_config(), "tf1_scope": self.tf1_scope}

    @classmethod
    def from_config(cls, config: dict[str, Any]) -> _TF1NamedLayer:
        """Rebuild from :meth:`get_config`, deserialising a nested ``cell``."""
        config = dict(config)
        if "cell" in config:
            config["cell"] = keras.saving.deserialize_keras_object(config["cell"])
        return cls(**config)


def _owned_by_sublayer(layer: keras.layers.Layer, weight: Any) -> bool:
    return any(
        any(w is weight for w in sub.weights)
        for sub in layer._flatten_layers(include_self=False, recursive=True)
    )


def _is_shape(value: Any) -> bool:
    """True for a shape (a TensorShape, or a tuple/list of ints and Nones), not a nest of them."""
    if isinstance(value, tf.TensorShape):
        return True
    return isinstance(value, (list, tuple)) and all(d is None or isinstance(d, int) for d in value)


def stack_batch_major(steps: tf.TensorArray, batch: Any, width: int, dtype: Any) -> tf.Tensor:
    """``[batch, time, width]`` from a ``TensorArray`` of ``[batch, width]`` steps.

    Zero steps (a zero-length sequence) give ``[batch, 0, width]``; stacking an empty array whose
    batch size is unknown until run time would fail instead.
    """
    stacked = tf.cond(steps.size() > 0, steps.stack, lambda: tf.zeros([0, batch, width], dtype))
    return tf.transpose(stacked, [1, 0, 2])


def _pad_mask(tokens: tf.Tensor, pad_id: int | None) -> tf.Tensor | None:
    return None if pad_id is None else tf.not_equal(tokens, pad_id)


@keras.saving.register_keras_serializable(package="legacy2tf2")
class Encoder(_TF1NamedLayer):
    """TF1's embedded encoder: ``EmbeddingWrapper(cell)`` run over the source (``static_rnn``).

    Args:
        cell: a runtime cell (or stack of cells, ``MultiRNNCell``).
        num_symbols: source vocabulary size.
        embedding_size: embedding width.
        pad_id: when set (not in TF1), positions holding it leave the state unchanged, output
            zeros, and are excluded from attention. None (default) processes every position, as
            TF1 did.
        tf1_scope: TF1 scope, default ``embedding_attention_seq2seq`` (weights then live under
            ``embedding_attention_seq2seq/rnn/embedding_wrapper/...``).

    Call arguments:
        tokens: ``[batch, time]`` int token ids.

    Returns:
        ``(outputs [batch, time, cell.output_size], final_state)``.
    """

    def __init__(
        self,
        cell: Any,
        num_symbols: int,
        embedding_size: int,
        pad_id: int | None = None,
        tf1_scope: str = "embedding_attention_seq2seq",
        store: VariableStore | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(tf1_scope, store, **kwargs)
        self.cell = EmbeddingWrapper(cell, num_symbols, embedding_size)
        self.num_symbols = num_symbols
        self.embedding_size = embedding_size
        self.pad_id = pad_id

    def build(self, input_shape: Any = None) -> None:
        with self.tf1_scope_context("rnn"), self.owning_weights():
            # Weights in the variable dtype (float32 under a mixed-precision policy).
            self.cell(tf.zeros([1], tf.int32), self.cell.zero_state(1, self.variable_dtype))

    def call(self, tokens: Any) -> tuple[tf.Tensor, Any]:
        tokens = tf.convert_to_tensor(tokens, tf.int32)
        batch = tf.shape(tokens)[0]
        state = self.cell.zero_state(batch, self.compute_dtype)
        mask = _pad_mask(tokens, self.pad_id)
        steps = tf.shape(tokens)[1]
        outputs = tf.TensorArray(self.compute_dtype, size=steps)

        def body(t: tf.Tensor, state: Any, outputs: tf.TensorArray) -> tuple:
            output, new_state = self.cell(tokens[:, t], state)
            if mask is not None:
                keep = mask[:, t]
                output = tf.where(keep[:, None], output, tf.zeros_like(output))
                new_state = tf.nest.map_structure(
                    lambda new, old: tf.where(keep[:, None], new, old), new_state, state
                )
            return t + 1, new_state, outputs.write(t, tf.cast(output, self.compute_dtype))

        _, state, outputs = tf.while_loop(lambda t, *_: t < steps, body, (0, state, outputs))
        width = int(self.cell.output_size)
        return stack_batch_major(outputs, batch, width, self.compute_dtype), state

    def get_config(self) -> dict[str, Any]:
        return {
            **super().get_config(),
            "cell": keras.saving.serialize_keras_object(self.cell._cell),
            "num_symbols": self.num_symbols,
            "embedding_size": self.embedding_size,
            "pad_id": self.pad_id,
        }


@keras.saving.register_keras_serializable(package="legacy2tf2")
class LegacyAttention(_TF1NamedLayer):
    """TF1's multi-head additive attention as a layer (``AttnW_i``, ``AttnV_i``, ``Attention_i``).

    Args:
        num_heads: number of attention reads (>= 1).
        tf1_scope: the TF1 scope of the weights, default ``attention_decoder``.

    Call arguments:
        query: ``[batch, query_depth]`` (or a state nest, its leaves concatenated).
        attention_states: ``[batch, length, size]``.
        mask: optional ``[batch, length]`` bool, False at padded positions.

    Returns:
        ``(context [batch, num_heads * size], weights [batch, num_heads, length])``.
    """

    def __init__(
        self,
        num_heads: int = 1,
        tf1_scope: str = "attention_decoder",
        store: VariableStore | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(tf1_scope, store, **kwargs)
        if isinstance(num_heads, bool) or not isinstance(num_heads, int) or num_heads < 1:
            raise ValueError(
                f"Argument `num_heads` must be a positive integer. Received: num_heads={num_heads!r}"
            )
        self.num_heads = num_heads
        self.math: MultiHeadAttention | None = None

    def build_for(self, query_depth: int, size: int, dtype: Any) -> None:
        """Create every weight for queries of ``query_depth`` over states of width ``size``."""
        with self.tf1_scope_context(), self.owning_weights():
            self.math = MultiHeadAttention(self.num_heads, size, dtype, tf1_order=False)
            states = tf.zeros([1, 1, size], dtype)
            self.math.attend(tf.zeros([1, query_depth], dtype), states, self.math.features(states))
        self.built = True

    def build(self, query_shape: Any, attention_states_shape: Any = None) -> None:
        if attention_states_shape is None:
            raise ValueError("LegacyAttention needs the shape of `attention_states` to build.")
        self.build_for(int(query_shape[-1]), int(attention_states_shape[-1]), self.compute_dtype)

    def features(self, attention_states: tf.Tensor) -> list[tf.Tensor]:
        """Per-head ``attention_states @ AttnW_i``, to be computed once per sequence."""
        return self.math.features(attention_states)

    def attend(
        self, query: Any, attention_states: tf.Tensor, features: list, mask: Any = None
    ) -> tuple:
        """Per-head contexts and weights (lists), as TF1's ``attention(query)``."""
        return self.math.attend(query, attention_states, features, mask)

    def call(
        self, query: Any, attention_states: Any, mask: Any = None
    ) -> tuple[tf.Tensor, tf.Tensor]:
        contexts, weights = self.attend(
            query, attention_states, self.features(attention_states), mask
        )
        return tf.concat(contexts, 1), tf.stack(weights, 1)

    def get_config(self) -> dict[str, Any]:
        return {**super().get_config(), "num_heads": self.num_heads}


@keras.saving.register_keras_serializable(package="legacy2tf2")
class AttentionDecoder(_TF1NamedLayer):
    """Exactly one step of TF1's ``embedding_attention_decoder``.

    ``x = linear([embed(token)] + previous attentions)``, ``cell(x, state)``, attention on the new
    state, ``output = AttnOutputProjection([cell_output] + attentions)``, then the output
    projection: ``output @ proj_w^T + proj_b`` (the translate tutorial's layout) when
    ``output_projection``, else the cell is wrapped in ``OutputProjectionWrapper(num_symbols)`` as
    TF1 did.

    The decoder state is ``(cell_state, attentions)``. :meth:`step` follows the decoding contract
    ``step_fn(tokens, state, time) -> (logits, state)`` once bound to a memory with
    :meth:`step_fn`.

    Args:
        cell: a runtime cell (or ``MultiRNNCell``).
        num_symbols: target vocabulary size.
        embedding_size: width of the target embedding.
        num_heads: number of attention reads (>= 1).
        output_projection: project the outputs with ``proj_w``/``proj_b`` (the translate
            tutorial's layout); False wraps the cell in ``OutputProjectionWrapper(num_symbols)``.
        initial_state_attention: read the first attentions from the encoder state (TF1's flag).
        tf1_scope: TF1 scope of the weights, default ``embedding_attention_seq2seq``.
        store: the :class:`VariableStore` holding the weights by TF1 name (default a new one).

    Call arguments:
        tokens: ``[batch]`` int token ids of this step.
        state: ``(cell_state, attentions)``, as :meth:`initial_state` returns.
        memory: the tuple :meth:`memory` returns, or the encoder outputs
            ``[batch, length, attention_size]`` themselves.

    Returns:
        ``(logits [batch, num_symbols], new_state, attention weights [batch, num_heads,
        length])``. Built by Keras from the call's shapes, or explicitly with
        ``build(memory_shape=(batch, length, attention_size))`` or :meth:`build_for`.
    """

    def __init__(
        self,
        cell: Any,
        num_symbols: int,
        embedding_size: int,
        num_heads: int = 1,
        output_projection: bool = True,
        initial_state_attention: bool = False,
        tf1_scope: str = "embedding_attention_seq2seq",
        store: VariableStore | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(tf1_scope, store, **kwargs)
        self.num_symbols = num_symbols
        self.embedding_size = embedding_size
        self.output_projection = output_projection
        self.initial_state_attention = initial_state_attention
        self.cell = cell if output_projection else OutputProjectionWrapper(cell, num_symbols)
        self.attention = LegacyAttention(
            num_heads,
            tf1_scope=f"{tf1_scope}/embedding_attention_decoder/attention_decoder",
            store=self.store,
        )
        self.output_size = cell.output_size if output_projection else num_symbols
        self._input_linear = Linear(embedding_size)
        self._output_linear = Linear(self.output_size)

    def build_for(self, attention_size: int) -> None:
        """Create every weight, for encoder outputs of width ``attention_size``."""
        dtype = self.variable_dtype
        query_depth = sum(tf.nest.flatten(tf.nest.map_structure(int, self.cell.state_size)))
        self.attention.build_for(query_depth, attention_size, dtype)
        with self.store.as_default(), self.owning_weights():
            if self.output_projection:
                self.proj_w = get_variable("proj_w", [self.num_symbols, self.cell.output_size])
                self.proj_b = get_variable("proj_b", [self.num_symbols])
            with (
                _v1.variable_scope(self.tf1_scope),
                _v1.variable_scope("embedding_attention_decoder"),
            ):
                self.embedding = get_variable("embedding", [self.num_symbols, self.embedding_size])
                with _v1.variable_scope("attention_decoder"):
                    attentions = [tf.zeros([1, attention_size], dtype)] * self.attention.num_heads
                    x = self._input_linear([tf.zeros([1, self.embedding_size], dtype), *attentions])
                    output, _ = self.cell(x, self.cell.zero_state(1, dtype))
                    with _v1.variable_scope("AttnOutputProjection"):
                        self._output_linear([output, *attentions])
        self.built = True

    def build(
        self, tokens_shape: Any = None, state_shape: Any = None, memory_shape: Any = None
    ) -> None:
        """Keras's ``build``: the shapes of :meth:`call`'s arguments; the attention size is the
        last dimension of the memory's encoder outputs (``[batch, length, attention_size]``, or
        the shapes of the tuple :meth:`memory` returns)."""
        outputs_shape = memory_shape
        if isinstance(memory_shape, (list, tuple)) and memory_shape and _is_shape(memory_shape[0]):
            outputs_shape = memory_shape[0]
        size = None if outputs_shape is None else tf.TensorShape(outputs_shape)[-1]
        if size is None or tf.TensorShape(outputs_shape).rank != 3:
            raise ValueError(
                "AttentionDecoder builds from the shape of its memory, the encoder outputs "
                "[batch, length, attention_size] with a known attention_size. "
                f"Received: memory_shape={memory_shape}"
            )
        self.build_for(int(size))

    def initial_state(self, encoder_state: Any, memory: tuple) -> tuple:
        """The decoder state before the first step: the encoder state and zero (or, with
        ``initial_state_attention``, read) attentions."""
        states, features, mask = memory
        if self.initial_state_attention:
            attentions, _ = self.attention.attend(encoder_state, states, features, mask)
        else:
            batch = tf.shape(states)[0]
            attentions = [
                tf.zeros([batch, states.shape[-1]], states.dtype)
            ] * self.attention.num_heads
        return encoder_state, tuple(attentions)

    def memory(self, encoder_outputs: tf.Tensor, mask: Any = None) -> tuple:
        """What every step reads: the encoder outputs, their per-head features, the pad mask."""
        return encoder_outputs, self.attention.features(encoder_outputs), mask

    def step(
        self, tokens: tf.Tensor, state: tuple, memory: tuple, projection: Any = None
    ) -> tuple[tf.Tensor, tuple, tf.Tensor]:
        """One decoder step: ``(logits [batch, num_symbols], new_state, attention weights
        [batch, num_heads, length])``.

        ``projection``: what :meth:`output_projection_weights` returned, for a loop of many
        steps (the transposed ``proj_w`` is then made once, not once per step); None reads
        ``proj_w``/``proj_b`` here.
        """
        states, features, mask = memory
        cell_state, attentions = state
        embedded = tf.cast(tf.nn.embedding_lookup(self.embedding, tokens), states.dtype)
        x = self._input_linear([embedded, *attentions])
        cell_output, cell_state = self.cell(x, cell_state)
        contexts, weights = self.attention.attend(cell_state, states, features, mask)
        output = self._output_linear([tf.cast(cell_output, states.dtype), *contexts])
        if self.output_projection:
            if projection is None:
                proj_w = tf.cast(self.proj_w, output.dtype)
                output = tf.matmul(output, proj_w, transpose_b=True)
            else:
                output = tf.matmul(output, tf.cast(projection[0], output.dtype))
            output += tf.cast(self.proj_b if projection is None else projection[1], output.dtype)
        return output, (cell_state, tuple(contexts)), tf.stack(weights, 1)

    def output_projection_weights(self) -> tuple[tf.Tensor, tf.Tensor] | None:
        """``(proj_w^T [size, num_symbols], proj_b)`` for :meth:`step`, None without an output
        projection. TF1's translate model fed ``legacy_seq2seq`` the transposed ``proj_w`` the
        same way, made once outside its steps; a ``[batch, size] x [size, vocab]`` product is
        also faster on CPU than one with the kernel transposed inside every step."""
        if not self.output_projection:
            return None
        dtype = self.compute_dtype
        return tf.cast(tf.transpose(self.proj_w), dtype), tf.cast(self.proj_b, dtype)

    def call(self, tokens: Any, state: Any, memory: Any) -> tuple:
        if tf.is_tensor(memory) or not isinstance(memory, (list, tuple)):
            memory = self.memory(memory)
        return self.step(tokens, state, memory)

    def get_config(self) -> dict[str, Any]:
        cell = self.cell if self.output_projection else self.cell._cell
        return {
            **super().get_config(),
            "cell": keras.saving.serialize_keras_object(cell),
            "num_symbols": self.num_symbols,
            "embedding_size": self.embedding_size,
            "num_heads": self.attention.num_heads,
            "output_projection": self.output_projection,
            "initial_state_attention": self.initial_state_attention,
        }
