"""``--full``: a program's own fallback for TF <= 0.7's ``tf.nn.bidirectional_rnn`` (outputs only)."""

from __future__ import annotations

import libcst as cst

from legacy2tf2.migrator.pre1_0 import fix_pre_1_0

HEAD = "import tensorflow as tf\n"

# a TF 0.12 GRU classifier's version switch
BEFORE = """\
def birnn(fw, bw, x):
    try:
        outputs, _, _ = tf.nn.bidirectional_rnn(fw, bw, x,
                                                dtype=tf.float32)
    except Exception:  # Old TensorFlow version only returns outputs not states
        outputs = tf.nn.bidirectional_rnn(fw, bw, x,
                                          dtype=tf.float32)
    return outputs[-1]
"""

AFTER = """\
def birnn(fw, bw, x):
    try:
        outputs, _, _ = tf.nn.static_bidirectional_rnn(fw, bw, x,
                                                dtype=tf.float32)
    except Exception:  # Old TensorFlow version only returns outputs not states
        outputs = tf.nn.static_bidirectional_rnn(fw, bw, x,
                                          dtype=tf.float32)[0]
    return outputs[-1]
"""


def fix(body: str) -> tuple[str, list[str]]:
    new, changes = fix_pre_1_0(cst.parse_module(HEAD + body))
    assert new.code.startswith(HEAD)
    return new.code[len(HEAD) :], [code for *_, code, _msg in changes]


def test_fallback_reads_the_outputs_as_tf_0_7_returned_them() -> None:
    new, codes = fix(BEFORE)
    assert new == AFTER
    assert codes == ["L2T010"] * 3


def test_a_single_assignment_without_the_three_way_try_stays_reported() -> None:
    body = (
        "try:\n    outputs = tf.nn.bidirectional_rnn(fw, bw, x)\n"
        "except Exception:\n    outputs = tf.nn.bidirectional_rnn(fw, bw, x)\n"
    )
    new, codes = fix(body)
    assert new == body
    assert codes == ["L2T006", "L2T006"]
