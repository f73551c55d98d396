"""--full: integral float dimensions of TF1 shapes (``tf.placeholder(tf.float32, [n, 1.])``).

TF1's tensorflow/python/framework/tensor_shape.py (TF 0.x to 1.15), ``Dimension.__init__``:
``self._value = int(value)``, raising "Ambiguous dimension" only where ``self._value != value``;
TF 2 refuses floats ("Dimension value must be integer or None"). A TF 0.6 bell-curve forecaster
(``seq_target = tf.placeholder(tf.float32, [n_steps, 1.])``) stopped there.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from legacy2tf2.migrator.float_dimensions import fix_float_dimensions
from tests.e2e.helpers import python

HEAD = "import tensorflow as tf\nfrom tensorflow.python.ops import variable_scope\n"


def fix(body: str) -> tuple[str, list[str]]:
    new, changes = fix_float_dimensions((HEAD + body).encode())
    text = new.decode()
    assert text.startswith(HEAD)
    return text[len(HEAD) :], [code for _line, _col, code, _msg in changes]


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            "y = tf.placeholder(tf.float32, [n_steps, 1.])\n",
            "y = tf.placeholder(tf.float32, [n_steps, 1])\n",
        ),
        (
            "y = tf.compat.v1.placeholder(tf.float32, shape=(None, 2.0, 3))\n",
            "y = tf.compat.v1.placeholder(tf.float32, shape=(None, 2, 3))\n",
        ),
        (
            "w = variable_scope.get_variable('w', [4., 1e1])\n",
            "w = variable_scope.get_variable('w', [4, 10])\n",
        ),
        (
            "s = tf.sparse_placeholder(tf.int32, [2., None])\n",
            "s = tf.sparse_placeholder(tf.int32, [2, None])\n",
        ),
    ],
)
def test_integral_float_dimensions_become_integers(before: str, after: str) -> None:
    assert fix(before) == (after, ["L2T010"])
    assert fix(after) == (after, [])


@pytest.mark.parametrize(
    "body",
    [
        "y = tf.placeholder(tf.float32, [n, 0.5])\n",  # TF1 refused it too ("Ambiguous")
        "y = tf.placeholder(tf.float32, shape)\n",  # not a literal
        "y = tf.reshape(x, [-1, 1.])\n",  # not read through Dimension
        "y = tf.placeholder(tf.float32, [n, 1])\n",
        "def placeholder(a, b):\n    return b\ny = placeholder(1., [2., 3.])\n",
    ],
)
def test_other_shapes_are_left(body: str) -> None:
    assert fix(body) == (body, [])


PROGRAM = """\
import tensorflow as tf
n_steps = 3
seq_target = tf.placeholder(tf.float32, [n_steps, 1.])
w = tf.get_variable('w', [2., 1.])
print(seq_target.get_shape().as_list(), w.get_shape().as_list())
"""


def test_tf1_program_with_float_dimensions_runs_with_tf1s_shapes(tmp_path: Path) -> None:
    (tmp_path / "shapes.py").write_text(PROGRAM)
    done = python("-m", "legacy2tf2", "rewrite", "--full", "shapes.py", cwd=tmp_path, timeout=300)
    assert done.returncode == 0, done.stderr
    done = python("shapes.py", cwd=tmp_path, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.strip().splitlines()[-1] == "[3, 1] [2, 1]"
