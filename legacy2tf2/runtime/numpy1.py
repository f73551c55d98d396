"""NumPy 1 behaviours TF1 programs relied on: ``np.array`` and ``np.asarray`` of ragged rows as
NumPy before 1.24 made them, and Python numbers promoted with NumPy scalars as NumPy before 2.0
did (:func:`number`).

TF1 programs kept lists of token ids of varying length in a NumPy array
(``np.array([list(map(vocab.get, s)) for s in sentences])``) and padded them per batch later.
NumPy up to 1.23 made an object array of the rows there (1.19 to 1.23 with a
``VisibleDeprecationWarning``); NumPy 1.24 and later raise ``ValueError: setting an array element
with a sequence. The requested array has an inhomogeneous shape ...``. NEP 34, which made the
change, names ``dtype=object`` as the way to the old result: these functions call NumPy as given
and, only where it refuses the rows for being of different shapes and no ``dtype`` was given,
call it again with ``dtype=object``. Rows of one length give the array NumPy always gave.
"""

from __future__ import annotations

from typing import Any

import numpy as np

#: What NumPy 1.24+ says of rows of different shapes (and only of them).
_RAGGED = "inhomogeneous"


def _object_kwargs(args: tuple[Any, ...], kwargs: dict[str, Any]) -> dict[str, Any] | None:
    """``kwargs`` with ``dtype=object`` when no dtype was given (None: one was given)."""
    if args and args[0] is not None:
        return None
    if kwargs.get("dtype") is not None:
        return None
    return {**kwargs, "dtype": object}


def array(obj: Any, *args: Any, **kwargs: Any) -> np.ndarray:
    """``np.array(obj, ...)``; rows of different lengths -> the object array of NumPy < 1.24."""
    try:
        return np.array(obj, *args, **kwargs)
    except ValueError as error:
        retry = _object_kwargs(args, kwargs) if _RAGGED in str(error) else None
        if retry is None:
            raise
    return np.array(obj, *args[1:], **retry)


def asarray(obj: Any, *args: Any, **kwargs: Any) -> np.ndarray:
    """``np.asarray(obj, ...)``; rows of different lengths -> the object array of NumPy < 1.24."""
    try:
        return np.asarray(obj, *args, **kwargs)
    except ValueError as error:
        retry = _object_kwargs(args, kwargs) if _RAGGED in str(error) else None
        if retry is None:
            raise
    return np.asarray(obj, *args[1:], **retry)


class _NumPy1Number:
    """A Python number that NumPy promotes as NumPy 1 promoted Python numbers (NEP 50's "legacy"
    rules): with NumPy scalars and 0-d arrays as its default dtype (``float64``, ``int64``),
    with arrays of one or more dimensions by value (the array's dtype where the value fits).

    NumPy 2 treats an exact ``float``/``int`` as "weak" everywhere, so ``0.0 + np.float32(x)``
    stays ``float32``; it treats their subclasses as ``float64``/``int64`` everywhere, so this
    class only needs to give arrays the weak number back."""

    __slots__ = ()
    #: The plain Python type and NumPy 1's default dtype of the number (set by each subclass).
    _PLAIN: type
    _DEFAULT: type

    def _plain(self) -> Any:
        return self._PLAIN(self)

    def _default_dtype(self) -> Any:
        return self._DEFAULT(self)

    def __reduce__(self) -> tuple[Any, ...]:
        return (self._PLAIN, (self._plain(),))  # pickles (and so saves) as the plain number

    def __array_ufunc__(self, ufunc: Any, method: str, *inputs: Any, **kwargs: Any) -> Any:
        arrays = any(isinstance(x, np.ndarray) and x.ndim > 0 for x in inputs)
        given = tuple(
            (x._plain() if arrays else x._default_dtype()) if isinstance(x, _NumPy1Number) else x
            for x in inputs
        )
        return getattr(ufunc, method)(*given, **kwargs)


class _Float(_NumPy1Number, float):
    __slots__ = ()
    _PLAIN, _DEFAULT = float, np.float64


class _Int(_NumPy1Number, int):
    __slots__ = ()
    _PLAIN, _DEFAULT = int, np.int64


def number(value: Any) -> Any:
    """``value`` (a Python ``int`` or ``float``) as NumPy 1 promoted it with NumPy scalars.

    TF1 programs summed what ``sess.run`` fetched into a Python number (``total = 0.0``, then
    ``total += loss``, ``loss`` a ``np.float32``). NumPy 1 (value-based casting, replaced by NEP 50
    in NumPy 2) computed ``0.0 + np.float32(x)`` as ``float64`` (Python ``float`` and ``int`` are
    ``float64`` and ``int64`` among scalars), so the sum was ``float64``: more exact, printed with
    ``float64``'s digits, written by ``json.dump`` (``np.float64`` is a ``float``); NumPy 2 keeps
    it ``float32`` ("Object of type float32 is not JSON serializable"). The number returned is
    ``value`` (equal, printed, hashed, JSON-encoded and pickled as it), except that NumPy
    promotes it with NumPy scalars and 0-d arrays as ``float64``/``int64``, and with arrays by
    their dtype, as NumPy 1 did. Its arithmetic with Python numbers gives plain Python numbers;
    once a NumPy scalar is added the result is a ``float64``, which promotes alike in NumPy 1
    and 2 with ``float32`` scalars. ``bool`` and other values are returned unchanged.
    """
    if type(value) is float:
        return _Float(value)
    if type(value) is int:
        return _Int(value)
    return value


__all__ = ["array", "asarray", "number"]
