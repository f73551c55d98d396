"""Which files a run covers, reading them, and writing them back atomically.

Discovery walks the given directories for ``.py`` and ``.ipynb`` files, in a stable (sorted) order.
It never follows a symbolic link found inside a tree (a link's target is processed only where it
lies inside a given root itself), skips the usual tool directories (``.git``, ``.venv``,
``.ipynb_checkpoints`` ...), honours every ``.gitignore`` from the enclosing git work tree down,
and drops whatever an ``--exclude`` glob matches. Files named explicitly are always taken, except
where an ``--exclude`` glob matches them. Anything that cannot be read or written becomes a
finding; nothing here raises on a user's file.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from legacy2tf2.migrator.findings import UNPROCESSED, UNWRITABLE
from legacy2tf2.migrator.ignore import IgnoreStack, Pattern, compile_patterns, match
from legacy2tf2.migrator.report import Finding

SUFFIXES = (".py", ".ipynb")
DEFAULT_EXCLUDES = frozenset(
    {
        ".git", ".hg", ".svn", ".bzr", ".venv", "venv", "__pycache__", ".ipynb_checkpoints",
        ".tox", ".nox", ".mypy_cache", ".pytest_cache", ".ruff_cache", ".hypothesis",
        "node_modules", "site-packages", "__pypackages__",
    }
)  # fmt: skip


@dataclass(frozen=True)
class SourceFile:
    """One file to process: ``path`` as shown to people, ``real`` the absolute path on disk."""

    path: str
    real: str

    @property
    def is_notebook(self) -> bool:
        """Whether the file is a Jupyter notebook (processed cell by cell)."""
        return self.real.endswith(".ipynb")


@dataclass
class Discovery:
    """The files a run covers and the findings met on the way (unlistable directories)."""

    files: list[SourceFile]
    findings: list[Finding]
    #: Given paths that hold no file to process (no ``.py``/``.ipynb``, or all excluded).
    empty: list[str] = field(default_factory=list)


def _excluded(patterns: list[Pattern], candidates: Iterable[str], is_dir: bool) -> bool:
    return any(match(patterns, c, is_dir) for c in candidates if c and not c.startswith("../"))


def _rel(path: str, base: str) -> str:
    rel = os.path.relpath(path, base).replace(os.sep, "/")
    return "" if rel == "." else rel


def discover(paths: Sequence[str], excludes: Sequence[str] = ()) -> Discovery:
    """Expand ``paths`` (files and directories) into the ``.py``/``.ipynb`` files to process.

    ``excludes`` are gitignore-style globs, matched against each path relative to the directory
    given and relative to the current directory (``--exclude build``, ``--exclude 'src/gen/*'``).
    """
    patterns = compile_patterns(list(excludes))
    cwd = os.getcwd()
    found: list[SourceFile] = []
    findings: list[Finding] = []
    seen: set[str] = set()
    taken: set[str] = set()  # the given paths that hold a file to process

    def take(given: str, display: str, absolute: str) -> None:
        real = os.path.realpath(absolute)
        taken.add(given)
        if real not in seen:
            seen.add(real)
            found.append(SourceFile(os.path.normpath(display), real))

    for given in paths:
        absolute = os.path.abspath(given)
        if not os.path.isdir(absolute):
            if not _excluded(patterns, [_rel(absolute, cwd), os.path.basename(absolute)], False):
                take(given, given, absolute)
            continue
        root = absolute
        in_tree: list[tuple[tuple[str, ...], str]] = []
        stack: list[tuple[str, IgnoreStack]] = [(root, IgnoreStack.for_root(Path(root)))]
        while stack:
            directory, ignores = stack.pop()
            ignores = ignores.entering(Path(directory))
            try:
                with os.scandir(directory) as it:
                    entries = sorted(it, key=lambda e: e.name)
            except OSError as exc:
                display = os.path.join(given, _rel(directory, root))
                findings.append(_io_finding(display, "cannot list directory", exc))
                continue
            subdirs: list[str] = []
            for entry in entries:
                if entry.is_symlink():
                    continue
                candidates = [_rel(entry.path, root), _rel(entry.path, cwd)]
                try:
                    is_dir = entry.is_dir(follow_symlinks=False)
                except OSError:
                    continue
                if is_dir:
                    if entry.name in DEFAULT_EXCLUDES:
                        continue
                    if ignores.ignored(Path(entry.path), True):
                        continue
                    if not _excluded(patterns, candidates, True):
                        subdirs.append(entry.path)
                elif entry.name.endswith(SUFFIXES):
                    if ignores.ignored(Path(entry.path), False):
                        continue
                    if not _excluded(patterns, candidates, False):
                        in_tree.append((tuple(candidates[0].split("/")), entry.path))
            stack.extend((d, ignores) for d in reversed(subdirs))
        for parts, path in sorted(in_tree):
            take(given, os.path.join(given, *parts), path)
    return Discovery(found, findings, [given for given in paths if given not in taken])


def _io_finding(path: str, what: str, exc: OSError, code: str = UNPROCESSED) -> Finding:
    reason = exc.strerror or exc.__class__.__name__
    return Finding(path, 1, 1, code, f"{what} ({reason})")


def read_source(file: SourceFile) -> bytes | Finding:
    """The file's bytes, or a finding saying why it could not be read."""
    try:
        with open(file.real, "rb") as fh:
            return fh.read()
    except OSError as exc:
        return _io_finding(file.path, "cannot read", exc)


def is_read_only(path: str) -> bool:
    """Whether the file is marked read-only (no write bit) or the current user cannot write it."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return True
    no_write_bits = not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)
    return no_write_bits or not os.access(path, os.W_OK)


def write_atomic(path: str, data: bytes) -> None:
    """Replace ``path`` by ``data``: temp file in the same directory, then ``os.replace``.

    The file keeps its permission bits (and its owner where allowed). An interruption leaves either
    the old or the new content, never a partial file, and no temp file behind.
    """
    st = os.stat(path)
    directory = os.path.dirname(path) or "."
    fd, tmp = tempfile.mkstemp(
        prefix=f".{os.path.basename(path)}.", suffix=".legacy2tf2-tmp", dir=directory
    )
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, stat.S_IMODE(st.st_mode))
        with contextlib.suppress(OSError):
            os.chown(tmp, st.st_uid, st.st_gid)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def write_back(file: SourceFile, data: bytes) -> Finding | None:
    """Write a rewritten file in place; a finding (file left untouched) when that is not possible."""
    if is_read_only(file.real):
        return Finding(file.path, 1, 1, UNWRITABLE, "cannot write (read-only file), left untouched")
    try:
        write_atomic(file.real, data)
    except OSError as exc:
        return _io_finding(file.path, "cannot write, left untouched", exc, UNWRITABLE)
    return None
