"""``--full``'s pre-1.0 pass: ``DEFINE_integer`` with a float default, kept by TF < 1.5's argparse
flags and refused by absl, becomes ``DEFINE_float``."""

from __future__ import annotations

import libcst as cst
import pytest

from legacy2tf2.migrator.pre1_0 import fix_pre_1_0

HEAD = "import tensorflow as tf\n"


def fix(body: str, head: str = HEAD) -> tuple[str, list[str]]:
    new, changes = fix_pre_1_0(cst.parse_module(head + body))
    assert new.code.startswith(head)
    return new.code[len(head) :], [code for *_, code, _msg in changes]


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            'tf.app.flags.DEFINE_integer("keep", 0.5, "keep probability")\n',
            'tf.app.flags.DEFINE_float("keep", 0.5, "keep probability")\n',
        ),
        (
            'flags = tf.app.flags\nflags.DEFINE_integer("dropout", 1.0, "p")\n',
            'flags = tf.app.flags\nflags.DEFINE_float("dropout", 1.0, "p")\n',
        ),
        (
            'tf.flags.DEFINE_integer(name="lr", default=-1e-3, help="p")\n',
            'tf.flags.DEFINE_float(name="lr", default=-1e-3, help="p")\n',
        ),
        (
            'tf.compat.v1.app.flags.DEFINE_integer("k", .5, "p")\n',
            'tf.compat.v1.app.flags.DEFINE_float("k", .5, "p")\n',
        ),
    ],
)
def test_an_integer_flag_with_a_float_default_becomes_a_float_flag(before: str, after: str) -> None:
    new, codes = fix(before)
    assert new == after
    assert codes == ["L2T010"]
    assert fix(new) == (new, [])


def test_the_flags_module_imported_from_tensorflow_internals() -> None:
    head = "from tensorflow.python.platform import flags\n"
    new, codes = fix('flags.DEFINE_integer("keep", 0.8, "p")\n', head)
    assert (new, codes) == ('flags.DEFINE_float("keep", 0.8, "p")\n', ["L2T010"])


@pytest.mark.parametrize(
    "body",
    [
        'tf.app.flags.DEFINE_integer("n", 2, "p")\n',  # an int: right as it is
        'tf.app.flags.DEFINE_integer("n", None, "p")\n',
        'tf.app.flags.DEFINE_float("k", 0.5, "p")\n',
        # not TensorFlow's flags: a name rebound, or bound only inside a function
        'flags = tf.app.flags\nflags = other\nflags.DEFINE_integer("k", 0.5, "p")\n',
        'def f():\n    flags = tf.app.flags\nflags = other\nflags.DEFINE_integer("k", 0.5, "p")\n',
        'from absl import flags\nflags.DEFINE_integer("k", 0.5, "p")\n',
    ],
)
def test_other_flag_definitions_stay(body: str) -> None:
    assert fix(body) == (body, [])
