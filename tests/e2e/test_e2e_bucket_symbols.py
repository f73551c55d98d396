"""A TF 0.5-style program passing ``model_with_buckets`` its vocabulary size and a name
positionally, migrated with the real ``rewrite --full`` and run: each bucket's loss is TF 0.5's.

TF 0.5 took ``(..., buckets, num_decoder_symbols, seq2seq, softmax_loss_function, name)``; later
versions and the runtime ``(..., buckets, seq2seq, softmax_loss_function, per_example_loss,
name)``. Dropping only the vocabulary size would have moved the name into ``per_example_loss``
(a truthy string: per-example losses instead of the bucket's mean).
"""

from __future__ import annotations

import numpy as np
import pytest

from tests.e2e.helpers import cli, numbers_after, run_program

pytestmark = [pytest.mark.e2e, pytest.mark.heavy]

PROGRAM = """\
import numpy as np
import tensorflow as tf
from tensorflow.models.rnn import seq2seq

W = np.array([[0.5, -1.0, 2.0, 0.1], [0.0, 1.5, -0.5, 0.3], [1.0, 0.2, -2.0, 0.7]], np.float32)
steps = [[[1.0, 0.0, 2.0], [0.5, -1.0, 0.0]], [[0.2, 0.3, -0.4], [1.0, 1.0, 1.0]],
         [[-1.0, 0.5, 0.5], [0.0, 2.0, -1.0]]]
encoder_inputs = [tf.constant(np.array(s, np.float32)) for s in steps]
decoder_inputs = [tf.constant(np.array(s, np.float32)) for s in steps]
targets = [tf.constant(t, dtype=tf.int32) for t in ([2, 1], [0, 3], [3, 3])]
weights = [tf.constant(w, dtype=tf.float32) for w in ([1.0, 1.0], [1.0, 0.5], [0.0, 1.0])]


def project(encoder_inputs, decoder_inputs):
    return [tf.matmul(d, tf.constant(W)) for d in decoder_inputs], None


outputs, losses = seq2seq.model_with_buckets(encoder_inputs, decoder_inputs, targets, weights,
                                             [(3, 2), (3, 3)], 4, project, None, "buckets")
sess = tf.Session()
for value in sess.run(losses):
    print("loss %r" % float(value))
"""

W = np.array([[0.5, -1.0, 2.0, 0.1], [0.0, 1.5, -0.5, 0.3], [1.0, 0.2, -2.0, 0.7]])
STEPS = np.array(
    [
        [[1.0, 0.0, 2.0], [0.5, -1.0, 0.0]],
        [[0.2, 0.3, -0.4], [1.0, 1.0, 1.0]],
        [[-1.0, 0.5, 0.5], [0.0, 2.0, -1.0]],
    ]
)
TARGETS = np.array([[2, 1], [0, 3], [3, 3]])
WEIGHTS = np.array([[1.0, 1.0], [1.0, 0.5], [0.0, 1.0]])


def _tf0_5_bucket_loss(length: int) -> float:
    """TF 0.5's sequence_loss over the first ``length`` steps: NumPy."""
    logits = STEPS[:length] @ W  # [time, batch, vocab]
    log_softmax = logits - np.log(np.exp(logits).sum(-1, keepdims=True))
    xent = -np.take_along_axis(log_softmax, TARGETS[:length, :, None], -1)[..., 0]
    weights = WEIGHTS[:length]
    per_example = (xent * weights).sum(0) / (weights.sum(0) + 1e-12)
    return float(per_example.sum() / 2)


def test_tf0_5_bucket_call_computes_tf0_5_losses(tmp_path) -> None:
    (tmp_path / "model.py").write_text(PROGRAM)
    done = cli("rewrite", "--full", "model.py", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "project, None, name=" in (tmp_path / "model.py").read_text()
    losses = numbers_after("loss ", run_program(tmp_path, "model.py"))
    assert losses == pytest.approx([_tf0_5_bucket_loss(2), _tf0_5_bucket_loss(3)], rel=1e-5)
