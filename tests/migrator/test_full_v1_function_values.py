"""``--full``: TF1's ``tf.nn.dropout`` (keep_prob) and ``tf.nn.softmax_cross_entropy_with_logits``
(no gradient into labels) passed as values stay TF1's (``tf.compat.v1.nn.``); calls are the
upgrader's."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from legacy2tf2.migrator.v1_function_values import fix_v1_function_values
from tests.e2e.helpers import python


def fix(source: str) -> tuple[str, list[str]]:
    new, changes = fix_v1_function_values(source.encode())
    return new.decode(), [code for _line, _col, code, _msg in changes]


@pytest.mark.parametrize(
    ("before", "after"),
    [
        # a public HM-LSTM network's classification loss, called later with **loss_args
        (
            "import tensorflow as tf\n"
            "self._loss_function = tf.nn.softmax_cross_entropy_with_logits\n",
            "import tensorflow as tf\n"
            "self._loss_function = tf.compat.v1.nn.softmax_cross_entropy_with_logits\n",
        ),
        (
            "import functools\nimport tensorflow\n"
            "loss = functools.partial(tensorflow.nn.softmax_cross_entropy_with_logits, dim=1)\n",
            "import functools\nimport tensorflow\n"
            "loss = functools.partial(tensorflow.compat.v1.nn.softmax_cross_entropy_with_logits, "
            "dim=1)\n",
        ),
        (
            "import tensorflow as tf\n"
            "drop = tf.nn.dropout if is_training else (lambda x, keep_prob: x)\n",
            "import tensorflow as tf\n"
            "drop = tf.compat.v1.nn.dropout if is_training else (lambda x, keep_prob: x)\n",
        ),
        (
            "import tensorflow as tf\n"
            "lookup = {'emb': tf.nn.embedding_lookup, 'loss': tf.nn.sampled_softmax_loss}\n",
            "import tensorflow as tf\n"
            "lookup = {'emb': tf.compat.v1.nn.embedding_lookup, "
            "'loss': tf.compat.v1.nn.sampled_softmax_loss}\n",
        ),
        (
            "import tensorflow as tf\n"
            "def train(loss_fn=tf.nn.softmax_cross_entropy_with_logits):\n    pass\n",
            "import tensorflow as tf\n"
            "def train(loss_fn=tf.compat.v1.nn.softmax_cross_entropy_with_logits):\n    pass\n",
        ),
    ],
)
def test_the_function_passed_as_a_value_becomes_tf1s(before: str, after: str) -> None:
    new, codes = fix(before)
    assert new == after
    assert codes and set(codes) == {"L2T010"}
    assert fix(new) == (new, [])


@pytest.mark.parametrize(
    "source",
    [
        # calls: the upgrader gives them labels=tf.stop_gradient(labels)
        "import tensorflow as tf\nx = tf.nn.softmax_cross_entropy_with_logits(labels=y, logits=z)\n",
        "import tensorflow.compat.v1 as tf\nf = tf.nn.softmax_cross_entropy_with_logits\n",
        "import tensorflow as tf\nf = tf.nn.sparse_softmax_cross_entropy_with_logits\n",
        "import tensorflow as tf\nf = tf.nn.softmax_cross_entropy_with_logits_v2\n",
        "import tensorflow as tf\nf = tf.compat.v1.nn.softmax_cross_entropy_with_logits\n",
        "import tensorflow as tf\nf = other.nn.softmax_cross_entropy_with_logits\n",
        "import tensorflow as tf\ny = tf.nn.dropout(x, keep_prob)\n",
        "import tensorflow as tf\nf = tf.layers.dropout\n",
    ],
)
def test_calls_and_other_functions_stay(source: str) -> None:
    assert fix(source) == (source, [])


PROGRAM = """\
import numpy as np
import tensorflow as tf

w = tf.Variable([[0.5, -1.0, 2.0]])
labels = tf.nn.softmax(w)  # soft targets computed from a trainable variable
logits = tf.constant([[1.0, 2.0, 3.0]]) * w
loss_fn = tf.nn.softmax_cross_entropy_with_logits
loss = tf.reduce_sum(loss_fn(labels=labels, logits=logits))
grad, = tf.gradients(loss, [w])
drop = tf.nn.dropout
kept = tf.reduce_mean(tf.cast(tf.not_equal(drop(tf.ones([20000]), 0.8, seed=3), 0.0), tf.float32))
lookup = tf.nn.embedding_lookup
tables = [tf.constant([[0.0], [2.0], [4.0]]), tf.constant([[1.0], [3.0], [5.0]])]
rows = lookup(tables, tf.range(6))  # TF1: id i in table i % 2, row i // 2 ('mod')
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    print(" ".join("%.6f" % v for v in sess.run(grad).ravel()))
    print("kept %.2f" % sess.run(kept))
    print(" ".join("%d" % v for v in sess.run(rows).ravel()))
"""


@pytest.mark.heavy
def test_a_program_passing_the_functions_as_values_computes_tf1s_numbers(tmp_path: Path) -> None:
    program = tmp_path / "model.py"
    program.write_text(PROGRAM)
    done = python("-m", "legacy2tf2", "rewrite", "--full", "model.py", cwd=tmp_path, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "loss_fn = tf.compat.v1.nn.softmax_cross_entropy_with_logits" in program.read_text()
    assert "drop = tf.compat.v1.nn.dropout" in program.read_text()
    assert "lookup = tf.compat.v1.nn.embedding_lookup" in program.read_text()
    done = python("model.py", cwd=tmp_path, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    # TF1, by hand: labels held constant, d loss / d w = (softmax(x * w) - softmax(w)) * x
    x, w = np.array([1.0, 2.0, 3.0]), np.array([0.5, -1.0, 2.0])
    softmax = lambda v: np.exp(v - v.max()) / np.exp(v - v.max()).sum()  # noqa: E731
    want = (softmax(x * w) - softmax(w)) * x
    gradient, kept, rows = done.stdout.splitlines()
    assert rows == "0 1 2 3 4 5"  # TF1's 'mod' sharding (TF 2's 'div' read 0 2 4 1 3 5)
    np.testing.assert_allclose([float(v) for v in gradient.split()], want, atol=1e-5)
    # TF1's keep_prob 0.8 keeps ~80% of 20000 (TF 2's rate 0.8 kept ~20%)
    assert abs(float(kept.split()[1]) - 0.8) < 0.03
