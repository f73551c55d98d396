"""IPython syntax inside notebook cells, masked before parsing and restored afterwards.

A line is IPython syntax only where a new logical line starts: ``%magic``, ``!shell``,
``x = !shell`` / ``x = %magic``, ``?obj`` / ``obj?``. A line starting with ``%`` that continues an
open bracket, a backslash continuation or a triple-quoted string is Python (string formatting)
and stays as it is. Each masked line becomes a placeholder name statement with the same
indentation, so the cell still parses and keeps its line structure. A line magic that runs the
Python statement after it (``%time y = f(x)``, also after the options of ``%timeit -n 3`` and
``%prun -s cumulative``) keeps the statement: only the magic and its options are masked, as a
placeholder comment at the end of the line, so the statement is rewritten (and checked) like any
other.
"""

from __future__ import annotations

import ast
import re
import secrets

#: Cell magics whose body is Python: the first line is masked, the body rewritten.
PYTHON_CELL_MAGICS = frozenset({"time", "timeit", "capture", "prun", "debug"})

#: ``%time STATEMENT`` and the like: the magic is masked, the statement stays Python.
_STATEMENT_MAGIC = re.compile(r"%(?P<name>time|timeit|prun|debug)[ \t]+(?=\S)")
#: The options IPython's line magics take before the statement, as ``getopt`` spells them (a
#: letter before ``:`` takes a value: ``-n 3`` or ``-n3``); magics not listed take none.
_OPTIONS = {"timeit": "n:r:tcp:qo", "prun": "D:l:rs:T:q"}
_WORD = re.compile(r"\S+[ \t]*")
_PLACEHOLDER_COMMENT = re.compile(r"  (# _legacy2tf2_ipython_[0-9a-f]+_\d+)\Z")

_ASSIGN_MAGIC = re.compile(r"[A-Za-z_][\w, ]*=\s*[!%]")
_HELP = re.compile(r"(?:[?]{1,2}[\w.*]+|[\w.*]+[?]{1,2})\s*\Z")


def _is_magic(stripped: str) -> bool:
    if stripped.startswith(("%", "!")):
        return True
    return bool(_ASSIGN_MAGIC.match(stripped) or _HELP.match(stripped))


class _Scanner:
    """Tracks brackets, strings and backslash continuations across the lines of a cell."""

    def __init__(self) -> None:
        self.depth = 0
        self.quote: str | None = None
        self.continued = False

    @property
    def at_statement_start(self) -> bool:
        return self.depth == 0 and self.quote is None and not self.continued

    def feed(self, line: str) -> None:
        body = line.rstrip("\r\n")
        self.continued = False
        i, n = 0, len(body)
        while i < n:
            c = body[i]
            if self.quote is not None:
                if c == "\\":
                    i += 2
                    continue
                if body.startswith(self.quote, i):
                    i += len(self.quote)
                    self.quote = None
                    continue
                i += 1
                continue
            if c == "#":
                break
            if c in "\"'":
                triple = body[i : i + 3]
                self.quote = triple if triple in ('"""', "'''") else c
                i += len(self.quote)
                continue
            if c in "([{":
                self.depth += 1
            elif c in ")]}":
                self.depth = max(0, self.depth - 1)
            elif c == "\\" and i == n - 1:
                self.continued = True
            i += 1
        if self.quote is not None and len(self.quote) == 1:
            if body.endswith("\\"):
                self.continued = True
            else:
                self.quote = None  # unterminated single-quoted string: Python reports it


def _past_options(text: str, start: int, spec: str) -> int | None:
    """Where the statement starts after the options at ``text[start:]`` (``spec`` as getopt's);
    ``None`` for an option the magic does not take or a value missing."""
    while text.startswith("-", start):
        word = _WORD.match(text, start)
        assert word is not None  # text[start] is "-"
        letters = word.group().rstrip()[1:]
        start = word.end()
        for i, letter in enumerate(letters):
            if letter not in spec.replace(":", ""):
                return None
            if f"{letter}:" in spec:
                if i + 1 == len(letters):  # the value is the next word
                    value = _WORD.match(text, start)
                    if value is None:
                        return None
                    start = value.end()
                break
    return start


def _statement(stripped: str) -> tuple[str, str] | None:
    """``(magic prefix, statement)`` of a line magic running a one-line Python statement."""
    match = _STATEMENT_MAGIC.match(stripped)
    if match is None:
        return None
    start = _past_options(stripped, match.end(), _OPTIONS.get(match.group("name"), ""))
    if start is None:
        return None
    statement = stripped[start:]
    if not statement.strip():
        return None
    try:
        ast.parse(statement)
    except (SyntaxError, ValueError):
        return None
    return stripped[:start], statement


def mask(source: str) -> tuple[str, dict[str, str]] | None:
    """Replace IPython lines by placeholders; ``None`` for a cell that is not Python at all.

    Returns the maskable source and the placeholder -> original line (or magic prefix) table for
    :func:`unmask`.
    """
    lines = source.splitlines(keepends=True)
    if not lines:
        return source, {}
    table: dict[str, str] = {}
    nonce = secrets.token_hex(4)
    out: list[str] = []
    scanner = _Scanner()
    first = lines[0].lstrip()
    if first.startswith("%%"):
        name = first[2:].split(None, 1)[0] if first[2:].strip() else ""
        if name not in PYTHON_CELL_MAGICS:
            return None
    for number, line in enumerate(lines):
        stripped = line.strip()
        if scanner.at_statement_start and stripped and _is_magic(stripped):
            indent = line[: len(line) - len(line.lstrip())]
            ending = line[len(line.rstrip("\r\n")) :]
            placeholder = f"_legacy2tf2_ipython_{nonce}_{number}"
            timed = _statement(line.rstrip("\r\n")[len(indent) :])
            if timed is not None:
                table[f"# {placeholder}"] = timed[0]
                masked = f"{indent}{timed[1]}  # {placeholder}{ending}"
                out.append(masked)
                scanner.feed(masked)
                continue
            table[placeholder] = line.rstrip("\r\n")[len(indent) :]
            out.append(f"{indent}{placeholder}{ending}")
            continue
        out.append(line)
        scanner.feed(line)
    return "".join(out), table


def unmask(source: str, table: dict[str, str]) -> str | None:
    """Put the original IPython lines back; ``None`` if a placeholder went missing."""
    if not table:
        return source
    lines = source.splitlines(keepends=True)
    restored = 0
    for i, line in enumerate(lines):
        stripped = line.strip()
        indent = line[: len(line) - len(line.lstrip())]
        ending = line[len(line.rstrip("\r\n")) :]
        if stripped in table:
            lines[i] = f"{indent}{table[stripped]}{ending}"
            restored += 1
            continue
        comment = _PLACEHOLDER_COMMENT.search(line.rstrip("\r\n"))
        if comment is not None and comment.group(1) in table:
            statement = line[len(indent) : comment.start()]
            lines[i] = f"{indent}{table[comment.group(1)]}{statement}{ending}"
            restored += 1
    return "".join(lines) if restored == len(table) else None


def statement_offsets(table: dict[str, str]) -> dict[int, int]:
    """For each (1-based) line whose magic was masked before a statement, the magic's length.

    A position in the masked line plus that length is the position in the original line.
    """
    return {
        int(key.rsplit("_", 1)[1]) + 1: len(prefix)
        for key, prefix in table.items()
        if key.startswith("# ")
    }
