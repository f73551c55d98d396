"""``--full``'s pre-1.0 pass: ``ctc_loss``'s argument order and the sparse constructors' ``shape=``.

TF 0.8's ``tf.contrib.ctc.ctc_loss`` and TF 0.9-0.12's ``tf.nn.ctc_loss`` (also reached as
``tensorflow.python.ops.ctc_ops.ctc_loss``) took ``(inputs, labels, sequence_length,
preprocess_collapse_repeated, ctc_merge_repeated)`` (tensorflow/tensorflow
tensorflow/contrib/ctc/ctc_ops.py at 0b473887); TF 1.0 made it ``(labels, inputs,
sequence_length, ...)``, which TF 2's ``tf.compat.v1.nn.ctc_loss`` and ``ctc_ops.ctc_loss`` keep
(tensorflow/python/ops/ctc_ops.py, ``@tf_export(v1=["nn.ctc_loss"])``). A TF 0.x speech
recogniser (``ctc_ops.ctc_loss(logits, targets, seq_len)``) stopped on TF 2 with "Expected
argument `labels` to be a SparseTensor". TF 1.0's RELEASE.md: "The shape keyword argument of the
`SparseTensor` constructor changes its name to `dense_shape`" (same for ``SparseTensorValue``).

Exact before/after pairs of :func:`legacy2tf2.migrator.pre1_0.fix_pre_1_0` (pure libcst); the
real CLI and TensorFlow run of such a program is in
tests/migrator/test_full_pre1_0_ctc_program.py.
"""

from __future__ import annotations

import libcst as cst
import pytest

from legacy2tf2.migrator.pre1_0 import fix_pre_1_0

PRE_1_0 = "import tensorflow as tf\ninit = tf.initialize_all_variables()\n"
PRE_1_0_FIXED = PRE_1_0.replace("initialize_all_variables", "global_variables_initializer")
TF_1_X = "import tensorflow as tf\nout = tf.contrib.legacy_seq2seq.rnn_decoder(a, b, c)\n"
CTC_OPS = "from tensorflow.python.ops import ctc_ops\n"


def fix(source: str) -> tuple[str, list[tuple[int, str]]]:
    new, changes = fix_pre_1_0(cst.parse_module(source))
    return new.code, [(line, code) for line, _col, code, _msg in changes]


@pytest.mark.parametrize(
    ("imports", "call"),
    [
        ("", "tf.nn.ctc_loss"),
        (CTC_OPS, "ctc_ops.ctc_loss"),
        ("from tensorflow.contrib.ctc import ctc_ops\n", "ctc_ops.ctc_loss"),
        ("", "tf.contrib.ctc.ctc_loss"),
        ("from tensorflow.python.ops.ctc_ops import ctc_loss\n", "ctc_loss"),
    ],
)
def test_pre_1_0_ctc_loss_gets_keywords_in_its_old_meaning(imports: str, call: str) -> None:
    source = PRE_1_0 + imports + f"loss = {call}(logits, targets, seq_len)\n"
    new, changes = fix(source)
    assert new == PRE_1_0_FIXED + imports + (
        f"loss = {call}(inputs=logits, labels=targets, sequence_length=seq_len)\n"
    )
    line = 3 + imports.count("\n")
    assert changes == [(2, "L2T010"), (line, "L2T010")]


def test_pre_1_0_ctc_loss_flags_keep_their_slots() -> None:
    source = PRE_1_0 + "loss = tf.nn.ctc_loss(x, y, n, False, True)\n"
    new, _ = fix(source)
    assert new.endswith(
        "loss = tf.nn.ctc_loss(inputs=x, labels=y, sequence_length=n, "
        "preprocess_collapse_repeated=False, ctc_merge_repeated=True)\n"
    )


def test_tf_1_x_ctc_loss_is_right_as_it_is() -> None:
    source = TF_1_X + CTC_OPS + "loss = ctc_ops.ctc_loss(targets, logits, seq_len)\n"
    assert fix(source) == (source, [])
    call = "loss = tf.nn.ctc_loss(labels=y, inputs=x, sequence_length=n)\n"
    assert fix(PRE_1_0 + call)[0] == PRE_1_0_FIXED + call


def test_unknown_era_ctc_loss_is_reported_not_guessed() -> None:
    source = "import tensorflow as tf\nloss = tf.nn.ctc_loss(a, b, n)\n"
    new, changes = fix(source)
    assert (new, changes) == (source, [(2, "L2T014")])
    (message,) = [m for *_, m in fix_pre_1_0(cst.parse_module(source))[1]]
    assert "inputs, labels before 1.0" in message and "labels, inputs from 1.0" in message


def test_a_keyword_only_one_order_leaves_free_decides_ctc_loss() -> None:
    source = "import tensorflow as tf\nloss = tf.nn.ctc_loss(x, labels=y, sequence_length=n)\n"
    new, changes = fix(source)
    assert new.endswith("tf.nn.ctc_loss(inputs=x, labels=y, sequence_length=n)\n")
    assert changes == [(2, "L2T010")]


@pytest.mark.parametrize("cls", ["SparseTensor", "SparseTensorValue"])
def test_sparse_constructor_shape_keyword_becomes_dense_shape_in_any_file(cls: str) -> None:
    source = TF_1_X + f"sp = tf.{cls}(indices=ix, values=v, shape=[2, 5])\n"
    new, changes = fix(source)
    assert new == TF_1_X + f"sp = tf.{cls}(indices=ix, values=v, dense_shape=[2, 5])\n"
    assert changes == [(3, "L2T010")]


def test_sparse_constructors_without_shape_keyword_and_other_shapes_are_untouched() -> None:
    source = TF_1_X + (
        "sp = tf.SparseTensor(ix, v, [2, 5])\n"
        "sq = tf.SparseTensor(ix, v, dense_shape=[2, 5])\n"
        "ph = tf.sparse_placeholder(tf.int32, shape=[2, 5])\n"
        "class SparseTensor(object):\n"
        "    pass\n"
        "own = SparseTensor(shape=[1])\n"
    )
    assert fix(source) == (source, [])
