"""``--full``: TF1's ``tf.Variable`` and ``get_variable`` in a graph-mode program stay reference
variables.

Exact before/after pairs of :func:`keep_ref_variables`, ``full_upgrade`` only doing it in a file
it puts in graph mode, and a migrated program in the style of tensorflow/models'
``ptb_word_lm.py`` (its learning rate exported in a collection with the meta graph, imported into
a new graph and read with ``session.run``) printing what TF1 printed.
"""

from __future__ import annotations

from pathlib import Path

import libcst as cst
import pytest

from legacy2tf2.migrator.full_upgrade import full_upgrade
from legacy2tf2.migrator.ref_variables import add_disable_resource, keep_ref_variables
from tests.e2e.helpers import run_program

HEAD = "import tensorflow as tf\n"


def keep(body: str, head: str = HEAD) -> tuple[str, list[tuple[int, int, str]]]:
    new, changes = keep_ref_variables(cst.parse_module(head + body))
    assert new.code.startswith(head)
    return new.code[len(head) :], [(line, col, code) for line, col, code, _ in changes]


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            "lr = tf.Variable(0.0, trainable=False)\n",
            "lr = tf.compat.v1.Variable(0.0, trainable=False, use_resource=False)\n",
        ),
        # TF1's positional order: collections third (TF 2's tf.Variable: validate_shape)
        (
            "step = tf.Variable(0, False, ['steps'])\n",
            "step = tf.compat.v1.Variable(0, False, ['steps'], use_resource=False)\n",
        ),
        (
            "w = tf.compat.v1.Variable(tf.zeros([3]), name='w')\n",
            "w = tf.compat.v1.Variable(tf.zeros([3]), name='w', use_resource=False)\n",
        ),
        (
            "s = tf.Variable(\n    tf.zeros([1, 4]),\n    trainable=False,\n)\n",
            "s = tf.compat.v1.Variable(\n    tf.zeros([1, 4]),\n"
            "    trainable=False, use_resource=False,\n)\n",
        ),
    ],
)
def test_tf1_variables_become_reference_variables(before: str, after: str) -> None:
    new, changes = keep(before)
    assert new == after
    assert [code for *_, code in changes] == ["L2T010"]
    assert keep(new) == (new, [])


def test_the_file_s_spelling_of_tensorflow_is_kept() -> None:
    assert keep("v = tensorflow.Variable(1)\n", "import tensorflow\n") == (
        "v = tensorflow.compat.v1.Variable(1, use_resource=False)\n",
        [(2, 5, "L2T010")],
    )
    assert keep("v = tf.Variable(1)\n", "import tensorflow.compat.v1 as tf\n") == (
        "v = tf.Variable(1, use_resource=False)\n",
        [(2, 5, "L2T010")],
    )


@pytest.mark.parametrize(
    "body",
    [
        "v = tf.Variable(1, use_resource=True)\n",
        "v = tf.Variable(1, **options)\n",
        "tf.enable_resource_variables()\nv = tf.Variable(1)\n",
        "from tensorflow import Variable\nv = Variable(1)\n",
        "v = keras.Variable(1)\nw = tf.Variable\n",
    ],
)
def test_other_variables_stay(body: str) -> None:
    assert keep(body) == (body, [])


def test_full_does_it_only_in_a_file_it_puts_in_graph_mode() -> None:
    graph = full_upgrade(HEAD.encode() + b"x = tf.placeholder(tf.float32)\nv = tf.Variable(1.0)\n")
    assert graph.source == (
        HEAD.encode() + b"tf.compat.v1.disable_eager_execution()\n"
        b"tf.compat.v1.disable_resource_variables()\n"
        b"x = tf.compat.v1.placeholder(tf.float32)\n"
        b"v = tf.compat.v1.Variable(1.0, use_resource=False)\n"
    )
    assert [(f.line, f.code) for f in graph.findings] == [(1, "L2T013"), (3, "L2T010")]
    eager = HEAD.encode() + b"v = tf.Variable(1.0)\nprint(v.numpy())\n"
    assert full_upgrade(eager).source == eager


PROGRAM = b"""\
import numpy as np
import tensorflow as tf

with tf.Graph().as_default():
    with tf.name_scope("Train"):
        with tf.variable_scope("Model"):
            lr = tf.Variable(0.0, trainable=False)
            new_lr = tf.placeholder(tf.float32, shape=[], name="new_learning_rate")
            lr_update = tf.assign(lr, new_lr)
            w = tf.get_variable("w", [2], initializer=tf.constant_initializer(3.0))
            cost = tf.reduce_sum(w * w)
            train_op = tf.train.GradientDescentOptimizer(lr).minimize(cost)
    for name, op in {"lr": lr, "new_lr": new_lr, "lr_update": lr_update,
                     "train_op": train_op, "cost": cost}.items():
        tf.add_to_collection(name, op)
    metagraph = tf.train.export_meta_graph()

with tf.Graph().as_default():
    tf.train.import_meta_graph(metagraph)
    lr = tf.get_collection_ref("lr")[0]
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        session.run(tf.get_collection_ref("lr_update")[0],
                    {tf.get_collection_ref("new_lr")[0]: 0.25})
        print("Learning rate: %.3f" % session.run(lr))
        session.run(tf.get_collection_ref("train_op")[0])
        print("cost %.4f" % session.run(tf.get_collection_ref("cost")[0]))
        print("by name %.3f" % session.run("Train/Model/Variable:0"))
"""


@pytest.mark.heavy
def test_a_learning_rate_exported_with_the_meta_graph_reads_as_tf1s(tmp_path: Path) -> None:
    result = full_upgrade(PROGRAM, "ptb_like.py")
    assert b"tf.compat.v1.Variable(0.0, trainable=False, use_resource=False)" in result.source
    (tmp_path / "ptb_like.py").write_bytes(result.source)
    # TF1: lr 0.25; one SGD step on sum(w^2) from w = 3: w = 3 - 0.25 * 6 = 1.5, cost 4.5
    assert run_program(tmp_path, "ptb_like.py").split("\n")[:3] == [
        "Learning rate: 0.250",
        "cost 4.5000",
        "by name 0.250",
    ]


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            "import tensorflow as tf\ntf.compat.v1.disable_eager_execution()\nx = 1\n",
            "import tensorflow as tf\ntf.compat.v1.disable_eager_execution()\n"
            "tf.compat.v1.disable_resource_variables()\nx = 1\n",
        ),
        (
            "import tensorflow.compat.v1 as tf\ntf.disable_eager_execution()\n",
            "import tensorflow.compat.v1 as tf\ntf.disable_eager_execution()\n"
            "tf.disable_resource_variables()\n",
        ),
        (
            "import tensorflow\ntensorflow.compat.v1.disable_eager_execution()\n",
            "import tensorflow\ntensorflow.compat.v1.disable_eager_execution()\n"
            "tensorflow.compat.v1.disable_resource_variables()\n",
        ),
    ],
)
def test_tf1_s_reference_variable_default_follows_graph_mode(before: str, after: str) -> None:
    assert add_disable_resource(cst.parse_module(before)).code == after


@pytest.mark.parametrize(
    "source",
    [
        "import tensorflow as tf\nx = tf.compat.v1.placeholder(tf.float32)\n",
        "import tensorflow as tf\nif a:\n    tf.compat.v1.disable_eager_execution()\n",
        "import tensorflow as tf\ntf.compat.v1.disable_eager_execution(); x = 1\n",
    ],
)
def test_no_graph_mode_statement_of_its_own_line_adds_nothing(source: str) -> None:
    assert add_disable_resource(cst.parse_module(source)).code == source


def test_full_answers_the_upgrader_s_get_variable_note() -> None:
    source = HEAD.encode() + b'w = tf.get_variable("w", [2])\nx = tf.placeholder(tf.float32)\n'
    result = full_upgrade(source)
    assert result.source == (
        HEAD.encode() + b"tf.compat.v1.disable_eager_execution()\n"
        b"tf.compat.v1.disable_resource_variables()\n"
        b'w = tf.compat.v1.get_variable("w", [2])\n'
        b"x = tf.compat.v1.placeholder(tf.float32)\n"
    )
    # tf_upgrade_v2's L2T011 'tf.get_variable returns ResourceVariables by default' is answered
    assert [(f.line, f.code) for f in result.findings] == [(1, "L2T013")]
    assert "disable_resource_variables()" in result.findings[0].message


TRAIN = b"""\
import tensorflow as tf

with tf.variable_scope("Model"):
    w = tf.get_variable("w", [2], initializer=tf.constant_initializer(3.0))
    cost = tf.reduce_sum(w * w)
    train_op = tf.train.GradientDescentOptimizer(0.25).minimize(cost)
saver = tf.train.Saver()
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    sess.run(train_op)
    saver.save(sess, "./model")
"""

RESTORE = b"""\
import numpy as np
import tensorflow as tf

with tf.Session() as sess:
    saver = tf.train.import_meta_graph("./model.meta")
    saver.restore(sess, "./model")
    print("w", sess.run("Model/w:0"))
    w = tf.get_default_graph().get_tensor_by_name("Model/w:0")
    print("norm %.3f" % np.linalg.norm(sess.run(w)))
"""


@pytest.mark.heavy
def test_a_get_variable_read_by_name_after_import_meta_graph_is_its_value(tmp_path: Path) -> None:
    # On TF 2 a get_variable in graph mode was a resource variable: "Model/w:0" read as its
    # handle (a structured array of bytes), and np.linalg.norm of it raised.
    for name, program in (("train.py", TRAIN), ("restore.py", RESTORE)):
        (tmp_path / name).write_bytes(full_upgrade(program, name).source)
    run_program(tmp_path, "train.py")
    # TF1: one SGD step on sum(w^2) from w = 3 with lr 0.25: w = 3 - 0.25 * 6 = 1.5
    assert run_program(tmp_path, "restore.py").split("\n")[:2] == [
        "w [1.5 1.5]",
        "norm 2.121",
    ]
