"""The per-file steps a run applies: ``rewrite``, ``check`` and ``rewrite --full``.

A :class:`Step` says what one Python source becomes (:attr:`Step.transform`) and which files are
worth processing at all. :mod:`legacy2tf2.migrator.runner` applies one step to every file, and
:mod:`legacy2tf2.migrator.notebooks` applies it to a notebook's code cells joined into one
program, so a file travels the same way whichever command runs. Importing this module imports
neither libcst nor TensorFlow.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from legacy2tf2.migrator import engine
from legacy2tf2.migrator.engine import RewriteResult


@dataclass(frozen=True)
class Step:
    """One per-file function and what it needs (module-level functions: it crosses processes).

    Attributes:
        name: ``"rewrite"``, ``"rewrite --check"``, ``"check"`` or ``"full"``.
        transform: a Python source's bytes and path to its :class:`RewriteResult`; raises
            :class:`~legacy2tf2.migrator.engine.SourceParseError` for a source Python 3 cannot
            parse.
        writes: whether the result's bytes are meant to replace the file (a check only reports).
        prefilter: whether a file's bytes (``.py`` or ``.ipynb``) may need :attr:`transform`.
        cells_prefilter: the same for the code of a notebook's cells, joined.
        prepare: imports what :attr:`transform` needs, run once before worker processes fork.
        repair: for a notebook cell Python 3 cannot parse, the cell's code in a form it parses
            and the findings of that change (``None``: such a cell is reported and left out).
        for_notebooks: the step notebooks take instead (``None``: this one); a notebook's
            changed cells are told from the rewritten text.
        for_python2: the step a notebook of a Python 2 kernel takes instead (``None``: this one).
    """

    name: str
    transform: Callable[[bytes, str], RewriteResult]
    writes: bool
    prefilter: Callable[[bytes], bool]
    cells_prefilter: Callable[[bytes], bool]
    prepare: Callable[[], None]
    repair: Callable[[bytes], tuple[bytes, list[tuple[int, int, str, str]]]] | None = None
    for_notebooks: Step | None = None
    for_python2: Step | None = None


# Engine functions are looked up at call time, so that a patched engine is the one that runs.
def _rewrite(source: bytes, path: str) -> RewriteResult:
    return engine.rewrite_source(source, path)


def _rewrite_check(source: bytes, path: str) -> RewriteResult:
    return engine.rewrite_check_source(source, path)


def _needs_parse(source: bytes) -> bool:
    return engine.needs_parse(source)


def _check(source: bytes, path: str) -> RewriteResult:
    return RewriteResult(source, engine.check_source(source, path), False)


def _full(source: bytes, path: str) -> RewriteResult:
    from legacy2tf2.migrator.full_upgrade import full_upgrade

    return full_upgrade(source, path)


def _full_python2(source: bytes, path: str) -> RewriteResult:
    from legacy2tf2.migrator.full_upgrade import full_upgrade

    return full_upgrade(source, path, python2=True)


def _repair_python2(source: bytes) -> tuple[bytes, list[tuple[int, int, str, str]]]:
    from legacy2tf2.migrator.py2_syntax import fix_python2_syntax

    return fix_python2_syntax(source)


def _every_file(source: bytes) -> bool:
    return True  # --full also fixes Python 2 and NumPy 1 idioms of files that never name TF


def _mentions_tensorflow(source: bytes) -> bool:
    return b"tensorflow" in source


def _load_engine() -> None:
    from legacy2tf2.migrator import codemod  # noqa: F401  (libcst, shared with forked workers)


def _load_full() -> None:
    from legacy2tf2.migrator import full_upgrade

    full_upgrade.load()


#: ``legacy2tf2 rewrite``: legacy_seq2seq and the TF1 cells move to the bundled runtime.
REWRITE = Step("rewrite", _rewrite, True, _needs_parse, _needs_parse, _load_engine)
#: ``legacy2tf2 check``: report what is left; nothing is rewritten.
CHECK = Step("check", _check, False, _needs_parse, _needs_parse, _load_engine)
#: ``--full`` on code known to be Python 2 (a notebook of a Python 2 kernel).
FULL_PYTHON2 = Step(
    "full", _full_python2, True, _every_file, _mentions_tensorflow, _load_full, _repair_python2
)
#: ``legacy2tf2 rewrite --full``: the rewrite plus the rest of the TF1 -> TF2 upgrade.
FULL = Step(
    "full",
    _full,
    True,
    _every_file,
    _mentions_tensorflow,
    _load_full,
    _repair_python2,
    for_python2=FULL_PYTHON2,
)
#: ``legacy2tf2 rewrite --check``: whether ``rewrite`` would change a file, and its findings, told
#: without rewriting it (a notebook is rewritten: its cells are told from the new text).
REWRITE_CHECK = Step(
    "rewrite --check",
    _rewrite_check,
    False,
    _needs_parse,
    _needs_parse,
    _load_engine,
    for_notebooks=REWRITE,
)
