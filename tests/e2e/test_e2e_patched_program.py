"""A TF1 program with every monkeypatch style and a branch on a cell the runtime lacks, through the
real ``legacy2tf2 rewrite --full`` and ``check``, then run on TensorFlow 2.21."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.helpers import cli, numbers_after, run_program

pytestmark = pytest.mark.e2e

PROGRAM = """\
import sys

import numpy as np
import tensorflow as tf

try:
    # TF 1.0 moved these out of tf.nn: keep the old names working
    tf.nn.seq2seq = tf.contrib.legacy_seq2seq
    tf.nn.rnn_cell = tf.contrib.rnn
except AttributeError:
    pass
tf.nn.rnn_cell.GRUCell = tf.contrib.rnn.GRUCell
tf.nn.rnn = tf.contrib.rnn.static_rnn

kind = sys.argv[1]
enc = [tf.placeholder(tf.float32, [None, 3]) for _ in range(4)]
dec = [tf.placeholder(tf.float32, [None, 3]) for _ in range(4)]
layer = tf.contrib.rnn.NASCell if kind == "nas" else tf.nn.rnn_cell.GRUCell
cell = tf.nn.rnn_cell.MultiRNNCell([layer(5) for _ in range(2)])
with tf.variable_scope("enc"):
    outs, _ = tf.nn.rnn(tf.contrib.rnn.core_rnn_cell.GRUCell(5), enc, dtype=tf.float32)
with tf.variable_scope("s2s"):
    dec_out, _ = tf.nn.seq2seq.basic_rnn_seq2seq(enc, dec, cell)
loss = tf.reduce_mean(tf.square(tf.pack(dec_out) - 1.0)) + tf.reduce_mean(tf.square(outs[-1]))
train = tf.train.AdamOptimizer(0.05).minimize(loss)
feed = {p: np.ones((2, 3), np.float32) for p in enc + dec}
with tf.Session() as sess:
    sess.run(tf.initialize_all_variables())
    print("loss", sess.run(loss, feed))
    for _ in range(20):
        sess.run(train, feed)
    print("loss", sess.run(loss, feed))
"""


def test_patched_program_migrates_runs_and_fails_only_on_the_unsupported_branch(
    tmp_path: Path,
) -> None:
    source = tmp_path / "model.py"
    source.write_text(PROGRAM)
    done = cli("rewrite", "--full", "model.py", cwd=tmp_path)
    assert done.returncode == 1, done.stderr  # the NASCell branch is reported (L2T002)
    assert [line.split()[1] for line in done.stderr.splitlines() if ": L2T0" in line].count(
        "L2T002"
    ) == 1
    migrated = source.read_text()
    assert "contrib" not in migrated
    assert "tf.nn.seq2seq =" not in migrated and "rnn_cell.GRUCell =" not in migrated
    assert "try:" not in migrated  # the try/except only monkeypatched: gone

    gate = cli("check", "model.py", cwd=tmp_path)
    assert gate.returncode == 1
    assert [line.split()[1] for line in gate.stdout.splitlines()] == ["L2T002"]
    assert "NASCell" in gate.stdout

    first, last = numbers_after("loss", run_program(tmp_path, "model.py", "gru"))
    assert last < first
    with pytest.raises(AssertionError, match="UnsupportedCellError: NASCell"):
        run_program(tmp_path, "model.py", "nas")
