"""TF1 names given as a parameter's default value: ``def __init__(self, cell_type=tf.contrib.rnn.GRUCell)``.

Public TF 1.x code passes the cell class as a default (``cell_type=tf.contrib.rnn.BasicLSTMCell``
in stacked-RNN helpers, book code, text-similarity models). A default is read where the ``def``
runs, but the migrator took it for a binding, as it does the parameter's name: ``check`` passed
``def f(lib=tf.contrib)`` (a CI gate passing contrib code), ``rewrite`` left ``cell_type=
tf.contrib.rnn.GRUCell`` with a wrong "no equivalent" report, and a module read only in a
default (``def f(lib=tf)``) lost its import when the rewrite left it otherwise unused.
"""

from __future__ import annotations

from codemod_pairs import assert_pair

from legacy2tf2.migrator.engine import check_source, rewrite_check_source, rewrite_source


def test_a_cell_class_as_a_default_is_rewritten() -> None:
    assert_pair(
        "import tensorflow as tf\n"
        "\n"
        "\n"
        "class Similarity(object):\n"
        "    def __init__(self, cell_type=tf.contrib.rnn.GRUCell, n_layers=3, n_units=100):\n"
        "        self.cells = [cell_type(n_units) for _ in range(n_layers)]\n",
        "from legacy2tf2.runtime import rnn_cell\n"
        "\n"
        "\n"
        "class Similarity(object):\n"
        "    def __init__(self, cell_type=rnn_cell.GRUCell, n_layers=3, n_units=100):\n"
        "        self.cells = [cell_type(n_units) for _ in range(n_layers)]\n",
    )


def test_keyword_only_and_lambda_defaults_are_rewritten() -> None:
    assert_pair(
        "import tensorflow as tf\n"
        "def stack(inputs, *, cell_type=tf.nn.rnn_cell.BasicLSTMCell, size=64):\n"
        "    return cell_type(size)\n"
        "make = lambda n, c=tf.contrib.rnn.LSTMCell: c(n)\n",
        "from legacy2tf2.runtime import rnn_cell\n"
        "def stack(inputs, *, cell_type=rnn_cell.BasicLSTMCell, size=64):\n"
        "    return cell_type(size)\n"
        "make = lambda n, c=rnn_cell.LSTMCell: c(n)\n",
    )


def test_a_module_read_only_in_a_default_keeps_its_import() -> None:
    assert_pair(
        "import tensorflow as tf\n"
        "cell = tf.contrib.rnn.GRUCell(3)\n"
        "def zeros(lib=tf):\n"
        "    return lib.zeros([1])\n",
        "import tensorflow as tf\n"
        "from legacy2tf2.runtime import rnn_cell\n"
        "cell = rnn_cell.GRUCell(3)\n"
        "def zeros(lib=tf):\n"
        "    return lib.zeros([1])\n",
    )


def test_check_reports_contrib_given_as_a_default() -> None:
    source = b"import tensorflow as tf\ndef f(lib=tf.contrib):\n    return lib\n"
    assert [(f.line, f.col, f.code) for f in check_source(source, "m.py")] == [(2, 11, "L2T001")]


def test_rewrite_check_agrees_on_defaults() -> None:
    # the fast `rewrite --check` answers over Python's ast; the differential test also reads
    # every source of this file
    source = (
        b"import tensorflow as tf\n"
        b"def make(cell_fn=tf.contrib.rnn.GRUCell):\n"
        b"    return cell_fn(3)\n"
    )
    full = rewrite_source(source, "m.py")
    assert full.changed
    check = rewrite_check_source(source, "m.py")
    assert (check.changed, check.findings) == (True, full.findings)
