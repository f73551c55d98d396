"""--full: ``dtype="string"``, a name only Python 2's NumPy knew.

NumPy 1.x's numpy/core/numerictypes.py added ``'string'`` to ``sctypeDict`` (as ``string_``,
Python 2's ``str``) only under Python 2; Python 3's NumPy raises "data type 'string' not
understood". A Python 2 dialogue seq2seq script read its vocabulary with
``np.loadtxt(path, delimiter=" ", dtype="string")`` and looked words up by ``str`` literals
(``dictionary["NULL"]``).
"""

from __future__ import annotations

from pathlib import Path

import libcst as cst
import numpy as np
import pytest

from legacy2tf2.migrator.pre1_0 import fix_pre_1_0
from tests.e2e.helpers import python

HEAD = "import numpy as np\n"


def fix(body: str) -> tuple[str, list[str]]:
    new, changes = fix_pre_1_0(cst.parse_module(HEAD + body))
    assert new.code.startswith(HEAD)
    return new.code[len(HEAD) :], [code for *_, code, _msg in changes]


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            'words = np.loadtxt("dictionary.csv", delimiter=" ", dtype="string", skiprows=0)\n',
            'words = np.loadtxt("dictionary.csv", delimiter=" ", dtype=str, skiprows=0)\n',
        ),
        ("a = np.array(rows, dtype='string')\n", "a = np.array(rows, dtype=str)\n"),
        ("t = np.dtype('string')\n", "t = np.dtype(str)\n"),
        (
            "g = np.genfromtxt(f, dtype = 'string', delimiter=',')\n",
            "g = np.genfromtxt(f, dtype = str, delimiter=',')\n",
        ),
    ],
)
def test_python2_string_dtype_becomes_str(before: str, after: str) -> None:
    assert fix(before) == (after, ["L2T015"])
    assert fix(after) == (after, [])


@pytest.mark.parametrize(
    "body",
    [
        "a = np.array(rows, dtype='str')\n",  # a name NumPy 2 knows
        "a = np.array(rows, dtype='S')\n",
        "s = series.astype('string')\n",  # pandas' StringDtype: not NumPy's
        "import pandas as pd\ns = pd.Series(x, dtype='string')\n",
        "a = np.array(rows, 'string')\n",  # positional: not followed
        "a = np.array(rows, dtype=kind)\n",
    ],
)
def test_other_dtypes_are_left(body: str) -> None:
    assert fix(body) == (body, [])


def test_numpy_2_refuses_the_name_and_takes_str() -> None:
    with pytest.raises(TypeError):
        np.dtype("string")
    assert np.array(["NULL", "GO"], dtype=str)[0] == "NULL"


PROGRAM = """\
import numpy as np
from itertools import izip
dictionary = np.loadtxt("dictionary.csv", delimiter=" ", dtype="string", skiprows=0)
dictionary = dict(izip(list(dictionary), range(dictionary.shape[0])))
print dictionary["NULL"], dictionary["GO"], dictionary["hello"]
"""


def test_python2_program_reading_a_vocabulary_runs_as_on_python2(tmp_path: Path) -> None:
    pytest.importorskip("tensorflow")  # --full
    (tmp_path / "vocab.py").write_text(PROGRAM)
    (tmp_path / "dictionary.csv").write_text("NULL\nGO\nhello\n")
    done = python("-m", "legacy2tf2", "rewrite", "--full", "vocab.py", cwd=tmp_path, timeout=300)
    assert done.returncode == 0, done.stderr
    assert 'vocab.py:3:58: L2T015 dtype "string"' in done.stderr
    done = python("vocab.py", cwd=tmp_path, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.split() == ["0", "1", "2"]  # what Python 2 printed
