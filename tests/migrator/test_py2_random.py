"""``--full``: a seeded Python 2 file's ``random.shuffle``/``randrange``/``randint``/``choice``/
``sample`` become Python 2.7's (``legacy2tf2.runtime.py2_random``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from legacy2tf2.migrator.full_upgrade import full_upgrade
from legacy2tf2.migrator.py2_random import fix_seeded_random
from tests.e2e.helpers import python

IMPORT = "from legacy2tf2.runtime import py2_random\n\n"


def fix(source: str) -> tuple[str, list[str]]:
    new, changes = fix_seeded_random(source.encode())
    return new.decode(), [code for _line, _col, code, _msg in changes]


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            "import random\nrandom.seed(123)\nrandom.shuffle(rows)\n",
            "import random\n" + IMPORT + "random.seed(123)\npy2_random.shuffle(rows)\n",
        ),
        (
            # a public TF 0.x example's dummy data: seed and shuffle imported in a function
            "def load():\n"
            "    import random\n"
            "    from random import shuffle\n"
            "    random.seed(SEED)\n"
            "    shuffle(observations)\n",
            IMPORT + "def load():\n"
            "    import random\n"
            "    from random import shuffle\n"
            "    random.seed(SEED)\n"
            "    py2_random.shuffle(observations)\n",
        ),
        (
            "import random as r\nr.seed(0)\nb = [r.randint(0, n - 1) for _ in range(k)]\n"
            "c = r.choice(xs) + r.randrange(5)\nd = r.sample(xs, 2)\n",
            "import random as r\n" + IMPORT + "r.seed(0)\n"
            "b = [py2_random.randint(0, n - 1) for _ in range(k)]\n"
            "c = py2_random.choice(xs) + py2_random.randrange(5)\nd = py2_random.sample(xs, 2)\n",
        ),
    ],
)
def test_seeded_python_2_choices_become_python_2s(before: str, after: str) -> None:
    new, codes = fix(before)
    assert new == after
    assert codes and set(codes) == {"L2T022"}
    assert fix(new) == (new, [])


@pytest.mark.parametrize(
    "source",
    [
        # not seeded: the choices differ from run to run on either Python
        "import random\nrandom.shuffle(rows)\n",
        "import random\nrandom.seed()\nrandom.shuffle(rows)\n",
        # NumPy's generator is the same on both
        "import numpy as np\nimport random\nrandom.seed(1)\nnp.random.shuffle(rows)\n",
        # the same values on both Pythons
        "import random\nrandom.seed(1)\nx = random.random() + random.uniform(0, 1)\n",
    ],
)
def test_unseeded_or_same_on_both_stays(source: str) -> None:
    assert fix(source) == (source, [])


def test_only_python_2_files_are_changed() -> None:
    py3 = "import random\nrandom.seed(1)\nrandom.shuffle(rows)\nprint(rows)\n"
    assert full_upgrade(py3.encode()).source.decode() == py3
    py2 = "import random\nrandom.seed(1)\nrandom.shuffle(rows)\nprint rows\n"
    assert "py2_random.shuffle(rows)" in full_upgrade(py2.encode()).source.decode()


PROGRAM = """\
import random
random.seed(123)
x = [0, 1, 2, 3, 4, 5]
random.shuffle(x)
print x, random.randint(1, 10), random.choice('abcdef')
"""


@pytest.mark.heavy
def test_a_migrated_python_2_program_makes_python_2s_choices(tmp_path: Path) -> None:
    source = tmp_path / "split.py"
    source.write_text(PROGRAM)
    migrated = full_upgrade(source.read_bytes(), str(source))
    source.write_bytes(migrated.source)
    done = python(str(source), cwd=tmp_path)
    assert done.returncode == 0, done.stderr[-2000:]
    # Python 2.7 on the draws after seed(123) (.052364 .087187 .407242 .1077 .901199 .038154
    # .536...): shuffle [2, 3, 4, 1, 5, 0] from the first five, randint 1 + int(.038 * 10) = 1,
    # choice 'abcdef'[int(.536 * 6)] = 'd'
    assert done.stdout.splitlines()[-1] == "[2, 3, 4, 1, 5, 0] 1 d"
