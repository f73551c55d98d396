"""The runner: pre-filter, parallel workers, and a worker dying mid-run."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from cli_sources import LOSS, PLAIN

from legacy2tf2.migrator import files, runner


def _files(root: Path, count: int) -> list[files.SourceFile]:
    for i in range(count):
        (root / f"m{i:02}.py").write_text(LOSS if i % 2 == 0 else PLAIN)
    return files.discover([str(root)]).files


def test_only_prefiltered_files_are_parsed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    parsed: list[str] = []
    real = runner.process

    def spy(data: bytes, path: str, notebook: bool, write: bool) -> runner.Outcome:
        parsed.append(Path(path).name)
        return real(data, path, notebook, write)

    monkeypatch.setattr(runner, "process", spy)
    outcomes = runner.run(_files(tmp_path, 6), write=True, jobs=1)
    assert parsed == ["m00.py", "m02.py", "m04.py"]
    assert [o.changed for o in outcomes] == [True, False] * 3
    assert outcomes[0].old == LOSS.encode() and outcomes[0].new is not None
    assert outcomes[1].old is None and outcomes[1].new is None


def test_dead_worker_falls_back_to_this_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    parent = os.getpid()
    real = runner.process

    def die_in_worker(data: bytes, path: str, notebook: bool, write: bool) -> runner.Outcome:
        if os.getpid() != parent:
            os._exit(1)
        return real(data, path, notebook, write)

    monkeypatch.setattr(runner, "process", die_in_worker)
    found = _files(tmp_path, 2 * runner.PARALLEL_MIN_FILES)
    outcomes = runner.run(found, write=True, jobs=2)
    assert [o.path for o in outcomes] == [f.path for f in found]
    assert [o.changed for o in outcomes] == [True, False] * runner.PARALLEL_MIN_FILES
    assert not any(o.findings for o in outcomes)
