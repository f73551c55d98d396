"""``--full``: a Python 2 program's ``map``/``zip`` results are lists, as Python 2 made them."""

from __future__ import annotations

import pytest

from legacy2tf2.migrator.full_upgrade import full_upgrade
from legacy2tf2.migrator.py2_lists import fix_list_results


def fix(source: str) -> tuple[str, list[str]]:
    new, changes = fix_list_results(source.encode())
    return new.decode(), [code for _line, _col, code, _msg in changes]


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            "tensor = np.array(map(vocab.get, data))\n",
            "tensor = np.array(list(map(vocab.get, data)))\n",
        ),
        ("pairs = zip(a, b)\n", "pairs = list(zip(a, b))\n"),
        ("random.shuffle(zip(x, y))\n", "random.shuffle(list(zip(x, y)))\n"),
        ("n = len(map(int, line.split()))\n", "n = len(list(map(int, line.split())))\n"),
        ("first = zip(*rows)[0]\n", "first = list(zip(*rows))[0]\n"),
    ],
)
def test_map_and_zip_results_kept_become_lists(before: str, after: str) -> None:
    new, codes = fix(before)
    assert new == after
    assert codes == ["L2T022"]
    assert fix(new) == (new, [])


@pytest.mark.parametrize(
    "source",
    [
        "for a, b in zip(x, y):\n    pass\n",
        "ids = [int(t) for t in map(str.strip, words)]\n",
        "vocab = dict(zip(chars, range(len(chars))))\n",
        "chars = list(zip(*pairs))\n",
        "s = sum(map(len, lines))\n",
        "text = ' '.join(map(str, ids))\n",
        "train_op = opt.apply_gradients(zip(grads, tvars), global_step=step)\n",
        "rows = map(f, a, b)\n",  # Python 2 padded the shorter with None
        "rows = map(None, a)\n",
        "def map(f, x):\n    return x\ny = map(g, z)\n",  # not the builtin
        "from itertools import izip as zip\npairs = zip(a, b)\n",
    ],
)
def test_results_consumed_once_and_other_calls_stay(source: str) -> None:
    assert fix(source) == (source, [])


def test_only_python_2_files_are_changed() -> None:
    py2 = "import numpy as np\nfor i in xrange(2):\n    t = np.array(map(int, '12'))\n"
    py3 = "import numpy as np\nfor i in range(2):\n    t = np.array(map(int, '12'))\n"
    assert "np.array(list(map(int, '12')))" in full_upgrade(py2.encode()).source.decode()
    assert full_upgrade(py3.encode()).source.decode() == py3


def test_izip_and_imap_stay_iterators() -> None:
    py2 = (
        "import itertools\nfor i in xrange(2):\n"
        "    pairs = itertools.izip(a, b)\n    kept = zip(a, b)\n"
    )
    new = full_upgrade(py2.encode()).source.decode()
    assert "pairs = zip(a, b)\n" in new
    assert "kept = list(zip(a, b))\n" in new
