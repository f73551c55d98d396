"""The spliced rewrite (changed statements printed into the input's bytes) equals libcst's print
of the whole new module, byte for byte, on the shapes where spans are easy to get wrong."""

from __future__ import annotations

import ast

import libcst as cst
import pytest

from legacy2tf2.migrator import codemod, engine, locate, splice
from legacy2tf2.migrator.resolve import Resolver

IMPORT = "import tensorflow as tf\n"


def spliced_and_whole(source: bytes) -> tuple[bytes, bytes]:
    """The splice of ``source``'s rewrite (no fallback allowed) and libcst's whole-module print."""
    tree = ast.parse(source)
    module = cst.parse_module(source)
    transform = codemod._KeepingUnchanged(Resolver(module, locate.AstResolver(tree, source)))
    new = module.visit(transform)
    assert transform.edited
    return splice.splice(source, tree, module, new), new.bytes


def assert_spliced(source: bytes, expected: bytes | None = None) -> None:
    spliced, whole = spliced_and_whole(source)
    assert spliced == whole
    assert spliced != source
    if expected is not None:
        assert spliced == expected
    assert engine.rewrite_source(source) == engine._rewrite_source_whole(source)


MODEL = """\
class Model(object):
    # a comment before the method
    def __init__(self, size):
        self.size = size  # trailing
        # before the cell
        cell = tf.contrib.rnn.GRUCell(size)
        # after the cell
        self.cell = cell

    def step(self, x):
        return self.cell(x)
            # deeper than the block: the block's footer
# at the module's indentation
VALUE = 1
"""


def test_a_changed_statement_deep_in_a_class() -> None:
    source = (IMPORT + MODEL).encode()
    assert_spliced(
        source,
        source.replace(
            b"import tensorflow as tf\n", b"from legacy2tf2.runtime import rnn_cell\n"
        ).replace(b"tf.contrib.rnn.GRUCell", b"rnn_cell.GRUCell"),
    )


@pytest.mark.parametrize("newline", ["\r\n", "\r"], ids=["crlf", "bare-cr"])
def test_windows_and_bare_cr_line_ends(newline: str) -> None:
    assert_spliced((IMPORT + MODEL).replace("\n", newline).encode())


@pytest.mark.parametrize(
    "source",
    [
        IMPORT + "x = 1\ncell = tf.contrib.rnn.GRUCell(3)",
        IMPORT + "cell = tf.contrib.rnn.GRUCell(3)\nx = 1",
        IMPORT + "def f():\n    return tf.contrib.rnn.GRUCell(3)",
        IMPORT + "def f():\n    return tf.contrib.rnn.GRUCell(3)\n    # last",
        (IMPORT + "def f():\n    return tf.contrib.rnn.GRUCell(3)").replace("\n", "\r\n"),
        (IMPORT + "x = 1\ncell = tf.contrib.rnn.GRUCell(3)").replace("\n", "\r"),
        (IMPORT + "cell = tf.contrib.rnn.GRUCell(3)\nx = 1").replace("\n", "\r\n"),
        (IMPORT + "cell = tf.contrib.rnn.GRUCell(3)\nx = 1").replace("\n", "\r"),
        IMPORT + "cell = tf.contrib.rnn.GRUCell(3)\n# a comment",
    ],
    ids=["last", "not-last", "in-def", "footer", "crlf", "cr", "crlf-kept", "cr-kept", "comment"],
)
def test_no_final_newline(source: str) -> None:
    assert_spliced(source.encode())


def test_byte_order_mark_and_encoding_cookie() -> None:
    assert_spliced(b"\xef\xbb\xbf" + (IMPORT + MODEL).encode())
    latin = "# -*- coding: latin-1 -*-\n" + IMPORT + MODEL.replace("trailing", "caf\xe9")
    assert_spliced(latin.encode("latin-1"))


def test_tabs_and_a_decorated_method() -> None:
    source = IMPORT + (
        "class Model(object):\n"
        "\t@property\n"
        "\t# between\n"
        "\t@staticmethod\n"
        "\tdef cell():\n"
        "\t\tx = 1\n"
        "\t\treturn tf.contrib.rnn.GRUCell(3)\n"
    )
    assert_spliced(source.encode())


def test_a_changed_decorated_function_and_class() -> None:
    source = IMPORT + (
        "@register(tf.contrib.rnn.GRUCell)\n"
        "def cell():\n"
        "    return 1\n"
        "\n"
        "@decorate\n"
        "class Cell(tf.contrib.rnn.GRUCell):\n"
        "    pass\n"
    )
    assert_spliced(source.encode())


def test_semicolon_joined_statements() -> None:
    source = IMPORT + (
        "def f():\n"
        "    a = 1; cell = tf.contrib.rnn.GRUCell(3); b = 2\n"
        "    x = 1;\n"
        "s2s = tf.contrib.legacy_seq2seq; y = 2\n"
    )
    assert_spliced(source.encode())


def test_nested_functions_and_classes() -> None:
    source = IMPORT + (
        "class Outer:\n"
        "    class Inner:\n"
        "        def build(self):\n"
        "            def cell():\n"
        "                # first of its block\n"
        "                c = tf.contrib.rnn.GRUCell(3)\n"
        "                return c\n"
        "            with tf.variable_scope('s'):\n"
        "                for i in range(2):\n"
        "                    while True:\n"
        "                        if i:\n"
        "                            c = tf.contrib.rnn.BasicLSTMCell(3)\n"
        "            return cell\n"
    )
    assert_spliced(source.encode())


def test_changes_in_the_clauses_of_if_try_for_and_while() -> None:
    source = IMPORT + (
        "class Model:\n"
        "    def build(self, x):\n"
        "        if x:\n"
        "            a = 1\n"
        "            c = tf.contrib.rnn.GRUCell(3)\n"
        "                # deeper: the block's footer\n"
        "        # before elif\n"
        "        elif x > 1:\n"
        "            c = tf.contrib.rnn.BasicLSTMCell(3)\n"
        "        elif x > 2: c = 2\n"
        "        else:  # a comment\n"
        "\n"
        "            # first of else\n"
        "            c = tf.contrib.rnn.GRUCell(4)\n"
        "        try:\n"
        "            s2s = tf.contrib.legacy_seq2seq\n"
        "        except ImportError as error:\n"
        "          s2s = tf.contrib.legacy_seq2seq\n"
        "        except (KeyError, ValueError):\n"
        "            pass\n"
        "        # before else\n"
        "        else:\n"
        "            b = tf.contrib.rnn.GRUCell(3)\n"
        "        finally:\n"
        "            d = tf.contrib.rnn.GRUCell(3)\n"
        "        for i in range(2):\n"
        "            pass\n"
        "        else:\n"
        "            e = tf.contrib.rnn.GRUCell(3)\n"
        "        while x:\n"
        "            f = tf.contrib.rnn.GRUCell(3)\n"
        "        else: pass\n"
        "        if y: c = tf.contrib.rnn.GRUCell(3)\n"
        "        else:\n"
        "            c = tf.contrib.rnn.GRUCell(3)\n"
        "        if y:\n"
        "            c = tf.contrib.rnn.GRUCell(3)\n"
        "        else: c = tf.contrib.rnn.GRUCell(3)\n"
        "        return c\n"
    )
    assert_spliced(source.encode())
    assert_spliced(source.replace("\n", "\r\n").encode())


def test_inserted_and_removed_imports() -> None:
    source = (
        '"""Docstring."""\n'
        "# leading comment of the import\n"
        "import tensorflow as tf\n"
        "from tensorflow.contrib import rnn, legacy_seq2seq as s2s\n"
        "import numpy as np\n"
        "\n"
        "cell = rnn.GRUCell(3)\n"
        "out = s2s.rnn_decoder(a, b, cell)\n"
        "x = tf.contrib.rnn.BasicLSTMCell(3)\n"
    )
    assert_spliced(source.encode())
    assert_spliced(b"x = 1\nimport tensorflow as tf\ncell = tf.contrib.rnn.GRUCell(3)\n")
    inserted_only = (
        "import tensorflow as tf\nimport numpy as np\n# kept\ny = 1\n"
        "x = tf.contrib.rnn.GRUCell(3)\nz = tf.zeros(3)\n"
    )
    assert_spliced(
        inserted_only.encode(),
        inserted_only.replace("np\n", "np\nfrom legacy2tf2.runtime import rnn_cell\n")
        .replace("tf.contrib.rnn", "rnn_cell")
        .encode(),
    )


def test_a_removed_monkeypatch_in_a_block_moves_its_comments() -> None:
    source = IMPORT + (
        "def setup():\n"
        "    x = 1\n"
        "    # keep me\n"
        "\n"
        "    # the patch\n"
        "    tf.nn.seq2seq = tf.contrib.legacy_seq2seq\n"
        "def build():\n"
        "    tf.nn.seq2seq = tf.contrib.legacy_seq2seq\n"
        "    return tf.nn.seq2seq.rnn_decoder(a, b, c)\n"
        "tf.nn.seq2seq = tf.contrib.legacy_seq2seq\n"
    )
    assert_spliced(source.encode())


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["lf", "crlf"])
@pytest.mark.parametrize("final", [True, False], ids=["final-newline", "none"])
def test_a_rewrite_that_removes_every_statement(newline: str, final: bool) -> None:
    end = newline if final else ""
    source = f"import tensorflow as tf{newline}tf.nn.seq2seq = tf.contrib.legacy_seq2seq{end}"
    assert_spliced(source.encode(), end.encode())
    assert_spliced(f"# a{newline}{source}{newline}# b{end}".encode())


@pytest.mark.parametrize("changed", [True, False], ids=["changed", "kept"])
def test_a_span_that_does_not_hold_its_code_falls_back_to_the_whole_module(changed: bool) -> None:
    # libcst drops a line holding only a backslash: the statement's lines are not its code.
    before = "cell = tf.contrib.rnn.GRUCell(3)\n" if changed else "x = 1\n"
    source = f"import tensorflow as tf\n{before}\\\ny = tf.contrib.rnn.GRUCell(3)\n".encode()
    with pytest.raises(splice.SpliceMismatch):
        spliced_and_whole(source)
    count = locate.FALLBACKS["splice: SpliceMismatch"]
    result = engine.rewrite_source(source)
    assert result == engine._rewrite_source_whole(source)
    assert locate.FALLBACKS["splice: SpliceMismatch"] == count + 1


@pytest.mark.parametrize(
    "tail",
    [
        "\n  # a comment at no block's indentation",
        "y = 1\n\n  # a comment at no block's indentation\n",
    ],
    ids=["changed-last", "kept-last"],
)
def test_lines_libcst_does_not_print_back_are_a_mismatch(tail: str) -> None:
    # libcst drops the blank line before such a comment at the end of a file: kept bytes would
    # differ from its print of the whole module, so the splice must not be used.
    source = f"import tensorflow as tf\ncell = tf.contrib.rnn.GRUCell(3)\n{tail}".encode()
    assert cst.parse_module(source).bytes != source
    with pytest.raises(splice.SpliceMismatch):
        spliced_and_whole(source)
    assert engine.rewrite_source(source) == engine._rewrite_source_whole(source)


def test_another_tree_is_a_mismatch() -> None:
    source = (IMPORT + MODEL).encode()
    module = cst.parse_module(source)
    transform = codemod._KeepingUnchanged(
        Resolver(module, locate.AstResolver(ast.parse(source), source))
    )
    new = module.visit(transform)
    other = ast.parse(b"\n" + source)
    with pytest.raises(splice.SpliceMismatch):
        splice.splice(source, other, module, new)


def test_same_children() -> None:
    name = cst.Name("a")
    call = cst.Call(func=name)
    assert splice.same_children(call, call.with_changes())
    assert not splice.same_children(call, call.with_changes(func=cst.Name("a")))
    assert not splice.same_children(call, cst.Name("a"))
