"""Positions in a later version of a source, mapped back to the input's (line and column).

``--full`` finds some things in the upgraded program (TensorFlow names the installed TF lacks,
L2T021), whose lines and columns are the output's. Its findings carry positions in the input:
a line maps through a line diff of the two versions; a column of a line that the upgrade changed
(``tf.to_float(x); d = tf.contrib.seq2seq.X`` became ``tf.cast(x, dtype=tf.float32); d = ...``)
maps through a diff of the two lines' tokens, and only where the token starting there is one the
upgrade kept; elsewhere the column is given as 1 (the line is still right).
"""

from __future__ import annotations

import difflib
import re

_TOKEN = re.compile(r"\w+|\S")


class PositionMap:
    """Map 1-based (line, column) positions of ``new`` back to ``old``'s (columns in characters).

    Example: ``PositionMap(b"y = tf.to_float(x); d = tf.contrib.X\\n",
    b"y = tf.cast(x, dtype=tf.float32); d = tf.contrib.X\\n").position(1, 39) == (1, 25)``.
    """

    def __init__(self, old: bytes, new: bytes) -> None:
        self._old, self._new = old.splitlines(), new.splitlines()
        self._blocks = difflib.SequenceMatcher(
            None, self._old, self._new, autojunk=False
        ).get_opcodes()

    def line(self, line: int) -> int:
        """The input's line for ``line`` of ``new`` (the nearest one where lines were added)."""
        index = line - 1
        for _tag, i1, i2, j1, j2 in self._blocks:
            if j1 <= index < j2:
                return 1 + min(i1 + (index - j1), max(i1, i2 - 1))
        return max(1, line)

    def position(self, line: int, col: int) -> tuple[int, int]:
        """The input's (line, column) for ``(line, col)`` of ``new``; column 1 where the column
        cannot be mapped exactly (a line the upgrade added, split or joined, or a token it
        changed)."""
        index = line - 1
        for tag, i1, i2, j1, j2 in self._blocks:
            if not j1 <= index < j2:
                continue
            old_index = i1 + (index - j1)
            if tag == "equal":
                return old_index + 1, col
            if tag == "replace" and i2 - i1 == j2 - j1:
                mapped = _column(self._old[old_index], self._new[index], col)
                return old_index + 1, mapped or 1
            return self.line(line), 1
        return max(1, line), col


def _column(old: bytes, new: bytes, col: int) -> int | None:
    """``col`` (1-based) of the line ``new`` in the line ``old``, where the token starting there
    is one that a token diff of the two lines keeps; else None."""
    try:
        old_text, new_text = old.decode(), new.decode()
    except UnicodeDecodeError:
        return None
    old_tokens = [(m.start(), m.group()) for m in _TOKEN.finditer(old_text)]
    new_tokens = [(m.start(), m.group()) for m in _TOKEN.finditer(new_text)]
    at = next((i for i, (start, _) in enumerate(new_tokens) if start == col - 1), None)
    if at is None:
        return None
    matcher = difflib.SequenceMatcher(
        None, [t for _, t in old_tokens], [t for _, t in new_tokens], autojunk=False
    )
    for a, b, size in matcher.get_matching_blocks():
        if b <= at < b + size:
            return old_tokens[a + (at - b)][0] + 1
    return None
