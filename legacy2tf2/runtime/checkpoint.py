"""Load a TF1 ``Saver`` checkpoint into the runtime's variables, by TF1 name.

In ``tf.compat.v1`` graph mode no loader is needed: the runtime creates variables with TF1's names,
so ``tf.compat.v1.train.Saver().restore(session, path)`` works unchanged. Eagerly and under
``tf.function``, :func:`load_tf1_checkpoint` fills the :class:`VariableStore` the runtime reads.
"""

from __future__ import annotations

import glob
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import tensorflow as tf

from legacy2tf2.runtime.variables import VariableStore, current_store

# Training bookkeeping that every TF1 checkpoint carries and no model variable is named like.
_IGNORED_NAMES = frozenset({"global_step", "beta1_power", "beta2_power"})
_SLOT_SUFFIXES = (
    "/Adam",
    "/Adam_1",
    "/Momentum",
    "/RMSProp",
    "/RMSProp_1",
    "/Adagrad",
    "/Adadelta",
    "/Adadelta_1",
    "/Ftrl",
    "/Ftrl_1",
    "/ExponentialMovingAverage",
)


class CheckpointMismatchError(ValueError):
    """The checkpoint and the model disagree; every difference is listed."""


@dataclass(frozen=True)
class LoadedCheckpoint:
    """What :func:`load_tf1_checkpoint` did: the variables it filled and what it ignored."""

    path: str
    loaded: list[str]
    ignored: list[str]


def resolve_checkpoint_path(path: str | os.PathLike[str]) -> str:
    """A checkpoint prefix from a prefix or a directory holding a ``checkpoint`` state file."""
    path = os.fspath(path)
    if os.path.isdir(path):
        latest = tf.train.latest_checkpoint(path)
        if latest is None:
            raise FileNotFoundError(f"No TF1 checkpoint found in directory {path}")
        # The state file may name the checkpoint by an absolute path of the machine that wrote it.
        if not tf.io.gfile.exists(latest + ".index"):
            latest = str(Path(path) / Path(latest).name)
        return latest
    if not tf.io.gfile.exists(path + ".index"):
        raise FileNotFoundError(f"No TF1 checkpoint at {path} (expected {path}.index)")
    return path


def is_training_bookkeeping(name: str) -> bool:
    """True for optimizer slots, ``global_step`` and Adam's ``beta*_power``."""
    return name in _IGNORED_NAMES or name.endswith(_SLOT_SUFFIXES)


def _read_values(prefix: str) -> tuple[list[str], dict[str, np.ndarray]]:
    """All names of the checkpoint at ``prefix`` and the values of its model variables.

    Raises:
        ValueError: the index or a data file cannot be read (truncated or corrupt); the
            TensorFlow error is chained.
    """
    try:
        reader = tf.train.load_checkpoint(prefix)
        names = sorted(reader.get_variable_to_shape_map())
        values = {
            name: reader.get_tensor(name) for name in names if not is_training_bookkeeping(name)
        }
    except (tf.errors.OpError, IndexError, RuntimeError) as error:
        files = [*sorted(glob.glob(glob.escape(prefix) + ".data-*")), prefix + ".index"]
        raise ValueError(
            f"The TF1 checkpoint {prefix} cannot be read: one of its files "
            f"({', '.join(os.path.basename(f) for f in files)}) is truncated or corrupt "
            f"({type(error).__name__}: {error})"
        ) from error
    return names, values


def read_tf1_checkpoint(path: str | os.PathLike[str]) -> dict[str, np.ndarray]:
    """Every model variable of a TF1 checkpoint, ``{TF1 name: array}`` (bookkeeping left out)."""
    return _read_values(resolve_checkpoint_path(path))[1]


def load_tf1_checkpoint(
    path: str | os.PathLike[str], store: VariableStore | None = None
) -> LoadedCheckpoint:
    """Load a TF1 checkpoint into ``store`` (default: the current store) by TF1 name.

    If the store is empty (the model has not been called yet), every model variable of the
    checkpoint is created in it; the first call of the model then finds them, and a cell whose
    size does not fit raises a shape error naming the variable. If the store already holds the
    model's variables, the checkpoint must match them exactly.

    Raises:
        FileNotFoundError: no checkpoint at ``path``.
        ValueError: a file of the checkpoint cannot be read (truncated or corrupt).
        CheckpointMismatchError: missing, unexpected or mis-shaped variables, all listed.
    """
    prefix = resolve_checkpoint_path(path)
    store = store if store is not None else current_store()
    all_names, values = _read_values(prefix)
    ignored = [name for name in all_names if is_training_bookkeeping(name)]
    if len(store) == 0:
        for name, value in values.items():
            store.create(name, value)
        return LoadedCheckpoint(prefix, list(values), ignored)
    _check_matches(prefix, store, values)
    store.assign(values)
    return LoadedCheckpoint(prefix, list(values), ignored)


def _check_matches(prefix: str, store: VariableStore, values: dict[str, Any]) -> None:
    model = dict(store.items())
    missing = sorted(set(model) - set(values))
    unexpected = sorted(set(values) - set(model))
    misshaped = [
        f"{name}: model {tuple(model[name].shape)}, checkpoint {tuple(values[name].shape)}"
        for name in sorted(set(model) & set(values))
        if tuple(model[name].shape) != tuple(values[name].shape)
    ]
    if not (missing or unexpected or misshaped):
        return
    lines = [f"The TF1 checkpoint {prefix} does not fit the model:"]
    for title, items in (
        ("missing from the checkpoint", missing),
        ("in the checkpoint but not in the model", unexpected),
        ("shapes differ (e.g. a cell of another size)", misshaped),
    ):
        if items:
            lines.append(f"  {title} ({len(items)}):")
            lines.extend(f"    {item}" for item in items)
    raise CheckpointMismatchError("\n".join(lines))
