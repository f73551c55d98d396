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
        "rows = map(None, a)\n",
        "def map(f, x):\n    return x\ny = map(g, z)\n",  # not the builtin
        "from itertools import izip as zip\npairs = zip(a, b)\n",
    ],
)
def test_results_consumed_once_and_other_calls_stay(source: str) -> None:
    assert fix(source) == (source, [])


def test_only_python_2_files_are_changed() -> None:
    py2 = "import numpy as np\nfor i in xrange(2):\n    t = np.array(map(int, '12'))\n"
    # (NumPy given the iterator would itself tell Python 2: see below)
    py3 = "import numpy as np\nfor i in range(2):\n    t = map(int, '12')\n"
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


@pytest.mark.parametrize(
    ("before", "after"),
    [
        pytest.param(
            "first = vocab.keys()[0]\n", "first = list(vocab.keys())[0]\n", id="subscript"
        ),
        pytest.param(
            "for i in range(5):\n    print(counter.items()[i])\n",
            "for i in range(5):\n    print(list(counter.items())[i])\n",
            id="indexed in a loop",
        ),
        pytest.param("head = d.keys()[:3]\n", "head = list(d.keys())[:3]\n", id="sliced"),
        pytest.param(
            "import numpy as np\ntotal = np.sum(counts.values())\n",
            "import numpy as np\ntotal = np.sum(list(counts.values()))\n",
            id="numpy function",
        ),
        pytest.param(
            "import numpy as np\nrows = np.array(d.items(), dtype=object)\n",
            "import numpy as np\nrows = np.array(list(d.items()), dtype=object)\n",
            id="numpy array",
        ),
        pytest.param(
            "import random\nw = random.choice(vocab.keys())\n",
            "import random\nw = random.choice(list(vocab.keys()))\n",
            id="random.choice",
        ),
    ],
)
def test_dict_views_used_as_python_2_lists_become_lists(before: str, after: str) -> None:
    """Python 2's dict.keys()/values()/items() returned lists (Python 2.7 docs, "Mapping Types":
    "Return a copy of the dictionary's list of keys"); Python 3's views are not subscriptable,
    and NumPy wraps a view in a 0-d object array (np.sum and np.max return the view itself)."""
    new, codes = fix(before)
    assert new == after
    assert codes == ["L2T022"]
    assert fix(new) == (new, [])


def test_numpy_reads_a_dict_view_as_one_object_not_its_values() -> None:
    """Why the NumPy case is a silent wrong result on Python 3, not a loud one."""
    np = pytest.importorskip("numpy")
    counts = {"a": 2, "b": 3}
    assert np.array(counts.values()).shape == ()
    assert np.sum(list(counts.values())) == 5


@pytest.mark.parametrize(
    "source",
    [
        "n = len(d.keys())\n",
        "found = k in d.keys()\n",
        "for k, v in d.items():\n    pass\n",
        "pairs = sorted(d.items())\n",
        "ks = list(d.keys())[0]\n",
        "x = f(d.values())\n",  # not known to need a sequence
        "y = store.keys(prefix)[0]\n",  # an argument: not dict's method
        "z = {}.fromkeys(a)[0]\n",
    ],
)
def test_dict_views_a_view_serves_stay(source: str) -> None:
    assert fix(source) == (source, [])


def test_dict_views_change_only_in_python_2_code() -> None:
    py2 = "for i in xrange(2):\n    print(d.keys()[0])\n"
    py3 = "for i in range(2):\n    print(d.keys()[0])\n"
    assert "print(list(d.keys())[0])" in full_upgrade(py2.encode()).source.decode()
    assert full_upgrade(py3.encode()).source.decode() == py3


NAMES_HELPER = """\
from __future__ import print_function
import numpy as np

_EON = 0


def name_to_ids(name):
    ids = map(lambda c: ord(c) - 96, name)
    return np.array(ids)


def name_to_batch(name):
    data = np.zeros(8)
    for i, letter in enumerate(map(lambda c: ord(c) - 96, name) + [_EON]):
        data[i] = letter
    return data
"""

NAMES_HELPER_AFTER = """\
from __future__ import print_function
import numpy as np

_EON = 0


def name_to_ids(name):
    ids = list(map(lambda c: ord(c) - 96, name))
    return np.array(ids)


def name_to_batch(name):
    data = np.zeros(8)
    for i, letter in enumerate(list(map(lambda c: ord(c) - 96, name)) + [_EON]):
        data[i] = letter
    return data
"""


def test_map_result_added_to_a_list_marks_the_file_python_2() -> None:
    # TF 0.x namignizer's data_utils: no Python 2 statement, but map(...) + [EON] only ran
    # on Python 2 (TypeError on Python 3); every kept map() result there was a list
    result = full_upgrade(NAMES_HELPER.encode())
    assert result.source.decode() == NAMES_HELPER_AFTER
    codes = [f.code for f in result.findings]
    assert codes.count("L2T022") == 2


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            "import numpy as np\na = np.array(map(int, line.split()))\nb = a[: len(a) / 2]\n",
            "import numpy as np\na = np.array(list(map(int, line.split())))\nb = a[: len(a) // 2]\n",
        ),
        (
            # a public TF 0.x example's dummy data, inside a function that imports numpy
            "def load():\n"
            "    import numpy as np\n"
            "    obs = np.array([map(lambda ch: [int(ch)], s) for s in rows])\n"
            "    return obs[: len(obs) / 2]\n",
            "from legacy2tf2.runtime import numpy1\n\n"
            "def load():\n"
            "    import numpy as np\n"
            "    obs = numpy1.array([list(map(lambda ch: [int(ch)], s)) for s in rows])\n"
            "    return obs[: len(obs) // 2]\n",
        ),
        (
            "import numpy\npairs = numpy.asarray((zip(a, b), zip(c, d)))\n",
            "import numpy\npairs = numpy.asarray((list(zip(a, b)), list(zip(c, d))))\n",
        ),
    ],
)
def test_map_result_given_to_numpy_marks_the_file_python_2(before: str, after: str) -> None:
    # on Python 3 NumPy makes an object array holding the iterator, which no program means:
    # the file ran on Python 2, whose map() and zip() results were lists
    result = full_upgrade(before.encode())
    assert result.source.decode() == after
    # (rows whose lengths follow the data also get NumPy 1's ragged array, L2T015)
    assert {f.code for f in result.findings} - {"L2T015"} == {"L2T022"}


@pytest.mark.parametrize(
    "source",
    [
        # no list added: Python 3 code may mean the iterator
        "from __future__ import print_function\nids = map(int, xs)\nfor i in ids:\n    pass\n",
        # `map` is the file's own function, whose result may well support +
        "def map(f, xs):\n    return [f(x) for x in xs]\nids = map(int, xs) + [0]\n",
        # a tuple, not a list: not this evidence
        "from __future__ import print_function\npairs = zip(a, b) + (c,)\n",
        # NumPy given a list of the iterator, or a function that is not NumPy's
        "import numpy as np\nx = np.array(list(map(int, s)))\ny = np.array(xs, map(f, s))\n",
        "import numpy as np\nfor v in map(int, s):\n    x = g.array(map(int, s))\n",
    ],
)
def test_without_a_map_result_added_to_a_list_nothing_changes(source: str) -> None:
    assert full_upgrade(source.encode()).source.decode() == source


@pytest.mark.parametrize(
    ("before", "after"),
    [
        pytest.param(
            "rows = map(f, a, b)\n",
            "rows = list(itertools.starmap(f, itertools.zip_longest(a, b)))\n",
            id="kept",
        ),
        pytest.param(
            "for s in map(lambda x, y: x + y, a, b, ):\n    pass\n",
            "for s in itertools.starmap(lambda x, y: x + y, itertools.zip_longest(a, b)):\n"
            "    pass\n",
            id="consumed once",
        ),
    ],
)
def test_map_of_several_iterables_pads_as_python2(before: str, after: str) -> None:
    assert fix(before) == (after, ["L2T022"])


def test_map_of_several_iterables_reported_where_itertools_is_another_name() -> None:
    source = "itertools = None\nrows = map(f, a, b)\n"
    assert fix(source) == (source, ["L2T023"])


def test_padded_map_in_a_python2_program_computes_python2s_lists() -> None:
    py2 = (
        "import numpy as np\nfor i in xrange(1):\n"
        "    rows = map(lambda a, b: (a, b), [1, 2, 3], 'ab')\n"
        "    best = np.array(map(max, [1, 5], [4, 2]))\n"
    )
    new = full_upgrade(py2.encode()).source.decode()
    assert new.startswith("import numpy as np\nimport itertools\n")
    namespace: dict = {}
    exec(new, namespace)
    # Python 2.7: [(1, 'a'), (2, 'b'), (3, None)] and array([4, 5])
    assert namespace["rows"] == [(1, "a"), (2, "b"), (3, None)]
    assert namespace["best"].tolist() == [4, 5]


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            "import random\nidx = range(10)\nrandom.shuffle(idx)\nprint idx\n",
            "import random\nidx = list(range(10))\nrandom.shuffle(idx)\nprint(idx)\n",
        ),
        (
            "import numpy as np\nperm = range(n)\nnp.random.shuffle(perm)\nprint perm\n",
            "import numpy as np\nperm = list(range(n))\nnp.random.shuffle(perm)\nprint(perm)\n",
        ),
        (
            "ids = range(3)\nids.append(9)\nids[0] = 4\nprint ids\n",
            "ids = list(range(3))\nids.append(9)\nids[0] = 4\nprint(ids)\n",
        ),
    ],
)
def test_a_kept_range_the_file_mutates_becomes_a_list(before: str, after: str) -> None:
    # Python 2's range() returned a list; Python 3's range refuses item assignment and append
    result = full_upgrade(before.encode())
    assert result.source.decode() == after
    assert "L2T022" in {f.code for f in result.findings}


@pytest.mark.parametrize(
    "source",
    [
        # read only: a Python 3 range serves (iterated, indexed, len)
        "r = range(4)\nfor i in r:\n    print i\nprint len(r), r[0]\n",
        # xrange was lazy on Python 2 too (it becomes range, unchanged)
        "import random\nidx = xrange(10)\nfor i in idx:\n    print i\n",
    ],
)
def test_a_range_only_read_stays(source: str) -> None:
    assert "list(range" not in full_upgrade(source.encode()).source.decode()
