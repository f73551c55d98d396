"""The engine API the CLI codes against: results, pre-filter, parse errors, never raising."""

from __future__ import annotations

import pytest

from legacy2tf2.migrator import CODES, engine
from legacy2tf2.migrator.engine import (
    RewriteResult,
    SourceParseError,
    check_source,
    list_rewrites,
    needs_parse,
    rewrite_source,
)
from legacy2tf2.migrator.renames import CELLS, FUNCTIONS, LEGACY, MODULE_ALIASES


def test_unchanged_source_comes_back_as_the_same_object() -> None:
    source = b"import tensorflow as tf\nx = tf.zeros(1)  # contrib mentioned here only\n"
    result = rewrite_source(source)
    assert result == RewriteResult(source, [], False)
    assert result.source is source


def test_changed_source_reports_changed_and_findings_carry_the_path() -> None:
    result = rewrite_source(
        b"import tensorflow as tf\nc = tf.contrib.rnn.NASCell(1)\nd = tf.contrib.rnn.GRUCell(1)\n",
        "m.py",
    )
    assert result.changed is True
    assert [(f.path, f.line, f.col, f.code) for f in result.findings] == [("m.py", 2, 5, "L2T002")]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (b"import os\nprint(os.sep)\n", False),
        (b"import tensorflow as tf\nx = tf.zeros(1)\n", False),
        (b"from tensorflow.contrib import layers\n", True),
        (b"from tensorflow.models.rnn import seq2seq\n", True),
        (b"cell = tf.nn.rnn_cell.GRUCell(3)\n", True),
    ],
    ids=[
        "plain python",
        "tensorflow without legacy names",
        "any contrib",
        "pre-1.0 seq2seq",
        "rnn_cell",
    ],
)
def test_needs_parse_is_a_byte_prefilter(source: bytes, expected: bool) -> None:
    assert needs_parse(source) is expected


def test_source_the_prefilter_skips_is_not_even_parsed() -> None:
    garbage = b"print 'python 2 without any of the words'\n"
    assert rewrite_source(garbage).source is garbage
    assert check_source(garbage) == []


@pytest.mark.parametrize(
    ("source", "line", "reason"),
    [
        (b"import tensorflow as tf\nprint 'loss', tf.contrib.legacy_seq2seq\n", 2, "SyntaxError"),
        (b"import tensorflow as tf\nif x:\n\tseq2seq = 1\n        y = 2\n", 4, "TabError"),
        (b"import tensorflow as tf\ns = 'caf\xe9'  # contrib\n", 2, "can't decode byte 0xe9"),
        (b"# -*- coding: no-such-codec -*-\nimport tensorflow.contrib\n", 1, "SyntaxError"),
    ],
    ids=[
        "python 2 print statement",
        "mixed tabs and spaces",
        "undecodable bytes",
        "unknown encoding cookie",
    ],
)
def test_unparseable_source_raises_source_parse_error(
    source: bytes, line: int, reason: str
) -> None:
    for function in (rewrite_source, check_source):
        with pytest.raises(SourceParseError) as raised:
            function(source, "old.py")
        error = raised.value
        assert (error.path, error.line) == ("old.py", line)
        assert error.col >= 1
        assert reason in error.reason
        assert str(error).startswith(f"old.py:{line}:")


def test_modern_syntax_after_implicit_concatenation_is_fine() -> None:
    source = (
        "import tensorflow as tf\n"
        "name = 'a' 'b' f'{1 + 1}'\n"
        "match name:\n"
        "    case 'ab2':\n"
        "        cell = tf.contrib.rnn.GRUCell(3)\n"
    )
    result = rewrite_source(source.encode())
    assert b"rnn_cell.GRUCell(3)" in result.source
    compile(result.source, "x.py", "exec")


def test_an_internal_failure_leaves_the_file_untouched_and_is_reported(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from legacy2tf2.migrator import codemod

    def explode(source: bytes, tree: object = None) -> object:
        raise RuntimeError("boom")

    monkeypatch.setattr(codemod, "rewrite", explode)
    monkeypatch.setattr(codemod, "leftovers", explode)
    source = b"import tensorflow as tf\nc = tf.contrib.rnn.GRUCell(1)\n"
    result = rewrite_source(source, "m.py")
    assert result.source is source and result.changed is False
    assert [(f.code, "boom" in f.message) for f in result.findings] == [("L2T003", True)]
    assert [f.code for f in check_source(source, "m.py")] == ["L2T003"]


def test_output_that_would_not_compile_is_never_returned(monkeypatch: pytest.MonkeyPatch) -> None:
    from legacy2tf2.migrator import codemod

    monkeypatch.setattr(codemod, "rewrite", lambda source, tree=None: (source + b"\n)(\n", []))
    source = b"import tensorflow as tf\nc = tf.contrib.rnn.GRUCell(1)\n"
    result = engine.rewrite_source(source)
    assert result.source is source
    assert [f.code for f in result.findings] == ["L2T003"]


def test_list_rewrites_has_every_table_row() -> None:
    rows = dict(list_rewrites())
    for old, new in {**FUNCTIONS, **CELLS}.items():
        assert rows[old] == new
    for alias in MODULE_ALIASES:
        assert rows[alias] == LEGACY
    assert rows[LEGACY] == "legacy2tf2.runtime.legacy_seq2seq"
    assert rows["tensorflow.contrib.rnn.static_rnn"] == "tensorflow.compat.v1.nn.static_rnn"


def test_finding_codes_are_documented() -> None:
    assert sorted(CODES) == [f"L2T{n:03}" for n in range(28) if n != 20]
    assert all(CODES.values())
