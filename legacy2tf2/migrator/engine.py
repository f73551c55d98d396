"""The migrator's entry points for one source: pre-filter, rewrite, check.

This module does not import libcst: :func:`needs_parse` is a byte search, and libcst is loaded
(by :mod:`legacy2tf2.migrator.codemod`) only when a source has to be parsed.

Example::

    result = rewrite_source(b"import tensorflow as tf\\nc = tf.contrib.rnn.GRUCell(8)\\n")
    result.source   # b"from legacy2tf2.runtime import rnn_cell\\nc = rnn_cell.GRUCell(8)\\n"
    result.changed  # True (`import tensorflow as tf` was left unused, so it is removed)
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from dataclasses import dataclass, field

from legacy2tf2.migrator import renames
from legacy2tf2.migrator.findings import UNSAFE_REFERENCE, engine_internal_error
from legacy2tf2.migrator.report import Finding

RawFinding = tuple[int, int, str, str]


class SourceParseError(Exception):
    """A source that Python 3 cannot parse (Python 2 ``print``, TabError, undecodable bytes).

    Attributes:
        path: the path given to :func:`rewrite_source` / :func:`check_source`.
        line: 1-based line of the error (1 when unknown).
        col: 1-based column of the error (1 when unknown).
        reason: the parser's message, e.g. ``"Missing parentheses in call to 'print'"``.
    """

    def __init__(self, path: str, line: int, col: int, reason: str) -> None:
        super().__init__(f"{path}:{line}:{col}: cannot parse ({reason})")
        self.path = path
        self.line = line
        self.col = col
        self.reason = reason


@dataclass(frozen=True)
class RewriteResult:
    """What :func:`rewrite_source` returns.

    Attributes:
        source: the rewritten bytes; the very input object when nothing changed.
        findings: what was left untouched or changed in a way worth reading (L2T002-L2T004).
        changed: whether ``source`` differs from the input.
        internal_error: whether the rewrite failed inside (the input is returned, reported as
            L2T003).
    """

    source: bytes
    findings: list[Finding] = field(default_factory=list)
    changed: bool = False
    internal_error: bool = False


def needs_parse(source: bytes) -> bool:
    """Whether ``source`` may need a rewrite or a finding: a cheap byte search, no parsing.

    ``False`` guarantees that :func:`rewrite_source` returns the input unchanged and that
    :func:`check_source` returns no finding, except for unparseable input (not detected here).
    """
    return any(token in source for token in renames.PREFILTER)


def rewrite_source(source: bytes, path: str = "-") -> RewriteResult:
    """Rewrite one Python source so that it calls ``legacy2tf2.runtime`` instead of TF1.

    Only the references to legacy_seq2seq and the TF1 cells change; every other byte stays
    (encoding cookie, BOM, CRLF, tabs, missing final newline). Rewriting twice equals rewriting
    once. Findings carry positions in the *input* source.

    Args:
        source: the file's bytes.
        path: the path reported in findings and errors (``"-"`` for stdin).

    Returns:
        A :class:`RewriteResult`.

    Raises:
        SourceParseError: when Python 3 cannot parse ``source``. Nothing else is raised for any
            input: an internal failure leaves the source untouched and is reported as L2T003.
    """
    if not needs_parse(source):
        return RewriteResult(source, [], False)
    tree = parse(source, path)
    from legacy2tf2.migrator import codemod

    return _finish_rewrite(
        source, path, lambda: _with_star_tf(codemod.rewrite(source, tree), tree, source)
    )


def rewrite_check_source(source: bytes, path: str = "-") -> RewriteResult:
    """What ``legacy2tf2 rewrite --check`` reports for one source: whether
    :func:`rewrite_source` would change it, and the findings it would give; nothing is rewritten.

    Told over Python's ``ast`` (:mod:`legacy2tf2.migrator.would_rewrite`), without libcst; a
    source that pass leaves to libcst (:class:`~legacy2tf2.migrator.locate.Fallback`) is
    rewritten by :func:`rewrite_source`, whose answer is returned. The result's ``source`` is the
    input (or, after a fallback that changed it, the rewritten bytes).

    Raises:
        SourceParseError: when Python 3 cannot parse ``source``.
    """
    if not needs_parse(source):
        return RewriteResult(source, [], False)
    tree = parse(source, path)
    from legacy2tf2.migrator import locate

    try:
        from legacy2tf2.migrator import would_rewrite

        changed, raw = would_rewrite.answer(locate.AstResolver(tree, source))
    except Exception as error:  # a Fallback, or any failure of this pass: the rewrite answers
        locate.count_fallback("rewrite --check", error)
        from legacy2tf2.migrator import codemod

        return _finish_rewrite(
            source, path, lambda: _with_star_tf(codemod.rewrite(source, tree), tree, source)
        )
    findings = sorted(Finding(path, line, col, code, message) for line, col, code, message in raw)
    return RewriteResult(source, findings, changed)


def _rewrite_source_whole(source: bytes, path: str = "-") -> RewriteResult:
    """:func:`rewrite_source` over libcst's tree of the whole file, for the differential test."""
    if not needs_parse(source):
        return RewriteResult(source, [], False)
    tree = parse(source, path)
    from legacy2tf2.migrator import codemod

    return _finish_rewrite(
        source, path, lambda: _with_star_tf(codemod.rewrite_whole(source), tree, source)
    )


def _finish_rewrite(
    source: bytes, path: str, run: Callable[[], tuple[bytes, list[RawFinding]]]
) -> RewriteResult:
    try:
        new, raw = run()
    except Exception as error:  # never raise on user code: report and leave it untouched
        return RewriteResult(source, [_internal(path, error)], False, internal_error=True)
    findings = [Finding(path, line, col, code, message) for line, col, code, message in raw]
    if new == source:
        return RewriteResult(source, sorted(findings), False)
    try:
        compile_check(new, path)
    except SourceParseError as error:
        return RewriteResult(source, [_internal(path, error)], False, internal_error=True)
    return RewriteResult(new, sorted(findings), True)


def check_source(source: bytes, path: str = "-") -> list[Finding]:
    """What ``legacy2tf2 check`` reports for one source; nothing is rewritten.

    Every remaining ``tf.contrib`` use (any contrib module) and pre-1.0 legacy_seq2seq path
    (L2T001), every TF1 cell class Keras 3 no longer provides (L2T002), every reference that
    cannot be rewritten (L2T003). Sorted by position.

    Found over Python's ``ast`` (:mod:`legacy2tf2.migrator.scan`); a source with a shape that
    pass leaves to libcst (:class:`~legacy2tf2.migrator.locate.Fallback`) is scanned over
    libcst's tree, with the same findings.

    Raises:
        SourceParseError: when Python 3 cannot parse ``source``.
    """
    if not needs_parse(source):
        return []
    tree = parse(source, path)
    from legacy2tf2.migrator import codemod

    return _finish_check(path, lambda: codemod.leftovers(source, tree) + _star_tf(tree, source))


def _check_source_whole(source: bytes, path: str) -> list[Finding]:
    """:func:`check_source` over libcst's tree of the whole file, for the differential test."""
    tree = parse(source, path)
    from legacy2tf2.migrator import codemod

    return _finish_check(path, lambda: codemod.leftovers_whole(source) + _star_tf(tree, source))


def _with_star_tf(
    rewritten: tuple[bytes, list[RawFinding]], tree: ast.Module, source: bytes
) -> tuple[bytes, list[RawFinding]]:
    """A rewrite's (bytes, findings) plus what it could not see through a star import's ``tf``:
    ``rewrite`` reports those as ``check`` does (the rewrite does not change such a file's
    ``tf.`` chains, so the input positions hold)."""
    new, raw = rewritten
    return new, raw + _star_tf(tree, source)


def _star_tf(tree: ast.Module, source: bytes) -> list[RawFinding]:
    """TF1 code read through a ``tf`` only a star import binds (:mod:`.star_tf`)."""
    if b"import *" not in source:  # no star import: nothing to look at
        return []
    from legacy2tf2.migrator.star_tf import star_tf_findings

    return star_tf_findings(tree, source)


def _finish_check(path: str, run: Callable[[], list[RawFinding]]) -> list[Finding]:
    try:
        raw = run()
    except Exception as error:  # never raise on user code
        return [_internal(path, error)]
    return sorted(Finding(path, line, col, code, message) for line, col, code, message in raw)


def list_rewrites() -> list[tuple[str, str]]:
    """Every (from, to) row of the rename table, for ``--list-rewrites``."""
    return renames.rewrite_rows()


def compile_check(source: bytes, path: str) -> None:
    """Raise :class:`SourceParseError` unless Python 3 parses ``source``."""
    parse(source, path)


def parse(source: bytes, path: str) -> ast.Module:
    """Python's ``ast`` of ``source``; :class:`SourceParseError` when Python 3 cannot parse it."""
    try:
        return ast.parse(source, filename=path)
    except SyntaxError as error:  # includes IndentationError and TabError
        reason = f"{type(error).__name__}: {error.msg}"
        raise SourceParseError(path, error.lineno or 1, max(error.offset or 1, 1), reason) from None
    except (UnicodeDecodeError, ValueError) as error:
        line = 1
        if isinstance(error, UnicodeDecodeError):
            line = source[: error.start].count(b"\n") + 1
        raise SourceParseError(path, line, 1, f"{type(error).__name__}: {error}") from None


def _internal(path: str, error: BaseException) -> Finding:
    return Finding(path, 1, 1, UNSAFE_REFERENCE, engine_internal_error(error))
