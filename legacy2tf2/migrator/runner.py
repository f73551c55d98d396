"""The one runner: every file of ``rewrite``, ``check`` and ``rewrite --full`` travels through it.

A run applies one :class:`~legacy2tf2.migrator.steps.Step` to every file. Every file is read in
this process and tested with the step's pre-filter (a byte search, no libcst). Only files that
pass are processed; when there are many of them and more than one job is allowed, they go to a
``ProcessPoolExecutor`` whose workers fork from this process after the step's imports (libcst,
and for ``--full`` TensorFlow's upgrader) are done here once. Notebooks go through
:mod:`legacy2tf2.migrator.notebooks` with the same step, standard input through
:func:`run_bytes`. One file failing never stops the others: a source Python 3 cannot parse
becomes an ``L2T000`` finding and is skipped, any other exception raised while processing it an
``L2T000`` finding with :attr:`Outcome.internal_error` set (the command then exits 2).
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field

from legacy2tf2.migrator import findings
from legacy2tf2.migrator.engine import SourceParseError
from legacy2tf2.migrator.files import SourceFile, read_source
from legacy2tf2.migrator.report import Finding
from legacy2tf2.migrator.steps import Step
from legacy2tf2.migrator.tf_upgrader import TensorFlowMissing

#: Fewer files needing work than this are processed in this process (a pool costs more).
PARALLEL_MIN_FILES = 8


@dataclass
class Outcome:
    """What happened to one file. ``old`` and ``new`` are set only when the step changed it."""

    path: str
    findings: list[Finding] = field(default_factory=list)
    changed: bool = False
    new: bytes | None = None
    skipped: bool = False
    internal_error: bool = False
    old: bytes | None = None


def process(data: bytes, path: str, notebook: bool, step: Step) -> Outcome:
    """Apply ``step`` to one file's bytes (a notebook's code cells as one program).

    A :class:`~legacy2tf2.migrator.engine.SourceParseError` gives an ``L2T000`` finding at the
    parser's position and ``skipped=True``; any other exception (but
    :class:`~legacy2tf2.migrator.tf_upgrader.TensorFlowMissing`, which stops the run) an
    ``L2T000`` finding with ``internal_error=True``. The input bytes are never changed then.
    """
    try:
        if notebook:
            from legacy2tf2.migrator.notebooks import process_notebook

            nb = process_notebook(data, path, step.for_notebooks or step)
            skipped = not nb.changed and any(f.code == findings.UNPROCESSED for f in nb.findings)
            new = nb.source if nb.changed else None
            return Outcome(path, list(nb.findings), nb.changed, new, skipped)
        result = step.transform(data, path)
        new = result.source if result.changed else None
        return Outcome(path, list(result.findings), result.changed, new)
    except SourceParseError as exc:
        message = findings.cannot_parse(exc.reason)
        finding = Finding(path, exc.line or 1, exc.col or 1, findings.UNPROCESSED, message)
        return Outcome(path, [finding], skipped=True)
    except TensorFlowMissing:
        raise
    except Exception as exc:  # a bug on one file must not stop the others
        finding = Finding(path, 1, 1, findings.UNPROCESSED, findings.internal_error(exc))
        return Outcome(path, [finding], skipped=True, internal_error=True)


def available_cores() -> int:
    """The cores this process may run on (its CPU affinity where the platform tells)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # macOS, Windows
        return os.cpu_count() or 1


def _apply(data: bytes, path: str, notebook: bool, step: Step) -> Outcome:
    outcome = process(data, path, notebook, step)
    if outcome.changed:
        outcome.old = data
    return outcome


def _work(job: tuple[SourceFile, Step]) -> Outcome:
    """Read (again: the pre-filter dropped the bytes to keep memory flat) and process one file."""
    file, step = job
    data = read_source(file)
    if isinstance(data, Finding):
        return Outcome(file.path, [data], skipped=True)
    return _apply(data, file.path, file.is_notebook, step)


def _pool_context() -> multiprocessing.context.BaseContext:
    # fork shares what the step imported (libcst, TensorFlow's upgrader) with the workers (Linux);
    # elsewhere the platform default, and each worker imports them once.
    if sys.platform.startswith("linux"):
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


def _parallel(jobs: list[tuple[SourceFile, Step]], workers: int, step: Step) -> Iterator[Outcome]:
    step.prepare()  # once, before forking
    chunksize = max(1, min(16, len(jobs) // (workers * 4)))
    done = 0
    # Frozen, the imported modules (TensorFlow's are large) stay out of the workers' garbage
    # collections, which would otherwise copy every page they touch.
    gc.freeze()
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=_pool_context()) as pool:
            for outcome in pool.map(_work, jobs, chunksize=chunksize):
                done += 1
                yield outcome
    except BrokenProcessPool:  # a worker died (killed, out of memory): finish here
        for job in jobs[done:]:
            yield _work(job)
    finally:
        gc.unfreeze()


def run(
    files: list[SourceFile],
    step: Step,
    jobs: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> list[Outcome]:
    """Apply ``step`` to ``files`` and return one :class:`Outcome` each, in their order.

    ``jobs`` is the number of worker processes (default: all cores). ``progress``, if given, is
    called with the number of files just finished.
    """
    outcomes: list[Outcome | None] = [None] * len(files)
    pending: list[int] = []
    work: list[tuple[SourceFile, Step]] = []
    python2: frozenset[str] = frozenset()
    if step.for_python2 is not None:  # modules a Python 2 program imports ran on Python 2
        from legacy2tf2.migrator.py2_modules import python2_modules

        python2 = python2_modules(files)
    for i, file in enumerate(files):
        data = read_source(file)
        if isinstance(data, Finding):
            outcomes[i] = Outcome(file.path, [data], skipped=True)
        elif step.prefilter(data):
            pending.append(i)
            in_python2 = file.real in python2 and step.for_python2 is not None
            work.append((file, step.for_python2 if in_python2 else step))
        else:
            outcomes[i] = Outcome(file.path)
    if progress is not None and len(files) > len(pending):
        progress(len(files) - len(pending))
    workers = min(jobs or available_cores(), len(work))
    if workers > 1 and len(work) >= PARALLEL_MIN_FILES:
        results: Iterator[Outcome] = _parallel(work, workers, step)
    else:
        results = map(_work, work)
    for i, outcome in zip(pending, results, strict=True):
        outcomes[i] = outcome
        if progress is not None:
            progress(1)
    _again_with_program_eras(files, pending, work, outcomes)
    return [o for o in outcomes if o is not None]


#: Findings of a decision a file's own evidence of its TF version left open.
ERA_UNDECIDED = frozenset(
    {
        findings.REPEATED_CELLS,
        findings.SWAPPED_ARGUMENTS,
        findings.CELL_ARGUMENT_AMBIGUOUS,
        findings.REVERSE_DIMS,
        findings.MNIST_READER_ERA,
    }
)


def _again_with_program_eras(
    files: list[SourceFile],
    pending: list[int],
    work: list[tuple[SourceFile, Step]],
    outcomes: list[Outcome | None],
) -> None:
    """Process again, in this process, each file whose own evidence left a version decision
    open, told the TF versions the other files of its program allow (:mod:`.program_era`)."""
    undecided = [
        (i, job)
        for i, job in zip(pending, work, strict=True)
        if any(f.code in ERA_UNDECIDED for f in outcomes[i].findings)  # type: ignore[union-attr]
    ]
    if not undecided or len(files) < 2:
        return
    from legacy2tf2.migrator import era
    from legacy2tf2.migrator.program_era import program_evidence

    told = program_evidence(files, [file.real for _, (file, _) in undecided])
    for i, (file, step) in undecided:
        evidence = told.get(file.real)
        if evidence is not None:
            with era.program(evidence):
                outcomes[i] = _work((file, step))


def run_bytes(data: bytes, path: str, step: Step) -> Outcome:
    """Apply ``step`` to one Python source given as bytes (standard input)."""
    if not step.prefilter(data):
        return Outcome(path)
    return _apply(data, path, False, step)
