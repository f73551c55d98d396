"""``--full``: ``tf.contrib`` names reached through an import are spelled ``tf.contrib.X.Y`` for
TensorFlow's upgrader (exact before/after pairs), and a migrated program using them computes
NumPy's values."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from legacy2tf2.migrator.contrib_spellings import fix_contrib_spellings
from tests.e2e.helpers import migrate_in_process, run_program

HEAD = "import tensorflow as tf\n"


def fix(body: str, head: str = HEAD) -> tuple[str, list[str]]:
    new, changes = fix_contrib_spellings((head + body).encode())
    return new.decode()[len(head) :], [code for _line, _col, code, _msg in changes]


@pytest.mark.parametrize(
    ("body", "after"),
    [
        # a public TF 0.12 sequence VAE
        (
            "from tensorflow.contrib.layers.python.layers import initializers\n"
            "w = tf.get_variable('w', [3, 4], initializer=initializers.xavier_initializer())\n",
            "from tensorflow.contrib.layers.python.layers import initializers\n"
            "w = tf.get_variable('w', [3, 4], initializer=tf.contrib.layers.xavier_initializer())\n",
        ),
        (
            "from tensorflow.contrib import layers\nr = layers.l2_regularizer(0.1)\n",
            "from tensorflow.contrib import layers\nr = tf.contrib.layers.l2_regularizer(0.1)\n",
        ),
        (
            "from tensorflow.contrib.layers import xavier_initializer as xav\n"
            "cell = f(10, initializer=xav)\n",
            "from tensorflow.contrib.layers import xavier_initializer as xav\n"
            "cell = f(10, initializer=tf.contrib.layers.xavier_initializer)\n",
        ),
        (
            "import tensorflow.contrib.layers as tcl\ninit = tcl.variance_scaling_initializer()\n",
            "import tensorflow.contrib.layers as tcl\n"
            "init = tf.contrib.layers.variance_scaling_initializer()\n",
        ),
        (
            "from tensorflow.contrib.framework import nest\nflat = nest.flatten(state)\n",
            "from tensorflow.contrib.framework import nest\nflat = tf.contrib.framework.nest.flatten(state)\n",
        ),
    ],
)
def test_an_imported_contrib_name_gets_the_spelling_the_upgrader_converts(
    body: str, after: str
) -> None:
    assert fix(body) == (after, ["L2T010"])


@pytest.mark.parametrize(
    ("head", "body"),
    [
        (HEAD, "w = tf.contrib.layers.xavier_initializer()\n"),  # spelled so already
        (
            HEAD,
            "from tensorflow.contrib import layers\nx = layers.batch_norm(y)\n",
        ),  # not converted
        (HEAD, "from tensorflow.contrib import rnn\ncell = rnn.GRUCell(4)\n"),  # ours, not theirs
        (
            "import numpy as np\n",
            "from tensorflow.contrib import layers\nr = layers.l2_regularizer(0.1)\n",
        ),
        (
            "import tensorflow.compat.v1 as tf\n",
            "from tensorflow.contrib import layers\nr = layers.l2_regularizer(0.1)\n",
        ),
        (HEAD, "def xavier_initializer():\n    pass\nw = xavier_initializer()\n"),  # the file's own
    ],
)
def test_other_names_stay(head: str, body: str) -> None:
    assert fix(body, head) == (body, [])


PROGRAM = """\
import numpy as np
import tensorflow as tf
from tensorflow.contrib.framework import nest
from tensorflow.contrib.layers.python.layers import initializers

w = tf.get_variable("w", [30, 20], initializer=initializers.xavier_initializer())
parts = nest.flatten(((w, tf.reduce_sum(w)), [tf.reduce_max(w)]))
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    value, total, top = sess.run(parts)
np.save("w.npy", value)
print(len(parts), repr(float(total)), repr(float(top)))
"""


def test_a_migrated_program_initializes_and_flattens_as_tf1(tmp_path: Path) -> None:
    (tmp_path / "prog.py").write_text(PROGRAM)
    migrated = migrate_in_process(tmp_path)["prog.py"]
    assert b"contrib" not in migrated
    count, total, top = run_program(tmp_path, "prog.py").split()
    w = np.load(tmp_path / "w.npy")
    # nest.flatten gave the three leaves in TF1's order
    assert int(count) == 3 and float(top) == float(w.max())
    assert float(total) == pytest.approx(float(w.astype(np.float64).sum()), abs=1e-5)
    # xavier_initializer(): uniform in +-sqrt(6 / (fan_in + fan_out))
    limit = np.sqrt(6.0 / (30 + 20))
    assert np.abs(w).max() <= limit and np.abs(w).max() > 0.8 * limit
