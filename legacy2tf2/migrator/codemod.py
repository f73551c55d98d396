"""The libcst side of the engine: parse, run the rewrite or the leftover scan, print.

Imported lazily by :mod:`legacy2tf2.migrator.engine` (importing libcst costs about 0.5 s).
"""

from __future__ import annotations

import libcst as cst
from libcst.codemod import CodemodContext
from libcst.metadata import MetadataWrapper

from legacy2tf2.migrator.resolve import Resolver
from legacy2tf2.migrator.transforms import RewriteLegacySeq2Seq
from legacy2tf2.migrator.transforms.leftovers import FindLeftovers

RawFinding = tuple[int, int, str, str]


def rewrite(source: bytes) -> tuple[bytes, list[RawFinding]]:
    """Rewrite ``source`` (already known to parse); return the new bytes and the findings."""
    module = cst.parse_module(source)
    transform = RewriteLegacySeq2Seq(CodemodContext())
    new = transform.transform_module(module)
    findings = getattr(transform, "findings", [])
    if new.deep_equals(module):
        return source, findings
    return new.bytes, findings


def leftovers(source: bytes) -> list[RawFinding]:
    """The leftover findings of ``source`` (already known to parse)."""
    wrapper = MetadataWrapper(cst.parse_module(source), unsafe_skip_copy=True)
    resolver = Resolver.for_wrapper(wrapper)
    finder = FindLeftovers(resolver)
    wrapper.module.visit(finder)
    return finder.findings
