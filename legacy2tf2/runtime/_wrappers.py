"""TF1's cell combinators: MultiRNNCell and the Embedding/Input/Output projection, Dropout,
Residual and Device wrappers, with TF1's scopes and weight names."""

from __future__ import annotations

import contextlib
import copy
import hashlib
import math
from collections.abc import Iterator
from typing import Any

import keras
import numpy as np
import tensorflow as tf

from legacy2tf2.runtime._cell_base import LSTMStateTuple, RNNCell, _log, first_float_dtype, like
from legacy2tf2.runtime._cells import _check_units, _input_depth

_v1 = tf.compat.v1


def _check_cell(argument: str, cell: Any) -> None:
    if not all(hasattr(cell, attr) for attr in ("state_size", "output_size", "zero_state")):
        raise TypeError(
            f"Argument `{argument}` must be an RNN cell (with state_size, output_size and "
            f"zero_state). Received: {argument}={cell!r}"
        )


def _cell_ids(cell: Any) -> set[int]:
    """Ids of ``cell`` and of the cells it wraps (a wrapper's ``cell``, a stack's ``cells``)."""
    ids = {id(cell)}
    for value in (getattr(cell, "_init_arguments", None) or {}).values():
        for inner in value if isinstance(value, (list, tuple)) else [value]:
            if isinstance(inner, RNNCell):
                ids |= _cell_ids(inner)
    return ids


def _own_copies(cells: list[Any]) -> list[Any]:
    """``cells`` with every layer that repeats a cell an earlier layer holds deep-copied."""
    cells = list(cells)
    seen: set[int] = set()
    for i, cell in enumerate(cells):
        inner = _cell_ids(cell)
        if inner & seen:
            cells[i] = copy.deepcopy(cell)
        seen |= inner
    return cells


def _sharing_impossible(cells: list[Any], inputs_shape: Any) -> bool:
    """Whether one cell object sits on two layers whose inputs have different known sizes."""
    depth = tf.TensorShape(inputs_shape)[-1] if tf.TensorShape(inputs_shape).rank else None
    depths: dict[int, Any] = {}
    for i, cell in enumerate(cells):
        if i:
            depth = cells[i - 1].output_size
        if not isinstance(depth, int):
            return False
        if depths.setdefault(id(cell), depth) != depth:
            return True
    return False


@keras.saving.register_keras_serializable(package="legacy2tf2")
class MultiRNNCell(RNNCell):
    """TF1's ``MultiRNNCell``: cells stacked, layer ``i`` run under the scope ``cell_i``.

    The state is a tuple with one state per layer (``state_is_tuple=True``) or their
    concatenation.

    The same cell object passed several times (``MultiRNNCell([cell] * n)``) meant different
    models in different TensorFlow versions, chosen here by the keyword-only ``repeated_cells``:

    - ``"share"`` (the default, TF 1.2-1.15): the layers share that cell's weights (only
      ``cell_0`` variables), with TF 1.15's warning; where the layers' inputs differ in size
      (``[cell] * 2`` over inputs wider than the cell), which TF 1.1+ refused, the stack is built
      as ``"copy"`` builds it, the only meaning such a program ever ran with;
    - ``"copy"`` (TF 0.x and 1.0, where cells owned no weights and each layer's ``cell_i`` scope
      made its own): every repetition after the first is a fresh copy of the cell
      (``copy.deepcopy``), so each layer has its own weights (``cell_0``, ``cell_1``, ...) and
      checkpoints of those versions restore every variable. So is a layer that wraps a cell an
      earlier layer holds (``[DropoutWrapper(cell) for _ in range(n)]``); distinct cells are kept.

    Args:
        cells: non-empty list of runtime cells, bottom layer first.
        state_is_tuple: state as a tuple of layer states (True) or their concatenation.
        repeated_cells: ``"share"`` or ``"copy"``, as above (keyword only).
    """

    _tf1_scope_name = "multi_rnn_cell"

    def __init__(
        self,
        cells: list[Any],
        state_is_tuple: bool = True,
        *,
        repeated_cells: str = "share",
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        if not cells:
            raise ValueError("Argument `cells` must be a non-empty list of RNN cells. Received: []")
        if repeated_cells not in ("share", "copy"):
            raise ValueError(
                "Argument `repeated_cells` must be 'share' (TF 1.2+) or 'copy' (TF 1.0 and "
                f"earlier). Received: repeated_cells={repeated_cells!r}"
            )
        for i, cell in enumerate(cells):
            _check_cell(f"cells[{i}]", cell)
        cells = list(cells)
        if repeated_cells == "copy":
            cells = _own_copies(cells)
        elif len({id(cell) for cell in cells}) < len(cells):
            _log.warning(
                "At least two cells provided to MultiRNNCell are the same object and will share "
                "weights."
            )
        self._cells = cells
        self._state_is_tuple = state_is_tuple

    def _arguments(self) -> dict[str, Any]:
        # The layers as built, copies included: a saved stack loads into the same layer objects
        # (each with its own build config and weights), not into copies made again when loading.
        return {**super()._arguments(), "cells": list(self._cells)}

    @property
    def input_size(self) -> Any:
        """TF 0.x's ``input_size`` of a stack: its first cell's."""
        return self._cells[0].input_size

    @property
    def state_size(self) -> Any:
        if self._state_is_tuple:
            return tuple(cell.state_size for cell in self._cells)
        return sum(cell.state_size for cell in self._cells)

    @property
    def output_size(self) -> Any:
        return self._cells[-1].output_size

    def zero_state(self, batch_size: Any, dtype: Any) -> Any:
        """One zero state per layer (each layer's own ``zero_state``), as TF1 did."""
        if self._state_is_tuple:
            return tuple(cell.zero_state(batch_size, dtype) for cell in self._cells)
        return super().zero_state(batch_size, dtype)

    def _first_layer_states(self, state: Any) -> Any:
        """The first ``len(cells)`` entries of a longer state tuple, which TF1 ran with.

        TF 0.12-1.15's ``MultiRNNCell`` read ``state[i]`` for each of its layers and ignored any
        further entries: a decoder given a bidirectional encoder's ``state_fw + state_bw`` (tuple
        concatenation) ran from the forward states alone.
        """
        if not getattr(self, "_warned_extra_states", False):
            self._warned_extra_states = True
            _log.warning(
                "A %d-layer MultiRNNCell was given a state tuple of %d entries (two stacks' "
                "states joined with +, as state_fw + state_bw): it runs from the first %d, as "
                "TF1 did, and ignores the rest.",
                len(self._cells),
                len(state),
                len(self._cells),
            )
        return state[: len(self._cells)]

    def build(self, inputs_shape: Any) -> None:
        # Each layer builds itself, under cell_<i>, on its first call. One cell object repeated
        # over layers whose inputs differ in size could not share its weights: TF 1.2+ raised
        # ("Trying to share variable ... but specified shape"), TF 1.1 refused the reuse, so the
        # program ran only on TF 1.0 or earlier, where each layer made its own weights.
        if _sharing_impossible(self._cells, inputs_shape):
            _log.warning(
                "MultiRNNCell repeats one cell object over layers whose inputs differ in size, "
                "which only TF 1.0 and earlier ran (each layer with its own weights): building "
                'it so, as repeated_cells="copy" does.'
            )
            self._cells = _own_copies(self._cells)

    def call(self, inputs: Any, state: Any) -> tuple[Any, Any]:
        if self._state_is_tuple and (
            not isinstance(state, (tuple, list)) or len(state) < len(self._cells)
        ):
            # TF1 raised too: a ValueError for a non-sequence, an IndexError for too few states
            received = (
                f"a tuple of {len(state)}"
                if isinstance(state, (tuple, list))
                else f"{type(state).__name__} of shape {getattr(state, 'shape', None)}"
            )
            hint = (
                ""
                if isinstance(state, (tuple, list))
                else ". Up to TF 0.11 MultiRNNCell defaulted to state_is_tuple=False, one tensor "
                "of the layers' states concatenated: a program written for those versions needs "
                "MultiRNNCell(..., state_is_tuple=False)"
            )
            raise ValueError(
                f"Argument `state` of a {len(self._cells)}-layer MultiRNNCell with "
                f"state_is_tuple=True must be a tuple of {len(self._cells)} layer states "
                f"(as zero_state returns). Received: {received}{hint}"
            )
        if self._state_is_tuple and len(state) > len(self._cells):
            state = self._first_layer_states(state)
        current = inputs
        new_states = []
        offset = 0
        for i, cell in enumerate(self._cells):
            with _v1.variable_scope(f"cell_{i}"):
                if self._state_is_tuple:
                    layer_state = state[i]
                else:
                    layer_state = state[:, offset : offset + cell.state_size]
                    offset += cell.state_size
                current, new_state = cell(current, layer_state)
            new_states.append(new_state)
        if self._state_is_tuple:
            return current, type(state)(new_states) if isinstance(state, list) else tuple(
                new_states
            )
        return current, tf.concat(new_states, 1)


class _Wrapper(RNNCell):
    """A cell around another cell: its state (and, unless overridden, its output) is the inner one's."""

    def __init__(self, cell: Any, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        _check_cell("cell", cell)
        self._cell = cell

    @property
    def state_size(self) -> Any:
        return self._cell.state_size

    @property
    def output_size(self) -> Any:
        return self._cell.output_size

    @property
    def input_size(self) -> Any:
        """TF 0.x's ``input_size`` of a wrapper: the wrapped cell's."""
        return self._cell.input_size

    def zero_state(self, batch_size: Any, dtype: Any) -> Any:
        """The wrapped cell's zero state."""
        return self._cell.zero_state(batch_size, dtype)


class _ScopelessWrapper(_Wrapper):
    """A wrapper that, like TF1's, adds no variable scope: the wrapped cell names its weights."""

    @contextlib.contextmanager
    def _enter_scope(self, scope: Any) -> Iterator[None]:
        if scope is None:
            yield
        else:
            with _v1.variable_scope(scope):
                yield

    def build(self, inputs_shape: Any) -> None:
        pass


def _checked_keep_prob(argument: str, value: Any) -> Any:
    """A known keep probability as a Python float in (0, 1]; an unknown tensor unchanged."""
    if isinstance(value, (bool, np.bool_)):
        raise ValueError(
            f"Argument `{argument}` must be a probability in (0, 1]. Received: {argument}={value}"
        )
    known = value
    if tf.is_tensor(value) and not isinstance(value, tf.Variable):
        known = tf.get_static_value(value)
    elif isinstance(value, (tf.Variable, keras.Variable)):
        return value  # may change after construction: checked when the cell runs
    if known is None:
        return value
    array = np.asarray(known)
    if array.shape != () or array.dtype.kind not in "iuf":
        raise ValueError(
            f"Argument `{argument}` must be a scalar probability in (0, 1]. "
            f"Received: {argument}={value!r}"
        )
    number = float(array)
    if not 0.0 < number <= 1.0:
        raise ValueError(
            f"Argument `{argument}` must be between 0 and 1 (0 excluded). "
            f"Received: {argument}={number}"
        )
    return number


def _asserted_keep_prob(argument: str, keep_prob: Any) -> Any:
    """``keep_prob`` guarded by a run-time check that it lies in (0, 1]."""
    message = f"Argument `{argument}` must be between 0 and 1 (0 excluded)"
    keep = tf.convert_to_tensor(keep_prob)
    inside = tf.reduce_all((keep > 0) & (keep <= 1))
    # A plain Assert op: tf.debugging.assert_greater would guard it with a cond, which TF 2 graphs
    # hold as library functions that a TF1 program's import_meta_graph into its own graph
    # collides with (TF1's DropoutWrapper had no such op).
    with tf.control_dependencies([tf.debugging.Assert(inside, [message])]):
        return tf.identity(keep)


def _part_seed(seed: int, part: str, index: int) -> int:
    """The op seed of one part's mask: fixed for a given ``seed`` in every process (``hash()`` of
    a string is salted per process)."""
    digest = hashlib.sha256(f"{part}/{index}".encode()).digest()
    return (int(seed) + int.from_bytes(digest[:4], "little")) % (2**31 - 1)


def _should_drop(keep_prob: Any) -> bool:
    return not isinstance(keep_prob, (int, float)) or keep_prob < 1


def _dropout(values: Any, keep_prob: Any, noise: Any) -> Any:
    keep = tf.cast(keep_prob, values.dtype)
    dropped = values / keep * tf.floor(keep + tf.cast(noise, values.dtype))
    # TF1's dropout kept the input's static shape even when keep_prob's was unknown (a
    # `tf.placeholder(tf.float32)` fed 0.5 / 1.0): the next layer builds its weights from it.
    dropped.set_shape(values.shape)
    return dropped


@keras.saving.register_keras_serializable(package="legacy2tf2")
class DropoutWrapper(_ScopelessWrapper):
    """TF1's ``DropoutWrapper``: dropout on inputs, outputs and state, always on (TF1 semantics).

    Kept values are scaled by ``1 / keep_prob``; a keep probability may be a float or a tensor
    (TF1 code fed a placeholder, 1.0 at inference). With ``variational_recurrent=True`` one mask
    per part is drawn for a whole sequence and shared by every batch row (TF1's ``[1, size]``
    noise): in graph mode once per ``Session.run``, eagerly each time ``zero_state`` is called.
    ``state_keep_prob`` drops only ``h`` of an ``LSTMStateTuple`` (TF1's default filter).

    A keep probability that is a Python or NumPy number or a constant tensor is checked here
    (``0 < p <= 1``); any other tensor (a placeholder, a variable) is checked each time the cell
    runs. ``seed`` gives the same masks in every process (each part's op seed is derived from it by
    a fixed digest).

    Args:
        cell: the wrapped cell.
        input_keep_prob, output_keep_prob, state_keep_prob: keep probabilities in ``(0, 1]``,
            Python/NumPy numbers or scalar tensors.
        variational_recurrent: one mask per part for the whole sequence.
        input_size: TF1's input depth for variational input masks; accepted, the depth is read
            from the inputs.
        dtype: dtype of the state (for the variational masks).
        seed: seed of the masks.
        dropout_state_filter_visitor: which state parts are dropped, default ``h`` of an LSTM
            state and every other state.

    Raises:
        ValueError: a known keep probability outside (0, 1] (at run time, a tensor one raises
            ``InvalidArgumentError`` naming the argument).
    """

    def __init__(
        self,
        cell: Any,
        input_keep_prob: Any = 1.0,
        output_keep_prob: Any = 1.0,
        state_keep_prob: Any = 1.0,
        variational_recurrent: bool = False,
        input_size: Any = None,
        dtype: Any = None,
        seed: int | None = None,
        dropout_state_filter_visitor: Any = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(cell, dtype=dtype, **kwargs)
        input_keep_prob = _checked_keep_prob("input_keep_prob", input_keep_prob)
        output_keep_prob = _checked_keep_prob("output_keep_prob", output_keep_prob)
        state_keep_prob = _checked_keep_prob("state_keep_prob", state_keep_prob)
        self._input_keep_prob = input_keep_prob
        self._output_keep_prob = output_keep_prob
        self._state_keep_prob = state_keep_prob
        self._variational = variational_recurrent
        self._seed = seed
        self._state_filter = dropout_state_filter_visitor or _default_state_filter
        self._masks: dict[Any, dict[str, Any]] = {}

    def zero_state(self, batch_size: Any, dtype: Any) -> Any:
        """The wrapped cell's zero state; eagerly, also starts a new variational mask."""
        if tf.executing_eagerly():
            self._masks.clear()
        return self._cell.zero_state(batch_size, dtype)

    def _noise(self, part: str, index: int, like: Any) -> Any:
        seed = None if self._seed is None else _part_seed(self._seed, part, index)
        if not self._variational:
            return tf.random.uniform(tf.shape(like), seed=seed, dtype=like.dtype)
        key = None if tf.executing_eagerly() else _v1.get_default_graph()
        masks = self._masks.setdefault(key, {})
        name = f"{part}{index}"
        if name not in masks:
            masks[name] = tf.random.uniform([1, like.shape[-1]], seed=seed, dtype=like.dtype)
        return masks[name]

    def _apply(self, part: str, structure: Any, keep_prob: Any, keep_mask: Any = True) -> Any:
        if not isinstance(keep_prob, float):
            keep_prob = _asserted_keep_prob(f"{part}_keep_prob", keep_prob)
        leaves = tf.nest.flatten(structure)
        filters = tf.nest.flatten(keep_mask) if keep_mask is not True else [True] * len(leaves)
        dropped = [
            _dropout(leaf, keep_prob, self._noise(part, i, leaf)) if use else leaf
            for i, (leaf, use) in enumerate(zip(leaves, filters, strict=True))
        ]
        return tf.nest.pack_sequence_as(structure, dropped)

    def call(self, inputs: Any, state: Any) -> tuple[Any, Any]:
        if _should_drop(self._input_keep_prob):
            inputs = self._apply("input", inputs, self._input_keep_prob)
        output, new_state = self._cell(inputs, state)
        if _should_drop(self._state_keep_prob):
            new_state = self._apply(
                "state", new_state, self._state_keep_prob, self._state_filter(new_state)
            )
        if _should_drop(self._output_keep_prob):
            output = self._apply("output", output, self._output_keep_prob)
        return output, new_state


def _default_state_filter(state: Any) -> Any:
    def visit(substate: Any) -> Any:
        if isinstance(substate, LSTMStateTuple):
            return LSTMStateTuple(c=False, h=True)
        return True

    if isinstance(state, LSTMStateTuple):
        return visit(state)
    if isinstance(state, tuple):
        return tuple(_default_state_filter(s) for s in state)
    return True


@keras.saving.register_keras_serializable(package="legacy2tf2")
class ResidualWrapper(_ScopelessWrapper):
    """TF1's ``ResidualWrapper``: ``output = residual_fn(inputs, cell_output)``, default the sum.

    Args:
        cell: the wrapped cell; its output must have the inputs' shape unless ``residual_fn``
            maps them.
        residual_fn: ``f(inputs, cell_output) -> output``, default ``inputs + cell_output``.
    """

    def __init__(self, cell: Any, residual_fn: Any = None, **kwargs: Any) -> None:
        super().__init__(cell, **kwargs)
        self._residual_fn = residual_fn

    def call(self, inputs: Any, state: Any) -> tuple[Any, Any]:
        output, new_state = self._cell(inputs, state)
        if self._residual_fn is not None:
            return self._residual_fn(inputs, output), new_state
        tf.nest.assert_same_structure(inputs, output)
        return tf.nest.map_structure(lambda i, o: i + o, inputs, output), new_state


@keras.saving.register_keras_serializable(package="legacy2tf2")
class DeviceWrapper(_ScopelessWrapper):
    """TF1's ``DeviceWrapper``: runs the wrapped cell under ``tf.device(device)``.

    Args:
        cell: the wrapped cell.
        device: device string, e.g. ``"/cpu:0"``.
    """

    def __init__(self, cell: Any, device: str, **kwargs: Any) -> None:
        super().__init__(cell, **kwargs)
        self._device = device

    def call(self, inputs: Any, state: Any) -> tuple[Any, Any]:
        with tf.device(self._device):
            return self._cell(inputs, state)


@keras.saving.register_keras_serializable(package="legacy2tf2")
class OutputProjectionWrapper(_Wrapper):
    """TF1's ``OutputProjectionWrapper``: ``output = act(cell_output @ kernel + bias)``.

    Weights ``output_projection_wrapper/kernel`` ``[cell.output_size, output_size]`` and ``bias``,
    next to the wrapped cell's own scope.

    Args:
        cell: the wrapped cell.
        output_size: width of the projected output (>= 1).
        activation: optional nonlinearity applied after the projection.
        reuse: TF1's ``reuse`` for the wrapper's scope.
    """

    _tf1_scope_name = "output_projection_wrapper"

    def __init__(
        self, cell: Any, output_size: int, activation: Any = None, reuse: Any = None, **kwargs: Any
    ) -> None:
        super().__init__(cell, reuse=reuse, **kwargs)
        self._output_size = _check_units("output_size", output_size)
        self._activation = activation

    @property
    def output_size(self) -> int:
        return self._output_size

    def build(self, inputs_shape: Any) -> None:
        # A wrapped cell already built has its weights: the projection's come after them here
        # too (and a .keras file, which builds the cell first, finds them). Otherwise they are
        # made in call, once the wrapped cell has made its own (see _projection).
        if self._cell.built:
            self._projection()

    def _projection(self) -> tuple[Any, Any]:
        """``kernel`` and ``bias``, made on the first call after the wrapped cell made its own
        weights, as TF1 did (its call ran the cell, then the linear projection): so
        ``tf.trainable_variables()`` lists the cell's weights before the projection's, and a
        program picking the projection by position (``tvars[-2:]``) gets it."""
        if "kernel" not in self._tf1_variables:
            with self._state_after_build():
                self._kernel = self.add_variable(
                    "kernel", [self._cell.output_size, self._output_size]
                )
                self._bias = self.add_variable(
                    "bias", [self._output_size], initializer=_v1.zeros_initializer()
                )
        return self._kernel, self._bias

    def call(self, inputs: Any, state: Any) -> tuple[Any, Any]:
        output, new_state = self._cell(inputs, state)
        kernel, bias = self._projection()
        projected = tf.matmul(output, like(kernel, output)) + like(bias, output)
        if self._activation is not None:
            projected = self._activation(projected)
        return projected, new_state


@keras.saving.register_keras_serializable(package="legacy2tf2")
class InputProjectionWrapper(_Wrapper):
    """TF1's ``InputProjectionWrapper``: ``cell(act(inputs @ kernel + bias), state)``.

    Args:
        cell: the wrapped cell.
        num_proj: width the inputs are projected to (>= 1).
        activation: optional nonlinearity applied after the projection.
        input_size: TF1's deprecated argument; accepted, the depth is read from the inputs.
        reuse: TF1's ``reuse`` for the wrapper's scope.
    """

    _tf1_scope_name = "input_projection_wrapper"

    def __init__(
        self,
        cell: Any,
        num_proj: int,
        activation: Any = None,
        input_size: Any = None,
        reuse: Any = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(cell, reuse=reuse, **kwargs)
        self._num_proj = _check_units("num_proj", num_proj)
        self._activation = activation

    @property
    def input_size(self) -> Any:
        """Not TF 0.x's: its ``InputProjectionWrapper(cell, input_size)`` took the input width
        where this one takes ``num_proj``, so no value here would be that program's."""
        raise AttributeError(
            "InputProjectionWrapper has no TF 0.x input_size: TF 0.6-0.8's second argument was "
            "the input width (projected to cell.input_size), this one's is num_proj"
        )

    def build(self, inputs_shape: Any) -> None:
        depth = _input_depth(inputs_shape, self)
        self._kernel = self.add_variable("kernel", [depth, self._num_proj])
        self._bias = self.add_variable(
            "bias", [self._num_proj], initializer=_v1.zeros_initializer()
        )

    def call(self, inputs: Any, state: Any) -> tuple[Any, Any]:
        projected = tf.matmul(inputs, like(self._kernel, inputs)) + like(self._bias, inputs)
        if self._activation is not None:
            projected = self._activation(projected)
        return self._cell(projected, state)


@keras.saving.register_keras_serializable(package="legacy2tf2")
class EmbeddingWrapper(_Wrapper):
    """TF1's ``EmbeddingWrapper``: looks token ids up in ``embedding`` and feeds the vectors on.

    ``embedding`` is ``[embedding_classes, embedding_size]``, in the state's dtype, initialised
    with ``initializer``, else the scope's initializer, else uniform(-sqrt(3), sqrt(3)) as TF1.
    Inputs are int ids of shape ``[batch]`` or ``[batch, 1]``.

    Args:
        cell: the wrapped cell.
        embedding_classes: number of token ids (vocabulary size, >= 1).
        embedding_size: width of the embedding vectors (>= 1).
        initializer: initializer of ``embedding``.
        reuse: TF1's ``reuse`` for the wrapper's scope.
    """

    _tf1_scope_name = "embedding_wrapper"

    def __init__(
        self,
        cell: Any,
        embedding_classes: int,
        embedding_size: int,
        initializer: Any = None,
        reuse: Any = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(cell, reuse=reuse, **kwargs)
        self._embedding_classes = _check_units("embedding_classes", embedding_classes)
        self._embedding_size = _check_units("embedding_size", embedding_size)
        self._initializer = initializer

    @property
    def input_size(self) -> int:
        """TF 0.x's ``input_size`` of an embedding wrapper: 1, one token id per step."""
        return 1

    def build(self, inputs_shape: Any) -> None:
        initializer = self._initializer or _v1.get_variable_scope().initializer
        if initializer is None:
            limit = math.sqrt(3)
            initializer = _v1.random_uniform_initializer(-limit, limit)
        self._embedding = self.add_variable(
            "embedding",
            [self._embedding_classes, self._embedding_size],
            initializer=initializer,
        )

    def call(self, inputs: Any, state: Any) -> tuple[Any, Any]:
        embedded = tf.nn.embedding_lookup(self._embedding, tf.reshape(inputs, [-1]))
        return self._cell(tf.cast(embedded, first_float_dtype(state) or embedded.dtype), state)
