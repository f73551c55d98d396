"""Modules that a Python 2 program of the run imports are given the Python 2 step of ``--full``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from legacy2tf2.migrator import runner, steps
from legacy2tf2.migrator.files import SourceFile
from legacy2tf2.migrator.py2_modules import python2_modules

HELPER = """\
from __future__ import print_function
import numpy as np

symbols = ['#'] + list('abc')

def encode(words):
    rows = []
    for word in words:
        ids = map(lambda c: symbols.index(c), word)
        rows.append(ids)
    lengths = map(len, rows)  # (np.asarray(map(...)) would itself tell Python 2)
    return rows, lengths
"""

HELPER_AFTER = """\
from __future__ import print_function
import numpy as np

symbols = ['#'] + list('abc')

def encode(words):
    rows = []
    for word in words:
        ids = list(map(lambda c: symbols.index(c), word))
        rows.append(ids)
    lengths = list(map(len, rows))  # (np.asarray(map(...)) would itself tell Python 2)
    return rows, lengths
"""


def _notebook(cells: list[str], kernel: str) -> str:
    cell = {"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": []}
    notebook = {
        "cells": [{**cell, "source": source.splitlines(True)} for source in cells],
        "metadata": {"kernelspec": {"name": kernel, "language": "python"}},
        "nbformat": 4,
        "nbformat_minor": 2,
    }
    return json.dumps(notebook, indent=1)


def _files(root: Path) -> list[SourceFile]:
    paths = sorted(p for p in root.rglob("*") if p.suffix in (".py", ".ipynb"))
    return [SourceFile(str(p.relative_to(root)), str(p)) for p in paths]


def _found(root: Path) -> set[str]:
    return {str(Path(real).relative_to(root)) for real in python2_modules(_files(root))}


def test_module_imported_by_a_python2_notebook(tmp_path: Path) -> None:
    (tmp_path / "helper.py").write_text(HELPER)
    (tmp_path / "unused.py").write_text(HELPER)
    cells = ["%matplotlib inline\nfrom helper import encode\n", "print encode(['ab'])\n"]
    (tmp_path / "lab.ipynb").write_text(_notebook(cells, "python2"))

    assert _found(tmp_path) == {"helper.py"}


def test_module_imported_by_a_python3_notebook_is_not(tmp_path: Path) -> None:
    (tmp_path / "helper.py").write_text(HELPER)
    cells = ["from helper import encode\n", "print(encode(['ab']))\n"]
    (tmp_path / "lab.ipynb").write_text(_notebook(cells, "python3"))

    assert _found(tmp_path) == set()


def test_print_statement_in_a_python3_kernel_notebook_makes_it_python2(tmp_path: Path) -> None:
    (tmp_path / "helper.py").write_text(HELPER)
    cells = ["import helper\n", "print helper.encode(['ab'])\n"]
    (tmp_path / "lab.ipynb").write_text(_notebook(cells, "python3"))

    assert _found(tmp_path) == {"helper.py"}


def test_script_with_print_statement_and_modules_it_reaches(tmp_path: Path) -> None:
    (tmp_path / "train.py").write_text("import data_utils\nprint 'start'\n")
    (tmp_path / "data_utils.py").write_text("from vocab import build\n")
    (tmp_path / "vocab.py").write_text("def build(words):\n    return map(str, words)\n")
    (tmp_path / "serve.py").write_text("import other\nprint('python 3')\n")
    (tmp_path / "other.py").write_text("x = map(str, [1])\n")

    assert _found(tmp_path) == {"data_utils.py", "vocab.py"}


def test_relative_import_in_a_package(tmp_path: Path) -> None:
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "model.py").write_text("from . import batches\nfrom .text import tokens\n")
    (package / "batches.py").write_text("")
    (package / "text.py").write_text("")
    (package / "extra.py").write_text("")
    (tmp_path / "run.py").write_text("import pkg.model\nprint 'go'\n")

    found = _found(tmp_path)

    sep = str(Path("pkg", "x"))[3]
    expected = {"__init__.py", "model.py", "batches.py", "text.py"}
    assert found == {f"pkg{sep}{name}" for name in expected}


def test_import_only_in_a_string_or_comment_counts_for_nothing(tmp_path: Path) -> None:
    (tmp_path / "helper.py").write_text(HELPER)
    cells = ['doc = """\nimport helper\n"""\n# import helper\nprint doc\n']
    (tmp_path / "lab.ipynb").write_text(_notebook(cells, "python2"))

    assert _found(tmp_path) == set()


def test_python2_program_itself_is_not_listed(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text("import b\nprint 'a'\n")
    (tmp_path / "b.py").write_text("import a\nprint 'b'\n")

    assert _found(tmp_path) == set()


@pytest.mark.heavy
def test_full_run_gives_imported_helper_python2_lists(tmp_path: Path) -> None:
    (tmp_path / "helper.py").write_text(HELPER)
    cells = ["import tensorflow as tf\nfrom helper import encode\n", "print encode(['ab'])\n"]
    (tmp_path / "lab.ipynb").write_text(_notebook(cells, "python2"))
    alone = tmp_path / "alone"
    alone.mkdir()
    (alone / "helper.py").write_text(HELPER)
    (alone / "lab.ipynb").write_text(_notebook(["from helper import encode\n"], "python3"))

    outcomes = {o.path: o for o in runner.run(_files(tmp_path), steps.FULL, jobs=1)}

    assert outcomes["helper.py"].new is not None
    assert outcomes["helper.py"].new.decode() == HELPER_AFTER
    assert [f.code for f in outcomes["helper.py"].findings] == ["L2T022", "L2T022"]
    assert outcomes[str(Path("alone", "helper.py"))].new is None


def test_script_adding_a_map_result_to_a_list_is_a_python2_program(tmp_path: Path) -> None:
    # no Python 2 statement, but map(...) + [0] raises TypeError on Python 3
    (tmp_path / "data_utils.py").write_text(
        "from __future__ import print_function\nimport vocab\n"
        "def ids(name):\n    return map(vocab.index, name) + [0]\n"
    )
    (tmp_path / "vocab.py").write_text("def index(c):\n    return ord(c)\n")
    (tmp_path / "py3.py").write_text("import other\nids = list(map(str, [1])) + [0]\n")
    (tmp_path / "other.py").write_text("x = map(str, [1])\n")

    assert _found(tmp_path) == {"vocab.py"}


def test_a_file_importing_a_python2_module_ran_on_python2(tmp_path: Path) -> None:
    # TF 0.x namignizer: names.py imports data_utils (map(...) + [_EON]) and model; its own
    # print(map(lambda x: chr(x + 96), name)) printed Python 2's list
    (tmp_path / "data_utils.py").write_text(
        "from __future__ import print_function\ndef ids(name):\n    return map(ord, name) + [0]\n"
    )
    (tmp_path / "names.py").write_text(
        "from __future__ import print_function\nfrom model import Model\nimport data_utils\n"
        "print(map(chr, data_utils.ids('ab')))\n"
    )
    (tmp_path / "model.py").write_text("class Model(object):\n    pass\n")
    (tmp_path / "run.py").write_text("import names\n")
    (tmp_path / "serve.py").write_text("import model\nprint(list(map(str, [1])))\n")

    assert _found(tmp_path) == {"names.py", "model.py", "run.py"}


def test_a_file_importing_a_python2_package_init_ran_on_python2(tmp_path: Path) -> None:
    # the package's __init__.py has a print statement: `import textdata` (spelled with the
    # package's name, never "__init__") ran it on Python 2, so run.py ran on Python 2 too
    package = tmp_path / "textdata"
    package.mkdir()
    (package / "__init__.py").write_text("VOCAB = ['a', 'b']\nprint 'loaded', len(VOCAB)\n")
    (tmp_path / "run.py").write_text(
        "from __future__ import print_function\nimport textdata\n"
        "print(map(textdata.VOCAB.index, 'ab'))\n"
    )
    (tmp_path / "other.py").write_text("print(list(map(str, [1])))\n")

    assert _found(tmp_path) == {"run.py"}
