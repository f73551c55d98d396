"""TF 0.x's ``tf.nn.rnn``, ``tf.nn.bidirectional_rnn`` and ``tf.nn.state_saving_rnn`` in the CI
gate, the plain rewrite, ``rewrite --check`` and ``--full``.

TF 0.x's ``tf.nn`` exported the static RNN functions of ``tensorflow/python/ops/rnn.py`` under
their module names; TF 1.0 moved them to ``tf.contrib.rnn`` as ``static_rnn``,
``static_bidirectional_rnn`` and ``static_state_saving_rnn`` (TF 1.2 added ``tf.nn.static_*``);
neither TF 2's ``tf.nn`` nor ``tf.compat.v1.nn`` has the old names (checked below against the
installed TensorFlow), so a program calling them dies at run time. They are the functions
``rnn.rnn`` of ``tensorflow.python.ops`` reached, which the gate already reported: the same L2T006.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from codemod_pairs import assert_noop

from legacy2tf2.migrator.engine import check_source
from legacy2tf2.migrator.full_upgrade import full_upgrade, tensorflow_available
from legacy2tf2.migrator.renames import STATIC_RNN

#: The brief's reproduction: three tf.nn forms around the python.ops form the gate reported.
SOURCE = (
    "import tensorflow as tf\n"
    "from tensorflow.python.ops import rnn\n"
    "out, st = tf.nn.rnn(cell, xs, dtype=tf.float32)\n"
    "b = tf.nn.bidirectional_rnn(c1, c2, xs)\n"
    "c = rnn.rnn(cell2, xs)\n"
    'd = tf.nn.state_saving_rnn(cell3, xs, saver, "k")\n'
)
REPORTED = [(3, 11), (4, 5), (5, 5), (6, 5)]


def _static_rnn_reports(findings: list) -> list[tuple[int, int]]:
    return [(f.line, f.col) for f in findings if f.code == "L2T006" and STATIC_RNN in f.message]


def test_check_reports_every_tf_0_static_rnn_function() -> None:
    findings = check_source(SOURCE.encode(), "a.py")
    assert [(f.line, f.col, f.code) for f in findings] == [(*at, "L2T006") for at in REPORTED]
    assert all(STATIC_RNN in f.message for f in findings)
    assert findings[0].message.startswith("`tf.nn.rnn`: ")
    assert findings[3].message.startswith("`tf.nn.state_saving_rnn`: ")


@pytest.mark.parametrize(
    ("source", "name"),
    [
        ("import tensorflow.compat.v1 as tf\ny = tf.nn.rnn(cell, xs)\n", "`tf.nn.rnn`"),
        (
            "import tensorflow as tf\ny = tf.compat.v1.nn.bidirectional_rnn(a, b, xs)\n",
            "`tf.compat.v1.nn.bidirectional_rnn`",
        ),
        (
            "from tensorflow import nn\ny = nn.state_saving_rnn(c, xs, s, 'k')\n",
            "`nn.state_saving_rnn`",
        ),
        ("import tensorflow as tf\nrun = tf.nn.rnn\n", "`tf.nn.rnn`"),
    ],
)
def test_other_spellings_are_reported_too(source: str, name: str) -> None:
    """``tf.compat.v1.nn`` never had them either (TF 1.x's compat.v1 is TF 1.15's API)."""
    findings = check_source(source.encode(), "a.py")
    assert [f.code for f in findings] == ["L2T006"]
    assert findings[0].message.startswith(name + ": ")


def test_names_of_tf_1_x_and_tf_2_are_not_reported() -> None:
    source = (
        "import tensorflow as tf\n"
        "a = tf.nn.static_rnn(cell, xs, dtype=tf.float32)\n"
        "b = tf.nn.dynamic_rnn(cell, x, dtype=tf.float32)\n"
        "c = tf.compat.v1.nn.static_bidirectional_rnn(f, g, xs, dtype=tf.float32)\n"
        "d = tf.nn.raw_rnn(cell, loop_fn)\n"
    )
    assert check_source(source.encode(), "a.py") == []


def test_plain_rewrite_leaves_them_and_says_so() -> None:
    result = assert_noop(SOURCE, codes=("L2T006",) * 4)
    assert _static_rnn_reports(result.findings) == REPORTED
    assert all(f.message.endswith("; left untouched") for f in result.findings)


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "legacy2tf2", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_cli_check_and_rewrite_check_fail_on_such_a_file(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text(SOURCE)
    check = _cli("check", "a.py", cwd=tmp_path)
    assert check.returncode == 1
    lines = [line for line in check.stdout.splitlines() if line.startswith("a.py:")]
    assert [tuple(map(int, line.split(":")[1:3])) for line in lines] == REPORTED
    assert all(" L2T006 " in line for line in lines)
    would = _cli("rewrite", "--check", "a.py", cwd=tmp_path)
    assert would.returncode == 1
    reported = [line for line in would.stderr.splitlines() if line.startswith("a.py:")]
    assert [tuple(map(int, line.split(":")[1:3])) for line in reported] == REPORTED
    assert (tmp_path / "a.py").read_text() == SOURCE


needs_tf = pytest.mark.skipif(not tensorflow_available(), reason="--full needs tensorflow")


@needs_tf
def test_the_installed_tensorflow_has_none_of_the_old_names() -> None:
    import tensorflow as tf

    for nn in (tf.nn, tf.compat.v1.nn):
        for name in ("rnn", "bidirectional_rnn", "state_saving_rnn"):
            assert not hasattr(nn, name)
    assert hasattr(tf.compat.v1.nn, "static_state_saving_rnn")


@needs_tf
def test_full_reports_once_what_it_leaves_and_never_what_it_converts() -> None:
    """--full renames tf.nn.rnn whose state is not read as TF 0.6's per-step list (here the
    state is returned to nobody but a name never read again) and the bidirectional call unpacked
    into three; it leaves (its own L2T006, saying why) the bidirectional call not unpacked and
    state_saving_rnn whose state is read in a file of no known era."""
    source = (
        "import tensorflow as tf\n"
        "outs, _ = tf.nn.rnn(cell, xs, dtype=tf.float32)\n"
        "o, fw, bw = tf.nn.bidirectional_rnn(c1, c2, xs, dtype=tf.float32)\n"
        "b = tf.nn.bidirectional_rnn(c3, c4, xs)\n"
        'd, s = tf.nn.state_saving_rnn(cell2, xs, saver, "k")\n'
        "y = s[-1]\n"
    )
    result = full_upgrade(source.encode(), "a.py")
    new = result.source.decode()
    assert "tf.compat.v1.nn.static_rnn(cell, xs" in new
    assert "tf.compat.v1.nn.static_bidirectional_rnn(c1, c2, xs" in new
    assert "b = tf.nn.bidirectional_rnn(c3, c4, xs)" in new
    assert "tf.nn.state_saving_rnn(cell2" in new
    removed = [(f.line, f.col) for f in result.findings if f.code == "L2T006"]
    assert removed == [(4, 5), (5, 8)]  # one each, the pass's own, none for lines 2 and 3
    assert _static_rnn_reports(result.findings) == []


@needs_tf
def test_full_drops_the_report_of_a_converted_call_below_added_imports() -> None:
    """Our rewrite adds imports above the call (the cell's runtime module, copy for a cell run
    twice) and changes the call's line: the pre-1.0 pass's note is still placed on the call."""
    source = (
        "import tensorflow as tf\n"
        "cell = tf.nn.rnn_cell.GRUCell(4)\n"
        "o, fw, bw = tf.nn.bidirectional_rnn(cell, cell, xs, dtype=tf.float32)\n"
    )
    result = full_upgrade(source.encode(), "a.py")
    assert "static_bidirectional_rnn(cell, copy.deepcopy(cell), xs" in result.source.decode()
    assert [f for f in result.findings if f.code == "L2T006"] == []
    renamed = [(f.line, f.col) for f in result.findings if f.code == "L2T010"]
    assert renamed == [(3, 13)]
