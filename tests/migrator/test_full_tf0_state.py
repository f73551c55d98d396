"""``--full``: TF 0.11-or-earlier programs keep TF 0.x's concatenated LSTM state."""

from __future__ import annotations

import libcst as cst
import pytest

from legacy2tf2.migrator import engine
from legacy2tf2.migrator.full_upgrade import full_upgrade
from legacy2tf2.migrator.tf0_state import fix_concatenated_state

TF0 = "import tensorflow as tf\nfrom tensorflow.models.rnn import rnn_cell, seq2seq\n"
REWRITTEN = (
    "import tensorflow as tf\nfrom legacy2tf2.runtime import rnn_cell, legacy_seq2seq as seq2seq\n"
)


def fix(original: str) -> tuple[str, list[str]]:
    """The rewrite, then the concatenated-state fix, as ``--full`` runs them."""
    rewritten = engine.rewrite_source(original.encode()).source.decode()
    new, changes = fix_concatenated_state(cst.parse_module(rewritten), cst.parse_module(original))
    return new.code, [code for _line, _col, code, _msg in changes]


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            "cell = rnn_cell.BasicLSTMCell(128)\n",
            "cell = rnn_cell.BasicLSTMCell(128, state_is_tuple=False)\n",
        ),
        (
            "cell = rnn_cell.BasicLSTMCell(128, forget_bias=0.0)\n",
            "cell = rnn_cell.BasicLSTMCell(128, forget_bias=0.0, state_is_tuple=False)\n",
        ),
        (
            "cell = rnn_cell.LSTMCell(128, use_peepholes=True)\n",
            "cell = rnn_cell.LSTMCell(128, use_peepholes=True, state_is_tuple=False)\n",
        ),
        (
            "cell = rnn_cell.MultiRNNCell([a, b])\n",
            'cell = rnn_cell.MultiRNNCell([a, b], repeated_cells="copy", state_is_tuple=False)\n',
        ),
        (
            "cell_fn = rnn_cell.BasicLSTMCell if lstm else rnn_cell.GRUCell\n",
            "import functools\n"
            "cell_fn = functools.partial(rnn_cell.BasicLSTMCell.tf0, state_is_tuple=False) "
            "if lstm else rnn_cell.GRUCell\n",
        ),
        (
            "net = Network(rnn_cell.LSTMCell, 16)\n",
            "import functools\n"
            "net = Network(functools.partial(rnn_cell.LSTMCell.tf0, state_is_tuple=False), 16)\n",
        ),
        (
            "stack = functools.reduce(f, [], rnn_cell.MultiRNNCell)\n",
            "import functools\n"
            "stack = functools.reduce(f, [], functools.partial(rnn_cell.MultiRNNCell, "
            "state_is_tuple=False))\n",
        ),
    ],
)
def test_tf0_11_lstm_cells_get_the_concatenated_state(before: str, after: str) -> None:
    new, codes = fix(TF0 + before)
    if after.startswith("import functools\n"):
        assert new == "import functools\n" + REWRITTEN + after[len("import functools\n") :]
    else:
        assert new == REWRITTEN + after
    assert codes == ["L2T010"]


@pytest.mark.parametrize(
    "body",
    [
        "cell = rnn_cell.BasicLSTMCell(128, state_is_tuple=True)\n",
        "cell = rnn_cell.BasicLSTMCell(128, 1.0, True)\n",  # given positionally
        "cell = rnn_cell.MultiRNNCell([rnn_cell.GRUCell(8)], state_is_tuple=True)\n",
        "cell = rnn_cell.GRUCell(128)\n",  # no LSTM state
        "cell = rnn_cell.BasicLSTMCell(*args, **kwargs)\n",
        "ok = isinstance(cell, rnn_cell.BasicLSTMCell)\n",
        "class Cell(rnn_cell.BasicLSTMCell):\n"
        "    def __init__(self, n):\n"
        "        rnn_cell.BasicLSTMCell.__init__(self, n)\n",
    ],
)
def test_explicit_states_other_cells_type_tests_and_subclasses_stay(body: str) -> None:
    new, codes = fix(TF0 + body)
    assert new == REWRITTEN + body
    assert codes == []


@pytest.mark.parametrize(
    "head",
    [
        # TF 0.12 also had these paths, with state_is_tuple=True the default
        "import tensorflow as tf\nrnn_cell = tf.nn.rnn_cell\n",
        "import tensorflow as tf\nfrom tensorflow.python.ops import rnn_cell\n",
        "import tensorflow as tf\nfrom tensorflow.contrib import rnn as rnn_cell\n",
        # the tutorials of tensorflow.models.rnn lasted to TF 0.12
        "import tensorflow as tf\nfrom tensorflow.models.rnn.ptb import reader\n"
        "rnn_cell = tf.nn.rnn_cell\n",
    ],
)
def test_files_not_certainly_tf0_11_keep_the_tuple_default(head: str) -> None:
    original = head + "cell = rnn_cell.BasicLSTMCell(128)\nx = tf.nn.seq2seq\n"
    rewritten = engine.rewrite_source(original.encode()).source.decode()
    new, changes = fix_concatenated_state(cst.parse_module(rewritten), cst.parse_module(original))
    assert (new.code, changes) == (rewritten, [])


STEP_STATES = (
    "def model(inputs, state, cell):\n"
    "    outputs, states = seq2seq.rnn_decoder(inputs, state, cell)\n"
    "    return outputs[-1], {last}\n"
)


def test_the_last_of_tf0_7s_step_states_is_the_final_state() -> None:
    new, codes = fix(TF0 + STEP_STATES.format(last="states[-1]"))
    assert new == REWRITTEN + STEP_STATES.format(last="states")
    assert codes == ["L2T010"]


@pytest.mark.parametrize(
    "body",
    [
        STEP_STATES.format(last="states[0]"),  # not the last step
        STEP_STATES.format(last="states[-1]") + "    states = None\n",  # bound twice
        STEP_STATES.format(last="states[-1]")
        + "cell = rnn_cell.BasicLSTMCell(4, state_is_tuple=True)\n",  # [-1]: the last layer
        "outputs, states = other(inputs)\nlast = states[-1]\n",
    ],
)
def test_other_state_subscripts_stay(body: str) -> None:
    new, _codes = fix(TF0 + body)
    assert new == REWRITTEN + body


def test_positions_count_the_added_functools_import() -> None:
    original = TF0 + "x = 1\ncell_fn = rnn_cell.BasicLSTMCell\ncell = rnn_cell.MultiRNNCell(c)\n"
    rewritten = engine.rewrite_source(original.encode()).source.decode()
    new, changes = fix_concatenated_state(cst.parse_module(rewritten), cst.parse_module(original))
    lines = new.code.splitlines()
    for line, col, _code, message in changes:
        name = "BasicLSTMCell" if "BasicLSTMCell" in message else "MultiRNNCell"
        assert name in lines[line - 1][col - 1 :], (line, col, message)


def test_tf_nn_rnn_step_states_in_a_tf0_file() -> None:
    """``tf.nn.rnn`` (``tf.nn.static_rnn`` after the pre-1.0 pass) of a TF 0.7 file."""
    original = (
        "import tensorflow as tf\nfrom tensorflow.models.rnn import rnn_cell\n"
        "outputs, states = tf.nn.rnn(cell, inputs, dtype=tf.float32)\n"
        "final = states[-1]\n"
    )
    renamed = original.replace("tf.nn.rnn", "tf.nn.static_rnn")
    new, changes = fix_concatenated_state(cst.parse_module(renamed), cst.parse_module(original))
    assert new.code == renamed.replace("states[-1]", "states")
    assert [(line, code) for line, _col, code, _msg in changes] == [(4, "L2T010")]


MODELS_RNN = (
    "import tensorflow as tf\n"
    "from tensorflow.models.rnn import rnn, rnn_cell\n"
    "cell = rnn_cell.GRUCell(4)\n"
    "outputs, states = rnn.rnn(cell, inputs, dtype=tf.float32)\n"
    "{use}\n"
)


def test_tf0_rnn_rnn_becomes_static_rnn_and_its_last_state_the_final_state() -> None:
    new, codes = fix(MODELS_RNN.format(use="final = states[-1]"))
    assert new == (
        "import tensorflow as tf\n"
        "from legacy2tf2.runtime import rnn_cell\n"
        "cell = rnn_cell.GRUCell(4)\n"
        "outputs, states = tf.compat.v1.nn.static_rnn(cell, inputs, dtype=tf.float32)\n"
        "final = states\n"
    )
    assert codes == ["L2T010", "L2T010"]


@pytest.mark.parametrize(
    "use",
    [
        "first = states[0]",  # another step's state: TF 0.7's list has no equivalent
        "n = len(states)",
        "for s in states:\n    pass",
    ],
)
def test_tf0_rnn_rnn_whose_step_states_are_read_stays(use: str) -> None:
    new, codes = fix(MODELS_RNN.format(use=use))
    assert "rnn.rnn(cell, inputs, dtype=tf.float32)" in new
    assert "from tensorflow.models.rnn import rnn\n" in new
    assert codes == []


def test_full_upgrade_drops_the_moot_report_of_the_removed_import() -> None:
    result = full_upgrade(MODELS_RNN.format(use="final = states[-1]").encode())
    assert "tf.compat.v1.nn.static_rnn(cell, inputs, dtype=tf.float32)" in result.source.decode()
    assert "L2T006" not in {f.code for f in result.findings}
    kept = full_upgrade(MODELS_RNN.format(use="first = states[0]").encode())
    assert "L2T006" in {f.code for f in kept.findings}
