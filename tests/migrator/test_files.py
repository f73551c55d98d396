"""File discovery (.gitignore, --exclude, symlinks), reading, and atomic writing."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from legacy2tf2.migrator import files
from legacy2tf2.migrator.ignore import compile_pattern, compile_patterns, match


def _tree(root: Path, names: list[str]) -> None:
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x = 1\n")


def _found(root: Path, *paths: str, excludes: tuple[str, ...] = ()) -> list[str]:
    result = files.discover([str(root / p) for p in paths] or [str(root)], excludes)
    return [os.path.relpath(f.path, root).replace(os.sep, "/") for f in result.files]


@pytest.mark.parametrize(
    ("pattern", "path", "is_dir", "expected"),
    [
        pytest.param("*.py", "a/b/c.py", False, True, id="unanchored glob matches at any depth"),
        pytest.param("/gen.py", "gen.py", False, True, id="leading slash anchors"),
        pytest.param("/gen.py", "sub/gen.py", False, None, id="anchored misses deeper"),
        pytest.param("build/", "build", True, True, id="dir-only pattern on a dir"),
        pytest.param("build/", "build", False, None, id="dir-only pattern skips a file"),
        pytest.param("docs/*.py", "docs/a.py", False, True, id="inner slash anchors"),
        pytest.param("docs/*.py", "x/docs/a.py", False, None, id="inner slash not at depth"),
        pytest.param("docs/*.py", "docs/sub/a.py", False, None, id="star stops at slash"),
        pytest.param("**/gen", "a/b/gen", True, True, id="leading double star"),
        pytest.param("out/**", "out/a/b.py", False, True, id="trailing double star"),
        pytest.param("a/**/z.py", "a/z.py", False, True, id="inner double star zero dirs"),
        pytest.param("a/**/z.py", "a/b/c/z.py", False, True, id="inner double star many dirs"),
        pytest.param("mod?.py", "mod1.py", False, True, id="question mark"),
        pytest.param("mod[0-9].py", "mod7.py", False, True, id="character class"),
        pytest.param("mod[!0-9].py", "mod7.py", False, None, id="negated class"),
        pytest.param("\\#notes.py", "#notes.py", False, True, id="escaped hash"),
    ],
)
def test_gitignore_pattern(pattern: str, path: str, is_dir: bool, expected: bool | None) -> None:
    assert match(compile_patterns([pattern]), path, is_dir) is expected


def test_comments_blank_lines_and_negation() -> None:
    assert compile_pattern("# comment") is None
    assert compile_pattern("   ") is None
    patterns = compile_patterns(["*.py", "!keep.py"])
    assert match(patterns, "drop.py", False) is True
    assert match(patterns, "keep.py", False) is False


def test_discovers_python_and_notebooks_sorted(tmp_path: Path) -> None:
    _tree(tmp_path, ["b.py", "a.ipynb", "sub/c.py", "notes.txt", "setup.cfg"])
    assert _found(tmp_path) == ["a.ipynb", "b.py", "sub/c.py"]


def test_gitignore_respected_at_every_level(tmp_path: Path) -> None:
    _tree(tmp_path, ["keep.py", "gen_a.py", "build/out.py", "sub/x.py", "sub/local.py"])
    (tmp_path / ".gitignore").write_text("# generated\ngen_*.py\nbuild/\n")
    (tmp_path / "sub" / ".gitignore").write_text("local.py\n")
    assert _found(tmp_path) == ["keep.py", "sub/x.py"]


def test_gitignore_negation_and_deeper_override(tmp_path: Path) -> None:
    _tree(tmp_path, ["a.py", "b.py", "sub/a.py"])
    (tmp_path / ".gitignore").write_text("*.py\n!b.py\n")
    (tmp_path / "sub" / ".gitignore").write_text("!a.py\n")
    assert _found(tmp_path) == ["b.py", "sub/a.py"]


def test_gitignore_above_root_in_a_git_work_tree(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".gitignore").write_text("src/gen/\n")
    _tree(tmp_path, ["src/a.py", "src/gen/b.py"])
    assert _found(tmp_path, "src") == ["src/a.py"]


def test_gitignore_above_root_ignored_outside_git(tmp_path: Path) -> None:
    (tmp_path / ".gitignore").write_text("src/gen/\n")
    _tree(tmp_path, ["src/a.py", "src/gen/b.py"])
    assert _found(tmp_path, "src") == ["src/a.py", "src/gen/b.py"]


def test_default_tool_directories_skipped(tmp_path: Path) -> None:
    _tree(tmp_path, ["a.py", ".venv/lib/x.py", ".git/hooks/h.py", "nb/.ipynb_checkpoints/n.ipynb"])
    assert _found(tmp_path) == ["a.py"]


def test_exclude_globs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _tree(tmp_path, ["a.py", "a_pb2.py", "gen/x.py", "src/gen/y.py", "src/z.py"])
    monkeypatch.chdir(tmp_path)
    assert _found(tmp_path, excludes=("*_pb2.py",)) == [
        "a.py",
        "gen/x.py",
        "src/gen/y.py",
        "src/z.py",
    ]
    assert _found(tmp_path, excludes=("gen",)) == ["a.py", "a_pb2.py", "src/z.py"]
    assert _found(tmp_path, excludes=("src/gen",)) == ["a.py", "a_pb2.py", "gen/x.py", "src/z.py"]


def test_explicit_file_ignores_gitignore_but_not_exclude(tmp_path: Path) -> None:
    _tree(tmp_path, ["gen.py", "script"])
    (tmp_path / ".gitignore").write_text("gen.py\n")
    assert _found(tmp_path, "gen.py", "script") == ["gen.py", "script"]
    assert _found(tmp_path, "gen.py", excludes=("gen.py",)) == []


def test_symlinks_not_followed_out_of_roots(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    _tree(outside, ["secret.py", "pkg/mod.py"])
    root = tmp_path / "root"
    _tree(root, ["real.py"])
    (root / "link.py").symlink_to(outside / "secret.py")
    (root / "linkdir").symlink_to(outside / "pkg")
    (root / "inner.py").symlink_to(root / "real.py")
    assert _found(root) == ["real.py"]


def test_same_file_named_twice_processed_once(tmp_path: Path) -> None:
    _tree(tmp_path, ["a.py"])
    assert _found(tmp_path, "a.py", ".", "a.py") == ["a.py"]


def test_unlistable_directory_is_a_finding(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _tree(tmp_path, ["a.py", "locked/b.py"])
    real_scandir = os.scandir

    def scandir(path: str):  # type: ignore[no-untyped-def]
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(files.os, "scandir", scandir)
    result = files.discover([str(tmp_path)])
    assert [Path(f.path).name for f in result.files] == ["a.py"]
    assert [(f.code, f.message) for f in result.findings] == [
        ("L2T000", "cannot list directory (Permission denied)")
    ]


def test_unreadable_file_is_a_finding(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _tree(tmp_path, ["a.py"])
    source = files.SourceFile("a.py", str(tmp_path / "a.py"))
    real_open = open

    def deny(path, *args, **kwargs):  # type: ignore[no-untyped-def]
        if str(path) == source.real:
            raise PermissionError(13, "Permission denied")
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr("builtins.open", deny)
    finding = files.read_source(source)
    assert finding == files.Finding("a.py", 1, 1, "L2T000", "cannot read (Permission denied)")


def test_atomic_write_keeps_mode(tmp_path: Path) -> None:
    target = tmp_path / "script.py"
    target.write_bytes(b"old\n")
    target.chmod(0o750)
    files.write_atomic(str(target), b"new\r\n")
    assert target.read_bytes() == b"new\r\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o750
    assert sorted(p.name for p in tmp_path.iterdir()) == ["script.py"]


def test_atomic_write_interrupted_leaves_original(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "model.py"
    target.write_bytes(b"original\n")

    def fail(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "replace", fail)
    with pytest.raises(OSError, match="No space left"):
        files.write_atomic(str(target), b"rewritten\n")
    assert target.read_bytes() == b"original\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["model.py"]


def test_write_back_read_only_file_is_a_finding(tmp_path: Path) -> None:
    target = tmp_path / "ro.py"
    target.write_bytes(b"old\n")
    target.chmod(0o444)
    finding = files.write_back(files.SourceFile("ro.py", str(target)), b"new\n")
    assert finding is not None and finding.code == "L2T008"
    assert "read-only" in finding.message
    assert target.read_bytes() == b"old\n"


def test_write_back_failure_is_a_finding(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "a.py"
    target.write_bytes(b"old\n")

    def fail(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(files.tempfile, "mkstemp", fail)
    finding = files.write_back(files.SourceFile("a.py", str(target)), b"new\n")
    assert finding == files.Finding(
        "a.py", 1, 1, "L2T008", "cannot write, left untouched (Permission denied)"
    )
    assert target.read_bytes() == b"old\n"


def test_work_tree_root_does_not_inherit_an_outer_repository(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".gitignore").write_text("*.py\n")
    inner = tmp_path / "inner"
    (inner / ".git").mkdir(parents=True)
    _tree(inner, ["a.py"])
    assert _found(inner) == ["a.py"]


def test_given_paths_without_a_file_to_process_are_named(tmp_path: Path) -> None:
    _tree(tmp_path, ["code/a.py", "docs/readme.txt", "gen/b.py"])
    found = files.discover(
        [str(tmp_path / "code"), str(tmp_path / "docs"), str(tmp_path / "gen")], ["b.py"]
    )
    assert [Path(f.real).name for f in found.files] == ["a.py"]
    assert found.empty == [str(tmp_path / "docs"), str(tmp_path / "gen")]
    assert files.discover([str(tmp_path / "code")]).empty == []
