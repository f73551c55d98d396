"""Gitignore-style patterns: ``.gitignore`` files and ``--exclude`` globs, matched without git.

Supported: blank lines and ``#`` comments, ``\\#``/``\\!`` escapes, trailing-space trimming, ``!``
negation, a trailing ``/`` (directories only), anchoring by a leading or inner ``/``, ``*``, ``?``,
``[...]`` classes and ``**`` (leading, trailing and inner). The last matching pattern wins, and
patterns of a deeper ``.gitignore`` override shallower ones. A directory that is ignored is never
entered, so (as in git) a file below it cannot be re-included.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Pattern:
    """One compiled pattern: a regex over a ``/``-separated path relative to ``base``."""

    regex: re.Pattern[str]
    negate: bool
    dir_only: bool
    source: str


def _translate(glob: str) -> str:
    """Translate the glob part of a gitignore pattern (no leading ``!``/``/``) to a regex."""
    out: list[str] = []
    i, n = 0, len(glob)
    while i < n:
        c = glob[i]
        if c == "*":
            if glob.startswith("**", i):
                at_start = i == 0 or glob[i - 1] == "/"
                j = i + 2
                if at_start and j < n and glob[j] == "/":  # "**/": zero or more directories
                    out.append("(?:.*/)?")
                    i = j + 1
                    continue
                if at_start and j == n:  # trailing "/**": everything inside
                    out.append(".*")
                    i = j
                    continue
            out.append("[^/]*")
            i += 1
            while i < n and glob[i] == "*":
                i += 1
        elif c == "?":
            out.append("[^/]")
            i += 1
        elif c == "[":
            j = glob.find(
                "]", i + 2 if glob.startswith("[!", i) or glob.startswith("[^", i) else i + 1
            )
            if j == -1:
                out.append(re.escape(c))
                i += 1
                continue
            body = glob[i + 1 : j]
            if body[:1] in ("!", "^"):
                body = "^" + body[1:]
            out.append("[" + body.replace("\\", "\\\\") + "]")
            i = j + 1
        elif c == "\\" and i + 1 < n:
            out.append(re.escape(glob[i + 1]))
            i += 2
        else:
            out.append(re.escape(c))
            i += 1
    return "".join(out)


def compile_pattern(line: str) -> Pattern | None:
    """Compile one ``.gitignore`` line; ``None`` for blank lines and comments."""
    raw = line.rstrip("\n").rstrip("\r")
    if not raw or raw.startswith("#"):
        return None
    # trailing spaces are ignored unless escaped with a backslash
    stripped = raw.rstrip(" ")
    if stripped.endswith("\\") and len(stripped) < len(raw):
        stripped += " "
    raw = stripped
    negate = raw.startswith("!")
    if negate or raw.startswith("\\!") or raw.startswith("\\#"):
        raw = raw[1:]
    dir_only = raw.endswith("/")
    raw = raw.rstrip("/")
    if not raw:
        return None
    anchored = "/" in raw
    raw = raw.lstrip("/")
    prefix = "" if anchored else "(?:.*/)?"
    regex = re.compile(prefix + _translate(raw) + r"\Z", re.DOTALL)
    return Pattern(regex, negate, dir_only, line.strip())


def compile_patterns(lines: list[str]) -> list[Pattern]:
    """Compile every meaningful line of a ``.gitignore`` (or a list of ``--exclude`` globs)."""
    return [p for p in map(compile_pattern, lines) if p is not None]


def match(patterns: list[Pattern], relpath: str, is_dir: bool) -> bool | None:
    """``True`` ignored, ``False`` re-included by a ``!`` pattern, ``None`` no pattern matched."""
    verdict: bool | None = None
    for pattern in patterns:
        if pattern.dir_only and not is_dir:
            continue
        if pattern.regex.match(relpath):
            verdict = not pattern.negate
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
