"""TF1's ``tf.contrib.rnn.LayerNormBasicLSTMCell``: a basic LSTM with layer normalization and
recurrent dropout, with TF1's math and weight names."""

from __future__ import annotations

from typing import Any

import keras
import tensorflow as tf

from legacy2tf2.runtime._cell_base import LSTMStateTuple, RNNCell, like
from legacy2tf2.runtime._cells import (
    _activation,
    _check_units,
    _input_depth,
    _pack_lstm_state,
)

_v1 = tf.compat.v1

#: The parts TF1 normalized, in the order it created their ``gamma``/``beta``.
_PARTS = ("input", "transform", "forget", "output", "state")
#: tf.contrib.layers.layer_norm's variance epsilon, which the cell used.
_EPSILON = 1e-12


@keras.saving.register_keras_serializable(package="legacy2tf2")
class LayerNormBasicLSTMCell(RNNCell):
    """TF1's ``LayerNormBasicLSTMCell`` (Ba et al. 2016 layer norm, Semeniuta et al. 2016 dropout).

    ``i, j, f, o = split([x, h] @ kernel, 4)`` (``+ bias`` only without layer norm); with
    ``layer_norm`` each of them is normalized over its units (``tf.contrib.layers.layer_norm``:
    ``(v - mean) / sqrt(var + 1e-12) * gamma + beta``, under ``input``, ``transform``, ``forget``,
    ``output``); ``g = act(j)``, dropped out with ``dropout_keep_prob`` unless it is the float
    1.0; ``c' = c * sigmoid(f + forget_bias) + sigmoid(i) * g``, normalized under ``state``;
    ``h' = act(c') * sigmoid(o)``. The state is ``LSTMStateTuple(c, h)``.

    Weights, as TF 1.2+ named them: ``layer_norm_basic_lstm_cell/kernel``
    ``[input_depth + num_units, 4 * num_units]``, then ``input/gamma``, ``input/beta``, ...,
    ``state/beta`` (``[num_units]``, initialized to ``norm_gain``/``norm_shift``); without layer
    norm ``kernel`` and ``bias`` (the scope's initializer for both, as TF1).

    Args:
        num_units: size of ``c``, ``h`` and the output.
        forget_bias: added to the forget gate at run time (1.0 as TF1).
        input_size: TF1's deprecated argument; ignored.
        activation: nonlinearity of ``g`` and the output, default ``tanh``.
        layer_norm: normalize the gates and ``c`` (True as TF1).
        norm_gain, norm_shift: initial ``gamma`` and ``beta``.
        dropout_keep_prob: keep probability of ``g`` (a float or a tensor).
        dropout_prob_seed: seed of that dropout.
        reuse: as in TF1.
    """

    _tf1_scope_name = "layer_norm_basic_lstm_cell"

    def __init__(
        self,
        num_units: int,
        forget_bias: float = 1.0,
        input_size: int | None = None,
        activation: Any = None,
        layer_norm: bool = True,
        norm_gain: float = 1.0,
        norm_shift: float = 0.0,
        dropout_keep_prob: Any = 1.0,
        dropout_prob_seed: int | None = None,
        reuse: bool | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(reuse=reuse, **kwargs)
        self._num_units = _check_units("num_units", num_units)
        self._forget_bias = forget_bias
        self._activation = _activation(activation)
        self._layer_norm = layer_norm
        self._norm_gain = norm_gain
        self._norm_shift = norm_shift
        self._keep_prob = dropout_keep_prob
        self._seed = dropout_prob_seed

    @property
    def state_size(self) -> LSTMStateTuple:
        return LSTMStateTuple(self._num_units, self._num_units)

    @property
    def output_size(self) -> int:
        return self._num_units

    def build(self, inputs_shape: Any) -> None:
        units = self._num_units
        depth = _input_depth(inputs_shape, self) + units
        self._kernel = self.add_variable("kernel", [depth, 4 * units])
        self._bias = None if self._layer_norm else self.add_variable("bias", [4 * units])
        self._norms: dict[str, tuple[Any, Any]] = {}
        if self._layer_norm:
            gain = _v1.constant_initializer(self._norm_gain)
            shift = _v1.constant_initializer(self._norm_shift)
            for part in _PARTS:
                gamma = self.add_variable(f"{part}/gamma", [units], initializer=gain)
                beta = self.add_variable(f"{part}/beta", [units], initializer=shift)
                self._norms[part] = (gamma, beta)

    def _norm(self, value: Any, part: str) -> Any:
        if not self._layer_norm:
            return value
        gamma, beta = self._norms[part]
        mean, variance = tf.nn.moments(value, [1], keepdims=True)
        return tf.nn.batch_normalization(
            value, mean, variance, like(beta, value), like(gamma, value), _EPSILON
        )

    def call(self, inputs: Any, state: Any) -> tuple[Any, Any]:
        c, h = state
        gates = tf.matmul(tf.concat([inputs, h], 1), like(self._kernel, inputs))
        if self._bias is not None:
            gates = tf.nn.bias_add(gates, like(self._bias, inputs))
        i, j, f, o = tf.split(gates, 4, axis=1)
        i, j, f, o = (self._norm(v, p) for v, p in zip((i, j, f, o), _PARTS[:4], strict=True))
        g = self._activation(j)
        if not isinstance(self._keep_prob, float) or self._keep_prob < 1:
            g = _v1.nn.dropout(g, keep_prob=self._keep_prob, seed=self._seed)
        new_c = c * tf.sigmoid(f + self._forget_bias) + tf.sigmoid(i) * g
        new_c = self._norm(new_c, "state")
        new_h = self._activation(new_c) * tf.sigmoid(o)
        return new_h, _pack_lstm_state(state, new_c, new_h, True)
