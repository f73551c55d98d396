"""--full: ``tf.nn.rnn`` and ``tf.nn.state_saving_rnn``, whose state was every step's up to TF 0.6
and the final one since TF 0.7, become ``static_rnn`` only where that reads the same."""

from __future__ import annotations

import pytest
from pre1_0_pairs import assert_changed_once, fix_body

from legacy2tf2.migrator import tf0_rnn
from legacy2tf2.migrator.full_upgrade import full_upgrade


@pytest.mark.parametrize(
    ("before", "after"),
    [
        # the state is never read: every version computes the same
        (
            "outputs, _ = tf.nn.rnn(cell, x, dtype=tf.float32)\ny = outputs[-1]\n",
            "outputs, _ = tf.nn.static_rnn(cell, x, dtype=tf.float32)\ny = outputs[-1]\n",
        ),
        (
            "outputs, _ = tf.nn.rnn(cell, x, dtype=tf.float32)\ny = outputs[-1]\n"
            "for _ in range(3):\n    pass\n",
            "outputs, _ = tf.nn.static_rnn(cell, x, dtype=tf.float32)\ny = outputs[-1]\n"
            "for _ in range(3):\n    pass\n",
        ),
        (
            "outputs, states = tf.nn.rnn(cell, x, dtype=tf.float32)\ny = outputs[-1]\n",
            "outputs, states = tf.nn.static_rnn(cell, x, dtype=tf.float32)\ny = outputs[-1]\n",
        ),
        # state_is_tuple= came with TF 0.9: [-1] is the tuple's last element there too
        (
            "cell = tf.nn.rnn_cell.BasicLSTMCell(8, state_is_tuple=True)\n"
            "outputs, state = tf.nn.rnn(cell, x, dtype=tf.float32)\nh = state[-1]\n",
            "cell = tf.nn.rnn_cell.BasicLSTMCell(8, state_is_tuple=True)\n"
            "outputs, state = tf.nn.static_rnn(cell, x, dtype=tf.float32)\nh = state[-1]\n",
        ),
        # tf.contrib came with TF 0.7
        (
            "init = tf.contrib.layers.xavier_initializer()\n"
            "outputs, state = tf.nn.rnn(cell, x, dtype=tf.float32)\nself.final_state = state\n",
            "init = tf.contrib.layers.xavier_initializer()\n"
            "outputs, state = tf.nn.static_rnn(cell, x, dtype=tf.float32)\n"
            "self.final_state = state\n",
        ),
        (
            "outputs, state = tf.nn.state_saving_rnn(cell, x, saver, 'lstm')\n"
            "init = tf.global_variables_initializer()\nfetch(state)\n",
            "outputs, state = tf.nn.static_state_saving_rnn(cell, x, saver, 'lstm')\n"
            "init = tf.global_variables_initializer()\nfetch(state)\n",
        ),
    ],
)
def test_tf_nn_rnn_read_as_every_version_returned_it_is_renamed(before: str, after: str) -> None:
    assert_changed_once(before, after)


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            "_, enc_state = tf.nn.rnn(cell, enc, dtype=tf.float32)\n"
            "dec_outputs, dec_state = tf.nn.seq2seq.rnn_decoder(dec, enc_state, cell)\n",
            "_, enc_state = tf.nn.static_rnn(cell, enc, dtype=tf.float32)\n"
            "dec_outputs, dec_state = tf.nn.seq2seq.rnn_decoder(dec, enc_state, cell)\n",
        ),
        (
            "_, enc_state = tf.nn.rnn(cell, enc, dtype=tf.float32)\n"
            "out, _ = tf.nn.rnn(cell2, dec, initial_state=enc_state)\n",
            "_, enc_state = tf.nn.static_rnn(cell, enc, dtype=tf.float32)\n"
            "out, _ = tf.nn.static_rnn(cell2, dec, initial_state=enc_state)\n",
        ),
    ],
)
def test_tf_nn_rnn_state_only_starting_another_rnn_is_renamed(before: str, after: str) -> None:
    # TF 0.6's list of per-step states failed as a cell's state: the program is for TF 0.7+
    assert fix_body(before)[0] == after


@pytest.mark.parametrize(
    "body",
    [
        # read both as another RNN's initial state and otherwise: the version still matters
        "outputs, state = tf.nn.rnn(cell, x, dtype=tf.float32)\n"
        "o, _ = tf.nn.seq2seq.rnn_decoder(d, state, cell)\nfetch(state)\n",
        # TF 0.6: the last of the per-step states; TF 0.9+ tuple state: the last layer's, or h
        "outputs, states = tf.nn.rnn(cell, x, dtype=tf.float32)\nfinal = states[-1]\n",
        # TF 0.6: a list of states; TF 0.7+: the final state
        "outputs, state = tf.nn.rnn(cell, x, dtype=tf.float32)\nself.final_state = state\n",
        "result = tf.nn.rnn(cell, x, dtype=tf.float32)\n",
        "outputs, state = tf.nn.state_saving_rnn(cell, x, saver, 'lstm')\nfetch(state)\n",
    ],
)
def test_tf_nn_rnn_whose_state_depends_on_the_version_is_left_and_reported(body: str) -> None:
    assert fix_body(body) == (body, ["L2T006"])


TF0_FILE = (
    "import tensorflow as tf\n"
    "from tensorflow.models.rnn import rnn_cell\n"
    "cell = rnn_cell.GRUCell(4)\n"
    "outputs, states = tf.nn.rnn(cell, inputs, dtype=tf.float32)\n"
    "{use}\n"
)


def test_tf0_file_last_state_becomes_the_final_state() -> None:
    result = full_upgrade(TF0_FILE.format(use="final = states[-1]").encode(), "m.py")
    text = result.source.decode()
    assert "outputs, states = tf.compat.v1.nn.static_rnn(cell, inputs, dtype=tf.float32)" in text
    assert "final = states\n" in text
    assert "L2T006" not in {f.code for f in result.findings}


@pytest.mark.parametrize("use", ["first = states[0]", "n = len(states)", "for s in states: f(s)"])
def test_tf0_file_step_states_are_left_and_reported(use: str) -> None:
    result = full_upgrade(TF0_FILE.format(use=use).encode(), "m.py")
    text = result.source.decode()
    assert "tf.nn.rnn(cell, inputs, dtype=tf.float32)" in text
    assert "static_rnn" not in text
    assert [f.line for f in result.findings if f.code == "L2T006"] == [4]


@pytest.mark.parametrize(
    ("body", "kinds"),
    [
        ("a, s = f()\nb = s[-1]\n", {tf0_rnn.LAST}),
        ("a, s = f()\nself.x = s\ng(initial_state=s)\n", {tf0_rnn.WHOLE, tf0_rnn.INITIAL}),
        ("a, s = f()\no, t = seq2seq.rnn_decoder(d, s, cell)\n", {tf0_rnn.INITIAL}),
        ("a, s = f()\no, t = seq2seq.rnn_decoder(s, d, cell)\n", {tf0_rnn.WHOLE}),
        ("a, s = f()\no, t = g(d, s)\n", {tf0_rnn.WHOLE}),
        ("a, s = f()\nb = s[1]\n", {tf0_rnn.OTHER}),
        ("a, s = f()\nfor x in s:\n    pass\n", {tf0_rnn.OTHER}),
        ("a, s = f()\nn = len(s)\n", {tf0_rnn.OTHER}),
        ("a, s = f()\nh = s.h\n", {tf0_rnn.OTHER}),
        ("a, s = f()\n", set()),
        # a loop rebinding the name reads nothing (a public TF 0.x script's `outputs, _ = ...`,
        # then `for _ in range(reps)`)
        ("a, s = f()\nfor s in range(3):\n    pass\n", set()),
        ("a, s = f()\nt = [1 for s in range(3)]\n", set()),
        ("a, s = f()\nfor i, s in enumerate(xs):\n    pass\n", set()),
    ],
)
def test_state_reads(body: str, kinds: set[str]) -> None:
    import libcst as cst

    assert tf0_rnn.state_reads(cst.parse_module(body), "s") == kinds


def test_monkeypatched_tf_nn_rnn_is_renamed_everywhere() -> None:
    before = "tf.nn.rnn = my_rnn\noutputs, state = tf.nn.rnn(cell, x)\nfetch(state)\n"
    assert_changed_once(before, before.replace("tf.nn.rnn", "tf.nn.static_rnn"))


OPS_RNN = "import tensorflow as tf\nfrom tensorflow.python.ops import rnn\n"
OPS_RNN_NAME = "import tensorflow as tf\nfrom tensorflow.python.ops.rnn import rnn\n"


def test_python_ops_rnn_whose_state_is_read_in_a_tf0_7_file_is_renamed() -> None:
    body = (
        "init = tf.global_variables_initializer()\n"
        "outputs, state = rnn.rnn(cell, x, dtype=tf.float32)\nfetch(state)\n"
    )
    assert_changed_once(body, body.replace("rnn.rnn(", "tf.compat.v1.nn.static_rnn("), head=OPS_RNN)


def test_python_ops_rnn_imported_by_name_in_a_tf0_7_file_is_renamed() -> None:
    body = (
        "init = tf.global_variables_initializer()\n"
        "outputs, state = rnn(cell, x, dtype=tf.float32)\nfetch(state)\n"
    )
    new, codes = fix_body(OPS_RNN_NAME.replace("import tensorflow as tf\n", "") + body)
    assert new.startswith("from tensorflow.python.ops.rnn import static_rnn as rnn\n")
    assert codes == ["L2T010"]


@pytest.mark.parametrize(
    ("head", "body"),
    [
        (OPS_RNN, "outputs, state = rnn.rnn(cell, x, dtype=tf.float32)\nfetch(state)\n"),
        (OPS_RNN_NAME, "outputs, state = rnn(cell, x, dtype=tf.float32)\nfetch(state)\n"),
        # TF 0.7+ does not tell what bidirectional_rnn returned
        (OPS_RNN, "init = tf.global_variables_initializer()\no = rnn.bidirectional_rnn(f, b, x)\n"),
    ],
)
def test_python_ops_rnn_without_tf0_7_evidence_stays(head: str, body: str) -> None:
    assert fix_body(body, head) == (body, [])


@pytest.mark.parametrize(
    "source",
    [
        # TF 0.x char RNN (a Korean tutorial's hello RNN): tf.nn.rnn's state read, no 0.7 sign
        "import tensorflow as tf\n"
        "cell = tf.nn.rnn_cell.BasicRNNCell(5)\n"
        "state = tf.zeros([1, cell.state_size])\n"
        "X_split = tf.split(0, 5, x_data)\n"
        "outputs, state = tf.nn.rnn(cell, X_split, state)\n"
        "logits = tf.reshape(tf.concat(1, outputs), [-1, 5])\n"
        "init = tf.initialize_all_variables()\n",
        # rnn.rnn of tensorflow.python.ops, its state starting a decoder (a seq2seq regressor)
        "import tensorflow as tf\n"
        "from tensorflow.python.ops import seq2seq, rnn_cell, rnn\n"
        "cell = tf.nn.rnn_cell.MultiRNNCell([rnn_cell.BasicLSTMCell(50)] * 2)\n"
        "_, enc_state = rnn.rnn(cell, xs, dtype=tf.float32)\n"
        "outputs, _ = seq2seq.rnn_decoder(ys, enc_state, cell)\n"
        "out = tf.concat(0, outputs)\n"
        "tf.initialize_all_variables().run()\n",
    ],
)
def test_a_second_full_run_leaves_the_tf0_rnn_call_the_first_left(source: str) -> None:
    # The first run renames and reorders the file's TF 0.x calls (tf.concat(values, axis),
    # tf.compat.v1.global_variables_initializer): on the second, those read as TF 0.7+ evidence
    # and the call it had left (L2T006) became static_rnn. tf.compat.v1 (TF 1.13+) beside a TF 0.x
    # static RNN call now tells nothing of the TF 0.x release.
    first = full_upgrade(source.encode(), "case.py")
    assert [f for f in first.findings if f.code == "L2T006"]
    second = full_upgrade(first.source, "case.py")
    assert second.source == first.source
    assert second.changed is False
    assert [f.code for f in second.findings if f.code == "L2T006"] == ["L2T006"]


def test_tf_compat_v1_is_no_tf0_7_evidence() -> None:
    import libcst as cst

    upgraded = cst.parse_module(
        "import tensorflow as tf\ninit = tf.compat.v1.global_variables_initializer()\n"
    )
    assert tf0_rnn.since_0_7(upgraded) is None
    genuine = cst.parse_module(
        "import tensorflow as tf\ninit = tf.global_variables_initializer()\n"
    )
    assert tf0_rnn.since_0_7(genuine) == "tf.global_variables_initializer (TF 0.12+)"
