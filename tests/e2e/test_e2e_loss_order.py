"""A TF 1.0 program whose ``softmax_loss_function`` has uninformative parameter names, migrated
with the real ``rewrite --full`` and run: its loss is TF 1.0's.

TF 1.0's legacy_seq2seq called the function ``(labels, logits)`` positionally. Before rewrite stated
that order (``legacy_seq2seq.loss_called_as``), the runtime called ``lambda a, b`` TF 0.x's way,
``(logits, labels)``, and with soft (float) targets the loss was another number, silently.
"""

from __future__ import annotations

import numpy as np
import pytest

from tests.e2e.helpers import cli, numbers_after, run_program

pytestmark = [pytest.mark.e2e, pytest.mark.heavy]

PROGRAM = """\
import numpy as np
import tensorflow as tf

logits = [tf.constant([[0.5, -1.0, 2.0], [0.0, 1.5, -0.5]]), tf.constant([[1.0, 1.0, -2.0], [0.3, -0.7, 0.2]])]
targets = [tf.constant([[0.7, 0.2, 0.1], [0.0, 0.5, 0.5]]), tf.constant([[0.1, 0.1, 0.8], [1.0, 0.0, 0.0]])]
weights = [tf.constant([1.0, 0.5]), tf.constant([1.0, 1.0])]
loss = tf.contrib.legacy_seq2seq.sequence_loss(
    logits, targets, weights,
    softmax_loss_function=lambda a, b: tf.nn.softmax_cross_entropy_with_logits(labels=a, logits=b))
with tf.Session() as sess:
    print("loss %r" % float(sess.run(loss)))
"""

LOGITS = np.array([[[0.5, -1.0, 2.0], [0.0, 1.5, -0.5]], [[1.0, 1.0, -2.0], [0.3, -0.7, 0.2]]])
TARGETS = np.array([[[0.7, 0.2, 0.1], [0.0, 0.5, 0.5]], [[0.1, 0.1, 0.8], [1.0, 0.0, 0.0]]])
WEIGHTS = np.array([[1.0, 0.5], [1.0, 1.0]])


def _tf1_0_loss() -> float:
    """sequence_loss of TF 1.0, with the function called (labels, logits): NumPy."""
    log_softmax = LOGITS - np.log(np.exp(LOGITS).sum(-1, keepdims=True))
    xent = -(TARGETS * log_softmax).sum(-1)  # [time, batch]
    per_example = (xent * WEIGHTS).sum(0) / (WEIGHTS.sum(0) + 1e-12)
    return float(per_example.sum() / 2)


def test_tf1_0_loss_function_gets_labels_first(tmp_path) -> None:
    (tmp_path / "model.py").write_text(PROGRAM)
    done = cli("rewrite", "--full", "model.py", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert 'loss_called_as("labels, logits"' in (tmp_path / "model.py").read_text()
    (loss,) = numbers_after("loss ", run_program(tmp_path, "model.py"))
    np.testing.assert_allclose(loss, _tf1_0_loss(), rtol=1e-5)
