"""``legacy2tf2 rewrite`` through click's runner: every option and exit code."""

from __future__ import annotations

import io
import json
import os
import sys
from pathlib import Path

import pytest
from cli_sources import FSTRING, LOSS, MODEL, PLAIN, PRE_1_0_LOSS, PY2, UNSAFE, make_tree
from click.testing import CliRunner

from legacy2tf2.commands._common import PROGRESS_MIN_FILES, progress_bar
from legacy2tf2.commands.rewrite import rewrite
from legacy2tf2.migrator import engine, files, runner


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    return make_tree(tmp_path)


def _run(*args: str, stdin: bytes | None = None):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(rewrite, list(args), input=stdin, catch_exceptions=False)


def _snapshot(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


def test_rewrites_in_place_and_summarises(tree: Path) -> None:
    result = _run(str(tree))
    assert result.exit_code == 0, result.stderr
    model = (tree / "models" / "seq2seq_model.py").read_text()
    assert "legacy2tf2.runtime" in model and "tf.contrib" not in model
    assert "legacy2tf2.runtime" in (tree / "models" / "losses.py").read_text()
    assert (tree / "utils.py").read_text() == PLAIN
    assert result.stdout == ""
    assert result.stderr.splitlines()[-1] == "rewrote 2 of 3 files, 0 findings, 0 skipped"
    again = _run(str(tree))
    assert again.exit_code == 0
    assert again.stderr.splitlines()[-1] == "rewrote 0 of 3 files, 0 findings, 0 skipped"


def test_python2_file_left_untouched_reported_and_exit_1(tree: Path) -> None:
    legacy = tree / "legacy_py2.py"
    legacy.write_text(PY2)
    result = _run(str(tree))
    assert result.exit_code == 1
    assert legacy.read_text() == PY2  # never emptied (tf_upgrade_v2 writes it out as 0 bytes)
    assert f"{legacy}:3:" in result.stderr and "L2T000 cannot parse (" in result.stderr
    assert "legacy2tf2.runtime" in (tree / "models" / "seq2seq_model.py").read_text()
    assert result.stderr.splitlines()[-1] == "rewrote 2 of 4 files, 1 findings, 1 skipped"


def test_modern_fstring_file_does_not_stop_the_run(tree: Path) -> None:
    modern = tree / "modern.py"
    modern.write_text(FSTRING)
    result = _run(str(tree))
    assert result.exit_code == 0, result.stderr
    assert 'label = "model " f"{name}"' in modern.read_text()
    assert "legacy2tf2.runtime" in modern.read_text()
    assert result.stderr.splitlines()[-1] == "rewrote 3 of 4 files, 0 findings, 0 skipped"


def test_code_left_unrewritten_exits_1(tmp_path: Path) -> None:
    unsafe = tmp_path / "dynamic.py"
    unsafe.write_text(UNSAFE)
    result = _run(str(unsafe))
    assert result.exit_code == 1
    assert unsafe.read_text() == UNSAFE
    assert f"{unsafe}:3:" in result.stderr


def test_diff_prints_and_writes_nothing(tree: Path) -> None:
    before = _snapshot(tree)
    result = _run("--diff", str(tree))
    assert result.exit_code == 1
    assert _snapshot(tree) == before
    model = os.path.join(str(tree), "models", "seq2seq_model.py")
    assert f"--- a/{model}\n+++ b/{model}\n" in result.stdout
    assert "-    return tf.contrib.legacy_seq2seq.embedding_rnn_seq2seq(\n" in result.stdout
    assert "would rewrite 2 of 3 files" in result.stderr


def test_diff_without_changes_exits_0(tmp_path: Path) -> None:
    (tmp_path / "plain.py").write_text(PLAIN)
    result = _run("--diff", str(tmp_path))
    assert (result.exit_code, result.stdout) == (0, "")


def test_check_names_files_and_writes_nothing(tree: Path) -> None:
    before = _snapshot(tree)
    result = _run("--check", str(tree))
    assert result.exit_code == 1
    assert _snapshot(tree) == before
    assert f"Would rewrite {tree / 'models' / 'losses.py'}" in result.stderr.splitlines()
    assert result.stdout == ""
    (tree / "models" / "losses.py").unlink()
    (tree / "models" / "seq2seq_model.py").unlink()
    assert _run("--check", str(tree)).exit_code == 0


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["--diff", "--check", "."], id="diff and check together"),
        pytest.param(["does-not-exist.py"], id="missing path"),
        pytest.param([], id="no path"),
        pytest.param(["--jobs", "0", "."], id="jobs below 1"),
        pytest.param(["--no-such-option", "."], id="unknown option"),
        pytest.param(["-", "."], id="stdin mixed with paths"),
    ],
)
def test_usage_errors_exit_2(
    args: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(rewrite, args)
    assert result.exit_code == 2


def test_stdin_to_stdout() -> None:
    result = _run("-", stdin=LOSS.encode())
    assert result.exit_code == 0
    assert "legacy2tf2.runtime" in result.stdout and "tensorflow.contrib" not in result.stdout
    plain = _run("-", stdin=PLAIN.encode())
    assert (plain.exit_code, plain.stdout) == (0, PLAIN)


def test_stdin_diff_and_check() -> None:
    diff = _run("--diff", "-", stdin=LOSS.encode())
    assert diff.exit_code == 1 and diff.stdout.startswith("--- a/-\n+++ b/-\n")
    check = _run("--check", "-", stdin=LOSS.encode())
    assert (check.exit_code, check.stdout, check.stderr) == (1, "", "Would rewrite -\n")


def test_stdin_python2_exits_1_and_echoes_input() -> None:
    result = _run("-", stdin=PY2.encode())
    assert result.exit_code == 1
    assert result.stdout == PY2
    assert result.stderr.startswith("-:3:")


def test_list_rewrites() -> None:
    result = _run("--list-rewrites")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert len(lines) == len(engine.list_rewrites()) > 0
    assert all(" -> " in line for line in lines)


def test_gitignore_and_exclude_respected(tree: Path) -> None:
    (tree / ".gitignore").write_text("models/losses.py\n")
    result = _run("--exclude", "seq2seq_*.py", str(tree))
    assert result.exit_code == 0
    assert (tree / "models" / "losses.py").read_text() == LOSS
    assert (tree / "models" / "seq2seq_model.py").read_text() == MODEL
    assert result.stderr.splitlines()[-1] == "rewrote 0 of 1 files, 0 findings, 0 skipped"


def test_read_only_file_is_a_finding(tree: Path) -> None:
    target = tree / "models" / "losses.py"
    target.chmod(0o444)
    result = _run(str(tree))
    assert result.exit_code == 1
    assert target.read_text() == LOSS
    assert f"{target}:1:1: L2T008 cannot write (read-only file), left untouched" in result.stderr
    assert result.stderr.splitlines()[-1] == "rewrote 1 of 3 files, 1 findings, 1 skipped"


def test_failed_replace_leaves_original_and_no_temp_file(
    tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(src: str, dst: str) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(files.os, "replace", fail)
    before = _snapshot(tree)
    result = _run(str(tree))
    assert result.exit_code == 1
    assert _snapshot(tree) == before  # no temp file left, every file as it was
    assert "cannot write, left untouched (Input/output error)" in result.stderr


def test_parallel_and_serial_give_the_same_files(tmp_path: Path) -> None:
    for jobs in ("1", "2"):
        root = tmp_path / f"jobs{jobs}"
        root.mkdir()
        for i in range(runner.PARALLEL_MIN_FILES + 4):
            (root / f"m{i:02}.py").write_text(MODEL if i % 2 else LOSS)
            (root / f"p{i:02}.py").write_text(PLAIN)
        result = _run("--jobs", jobs, str(root))
        assert result.exit_code == 0
    assert _snapshot(tmp_path / "jobs1") == _snapshot(tmp_path / "jobs2")


def test_notebook_in_tree_rewritten(tree: Path) -> None:
    cell = {"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [],
            "source": ["%matplotlib inline\n", *MODEL.splitlines(keepends=True)]}  # fmt: skip
    nb = tree / "explore.ipynb"
    nb.write_text(
        json.dumps({"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 4}, indent=1)
        + "\n"
    )
    result = _run(str(tree))
    assert result.exit_code == 0, result.stderr
    source = json.loads(nb.read_text())["cells"][0]["source"]
    assert "%matplotlib inline\n" in source
    assert "legacy2tf2.runtime" in "".join(source)


def test_engine_crash_on_one_file_still_processes_the_rest(
    tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = engine.rewrite_source

    def crash_on_losses(source: bytes, path: str = "-"):  # type: ignore[no-untyped-def]
        if path.endswith("losses.py"):
            raise RuntimeError("boom")
        return real(source, path)

    monkeypatch.setattr(engine, "rewrite_source", crash_on_losses)
    result = _run("--jobs", "1", str(tree))
    assert result.exit_code == 2
    assert "legacy2tf2.runtime" in (tree / "models" / "seq2seq_model.py").read_text()
    assert (tree / "models" / "losses.py").read_text() == LOSS
    assert "internal error (RuntimeError: boom)" in result.stderr


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_only_for_large_runs_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    with progress_bar(PROGRESS_MIN_FILES, "rewriting") as update:
        assert update is None  # not a terminal
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    with progress_bar(PROGRESS_MIN_FILES - 1, "rewriting") as update:
        assert update is None  # small run
    with progress_bar(PROGRESS_MIN_FILES, "rewriting") as update:
        assert update is not None
        update(PROGRESS_MIN_FILES)
    assert "rewriting" in terminal.getvalue() and "100%" in terminal.getvalue()


def test_dropped_pre_1_0_argument_is_reported_but_does_not_fail(tmp_path: Path) -> None:
    target = tmp_path / "old_loss.py"
    target.write_text(PRE_1_0_LOSS)
    result = _run(str(target))
    assert result.exit_code == 0, result.stderr
    assert f"{target}:5:" in result.stderr and "L2T004" in result.stderr
    assert "sequence_loss(logits, targets, weights)" in target.read_text()
    assert result.stderr.splitlines()[-1] == "rewrote 1 of 1 files, 1 findings, 0 skipped"


def test_bom_crlf_and_mode_survive_a_rewrite(tmp_path: Path) -> None:
    target = tmp_path / "train.py"
    original = b"\xef\xbb\xbf#!/usr/bin/env python\r\n" + LOSS.replace("\n", "\r\n").encode()
    target.write_bytes(original)
    target.chmod(0o755)
    result = _run(str(target))
    assert result.exit_code == 0, result.stderr
    data = target.read_bytes()
    assert data != original
    assert data.startswith(b"\xef\xbb\xbf#!/usr/bin/env python\r\n")
    assert data.count(b"\n") == data.count(b"\r\n")
    assert (target.stat().st_mode & 0o777) == 0o755


def test_undecodable_file_left_untouched(tmp_path: Path) -> None:
    target = tmp_path / "latin.py"
    original = b"import tensorflow as tf\nname = '\xe9t\xe9'\nloss = tf.contrib.legacy_seq2seq.sequence_loss\n"
    target.write_bytes(original)
    result = _run(str(target))
    assert result.exit_code == 1
    assert target.read_bytes() == original
    assert f"{target}:" in result.stderr and "L2T000 cannot parse (" in result.stderr
