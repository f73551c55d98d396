"""``--full``'s unused ``tf.contrib`` imports step: exact before/after pairs, the names read
somewhere that stay, and the step inside ``full_upgrade``."""

from __future__ import annotations

from pathlib import Path

import libcst as cst
import pytest

from legacy2tf2.migrator.full_upgrade import full_upgrade
from legacy2tf2.migrator.unused_contrib import drop_unused_contrib_imports
from tests.e2e.helpers import run_program

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


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("from tensorflow.models.rnn import rnn\nx = 1\n", "x = 1\n"),
        (
            "from tensorflow.models.rnn import rnn, linear\ny = linear.linear(x, 4, True)\n",
            "from tensorflow.models.rnn import linear\ny = linear.linear(x, 4, True)\n",
        ),
        ("import tensorflow.models.rnn.rnn as r\nx = 1\n", "x = 1\n"),
    ],
)
def test_never_read_tf0_models_names_are_removed(before: str, after: str) -> None:
    # TF 0.x's tensorflow.models (models.rnn) went in TF 1.0: its import alone stops the program
    new, changes = fix(before)
    assert new == after
    assert changes == [(2, "L2T026")]
    assert fix(new) == (new, [])


def test_contrib_and_models_imports_are_reported_on_their_own_lines() -> None:
    new, changes = fix(
        "from tensorflow.contrib.tensorboard.plugins import projector\n"
        "from tensorflow.models.rnn import rnn\n"
        "x = 1\n"
    )
    assert new == "x = 1\n"
    assert changes == [(2, "L2T026"), (3, "L2T026")]


@pytest.mark.parametrize(
    "body",
    [
        "from tensorflow.models.rnn import rnn\nout, st = rnn.rnn(cell, xs, dtype=tf.float32)\n",
        "from tensorflow.models.rnn import *\n",
        "def f():\n    from tensorflow.models.rnn import rnn\n",
    ],
)
def test_read_or_local_tf0_models_imports_stay(body: str) -> None:
    assert fix(body) == (body, [])


def test_full_upgrade_removes_an_unused_models_rnn_import_and_its_report() -> None:
    # A TF 0.x header (Dominik Kaukinen's sentiment test script): rnn_cell and seq2seq become the
    # runtime's, rnn is never read. It was kept and reported (L2T006, L2T021), failing the run.
    source = (
        b"import tensorflow as tf\n"
        b"from tensorflow.models.rnn import rnn, rnn_cell, seq2seq\n"
        b"from tensorflow.models.rnn import rnn as r2, linear\n"
        b"y = linear.linear(x, 4, True)\n"
    )
    result = full_upgrade(source, "main.py")
    assert result.source == (
        b"import tensorflow as tf\n"
        b"from legacy2tf2.runtime import rnn_cell, legacy_seq2seq as seq2seq\n"
        b"from tensorflow.models.rnn import linear\n"
        b"y = linear.linear(x, 4, True)\n"
    )
    found = [(f.line, f.code, f.message.partition(":")[0]) for f in result.findings]
    assert found == [
        (2, "L2T026", "import of rnn"),
        (3, "L2T026", "import of rnn as r2"),
        (3, "L2T006", "`tensorflow.models.rnn.linear`"),  # both at the input's column of
        (3, "L2T021", "`tensorflow.models.rnn.linear`"),  # `linear`, the upgrade dropped rnn
    ]


# the version shim of a vendored TF 1.x seq2seq.py (an attention-OCR model's copy)
SHIM_BEFORE = """\
try:
    from tensorflow.contrib.rnn.python.ops import rnn_cell_impl
except ImportError:
    from tensorflow.python.ops import rnn_cell_impl

try:
    linear = rnn_cell_impl._linear
except AttributeError:
    from tensorflow.contrib.rnn.python.ops import core_rnn_cell
    linear = layers_v1.rnn_linear
"""
SHIM_AFTER = """\
try:
    from tensorflow.contrib.rnn.python.ops import rnn_cell_impl
except ImportError:
    from tensorflow.python.ops import rnn_cell_impl

try:
    linear = rnn_cell_impl._linear
except AttributeError:
    linear = layers_v1.rnn_linear
"""


@pytest.mark.parametrize(
    ("before", "after", "line"),
    [
        # its _linear rewritten, the fallback's contrib import only fails
        (SHIM_BEFORE, SHIM_AFTER, 10),
        (
            "try:\n    import tensorflow.contrib.rnn as rnn\nexcept ImportError:\n"
            "    from tensorflow.contrib import rnn as crnn\n",
            "try:\n    import tensorflow.contrib.rnn as rnn\nexcept ImportError:\n    pass\n",
            5,
        ),
    ],
)
def test_a_never_read_contrib_import_in_an_except_handler_is_removed(
    before: str, after: str, line: int
) -> None:
    new, changes = fix(before)
    assert new == after
    assert changes == [(line, "L2T026")]
    assert fix(new) == (new, [])


@pytest.mark.parametrize(
    "body",
    [
        # a probe in a try body: its ImportError is what the program tests
        "try:\n    from tensorflow.contrib import rnn\n    ok = True\nexcept ImportError:\n"
        "    ok = False\n",
        # the fallback's name is read
        "try:\n    from tensorflow.python.ops import rnn_cell_impl\nexcept ImportError:\n"
        "    from tensorflow.contrib.rnn import core_rnn_cell_impl as rnn_cell_impl\n"
        "c = rnn_cell_impl.GRUCell(2)\n",
        # deeper than the handler's own statements
        "try:\n    x = 1\nexcept ImportError:\n    if True:\n"
        "        from tensorflow.contrib import learn\n",
    ],
)
def test_other_nested_contrib_imports_stay(body: str) -> None:
    assert fix(body) == (body, [])


DRIVER = """\
import numpy as np
import tensorflow as tf
import shim
x = tf.compat.v1.placeholder(tf.float32, [2, 3])
y = shim.proj(x, 4)
with tf.compat.v1.Session() as sess:
    sess.run(tf.compat.v1.global_variables_initializer())
    xv = np.arange(6, dtype=np.float32).reshape(2, 3)
    out = sess.run(y, {x: xv})
    values = {v.op.name: sess.run(v) for v in tf.compat.v1.global_variables()}
print(sorted(values))
print(float(np.abs(out - (xv @ values["p/kernel"] + values["p/bias"])).max()))
"""


def test_full_upgrade_makes_the_linear_shim_run_with_tf1_2s_linear(tmp_path: Path) -> None:
    source = (
        "import tensorflow as tf\n"
        + SHIM_BEFORE.replace("layers_v1.rnn_linear", "core_rnn_cell._linear")
        + "\n\ndef proj(x, n):\n    with tf.variable_scope('p'):\n        return linear([x], n, True)\n"
    )
    result = full_upgrade(source.encode())
    codes = {f.code for f in result.findings}
    assert "L2T026" in codes and "L2T021" not in codes and "L2T001" not in codes
    (tmp_path / "shim.py").write_bytes(result.source)
    (tmp_path / "driver.py").write_text(DRIVER)
    lines = run_program(tmp_path, "driver.py").splitlines()
    assert lines[-2] == "['p/bias', 'p/kernel']"  # TF 1.2+'s _linear names
    assert float(lines[-1]) < 1e-6  # x @ kernel + bias
