"""``--full``'s checkpoint-existence step: exact before/after pairs (libcst only)."""

from __future__ import annotations

import libcst as cst
import pytest

from legacy2tf2.migrator.checkpoint_checks import fix_checkpoint_checks

HEAD = "import os\nimport tensorflow as tf\n"


def _fix(source: str) -> tuple[str, list[tuple[int, int, str]]]:
    module, changes = fix_checkpoint_checks(cst.parse_module(source))
    return module.code, [(line, col, code) for line, col, code, _ in changes]


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            "if ckpt and tf.gfile.Exists(ckpt.model_checkpoint_path):\n    pass\n",
            "if ckpt and tf.compat.v1.train.checkpoint_exists(ckpt.model_checkpoint_path):\n    pass\n",
        ),
        (
            "ok = tf.io.gfile.exists(ckpt.model_checkpoint_path)\n",
            "ok = tf.compat.v1.train.checkpoint_exists(ckpt.model_checkpoint_path)\n",
        ),
        (
            "ok = tf.compat.v1.gfile.Exists(self.state.model_checkpoint_path)\n",
            "ok = tf.compat.v1.train.checkpoint_exists(self.state.model_checkpoint_path)\n",
        ),
        (
            "ok = os.path.exists(ckpt.model_checkpoint_path)\n",
            "ok = tf.compat.v1.train.checkpoint_exists(ckpt.model_checkpoint_path)\n",
        ),
        (
            "ok = os.path.isfile(get().model_checkpoint_path)\n",
            "ok = tf.compat.v1.train.checkpoint_exists(get().model_checkpoint_path)\n",
        ),
        (
            "ok = tf.io.gfile.exists(path=ckpt.model_checkpoint_path)\n",
            "ok = tf.compat.v1.train.checkpoint_exists(ckpt.model_checkpoint_path)\n",
        ),
        (  # the TF 0.6-0.12 translate tutorial's spelling
            "from tensorflow.python.platform import gfile\n"
            "if ckpt and gfile.Exists(ckpt.model_checkpoint_path):\n    pass\n",
            "from tensorflow.python.platform import gfile\n"
            "if ckpt and tf.compat.v1.train.checkpoint_exists(ckpt.model_checkpoint_path):\n"
            "    pass\n",
        ),
        (
            "ok = tf.gfile.Exists(tf.train.latest_checkpoint(d))\n",
            "ok = tf.compat.v1.train.checkpoint_exists(tf.train.latest_checkpoint(d))\n",
        ),
        (
            "def restore(ckpt):\n    path = ckpt.model_checkpoint_path\n"
            "    return os.path.exists(path)\n",
            "def restore(ckpt):\n    path = ckpt.model_checkpoint_path\n"
            "    return tf.compat.v1.train.checkpoint_exists(path)\n",
        ),
    ],
)
def test_existence_tests_of_the_checkpoint_prefix_become_checkpoint_exists(
    before: str, after: str
) -> None:
    new, changes = _fix(HEAD + before)
    assert new == HEAD + after
    assert [code for _, _, code in changes] == ["L2T018"]
    assert _fix(new) == (new, [])


@pytest.mark.parametrize(
    ("imports", "before", "after"),
    [
        (
            "import tensorflow.compat.v1 as tf\nimport os.path\n",
            "os.path.exists(c.model_checkpoint_path)\n",
            "tf.train.checkpoint_exists(c.model_checkpoint_path)\n",
        ),
        (
            "import tensorflow\nfrom os.path import exists\n",
            "exists(c.model_checkpoint_path)\n",
            "tensorflow.compat.v1.train.checkpoint_exists(c.model_checkpoint_path)\n",
        ),
        (
            "import tensorflow as tf1\n",
            "tf1.gfile.Exists(c.model_checkpoint_path)\n",
            "tf1.compat.v1.train.checkpoint_exists(c.model_checkpoint_path)\n",
        ),
    ],
)
def test_the_files_own_tensorflow_name_is_used(imports: str, before: str, after: str) -> None:
    assert _fix(imports + before)[0] == imports + after


@pytest.mark.parametrize(
    "body",
    [
        "tf.io.gfile.exists(ckpt.model_checkpoint_path + '.index')\n",  # already a V2 test
        "os.path.exists(FLAGS.train_dir)\n",
        "tf.io.gfile.exists(model_checkpoint_path)\n",
        "exists(ckpt.model_checkpoint_path)\n",  # not os.path.exists
        "tf.compat.v1.train.checkpoint_exists(ckpt.model_checkpoint_path)\n",
        # a name that is a checkpoint path on one branch only: not provably a prefix
        "p = FLAGS.data_dir\nif c:\n    p = c.model_checkpoint_path\nos.path.exists(p)\n",
        "os.path.exists(tf.train.get_checkpoint_state(d))\n",
    ],
)
def test_other_calls_stay(body: str) -> None:
    assert _fix(HEAD + body) == (HEAD + body, [])


def test_without_a_tensorflow_import_the_test_is_reported_not_guessed() -> None:
    source = "import os\nif os.path.exists(ckpt.model_checkpoint_path):\n    pass\n"
    assert _fix(source) == (source, [(2, 4, "L2T019")])


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (  # a V1 checkpoint was one file: the path the branch restores from, tested as a file
            "model_path = os.path.join(d, 'model.ckpt')\n"
            "if os.path.isfile(model_path):\n"
            "    saver.restore(sess, model_path)\n"
            "else:\n"
            "    sess.run(init)\n",
            "model_path = os.path.join(d, 'model.ckpt')\n"
            "if tf.compat.v1.train.checkpoint_exists(model_path):\n"
            "    saver.restore(sess, model_path)\n"
            "else:\n"
            "    sess.run(init)\n",
        ),
        (  # negated, restored in the else branch, save_path= by keyword
            "if not tf.gfile.Exists(FLAGS.checkpoint):\n"
            "    sess.run(init)\n"
            "else:\n"
            "    tf.train.Saver().restore(sess, save_path=FLAGS.checkpoint)\n",
            "if not tf.compat.v1.train.checkpoint_exists(FLAGS.checkpoint):\n"
            "    sess.run(init)\n"
            "else:\n"
            "    tf.train.Saver().restore(sess, save_path=FLAGS.checkpoint)\n",
        ),
        (  # restored in an elif's branch, deeper in the statement
            "if args.fresh:\n"
            "    pass\n"
            "elif os.path.exists(self.path):\n"
            "    if verbose:\n"
            "        print(self.path)\n"
            "    self.saver.restore(self.sess, self.path)\n",
            "if args.fresh:\n"
            "    pass\n"
            "elif tf.compat.v1.train.checkpoint_exists(self.path):\n"
            "    if verbose:\n"
            "        print(self.path)\n"
            "    self.saver.restore(self.sess, self.path)\n",
        ),
    ],
)
def test_a_path_the_if_statement_restores_from_is_tested_as_a_checkpoint(
    before: str, after: str
) -> None:
    new, changes = _fix(HEAD + before)
    assert new == HEAD + after
    assert [code for _, _, code in changes] == ["L2T018"]
    assert _fix(new) == (new, [])


@pytest.mark.parametrize(
    "body",
    [
        # already a V2 test: the tested path is not the restored one
        "if os.path.exists(p + '.index'):\n    saver.restore(sess, p)\n",
        # the path is not restored in this statement
        "if os.path.exists(p):\n    print(p)\nsaver.restore(sess, p)\n",
        # another path is restored
        "if os.path.isfile(vocab):\n    saver.restore(sess, p)\n",
        # a TF 2 Checkpoint's restore(path): one argument, not a Saver's
        "if os.path.exists(p):\n    checkpoint.restore(p)\n",
    ],
)
def test_existence_tests_of_paths_not_restored_by_the_statement_stay(body: str) -> None:
    assert _fix(HEAD + body) == (HEAD + body, [])
