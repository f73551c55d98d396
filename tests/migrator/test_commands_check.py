"""``legacy2tf2 check`` through click's runner: formats, output file, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_sources import FSTRING, MODEL, PLAIN, PY2, make_tree
from click.testing import CliRunner

from legacy2tf2.commands.check import check


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    return make_tree(tmp_path)


def _run(*args: str, stdin: bytes | None = None):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(check, list(args), input=stdin, catch_exceptions=False)


def test_text_findings_on_stdout_exit_1(tree: Path) -> None:
    result = _run(str(tree))
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    model = tree / "models" / "seq2seq_model.py"
    assert any(line.startswith(f"{model}:5:") for line in lines), lines
    assert all(line.split(": ", 1)[1].startswith("L2T") for line in lines)
    assert result.stderr.startswith("checked 3 files, ")


def test_clean_tree_exit_0(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text(PLAIN)
    result = _run(str(tmp_path))
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == "checked 1 files, 0 findings, 0 skipped\n"


def test_check_writes_nothing(tree: Path) -> None:
    before = (tree / "models" / "seq2seq_model.py").read_bytes()
    _run(str(tree))
    assert (tree / "models" / "seq2seq_model.py").read_bytes() == before


def test_json_format(tree: Path) -> None:
    result = _run("--format", "json", str(tree))
    assert result.exit_code == 1
    records = json.loads(result.stdout)
    assert records and set(records[0]) == {"path", "line", "col", "code", "message"}


def test_github_format(tree: Path) -> None:
    result = _run("--format", "github", str(tree))
    assert result.exit_code == 1
    assert all(line.startswith("::error file=") for line in result.stdout.splitlines())


def test_sarif_to_output_file(tree: Path, tmp_path: Path) -> None:
    report = tmp_path / "report.sarif"
    result = _run("--format", "sarif", "-o", str(report), str(tree))
    assert result.exit_code == 1
    assert result.stdout == ""
    log = json.loads(report.read_text())
    assert log["version"] == "2.1.0" and log["runs"][0]["results"]


def test_unwritable_output_exits_2(tree: Path, tmp_path: Path) -> None:
    result = _run("-o", str(tmp_path / "missing-dir" / "out.txt"), str(tree))
    assert result.exit_code == 2
    assert "cannot write report" in result.stderr


def test_unknown_format_exits_2(tree: Path) -> None:
    assert CliRunner().invoke(check, ["--format", "xml", str(tree)]).exit_code == 2


def test_python2_file_is_a_finding(tmp_path: Path) -> None:
    (tmp_path / "old.py").write_text(PY2)
    (tmp_path / "modern.py").write_text(FSTRING)
    result = _run("--format", "json", str(tmp_path))
    assert result.exit_code == 1
    records = json.loads(result.stdout)
    parse = [r for r in records if r["code"] == "L2T000"]
    assert [(Path(r["path"]).name, r["line"]) for r in parse] == [("old.py", 3)]
    assert parse[0]["message"].startswith("cannot parse (")
    assert (tmp_path / "old.py").read_text() == PY2


def test_unreadable_file_is_a_finding(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "model.py"
    target.write_text(MODEL)
    real_open = open

    def deny(path, *args, **kwargs):  # type: ignore[no-untyped-def]
        if str(path) == str(target):
            raise PermissionError(13, "Permission denied")
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr("builtins.open", deny)
    result = _run(str(tmp_path))
    assert result.exit_code == 1
    assert result.stdout == f"{target}:1:1: L2T000 cannot read (Permission denied)\n"
    assert result.stderr == "checked 1 files, 1 findings, 1 skipped\n"


def test_stdin() -> None:
    result = _run("-", stdin=MODEL.encode())
    assert result.exit_code == 1
    assert result.stdout.startswith("-:")
    clean = _run("-", stdin=PLAIN.encode())
    assert (clean.exit_code, clean.stdout) == (0, "")


def test_list_rewrites_exit_0() -> None:
    result = _run("--list-rewrites")
    assert result.exit_code == 0 and " -> " in result.stdout


def test_missing_path_exits_2(tmp_path: Path) -> None:
    assert CliRunner().invoke(check, [str(tmp_path / "nope")]).exit_code == 2
