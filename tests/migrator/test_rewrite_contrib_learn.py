"""tf.contrib.learn's VocabularyProcessor (and its vocabulary, tokenizer), run_n / run_feeds and
tf.contrib.training.HParams move to the runtime; contrib.learn's other names stay, reported;
--full keeps a run_n program in graph mode."""

from __future__ import annotations

import pytest
from codemod_pairs import assert_noop, assert_pair

from legacy2tf2.migrator.engine import check_source
from legacy2tf2.migrator.full_upgrade import full_upgrade

PAIRS = [
    pytest.param(
        "import numpy as np\n"
        "from tensorflow.contrib import learn\n"
        "\n"
        "vocab_processor = learn.preprocessing.VocabularyProcessor(max_document_length)\n"
        "x = np.array(list(vocab_processor.fit_transform(x_text)))\n",
        "import numpy as np\n"
        "from legacy2tf2.runtime import vocabulary\n"
        "\n"
        "vocab_processor = vocabulary.VocabularyProcessor(max_document_length)\n"
        "x = np.array(list(vocab_processor.fit_transform(x_text)))\n",
        (),
        id="from tensorflow.contrib import learn",
    ),
    pytest.param(
        "import tensorflow as tf\n"
        "\n"
        "vp = tf.contrib.learn.preprocessing.VocabularyProcessor(100, min_frequency=2)\n"
        "restored = tf.contrib.learn.preprocessing.VocabularyProcessor.restore(path)\n",
        "from legacy2tf2.runtime import vocabulary\n"
        "\n"
        "vp = vocabulary.VocabularyProcessor(100, min_frequency=2)\n"
        "restored = vocabulary.VocabularyProcessor.restore(path)\n",
        (),
        id="tf.contrib.learn path and restore",
    ),
    pytest.param(
        "from tensorflow.contrib.learn.python.learn.preprocessing.text import "
        "VocabularyProcessor\n"
        "from tensorflow.contrib.learn.python.learn.preprocessing.categorical_vocabulary import "
        "CategoricalVocabulary\n"
        "\n"
        "vp = VocabularyProcessor(20, vocabulary=CategoricalVocabulary())\n",
        "from legacy2tf2.runtime.vocabulary import VocabularyProcessor\n"
        "from legacy2tf2.runtime.vocabulary import CategoricalVocabulary\n"
        "\n"
        "vp = VocabularyProcessor(20, vocabulary=CategoricalVocabulary())\n",
        (),
        id="the defining modules, by name",
    ),
    pytest.param(
        "import tensorflow as tf\n"
        "\n"
        'result = tf.contrib.learn.run_n({"outputs": outputs}, n=1, feed_dict=None)\n'
        "more = tf.contrib.learn.run_feeds({'y': y}, feeds)\n",
        "from legacy2tf2.runtime import contrib_learn\n"
        "\n"
        'result = contrib_learn.run_n({"outputs": outputs}, n=1, feed_dict=None)\n'
        "more = contrib_learn.run_feeds({'y': y}, feeds)\n",
        (),
        id="run_n and run_feeds",
    ),
    pytest.param(
        "import tensorflow as tf\n"
        "\n"
        "train_model = Model(inputs, tf.contrib.learn.ModeKeys.TRAIN)\n"
        "is_eval = mode == tf.contrib.learn.ModeKeys.EVAL\n",
        "from legacy2tf2.runtime import contrib_learn\n"
        "\n"
        "train_model = Model(inputs, contrib_learn.ModeKeys.TRAIN)\n"
        "is_eval = mode == contrib_learn.ModeKeys.EVAL\n",
        (),
        id="ModeKeys (a neural Turing machine's model classes)",
    ),
    pytest.param(
        "from tensorflow.contrib.learn.python.learn.estimators.model_fn import ModeKeys\n"
        "\n"
        "if mode == ModeKeys.INFER:\n"
        "    pass\n",
        "from legacy2tf2.runtime.contrib_learn import ModeKeys\n"
        "\n"
        "if mode == ModeKeys.INFER:\n"
        "    pass\n",
        (),
        id="ModeKeys from model_fn",
    ),
]


@pytest.mark.parametrize(("before", "after", "codes"), PAIRS)
def test_contrib_learn_names_move_to_the_runtime(before: str, after: str, codes) -> None:
    assert_pair(before, after, codes=codes)


def test_the_rest_of_contrib_learn_keeps_its_import_and_stays_reported() -> None:
    before = (
        "from tensorflow.contrib import learn\n"
        "\n"
        "vp = learn.preprocessing.VocabularyProcessor(10)\n"
        "estimator = learn.Estimator(model_fn=model_fn)\n"
        "byte_processor = learn.preprocessing.ByteProcessor(10)\n"
    )
    after = (
        "from tensorflow.contrib import learn\n"
        "from legacy2tf2.runtime import vocabulary\n"
        "\n"
        "vp = vocabulary.VocabularyProcessor(10)\n"
        "estimator = learn.Estimator(model_fn=model_fn)\n"
        "byte_processor = learn.preprocessing.ByteProcessor(10)\n"
    )
    assert_pair(before, after)
    left = [(f.line, f.code) for f in check_source(after.encode(), "m.py")]
    assert left == [(1, "L2T001"), (5, "L2T001"), (6, "L2T001")]


def test_a_user_class_of_the_same_name_is_left_alone() -> None:
    assert_noop(
        "class VocabularyProcessor:\n"
        "    pass\n"
        "\n"
        "def run_n(outputs, n=1):\n"
        "    return [outputs] * n\n"
        "\n"
        "vp = VocabularyProcessor()\n"
        "r = run_n({})\n"
    )


def test_full_keeps_a_run_n_program_in_graph_mode() -> None:
    before = (
        b"import numpy as np\n"
        b"import tensorflow as tf\n"
        b"\n"
        b"x = tf.constant(np.ones([2, 3]))\n"
        b'result = tf.contrib.learn.run_n({"y": x * 2}, n=2)\n'
    )
    after = (
        b"import numpy as np\n"
        b"import tensorflow as tf\n"
        b"tf.compat.v1.disable_eager_execution()\n"
        b"tf.compat.v1.disable_resource_variables()\n"
        b"from legacy2tf2.runtime import contrib_learn\n"
        b"\n"
        b"x = tf.constant(np.ones([2, 3]))\n"
        b'result = contrib_learn.run_n({"y": x * 2}, n=2)\n'
    )
    assert full_upgrade(before).source == after


def test_full_leaves_a_vocabulary_only_program_eager() -> None:
    before = (
        b"import tensorflow as tf\n\nvp = tf.contrib.learn.preprocessing.VocabularyProcessor(10)\n"
    )
    assert b"disable_eager_execution" not in full_upgrade(before).source


def test_contrib_training_hparams_moves_to_the_runtime() -> None:
    assert_pair(
        "import tensorflow as tf\n"
        "from tensorflow.contrib.training import HParams\n"
        "\n"
        "hparams = tf.contrib.training.HParams(learning_rate=0.1, num_layers=2)\n"
        "other = HParams(batch_size=32).parse(flags.hparams)\n"
        "x = tf.zeros(1)\n",
        "import tensorflow as tf\n"
        "from legacy2tf2.runtime.hparam import HParams\n"
        "from legacy2tf2.runtime import hparam\n"
        "\n"
        "hparams = hparam.HParams(learning_rate=0.1, num_layers=2)\n"
        "other = HParams(batch_size=32).parse(flags.hparams)\n"
        "x = tf.zeros(1)\n",
    )
