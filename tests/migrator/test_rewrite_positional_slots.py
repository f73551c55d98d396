"""Positional slots early TF 0.x read as another argument: the 6th of the two embedding attention
functions (``num_heads`` up to TF 0.8, ``embedding_size`` since) and the 2nd of
``InputProjectionWrapper`` (TF 0.5's input width, ``num_proj`` since). Kept where the file's era,
the call or the value's name decides; kept and reported (L2T003) otherwise."""

from __future__ import annotations

import pytest
from codemod_pairs import assert_noop, assert_pair

PRE_1_0 = "import tensorflow as tf\nfrom tensorflow.models.rnn import rnn_cell, seq2seq\n"
PRE_1_0_AFTER = (
    "import tensorflow as tf\nfrom legacy2tf2.runtime import rnn_cell, legacy_seq2seq as seq2seq\n"
)

ATTENTION = [
    ("embedding_attention_seq2seq", "enc, dec, cell, 100, 90"),
    ("embedding_attention_decoder", "dec, state, att, cell, 90"),
]
ATTENTION_IDS = [name for name, _ in ATTENTION]


@pytest.mark.parametrize(("function", "lead"), ATTENTION, ids=ATTENTION_IDS)
def test_a_number_in_the_embedding_slot_of_a_pre_1_0_file_is_reported(
    function: str, lead: str
) -> None:
    result = assert_pair(
        f"{PRE_1_0}out = seq2seq.{function}({lead}, 2)\n",
        f"{PRE_1_0_AFTER}out = seq2seq.{function}({lead}, 2)\n",
        codes=("L2T003",),
    )
    message = result.findings[0].message
    assert message.startswith(f"`2` is the 6th positional argument of {function}: TF 0.5-0.8 ")
    assert "read it as num_heads" in message and "as embedding_size" in message
    assert "models.rnn" in message
    column = len(f"out = seq2seq.{function}({lead}, ") + 1
    assert (result.findings[0].line, result.findings[0].col) == (3, column)


@pytest.mark.parametrize(("function", "lead"), ATTENTION, ids=ATTENTION_IDS)
def test_a_variable_in_the_embedding_slot_of_a_pre_1_0_file_is_reported(
    function: str, lead: str
) -> None:
    result = assert_pair(
        f"{PRE_1_0}out = seq2seq.{function}({lead}, FLAGS.n, output_projection=p)\n",
        f"{PRE_1_0_AFTER}out = seq2seq.{function}({lead}, FLAGS.n, output_projection=p)\n",
        codes=("L2T003",),
    )
    assert "`FLAGS.n` is the 6th positional argument" in result.findings[0].message


@pytest.mark.parametrize(("function", "lead"), ATTENTION, ids=ATTENTION_IDS)
@pytest.mark.parametrize(
    "value",
    [
        "embedding_size",
        "FLAGS.emb_dim",
        "self.embed_size",
        "hparams.embedding_dim",
        "size",
        "num_hidden",
        "memory_dim",
        "FLAGS.num_units",
    ],
)
def test_a_value_named_as_an_embedding_size_is_kept(function: str, lead: str, value: str) -> None:
    assert_pair(
        f"{PRE_1_0}out = seq2seq.{function}({lead}, {value})\n",
        f"{PRE_1_0_AFTER}out = seq2seq.{function}({lead}, {value})\n",
    )


@pytest.mark.parametrize(("function", "lead"), ATTENTION, ids=ATTENTION_IDS)
@pytest.mark.parametrize("keyword", ["num_heads=4", "embedding_size=64"])
def test_a_keyword_that_decides_the_slot_keeps_it(function: str, lead: str, keyword: str) -> None:
    # num_heads=... with a 6th positional was TF 0.9+'s call (0.8 raised on two num_heads);
    # embedding_size=... with one is refused by the runtime itself.
    assert_pair(
        f"{PRE_1_0}out = seq2seq.{function}({lead}, 2, {keyword})\n",
        f"{PRE_1_0_AFTER}out = seq2seq.{function}({lead}, 2, {keyword})\n",
    )


@pytest.mark.parametrize(("function", "lead"), ATTENTION, ids=ATTENTION_IDS)
def test_a_tf_1_file_keeps_the_slot_as_embedding_size(function: str, lead: str) -> None:
    assert_pair(
        f"import tensorflow as tf\nout = tf.contrib.legacy_seq2seq.{function}({lead}, 2)\n",
        f"from legacy2tf2.runtime import legacy_seq2seq\nout = legacy_seq2seq.{function}({lead}, 2)\n",
    )


def test_keywords_and_short_calls_are_left_alone() -> None:
    assert_pair(
        f"{PRE_1_0}out = seq2seq.embedding_attention_seq2seq(enc, dec, cell, 100, 90, "
        "embedding_size=2, num_heads=1)\nd = seq2seq.embedding_rnn_seq2seq(enc, dec, cell2, 100, 90, 2)\n"
        "r = seq2seq.embedding_attention_decoder(*args)\n",
        f"{PRE_1_0_AFTER}out = seq2seq.embedding_attention_seq2seq(enc, dec, cell, 100, 90, "
        "embedding_size=2, num_heads=1)\nd = seq2seq.embedding_rnn_seq2seq(enc, dec, cell2, 100, 90, 2)\n"
        "r = seq2seq.embedding_attention_decoder(*args)\n",
    )


def test_input_projection_width_of_a_pre_1_0_file_is_reported() -> None:
    result = assert_pair(
        f"{PRE_1_0}cell = rnn_cell.InputProjectionWrapper(cell, 300)\n",
        f"{PRE_1_0_AFTER}cell = rnn_cell.InputProjectionWrapper(cell, 300)\n",
        codes=("L2T003",),
    )
    message = result.findings[0].message
    assert message.startswith("`300` is the 2nd positional argument of InputProjectionWrapper: ")
    assert "TF 0.5-0.8 read it as input_size" in message and "as num_proj" in message


@pytest.mark.parametrize(
    "args",
    ["cell, num_proj", "cell, self.proj_size", "cell, 300, input_size=20", "cell, num_proj=300"],
)
def test_input_projection_decided_by_its_call_is_kept(args: str) -> None:
    assert_pair(
        f"{PRE_1_0}cell = rnn_cell.InputProjectionWrapper({args})\n",
        f"{PRE_1_0_AFTER}cell = rnn_cell.InputProjectionWrapper({args})\n",
    )


def test_input_projection_of_a_tf_1_file_is_kept() -> None:
    assert_pair(
        "import tensorflow as tf\ncell = tf.contrib.rnn.InputProjectionWrapper(cell, 300)\n",
        "from legacy2tf2.runtime import rnn_cell\ncell = rnn_cell.InputProjectionWrapper(cell, 300)\n",
    )


def test_the_runtime_call_itself_is_left_alone() -> None:
    assert_noop(
        "from legacy2tf2.runtime import legacy_seq2seq, rnn_cell\n"
        "out = legacy_seq2seq.embedding_attention_seq2seq(enc, dec, cell, 100, 90, 2)\n"
        "cell = rnn_cell.InputProjectionWrapper(cell, 300)\n"
    )


def test_lstm_shard_count_after_input_size_in_a_pre_1_0_file_is_reported() -> None:
    result = assert_pair(
        f"{PRE_1_0}cell = rnn_cell.LSTMCell(64, 32, True, None, init, 48, 2, 2)\n",
        f"{PRE_1_0_AFTER}cell = rnn_cell.LSTMCell(64, True, None, init, 48, 2, 2)\n",
        codes=("L2T009", "L2T003"),
    )
    message = result.findings[1].message
    assert message.startswith("`2` is the 7th positional argument of LSTMCell: TF 0.5-0.10 ")
    assert "read it as num_unit_shards" in message and "as proj_clip" in message
    assert "write num_unit_shards=..., otherwise write proj_clip=..." in message


@pytest.mark.parametrize("value", ["None", "proj_clip", "FLAGS.clip_value"])
def test_lstm_slot_value_that_decides_is_kept(value: str) -> None:
    assert_pair(
        f"{PRE_1_0}cell = rnn_cell.LSTMCell(64, 32, True, None, init, 48, {value})\n",
        f"{PRE_1_0_AFTER}cell = rnn_cell.LSTMCell(64, True, None, init, 48, {value})\n",
        codes=("L2T009",),
    )


def test_lstm_call_in_tf_1_2_form_or_file_is_kept() -> None:
    assert_pair(
        "import tensorflow as tf\ncell = tf.nn.rnn_cell.LSTMCell(64, True, None, init, 48, 5.0, 2)\n",
        "from legacy2tf2.runtime import rnn_cell\n"
        "cell = rnn_cell.LSTMCell(64, True, None, init, 48, 5.0, 2)\n",
    )
    assert_pair(
        "import tensorflow as tf\ncell = tf.contrib.rnn.LSTMCell(64, 32, True, None, init, 48, 2)\n",
        "from legacy2tf2.runtime import rnn_cell\n"
        "cell = rnn_cell.LSTMCell(64, True, None, init, 48, 2)\n",
        codes=("L2T009",),
    )


def test_tf_0_5_bucket_vocabulary_size_is_dropped() -> None:
    result = assert_pair(
        f"{PRE_1_0}out, losses = seq2seq.model_with_buckets(e, d, t, w, buckets, 40, model)\n",
        f"{PRE_1_0_AFTER}out, losses = seq2seq.model_with_buckets(e, d, t, w, buckets, model)\n",
        codes=("L2T004",),
    )
    assert result.findings[0].message.startswith(
        "dropped `40`, the 6th positional argument of model_with_buckets: TF 0.5's "
        "num_decoder_symbols"
    )


def test_tf_0_5_bucket_name_becomes_a_keyword() -> None:
    # Left positional, TF 0.5's name would land in per_example_loss's slot (a truthy string).
    assert_pair(
        f"{PRE_1_0}out, losses = seq2seq.model_with_buckets(\n"
        "    e, d, t, w, buckets, 8 * 5, model, sampled_loss, 'buckets')\n",
        f"{PRE_1_0_AFTER}out, losses = seq2seq.model_with_buckets(\n"
        "    e, d, t, w, buckets, model, sampled_loss, name='buckets')\n",
        codes=("L2T004",),
    )


@pytest.mark.parametrize(
    "value", ["self.target_vocab_size", "FLAGS.num_decoder_symbols", "len(rev_vocab)", "n_classes"]
)
def test_tf_0_7_bucket_vocabulary_size_told_by_its_name_is_dropped(value: str) -> None:
    """A translate copy of TF 0.5-0.7's signature (neuralconcept/DrWhoAI's seq2seq_model.py) passed
    ``self.target_vocab_size`` 6th, the seq2seq lambda 7th; left, the runtime took the size as
    seq2seq and raised 'got multiple values for argument softmax_loss_function'."""
    result = assert_pair(
        f"{PRE_1_0}out, losses = seq2seq.model_with_buckets(\n"
        f"    e, d, t, w, buckets, {value},\n"
        "    lambda x, y: seq2seq_f(x, y, False),\n"
        "    softmax_loss_function=softmax_loss_function)\n",
        f"{PRE_1_0_AFTER}out, losses = seq2seq.model_with_buckets(\n"
        "    e, d, t, w, buckets, lambda x, y: seq2seq_f(x, y, False),\n"
        "    softmax_loss_function=softmax_loss_function)\n",
        codes=("L2T004",),
    )
    assert result.findings[0].message.startswith(f"dropped `{value}`, the 6th positional")


@pytest.mark.parametrize(
    "args",
    [
        "e, d, t, w, buckets, model",
        "e, d, t, w, buckets, model, None, True",
        "e, d, t, w, buckets, n, model",  # neither a literal nor a vocabulary's name
        "e, d, t, w, buckets, vocab_size",  # no seq2seq function after it
        "e, d, t, w, buckets, 40, model, None, 'n', 1",  # TF 0.5 took no 10th argument
        "e, d, t, w, buckets, *rest",
    ],
)
def test_bucket_calls_left_alone(args: str) -> None:
    assert_pair(
        f"{PRE_1_0}out = seq2seq.model_with_buckets({args})\n",
        f"{PRE_1_0_AFTER}out = seq2seq.model_with_buckets({args})\n",
    )


@pytest.mark.parametrize("value", ["42", "FLAGS.seed", "n"])
def test_dropout_seed_of_a_pre_1_0_file_becomes_a_keyword(value: str) -> None:
    result = assert_pair(
        f"{PRE_1_0}cell = rnn_cell.DropoutWrapper(cell, 0.5, 0.8, {value})\n",
        f"{PRE_1_0_AFTER}cell = rnn_cell.DropoutWrapper(cell, 0.5, 0.8, seed={value})\n",
        codes=("L2T010",),
    )
    assert result.findings[0].message.startswith(
        f"`{value}`, the 4th positional argument of DropoutWrapper, is its seed"
    )


@pytest.mark.parametrize("value", ["7", "self.seed"])
def test_dropout_seed_told_by_its_value_becomes_a_keyword(value: str) -> None:
    assert_pair(
        f"import tensorflow as tf\ncell = tf.nn.rnn_cell.DropoutWrapper(cell, 0.5, 0.8, {value})\n",
        "from legacy2tf2.runtime import rnn_cell\n"
        f"cell = rnn_cell.DropoutWrapper(cell, 0.5, 0.8, seed={value})\n",
        codes=("L2T010",),
    )


@pytest.mark.parametrize("value", ["1", "n"])
def test_dropout_4th_argument_of_an_unknown_era_is_reported(value: str) -> None:
    result = assert_pair(
        f"import tensorflow as tf\ncell = tf.nn.rnn_cell.DropoutWrapper(cell, 0.5, 0.8, {value})\n",
        "from legacy2tf2.runtime import rnn_cell\n"
        f"cell = rnn_cell.DropoutWrapper(cell, 0.5, 0.8, {value})\n",
        codes=("L2T003",),
    )
    message = result.findings[0].message
    assert "TF 0.5-1.0 read it as seed" in message and "as state_keep_prob" in message


@pytest.mark.parametrize(
    ("head", "args"),
    [
        (PRE_1_0, "cell, 0.5, 0.8, 0.9"),
        (PRE_1_0, "cell, 0.5, 0.8, keep_prob"),
        (PRE_1_0, "cell, 0.5, 0.8, n, seed=3"),
        (PRE_1_0, "cell, 0.5, 0.8, n, True"),
        ("import tensorflow as tf\nx = tf.data\n", "cell, 0.5, 0.8, n"),
    ],
)
def test_dropout_4th_argument_kept(head: str, args: str) -> None:
    source = f"{head}cell = rnn_cell.DropoutWrapper({args})\n"
    if head == PRE_1_0:
        assert_pair(source, f"{PRE_1_0_AFTER}cell = rnn_cell.DropoutWrapper({args})\n")
    else:
        assert_pair(
            f"{head}cell = tf.nn.rnn_cell.DropoutWrapper({args})\n",
            "import tensorflow as tf\nfrom legacy2tf2.runtime import rnn_cell\nx = tf.data\n"
            f"cell = rnn_cell.DropoutWrapper({args})\n",
        )
