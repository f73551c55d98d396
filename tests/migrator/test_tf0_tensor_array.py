"""TF 0.x's TensorArray ``pack``/``unpack`` (``stack``/``unstack`` from TF 1.0), and the
positional cross entropies of ``nn_ops`` that copies of TF 0.x loss code called."""

from __future__ import annotations

import libcst as cst
import pytest

from legacy2tf2.migrator.pre1_0 import fix_pre_1_0
from legacy2tf2.migrator.tf0_tensor_array import fix_tensor_array_methods

LOOP = """\
import tensorflow as tf
from tensorflow.python.ops import tensor_array_ops

def run_loop(inputs, initial_state, steps):
    frames = tf.transpose(inputs, perm=[1, 0, 2])
    input_ta = tensor_array_ops.TensorArray(tf.float32, size=1, dynamic_size=True)
    input_ta = input_ta.unpack(frames)
    output_ta = tensor_array_ops.TensorArray(tf.float32, size=1, dynamic_size=True)

    def body(time, state, out_ta):
        new_state = tf.tanh(input_ta.read(time) + state)
        return (time + 1, new_state, out_ta.write(time, new_state))

    loop_vars = [tf.constant(0), initial_state, output_ta]
    _, state, final_ta = tf.while_loop(lambda t, s, o: t < steps, body, loop_vars)
    _, _, again_ta = tf.while_loop(lambda t, s, o: t < steps, body, [0, state, output_ta])
    return tf.transpose(final_ta.pack(), perm=[1, 0, 2]), again_ta.pack(name="outputs")
"""

LOOP_AFTER = """\
import tensorflow as tf
from tensorflow.python.ops import tensor_array_ops

def run_loop(inputs, initial_state, steps):
    frames = tf.transpose(inputs, perm=[1, 0, 2])
    input_ta = tensor_array_ops.TensorArray(tf.float32, size=1, dynamic_size=True)
    input_ta = input_ta.unstack(frames)
    output_ta = tensor_array_ops.TensorArray(tf.float32, size=1, dynamic_size=True)

    def body(time, state, out_ta):
        new_state = tf.tanh(input_ta.read(time) + state)
        return (time + 1, new_state, out_ta.write(time, new_state))

    loop_vars = [tf.constant(0), initial_state, output_ta]
    _, state, final_ta = tf.while_loop(lambda t, s, o: t < steps, body, loop_vars)
    _, _, again_ta = tf.while_loop(lambda t, s, o: t < steps, body, [0, state, output_ta])
    return tf.transpose(final_ta.stack(), perm=[1, 0, 2]), again_ta.stack(name="outputs")
"""


def test_tf0_while_loop_over_tensor_arrays() -> None:
    new, changes = fix_tensor_array_methods(LOOP.encode())

    assert new.decode() == LOOP_AFTER
    assert [(line, code) for line, _, code, _ in changes] == [
        (7, "L2T010"),
        (17, "L2T010"),
        (17, "L2T010"),
    ]
    assert "TensorArray.unpack renamed to unstack (`input_ta` is a TensorArray)" in changes[0][3]


def test_module_level_array_and_one_written_to() -> None:
    before = (
        "import tensorflow as tf\n"
        "ta = tf.TensorArray(tf.float32, size=2)\n"
        "ta2 = ta.write(0, x).write(1, y)\n"
        "both = ta2.pack()\n"
    )
    new, _ = fix_tensor_array_methods(before.encode())
    assert new.decode() == before.replace("ta2.pack()", "ta2.stack()")


@pytest.mark.parametrize(
    "source",
    [
        # a Tkinter widget's pack(), a struct.Struct's unpack(), in a file with a TensorArray
        "import tensorflow as tf\nimport struct\nimport tkinter\n"
        "ta = tf.TensorArray(tf.float32, size=1)\n"
        "frame = tkinter.Frame()\nframe.pack()\n"
        "s = struct.Struct('i')\nvalue = s.unpack(b'abcd')\n",
        # the array is another function's: this `ta` is not known to be one
        "import tensorflow as tf\n"
        "def build():\n    ta = tf.TensorArray(tf.float32, size=1)\n    return ta\n"
        "def read(ta):\n    return ta.pack()\n",
        # a TensorArray class of the program's own
        "class TensorArray:\n    def pack(self):\n        return 1\n"
        "ta = TensorArray()\nta.pack()\n",
        # TF 1.0 names already
        "import tensorflow as tf\nta = tf.TensorArray(tf.float32, size=1)\nout = ta.stack()\n",
    ],
)
def test_left_alone(source: str) -> None:
    new, changes = fix_tensor_array_methods(source.encode())
    assert new.decode() == source
    assert changes == []


def test_nn_ops_positional_cross_entropy_gets_its_pre_1_0_keywords() -> None:
    head = "from tensorflow.python.ops import nn_ops\n"
    before = (
        "crossent = nn_ops.sparse_softmax_cross_entropy_with_logits(\n"
        "        probs_flat, targets)\n"
        "dense = nn_ops.softmax_cross_entropy_with_logits(logits, labels)\n"
    )
    after = (
        "crossent = nn_ops.sparse_softmax_cross_entropy_with_logits(\n"
        "        logits=probs_flat, labels=targets)\n"
        "dense = nn_ops.softmax_cross_entropy_with_logits(logits=logits, labels=labels)\n"
    )
    new, changes = fix_pre_1_0(cst.parse_module(head + before), None)
    assert new.code == head + after
    assert [line for line, *_ in changes] == [2, 4]


def test_tf0_nn_module_cross_entropies_get_their_pre_1_0_keywords() -> None:
    head = "from tensorflow.python.ops import nn\n"
    before = (
        "loss = nn.sigmoid_cross_entropy_with_logits(logits, targets)\n"
        "other = nn.sigmoid_cross_entropy_with_logits(logits=x, targets=t)\n"
        "dense = nn.softmax_cross_entropy_with_logits(x, t)\n"
    )
    after = (
        "loss = nn.sigmoid_cross_entropy_with_logits(logits=logits, labels=targets)\n"
        "other = nn.sigmoid_cross_entropy_with_logits(logits=x, labels=t)\n"
        "dense = nn.softmax_cross_entropy_with_logits(logits=x, labels=t)\n"
    )
    new, _ = fix_pre_1_0(cst.parse_module(head + before), None)
    assert new.code == head + after


def test_nn_ops_keyword_cross_entropy_is_left() -> None:
    source = (
        "from tensorflow.python.ops import nn_ops\n"
        "loss = nn_ops.sparse_softmax_cross_entropy_with_logits(labels=t, logits=x)\n"
    )
    new, changes = fix_pre_1_0(cst.parse_module(source), None)
    assert new.code == source
    assert changes == []


def test_full_upgrade_renames_the_methods() -> None:
    from legacy2tf2.migrator.full_upgrade import full_upgrade

    result = full_upgrade(LOOP.encode(), "loop.py")

    text = result.source.decode()
    assert "input_ta.unstack(frames)" in text
    assert "final_ta.stack()" in text and "again_ta.stack(name=" in text
    assert ".pack(" not in text and ".unpack(" not in text
