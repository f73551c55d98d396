"""``--full``'s pre-1.0 pass: TF 1.0's renames and moves, and tf.reverse's boolean mask."""

from __future__ import annotations

import pytest
from pre1_0_pairs import fix_body

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
        ("tf.ops.reset_default_graph()\n", "tf.reset_default_graph()\n"),
        ("g = tf.ops.get_default_graph()\n", "g = tf.get_default_graph()\n"),
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
