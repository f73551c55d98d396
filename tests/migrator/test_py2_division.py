"""``--full``: Python 2's integer ``/`` where only an int can have worked becomes ``//``."""

from __future__ import annotations

import pytest

from legacy2tf2.migrator.full_upgrade import full_upgrade
from legacy2tf2.migrator.py2_division import fix_integer_division


def fix(source: str) -> tuple[str, list[str]]:
    new, changes = fix_integer_division(source.encode())
    return new.decode(), [code for _line, _col, code, _msg in changes]


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            "for i in range(len(data) / batch_size):\n    pass\n",
            "for i in range(len(data) // batch_size):\n    pass\n",
        ),
        ("half = x[: len(x) / 2]\n", "half = x[: len(x) // 2]\n"),
        ("b = data[i * n / k : (i + 1) * n / k]\n", "b = data[i * n // k : (i + 1) * n // k]\n"),
        ("r = range(0, n / 2 + 1, 2)\n", "r = range(0, n // 2 + 1, 2)\n"),
        ("t = x[-(n / 2):]\n", "t = x[-(n // 2):]\n"),
    ],
)
def test_divisions_only_an_int_fits_become_floor_divisions(before: str, after: str) -> None:
    new, codes = fix(before)
    assert new == after
    assert set(codes) == {"L2T022"}
    assert fix(new) == (new, [])


@pytest.mark.parametrize(
    "source",
    [
        "n = len(data) / batch_size\n",  # a float on Python 2 if either operand was
        "y = x[n / 2]\n",  # an index: a dict accepts float keys
        "r = range(int(n / 2.0))\n",  # int() of a float division
        "s = x[: int(len(x) * 0.8)]\n",
        "r = np.arange(n / 2)\n",
        "from __future__ import division\nr = range(n / 2)\n",
        "def range(n):\n    return n\nr = range(n / 2)\n",  # not the builtin
    ],
)
def test_other_divisions_stay(source: str) -> None:
    assert fix(source) == (source, [])


def test_only_python_2_files_are_changed() -> None:
    py2 = "for i in xrange(len(data) / 4):\n    print i\n"
    py3 = "for i in range(len(data) / 4):\n    print(i)\n"
    assert "range(len(data) // 4)" in full_upgrade(py2.encode()).source.decode()
    assert full_upgrade(py3.encode()).source.decode() == py3
