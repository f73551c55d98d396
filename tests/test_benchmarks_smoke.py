"""Smoke tests of the benchmarks: each runs in --small mode and prints its ratios, never timed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("tensorflow")

SCRIPT = Path(__file__).resolve().parents[1] / "benchmarks" / "runtime_speed.py"


def _run_small(script: Path, *arguments: str) -> str:
    """Run a benchmark in its smoke mode; its stdout, after checking it exited 0."""
    result = subprocess.run(
        [sys.executable, str(script), "--small", *arguments],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
        env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "2"},
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


@pytest.mark.heavy
def test_runtime_speed_small_prints_every_ratio() -> None:
    stdout = _run_small(SCRIPT, "--repeats", "1")
    for section in ("greedy", "xla", "beam", "train", "memory"):
        assert f"ratio {section}: " in stdout, (section, stdout[-3000:])
    assert "device: " in stdout
    assert "summary" in stdout


DECODE_SCRIPT = SCRIPT.parent / "decode_speed.py"


@pytest.mark.heavy
def test_decode_speed_small_prints_every_ratio_and_verdict() -> None:
    stdout = _run_small(DECODE_SCRIPT, "--repeats", "1")
    for ratio in ("greedy/floor", "beam/beam floor", "recipe/greedy"):
        assert f"ratio {ratio}: " in stdout, (ratio, stdout[-3000:])
    assert stdout.count("goal ") == 3 and "ms/step" in stdout
    assert "load average" in stdout


FULL_JOBS_SCRIPT = SCRIPT.parent / "full_jobs.py"


@pytest.mark.heavy
def test_full_jobs_small_prints_the_ratio_and_same_findings() -> None:
    stdout = _run_small(FULL_JOBS_SCRIPT)
    assert "ratio serial/parallel: " in stdout, stdout
    assert "same findings and exit status: yes" in stdout
    assert "load average: " in stdout


FULL_SHARING_SCRIPT = SCRIPT.parent / "full_sharing.py"


@pytest.mark.heavy
def test_full_sharing_small_prints_the_ratio_and_same_outputs() -> None:
    stdout = _run_small(FULL_SHARING_SCRIPT)
    assert "ratio nothing shared/shared: " in stdout, stdout
    assert "same source and findings: yes" in stdout
    assert "metadata wrappers" in stdout
