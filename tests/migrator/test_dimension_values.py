"""``--full``'s dimension step: ``.value`` of a TF1 static shape's dimension (a ``Dimension``
then, an int or None on TF 2) becomes ``tf.compat.dimension_value``; exact before/after pairs,
and the parameter-count loop TF1 programs copied, migrated by ``full_upgrade`` and run."""

from __future__ import annotations

from pathlib import Path

import libcst as cst
import pytest

from legacy2tf2.migrator.dimension_values import fix_dimension_values
from legacy2tf2.migrator.full_upgrade import full_upgrade
from tests.e2e.helpers import run_program

HEAD = "import tensorflow as tf\n"


def fix(body: str, head: str = HEAD) -> tuple[str, list[str]]:
    new, changes = fix_dimension_values(cst.parse_module(head + body))
    assert new.code.startswith(head)
    return new.code[len(head) :], [code for _line, _col, code, _msg in changes]


@pytest.mark.parametrize(
    ("before", "after"),
    [
        # the parameter count of a StackOverflow answer copied into many TF1 programs
        (
            "for variable in tf.trainable_variables():\n"
            "    shape = variable.get_shape()\n"
            "    n = 1\n"
            "    for dim in shape:\n"
            "        n *= dim.value\n",
            "for variable in tf.trainable_variables():\n"
            "    shape = variable.get_shape()\n"
            "    n = 1\n"
            "    for dim in shape:\n"
            "        n *= tf.compat.dimension_value(dim)\n",
        ),
        (
            "size = x.get_shape()[-1].value\n",
            "size = tf.compat.dimension_value(x.get_shape()[-1])\n",
        ),
        (
            "size = int(inputs.shape[1].value)\n",
            "size = int(tf.compat.dimension_value(inputs.shape[1]))\n",
        ),
        ("n = (x.shape[2]).value * 2\n", "n = tf.compat.dimension_value(x.shape[2]) * 2\n"),
        (
            "sizes = [d.value for d in v.get_shape()]\n",
            "sizes = [tf.compat.dimension_value(d) for d in v.get_shape()]\n",
        ),
        (
            "def f(x):\n    s = x.get_shape()[1:]\n    return s[0].value\n",
            "def f(x):\n    s = x.get_shape()[1:]\n    return tf.compat.dimension_value(s[0])\n",
        ),
        (
            "for d in x.shape[1:]:\n    print(d.value)\n",
            "for d in x.shape[1:]:\n    print(tf.compat.dimension_value(d))\n",
        ),
        # TF1's _linear, copied into programs' own cells and attention decoders
        (
            "def linear(args, output_size):\n"
            "    total_arg_size = 0\n"
            "    shapes = [a.get_shape() for a in args]\n"
            "    for shape in shapes:\n"
            "        if shape[1].value is None:\n"
            "            raise ValueError(shape)\n"
            "        total_arg_size += shape[1].value\n",
            "def linear(args, output_size):\n"
            "    total_arg_size = 0\n"
            "    shapes = [a.get_shape() for a in args]\n"
            "    for shape in shapes:\n"
            "        if tf.compat.dimension_value(shape[1]) is None:\n"
            "            raise ValueError(shape)\n"
            "        total_arg_size += tf.compat.dimension_value(shape[1])\n",
        ),
        # the attention decoder's input size, checked for rank 2 on the way
        (
            "input_size = inp.get_shape().with_rank(2)[1]\n"
            "if input_size.value is None:\n"
            "    raise ValueError(inp.name)\n",
            "input_size = inp.get_shape().with_rank(2)[1]\n"
            "if tf.compat.dimension_value(input_size) is None:\n"
            "    raise ValueError(inp.name)\n",
        ),
        (
            "for s in (x.get_shape(), y.shape):\n    n = s[0].value\n",
            "for s in (x.get_shape(), y.shape):\n    n = tf.compat.dimension_value(s[0])\n",
        ),
    ],
)
def test_value_of_a_dimension_becomes_dimension_value(before: str, after: str) -> None:
    new, codes = fix(before)
    assert new == after
    assert set(codes) == {"L2T010"}
    assert fix(new) == (new, [])


BUILD_CELL = (
    "class IndRNNCell(LayerRNNCell):\n"
    "    def build(self, inputs_shape):\n"
    "        if inputs_shape[1].value is None:\n"
    "            raise ValueError(inputs_shape)\n"
    "        input_depth = inputs_shape[1].value\n"
    "        self.kernel = self.add_variable('input_kernel', [input_depth, 4])\n"
)


def test_the_shape_a_cell_or_layer_is_built_with() -> None:
    # TF1's Layer.build/RNNCell.build got a TensorShape of Dimensions; Keras 3 passes ints
    assert fix(BUILD_CELL) == (
        BUILD_CELL.replace("inputs_shape[1].value", "tf.compat.dimension_value(inputs_shape[1])"),
        ["L2T010", "L2T010"],
    )
    # a cell module importing only TensorFlow's internal modules (IndRNN's ind_rnn_cell.py)
    head = "from tensorflow.python.ops import rnn_cell_impl\n"
    assert fix(BUILD_CELL, head) == (
        BUILD_CELL.replace("inputs_shape[1].value", "inputs_shape[1]"),
        ["L2T010", "L2T010"],
    )


REWRAPPED_BUILD = (
    "class STLSTMCell(LayerRNNCell):\n"
    "    def build(self, inputs_shape):\n"
    "        inputs_shape = tensor_shape.TensorShape(inputs_shape)\n"
    "        if inputs_shape[1].value is None:\n"
    "            raise ValueError(inputs_shape)\n"
    "        input_depth = inputs_shape[1].value\n"
)


def test_a_build_shape_made_a_tensor_shape_again_is_still_the_shape() -> None:
    # a public state-transition LSTM cell (TF 1.5+ LayerRNNCell) re-wraps its build argument
    # in TensorShape before reading inputs_shape[1].value, as TF1's Dimension had it
    assert fix(REWRAPPED_BUILD) == (
        REWRAPPED_BUILD.replace(
            "inputs_shape[1].value", "tf.compat.dimension_value(inputs_shape[1])"
        ),
        ["L2T010", "L2T010"],
    )
    assert fix("n = tf.TensorShape(s)[0].value\n") == (
        "n = tf.compat.dimension_value(tf.TensorShape(s)[0])\n",
        ["L2T010"],
    )


@pytest.mark.parametrize(
    "body",
    [
        "class C:\n    def build(self, shape):\n        shape = f(shape)\n        n = shape[1].value\n",
        "def build(self, inputs_shape):\n    n = inputs_shape[1].value\n",  # not a method
        "class C:\n    def call(self, inputs_shape):\n        n = inputs_shape[1].value\n",
        "class C:\n    def build(self, shape, extra):\n        n = shape[1].value\n",
        "class C:\n    @staticmethod\n    def build(a, shape):\n        n = shape[1].value\n",
        "class C:\n    def build(self, shape):\n        shape = self.spec\n        n = shape[1].value\n",
        "class C:\n    def build(self, shape):\n        n = shape.value\n",
    ],
)
def test_other_build_parameters_stay(body: str) -> None:
    assert fix(body) == (body, [])


def test_the_file_s_tensorflow_name_spells_the_call() -> None:
    head = "import tensorflow.compat.v1 as tf1\n"
    assert fix("n = x.shape[0].value\n", head) == (
        "n = tf1.compat.dimension_value(x.shape[0])\n",
        ["L2T010"],
    )


def test_without_a_tensorflow_import_value_is_dropped() -> None:
    head = "from tensorflow import placeholder\n"
    assert fix("n = x.shape[0].value\n", head) == ("n = x.shape[0]\n", ["L2T010"])


@pytest.mark.parametrize(
    "body",
    [
        "n = x.get_shape().dims[0].value\n",  # TF 2's dims are Dimension objects too
        "n = x.shape.value\n",
        "n = x.shape[1:].value\n",
        "n = FLAGS.value + item.value\n",
        "for dim in dims:\n    n = dim.value\n",
        "for i, dim in enumerate(x.shape):\n    n = dim.value\n",
        "dim = x.shape[0]\ndim = other\nn = dim.value\n",  # not always a dimension
        "shape = x.get_shape()\nshape = config\nn = shape[0].value\n",
        "n = x.get_shape(1)[0].value\n",
        "n = tf.shape(x)[0].value\n",
        "for shape in configs:\n    n = shape[1].value\n",
        "shapes = [a.get_shape() for a in args]\nshapes = other\nfor s in shapes:\n    n = s[0].value\n",
        "for s in [a.get_shape() for a in args] + extra:\n    n = s[0].value\n",
        "n = y.with_rank(2)[0].value\n",
        "size = x.get_shape()[1]\nsize = other\nn = size.value\n",
    ],
)
def test_other_values_stay(body: str) -> None:
    assert fix(body) == (body, [])


PROGRAM = b"""\
import numpy as np
import tensorflow as tf

x = tf.placeholder(tf.float32, [None, 5, 3])
w = tf.get_variable("w", [3, 4])
b = tf.get_variable("b", [4])
total_parameters = 0
for variable in tf.trainable_variables():
    shape = variable.get_shape()
    variable_parameters = 1
    for dim in shape:
        variable_parameters *= dim.value
    total_parameters += variable_parameters
steps = x.get_shape()[1].value
batch = x.get_shape()[0].value
print(total_parameters, steps, batch)
"""


@pytest.mark.heavy
def test_a_migrated_parameter_count_runs_and_counts(tmp_path: Path) -> None:
    result = full_upgrade(PROGRAM, "count.py")
    assert result.changed
    (tmp_path / "count.py").write_bytes(result.source)
    # 3 * 4 + 4 parameters; 5 steps; TF1's Dimension(None).value was None
    assert run_program(tmp_path, "count.py").split() == ["16", "5", "None"]


CELL_MODULE = b"""\
from tensorflow.python.ops import math_ops, nn_ops
try:
  from tensorflow.python.ops.rnn_cell_impl import LayerRNNCell
except ImportError:
  from tensorflow.python.ops.rnn_cell_impl import _LayerRNNCell as LayerRNNCell


class IndRNNCell(LayerRNNCell):
  def __init__(self, num_units, reuse=None, name=None):
    super(IndRNNCell, self).__init__(_reuse=reuse, name=name)
    self._num_units = num_units

  @property
  def state_size(self):
    return self._num_units

  @property
  def output_size(self):
    return self._num_units

  def build(self, inputs_shape):
    if inputs_shape[1].value is None:
      raise ValueError("Expected inputs.shape[-1] to be known, saw shape: %s" % inputs_shape)
    input_depth = inputs_shape[1].value
    self._input_kernel = self.add_variable("input_kernel", shape=[input_depth, self._num_units])
    self._recurrent_kernel = self.add_variable("recurrent_kernel", shape=[self._num_units])
    self._bias = self.add_variable("bias", shape=[self._num_units])
    self.built = True

  def call(self, inputs, state):
    gate_inputs = math_ops.matmul(inputs, self._input_kernel)
    gate_inputs = math_ops.add(gate_inputs, math_ops.multiply(state, self._recurrent_kernel))
    output = nn_ops.relu(nn_ops.bias_add(gate_inputs, self._bias))
    return output, output
"""

CELL_PROGRAM = b"""\
import numpy as np
import tensorflow as tf
from ind_rnn_cell import IndRNNCell

x = tf.placeholder(tf.float32, [2, 3, 5])
cell = tf.nn.rnn_cell.MultiRNNCell([IndRNNCell(4) for _ in range(2)])
output, state = tf.nn.dynamic_rnn(cell, x, dtype=tf.float32)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    xs = np.random.RandomState(0).uniform(-1, 1, [2, 3, 5])
    out = sess.run(output, {x: xs})
    weights = {v.op.name: sess.run(v) for v in tf.global_variables()}
h_in = xs
for layer in range(2):
    p = "rnn/multi_rnn_cell/cell_%d/ind_rnn_cell/" % layer
    h, outs = np.zeros([2, 4]), []
    for t in range(3):
        h = np.maximum(h_in[:, t] @ weights[p + "input_kernel"]
                       + h * weights[p + "recurrent_kernel"] + weights[p + "bias"], 0)
        outs.append(h)
    h_in = np.stack(outs, 1)
print(sorted(weights))
print("diff", np.abs(out - h_in).max())
"""


@pytest.mark.heavy
def test_a_migrated_layer_rnn_cell_reading_its_build_shape_runs_as_tf1(tmp_path: Path) -> None:
    # batzner/indrnn's IndRNNCell (TF 1.5+): LayerRNNCell of TF's internals, inputs_shape[1].value
    for name, source in (("ind_rnn_cell.py", CELL_MODULE), ("main.py", CELL_PROGRAM)):
        result = full_upgrade(source, name)
        (tmp_path / name).write_bytes(result.source)
    assert b"inputs_shape[1].value" not in (tmp_path / "ind_rnn_cell.py").read_bytes()
    lines = run_program(tmp_path, "main.py").splitlines()
    assert lines[-2] == str(
        sorted(
            f"rnn/multi_rnn_cell/cell_{k}/ind_rnn_cell/{n}"
            for k in (0, 1)
            for n in ("input_kernel", "recurrent_kernel", "bias")
        )
    )
    assert float(lines[-1].split()[1]) < 1e-5


# legacy_seq2seq's embedding_tied_rnn_seq2seq (TF 1.0-1.15), copied with the rest of seq2seq.py
TIED_BEFORE = """\
static_batch_size = encoder_inputs[0].get_shape()[0]
for inp in encoder_inputs[1:]:
  static_batch_size.merge_with(inp.get_shape()[0])
batch_size = static_batch_size.value
"""
TIED_AFTER = """\
static_batch_size = encoder_inputs[0].get_shape()[0]
for inp in encoder_inputs[1:]:
  tf.compat.v1.Dimension(static_batch_size).merge_with(inp.get_shape()[0])
batch_size = tf.compat.dimension_value(static_batch_size)
"""


@pytest.mark.parametrize(
    ("head", "before", "after"),
    [
        (HEAD, TIED_BEFORE, TIED_AFTER),
        (
            HEAD,
            "ok = x.shape[1].is_compatible_with(5)\n",
            "ok = tf.compat.v1.Dimension(x.shape[1]).is_compatible_with(5)\n",
        ),
        (
            "import tensorflow.compat.v1 as tf\n",
            "x.get_shape()[-1].assert_is_compatible_with(n)\n",
            "tf.Dimension(x.get_shape()[-1]).assert_is_compatible_with(n)\n",
        ),
    ],
)
def test_a_dimensions_tf1_methods_are_called_on_a_dimension(
    head: str, before: str, after: str
) -> None:
    assert fix(before, head) == (
        after,
        ["L2T010"] * (before.count("with(") + before.count(".value")),
    )
    assert fix(after, head) == (after, [])


@pytest.mark.parametrize(
    ("head", "body"),
    [
        (HEAD, "s = x.get_shape().merge_with(y.get_shape())\n"),  # a TensorShape's: TF 2 has it
        ("", "static_batch_size = xs[0].get_shape()[0]\nstatic_batch_size.merge_with(n)\n"),
        (HEAD, "d = other.merge_with(n)\n"),
    ],
)
def test_other_merge_with_calls_stay(head: str, body: str) -> None:
    assert fix(body, head) == (body, [])


def test_the_tied_seq2seq_batch_size_check_runs_as_tf1_on_tf2() -> None:
    tf = pytest.importorskip("tensorflow")
    code = HEAD + TIED_AFTER
    namespace = {"encoder_inputs": [tf.zeros([3, 2]), tf.zeros([3, 2])]}
    exec(compile(code, "tied.py", "exec"), namespace)
    assert namespace["batch_size"] == 3
    namespace = {"encoder_inputs": [tf.zeros([3, 2]), tf.zeros([4, 2])]}
    with pytest.raises(ValueError, match="not compatible"):
        exec(compile(code, "tied.py", "exec"), namespace)  # TF1's Dimension raised so
