"""A TF 0.x loss-masking program (dennybritz/tf-rnn's notebook idiom) that calls
``sparse_softmax_cross_entropy_with_logits(*x)`` inside ``tf.map_fn``, migrated with the real
``rewrite --full`` and run: its losses are TF 0.x's ``(logits, labels)`` binding, by NumPy.

Before, the starred pair went to TF 2's ``(labels, logits)`` unchanged (the sparse loss then
failed on shapes; the dense ``softmax_cross_entropy_with_logits(*x)`` swapped silently).
"""

from __future__ import annotations

import numpy as np
import pytest

from tests.e2e.helpers import cli, numbers_after, run_program

pytestmark = [pytest.mark.e2e, pytest.mark.heavy]

LOGITS = np.array([[[0.5, -1.0, 2.0], [0.0, 1.5, -0.5]], [[1.0, 1.0, -2.0], [0.3, -0.7, 0.2]]])
SPARSE = np.array([[2, 1], [0, 2]])
DENSE = np.array([[[0.7, 0.2, 0.1], [0.0, 0.5, 0.5]], [[0.1, 0.1, 0.8], [1.0, 0.0, 0.0]]])

PROGRAM = f"""\
import numpy as np
import tensorflow as tf

logits = tf.constant(np.array({LOGITS.tolist()}), dtype=tf.float32)
y = np.array({SPARSE.tolist()})
soft = tf.constant(np.array({DENSE.tolist()}), dtype=tf.float32)
sparse = tf.map_fn(lambda x: tf.nn.sparse_softmax_cross_entropy_with_logits(*x), [logits, y],
                   dtype=tf.float32)
dense = tf.map_fn(lambda x: tf.nn.softmax_cross_entropy_with_logits(*x), [logits, soft],
                  dtype=tf.float32)
sess = tf.Session()
for v in sess.run(sparse).ravel():
    print("sparse %r" % float(v))
for v in sess.run(dense).ravel():
    print("dense %r" % float(v))
"""


def test_starred_losses_bind_logits_first(tmp_path) -> None:
    (tmp_path / "masking.py").write_text(PROGRAM)
    done = cli("rewrite", "--full", "masking.py", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "called with a starred argument" in done.stderr
    out = run_program(tmp_path, "masking.py")
    log_softmax = LOGITS - np.log(np.exp(LOGITS).sum(-1, keepdims=True))
    sparse = -np.take_along_axis(log_softmax, SPARSE[..., None], -1)[..., 0]
    dense = -(DENSE * log_softmax).sum(-1)
    np.testing.assert_allclose(numbers_after("sparse ", out), sparse.ravel(), rtol=1e-5)
    np.testing.assert_allclose(numbers_after("dense ", out), dense.ravel(), rtol=1e-5)
