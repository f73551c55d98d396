"""Stand-ins for the TF1 cells the runtime does not provide (``NASCell``, ``LSTMBlockCell``, ...).

In TF1 ``tf.contrib.rnn.NASCell`` was a class: naming it (``cell_fn = rnn.NASCell if ... else
rnn.LSTMCell``) cost nothing, building one made the cell. Rewritten code names the stand-in
``rnn_cell.unsupported("NASCell")`` instead, so a module that only *names* such a cell imports and
runs its other branches; building one raises :class:`UnsupportedCellError`. No substitute cell is
ever built.
"""

from __future__ import annotations

import functools
from typing import Any, NoReturn


class UnsupportedCellError(Exception):
    """A TF1 cell that Keras 3 removed and legacy2tf2.runtime does not implement was built."""


class UnsupportedCell:
    """Base of the classes :func:`unsupported` returns: instantiating one always raises."""

    tf1_name = "UnsupportedCell"

    def __new__(cls, *args: Any, **kwargs: Any) -> NoReturn:
        """Raise :class:`UnsupportedCellError` naming the TF1 cell (also for subclasses)."""
        raise UnsupportedCellError(
            f"{cls.tf1_name} (tf.contrib.rnn) has no TF2 equivalent in legacy2tf2: Keras 3 removed "
            "it and legacy2tf2.runtime does not implement it. Choose a cell the runtime provides "
            f"(rnn_cell.LSTMCell, rnn_cell.GRUCell, ...) or port {cls.tf1_name} to a subclass of "
            "legacy2tf2.runtime.rnn_cell.RNNCell."
        )


@functools.cache
def unsupported(name: str) -> type[UnsupportedCell]:
    """The stand-in for the TF1 cell class ``name`` (``"NASCell"``), which the runtime lacks.

    TF1 code may name a cell class without building it (a class chosen by a flag, a subclass
    defined but not used); the stand-in keeps that working, and building it — directly or through
    a subclass — raises :class:`UnsupportedCellError` naming the cell. The same class is returned
    for the same name, so ``isinstance`` checks against it agree (and are always false).
    """
    if not isinstance(name, str) or not name.isidentifier():
        raise TypeError(f"unsupported() takes the name of a TF1 cell class, got {name!r}")
    return type(
        name,
        (UnsupportedCell,),
        {
            "tf1_name": name,
            "__module__": __name__,
            "__doc__": f"Stand-in for TF1's {name}: building one raises UnsupportedCellError.",
        },
    )
