"""--full: TF < 1.5's dict of the flag values, ``FLAGS.__flags`` and ``FLAGS.__dict__["__flags"]``.

TF 1.4's tensorflow/python/platform/flags.py kept the values in ``self.__dict__['__flags']``
(programs printed, saved and copied it: ``for k, v in FLAGS.__dict__['__flags'].items()``). On TF 2
``tf.compat.v1.flags.FLAGS`` is a wrapper of absl's ``FlagValues``: ``FLAGS.__dict__["__flags"]``
raises KeyError, and ``FLAGS.__flags`` is a dict of absl ``Flag`` objects. Where the program reads
it, it becomes ``FLAGS.flag_values_dict()``; where it writes through it otherwise (``+=``, ``del``,
``.update(...)``), that copy would silently drop the write, so it is left and reported; an item
assigned (``FLAGS.__flags[k] = v``) is left to :mod:`legacy2tf2.migrator.tf1_flags`.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pre1_0_pairs import assert_changed_once, fix_body

from tests.e2e.helpers import python


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            "FLAGS = tf.app.flags.FLAGS\n"
            "for k, v in FLAGS.__dict__['__flags'].items():\n    print(k, v)\n",
            "FLAGS = tf.app.flags.FLAGS\n"
            "for k, v in FLAGS.flag_values_dict().items():\n    print(k, v)\n",
        ),
        (
            "flags = tf.app.flags\nFLAGS = flags.FLAGS\n"
            'content = {"flags": FLAGS.__dict__["__flags"]}\n',
            "flags = tf.app.flags\nFLAGS = flags.FLAGS\n"
            'content = {"flags": FLAGS.flag_values_dict()}\n',
        ),
        (
            "d = sorted(tf.app.flags.FLAGS.__dict__['__flags'].items(), key=lambda x: x[0])\n",
            "d = sorted(tf.app.flags.FLAGS.flag_values_dict().items(), key=lambda x: x[0])\n",
        ),
        (  # reading one value out of it is a read
            "FLAGS = tf.app.flags.FLAGS\nn = FLAGS.__dict__['__flags']['batch_size']\n",
            "FLAGS = tf.app.flags.FLAGS\nn = FLAGS.flag_values_dict()['batch_size']\n",
        ),
    ],
)
def test_the_dict_of_flag_values_read_becomes_flag_values_dict(before: str, after: str) -> None:
    assert_changed_once(before, after)


@pytest.mark.parametrize(
    "body",
    [
        "FLAGS = tf.app.flags.FLAGS\nFLAGS.__dict__['__flags'][k] = v\n",
        "FLAGS = tf.app.flags.FLAGS\nFLAGS.__flags['lr'] = 0.1\n",
    ],
)
def test_an_item_assigned_is_left_to_the_flags_pass(body: str) -> None:
    # FLAGS.__flags[k] = v becomes setattr(FLAGS, k, v) after the upgrader (tf1_flags)
    assert fix_body(body) == (body, [])


@pytest.mark.parametrize(
    "body",
    [
        "FLAGS = tf.app.flags.FLAGS\nFLAGS.__flags['step'] += 1\n",
        "FLAGS = tf.app.flags.FLAGS\ndel FLAGS.__flags['x']\n",
        "FLAGS = tf.app.flags.FLAGS\nFLAGS.__dict__['__flags'].update(saved)\n",
        "FLAGS = tf.app.flags.FLAGS\nFLAGS.__flags.setdefault('x', 1)\n",
    ],
)
def test_a_write_through_the_dict_is_left_and_reported(body: str) -> None:
    assert fix_body(body) == (body, ["L2T003"])


@pytest.mark.parametrize(
    "body",
    [
        "FLAGS = config.FLAGS\nx = FLAGS.__dict__['__flags']\n",  # not TensorFlow's
        "x = obj.__dict__['__flags']\n",
        "FLAGS = tf.app.flags.FLAGS\nx = FLAGS.__dict__['other']\n",
        "FLAGS = tf.app.flags.FLAGS\nx = FLAGS.__dict__\n",
    ],
)
def test_other_dicts_are_left(body: str) -> None:
    assert fix_body(body) == (body, [])


PROGRAM = """\
import tensorflow as tf
tf.app.flags.DEFINE_integer("batch_size", 64, "b")
tf.app.flags.DEFINE_string("mode", "train", "m")
FLAGS = tf.app.flags.FLAGS


def main(_):
    for k, v in sorted(FLAGS.__dict__['__flags'].items()):
        if k in ("batch_size", "mode"):
            print("%s=%s" % (k, v))


if __name__ == "__main__":
    tf.app.run()
"""


def test_tf1_program_printing_its_flags_prints_the_values(tmp_path: Path) -> None:
    pytest.importorskip("tensorflow")
    (tmp_path / "flags_main.py").write_text(PROGRAM)
    done = python(
        "-m", "legacy2tf2", "rewrite", "--full", "flags_main.py", cwd=tmp_path, timeout=300
    )
    assert done.returncode == 0, done.stderr
    done = python("flags_main.py", "--batch_size", "8", cwd=tmp_path, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    # what TF 1.4 printed: the values, not absl Flag objects (and no KeyError)
    assert done.stdout.split() == ["batch_size=8", "mode=train"]
