"""--full: TF 0.11/0.12's static RNN functions reached through ``tensorflow.python.ops.rnn``."""

from __future__ import annotations

import pytest
from pre1_0_pairs import fix_body

from legacy2tf2.migrator.full_upgrade import full_upgrade

HEAD = "import tensorflow as tf\nfrom tensorflow.python.ops import rnn\n"


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            "outputs, states = rnn.rnn(cell, x, dtype=tf.float32)\ny = outputs[-1]\n",
            "outputs, states = tf.compat.v1.nn.static_rnn(cell, x, dtype=tf.float32)\n"
            "y = outputs[-1]\n",
        ),
        (
            "outputs, _ = rnn.state_saving_rnn(cell, x, saver, 'h')\n",
            "outputs, _ = tf.compat.v1.nn.static_state_saving_rnn(cell, x, saver, 'h')\n",
        ),
        (
            "outputs, fw, bw = rnn.bidirectional_rnn(f, b, x, dtype=tf.float32)\nz = fw[-1]\n",
            "outputs, fw, bw = tf.compat.v1.nn.static_bidirectional_rnn(f, b, x, dtype=tf.float32)"
            "\nz = fw[-1]\n",
        ),
    ],
)
def test_static_rnn_read_as_every_version_returned_it_gets_its_tf1_name(
    before: str, after: str
) -> None:
    new, codes = fix_body(before, HEAD)
    assert new == after
    assert codes == ["L2T010"]
    assert fix_body(new, HEAD) == (new, [])


@pytest.mark.parametrize(
    "body",
    [
        # the state is read: up to TF 0.7 it was every step's state, [-1] the final one, while
        # [-1] of a TF 0.12 LSTM's tuple state is h
        "outputs, states = rnn.rnn(cell, x, dtype=tf.float32)\nfinal = states[-1]\n",
        "outputs, state = rnn.rnn(cell, x, dtype=tf.float32)\nfetch(state)\n",
        # up to TF 0.7 bidirectional_rnn returned only the outputs
        "outputs = rnn.bidirectional_rnn(f, b, x, dtype=tf.float32)\ny = outputs[-1]\n",
        "result = rnn.rnn(cell, x, dtype=tf.float32)\n",
    ],
)
def test_static_rnn_whose_results_depend_on_the_version_stays(body: str) -> None:
    assert fix_body(body, HEAD) == (body, [])


def test_full_drops_the_report_of_the_call_it_changed() -> None:
    source = (
        HEAD
        + "x = [tf.placeholder(tf.float32, [None, 4])]\n"
        + "outputs, states = rnn.rnn(cell, x, dtype=tf.float32)\n"
        + "o, s = rnn.rnn(cell, x, dtype=tf.float32)\n"
        + "print(s)\n"
    ).encode()
    result = full_upgrade(source, "m.py")
    text = result.source.decode()
    assert "outputs, states = tf.compat.v1.nn.static_rnn(cell, x, dtype=tf.float32)\n" in text
    assert "o, s = rnn.rnn(cell, x, dtype=tf.float32)\n" in text
    reports = [(f.line, f.code) for f in result.findings if f.code in ("L2T006", "L2T010")]
    assert (4, "L2T010") in reports
    assert (4, "L2T006") not in reports
    assert (5, "L2T006") in reports


def test_tf_nn_bidirectional_rnn_unpacked_into_three_is_renamed() -> None:
    before = "o, fw, bw = tf.nn.bidirectional_rnn(f, b, x, dtype=tf.float32)\n"
    new, codes = fix_body(before)
    assert new == "o, fw, bw = tf.nn.static_bidirectional_rnn(f, b, x, dtype=tf.float32)\n"
    assert codes == ["L2T010"]


@pytest.mark.parametrize(
    "body",
    [
        # TF 0.7's form: the outputs alone; [-1] of TF 1.x's triple would be the backward state
        "outputs = tf.nn.bidirectional_rnn(f, b, x, dtype=tf.float32)\ny = outputs[-1]\n",
        "return_value = [tf.nn.bidirectional_rnn(f, b, x)]\n",
    ],
)
def test_tf_nn_bidirectional_rnn_not_unpacked_into_three_is_left_and_reported(body: str) -> None:
    assert fix_body(body) == (body, ["L2T006"])


def test_monkeypatched_tf_nn_bidirectional_rnn_is_renamed_everywhere() -> None:
    before = (
        "tf.nn.bidirectional_rnn = tf.contrib.rnn.static_bidirectional_rnn\n"
        "out = tf.nn.bidirectional_rnn(f, b, x)\n"
    )
    new, codes = fix_body(before)
    assert new == (
        "tf.nn.static_bidirectional_rnn = tf.contrib.rnn.static_bidirectional_rnn\n"
        "out = tf.nn.static_bidirectional_rnn(f, b, x)\n"
    )
    assert codes == ["L2T010", "L2T010"]


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            "from tensorflow.python.ops.rnn import rnn, dynamic_rnn\n"
            "outputs, _ = rnn(cell, xs, dtype=tf.float32)\n",
            "from tensorflow.python.ops.rnn import static_rnn as rnn, dynamic_rnn\n"
            "outputs, _ = rnn(cell, xs, dtype=tf.float32)\n",
        ),
        (
            "from tensorflow.python.ops.rnn import bidirectional_rnn as birnn\n"
            "o, fw, bw = birnn(f, b, xs)\nz = fw[-1]\n",
            "from tensorflow.python.ops.rnn import static_bidirectional_rnn as birnn\n"
            "o, fw, bw = birnn(f, b, xs)\nz = fw[-1]\n",
        ),
    ],
)
def test_static_rnn_imported_by_name_and_read_exactly_is_imported_under_its_tf1_name(
    before: str, after: str
) -> None:
    new, codes = fix_body(before)
    assert new == after
    assert codes == ["L2T010"]
    assert fix_body(new) == (new, [])


@pytest.mark.parametrize(
    "body",
    [
        # one call reads the state: the import cannot change for the other alone
        "from tensorflow.python.ops.rnn import rnn\n"
        "outputs, _ = rnn(cell, xs)\nouts, states = rnn(cell, ys)\nlast = states[-1]\n",
        # used other than as the function of an exactly read call
        "from tensorflow.python.ops.rnn import rnn\nrun = rnn\n",
        "from tensorflow.python.ops.rnn import bidirectional_rnn\n"
        "outputs = bidirectional_rnn(f, b, xs)\n",
    ],
)
def test_static_rnn_imported_by_name_read_otherwise_stays(body: str) -> None:
    assert fix_body(body) == (body, [])


def test_full_drops_the_report_of_the_import_it_changed() -> None:
    source = (
        b"import tensorflow as tf\n"
        b"from tensorflow.python.ops.rnn import rnn\n"
        b"outputs, _ = rnn(cell, [tf.placeholder(tf.float32, [1, 2])], dtype=tf.float32)\n"
    )
    result = full_upgrade(source, "m.py")
    assert b"from tensorflow.python.ops.rnn import static_rnn as rnn\n" in result.source
    codes = [f.code for f in result.findings if f.line == 2]
    assert "L2T010" in codes
    assert "L2T006" not in codes
    assert "L2T021" not in codes


def test_models_rnn_bidirectional_rnn_and_its_tf0_6_fallback_get_their_tf1_name() -> None:
    # aymericdamien's TF 0.x bidirectional_rnn example: tensorflow/models/rnn/rnn.py re-exported
    # bidirectional_rnn (TF 0.6 returned the outputs only, TF 0.7+ the outputs and both states)
    source = (
        b"import tensorflow as tf\n"
        b"from tensorflow.models.rnn import rnn, rnn_cell\n"
        b"x = [tf.placeholder(tf.float32, [2, 3])] * 4\n"
        b"fw = rnn_cell.BasicLSTMCell(5)\n"
        b"bw = rnn_cell.BasicLSTMCell(5)\n"
        b"try:\n"
        b"    outputs, _, _ = rnn.bidirectional_rnn(fw, bw, x, dtype=tf.float32)\n"
        b"except Exception:\n"
        b"    outputs = rnn.bidirectional_rnn(fw, bw, x, dtype=tf.float32)\n"
    )
    result = full_upgrade(source, "m.py")
    text = result.source.decode()
    assert (
        "    outputs, _, _ = tf.compat.v1.nn.static_bidirectional_rnn(fw, bw, x, dtype=tf.float32)\n"
        in text
    )
    assert (
        "    outputs = tf.compat.v1.nn.static_bidirectional_rnn(fw, bw, x, dtype=tf.float32)[0]\n"
        in text
    )
    assert "tensorflow.models" not in text
    codes = {f.code for f in result.findings}
    assert not codes & {"L2T006", "L2T021"}
