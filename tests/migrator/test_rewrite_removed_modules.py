"""Modules TensorFlow removed before TF 2 that are not legacy_seq2seq: reported (L2T006), never
rewritten, with what to do. ``rewrite`` exits 1 on them, so a program that would die with
``ModuleNotFoundError`` never passes for migrated."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from codemod_pairs import assert_noop, assert_pair

from legacy2tf2.migrator.engine import check_source, rewrite_source

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    "source",
    [
        "from tensorflow.models.rnn.translate import data_utils\n",
        "from tensorflow.models.rnn.translate import seq2seq_model\n",
        "import tensorflow.models.rnn.translate.data_utils as data_utils\n",
        "from tensorflow.models.rnn.translate.seq2seq_model import Seq2SeqModel\n",
    ],
)
def test_translate_tutorial_files_say_copy_the_tutorial_file(source: str) -> None:
    result = assert_noop(source + "\nx = 1\n", codes=("L2T006",))
    message = result.findings[0].message
    assert "copy the tutorial file into your project" in message
    assert "removed from TensorFlow 1.0" in message
    assert "run legacy2tf2 on it" in message
    assert [f.code for f in check_source((source + "\nx = 1\n").encode())] == ["L2T006"]


@pytest.mark.parametrize(
    ("source", "advice"),
    [
        ("from tensorflow.models.rnn.ptb import reader\n", "PTB language-model tutorial"),
        ("from tensorflow.models.embedding import word2vec\n", "TF 0.x tutorial model"),
        ("import tensorflow.models.image.cifar10.cifar10 as cifar10\n", "TF 0.x tutorial model"),
        ("from tensorflow.models.rnn import rnn\n", "tf.compat.v1.nn.static_rnn"),
        ("from tensorflow.python.ops.rnn import bidirectional_rnn\n", "static_bidirectional_rnn"),
        ("from tensorflow.models.rnn import linear\n", "tf.matmul(x, w) + b"),
        ("from tensorflow.models.rnn.translate import *\n", "translate tutorial"),
        ("from tensorflow.models.rnn.rnn_cell import MyOwnCell\n", "neither legacy2tf2.runtime"),
        (
            "from tensorflow.examples.tutorials.mnist import input_data\n",
            "tf.keras.datasets.mnist.load_data()",
        ),
        ("import tensorflow.examples.tutorials.mnist.input_data as mnist\n", "MNIST reader"),
    ],
)
def test_other_removed_modules_are_reported_with_advice(source: str, advice: str) -> None:
    result = assert_noop(source, codes=("L2T006",))
    assert advice in result.findings[0].message


def test_covered_names_next_to_a_removed_module_are_still_rewritten() -> None:
    assert_pair(
        "import tensorflow as tf\n"
        "from tensorflow.models.rnn import rnn, rnn_cell, seq2seq\n"
        "\n"
        "cell = rnn_cell.GRUCell(8)\n"
        "outs, st = rnn.rnn(cell, xs, dtype=tf.float32)\n"
        "out, _ = seq2seq.rnn_decoder(outs, st, cell)\n",
        "import tensorflow as tf\n"
        "from tensorflow.models.rnn import rnn\n"
        "from legacy2tf2.runtime import rnn_cell, legacy_seq2seq as seq2seq\n"
        "import copy\n"
        "\n"
        "cell = rnn_cell.GRUCell(8)\n"
        "outs, st = rnn.rnn(cell, xs, dtype=tf.float32)\n"
        "out, _ = seq2seq.rnn_decoder(outs, st, copy.deepcopy(cell))\n",
        codes=("L2T006",),
    )


def test_rnn_cell_linear_class_is_reported() -> None:
    source = "import tensorflow as tf\n\ny = tf.nn.rnn_cell._Linear([x], 8, True)\n"
    result = assert_noop(source, codes=("L2T006",))
    assert "tf.matmul(x, w) + b" in result.findings[0].message
    assert [(f.line, f.col, f.code) for f in check_source(source.encode())] == [(3, 5, "L2T006")]


@pytest.mark.parametrize("helper", ["linear", "_linear"])
def test_rnn_cell_linear_of_no_telling_era_is_reported(helper: str) -> None:
    source = (
        "from tensorflow.contrib.rnn.python.ops import rnn_cell\n"
        f"\ny = rnn_cell.{helper}([x], 8, True)\n"
    )
    result = assert_noop(source, codes=("L2T006",))
    assert "rnn_linear_tf1_0 (TF 1.0/1.1: weights, biases)" in result.findings[0].message
    assert (3, 5, "L2T006") in [(f.line, f.col, f.code) for f in check_source(source.encode())]


def test_an_import_whose_import_error_is_caught_runs_on_tf2_and_is_not_reported() -> None:
    source = (
        "try:\n"
        "    from tensorflow.models.rnn.translate import data_utils\n"
        "except ImportError:\n"
        "    import data_utils\n"
        "try:\n"
        "    import tensorflow.models.rnn.ptb.reader as reader\n"
        "except (ValueError, ModuleNotFoundError):\n"
        "    reader = None\n"
        "try:\n"
        "    from tensorflow.models.rnn.translate import seq2seq_model\n"
        "except ValueError:\n"
        "    seq2seq_model = None\n"
        "try:\n"
        "    from tensorflow.models.rnn.ptb import ptb_word_lm\n"
        "except ImportError:\n"
        "    pass\n"
        "x = data_utils.EOS_ID\n"
    )
    # reported: a handler that cannot catch it (line 10), one that leaves the name unbound (14)
    assert_noop(source, codes=("L2T006", "L2T006"))
    assert [(f.line, f.code) for f in check_source(source.encode())] == [
        (10, "L2T006"),
        (14, "L2T006"),
    ]


@pytest.mark.parametrize(
    "source",
    [
        "import tensorflow as tf\n"
        "from tensorflow.models.rnn import rnn_cell\n"
        "if small:\n"
        "    rnn_cell = rnn_cell.BasicRNNCell(4)\n"
        "istate = tf.zeros([1, rnn_cell.state_size])\n",
        "import tensorflow.models.rnn.rnn_cell as cells\n"
        "def size():\n"
        "    return cells.output_size\n"
        "cells = cells.GRUCell(3)\n",
    ],
)
def test_a_kept_tf0_rnn_cell_import_fails_rewrite_and_check(source: str) -> None:
    # Which binding a use reads cannot be told, so the import stays, and TF 2 cannot import
    # it: both commands must fail on it, not pass the program as migrated.
    result = rewrite_source(source.encode(), "case.py")
    line = next(i for i, text in enumerate(source.splitlines(), 1) if "models.rnn" in text)
    assert source.splitlines()[line - 1] in result.source.decode()
    [finding] = [f for f in result.findings if f.line == line]
    assert finding.code == "L2T006"
    assert "TF 0.x's rnn_cell module was removed in TF 1.0" in finding.message
    assert (line, "L2T006") in [(f.line, f.code) for f in check_source(source.encode())]


def test_a_guarded_tf0_rnn_cell_import_or_tf2s_own_module_is_not_reported() -> None:
    assert_noop(
        "try:\n"
        "    from tensorflow.models.rnn import rnn_cell\n"
        "except ImportError:\n"
        "    from tensorflow.python.ops import rnn_cell\n"
        "if small:\n"
        "    rnn_cell = rnn_cell.BasicRNNCell(4)\n"
        "x = rnn_cell.state_size\n"
    )
    source = (
        "from tensorflow.python.ops import rnn_cell\n"
        "if small:\n"
        "    rnn_cell = rnn_cell.BasicRNNCell(4)\n"
        "x = rnn_cell.state_size\n"
    )
    assert_noop(source)
    assert check_source(source.encode()) == []


def test_a_local_models_package_is_not_tensorflows() -> None:
    assert_noop("from models.rnn.translate import data_utils\nimport seq2seq_model\n")


@pytest.mark.heavy
def test_cli_fails_check_and_rewrite_on_a_tutorial_import(tmp_path: Path) -> None:
    # the TF 0.x translate tutorial's own translate.py: a ModuleNotFoundError on TF 1.0 and later
    (tmp_path / "translate.py").write_text(
        "import tensorflow as tf\n"
        "from tensorflow.models.rnn.translate import data_utils\n"
        "from tensorflow.models.rnn.translate import seq2seq_model\n"
        "\n"
        "cell = tf.nn.rnn_cell.GRUCell(8)\n"
    )
    path = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    env = {**os.environ, "PYTHONPATH": path}

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "legacy2tf2", *args],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=120,
            env=env,
        )

    gate = cli("check", "translate.py")
    assert gate.returncode == 1
    assert [line.split()[1] for line in gate.stdout.splitlines()] == ["L2T006", "L2T006", "L2T002"]
    done = cli("rewrite", "translate.py")
    assert done.returncode == 1, done.stderr
    assert "translate.py:2:45: L2T006 `tensorflow.models.rnn.translate.data_utils`" in done.stderr
    assert "rnn_cell.GRUCell(8)" in (tmp_path / "translate.py").read_text()  # the rest is done
    again = cli("check", "translate.py")
    assert [line.split()[1] for line in again.stdout.splitlines()] == ["L2T006", "L2T006"]
