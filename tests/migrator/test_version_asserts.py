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
    ("before", "after", "where"),
    [
        (
            "from distutils.version import LooseVersion\n"
            "assert LooseVersion(tf.__version__) < LooseVersion('1.2'), 'use TF 1.0 or 1.1'\n",
            "",
            [(2, 1), (3, 1)],
        ),
        (  # the import below a removed line is placed on its input line
            "assert tf.__version__.startswith('1.')\n"
            "from pkg_resources import parse_version\n"
            "assert parse_version(tf.__version__) >= parse_version('1.0')\nx = 1\n",
            "x = 1\n",
            [(2, 1), (3, 1), (4, 1)],
        ),
        (  # only the helper's own name goes: the other stays with its import
            "from distutils.version import LooseVersion, StrictVersion\n"
            "assert LooseVersion(tf.__version__) >= LooseVersion('1.0')\n"
            "print(StrictVersion('1.0'))\n",
            "from distutils.version import StrictVersion\nprint(StrictVersion('1.0'))\n",
            [(2, 1), (3, 1)],
        ),
        (  # still read elsewhere: kept
            "from distutils.version import LooseVersion\n"
            "assert LooseVersion(tf.__version__) >= LooseVersion('1.0')\n"
            "new = LooseVersion(np.__version__) >= LooseVersion('1.17')\n",
            "from distutils.version import LooseVersion\n"
            "new = LooseVersion(np.__version__) >= LooseVersion('1.17')\n",
            [(3, 1)],
        ),
        (  # `import distutils.version` binds `distutils`, which other code may read: kept
            "import distutils.version\n"
            "assert distutils.version.LooseVersion(tf.__version__) < "
            "distutils.version.LooseVersion('1.2')\n",
            "import distutils.version\n",
            [(3, 1)],
        ),
    ],
)
def test_version_helper_imports_go_with_the_assertions_that_read_them(
    before: str, after: str, where: list[tuple[int, int]]
) -> None:
    """Python 3.12 has no ``distutils`` and new virtual environments no ``pkg_resources``: an
    import of them that only the removed assertion read would stop the migrated program."""
    assert _fix(before) == (after, [(*w, "L2T010") for w in where])


def test_a_helper_import_with_no_assertion_removed_stays() -> None:
    source = "from distutils.version import LooseVersion\nx = 1\n"
    assert _fix(source) == (source, [])


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
