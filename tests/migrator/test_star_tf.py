"""``tf`` bound only by ``from utils import *``: the TF1 code read through it is reported (L2T003)
by ``check``, ``rewrite`` (also ``--check``) and ``rewrite --full``, which passed such a file before
(nothing resolved to TensorFlow)."""

from __future__ import annotations

import pytest

from legacy2tf2.migrator.engine import (
    _check_source_whole,
    _rewrite_source_whole,
    check_source,
    rewrite_check_source,
    rewrite_source,
)
from legacy2tf2.migrator.full_upgrade import full_upgrade

# The shape of a real text classifier (Rnn_Net): its utils.py imports tensorflow as tf and the
# model file takes everything from it.
SOURCE = (
    "from utils import *\n"
    "\n"
    "\n"
    "class Rnn_Net(object):\n"
    "    def _build_net(self):\n"
    "        regularizer = tf.contrib.layers.l2_regularizer(scale=0.001)\n"
    "        stack = tf.nn.rnn_cell.MultiRNNCell(\n"
    "            [self._get_lstm_cell(8) for _ in range(2)], state_is_tuple=True)\n"
    "        outputs, _ = tf.nn.dynamic_rnn(cell=stack, inputs=x, dtype=tf.float32)\n"
    "\n"
    "    @staticmethod\n"
    "    def _get_lstm_cell(num_units):\n"
    "        return tf.nn.rnn_cell.LSTMCell(num_units, state_is_tuple=True)\n"
)


def test_check_reports_tf1_code_read_through_a_star_imported_tf() -> None:
    findings = check_source(SOURCE.encode(), "model.py")
    assert [(f.line, f.col, f.code) for f in findings] == [
        (6, 23, "L2T003"),
        (7, 17, "L2T003"),
        (13, 16, "L2T003"),
    ]
    first = findings[0].message
    assert first.startswith("`tf.contrib.layers.l2_regularizer`: `tf` is bound here only by ")
    assert "`from utils import *`" in first and "tf.contrib is gone" in first
    assert "import tensorflow as tf in this file" in first
    assert "TF1 cell `LSTMCell`" in findings[2].message
    assert _check_source_whole(SOURCE.encode(), "model.py") == findings


@pytest.mark.parametrize(
    "source",
    [
        "import tensorflow as tf\nfrom utils import *\ncell = tf.nn.rnn_cell.GRUCell(4)\n",
        "from utils import *\nimport tensorflow.compat.v1 as tf\nx = tf.contrib.layers\n",
        "from utils import *\ndef f(tf):\n    return tf.contrib.layers\n",
        "from utils import tf\ncell = tf.nn.rnn_cell.GRUCell(4)\n",  # resolved elsewhere
        "from tensorflow.contrib.rnn import *\ncell = tf.nn.rnn_cell.GRUCell(4)\n",
        "from utils import *\ncell = tf.nn.rnn_cell_fused.GRU(4)\nx = np.contrib\n",
    ],
)
def test_tf_bound_in_the_file_or_no_foreign_star_import_adds_nothing(source: str) -> None:
    assert not [
        f for f in check_source(source.encode(), "m.py") if "bound here only by" in f.message
    ]


def test_rewrite_full_reports_it_too() -> None:
    result = full_upgrade(SOURCE.encode(), "model.py")
    reported = [(f.line, f.code) for f in result.findings if "bound here only by" in f.message]
    assert reported == [(6, "L2T003"), (7, "L2T003"), (13, "L2T003")]


def test_plain_rewrite_and_rewrite_check_report_it_as_check_does() -> None:
    # plain rewrite left the file as it was and exited 0: the cells through `tf` stayed TF1's
    expected = check_source(SOURCE.encode(), "model.py")
    for rewrite in (rewrite_source, rewrite_check_source, _rewrite_source_whole):
        result = rewrite(SOURCE.encode(), "model.py")
        assert not result.changed
        assert result.findings == expected


def test_rewrite_reports_it_beside_what_it_converts() -> None:
    # what the file's own import binds is converted; only the star-bound `tf` chain is reported
    source = (
        "from utils import *\n"
        "import tensorflow as tf1\n"
        "cell = tf1.nn.rnn_cell.GRUCell(4)\n"
        "other = tf.nn.rnn_cell.GRUCell(4)\n"
    )
    result = rewrite_source(source.encode(), "m.py")
    assert result.source == (
        b"from utils import *\n"
        b"from legacy2tf2.runtime import rnn_cell\n"
        b"cell = rnn_cell.GRUCell(4)\n"
        b"other = tf.nn.rnn_cell.GRUCell(4)\n"
    )
    assert [(f.line, f.col, f.code) for f in result.findings] == [(4, 9, "L2T003")]
    assert rewrite_check_source(source.encode(), "m.py").findings == result.findings


def test_cli_rewrite_exits_1_with_the_findings(tmp_path) -> None:
    from click.testing import CliRunner

    from legacy2tf2.cli import main

    (tmp_path / "utils.py").write_text("import tensorflow as tf\n")
    (tmp_path / "model.py").write_text(SOURCE)
    for args in (["rewrite", str(tmp_path)], ["rewrite", "--check", str(tmp_path)]):
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 1, result.output
        assert result.output.count("bound here only by `from utils import *`") == 3
    assert (tmp_path / "model.py").read_text() == SOURCE
