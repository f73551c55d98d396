"""Gitignore-style patterns: ``.gitignore`` files and ``--exclude`` globs, matched without git.

Each line is compiled by ``pathspec``'s ``gitignore`` pattern (git's wildmatch rules: comments,
escapes, trailing-space trimming, ``!`` negation, a trailing ``/`` for directories only,
anchoring by a leading or inner ``/``, ``*``, ``?``, ``[...]`` and ``**``). This module adds what
a directory walk needs on top: the last matching pattern wins, patterns of a deeper
``.gitignore`` override shallower ones, and a directory that is ignored is never entered, so (as
in git) a file below it cannot be re-included.
"""

from __future__ import annotations

import os
from pathlib import Path

import pathspec
from pathspec import Pattern

_GITIGNORE_PATTERN = pathspec.lookup_pattern("gitignore")


def compile_pattern(line: str) -> Pattern | None:
    """Compile one ``.gitignore`` line; ``None`` for blank lines, comments and lines git skips
    (such as a lone ``!`` or ``/``)."""
    text = line.rstrip("\n").rstrip("\r")
    if text.rstrip(" ").removeprefix("!") == "/":
        return None  # git matches nothing with it; pathspec's "gitignore" would match everything
    try:
        pattern = _GITIGNORE_PATTERN(text)
    except ValueError:
        return None
    return pattern if pattern.include is not None else None


def compile_patterns(lines: list[str]) -> list[Pattern]:
    """Compile every meaningful line of a ``.gitignore`` (or a list of ``--exclude`` globs)."""
    return [p for p in map(compile_pattern, lines) if p is not None]


def match(patterns: list[Pattern], relpath: str, is_dir: bool) -> bool | None:
    """``True`` ignored, ``False`` re-included by a ``!`` pattern, ``None`` no pattern matched."""
    # a directory is matched with a trailing "/", which is what dir-only patterns ("build/") need
    path = relpath + "/" if is_dir else relpath
    verdict: bool | None = None
    for pattern in patterns:
        if pattern.match_file(path) is not None:
            verdict = pattern.include
    return verdict


class IgnoreStack:
    """The ``.gitignore`` files in force for a directory walk: ``(base dir, patterns)`` pairs."""

    def __init__(self, layers: list[tuple[Path, list[Pattern]]] | None = None) -> None:
        self.layers = layers or []

    @classmethod
    def for_root(cls, root: Path) -> IgnoreStack:
        """Start from the ``.gitignore`` files above ``root`` up to its git work tree, if any."""
        root = Path(os.path.abspath(root))
        chain: list[Path] = []
        if (root / ".git").exists():
            return cls()  # the work tree's own root: its .gitignore is read by the walk
        for parent in root.parents:
            chain.append(parent)
            if (parent / ".git").exists():
                break
        else:
            chain = []  # not inside a git work tree: only files inside the walked tree count
        stack = cls()
        for directory in reversed(chain):
            stack = stack.entering(directory)
        return stack

    def entering(self, directory: Path) -> IgnoreStack:
        """The stack for ``directory``'s children: adds its ``.gitignore`` when it has one."""
        try:
            text = (directory / ".gitignore").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return self
        patterns = compile_patterns(text.splitlines())
        return IgnoreStack([*self.layers, (directory, patterns)]) if patterns else self

    def ignored(self, path: Path, is_dir: bool) -> bool:
        """Whether ``path`` (absolute, inside the walked tree) is ignored."""
        verdict: bool | None = None
        for base, patterns in self.layers:
            try:
                rel = os.path.relpath(path, base).replace(os.sep, "/")
            except ValueError:
                continue
            if rel.startswith("../"):
                continue
            found = match(patterns, rel, is_dir)
            if found is not None:
                verdict = found
        return bool(verdict)
