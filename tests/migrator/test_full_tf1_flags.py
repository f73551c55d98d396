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

from legacy2tf2.migrator.tf1_flags import fix_string_flag_defaults, fix_undefined_flags
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


# -- DEFINE_string with a default that is not a string ----------------------------------------
# TF 1.0-1.4's flags.py: DEFINE_string(flag_name, default_value, docstring) ->
# _global_parser.add_argument('--' + flag_name, default=default_value, type=str); argparse converts
# only a string default, so an int default stayed an int. absl (TF 1.5+) raises
# IllegalFlagValueError ("flag value must be a string") at the definition.

#: the runtime import, after the file's imports (with the blank line libcst puts after it)
RUNTIME = "from legacy2tf2.runtime import tf1_flags\n\n"


def fix_defaults(body: str, head: str = HEAD) -> tuple[str, list[tuple[int, str]]]:
    new, changes = fix_string_flag_defaults((head + body).encode())
    return new.decode(), [(line, code) for line, _col, code, _msg in changes]


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            'flags = tf.compat.v1.app.flags\nflags.DEFINE_string("babi_train_id", 1, "task")\n',
            'flags = tf.compat.v1.app.flags\ntf1_flags.DEFINE_string("babi_train_id", 1, "task")\n',
        ),
        (
            'tf.compat.v1.flags.DEFINE_string("gpu", -1, "gpu id")\n',
            'tf1_flags.DEFINE_string("gpu", -1, "gpu id")\n',
        ),
        (
            'tf.compat.v1.app.flags.DEFINE_string(name="lr", default=0.5, help="p")\n',
            'tf1_flags.DEFINE_string(name="lr", default=0.5, help="p")\n',
        ),
        (
            'tf.compat.v1.flags.DEFINE_string("use_gpu", False, "p")\n',
            'tf1_flags.DEFINE_string("use_gpu", False, "p")\n',
        ),
    ],
)
def test_a_string_flag_with_a_default_absl_refuses_keeps_it_through_the_runtime(
    before: str, after: str
) -> None:
    new, changes = fix_defaults(before)
    assert new == HEAD + RUNTIME + after
    assert [code for _line, code in changes] == ["L2T010"]
    assert changes[0][0] == before.count("\n") + 1  # positioned in the input (its last line)
    assert fix_defaults(new, "") == (new, [])


def test_the_flags_module_imported_from_tensorflow_internals_keeps_its_string_default() -> None:
    head = "from tensorflow.python.platform import flags\n"
    new, changes = fix_defaults('flags.DEFINE_string("task", 3, "p")\n', head)
    assert new == head + RUNTIME + 'tf1_flags.DEFINE_string("task", 3, "p")\n'
    assert changes == [(2, "L2T010")]


@pytest.mark.parametrize(
    "body",
    [
        'tf.compat.v1.flags.DEFINE_string("name", "1", "p")\n',  # a string: absl takes it
        'tf.compat.v1.flags.DEFINE_string("name", None, "p")\n',
        'tf.compat.v1.flags.DEFINE_string("name", DEFAULT_ID, "p")\n',  # not a literal: unknown
        'tf.compat.v1.flags.DEFINE_integer("n", 1, "p")\n',
        'from absl import flags\nflags.DEFINE_string("n", 1, "p")\n',  # absl's own: refused too
        'flags = tf.compat.v1.flags\nflags = other\nflags.DEFINE_string("n", 1, "p")\n',
    ],
)
def test_other_string_flags_stay(body: str) -> None:
    assert fix_defaults(body) == (HEAD + body, [])


STRING_FLAG_PROGRAM = """import sys
import tensorflow as tf

flags = tf.app.flags
FLAGS = flags.FLAGS
flags.DEFINE_string("babi_train_id", 1, "babi train task ID")
flags.DEFINE_string("babi_test_id", 1, "babi test task ID")
flags.DEFINE_integer("dim", 40, "hidden units")


def main(_):
    print(repr(FLAGS.babi_train_id), repr(FLAGS.babi_test_id), FLAGS.dim)


if __name__ == "__main__":
    tf.app.run()
"""


def test_tf1_program_with_an_int_default_of_a_string_flag_runs_as_on_tf_1_4(
    tmp_path: Path,
) -> None:
    pytest.importorskip("tensorflow")
    (tmp_path / "dmn.py").write_text(STRING_FLAG_PROGRAM)
    done = python("-m", "legacy2tf2", "rewrite", "--full", "dmn.py", cwd=tmp_path, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "dmn.py:6:1: L2T010 DEFINE_string with the default 1" in done.stderr
    assert "dmn.py:7:1: L2T010 DEFINE_string with the default 1" in done.stderr
    done = python("dmn.py", "--babi_test_id", "2", "--dim", "8", cwd=tmp_path, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    # TF 1.4's argparse flags: the int default as given, a command-line value as its string
    assert done.stdout.strip().splitlines()[-1] == "1 '2' 8"
