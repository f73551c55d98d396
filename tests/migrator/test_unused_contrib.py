"""``--full``'s unused ``tf.contrib`` imports step: exact before/after pairs, the names read
somewhere that stay, and the step inside ``full_upgrade``."""

from __future__ import annotations

import libcst as cst
import pytest

from legacy2tf2.migrator.full_upgrade import full_upgrade
from legacy2tf2.migrator.unused_contrib import drop_unused_contrib_imports

HEAD = "import tensorflow as tf\n"


def fix(body: str) -> tuple[str, list[tuple[int, str]]]:
    new, changes = drop_unused_contrib_imports(cst.parse_module(HEAD + body))
    assert new.code.startswith(HEAD)
    return new.code[len(HEAD) :], [(line, code) for line, _col, code, _msg in changes]


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            "from tensorflow.contrib.tensorboard.plugins import projector\nx = 1\n",
            "x = 1\n",
        ),
        ("import tensorflow.contrib.slim as slim\nx = 1\n", "x = 1\n"),
        (
            "from tensorflow.contrib import learn, layers\ny = layers.conv2d(x)\n",
            "from tensorflow.contrib import layers\ny = layers.conv2d(x)\n",
        ),
        (
            "from tensorflow.contrib.framework import nest as n, arg_scope\nwith arg_scope([]):\n"
            "    pass\n",
            "from tensorflow.contrib.framework import arg_scope\nwith arg_scope([]):\n    pass\n",
        ),
    ],
)
def test_never_read_contrib_names_are_removed(before: str, after: str) -> None:
    new, changes = fix(before)
    assert new == after
    assert changes == [(2, "L2T026")]
    assert fix(new) == (new, [])


@pytest.mark.parametrize(
    "body",
    [
        "from tensorflow.contrib import layers\ndef f(x):\n    return layers.conv2d(x)\n",
        "import tensorflow.contrib\n",  # binds `tensorflow`
        "import tensorflow.contrib.slim as slim\nprint(slim)\n",
        "from tensorflow.contrib.layers import *\n",
        "def f():\n    from tensorflow.contrib import learn\n",  # not module level
        "from tensorflow.python import debug\n",
        "from .contrib import x\n",
    ],
)
def test_used_or_other_imports_stay(body: str) -> None:
    assert fix(body) == (body, [])


def test_full_upgrade_removes_an_unused_contrib_import() -> None:
    source = (
        b"import numpy as np\n"
        b"import tensorflow as tf\n"
        b"from tensorflow.contrib.tensorboard.plugins import projector\n"
        b"x = np.zeros(3)\n"
    )
    result = full_upgrade(source, "main.py")
    assert b"contrib" not in result.source
    assert [(f.line, f.code) for f in result.findings] == [(3, "L2T026")]
