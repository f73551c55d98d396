"""Findings: the one record every migrator command reports, and its renderers."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Finding:
    """One thing the migrator reports at a source position (1-based line, 1-based column)."""

    path: str
    line: int
    col: int
    code: str
    message: str
