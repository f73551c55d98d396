"""The base of every runtime cell: TF1's scope capture and sharing, on a Keras 3 layer."""

from __future__ import annotations

import collections
import contextlib
import copy
import functools
import inspect
import logging
import re
from collections.abc import Iterator
from typing import Any

import keras
import numpy as np
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


#: The arguments ``RNNCell.__init__`` takes, which a subclass's ``**kwargs`` pass on to it.
_BASE_PARAMETERS = ("trainable", "name", "dtype", "reuse")


def _constructor_arguments(cls: type, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
    """Every argument of ``cls(*args, **kwargs)`` by name, defaults filled in from the signature.

    A class whose ``__init__`` takes ``**kwargs`` also gets ``RNNCell.__init__``'s arguments
    (``name``, ``dtype``, ``reuse``; ``trainable`` is kept as a state), which reach it through
    them. None when the arguments do not fit the signature (``__init__`` raises Python's own
    error next) or the signature takes ``*args`` (nothing to rebuild the cell by name from).
    """
    signature = inspect.signature(cls.__init__)
    parameters = list(signature.parameters.values())[1:]
    if any(p.kind in (p.VAR_POSITIONAL, p.POSITIONAL_ONLY) for p in parameters):
        return None
    try:
        bound = signature.bind(None, *args, **kwargs)
    except TypeError:
        return None
    bound.apply_defaults()
    arguments = dict(list(bound.arguments.items())[1:])
    extra: dict[str, Any] = {}
    for parameter in parameters:
        if parameter.kind is parameter.VAR_KEYWORD:
            extra = arguments.pop(parameter.name)
            base = inspect.signature(RNNCell.__init__).parameters
            for name in _BASE_PARAMETERS:
                if name not in arguments and name != "trainable":
                    extra.setdefault(name, base[name].default)
    arguments.update(extra)
    # A list argument (MultiRNNCell's cells) is kept as it was passed, not as later edited.
    return {
        key: list(value) if isinstance(value, list) else value for key, value in arguments.items()
    }


def _is_keras_activation(value: Any) -> bool:
    """A TensorFlow or Keras function whose name Keras resolves to an activation (``tf.tanh``,
    ``tf.nn.relu``): saved by that name, as TF1 cells' activations always were."""
    module = getattr(value, "__module__", None) or ""
    if not module.startswith(("tensorflow", "keras")):
        return False
    try:
        keras.activations.get(value.__name__)
    except (ValueError, TypeError):
        return False
    return True


def _tensorflow_name(value: Any) -> str | None:
    """The public name of a TensorFlow function (``nn.softmax`` for ``tf.nn.softmax``), or None."""
    if not (getattr(value, "__module__", None) or "").startswith("tensorflow"):
        return None
    for prefix, namespace in (("nn.", tf.nn), ("math.", tf.math), ("", tf)):
        for name in dir(namespace):
            if name.startswith("_"):
                continue
            try:
                found = getattr(namespace, name)
            except Exception:  # a lazily loaded submodule that cannot load here: not it
                continue
            if found is value:
                return prefix + name
    return None


def _serialize(value: Any) -> Any:
    if isinstance(value, keras.layers.Layer):
        return keras.saving.serialize_keras_object(value)
    if isinstance(value, (list, tuple)) and value and isinstance(value[0], keras.layers.Layer):
        return [keras.saving.serialize_keras_object(v) for v in value]
    if isinstance(value, tf.DType):
        return value.name
    if isinstance(value, np.dtype) or (isinstance(value, type) and issubclass(value, np.generic)):
        return np.dtype(value).name  # dtype=np.float32
    if isinstance(value, np.generic):
        return value.item()
    if tf.is_tensor(value) and not isinstance(value, tf.Variable):
        known = tf.get_static_value(value)
        # A constant keep probability is saved as its number; a fed one has none to save.
        return value if known is None else np.asarray(known).tolist()
    if callable(value) and hasattr(value, "__name__") and not hasattr(value, "get_config"):
        if _is_keras_activation(value):
            return {"activation": value.__name__}
        tensorflow_name = _tensorflow_name(value)
        if tensorflow_name is not None:
            return {"tensorflow": tensorflow_name}  # tf.nn.softmax is softmax_v2, no Keras name
        return {"function": keras.saving.serialize_keras_object(value)}
    if hasattr(value, "get_config"):
        return {"initializer": type(value).__name__, "config": value.get_config()}
    return value


def _deserialize(value: Any) -> Any:
    if isinstance(value, dict) and "activation" in value:
        return keras.activations.get(value["activation"])
    if isinstance(value, dict) and "tensorflow" in value:
        return functools.reduce(getattr, value["tensorflow"].split("."), tf)
    if isinstance(value, dict) and "function" in value:
        return keras.saving.deserialize_keras_object(value["function"])
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


#: Attributes :meth:`RNNCell.__new__` sets on every cell (kept out of Keras tracking).
_SET_IN_NEW = frozenset({"_init_arguments", "build"})


def _ref_values(structure: Any) -> Any:
    """``structure`` with each TF1 reference variable in it read: TF1 cells took a variable
    given as input or state (a TF 0.x program's ``state = tf.Variable(...)``) as its value;
    Keras 3 refuses its ``float32_ref`` dtype. Resource variables and tensors pass unchanged."""
    return tf.nest.map_structure(
        lambda v: v.value() if isinstance(v, tf.Variable) and v.dtype._is_ref_dtype else v,
        structure,
    )


class RNNCell(keras.layers.Layer):
    """TF1's ``tf.nn.rnn_cell.RNNCell`` as a Keras 3 layer; the base of every runtime cell.

    Works three ways with one implementation:

    - TF1 protocol: ``state_size``, ``output_size``, ``zero_state(batch_size, dtype)`` and
      ``output, new_state = cell(inputs, state)`` (also what ``tf.compat.v1.nn.static_rnn`` and
      ``dynamic_rnn`` call).
    - Keras protocol: usable as the cell of ``keras.layers.RNN``.
    - Serialisable with ``get_config`` / ``from_config`` (and so in ``.keras`` files): the
      configuration is the constructor's arguments, bound to the signature of the class's
      ``__init__`` when the cell is made, so a subclass needs no ``get_config`` of its own.

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
        # TF 1.2-1.4's cells (and the programs' cells copied from them) passed the base layer's
        # private `_reuse` and `_scope`: super().__init__(_reuse=reuse).
        private_reuse = kwargs.pop("_reuse", None)
        self._initial_scope = kwargs.pop("_scope", None)
        super().__init__(trainable=trainable, name=name, autocast=False, **kwargs)
        self._tf1_name = name
        self._tf1_dtype = None if dtype is None else tf.as_dtype(dtype)
        self._reuse = reuse if reuse is not None else private_reuse
        self._captured_scope: Any = None
        self._variable_dtype: tf.DType = self._tf1_dtype or tf.float32
        self._tf1_variables: dict[str, Any] = {}

    def __new__(cls, *args: Any, **kwargs: Any) -> RNNCell:
        cell = super().__new__(cls, *args, **kwargs)
        # The one record of the constructor's arguments (get_config, from_config, deepcopy),
        # kept out of Keras tracking: these are arguments, not state.
        object.__setattr__(cell, "_init_arguments", _constructor_arguments(cls, args, kwargs))
        keras_build = cell.build

        # Keras's RNN layer builds its cell directly; TF1 names need the cell's scope there too.
        def build_in_scope(*build_args: Any, **build_kwargs: Any) -> None:
            with cell._enter_scope(None):
                keras_build(*build_args, **build_kwargs)

        cell.build = build_in_scope
        return cell

    def __setattr__(self, name: str, value: Any) -> None:
        # A cell holding a program's TF 0.x cell (MultiRNNCell([cell] * 2), the seq2seq
        # functions' wrappers) completes that cell's base initialisation first: Keras walks the
        # sub-layers of the cell it calls (clearing their losses).
        for cell in value if isinstance(value, (list, tuple)) else (value,):
            if isinstance(cell, RNNCell) and "_losses" not in vars(cell):
                cell._finish_base_init()
        super().__setattr__(name, value)

    def _finish_base_init(self) -> None:
        """Run the base ``__init__`` a TF 0.x program's cell never ran, keeping its attributes.

        TF 0.x's ``RNNCell`` was a plain object without ``__init__``, so cells written for it
        (``class VRNNCell(tf.nn.rnn_cell.RNNCell)`` with its own ``__init__`` and ``__call__``)
        did not call ``super().__init__()``; as a Keras layer the cell needs it.
        """
        own = {k: v for k, v in vars(self).items() if k not in _SET_IN_NEW}
        RNNCell.__init__(self)
        for key, value in own.items():
            setattr(self, key, value)  # the program's values win, sub-cells get tracked

    # ----- TF1 protocol -------------------------------------------------------------------
    def __call__(
        self, inputs: Any, state: Any = None, scope: Any = None, *args: Any, **kwargs: Any
    ) -> Any:
        # TF1's signature is ``__call__(inputs, state, scope=None)``: programs' own wrappers
        # pass their ``scope`` on positionally (``self._cell(inputs, state, scope)``).
        inputs, state = _ref_values(inputs), _ref_values(state)
        if scope is None:
            tf1_0_copy = self._tf1_0_copy_for_other_input_size(inputs)
            if tf1_0_copy is not None:
                return tf1_0_copy(inputs, state, None, *args, **kwargs)
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
                self._built_input_depth = tf.TensorShape(inputs.shape)[-1]
            result = super().__call__(inputs, state, *args, **kwargs)
        self._tf1_called = True
        return result

    #: Set by ``class MyGRU(GRUCell, scope_named_after_class=True)``: see __init_subclass__.
    _scope_named_after_class = False

    def __init_subclass__(cls, scope_named_after_class: bool | None = None, **kwargs: Any) -> None:
        """``class MyGRU(GRUCell, scope_named_after_class=True)``: a program's subclass of a TF1
        cell that defines neither ``call`` nor ``build`` (only ``__init__``, or ``state_size``),
        written for TF 1.2+, whose base layer named the weights' scope after the class, in snake
        case (``rnn/my_gru/gates/kernel``). TF 1.0/1.1 named it as the parent's ``__call__``
        did (``gru_cell``), the runtime's default for such a class, whose source alone does not
        tell the version (``rewrite --full`` adds the keyword unless the program is certainly
        of TF 1.1 or earlier)."""
        super().__init_subclass__(**kwargs)
        if scope_named_after_class is not None:
            cls._scope_named_after_class = scope_named_after_class

    def _user_subclass(self) -> bool:
        """A program's own cell in TF 1.2+ style: written on the bare ``RNNCell``, or a subclass
        of a TF1 cell (``class ZoneoutGRU(GRUCell)``) that defines ``call`` or ``build``, which
        TF 1.0/1.1 cells did not have (a ``build`` copied from TF 1.5+'s ``LSTMCell`` making its
        own kernel), or that says so (``scope_named_after_class=True``). TF 1.2+ named its
        weights' scope after the class, in snake case."""
        if type(self).__module__.startswith("legacy2tf2."):
            return False
        if self._tf1_scope_name == RNNCell._tf1_scope_name or self._scope_named_after_class:
            return True
        return any(
            "call" in vars(klass) or "build" in vars(klass)
            for klass in type(self).__mro__
            if not klass.__module__.startswith(("legacy2tf2.", "keras", "tensorflow", "builtins"))
        )

    def _holds_user_cell(self) -> bool:
        """Whether one of the cells this cell holds is a program's own (see _user_subclass)."""
        return any(
            isinstance(layer, RNNCell) and layer._user_subclass()
            for layer in self._flatten_layers(include_self=False)
        )

    def _tf1_0_copy_for_other_input_size(self, inputs: Any) -> RNNCell | None:
        """The copy of this cell that TF 1.0 would have run here, or None to run this cell.

        A cell run again under another variable scope with inputs of another size than it was
        built for (one cell for an encoder over 128-wide vectors and a decoder over 20-wide
        embeddings) could not share its weights: TF 1.2+ failed with a shape error and TF 1.1
        refused the second scope, so such a program only ran on TF 1.0, which gave the cell a
        new set of weights in each scope. It gets a fresh copy (``copy.deepcopy``) per scope,
        built there, as ``MultiRNNCell`` does for a repeated cell over layers of different
        input sizes. Graph mode only: a TF 2 program (eager) keeps TF 1.2+'s error.
        """
        depth = getattr(self, "_built_input_depth", None)
        shape = getattr(inputs, "shape", None)
        if depth is None or shape is None or self._captured_scope is None:
            return None
        if _v1.executing_eagerly_outside_functions():
            return None
        shape = tf.TensorShape(shape)
        if shape.rank is None or shape[-1] is None or shape[-1] == depth:
            return None
        own = self._captured_scope.name
        now = _v1.get_variable_scope().name
        if now in (own.rpartition("/")[0], own) or now.startswith(own + "/"):
            return None  # where it first ran: TF 1.0 failed there too
        copies = self.__dict__.setdefault("_tf1_0_scope_copies", {})
        if now not in copies:
            copies[now] = copy.deepcopy(self)
            _log.warning(
                "%s with weights under '%s' for inputs of size %d runs again under '%s' with "
                "inputs of size %d, which only TF 1.0 ran (TF 1.2+ failed with a shape error, "
                "TF 1.1 refused the second scope): it gets a new set of weights there, as TF "
                "1.0 gave it",
                type(self).__name__,
                own,
                depth,
                now or "the top level",
                shape[-1],
            )
        return copies[now]

    def _warn_if_run_elsewhere(self) -> None:
        """Say so, once, when this cell runs again under another variable scope than its first.

        TF 1.0 gave a cell new weights in each scope it ran in, TF 1.1 refused to run it in a
        second one, and TF 1.2+ (like the runtime) runs it with the weights of its first scope:
        a decoder reusing the encoder's cell, a cell given as both directions of a bidirectional
        RNN or repeated over a MultiRNNCell's layers computes with one set of weights where a
        TF 1.0 program had several (and restores only that set from its checkpoint).
        """
        if getattr(self, "_warned_elsewhere", False) or _v1.executing_eagerly_outside_functions():
            return  # a TF2 program (the Keras model, eager code) means TF 1.2+'s sharing
        own = self._captured_scope.name
        first = own.rpartition("/")[0]
        now = _v1.get_variable_scope().name
        if now in (first, own) or now.startswith(own + "/"):
            return  # where it first ran, or inside its own scope (building)
        self._warned_elsewhere = True
        _log.warning(
            "%s with weights under '%s' runs again under '%s' and computes there with those "
            "same weights, as TF 1.2+ did. TF 1.0 gave it a second set of weights under '%s' "
            "(and TF 1.1 refused to run it): if this program was written for TF 1.0, give it "
            "a new cell there (copy.deepcopy(cell))",
            type(self).__name__,
            own,
            now or "the top level",
            now or "the top level",
        )

    @contextlib.contextmanager
    def _enter_scope(self, scope: Any) -> Iterator[None]:
        if self._captured_scope is not None:
            if scope is None:
                self._warn_if_run_elsewhere()
            # TF 1.2+ layers re-entered their scope with reuse after the first call, so a
            # program's own cell may create variables in `call` (get_variable, `_linear`).
            # So does a runtime cell holding such a cell (a TF 0.x cell in MultiRNNCell).
            called = getattr(self, "_tf1_called", False)
            reuse = True if called and (self._user_subclass() or self._holds_user_cell()) else None
            with _v1.variable_scope(self._captured_scope, reuse=reuse, auxiliary_name_scope=False):
                yield
            return
        scope = scope if scope is not None else getattr(self, "_initial_scope", None)
        if scope is not None:
            context = _v1.variable_scope(scope, reuse=self._reuse)
        else:
            default = self._tf1_name or self._tf1_scope_name
            if not self._tf1_name and self._user_subclass():
                default = _snake_case(type(self).__name__)  # TF 1.2+ layers' default name
            if self._reuse:
                # TF 1.1's _checked_scope(self, "lstm_cell", reuse=True) and TF 1.2+'s layer
                # scope for reuse=True both entered the name itself, not a uniquified one: a
                # new cell built with reuse=True finds the weights already there (a decoder
                # LSTMCell(n, reuse=True) under raw_rnn's "rnn" shares the encoder's).
                context = _v1.variable_scope(default, reuse=self._reuse)
            else:
                context = _v1.variable_scope(None, default_name=default)
        with context as captured:
            self._captured_scope = captured
            yield

    @contextlib.contextmanager
    def _state_after_build(self) -> Iterator[None]:
        """Let the cell make weights after Keras built it (Keras locks a built layer's state),
        where TF1 made them in ``call``, after an inner cell's (``OutputProjectionWrapper``)."""
        locked = self._tracker.locked
        self._tracker.unlock()
        try:
            yield
        finally:
            if locked:
                self._tracker.lock()

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
        if _variables.in_graph_mode():
            # TF1's cell listed its weights as they were made (RNNCell's custom getter): an
            # OutputProjectionWrapper's kernel and bias after the wrapped cell's.
            created = {id(v): i for i, v in enumerate(_v1.global_variables())}
            result.sort(key=lambda weight: created.get(id(weight), len(created)))
        return result

    @property
    def variables(self) -> list[Any]:  # type: ignore[override]
        """TF1's ``Layer.variables``: every weight (as :attr:`weights`), then Keras's other state.

        Keras 3's own property does not see the TF1 weights, so ``cell.variables`` and
        ``cell.trainable_variables`` were empty: a ``Saver(cell.variables)`` saved nothing and
        ``tf.gradients(loss, cell.trainable_variables)`` trained nothing.
        """
        result = self.weights
        seen = {id(weight) for weight in result}
        return result + [v for v in super().variables if id(v) not in seen]

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
    def _arguments(self) -> dict[str, Any]:
        """The constructor's arguments, by name, as they were passed (defaults filled in)."""
        arguments = self._init_arguments
        if arguments is None:
            raise TypeError(
                f"{type(self).__name__} cannot be copied or saved: its __init__ takes positional-"
                "only or *args arguments, so it cannot be called again by argument names. Give "
                "it named arguments (def __init__(self, num_units, **kwargs))."
            )
        return arguments

    def __deepcopy__(self, memo: dict[int, Any]) -> RNNCell:
        # Tensors (a keep probability fed by a placeholder) are shared, not copied: TF1 failed
        # to deep-copy such a cell ("cannot pickle"), which broke embedding_*_seq2seq.
        kwargs = {
            key: value if tf.is_tensor(value) else copy.deepcopy(value, memo)
            for key, value in self._arguments().items()
        }
        clone = type(self)(**kwargs)
        memo[id(self)] = clone
        return clone

    def get_config(self) -> dict[str, Any]:
        """Every constructor argument, read from the signature, serialised (nested cells through
        Keras serialisation), and ``trainable`` as the cell has it now."""
        config = {key: _serialize(value) for key, value in self._arguments().items()}
        config["trainable"] = self.trainable
        return config

    @classmethod
    def from_config(cls, config: dict[str, Any]) -> RNNCell:
        """Rebuild a cell from :meth:`get_config`."""
        config = {key: _deserialize(value) for key, value in config.items()}
        trainable = config.pop("trainable", True)
        cell = cls(**config)
        cell.trainable = trainable
        return cell


def _snake_case(name: str) -> str:
    """TF 1.2+ base layers' default scope of a class: ``MyCell`` -> ``my_cell``, ``_Cell`` ->
    ``private_cell``."""
    words = re.sub(r"(.)([A-Z][a-z0-9]+)", r"\1_\2", name)
    snake = re.sub(r"([a-z])([A-Z])", r"\1_\2", words).lower()
    return snake if not snake.startswith("_") else "private" + snake
