"""--full: TF 0.5/0.6's ``from tensorflow.models.rnn.rnn import *`` read for ``rnn_cell`` and ``rnn``.

TF 0.6's tensorflow/models/rnn/rnn.py (no ``__all__``) imported ``tensorflow as tf``,
``rnn_cell`` and ``control_flow_ops`` and defined ``rnn`` and ``state_saving_rnn``; TF 0.7+'s was
``from tensorflow.python.ops.rnn import *``. A TF 0.6 blog program (predicting trigonometric waves
with an LSTM: ``rnn_cell.BasicLSTMCell(6)``, its concatenated state kept in a ``tf.Variable``) was
left failing (L2T006, L2T021).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from legacy2tf2.migrator.tf0_star_imports import expand_rnn_star_import
from tests.e2e.helpers import python

STAR = "import tensorflow as tf\nfrom tensorflow.models.rnn.rnn import *\n"


def expand(body: str) -> tuple[str, list[str]]:
    new, changes = expand_rnn_star_import((STAR + body).encode())
    return new.decode(), [code for _line, _col, code, _msg in changes]


def test_star_import_read_for_rnn_cell_only_becomes_its_import() -> None:
    body = "cell = rnn_cell.BasicLSTMCell(6)\nx = tf.zeros([1, cell.state_size])\n"
    assert expand(body) == (
        "import tensorflow as tf\nfrom tensorflow.models.rnn import rnn_cell\n" + body,
        ["L2T010"],
    )


def test_star_import_read_for_rnn_too_imports_both_on_its_line() -> None:
    body = "cell = rnn_cell.GRUCell(4)\noutputs, states = rnn(cell, xs, dtype=tf.float32)\n"
    assert expand(body) == (
        "import tensorflow as tf\nfrom tensorflow.models.rnn import rnn_cell; "
        "from tensorflow.models.rnn.rnn import rnn\n" + body,
        ["L2T010"],
    )


@pytest.mark.parametrize(
    "body",
    [
        # the star import's other names are read: left (the rewrite reports it)
        "cell = rnn_cell.GRUCell(4)\noutputs, states = state_saving_rnn(cell, xs, s, 'h')\n",
        "y = control_flow_ops.cond(p, f, g)\ncell = rnn_cell.GRUCell(4)\n",
        # rnn_cell bound by the program itself, or not read
        "from tensorflow.models.rnn import rnn_cell\ncell = rnn_cell.GRUCell(4)\n",
        "x = 1\n",
    ],
)
def test_star_import_read_otherwise_is_left(body: str) -> None:
    assert expand(body) == (STAR + body, [])


def test_tf_read_only_through_the_star_import_is_left() -> None:
    source = "from tensorflow.models.rnn.rnn import *\ncell = rnn_cell.GRUCell(tf.constant(4))\n"
    assert expand_rnn_star_import(source.encode()) == (source.encode(), [])


PROGRAM = """\
import numpy as np
import tensorflow as tf
from tensorflow.models.rnn.rnn import *

x = tf.placeholder(tf.float32, [1, 3])
lstm_layer = rnn_cell.BasicLSTMCell(4)
lstm_state = tf.Variable(tf.zeros([1, lstm_layer.state_size]))
lstm_output, new_state = lstm_layer(x, lstm_state)
lstm_update = lstm_state.assign(new_state)
sess = tf.Session()
sess.run(tf.initialize_all_variables())
feed = {x: [[0.5, -1.0, 2.0]]}
sess.run(lstm_update, feed)
out, state = sess.run([lstm_output, new_state], feed)
weights = [v for v in tf.trainable_variables() if v is not lstm_state]
np.savez("run.npz", out=out, state=state, w=sess.run(weights[0]), b=sess.run(weights[1]))
"""


def test_tf0_6_program_runs_with_tf0_6s_concatenated_lstm_state(tmp_path: Path) -> None:
    (tmp_path / "waves.py").write_text(PROGRAM)
    done = python("-m", "legacy2tf2", "rewrite", "--full", "waves.py", cwd=tmp_path, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "L2T006" not in done.stderr and "L2T021" not in done.stderr
    done = python("waves.py", cwd=tmp_path, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    run = np.load(tmp_path / "run.npz")
    w, b = run["w"], run["b"]
    assert w.shape == (7, 16)  # [input + h, 4 gates], TF 0.x BasicLSTMCell's one matrix

    def step(c: np.ndarray, h: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        # TF 0.6 BasicLSTMCell (forget_bias 1.0): i, j, f, o = split(linear([x, h]), 4)
        sig = lambda z: 1 / (1 + np.exp(-z))  # noqa: E731
        i, j, f, o = np.split(np.array([[0.5, -1.0, 2.0]]) @ w[:3] + h @ w[3:] + b, 4, axis=1)
        c = c * sig(f + 1.0) + sig(i) * np.tanh(j)
        return c, np.tanh(c) * sig(o)

    c, h = step(np.zeros((1, 4)), np.zeros((1, 4)))  # the first run, kept in the variable
    c, h = step(c, h)
    np.testing.assert_allclose(run["state"], np.concatenate([c, h], 1), rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(run["out"], h, rtol=1e-5, atol=1e-6)


def test_full_upgrade_converts_both_names_and_reports_at_their_lines() -> None:
    from legacy2tf2.migrator.full_upgrade import full_upgrade

    source = (
        "import tensorflow as tf\n"
        "from tensorflow.models.rnn.rnn import *\n"
        "cell = rnn_cell.GRUCell(4)\n"
        "outputs, states = rnn(cell, xs, dtype=tf.float32)\n"
    )
    result = full_upgrade(source.encode())
    lines = result.source.decode().splitlines()
    # the rnn import, unused once rnn is static_rnn, goes from the line without a dangling ';'
    assert "from legacy2tf2.runtime import rnn_cell" in lines
    assert "outputs, states = tf.compat.v1.nn.static_rnn(cell, xs, dtype=tf.float32)" in lines
    reported = {f.line for f in result.findings if "static_rnn" in f.message}
    assert reported == {4}
    assert {"L2T006", "L2T021"} & {f.code for f in result.findings} == set()
