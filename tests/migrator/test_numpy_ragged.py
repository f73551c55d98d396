"""``--full``: ``np.array`` of rows whose lengths follow the data (NumPy < 1.24 made an object
array of ragged rows, NumPy 1.24+ raises): exact before/after pairs, the calls left, the runtime's
``numpy1.array`` against the arrays NumPy 1 made, and a migrated Python 2 program run."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from legacy2tf2.migrator.numpy_ragged import fix_ragged_arrays
from legacy2tf2.runtime import numpy1

IMPORT = "from legacy2tf2.runtime import numpy1\n"


@pytest.mark.parametrize(
    ("before", "after"),
    [
        pytest.param(
            "import numpy as np\n\n"
            "def load(self, sources):\n"
            "    ids = [list(map(self.vocab.get, s)) for s in sources]\n"
            "    self.tensor = np.array(ids)\n",
            "import numpy as np\n" + IMPORT + "\n"
            "def load(self, sources):\n"
            "    ids = [list(map(self.vocab.get, s)) for s in sources]\n"
            "    self.tensor = numpy1.array(ids)\n",
            id="comprehension of token-id lists (a chatbot's TextLoader)",
        ),
        pytest.param(
            "import numpy as np\ndata = []\nfor line in f:\n"
            "    ids = [vocab[w] for w in line.split()]\n    data.append([GO_ID] + ids)\n"
            "x = np.asarray(data)\n",
            "import numpy as np\n" + IMPORT + "\ndata = []\nfor line in f:\n"
            "    ids = [vocab[w] for w in line.split()]\n    data.append([GO_ID] + ids)\n"
            "x = numpy1.asarray(data)\n",
            id="rows appended to an empty list",
        ),
        pytest.param(
            "import numpy\nwords = numpy.array([line.split() for line in lines])\n",
            "import numpy\n"
            + IMPORT
            + "\nwords = numpy1.array([line.split() for line in lines])\n",
            id="split lines",
        ),
        pytest.param(
            "import numpy as np\nrows = [sorted(s) for s in sets]\n"
            "batch = np.array([rows[i][:n] for i in idx])\nsub = np.array(rows[a:b])\n",
            "import numpy as np\n" + IMPORT + "\nrows = [sorted(s) for s in sets]\n"
            "batch = numpy1.array([rows[i][:n] for i in idx])\nsub = numpy1.array(rows[a:b])\n",
            id="items and slices of such rows",
        ),
    ],
)
def test_ragged_pair(before: str, after: str) -> None:
    new, changes = fix_ragged_arrays(before.encode())
    assert new.decode() == after
    assert changes and {code for _, _, code, _ in changes} == {"L2T015"}
    assert fix_ragged_arrays(new)[0] == new


@pytest.mark.parametrize(
    "source",
    [
        pytest.param("import numpy as np\nx = np.array([[1, 2], [3, 4]])\n", id="literal rows"),
        pytest.param(
            "import numpy as np\nx = np.array([l.split() for l in f], dtype=object)\n",
            id="a dtype given",
        ),
        pytest.param("import numpy as np\ndef f(rows):\n    return np.array(rows)\n", id="param"),
        pytest.param(
            "import numpy as np\nq = []\nq.append(features)\nx = np.array(q)\n",
            id="rows of unknown origin",
        ),
        pytest.param(
            "import numpy as np\nq = []\nq.append(l.split())\nq.extend(more)\nx = np.array(q)\n",
            id="also extended",
        ),
        pytest.param(
            "import numpy as np\nx = np.array([s[0] for s in [l.split() for l in f]])\n",
            id="items of rows",
        ),
        pytest.param("x = array([l.split() for l in f])\n", id="not NumPy's"),
    ],
)
def test_left_as_it_is(source: str) -> None:
    assert fix_ragged_arrays(source.encode()) == (source.encode(), [])


def test_runtime_gives_numpy1_arrays() -> None:
    ragged = numpy1.array([[1, 2, 3], [4]])
    # NumPy 1.23: array([list([1, 2, 3]), list([4])], dtype=object)
    assert ragged.dtype == object and ragged.shape == (2,)
    assert ragged[0] == [1, 2, 3] and ragged[1] == [4]
    nested = numpy1.asarray([[[1, 2], [3]], [[4, 5], [6]]])
    assert nested.dtype == object and nested.shape == (2, 2) and nested[1, 0] == [4, 5]
    even = numpy1.array([[1, 2], [3, 4]])
    assert even.dtype == np.array([[1, 2], [3, 4]]).dtype and even.shape == (2, 2)
    with pytest.raises(ValueError, match="inhomogeneous"):
        numpy1.array([[1, 2], [3]], dtype=np.int32)  # NumPy 1 refused a dtype here too
    with pytest.raises(ValueError, match="could not broadcast"):
        numpy1.array([np.zeros((2, 3)), np.zeros((2, 4))])  # as NumPy 1 did


PROGRAM = """\
import numpy as np
import tensorflow as tf

lines = ["a b c", "b c", "c a b a", "a"]
vocab = {"a": 1, "b": 2, "c": 3}
rows = [map(vocab.get, line.split()) for line in lines]
tensor = np.array(rows)
np.save("rows.npy", tensor)
loaded = np.load("rows.npy")
for row in loaded:
    row.append(9)
lengths = [len(r) for r in loaded]
padded = np.zeros((len(loaded), max(lengths)), np.int32)
for i, r in enumerate(loaded):
    padded[i, :len(r)] = r
x = tf.placeholder(tf.int32, [None, max(lengths)])
with tf.Session() as sess:
    print tensor.dtype, tensor.shape, lengths, sess.run(tf.reduce_sum(x, 1), {x: padded}).tolist()
"""


@pytest.mark.heavy
def test_python2_program_keeps_its_ragged_rows(tmp_path: Path) -> None:
    program = tmp_path / "prep.py"
    program.write_text(PROGRAM)
    rewrite = subprocess.run(
        [sys.executable, "-m", "legacy2tf2", "rewrite", "--full", str(program)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert rewrite.returncode == 0, rewrite.stdout + rewrite.stderr
    assert "prep.py:7:10: L2T015 np.array(rows) of rows" in rewrite.stdout + rewrite.stderr
    run = subprocess.run(
        [sys.executable, str(program)], capture_output=True, text=True, check=False, cwd=tmp_path
    )
    assert run.returncode == 0, run.stderr[-2000:]
    # Python 2 with NumPy 1: an object array of 4 lists; each row + 9, summed
    expected = [sum(ids) + 9 for ids in ([1, 2, 3], [2, 3], [3, 1, 2, 1], [1])]
    assert run.stdout.strip().splitlines()[-1] == f"object (4,) [4, 3, 5, 2] {expected}"
