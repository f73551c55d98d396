"""rewrite states the positional order TensorFlow called a ``softmax_loss_function`` in, where
the function takes no ``labels=``/``logits=`` keywords and its names would not tell the runtime."""

from __future__ import annotations

import pytest
from codemod_pairs import assert_noop, assert_pair

from legacy2tf2.migrator.transforms import loss_order


def test_tf1_0_lambda_is_called_labels_first() -> None:
    # TF 1.1+ called it with labels=/logits= keywords, which `a, b` cannot take: TF 1.0 code
    assert_pair(
        "import tensorflow as tf\n"
        "\n"
        "loss = tf.contrib.legacy_seq2seq.sequence_loss(\n"
        "    logits, targets, weights, softmax_loss_function=lambda a, b: xent(a, b))\n",
        "from legacy2tf2.runtime import legacy_seq2seq\n"
        "\n"
        "loss = legacy_seq2seq.sequence_loss(\n"
        '    logits, targets, weights, softmax_loss_function=legacy_seq2seq.loss_called_as("labels, '
        'logits", lambda a, b: xent(a, b)))\n',
    )


def test_tf1_0_function_in_the_positional_slot() -> None:
    assert_pair(
        "import tensorflow as tf\n"
        "\n"
        "def loss_fn(x, y):\n"
        "    return xent(x, y)\n"
        "\n"
        "loss = tf.contrib.legacy_seq2seq.sequence_loss_by_example(l, t, w, True, loss_fn)\n",
        "from legacy2tf2.runtime import legacy_seq2seq\n"
        "\n"
        "def loss_fn(x, y):\n"
        "    return xent(x, y)\n"
        "\n"
        "loss = legacy_seq2seq.sequence_loss_by_example(l, t, w, True, "
        'legacy_seq2seq.loss_called_as("labels, logits", loss_fn))\n',
    )


def test_pre_1_0_function_through_a_variable_is_called_logits_first() -> None:
    # `labels, y` would make the runtime put the labels first: TF 0.x called it (logits, labels)
    assert_pair(
        "import tensorflow as tf\n"
        "\n"
        "loss_function = None\n"
        "if num_samples:\n"
        "    def sampled(labels, y):\n"
        "        return xent(labels, y)\n"
        "    loss_function = sampled\n"
        "outputs, losses = tf.nn.seq2seq.model_with_buckets(\n"
        "    enc, dec, targets, weights, buckets, seq2seq_f, softmax_loss_function=loss_function)\n",
        "from legacy2tf2.runtime import legacy_seq2seq\n"
        "\n"
        "loss_function = None\n"
        "if num_samples:\n"
        "    def sampled(labels, y):\n"
        "        return xent(labels, y)\n"
        "    loss_function = sampled\n"
        "outputs, losses = legacy_seq2seq.model_with_buckets(\n"
        "    enc, dec, targets, weights, buckets, seq2seq_f, "
        'softmax_loss_function=legacy_seq2seq.loss_called_as("logits, labels", loss_function))\n',
    )


def test_imported_by_name_gets_the_runtime_module_for_the_marker() -> None:
    assert_pair(
        "from tensorflow.contrib.legacy_seq2seq import sequence_loss\n"
        "\n"
        "loss = sequence_loss(l, t, w, softmax_loss_function=lambda a, b: xent(a, b))\n",
        "from legacy2tf2.runtime.legacy_seq2seq import sequence_loss\n"
        "from legacy2tf2.runtime import legacy_seq2seq\n"
        "\n"
        'loss = sequence_loss(l, t, w, softmax_loss_function=legacy_seq2seq.loss_called_as("labels, '
        'logits", lambda a, b: xent(a, b)))\n',
    )


@pytest.mark.parametrize(
    "loss",
    [
        # the runtime's order from the names is TF 1.0's
        "def loss_fn(labels, inputs):\n    return xent(labels, inputs)\n",
        # takes the TF 1.1+ keywords
        "def loss_fn(labels, logits):\n    return xent(labels, logits)\n",
        "def loss_fn(logits, labels, scale=1.0):\n    return xent(labels, logits) * scale\n",
        "def loss_fn(**kwargs):\n    return xent(**kwargs)\n",
    ],
)
def test_tf1_functions_whose_order_the_runtime_already_has_stay(loss: str) -> None:
    source = (
        "import tensorflow as tf\n"
        f"{loss}"
        "loss = tf.contrib.legacy_seq2seq.sequence_loss(l, t, w, softmax_loss_function=loss_fn)\n"
    )
    after = source.replace("tf.contrib.legacy_seq2seq", "legacy_seq2seq").replace(
        "import tensorflow as tf\n", "from legacy2tf2.runtime import legacy_seq2seq\n", 1
    )
    assert assert_pair(source, after).findings == []


RUNTIME_IMPORT = "from legacy2tf2.runtime import legacy_seq2seq\n"


@pytest.mark.parametrize(
    ("loss", "use", "head"),
    [
        ("loss_fn = make_loss()\n", "loss_fn", RUNTIME_IMPORT + "loss_fn = make_loss()\n"),
        (
            "from losses import loss_fn\n",
            "loss_fn",
            "from losses import loss_fn\n" + RUNTIME_IMPORT,
        ),
        ("", "self.loss_fn", RUNTIME_IMPORT),
    ],
)
def test_tf1_functions_not_known_here_get_tf1_0_s_order(loss: str, use: str, head: str) -> None:
    # the runtime sees the signature: keywords if it takes them, else TF 1.0's (labels, logits)
    source = (
        "import tensorflow as tf\n"
        f"{loss}"
        f"loss = tf.contrib.legacy_seq2seq.sequence_loss(l, t, w, softmax_loss_function={use})\n"
    )
    after = (
        f"{head}"
        "loss = legacy_seq2seq.sequence_loss(l, t, w, "
        f'softmax_loss_function=legacy_seq2seq.loss_called_as("labels, logits", {use}))\n'
    )
    assert_pair(source, after)


def test_pre_1_0_function_not_known_here_stays() -> None:
    # TF 0.x's order is the runtime's for names that do not tell it
    source = (
        "import tensorflow as tf\n"
        "loss = tf.nn.seq2seq.sequence_loss(l, t, w, softmax_loss_function=self.loss_fn)\n"
    )
    after = (
        "from legacy2tf2.runtime import legacy_seq2seq\n"
        "loss = legacy_seq2seq.sequence_loss(l, t, w, softmax_loss_function=self.loss_fn)\n"
    )
    assert_pair(source, after)


def test_pre_1_0_inputs_labels_stays() -> None:
    assert_pair(
        "import tensorflow as tf\n"
        "def sampled_loss(inputs, labels):\n"
        "    return xent(labels, inputs)\n"
        "loss = tf.nn.seq2seq.sequence_loss(l, t, w, softmax_loss_function=sampled_loss)\n",
        "from legacy2tf2.runtime import legacy_seq2seq\n"
        "def sampled_loss(inputs, labels):\n"
        "    return xent(labels, inputs)\n"
        "loss = legacy_seq2seq.sequence_loss(l, t, w, softmax_loss_function=sampled_loss)\n",
    )


UNKNOWN_ERA = (
    "import tensorflow as tf\n"
    "try:\n"
    "    seq2seq = tf.contrib.legacy_seq2seq\n"
    "except AttributeError:\n"
    "    seq2seq = tf.nn.seq2seq\n"
    "loss = seq2seq.sequence_loss(l, t, w, softmax_loss_function={loss})\n"
)


def test_unknown_era_and_uninformative_names_are_reported() -> None:
    from legacy2tf2.migrator.engine import rewrite_source

    result = rewrite_source(UNKNOWN_ERA.format(loss="lambda a, b: xent(a, b)").encode(), "m.py")
    assert "loss_called_as" not in result.source.decode()
    (finding,) = [f for f in result.findings if f.code == "L2T014"]
    assert finding.line == 6
    assert "(labels, logits) in TF 1.0" in finding.message


def test_unknown_era_with_telling_names_is_not_reported() -> None:
    from legacy2tf2.migrator.engine import rewrite_source

    result = rewrite_source(UNKNOWN_ERA.format(loss="lambda labels, x: xent(labels, x)").encode())
    assert "L2T014" not in {f.code for f in result.findings}


def test_the_name_sets_are_the_runtimes() -> None:
    from legacy2tf2.runtime import _losses

    assert loss_order.LABEL_NAMES == _losses._LABEL_NAMES
    assert loss_order.LOGIT_NAMES == _losses._LOGIT_NAMES
    assert (loss_order.LABELS_FIRST, loss_order.LOGITS_FIRST) == (
        _losses.LABELS_FIRST,
        _losses.LOGITS_FIRST,
    )


def test_none_stays() -> None:
    assert_noop(
        "from legacy2tf2.runtime import legacy_seq2seq\n"
        "loss = legacy_seq2seq.sequence_loss(l, t, w, softmax_loss_function=None)\n"
    )
