"""A TF 0.12 CTC program migrated by the real ``rewrite --full`` computes TF 0.12's CTC loss.

``ctc_ops.ctc_loss(inputs, targets, seq_len)`` and ``tf.nn.ctc_loss(logits, sparse, lengths)``
are TF 0.x's argument order (inputs first; TF 1.0 put labels first) and
``tf.SparseTensor(..., shape=...)`` TF 0.x's keyword (``dense_shape`` from 1.0). The loss is
checked against CTC computed in NumPy by summing every alignment of the logits' softmax that
collapses (repeats merged, then blanks, the last class, removed) to the labels, as TF's ctc_loss
documents (Graves et al. 2006; preprocess_collapse_repeated=False, ctc_merge_repeated=True).
"""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pytest

from tests.e2e.helpers import python

pytestmark = pytest.mark.heavy

STEPS, CLASSES, LABELS = 4, 3, (0, 1)

PROGRAM = """\
import numpy as np
import tensorflow as tf
from tensorflow.python.ops import ctc_ops

logits_np = np.random.RandomState(0).randn(4, 1, 3).astype(np.float32)
inputs = tf.placeholder(tf.float32, [None, None, 3])
targets = tf.sparse_placeholder(tf.int32)
seq_len = tf.placeholder(tf.int32, [None])
loss = ctc_ops.ctc_loss(inputs, targets, seq_len)
fixed = tf.SparseTensor(indices=[[0, 0], [0, 1]], values=[0, 1], shape=[1, 2])
loss2 = tf.nn.ctc_loss(tf.constant(logits_np), fixed, [4])
sess = tf.Session()
sess.run(tf.initialize_all_variables())
indices = np.array([[0, 0], [0, 1]], np.int64)
feed = {inputs: logits_np, seq_len: [4],
        targets: (indices, np.array([0, 1], np.int32), np.array([1, 2], np.int64))}
print("ctc %.6f %.6f" % (sess.run(loss, feed)[0], sess.run(loss2)[0]))
"""


def ctc_loss_numpy(logits: np.ndarray, labels: tuple[int, ...]) -> float:
    """-log p(labels | logits): every path of classes whose collapse is ``labels``."""
    probs = np.exp(logits - logits.max(axis=1, keepdims=True))
    probs /= probs.sum(axis=1, keepdims=True)
    blank = logits.shape[1] - 1
    total = 0.0
    for path in itertools.product(range(logits.shape[1]), repeat=logits.shape[0]):
        merged = [c for i, c in enumerate(path) if i == 0 or c != path[i - 1]]
        if tuple(c for c in merged if c != blank) == labels:
            total += float(np.prod([probs[t, c] for t, c in enumerate(path)]))
    return -np.log(total)


def test_tf_0_12_ctc_program_computes_tf_0_12_ctc_loss(tmp_path: Path) -> None:
    program = tmp_path / "ctc.py"
    program.write_text(PROGRAM)
    done = python("-m", "legacy2tf2", "rewrite", "--full", "ctc.py", cwd=tmp_path, timeout=300)
    assert done.returncode == 0, done.stderr
    migrated = program.read_text()
    assert "ctc_ops.ctc_loss(inputs=inputs, labels=targets, sequence_length=seq_len)" in migrated
    assert "dense_shape=[1, 2]" in migrated

    done = python("ctc.py", cwd=tmp_path, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    got = np.array(done.stdout.split("ctc ")[1].split()[:2], float)
    logits = np.random.RandomState(0).randn(STEPS, 1, CLASSES).astype(np.float32)[:, 0, :]
    expected = ctc_loss_numpy(logits.astype(np.float64), LABELS)
    np.testing.assert_allclose(got, [expected, expected], rtol=1e-4)
