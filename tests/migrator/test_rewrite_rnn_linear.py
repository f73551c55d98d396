"""TF1's linear helper of rnn_cell (``linear`` / ``_linear``) moves to the runtime function of the
era its path tells: ``layers_v1.rnn_linear_tf0`` (TF 0.x, ``Linear/Matrix``),
``layers_v1.rnn_linear_tf1_0`` (TF 1.0/1.1, ``weights``) or ``layers_v1.rnn_linear`` (TF 1.2+,
``kernel``), in every import style; paths that do not tell the era stay reported. A TF 1.0 program
calling it runs after ``rewrite --full`` and restores its TF 1.0 checkpoint to TF1's numbers."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from codemod_pairs import assert_noop, assert_pair

from legacy2tf2.migrator.engine import check_source
from tests.e2e.helpers import python


def test_from_import_of_core_rnn_cell_impl_is_tf1_0() -> None:
    assert_pair(
        "from tensorflow.contrib.rnn.python.ops.core_rnn_cell_impl import _linear\n"
        "y = _linear([x, h], 4, True, 1.0)\n",
        "from legacy2tf2.runtime.layers_v1 import rnn_linear_tf1_0 as _linear\n"
        "y = _linear([x, h], 4, True, 1.0)\n",
    )


def test_from_import_of_rnn_cell_impl_is_tf1_2() -> None:
    assert_pair(
        "from tensorflow.python.ops.rnn_cell_impl import _linear\n"
        "y = _linear([x, h], 4, True, bias_initializer=init)\n",
        "from legacy2tf2.runtime.layers_v1 import rnn_linear as _linear\n"
        "y = _linear([x, h], 4, True, bias_initializer=init)\n",
    )


def test_module_import_next_to_a_cell() -> None:
    assert_pair(
        "from tensorflow.python.ops import rnn_cell_impl\n"
        "y = rnn_cell_impl._linear([x, h], 4, True)\n"
        "c = rnn_cell_impl.GRUCell(3)\n",
        "from legacy2tf2.runtime import layers_v1\n"
        "from legacy2tf2.runtime import rnn_cell\n"
        "y = layers_v1.rnn_linear([x, h], 4, True)\n"
        "c = rnn_cell.GRUCell(3)\n",
    )


def test_core_rnn_cell_is_tf1_2() -> None:
    assert_pair(
        "from tensorflow.contrib.rnn.python.ops import core_rnn_cell\n"
        "y = core_rnn_cell._linear([x], 4, True)\n",
        "from legacy2tf2.runtime import layers_v1\ny = layers_v1.rnn_linear([x], 4, True)\n",
    )


def test_attribute_chain_of_core_rnn_cell_impl() -> None:
    assert_pair(
        "import tensorflow as tf\n"
        "y = tf.contrib.rnn.python.ops.core_rnn_cell_impl._linear(x, 4, True)\n"
        "z = tf.nn.relu(y)\n",
        "import tensorflow as tf\n"
        "from legacy2tf2.runtime import layers_v1\n"
        "y = layers_v1.rnn_linear_tf1_0(x, 4, True)\n"
        "z = tf.nn.relu(y)\n",
    )


def test_tf0_rnn_cell_and_seq2seq_paths() -> None:
    assert_pair(
        "import tensorflow as tf\n"
        "y = tf.nn.rnn_cell._linear([x, h], 4, True, scope='p')\n"
        "z = tf.nn.seq2seq.linear(x, 3, False)\n"
        "w = tf.nn.rnn_cell.linear(x, 3, True, 1.0)\n"
        "v = tf.zeros([2])\n",
        "import tensorflow as tf\n"
        "from legacy2tf2.runtime import layers_v1\n"
        "y = layers_v1.rnn_linear_tf0([x, h], 4, True, scope='p')\n"
        "z = layers_v1.rnn_linear_tf0(x, 3, False)\n"
        "w = layers_v1.rnn_linear_tf0(x, 3, True, 1.0)\n"
        "v = tf.zeros([2])\n",
    )


def test_tf0_alias_assignment_and_internal_modules() -> None:
    assert_pair(
        "import tensorflow as tf\nlinear = tf.nn.rnn_cell.linear\ny = linear(x, 4, True)\n",
        "from legacy2tf2.runtime import layers_v1\n"
        "linear = layers_v1.rnn_linear_tf0\n"
        "y = linear(x, 4, True)\n",
    )
    assert_pair(
        "from tensorflow.python.ops.seq2seq import linear\ny = linear(x, 4, True)\n",
        "from legacy2tf2.runtime.layers_v1 import rnn_linear_tf0 as linear\n"
        "y = linear(x, 4, True)\n",
    )
    assert_pair(
        "from tensorflow.python.ops.rnn_cell import _linear\ny = _linear(x, 4, True)\n",
        "from legacy2tf2.runtime.layers_v1 import rnn_linear_tf0 as _linear\n"
        "y = _linear(x, 4, True)\n",
    )


def test_tf0_module_import_beside_its_cells_gets_no_stale_report() -> None:
    # TF 0.x programs with their own cells: rnn_cell.linear beside rnn_cell's cells. Every use
    # is rewritten, so the import goes as unused: no "left untouched" L2T006 (exit 1) about it
    assert_pair(
        "import tensorflow as tf\n"
        "from tensorflow.models.rnn import rnn_cell\n"
        "x = rnn_cell.linear(tf.zeros([2, 3]), 1, True)\n"
        "c = rnn_cell.BasicLSTMCell(8, 1.0)\n",
        "import tensorflow as tf\n"
        "from legacy2tf2.runtime import layers_v1\n"
        "from legacy2tf2.runtime import rnn_cell as l2t_rnn_cell\n"
        "x = layers_v1.rnn_linear_tf0(tf.zeros([2, 3]), 1, True)\n"
        "c = l2t_rnn_cell.BasicLSTMCell(8, 1.0)\n",
    )
    # a use the rewrite leaves keeps the import, and its report
    assert_pair(
        "from tensorflow.models.rnn import rnn_cell\n"
        "x = rnn_cell.linear(h, 1, True)\n"
        "y = rnn_cell.Foo\n",
        "from tensorflow.models.rnn import rnn_cell\n"
        "from legacy2tf2.runtime import layers_v1\n"
        "x = layers_v1.rnn_linear_tf0(h, 1, True)\n"
        "y = rnn_cell.Foo\n",
        ("L2T006", "L2T006"),
    )


def test_compat_v1_spelling_keeps_the_era_of_the_path() -> None:
    assert_pair(
        "import tensorflow.compat.v1 as tf\n"
        "y = tf.nn.rnn_cell._linear(x, 4, True)\n"
        "z = tf.zeros([2])\n",
        "import tensorflow.compat.v1 as tf\n"
        "from legacy2tf2.runtime import layers_v1\n"
        "y = layers_v1.rnn_linear_tf0(x, 4, True)\n"
        "z = tf.zeros([2])\n",
    )


def test_paths_that_do_not_tell_the_era_stay_reported() -> None:
    assert_noop(
        "from tensorflow.contrib.legacy_seq2seq.python.ops.seq2seq import linear\n"
        "y = linear(x, 4, True)\n",
        ("L2T003",),
    )
    assert_noop(
        "from tensorflow.contrib.rnn.python.ops import rnn_cell\ny = rnn_cell._Linear(x, 4, True)\n",
        ("L2T006",),
    )


def test_check_points_to_the_rewrite() -> None:
    findings = check_source(
        b"import tensorflow as tf\n"
        b"from tensorflow.python.ops.rnn_cell_impl import _linear\n"
        b"y = tf.nn.rnn_cell._linear(x, 4, True)\n",
        "m.py",
    )
    assert [(f.line, f.col, f.code) for f in findings] == [(2, 49, "L2T021"), (3, 5, "L2T021")]
    assert findings[0].message.endswith("moves it to legacy2tf2.runtime.layers_v1.rnn_linear")
    assert findings[1].message == (
        "`tf.nn.rnn_cell._linear`: TF1's linear helper of rnn_cell is gone in TF 2; "
        "`legacy2tf2 rewrite` moves it to legacy2tf2.runtime.layers_v1.rnn_linear_tf0"
    )


PROGRAM = """\
import sys

import numpy as np
import tensorflow as tf
from tensorflow.contrib.rnn.python.ops.core_rnn_cell_impl import _linear

x = tf.placeholder(tf.float32, [None, 3])
h = tf.placeholder(tf.float32, [None, 2])
with tf.variable_scope("my_cell"):
  with tf.variable_scope("gates"):
    gates = tf.sigmoid(_linear([x, h], 4, True, 1.0))
  with tf.variable_scope("candidate"):
    candidate = tf.tanh(_linear([x, h], 2, True))
with tf.variable_scope("my_cell/gates", reuse=True):
  again = tf.sigmoid(_linear([x, h], 4, True, 1.0))
saver = tf.train.Saver()
feed = {x: np.arange(6, dtype=np.float32).reshape(2, 3) / 6, h: np.ones([2, 2], np.float32)}
with tf.Session() as sess:
  saver.restore(sess, sys.argv[1])
  np.savez(sys.argv[2], gates=sess.run(gates, feed), candidate=sess.run(candidate, feed),
           again=sess.run(again, feed))
print(sorted(v.op.name for v in tf.global_variables()))
"""


@pytest.mark.heavy
def test_tf1_0_program_restores_its_checkpoint_after_rewrite_full(tmp_path: Path) -> None:
    import tensorflow as tf

    rng = np.random.default_rng(0)
    values = {
        "my_cell/gates/weights": rng.normal(size=(5, 4)).astype("float32"),
        "my_cell/gates/biases": rng.normal(size=(4,)).astype("float32"),
        "my_cell/candidate/weights": rng.normal(size=(5, 2)).astype("float32"),
        "my_cell/candidate/biases": rng.normal(size=(2,)).astype("float32"),
    }
    with tf.Graph().as_default():  # the checkpoint as TF 1.0 wrote it
        saved = {name: tf.Variable(value) for name, value in values.items()}
        with tf.compat.v1.Session() as session:
            session.run(tf.compat.v1.global_variables_initializer())
            tf.compat.v1.train.Saver(saved).save(session, str(tmp_path / "tf1.ckpt"))
    program = tmp_path / "model.py"
    program.write_text(PROGRAM)
    done = python("-m", "legacy2tf2", "rewrite", "--full", "model.py", cwd=tmp_path, timeout=300)
    assert done.returncode == 0, done.stderr
    migrated = program.read_text()
    assert "from legacy2tf2.runtime.layers_v1 import rnn_linear_tf1_0 as _linear" in migrated
    assert "contrib" not in migrated

    done = python(
        "model.py", str(tmp_path / "tf1.ckpt"), str(tmp_path / "out.npz"), cwd=tmp_path, timeout=300
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.strip().splitlines()[-1] == str(sorted(values))
    out = np.load(tmp_path / "out.npz")
    xh = np.concatenate([np.arange(6, dtype="float32").reshape(2, 3) / 6, np.ones([2, 2])], 1)

    def sigmoid(z: np.ndarray) -> np.ndarray:
        return 1 / (1 + np.exp(-z))

    gates = sigmoid(xh @ values["my_cell/gates/weights"] + values["my_cell/gates/biases"])
    candidate = np.tanh(
        xh @ values["my_cell/candidate/weights"] + values["my_cell/candidate/biases"]
    )
    np.testing.assert_allclose(out["gates"], gates, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(out["again"], gates, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(out["candidate"], candidate, rtol=1e-5, atol=1e-6)


CELL_PROGRAM = """\
import sys

import numpy as np
import tensorflow as tf
from tensorflow.python.ops.rnn_cell_impl import _linear


class MyCell(tf.contrib.rnn.RNNCell):
  def __init__(self, n):
    super(MyCell, self).__init__()
    self._n = n

  @property
  def state_size(self):
    return self._n

  @property
  def output_size(self):
    return self._n

  def call(self, inputs, state):
    with tf.variable_scope("gates"):
      g = tf.sigmoid(_linear([inputs, state], self._n, True, tf.constant_initializer(1.0)))
    with tf.variable_scope("candidate"):
      c = tf.tanh(_linear([inputs, state], self._n, True))
    h = g * state + (1 - g) * c
    return h, h


x = tf.placeholder(tf.float32, [None, 3])
outputs, state = tf.contrib.rnn.static_rnn(MyCell(2), [x, x], dtype=tf.float32)
with tf.Session() as sess:
  sess.run(tf.global_variables_initializer())
  values = {v.op.name: sess.run(v) for v in tf.global_variables()}
  out = sess.run(outputs[-1], {x: np.ones([1, 3], np.float32)})
np.savez(sys.argv[1], out=out, **{k.replace("/", "."): v for k, v in values.items()})
"""


@pytest.mark.heavy
def test_tf1_2_program_with_its_own_cell_runs_after_rewrite_full(tmp_path: Path) -> None:
    program = tmp_path / "model.py"
    program.write_text(CELL_PROGRAM)
    done = python("-m", "legacy2tf2", "rewrite", "--full", "model.py", cwd=tmp_path, timeout=300)
    assert done.returncode == 0, done.stderr
    migrated = program.read_text()
    assert "from legacy2tf2.runtime.layers_v1 import rnn_linear as _linear" in migrated
    assert "class MyCell(rnn_cell.RNNCell):" in migrated

    done = python("model.py", str(tmp_path / "out.npz"), cwd=tmp_path, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    saved = dict(np.load(tmp_path / "out.npz"))
    out = saved.pop("out")
    values = {k.removeprefix("rnn.my_cell."): v for k, v in saved.items()}
    assert sorted(saved) == [
        "rnn.my_cell.candidate.bias",
        "rnn.my_cell.candidate.kernel",
        "rnn.my_cell.gates.bias",
        "rnn.my_cell.gates.kernel",
    ]
    np.testing.assert_array_equal(values["gates.bias"], np.ones([2], "float32"))
    state = np.zeros([1, 2], "float32")
    for _ in range(2):  # TF1's definition of the program's cell
        xh = np.concatenate([np.ones([1, 3], "float32"), state], 1)
        g = 1 / (1 + np.exp(-(xh @ values["gates.kernel"] + values["gates.bias"])))
        c = np.tanh(xh @ values["candidate.kernel"] + values["candidate.bias"])
        state = g * state + (1 - g) * c
    np.testing.assert_allclose(out, state, rtol=1e-5, atol=1e-6)
