"""A TF1 graph-mode notebook: ``rewrite --full`` once, then its cells run in order on TF 2.21."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from legacy2tf2.migrator.notebooks import process_notebook
from legacy2tf2.migrator.steps import FULL
from tests.e2e.helpers import cli, numbers_after, run_program

pytestmark = pytest.mark.e2e

IMPORTS = """\
%matplotlib inline
import numpy as np
import tensorflow as tf
"""

MODEL = """\
tf.reset_default_graph()
tf.set_random_seed(0)
vocab, steps, batch = 7, 4, 16
enc = [tf.placeholder(tf.int32, [None], name="enc%d" % i) for i in range(steps)]
dec = [tf.placeholder(tf.int32, [None], name="dec%d" % i) for i in range(steps + 1)]
weights = [tf.ones_like(d, dtype=tf.float32) for d in dec[1:]]
cell = tf.contrib.rnn.GRUCell(24)
outputs, _ = tf.contrib.legacy_seq2seq.embedding_rnn_seq2seq(
    enc, dec[:-1], cell, vocab, vocab, 12)
loss = tf.contrib.legacy_seq2seq.sequence_loss(outputs, dec[1:], weights)
train_op = tf.train.AdamOptimizer(0.05).minimize(loss)
"""

TRAIN = """\
data = np.random.RandomState(0).randint(1, vocab, size=(batch, steps))
feed = {enc[i]: data[:, i] for i in range(steps)}
feed.update({dec[0]: np.zeros(batch, "int32")})
feed.update({dec[i + 1]: data[:, i] for i in range(steps)})
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(40):
        value, _ = sess.run([loss, train_op], feed)
        if step % 13 == 0 or step == 39:
            print("step %d loss %.4f" % (step, value))
"""

#: Runs the code cells of a notebook in order in one namespace, as a kernel does; the IPython
#: lines (``%``, ``!``) are the kernel's business and are dropped.
KERNEL = """\
import json, sys
namespace = {"__name__": "__main__"}
for number, cell in enumerate(json.load(open(sys.argv[1], encoding="utf-8"))["cells"], 1):
    if cell["cell_type"] == "code":
        lines = "".join(cell["source"]).splitlines(keepends=True)
        code = "".join(line for line in lines if not line.lstrip().startswith(("%", "!")))
        exec(compile(code, "cell %d" % number, "exec"), namespace)
"""

OUTPUT = {"name": "stdout", "output_type": "stream", "text": ["step 0 loss 1.9459\n"]}


def _notebook() -> dict:
    def code(source: str, outputs: list) -> dict:
        return {
            "cell_type": "code",
            "execution_count": 1,
            "metadata": {"scrolled": True},
            "outputs": outputs,
            "source": source.splitlines(keepends=True),
        }

    return {
        "cells": [
            code(IMPORTS, []),
            {"cell_type": "markdown", "metadata": {}, "source": ["## Copy task"]},
            code(MODEL, []),
            code(TRAIN, [OUTPUT]),
        ],
        "metadata": {"kernelspec": {"language": "python", "name": "python3"}},
        "nbformat": 4,
        "nbformat_minor": 2,
    }


def test_tf1_notebook_trains_after_one_rewrite_full(tmp_path: Path) -> None:
    path = tmp_path / "train.ipynb"
    path.write_text(json.dumps(_notebook(), indent=1) + "\n", encoding="utf-8")
    (tmp_path / "kernel.py").write_text(KERNEL)

    done = cli("rewrite", "--full", "train.ipynb", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines()[-1].startswith("rewrote 1 of 1 files")
    assert "L2T012" not in done.stderr

    migrated = json.loads(path.read_text(encoding="utf-8"))
    sources = ["".join(cell["source"]) for cell in migrated["cells"]]
    assert sources[0] == (
        "%matplotlib inline\n"
        "import numpy as np\n"
        "import tensorflow as tf\n"
        "tf.compat.v1.disable_eager_execution()\n"
        "tf.compat.v1.disable_resource_variables()\n"
        "from legacy2tf2.runtime import rnn_cell\n"
        "from legacy2tf2.runtime import legacy_seq2seq\n"
    )
    assert "tf.contrib" not in "".join(sources)
    assert "cell = rnn_cell.GRUCell(24)\n" in sources[2]
    assert "with tf.compat.v1.Session() as sess:\n" in sources[3]
    original = _notebook()
    for cell in (*migrated["cells"], *original["cells"]):
        cell.pop("source")
    assert migrated == original  # outputs, metadata, markdown kept

    printed = run_program(tmp_path, "kernel.py", "train.ipynb")
    losses = numbers_after("loss", printed)
    assert len(losses) == 4, printed
    assert losses[-1] < 0.5 * losses[0], printed

    gate = cli("check", "train.ipynb", cwd=tmp_path)
    assert (gate.returncode, gate.stdout) == (0, ""), gate.stderr

    data = path.read_bytes()
    again = process_notebook(data, "train.ipynb", FULL)
    assert (again.changed, again.source) == (False, data)
