"""One cell object for several layers (or both directions) in a ``tf.contrib.rnn`` file with a TF
1.1+ name: TF 1.1 raised on it, so the program ran on TF 1.2+, which shares the weights."""

from __future__ import annotations

import libcst as cst
import pytest
from codemod_pairs import assert_pair

from legacy2tf2.migrator import era
from legacy2tf2.migrator.transforms.repeated_cells import copy_weights

STACK = (
    "import tensorflow as tf\n"
    "{evidence}"
    "cell = tf.contrib.rnn.BasicLSTMCell(size)\n"
    "stack = tf.contrib.rnn.MultiRNNCell([cell] * 2, state_is_tuple=True)\n"
)
REWRITTEN = (
    "import tensorflow as tf\n"
    "from legacy2tf2.runtime import rnn_cell\n"
    "{evidence}"
    "cell = rnn_cell.BasicLSTMCell(size)\n"
    "stack = rnn_cell.MultiRNNCell([cell] * 2, state_is_tuple=True)\n"
)


@pytest.mark.parametrize(
    "evidence",
    [
        "estimator = tf.estimator.Estimator(model_fn)\n",  # TF 1.1+
        "columns = [tf.feature_column.numeric_column('x')]\n",  # TF 1.2+
        "spectrum = tf.spectral.fft(signal)\n",  # TF 1.1+
    ],
)
def test_tf1_1_or_later_file_keeps_the_shared_weights_without_a_note(evidence: str) -> None:
    assert_pair(STACK.format(evidence=evidence), REWRITTEN.format(evidence=evidence))


def test_contrib_rnn_alone_still_cannot_tell() -> None:
    source = STACK.format(evidence="")
    after = REWRITTEN.format(evidence="").replace("import tensorflow as tf\n", "", 1)
    assert_pair(source, after, codes=("L2T005",))


def test_tf1_1_or_later_bidirectional_rnn_of_one_cell_is_not_reported() -> None:
    source = (
        "import tensorflow as tf\n"
        "from tensorflow.contrib.rnn import LSTMCell\n"
        "run_config = tf.estimator.RunConfig()\n"
        "encoder_cell = LSTMCell(20)\n"
        "(fw, bw), states = tf.nn.bidirectional_dynamic_rnn(cell_fw=encoder_cell,\n"
        "    cell_bw=encoder_cell, inputs=x, dtype=tf.float32, time_major=True)\n"
    )
    assert_pair(source, source.replace("tensorflow.contrib.rnn", "legacy2tf2.runtime.rnn_cell"))


@pytest.mark.parametrize(
    ("possible", "copy"),
    [
        ({era.V1_0, era.V1_1}, True),  # core_rnn_cell_impl: TF 1.1 raised, so TF 1.0
        ({era.V1_1}, True),
        ({era.V1_1, era.V1_2_PLUS}, False),
        ({era.V1_2_PLUS}, False),
        ({era.V1_0, era.V1_1, era.V1_2_PLUS}, None),
        ({era.PRE_1_0, era.V1_2_PLUS}, None),
        ({era.PRE_1_0}, True),
    ],
)
def test_copy_weights(possible: set[str], copy: bool | None) -> None:
    assert copy_weights(era.EraReport(frozenset(possible))) is copy


@pytest.mark.parametrize(
    ("source", "possible"),
    [
        ("import tensorflow as tf\ne = tf.estimator.Estimator(f)\n", {era.V1_1, era.V1_2_PLUS}),
        (
            "import tensorflow as tf\nk = tf.contrib.keras.layers.Dense(3)\n",
            {era.V1_1, era.V1_2_PLUS},
        ),
        ("import tensorflow as tf\nc = tf.bincount(x)\n", {era.V1_1, era.V1_2_PLUS}),
        ("import tensorflow as tf\ns = tf.summary.text('t', x)\n", {era.V1_2_PLUS}),
        ("import tensorflow as tf\ny = tf.log_sigmoid(x)\n", {era.V1_2_PLUS}),
        ("import tensorflow as tf\ns = tf.summary.scalar('t', x)\n", set(era.ERAS)),
    ],
)
def test_tf1_1_and_tf1_2_names_tell_the_era(source: str, possible: set[str]) -> None:
    assert era.detect_era(cst.parse_module(source)).possible == possible
