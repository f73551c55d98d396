"""The TF 0.x-1.1 ``input_size`` argument of the four core cells: dropped where it is one (L2T009),
kept where it is TF 1.2+'s argument in that slot, reported where the file cannot tell (L2T024)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from codemod_pairs import assert_noop, assert_pair

from legacy2tf2.migrator.engine import rewrite_source

# (cell, arguments before the old input_size slot): the slot is 2nd, BasicLSTMCell's 3rd.
CELLS = [
    ("BasicRNNCell", "8"),
    ("GRUCell", "8"),
    ("LSTMCell", "8"),
    ("BasicLSTMCell", "8, 1.0"),
]
IDS = [cell for cell, _ in CELLS]


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return _cli_python("-m", "legacy2tf2", *args)


def _cli_python(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "2"}
    return subprocess.run(
        [sys.executable, *args], capture_output=True, text=True, timeout=300, check=False, env=env
    )


@pytest.mark.parametrize(("cell", "lead"), CELLS, ids=IDS)
def test_keyword_input_size_is_dropped(cell: str, lead: str) -> None:
    result = assert_pair(
        f"import tensorflow as tf\nc = tf.nn.rnn_cell.{cell}({lead}, input_size=4)\n",
        f"from legacy2tf2.runtime import rnn_cell\nc = rnn_cell.{cell}({lead})\n",
        codes=("L2T009",),
    )
    assert "dropped `input_size=4`" in result.findings[0].message


@pytest.mark.parametrize(("cell", "lead"), CELLS, ids=IDS)
def test_integer_literal_in_the_slot_is_dropped(cell: str, lead: str) -> None:
    result = assert_pair(
        f"import tensorflow as tf\nc = tf.contrib.rnn.{cell}({lead}, 4)\n",
        f"from legacy2tf2.runtime import rnn_cell\nc = rnn_cell.{cell}({lead})\n",
        codes=("L2T009",),
    )
    finding = result.findings[0]
    assert (finding.line, finding.message.split(",")[0]) == (2, "dropped `4`")


def test_arithmetic_of_integer_literals_is_dropped_and_later_arguments_move_up() -> None:
    assert_pair(
        "import tensorflow as tf\n"
        "a = tf.nn.rnn_cell.LSTMCell(8, 2 * 64, True, state_is_tuple=True)\n"
        "b = tf.nn.rnn_cell.BasicLSTMCell(8, 0.0, -(3 + 1), True)\n",
        "from legacy2tf2.runtime import rnn_cell\n"
        "a = rnn_cell.LSTMCell(8, True, state_is_tuple=True)\n"
        "b = rnn_cell.BasicLSTMCell(8, 0.0, True)\n",
        codes=("L2T009", "L2T009"),
    )


def test_keyword_in_the_middle_and_a_trailing_comma_over_lines() -> None:
    assert_pair(
        "from tensorflow.contrib.rnn import GRUCell\n"
        "c = GRUCell(8, input_size=n, activation=tf.nn.relu)\n"
        "d = GRUCell(\n"
        "    8,\n"
        "    4,\n"
        ")\n",
        "from legacy2tf2.runtime.rnn_cell import GRUCell\n"
        "c = GRUCell(8, activation=tf.nn.relu)\n"
        "d = GRUCell(\n"
        "    8,\n"
        ")\n",
        codes=("L2T009", "L2T009"),
    )


@pytest.mark.parametrize(
    ("cell", "lead", "value"),
    [(cell, lead, value) for cell, lead in CELLS for value in ("True", "False", "None")][:-1],
)
def test_bool_or_none_in_the_slot_is_kept(cell: str, lead: str, value: str) -> None:
    assert_pair(
        f"import tensorflow as tf\nc = tf.contrib.rnn.{cell}({lead}, {value})\n",
        f"from legacy2tf2.runtime import rnn_cell\nc = rnn_cell.{cell}({lead}, {value})\n",
    )


@pytest.mark.parametrize(
    "activation", ["tf.tanh", "tf.nn.relu", "tf.compat.v1.nn.elu", "act", "lambda x: x", '"relu"']
)
@pytest.mark.parametrize("cell", ["BasicRNNCell", "GRUCell"])
def test_a_callable_in_the_slot_is_the_activation(cell: str, activation: str) -> None:
    body = f"def act(x):\n    return x\nc = {{}}{cell}(8, {activation})\n"
    kept_import = "import tensorflow as tf\n" if activation.startswith("tf.") else ""
    assert_pair(
        "import tensorflow as tf\n" + body.format("tf.contrib.rnn."),
        kept_import + "from legacy2tf2.runtime import rnn_cell\n" + body.format("rnn_cell."),
    )


@pytest.mark.parametrize(("cell", "lead"), CELLS, ids=IDS)
def test_a_name_in_a_pre_1_0_file_is_input_size(cell: str, lead: str) -> None:
    assert_pair(
        f"import tensorflow as tf\nc = tf.nn.rnn_cell.{cell}({lead}, FLAGS.size)\nx = tf.pack(y)\n",
        "import tensorflow as tf\n"
        "from legacy2tf2.runtime import rnn_cell\n"
        f"c = rnn_cell.{cell}({lead})\n"
        "x = tf.pack(y)\n",
        codes=("L2T009",),
    )


def test_a_name_in_a_tf_1_0_core_rnn_cell_file_is_input_size() -> None:
    assert_pair(
        "from tensorflow.contrib.rnn.python.ops import core_rnn_cell\n"
        "c = core_rnn_cell.GRUCell(8, size)\n",
        "from legacy2tf2.runtime import rnn_cell as core_rnn_cell\nc = core_rnn_cell.GRUCell(8)\n",
        codes=("L2T009",),
    )


@pytest.mark.parametrize(("cell", "lead"), CELLS, ids=IDS)
def test_a_name_in_a_tf_1_2_file_is_the_new_argument(cell: str, lead: str) -> None:
    assert_pair(
        "import tensorflow as tf\n"
        f"c = tf.contrib.rnn.{cell}({lead}, flag)\n"
        "outputs, state = tf.nn.static_rnn(c, inputs)\n",
        "import tensorflow as tf\n"
        "from legacy2tf2.runtime import rnn_cell\n"
        f"c = rnn_cell.{cell}({lead}, flag)\n"
        "outputs, state = tf.nn.static_rnn(c, inputs)\n",
    )


@pytest.mark.parametrize(
    ("cell", "lead", "now"),
    [
        ("BasicRNNCell", "8", "activation"),
        ("GRUCell", "8", "activation"),
        ("LSTMCell", "8", "use_peepholes"),
        ("BasicLSTMCell", "8, 1.0", "state_is_tuple"),
    ],
    ids=IDS,
)
def test_a_name_in_a_file_of_unknown_era_is_kept_and_reported(
    cell: str, lead: str, now: str
) -> None:
    result = assert_pair(
        f"import tensorflow as tf\nc = tf.contrib.rnn.{cell}({lead}, FLAGS.size)\n",
        f"from legacy2tf2.runtime import rnn_cell\nc = rnn_cell.{cell}({lead}, FLAGS.size)\n",
        codes=("L2T024",),
    )
    message = result.findings[0].message
    assert "`FLAGS.size`" in message and "input_size" in message and f"it is {now}" in message
    assert "does not tell its TensorFlow version" in message


def test_none_in_basic_lstm_cells_slot_depends_on_the_era() -> None:
    # input_size=None kept state_is_tuple's default (True); TF 1.2+ read None as False.
    assert_pair(
        "import tensorflow as tf\nc = tf.nn.rnn_cell.BasicLSTMCell(8, 1.0, None)\nx = tf.pack(y)\n",
        "import tensorflow as tf\n"
        "from legacy2tf2.runtime import rnn_cell\n"
        "c = rnn_cell.BasicLSTMCell(8, 1.0)\n"
        "x = tf.pack(y)\n",
        codes=("L2T009",),
    )
    assert_pair(
        "import tensorflow as tf\n"
        "c = tf.nn.rnn_cell.BasicLSTMCell(8, 1.0, None)\n"
        "o = tf.nn.static_rnn(c, x)\n",
        "import tensorflow as tf\n"
        "from legacy2tf2.runtime import rnn_cell\n"
        "c = rnn_cell.BasicLSTMCell(8, 1.0, None)\n"
        "o = tf.nn.static_rnn(c, x)\n",
    )
    assert_pair(
        "import tensorflow as tf\nc = tf.contrib.rnn.BasicLSTMCell(8, 1.0, None)\n",
        "from legacy2tf2.runtime import rnn_cell\nc = rnn_cell.BasicLSTMCell(8, 1.0, None)\n",
        codes=("L2T024",),
    )


def test_an_explicit_init_call_of_a_subclass_counts_self() -> None:
    assert_pair(
        "import tensorflow as tf\n"
        "class Cell(tf.nn.rnn_cell.BasicLSTMCell):\n"
        "    def __init__(self, n, forget_bias=1.0, input_size=None):\n"
        "        tf.nn.rnn_cell.BasicLSTMCell.__init__(self, n, forget_bias, input_size)\n"
        "x = tf.pack(y)\n",
        "import tensorflow as tf\n"
        "from legacy2tf2.runtime import rnn_cell\n"
        "class Cell(rnn_cell.BasicLSTMCell):\n"
        "    def __init__(self, n, forget_bias=1.0, input_size=None):\n"
        "        rnn_cell.BasicLSTMCell.__init__(self, n, forget_bias)\n"
        "x = tf.pack(y)\n",
        codes=("L2T009",),
    )
    result = assert_pair(
        "import tensorflow as tf\n"
        "class Cell(tf.contrib.rnn.GRUCell):\n"
        "    def __init__(self, n, size):\n"
        "        tf.contrib.rnn.GRUCell.__init__(self, n, size)\n",
        "from legacy2tf2.runtime import rnn_cell\n"
        "class Cell(rnn_cell.GRUCell):\n"
        "    def __init__(self, n, size):\n"
        "        rnn_cell.GRUCell.__init__(self, n, size)\n",
        codes=("L2T024",),
    )
    assert "`size` is the 2nd positional argument of GRUCell" in result.findings[0].message


def test_a_name_with_the_new_argument_also_given_by_keyword_is_input_size() -> None:
    assert_pair(
        "import tensorflow as tf\n"
        "a = tf.contrib.rnn.LSTMCell(8, size, use_peepholes=True)\n"
        "b = tf.contrib.rnn.GRUCell(8, size, activation=tf.nn.relu)\n",
        "import tensorflow as tf\n"
        "from legacy2tf2.runtime import rnn_cell\n"
        "a = rnn_cell.LSTMCell(8, use_peepholes=True)\n"
        "b = rnn_cell.GRUCell(8, activation=tf.nn.relu)\n",
        codes=("L2T009", "L2T009"),
    )


def test_a_number_in_an_lstm_slot_of_a_tf_1_2_file_is_reported_not_dropped() -> None:
    result = assert_pair(
        "import tensorflow as tf\n"
        "a = tf.nn.rnn_cell.LSTMCell(8, 4)\n"
        "b = tf.nn.rnn_cell.GRUCell(8, 4)\n"
        "outputs, state = tf.nn.static_rnn(a, inputs)\n",
        "import tensorflow as tf\n"
        "from legacy2tf2.runtime import rnn_cell\n"
        "a = rnn_cell.LSTMCell(8, 4)\n"
        "b = rnn_cell.GRUCell(8)\n"
        "outputs, state = tf.nn.static_rnn(a, inputs)\n",
        codes=("L2T024", "L2T009"),
    )
    assert "read the number as a bool" in result.findings[0].message


def test_calls_the_slot_does_not_concern_are_left_alone() -> None:
    assert_noop("import tensorflow as tf\na = tf.keras.layers.GRUCell(8, 4)\nb = GRUCell(8, 4)\n")
    assert_pair(
        "import tensorflow as tf\n"
        "a = tf.nn.rnn_cell.LSTMCell(8)\n"
        "b = tf.nn.rnn_cell.LSTMCell(num_units=8, use_peepholes=4)\n"
        "c = tf.nn.rnn_cell.MultiRNNCell(cells, 4)\n"
        "d = tf.nn.rnn_cell.DropoutWrapper(cell, 4)\n"
        "e = tf.nn.rnn_cell.GRUCell(*args)\n",
        "from legacy2tf2.runtime import rnn_cell\n"
        "a = rnn_cell.LSTMCell(8)\n"
        "b = rnn_cell.LSTMCell(num_units=8, use_peepholes=4)\n"
        "c = rnn_cell.MultiRNNCell(cells, 4)\n"
        "d = rnn_cell.DropoutWrapper(cell, 4)\n"
        "e = rnn_cell.GRUCell(*args)\n",
    )


def test_rewrite_command_line_notes_a_drop_and_fails_on_an_unknown_slot(tmp_path: Path) -> None:
    dropped = tmp_path / "old.py"
    dropped.write_text("import tensorflow as tf\nc = tf.nn.rnn_cell.LSTMCell(5, 4)\n")
    unknown = tmp_path / "unknown.py"
    unknown.write_text("import tensorflow as tf\nc = tf.contrib.rnn.LSTMCell(5, n)\n")
    ok = _cli("rewrite", str(dropped))
    assert ok.returncode == 0, ok.stderr
    assert f"{dropped}:2:" in ok.stderr and "L2T009" in ok.stderr
    assert dropped.read_text().endswith("c = rnn_cell.LSTMCell(5)\n")
    failed = _cli("rewrite", str(unknown))
    assert failed.returncode == 1, failed.stderr
    assert f"{unknown}:2:" in failed.stderr and "L2T024" in failed.stderr
    assert unknown.read_text().endswith("c = rnn_cell.LSTMCell(5, n)\n")


def test_idempotent_on_a_whole_pre_1_0_model() -> None:
    source = (
        b"import tensorflow as tf\n"
        b"single = tf.nn.rnn_cell.BasicLSTMCell(size, 1.0, input_size, True)\n"
        b"cell = tf.nn.rnn_cell.MultiRNNCell([single] * 2)\n"
        b"outputs, state = tf.nn.seq2seq.rnn_decoder(dec, init, cell)\n"
    )
    once = rewrite_source(source, "case.py")
    assert once.source == (
        b"from legacy2tf2.runtime import rnn_cell\n"
        b"from legacy2tf2.runtime import legacy_seq2seq\n"
        b"single = rnn_cell.BasicLSTMCell(size, 1.0, True)\n"
        b'cell = rnn_cell.MultiRNNCell([single] * 2, repeated_cells="copy")\n'
        b"outputs, state = legacy_seq2seq.rnn_decoder(dec, init, cell)\n"
    )
    assert [f.code for f in once.findings] == ["L2T009"]
    twice = rewrite_source(once.source, "case.py")
    assert twice.source == once.source and not twice.findings


PROGRAM = """\
import tensorflow as tf

SIZE, STEPS = 4, 2
inputs = [tf.ones([1, SIZE]) for _ in range(STEPS)]
cells = [
    tf.nn.rnn_cell.LSTMCell(SIZE, SIZE),
    tf.nn.rnn_cell.GRUCell(SIZE, input_size=SIZE),
    tf.nn.rnn_cell.BasicLSTMCell(SIZE, 1.0, SIZE, True),
]
for i, cell in enumerate(cells):
  with tf.variable_scope("c%d" % i):
    outputs, _ = tf.nn.seq2seq.rnn_decoder(inputs, cell.zero_state(1, tf.float32), cell)
with tf.Session() as sess:
  sess.run(tf.initialize_all_variables())
  sess.run(outputs)
  for v in tf.all_variables():
    print("variable", v.name)
"""


@pytest.mark.heavy
def test_tf_0_12_cells_with_input_size_run_without_peepholes_after_rewrite_full(
    tmp_path: Path,
) -> None:
    program = tmp_path / "model.py"
    program.write_text(PROGRAM)
    done = _cli("rewrite", "--full", str(program))
    assert done.returncode == 0, done.stderr
    assert done.stderr.count("L2T009") == 3
    migrated = program.read_text()
    assert "rnn_cell.LSTMCell(SIZE)" in migrated and "rnn_cell.GRUCell(SIZE)" in migrated
    assert "rnn_cell.BasicLSTMCell(SIZE, 1.0, True)" in migrated

    ran = _cli_python(str(program))
    assert ran.returncode == 0, ran.stderr[-3000:]
    names = [line.split()[1] for line in ran.stdout.splitlines() if line.startswith("variable ")]
    assert names and not [name for name in names if "_diag" in name], names
    assert {name.split("/")[0] for name in names} == {"c0", "c1", "c2"}
