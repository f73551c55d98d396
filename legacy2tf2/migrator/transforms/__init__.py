"""The rewrite, one concern per module, run as one libcst pass over one metadata resolution.

- ``references.py``: chains reached through ``tf.``/other prefixes, values, ``getattr`` targets;
- ``imports.py``: import statements of the legacy module, its functions and the cells;
- ``calls.py``: the TF 0.7 4th argument of the loss functions, imports by string;
- ``leftovers.py``: what ``legacy2tf2 check`` reports (no rewrite);
- ``shared.py``: the resolver, findings, naming of the runtime modules and placing new imports.

The concerns touch disjoint node types, so they are composed into one transformer: resolving
scopes and qualified names is the expensive step, and it is done once per file.
"""

from __future__ import annotations

from legacy2tf2.migrator.transforms.calls import RewriteCalls
from legacy2tf2.migrator.transforms.imports import RewriteImports
from legacy2tf2.migrator.transforms.references import RewriteReferences


class RewriteLegacySeq2Seq(RewriteReferences, RewriteImports, RewriteCalls):
    """All rewrites of one file; ``findings`` holds (line, col, code, message) afterwards."""

    DESCRIPTION = "Move tf.contrib.legacy_seq2seq and TF1 RNN cells to legacy2tf2.runtime"


__all__ = ["RewriteLegacySeq2Seq"]
