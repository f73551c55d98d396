"""A notebook's record of the TF 0.x release it ran on decides TF 0.x's finer version questions.

Up to TF 0.11 ``BasicLSTMCell``/``LSTMCell``/``MultiRNNCell`` defaulted to
``state_is_tuple=False`` (one ``[c, h]`` tensor); TF 0.12's API docs give
``tf.nn.rnn_cell.LSTMCell.__init__(..., state_is_tuple=True, ...)``
(tensorflow/tensorflow, ``g3doc/api_docs/python/functions_and_classes/shard5/
tf.nn.rnn_cell.LSTMCell.md``). Up to TF 0.6 ``tf.nn.rnn`` returned every step's state, from TF
0.7 the final one (TF 0.7's release notes). The source of a ``tf.nn.rnn_cell`` program cannot tell
0.11 from 0.12, nor 0.6 from 0.7; the version a notebook printed (``tf.__version__`` ->
``'0.11.0'``) or pinned (``!pip install tensorflow==0.10.0``) can.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from legacy2tf2.migrator.notebooks import process_notebook
from legacy2tf2.migrator.steps import FULL

ROOT = Path(__file__).resolve().parents[2]

MODEL = """\
n = 8
x = [tf.placeholder(tf.float32, [None, 3]) for _ in range(4)]
istate = tf.placeholder(tf.float32, [None, 2 * n])
cell = tf.nn.rnn_cell.BasicLSTMCell(n, forget_bias=1.0)
outputs, state = tf.nn.rnn(cell, x, initial_state=istate)
net = {'outputs': outputs, 'state': state}
"""


def _code(source: str, outputs: list | None = None) -> dict:
    return {
        "cell_type": "code",
        "execution_count": 1,
        "metadata": {},
        "outputs": outputs or [],
        "source": source.splitlines(keepends=True),
    }


def _version(shown: str) -> dict:
    data = {"text/plain": [repr(shown)]}
    result = {"data": data, "execution_count": 1, "metadata": {}, "output_type": "execute_result"}
    return _code("import tensorflow as tf\ntf.__version__", [result])


def _migrate(*cells: dict) -> tuple[str, list[str], list[str]]:
    """The migrated model cell (the last), the findings' codes and messages."""
    nb = {
        "cells": list(cells),
        "metadata": {"kernelspec": {"language": "python", "name": "python2"}},
        "nbformat": 4,
        "nbformat_minor": 0,
    }
    data = (json.dumps(nb, indent=1) + "\n").encode()
    result = process_notebook(data, "nb.ipynb", FULL)
    model = "".join(json.loads(result.source)["cells"][-1]["source"])
    return model, [f.code for f in result.findings], [f.message for f in result.findings]


@pytest.mark.parametrize(
    "record",
    [
        pytest.param(_version("0.11.0"), id="tf.__version__ 0.11.0"),
        pytest.param(
            _code("!pip install tensorflow==0.10.0\nimport tensorflow as tf\n"), id="pinned 0.10"
        ),
    ],
)
def test_a_recorded_tf_0_11_or_earlier_keeps_the_concatenated_state(record: dict) -> None:
    pytest.importorskip("tensorflow")
    model, codes, messages = _migrate(record, _code(MODEL))
    assert "cell = rnn_cell.BasicLSTMCell(n, forget_bias=1.0, state_is_tuple=False)\n" in model
    assert "tf.compat.v1.nn.static_rnn(cell, x, initial_state=istate)" in model
    assert "L2T006" not in codes
    [note] = [m for m in messages if "state_is_tuple=False" in m]
    assert "up to TF 0.11 (the notebook ran on TF 0.1" in note
    assert "(cell 1)" in note


def test_a_recorded_tf_0_12_keeps_the_tuple_default_and_the_final_state() -> None:
    pytest.importorskip("tensorflow")
    model, codes, _ = _migrate(_version("0.12.1"), _code(MODEL))
    assert "cell = rnn_cell.BasicLSTMCell(n, forget_bias=1.0)\n" in model
    assert "tf.compat.v1.nn.static_rnn(cell, x, initial_state=istate)" in model
    assert "L2T006" not in codes


@pytest.mark.parametrize(
    "records",
    [
        pytest.param([], id="no record"),
        pytest.param(
            [_version("0.11.0"), _code("!pip install tensorflow==0.12.1\n")],
            id="records of two releases",
        ),
    ],
)
def test_without_one_recorded_release_nothing_is_decided(records: list[dict]) -> None:
    pytest.importorskip("tensorflow")
    first = [] if records else [_code("import tensorflow as tf\n")]
    model, codes, _ = _migrate(*first, *records, _code(MODEL))
    assert "cell = rnn_cell.BasicLSTMCell(n, forget_bias=1.0)\n" in model
    assert "outputs, state = tf.nn.rnn(cell, x, initial_state=istate)" in model
    assert "L2T006" in codes


CHECK = """
import numpy as np
W = sess.run([v for v in tf.compat.v1.global_variables() if v.name.endswith('kernel:0')][0])
b = sess.run([v for v in tf.compat.v1.global_variables() if v.name.endswith('bias:0')][0])
rng = np.random.RandomState(0)
xs = [rng.randn(2, 3).astype(np.float32) for _ in range(4)]
s0 = rng.randn(2, 2 * n).astype(np.float32)
c, h = s0[:, :n], s0[:, n:]
sig = lambda v: 1 / (1 + np.exp(-v))
for xt in xs:
    i, j, f, o = np.split(np.concatenate([xt, h], 1) @ W + b, 4, 1)
    c = c * sig(f + 1.0) + sig(i) * np.tanh(j)
    h = np.tanh(c) * sig(o)
feed = {istate: s0, **dict(zip(x, xs))}
got = sess.run(net['state'], feed)
print(float(np.abs(got - np.concatenate([c, h], 1)).max()))
"""


def test_the_migrated_tf_0_11_notebook_runs_with_tf_0_11s_state(tmp_path: Path) -> None:
    """The migrated cells, run in order, take and return the ``[c, h]`` state of TF 0.11's
    BasicLSTMCell (NumPy: one linear map of ``[x, h]`` to gates i, j, f, o, forget_bias on f)."""
    pytest.importorskip("tensorflow")
    run = _code("sess = tf.Session()\nsess.run(tf.initialize_all_variables())\n")
    nb = {
        "cells": [_version("0.11.0"), _code(MODEL), run],
        "metadata": {"kernelspec": {"language": "python", "name": "python2"}},
        "nbformat": 4,
        "nbformat_minor": 0,
    }
    data = (json.dumps(nb, indent=1) + "\n").encode()
    cells = json.loads(process_notebook(data, "nb.ipynb", FULL).source)["cells"]
    program = "\n".join("".join(c["source"]) for c in cells) + CHECK
    (tmp_path / "program.py").write_text(program)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TF_CPP_MIN_LOG_LEVEL": "3"}
    done = subprocess.run(
        [sys.executable, "program.py"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert float(done.stdout.split()[-1]) < 1e-5
