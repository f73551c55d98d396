"""The libcst side of the engine: parse, run the rewrite or the leftover scan, print.

Imported lazily by :mod:`legacy2tf2.migrator.engine` (importing libcst costs about 0.5 s).
"""

from __future__ import annotations

import ast

import libcst as cst

from legacy2tf2.migrator import locate, scan
from legacy2tf2.migrator.resolve import Resolver
from legacy2tf2.migrator.transforms import RewriteLegacySeq2Seq
from legacy2tf2.migrator.transforms.leftovers import FindLeftovers

RawFinding = tuple[int, int, str, str]


def rewrite(source: bytes, tree: ast.Module | None = None) -> tuple[bytes, list[RawFinding]]:
    """Rewrite ``source`` (already known to parse); return the new bytes and the findings.

    ``tree``: Python's ``ast`` of ``source`` when the caller already has it (parsed otherwise).

    A module in which the ast pass finds nothing the rewrite acts on
    (:meth:`~legacy2tf2.migrator.locate.AstResolver.may_rewrite`) is returned as it is, without
    a libcst parse.
    """
    try:
        located = locate.AstResolver(tree or ast.parse(source), source)
        if not located.may_rewrite():
            return source, []
    except Exception as error:  # a Fallback, or anything the libcst path handles its own way
        locate.count_fallback("rewrite", error)
        return rewrite_whole(source)
    return rewrite_whole(source, located)


def rewrite_whole(
    source: bytes, located: locate.AstResolver | None = None
) -> tuple[bytes, list[RawFinding]]:
    """Rewrite ``source`` (already known to parse) over libcst's tree of the whole file.

    ``located``: the ast pass of ``source``; the file's TF version is then told over it
    (:mod:`.era_ast`) rather than through libcst's scope analysis.
    """
    module = cst.parse_module(source)
    transform = RewriteLegacySeq2Seq(Resolver(module, located))
    new = module.visit(transform)
    if not transform.edited:
        return source, transform.findings
    return _keep_final_newline(source, new.bytes), transform.findings


def _keep_final_newline(source: bytes, new: bytes) -> bytes:
    """libcst drops the final newline of a file whose lines end in a bare ``\\r``; put it back."""
    if source.endswith(b"\r") and not new.endswith((b"\r", b"\n")):
        return new + b"\r"
    return new


def leftovers(source: bytes, tree: ast.Module | None = None) -> list[RawFinding]:
    """The leftover findings of ``source`` (already known to parse; ``tree``: its ``ast``, if
    the caller has it).

    Found over the ``ast`` (:mod:`legacy2tf2.migrator.scan`, no libcst parse); a source of a
    shape that pass leaves to libcst is scanned by :func:`leftovers_whole`.
    """
    try:
        return scan.leftover_findings(locate.AstResolver(tree or ast.parse(source), source))
    except Exception as error:  # a Fallback, or anything the libcst path handles its own way
        locate.count_fallback("check", error)
    return leftovers_whole(source)


def leftovers_whole(source: bytes) -> list[RawFinding]:
    """The leftover findings of ``source`` (already known to parse), over libcst's tree."""
    resolver = Resolver(cst.parse_module(source))
    finder = FindLeftovers(resolver)
    resolver.module.visit(finder)
    return finder.findings
