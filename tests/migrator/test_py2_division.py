"""``--full``: Python 2's integer ``/`` where only an int can have worked becomes ``//``."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from legacy2tf2.migrator.full_upgrade import full_upgrade
from legacy2tf2.migrator.py2_division import fix_integer_division
from tests.e2e.helpers import python


def fix(source: str) -> tuple[str, list[str]]:
    new, changes = fix_integer_division(source.encode())
    return new.decode(), [code for _line, _col, code, _msg in changes]


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            "for i in range(len(data) / batch_size):\n    pass\n",
            "for i in range(len(data) // batch_size):\n    pass\n",
        ),
        ("half = x[: len(x) / 2]\n", "half = x[: len(x) // 2]\n"),
        ("b = data[i * n / k : (i + 1) * n / k]\n", "b = data[i * n // k : (i + 1) * n // k]\n"),
        ("r = range(0, n / 2 + 1, 2)\n", "r = range(0, n // 2 + 1, 2)\n"),
        ("t = x[-(n / 2):]\n", "t = x[-(n // 2):]\n"),
    ],
)
def test_divisions_only_an_int_fits_become_floor_divisions(before: str, after: str) -> None:
    new, codes = fix(before)
    assert new == after
    assert set(codes) == {"L2T022"}
    assert fix(new) == (new, [])


@pytest.mark.parametrize(
    "source",
    [
        "n = len(data) / batch_size\n",  # a float on Python 2 if either operand was
        "y = x[n / 2]\n",  # an index: a dict accepts float keys
        "r = range(int(n / 2.0))\n",  # int() of a float division
        "s = x[: int(len(x) * 0.8)]\n",
        "r = np.arange(n / 2)\n",
        "from __future__ import division\nr = range(n / 2)\n",
        "def range(n):\n    return n\nr = range(n / 2)\n",  # not the builtin
    ],
)
def test_other_divisions_stay(source: str) -> None:
    assert fix(source) == (source, [])


def test_only_python_2_files_are_changed() -> None:
    py2 = "for i in xrange(len(data) / 4):\n    print i\n"
    py3 = "for i in range(len(data) / 4):\n    print(i)\n"
    assert "range(len(data) // 4)" in full_upgrade(py2.encode()).source.decode()
    assert full_upgrade(py3.encode()).source.decode() == py3


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            "n_batches = len(data) / batch_size\nfor i in range(n_batches):\n    pass\n",
            "n_batches = len(data) // batch_size\nfor i in range(n_batches):\n    pass\n",
        ),
        (
            "def split(x):\n    half = len(x) / 2\n    return x[:half], x[half:]\n",
            "def split(x):\n    half = len(x) // 2\n    return x[:half], x[half:]\n",
        ),
        # the batcher idiom (cdg720/bilstm-tagging reader.tensorize): one more batch for the
        # rest; n += 1 (-=, *=) keeps a float a float, so range(num) read an int on Python 2
        (
            "def tensorize(data, batch_size):\n"
            "    num = len(data) / batch_size\n"
            "    if len(data) % batch_size != 0:\n"
            "        num += 1\n"
            "    return [data[i * batch_size] for i in range(num)]\n",
            "def tensorize(data, batch_size):\n"
            "    num = len(data) // batch_size\n"
            "    if len(data) % batch_size != 0:\n"
            "        num += 1\n"
            "    return [data[i * batch_size] for i in range(num)]\n",
        ),
        (
            "n = len(x) / 4\nn -= 1\nn *= 2\ny = x[:n]\n",
            "n = len(x) // 4\nn -= 1\nn *= 2\ny = x[:n]\n",
        ),
        (
            "class Loader:\n"
            "    def __init__(self, tensor, batch_size, seq_length):\n"
            "        self.num_batches = tensor.size / (batch_size * seq_length)\n"
            "        tensor = tensor[: self.num_batches * batch_size * seq_length]\n",
            "class Loader:\n"
            "    def __init__(self, tensor, batch_size, seq_length):\n"
            "        self.num_batches = tensor.size // (batch_size * seq_length)\n"
            "        tensor = tensor[: self.num_batches * batch_size * seq_length]\n",
        ),
        (
            "class Loader:\n"
            "    def reset(self, data, batch_size):\n"
            "        self.num_batches = len(data) / batch_size\n"
            "\n"
            "\n"
            "def train(loader):\n"
            "    for b in range(loader.num_batches):\n"
            "        pass\n",
            "class Loader:\n"
            "    def reset(self, data, batch_size):\n"
            "        self.num_batches = len(data) // batch_size\n"
            "\n"
            "\n"
            "def train(loader):\n"
            "    for b in range(loader.num_batches):\n"
            "        pass\n",
        ),
    ],
)
def test_a_division_assigned_to_what_an_int_only_place_reads_becomes_floor(
    before: str, after: str
) -> None:
    new, codes = fix(before)
    assert new == after
    assert codes == ["L2T022"]
    assert fix(new) == (new, [])


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            # a public Python 2 sentiment trainer's loop bound, two names away from the division
            "num_batches = len(data) / FLAGS.batch_size\n"
            "tot_steps = num_batches * FLAGS.max_epoch\n"
            "for step in range(1, tot_steps):\n"
            "    pass\n",
            "num_batches = len(data) // FLAGS.batch_size\n"
            "tot_steps = num_batches * FLAGS.max_epoch\n"
            "for step in range(1, tot_steps):\n"
            "    pass\n",
        ),
        (
            "from six.moves import xrange\n"
            "n = len(data) / size\n"
            "for i in xrange(n * 2):\n"
            "    pass\n",
            "from six.moves import xrange\n"
            "n = len(data) // size\n"
            "for i in xrange(n * 2):\n"
            "    pass\n",
        ),
        (
            "half = n / 2\nn_steps = half\nx = seq[: -n_steps]\n",
            "half = n // 2\nn_steps = half\nx = seq[: -n_steps]\n",
        ),
        (
            "class Loader:\n"
            "    def reset(self, data, size):\n"
            "        self.per_epoch = len(data) / size\n"
            "        self.total = self.per_epoch * 3 + 1\n"
            "        return range(self.total)\n",
            "class Loader:\n"
            "    def reset(self, data, size):\n"
            "        self.per_epoch = len(data) // size\n"
            "        self.total = self.per_epoch * 3 + 1\n"
            "        return range(self.total)\n",
        ),
    ],
)
def test_a_division_an_int_value_reads_through_names_becomes_floor(before: str, after: str) -> None:
    # an int value's arithmetic had only int operands in Python 2 (int * float is a float)
    new, codes = fix(before)
    assert new == after
    assert codes == ["L2T022"]
    assert fix(new) == (new, [])


@pytest.mark.parametrize(
    "source",
    [
        # the division is not the operand's arithmetic, or the operand is assigned twice
        "n = f(len(data) / k)\nt = n * 2\nr = range(t)\n",
        "n = len(data) / k\nn = 3\nt = n * 2\nr = range(t)\n",
        "n = len(data) / k\nt = int(n) * 2\nr = range(t)\n",
    ],
)
def test_a_division_behind_a_call_or_a_second_binding_stays(source: str) -> None:
    assert fix(source) == (source, [])


@pytest.mark.parametrize(
    "source",
    [
        # the name has another binding: which value the read sees is not told
        "k = len(data) / step\nk = 0\nfor j in range(k):\n    pass\n",
        "k = len(data) / step\nfor k in ks:\n    pass\nr = range(k)\n",
        # an augmented assignment that can make a float an int (n /= 2 of ints: floor again)
        "k = len(data) / step\nk /= 2\nfor j in range(k):\n    pass\n",
        "k = len(data) / step\nk //= 2\nfor j in range(k):\n    pass\n",
        # the attribute is assigned twice in the file, or augmented
        "class A:\n    def a(self):\n        self.n = len(x) / step\n    def b(self):\n"
        "        self.n = 1.5\n        r = range(self.n)\n",
        "class A:\n    def a(self):\n        self.n = len(x) / step\n        self.n += 1\n"
        "        r = range(self.n)\n",
        # never read where only an int fits, or the division is not the value's arithmetic
        "ratio = len(data) / step\nprint(x[ratio])\n",
        "n = int(len(data) / step)\nr = range(n)\n",
        "n = f(len(data) / step)\nr = range(n)\n",
    ],
)
def test_a_division_whose_value_may_reach_no_int_only_place_stays(source: str) -> None:
    assert fix(source) == (source, [])


@pytest.mark.parametrize(
    ("before", "after"),
    [
        # TF 0.5's variable-length LSTM example: a NumPy index NumPy 2 refuses as a float
        (
            "n_steps = 200\nseq_input_data[n_steps/2, :, :] = -1.\n",
            "n_steps = 200\nseq_input_data[n_steps//2, :, :] = -1.\n",
        ),
        ("half = len(words) / 2\n", "half = len(words) // 2\n"),
        ("k = -int(s) / (3 * 2)\n", "k = -int(s) // (3 * 2)\n"),
        ("def f():\n    m = 7\n    return m / 2\n", "def f():\n    m = 7\n    return m // 2\n"),
    ],
)
def test_a_division_of_two_certain_ints_becomes_floor(before: str, after: str) -> None:
    new, codes = fix(before)
    assert new == after
    assert set(codes) == {"L2T022"}
    assert fix(new) == (new, [])


@pytest.mark.parametrize(
    "source",
    [
        "n = 200\nb = n / 3.0\n",  # a float operand
        "n = 200\nn = 2.5\nc = n / 2\n",  # two assignments: which one is read is not told
        "def f(n):\n    return n / 2\n",  # a parameter
        "a, b = 4, 2\nc = a / b\n",  # unpacked: not followed
        "c = len(x) / float(n)\n",
        "c = total / len(x)\n",
    ],
)
def test_a_division_of_operands_not_certainly_ints_stays(source: str) -> None:
    assert fix(source) == (source, [])


_CELL_HEAD = "from legacy2tf2.runtime import rnn_cell\n"


@pytest.mark.parametrize(
    ("before", "after"),
    [
        # a bidirectional tagger's two halves (Python 2, contrib spelling before the rewrite)
        (
            "import tensorflow as tf\nfw = tf.contrib.rnn.BasicLSTMCell(HIDDEN / 2, forget_bias=0.0)\n",
            "import tensorflow as tf\nfw = tf.contrib.rnn.BasicLSTMCell(HIDDEN // 2, forget_bias=0.0)\n",
        ),
        (
            _CELL_HEAD + "cell = rnn_cell.GRUCell(self.size / 2)\n",
            _CELL_HEAD + "cell = rnn_cell.GRUCell(self.size // 2)\n",
        ),
        (
            _CELL_HEAD + "cell = rnn_cell.LSTMCell(num_units=hidden / 2 + 1, use_peepholes=True)\n",
            _CELL_HEAD
            + "cell = rnn_cell.LSTMCell(num_units=hidden // 2 + 1, use_peepholes=True)\n",
        ),
        (
            _CELL_HEAD + "cell = rnn_cell.GRUCell.tf0(n / 2, input_size)\n",
            _CELL_HEAD + "cell = rnn_cell.GRUCell.tf0(n // 2, input_size)\n",
        ),
        # DeepFix: the encoder's two directions get half the decoder's units through a method
        (
            _CELL_HEAD + "class model:\n"
            "    def _new_RNN_cell(self, memory_dim):\n"
            "        if self.rnn_cell == 'LSTM':\n"
            "            return rnn_cell.BasicLSTMCell(memory_dim)\n"
            "        return rnn_cell.GRUCell(memory_dim)\n"
            "    def __init__(self, memory_dim):\n"
            "        self.memory_dim = memory_dim\n"
            "        self.fw = self._new_RNN_cell(self.memory_dim/2)\n"
            "        self.out = self._new_RNN_cell(memory_dim=self.memory_dim)\n",
            _CELL_HEAD + "class model:\n"
            "    def _new_RNN_cell(self, memory_dim):\n"
            "        if self.rnn_cell == 'LSTM':\n"
            "            return rnn_cell.BasicLSTMCell(memory_dim)\n"
            "        return rnn_cell.GRUCell(memory_dim)\n"
            "    def __init__(self, memory_dim):\n"
            "        self.memory_dim = memory_dim\n"
            "        self.fw = self._new_RNN_cell(self.memory_dim//2)\n"
            "        self.out = self._new_RNN_cell(memory_dim=self.memory_dim)\n",
        ),
        # the same flow into a range() argument (Python 2's range refused floats too)
        (
            "class Loader:\n    def batches(self, n):\n        for i in range(n):\n"
            "            yield i\n    def run(self):\n"
            "        return list(self.batches(self.total / self.size))\n",
            "class Loader:\n    def batches(self, n):\n        for i in range(n):\n"
            "            yield i\n    def run(self):\n"
            "        return list(self.batches(self.total // self.size))\n",
        ),
        (
            _CELL_HEAD + "def make(kind, n):\n    return rnn_cell.GRUCell(n)\n"
            "cells = [make('gru', size / 2), make('gru', n=size / 4)]\n",
            _CELL_HEAD + "def make(kind, n):\n    return rnn_cell.GRUCell(n)\n"
            "cells = [make('gru', size // 2), make('gru', n=size // 4)]\n",
        ),
    ],
)
def test_a_division_a_tf1_cell_takes_as_its_units_becomes_floor(before: str, after: str) -> None:
    new, codes = fix(before)
    assert new == after
    assert set(codes) == {"L2T022"}
    assert fix(new) == (new, [])


@pytest.mark.parametrize(
    "source",
    [
        _CELL_HEAD + "cell = rnn_cell.LSTMCell(n, x / 2)\n",  # not the units
        _CELL_HEAD + "cell = rnn_cell.DropoutWrapper(c, keep / 2)\n",  # not a cell's units
        "class GRUCell:\n    pass\n\nc = GRUCell(n / 2)\n",  # the program's own class
        # the parameter is read elsewhere too: not only where an int fits
        _CELL_HEAD
        + "def make(n):\n    s = n * 0.5\n    return rnn_cell.GRUCell(n)\nc = make(d / 2)\n",
        # another object's method, a staticmethod, positions after *args
        _CELL_HEAD + "class M:\n    def cell(self, n):\n        return rnn_cell.GRUCell(n)\n"
        "    def build(self, other):\n        return other.cell(self.d / 2)\n",
        _CELL_HEAD
        + "class M:\n    @staticmethod\n    def cell(n):\n        return rnn_cell.GRUCell(n)\n"
        "    def build(self):\n        return self.cell(self.d / 2)\n",
        _CELL_HEAD + "def make(n, m):\n    return rnn_cell.GRUCell(m)\nc = make(*a, d / 2)\n",
        "from __future__ import division\n" + _CELL_HEAD + "cell = rnn_cell.GRUCell(n / 2)\n",
    ],
)
def test_a_division_a_cell_may_not_take_as_its_units_stays(source: str) -> None:
    assert fix(source) == (source, [])


BIDIRECTIONAL_PY2 = """\
import sys

import numpy as np
import tensorflow as tf


class model:
    def _new_RNN_cell(self, memory_dim):
        return tf.nn.rnn_cell.GRUCell(memory_dim)

    def __init__(self, memory_dim):
        self.memory_dim = memory_dim
        self.x = [tf.placeholder(tf.float32, [2, 3]) for _ in range(2)]
        fw = self._new_RNN_cell(self.memory_dim/2)
        bw = self._new_RNN_cell(self.memory_dim/2)
        outputs, _, _ = tf.nn.bidirectional_rnn(fw, bw, self.x, dtype=tf.float32)
        self.outputs = outputs


m = model(8)
with tf.Session() as sess:
    sess.run(tf.initialize_all_variables())
    data = np.random.RandomState(1).uniform(-1, 1, (2, 2, 3)).astype(np.float32)
    got = sess.run(m.outputs, dict(zip(m.x, data)))
    print "outputs", np.shape(got)
    np.savez(sys.argv[1], data=data, got=got, *[v.eval() for v in tf.trainable_variables()])
"""


def _gru(xs: np.ndarray, weights: list[np.ndarray]) -> list[np.ndarray]:
    """TF1's GRUCell over ``xs`` from a zero state, by hand."""
    h, out = np.zeros((xs.shape[1], weights[2].shape[1])), []
    for x in xs:
        gates = 1 / (1 + np.exp(-(np.concatenate([x, h], 1) @ weights[0] + weights[1])))
        r, u = np.split(gates, 2, axis=1)
        c = np.tanh(np.concatenate([x, r * h], 1) @ weights[2] + weights[3])
        h = u * h + (1 - u) * c
        out.append(h)
    return out


@pytest.mark.heavy
def test_python2_program_halving_its_units_through_a_method_runs(tmp_path: Path) -> None:
    program = tmp_path / "model.py"
    program.write_text(BIDIRECTIONAL_PY2)
    done = python("-m", "legacy2tf2", "rewrite", "--full", "model.py", cwd=tmp_path, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "self._new_RNN_cell(self.memory_dim//2)" in program.read_text()
    done = python("model.py", str(tmp_path / "out.npz"), cwd=tmp_path, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]  # was: num_units must be an integer, 4.0
    assert done.stdout == "outputs (2, 2, 8)\n"
    saved = np.load(tmp_path / "out.npz")
    weights = [saved[f"arr_{i}"] for i in range(8)]
    forward = _gru(saved["data"], weights[:4])
    backward = _gru(saved["data"][::-1], weights[4:])[::-1]
    want = [np.concatenate([f, b], 1) for f, b in zip(forward, backward, strict=True)]
    np.testing.assert_allclose(saved["got"], want, atol=1e-6)
