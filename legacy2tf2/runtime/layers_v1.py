"""TF1's layers functions on TensorFlow 2 / Keras 3: ``tf.layers.dense``, ``Dense``, ``dropout``,
``Dropout`` and ``tf.contrib.layers.fully_connected`` (and ``linear``), with TF1's variable names,
initial values and math, so that a ``Saver`` checkpoint written by TF1 restores unchanged.

Under Keras 3 ``tf.compat.v1.layers.dense`` raises "`dense` is not available with Keras 3", and
``tf.contrib`` is gone; ``legacy2tf2 rewrite`` points such calls here. Variables are created like
the rest of the runtime: with ``tf.compat.v1.get_variable`` under TF1's variable scopes in graph
mode (TF1's reuse rules and errors, ``reuse=True``, ``tf.compat.v1.AUTO_REUSE``), and by full TF1
name in the current :class:`~legacy2tf2.runtime.VariableStore` eagerly and inside ``tf.function``.

Eagerly, a call without ``name``/``scope`` gets a fresh default scope each time (``dense``,
``dense_1``, ... as TF1 counted them in one graph): a training loop that calls ``dense`` every step
should name it (``dense(x, 10, name="proj")``), or build one :class:`Dense` and call that.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import tensorflow as tf

from legacy2tf2.runtime import variables as _variables

__all__ = ["Dense", "Dropout", "dense", "dropout", "fully_connected", "linear"]

_v1 = tf.compat.v1

#: TF1's defaults: ``tf.zeros_initializer()`` for biases and, in tf.contrib.layers,
#: ``xavier_initializer()`` (glorot uniform) for weights.
_ZEROS = _v1.zeros_initializer()
_XAVIER = _v1.glorot_uniform_initializer()


def _create_variable(
    layer: str,
    name: str,
    shape: list[int],
    dtype: tf.DType,
    initializer: Any,
    regularizer: Any,
    constraint: Any,
    trainable: bool,
) -> Any:
    """``get_variable`` in graph mode (regularizer losses and constraints as TF1); the store else."""
    if _variables.in_graph_mode():
        return _v1.get_variable(
            name,
            shape=shape,
            dtype=dtype,
            initializer=initializer,
            regularizer=regularizer,
            trainable=trainable,
            constraint=constraint,
        )
    if regularizer is not None or constraint is not None:
        raise ValueError(
            f"{layer}: regularizers and constraints need tf.compat.v1 graph mode (TF1 kept them in "
            "graph collections); eagerly, add the penalty to your loss yourself"
        )
    return _variables.get_variable(
        name, shape, dtype=dtype, initializer=initializer, trainable=trainable
    )


def _float_inputs(inputs: Any, layer: str, dtype: Any = None) -> tuple[tf.Tensor, tf.DType]:
    inputs = tf.convert_to_tensor(inputs)
    if dtype is not None and inputs.dtype != dtype:
        inputs = tf.cast(inputs, dtype)  # a built layer computes in its variables' dtype
    if inputs.shape.rank is None or inputs.shape.rank < 2:
        raise ValueError(
            f"{layer}: inputs must have a known rank of at least 2; got shape {inputs.shape}"
        )
    if inputs.shape[-1] is None:
        raise ValueError(
            f"{layer}: the last dimension of the inputs should be defined; found None "
            f"(shape {inputs.shape})"
        )
    if not inputs.dtype.is_floating:
        raise TypeError(
            f"{layer}: inputs must be floating point (got {inputs.dtype.name}); cast them first"
        )
    return inputs, inputs.dtype.base_dtype


def _project(inputs: tf.Tensor, kernel: Any) -> tf.Tensor:
    """TF1's Dense product: ``matmul`` for rank 2, ``tensordot`` over the last axis above."""
    kernel = tf.convert_to_tensor(kernel)
    rank = inputs.shape.rank
    if rank == 2:
        return tf.matmul(inputs, kernel)
    outputs = tf.tensordot(inputs, kernel, [[rank - 1], [0]])
    if not tf.executing_eagerly():
        outputs.set_shape(inputs.shape[:-1].concatenate([kernel.shape[-1]]))
    return outputs


class Dense:
    """TF1's ``tf.layers.Dense``: ``activation(inputs @ kernel + bias)``.

    Reproduces TF 1.x: the variables ``<scope>/kernel`` ``[input_dim, units]`` (the variable
    scope's initializer, else ``get_variable``'s glorot-uniform default) and ``<scope>/bias``
    ``[units]`` (zeros), where the scope is captured on the first call as
    ``variable_scope(None, default_name=name or "dense")``: uniquified (``dense``, ``dense_1``,
    ...; ``out``, ``out_1`` for a repeated ``name="out"``) unless the layer reuses
    (``variable_scope(name or "dense")``). Later calls of the same object reuse its variables.
    Inputs of rank > 2 are multiplied over their last axis (``tensordot``). ``kernel_regularizer``
    and ``bias_regularizer`` add to ``REGULARIZATION_LOSSES`` and constraints are kept on the
    variables, in graph mode as TF1. ``activity_regularizer`` is refused: TF1 versions computed it
    differently (TF 1.13+ divided by the batch size).
    """

    def __init__(
        self,
        units: int,
        activation: Callable[[tf.Tensor], tf.Tensor] | None = None,
        use_bias: bool = True,
        kernel_initializer: Any = None,
        bias_initializer: Any = _ZEROS,
        kernel_regularizer: Any = None,
        bias_regularizer: Any = None,
        activity_regularizer: Any = None,
        kernel_constraint: Any = None,
        bias_constraint: Any = None,
        trainable: bool = True,
        name: str | None = None,
        dtype: Any = None,
        _scope: str | None = None,
        _reuse: Any = None,
    ) -> None:
        if activity_regularizer is not None:
            raise ValueError(
                "Dense: activity_regularizer is not supported (TF1 versions disagreed on it: "
                "TF 1.13+ divided the penalty by the batch size); add it to your loss yourself"
            )
        self.units = int(units)
        if self.units <= 0:
            raise ValueError(f"Dense: units must be a positive integer; got {units!r}")
        self.activation = activation
        self.use_bias = use_bias
        self.kernel_initializer = kernel_initializer
        self.bias_initializer = bias_initializer
        self.kernel_regularizer = kernel_regularizer
        self.bias_regularizer = bias_regularizer
        self.kernel_constraint = kernel_constraint
        self.bias_constraint = bias_constraint
        self.trainable = trainable
        self.dtype = None if dtype is None else tf.as_dtype(dtype)
        self._base_name = name or "dense"
        self.name = self._base_name
        self._reuse = _reuse
        self._scope: Any = None
        self.kernel: Any = None
        self.bias: Any = None
        self.built = False
        if _scope is not None:  # the function form: the scope is `name` itself, not uniquified
            with _v1.variable_scope(_scope) as captured:
                self._scope = captured

    @contextlib.contextmanager
    def _in_scope(self) -> Iterator[None]:
        if self._scope is None:
            if self._reuse:
                context = _v1.variable_scope(self._base_name)
            else:
                context = _v1.variable_scope(None, default_name=self._base_name)
            with context as captured:
                self._scope = captured
        self.name = self._scope.name.rpartition("/")[2]
        reuse = True if self.built else self._reuse
        with (
            _v1.variable_scope(self._scope, reuse=reuse, auxiliary_name_scope=False),
            _v1.name_scope(self._scope.original_name_scope),
        ):
            yield

    @property
    def scope_name(self) -> str:
        """The full variable scope name (``dense``, ``decoder/dense_1``); set by the first call."""
        if self._scope is None:
            raise ValueError(
                f"No name available for layer scope because the layer "
                f'"{self._base_name}" has not been used yet.'
            )
        return self._scope.name

    def _build(self, input_dim: int, dtype: tf.DType) -> None:
        self.kernel = _create_variable(
            "Dense",
            "kernel",
            [input_dim, self.units],
            dtype,
            self.kernel_initializer,
            self.kernel_regularizer,
            self.kernel_constraint,
            self.trainable,
        )
        if self.use_bias:
            self.bias = _create_variable(
                "Dense",
                "bias",
                [self.units],
                dtype,
                self.bias_initializer,
                self.bias_regularizer,
                self.bias_constraint,
                self.trainable,
            )
        self.built = True

    def __call__(self, inputs: Any, *args: Any, **kwargs: Any) -> tf.Tensor:
        """``activation(inputs @ kernel + bias)``; variables created on the first call."""
        inputs, dtype = _float_inputs(inputs, "Dense", self.dtype)
        with self._in_scope():
            if not self.built:
                self.dtype = dtype
                self._build(int(inputs.shape[-1]), dtype)
            outputs = _project(inputs, self.kernel)
            if self.bias is not None:
                outputs = tf.nn.bias_add(outputs, tf.convert_to_tensor(self.bias))
            if self.activation is not None:
                outputs = self.activation(outputs)
        return outputs

    def apply(self, inputs: Any, *args: Any, **kwargs: Any) -> tf.Tensor:
        """TF1's ``layer.apply(inputs)``: the same as calling the layer."""
        return self(inputs, *args, **kwargs)

    def compute_output_shape(self, input_shape: Any) -> tf.TensorShape:
        """``input_shape`` with its last dimension replaced by ``units``."""
        shape = tf.TensorShape(input_shape)
        if shape.rank is None or shape[-1] is None:
            raise ValueError(
                f"The innermost dimension of input_shape must be defined, but saw: {shape}"
            )
        return shape[:-1].concatenate([self.units])

    @property
    def variables(self) -> list[Any]:
        """``[kernel, bias]`` once built (TF1's ``layer.variables``)."""
        return [v for v in (self.kernel, self.bias) if v is not None]

    @property
    def weights(self) -> list[Any]:
        """The same as :attr:`variables`."""
        return self.variables

    @property
    def trainable_variables(self) -> list[Any]:
        """:attr:`variables` when the layer is trainable, else ``[]``."""
        return self.variables if self.trainable else []

    trainable_weights = trainable_variables

    @property
    def non_trainable_variables(self) -> list[Any]:
        """:attr:`variables` when the layer is not trainable, else ``[]``."""
        return [] if self.trainable else self.variables

    non_trainable_weights = non_trainable_variables


def dense(
    inputs: Any,
    units: int,
    activation: Callable[[tf.Tensor], tf.Tensor] | None = None,
    use_bias: bool = True,
    kernel_initializer: Any = None,
    bias_initializer: Any = _ZEROS,
    kernel_regularizer: Any = None,
    bias_regularizer: Any = None,
    activity_regularizer: Any = None,
    kernel_constraint: Any = None,
    bias_constraint: Any = None,
    trainable: bool = True,
    name: str | None = None,
    reuse: Any = None,
) -> tf.Tensor:
    """TF1's ``tf.layers.dense``: one :class:`Dense` applied to ``inputs``.

    As in TF 1.x, ``name`` is the variable scope itself (``proj/kernel``; a second ``name="proj"``
    without ``reuse`` raises TF1's "already exists" error in graph mode), and without a name the
    scope is the uniquified default ``dense``, ``dense_1``, ... ``reuse=True`` (or the enclosing
    scope's reuse, or ``tf.compat.v1.AUTO_REUSE``) finds the existing variables.
    """
    layer = Dense(
        units,
        activation=activation,
        use_bias=use_bias,
        kernel_initializer=kernel_initializer,
        bias_initializer=bias_initializer,
        kernel_regularizer=kernel_regularizer,
        bias_regularizer=bias_regularizer,
        activity_regularizer=activity_regularizer,
        kernel_constraint=kernel_constraint,
        bias_constraint=bias_constraint,
        trainable=trainable,
        name=name,
        _scope=name,
        _reuse=reuse,
    )
    return layer(inputs)


class Dropout:
    """TF1's ``tf.layers.Dropout``: ``tf.nn.dropout(inputs, rate)`` when ``training``, else
    ``inputs`` unchanged.

    Reproduces TF 1.x: kept units are scaled by ``1 / (1 - rate)``; ``training`` may be a Python
    bool or a bool tensor (a placeholder), decided at run time with ``tf.cond`` as TF1 did;
    ``None`` entries of ``noise_shape`` take the input's dimension. The masks come from TF 2's
    random ops (same distribution, not TF1's random stream). No variables are created.
    """

    def __init__(
        self,
        rate: Any = 0.5,
        noise_shape: Sequence[int | None] | None = None,
        seed: int | None = None,
        name: str | None = None,
        **kwargs: Any,
    ) -> None:
        self.rate = rate
        self.noise_shape = noise_shape
        self.seed = seed
        self.name = name or "dropout"

    def _noise_shape(self, inputs: tf.Tensor) -> Any:
        if self.noise_shape is None:
            return None
        dynamic = tf.shape(inputs)
        return [dynamic[i] if d is None else d for i, d in enumerate(self.noise_shape)]

    def __call__(self, inputs: Any, training: Any = False) -> tf.Tensor:
        """``inputs`` with dropout applied when ``training`` is (or evaluates to) true."""
        inputs = tf.convert_to_tensor(inputs)
        with _v1.name_scope(None, default_name=self.name):

            def dropped() -> tf.Tensor:
                return tf.nn.dropout(
                    inputs, rate=self.rate, noise_shape=self._noise_shape(inputs), seed=self.seed
                )

            if training is None:  # TF1 read Keras's learning phase, False unless set
                training = False
            static = training if not tf.is_tensor(training) else tf.get_static_value(training)
            if static is not None:
                return dropped() if bool(static) else tf.identity(inputs)
            return tf.cond(tf.cast(training, tf.bool), dropped, lambda: tf.identity(inputs))

    def apply(self, inputs: Any, training: Any = False) -> tf.Tensor:
        """TF1's ``layer.apply(inputs, training=...)``: the same as calling the layer."""
        return self(inputs, training=training)


def dropout(
    inputs: Any,
    rate: Any = 0.5,
    noise_shape: Sequence[int | None] | None = None,
    seed: int | None = None,
    training: Any = False,
    name: str | None = None,
) -> tf.Tensor:
    """TF1's ``tf.layers.dropout`` (note: ``rate`` drops, unlike ``tf.nn.dropout``'s old
    ``keep_prob``; the default ``training=False`` returns ``inputs`` unchanged, as in TF1)."""
    return Dropout(rate, noise_shape=noise_shape, seed=seed, name=name)(inputs, training=training)


def _add_to_collections(variable: Any, collections: Any, kind: str) -> None:
    """TF1's ``variables_collections``: a list of collection names, or a dict by variable kind."""
    if isinstance(collections, dict):
        collections = collections.get(kind)
    if isinstance(collections, str):
        collections = [collections]
    for collection in collections or ():
        if variable not in _v1.get_collection(collection):
            _v1.add_to_collection(collection, variable)


def fully_connected(
    inputs: Any,
    num_outputs: int,
    activation_fn: Callable[[tf.Tensor], tf.Tensor] | None = tf.nn.relu,
    normalizer_fn: Callable[..., tf.Tensor] | None = None,
    normalizer_params: dict[str, Any] | None = None,
    weights_initializer: Any = _XAVIER,
    weights_regularizer: Any = None,
    biases_initializer: Any = _ZEROS,
    biases_regularizer: Any = None,
    reuse: Any = None,
    variables_collections: Any = None,
    outputs_collections: Any = None,
    trainable: bool = True,
    scope: Any = None,
) -> tf.Tensor:
    """TF1's ``tf.contrib.layers.fully_connected``: ``activation_fn(normalizer_fn(x @ weights)
    or x @ weights + biases)``.

    Reproduces TF 1.x: the variables ``<scope>/weights`` ``[input_dim, num_outputs]`` (xavier,
    i.e. glorot-uniform, by default) and ``<scope>/biases`` ``[num_outputs]`` (zeros) under
    ``variable_scope(scope, default_name="fully_connected", reuse=reuse)`` (``fully_connected``,
    ``fully_connected_1``, ...); the default activation is ``tf.nn.relu``; no biases when a
    ``normalizer_fn`` is given or ``biases_initializer`` is None; inputs of rank > 2 are multiplied
    over their last axis. In graph mode the variables join ``MODEL_VARIABLES`` and
    ``variables_collections``, regularizers add to ``REGULARIZATION_LOSSES``, and the output joins
    ``outputs_collections`` (without TF1's tensor alias attribute).

    Raises:
        ValueError: ``num_outputs`` is not an int; eagerly, a regularizer or collection is given
            (TF 2 has no graph collections outside graph mode).
    """
    if isinstance(num_outputs, bool) or not isinstance(num_outputs, int):
        raise ValueError(f"num_outputs should be int or long, got {num_outputs}.")
    graph = _variables.in_graph_mode()
    if not graph and (variables_collections or outputs_collections):
        raise ValueError(
            "fully_connected: variables_collections and outputs_collections need tf.compat.v1 "
            "graph mode (TF 2 has no collections eagerly)"
        )
    with _v1.variable_scope(scope, default_name="fully_connected", reuse=reuse):
        inputs, dtype = _float_inputs(inputs, "fully_connected")
        weights = _create_variable(
            "fully_connected",
            "weights",
            [int(inputs.shape[-1]), num_outputs],
            dtype,
            weights_initializer,
            weights_regularizer,
            None,
            trainable,
        )
        created = [("weights", weights)]
        outputs = _project(inputs, weights)
        if not normalizer_fn and biases_initializer is not None:
            biases = _create_variable(
                "fully_connected",
                "biases",
                [num_outputs],
                dtype,
                biases_initializer,
                biases_regularizer,
                None,
                trainable,
            )
            created.append(("biases", biases))
            outputs = tf.nn.bias_add(outputs, tf.convert_to_tensor(biases))
        if graph:
            for kind, variable in created:
                _add_to_collections(variable, [_v1.GraphKeys.MODEL_VARIABLES], kind)
                _add_to_collections(variable, variables_collections, kind)
        if normalizer_fn is not None:
            outputs = normalizer_fn(outputs, **(normalizer_params or {}))
        if activation_fn is not None:
            outputs = activation_fn(outputs)
        if graph and outputs_collections:
            _v1.add_to_collections(outputs_collections, outputs)
        return outputs


def linear(inputs: Any, num_outputs: int, **kwargs: Any) -> tf.Tensor:
    """TF1's ``tf.contrib.layers.linear``: :func:`fully_connected` with ``activation_fn=None``
    (same scope ``fully_connected`` and variables ``weights``/``biases``)."""
    return fully_connected(inputs, num_outputs, activation_fn=None, **kwargs)
