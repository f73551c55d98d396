"""``--full``: Python 2's ``exec (code) in ns``, which Python 3 parses as a dropped comparison
(``exec(code)`` in the current namespace, then ``None in ns``): exact before/after pairs, the
shapes left alone, and a migrated program reading what the exec put in its dict."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import libcst as cst
import numpy as np
import pytest

from legacy2tf2.migrator.py2_names import fix_python2_names


def fix(source: str) -> tuple[str, list[str]]:
    new, changes = fix_python2_names(cst.parse_module(source))
    again, _ = fix_python2_names(cst.parse_module(new.code))
    assert again.code == new.code
    return new.code, [code for _line, _col, code, _msg in changes]


@pytest.mark.parametrize(
    ("before", "after"),
    [
        pytest.param(
            "config = {}\nexec(open(path).read()) in config\n",
            "config = {}\nexec(open(path).read(), config)\n",
            id="a dict",
        ),
        pytest.param(
            "exec (code) in globals(), ns  # the settings\n",
            "exec(code, globals(), ns)  # the settings\n",
            id="globals and locals",
        ),
        pytest.param(
            "def load(path):\n    ns = {}\n    exec(open(path).read()) in ns\n    return ns\n",
            "def load(path):\n    ns = {}\n    exec(open(path).read(), ns)\n    return ns\n",
            id="in a function (a namespace given: exact)",
        ),
        pytest.param(
            "exec('x = 1') in ns; y = ns['x']\n",
            "exec('x = 1', ns); y = ns['x']\n",
            id="before a semicolon",
        ),
    ],
)
def test_exec_in_pair(before: str, after: str) -> None:
    assert fix(before) == (after, ["L2T022"])


@pytest.mark.parametrize(
    "source",
    [
        pytest.param("found = exec(code) in ns\n", id="value read"),
        pytest.param("exec(code) not in ns\n", id="not in"),
        pytest.param("(exec(code)) in ns\n", id="parenthesized call"),
        pytest.param("exec(code, g) in ns\n", id="namespace already given"),
        pytest.param("exec(code) in ns,\n", id="trailing comma"),
        pytest.param("exec(code) in a, b, c\n", id="three namespaces"),
        pytest.param("def exec(code):\n    pass\nexec(code) in ns\n", id="own exec"),
        pytest.param("exec(code)\n", id="no namespace"),
    ],
)
def test_left_as_it_is(source: str) -> None:
    assert fix(source) == (source, [])


def test_finding_at_the_statement() -> None:
    _new, changes = fix_python2_names(
        cst.parse_module("import os\n\n  \nif 1:\n    exec(c) in d\n")
    )
    assert [(line, col, code) for line, col, code, _ in changes] == [(5, 5, "L2T022")]


PROGRAM = """\
from __future__ import print_function
import numpy as np
import tensorflow as tf

settings = {"hidden": 2, "scale": 1.0}
exec(open("settings.cfg").read()) in settings

x = tf.placeholder(tf.float32, [1, 3])
w = tf.constant(np.ones((3, settings["hidden"]), np.float32) * settings["scale"])
with tf.Session() as sess:
    print(sess.run(tf.matmul(x, w), {x: [[1.0, 2.0, 3.0]]}).tolist())
"""


@pytest.mark.heavy
def test_program_reads_the_settings_exec_put_in_its_dict(tmp_path: Path) -> None:
    program = tmp_path / "train.py"
    program.write_text(PROGRAM)
    (tmp_path / "settings.cfg").write_text("hidden = 4\nscale = 0.5\n")
    rewrite = subprocess.run(
        [sys.executable, "-m", "legacy2tf2", "rewrite", "--full", str(program)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert rewrite.returncode == 0, rewrite.stdout + rewrite.stderr
    assert "train.py:6:1: L2T022 Python 2 `exec(code) in ns`" in rewrite.stdout + rewrite.stderr
    assert 'exec(open("settings.cfg").read(), settings)\n' in program.read_text()
    run = subprocess.run(
        [sys.executable, str(program)], capture_output=True, text=True, check=False, cwd=tmp_path
    )
    assert run.returncode == 0, run.stderr[-2000:]
    # Python 2 read hidden = 4 and scale = 0.5 into settings (Python 3 as written: 2 and 1.0)
    expected = (np.array([[1.0, 2.0, 3.0]]) @ (np.ones((3, 4)) * 0.5)).tolist()
    assert run.stdout.strip().splitlines()[-1] == str(expected)
