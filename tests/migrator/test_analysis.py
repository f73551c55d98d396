"""One parse and one metadata resolution per version of a source (migrator/analysis.py)."""

from __future__ import annotations

from pathlib import Path

import libcst as cst
import pytest
from libcst.metadata import PositionProvider

from legacy2tf2.migrator import analysis

ROOT = Path(__file__).resolve().parents[2]


def test_the_same_bytes_give_the_same_module_and_other_bytes_another() -> None:
    first = analysis.parse(b"import tensorflow as tf\nx = tf.zeros([2])\n")
    again = analysis.parse(b"import tensorflow as tf\nx = tf.zeros([2])\n")
    other = analysis.parse(b"import tensorflow as tf\nx = tf.ones([2])\n")
    assert again is first
    assert other is not first
    assert other.code == "import tensorflow as tf\nx = tf.ones([2])\n"


def test_a_module_keeps_its_wrapper_and_its_resolved_metadata() -> None:
    module = analysis.parse(b"a = 1\nb = a + 1\n")
    wrapper = analysis.wrapper(module)
    positions = wrapper.resolve(PositionProvider)
    assert analysis.wrapper(module) is wrapper
    assert analysis.wrapper(module).resolve(PositionProvider) is positions
    unsafe = analysis.wrapper(module, unsafe_skip_copy=True)
    assert unsafe is not wrapper  # another copy mode: a step's node identities stay its own
    assert unsafe.module is module
    assert wrapper.module is not module  # the copying wrapper visits its own copy, as before


def test_a_module_that_prints_alike_is_not_taken_for_another() -> None:
    module = analysis.parse(b"a = 1\n")
    wrapper = analysis.wrapper(module)
    rebuilt = module.visit(cst.CSTTransformer())  # a new object with the same code
    assert rebuilt is not module
    assert analysis.wrapper(rebuilt) is not wrapper


def test_unchanged_hands_back_the_old_module_only_when_the_code_is_the_same() -> None:
    module = analysis.parse(b"x = 1  # one\n")
    rebuilt = module.visit(cst.CSTTransformer())
    assert analysis.unchanged(rebuilt, module) is module

    class One(cst.CSTTransformer):
        def leave_Integer(self, original_node: cst.Integer, updated_node: cst.Integer):
            return updated_node.with_changes(value="2")

    changed = module.visit(One())
    assert analysis.unchanged(changed, module) is changed


@pytest.mark.parametrize(
    "source",
    [
        b"x = 1\r\ny = 2\r\n",
        b"# -*- coding: latin-1 -*-\ns = '\xe9t\xe9'\n",
        b"\xef\xbb\xbfx = 1\n",
        b"if x:\n\ty = 1\n",
        b"",
    ],
    ids=["crlf", "latin-1", "bom", "tabs", "empty"],
)
def test_the_code_of_a_parsed_module_is_what_libcst_prints(source: bytes) -> None:
    module = analysis.parse(source)
    assert analysis.code(module) == cst.parse_module(source).code
    assert module.bytes == source


@pytest.mark.parametrize(
    "example",
    [
        "tf0_12_translate/seq2seq_model.py",
        "tf1_0_char_rnn/model.py",
        "chatbot/chatbot.py",
        "forecast/forecast.py",
    ],
)
def test_full_upgrade_gives_the_same_result_with_nothing_shared(
    example: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from legacy2tf2.migrator.full_upgrade import full_upgrade

    source = (ROOT / "examples" / example).read_bytes()
    shared = full_upgrade(source, example)
    monkeypatch.setattr(analysis, "_KEPT", 0)  # every parse and wrapper made afresh
    for cache in (analysis._modules, analysis._codes, analysis._wrappers):
        cache.clear()  # not even the shared run's
    alone = full_upgrade(source, example)
    assert shared.source == alone.source
    assert shared.findings == alone.findings
    assert shared.changed and not shared.internal_error
