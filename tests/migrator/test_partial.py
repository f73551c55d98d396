"""libcst parses a module with the definitions the rewrite cannot touch left out (partial.py).

Each case rewrites a module through ``engine.rewrite_source`` (the partial parse) and through
the whole-module libcst path, and asserts the same bytes and findings, and whether the partial
parse was taken or refused: a refusal is the whole-module rewrite, never another answer.
"""

from __future__ import annotations

import ast

import libcst as cst
import pytest

from legacy2tf2.migrator import engine, locate, partial

HEAD = b"""\
import json
import tensorflow as tf
from tensorflow.contrib import legacy_seq2seq


"""

MODEL = b"""\
def model(enc, dec):
    cell = tf.contrib.rnn.GRUCell(8)
    return legacy_seq2seq.basic_rnn_seq2seq(enc, dec, cell)
"""


def _plan(source: bytes) -> partial.Plan | None:
    return partial.plan(locate.AstResolver(ast.parse(source), source))


def _rewrite(source: bytes) -> tuple[engine.RewriteResult, bool]:
    """The engine's rewrite, checked against the whole-module path; and whether the partial
    parse gave it (it was taken and not refused)."""
    before = partial.LEFT_OUT["files"]
    refused = sum(v for k, v in locate.FALLBACKS.items() if k.startswith("partial"))
    result = engine.rewrite_source(source, "case.py")
    assert result == engine._rewrite_source_whole(source, "case.py")
    taken = partial.LEFT_OUT["files"] > before
    now_refused = sum(v for k, v in locate.FALLBACKS.items() if k.startswith("partial"))
    return result, taken and now_refused == refused


def test_a_helper_class_is_left_out_and_keeps_its_bytes() -> None:
    helper = b"""\
class Config(object):
    \"\"\"Settings; nothing here is TensorFlow.\"\"\"

    def load(self, path):
        with open(path) as handle:  # a comment
            return json.load(handle)


"""
    source = HEAD + helper + MODEL
    planned = _plan(source)
    assert planned is not None and [s.index for s in planned.skipped] == [3]
    assert planned.source.count(b"\n") == source.count(b"\n")
    assert b"json.load" not in planned.source
    result, taken = _rewrite(source)
    assert taken and result.changed
    assert helper in result.source
    assert b"rnn_cell.GRUCell(8)" in result.source


@pytest.mark.parametrize(
    "helper",
    [
        # kept code reads the definition's name
        b"def make(n):\n    return n\n\n\nsize = make(8)\n",
        # it binds a module name the kept code reads
        b"def setter():\n    global size\n    size = 8\n\n\nprint(size)\n",
        # it rebinds, locally, a name a top-level import binds
        b"def shadow(legacy_seq2seq):\n    return legacy_seq2seq\n",
    ],
    ids=["read-by-kept-code", "global", "local-rebinding-of-an-import"],
)
def test_a_definition_the_kept_code_can_see_is_kept(helper: bytes) -> None:
    source = HEAD + helper + b"\n\n" + MODEL
    planned = _plan(source)
    kept = [s.index for s in planned.skipped] if planned is not None else []
    assert 3 not in kept
    _rewrite(source)


def test_a_new_name_avoids_the_names_of_definitions_left_out() -> None:
    """The rewrite adds ``import copy`` for a cell given as both directions of a TF 1.0
    bidirectional RNN; a helper left out uses ``copy`` locally, so the import takes another
    name, as it does when the helper is parsed."""
    source = b"""\
import tensorflow as tf
assert tf.__version__ == "1.0.1"


def clone(x):
    copy = list(x)
    return copy


def encode(inputs):
    cell = tf.contrib.rnn.GRUCell(8)
    return tf.contrib.rnn.static_bidirectional_rnn(cell, cell, inputs, dtype=tf.float32)
"""
    result, taken = _rewrite(source)
    assert taken
    assert b"copy = list(x)" in result.source
    assert b"\nimport copy as l2t_copy\n" in result.source
    assert b"l2t_copy.deepcopy(cell)" in result.source


def test_a_definition_reading_a_rewritten_binding_refuses_the_partial_parse() -> None:
    """A helper left out reads ``decoder``, whose assignment the rewrite changes: the whole
    module is parsed instead (the rewrite's decisions about a binding may depend on its
    readers)."""
    source = b"""\
import tensorflow as tf

decoder = tf.contrib.legacy_seq2seq.rnn_decoder


def describe():
    return repr(decoder)
"""
    result, taken = _rewrite(source)
    assert result.changed and not taken


@pytest.mark.parametrize("newline", [b"\n", b"\r\n", b"\r"])
def test_stubs_keep_lines_line_ends_and_body_indentation(newline: bytes) -> None:
    helper = (
        b"@decorator(\n    1)\nasync def fetch(a,\n          b):\n\treturn [a\n\t        for _ in b]\n"
        b"\t# a trailing comment\n\n\ndef one(): return 1\n\n\nclass Two: x = (1,\n    2)\n\n\n"
    )
    source = (HEAD + helper + MODEL).replace(b"\n", newline)
    planned = _plan(source)
    assert planned is not None and [s.index for s in planned.skipped] == [3, 4, 5]
    assert planned.source.count(newline) == source.count(newline)
    stubbed = cst.parse_module(planned.source)
    whole = cst.parse_module(source)
    assert (stubbed.default_indent, stubbed.default_newline) == (
        whole.default_indent,
        whole.default_newline,
    )
    result, taken = _rewrite(source)
    assert taken and result.changed
    assert helper.replace(b"\n", newline) in result.source


def test_nothing_is_left_out_where_every_definition_uses_tensorflow_seq2seq() -> None:
    assert _plan(HEAD + MODEL) is None
    _rewrite(HEAD + MODEL)


def test_a_finding_in_kept_code_has_the_real_files_position() -> None:
    helper = b"class Big:\n" + b"    x = 1\n" * 30 + b"\n\n"
    source = HEAD + helper + b"cell = tf.contrib.rnn.NASCell(8)\n"
    result, taken = _rewrite(source)
    assert taken
    assert [(f.line, f.col, f.code) for f in result.findings] == [
        (source.count(b"\n"), 8, "L2T002")
    ]
