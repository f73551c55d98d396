"""Notebook cells that write a Python module: ``%%writefile model.py`` (also ``%%file``, ``-a``).

IPython writes the body of such a cell to the file as it is, and a later cell imports it
(``import model``): the body is a Python program of its own, outside the notebook's namespace.
TF1 notebooks kept their model code so (Colab notebooks above all), so the body is migrated and
checked like a ``.py`` file, the ``%%writefile`` line kept. The cells that write one file in turn
(a ``%%writefile`` cell and the ``-a`` cells appending to it after it) make one program, joined as
the notebook's own cells are (:mod:`legacy2tf2.migrator.cell_program`).
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass

#: ``%%writefile [-a|--append] NAME`` or ``%%file`` (its older name), the whole first line.
_HEADER = re.compile(r"[ \t]*%%(?:writefile|file)[ \t]+(?P<args>[^\r\n]*)(?:\r\n|\r|\n|\Z)")


@dataclass(frozen=True)
class FileCell:
    """A code cell writing (or appending to) a Python module.

    Attributes:
        number: the cell's number (1-based, counting every cell of the notebook).
        span: the cell object in the notebook text.
        source: the whole cell source.
        header: the ``%%writefile`` line, its line ending included.
        body: what IPython writes to the file.
    """

    number: int
    span: tuple[int, int]
    source: str
    header: str
    body: str


def target(source: str) -> tuple[str, bool] | None:
    """The file a cell writes and whether it appends, for a ``%%writefile`` cell writing a
    ``.py`` file; ``None`` for any other cell."""
    match = _HEADER.match(source)
    if match is None:
        return None
    try:
        words = shlex.split(match.group("args"))
    except ValueError:
        return None
    append = any(w in ("-a", "--append") for w in words)
    names = [w for w in words if not w.startswith("-")]
    if len(names) != 1 or not names[0].endswith(".py"):
        return None
    return names[0], append


def groups(cells: list[tuple[int, tuple[int, int], str]]) -> list[list[FileCell]]:
    """The ``(number, span, source)`` code cells that write ``.py`` files, grouped per program.

    A group is a ``%%writefile`` cell and the cells appending to its file after it, before the
    next cell that writes that file anew. Appends to a file no cell of the notebook started are
    a group of their own.
    """
    found: list[list[FileCell]] = []
    current: dict[str, list[FileCell]] = {}
    for number, span, source in cells:
        written = target(source)
        if written is None:
            continue
        name, append = written
        header = _HEADER.match(source).group(0)  # type: ignore[union-attr]
        cell = FileCell(number, span, source, header, source[len(header) :])
        if append and name in current:
            current[name].append(cell)
            continue
        current[name] = [cell]
        found.append(current[name])
    return found
