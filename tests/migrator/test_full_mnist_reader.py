"""--full: TF1's tutorial MNIST reader (``from tensorflow.examples.tutorials.mnist import
input_data``, or ``tensorflow.contrib.learn``'s ``datasets.mnist``) read only for its names is
imported from ``legacy2tf2.runtime.mnist_input_data`` (of the file's TF version).

Row-by-row MNIST RNN classifiers (``BasicLSTMCell`` + ``static_rnn``, ``mnist.train.next_batch``)
of every TF1 release stopped at that import (L2T006, L2T021).
"""

from __future__ import annotations

import gzip
import struct
from pathlib import Path

import numpy as np
import pytest

from legacy2tf2.migrator.mnist_reader import fix_mnist_attributes, fix_mnist_reader
from tests.e2e.helpers import python

LATEST = "from legacy2tf2.runtime import mnist_input_data as input_data\n"
IMPORT = "from tensorflow.examples.tutorials.mnist import input_data\n"
READ = 'mnist = input_data.read_data_sets("MNIST_data/", one_hot=True)\n'


def fix(source: str) -> tuple[str, list[str]]:
    new, changes = fix_mnist_reader(source.encode(), source.encode())
    return new.decode(), [code for _line, _col, code, _msg in changes]


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            "import tensorflow as tf\n" + IMPORT + READ + "x, y = mnist.train.next_batch(128)\n",
            "import tensorflow as tf\n" + LATEST + READ + "x, y = mnist.train.next_batch(128)\n",
        ),
        (
            "import tensorflow.examples.tutorials.mnist.input_data as input_data\n" + READ,
            LATEST + READ,
        ),
        (
            "from tensorflow.examples.tutorials.mnist import input_data as data  # MNIST\n"
            "d = data.read_data_sets('/tmp/data', one_hot=False)\n",
            "from legacy2tf2.runtime import mnist_input_data as data  # MNIST\n"
            "d = data.read_data_sets('/tmp/data', one_hot=False)\n",
        ),
        (
            "from tensorflow.contrib.learn.python.learn.datasets import mnist\n"
            "data = mnist.read_data_sets('MNIST_data', one_hot=True)\n",
            "from legacy2tf2.runtime import mnist_input_data as mnist\n"
            "data = mnist.read_data_sets('MNIST_data', one_hot=True)\n",
        ),
        (
            "from tensorflow.examples.tutorials.mnist.input_data import read_data_sets\n"
            "data = read_data_sets('MNIST_data', one_hot=True)\n",
            "from legacy2tf2.runtime.mnist_input_data import read_data_sets\n"
            "data = read_data_sets('MNIST_data', one_hot=True)\n",
        ),
        (
            # easy-tensorflow's notebooks import it inside their load_data()
            "def load_data(mode='train'):\n"
            "    from tensorflow.examples.tutorials.mnist import input_data\n"
            "    mnist = input_data.read_data_sets('MNIST_data/', one_hot=True)\n"
            "    return mnist.train.images\n",
            "def load_data(mode='train'):\n"
            "    from legacy2tf2.runtime import mnist_input_data as input_data\n"
            "    mnist = input_data.read_data_sets('MNIST_data/', one_hot=True)\n"
            "    return mnist.train.images\n",
        ),
        (
            "def load():\n"
            "    from tensorflow.examples.tutorials.mnist.input_data import read_data_sets\n"
            "    return read_data_sets('d')\n",
            "def load():\n"
            "    from legacy2tf2.runtime.mnist_input_data import read_data_sets\n"
            "    return read_data_sets('d')\n",
        ),
        (
            # a notebook importing it again in a later cell
            IMPORT
            + READ
            + "import numpy as np\n"
            + IMPORT
            + "m = input_data.read_data_sets('d')\n",
            LATEST
            + READ
            + "import numpy as np\n"
            + LATEST
            + "m = input_data.read_data_sets('d')\n",
        ),
        (
            "from tensorflow.contrib.learn.python.learn.datasets.mnist import read_data_sets as r, "
            "DataSet\n",
            "from legacy2tf2.runtime.mnist_input_data import read_data_sets as r, DataSet\n",
        ),
    ],
)
def test_a_file_of_unknown_version_gets_tf1_2s_reader_and_a_note(before: str, after: str) -> None:
    codes = fix(before)[1]
    assert fix(before) == (after, ["L2T010", "L2T027"] * (len(codes) // 2))
    assert fix(after) == (after, [])


@pytest.mark.parametrize(
    ("evidence", "module", "codes"),
    [
        # TF 0.x (tf.nn.seq2seq) and TF 1.0 (core_rnn_cell_impl): first epoch in file order
        ("seq = tf.nn.seq2seq.basic_rnn_seq2seq\n", "mnist_input_data_tf1_0", ["L2T010"]),
        ("assert tf.__version__ == '1.0.1'\n", "mnist_input_data_tf1_0", ["L2T010"]),
        ("assert tf.__version__ == '1.1.0'\n", "mnist_input_data_tf1_1", ["L2T010"]),
        (
            "cell = tf.nn.rnn_cell.GRUCell(8)\nout = tf.nn.static_rnn\n",
            "mnist_input_data",
            ["L2T010"],
        ),
        # TF 1.1 or 1.2+: a seed anywhere in the program makes them differ
        ("e = tf.estimator.Estimator\n", "mnist_input_data", ["L2T010", "L2T027"]),
        # TF 1.0, 1.1 or 1.2+
        ("cell = tf.contrib.rnn.BasicLSTMCell(8)\n", "mnist_input_data", ["L2T010", "L2T027"]),
        # TF 0.x or 1.2+ (tf.nn.rnn_cell): only the weak initialize_all_variables says TF 0.x
        (
            "cell = tf.nn.rnn_cell.GRUCell(8)\ninit = tf.initialize_all_variables()\n",
            "mnist_input_data_tf1_0",
            ["L2T010", "L2T027"],
        ),
    ],
)
def test_the_files_version_picks_the_readers_batches(
    evidence: str, module: str, codes: list[str]
) -> None:
    source = "import tensorflow as tf\n" + IMPORT + evidence + READ
    expected = (
        "import tensorflow as tf\n"
        f"from legacy2tf2.runtime import {module} as input_data\n" + evidence + READ
    )
    assert fix(source) == (expected, codes)


@pytest.mark.parametrize(
    "source",
    [
        IMPORT + "use(input_data)\n",  # the module passed on
        IMPORT + "input_data.SOURCE_URL\n",  # a name the runtime does not give
        IMPORT + "input_data.read_data_sets = load\n",
        IMPORT + "def f(input_data):\n    return input_data.read_data_sets(p)\n",
        IMPORT + READ + "import input_data\n",  # bound again to another module
        "if x:\n    " + IMPORT + READ,  # in a module-level block
        "def f():\n    " + IMPORT + "    use(input_data)\n",  # in a function, passed on
        "def f(input_data=None):\n    " + IMPORT + "    return input_data.read_data_sets(p)\n",
        "from tensorflow.examples.tutorials.mnist import mnist\n",  # the tutorial's model
        "from tensorflow.examples.tutorials.mnist.input_data import read_data_sets, urllib\n",
        "import tensorflow.examples.tutorials.mnist.input_data\n",
    ],
)
def test_other_uses_keep_the_import(source: str) -> None:
    assert fix(source) == (source, [])


def fix_attributes(source: str) -> tuple[str, list[str]]:
    new, changes = fix_mnist_attributes(source.encode(), source.encode())
    return new.decode(), [code for _line, _col, code, _msg in changes]


@pytest.mark.parametrize(
    ("before", "after", "codes"),
    [
        (
            "import tensorflow as tf\n"
            "mnist = tf.contrib.learn.datasets.mnist.read_data_sets('MNIST_data', one_hot=True)\n",
            "import tensorflow as tf\n"
            "from legacy2tf2.runtime import mnist_input_data\n\n"
            "mnist = mnist_input_data.read_data_sets('MNIST_data', one_hot=True)\n",
            ["L2T010", "L2T027"],
        ),
        (
            # TF1's load_dataset("mnist") was mnist.load_mnist(): read_data_sets("MNIST-data")
            "import tensorflow as tf\n"
            "cell = tf.nn.rnn_cell.GRUCell(8)\n"
            "out = tf.nn.static_rnn\n"
            'mnist = tf.contrib.learn.datasets.load_dataset("mnist")\n',
            "import tensorflow as tf\n"
            "from legacy2tf2.runtime import mnist_input_data\n\n"
            "cell = tf.nn.rnn_cell.GRUCell(8)\n"
            "out = tf.nn.static_rnn\n"
            "mnist = mnist_input_data.load_mnist()\n",
            ["L2T010"],
        ),
        (
            "import tensorflow as tf\n"
            "assert tf.__version__ == '1.0.0'\n"
            "from tensorflow.contrib import learn\n"
            "d = learn.datasets.mnist.read_data_sets('/tmp/mnist')\n",
            "import tensorflow as tf\n"
            "from legacy2tf2.runtime import mnist_input_data_tf1_0\n\n"
            "assert tf.__version__ == '1.0.0'\n"
            "from tensorflow.contrib import learn\n"
            "d = mnist_input_data_tf1_0.read_data_sets('/tmp/mnist')\n",
            ["L2T010"],
        ),
    ],
)
def test_the_contrib_learn_reader_comes_from_the_runtime(
    before: str, after: str, codes: list[str]
) -> None:
    assert fix_attributes(before) == (after, codes)


@pytest.mark.parametrize(
    "source",
    [
        "import tensorflow as tf\nd = tf.contrib.learn.datasets.load_dataset('iris')\n",
        "import tensorflow as tf\nd = tf.contrib.learn.datasets.load_dataset(name)\n",
        "import tensorflow as tf\nd = tf.contrib.learn.datasets.mnist.SOURCE_URL\n",
    ],
)
def test_other_contrib_learn_datasets_are_left(source: str) -> None:
    assert fix_attributes(source) == (source, [])


N_TRAIN, N_TEST = 5020, 10


def _write_mnist(directory: Path) -> np.ndarray:
    """Training image k's first two pixels are k // 256 and k % 256 (the rest k * 3 % 256),
    labels k % 10; returns the training pixels."""
    directory.mkdir()
    pixels = {}
    for name, count in (("train", N_TRAIN), ("t10k", N_TEST)):
        k = np.arange(count)
        images = np.repeat((k * 3 % 256)[:, None], 784, axis=1)
        images[:, 0], images[:, 1] = k // 256, k % 256
        pixels[name] = images.astype(np.uint8)
        header = struct.pack(">IIII", 2051, count, 28, 28)
        (directory / f"{name}-images-idx3-ubyte.gz").write_bytes(
            gzip.compress(header + pixels[name].tobytes())
        )
        labels = struct.pack(">II", 2049, count) + bytes((k % 10).astype(np.uint8))
        (directory / f"{name}-labels-idx1-ubyte.gz").write_bytes(gzip.compress(labels))
    return pixels["train"]


PROGRAM = """\
import numpy as np
import tensorflow as tf
from tensorflow.examples.tutorials.mnist import input_data

tf.set_random_seed(1)
mnist = input_data.read_data_sets("MNIST_data/", one_hot=True)
x = tf.placeholder("float", [None, 28, 28])
y = tf.placeholder("float", [None, 10])
cell = tf.nn.rnn_cell.BasicLSTMCell(8, forget_bias=1.0)
outputs, states = tf.nn.static_rnn(cell, tf.unstack(x, 28, 1), dtype=tf.float32)
w = tf.Variable(tf.random_normal([8, 10]))
b = tf.Variable(tf.random_normal([10]))
logits = tf.matmul(outputs[-1], w) + b
loss = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(logits=logits, labels=y))
train_op = tf.train.GradientDescentOptimizer(0.5).minimize(loss)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    batches = []
    for step in range(2):
        batch_x, batch_y = mnist.train.next_batch(16)
        batch_x = batch_x.reshape((16, 28, 28))
        if step == 0:
            first = sess.run([logits] + tf.trainable_variables(), {x: batch_x})
        sess.run(train_op, feed_dict={x: batch_x, y: batch_y})
        batches.append((batch_x, batch_y))
np.savez("out.npz", x0=batches[0][0], y0=batches[0][1], x1=batches[1][0], logits=first[0],
         kernel=first[1], bias=first[2], w=first[3], b=first[4])
"""


def _lstm_logits(xs: np.ndarray, kernel, bias, w, b) -> np.ndarray:
    """TF1's BasicLSTMCell (gates i, j, f, o; forget bias 1) over the rows, then the layer."""

    def sigmoid(v: np.ndarray) -> np.ndarray:
        return 1 / (1 + np.exp(-v))

    h = c = np.zeros((xs.shape[0], 8))
    for t in range(28):
        i, j, f, o = np.split(np.concatenate([xs[:, t], h], 1) @ kernel + bias, 4, axis=1)
        c = c * sigmoid(f + 1.0) + sigmoid(i) * np.tanh(j)
        h = np.tanh(c) * sigmoid(o)
    return h @ w + b


@pytest.mark.heavy
def test_a_mnist_lstm_program_reads_and_batches_as_tf1_2_did(tmp_path: Path) -> None:
    train = _write_mnist(tmp_path / "MNIST_data")
    (tmp_path / "rnn.py").write_text(PROGRAM)
    done = python("-m", "legacy2tf2", "rewrite", "--full", "rnn.py", cwd=tmp_path, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "L2T006" not in done.stderr and "L2T021" not in done.stderr
    assert "L2T027" not in done.stderr  # tf.nn.static_rnn: TF 1.2+
    done = python("rnn.py", cwd=tmp_path, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    out = np.load(tmp_path / "out.npz")
    # by hand: TF 1.2+ seeds NumPy with the graph seed 1 (three times), then shuffles the 20
    # training examples after the 5000 validation ones before the first batch
    rng = np.random.RandomState(1)
    order = np.arange(N_TRAIN - 5000)
    rng.shuffle(order)
    epoch1 = order + 5000
    scaled = train.astype(np.float32) * np.float32(1.0 / 255.0)
    np.testing.assert_array_equal(out["x0"].reshape(16, 784), scaled[epoch1[:16]])
    np.testing.assert_array_equal(out["y0"].argmax(1), epoch1[:16] % 10)
    # 16 + 16 > 20: the epoch's last 4, then the next epoch's shuffle and its first 12
    second = np.arange(20)
    rng.shuffle(second)
    expected1 = np.concatenate([epoch1[16:], epoch1[second][:12]])
    np.testing.assert_array_equal(out["x1"].reshape(16, 784), scaled[expected1])
    logits = _lstm_logits(
        out["x0"].astype(np.float64), out["kernel"], out["bias"], out["w"], out["b"]
    )
    np.testing.assert_allclose(out["logits"], logits, atol=1e-5)


@pytest.mark.heavy
def test_a_programs_other_file_tells_the_readers_version(tmp_path: Path) -> None:
    (tmp_path / "model.py").write_text(
        "import tensorflow as tf\ndef loss():\n    return tf.nn.seq2seq.sequence_loss\n"
    )
    (tmp_path / "train.py").write_text("import model\n" + IMPORT + READ)
    done = python("-m", "legacy2tf2", "rewrite", "--full", ".", cwd=tmp_path, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "L2T027" not in done.stderr  # model.py's tf.nn.seq2seq: TF 0.x
    train = (tmp_path / "train.py").read_text()
    assert "from legacy2tf2.runtime import mnist_input_data_tf1_0 as input_data\n" in train
