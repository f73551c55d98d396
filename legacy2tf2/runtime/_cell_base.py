"""The base of every runtime cell: TF1's scope capture and sharing, on a Keras 3 layer."""

from __future__ import annotations

import collections
import contextlib
import copy
import logging
from collections.abc import Iterator
from typing import Any

import keras
import tensorflow as tf

from legacy2tf2.runtime import variables as _variables

_v1 = tf.compat.v1
_log = logging.getLogger("legacy2tf2")


class LSTMStateTuple(collections.namedtuple("LSTMStateTuple", ("c", "h"))):
    """TF1's ``LSTMStateTuple``: the ``(c, h)`` state of an LSTM, in that order."""

    __slots__ = ()

    @property
    def dtype(self) -> tf.DType:
        """The dtype of ``c`` (TF1 raised when ``c`` and ``h`` differ)."""
        c, h = self
        if c.dtype != h.dtype:
            raise TypeError(f"Inconsistent internal state: {c.dtype} vs {h.dtype}")
        return c.dtype


def first_float_dtype(structure: Any) -> tf.DType | None:
    """The dtype of the first floating tensor in a nest, or None."""
    for leaf in tf.nest.flatten(structure):
        dtype = getattr(leaf, "dtype", None)
        if dtype is not None and tf.as_dtype(dtype).is_floating:
            return tf.as_dtype(dtype)
    return None


def like(variable: Any, tensor: Any) -> tf.Tensor:
    """``variable`` read in ``tensor``'s dtype: cells compute in their inputs' dtype, as TF1 did,
    also when a mixed-precision policy keeps the variables in float32."""
    return tf.cast(variable, tensor.dtype)


def _serialize(value: Any) -> Any:
    if isinstance(value, keras.layers.Layer):
        return keras.saving.serialize_keras_object(value)
    if isinstance(value, (list, tuple)) and value and isinstance(value[0], keras.layers.Layer):
        return [keras.saving.serialize_keras_object(v) for v in value]
    if isinstance(value, tf.DType):
        return value.name
    if callable(value) and hasattr(value, "__name__"):
        return {"activation": value.__name__}
    if hasattr(value, "get_config"):
        return {"initializer": type(value).__name__, "config": value.get_config()}
    return value


def _deserialize(value: Any) -> Any:
    if isinstance(value, dict) and "activation" in value:
        return keras.activations.get(value["activation"])
    if isinstance(value, dict) and "initializer" in value:
        name = value["initializer"]
        tf1 = {
            type_.__name__: type_
            for type_ in vars(_v1.initializers).values()
            if isinstance(type_, type)
        }
        if name in tf1:
            return tf1[name](**value["config"])
        return keras.initializers.get({"class_name": name, "config": value["config"]})
    if isinstance(value, dict) and "class_name" in value:
        return keras.saving.deserialize_keras_object(value)
    if (
        isinstance(value, list)
        and value
        and isinstance(value[0], dict)
        and "class_name" in value[0]
    ):
        return [keras.saving.deserialize_keras_object(v) for v in value]
    return value


class RNNCell(keras.layers.Layer):
    """TF1's ``tf.nn.rnn_cell.RNNCell`` as a Keras 3 layer; the base of every runtime cell.

    Works three ways with one implementation:

    - TF1 protocol: ``state_size``, ``output_size``, ``zero_state(batch_size, dtype)`` and
      ``output, new_state = cell(inputs, state)`` (also what ``tf.compat.v1.nn.static_rnn`` and
      ``dynamic_rnn`` call).
    - Keras protocol: usable as the cell of ``keras.layers.RNN``.
    - Serialisable with ``get_config`` / ``from_config``.

    TF1's sharing rules hold: on its first call a cell captures the enclosing variable scope and
    creates its weights under ``<scope>/<name>`` (uniquified like TF1: ``gru_cell``,
    ``gru_cell_1``), through the TF1-name variable store; later calls reuse those weights wherever
    they happen, so one cell object used twice (``MultiRNNCell([cell] * n)``) shares its weights,
    as in TF 1.15. ``copy.deepcopy`` of a cell gives a fresh, unbuilt cell with the same
    configuration (how TF1 code made encoder and decoder cells).

    Subclasses implement ``state_size``, ``output_size``, ``build(inputs_shape)`` (creating weights
    with :meth:`add_variable`) and ``call(inputs, state)``, as TF1 subclasses did.

    Args:
        trainable: whether the weights are trainable.
        name: the TF1 scope name of the weights, default the class's (``gru_cell``, ...).
        dtype: dtype of the weights, default the first float dtype of the inputs or state.
        reuse: TF1's ``reuse`` for the cell's scope (True: the weights must exist already).
    """

    _tf1_scope_name = "rnn_cell"

    def __init__(
        self,
        trainable: bool = True,
        name: str | None = None,
        dtype: Any = None,
        reuse: bool | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(trainable=trainable, name=name, autocast=False, **kwargs)
        self._tf1_name = name
        self._tf1_dtype = None if dtype is None else tf.as_dtype(dtype)
        self._reuse = reuse
        self._captured_scope: Any = None
        self._variable_dtype: tf.DType = self._tf1_dtype or tf.float32
        self._tf1_variables: dict[str, Any] = {}
        self._remember({})

    def __new__(cls, *args: Any, **kwargs: Any) -> RNNCell:
        cell = super().__new__(cls, *args, **kwargs)
        keras_build = cell.build

        # Keras's RNN layer builds its cell directly; TF1 names need the cell's scope there too.
        def build_in_scope(*build_args: Any, **build_kwargs: Any) -> None:
            with cell._enter_scope(None):
                keras_build(*build_args, **build_kwargs)

        cell.build = build_in_scope
        return cell

    # ----- TF1 protocol -------------------------------------------------------------------
    def __call__(self, inputs: Any, state: Any = None, *args: Any, **kwargs: Any) -> Any:
        scope = kwargs.pop("scope", None)
        with self._enter_scope(scope):
            if not self.built:
                if not hasattr(inputs, "shape"):
                    inputs = tf.convert_to_tensor(inputs)
                self._variable_dtype = (
                    self._tf1_dtype
                    or first_float_dtype(inputs)
                    or first_float_dtype(state)
                    or tf.float32
                )
                self.build(inputs.shape)
            return super().__call__(inputs, state, *args, **kwargs)

    @contextlib.contextmanager
    def _enter_scope(self, scope: Any) -> Iterator[None]:
        if self._captured_scope is not None:
            with _v1.variable_scope(self._captured_scope, auxiliary_name_scope=False):
                yield
            return
        if scope is not None:
            context = _v1.variable_scope(scope, reuse=self._reuse)
        else:
            context = _v1.variable_scope(None, default_name=self._tf1_name or self._tf1_scope_name)
        with context as captured:
            self._captured_scope = captured
            yield

    def add_variable(  # type: ignore[override]
        self,
        name: str,
        shape: Any,
        dtype: Any = None,
        initializer: Any = None,
        trainable: bool = True,
        **kwargs: Any,
    ) -> Any:
        """Create (or find again, under a reusing scope) the TF1 weight ``<cell scope>/name``."""
        variable = _variables.get_variable(
            name,
            shape,
            dtype=dtype or self._variable_dtype,
            initializer=initializer,
            trainable=trainable and self.trainable,
        )
        self._tf1_variables[name] = variable
        return variable

    def add_weight(self, *args: Any, **kwargs: Any) -> Any:  # type: ignore[override]
        """TF1 ``add_weight(name, shape, ...)`` or Keras ``add_weight(shape=..., name=...)``."""
        if args and isinstance(args[0], str):
            return self.add_variable(*args, **kwargs)
        name = kwargs.pop("name", None) or "weight"
        shape = args[0] if args else kwargs.pop("shape")
        return self.add_variable(
            name,
            shape,
            dtype=kwargs.get("dtype"),
            initializer=kwargs.get("initializer"),
            trainable=kwargs.get("trainable", True),
        )

    @property
    def weights(self) -> list[Any]:  # type: ignore[override]
        """All weights, in creation order, including graph-mode ``tf.Variable`` ones."""
        seen: set[int] = set()
        result = []
        for weight in [*self._tf1_variables.values(), *super().weights]:
            if id(weight) not in seen:
                seen.add(id(weight))
                result.append(weight)
        for layer in self._flatten_layers(include_self=False, recursive=True):
            for weight in getattr(layer, "_tf1_variables", {}).values():
                if id(weight) not in seen:
                    seen.add(id(weight))
                    result.append(weight)
        return result

    @property
    def trainable_weights(self) -> list[Any]:  # type: ignore[override]
        return [w for w in self.weights if w.trainable] if self.trainable else []

    @property
    def non_trainable_weights(self) -> list[Any]:  # type: ignore[override]
        return [w for w in self.weights if not w.trainable or not self.trainable]

    def zero_state(self, batch_size: Any, dtype: Any) -> Any:
        """Zeros shaped like ``state_size`` for ``batch_size`` rows, in TF1's state nesting."""
        dtype = tf.as_dtype(dtype)

        def zeros(size: Any) -> tf.Tensor:
            return tf.zeros(tf.stack([batch_size, *tf.TensorShape(size).as_list()]), dtype=dtype)

        state = tf.nest.map_structure(zeros, self.state_size)
        return state

    def get_initial_state(
        self, inputs: Any = None, batch_size: Any = None, dtype: Any = None
    ) -> Any:
        """Keras and ``tf.compat.v1.nn`` protocol: the zero state, as ``zero_state``.

        ``batch_size`` and ``dtype`` default to those of ``inputs`` when it is given.
        """
        if inputs is not None:
            batch_size = tf.shape(inputs)[0] if batch_size is None else batch_size
            dtype = dtype or inputs.dtype
        return self.zero_state(batch_size, dtype or self._variable_dtype)

    # ----- copying and serialisation ------------------------------------------------------
    def _remember(self, init_kwargs: dict[str, Any]) -> None:
        # Kept out of Keras tracking: these are constructor arguments, not state.
        object.__setattr__(self, "_init_kwargs", dict(init_kwargs))

    def __deepcopy__(self, memo: dict[int, Any]) -> RNNCell:
        # Tensors (a keep probability fed by a placeholder) are shared, not copied: TF1 failed
        # to deep-copy such a cell ("cannot pickle"), which broke embedding_*_seq2seq.
        kwargs = {
            key: value if tf.is_tensor(value) else copy.deepcopy(value, memo)
            for key, value in self._init_kwargs.items()
        }
        clone = type(self)(
            **kwargs,
            **self._base_kwargs(),
        )
        memo[id(self)] = clone
        return clone

    def _base_kwargs(self) -> dict[str, Any]:
        # Every cell passes these on to RNNCell.__init__, explicitly or through **kwargs.
        base = {"name": self._tf1_name, "reuse": self._reuse}
        if "dtype" not in self._init_kwargs:
            base["dtype"] = self._tf1_dtype
        return base

    def get_config(self) -> dict[str, Any]:
        """Every constructor argument, serialised (nested cells through Keras serialisation)."""
        config = {**super().get_config(), **self._base_kwargs()}
        if isinstance(config.get("dtype"), tf.DType):
            config["dtype"] = config["dtype"].name
        config.update({key: _serialize(value) for key, value in self._init_kwargs.items()})
        return config

    @classmethod
    def from_config(cls, config: dict[str, Any]) -> RNNCell:
        """Rebuild a cell from :meth:`get_config`."""
        config = {key: _deserialize(value) for key, value in config.items()}
        config.pop("trainable", None)
        return cls(**config)
