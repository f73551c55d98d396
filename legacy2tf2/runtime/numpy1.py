"""``np.array`` and ``np.asarray`` of ragged rows as NumPy before 1.24 made them.

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
