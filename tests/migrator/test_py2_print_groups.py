"""``--full``: Python 2 print statements whose first item is parenthesized (``print ("loss %f") %
loss``, ``print ("step"), step``), which Python 3 parses as ``print(...)`` inside an operation
(``TypeError``) or a tuple (the other items silently never printed): exact before/after pairs,
the cases left, and a migrated TF program printing what Python 2 printed."""

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
            'print ("train_batch_num: %d") % (n)\n',
            'print(("train_batch_num: %d") % (n))\n',
            id="formatted",
        ),
        pytest.param(
            'print ("x %d %s") % (1, "a") + "!"\n',
            'print(("x %d %s") % (1, "a") + "!")\n',
            id="formatted then added",
        ),
        pytest.param('print ("step"), step\n', 'print(("step"), step)\n', id="items"),
        pytest.param('print ("step"), step,\n', 'print(("step"), step, end=" ")\n', id="softspace"),
        pytest.param("print (a, b), c\n", "print((a, b), c)\n", id="a tuple first"),
    ],
)
def test_print_group_pair(before: str, after: str) -> None:
    assert fix(before) == (after, ["L2T022"])


@pytest.mark.parametrize(
    "source",
    [
        pytest.param('from __future__ import print_function\nprint ("a"), n\n', id="py3 print"),
        pytest.param('x = print("a"), n\n', id="value read"),
        pytest.param('print("a")\n', id="a call"),
        pytest.param('def print(x):\n    pass\nprint ("a"), n\n', id="own print"),
        pytest.param("print (a, b) % c\n", id="tuple formatted: failed on Python 2 too"),
        pytest.param("(print (a)), n\n", id="parenthesized call"),
    ],
)
def test_left_as_it_is(source: str) -> None:
    assert fix(source) == (source, [])


PROGRAM = """\
import numpy as np
import tensorflow as tf

x = tf.placeholder(tf.float32, [2])
loss = tf.reduce_sum(x * x)
with tf.Session() as sess:
    for step in range(2):
        value = sess.run(loss, {x: np.array([1.0, 2.0]) * (step + 1)})
        print ("step %d, loss %.1f") % (step, value)
    print ("done:"), step, value
"""


@pytest.mark.heavy
def test_python2_print_groups_print_what_python2_printed(tmp_path: Path) -> None:
    program = tmp_path / "train.py"
    program.write_text(PROGRAM)
    rewrite = subprocess.run(
        [sys.executable, "-m", "legacy2tf2", "rewrite", "--full", str(program)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert rewrite.returncode == 0, rewrite.stdout + rewrite.stderr
    assert "train.py:10:5: L2T022 Python 2 print statement `print (a), b`" in (
        rewrite.stdout + rewrite.stderr
    )
    run = subprocess.run(
        [sys.executable, str(program)], capture_output=True, text=True, check=False, cwd=tmp_path
    )
    assert run.returncode == 0, run.stderr[-2000:]
    # Python 2: loss 1 + 4 = 5 at step 0, 4 + 16 = 20 at step 1 (x doubled)
    assert run.stdout.splitlines()[-3:] == ["step 0, loss 5.0", "step 1, loss 20.0", "done: 1 20.0"]
