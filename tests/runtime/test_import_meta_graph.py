"""A TF1 program that restores with ``tf.train.import_meta_graph`` into the graph it has just
built again (``restore_last_session`` of practical_seq2seq-style wrappers) works, and computes
with the checkpoint's weights. Each run is a new process, so both builds give TensorFlow's graph
functions the same names: the runtime's run-time checks (a fed keep probability, token ids) must
add no library function to the graph, or the imported copy collides with the built one ("Cannot
add function ... because a different function with the same name already exists"); TF1's graphs
held no functions."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from tests.e2e.helpers import run_program

pytestmark = pytest.mark.heavy

PROGRAM = """\
import sys

import numpy as np
import tensorflow as tf

from legacy2tf2.runtime import legacy_seq2seq, rnn_cell

tf.compat.v1.disable_eager_execution()
STEPS, VOCAB, SIZE = 3, 7, 4
tf.compat.v1.set_random_seed(1 if sys.argv[1] == "save" else 2)
enc = [tf.compat.v1.placeholder(tf.int32, [None], name="e%d" % t) for t in range(STEPS)]
dec = [tf.zeros_like(enc[0])] + enc[:-1]
keep = tf.compat.v1.placeholder(tf.float32, [])
cell = rnn_cell.DropoutWrapper(rnn_cell.GRUCell(SIZE), output_keep_prob=keep)
with tf.compat.v1.variable_scope("model") as scope:
    legacy_seq2seq.embedding_rnn_seq2seq(enc, dec, cell, VOCAB, VOCAB, SIZE)
    scope.reuse_variables()
    outputs, _ = legacy_seq2seq.embedding_rnn_seq2seq(
        enc, dec, cell, VOCAB, VOCAB, SIZE, feed_previous=True
    )
feed = {e: t for e, t in zip(enc, [[1, 2], [3, 4], [5, 6]])}
feed[keep] = 1.0
with tf.compat.v1.Session() as session:
    if sys.argv[1] == "save":
        session.run(tf.compat.v1.global_variables_initializer())
        tf.compat.v1.train.Saver().save(session, "ckpt/model.ckpt", global_step=5)
    else:
        restorer = tf.compat.v1.train.import_meta_graph("ckpt/model.ckpt-5.meta")
        restorer.restore(session, "ckpt/model.ckpt-5")
    np.save(sys.argv[1] + ".npy", np.array(session.run(outputs, feed)))
"""


def test_import_meta_graph_into_the_rebuilt_graph_restores_the_saved_weights(tmp_path: Path):
    (tmp_path / "program.py").write_text(PROGRAM)
    run_program(tmp_path, "program.py", "save")
    run_program(tmp_path, "program.py", "restore")
    # other initial values (seed 2) in the restoring process: only the restore can match
    np.testing.assert_array_equal(np.load(tmp_path / "restore.npy"), np.load(tmp_path / "save.npy"))
