"""--full: a value stored in TF1's ``FLAGS`` under a name no flag defines.

TF 1.4's tensorflow/python/platform/flags.py, ``_FlagValues.__setattr__``:
``self.__dict__['__flags'][name] = value`` for any name; since TF 1.5 ``FLAGS`` is absl's
``FlagValues``, which raises ``UnrecognizedFlagError`` there. A TF 0.6 char-rnn's ``sample.py``
(``FLAGS.num_layers = 2``, then the size read back from its checkpoint into
``FLAGS.num_layers``) stopped at that line.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from legacy2tf2.migrator.tf1_flags import fix_undefined_flags
from tests.e2e.helpers import python

HEAD = "import tensorflow as tf\n"


def fix(body: str, head: str = HEAD) -> tuple[str, list[tuple[int, str]]]:
    new, changes = fix_undefined_flags((head + body).encode())
    text = new.decode()
    assert text.startswith(head)
    lines = head.count("\n")
    return text[len(head) :], [(line - lines, code) for line, _col, code, _msg in changes]


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            "flags = tf.compat.v1.flags\nFLAGS = flags.FLAGS\nFLAGS.num_layers = 2\n",
            "flags = tf.compat.v1.flags\nFLAGS = flags.FLAGS\n"
            'if "num_layers" not in FLAGS:\n'
            '    flags.DEFINE_string("num_layers", None, "")\n'
            "FLAGS.num_layers = 2\n",
        ),
        (
            "FLAGS = tf.compat.v1.app.flags.FLAGS\n\ndef main(_):\n"
            "    # the size saved with the model\n    FLAGS.hidden_size = size.item()\n",
            "FLAGS = tf.compat.v1.app.flags.FLAGS\n\ndef main(_):\n"
            "    # the size saved with the model\n"
            '    if "hidden_size" not in FLAGS:\n'
            '        tf.compat.v1.app.flags.DEFINE_string("hidden_size", None, "")\n'
            "    FLAGS.hidden_size = size.item()\n",
        ),
        (
            "tf.compat.v1.flags.FLAGS.batch_size = 1\n",
            'if "batch_size" not in tf.compat.v1.flags.FLAGS:\n'
            '    tf.compat.v1.flags.DEFINE_string("batch_size", None, "")\n'
            "tf.compat.v1.flags.FLAGS.batch_size = 1\n",
        ),
        (  # a defined flag is left, only the undefined one is guarded
            "FLAGS = tf.compat.v1.flags.FLAGS\n"
            'tf.compat.v1.flags.DEFINE_integer("steps", 5, "")\n'
            "FLAGS.steps = 1\nFLAGS.vocab = vocab\n",
            "FLAGS = tf.compat.v1.flags.FLAGS\n"
            'tf.compat.v1.flags.DEFINE_integer("steps", 5, "")\n'
            "FLAGS.steps = 1\n"
            'if "vocab" not in FLAGS:\n'
            '    tf.compat.v1.flags.DEFINE_string("vocab", None, "")\n'
            "FLAGS.vocab = vocab\n",
        ),
    ],
)
def test_an_undefined_flag_is_defined_before_it_is_assigned(before: str, after: str) -> None:
    new, changes = fix(before)
    assert new == after
    assert [code for _line, code in changes] == ["L2T010"]
    assert fix(new) == (new, [])  # idempotent: the guard's DEFINE_string defines the name


def test_the_flags_module_imported_from_tensorflow_internals() -> None:
    head = "from tensorflow.python.platform import flags\n"
    new, changes = fix("FLAGS = flags.FLAGS\nFLAGS.n = 3\n", head)
    assert new == (
        'FLAGS = flags.FLAGS\nif "n" not in FLAGS:\n    flags.DEFINE_string("n", None, "")\n'
        "FLAGS.n = 3\n"
    )
    assert changes == [(2, "L2T010")]


@pytest.mark.parametrize(
    "body",
    [
        # defined in the file (positional or name=)
        'FLAGS = tf.compat.v1.flags.FLAGS\ntf.compat.v1.flags.DEFINE_string("d", "", "")\n'
        "FLAGS.d = 'x'\n",
        'FLAGS = tf.compat.v1.flags.FLAGS\ntf.compat.v1.flags.DEFINE_bool(name="b", default=1, '
        'help="")\nFLAGS.b = False\n',
        # not TensorFlow's FLAGS: absl's own, another object, a name bound twice or locally
        "from absl import flags\nFLAGS = flags.FLAGS\nFLAGS.n = 1\n",
        "FLAGS = config\nFLAGS.n = 1\n",
        "FLAGS = tf.compat.v1.flags.FLAGS\nFLAGS = other\nFLAGS.n = 1\n",
        "FLAGS = tf.compat.v1.flags.FLAGS\ndef f(FLAGS):\n    FLAGS.n = 1\n",
        "flags = tf.compat.v1.flags\nFLAGS = flags.FLAGS\ndef f(flags):\n    FLAGS.n = 1\n",
        # not a plain assignment statement of one target
        "FLAGS = tf.compat.v1.flags.FLAGS\nFLAGS.n = m = 1\n",
        "FLAGS = tf.compat.v1.flags.FLAGS\nFLAGS.n += 1\n",
        "FLAGS = tf.compat.v1.flags.FLAGS\nx = 1; FLAGS.n = 1\n",
        "FLAGS = tf.compat.v1.flags.FLAGS\nFLAGS._private = 1\n",
    ],
)
def test_other_assignments_are_left(body: str) -> None:
    assert fix(body) == (body, [])


PROGRAM = """\
import numpy as np
import tensorflow as tf

flags = tf.flags
flags.DEFINE_string('load_model', None, 'model file to load')
FLAGS = flags.FLAGS
FLAGS.num_layers = 2


def main(unused_args):
    size = tf.Variable(0, name='hidden_size')
    with tf.Session() as session:
        session.run(tf.assign(size, 128))
        FLAGS.hidden_size = np.asscalar(size.eval())
    print(FLAGS.load_model, FLAGS.num_layers, FLAGS.hidden_size, type(FLAGS.hidden_size).__name__)


if __name__ == '__main__':
    tf.app.run()
"""


def test_tf1_program_storing_values_in_flags_runs_as_on_tf_1_4(tmp_path: Path) -> None:
    pytest.importorskip("tensorflow")
    (tmp_path / "sample.py").write_text(PROGRAM)
    done = python("-m", "legacy2tf2", "rewrite", "--full", "sample.py", cwd=tmp_path, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "sample.py:7:1: L2T010 FLAGS.num_layers = ..." in done.stderr
    assert "sample.py:14:9: L2T010 FLAGS.hidden_size = ..." in done.stderr
    done = python("sample.py", "--load_model", "m.ckpt", cwd=tmp_path, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    # what TF 1.4 printed: the flag as given, the values stored as they were (an int, not a str)
    assert done.stdout.strip().splitlines()[-1] == "m.ckpt 2 128 int"


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            "flags = tf.compat.v1.app.flags\nFLAGS = flags.FLAGS\n"
            "for k, v in saved.items():\n    FLAGS.__dict__['__flags'][k] = v\n",
            "flags = tf.compat.v1.app.flags\nFLAGS = flags.FLAGS\n"
            "for k, v in saved.items():\n"
            "    if k not in FLAGS:\n"
            '        flags.DEFINE_string(k, None, "")\n'
            "    setattr(FLAGS, k, v)\n",
        ),
        (  # a flag the file defines: no guard
            "FLAGS = tf.compat.v1.flags.FLAGS\n"
            'tf.compat.v1.flags.DEFINE_integer("lr", 1, "")\n'
            "FLAGS.__flags['lr'] = 0.1\n",
            "FLAGS = tf.compat.v1.flags.FLAGS\n"
            'tf.compat.v1.flags.DEFINE_integer("lr", 1, "")\n'
            "setattr(FLAGS, 'lr', 0.1)\n",
        ),
    ],
)
def test_an_item_of_the_dict_of_flag_values_assigned_sets_the_flag(before: str, after: str) -> None:
    new, changes = fix(before)
    assert new == after
    assert [code for _line, code in changes] == ["L2T010"]


def test_an_item_assigned_under_another_key_is_reported() -> None:
    body = "FLAGS = tf.compat.v1.flags.FLAGS\nFLAGS.__flags[keys[0]] = v\n"
    assert fix(body) == (body, [(2, "L2T003")])


RESTORING = """\
import pickle
import tensorflow as tf
flags = tf.app.flags
flags.DEFINE_integer("batch_size", 64, "b")
FLAGS = flags.FLAGS


def main(_):
    saved = pickle.load(open("flags.pkl", "rb"))
    for k, v in saved.items():
        FLAGS.__dict__['__flags'][k] = v
    FLAGS.__flags['batch_size'] = FLAGS.batch_size * 2
    print(FLAGS.batch_size, FLAGS.hidden, FLAGS.mode)


if __name__ == "__main__":
    pickle.dump({"hidden": 7, "mode": "test"}, open("flags.pkl", "wb"))
    tf.app.run()
"""


def test_tf1_program_restoring_its_flags_into_the_dict_runs_as_on_tf_1_4(tmp_path: Path) -> None:
    pytest.importorskip("tensorflow")
    (tmp_path / "restore.py").write_text(RESTORING)
    done = python("-m", "legacy2tf2", "rewrite", "--full", "restore.py", cwd=tmp_path, timeout=300)
    assert done.returncode == 0, done.stderr
    done = python("restore.py", cwd=tmp_path, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.split() == ["128", "7", "test"]  # what TF 1.4 printed
