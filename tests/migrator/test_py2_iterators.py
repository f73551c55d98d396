"""Python 2's ``it.next()`` / ``it.next`` of certain iterators become ``next(it)`` / ``__next__``."""

from __future__ import annotations

import pytest

from legacy2tf2.migrator.py2_iterators import fix_next_methods


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            "from itertools import count\nw2i = defaultdict(count(0).next)\n",
            "from itertools import count\nw2i = defaultdict(count(0).__next__)\n",
        ),
        (
            "import itertools\nnew_id = itertools.count().next\n",
            "import itertools\nnew_id = itertools.count().__next__\n",
        ),
        (
            "it = iter(batches)\nx, y = it.next()\n",
            "it = iter(batches)\nx, y = next(it)\n",
        ),
        (
            "def f(data):\n    g = (d * 2 for d in data)\n    return g.next()\n",
            "def f(data):\n    g = (d * 2 for d in data)\n    return next(g)\n",
        ),
        (
            "import itertools\nfirst = itertools.cycle(xs).next()\n",
            "import itertools\nfirst = next(itertools.cycle(xs))\n",
        ),
    ],
)
def test_next_of_a_certain_iterator_is_python3s(before: str, after: str) -> None:
    new, changes = fix_next_methods(before.encode())
    assert new.decode() == after
    assert [c[2] for c in changes] == ["L2T022"]


@pytest.mark.parametrize(
    "body",
    [
        # a reader of the program's own: its next() is its own method
        "batch = reader.next()\n",
        "it = iter(xs)\nit = Reader()\nx = it.next()\n",
        "def f(it):\n    return it.next()\nit = iter(xs)\n",
        "for it in readers:\n    it.next()\nit = iter(xs)\n",
        # next() with arguments is no iterator protocol call
        "it = iter(xs)\nx = it.next(3)\n",
        "from mylib import count\nw2i = defaultdict(count(0).next)\n",
        "it = iter(xs)\nx = next(it)\n",
        "x = obj.next_batch()\n",
    ],
)
def test_other_next_is_left(body: str) -> None:
    assert fix_next_methods(body.encode()) == (body.encode(), [])
