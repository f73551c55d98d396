"""The decoders of legacy_seq2seq: plain, attention and embedding variants, TF1's unrolled loops."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import tensorflow as tf

from legacy2tf2.runtime import _checks
from legacy2tf2.runtime.attention import Linear, MultiHeadAttention
from legacy2tf2.runtime.variables import get_variable

_v1 = tf.compat.v1


def _extract_argmax_and_embed(
    embedding: Any, output_projection: Any = None, update_embedding: bool = True
) -> Callable[[Any, int], Any]:
    """TF1's ``_extract_argmax_and_embed``: a ``loop_function`` feeding back the embedded argmax.

    ``loop_function(prev, i)`` projects ``prev`` with ``output_projection = (W, B)`` when given,
    takes the argmax symbol and returns its embedding; with ``update_embedding=False`` no gradient
    flows into the embedding through the fed-back symbols.
    """

    def loop_function(prev: Any, _: int) -> Any:
        if output_projection is not None:
            prev = tf.matmul(prev, output_projection[0]) + output_projection[1]
        symbol = tf.argmax(prev, 1)
        embedded = tf.nn.embedding_lookup(embedding, symbol)
        if not update_embedding:
            embedded = tf.stop_gradient(embedded)
        return embedded

    return loop_function


def rnn_decoder(
    decoder_inputs: list[Any],
    initial_state: Any,
    cell: Any,
    loop_function: Callable[[Any, int], Any] | None = None,
    scope: Any = None,
) -> tuple[list[Any], Any]:
    """TF1's ``legacy_seq2seq.rnn_decoder``: run ``cell`` over ``decoder_inputs`` from ``initial_state``.

    Args:
        decoder_inputs: list of ``[batch, input_size]`` tensors. With a ``loop_function``, entries
            after the first may be None (they are replaced).
        initial_state: the cell's initial state, in its TF1 nesting.
        cell: a runtime RNN cell.
        loop_function: ``f(prev_output, i) -> next_input``, used from step 1 on instead of
            ``decoder_inputs[i]`` (run under the scope ``loop_function`` with reuse).
        scope: variable scope, default ``"rnn_decoder"``.

    Returns:
        ``(outputs, state)``: a list of ``[batch, cell.output_size]`` tensors and the final state.
    """
    decoder_inputs = _checks.check_input_list(
        "decoder_inputs", decoder_inputs, allow_none_after_first=loop_function is not None
    )
    _checks.check_step_inputs("decoder_inputs", decoder_inputs)
    _checks.check_same_batch(decoder_inputs=decoder_inputs)
    step_shape = tf.TensorShape(decoder_inputs[0].shape)
    with _v1.variable_scope(scope or "rnn_decoder"):
        state = initial_state
        outputs: list[Any] = []
        prev = None
        for i, inp in enumerate(decoder_inputs):
            if loop_function is not None and prev is not None:
                with _v1.variable_scope("loop_function", reuse=True):
                    inp = loop_function(prev, i)
                _checks.check_loop_output(inp, i, step_shape)
            if i > 0:
                _v1.get_variable_scope().reuse_variables()
            output, state = cell(inp, state)
            outputs.append(output)
            if loop_function is not None:
                prev = output
    return outputs, state


def attention_decoder(
    decoder_inputs: list[Any],
    initial_state: Any,
    attention_states: Any,
    cell: Any,
    output_size: int | None = None,
    num_heads: int = 1,
    loop_function: Callable[[Any, int], Any] | None = None,
    dtype: Any = None,
    scope: Any = None,
    initial_state_attention: bool = False,
) -> tuple[list[Any], Any]:
    """TF1's ``legacy_seq2seq.attention_decoder``: an RNN decoder reading ``attention_states``.

    Each step: ``x = linear([input] + previous attentions)``, ``cell(x, state)``, attention on the
    *new* state, ``output = AttnOutputProjection([cell_output] + attentions)``. With
    ``initial_state_attention`` the first attentions are read from ``initial_state`` instead of
    being zeros.

    Args:
        decoder_inputs: non-empty list of ``[batch, input_size]`` tensors.
        initial_state: the cell's initial state.
        attention_states: ``[batch, attn_length, attn_size]``, ``attn_size`` statically known.
        cell: a runtime RNN cell.
        output_size: size of the outputs, default ``cell.output_size``.
        num_heads: number of attention reads, >= 1.
        loop_function: as in :func:`rnn_decoder`.
        dtype: dtype of the new variables, default the scope's (float32).
        scope: variable scope, default ``"attention_decoder"``.
        initial_state_attention: read the first attention from ``initial_state``.

    Returns:
        ``(outputs, state)``: list of ``[batch, output_size]`` tensors and the final state.

    Raises:
        ValueError: empty ``decoder_inputs``, ``num_heads < 1``, ``attention_states`` not rank 3
            or with an unknown last dimension.
    """
    decoder_inputs = _checks.check_input_list(
        "decoder_inputs", decoder_inputs, allow_none_after_first=loop_function is not None
    )
    _checks.check_positive("num_heads", num_heads)
    _checks.check_step_inputs("decoder_inputs", decoder_inputs)
    _checks.check_same_batch(decoder_inputs=decoder_inputs)
    step_shape = tf.TensorShape(decoder_inputs[0].shape)
    attention_states = tf.convert_to_tensor(attention_states)
    _checks.check_rank("attention_states", attention_states, 3)
    if attention_states.shape[2] is None:
        raise ValueError(
            "Argument `attention_states` must have a statically known last dimension. "
            f"Received: attention_states.shape={attention_states.shape}"
        )
    if output_size is None:
        output_size = cell.output_size
    with _v1.variable_scope(scope or "attention_decoder", dtype=dtype) as var_scope:
        dtype = var_scope.dtype
        attention = MultiHeadAttention(num_heads, int(attention_states.shape[2]), dtype)
        features = attention.features(attention_states)
        input_linear, output_linear = None, Linear(output_size)
        batch_size = tf.shape(decoder_inputs[0])[0]
        state = initial_state
        attns = [tf.zeros(tf.stack([batch_size, attention.size]), dtype=dtype)] * num_heads
        if initial_state_attention:
            attns, _ = attention.attend(initial_state, attention_states, features)
        outputs: list[Any] = []
        prev = None
        for i, inp in enumerate(decoder_inputs):
            if i > 0:
                _v1.get_variable_scope().reuse_variables()
            if loop_function is not None and prev is not None:
                with _v1.variable_scope("loop_function", reuse=True):
                    inp = loop_function(prev, i)
                _checks.check_loop_output(inp, i, step_shape)
            if inp.shape.rank != 2 or inp.shape[1] is None:
                raise ValueError(
                    f"Could not infer the input size of decoder step {i}: "
                    f"expected [batch, input_size], received shape {inp.shape}"
                )
            input_linear = input_linear or Linear(int(inp.shape[1]))
            x = input_linear([tf.cast(e, dtype) for e in [inp, *attns]])
            cell_output, state = cell(x, state)
            attns, _ = attention.attend(state, attention_states, features)
            with _v1.variable_scope("AttnOutputProjection"):
                output = output_linear([tf.cast(cell_output, dtype), *attns])
            if loop_function is not None:
                prev = output
            outputs.append(output)
    return outputs, state


def embedding_rnn_decoder(
    decoder_inputs: list[Any],
    initial_state: Any,
    cell: Any,
    num_symbols: int,
    embedding_size: int,
    output_projection: Any = None,
    feed_previous: bool = False,
    update_embedding_for_previous: bool = True,
    scope: Any = None,
) -> tuple[list[Any], Any]:
    """TF1's ``legacy_seq2seq.embedding_rnn_decoder``: :func:`rnn_decoder` over embedded symbols.

    Creates ``embedding`` ``[num_symbols, embedding_size]``. With ``feed_previous=True`` every
    step after the first feeds back the embedded argmax of the previous output (projected by
    ``output_projection`` when given), as ``_extract_argmax_and_embed``.

    Returns:
        ``(outputs, state)`` as :func:`rnn_decoder`.
    """
    decoder_inputs = _checks.check_input_list("decoder_inputs", decoder_inputs)
    _checks.check_positive("num_symbols", num_symbols)
    _checks.check_positive("embedding_size", embedding_size)
    decoder_inputs = _checks.checked_token_ids("decoder_inputs", decoder_inputs, num_symbols)
    _checks.check_output_projection(output_projection, cell.output_size, num_symbols)
    with _v1.variable_scope(scope or "embedding_rnn_decoder"):
        embedding = get_variable("embedding", [num_symbols, embedding_size])
        loop_function = (
            _extract_argmax_and_embed(embedding, output_projection, update_embedding_for_previous)
            if feed_previous
            else None
        )
        embedded = [tf.nn.embedding_lookup(embedding, i) for i in decoder_inputs]
        return rnn_decoder(embedded, initial_state, cell, loop_function=loop_function)


def embedding_attention_decoder(
    decoder_inputs: list[Any],
    initial_state: Any,
    attention_states: Any,
    cell: Any,
    num_symbols: int,
    embedding_size: int,
    num_heads: int = 1,
    output_size: int | None = None,
    output_projection: Any = None,
    feed_previous: bool = False,
    update_embedding_for_previous: bool = True,
    dtype: Any = None,
    scope: Any = None,
    initial_state_attention: bool = False,
) -> tuple[list[Any], Any]:
    """TF1's ``legacy_seq2seq.embedding_attention_decoder``: :func:`attention_decoder` over
    embedded symbols, with ``embedding`` ``[num_symbols, embedding_size]`` and ``feed_previous``
    as in :func:`embedding_rnn_decoder`.

    Returns:
        ``(outputs, state)`` as :func:`attention_decoder`.
    """
    decoder_inputs = _checks.check_input_list("decoder_inputs", decoder_inputs)
    _checks.check_positive("num_symbols", num_symbols)
    _checks.check_positive("embedding_size", embedding_size)
    decoder_inputs = _checks.checked_token_ids("decoder_inputs", decoder_inputs, num_symbols)
    if output_size is None:
        output_size = cell.output_size
    _checks.check_output_projection(output_projection, output_size, num_symbols)
    with _v1.variable_scope(scope or "embedding_attention_decoder", dtype=dtype) as var_scope:
        embedding = get_variable("embedding", [num_symbols, embedding_size], dtype=var_scope.dtype)
        loop_function = (
            _extract_argmax_and_embed(embedding, output_projection, update_embedding_for_previous)
            if feed_previous
            else None
        )
        embedded = [tf.nn.embedding_lookup(embedding, i) for i in decoder_inputs]
        return attention_decoder(
            embedded,
            initial_state,
            attention_states,
            cell,
            output_size=output_size,
            num_heads=num_heads,
            loop_function=loop_function,
            initial_state_attention=initial_state_attention,
        )
