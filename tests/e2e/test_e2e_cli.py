"""The command line over the examples: stored diffs, ``rewrite --full``, ``check``, ``demo``."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.helpers import (
    EXAMPLE_NAMES,
    EXPECTED_DIFFS,
    ROOT,
    cli,
)

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_rewrite_diff_of_each_original_example_is_the_stored_one(name: str) -> None:
    done = cli("rewrite", "--diff", f"examples/{name}", cwd=ROOT)
    assert done.returncode == 1, done.stderr  # --diff: 1 means files would change
    assert done.stdout == (EXPECTED_DIFFS / f"{name}.diff").read_text()


def test_check_finds_contrib_and_removed_cells_in_the_originals() -> None:
    done = cli("check", "examples", cwd=ROOT)
    assert done.returncode == 1
    report = done.stdout + done.stderr
    for name in EXAMPLE_NAMES:
        assert f"examples/{name}/" in report, name
    assert "L2T001" in report
    assert "L2T002" in report


def test_check_is_clean_on_every_migrated_example(migrated: Path) -> None:
    done = cli("check", *EXAMPLE_NAMES, cwd=migrated)
    assert done.returncode == 0, done.stdout + done.stderr
    report = done.stdout + done.stderr
    assert "L2T001" not in report  # no legacy_seq2seq, no tf.contrib left
    assert "L2T002" not in report  # no TF1 cell Keras 3 lacks


def test_demo_shows_the_diff_trains_and_decodes_tf1_tokens() -> None:
    done = cli("demo", cwd=ROOT)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    out = done.stdout
    assert "+from legacy2tf2.runtime import legacy_seq2seq" in out
    assert "loss" in out and "->" in out
    assert "tokens equal what TF1 decoded" in out
    assert "demo passed" in out
