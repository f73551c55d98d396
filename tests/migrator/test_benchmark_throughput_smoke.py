"""Smoke test of benchmarks/migrator_throughput.py: it runs and prints every ratio (never timed)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "migrator_throughput.py"


@pytest.mark.heavy
def test_migrator_throughput_small_prints_every_ratio_and_the_fallbacks() -> None:
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--small"],
        capture_output=True,
        text=True,
        check=False,
        timeout=900,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    for tree in ("realistic", "all-hit"):
        for command in ("check", "rewrite --check", "rewrite"):
            assert f"ratio {tree} {command}: " in result.stdout, (tree, command, result.stdout)
    assert result.stdout.count("fallbacks from the ast pass to libcst: ") == 2
    assert "rewrote 6 of 6 files" in result.stdout  # every all-hit file needs rewriting
