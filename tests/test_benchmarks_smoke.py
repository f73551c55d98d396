"""Smoke tests of the benchmarks: each runs in --small mode and prints its ratios, never timed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("tensorflow")

SCRIPT = Path(__file__).resolve().parents[1] / "benchmarks" / "runtime_speed.py"


@pytest.mark.heavy
def test_runtime_speed_small_prints_every_ratio() -> None:
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--small", "--repeats", "1"],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
        env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "2"},
    )
    assert result.returncode == 0, result.stderr[-3000:]
    for section in ("greedy", "xla", "beam", "train", "memory"):
        assert f"ratio {section}: " in result.stdout, (section, result.stdout[-3000:])
    assert "device: " in result.stdout
    assert "summary" in result.stdout


DECODE_SCRIPT = SCRIPT.parent / "decode_speed.py"


@pytest.mark.heavy
def test_decode_speed_small_prints_every_ratio_and_verdict() -> None:
    result = subprocess.run(
        [sys.executable, str(DECODE_SCRIPT), "--small", "--repeats", "1"],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
        env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "2"},
    )
    assert result.returncode == 0, result.stderr[-3000:]
    for ratio in ("greedy/floor", "beam/beam floor", "recipe/greedy"):
        assert f"ratio {ratio}: " in result.stdout, (ratio, result.stdout[-3000:])
    assert result.stdout.count("goal ") == 3 and "ms/step" in result.stdout
    assert "load average" in result.stdout


FULL_JOBS_SCRIPT = SCRIPT.parent / "full_jobs.py"


@pytest.mark.heavy
def test_full_jobs_small_prints_the_ratio_and_same_findings() -> None:
    result = subprocess.run(
        [sys.executable, str(FULL_JOBS_SCRIPT), "--small"],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
        env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "2"},
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "ratio serial/parallel: " in result.stdout, result.stdout
    assert "same findings and exit status: yes" in result.stdout
    assert "load average: " in result.stdout


FULL_SHARING_SCRIPT = SCRIPT.parent / "full_sharing.py"


@pytest.mark.heavy
def test_full_sharing_small_prints_the_ratio_and_same_outputs() -> None:
    result = subprocess.run(
        [sys.executable, str(FULL_SHARING_SCRIPT), "--small"],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
        env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "2"},
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "ratio nothing shared/shared: " in result.stdout, result.stdout
    assert "same source and findings: yes" in result.stdout
    assert "metadata wrappers" in result.stdout
