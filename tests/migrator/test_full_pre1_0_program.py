"""A TF 0.12 program migrated by the real ``rewrite --full`` runs on TF 2.21 as it ran on 0.12:
its ``sampled_loss(inputs, labels)`` is called positionally, ``sampled_softmax_loss`` and the
cross-entropies (sparse, weighted) keep their pre-1.0 argument meaning, ``MultiRNNCell([cell] * 2)`` builds one set of
weights per layer (its checkpoint has ``cell_0`` and ``cell_1``), and the greedy decoder's
``int(np.argmax(logit, axis=1))`` works on NumPy 2."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from tests.e2e.helpers import python

pytestmark = pytest.mark.heavy


PROGRAM = """\
import sys

import numpy as np
import tensorflow as tf

VOCAB, SIZE, STEPS = 12, 8, 3
tf.set_random_seed(0)
enc = [tf.placeholder(tf.int32, [None], name="enc%d" % i) for i in range(STEPS)]
dec = [tf.placeholder(tf.int32, [None], name="dec%d" % i) for i in range(STEPS)]
weights = [tf.ones_like(d, dtype=tf.float32) for d in dec]
w = tf.get_variable("proj_w", [SIZE, VOCAB])
w_t = tf.transpose(w)
b = tf.get_variable("proj_b", [VOCAB])


def sampled_loss(inputs, labels):
  labels = tf.reshape(labels, [-1, 1])
  return tf.nn.sampled_softmax_loss(w_t, b, inputs, labels, 6, VOCAB)


cell = tf.nn.rnn_cell.GRUCell(SIZE)
cell = tf.nn.rnn_cell.MultiRNNCell([cell] * 2)
outputs, _ = tf.nn.seq2seq.embedding_attention_seq2seq(
    enc, dec, cell, VOCAB, VOCAB, SIZE, output_projection=(w, b))
loss = tf.nn.seq2seq.sequence_loss(outputs, dec, weights, softmax_loss_function=sampled_loss)
logits = [tf.matmul(o, w) + b for o in outputs]
xent = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(logits[0], dec[0]))
weighted = tf.nn.weighted_cross_entropy_with_logits(
    tf.constant([0.5, -1.0]), tf.constant([1.0, 0.0]), 2.0)
train = tf.train.AdamOptimizer(0.05).minimize(loss)
saver = tf.train.Saver(tf.all_variables())

data = np.random.RandomState(0).randint(3, VOCAB, size=(16, STEPS))
feed = {}
for i in range(STEPS):
  feed[enc[i]] = data[:, i]
  feed[dec[i]] = data[:, i]
with tf.Session() as sess:
  sess.run(tf.initialize_all_variables())
  first = sess.run(xent, feed)
  for _ in range(60):
    sess.run(train, feed)
  print("xent %.4f %.4f" % (first, sess.run(xent, feed)))
  print("weighted %.5f %.5f" % tuple(sess.run(weighted)))
  one = dict((k, v[:1]) for k, v in feed.items())
  output_logits = sess.run(logits, one)
  outputs = [int(np.argmax(logit, axis=1)) for logit in output_logits]
  print("tokens", outputs)
  print("saved", saver.save(sess, sys.argv[1]))
"""


def test_tf_0_12_program_runs_after_rewrite_full_as_it_ran_on_0_12(tmp_path: Path) -> None:
    program = tmp_path / "model.py"
    program.write_text(PROGRAM)
    done = python("-m", "legacy2tf2", "rewrite", "--full", "model.py", cwd=tmp_path, timeout=300)
    assert done.returncode == 0, done.stderr
    migrated = program.read_text()
    assert "def sampled_loss(inputs, labels):" in migrated  # the runtime calls it positionally
    assert "inputs=inputs, labels=labels, num_sampled=6, num_classes=VOCAB" in migrated
    assert "logits=logits[0], labels=dec[0]" in migrated
    assert 'MultiRNNCell([cell] * 2, repeated_cells="copy")' in migrated
    assert "int(np.argmax(logit, axis=1).item())" in migrated
    for code in ("L2T010", "L2T015"):
        assert code in done.stderr

    done = python("model.py", str(tmp_path / "ckpt"), cwd=tmp_path, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    first, last = map(float, done.stdout.split("xent ")[1].split()[:2])
    assert last < first
    logits, targets = np.array([0.5, -1.0]), np.array([1.0, 0.0])  # TF 0.12's (logits, targets)
    softplus = np.log1p(np.exp(-np.abs(logits))) + np.maximum(-logits, 0)
    expected = (1 - targets) * logits + (1 + targets) * softplus  # pos_weight 2
    weighted = np.array(done.stdout.split("weighted ")[1].split()[:2], float)
    np.testing.assert_allclose(weighted, expected, atol=1e-4)
    tokens = done.stdout.split("tokens [")[1].split("]")[0].split(",")
    assert len(tokens) == 3

    import tensorflow as tf

    names = [name for name, _ in tf.train.list_variables(str(tmp_path / "ckpt"))]
    layers = {n.split("multi_rnn_cell/")[1].split("/")[0] for n in names if "multi_rnn_cell/" in n}
    assert layers == {"cell_0", "cell_1"}, names
