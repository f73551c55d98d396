"""The runner: one step per file through files, notebooks and stdin, workers, errors by type."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from cli_sources import LOSS, PLAIN

from legacy2tf2.migrator import files, runner, steps
from legacy2tf2.migrator.engine import RewriteResult, SourceParseError

REWRITTEN_LOSS = """\
from legacy2tf2.runtime import legacy_seq2seq as seq2seq


def loss(logits, targets, weights):
    return seq2seq.sequence_loss(logits, targets, weights)
"""


def _files(root: Path, count: int) -> list[files.SourceFile]:
    for i in range(count):
        (root / f"m{i:02}.py").write_text(LOSS if i % 2 == 0 else PLAIN)
    return files.discover([str(root)]).files


def _notebook(*cells: str) -> bytes:
    code = [
        {
            "cell_type": "code",
            "execution_count": None,
            "metadata": {},
            "outputs": [],
            "source": cell.splitlines(keepends=True),
        }
        for cell in cells
    ]
    notebook = {"cells": code, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    return (json.dumps(notebook, indent=1) + "\n").encode()


def test_only_prefiltered_files_are_parsed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    parsed: list[str] = []
    real = runner.process

    def spy(data: bytes, path: str, notebook: bool, step: steps.Step) -> runner.Outcome:
        parsed.append(Path(path).name)
        return real(data, path, notebook, step)

    monkeypatch.setattr(runner, "process", spy)
    outcomes = runner.run(_files(tmp_path, 6), steps.REWRITE, jobs=1)
    assert parsed == ["m00.py", "m02.py", "m04.py"]
    assert [o.changed for o in outcomes] == [True, False] * 3
    assert outcomes[0].old == LOSS.encode() and outcomes[0].new == REWRITTEN_LOSS.encode()
    assert outcomes[1].old is None and outcomes[1].new is None


def test_dead_worker_falls_back_to_this_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    parent = os.getpid()
    real = runner.process

    def die_in_worker(data: bytes, path: str, notebook: bool, step: steps.Step) -> runner.Outcome:
        if os.getpid() != parent:
            os._exit(1)
        return real(data, path, notebook, step)

    monkeypatch.setattr(runner, "process", die_in_worker)
    found = _files(tmp_path, 2 * runner.PARALLEL_MIN_FILES)
    outcomes = runner.run(found, steps.REWRITE, jobs=2)
    assert [o.path for o in outcomes] == [f.path for f in found]
    assert [o.changed for o in outcomes] == [True, False] * runner.PARALLEL_MIN_FILES
    assert not any(o.findings for o in outcomes)


@pytest.mark.parametrize("step", [steps.REWRITE, steps.CHECK], ids=lambda s: s.name)
def test_one_step_gives_the_same_result_through_a_file_a_notebook_and_stdin(
    tmp_path: Path, step: steps.Step
) -> None:
    source = "import tensorflow as tf\ncell = tf.contrib.rnn.NASCell(4)\n"
    (tmp_path / "m.py").write_text(source)
    (tmp_path / "n.ipynb").write_bytes(_notebook(source))
    by_file, by_notebook = runner.run(files.discover([str(tmp_path)]).files, step, jobs=1)
    by_stdin = runner.run_bytes(source.encode(), "-", step)
    for outcome in (by_file, by_notebook, by_stdin):
        assert [(f.line, f.col, f.code) for f in outcome.findings] == [(2, 8, "L2T002")]
        assert outcome.changed is step.writes and not outcome.internal_error
    message = by_file.findings[0].message
    assert "NASCell" in message and by_stdin.findings[0].message == message
    assert by_notebook.findings[0].message == f"cell 1: {message}"
    if step.writes:
        new = 'from legacy2tf2.runtime import rnn_cell\ncell = rnn_cell.unsupported("NASCell")(4)\n'
        assert by_file.new == by_stdin.new == new.encode()
        assert by_file.old == by_stdin.old == source.encode()
        assert by_notebook.new == _notebook(new)
    else:
        assert by_file.new is by_notebook.new is by_stdin.new is None


def _parse_error(source: bytes, path: str) -> RewriteResult:
    raise SourceParseError(path, 3, 7, "internal error in the message text")


def _bug(source: bytes, path: str) -> RewriteResult:
    raise RuntimeError("cannot parse, says the message text")


def _step(transform: object) -> steps.Step:
    return steps.Step("test", transform, True, steps._every_file, steps._every_file, lambda: None)  # type: ignore[arg-type]


def test_errors_become_findings_by_type_never_by_message_text(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text("x = 1\n")
    (tmp_path / "b.ipynb").write_bytes(_notebook("x = 1\n"))
    found = files.discover([str(tmp_path)]).files
    [parse] = runner.run(found[:1], _step(_parse_error), jobs=1)
    assert parse.findings == runner.run_bytes(b"x = 1\n", parse.path, _step(_parse_error)).findings
    assert (parse.skipped, parse.internal_error, parse.changed) == (True, False, False)
    assert [(f.line, f.col, f.code, f.message) for f in parse.findings] == [
        (3, 7, "L2T000", "cannot parse (internal error in the message text)")
    ]
    bugs = [*runner.run(found, _step(_bug), jobs=1), runner.run_bytes(b"x = 1\n", "-", _step(_bug))]
    for outcome in bugs:
        assert (outcome.skipped, outcome.internal_error, outcome.changed) == (True, True, False)
        assert [(f.code, f.message) for f in outcome.findings] == [
            (
                "L2T000",
                "internal error (RuntimeError: cannot parse, says the message text), left untouched",
            )
        ]


def test_an_engine_failure_inside_the_full_step_stops_it_and_leaves_the_file(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from legacy2tf2.migrator import codemod

    def explode(source: bytes, tree: object = None) -> object:
        raise RuntimeError("boom")

    monkeypatch.setattr(codemod, "rewrite", explode)
    source = (
        b"import tensorflow as tf\nx = tf.placeholder(tf.float32)\nc = tf.contrib.rnn.GRUCell(1)\n"
    )
    outcome = runner.run_bytes(source, "m.py", steps.FULL)
    assert (outcome.changed, outcome.new) == (False, None)
    assert [(f.code, f.message) for f in outcome.findings] == [
        ("L2T003", "internal error, file left untouched: RuntimeError: boom")
    ]


FULL_SOURCES = {
    "graph.py": "import tensorflow as tf\nx = tf.placeholder(tf.float32)\nfor i in xrange(3):\n    print(i)\n",
    "cells.py": "import tensorflow as tf\ncell = tf.contrib.rnn.GRUCell(4)\ny = tf.concat(1, [a, b])\n",
    "numpy.py": "import numpy as np\nx = np.float(3)\n",
    "plain.py": "x = 1\n",
    "py2.py": "print 'a',\nif ready\n    go()\n",  # broken in any Python: stays unparseable
}


@pytest.mark.heavy
def test_full_in_parallel_gives_the_bytes_and_findings_of_a_serial_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for copy in range(2):
        for name, source in FULL_SOURCES.items():
            (tmp_path / f"{copy}{name}").write_text(source)
    (tmp_path / "n.ipynb").write_bytes(_notebook(*FULL_SOURCES["cells.py"].splitlines(True)))
    found = files.discover([str(tmp_path)]).files
    assert len(found) >= runner.PARALLEL_MIN_FILES
    serial = runner.run(found, steps.FULL, jobs=1)
    forked: list[int] = []
    real = runner._parallel

    def spy(*args, **kwargs):  # type: ignore[no-untyped-def]
        forked.append(1)
        yield from real(*args, **kwargs)

    monkeypatch.setattr(runner, "_parallel", spy)
    parallel = runner.run(found, steps.FULL, jobs=2)
    assert forked == [1]
    assert parallel == serial
    by_name = {Path(o.path).name: o for o in serial}
    assert (
        by_name["0graph.py"].new is not None
        and b"tf.compat.v1.placeholder" in by_name["0graph.py"].new
    )
    assert by_name["0numpy.py"].new == b"import numpy as np\nx = float(3)\n"
    assert by_name["0plain.py"].findings == [] and not by_name["0plain.py"].changed
    assert by_name["0py2.py"].skipped and [f.code for f in by_name["0py2.py"].findings] == [
        "L2T000"
    ]
    assert by_name["n.ipynb"].new is not None and b"rnn_cell.GRUCell(4)" in by_name["n.ipynb"].new
    assert not any(o.internal_error for o in serial)
