"""The libcst side of the engine: parse, run the rewrite or the leftover scan, print.

A rewrite over the ast pass prints only the statements it changed, into the input's bytes
(:mod:`legacy2tf2.migrator.splice`); the whole module is printed where that cannot be proven
right. Imported lazily by :mod:`legacy2tf2.migrator.engine` (importing libcst costs about 0.5 s).
"""

from __future__ import annotations

import ast

import libcst as cst

from legacy2tf2.migrator import locate, partial, scan, splice
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
    (:mod:`.era_ast`), libcst parses the file with the definitions the rewrite cannot touch
    left out (:mod:`.partial`), and only the changed statements are printed, into ``source``'s
    bytes (:mod:`.splice`). Without it, the whole new module is printed (the reference the
    differential test compares the splice with).
    """
    if located is not None:
        try:
            planned = partial.plan(located)
            if planned is not None:
                return _rewrite_partial(source, located, planned)
        except partial.Unsafe as error:
            locate.count_fallback("partial", error)
    module = cst.parse_module(source)
    kind = RewriteLegacySeq2Seq if located is None else _KeepingUnchanged
    transform = kind(Resolver(module, located))
    new = module.visit(transform)
    if not transform.edited:
        return source, transform.findings
    return _keep_final_newline(source, _print(source, located, module, new)), transform.findings


def _rewrite_partial(
    source: bytes, located: locate.AstResolver, planned: partial.Plan
) -> tuple[bytes, list[RawFinding]]:
    """:func:`rewrite_whole` over libcst's parse of ``planned.source``, the module with the
    definitions the rewrite cannot touch left out; raises :class:`partial.Unsafe` where the
    result is not proven to be the whole module's."""
    module = cst.parse_module(planned.source)
    transform = _KeepingUnchanged(Resolver(module, located, left_out=planned.names()))
    new = module.visit(transform)
    partial.LEFT_OUT["files"] += 1
    if not transform.edited:
        return source, transform.findings
    partial.verify(located, planned.skipped, module, new)
    try:
        spliced = splice.splice(source, located.tree, module, new)
    except splice.SpliceMismatch as error:
        raise partial.Unsafe(f"splice: {error}") from None
    return _keep_final_newline(source, spliced), transform.findings


class _KeepingUnchanged(RewriteLegacySeq2Seq):
    """The rewrite, answering the original node where libcst only copied it on the way.

    libcst rebuilds every node whose children it visits; handing back the original object where
    no child changed lets :func:`splice.splice` tell the changed statements by identity.
    """

    def on_leave(self, original_node: cst.CSTNode, updated_node: cst.CSTNode):  # type: ignore[override]
        """The hooks' result, or ``original_node`` where that is an unchanged copy of it."""
        result = super().on_leave(original_node, updated_node)
        if (
            result is updated_node
            and result is not original_node
            and splice.same_children(original_node, updated_node)
        ):
            return original_node
        return result


def _print(
    source: bytes, located: locate.AstResolver | None, module: cst.Module, new: cst.Module
) -> bytes:
    """``new.bytes``: spliced into ``source`` where the ast pass gives the lines."""
    if located is not None:
        try:
            return splice.splice(source, located.tree, module, new)
        except Exception as error:  # a SpliceMismatch, or any surprise: print the whole module
            locate.count_fallback("splice", error)
    return new.bytes


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
