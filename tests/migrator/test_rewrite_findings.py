"""Every finding ``rewrite`` reports: what it left untouched, what it dropped, and where."""

from __future__ import annotations

import pytest
from codemod_pairs import assert_noop, assert_pair

from legacy2tf2.migrator.engine import rewrite_source


def test_pre_0_8_fourth_argument_of_sequence_loss_by_example_is_dropped() -> None:
    result = assert_pair(
        "from tensorflow.models.rnn import seq2seq\n"
        "\n"
        "loss = seq2seq.sequence_loss_by_example([logits], [targets], [weights], 10000)\n",
        "from legacy2tf2.runtime import legacy_seq2seq as seq2seq\n"
        "\n"
        "loss = seq2seq.sequence_loss_by_example([logits], [targets], [weights])\n",
        codes=("L2T004",),
    )
    (finding,) = result.findings
    assert (finding.path, finding.line, finding.col) == ("case.py", 3, 73)
    assert "10000" in finding.message
    assert "average_across_timesteps" in finding.message
    assert "True" in finding.message


def test_fourth_argument_dropped_on_its_own_line_keeps_the_layout() -> None:
    assert_pair(
        "import tensorflow as tf\n"
        "\n"
        "loss = tf.contrib.legacy_seq2seq.sequence_loss(\n"
        "    logits,\n"
        "    targets,\n"
        "    weights,\n"
        "    5000,\n"
        ")\n",
        "from legacy2tf2.runtime import legacy_seq2seq\n"
        "\n"
        "loss = legacy_seq2seq.sequence_loss(\n"
        "    logits,\n"
        "    targets,\n"
        "    weights,\n"
        ")\n",
        codes=("L2T004",),
    )


def test_fourth_argument_dropped_before_later_keyword_arguments() -> None:
    assert_pair(
        "import tensorflow as tf\n"
        "\n"
        "loss = tf.nn.seq2seq.sequence_loss(l, t, w, 8000, softmax_loss_function=f)\n",
        "from legacy2tf2.runtime import legacy_seq2seq\n"
        "\n"
        "loss = legacy_seq2seq.sequence_loss(l, t, w, softmax_loss_function=f)\n",
        codes=("L2T004",),
    )


def test_fourth_argument_dropped_through_an_alias_and_a_function_variable() -> None:
    assert_pair(
        "import tensorflow as tf\n"
        "\n"
        "seq2seq = tf.contrib.legacy_seq2seq\n"
        "loss_fn = tf.contrib.legacy_seq2seq.sequence_loss_by_example\n"
        "a = seq2seq.sequence_loss(l, t, w, 100)\n"
        "b = loss_fn(l, t, w, 100)\n",
        "from legacy2tf2.runtime import legacy_seq2seq\n"
        "\n"
        "seq2seq = legacy_seq2seq\n"
        "loss_fn = legacy_seq2seq.sequence_loss_by_example\n"
        "a = seq2seq.sequence_loss(l, t, w)\n"
        "b = loss_fn(l, t, w)\n",
        codes=("L2T004", "L2T004"),
    )


@pytest.mark.parametrize(
    ("module", "runtime"),
    [
        ("from tensorflow.models.rnn import seq2seq", "legacy_seq2seq as seq2seq"),
        ("from tensorflow.python.ops import seq2seq", "legacy_seq2seq as seq2seq"),
        ("from tensorflow.contrib import legacy_seq2seq as seq2seq", "legacy_seq2seq as seq2seq"),
    ],
)
@pytest.mark.parametrize("value", ["vocab_size", "args.vocab_size", "len(vocab)", "average"])
def test_a_fourth_argument_that_is_not_a_literal_is_kept_in_every_version(
    module: str, runtime: str, value: str
) -> None:
    # Up to TF 0.7 the slot held num_decoder_symbols (never 0, so True, the default, to later
    # versions); from 0.8 average_across_timesteps, where a variable may hold False. The runtime
    # reads it by truth value as TF1 did, so keeping it is exact in every version.
    assert_pair(
        f"{module}\n\nloss = seq2seq.sequence_loss(l, t, w, {value})\n",
        f"from legacy2tf2.runtime import {runtime}\n\nloss = seq2seq.sequence_loss(l, t, w, {value})\n",
    )


@pytest.mark.parametrize("fourth", ["average", "5000"])
def test_later_positional_arguments_are_kept_in_a_tf_1_file(fourth: str) -> None:
    assert_pair(
        "from tensorflow.contrib import legacy_seq2seq\n\n"
        f"l = legacy_seq2seq.sequence_loss(a, b, c, {fourth}, False)\n",
        "from legacy2tf2.runtime import legacy_seq2seq\n\n"
        f"l = legacy_seq2seq.sequence_loss(a, b, c, {fourth}, False)\n",
    )


@pytest.mark.parametrize("fourth", ["vocab_size", "5000"])
def test_later_positional_arguments_of_a_tf_0_file_are_reported(fourth: str) -> None:
    # TF 0.7: (logits, targets, weights, num_decoder_symbols, average_across_timesteps, ...);
    # TF 0.8-0.12: (logits, targets, weights, average_across_timesteps, average_across_batch, ...).
    result = assert_pair(
        "from tensorflow.models.rnn import seq2seq\n\n"
        f"l = seq2seq.sequence_loss(a, b, c, {fourth}, False)\n",
        "from legacy2tf2.runtime import legacy_seq2seq as seq2seq\n\n"
        f"l = seq2seq.sequence_loss(a, b, c, {fourth}, False)\n",
        codes=("L2T003",),
    )
    (finding,) = result.findings
    assert (finding.line, finding.col) == (3, 36)
    assert "num_decoder_symbols up to TF 0.7" in finding.message
    assert "by keyword" in finding.message


@pytest.mark.parametrize("flag", ["True", "False", "0"])
def test_a_deliberate_average_across_timesteps_is_kept(flag: str) -> None:
    assert_pair(
        f"from tensorflow.contrib import legacy_seq2seq\n\nl = legacy_seq2seq.sequence_loss(a, b, c, {flag})\n",
        f"from legacy2tf2.runtime import legacy_seq2seq\n\nl = legacy_seq2seq.sequence_loss(a, b, c, {flag})\n",
    )


def test_other_functions_keep_their_fourth_argument() -> None:
    assert_pair(
        "from tensorflow.contrib import legacy_seq2seq\n\no = legacy_seq2seq.rnn_decoder(a, b, c, loop)\n",
        "from legacy2tf2.runtime import legacy_seq2seq\n\no = legacy_seq2seq.rnn_decoder(a, b, c, loop)\n",
    )


def test_importlib_import_module_is_reported_and_untouched() -> None:
    result = assert_noop(
        "import importlib\n\nm = importlib.import_module('tensorflow.contrib.legacy_seq2seq')\n",
        codes=("L2T003",),
    )
    assert (result.findings[0].line, result.findings[0].col) == (3, 5)
    assert "imported by a string" in result.findings[0].message


def test_dunder_import_of_a_cell_module_is_reported() -> None:
    assert_noop("rnn = __import__('tensorflow.contrib.rnn')\n", codes=("L2T003",))


def test_a_path_that_never_existed_is_reported_and_untouched() -> None:
    result = assert_noop(
        "import tensorflow as tf\n\nout = tf.contrib.nn.legacy_seq2seq.embedding_rnn_seq2seq(a, b)\n",
        codes=("L2T003",),
    )
    assert (result.findings[0].line, result.findings[0].col) == (3, 7)
    assert "tensorflow.contrib.nn.legacy_seq2seq" in result.findings[0].message


def test_a_name_the_module_never_had_is_reported_and_untouched() -> None:
    result = assert_noop(
        "import tensorflow as tf\n\nout = tf.nn.seq2seq.embedding_attention_seq2seq_f(a, b)\n",
        codes=("L2T003",),
    )
    assert "embedding_attention_seq2seq_f" in result.findings[0].message


def test_unknown_name_through_an_import_is_reported_but_the_import_moves() -> None:
    assert_pair(
        "from tensorflow.contrib import legacy_seq2seq as s\n\nout = s.attention_seq2seq(a)\n",
        "from legacy2tf2.runtime import legacy_seq2seq as s\n\nout = s.attention_seq2seq(a)\n",
        codes=("L2T003",),
    )


def test_cell_the_runtime_does_not_provide_is_reported_and_named_by_the_stand_in() -> None:
    result = assert_pair(
        "from tensorflow.contrib import rnn\n\ncell = rnn.NASCell(8) if nas else rnn.GRUCell(8)\n",
        "from legacy2tf2.runtime import rnn_cell as rnn\n"
        "\n"
        'cell = rnn.unsupported("NASCell")(8) if nas else rnn.GRUCell(8)\n',
        codes=("L2T002",),
    )
    assert "NASCell" in result.findings[0].message
    assert (result.findings[0].line, result.findings[0].col) == (3, 8)


@pytest.mark.parametrize("cell", ["LayerNormLSTMCell", "AttentionCellWrapper", "GridLSTMCell"])
def test_unsupported_cell_imported_by_name_is_reported_once(cell: str) -> None:
    assert_pair(
        f"from tensorflow.contrib.rnn import {cell}\n\nc = {cell}(8)\nd = {cell}(4)\n",
        "from legacy2tf2.runtime.rnn_cell import unsupported\n"
        f'{cell} = unsupported("{cell}")\n'
        f"\nc = {cell}(8)\nd = {cell}(4)\n",
        codes=("L2T002",),
    )


def test_star_import_of_the_module_is_reported() -> None:
    assert_noop(
        "from tensorflow.contrib.legacy_seq2seq import *\n\nrnn_decoder(a, b, c)\n",
        codes=("L2T003",),
    )


def test_cell_module_passed_as_a_value_is_reported() -> None:
    assert_noop(
        "import tensorflow as tf\n\nregistry.register(tf.contrib.rnn)\n",
        codes=("L2T003",),
    )


def test_findings_are_sorted_by_position() -> None:
    result = rewrite_source(
        b"import tensorflow as tf\n"
        b"b = tf.contrib.rnn.NASCell(1)\n"
        b"a = tf.nn.seq2seq.nope(1)\n"
        b"c = tf.contrib.legacy_seq2seq.sequence_loss(l, t, w, 1000)\n"
    )
    assert [(f.line, f.code) for f in result.findings] == [
        (2, "L2T002"),
        (3, "L2T003"),
        (4, "L2T004"),
    ]


def test_cell_module_stored_on_an_object_is_reported_not_replaced() -> None:
    assert_noop(
        "import tensorflow as tf\n\n\nclass M:\n    def __init__(self):\n        self.cells = tf.contrib.rnn\n",
        codes=("L2T003",),
    )
