"""The TF1-name variable store: one place where every runtime weight is created or found again.

TF1 identified a variable by its full name (enclosing variable scopes + name) and returned the
existing one when a reusing scope asked for it again. Keras 3 weights are named after name scopes
and are never shared that way, so every runtime weight goes through :func:`get_variable`:

- In ``tf.compat.v1`` graph mode it *is* ``tf.compat.v1.get_variable``: TF1's scopes, reuse rules
  and errors, and the names an old ``tf.compat.v1.train.Saver`` checkpoint expects.
- Eagerly and inside ``tf.function`` it looks the full TF1 name up in the current
  :class:`VariableStore` and creates the variable (a Keras variable whose ``path`` is the TF1 name)
  only when it is not there yet. A training loop that calls a seq2seq function every step therefore
  trains one model, and a ``tf.function`` creates variables on its first trace only.

While a store is the default (:meth:`VariableStore.as_default`, eagerly or under ``tf.function``),
the user's own ``tf.compat.v1.get_variable`` calls go to the same store too (a custom getter on
the variable scope): a ``proj_w`` created by model code finds the ``proj_w`` a TF1 checkpoint
loaded, as it did in a TF1 graph.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator, Mapping
from typing import Any

import keras
import numpy as np
import tensorflow as tf

_v1 = tf.compat.v1


def in_graph_mode() -> bool:
    """True when building a ``tf.compat.v1`` graph (placeholders and sessions), not eager/tf.function."""
    return not _v1.executing_eagerly_outside_functions()


def current_scope_name() -> str:
    """The name of the enclosing ``tf.compat.v1.variable_scope`` ("" at top level)."""
    return _v1.get_variable_scope().name


def _full_name(name: str) -> str:
    scope = current_scope_name()
    return f"{scope}/{name}" if scope else name


class VariableStore(tf.Module):
    """Variables created by the runtime outside graph mode, keyed by their full TF1 name.

    The store is a ``tf.Module``: save it with ``tf.train.Checkpoint(store=store)``, list
    :attr:`trainable_variables` for ``tf.GradientTape``. Open a fresh one for a second,
    independent model with ``with VariableStore().as_default(): ...``.

    Example:
    >>> store = VariableStore()
    >>> with store.as_default():
    ...     v = get_variable("w", [2, 3])
    >>> store.names()
    ['w']
    """

    def __init__(self, name: str = "legacy2tf2_variables") -> None:
        super().__init__(name=name)
        self._by_name: dict[str, Any] = {}
        # Lists of variables handed out while recording; kept out of tf.Module tracking.
        object.__setattr__(self, "_recorders", [])

    def names(self) -> list[str]:
        """Full TF1 names of the stored variables, in creation order."""
        return list(self._by_name)

    def lookup(self, full_name: str) -> Any | None:
        """The variable called ``full_name``, or None."""
        return self._by_name.get(full_name)

    def __contains__(self, full_name: object) -> bool:
        return full_name in self._by_name

    def __getitem__(self, full_name: str) -> Any:
        return self._by_name[full_name]

    def __len__(self) -> int:
        return len(self._by_name)

    def items(self) -> list[tuple[str, Any]]:
        """(full TF1 name, variable) pairs in creation order."""
        return list(self._by_name.items())

    @property
    def variables(self) -> list[Any]:  # type: ignore[override]
        return list(self._by_name.values())

    @property
    def trainable_variables(self) -> list[Any]:  # type: ignore[override]
        return [v for v in self._by_name.values() if v.trainable]

    def create(
        self,
        full_name: str,
        value: Any,
        dtype: Any = None,
        trainable: bool = True,
    ) -> Any:
        """Create the variable ``full_name`` holding ``value`` (used by checkpoint loading)."""
        if full_name in self._by_name:
            raise ValueError(f"Variable {full_name} already exists in this store.")
        with tf.init_scope():
            initial = tf.convert_to_tensor(value, dtype=dtype)
            variable = keras.Variable(
                initial,
                dtype=initial.dtype.name,
                trainable=trainable,
                autocast=True,  # cast to the compute dtype under a mixed-precision policy
                name=full_name.rsplit("/", 1)[-1],
            )
        # Keras names a variable after the enclosing Keras name scope; the TF1 name is the identity.
        variable._path = full_name
        self._by_name[full_name] = variable
        return variable

    def assign(self, values: Mapping[str, Any]) -> None:
        """Assign ``{full TF1 name: array}`` to existing variables, checking names and shapes."""
        missing = sorted(set(values) - set(self._by_name))
        if missing:
            raise KeyError(f"No variables named {missing} in this store.")
        for full_name, value in values.items():
            variable = self._by_name[full_name]
            array = np.asarray(value)
            if tuple(array.shape) != tuple(variable.shape):
                raise ValueError(
                    f"Variable {full_name} has shape {tuple(variable.shape)}; "
                    f"the value given has shape {tuple(array.shape)}."
                )
            variable.assign(array.astype(variable.dtype))

    @contextlib.contextmanager
    def recording(self) -> Iterator[list[Any]]:
        """Collect, in order and without repeats, every variable :func:`get_variable` hands out
        from this store inside the ``with`` block (found or created)."""
        handed_out: list[Any] = []
        self._recorders.append(handed_out)
        try:
            yield handed_out
        finally:
            self._recorders.remove(handed_out)

    def _handed_out(self, variable: Any) -> Any:
        for recorder in self._recorders:
            if not any(v is variable for v in recorder):
                recorder.append(variable)
        return variable

    def get_or_create(
        self,
        full_name: str,
        shape: list[int] | tuple[int, ...] | None,
        dtype: Any = None,
        initializer: Any = None,
        trainable: bool = True,
    ) -> Any:
        """The variable ``full_name``, created from ``initializer`` when it is not stored yet.

        Reproduces ``tf.compat.v1.get_variable`` under ``AUTO_REUSE``: an existing variable is
        returned when the shape agrees (or none is given); a new one takes the given dtype
        (default float32) and initializer (default glorot-uniform, zeros for integers), its shape
        from ``shape`` or from a constant initializer.

        Raises:
            ValueError: an existing variable of that name has another shape, or a new variable's
                shape is unknown.
        """
        existing = self.lookup(full_name)
        if existing is not None:
            if shape is not None and list(existing.shape) != [int(d) for d in shape]:
                raise ValueError(
                    f"Trying to share variable {full_name}, but specified shape "
                    f"{[int(d) for d in shape]} and found shape {list(existing.shape)}."
                )
            return self._handed_out(existing)
        dtype = tf.as_dtype(dtype or tf.float32)
        with tf.init_scope():
            if shape is None:
                if initializer is None or callable(initializer):
                    raise ValueError(
                        f"The shape of the new variable {full_name} must be given (or come from "
                        "a constant initializer)."
                    )
                value = tf.convert_to_tensor(initializer, dtype=dtype)
            else:
                value = _initial_value(initializer, [int(d) for d in shape], dtype)
        return self._handed_out(self.create(full_name, value, dtype=dtype, trainable=trainable))

    def _tf1_getter(
        self,
        getter: Any,
        name: str,
        shape: Any = None,
        dtype: Any = None,
        initializer: Any = None,
        trainable: bool | None = None,
        partitioner: Any = None,
        **unused: Any,
    ) -> Any:
        # Installed as the variable scope's custom getter by as_default(): the user's own
        # tf.compat.v1.get_variable calls find (or create) their variable here by its TF1 name.
        if partitioner is not None:
            raise ValueError(
                f"Variable {name}: partitioned variables (`partitioner=`) cannot be kept in a "
                "VariableStore; create the variable without a partitioner."
            )
        if shape is not None:
            shape = tf.TensorShape(shape)
            if not shape.is_fully_defined():
                raise ValueError(f"Variable {name} needs a fully defined shape. Received: {shape}")
            shape = shape.as_list()
        return self.get_or_create(
            name, shape, dtype, initializer, True if trainable is None else trainable
        )

    @contextlib.contextmanager
    def as_default(self) -> Iterator[VariableStore]:
        """Make this the store that :func:`get_variable` uses inside the ``with`` block.

        Outside graph mode, ``tf.compat.v1.get_variable`` inside the block uses the store as well
        (TF1 names, ``AUTO_REUSE``), so model code that creates its own variables finds those a
        checkpoint loaded. Default scope names (``gru_cell``, ``gru_cell_1``, ...) are counted
        afresh inside the block, as in a new TF1 graph.
        """
        _STACK.stores.append(self)
        try:
            with _fresh_scope_counts(), self._serving_tf1_get_variable():
                yield self
        finally:
            _STACK.stores.pop()

    @contextlib.contextmanager
    def _serving_tf1_get_variable(self) -> Iterator[None]:
        scope = _v1.get_variable_scope()
        getter = scope.custom_getter
        if in_graph_mode() or getattr(getter, "__self__", None) is self:
            yield  # graph mode keeps TF1's own get_variable; already installed for this store
            return
        with _v1.variable_scope(scope, custom_getter=self._tf1_getter), _eager_reuse_allowed():
            yield


@contextlib.contextmanager
def _fresh_scope_counts() -> Iterator[None]:
    # TF keeps the per-scope-name counters that uniquify default names next to the current scope;
    # only the counters are swapped, so an enclosing variable scope stays in force.
    try:
        from tensorflow.python.ops import variable_scope as _vs

        scope_store = _vs.get_variable_scope_store()
        saved = scope_store.variable_scopes_count
    except (ImportError, AttributeError):  # pragma: no cover - TensorFlow internals moved
        yield
        return
    scope_store.variable_scopes_count = {}
    try:
        yield
    finally:
        scope_store.variable_scopes_count = saved


@contextlib.contextmanager
def _eager_reuse_allowed() -> Iterator[None]:
    # Eagerly, TF refuses tf.compat.v1.get_variable under a reusing scope unless its own
    # EagerVariableStore is active, before any custom getter is asked; the runtime's store gives
    # the AUTO_REUSE semantics, so the check is lifted while a VariableStore is the default.
    try:
        from tensorflow.python.ops import variable_scope as _vs

        tf_store = _vs._get_default_variable_store()
        saved = tf_store._store_eager_variables
    except (ImportError, AttributeError):  # pragma: no cover - TensorFlow internals moved
        yield
        return
    if not tf.executing_eagerly():
        yield
        return
    tf_store._store_eager_variables = True
    try:
        yield
    finally:
        tf_store._store_eager_variables = saved


class _StoreStack(threading.local):
    def __init__(self) -> None:
        self.stores: list[VariableStore] = []


_STACK = _StoreStack()
_DEFAULT_STORE: VariableStore | None = None


def default_store() -> VariableStore:
    """The store used when no other was made default: the process-wide one."""
    global _DEFAULT_STORE
    if _DEFAULT_STORE is None:
        _DEFAULT_STORE = VariableStore()
    return _DEFAULT_STORE


def current_store() -> VariableStore:
    """The innermost store opened with :meth:`VariableStore.as_default`, else the default one."""
    return _STACK.stores[-1] if _STACK.stores else default_store()


def _initial_value(initializer: Any, shape: list[int], dtype: tf.DType) -> tf.Tensor:
    if initializer is None:
        if dtype.is_floating:
            initializer = _v1.glorot_uniform_initializer()
        else:
            initializer = _v1.zeros_initializer()
    if isinstance(initializer, type):
        initializer = initializer(dtype=dtype)
    if callable(initializer):
        return tf.convert_to_tensor(initializer(shape, dtype=dtype), dtype=dtype)
    return tf.cast(tf.convert_to_tensor(initializer), dtype)


def get_variable(
    name: str,
    shape: list[int] | tuple[int, ...],
    dtype: Any = None,
    initializer: Any = None,
    trainable: bool = True,
) -> Any:
    """Return the variable ``<current variable scope>/name``, creating it on first use.

    Reproduces ``tf.compat.v1.get_variable``: the dtype defaults to the scope's dtype, the
    initializer to the scope's initializer and then to glorot-uniform (zeros for integers). In graph
    mode it calls ``get_variable`` itself (TF1 reuse rules and errors); otherwise the current
    :class:`VariableStore` returns the existing variable of that name, whose shape must match.

    Raises:
        ValueError: an existing variable of that name has another shape.
    """
    shape = [int(d) for d in shape]
    if in_graph_mode():
        return _v1.get_variable(
            name, shape=shape, dtype=dtype, initializer=initializer, trainable=trainable
        )
    scope = _v1.get_variable_scope()
    return current_store().get_or_create(
        _full_name(name),
        shape,
        dtype or scope.dtype,
        scope.initializer if initializer is None else initializer,
        trainable,
    )
