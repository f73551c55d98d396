"""``--full``: Python 2's ``string`` module functions and locale letters, and ``map(None, ...)``,
which parse on Python 3 but raise when they run: exact before/after pairs, the cases reported,
and a migrated program printing what Python 2 printed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import libcst as cst
import pytest

from legacy2tf2.migrator.py2_names import fix_python2_names


def fix(source: str) -> tuple[str, list[str]]:
    new, changes = fix_python2_names(cst.parse_module(source))
    compile(new.code, "case.py", "exec")
    again, _ = fix_python2_names(cst.parse_module(new.code))
    assert again.code == new.code
    return new.code, [code for _line, _col, code, _msg in changes]


@pytest.mark.parametrize(
    ("before", "after"),
    [
        pytest.param(
            "import string\nline = string.replace(line, '\\n', '')\n",
            "import string\nline = line.replace('\\n', '')\n",
            id="replace",
        ),
        pytest.param(
            "import string\nw = string.split(string.lower(string.strip(t)), '\\t', 1)\n",
            "import string\nw = t.strip().lower().split('\\t', 1)\n",
            id="nested methods",
        ),
        pytest.param(
            "import os, string\nk = string.rstrip(a + b, ' ')\n",
            "import os, string\nk = (a + b).rstrip(' ')\n",
            id="an operation as the string gets parentheses",
        ),
        pytest.param(
            "import string\nv = string.split(s, sep=',', maxsplit=2)\n",
            "import string\nv = s.split(sep=',', maxsplit=2)\n",
            id="split keywords",
        ),
        pytest.param(
            "import string\nn = string.count(s, 'a') + string.find(s, 'b', 2)\n",
            "import string\nn = s.count('a') + s.find('b', 2)\n",
            id="count and find",
        ),
        pytest.param(
            "import string as st\nf = st.splitfields(s, ':')\n",
            "import string as st\nf = s.split(':')\n",
            id="splitfields, module alias",
        ),
        pytest.param(
            "import string\na = string.join(words)\nb = string.join(words, '')\nc = string.join(w, sep)\n",
            "import string\na = \" \".join(words)\nb = ''.join(words)\nc = sep.join(w)\n",
            id="join: default space, literal, name",
        ),
        pytest.param(
            "import string\ni = string.atoi(tok)\nh = string.atoi(tok, 16)\nf = string.atof(x)\n",
            "import string\ni = int(tok)\nh = int(tok, 16)\nf = float(x)\n",
            id="atoi and atof",
        ),
        pytest.param(
            "import string\nchars = string.letters + string.digits\nlow = string.lowercase\n",
            "import string\nchars = string.ascii_letters + string.digits\n"
            "low = string.ascii_lowercase\n",
            id="letters in the C locale",
        ),
        pytest.param(
            "from string import letters, uppercase as UP\n",
            "from string import ascii_letters as letters, ascii_uppercase as UP\n",
            id="letters imported by name",
        ),
        pytest.param(
            "pairs = map(None, xs, ys)\n",
            "import itertools\npairs = list(itertools.zip_longest(xs, ys))\n",
            id="map(None, a, b) is zip_longest",
        ),
        pytest.param("rows = map(None, xs)\n", "rows = list(xs)\n", id="map(None, a) is list(a)"),
        pytest.param(
            "import string\nclean = map(string.strip, lines)\natoi = string.atoi\n"
            "j = string.join\n",
            "import string\nclean = map((lambda s, *args: s.strip(*args)), lines)\natoi = int\n"
            'j = (lambda words, sep=" ": sep.join(words))\n',
            id="functions passed as values",
        ),
    ],
)
def test_string_pair(before: str, after: str) -> None:
    new, codes = fix(before)
    assert new == after
    assert set(codes) == {"L2T022"}


@pytest.mark.parametrize(
    "source",
    [
        pytest.param("import string\nz = string.zfill(n, 5)\n", id="zfill of a number"),
        pytest.param("import string\nt = string.maketrans('ab', 'cd')\n", id="maketrans"),
        pytest.param("import string\nj = string.join(w, a + b)\n", id="join, separator computed"),
        pytest.param("import string\nk = string.strip(s, chars='x')\n", id="keyword"),
        pytest.param("from string import join\n", id="function imported by name"),
        pytest.param("rows = map(None, *([iter(xs)] * 3))\n", id="map(None, *seqs)"),
        pytest.param(
            "import locale, string\nlocale.setlocale(locale.LC_ALL, '')\nx = string.letters\n",
            id="letters after setlocale",
        ),
    ],
)
def test_reported_and_left(source: str) -> None:
    assert fix(source) == (source, ["L2T023"])


@pytest.mark.parametrize(
    "source",
    [
        pytest.param("import string\nx = string.ascii_letters + string.capwords(s)\n", id="py3"),
        pytest.param("def f(string):\n    return string.lower(x)\n", id="a parameter"),
        pytest.param("x = mylib.string.join(a)\n", id="another module's string"),
        pytest.param("def map(f, *a):\n    pass\nr = map(None, a, b)\n", id="own map"),
    ],
)
def test_left_as_it_is(source: str) -> None:
    assert fix(source) == (source, [])


PROGRAM = """\
from __future__ import print_function
import string
import numpy as np
import tensorflow as tf

text = "The cat sat;  the mat\\n"
words = string.split(string.lower(string.replace(text, ";", " ")))
vocab = dict((w, i) for i, w in enumerate(sorted(set(words))))
ids = [vocab[w] for w in words]
chars = [c for c in string.strip(text) if c in string.letters]
pairs = map(None, ids, [len(chars)])
x = tf.placeholder(tf.float32, [None])
with tf.Session() as sess:
    total = sess.run(tf.reduce_sum(x), {x: [a + (b or 0) for a, b in pairs]})
print(string.join(words, "-"), ids, len(chars), string.atoi("7") + total)
"""


@pytest.mark.heavy
def test_python2_string_program_runs_after_rewrite_full(tmp_path: Path) -> None:
    program = tmp_path / "words.py"
    program.write_text(PROGRAM)
    rewrite = subprocess.run(
        [sys.executable, "-m", "legacy2tf2", "rewrite", "--full", str(program)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert rewrite.returncode == 0, rewrite.stdout + rewrite.stderr
    assert "string.replace(...) changed to s.replace(...)" in rewrite.stdout + rewrite.stderr
    run = subprocess.run(
        [sys.executable, str(program)], capture_output=True, text=True, check=False, cwd=tmp_path
    )
    assert run.returncode == 0, run.stderr[-2000:]
    # Python 2: words the-cat-sat-the-mat, ids [3, 0, 2, 3, 1], 15 letters, pairs
    # (3, 15) (0, None) (2, None) (3, None) (1, None) summed to 24, plus 7
    assert run.stdout.strip().splitlines()[-1] == "the-cat-sat-the-mat [3, 0, 2, 3, 1] 15 31.0"
