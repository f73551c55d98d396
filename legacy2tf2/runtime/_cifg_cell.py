"""TF1's ``tf.contrib.rnn.CoupledInputForgetGateLSTMCell``: an LSTM whose input gate is one minus
its forget gate (Greff et al. 2015), with TF1's math and weight names."""

from __future__ import annotations

from typing import Any

import keras
import tensorflow as tf

from legacy2tf2.runtime._cell_base import LSTMStateTuple, RNNCell, like
from legacy2tf2.runtime._cells import (
    _activation,
    _check_flag,
    _check_units,
    _input_depth,
    _pack_lstm_state,
    _split_lstm_state,
)

_v1 = tf.compat.v1

#: tf.contrib.layers.layer_norm's variance epsilon, which the cell's ``_norm`` used.
_EPSILON = 1e-12


def _shard_rows(rows: int, shards: Any) -> list[int]:
    """The rows of each shard, as contrib's ``_get_sharded_variable`` split them."""
    if isinstance(shards, bool) or not isinstance(shards, int) or shards <= 0:
        raise ValueError(f"the number of shards must be a positive integer, got {shards!r}")
    if shards > rows:
        raise ValueError(f"Too many shards: shape={rows}, num_shards={shards}")
    unit, remaining = divmod(rows, shards)
    return [unit + (1 if index < remaining else 0) for index in range(shards)]


@keras.saving.register_keras_serializable(package="legacy2tf2")
class CoupledInputForgetGateLSTMCell(RNNCell):
    """TF1's ``CoupledInputForgetGateLSTMCell`` (``tf.contrib.rnn``, TF 1.0-1.15).

    ``j, f, o = split([x, m] @ W + B, 3)`` (``+ B`` only without layer norm; with
    ``layer_norm`` ``j``, ``f`` and ``o`` are each normalized over their units as
    ``tf.contrib.layers.layer_norm`` did, epsilon 1e-12, under ``transform``, ``forget``,
    ``output``); ``f' = sigmoid(f + forget_bias [+ W_F_diag * c])``;
    ``c' = f' * c + (1 - f') * act(j)`` (normalized under ``state`` with layer norm);
    ``m' = sigmoid(o [+ W_O_diag * c']) * act(c')``, then ``m' @ W_P`` clipped to
    ``proj_clip`` when ``num_proj`` is set. The state is ``LSTMStateTuple(c, m)`` or, with
    ``state_is_tuple=False``, the concatenation ``[c, m]``.

    Weights, as TF1 named them: ``coupled_input_forget_gate_lstm_cell/W_0``
    ``[input_depth + (num_proj or num_units), 3 * num_units]`` (split by rows into ``W_0``,
    ``W_1``, ... with ``num_unit_shards``), ``B`` (zeros, created also with layer norm), then
    ``transform/gamma``, ``transform/beta``, ``forget/...``, ``output/...``, ``W_F_diag``,
    ``W_O_diag``, ``state/...`` and ``W_P_0`` (``num_proj_shards``). ``initializer`` is the
    one of ``W``, the diagonals and ``W_P``, as TF 1.0/1.1 applied it (the later layer version
    stored it unused; the enclosing scope's initializer applies then, as here without one).

    Args:
        num_units: size of ``c`` (and of the output when ``num_proj`` is None).
        use_peepholes: add the diagonal weights ``W_F_diag`` and ``W_O_diag``.
        initializer: initializer of ``W``, the diagonals and ``W_P``; None for the scope's.
        num_proj: size of the output projection (and of ``m``); None for none.
        proj_clip: clip the projected output to ``[-proj_clip, proj_clip]``.
        num_unit_shards, num_proj_shards: the row shards of ``W`` and ``W_P``.
        forget_bias: added to the forget gate at run time (1.0 as TF1).
        state_is_tuple: ``LSTMStateTuple(c, m)`` state (True) or the concatenation ``[c, m]``.
        activation: nonlinearity of the candidate and output, default ``tanh``.
        reuse: as in TF1.
        layer_norm: normalize ``j``, ``f``, ``o`` and ``c`` (TF 1.5+; False as TF1).
        norm_gain, norm_shift: initial ``gamma`` and ``beta``.
    """

    _tf1_scope_name = "coupled_input_forget_gate_lstm_cell"

    def __init__(
        self,
        num_units: int,
        use_peepholes: bool = False,
        initializer: Any = None,
        num_proj: int | None = None,
        proj_clip: float | None = None,
        num_unit_shards: int = 1,
        num_proj_shards: int = 1,
        forget_bias: float = 1.0,
        state_is_tuple: bool = True,
        activation: Any = None,
        reuse: bool | None = None,
        layer_norm: bool = False,
        norm_gain: float = 1.0,
        norm_shift: float = 0.0,
        **kwargs: Any,
    ) -> None:
        super().__init__(reuse=reuse, **kwargs)
        self._num_units = _check_units("num_units", num_units)
        if num_proj is not None:
            _check_units("num_proj", num_proj)
        self._use_peepholes = _check_flag("use_peepholes", use_peepholes)
        self._initializer = initializer
        self._num_proj = num_proj
        self._proj_clip = proj_clip
        self._num_unit_shards = num_unit_shards
        self._num_proj_shards = num_proj_shards
        self._forget_bias = forget_bias
        self._state_is_tuple = _check_flag("state_is_tuple", state_is_tuple)
        self._activation = _activation(activation)
        self._layer_norm = _check_flag("layer_norm", layer_norm)
        self._norm_gain = norm_gain
        self._norm_shift = norm_shift

    @property
    def state_size(self) -> Any:
        m_size = self._num_proj or self._num_units
        if self._state_is_tuple:
            return LSTMStateTuple(self._num_units, m_size)
        return self._num_units + m_size

    @property
    def output_size(self) -> int:
        return self._num_proj or self._num_units

    def _sharded(self, name: str, rows: int, columns: int, shards: int) -> list[Any]:
        return [
            self.add_variable(f"{name}_{index}", [size, columns], initializer=self._initializer)
            for index, size in enumerate(_shard_rows(rows, shards))
        ]

    def _norm_weights(self, part: str) -> tuple[Any, Any]:
        units = self._num_units
        gamma = self.add_variable(
            f"{part}/gamma", [units], initializer=_v1.constant_initializer(self._norm_gain)
        )
        beta = self.add_variable(
            f"{part}/beta", [units], initializer=_v1.constant_initializer(self._norm_shift)
        )
        return gamma, beta

    def build(self, inputs_shape: Any) -> None:
        units = self._num_units
        rows = _input_depth(inputs_shape, self) + (self._num_proj or units)
        self._w = self._sharded("W", rows, 3 * units, self._num_unit_shards)
        self._b = self.add_variable("B", [3 * units], initializer=_v1.zeros_initializer())
        self._norms: dict[str, tuple[Any, Any]] = {}
        if self._layer_norm:
            for part in ("transform", "forget", "output"):
                self._norms[part] = self._norm_weights(part)
        if self._use_peepholes:
            self._w_f_diag = self.add_variable("W_F_diag", [units], initializer=self._initializer)
            self._w_o_diag = self.add_variable("W_O_diag", [units], initializer=self._initializer)
        if self._layer_norm:
            self._norms["state"] = self._norm_weights("state")
        if self._num_proj is not None:
            self._w_p = self._sharded("W_P", units, self._num_proj, self._num_proj_shards)

    @staticmethod
    def _joined(shards: list[Any], tensor: Any) -> Any:
        parts = [like(shard, tensor) for shard in shards]
        return parts[0] if len(parts) == 1 else tf.concat(parts, 0)

    def _norm(self, value: Any, part: str) -> Any:
        if not self._layer_norm:
            return value
        gamma, beta = self._norms[part]
        mean, variance = tf.nn.moments(value, [1], keepdims=True)
        return tf.nn.batch_normalization(
            value, mean, variance, like(beta, value), like(gamma, value), _EPSILON
        )

    def call(self, inputs: Any, state: Any) -> tuple[Any, Any]:
        c_prev, m_prev = _split_lstm_state(state, self._num_units, self._state_is_tuple)
        gates = tf.matmul(tf.concat([inputs, m_prev], 1), self._joined(self._w, inputs))
        if not self._layer_norm:
            gates = tf.nn.bias_add(gates, like(self._b, inputs))
        j, f, o = tf.split(gates, 3, axis=1)
        j, f, o = self._norm(j, "transform"), self._norm(f, "forget"), self._norm(o, "output")
        forget_bias = tf.cast(self._forget_bias, f.dtype)
        if self._use_peepholes:
            f_act = tf.sigmoid(f + forget_bias + like(self._w_f_diag, inputs) * c_prev)
        else:
            f_act = tf.sigmoid(f + forget_bias)
        c = f_act * c_prev + (1 - f_act) * self._activation(j)
        c = self._norm(c, "state")
        if self._use_peepholes:
            m = tf.sigmoid(o + like(self._w_o_diag, inputs) * c) * self._activation(c)
        else:
            m = tf.sigmoid(o) * self._activation(c)
        if self._num_proj is not None:
            m = tf.matmul(m, self._joined(self._w_p, inputs))
            if self._proj_clip is not None:
                m = tf.clip_by_value(m, -self._proj_clip, self._proj_clip)
        return m, _pack_lstm_state(state, c, m, self._state_is_tuple)
