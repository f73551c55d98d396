"""TF1's ``tf.contrib.framework.arg_scope``: default keyword arguments for the layers functions.

``with arg_scope([fully_connected], activation_fn=None, weights_initializer=init):`` makes every
call of ``fully_connected`` inside the block get those keywords unless the call gives them itself;
nested blocks add to (and override) the outer ones per function, and ``with arg_scope(...) as sc``
gives a dict that ``with arg_scope(sc):`` enters again. Only functions decorated with
:func:`add_arg_scope` take part (in the runtime: ``layers_v1.fully_connected``); any other raises
TF1's ``ValueError``. The scopes are per thread.
"""

from __future__ import annotations

import contextlib
import functools
import threading
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

__all__ = ["add_arg_scope", "arg_scope", "current_arg_scope"]

F = TypeVar("F", bound=Callable[..., Any])

_DECORATED: set[str] = set()
_local = threading.local()


def _stack() -> list[dict[str, dict[str, Any]]]:
    stack = getattr(_local, "stack", None)
    if stack is None:
        stack = _local.stack = [{}]
    return stack


def current_arg_scope() -> dict[str, dict[str, Any]]:
    """The innermost scope: decorated function key -> its default keyword arguments."""
    return _stack()[-1]


def _key(func: Callable[..., Any]) -> str:
    return f"{func.__module__}.{func.__qualname__}"


def add_arg_scope(func: F) -> F:
    """Let ``func`` take default keywords from :func:`arg_scope` (TF1's ``@add_arg_scope``)."""
    key = _key(func)

    @functools.wraps(func)
    def with_scope(*args: Any, **kwargs: Any) -> Any:
        defaults = current_arg_scope().get(key)
        if defaults:
            kwargs = {**defaults, **kwargs}
        return func(*args, **kwargs)

    with_scope._key_op = key  # type: ignore[attr-defined]
    _DECORATED.add(key)
    return with_scope  # type: ignore[return-value]


@contextlib.contextmanager
def arg_scope(
    list_ops_or_scope: Sequence[Callable[..., Any]] | dict[str, dict[str, Any]], **kwargs: Any
) -> Iterator[dict[str, dict[str, Any]]]:
    """TF1's ``arg_scope``: ``kwargs`` become the default keywords of each function listed.

    Raises:
        ValueError: a listed function is not decorated with :func:`add_arg_scope`, or a scope
            dict is re-entered with keywords.
        TypeError: ``list_ops_or_scope`` is neither a list/tuple nor a scope dict.
    """
    if isinstance(list_ops_or_scope, dict):
        if kwargs:
            raise ValueError(
                "When attempting to re-use a scope by suppling a dictionary, kwargs must be empty."
            )
        scope = list_ops_or_scope
    else:
        if not isinstance(list_ops_or_scope, (list, tuple)):
            raise TypeError(
                "list_ops_or_scope must either be a list/tuple or reused scope (i.e. dict)"
            )
        scope = {key: dict(values) for key, values in current_arg_scope().items()}
        for op in list_ops_or_scope:
            key = getattr(op, "_key_op", None)
            if key not in _DECORATED:
                raise ValueError(f"{op} is not decorated with @add_arg_scope")
            scope.setdefault(key, {}).update(kwargs)
    stack = _stack()
    stack.append(scope)
    try:
        yield scope
    finally:
        stack.pop()
