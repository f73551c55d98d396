"""``--full``: a TF 1.2+ program's subclass of a TF1 cell without ``call``/``build`` keeps TF
1.2+'s scope name, the snake case of its class (``rnn/my_gru/gates/kernel``), where TF 1.0/1.1
(and the runtime's default) used the parent cell's (``gru_cell``)."""

from __future__ import annotations

from pathlib import Path

import libcst as cst
import numpy as np
import pytest

from legacy2tf2.migrator import engine
from legacy2tf2.migrator.cell_subclass_names import fix_cell_subclass_names
from tests.e2e.helpers import python

#: tf.nn.rnn_cell (before 1.0 or from 1.2) and tf.concat(values, axis) (1.0+): TF 1.2+
TF1_2 = "import tensorflow as tf\ny = tf.concat([a, b], 1)\n"
TF1_0 = "import tensorflow as tf\nfrom tensorflow.contrib.rnn.python.ops import core_rnn_cell\n"


def fix(original: str) -> tuple[str, list[str]]:
    """The rewrite, then the subclass-name fix, as ``--full`` runs them."""
    rewritten = engine.rewrite_source(original.encode()).source.decode()
    new, changes = fix_cell_subclass_names(cst.parse_module(rewritten), cst.parse_module(original))
    return new.code, [code for _line, _col, code, _msg in changes]


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            "class MyGRU(tf.nn.rnn_cell.GRUCell):\n    def __init__(self, n):\n"
            "        super(MyGRU, self).__init__(n)\n",
            "class MyGRU(rnn_cell.GRUCell, scope_named_after_class=True):\n"
            "    def __init__(self, n):\n        super(MyGRU, self).__init__(n)\n",
        ),
        (
            "class WideLSTM(tf.nn.rnn_cell.BasicLSTMCell):\n    @property\n"
            "    def output_size(self):\n        return 2 * self._num_units\n",
            "class WideLSTM(rnn_cell.BasicLSTMCell, scope_named_after_class=True):\n"
            "    @property\n    def output_size(self):\n        return 2 * self._num_units\n",
        ),
    ],
)
def test_tf1_2_subclasses_without_call_are_named_after_their_class(before: str, after: str) -> None:
    new, codes = fix(TF1_2 + before)
    assert new.endswith(after)
    assert codes == ["L2T010"]


@pytest.mark.parametrize(
    "body",
    [
        "class Z(tf.nn.rnn_cell.GRUCell):\n    def call(self, x, h):\n        return x, h\n",
        "class Z(tf.nn.rnn_cell.GRUCell):\n    def build(self, shape):\n        pass\n",
        "class Z(tf.nn.rnn_cell.GRUCell):\n    def __call__(self, x, h, scope=None):\n"
        "        return x, h\n",
        "class Z(tf.nn.rnn_cell.RNNCell):\n    pass\n",
        "class Z(Other):\n    pass\n",
    ],
)
def test_classes_naming_their_own_scope_stay(body: str) -> None:
    new, codes = fix(TF1_2 + body)
    assert "scope_named_after_class" not in new and codes == []


def test_tf1_0_keeps_the_parents_name() -> None:
    new, codes = fix(TF1_0 + "class MyGRU(core_rnn_cell.GRUCell):\n    pass\n")
    assert "scope_named_after_class" not in new and codes == []


def test_a_file_not_telling_1_0_from_1_2_keeps_1_2_and_says_so() -> None:
    # tf.contrib.rnn.GRUCell was TF 1.0's and 1.15's alike: TF 1.2+ kept, as for shared cells
    rewritten = engine.rewrite_source(
        b"import tensorflow as tf\nclass MyGRU(tf.contrib.rnn.GRUCell):\n    pass\n"
    ).source.decode()
    new, changes = fix_cell_subclass_names(
        cst.parse_module(rewritten),
        cst.parse_module(
            "import tensorflow as tf\nclass MyGRU(tf.contrib.rnn.GRUCell):\n    pass\n"
        ),
    )
    assert "class MyGRU(rnn_cell.GRUCell, scope_named_after_class=True):" in new.code
    [(_line, _col, code, message)] = changes
    assert code == "L2T010" and "does not tell its TensorFlow version" in message
    assert "remove scope_named_after_class=True" in message


PROGRAM = """\
import sys

import numpy as np
import tensorflow as tf


class MyGRU(tf.nn.rnn_cell.GRUCell):
    def __init__(self, num_units):
        super(MyGRU, self).__init__(num_units)


x = tf.placeholder(tf.float32, [2, 4, 3])
outputs, state = tf.nn.dynamic_rnn(MyGRU(5), x, dtype=tf.float32)
last = tf.concat([outputs[:, -1], state], 1)
saver = tf.train.Saver()
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    data = np.random.RandomState(1).uniform(-1, 1, (2, 4, 3)).astype(np.float32)
    got = sess.run(last, {x: data})
    saver.save(sess, sys.argv[1] + "/model.ckpt")
    names = [v.name for v in tf.global_variables()]
    np.savez(sys.argv[1] + "/out.npz", data=data, got=got, names=names,
             *[v.eval() for v in tf.global_variables()])
"""


@pytest.mark.heavy
def test_tf1_2_program_saves_tf1_2_names_and_computes_a_gru(tmp_path: Path) -> None:
    program = tmp_path / "model.py"
    program.write_text(PROGRAM)
    done = python("-m", "legacy2tf2", "rewrite", "--full", "model.py", cwd=tmp_path, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "class MyGRU(rnn_cell.GRUCell, scope_named_after_class=True):" in program.read_text()
    done = python("model.py", str(tmp_path), cwd=tmp_path, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    saved = np.load(tmp_path / "out.npz")
    assert list(saved["names"]) == [
        "rnn/my_gru/gates/kernel:0",
        "rnn/my_gru/gates/bias:0",
        "rnn/my_gru/candidate/kernel:0",
        "rnn/my_gru/candidate/bias:0",
    ]
    wg, bg, wc, bc = (saved[f"arr_{i}"] for i in range(4))
    h = np.zeros((2, 5))
    for t in range(4):  # TF1's GRUCell, by hand
        x = saved["data"][:, t]
        gates = 1 / (1 + np.exp(-(np.concatenate([x, h], 1) @ wg + bg)))
        r, u = np.split(gates, 2, axis=1)
        c = np.tanh(np.concatenate([x, r * h], 1) @ wc + bc)
        h = u * h + (1 - u) * c
    np.testing.assert_allclose(saved["got"], np.concatenate([h, h], 1), atol=1e-6)
