"""``legacy2tf2 rewrite --check`` as a subprocess: the same exit status and findings as the
rewrite, whose dry run ``--diff`` still rewrites every file.

``--check`` tells most files over the ``ast`` (:mod:`legacy2tf2.migrator.would_rewrite`); a file
that pass leaves to libcst, a notebook and an unparseable file go through the rewrite. Whatever the
path, what it prints must be what ``--diff`` prints on stderr, plus one ``Would rewrite PATH`` line
for each file ``--diff`` shows a diff of.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from cli_sources import LOSS, MODEL, PLAIN, PRE_1_0_LOSS, PY2, UNSAFE

ROOT = Path(__file__).resolve().parents[2]
ENV = {
    **os.environ,
    "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
}

#: Findings only, nothing to rewrite: exit 1 without a ``Would rewrite`` line.
UNKNOWN_NAME = """\
import tensorflow as tf

decoder = tf.contrib.legacy_seq2seq.attention_decoder_v2
"""

#: A TF 1.0 file (tf.contrib.rnn) with repeated layers: ``repeated_cells="copy"``, no finding.
LAYERS_1_0 = """\
import tensorflow as tf

cell = tf.contrib.rnn.GRUCell(32)
stack = tf.contrib.rnn.MultiRNNCell([cell] * 2)
outputs = tf.contrib.rnn.static_rnn(stack, inputs)
"""

#: A file whose TF version cannot be told: L2T005 and L2T024 are reported (exit 1).
UNTOLD = """\
import tensorflow as tf

cell = tf.contrib.rnn.LSTMCell(32, size)
stack = tf.contrib.rnn.MultiRNNCell([cell] * 2)
"""

#: A dead monkeypatch, removed by the rewrite.
PATCHED = """\
import tensorflow as tf

try:
    tf.nn.seq2seq = tf.contrib.legacy_seq2seq
except AttributeError:
    pass
loss = tf.nn.seq2seq.sequence_loss
"""


def _notebook(*cells: str) -> str:
    return json.dumps(
        {
            "cells": [
                {
                    "cell_type": "code",
                    "execution_count": None,
                    "metadata": {},
                    "outputs": [],
                    "source": cell.splitlines(keepends=True),
                }
                for cell in cells
            ],
            "metadata": {"kernelspec": {"language": "python", "name": "python3"}},
            "nbformat": 4,
            "nbformat_minor": 2,
        },
        indent=1,
    )


FILES = {
    "models/seq2seq_model.py": MODEL,
    "models/losses.py": LOSS,
    "models/old_loss.py": PRE_1_0_LOSS,
    "models/layers.py": LAYERS_1_0,
    "models/untold.py": UNTOLD,
    "models/patched.py": PATCHED,
    "unknown.py": UNKNOWN_NAME,
    "dynamic.py": UNSAFE,
    "old.py": PY2,
    "utils.py": PLAIN,
    "notebook.ipynb": _notebook(
        "import tensorflow as tf\n", "cell = tf.contrib.rnn.GRUCell(8)\n", "print(cell)\n"
    ),
}


def _cli(*args: str, cwd: Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "legacy2tf2", "rewrite", *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        env=ENV,
    )


def _tree(tmp_path: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = tmp_path / "project" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def _diffed(stdout: str) -> set[str]:
    return {line[len("--- a/") :] for line in stdout.splitlines() if line.startswith("--- a/")}


def _would(stderr: str) -> tuple[set[str], list[str]]:
    named = {
        line[len("Would rewrite ") :]
        for line in stderr.splitlines()
        if line.startswith("Would rewrite ")
    }
    rest = [line for line in stderr.splitlines() if not line.startswith("Would rewrite ")]
    return named, rest


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_check_prints_what_the_rewrite_prints(tmp_path: Path, jobs: str) -> None:
    _tree(tmp_path, FILES)
    before = {p: p.read_bytes() for p in (tmp_path / "project").rglob("*") if p.is_file()}
    check = _cli("--check", "--jobs", jobs, "project", cwd=tmp_path)
    diff = _cli("--diff", "--jobs", jobs, "project", cwd=tmp_path)
    assert {p: p.read_bytes() for p in before} == before
    named, rest = _would(check.stderr)
    assert check.returncode == diff.returncode == 1
    assert check.stdout == ""
    assert rest == diff.stderr.splitlines()
    assert (
        named
        == _diffed(diff.stdout)
        == {
            f"project/{name}"
            for name in (
                "models/seq2seq_model.py",
                "models/losses.py",
                "models/old_loss.py",
                "models/layers.py",
                "models/untold.py",
                "models/patched.py",
                "notebook.ipynb",
            )
        }
    )
    codes = {line.split(" ")[1] for line in rest if line.startswith("project/")}
    assert {"L2T000", "L2T003", "L2T004", "L2T005", "L2T024"} <= codes
    assert rest[-1] == "would rewrite 7 of 11 files, 7 findings, 1 skipped"


@pytest.mark.parametrize(
    ("source", "status", "would"),
    [
        pytest.param(LOSS, 1, True, id="changed"),
        pytest.param(PLAIN, 0, False, id="plain"),
        pytest.param(UNKNOWN_NAME, 1, False, id="findings only"),
        pytest.param(PRE_1_0_LOSS, 1, True, id="changed with a note"),
        pytest.param(UNSAFE, 1, False, id="left to the rewrite"),
        pytest.param(PY2, 1, False, id="unparseable"),
    ],
)
def test_stdin(tmp_path: Path, source: str, status: int, would: bool) -> None:
    check = _cli("--check", "-", cwd=tmp_path, stdin=source)
    diff = _cli("--diff", "-", cwd=tmp_path, stdin=source)
    named, rest = _would(check.stderr)
    assert (check.returncode, check.stdout) == (status, "")
    assert diff.returncode == status
    assert rest == diff.stderr.splitlines()
    assert named == ({"-"} if would else set())


def test_nothing_to_rewrite_exits_0(tmp_path: Path) -> None:
    _tree(tmp_path, {"utils.py": PLAIN, "models/layers_v2.py": "import tensorflow as tf\n"})
    check = _cli("--check", "project", cwd=tmp_path)
    assert (check.returncode, check.stdout) == (0, "")
    assert check.stderr.splitlines() == ["would rewrite 0 of 2 files, 0 findings, 0 skipped"]
