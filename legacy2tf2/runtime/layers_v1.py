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
from legacy2tf2.runtime.arg_scope import add_arg_scope, arg_scope
from legacy2tf2.runtime.checked_scope import checked_scope
from legacy2tf2.runtime.contrib_sequence_loss import sequence_loss
from legacy2tf2.runtime.rnn_linear import rnn_linear, rnn_linear_tf0, rnn_linear_tf1_0

__all__ = [
    "OPTIMIZER_CLS_NAMES",
    "OPTIMIZER_SUMMARIES",
    "Dense",
    "Dropout",
    "arg_scope",
    "checked_scope",
    "dense",
    "dropout",
    "fully_connected",
    "linear",
    "optimize_loss",
    "regularizer_on_values",
    "rnn_linear",
    "rnn_linear_tf0",
    "rnn_linear_tf1_0",
    "sequence_loss",
]

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


@add_arg_scope
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
    ``outputs_collections`` (without TF1's tensor alias attribute). Inside ``arg_scope([fully_connected],
    **kwargs)`` those keywords are its defaults.

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


# -- tf.contrib.layers.optimize_loss --------------------------------------------------------------

#: TF 1.x's ``tf.contrib.layers.OPTIMIZER_CLS_NAMES``: what a string ``optimizer`` builds from the
#: learning rate (``"Momentum"`` with ``momentum=0.9``).
OPTIMIZER_CLS_NAMES: dict[str, Callable[..., Any]] = {
    "Adagrad": _v1.train.AdagradOptimizer,
    "Adam": _v1.train.AdamOptimizer,
    "Ftrl": _v1.train.FtrlOptimizer,
    "Momentum": lambda learning_rate: _v1.train.MomentumOptimizer(learning_rate, momentum=0.9),
    "RMSProp": _v1.train.RMSPropOptimizer,
    "SGD": _v1.train.GradientDescentOptimizer,
}

#: TF 1.x's ``tf.contrib.layers.OPTIMIZER_SUMMARIES``: the summaries ``optimize_loss`` can write.
OPTIMIZER_SUMMARIES: list[str] = [
    "learning_rate",
    "loss",
    "gradients",
    "gradient_norm",
    "global_gradient_norm",
]

_DEFAULT_SUMMARIES = ("loss", "learning_rate", "global_gradient_norm")


def _learning_rate_tensor(learning_rate: Any) -> Any:
    """A 0-d tensor is used as is; a Python float becomes the ``learning_rate`` variable."""
    if learning_rate is None:
        return None
    if isinstance(learning_rate, tf.Tensor) and learning_rate.shape.ndims == 0:
        return learning_rate
    if isinstance(learning_rate, float):
        if learning_rate < 0.0:
            raise ValueError(f"Invalid learning_rate {learning_rate}.")
        return _v1.get_variable(
            "learning_rate",
            [],
            trainable=False,
            initializer=_v1.constant_initializer(learning_rate),
        )
    raise ValueError(
        f"Learning rate should be 0d Tensor or float. Got {learning_rate} of type "
        f"{type(learning_rate)}"
    )


def _make_optimizer(optimizer: Any, learning_rate: Any, lr: Any) -> Any:
    """TF1's four ways of giving the optimizer: a name, a class, an instance, a callable."""
    if isinstance(optimizer, str):
        if lr is None:
            raise ValueError(
                "Learning rate is None, but should be specified if optimizer is string "
                f"({optimizer})."
            )
        if optimizer not in OPTIMIZER_CLS_NAMES:
            raise ValueError(
                f"Optimizer name should be one of [{', '.join(OPTIMIZER_CLS_NAMES)}], you "
                f"provided {optimizer}."
            )
        return OPTIMIZER_CLS_NAMES[optimizer](learning_rate=lr)
    if isinstance(optimizer, type) and issubclass(optimizer, _v1.train.Optimizer):
        if lr is None:
            raise ValueError(
                "Learning rate is None, but should be specified if optimizer is class "
                f"({optimizer})."
            )
        return optimizer(learning_rate=lr)
    if isinstance(optimizer, _v1.train.Optimizer):
        return optimizer
    if callable(optimizer):
        made = optimizer(lr) if learning_rate is not None else optimizer()
        if not isinstance(made, _v1.train.Optimizer):
            raise ValueError(
                "Unrecognized optimizer: function should return subclass of Optimizer "
                f"(tf.compat.v1.train.Optimizer). Got {made}."
            )
        return made
    raise ValueError(
        "Unrecognized optimizer: should be string, subclass of Optimizer, instance of subclass "
        f"of Optimizer or function with one argument. Got {optimizer}."
    )


def _add_scaled_noise(gradients: list[tuple[Any, Any]], scale: float) -> list[tuple[Any, Any]]:
    """Each gradient plus ``truncated_normal(shape) * scale`` (sparse ones become dense)."""
    noisy = []
    for gradient, variable in gradients:
        if gradient is None:
            noisy.append((None, variable))
            continue
        if isinstance(gradient, tf.IndexedSlices):
            gradient = tf.convert_to_tensor(gradient)
        noise = _v1.truncated_normal(tf.shape(gradient)) * scale
        noisy.append((gradient + noise, variable))
    return noisy


def _multiply_gradients(
    gradients: list[tuple[Any, Any]], multipliers: dict[Any, Any]
) -> list[tuple[Any, Any]]:
    """Gradients of the variables keyed (by variable or by its name) times their multiplier."""
    multiplied = []
    for gradient, variable in gradients:
        key = None
        if gradient is not None:
            if any(variable is k for k in multipliers):
                key = variable
            elif variable.name in multipliers:
                key = variable.name
        if key is not None:
            multiplier = multipliers[key]
            if isinstance(gradient, tf.IndexedSlices):
                gradient = tf.IndexedSlices(
                    gradient.values * multiplier, gradient.indices, gradient.dense_shape
                )
            else:
                gradient = gradient * tf.cast(multiplier, gradient.dtype)
        multiplied.append((gradient, variable))
    return multiplied


def _values(gradient: Any) -> Any:
    return gradient.values if isinstance(gradient, tf.IndexedSlices) else gradient


def optimize_loss(
    loss: Any,
    global_step: Any,
    learning_rate: Any,
    optimizer: Any,
    gradient_noise_scale: float | None = None,
    gradient_multipliers: dict[Any, Any] | None = None,
    clip_gradients: Any = None,
    learning_rate_decay_fn: Callable[[Any, Any], Any] | None = None,
    update_ops: Any = None,
    variables: Any = None,
    name: str | None = None,
    summaries: Sequence[str] | None = None,
    colocate_gradients_with_ops: bool = False,
    increment_global_step: bool = True,
) -> tf.Tensor:
    """TF1's ``tf.contrib.layers.optimize_loss``: compute, adjust and apply the gradients of
    ``loss``; returns ``loss`` with a control dependency on the update (run it to train).

    Reproduces TF 1.x in ``tf.compat.v1`` graph mode, inside ``variable_scope(name,
    default_name="OptimizeLoss")``: ``update_ops`` (default: the ``UPDATE_OPS`` collection) run
    before the gradients are computed; a float ``learning_rate`` becomes the non-trainable variable
    ``OptimizeLoss/learning_rate`` (a 0-d tensor is used as is), passed through
    ``learning_rate_decay_fn(lr, global_step)`` when given; ``optimizer`` is a name of
    :data:`OPTIMIZER_CLS_NAMES`, a ``tf.compat.v1.train.Optimizer`` subclass (built with
    ``learning_rate=lr``), an instance, or a callable of the learning rate (of nothing when
    ``learning_rate`` is None); the optimizer's slots are therefore named
    ``OptimizeLoss/<variable>/<Slot>`` and Adam's ``OptimizeLoss/beta1_power``, as in TF1
    checkpoints. The gradients of ``variables`` (default: the trainable variables) get truncated
    normal noise times ``gradient_noise_scale``, then ``gradient_multipliers`` (by variable or
    name), then ``clip_gradients``: a float clips by global norm, a callable maps the (gradient,
    variable) list. ``apply_gradients(name="train")`` increments ``global_step`` (fetched with
    ``get_global_step`` when None) unless ``increment_global_step`` is False. ``summaries``
    (default ``loss``, ``learning_rate``, ``global_gradient_norm``) are written with
    ``tf.compat.v1.summary`` under TF1's tags.

    Raises:
        RuntimeError: not in graph mode (TF1's optimize_loss needed a graph tensor ``loss``).
        ValueError: as TF1: ``loss`` not scalar, a bad learning rate, an unknown optimizer name or
            summary, no learning rate for a name or class, ``learning_rate_decay_fn`` without a
            global step, ``gradient_multipliers`` leaving no gradients, an unknown
            ``clip_gradients`` type.
    """
    if not _variables.in_graph_mode():
        raise RuntimeError(
            "optimize_loss needs tf.compat.v1 graph mode (placeholders and a Session), as in "
            "TF1: it differentiates the graph tensor `loss`. Eagerly, compute the gradients "
            "with tf.GradientTape and apply them with an optimizer."
        )
    loss = tf.convert_to_tensor(loss)
    with _v1.name_scope(None, "assert_scalar", [loss]):
        if loss.shape.ndims != 0:
            raise ValueError(f"Expected scalar shape for {loss.name}, saw shape: {loss.shape}.")
    if global_step is None:
        global_step = _v1.train.get_global_step()
    else:
        _v1.train.assert_global_step(global_step)
    scope_values = [t for t in (loss, global_step) if t is not None]
    with _v1.variable_scope(name, default_name="OptimizeLoss", values=scope_values):
        if update_ops is None:
            update_ops = _v1.get_collection(_v1.GraphKeys.UPDATE_OPS)
        update_ops = set(update_ops)
        if update_ops:
            with tf.control_dependencies(update_ops):
                barrier = tf.no_op(name="update_barrier")
            with tf.control_dependencies([barrier]):
                loss = tf.identity(loss)

        lr = _learning_rate_tensor(learning_rate)
        if summaries is None:
            summaries = list(_DEFAULT_SUMMARIES)
        else:
            for summary in summaries:
                if summary not in OPTIMIZER_SUMMARIES:
                    raise ValueError(
                        f"Summaries should be one of [{', '.join(OPTIMIZER_SUMMARIES)}], you "
                        f"provided {summary}."
                    )
        if learning_rate is not None and learning_rate_decay_fn is not None:
            if global_step is None:
                raise ValueError("global_step is required for learning_rate_decay_fn.")
            lr = learning_rate_decay_fn(lr, global_step)
            if "learning_rate" in summaries:
                _v1.summary.scalar("learning_rate", lr)

        opt = _make_optimizer(optimizer, learning_rate, lr)
        if variables is None:
            variables = _v1.trainable_variables()
        gradients = opt.compute_gradients(
            loss, variables, colocate_gradients_with_ops=colocate_gradients_with_ops
        )
        if gradient_noise_scale is not None:
            gradients = _add_scaled_noise(gradients, gradient_noise_scale)
        if gradient_multipliers is not None:
            gradients = _multiply_gradients(gradients, gradient_multipliers)
            if not gradients:
                raise ValueError(
                    "Empty list of (gradient, var) pairs encountered. This is most likely to be "
                    "caused by an improper value of gradient_multipliers."
                )
        norms = "global_gradient_norm" in summaries or "gradient_norm" in summaries
        if norms:
            _v1.summary.scalar(
                "global_norm/gradient_norm", tf.linalg.global_norm([g for g, _ in gradients])
            )
        if isinstance(clip_gradients, float):
            grads, variables_ = zip(*gradients, strict=True)
            clipped, _ = tf.clip_by_global_norm(list(grads), clip_gradients)
            gradients = list(zip(clipped, variables_, strict=True))
        elif callable(clip_gradients):
            gradients = clip_gradients(gradients)
        elif clip_gradients is not None:
            raise ValueError(f"Unknown type {type(clip_gradients)} for clip_gradients")

        if "loss" in summaries:
            _v1.summary.scalar("loss", loss)
        for gradient, variable in gradients:
            values = _values(gradient)
            if values is None:
                continue
            var_name = variable.name.replace(":", "_")
            if "gradients" in summaries:
                _v1.summary.histogram(f"gradients/{var_name}", values)
            if "gradient_norm" in summaries:
                _v1.summary.scalar(f"gradient_norm/{var_name}", tf.linalg.global_norm([values]))
        if clip_gradients is not None and norms:
            _v1.summary.scalar(
                "global_norm/clipped_gradient_norm",
                tf.linalg.global_norm([g for g, _ in gradients]),
            )

        update = opt.apply_gradients(
            gradients, global_step=global_step if increment_global_step else None, name="train"
        )
        with tf.control_dependencies([update]):
            return tf.identity(loss)


def regularizer_on_values(regularizer: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """``regularizer`` applied to a variable's value, as TF1's regularizers read their weights.

    TF1's graph programs made reference variables (dtype ``float32_ref``) and ``rewrite --full``
    makes them again; ``tf_upgrade_v2`` turns ``tf.contrib.layers.l2_regularizer(scale)`` into
    ``tf.keras.regularizers.l2(0.5 * scale)``, which Keras 3 refuses on a reference variable
    ("Invalid dtype: float32_ref"), whether ``get_variable(regularizer=...)`` or the program
    calls it. TF1's ``l2_loss(weights)`` read the variable (``weights/read``); so does this: the
    penalty is the regularizer's on the variable's value. Tensors pass through unchanged.
    """

    def on_values(weights: Any) -> Any:
        return regularizer(tf.convert_to_tensor(weights))

    return on_values
