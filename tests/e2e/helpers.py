"""Shared by the end-to-end tests: paths, the migrated examples, running programs and the CLI."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
EXAMPLE_NAMES = ("translate", "chatbot", "char_rnn", "forecast", "pre1_0")
#: One TF1 program per era (0.12, 1.0, 1.4) and two notebooks (0.12, 1.x contrib).
ERA_EXAMPLE_NAMES = (
    "tf0_12_translate",
    "tf1_0_char_rnn",
    "tf1_4_seq2seq",
    "tf0_12_notebook",
    "tf1_x_notebook",
)
EXPECTED_DIFFS = ROOT / "fixtures" / "e2e"
CHECKPOINT = ROOT / "fixtures" / "parity" / "checkpoints" / "translate_gru"

#: A migrated program gets this long (TensorFlow's start-up included) before the test fails.
PROGRAM_TIMEOUT = 150


def env() -> dict[str, str]:
    """Quiet TensorFlow, and this checkout importable (the migrated code imports the runtime)."""
    path = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    return {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "2", "PYTHONPATH": path}


def python(
    *args: str, cwd: Path, timeout: float = PROGRAM_TIMEOUT
) -> subprocess.CompletedProcess[str]:
    """``python ARGS`` in ``cwd`` as a real subprocess, with :func:`env`."""
    return subprocess.run(
        [sys.executable, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env(),
    )


def cli(
    *args: str, cwd: Path, timeout: float = PROGRAM_TIMEOUT
) -> subprocess.CompletedProcess[str]:
    """``legacy2tf2 ARGS`` as a real subprocess."""
    return python("-m", "legacy2tf2", *args, cwd=cwd, timeout=timeout)


def run_program(cwd: Path, *args: str) -> str:
    """Run ``python ARGS`` in ``cwd``; return its stdout, failing the test on a non-zero exit."""
    done = python(*args, cwd=cwd)
    assert done.returncode == 0, f"{args} exited {done.returncode}:\n{done.stderr[-4000:]}"
    return done.stdout


def run_notebook(notebook: Path, tmp: Path) -> str:
    """Run ``notebook``'s code cells in a fresh Python in its folder; return stdout or fail.

    The cells run in order in one namespace (``tests.e2e.notebook_runner``), with
    ``tempfile`` writing under ``tmp`` and matplotlib drawing off screen.
    """
    done = subprocess.run(
        [sys.executable, "-m", "tests.e2e.notebook_runner", notebook.name],
        cwd=notebook.parent,
        capture_output=True,
        text=True,
        timeout=PROGRAM_TIMEOUT,
        env={**env(), "TMPDIR": str(tmp), "MPLBACKEND": "Agg"},
    )
    assert done.returncode == 0, f"{notebook.name} exited {done.returncode}:\n{done.stderr[-4000:]}"
    return done.stdout


def numbers_after(label: str, text: str) -> list[float]:
    """Every number printed right after ``label`` (``loss 1.23`` -> [1.23])."""
    return [float(m) for m in re.findall(re.escape(label) + r"\s*([-+0-9.e]+)", text)]


def tokens(text: str) -> list[int]:
    """The integers of the last ``tokens: ...`` line a program printed."""
    lines = [line for line in text.splitlines() if line.startswith("tokens:")]
    assert lines, f"no tokens line in:\n{text}"
    return [int(t) for t in lines[-1].split(":", 1)[1].split()]


def copy_examples(dst: Path, names: tuple[str, ...] = EXAMPLE_NAMES) -> Path:
    """Copy the examples ``names`` (without caches or checkpoints) under ``dst``; return ``dst``."""
    for name in names:
        shutil.copytree(
            EXAMPLES / name, dst / name, ignore=shutil.ignore_patterns("__pycache__", "save")
        )
    return dst


def migrate_in_process(root: Path) -> dict[str, bytes]:
    """``full_upgrade`` every ``.py`` under ``root`` in place; returns the new bytes by path."""
    from legacy2tf2.migrator.full_upgrade import full_upgrade

    out = {}
    for path in sorted(root.rglob("*.py")):
        result = full_upgrade(path.read_bytes(), str(path))
        path.write_bytes(result.source)
        out[str(path.relative_to(root))] = result.source
    return out
