"""A file's TF version told by the other files of its program, where its own text cannot."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from legacy2tf2.migrator import runner, steps
from legacy2tf2.migrator.files import SourceFile
from legacy2tf2.migrator.program_era import program_evidence
from tests.e2e import helpers

#: ``tf.nn.rnn_cell`` alone: TF 0.x or TF 1.2+, so ``[cell] * n`` cannot be decided here.
MODEL = """\
import tensorflow as tf


class Model(object):
    def __init__(self, size, layers):
        cell = tf.nn.rnn_cell.BasicLSTMCell(size)
        self.cell = tf.nn.rnn_cell.MultiRNNCell([cell] * layers)
"""

MODEL_COPIED = """\
from legacy2tf2.runtime import rnn_cell


class Model(object):
    def __init__(self, size, layers):
        cell = rnn_cell.BasicLSTMCell(size)
        self.cell = rnn_cell.MultiRNNCell([cell] * layers, repeated_cells="copy")
"""

MODEL_SHARED = MODEL_COPIED.replace(', repeated_cells="copy"', "")

#: TF 0.x: tf.split(axis, n, value) and tf.nn.rnn.
TF0_SCRIPT = """\
import tensorflow as tf
from model import Model

m = Model(8, 2)
x = tf.placeholder(tf.float32, [4, 3, 5])
inputs = [tf.squeeze(t, [1]) for t in tf.split(1, 3, x)]
outputs, state = tf.nn.rnn(m.cell, inputs, dtype=tf.float32)
"""

#: TF 1.2+: tf.nn.static_rnn.
TF12_SCRIPT = """\
import tensorflow as tf
from model import Model

m = Model(8, 2)
x = tf.placeholder(tf.float32, [4, 3, 5])
outputs, state = tf.nn.static_rnn(m.cell, tf.unstack(x, axis=1), dtype=tf.float32)
"""


def _files(root: Path) -> list[SourceFile]:
    return [
        SourceFile(str(p.relative_to(root)), str(p))
        for p in sorted(root.rglob("*"))
        if p.suffix in (".py", ".ipynb")
    ]


def _run(root: Path, step: steps.Step = steps.REWRITE) -> dict[str, runner.Outcome]:
    return {o.path: o for o in runner.run(_files(root), step, jobs=1)}


def _codes(outcome: runner.Outcome) -> list[str]:
    return [f.code for f in outcome.findings]


def test_a_module_gets_the_era_of_the_script_that_imports_it(tmp_path: Path) -> None:
    (tmp_path / "model.py").write_text(MODEL)
    (tmp_path / "train.py").write_text(TF0_SCRIPT)
    outcomes = _run(tmp_path)
    assert outcomes["model.py"].new is not None
    assert outcomes["model.py"].new.decode() == MODEL_COPIED
    assert "L2T005" not in _codes(outcomes["model.py"])


def test_alone_the_module_cannot_tell_and_says_so(tmp_path: Path) -> None:
    (tmp_path / "model.py").write_text(MODEL)
    outcomes = _run(tmp_path)
    assert outcomes["model.py"].new is not None
    assert outcomes["model.py"].new.decode() == MODEL_SHARED
    assert _codes(outcomes["model.py"]) == ["L2T005"]


def test_scripts_of_different_eras_sharing_the_module_decide_nothing(tmp_path: Path) -> None:
    (tmp_path / "model.py").write_text(MODEL)
    (tmp_path / "train.py").write_text(TF0_SCRIPT)
    (tmp_path / "serve.py").write_text(TF12_SCRIPT)
    outcomes = _run(tmp_path)
    assert outcomes["model.py"].new is not None
    assert outcomes["model.py"].new.decode() == MODEL_SHARED
    assert _codes(outcomes["model.py"]) == ["L2T005"]


def test_a_script_gets_the_era_of_the_module_it_imports(tmp_path: Path) -> None:
    """The importer ran the module: its TF version is one the module allows."""
    (tmp_path / "ops.py").write_text(
        "import tensorflow as tf\n\ndef join(a, b):\n    return tf.concat(1, [a, b])\n"
    )
    script = "import tensorflow as tf\nimport ops\n" + MODEL.split("\n", 1)[1]
    (tmp_path / "train.py").write_text(script)
    outcomes = _run(tmp_path)
    new = outcomes["train.py"].new
    assert new is not None
    assert 'repeated_cells="copy"' in new.decode()
    assert "L2T005" not in _codes(outcomes["train.py"])


def test_a_module_in_another_directory_is_not_the_one_imported(tmp_path: Path) -> None:
    (tmp_path / "lib").mkdir()
    (tmp_path / "lib" / "model.py").write_text(MODEL)
    (tmp_path / "train.py").write_text(TF0_SCRIPT)  # `from model import` finds no lib/model.py
    outcomes = _run(tmp_path)
    assert _codes(outcomes[str(Path("lib", "model.py"))]) == ["L2T005"]


def test_a_package_module_imported_relatively(tmp_path: Path) -> None:
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "model.py").write_text(MODEL)
    (pkg / "train.py").write_text(TF0_SCRIPT.replace("from model import", "from .model import"))
    outcomes = _run(tmp_path)
    new = outcomes[str(Path("pkg", "model.py"))].new
    assert new is not None and new.decode() == MODEL_COPIED


def test_a_notebook_importing_the_module_tells_it(tmp_path: Path) -> None:
    (tmp_path / "model.py").write_text(MODEL)
    cells = [
        {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": 1, "source": s}
        for s in (TF0_SCRIPT.splitlines(keepends=True)[:2], ["%matplotlib inline\n"])
    ]
    cells[0]["source"] += ["x = tf.concat(1, [tf.ones([2, 2]), tf.ones([2, 2])])\n"]
    notebook = {"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 2}
    (tmp_path / "lab.ipynb").write_text(json.dumps(notebook))
    outcomes = _run(tmp_path)
    assert outcomes["model.py"].new is not None
    assert outcomes["model.py"].new.decode() == MODEL_COPIED


def test_the_evidence_names_the_files_that_told(tmp_path: Path) -> None:
    (tmp_path / "model.py").write_text(MODEL)
    (tmp_path / "train.py").write_text(TF0_SCRIPT)
    files = _files(tmp_path)
    told = program_evidence(files, [str(tmp_path / "model.py")])
    evidence = told[str(tmp_path / "model.py")]
    assert evidence.eras == frozenset({"pre-1.0"})
    assert evidence.what == (
        "the other files of its program (train.py: tf.split(axis, n, value) (line 6), "
        "tf.nn.rnn (line 7))"
    )


def test_import_cycles_no_script_enters_tell_nothing(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text(
        "import b\n" + TF0_SCRIPT.replace("from model import Model\n", "")
    )
    (tmp_path / "b.py").write_text("import a\n" + MODEL)
    assert program_evidence(_files(tmp_path), [str(tmp_path / "b.py")]) == {}


@pytest.mark.parametrize("command", [["rewrite", "--check"], ["rewrite", "--diff"]])
def test_the_cli_decides_the_same_for_check_and_diff(tmp_path: Path, command: list[str]) -> None:
    (tmp_path / "model.py").write_text(MODEL)
    (tmp_path / "train.py").write_text(TF0_SCRIPT)
    done = subprocess.run(
        [sys.executable, "-m", "legacy2tf2", *command, "."],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1, done.stderr
    assert "L2T005" not in done.stdout + done.stderr
    if "--diff" in command:
        assert (
            '+        self.cell = rnn_cell.MultiRNNCell([cell] * layers, repeated_cells="copy")'
            in (done.stdout)
        )
    assert (tmp_path / "model.py").read_text() == MODEL


def test_full_migrated_program_builds_tf0_per_layer_weights(tmp_path: Path) -> None:
    """As TF 0.x built it: one weight set per layer (cell_0, cell_1), not one shared set."""
    (tmp_path / "model.py").write_text(MODEL)
    (tmp_path / "train.py").write_text(
        TF0_SCRIPT + "for v in tf.trainable_variables():\n    print(v.name)\n"
    )
    migrate = helpers.cli("rewrite", "--full", ".", cwd=tmp_path)
    assert migrate.returncode == 0, migrate.stdout + migrate.stderr
    assert (tmp_path / "model.py").read_text() == MODEL_COPIED
    names = helpers.run_program(tmp_path, "train.py").split()
    assert sorted(n.split("/")[-3] for n in names if n.endswith("kernel:0")) == [
        "cell_0",
        "cell_1",
    ]
