"""The migrator: a libcst codemod from ``tf.contrib.legacy_seq2seq`` to ``legacy2tf2.runtime``.

Importing this package is cheap: libcst is loaded only when a source has to be parsed, and
neither TensorFlow nor :mod:`legacy2tf2.runtime` is ever imported.

Public API:
    :func:`rewrite_source`, :func:`check_source`, :func:`needs_parse`, :func:`list_rewrites`,
    :class:`RewriteResult`, :class:`SourceParseError`, :class:`Finding`, :data:`CODES`.
"""

from legacy2tf2.migrator.engine import (
    RewriteResult,
    SourceParseError,
    check_source,
    list_rewrites,
    needs_parse,
    rewrite_source,
)
from legacy2tf2.migrator.findings import CODES
from legacy2tf2.migrator.report import Finding

__all__ = [
    "CODES",
    "Finding",
    "RewriteResult",
    "SourceParseError",
    "check_source",
    "list_rewrites",
    "needs_parse",
    "rewrite_source",
]
