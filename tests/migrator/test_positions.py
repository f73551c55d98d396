"""Positions in ``--full``'s upgraded program mapped back to the input: lines through a line
diff, columns through a token diff of a changed line, column 1 where that is not exact."""

from __future__ import annotations

import pytest

from legacy2tf2.migrator.positions import PositionMap

OLD = (
    b"import tensorflow as tf\n"
    b"\n"
    b"x = tf.placeholder(tf.float32, [None, 4])\n"
    b"y = tf.to_float(x); d = tf.contrib.seq2seq.BasicDecoder\n"
    b"z = tf.contrib.seq2seq.dynamic_decode\n"
)
NEW = (
    b"import tensorflow as tf\n"
    b"tf.compat.v1.disable_eager_execution()\n"
    b"\n"
    b"x = tf.compat.v1.placeholder(tf.float32, [None, 4])\n"
    b"y = tf.cast(x, dtype=tf.float32); d = tf.contrib.seq2seq.BasicDecoder\n"
    b"z = tf.contrib.seq2seq.dynamic_decode\n"
)


@pytest.mark.parametrize(
    ("new", "old"),
    [
        ((6, 5), (5, 5)),  # a line kept: column as it is
        ((5, 39), (4, 25)),  # `tf` of tf.contrib after tf.cast(x, dtype=tf.float32);
        ((5, 1), (4, 1)),
        ((4, 30), (3, 20)),  # `tf.float32` after the inserted compat.v1.
        ((5, 22), (4, 1)),  # `tf` of dtype=tf.float32, which the upgrade added
        ((5, 40), (4, 1)),  # not the start of a token
        ((2, 9), (2, 1)),  # a line the upgrade added: the next input line, as for lines
    ],
)
def test_positions_map_back_to_the_input(new: tuple[int, int], old: tuple[int, int]) -> None:
    assert PositionMap(OLD, NEW).position(*new) == old


def test_a_line_split_in_two_keeps_its_line_and_gives_column_1() -> None:
    old = b"a = 1\nb = f(x, y)\n"
    new = b"a = 1\nb = f(x,\n      y)\n"
    mapped = PositionMap(old, new)
    assert mapped.position(2, 5) == (2, 1)
    assert mapped.position(3, 7) == (2, 1)
    assert mapped.line(3) == 2


def test_non_ascii_text_columns_count_characters() -> None:
    old = "s = 'é'; d = tf.contrib.X\n".encode()
    new = "s = 'é'; d = tf.compat.v1.contrib.X\n".encode()
    assert PositionMap(old, new).position(1, 14) == (1, 14)
