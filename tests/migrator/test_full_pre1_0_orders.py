"""``--full``'s pre-1.0 pass: loss argument orders TF 1.0 changed, decided by the file's era.

Exact before/after pairs of :func:`legacy2tf2.migrator.pre1_0.fix_pre_1_0` (pure libcst, no
TensorFlow); the TensorFlow runs of both orders are in tests/runtime/test_pre1_0_loss_orders.py.
"""

from __future__ import annotations

import libcst as cst
import pytest

from legacy2tf2.migrator.pre1_0 import fix_pre_1_0

PRE_1_0 = "import tensorflow as tf\ninit = tf.initialize_all_variables()\nx = tf.pack(y)\n"
TF_1_X = "import tensorflow as tf\nout = tf.contrib.legacy_seq2seq.rnn_decoder(a, b, c)\n"


def fix(source: str, original: str | None = None) -> tuple[str, list[tuple[int, str]]]:
    module = cst.parse_module(source)
    new, changes = fix_pre_1_0(module, None if original is None else cst.parse_module(original))
    return new.code, [(line, code) for line, _col, code, _msg in changes]


def test_pre_1_0_sampled_softmax_loss_gets_keywords_in_its_old_meaning() -> None:
    source = (
        "import tensorflow as tf\n"
        "loss = tf.nn.sampled_softmax_loss(w_t, b, inputs, labels, 512, vocab)\n"
        "x = tf.pack(y)\n"
    )
    new, changes = fix(source)
    assert new == (
        "import tensorflow as tf\n"
        "loss = tf.compat.v1.nn.sampled_softmax_loss(w_t, b, inputs=inputs, labels=labels, "
        "num_sampled=512, num_classes=vocab)\n"
        "x = tf.stack(y)\n"
    )
    # the order, and TF1's function (tests/migrator/test_full_partition_strategy.py)
    assert changes == [(2, "L2T010"), (2, "L2T010"), (3, "L2T010")]


def test_the_era_is_read_from_the_source_as_written() -> None:
    rewritten = (
        "import tensorflow as tf\n"
        "from legacy2tf2.runtime import legacy_seq2seq\n"
        "loss = tf.nn.nce_loss(w, b, x, y, 4, 10)\n"
    )
    original = (
        "import tensorflow as tf\n"
        "s = tf.nn.seq2seq.rnn_decoder\n"
        "loss = tf.nn.nce_loss(w, b, x, y, 4, 10)\n"
    )
    new, changes = fix(rewritten, original)
    assert (
        "tf.compat.v1.nn.nce_loss(w, b, inputs=x, labels=y, num_sampled=4, num_classes=10)" in new
    )
    assert changes == [(3, "L2T010"), (3, "L2T010")]
    new, changes = fix(rewritten)  # the rewritten source alone tells nothing
    assert changes == [(3, "L2T010"), (3, "L2T014")]
    assert new == rewritten.replace("tf.nn.", "tf.compat.v1.nn.")


def test_tf_1_x_order_is_right_as_it_is() -> None:
    source = TF_1_X + "loss = tf.nn.sampled_softmax_loss(w_t, b, labels, inputs, 64, vocab)\n"
    assert fix(source) == (source.replace("tf.nn.", "tf.compat.v1.nn."), [(3, "L2T010")])


def test_unknown_era_positional_call_is_reported_not_guessed() -> None:
    source = "import tensorflow as tf\nloss = tf.nn.sampled_softmax_loss(w_t, b, x, y, 64, vocab)\n"
    new, changes = fix(source)
    assert new == source.replace("tf.nn.", "tf.compat.v1.nn.")
    assert changes == [(2, "L2T010"), (2, "L2T014")]
    module = cst.parse_module(source)
    (message,) = [m for *_, code, m in fix_pre_1_0(module)[1] if code == "L2T014"]
    assert "inputs, labels before 1.0" in message and "labels, inputs from 1.0" in message


def test_weighted_cross_entropy_order_follows_the_era_too() -> None:
    call = "loss = tf.nn.weighted_cross_entropy_with_logits(z, y, 2.0)\n"
    new, changes = fix(PRE_1_0 + call)
    assert new.endswith(
        "loss = tf.nn.weighted_cross_entropy_with_logits(logits=z, targets=y, pos_weight=2.0)\n"
    )
    assert changes == [(2, "L2T010"), (3, "L2T010"), (4, "L2T010")]
    assert fix(TF_1_X + call) == (TF_1_X + call, [])
    assert fix("import tensorflow as tf\n" + call)[1] == [(2, "L2T014")]


@pytest.mark.parametrize(
    ("call", "after"),
    [
        # a keyword that only one order leaves free decides, whatever the era
        ("(w, b, x, labels=y, num_sampled=4, num_classes=9)", "(w, b, inputs=x, labels=y, "),
        ("(w, b, y, inputs=x, num_sampled=4, num_classes=9)", None),
        # keywords only, or fewer than three positional arguments: nothing to decide
        ("(weights=w, biases=b, labels=y, inputs=x, num_sampled=4, num_classes=9)", None),
        ("(w, b, labels=y, inputs=x, num_sampled=4, num_classes=9)", None),
    ],
)
def test_keywords_given_decide_or_leave_nothing_to_decide(call: str, after: str | None) -> None:
    source = "import tensorflow as tf\nloss = tf.nn.sampled_softmax_loss" + call + "\n"
    new, changes = fix(source)
    v1 = source.replace("tf.nn.", "tf.compat.v1.nn.")
    if after is None:
        assert (new, changes) == (v1, [(2, "L2T010")])
    else:
        assert after in new and changes == [(2, "L2T010"), (2, "L2T010")]


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            "tf.nn.softmax_cross_entropy_with_logits(logits, labels)",
            "tf.nn.softmax_cross_entropy_with_logits(logits=logits, labels=labels)",
        ),
        (
            "tf.nn.sparse_softmax_cross_entropy_with_logits(out, tf.reshape(t, [-1]))",
            "tf.nn.sparse_softmax_cross_entropy_with_logits(logits=out, labels=tf.reshape(t, [-1]))",
        ),
        (
            "tf.nn.sigmoid_cross_entropy_with_logits(z, y, name='xent')",
            "tf.nn.sigmoid_cross_entropy_with_logits(logits=z, labels=y, name='xent')",
        ),
        (
            "tf.nn.sigmoid_cross_entropy_with_logits(logits=z, targets=y)",
            "tf.nn.sigmoid_cross_entropy_with_logits(logits=z, labels=y)",
        ),
    ],
)
def test_positional_cross_entropy_is_pre_1_0_in_any_file(before: str, after: str) -> None:
    new, changes = fix(TF_1_X + "loss = " + before + "\n")
    assert new == TF_1_X + "loss = " + after + "\n"
    assert changes == [(3, "L2T010")]


def test_keyword_cross_entropy_and_local_functions_are_untouched() -> None:
    source = (
        TF_1_X + "a = tf.nn.softmax_cross_entropy_with_logits(labels=y, logits=z)\n"
        "def sampled_softmax_loss(a, b, c, d):\n"
        "    return a\n"
        "b = sampled_softmax_loss(w, b, x, y)\n"
    )
    assert fix(source) == (source, [])


def test_fixing_twice_equals_fixing_once() -> None:
    source = (
        PRE_1_0 + "loss = tf.nn.sampled_softmax_loss(w, b, x, y, 4, 9)\n"
        "xent = tf.nn.softmax_cross_entropy_with_logits(z, y)\n"
    )
    once, _ = fix(source)
    assert fix(once, source) == (once, [])


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            "c, h = array_ops.split(1, 2, state)\nnew = array_ops.concat(1, [c, h])\n",
            "c, h = array_ops.split(state, 2, 1)\nnew = array_ops.concat([c, h], 1)\n",
        ),
        # TF 1.x order stays
        (
            "c, h = array_ops.split(state, 2, 1)\nnew = array_ops.concat([c, h], 1)\n",
            "c, h = array_ops.split(state, 2, 1)\nnew = array_ops.concat([c, h], 1)\n",
        ),
    ],
)
def test_array_ops_concat_and_split_of_copied_cell_code_get_the_tf_1_x_order(
    before: str, after: str
) -> None:
    head = "from tensorflow.python.ops import array_ops\n"
    new, _ = fix(head + before)
    assert new == head + after
