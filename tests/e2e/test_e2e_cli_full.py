"""``legacy2tf2 rewrite --full`` as a real subprocess: what it writes, idempotence, no tensorflow."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.e2e.helpers import EXAMPLE_NAMES, EXAMPLES, cli, copy_examples, env

pytestmark = pytest.mark.e2e


def test_rewrite_full_subprocess_writes_what_full_upgrade_returns(
    migrated: Path, tmp_path: Path
) -> None:
    root = copy_examples(tmp_path)
    done = cli("rewrite", "--full", *EXAMPLE_NAMES, cwd=root)
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines()[-1].startswith("rewrote 8 of 9 files"), done.stderr
    for path in sorted(migrated.rglob("*.py")):
        relative = path.relative_to(migrated)
        if relative.name.startswith("decode_tf1"):  # written there by another test
            continue
        assert (root / relative).read_bytes() == path.read_bytes(), relative
    again = cli("rewrite", "--full", *EXAMPLE_NAMES, cwd=root)
    assert again.returncode == 0, again.stderr
    assert again.stderr.splitlines()[-1].startswith("rewrote 0 of 9 files"), again.stderr


def test_rewrite_full_without_tensorflow_says_so_and_exits_2(tmp_path: Path) -> None:
    source = (EXAMPLES / "pre1_0" / "reverse.py").read_bytes()
    (tmp_path / "reverse.py").write_bytes(source)
    hide_tensorflow = (
        "import sys; sys.modules['tensorflow'] = None; "
        "from legacy2tf2.cli import main; main(prog_name='legacy2tf2')"
    )
    done = subprocess.run(
        [sys.executable, "-c", hide_tensorflow, "rewrite", "--full", "reverse.py"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        env=env(),
    )
    assert done.returncode == 2, done.stderr
    assert "tensorflow" in done.stderr
    assert (tmp_path / "reverse.py").read_bytes() == source
