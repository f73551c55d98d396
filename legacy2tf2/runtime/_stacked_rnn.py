"""``tf.contrib.rnn``'s stacked bidirectional RNNs: layers of bidirectional RNNs, each fed the
concatenated forward and backward outputs of the one below."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import tensorflow as tf

_v1 = tf.compat.v1


def _check_layers(
    cells_fw: Any, cells_bw: Any, initial_states_fw: Any, initial_states_bw: Any
) -> None:
    # TF1's own checks, with its messages.
    if not cells_fw:
        raise ValueError("Must specify at least one fw cell for BidirectionalRNN.")
    if not cells_bw:
        raise ValueError("Must specify at least one bw cell for BidirectionalRNN.")
    if not isinstance(cells_fw, list):
        raise ValueError("cells_fw must be a list of RNNCells (one per layer).")
    if not isinstance(cells_bw, list):
        raise ValueError("cells_bw must be a list of RNNCells (one per layer).")
    if len(cells_fw) != len(cells_bw):
        raise ValueError("Forward and Backward cells must have the same depth.")
    for direction, states in (("fw", initial_states_fw), ("bw", initial_states_bw)):
        if states is not None and (not isinstance(states, list) or len(states) != len(cells_fw)):
            raise ValueError(
                f"initial_states_{direction} must be a list of state tensors (one per layer)."
            )


def stack_bidirectional_rnn(
    cells_fw: list[Any],
    cells_bw: list[Any],
    inputs: list[Any],
    initial_states_fw: list[Any] | None = None,
    initial_states_bw: list[Any] | None = None,
    dtype: Any = None,
    sequence_length: Any = None,
    scope: Any = None,
) -> tuple[list[Any], tuple[Any, ...], tuple[Any, ...]]:
    """TF1's ``tf.contrib.rnn.stack_bidirectional_rnn`` (static, a list of time steps).

    Layer ``i`` is ``static_bidirectional_rnn`` under ``<scope>/cell_<i>`` (scope default
    ``stack_bidirectional_rnn``), so the weights are TF1's
    ``stack_bidirectional_rnn/cell_0/bidirectional_rnn/fw/<cell>/...``. Returns the last layer's
    outputs (forward and backward concatenated per step) and the tuples of every layer's final
    forward and backward states.
    """

    def layer(
        cell_fw: Any, cell_bw: Any, below: Any, init_fw: Any, init_bw: Any, cell_scope: Any
    ) -> tuple[Any, Any, Any]:
        return _v1.nn.static_bidirectional_rnn(
            cell_fw,
            cell_bw,
            below,
            initial_state_fw=init_fw,
            initial_state_bw=init_bw,
            sequence_length=sequence_length,
            dtype=dtype,
            scope=cell_scope,
        )

    return _stack(cells_fw, cells_bw, inputs, initial_states_fw, initial_states_bw, scope, layer)


def stack_bidirectional_dynamic_rnn(
    cells_fw: list[Any],
    cells_bw: list[Any],
    inputs: Any,
    initial_states_fw: list[Any] | None = None,
    initial_states_bw: list[Any] | None = None,
    dtype: Any = None,
    sequence_length: Any = None,
    parallel_iterations: int | None = None,
    time_major: bool = False,
    scope: Any = None,
    swap_memory: bool = False,
) -> tuple[Any, tuple[Any, ...], tuple[Any, ...]]:
    """TF1's ``tf.contrib.rnn.stack_bidirectional_dynamic_rnn``.

    Layer ``i`` is ``bidirectional_dynamic_rnn`` under ``<scope>/cell_<i>`` (scope default
    ``stack_bidirectional_rnn``): weights
    ``stack_bidirectional_rnn/cell_0/bidirectional_rnn/fw/<cell>/...``, as TF1 named them, so its
    checkpoints restore. The next layer reads ``concat([output_fw, output_bw], 2)``. Returns the
    last layer's concatenated outputs and the tuples of every layer's final forward and backward
    states.
    """

    def layer(
        cell_fw: Any, cell_bw: Any, below: Any, init_fw: Any, init_bw: Any, _scope: Any
    ) -> tuple[Any, Any, Any]:
        outputs, (state_fw, state_bw) = _v1.nn.bidirectional_dynamic_rnn(
            cell_fw,
            cell_bw,
            below,
            initial_state_fw=init_fw,
            initial_state_bw=init_bw,
            sequence_length=sequence_length,
            parallel_iterations=parallel_iterations,
            dtype=dtype,
            swap_memory=swap_memory,
            time_major=time_major,
        )
        return tf.concat(outputs, 2), state_fw, state_bw

    return _stack(cells_fw, cells_bw, inputs, initial_states_fw, initial_states_bw, scope, layer)


def _stack(
    cells_fw: list[Any],
    cells_bw: list[Any],
    inputs: Any,
    initial_states_fw: list[Any] | None,
    initial_states_bw: list[Any] | None,
    scope: Any,
    layer: Callable[..., tuple[Any, Any, Any]],
) -> tuple[Any, tuple[Any, ...], tuple[Any, ...]]:
    """TF1's layer loop: ``layer(cell_fw, cell_bw, below, init_fw, init_bw, cell_scope)`` runs
    layer ``i`` under ``<scope>/cell_<i>`` (scope default ``stack_bidirectional_rnn``) on the
    layer below's concatenated outputs and returns its outputs and final states."""
    _check_layers(cells_fw, cells_bw, initial_states_fw, initial_states_bw)
    states_fw, states_bw = [], []
    below = inputs
    with _v1.variable_scope(scope or "stack_bidirectional_rnn"):
        for i, (cell_fw, cell_bw) in enumerate(zip(cells_fw, cells_bw, strict=True)):
            init_fw = initial_states_fw[i] if initial_states_fw else None
            init_bw = initial_states_bw[i] if initial_states_bw else None
            with _v1.variable_scope(f"cell_{i}") as cell_scope:
                below, state_fw, state_bw = layer(
                    cell_fw, cell_bw, below, init_fw, init_bw, cell_scope
                )
            states_fw.append(state_fw)
            states_bw.append(state_bw)
    return below, tuple(states_fw), tuple(states_bw)
