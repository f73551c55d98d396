"""runtime.py2_random: Python 2.7's shuffle/randrange/randint/choice/sample on the seeded module
generator. Expected values are Python 2.7's formulas worked by hand on the generator's draws after
``random.seed(123)`` (the same on Python 2 and 3): 0.052364, 0.087187, 0.407242, 0.1077,
0.901199, 0.038154."""

from __future__ import annotations

import random

import pytest

from legacy2tf2.runtime import py2_random


@pytest.fixture(autouse=True)
def _seeded() -> None:
    random.seed(123)


def test_the_draws_the_hand_computations_use() -> None:
    draws = [round(random.random(), 6) for _ in range(6)]
    assert draws == [0.052364, 0.087187, 0.407242, 0.1077, 0.901199, 0.038154]


def test_shuffle_is_python_2s() -> None:
    # i=5: int(.052*6)=0; i=4: int(.087*5)=0; i=3: int(.407*4)=1; i=2: int(.108*3)=0; i=1: 1
    x = list(range(6))
    py2_random.shuffle(x)
    assert x == [2, 3, 4, 1, 5, 0]
    random.seed(123)
    y = list(range(6))
    random.shuffle(y)
    assert y != x  # Python 3's own shuffle makes other choices from the same draws


def test_randint_randrange_choice_are_python_2s() -> None:
    assert [py2_random.randint(1, 10) for _ in range(4)] == [1, 1, 5, 2]
    random.seed(123)
    assert [py2_random.randrange(4) for _ in range(3)] == [0, 0, 1]
    random.seed(123)
    assert [py2_random.randrange(10, 0, -3) for _ in range(3)] == [10, 10, 7]
    random.seed(123)
    assert [py2_random.choice("abcdef") for _ in range(3)] == ["a", "a", "c"]


def test_sample_is_python_2s() -> None:
    # a pool of 10 (<= 21): j = int(.052*10)=0 -> 0, pool[0]=9; int(.087*9)=0 -> 9; int(.407*8)=3
    assert py2_random.sample(list(range(10)), 3) == [0, 9, 3]
    with pytest.raises(ValueError, match="sample larger than population"):
        py2_random.sample([1, 2], 3)


def test_errors_are_python_2s() -> None:
    with pytest.raises(ValueError, match="empty range"):
        py2_random.randrange(0)
    with pytest.raises(IndexError):
        py2_random.choice([])
