"""Modules TensorFlow removed before TF 2 that are not legacy_seq2seq: reported (L2T006), never
rewritten, with what to do. ``rewrite`` exits 1 on them, so a program that would die with
``ModuleNotFoundError`` never passes for migrated."""

from __future__ import annotations

import pytest
from codemod_pairs import assert_noop, assert_pair

from legacy2tf2.migrator.engine import check_source


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
        ("from tensorflow.models.rnn import linear\n", "tf.matmul(x, w) + b"),
        ("from tensorflow.models.rnn.translate import *\n", "translate tutorial"),
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
        "\n"
        "cell = rnn_cell.GRUCell(8)\n"
        "outs, st = rnn.rnn(cell, xs, dtype=tf.float32)\n"
        "out, _ = seq2seq.rnn_decoder(outs, st, cell)\n",
        codes=("L2T006",),
    )


@pytest.mark.parametrize("helper", ["linear", "_linear"])
def test_rnn_cell_linear_helpers_are_reported(helper: str) -> None:
    source = f"import tensorflow as tf\n\ny = tf.nn.rnn_cell.{helper}([x], 8, True)\n"
    result = assert_noop(source, codes=("L2T006",))
    assert "tf.matmul(x, w) + b" in result.findings[0].message
    assert [(f.line, f.col, f.code) for f in check_source(source.encode())] == [(3, 5, "L2T006")]


def test_a_local_models_package_is_not_tensorflows() -> None:
    assert_noop("from models.rnn.translate import data_utils\nimport seq2seq_model\n")
