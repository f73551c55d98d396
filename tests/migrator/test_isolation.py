"""The migrator never imports TensorFlow or the runtime, and imports libcst only to parse."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import legacy2tf2.migrator.renames as renames_module

PROBE = r"""
import sys

class Block:
    def find_spec(self, name, path=None, target=None):
        if name == "tensorflow" or name.startswith(("tensorflow.", "legacy2tf2.runtime", "keras")):
            raise ImportError(f"the migrator must not import {name}")
        return None

sys.meta_path.insert(0, Block())
import legacy2tf2.migrator as migrator
from legacy2tf2.migrator import engine
assert "libcst" not in sys.modules, "importing the migrator must not import libcst"
assert not engine.needs_parse(b"import os\n")
assert "libcst" not in sys.modules
source = b"import tensorflow as tf\nout = tf.contrib.legacy_seq2seq.rnn_decoder(a, b, tf.contrib.rnn.GRUCell(2))\n"
result = migrator.rewrite_source(source)
assert result.changed and b"rnn_cell.GRUCell(2)" in result.source, result
migrator.check_source(source)
bad = sorted(m for m in sys.modules if m.split(".")[0] in ("tensorflow", "keras") or m.startswith("legacy2tf2.runtime"))
assert not bad, bad
print("ok")
"""


def test_migrator_imports_neither_tensorflow_nor_the_runtime() -> None:
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PYTHONPATH": str(root), "PATH": ""},
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"


def test_the_rename_table_is_pure_data_without_libcst() -> None:
    tree = ast.parse(Path(renames_module.__file__).read_text())
    imported = {
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    }
    imported |= {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    assert imported == {"__future__"}
