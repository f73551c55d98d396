"""``--full``'s pre-1.0 pass: TF 1.0's renames and moves, and tf.reverse's boolean mask."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from pre1_0_pairs import fix_body

from legacy2tf2.migrator.full_upgrade import full_upgrade
from tests.e2e.helpers import run_program

HEAD = "import tensorflow as tf\n"


def fix(body: str, head: str = HEAD) -> tuple[str, list[str]]:
    return fix_body(body, head)


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("y = tf.select(c, a, b)\n", "y = tf.where(c, a, b)\n"),
        ("y = tf.batch_matmul(a, b)\n", "y = tf.matmul(a, b)\n"),
        ("y = tf.complex_abs(z)\n", "y = tf.abs(z)\n"),
        ("y = tf.inv(x)\n", "y = tf.reciprocal(x)\n"),
        ("y = tf.concat_v2([a, b], 1)\n", "y = tf.concat([a, b], 1)\n"),
        ("y = tf.image.per_image_whitening(i)\n", "y = tf.image.per_image_standardization(i)\n"),
        (
            "step = tf.contrib.framework.get_or_create_global_step()\n",
            "step = tf.train.get_or_create_global_step()\n",
        ),
        (
            "step = tf.compat.v1.contrib.framework.get_global_step()\n",
            "step = tf.compat.v1.train.get_global_step()\n",
        ),
        (
            "dist = tf.contrib.distributions.Normal(h_mu, h_sigma)\n",
            "dist = tf.distributions.Normal(h_mu, h_sigma)\n",
        ),
        (
            "kl = tf.contrib.distributions.kl_divergence(p, q)\n",
            "kl = tf.distributions.kl_divergence(p, q)\n",
        ),
        ("tf.ops.reset_default_graph()\n", "tf.reset_default_graph()\n"),
        ("g = tf.ops.get_default_graph()\n", "g = tf.get_default_graph()\n"),
        # TF 0.x's tf.nn held the graph module too (a TF 0.12 chatbot: tf.nn.ops.reset_default_graph())
        ("tf.nn.ops.reset_default_graph()\n", "tf.reset_default_graph()\n"),
        ("with tf.nn.ops.name_scope('a'):\n    pass\n", "with tf.name_scope('a'):\n    pass\n"),
        ("k = tf.nn.ops.GraphKeys.TRAINABLE_VARIABLES\n", "k = tf.GraphKeys.TRAINABLE_VARIABLES\n"),
        (
            "acc = tf.reduce_mean(tf.cast(ok, tf.types.float32))\n",
            "acc = tf.reduce_mean(tf.cast(ok, tf.float32))\n",
        ),
        ("x = tf.placeholder(tf.types.int32, [None])\n", "x = tf.placeholder(tf.int32, [None])\n"),
        ("r = tf.reverse(x, [False, True])\n", "r = tf.reverse(x, [1])\n"),
        ("r = tf.reverse(x, dims=[True, False, True])\n", "r = tf.reverse(x, axis=[0, 2])\n"),
    ],
)
def test_tf_1_0_renames_and_reverse_masks_are_fixed(before: str, after: str) -> None:
    new, codes = fix(before)
    assert new == after
    assert codes == ["L2T010"]
    assert fix(new) == (new, [])


@pytest.mark.parametrize(
    "body",
    [
        "r = tf.reverse(x, [1])\n",  # TF 1.0+ axes
        "r = tf.reverse(x, axis=[-1])\n",
        "r = tf.reverse(x, -1)\n",
        "y = tf.where(c, a, b)\n",
        "spec = tf.types.experimental.TensorLike\n",  # TF 2's own tf.types
    ],
)
def test_tf_1_x_calls_stay(body: str) -> None:
    assert fix(body) == (body, [])


def test_a_reverse_mask_that_is_not_a_literal_is_reported_unless_the_file_is_1_0_or_later() -> None:
    body = "r = tf.reverse(x, mask)\n"
    assert fix(body) == (body, ["L2T025"])
    pre = "init = tf.initialize_all_variables()\nr = tf.reverse(x, mask)\n"
    assert fix(pre)[1] == ["L2T010", "L2T025"]
    modern = "out = tf.contrib.legacy_seq2seq.rnn_decoder(a, b, c)\nr = tf.reverse(x, axes)\n"
    assert fix(modern) == (modern, [])


@pytest.mark.parametrize(
    "body",
    [
        "d = tf.contrib.distributions.MultivariateNormalDiag(m, s)\n",  # contrib's own: reported
        "ds = tf.contrib.distributions\n",
    ],
)
def test_contrib_distributions_tf_1_x_core_lacks_stay(body: str) -> None:
    assert fix(body) == (body, [])


DISTRIBUTION_PROGRAM = b"""\
import tensorflow as tf
dist = tf.contrib.distributions.Normal(tf.constant([0.0, 1.0]), tf.constant([1.0, 2.0]))
px = dist.cdf(tf.constant([0.5, -1.0]))
with tf.Session() as sess:
    print(*sess.run(px))
"""


@pytest.mark.heavy
def test_a_migrated_contrib_normal_computes_the_normal_cdf(tmp_path: Path) -> None:
    result = full_upgrade(DISTRIBUTION_PROGRAM, "dist.py")
    (tmp_path / "dist.py").write_bytes(result.source)
    got = [float(v) for v in run_program(tmp_path, "dist.py").split()]
    want = [
        0.5 * (1 + math.erf((x - m) / (s * math.sqrt(2)))) for x, m, s in ((0.5, 0, 1), (-1, 1, 2))
    ]
    assert got == pytest.approx(want, rel=1e-5)
