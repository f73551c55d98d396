"""Which TensorFlow version a source was written for, from its evidence."""

from __future__ import annotations

import libcst as cst
import pytest

from legacy2tf2.migrator.era import EraReport, detect_era


def era_of(source: str) -> EraReport:
    return detect_era(cst.parse_module(source))


@pytest.mark.parametrize(
    ("source", "era"),
    [
        ("import tensorflow as tf\nout = tf.nn.seq2seq.rnn_decoder(a, b, c)\n", "pre-1.0"),
        ("from tensorflow.models.rnn import seq2seq\n", "pre-1.0"),
        ("from tensorflow.python.ops import seq2seq\nseq2seq.sequence_loss(a, b, c)\n", "pre-1.0"),
        ("import tensorflow as tf\nx = tf.pack(y)\n", "pre-1.0"),
        ("import tensorflow as tf\nx = tf.concat(1, [a, b])\n", "pre-1.0"),
        ("import tensorflow as tf\nx = tf.split(1, 3, a)\n", "pre-1.0"),
        ("import tensorflow as tf\noutputs, _ = tf.nn.rnn(cell, x)\n", "pre-1.0"),
        (
            "import tensorflow as tf\n"
            "loss = tf.contrib.legacy_seq2seq.sequence_loss(a, b, c, vocab_size)\n",
            None,  # 4th argument says pre-1.0, contrib says 1.0+: contradictory
        ),
        ("from tensorflow.contrib.rnn.python.ops import core_rnn_cell\n", None),  # 1.0 or later
        ("import tensorflow as tf\nc = tf.contrib.rnn.core_rnn_cell.GRUCell(2)\n", None),
        ("import tensorflow.compat.v1 as tf\nc = tf.nn.rnn_cell.GRUCell(2)\n", None),
        ("import tensorflow as tf\nx = tf.compat.v1.pack(y)\n", "pre-1.0"),  # tf_upgrade_v2's
        ("import tensorflow as tf\nx = tf.nn.static_rnn(c, x)\n", "1.1+"),
        # the same functions through TensorFlow's internals, where TF 1.2 moved them (vendored
        # copies of seq2seq/attention code)
        ("from tensorflow.python.ops import rnn\no, s = rnn.static_rnn(c, x, dtype=d)\n", "1.1+"),
        ("from tensorflow.python.ops.rnn import static_bidirectional_rnn\n", "1.1+"),
        (
            "from tensorflow.python.ops import rnn_cell_impl\nlinear = rnn_cell_impl._linear\n",
            "1.1+",
        ),
        ("from tensorflow.python.ops import rnn\no, s = rnn.dynamic_rnn(c, x)\n", None),
        ("import tensorflow as tf\nx = tf.compat.v1.concat(1, [a, b])\n", "pre-1.0"),
        (
            "import tensorflow as tf\n"
            "c = tf.nn.rnn_cell.GRUCell(2)\n"
            "s = tf.contrib.legacy_seq2seq.rnn_decoder(a, b, c)\n",
            "1.1+",  # tf.nn.rnn_cell was absent from 1.0 and 1.1
        ),
        (
            "import tensorflow as tf\n"
            "c = tf.nn.rnn_cell.GRUCell(2)\n"
            "init = tf.initialize_all_variables()\n",
            "pre-1.0",  # weak evidence decides between 0.x and 1.2+
        ),
        ("import tensorflow as tf\nc = tf.nn.rnn_cell.GRUCell(2)\n", None),
        ("import tensorflow as tf\nc = tf.contrib.rnn.GRUCell(2)\n", None),  # 1.0 or later
        ("import tensorflow as tf\nx = tf.concat([a, b], 1)\n", None),
        ("import numpy as np\nx = np.concatenate([a, b], 1)\n", None),
        ("import tensorflow as tf\nassert tf.__version__ == '1.0.1'\n", "1.0"),
        ("import tensorflow as tf\nassert tf.VERSION in ('0.12.0', '0.12.1')\n", "pre-1.0"),
        ("import tensorflow as tf\nassert tf.__version__ in ['1.1.0', '1.4.0']\n", "1.1+"),
        (
            "import tensorflow as tf\nassert tf.__version__ == '1.0.1'\n"
            "c = tf.contrib.rnn.GRUCell(2)\n",
            "1.0",  # contrib's cells allow 1.0 and later: the assertion pins 1.0
        ),
        ("import tensorflow as tf\nassert tf.__version__ == '2.3.0'\n", None),
        ("import tensorflow as tf\nassert tf.__version__ >= '1.0'\n", None),  # a range
        ("import tensorflow as tf\nassert tf.__version__ == wanted\n", None),
        ("import tensorflow as tf\nok = tf.__version__ == '1.0.1'\n", None),  # not asserted
        ("assert __version__ == '1.0.1'\n", None),  # not TensorFlow's
    ],
)
def test_era(source: str, era: str | None) -> None:
    assert era_of(source).era == era


def test_core_rnn_cell_cells_are_1_0_or_1_1() -> None:
    report = era_of(
        "from tensorflow.contrib.rnn.python.ops import core_rnn_cell\n"
        "c = core_rnn_cell.GRUCell(2)\n"
    )
    assert report.possible == {"1.0", "1.1"}
    assert report.only(["pre-1.0", "1.0", "1.1"]) is True
    assert report.only(["pre-1.0"]) is False


def test_core_rnn_cell_impl_is_1_0_or_1_1() -> None:
    report = era_of("from tensorflow.contrib.rnn.python.ops.core_rnn_cell_impl import GRUCell\n")
    assert report.possible == {"1.0", "1.1"}


def test_core_rnn_cell_wrappers_lasted_to_1_15() -> None:
    # TF 1.2-1.15 kept EmbeddingWrapper, the projection wrappers and _linear in core_rnn_cell
    report = era_of(
        "from tensorflow.contrib.rnn.python.ops import core_rnn_cell\n"
        "c = core_rnn_cell.EmbeddingWrapper(cell, 10, 4)\n"
        "y = core_rnn_cell._linear(x, 4, True)\n"
    )
    assert report.possible == {"1.0", "1.1", "1.2+"}
    assert report.only(["pre-1.0", "1.0", "1.1"]) is None  # cannot be told


def test_weak_evidence_never_overrules_strong_evidence() -> None:
    report = era_of(
        "import tensorflow as tf\n"
        "s = tf.contrib.legacy_seq2seq.rnn_decoder(a, b, c)\n"
        "init = tf.initialize_all_variables()\n"
    )
    assert report.possible == {"1.0", "1.1", "1.2+"}
    assert report.only(["pre-1.0"]) is False


def test_contradictory_evidence_tells_nothing() -> None:
    report = era_of(
        "import tensorflow as tf\n"
        "if old:\n"
        "    s = tf.nn.seq2seq.rnn_decoder(a, b, c)\n"
        "else:\n"
        "    s = tf.contrib.legacy_seq2seq.rnn_decoder(a, b, c)\n"
    )
    assert report.conflicting and report.era is None
    assert report.only(["pre-1.0"]) is None


def test_a_monkeypatched_path_is_no_evidence() -> None:
    report = era_of(
        "import tensorflow as tf\n"
        "tf.nn.seq2seq = tf.contrib.legacy_seq2seq\n"
        "s = tf.nn.seq2seq.basic_rnn_seq2seq(a, b, c)\n"
    )
    assert not report.conflicting
    assert report.only(["pre-1.0"]) is False


def test_evidence_has_positions_and_is_described() -> None:
    report = era_of("import tensorflow as tf\n\nx = tf.pack(y)\nz = tf.concat(0, [x])\n")
    assert [(e.line, e.col, e.what) for e in report.evidence] == [
        (3, 5, "tf.pack"),
        (4, 5, "tf.concat(axis, values)"),
    ]
    assert report.describe() == "tf.pack (line 3), tf.concat(axis, values) (line 4)"


def test_aliases_are_followed_and_local_modules_are_not_tensorflow() -> None:
    assert era_of("import tensorflow as t1\nx = t1.unpack(y)\n").era == "pre-1.0"
    assert era_of("import seq2seq\nimport pack\nx = pack.pack(seq2seq.y)\n").evidence == ()


def test_a_4th_positional_vocabulary_size_is_weak_evidence() -> None:
    pre = "from tensorflow.python.ops import rnn_cell, seq2seq\n"
    loss = "loss = seq2seq.sequence_loss_by_example(a, b, c, vocab_size)\n"
    assert era_of(pre.replace(", seq2seq", "") + "c = rnn_cell.GRUCell(2)\n").era is None
    assert era_of(pre + loss).era == "pre-1.0"
    report = era_of(  # TF 1.0 still ran such calls (char-rnn did)
        "import tensorflow as tf\n"
        "c = tf.contrib.rnn.core_rnn_cell.GRUCell(2)\n"
        "loss = tf.contrib.legacy_seq2seq.sequence_loss_by_example(a, b, c, vocab_size)\n"
    )
    assert report.possible == {"1.0", "1.1"} and not report.conflicting


def test_table_match_is_the_first_key_that_is_the_name_or_a_dotted_prefix() -> None:
    from legacy2tf2.migrator import era

    for table in (era.NAMES, era.WEAK_NAMES):
        keys = list(table)
        names = {"", "tf", "nn.rnn_cell.GRUCell.extra"}
        for key in keys:
            names |= {key, key + ".attr", key + "_x", key.rpartition(".")[0]}
        for name in names:
            first = next((k for k in keys if name == k or name.startswith(k + ".")), None)
            assert era._match(name, table) == first, name


def test_a_vendored_tf1_2_attention_model_keeps_its_shared_layers_unreported() -> None:
    # a TF 1.2+ dialogue model (rnn.static_rnn and rnn_cell_impl._linear of TensorFlow's
    # internals) stacking one GRUCell object: TF 1.2+ shared its weights, as the runtime does
    from legacy2tf2.migrator.engine import rewrite_source

    source = (
        "import tensorflow as tf\n"
        "from tensorflow.python.ops import rnn\n"
        "from tensorflow.python.ops import rnn_cell_impl\n"
        "layer = tf.nn.rnn_cell.GRUCell(8)\n"
        "cell = tf.nn.rnn_cell.MultiRNNCell([layer] * 2)\n"
        "outputs, state = rnn.static_rnn(cell, inputs, dtype=tf.float32)\n"
        "linear = rnn_cell_impl._linear\n"
    )
    result = rewrite_source(source.encode(), "model.py")
    assert "L2T005" not in {f.code for f in result.findings}
    assert b'repeated_cells="copy"' not in result.source
