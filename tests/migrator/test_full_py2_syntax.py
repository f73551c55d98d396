"""Python 2 programs and notebooks, whose print statements Python 3 cannot even parse, migrated by
the real ``rewrite --full`` (a subprocess, as a user runs it) and then run on TF 2: the script
prints what it printed on Python 2, and the notebook's cells run in order in one namespace."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.heavy

SCRIPT = """\
import numpy as np
import tensorflow as tf

cell = tf.nn.rnn_cell.GRUCell(4)
inputs = [tf.placeholder(tf.float32, [None, 3]) for _ in range(2)]
outputs, state = tf.nn.seq2seq.rnn_decoder(inputs, cell.zero_state(2, tf.float32), cell)
try:
    steps = 10L
except ValueError, e:
    raise ValueError, "bad %s" % e
with tf.Session() as sess:
    sess.run(tf.initialize_all_variables())
    out = sess.run(outputs[-1], {i: np.ones((2, 3)) for i in inputs})
    print "output shape", out.shape,
    print
    print >>open("log.txt", "w"), "done", steps
"""

SCRIPT_AFTER = """\
import numpy as np
import tensorflow as tf
tf.compat.v1.disable_eager_execution()
tf.compat.v1.disable_resource_variables()
from legacy2tf2.runtime import rnn_cell
from legacy2tf2.runtime import legacy_seq2seq

cell = rnn_cell.GRUCell(4)
inputs = [tf.compat.v1.placeholder(tf.float32, [None, 3]) for _ in range(2)]
outputs, state = legacy_seq2seq.rnn_decoder(inputs, cell.zero_state(2, tf.float32), cell)
try:
    steps = 10
except ValueError as e:
    raise ValueError("bad %s" % e)
with tf.compat.v1.Session() as sess:
    sess.run(tf.compat.v1.global_variables_initializer())
    out = sess.run(outputs[-1], {i: np.ones((2, 3)) for i in inputs})
    print("output shape", out.shape, end=" ")
    print()
    print("done", steps, file=open("log.txt", "w"))
"""

CELLS = [
    "import numpy as np\nimport tensorflow as tf",
    "print 'TF 2:', tf.__version__ >= '2'",
    "cell = tf.nn.rnn_cell.GRUCell(4)\n"
    "inputs = [tf.placeholder(tf.float32, [None, 3])]\n"
    "out, st = tf.nn.seq2seq.rnn_decoder(inputs, cell.zero_state(2, tf.float32), cell)",
    "with tf.Session() as sess:\n"
    "    sess.run(tf.initialize_all_variables())\n"
    "    r = sess.run(out[0], {inputs[0]: np.ones((2, 3))})\n"
    "    print 'shape', r.shape",
]

CELLS_AFTER = [
    "import numpy as np\nimport tensorflow as tf\ntf.compat.v1.disable_eager_execution()\n"
    "tf.compat.v1.disable_resource_variables()\n"
    "from legacy2tf2.runtime import rnn_cell\nfrom legacy2tf2.runtime import legacy_seq2seq",
    "print('TF 2:', tf.__version__ >= '2')",
    "cell = rnn_cell.GRUCell(4)\n"
    "inputs = [tf.compat.v1.placeholder(tf.float32, [None, 3])]\n"
    "out, st = legacy_seq2seq.rnn_decoder(inputs, cell.zero_state(2, tf.float32), cell)",
    "with tf.compat.v1.Session() as sess:\n"
    "    sess.run(tf.compat.v1.global_variables_initializer())\n"
    "    r = sess.run(out[0], {inputs[0]: np.ones((2, 3))})\n"
    "    print('shape', r.shape)",
]


def _legacy2tf2(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "legacy2tf2", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def _notebook(cells: list[str]) -> dict:
    return {
        "cells": [
            {
                "cell_type": "code",
                "execution_count": None,
                "metadata": {},
                "outputs": [],
                "source": source.splitlines(True),
            }
            for source in cells
        ],
        "metadata": {"kernelspec": {"name": "python2", "language": "python"}},
        "nbformat": 4,
        "nbformat_minor": 2,
    }


def test_python2_script_and_notebook_migrate_and_run(tmp_path: Path) -> None:
    (tmp_path / "train.py").write_text(SCRIPT)
    (tmp_path / "explore.ipynb").write_text(json.dumps(_notebook(CELLS), indent=1))

    migrated = _legacy2tf2("rewrite", "--full", ".", cwd=tmp_path)

    assert migrated.returncode == 0, migrated.stderr
    assert (tmp_path / "train.py").read_text() == SCRIPT_AFTER
    notebook = json.loads((tmp_path / "explore.ipynb").read_text())
    assert ["".join(cell["source"]) for cell in notebook["cells"]] == CELLS_AFTER
    assert "train.py:9:1: L2T022 Python 2 `except E, name:` changed to" in migrated.stderr
    assert "explore.ipynb:1:1: L2T022 cell 2: Python 2 print statement" in migrated.stderr
    checked = _legacy2tf2("check", ".", cwd=tmp_path)
    assert checked.returncode == 0, checked.stderr

    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"}
    ran = subprocess.run(
        [sys.executable, "train.py"], cwd=tmp_path, capture_output=True, text=True, env=env
    )
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout == "output shape (2, 4) \n"
    assert (tmp_path / "log.txt").read_text() == "done 10\n"

    runner = (
        "import json, sys\n"
        "namespace = {}\n"
        "for cell in json.load(open(sys.argv[1]))['cells']:\n"
        "    exec(compile(''.join(cell['source']), 'cell', 'exec'), namespace)\n"
    )
    cells = subprocess.run(
        [sys.executable, "-c", runner, "explore.ipynb"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=env,
    )
    assert cells.returncode == 0, cells.stderr
    assert cells.stdout == "TF 2: True\nshape (2, 4)\n"
