"""Gitignore lines that git skips compile to nothing (they must not ignore the whole tree)."""

from __future__ import annotations

import pytest

from legacy2tf2.migrator.ignore import compile_pattern, compile_patterns, match


@pytest.mark.parametrize("line", ["/", "!/", "/  ", "!", "# comment", "", "\n"])
def test_lines_git_skips_compile_to_nothing(line: str) -> None:
    assert compile_pattern(line) is None


def test_a_lone_slash_ignores_nothing() -> None:
    patterns = compile_patterns(["/", "*.pyc"])
    assert match(patterns, "model.py", False) is None
    assert match(patterns, "pkg", True) is None
    assert match(patterns, "model.pyc", False) is True


def test_a_dir_only_pattern_matches_the_directory_not_a_file_of_that_name() -> None:
    patterns = compile_patterns(["build/", "!keep/"])
    assert match(patterns, "src/build", True) is True
    assert match(patterns, "src/build", False) is None
    assert match(patterns, "keep", True) is False
