"""``--full``'s step removing assertions of the TF 0.x/1.x release: exact pairs, cases left."""

from __future__ import annotations

import libcst as cst
import pytest

from legacy2tf2.migrator.full_upgrade import full_upgrade
from legacy2tf2.migrator.version_asserts import fix_version_asserts

HEAD = "import tensorflow as tf\n"


def _fix(source: str) -> tuple[str, list[tuple[int, int, str]]]:
    module, changes = fix_version_asserts(cst.parse_module(HEAD + source))
    return module.code[len(HEAD) :], [(line, col, code) for line, col, code, _ in changes]


@pytest.mark.parametrize(
    ("before", "after", "where"),
    [
        ("assert tf.__version__ == '1.0.1'\nx = 1\n", "x = 1\n", (2, 1)),
        (
            "def build():\n    assert tf.__version__.startswith('1.'), 'TF 1.x needed'\n",
            "def build():\n    pass\n",
            (3, 5),
        ),
        ("assert tf.VERSION in ('0.12.0', '0.12.1')\ny = 2\n", "y = 2\n", (2, 1)),
        ("x = 1; assert tf.__version__[:3] == '1.4'; y = 2\n", "x = 1; y = 2\n", (2, 8)),
        ("x = 1; assert tf.__version__[:3] == '1.4'\n", "x = 1\n", (2, 8)),
        (
            "from distutils.version import LooseVersion\n"
            "assert LooseVersion(tf.__version__) < LooseVersion('1.2'), 'use TF 1.0 or 1.1'\n",
            "from distutils.version import LooseVersion\n",
            (3, 1),
        ),
        (
            "assert tf.__version__ >= '0.12' and tf.__version__ < '1.1'\nz = 3\n",
            "z = 3\n",
            (2, 1),
        ),
    ],
)
def test_assertions_of_the_tf1_release_are_removed(
    before: str, after: str, where: tuple[int, int]
) -> None:
    assert _fix(before) == (after, [(*where, "L2T010")])


@pytest.mark.parametrize(
    "body",
    [
        "assert not tf.__version__.startswith('2')\n",  # no TF 0.x/1.x release named
        "assert tf.__version__ == wanted\n",  # compared with a name
        "assert tf.__version__ == '1.0' and ready\n",  # reads more than the version
        "assert version == '1.0.1'\n",  # not TensorFlow's version
        "if tf.__version__ != '1.0.1':\n    raise ValueError('TF 1.0.1 needed')\n",
        "ok = tf.__version__ == '1.0.1'\n",
    ],
)
def test_other_version_tests_stay(body: str) -> None:
    assert _fix(body) == (body, [])


def test_full_upgrade_removes_a_pinned_release_assertion() -> None:
    source = (
        b"import tensorflow as tf\n"
        b"assert tf.__version__ == '1.0.1'\n"
        b"x = tf.placeholder(tf.float32, [None, 3])\n"
    )
    result = full_upgrade(source, "model.py")
    assert b"__version__" not in result.source
    assert b"tf.compat.v1.placeholder" in result.source
    assert (2, "L2T010") in [(f.line, f.code) for f in result.findings]
