"""tf.contrib.crf's loss and decoding move to the runtime's crf module; its RNN cells stay,
reported."""

from __future__ import annotations

from codemod_pairs import assert_pair

from legacy2tf2.migrator.engine import check_source


def test_crf_loss_and_viterbi_move_to_the_runtime() -> None:
    assert_pair(
        "import tensorflow as tf\n"
        "\n"
        "log_likelihood, self.trans = tf.contrib.crf.crf_log_likelihood(\n"
        "    self.logits, self.labels, self.lengths)\n"
        "loss = tf.reduce_mean(-log_likelihood)\n"
        "path, _ = tf.contrib.crf.viterbi_decode(scores[:n], transition)\n",
        "import tensorflow as tf\n"
        "from legacy2tf2.runtime import crf\n"
        "\n"
        "log_likelihood, self.trans = crf.crf_log_likelihood(\n"
        "    self.logits, self.labels, self.lengths)\n"
        "loss = tf.reduce_mean(-log_likelihood)\n"
        "path, _ = crf.viterbi_decode(scores[:n], transition)\n",
    )


def test_imported_module_and_names() -> None:
    assert_pair(
        "from tensorflow.contrib.crf import viterbi_decode\n"
        "from tensorflow.contrib.crf.python.ops import crf as tfcrf\n"
        "\n"
        "ll, t = tfcrf.crf_log_likelihood(x, y, n)\n"
        "best = viterbi_decode(s, t)\n",
        "from legacy2tf2.runtime.crf import viterbi_decode\n"
        "from legacy2tf2.runtime import crf\n"
        "\n"
        "ll, t = crf.crf_log_likelihood(x, y, n)\n"
        "best = viterbi_decode(s, t)\n",
    )


def test_a_crf_rnn_cell_keeps_its_import_and_stays_reported() -> None:
    before = (
        "from tensorflow.contrib import crf\n"
        "\n"
        "ll, t = crf.crf_log_likelihood(x, y, n)\n"
        "tags, score = crf.crf_decode(x, t, n)\n"
        "cell = crf.CrfForwardRnnCell(t)\n"
    )
    after = (
        "from tensorflow.contrib import crf\n"
        "from legacy2tf2.runtime import crf as l2t_crf\n"
        "\n"
        "ll, t = l2t_crf.crf_log_likelihood(x, y, n)\n"
        "tags, score = l2t_crf.crf_decode(x, t, n)\n"
        "cell = crf.CrfForwardRnnCell(t)\n"
    )
    assert_pair(before, after)
    left = [(f.line, f.code) for f in check_source(after.encode(), "m.py")]
    assert left == [(1, "L2T001"), (6, "L2T001")]
