"""Python 2.7's ``random`` sequence functions, on Python 3's generator.

A seeded Python 2 TF1 program (``random.seed(123)``, then ``random.shuffle(rows)`` to split its
data, or ``random.randint`` to draw batches) made the same choices in every run. Python 3 kept the
generator (``random.seed(n)`` of an int gives the same ``random.random()`` numbers) but changed
how ``shuffle``, ``randrange``, ``randint``, ``choice`` and ``sample`` turn them into indices
(Python 3.2 draws integers with ``getrandbits``), so the same program on Python 3 trains and tests
on other data than the run it reproduces. These functions are Python 2.7's, reading the module
generator that ``random.seed`` seeds: the same indices, in the same order, as on Python 2.
"""

from __future__ import annotations

import math
import random as _random
from collections.abc import Callable, MutableSequence, Sequence
from typing import Any, TypeVar

__all__ = ["choice", "randint", "randrange", "sample", "shuffle"]

_T = TypeVar("_T")
#: Python 2.7's ``_maxwidth``: widths from ``2**53`` on were drawn with ``getrandbits``.
_MAXWIDTH = 1 << 53


def _randbelow(n: int) -> int:
    """Python 2.7's ``Random._randbelow`` (only for ``n >= 2**53``)."""
    k = int(1.00001 + math.log(n - 1, 2.0))
    r = _random.getrandbits(k)
    while r >= n:
        r = _random.getrandbits(k)
    return r


def shuffle(x: MutableSequence[Any], random: Callable[[], float] | None = None) -> None:
    """Python 2.7's ``random.shuffle``: ``j = int(random() * (i + 1))`` from the end."""
    draw = _random.random if random is None else random
    for i in reversed(range(1, len(x))):
        j = int(draw() * (i + 1))
        x[i], x[j] = x[j], x[i]


def randrange(start: int, stop: int | None = None, step: int = 1) -> int:
    """Python 2.7's ``random.randrange``: ``int(random() * width)`` below ``2**53``."""
    istart = int(start)
    if istart != start:
        raise ValueError("non-integer arg 1 for randrange()")
    if stop is None:
        if istart > 0:
            if istart >= _MAXWIDTH:
                return _randbelow(istart)
            return int(_random.random() * istart)
        raise ValueError("empty range for randrange()")
    istop = int(stop)
    if istop != stop:
        raise ValueError("non-integer stop for randrange()")
    width = istop - istart
    if step == 1 and width > 0:
        if width >= _MAXWIDTH:
            return int(istart + _randbelow(width))
        return int(istart + int(_random.random() * width))
    if step == 1:
        raise ValueError(f"empty range for randrange() ({istart},{istop}, {width})")
    istep = int(step)
    if istep != step:
        raise ValueError("non-integer step for randrange()")
    if istep > 0:
        n = (width + istep - 1) // istep
    elif istep < 0:
        n = (width + istep + 1) // istep
    else:
        raise ValueError("zero step for randrange()")
    if n <= 0:
        raise ValueError("empty range for randrange()")
    if n >= _MAXWIDTH:
        return istart + istep * _randbelow(n)
    return istart + istep * int(_random.random() * n)


def randint(a: int, b: int) -> int:
    """Python 2.7's ``random.randint``: ``randrange(a, b + 1)``."""
    return randrange(a, b + 1)


def choice(seq: Sequence[_T]) -> _T:
    """Python 2.7's ``random.choice``: ``seq[int(random() * len(seq))]``."""
    return seq[int(_random.random() * len(seq))]  # IndexError when empty, as Python 2's


def sample(population: Any, k: int) -> list[Any]:
    """Python 2.7's ``random.sample``: a pool for small populations (or mappings), else
    rejection of repeated indices."""
    n = len(population)
    if not 0 <= k <= n:
        raise ValueError("sample larger than population")
    draw = _random.random
    result: list[Any] = [None] * k
    setsize = 21
    if k > 5:
        setsize += 4 ** math.ceil(math.log(k * 3, 4))
    if n <= setsize or hasattr(population, "keys"):
        pool = list(population)
        for i in range(k):
            j = int(draw() * (n - i))
            result[i] = pool[j]
            pool[j] = pool[n - i - 1]
    else:
        try:
            selected: set[int] = set()
            for i in range(k):
                j = int(draw() * n)
                while j in selected:
                    j = int(draw() * n)
                selected.add(j)
                result[i] = population[j]
        except (TypeError, KeyError):  # a set
            if isinstance(population, list):
                raise
            return sample(tuple(population), k)
    return result
