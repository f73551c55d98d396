"""TF1's four core cells with TF1's math, weight names and shapes: BasicRNN, GRU, BasicLSTM, LSTM."""

from __future__ import annotations

from typing import Any

import keras
import numpy as np
import tensorflow as tf

from legacy2tf2.runtime import variables as _variables
from legacy2tf2.runtime._cell_base import LSTMStateTuple, RNNCell, like

_v1 = tf.compat.v1


def _check_units(argument: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise ValueError(
            f"Argument `{argument}` must be a positive integer. Received: {argument}={value!r}"
        )
    return value


#: Where a number reaches these arguments, it is most likely TF 0.x-1.1's positional input_size.
_INPUT_SIZE_HINT = (
    " (a number there is most likely the input_size argument TF 0.x-1.1 took in that position "
    "and ignored: TF 1.2 removed it, delete it)"
)


def _activation(activation: Any) -> Any:
    if activation is None:
        return tf.tanh
    if isinstance(activation, str):
        return keras.activations.get(activation)
    if not callable(activation):
        raise TypeError(
            "Argument `activation` must be a function, an activation name or None. "
            f"Received: activation={activation!r}" + _INPUT_SIZE_HINT
        )
    return activation


def _check_flag(argument: str, value: Any) -> Any:
    # TF1 read any value as a truth value: a number here would silently switch the flag on.
    # None stays accepted: TF 1.2+ read it as False, as the runtime does.
    if value is not None and not isinstance(value, (bool, np.bool_)):
        raise TypeError(
            f"Argument `{argument}` must be a bool. Received: {argument}={value!r}"
            + _INPUT_SIZE_HINT
        )
    return value


def _input_depth(inputs_shape: Any, cell: RNNCell) -> int:
    depth = tf.TensorShape(inputs_shape)[-1]
    if depth is None:
        raise ValueError(
            f"{type(cell).__name__}: the last dimension of `inputs` must be known. "
            f"Received: inputs.shape={tf.TensorShape(inputs_shape)}"
        )
    return int(depth)


class _IgnoredInputSize:
    """``tf0`` for the cells whose TF 0.x-1.1 signature was ``(num_units, input_size, activation,
    reuse)``: ``BasicRNNCell`` and ``GRUCell``."""

    @classmethod
    def tf0(
        cls,
        num_units: int,
        input_size: Any = None,
        activation: Any = None,
        reuse: bool | None = None,
        **kwargs: Any,
    ) -> Any:
        """The cell as TF 0.x-1.1's ``Cell(num_units, input_size, activation, reuse)`` was called
        (a program passing the class on, then ``cell_fn(n, input_size)``): ``input_size``, which
        those versions ignored (with a deprecation warning), is dropped."""
        del input_size
        return cls(num_units, activation=activation, reuse=reuse, **kwargs)


@keras.saving.register_keras_serializable(package="legacy2tf2")
class BasicRNNCell(_IgnoredInputSize, RNNCell):
    """TF1's ``BasicRNNCell``: ``output = new_state = act([inputs, state] @ kernel + bias)``.

    Args:
        num_units: size of the state and output.
        activation: nonlinearity, default ``tanh``.
        reuse, name, dtype: as in TF1 (``name`` is the scope name, default ``basic_rnn_cell``).

    Weights: ``kernel`` ``[input_depth + num_units, num_units]``, ``bias`` ``[num_units]`` (zeros).
    """

    _tf1_scope_name = "basic_rnn_cell"

    def __init__(
        self,
        num_units: int,
        activation: Any = None,
        reuse: bool | None = None,
        name: str | None = None,
        dtype: Any = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(name=name, dtype=dtype, reuse=reuse, **kwargs)
        self._num_units = _check_units("num_units", num_units)
        self._activation = _activation(activation)

    @property
    def input_size(self) -> int:
        """TF 0.x's ``input_size``: ``num_units``, its default. Up to TF 0.8 ``EmbeddingWrapper``
        and the embedding seq2seq functions made their embeddings this wide."""
        return self._num_units

    @property
    def state_size(self) -> int:
        return self._num_units

    @property
    def output_size(self) -> int:
        return self._num_units

    def build(self, inputs_shape: Any) -> None:
        depth = _input_depth(inputs_shape, self)
        self._kernel = self.add_variable("kernel", [depth + self._num_units, self._num_units])
        self._bias = self.add_variable(
            "bias", [self._num_units], initializer=_v1.zeros_initializer()
        )

    def call(self, inputs: Any, state: Any) -> tuple[Any, Any]:
        single = _unwrap_single(state)
        output = self._activation(
            tf.matmul(tf.concat([inputs, single], 1), like(self._kernel, inputs))
            + like(self._bias, inputs)
        )
        return output, _rewrap_single(state, output)


@keras.saving.register_keras_serializable(package="legacy2tf2")
class GRUCell(_IgnoredInputSize, RNNCell):
    """TF1's ``GRUCell`` (Cho et al. 2014), not Keras's ``reset_after`` variant.

    ``r, u = sigmoid([x, h] @ gates/kernel + gates/bias)``;
    ``c = act([x, r * h] @ candidate/kernel + candidate/bias)``; ``h' = u * h + (1 - u) * c``.

    Args:
        num_units: size of the state and output.
        activation: nonlinearity of the candidate, default ``tanh``.
        kernel_initializer, bias_initializer: as TF1 (gate bias defaults to 1.0, candidate bias
            to 0).
        reuse, name, dtype: as in TF1 (default scope name ``gru_cell``).

    Weights: ``gates/kernel`` ``[input_depth + num_units, 2 * num_units]``, ``gates/bias``,
    ``candidate/kernel`` ``[input_depth + num_units, num_units]``, ``candidate/bias``.
    """

    _tf1_scope_name = "gru_cell"

    def __init__(
        self,
        num_units: int,
        activation: Any = None,
        reuse: bool | None = None,
        kernel_initializer: Any = None,
        bias_initializer: Any = None,
        name: str | None = None,
        dtype: Any = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(name=name, dtype=dtype, reuse=reuse, **kwargs)
        self._num_units = _check_units("num_units", num_units)
        self._activation = _activation(activation)
        self._kernel_initializer = kernel_initializer
        self._bias_initializer = bias_initializer

    @property
    def input_size(self) -> int:
        """TF 0.x's ``input_size``: ``num_units``, its default. Up to TF 0.8 ``EmbeddingWrapper``
        and the embedding seq2seq functions made their embeddings this wide."""
        return self._num_units

    @property
    def state_size(self) -> int:
        return self._num_units

    @property
    def output_size(self) -> int:
        return self._num_units

    #: TF1's names of the gate kernel and bias and the candidate kernel and bias.
    _weight_names = ("gates/kernel", "gates/bias", "candidate/kernel", "candidate/bias")

    def build(self, inputs_shape: Any) -> None:
        depth = _input_depth(inputs_shape, self) + self._num_units
        units = self._num_units
        gate_kernel, gate_bias, candidate_kernel, candidate_bias = self._weight_names
        self._gate_kernel = self.add_variable(
            gate_kernel, [depth, 2 * units], initializer=self._kernel_initializer
        )
        self._gate_bias = self.add_variable(
            gate_bias,
            [2 * units],
            initializer=self._bias_initializer or _v1.constant_initializer(1.0),
        )
        self._candidate_kernel = self.add_variable(
            candidate_kernel, [depth, units], initializer=self._kernel_initializer
        )
        self._candidate_bias = self.add_variable(
            candidate_bias, [units], initializer=self._bias_initializer or _v1.zeros_initializer()
        )

    def call(self, inputs: Any, state: Any) -> tuple[Any, Any]:
        h = _unwrap_single(state)
        gates = tf.sigmoid(
            tf.matmul(tf.concat([inputs, h], 1), like(self._gate_kernel, inputs))
            + like(self._gate_bias, inputs)
        )
        r, u = tf.split(gates, 2, axis=1)
        candidate = tf.matmul(tf.concat([inputs, r * h], 1), like(self._candidate_kernel, inputs))
        c = self._activation(candidate + like(self._candidate_bias, inputs))
        new_h = u * h + (1 - u) * c
        return new_h, _rewrap_single(state, new_h)


@keras.saving.register_keras_serializable(package="legacy2tf2")
class GRUBlockCell(GRUCell):
    """TF1's ``tf.contrib.rnn.GRUBlockCell``: the fused-kernel GRU, with :class:`GRUCell`'s math.

    TF1 computed one step in one op (``gru_block_cell``), whose documented equations are
    GRUCell's: ``r, u = sigmoid([x, h] @ w_ru + b_ru)``, ``c = tanh([x, r * h] @ w_c + b_c)``,
    ``h' = (1 - u) * c + u * h``; the candidate's nonlinearity is always ``tanh``.

    Weights as TF1's layer version of the class named them (default scope ``gru_cell``):
    ``w_ru`` ``[input_depth + num_units, 2 * num_units]``, ``b_ru`` (1.0), ``w_c``
    ``[input_depth + num_units, num_units]``, ``b_c`` (0). TF 1.0's class, not yet a layer, put
    them under the scope ``GRUBlockCell`` instead: ``legacy2tf2 convert-checkpoint`` renames
    such a checkpoint's names to these.

    Args:
        num_units: size of the state and output.
        cell_size: TF 1.0's name of ``num_units`` (deprecated in TF1); give exactly one of them.
        reuse, name: as in TF1.

    Raises:
        ValueError: neither or both of ``num_units`` and ``cell_size`` given (TF1's error).
    """

    _weight_names = ("w_ru", "b_ru", "w_c", "b_c")

    def __init__(
        self,
        num_units: int | None = None,
        cell_size: int | None = None,
        reuse: bool | None = None,
        name: str | None = None,
        **kwargs: Any,
    ) -> None:
        if (cell_size is None) == (num_units is None):
            raise ValueError("Exactly one of num_units or cell_size must be provided.")
        units = num_units if num_units is not None else cell_size
        super().__init__(units, reuse=reuse, name=name, **kwargs)


@keras.saving.register_keras_serializable(package="legacy2tf2")
class GRUBlockCellV2(GRUBlockCell):
    """TF1's ``tf.contrib.rnn.GRUBlockCellV2``: :class:`GRUBlockCell` with :class:`GRUCell`'s
    weight names (``gates/kernel``, ``gates/bias``, ``candidate/kernel``, ``candidate/bias``), so
    that the two cells' checkpoints fit each other.

    Args:
        num_units: size of the state and output.
        cell_size: TF 1.0's name of ``num_units``; give exactly one of them.
        reuse, name: as in TF1.
    """

    _weight_names = GRUCell._weight_names


def _unwrap_single(state: Any) -> Any:
    # Keras's RNN layer hands a single-tensor state over as a one-element list.
    if isinstance(state, (list, tuple)) and len(state) == 1:
        return state[0]
    return state


def _rewrap_single(state: Any, new: Any) -> Any:
    if isinstance(state, (list, tuple)) and len(state) == 1:
        return type(state)([new])
    return new


def _split_lstm_state(state: Any, tuple_size: int | None, is_tuple: bool) -> tuple[Any, Any]:
    if is_tuple:
        if tf.is_tensor(state) or isinstance(state, np.ndarray):
            # Unpacking one tensor would split its rows (silently, in eager mode, for a batch
            # of two); TF 0.11 and earlier programs feed the concatenated [c, h] state.
            raise ValueError(
                f"an LSTM cell with state_is_tuple=True got one state tensor of shape "
                f"{state.shape}, not a (c, h) tuple: up to TF 0.11 LSTM cells defaulted to "
                "state_is_tuple=False, the state being c and h concatenated; pass "
                "state_is_tuple=False to the cell (and to its MultiRNNCell) to keep that state"
            )
        c, h = state
        return c, h
    return state[:, :tuple_size], state[:, tuple_size:]


def _pack_lstm_state(state: Any, c: Any, h: Any, is_tuple: bool) -> Any:
    if not is_tuple:
        return tf.concat([c, h], 1)
    if isinstance(state, list):
        return [c, h]
    return LSTMStateTuple(c, h)


class _LSTM(RNNCell):
    """The LSTM math that TF1's ``LSTMCell``, ``BasicLSTMCell`` and ``LSTMBlockCell`` share.

    A private base, so that, as in TF1, neither ``BasicLSTMCell`` nor ``LSTMBlockCell`` is an
    ``LSTMCell`` (programs branch on ``isinstance(cell, LSTMCell)``). Arguments: :class:`LSTMCell`.
    """

    _tf1_scope_name = "lstm_cell"
    #: The order TF1 made the peephole weights in (LSTMCell: f, i, o), which
    #: ``tf.trainable_variables()`` lists.
    _peephole_order = ("w_f_diag", "w_i_diag", "w_o_diag")

    def __init__(
        self,
        num_units: int,
        use_peepholes: bool = False,
        cell_clip: float | None = None,
        initializer: Any = None,
        num_proj: int | None = None,
        proj_clip: float | None = None,
        num_unit_shards: int | None = None,
        num_proj_shards: int | None = None,
        forget_bias: float = 1.0,
        state_is_tuple: bool = True,
        activation: Any = None,
        reuse: bool | None = None,
        name: str | None = None,
        dtype: Any = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(name=name, dtype=dtype, reuse=reuse, **kwargs)
        self._num_units = _check_units("num_units", num_units)
        if num_proj is not None:
            _check_units("num_proj", num_proj)
        self._use_peepholes = _check_flag("use_peepholes", use_peepholes)
        self._cell_clip = cell_clip
        self._initializer = initializer
        self._num_proj = num_proj
        self._proj_clip = proj_clip
        # TF1 kept the (deprecated) sharding arguments too; subclasses whose ``build`` copies TF
        # 1.5+'s read them (``fixed_size_partitioner(self._num_unit_shards) if ... is not None``).
        self._num_unit_shards = num_unit_shards
        self._num_proj_shards = num_proj_shards
        self._forget_bias = forget_bias
        self._state_is_tuple = _check_flag("state_is_tuple", state_is_tuple)
        self._activation = _activation(activation)
        # TF1's LSTMCell kept its sizes in these attributes, which programs' subclasses read
        # (a match-LSTM's ``state_size`` returning ``self._state_size``).
        self._state_size = _LSTM.state_size.fget(self)  # not a subclass's own property
        self._output_size = _LSTM.output_size.fget(self)

    @property
    def input_size(self) -> int:
        """TF 0.x's ``input_size``: ``num_units``, its default. Up to TF 0.8 ``EmbeddingWrapper``
        and the embedding seq2seq functions made their embeddings this wide."""
        return self._num_units

    @property
    def state_size(self) -> Any:
        h_size = self._num_proj or self._num_units
        if self._state_is_tuple:
            return LSTMStateTuple(self._num_units, h_size)
        return self._num_units + h_size

    @property
    def output_size(self) -> int:
        return self._num_proj or self._num_units

    def build(self, inputs_shape: Any) -> None:
        units = self._num_units
        depth = _input_depth(inputs_shape, self) + (self._num_proj or units)
        self._kernel = self.add_variable(
            "kernel", [depth, 4 * units], initializer=self._initializer
        )
        self._bias = self.add_variable("bias", [4 * units], initializer=_v1.zeros_initializer())
        if self._use_peepholes:
            # Eagerly (Keras), the order .keras files written before hold them in, by position.
            order = self._peephole_order if _variables.in_graph_mode() else _LSTM._peephole_order
            for name in order:
                variable = self.add_variable(name, [units], initializer=self._initializer)
                setattr(self, f"_{name}", variable)
        if self._num_proj is not None:
            self._proj_kernel = self.add_variable(
                "projection/kernel", [units, self._num_proj], initializer=self._initializer
            )

    def call(self, inputs: Any, state: Any) -> tuple[Any, Any]:
        c_prev, m_prev = _split_lstm_state(state, self._num_units, self._state_is_tuple)
        gates = tf.matmul(tf.concat([inputs, m_prev], 1), like(self._kernel, inputs)) + like(
            self._bias, inputs
        )
        i, j, f, o = tf.split(gates, 4, axis=1)
        forget_bias = tf.cast(self._forget_bias, f.dtype)
        if self._use_peepholes:
            c = tf.sigmoid(
                f + forget_bias + like(self._w_f_diag, inputs) * c_prev
            ) * c_prev + tf.sigmoid(i + like(self._w_i_diag, inputs) * c_prev) * self._activation(j)
        else:
            c = tf.sigmoid(f + forget_bias) * c_prev + tf.sigmoid(i) * self._activation(j)
        if self._cell_clip is not None:
            c = tf.clip_by_value(c, -self._cell_clip, self._cell_clip)
        if self._use_peepholes:
            m = tf.sigmoid(o + like(self._w_o_diag, inputs) * c) * self._activation(c)
        else:
            m = tf.sigmoid(o) * self._activation(c)
        if self._num_proj is not None:
            m = tf.matmul(m, like(self._proj_kernel, inputs))
            if self._proj_clip is not None:
                m = tf.clip_by_value(m, -self._proj_clip, self._proj_clip)
        return m, _pack_lstm_state(state, c, m, self._state_is_tuple)


@keras.saving.register_keras_serializable(package="legacy2tf2")
class LSTMCell(_LSTM):
    """TF1's ``LSTMCell``: optional peepholes, cell clipping and an output projection.

    As :class:`BasicLSTMCell`, plus: with ``use_peepholes`` the gates see ``c`` through
    ``w_f_diag``/``w_i_diag``/``w_o_diag``; ``cell_clip`` clips ``c``; ``num_proj`` projects the
    output (and ``h``) with ``projection/kernel``, clipped by ``proj_clip``. The state is
    ``LSTMStateTuple(c, m)``; the kernel is ``[input_depth + (num_proj or num_units), 4 * units]``.
    ``num_unit_shards``/``num_proj_shards`` (deprecated in TF1) are accepted and do not change
    the math; sharded variables are not reproduced.

    Args:
        num_units: size of ``c`` (and of the output when ``num_proj`` is None).
        use_peepholes: add the diagonal peephole weights.
        cell_clip: clip ``c`` to ``[-cell_clip, cell_clip]`` before the output nonlinearity.
        initializer: initializer of the kernels, default the scope's (as TF1).
        num_proj: size of the output projection (and of ``m``); None for none.
        proj_clip: clip the projected output to ``[-proj_clip, proj_clip]``.
        num_unit_shards, num_proj_shards: TF1's deprecated sharding; accepted, no effect.
        forget_bias: added to the forget gate at run time.
        state_is_tuple: ``LSTMStateTuple(c, m)`` state (True) or the concatenation ``[c, m]``.
        activation: nonlinearity of the candidate and output, default ``tanh``.
        reuse, name, dtype: as in TF1 (default scope name ``lstm_cell``).
    """

    @classmethod
    def tf0(cls, num_units: int, *args: Any, input_size: Any = None, **kwargs: Any) -> LSTMCell:
        """The cell as TF 0.x's ``LSTMCell(num_units, input_size, use_peepholes, cell_clip,
        initializer, num_proj, ...)`` was called: ``input_size`` (second, which TF 0.x ignored)
        is dropped. Later positions differed between TF 0.x releases and are refused."""
        names = ("input_size", "use_peepholes", "cell_clip", "initializer", "num_proj")
        if len(args) > len(names):
            raise TypeError(
                "LSTMCell.tf0 takes at most 6 positional arguments (TF 0.x's num_units, "
                "input_size, use_peepholes, cell_clip, initializer, num_proj); later ones "
                "changed places between TF 0.x releases: pass them by keyword"
            )
        given = dict(zip(names, args, strict=False))
        given.pop("input_size", None)
        return cls(num_units, **given, **kwargs)


@keras.saving.register_keras_serializable(package="legacy2tf2")
class BasicLSTMCell(_LSTM):
    """TF1's ``BasicLSTMCell``: an :class:`LSTMCell` without peepholes, clipping or projection.

    ``i, j, f, o = split([x, h] @ kernel + bias, 4)``;
    ``c' = c * sigmoid(f + forget_bias) + sigmoid(i) * act(j)``; ``h' = act(c') * sigmoid(o)``.
    The state is ``LSTMStateTuple(c, h)`` (``c`` first) or, with ``state_is_tuple=False``, the
    concatenation ``[c, h]``. ``forget_bias`` is added at run time, not stored in the bias.

    Weights: ``basic_lstm_cell/kernel`` ``[input_depth + num_units, 4 * num_units]``, ``bias``
    (zeros).

    Args:
        num_units: size of ``c``, ``h`` and the output.
        forget_bias: added to the forget gate at run time (1.0 as TF1).
        state_is_tuple: ``LSTMStateTuple(c, h)`` state (True) or the concatenation ``[c, h]``.
        activation: nonlinearity of the candidate and output, default ``tanh``.
        reuse, name, dtype: as in TF1 (default scope name ``basic_lstm_cell``).
    """

    _tf1_scope_name = "basic_lstm_cell"

    @classmethod
    def tf0(
        cls,
        num_units: int,
        forget_bias: float = 1.0,
        input_size: Any = None,
        state_is_tuple: bool = True,
        activation: Any = None,
        reuse: bool | None = None,
        **kwargs: Any,
    ) -> BasicLSTMCell:
        """The cell as TF 0.x-1.1's ``BasicLSTMCell(num_units, forget_bias, input_size,
        state_is_tuple, activation, reuse)`` was called (a program passing the class on, then
        ``cell_fn(n, 1.0, input_size)``): ``input_size``, which those versions ignored, is
        dropped."""
        del input_size
        return cls(
            num_units,
            forget_bias=forget_bias,
            state_is_tuple=state_is_tuple,
            activation=activation,
            reuse=reuse,
            **kwargs,
        )

    def __init__(
        self,
        num_units: int,
        forget_bias: float = 1.0,
        state_is_tuple: bool = True,
        activation: Any = None,
        reuse: bool | None = None,
        name: str | None = None,
        dtype: Any = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(
            num_units,
            forget_bias=forget_bias,
            state_is_tuple=state_is_tuple,
            activation=activation,
            reuse=reuse,
            name=name,
            dtype=dtype,
            **kwargs,
        )


@keras.saving.register_keras_serializable(package="legacy2tf2")
class LSTMBlockCell(_LSTM):
    """TF1's ``tf.contrib.rnn.LSTMBlockCell``: the fused-kernel LSTM, with :class:`LSTMCell`'s math.

    TF1 computed it in one op, but with the same gates as ``LSTMCell``: ``i, j, f, o`` of
    ``[x, h] @ kernel + bias``, ``forget_bias`` added at run time, optional diagonal peepholes,
    ``c`` clipped to ``[-cell_clip, cell_clip]`` only when ``cell_clip`` is positive (TF1's
    default ``None`` meant -1: no clipping). The state is always ``LSTMStateTuple(c, h)``.

    Weights, as TF1 named them so that ``LSTMCell`` checkpoints fit: ``lstm_cell/kernel``
    ``[input_depth + num_units, 4 * num_units]``, ``bias`` (zeros) and, with ``use_peephole``,
    ``w_i_diag``, ``w_f_diag``, ``w_o_diag``.

    Args:
        num_units: size of ``c``, ``h`` and the output.
        forget_bias: added to the forget gate at run time (1.0 as TF1).
        cell_clip: clip ``c`` when positive; None or a value <= 0 for none.
        use_peephole: add the diagonal peephole weights.
        dtype, reuse, name: as in TF1 (default scope name ``lstm_cell``).

    In a graph the peephole weights are made in TF 1.5+'s order (its ``build``: ``w_i_diag``,
    ``w_f_diag``, ``w_o_diag``), which ``tf.trainable_variables()`` lists; the ``__call__``
    of TF 1.4 and earlier made ``w_o_diag`` before ``w_f_diag``. Eagerly they keep ``LSTMCell``'s order,
    in which ``.keras`` files hold them.
    """

    _tf1_scope_name = "lstm_cell"
    _peephole_order = ("w_i_diag", "w_f_diag", "w_o_diag")

    def __init__(
        self,
        num_units: int,
        forget_bias: float = 1.0,
        cell_clip: float | None = None,
        use_peephole: bool = False,
        dtype: Any = None,
        reuse: bool | None = None,
        name: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(
            num_units,
            use_peepholes=_check_flag("use_peephole", use_peephole),
            cell_clip=cell_clip if cell_clip is not None and cell_clip > 0 else None,
            forget_bias=forget_bias,
            state_is_tuple=True,
            reuse=reuse,
            name=name,
            dtype=dtype,
            **kwargs,
        )
