"""The real command line, run as a subprocess: ``python -m legacy2tf2``."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from cli_sources import LOSS, MODEL, PLAIN, PY2, make_tree

ROOT = Path(__file__).resolve().parents[2]
ENV = {
    **os.environ,
    "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
}


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "legacy2tf2", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        env=ENV,
    )


def test_check_rewrite_check_round_trip(tmp_path: Path) -> None:
    tree = make_tree(tmp_path)
    would = _cli("rewrite", "--check", "project", cwd=tmp_path)
    assert would.returncode == 1, would.stderr
    assert "Would rewrite project/models/losses.py" in would.stderr.splitlines()
    assert (tree / "models" / "losses.py").read_text() == LOSS
    done = _cli("rewrite", "project", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines()[-1] == "rewrote 2 of 3 files, 0 findings, 0 skipped"
    assert (tree / "models" / "seq2seq_model.py").read_text() != MODEL
    gate = _cli("check", "project", cwd=tmp_path)
    assert (gate.returncode, gate.stdout) == (0, ""), gate.stdout + gate.stderr


def test_python2_file_exit_1_and_file_kept(tmp_path: Path) -> None:
    (tmp_path / "old.py").write_text(PY2)
    result = _cli("rewrite", "old.py", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.startswith("old.py:3:")
    assert (tmp_path / "old.py").read_text() == PY2


def test_missing_path_exit_2(tmp_path: Path) -> None:
    assert _cli("check", "nope.py", cwd=tmp_path).returncode == 2


def test_plain_files_load_neither_libcst_nor_tensorflow(tmp_path: Path) -> None:
    for i in range(20):
        (tmp_path / f"m{i}.py").write_text(PLAIN)
    probe = (
        "import sys\n"
        "from legacy2tf2.cli import main\n"
        "try:\n"
        "    main(['rewrite', '--check', '.'])\n"
        "except SystemExit as exc:\n"
        "    assert exc.code == 0, exc.code\n"
        "loaded = sorted(m for m in ('libcst', 'tensorflow', 'keras') if m in sys.modules)\n"
        "print(loaded)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        env=ENV,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == "[]\n"


def test_unwritable_file_is_l2t008_exit_1_and_kept(tmp_path: Path) -> None:
    (tmp_path / "losses.py").write_text(LOSS)
    (tmp_path / "losses.py").chmod(0o444)
    result = _cli("rewrite", "losses.py", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert result.stderr.splitlines() == [
        "losses.py:1:1: L2T008 cannot write (read-only file), left untouched",
        "rewrote 0 of 1 files, 1 findings, 1 skipped",
    ]
    assert (tmp_path / "losses.py").read_text() == LOSS


def test_a_path_without_python_files_says_so_in_one_line_exit_0(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "notes.txt").write_text("tf.contrib\n")
    for command in (["rewrite"], ["rewrite", "--check"], ["check"]):
        result = _cli(*command, "docs", cwd=tmp_path)
        assert (result.returncode, result.stdout) == (0, ""), result.stderr
        assert result.stderr == "legacy2tf2: docs: no Python files or notebooks to process\n"
    sarif = _cli("check", "--format", "sarif", "docs", cwd=tmp_path)
    assert sarif.returncode == 0 and '"results": []' in sarif.stdout
