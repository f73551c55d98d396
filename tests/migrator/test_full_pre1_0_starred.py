"""``--full``'s pre-1.0 pass: loss functions called with a starred argument (``f(*pair)``).

TF 0.x's ``tf.nn.sparse_softmax_cross_entropy_with_logits(logits, labels)`` was often called as
``tf.map_fn(lambda x: tf.nn.sparse_softmax_cross_entropy_with_logits(*x), [logits, y])``
(dennybritz/tf-rnn's loss-masking notebook). TF 2 binds ``(labels, logits)``: passed through
unchanged, the pair swaps. Exact before/after pairs of
:func:`legacy2tf2.migrator.pre1_0.fix_pre_1_0`; the run is in
tests/e2e/test_e2e_starred_loss.py.
"""

from __future__ import annotations

import libcst as cst
import pytest

from legacy2tf2.migrator.pre1_0 import fix_pre_1_0

TF_1_X = "import tensorflow as tf\nout = tf.contrib.legacy_seq2seq.rnn_decoder(a, b, c)\n"


def fix(source: str) -> tuple[str, list[tuple[int, str]]]:
    new, changes = fix_pre_1_0(cst.parse_module(source))
    return new.code, [(line, code) for line, _col, code, _msg in changes]


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            "l = tf.map_fn(lambda x: tf.nn.sparse_softmax_cross_entropy_with_logits(*x), [z, y])",
            "l = tf.map_fn(lambda x: (lambda logits, labels, name=None: "
            "tf.nn.sparse_softmax_cross_entropy_with_logits(logits=logits, labels=labels, "
            "name=name))(*x), [z, y])",
        ),
        (
            "l = tf.nn.softmax_cross_entropy_with_logits(*pair)",
            "l = (lambda logits, labels, dim=-1, name=None: "
            "tf.nn.softmax_cross_entropy_with_logits(logits=logits, labels=labels, dim=dim, "
            "name=name))(*pair)",
        ),
        (
            "l = tf.nn.sigmoid_cross_entropy_with_logits(z, *rest, name='s')",
            "l = (lambda logits, labels, name=None: "
            "tf.nn.sigmoid_cross_entropy_with_logits(logits=logits, labels=labels, "
            "name=name))(z, *rest, name='s')",
        ),
    ],
)
def test_starred_cross_entropy_binds_tf0_parameters(before: str, after: str) -> None:
    new, changes = fix(f"import tensorflow as tf\n{before}\n")
    assert new == f"import tensorflow as tf\n{after}\n"
    assert changes == [(2, "L2T010")]


def test_starred_cross_entropy_is_pre_1_0_in_any_file() -> None:
    # TF 1.x refused positional arguments (its _sentinel): a starred call is TF 0.x code
    new, changes = fix(TF_1_X + "l = tf.nn.sparse_softmax_cross_entropy_with_logits(*x)\n")
    assert "(lambda logits, labels, name=None:" in new
    assert changes == [(3, "L2T010")]


def test_double_starred_keywords_are_untouched() -> None:
    source = "import tensorflow as tf\nl = tf.nn.softmax_cross_entropy_with_logits(**kw)\n"
    assert fix(source) == (source, [])


def test_starred_swapped_loss_is_reported_unless_the_file_is_tf1() -> None:
    call = "l = tf.nn.sampled_softmax_loss(w, b, *io, num_sampled=4, num_classes=9)\n"
    source = "import tensorflow as tf\n" + call
    new, changes = fix(source)
    assert changes == [(2, "L2T010"), (2, "L2T014")]  # TF1's function; the order left, reported
    assert "tf.compat.v1.nn.sampled_softmax_loss(w, b, *io," in new
    new, changes = fix(TF_1_X + call)
    assert changes == [(3, "L2T010")]
