"""``--full``'s pre-1.0 pass: a bare reference to a TF 1.x module TF 2's ``tf`` lacks
(``logging = tf.logging``) becomes ``tf.compat.v1.<module>``, and ``tf.Variable`` given TF1's
``collections``/``expected_shape``/``use_resource`` (which TF 2's ``tf.Variable`` ignores)
becomes ``tf.compat.v1.Variable``."""

from __future__ import annotations

from pathlib import Path

import pytest
from pre1_0_pairs import assert_changed_once, fix_body

HEAD = "import tensorflow as tf\n"


def fix(body: str, head: str = HEAD) -> tuple[str, list[str]]:
    return fix_body(body, head)


@pytest.mark.parametrize(
    ("before", "after"),
    [
        # TF 1.x's PTB tutorial
        (
            "flags = tf.flags\nlogging = tf.logging\n",
            "flags = tf.compat.v1.flags\nlogging = tf.compat.v1.logging\n",
        ),
        ("gfile = (tf.gfile)\n", "gfile = (tf.compat.v1.gfile)\n"),
        ("use(tf.python_io, tf.app)\n", "use(tf.compat.v1.python_io, tf.compat.v1.app)\n"),
    ],
)
def test_a_bare_tf1_module_becomes_its_compat_v1_module(before: str, after: str) -> None:
    assert_changed_once(before, after)


@pytest.mark.parametrize(
    ("head", "body"),
    [
        (HEAD, 'tf.logging.info("x")\n'),  # a function of it: TensorFlow's upgrader renames it
        (HEAD, "v = tf.gfile.Exists(path)\n"),
        ("import tensorflow.compat.v1 as tf\n", "logging = tf.logging\n"),  # exists in TF 2
        (HEAD, "layers = tf.layers\n"),  # not kept by TF 2 with Keras 3: reported elsewhere
        ("import logging\n", "log = logging\n"),
    ],
)
def test_other_module_references_stay(head: str, body: str) -> None:
    assert fix(body, head) == (body, [])


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            "v = tf.Variable(data, trainable=False, collections=[])\n",
            "v = tf.compat.v1.Variable(data, trainable=False, collections=[])\n",
        ),
        (
            "v = tf.Variable(0, expected_shape=[], use_resource=False)\n",
            "v = tf.compat.v1.Variable(0, expected_shape=[], use_resource=False)\n",
        ),
        (
            'v = tf.Variable(1.0, True, ["weights"])\n',
            'v = tf.compat.v1.Variable(1.0, True, ["weights"])\n',
        ),
    ],
)
def test_a_variable_with_tf1_arguments_becomes_compat_v1_variable(before: str, after: str) -> None:
    assert fix(before) == (after, ["L2T010"])
    assert fix(after) == (after, [])


@pytest.mark.parametrize(
    ("head", "body"),
    [
        (HEAD, "v = tf.Variable(0.0, trainable=False, name='lr')\n"),
        (HEAD, "v = tf.Variable(1.0, True)\n"),
        ("import tensorflow.compat.v1 as tf\n", "v = tf.Variable(0, collections=[])\n"),
    ],
)
def test_other_variables_stay(head: str, body: str) -> None:
    assert fix(body, head) == (body, [])


@pytest.mark.heavy
def test_the_migrated_variable_stays_out_of_the_global_variables_as_on_tf1(tmp_path: Path) -> None:
    pytest.importorskip("tensorflow")
    from legacy2tf2.migrator.full_upgrade import full_upgrade
    from tests.e2e.helpers import run_program

    source = (
        b"import tensorflow as tf\n"
        b"data = tf.placeholder(tf.int32, [3])\n"
        b"store = tf.Variable(data, trainable=False, collections=[])\n"
        b'w = tf.Variable(1.0, collections=[tf.GraphKeys.GLOBAL_VARIABLES, "decay"])\n'
        b"with tf.Session() as sess:\n"
        b"    sess.run(tf.global_variables_initializer())  # needs no feed: store is not global\n"
        b"    sess.run(store.initializer, {data: [1, 2, 3]})\n"
        b'    print(sess.run(tf.size(store)), len(tf.get_collection("decay")))\n'
    )
    (tmp_path / "m.py").write_bytes(full_upgrade(source, "m.py").source)
    assert run_program(tmp_path, "m.py").split() == ["3", "1"]


@pytest.mark.parametrize(
    ("head", "before", "after"),
    [
        (
            HEAD + "from tensorflow.python.ops import control_flow_ops\n",
            "y = control_flow_ops.cond(p, lambda: a, lambda: b)\n",
            "y = tf.compat.v1.cond(p, lambda: a, lambda: b)\n",
        ),
        (
            "import tensorflow.compat.v1 as tf\nfrom tensorflow.python.ops import control_flow_ops as cf\n",
            "r = cf.while_loop(c, b, [i])\nq = cf.case(pairs)\n",
            "r = tf.while_loop(c, b, [i])\nq = tf.case(pairs)\n",
        ),
        (
            HEAD + "from tensorflow.python.ops import constant_op\n",
            "n = constant_op.constant(28, dtype=tf.int64)\n",
            "n = tf.compat.v1.constant(28, dtype=tf.int64)\n",
        ),
        # TF 1.x legacy_seq2seq's attention_decoder (TF 2.13 moved both to array_ops_stack)
        (
            HEAD + "from tensorflow.python.ops import array_ops\n",
            "batch_attn_size = array_ops.stack([batch_size, attn_size])\n"
            "a, b = array_ops.unstack(pair)\n",
            "batch_attn_size = tf.compat.v1.stack([batch_size, attn_size])\n"
            "a, b = tf.compat.v1.unstack(pair)\n",
        ),
        (HEAD, "if tf.nest.is_sequence(s):\n    pass\n", "if tf.nest.is_nested(s):\n    pass\n"),
        (
            "from tensorflow.python.util import nest\n",
            "flat = nest.flatten(s) if nest.is_sequence(s) else [s]\n",
            "flat = nest.flatten(s) if nest.is_nested(s) else [s]\n",
        ),
    ],
)
def test_tf1_internals_moved_in_tf2_get_their_tf2_names(head: str, before: str, after: str) -> None:
    assert_changed_once(before, after, head)


@pytest.mark.parametrize(
    ("head", "body"),
    [
        # no TensorFlow import, and the file's own tf to spell tf.compat.v1.cond with: left
        # (tf_names reports it)
        (
            "from tensorflow.python.ops import control_flow_ops\n",
            "y = control_flow_ops.cond(p, f, g)\ntf = 3\n",
        ),
        (
            "from tensorflow.python.ops import control_flow_ops\n",
            "def f(tf, p):\n    return control_flow_ops.cond(p, tf, tf)\n",
        ),
        # the only TensorFlow import is in a try block: no line to add tf's import to
        (
            "try:\n    from tensorflow.python.ops import control_flow_ops\nexcept ImportError:\n"
            "    pass\n",
            "y = control_flow_ops.cond(p, f, g)\n",
        ),
        # still in TF 2's array_ops
        (
            HEAD + "from tensorflow.python.ops import array_ops\n",
            "s = array_ops.concat([a, b], 1)\nz = array_ops.zeros(array_ops.shape(x))\n",
        ),
        # still in TF 2's control_flow_ops
        (
            HEAD + "from tensorflow.python.ops import control_flow_ops\n",
            "g = control_flow_ops.group(a, b)\n",
        ),
        (HEAD, "def cond(p):\n    return p\n\n\ny = cond(x)\n"),
    ],
)
def test_other_internal_names_stay(head: str, body: str) -> None:
    assert fix(body, head) == (body, [])


# A vendored copy of TF 1.x's seq2seq.py imports only TensorFlow's internal modules.
VENDORED_BEFORE = """\
from tensorflow.python.framework import ops
from tensorflow.python.ops import array_ops
from tensorflow.python.ops import control_flow_ops
from tensorflow.python.ops import variable_scope


def attention_decoder(batch_size, attn_size, num_heads, feed_previous, decoder):
  batch_attn_size = array_ops.stack([batch_size, attn_size])
  attns = [array_ops.zeros(batch_attn_size) for _ in range(num_heads)]
  return control_flow_ops.cond(feed_previous, lambda: decoder(True), lambda: decoder(False))
"""
VENDORED_AFTER = """\
from tensorflow.python.framework import ops; import tensorflow as tf
from tensorflow.python.ops import array_ops
from tensorflow.python.ops import control_flow_ops
from tensorflow.python.ops import variable_scope


def attention_decoder(batch_size, attn_size, num_heads, feed_previous, decoder):
  batch_attn_size = tf.compat.v1.stack([batch_size, attn_size])
  attns = [array_ops.zeros(batch_attn_size) for _ in range(num_heads)]
  return tf.compat.v1.cond(feed_previous, lambda: decoder(True), lambda: decoder(False))
"""


def test_a_file_importing_only_tf_internals_gets_tf_imported_on_its_first_tf_import_line() -> None:
    new, codes = fix(VENDORED_BEFORE, "")
    assert new == VENDORED_AFTER
    assert codes == ["L2T010"] * 3  # the import, stack, cond
    assert fix(new, "") == (new, [])


def test_the_added_tf_import_runs_on_the_installed_tensorflow(tmp_path: Path) -> None:
    pytest.importorskip("tensorflow")
    import runpy

    path = tmp_path / "vendored.py"
    path.write_text(VENDORED_AFTER + "out = attention_decoder(2, 3, 1, True, lambda b: b)\n")
    namespace = runpy.run_path(str(path))
    assert bool(namespace["out"]) is True


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("from tensorflow import flags\n", "from tensorflow.compat.v1 import flags\n"),
        (
            "from tensorflow import logging as log, gfile\n",
            "from tensorflow.compat.v1 import logging as log, gfile\n",
        ),
    ],
)
def test_tf1_modules_imported_from_tensorflow_come_from_compat_v1(before: str, after: str) -> None:
    new, codes = fix(before, "")
    assert new == after
    assert codes == ["L2T010"]
    assert fix(new, "") == (new, [])


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            "from tensorflow.python.ops.constant_op import constant\n",
            "from tensorflow.compat.v1 import constant\n",
        ),
        (
            "from tensorflow.python.ops.constant_op import constant as const\n",
            "from tensorflow.compat.v1 import constant as const\n",
        ),
        (
            "from tensorflow.python.ops.control_flow_ops import cond, while_loop\n",
            "from tensorflow.compat.v1 import cond, while_loop\n",
        ),
    ],
)
def test_tf1_internals_imported_by_name_come_from_compat_v1(before: str, after: str) -> None:
    new, codes = fix(before, "")
    assert new == after
    assert codes == ["L2T010"]
    assert fix(new, "") == (new, [])


@pytest.mark.parametrize(
    "source",
    [
        "from tensorflow import flags, keras\n",  # keras is TF 2's: left (tf_names reports flags)
        "from tensorflow import keras\n",
        "from tensorflow.compat.v1 import logging\n",
        "from absl import flags\n",
        "from tensorflow import *\n",
        # group is still in TF 2's control_flow_ops: a mixed import stays (tf_names reports cond)
        "from tensorflow.python.ops.control_flow_ops import cond, group\n",
        "from tensorflow.python.framework.constant_op import constant\n",
    ],
)
def test_other_imports_from_tensorflow_stay(source: str) -> None:
    assert fix(source, "") == (source, [])
