"""``--full``'s pre-1.0 pass: ``DEFINE_integer`` with a float default, kept by TF < 1.5's argparse
flags and refused by absl, becomes ``DEFINE_float``; TF 1.x's ``tf.flags``, absent from TF 2,
becomes ``tf.compat.v1.flags``."""

from __future__ import annotations

import pytest
from pre1_0_pairs import assert_changed_once, fix_body

HEAD = "import tensorflow as tf\n"


def fix(body: str, head: str = HEAD) -> tuple[str, list[str]]:
    return fix_body(body, head)


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
    assert new == after.replace("tf.flags.", "tf.compat.v1.flags.")
    assert codes == ["L2T010"] * (2 if "tf.flags." in before else 1)
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


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            'FLAGS = tf.flags.FLAGS\ntf.flags.DEFINE_string("name", "x", "p")\n',
            'FLAGS = tf.compat.v1.flags.FLAGS\ntf.compat.v1.flags.DEFINE_string("name", "x", "p")\n',
        ),
        ("flags = tf.flags\n", "flags = tf.compat.v1.flags\n"),
        ("x = (tf.flags).FLAGS\n", "x = (tf.compat.v1.flags).FLAGS\n"),
    ],
)
def test_tf_flags_becomes_compat_v1_flags(before: str, after: str) -> None:
    assert_changed_once(before, after)


@pytest.mark.parametrize(
    ("head", "body"),
    [
        # tf.flags of tensorflow.compat.v1 exists in TF 2
        ("import tensorflow.compat.v1 as tf\n", "FLAGS = tf.flags.FLAGS\n"),
        (HEAD, "FLAGS = tf.compat.v1.flags.FLAGS\n"),
        (HEAD, "FLAGS = tf.app.flags.FLAGS\n"),  # TensorFlow's upgrader renames it
        ("from absl import flags\n", "FLAGS = flags.FLAGS\n"),
        (HEAD, "def f(tf):\n    return tf.flags\n"),  # a parameter, not TensorFlow
    ],
)
def test_other_flags_modules_stay(head: str, body: str) -> None:
    assert fix(body, head) == (body, [])


def test_full_upgrade_of_a_tf_flags_program_runs_and_reports_no_removed_module() -> None:
    pytest.importorskip("tensorflow")
    from legacy2tf2.migrator.full_upgrade import full_upgrade

    flags = 'FLAGS = tf.flags.FLAGS\ntf.flags.DEFINE_integer("n", 3, "p")\n'
    plain = full_upgrade((HEAD + flags).encode(), "m.py")
    assert plain.source == (HEAD + flags.replace("tf.flags", "tf.compat.v1.flags")).encode()
    assert {f.code for f in plain.findings} == {"L2T010"}
    # under tensorflow.compat.v1 the name exists: no finding at all (the upgrader calls it removed)
    compat = full_upgrade(("import tensorflow.compat.v1 as tf\n" + flags).encode(), "m.py")
    assert (compat.changed, compat.findings) == (False, [])


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            "FLAGS = tf.flags.FLAGS\nFLAGS._parse_flags()\n"
            "for attr, value in sorted(FLAGS.__flags.items()):\n    print(attr, value)\n",
            "FLAGS = tf.compat.v1.flags.FLAGS\nimport sys; FLAGS(sys.argv, known_only=True)\n"
            "for attr, value in sorted(FLAGS.flag_values_dict().items()):\n    print(attr, value)\n",
        ),
        (
            "flags = tf.app.flags\nFLAGS = flags.FLAGS\n\n\ndef main(_):\n    FLAGS._parse_flags()\n"
            "    return dict(FLAGS.__flags)\n",
            "flags = tf.app.flags\nFLAGS = flags.FLAGS\n\n\ndef main(_):\n"
            "    import sys; FLAGS(sys.argv, known_only=True)\n    return dict(FLAGS.flag_values_dict())\n",
        ),
        (
            "tf.app.flags.FLAGS._parse_flags()\n",
            "import sys; tf.app.flags.FLAGS(sys.argv, known_only=True)\n",
        ),
    ],
)
def test_tf_before_1_5_parse_flags_and_flag_dict_become_absl_calls(before: str, after: str) -> None:
    assert_changed_once(before, after)


def test_parse_flags_in_a_file_importing_sys_adds_no_import() -> None:
    head = "import sys\n\nimport tensorflow as tf\n"
    new, _ = fix("FLAGS = tf.app.flags.FLAGS\nFLAGS._parse_flags()\n", head)
    assert new == "FLAGS = tf.app.flags.FLAGS\nFLAGS(sys.argv, known_only=True)\n"


@pytest.mark.parametrize(
    "body",
    [
        "FLAGS = config.FLAGS\nFLAGS._parse_flags()\nx = FLAGS.__flags\n",  # not TensorFlow's
        "FLAGS = tf.app.flags.FLAGS\nFLAGS = other\nFLAGS._parse_flags()\n",
        "args = parser._parse_flags()\n",
    ],
)
def test_other_parse_flags_stay(body: str) -> None:
    assert fix(body) == (body, [])


@pytest.mark.heavy
def test_a_migrated_tf_1_4_flags_program_parses_its_command_line(tmp_path) -> None:
    pytest.importorskip("tensorflow")
    from legacy2tf2.migrator.full_upgrade import full_upgrade
    from tests.e2e.helpers import run_program

    source = (
        b"import tensorflow as tf\n"
        b'tf.flags.DEFINE_integer("batch_size", 64, "b")\n'
        b"FLAGS = tf.flags.FLAGS\n"
        b"FLAGS._parse_flags()\n"
        b'print(FLAGS.batch_size, FLAGS.__flags["batch_size"])\n'
    )
    (tmp_path / "m.py").write_bytes(full_upgrade(source, "m.py").source)
    assert run_program(tmp_path, "m.py", "--batch_size", "5", "--unknown", "1").split() == [
        "5",
        "5",
    ]
