"""TF1's ``tf.contrib.legacy_seq2seq`` on TensorFlow 2: the same 13 functions, same signatures,
defaults and return structures (Python lists of per-step tensors, TF1 state nesting), the same
variable names, and TF1's numbers.

Works in ``tf.compat.v1`` graph mode (variables through ``get_variable``, so old ``Saver``
checkpoints restore unchanged), eagerly and inside ``tf.function`` (variables kept by full TF1 name
in :class:`legacy2tf2.runtime.VariableStore`: the first call creates them, later calls reuse them).
``feed_previous`` may be a Python bool or a scalar bool tensor, as in TF1.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import tensorflow as tf

from legacy2tf2.runtime import _checks
from legacy2tf2.runtime._decoders import (
    _extract_argmax_and_embed,
    attention_decoder,
    embedding_attention_decoder,
    embedding_rnn_decoder,
    rnn_decoder,
)
from legacy2tf2.runtime._feed_previous import decode_with_feed_previous
from legacy2tf2.runtime._losses import loss_called_as as loss_called_as  # rewrite's order marker
from legacy2tf2.runtime._losses import sequence_loss, sequence_loss_by_example
from legacy2tf2.runtime._wrappers import EmbeddingWrapper, OutputProjectionWrapper
from legacy2tf2.runtime.variables import get_variable

__all__ = [
    "_extract_argmax_and_embed",
    "attention_decoder",
    "basic_rnn_seq2seq",
    "embedding_attention_decoder",
    "embedding_attention_seq2seq",
    "embedding_rnn_decoder",
    "embedding_rnn_seq2seq",
    "embedding_tied_rnn_seq2seq",
    "model_with_buckets",
    "one2many_rnn_seq2seq",
    "rnn_decoder",
    "sequence_loss",
    "sequence_loss_by_example",
    "tied_rnn_seq2seq",
]

_v1 = tf.compat.v1


def _batch_size(inputs: list[Any]) -> Any:
    static = tf.TensorShape(inputs[0].shape)[0] if inputs[0].shape.rank else None
    return static if static is not None else tf.shape(inputs[0])[0]


def _check_sizes(**sizes: Any) -> None:
    for argument, value in sizes.items():
        _checks.check_positive(argument, value)


def _static_rnn(cell: Any, inputs: list[Any], dtype: Any, scope: Any = None) -> tuple[list, Any]:
    """TF1's ``static_rnn`` without sequence lengths: the cell unrolled from its zero state."""
    with _v1.variable_scope(scope or "rnn") as var_scope:
        state = cell.zero_state(_batch_size(inputs), dtype)
        outputs = []
        for i, inp in enumerate(inputs):
            if i > 0:
                var_scope.reuse_variables()
            output, state = cell(inp, state)
            outputs.append(output)
    return outputs, state


def basic_rnn_seq2seq(
    encoder_inputs: list[Any],
    decoder_inputs: list[Any],
    cell: Any,
    dtype: Any = tf.float32,
    scope: Any = None,
) -> tuple[list[Any], Any]:
    """TF1's ``legacy_seq2seq.basic_rnn_seq2seq``: encode with a copy of ``cell``, decode with
    ``cell`` from the final encoder state (scope ``basic_rnn_seq2seq``).

    Returns:
        ``(outputs, state)``: list of ``[batch, cell.output_size]`` and the final decoder state.
    """
    encoder_inputs = _checks.check_input_list("encoder_inputs", encoder_inputs)
    decoder_inputs = _checks.check_input_list("decoder_inputs", decoder_inputs)
    _checks.check_step_inputs("encoder_inputs", encoder_inputs)
    _checks.check_same_batch(encoder_inputs=encoder_inputs, decoder_inputs=decoder_inputs)
    with _v1.variable_scope(scope or "basic_rnn_seq2seq"):
        _, encoder_state = _static_rnn(copy.deepcopy(cell), encoder_inputs, dtype=dtype)
        return rnn_decoder(decoder_inputs, encoder_state, cell)


def tied_rnn_seq2seq(
    encoder_inputs: list[Any],
    decoder_inputs: list[Any],
    cell: Any,
    loop_function: Callable[[Any, int], Any] | None = None,
    dtype: Any = tf.float32,
    scope: Any = None,
) -> tuple[list[Any], Any]:
    """TF1's ``legacy_seq2seq.tied_rnn_seq2seq``: encoder and decoder share ``cell`` and its
    weights (scope ``combined_tied_rnn_seq2seq/<scope or tied_rnn_seq2seq>``).

    Returns:
        ``(outputs, state)`` of the decoder.
    """
    encoder_inputs = _checks.check_input_list("encoder_inputs", encoder_inputs)
    decoder_inputs = _checks.check_input_list(
        "decoder_inputs", decoder_inputs, allow_none_after_first=loop_function is not None
    )
    _checks.check_step_inputs("encoder_inputs", encoder_inputs)
    _checks.check_same_batch(encoder_inputs=encoder_inputs, decoder_inputs=decoder_inputs)
    with _v1.variable_scope("combined_tied_rnn_seq2seq"):
        scope = scope or "tied_rnn_seq2seq"
        _, encoder_state = _static_rnn(cell, encoder_inputs, dtype=dtype, scope=scope)
        _v1.get_variable_scope().reuse_variables()
        return rnn_decoder(
            decoder_inputs, encoder_state, cell, loop_function=loop_function, scope=scope
        )


def embedding_rnn_seq2seq(
    encoder_inputs: list[Any],
    decoder_inputs: list[Any],
    cell: Any,
    num_encoder_symbols: int,
    num_decoder_symbols: int,
    embedding_size: int,
    output_projection: Any = None,
    feed_previous: Any = False,
    dtype: Any = None,
    scope: Any = None,
) -> tuple[list[Any], Any]:
    """TF1's ``legacy_seq2seq.embedding_rnn_seq2seq``: embedded encoder (a copy of ``cell`` in an
    ``EmbeddingWrapper``), then :func:`embedding_rnn_decoder`. Without ``output_projection`` the
    decoder cell is wrapped in ``OutputProjectionWrapper(cell, num_decoder_symbols)``.

    Returns:
        ``(outputs, state)``: outputs are ``[batch, num_decoder_symbols]`` logits, or
        ``[batch, cell.output_size]`` when ``output_projection`` is given.
    """
    encoder_inputs = _checks.check_input_list("encoder_inputs", encoder_inputs)
    decoder_inputs = _checks.check_input_list("decoder_inputs", decoder_inputs)
    _check_sizes(
        num_encoder_symbols=num_encoder_symbols,
        num_decoder_symbols=num_decoder_symbols,
        embedding_size=embedding_size,
    )
    encoder_inputs = _checks.checked_token_ids(
        "encoder_inputs", encoder_inputs, num_encoder_symbols
    )
    _checks.check_same_batch(encoder_inputs=encoder_inputs, decoder_inputs=decoder_inputs)
    with _v1.variable_scope(scope or "embedding_rnn_seq2seq") as var_scope:
        if dtype is not None:
            var_scope.set_dtype(dtype)
        else:
            dtype = var_scope.dtype
        encoder_cell = EmbeddingWrapper(
            copy.deepcopy(cell),
            embedding_classes=num_encoder_symbols,
            embedding_size=embedding_size,
        )
        _, encoder_state = _static_rnn(encoder_cell, encoder_inputs, dtype=dtype)
        if output_projection is None:
            cell = OutputProjectionWrapper(cell, num_decoder_symbols)

        def decode(feed: bool, on_tensor: bool) -> tuple[list[Any], Any]:
            update_embedding = not on_tensor  # TF1 froze it inside the cond
            return embedding_rnn_decoder(
                decoder_inputs,
                encoder_state,
                cell,
                num_decoder_symbols,
                embedding_size,
                output_projection=output_projection,
                feed_previous=feed,
                update_embedding_for_previous=update_embedding,
            )

        return decode_with_feed_previous(feed_previous, decode, len(decoder_inputs), encoder_state)


def embedding_tied_rnn_seq2seq(
    encoder_inputs: list[Any],
    decoder_inputs: list[Any],
    cell: Any,
    num_symbols: int,
    embedding_size: int,
    num_decoder_symbols: int | None = None,
    output_projection: Any = None,
    feed_previous: Any = False,
    dtype: Any = None,
    scope: Any = None,
) -> tuple[list[Any], Any]:
    """TF1's ``legacy_seq2seq.embedding_tied_rnn_seq2seq``: one ``embedding`` for encoder and
    decoder symbols, then :func:`tied_rnn_seq2seq` (the output projection wrapper, when added,
    wraps the shared cell).

    Returns:
        ``(outputs, state)``.
    """
    encoder_inputs = _checks.check_input_list("encoder_inputs", encoder_inputs)
    decoder_inputs = _checks.check_input_list("decoder_inputs", decoder_inputs)
    _check_sizes(num_symbols=num_symbols, embedding_size=embedding_size)
    if num_decoder_symbols is not None:
        _checks.check_positive("num_decoder_symbols", num_decoder_symbols)
    encoder_inputs = _checks.checked_token_ids("encoder_inputs", encoder_inputs, num_symbols)
    decoder_inputs = _checks.checked_token_ids("decoder_inputs", decoder_inputs, num_symbols)
    _checks.check_same_batch(encoder_inputs=encoder_inputs, decoder_inputs=decoder_inputs)
    output_symbols = num_decoder_symbols if num_decoder_symbols is not None else num_symbols
    with _v1.variable_scope(scope or "embedding_tied_rnn_seq2seq", dtype=dtype) as var_scope:
        dtype = var_scope.dtype
        embedding = get_variable("embedding", [num_symbols, embedding_size], dtype=dtype)
        embedded_encoder = [tf.nn.embedding_lookup(embedding, x) for x in encoder_inputs]
        embedded_decoder = [tf.nn.embedding_lookup(embedding, x) for x in decoder_inputs]
        if output_projection is None:
            cell = OutputProjectionWrapper(cell, output_symbols)

        def decode(feed: bool, on_tensor: bool) -> tuple[list[Any], Any]:
            update_embedding = not on_tensor  # TF1 froze it inside the cond
            loop_function = (
                _extract_argmax_and_embed(embedding, output_projection, update_embedding)
                if feed
                else None
            )
            return tied_rnn_seq2seq(
                embedded_encoder, embedded_decoder, cell, loop_function=loop_function, dtype=dtype
            )

        return decode_with_feed_previous(
            feed_previous, decode, len(decoder_inputs), cell.state_size
        )


def embedding_attention_seq2seq(
    encoder_inputs: list[Any],
    decoder_inputs: list[Any],
    cell: Any,
    num_encoder_symbols: int,
    num_decoder_symbols: int,
    embedding_size: int,
    num_heads: int = 1,
    output_projection: Any = None,
    feed_previous: Any = False,
    dtype: Any = None,
    scope: Any = None,
    initial_state_attention: bool = False,
) -> tuple[list[Any], Any]:
    """TF1's ``legacy_seq2seq.embedding_attention_seq2seq`` (the translate tutorial's model).

    Encoder: a copy of ``cell`` in an ``EmbeddingWrapper``; its outputs are the attention states.
    Decoder: :func:`embedding_attention_decoder` from the final encoder state, with
    ``OutputProjectionWrapper(cell, num_decoder_symbols)`` when no ``output_projection`` is given.

    Returns:
        ``(outputs, state)``: a list of logits ``[batch, num_decoder_symbols]`` (or
        ``[batch, cell.output_size]`` with ``output_projection``) and the final decoder state.
    """
    encoder_inputs = _checks.check_input_list("encoder_inputs", encoder_inputs)
    decoder_inputs = _checks.check_input_list("decoder_inputs", decoder_inputs)
    _check_sizes(
        num_encoder_symbols=num_encoder_symbols,
        num_decoder_symbols=num_decoder_symbols,
        embedding_size=embedding_size,
        num_heads=num_heads,
    )
    encoder_inputs = _checks.checked_token_ids(
        "encoder_inputs", encoder_inputs, num_encoder_symbols
    )
    _checks.check_same_batch(encoder_inputs=encoder_inputs, decoder_inputs=decoder_inputs)
    with _v1.variable_scope(scope or "embedding_attention_seq2seq", dtype=dtype) as var_scope:
        dtype = var_scope.dtype
        encoder_cell = EmbeddingWrapper(
            copy.deepcopy(cell),
            embedding_classes=num_encoder_symbols,
            embedding_size=embedding_size,
        )
        encoder_outputs, encoder_state = _static_rnn(encoder_cell, encoder_inputs, dtype=dtype)
        attention_states = tf.stack(encoder_outputs, axis=1)
        output_size = None
        if output_projection is None:
            cell = OutputProjectionWrapper(cell, num_decoder_symbols)
            output_size = num_decoder_symbols

        def decode(feed: bool, on_tensor: bool) -> tuple[list[Any], Any]:
            update_embedding = not on_tensor  # TF1 froze it inside the cond
            return embedding_attention_decoder(
                decoder_inputs,
                encoder_state,
                attention_states,
                cell,
                num_decoder_symbols,
                embedding_size,
                num_heads=num_heads,
                output_size=output_size,
                output_projection=output_projection,
                feed_previous=feed,
                update_embedding_for_previous=update_embedding,
                initial_state_attention=initial_state_attention,
            )

        return decode_with_feed_previous(feed_previous, decode, len(decoder_inputs), encoder_state)


def one2many_rnn_seq2seq(
    encoder_inputs: list[Any],
    decoder_inputs_dict: dict[Any, list[Any]],
    enc_cell: Any,
    dec_cells_dict: dict[Any, Any],
    num_encoder_symbols: int,
    num_decoder_symbols_dict: dict[Any, int],
    embedding_size: int,
    feed_previous: Any = False,
    dtype: Any = None,
    scope: Any = None,
) -> tuple[dict[Any, list[Any]], dict[Any, Any]]:
    """TF1's ``legacy_seq2seq.one2many_rnn_seq2seq``: one embedded encoder, one
    :func:`embedding_rnn_decoder` per key (scope ``one2many_decoder_<key>``), each decoder cell in
    an ``OutputProjectionWrapper(cell, num_decoder_symbols_dict[key])``.

    Returns:
        ``(outputs_dict, state_dict)`` keyed like ``decoder_inputs_dict``.

    Raises:
        ValueError: the keys of ``dec_cells_dict`` and ``decoder_inputs_dict`` differ.
    """
    encoder_inputs = _checks.check_input_list("encoder_inputs", encoder_inputs)
    _check_sizes(num_encoder_symbols=num_encoder_symbols, embedding_size=embedding_size)
    encoder_inputs = _checks.checked_token_ids(
        "encoder_inputs", encoder_inputs, num_encoder_symbols
    )
    _checks.check_same_batch(
        encoder_inputs=encoder_inputs,
        **{f"decoder_inputs_dict[{key!r}]": list(v) for key, v in decoder_inputs_dict.items()},
    )
    if set(dec_cells_dict) != set(decoder_inputs_dict):
        raise ValueError(
            "Arguments `dec_cells_dict` and `decoder_inputs_dict` must have the same keys. "
            f"Received: {sorted(map(str, dec_cells_dict))} and "
            f"{sorted(map(str, decoder_inputs_dict))}"
        )
    outputs_dict: dict[Any, list[Any]] = {}
    state_dict: dict[Any, Any] = {}
    with _v1.variable_scope(scope or "one2many_rnn_seq2seq", dtype=dtype) as var_scope:
        dtype = var_scope.dtype
        encoder_cell = EmbeddingWrapper(
            enc_cell, embedding_classes=num_encoder_symbols, embedding_size=embedding_size
        )
        _, encoder_state = _static_rnn(encoder_cell, encoder_inputs, dtype=dtype)
        for name, decoder_inputs in decoder_inputs_dict.items():
            num_decoder_symbols = num_decoder_symbols_dict[name]
            with _v1.variable_scope(f"one2many_decoder_{name}"):
                dec_cell = OutputProjectionWrapper(dec_cells_dict[name], num_decoder_symbols)

                def decode(
                    feed: bool,
                    on_tensor: bool,
                    inputs: list[Any] = decoder_inputs,
                    decoder_cell: Any = dec_cell,
                    symbols: int = num_decoder_symbols,
                ) -> tuple[list[Any], Any]:
                    return embedding_rnn_decoder(
                        inputs,
                        encoder_state,
                        decoder_cell,
                        symbols,
                        embedding_size,
                        feed_previous=feed,
                    )

                # TF1 kept the embedding trainable in both branches here.
                outputs, state = decode_with_feed_previous(
                    feed_previous, decode, len(decoder_inputs), encoder_state
                )
            outputs_dict[name] = outputs
            state_dict[name] = state
    return outputs_dict, state_dict


def model_with_buckets(
    encoder_inputs: list[Any],
    decoder_inputs: list[Any],
    targets: list[Any],
    weights: list[Any],
    buckets: list[tuple[int, int]],
    seq2seq: Callable[[list[Any], list[Any]], tuple[list[Any], Any]],
    softmax_loss_function: Callable[..., Any] | None = None,
    per_example_loss: bool = False,
    name: str | None = None,
) -> tuple[list[list[Any]], list[Any]]:
    """TF1's ``legacy_seq2seq.model_with_buckets``: one model per bucket, sharing variables.

    Bucket ``j`` calls ``seq2seq(encoder_inputs[:enc_len], decoder_inputs[:dec_len])`` under the
    enclosing variable scope with ``reuse=True`` for ``j > 0``, and computes
    :func:`sequence_loss` (or :func:`sequence_loss_by_example` with ``per_example_loss``) against
    ``targets[:dec_len]`` and ``weights[:dec_len]``.

    Returns:
        ``(outputs, losses)``: per bucket, the list of outputs and the loss.

    Raises:
        ValueError: an input list is shorter than the largest bucket needs.
        TypeError: ``seq2seq`` is not callable (TF 0.5-0.7's ``num_decoder_symbols`` in its slot).
    """
    if not callable(seq2seq):
        raise TypeError(
            f"Argument `seq2seq` of model_with_buckets must be a function, received {seq2seq!r}: "
            "TF 0.5-0.7's model_with_buckets took num_decoder_symbols in this 6th slot and "
            "seq2seq after it; later versions (and the runtime) take seq2seq here, so drop that "
            "argument"
        )
    if not buckets:
        raise ValueError("Argument `buckets` must not be empty.")
    for argument, values, needed in (
        ("encoder_inputs", encoder_inputs, buckets[-1][0]),
        ("targets", targets, buckets[-1][1]),
        ("weights", weights, buckets[-1][1]),
    ):
        if len(values) < needed:
            raise ValueError(
                f"Length of `{argument}` ({len(values)}) must be at least that of the last "
                f"bucket ({needed})."
            )
    losses: list[Any] = []
    outputs: list[list[Any]] = []
    loss_fn = sequence_loss_by_example if per_example_loss else sequence_loss
    with tf.name_scope(name or "model_with_buckets"):
        for j, (encoder_length, decoder_length) in enumerate(buckets):
            with _v1.variable_scope(_v1.get_variable_scope(), reuse=True if j > 0 else None):
                bucket_outputs, _ = seq2seq(
                    encoder_inputs[:encoder_length], decoder_inputs[:decoder_length]
                )
                outputs.append(bucket_outputs)
                losses.append(
                    loss_fn(
                        outputs[-1],
                        targets[:decoder_length],
                        weights[:decoder_length],
                        softmax_loss_function=softmax_loss_function,
                    )
                )
    return outputs, losses
