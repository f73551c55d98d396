"""``full_upgrade`` on sources: the pre-1.0 fixes, graph mode, byte guarantees, findings, order."""

from __future__ import annotations

from pathlib import Path

import pytest

from legacy2tf2.migrator import engine
from legacy2tf2.migrator.engine import SourceParseError
from legacy2tf2.migrator.full_upgrade import _graph_fixes, _graph_mode, _pre_1_0, full_upgrade
from legacy2tf2.migrator.numpy_promotion import fix_scalar_promotion
from legacy2tf2.migrator.numpy_ragged import fix_ragged_arrays
from legacy2tf2.migrator.tf0_slots import fix_tf0_slots
from legacy2tf2.migrator.tf_upgrader import upgrade_text
from tests.e2e.helpers import EXAMPLES, ROOT

pytestmark = pytest.mark.e2e

HEAD = b"import tensorflow as tf\n"
DISABLE = b"tf.compat.v1.disable_eager_execution()\ntf.compat.v1.disable_resource_variables()\n"


def _full(body: bytes) -> bytes:
    return full_upgrade(body, "x.py").source


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (b"y = tf.concat(1, [a, b])\n", b"y = tf.concat([a, b], 1)\n"),
        (b"y = tf.concat(-1, [a, b], name='c')\n", b"y = tf.concat([a, b], -1, name='c')\n"),
        (b"y = tf.concat([a, b], 1)\n", b"y = tf.concat([a, b], 1)\n"),
        (b"y = tf.concat(axis, [a, b])\n", b"y = tf.concat(axis, [a, b])\n"),  # unknown: kept
        (b"y = tf.concat(concat_dim=1, values=v)\n", b"y = tf.concat(axis=1, values=v)\n"),
        (b"s = tf.split(1, n, x)\n", b"s = tf.split(x, n, 1)\n"),
        (b"s = tf.split(0, 2, x)\n", b"s = tf.split(x, 2, 0)\n"),
        (b"s = tf.split(x, 2, 1)\n", b"s = tf.split(x, 2, 1)\n"),
        (
            b"s = tf.split(split_dim=1, num_split=2, value=x)\n",
            b"s = tf.split(axis=1, num_or_size_splits=2, value=x)\n",
        ),
        (b"p = tf.pack([a, b])\n", b"p = tf.stack([a, b])\n"),
        (b"u = tf.unpack(x)\n", b"u = tf.unstack(x)\n"),
        (b"m = tf.mul(a, b)\n", b"m = tf.multiply(a, b)\n"),
        (b"f = tf.pack\n", b"f = tf.stack\n"),
    ],
)
def test_pre_1_0_calls(before: bytes, after: bytes) -> None:
    assert _full(HEAD + before) == HEAD + after


def test_pre_1_0_variables_then_tensorflow_upgrader() -> None:
    source = HEAD + b"init = tf.initialize_all_variables()\nall = tf.all_variables()\n"
    assert _full(source) == HEAD + DISABLE + (
        b"init = tf.compat.v1.global_variables_initializer()\n"
        b"all = tf.compat.v1.global_variables()\n"
    )


def test_only_tensorflow_names_are_touched() -> None:
    source = b"import numpy as tf\ny = tf.concat(1, x)\nz = tf.pack(a)\n"
    result = full_upgrade(source, "x.py")
    assert not result.changed and result.source is source


def test_graph_program_gets_one_disable_eager_call_after_the_import() -> None:
    source = b'"""Doc."""\nimport os\nimport tensorflow as tf\n\nx = tf.placeholder(tf.float32)\n'
    result = full_upgrade(source, "x.py")
    assert result.source == (
        b'"""Doc."""\nimport os\nimport tensorflow as tf\n'
        + DISABLE
        + b"\nx = tf.compat.v1.placeholder(tf.float32)\n"
    )
    assert [(f.line, f.code) for f in result.findings] == [(3, "L2T013")]
    assert full_upgrade(result.source, "x.py").source == result.source


@pytest.mark.parametrize(
    ("imports", "call"),
    [
        (
            b"import tensorflow.compat.v1 as tf\n",
            b"tf.disable_eager_execution()\ntf.disable_resource_variables()\n",
        ),
        (
            b"import tensorflow\n",
            b"tensorflow.compat.v1.disable_eager_execution()\n"
            b"tensorflow.compat.v1.disable_resource_variables()\n",
        ),
    ],
)
def test_disable_eager_call_follows_the_import_style(imports: bytes, call: bytes) -> None:
    name = b"tensorflow" if imports == b"import tensorflow\n" else b"tf"
    source = imports + b"x = " + name + b".placeholder(" + name + b".float32)\n"
    assert _full(source).startswith(imports + call)


def test_compat_v1_alias_keeps_its_names_and_gets_pre_1_0_fixes() -> None:
    source = (
        b"import tensorflow.compat.v1 as tf\nx = tf.placeholder(tf.float32)\ny = tf.concat(1, x)\n"
    )
    assert _full(source) == (
        b"import tensorflow.compat.v1 as tf\ntf.disable_eager_execution()\n"
        b"tf.disable_resource_variables()\n"
        b"x = tf.placeholder(tf.float32)\ny = tf.concat(x, 1)\n"
    )


@pytest.mark.parametrize(
    "body",
    [
        b"y = tf.reduce_sum(tf.ones([2]))\n",  # eager-friendly: nothing added
        b"tf.enable_eager_execution()\nx = tf.placeholder(tf.float32)\n",  # mode chosen
        b"tf.compat.v1.disable_eager_execution()\nx = tf.placeholder(tf.float32)\n",
    ],
)
def test_no_disable_eager_call_when_not_needed(body: bytes) -> None:
    assert _full(HEAD + body).count(b"disable_eager_execution") == body.count(b"disable_eager")


def test_bytes_outside_the_changes_stay_crlf_bom_tabs_cookie_comments() -> None:
    source = (
        b"\xef\xbb\xbf# -*- coding: utf-8 -*-\r\n"
        b"import tensorflow as tf  # the framework\r\n"
        b"\r\n"
        b"def f(a,  b):\r\n"
        b"\tx = tf.placeholder( tf.float32 ,[None])   # \xc3\xa9t\xc3\xa9\r\n"
        b"\treturn tf.concat(1, [a,b])\r\n"
        b"y = 'tf.placeholder'"
    )
    expected = (
        b"\xef\xbb\xbf# -*- coding: utf-8 -*-\r\n"
        b"import tensorflow as tf  # the framework\r\n"
        b"tf.compat.v1.disable_eager_execution()\r\n"
        b"tf.compat.v1.disable_resource_variables()\r\n"
        b"\r\n"
        b"def f(a,  b):\r\n"
        b"\tx = tf.compat.v1.placeholder( tf.float32 ,[None])   # \xc3\xa9t\xc3\xa9\r\n"
        b"\treturn tf.concat([a,b], 1)\r\n"
        b"y = 'tf.placeholder'"
    )
    result = full_upgrade(source, "x.py")
    assert result.source == expected
    assert full_upgrade(result.source, "x.py").source == expected


def test_findings_are_positioned_in_the_input() -> None:
    source = (
        b"import tensorflow as tf\n"
        b"c = tf.contrib.rnn.GRUCell(4)\n"  # our rewrite adds an import line above the code
        b"w = tf.get_variable('w', [2]); saver.save(sess, 'm')\n"
        b"y = tf.concat(1, [w, w])\n"
        b"x = tf.placeholder(tf.float32)\n"
    )
    result = full_upgrade(source, "m.py")
    found = {(f.line, f.col, f.code) for f in result.findings}
    assert (3, 32, "L2T011") in found  # *.save: the upgrader's manual-check warning
    assert (4, 5, "L2T010") in found  # tf.concat's pre-1.0 order
    assert (1, 1, "L2T013") in found
    assert all(f.path == "m.py" for f in result.findings)


def test_tf1_summaries_end_on_compat_v1_whatever_the_upgrader_kept() -> None:
    source = HEAD + (
        b"x = tf.placeholder(tf.float32)\n"
        b"tf.summary.scalar('loss', x)\n"
        b"tf.histogram_summary('x', x)\n"
        b"merged = tf.summary.merge_all()\n"
        b"old = tf.merge_all_summaries()\n"
        b"writer = tf.train.SummaryWriter('logs')\n"
    )
    result = full_upgrade(source, "s.py")
    assert result.source == HEAD + DISABLE + (
        b"x = tf.compat.v1.placeholder(tf.float32)\n"
        b"tf.compat.v1.summary.scalar('loss', x)\n"
        b"tf.compat.v1.summary.histogram('x', x)\n"
        b"merged = tf.compat.v1.summary.merge_all()\n"
        b"old = tf.compat.v1.summary.merge_all()\n"
        b"writer = tf.compat.v1.summary.FileWriter('logs')\n"
    )
    found = [(f.line, f.code) for f in result.findings if f.code in {"L2T017", "L2T019"}]
    assert found == [(3, "L2T017"), (4, "L2T017"), (6, "L2T017"), (7, "L2T017")]
    assert full_upgrade(result.source, "s.py").source == result.source


def test_summaries_alone_make_a_graph_program() -> None:
    source = HEAD + b"merged = tf.merge_all_summaries()\n"
    assert _full(source) == HEAD + DISABLE + b"merged = tf.compat.v1.summary.merge_all()\n"


def test_checkpoint_file_test_becomes_checkpoint_exists_after_the_upgrader() -> None:
    source = HEAD + (
        b"ckpt = tf.train.get_checkpoint_state(d)\n"
        b"if ckpt and tf.gfile.Exists(ckpt.model_checkpoint_path):\n"
        b"    pass\n"
    )
    result = full_upgrade(source, "c.py")
    assert result.source == HEAD + (
        b"ckpt = tf.train.get_checkpoint_state(d)\n"
        b"if ckpt and tf.compat.v1.train.checkpoint_exists(ckpt.model_checkpoint_path):\n"
        b"    pass\n"
    )
    assert [(f.line, f.col, f.code) for f in result.findings] == [(3, 13, "L2T018")]


def test_contrib_left_over_is_an_upgrader_error_and_code_is_kept() -> None:
    source = HEAD + b"x = tf.contrib.layers.layer_norm(y)\n"
    result = full_upgrade(source, "x.py")
    assert b"tf.contrib.layers.layer_norm(y)" in result.source
    assert "L2T012" in {f.code for f in result.findings}


def test_unparseable_source_raises_the_engine_error() -> None:
    # a missing colon is broken in any Python: the Python 2 step cannot make it parse
    with pytest.raises(SourceParseError):
        full_upgrade(b"import tensorflow as tf\nprint 'a'\nif ready\n    go()\n", "py2.py")


def test_python2_print_statement_is_repaired_first() -> None:
    result = full_upgrade(b"import tensorflow as tf\nprint 'hello', tf.__version__\n", "py2.py")
    assert result.source == b"import tensorflow as tf\nprint('hello', tf.__version__)\n"
    assert [(f.line, f.col, f.code) for f in result.findings] == [(2, 1, "L2T022")]


@pytest.mark.parametrize("path", sorted(EXAMPLES.rglob("*.py")), ids=lambda p: p.name)
def test_examples_idempotent_and_order_independent(path: Path) -> None:
    """Ours first, or TensorFlow's upgrader first: the same code; and twice equals once."""
    source = path.read_bytes()
    once = full_upgrade(source, path.name).source
    assert full_upgrade(once, path.name).source == once
    upgraded, _ = upgrade_text(_pre_1_0(source)[0])
    fixed, _ = _graph_fixes(engine.rewrite_source(upgraded, path.name).source)
    other_order, graph_line, _ = _graph_mode(fixed)
    if graph_line is not None:  # the steps after the upgrader's, on either order's result
        other_order, _ = fix_tf0_slots(other_order, source)
    other_order, _ = fix_ragged_arrays(other_order)
    other_order, _ = fix_scalar_promotion(other_order)
    assert other_order == once


@pytest.mark.parametrize(
    "body",
    [
        b"match x:\n    case 1:\n        y = tf.placeholder(tf.float32)\n",
        b"if (n := 3):\n    y = tf.placeholder(tf.float32)\n",
    ],
    ids=["match", "walrus"],
)
def test_syntax_the_upgrader_cannot_parse_keeps_our_rewrite(body: bytes) -> None:
    source = HEAD + b"c = tf.contrib.rnn.GRUCell(3)\n" + body
    result = full_upgrade(source, "new.py")
    assert result.changed
    assert b"c = rnn_cell.GRUCell(3)\n" in result.source
    assert b"tf.placeholder(tf.float32)" in result.source  # the upgrader's part is not done
    assert "L2T012" in {f.code for f in result.findings}
    assert full_upgrade(result.source, "new.py").source == result.source


CODEMOD_INPUTS = sorted((ROOT / "fixtures" / "codemod").rglob("before.py"))


@pytest.mark.parametrize("path", CODEMOD_INPUTS, ids=lambda p: p.parent.name)
def test_codemod_fixtures_upgrade_without_internal_errors_and_idempotently(path: Path) -> None:
    result = full_upgrade(path.read_bytes(), str(path))
    assert result.changed
    assert "L2T003" not in {f.code for f in result.findings}
    assert full_upgrade(result.source, str(path)).source == result.source
    compile(result.source, str(path), "exec")


def test_the_runner_upgrades_python_and_notebooks(tmp_path: Path) -> None:
    import json

    from legacy2tf2.migrator import runner, steps
    from legacy2tf2.migrator.files import SourceFile

    script = tmp_path / "m.py"
    script.write_bytes(HEAD + b"x = tf.placeholder(tf.float32)\n")
    cell = "import tensorflow as tf\nc = tf.contrib.rnn.GRUCell(4)\n"
    notebook = tmp_path / "n.ipynb"
    notebook.write_text(
        json.dumps(
            {
                "cells": [
                    {
                        "cell_type": "code",
                        "metadata": {},
                        "outputs": [],
                        "execution_count": None,
                        "source": cell.splitlines(True),
                    }
                ],
                "metadata": {},
                "nbformat": 4,
                "nbformat_minor": 5,
            }
        )
    )
    missing = SourceFile("gone.py", str(tmp_path / "gone.py"))
    files = [SourceFile("m.py", str(script)), SourceFile("n.ipynb", str(notebook)), missing]
    done: list[int] = []
    py, nb, gone = runner.run(files, steps.FULL, jobs=1, progress=done.append)
    assert sum(done) == 3
    assert py.changed and py.new is not None and b"tf.compat.v1.placeholder" in py.new
    assert nb.changed and nb.new is not None and b"rnn_cell.GRUCell(4)" in nb.new
    assert not nb.findings  # cells upgraded like a .py file, nothing left to report
    assert gone.skipped and not gone.changed


ISOLATION_PROBE = r"""
import sys

class Block:
    def find_spec(self, name, path=None, target=None):
        if name == "tensorflow" or name.startswith(("tensorflow.", "keras", "legacy2tf2.runtime")):
            raise ImportError(f"must not import {name}")
        return None

sys.meta_path.insert(0, Block())
import legacy2tf2.cli
from legacy2tf2.migrator import full_upgrade, graph_mode, pre1_0, tf_upgrader
from legacy2tf2.commands import demo
print("ok")
"""


def test_the_full_path_imports_tensorflow_only_when_it_runs() -> None:
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-c", ISOLATION_PROBE],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PYTHONPATH": str(ROOT), "PATH": ""},
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"


def test_latin_1_source_keeps_its_encoding() -> None:
    source = (
        "# -*- coding: latin-1 -*-\nimport tensorflow as tf\n# caf\xe9\n"
        "x = tf.placeholder(tf.float32)  # \xe9\ny = tf.concat(1, [x, x])\n"
    ).encode("latin-1")
    expected = (
        "# -*- coding: latin-1 -*-\nimport tensorflow as tf\n"
        "tf.compat.v1.disable_eager_execution()\ntf.compat.v1.disable_resource_variables()\n"
        "# caf\xe9\n"
        "x = tf.compat.v1.placeholder(tf.float32)  # \xe9\ny = tf.concat([x, x], 1)\n"
    ).encode("latin-1")
    assert full_upgrade(source, "l.py").source == expected
