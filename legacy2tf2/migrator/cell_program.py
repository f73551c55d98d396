"""A notebook's code cells as one Python program: joined with boundary markers, split back.

Jupyter runs the code cells of a notebook, in order, in one namespace: ``import tensorflow as tf``
in the first cell binds ``tf`` for every later cell. The migrator therefore sees the parseable
cells as one source, one cell after the other, with a unique marker line between two cells, and
cuts the rewritten source back into cells at those markers.

A marker is a statement, not a comment: the rewrite drops a removed statement's own comments
(those right above it), which would take a comment marker with them. Every marker is a bare
name except one: right after the first cell that imports something, the marker is an empty
class statement. The rewrite places the imports it adds after the last import before their
first use, never past a class or function definition, so that statement keeps the added imports
in the cell holding the first import (or the first cell).

Names that a cell the program leaves out (one Python 3 cannot parse) reads can be listed as
*kept*: a last piece of the program reads them, so the rewrite never drops their import. That
piece is not a cell; its text and its findings are discarded.
"""

from __future__ import annotations

import ast
import re
import secrets
from collections.abc import Iterable
from dataclasses import dataclass

_IDENTIFIER = re.compile(r"[A-Za-z_]\w*")
#: A line as Python counts lines: only ``\n``, ``\r\n`` and ``\r`` end one (not ``\f``, ...).
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")


@dataclass(frozen=True)
class Program:
    """The joined source and what :func:`split` and :meth:`locate` need to undo the join.

    Attributes:
        source: the program text.
        markers: the marker lines (without newline); ``markers[i]`` comes before piece ``i + 1``.
        starts: the 1-based program line on which each piece starts.
        numbers: the cell number of each piece (``None`` for the piece of kept names).
        newline_added: whether a newline was appended to each piece's cell to end it.
    """

    source: str
    markers: tuple[str, ...]
    starts: tuple[int, ...]
    numbers: tuple[int | None, ...]
    newline_added: tuple[bool, ...]

    def locate(self, line: int) -> tuple[int, int] | None:
        """The (cell number, 1-based line in that cell) of a program line; ``None`` outside cells."""
        piece = 0
        for i, start in enumerate(self.starts):
            if start <= line:
                piece = i
        number = self.numbers[piece]
        if number is None:
            return None
        if piece + 1 < len(self.starts):  # not past the cell's last line, onto the next marker
            line = min(line, self.starts[piece + 1] - 2)
        return number, max(1, line - self.starts[piece] + 1)


def _lines(text: str) -> list[str]:
    return _LINE.findall(text)


def import_bindings(code: str) -> set[str]:
    """Names the imports of ``code`` bind (``code`` must parse)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(code)):
        if isinstance(node, ast.Import):
            names.update(a.asname or a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module != "__future__":
            names.update(a.asname or a.name for a in node.names if a.name != "*")
    return names


def identifiers(text: str) -> set[str]:
    """Every identifier-like word of ``text`` (for cells that do not parse)."""
    return set(_IDENTIFIER.findall(text))


def _has_import(code: str) -> bool:
    return any(isinstance(s, (ast.Import, ast.ImportFrom)) for s in ast.parse(code).body)


def join(cells: list[tuple[int, str]], kept: Iterable[str] = ()) -> Program:
    """Join ``(cell number, code)`` pairs (each code parses alone) into one :class:`Program`.

    ``kept`` names are read by a last piece, so that their imports stay.
    """
    nonce = secrets.token_hex(6)
    pieces: list[tuple[int | None, str]] = list(cells)
    kept_names = sorted(kept)
    if kept_names:
        pieces.append((None, ", ".join(kept_names) + "\n"))
    barrier_after = next((i for i, (_, code) in enumerate(cells) if _has_import(code)), None)
    parts: list[str] = []
    markers: list[str] = []
    starts: list[int] = []
    added: list[bool] = []
    line = 1
    for i, (_, code) in enumerate(pieces):
        if i:
            if i - 1 == barrier_after:
                marker = f"class _legacy2tf2_cell_boundary_{nonce}_{i}: ..."
            else:
                marker = f"_legacy2tf2_cell_boundary_{nonce}_{i}"
            markers.append(marker)
            parts.append(marker + "\n")
            line += 1
        ends = code == "" or code.endswith(("\n", "\r"))
        added.append(not ends)
        text = code if ends else code + "\n"
        starts.append(line)
        parts.append(text)
        line += len(_lines(text))
    return Program(
        "".join(parts),
        tuple(markers),
        tuple(starts),
        tuple(number for number, _ in pieces),
        tuple(added),
    )


def split(program: Program, text: str) -> list[str] | None:
    """Cut ``text`` (the rewritten program) back into the cells' sources, in order.

    ``None`` when a marker is missing, repeated or out of order: the rewrite moved a cell
    boundary, and no cut would be safe.
    """
    known = set(program.markers)
    pieces: list[list[str]] = [[]]
    for line in _lines(text):
        bare = line.rstrip("\r\n")
        if bare in known:
            if len(pieces) > len(program.markers) or bare != program.markers[len(pieces) - 1]:
                return None
            pieces.append([])
            continue
        pieces[-1].append(line)
    if len(pieces) != len(program.markers) + 1:
        return None
    sources = []
    for number, added, lines in zip(program.numbers, program.newline_added, pieces, strict=True):
        if number is None:
            continue
        source = "".join(lines)
        if added and source.endswith("\n"):
            source = source[:-1]
        sources.append(source)
    return sources
