"""Run the engine over many files: byte pre-filter, then parsing in parallel worker processes.

Every file is read in this process and tested with ``engine.needs_parse`` (a byte search, no
libcst). Only files that pass are parsed; when there are many of them and more than one job is
allowed, they go to a ``ProcessPoolExecutor``. One file failing (unparseable, unreadable, even an
engine bug) never stops the others: it becomes a finding and the run goes on.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field

from legacy2tf2.migrator.files import UNPROCESSED, SourceFile, read_source
from legacy2tf2.migrator.report import Finding

#: Fewer files needing a parse than this are processed in this process (a pool costs more).
PARALLEL_MIN_FILES = 8


@dataclass
class Outcome:
    """What happened to one file. ``old`` and ``new`` are set only when the rewrite changed it."""

    path: str
    findings: list[Finding] = field(default_factory=list)
    changed: bool = False
    new: bytes | None = None
    skipped: bool = False
    internal_error: bool = False
    old: bytes | None = None


def _prefilter(data: bytes) -> bool:
    from legacy2tf2.migrator.engine import needs_parse

    return needs_parse(data)


def process(data: bytes, path: str, notebook: bool, write: bool, full: bool = False) -> Outcome:
    """Rewrite (``write=True``: compute the new bytes) or check one file's bytes.

    ``full`` (notebooks; ``rewrite --full`` runs ``.py`` files through
    :func:`legacy2tf2.migrator.full_upgrade.process_bytes`) upgrades the cells as ``--full`` does.

    A parse failure gives an ``L2T000`` finding at the parser's position and ``skipped=True``;
    an unexpected exception gives an ``L2T000`` finding with ``internal_error=True``.
    """
    from legacy2tf2.migrator import engine

    try:
        if notebook:
            from legacy2tf2.migrator.notebooks import process_notebook

            nb = process_notebook(data, path, write, full)
            skipped = not nb.changed and any(f.code == UNPROCESSED for f in nb.findings)
            return Outcome(
                path, nb.findings, nb.changed, nb.source if nb.changed else None, skipped
            )
        if not write:
            return Outcome(path, engine.check_source(data, path))
        result = engine.rewrite_source(data, path)
        return Outcome(
            path, list(result.findings), result.changed, result.source if result.changed else None
        )
    except engine.SourceParseError as exc:
        finding = Finding(
            path, exc.line or 1, exc.col or 1, UNPROCESSED, f"cannot parse ({exc.reason})"
        )
        return Outcome(path, [finding], skipped=True)
    except Exception as exc:  # an engine bug must not stop the other files
        message = f"internal error ({type(exc).__name__}: {exc}), left untouched"
        return Outcome(
            path, [Finding(path, 1, 1, UNPROCESSED, message)], skipped=True, internal_error=True
        )


def available_cores() -> int:
    """The cores this process may run on (its CPU affinity where the platform tells)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # macOS, Windows
        return os.cpu_count() or 1


def _work(job: tuple[SourceFile, bool]) -> Outcome:
    """Read (again: the pre-filter dropped the bytes to keep memory flat) and process one file."""
    file, write = job
    data = read_source(file)
    if isinstance(data, Finding):
        return Outcome(file.path, [data], skipped=True)
    outcome = process(data, file.path, file.is_notebook, write)
    if outcome.changed:
        outcome.old = data
    return outcome


def _pool_context() -> multiprocessing.context.BaseContext:
    # fork shares the already imported engine and libcst with the workers (Linux); elsewhere the
    # platform default.
    if sys.platform.startswith("linux"):
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


def _parallel(jobs: list[tuple[SourceFile, bool]], workers: int) -> Iterator[Outcome]:
    from legacy2tf2.migrator import engine  # noqa: F401  (imported once, before forking)

    chunksize = max(1, min(16, len(jobs) // (workers * 4)))
    done = 0
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=_pool_context()) as pool:
            for outcome in pool.map(_work, jobs, chunksize=chunksize):
                done += 1
                yield outcome
    except BrokenProcessPool:  # a worker died (killed, out of memory): finish here
        for job in jobs[done:]:
            yield _work(job)


def run(
    files: list[SourceFile],
    write: bool,
    jobs: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> list[Outcome]:
    """Process ``files`` (in their order) and return one :class:`Outcome` each.

    ``jobs`` is the number of worker processes (default: all cores). ``progress``, if given, is
    called with the number of files just finished.
    """
    outcomes: list[Outcome | None] = [None] * len(files)
    pending: list[int] = []
    work: list[tuple[SourceFile, bool]] = []
    for i, file in enumerate(files):
        data = read_source(file)
        if isinstance(data, Finding):
            outcomes[i] = Outcome(file.path, [data], skipped=True)
        elif _prefilter(data):
            pending.append(i)
            work.append((file, write))
        else:
            outcomes[i] = Outcome(file.path)
    if progress is not None and len(files) > len(pending):
        progress(len(files) - len(pending))
    workers = min(jobs or available_cores(), len(work))
    if workers > 1 and len(work) >= PARALLEL_MIN_FILES:
        results: Iterator[Outcome] = _parallel(work, workers)
    else:
        results = map(_work, work)
    for i, outcome in zip(pending, results, strict=True):
        outcomes[i] = outcome
        if progress is not None:
            progress(1)
    return [o for o in outcomes if o is not None]


def run_bytes(data: bytes, path: str, write: bool) -> Outcome:
    """Process one source given as bytes (standard input), as a Python file."""
    if not _prefilter(data):
        return Outcome(path)
    outcome = process(data, path, notebook=False, write=write)
    if outcome.changed:
        outcome.old = data
    return outcome
