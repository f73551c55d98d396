"""``rewrite --check`` told over the ``ast`` answers exactly what the rewrite itself answers.

:func:`legacy2tf2.migrator.would_rewrite.answer` says whether :func:`engine.rewrite_source`
changes a source and which findings it gives, without libcst. Over every source the migrator
tests hold, every example program, every codemod fixture and generated sources in the styles of
real TF1 code, it must give the same changed flag and the same findings (byte-for-byte messages)
as the rewrite, or leave the source to the rewrite (``Fallback``). A source whose rewrite fails
inside (L2T003) must never be answered by the ast.
"""

from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_engine_differential import (
    EXAMPLES,
    FIXTURES,
    TEST_MODULES,
    _literal_sources,
    dressed_programs,
    programs,
)

from legacy2tf2.migrator import engine, locate, would_rewrite
from legacy2tf2.migrator.report import Finding

ROOT = Path(__file__).resolve().parents[2]
BENCHMARK = ROOT / "benchmarks" / "migrator_throughput.py"


def assert_same(source: bytes) -> bool:
    """The ast answer for ``source`` equals the rewrite's; whether the ast answered at all."""
    try:
        tree = engine.parse(source, "case.py")
    except engine.SourceParseError:
        return False
    full = engine.rewrite_source(source, "case.py")
    try:
        changed, raw = would_rewrite.answer(locate.AstResolver(tree, source))
    except locate.Fallback:
        return False
    found = sorted(Finding("case.py", *finding) for finding in raw)
    assert not full.internal_error, full.findings
    assert (changed, found) == (full.changed, full.findings)
    assert engine.rewrite_check_source(source, "case.py") == engine.RewriteResult(
        source, full.findings, full.changed
    )
    return True


@pytest.mark.parametrize("path", TEST_MODULES, ids=lambda p: p.name)
def test_every_source_of_the_migrator_tests(path: Path) -> None:
    for source in _literal_sources(path):
        assert_same(source)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_example_program(path: Path) -> None:
    assert_same(path.read_bytes())


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.parent.name)
def test_every_codemod_fixture(path: Path) -> None:
    assert_same(path.read_bytes())


def test_the_ast_answers_most_sources() -> None:
    """The fast path is taken: a fallback for every source would pass every test above."""
    answered = Counter(
        assert_same(source) for path in TEST_MODULES for source in _literal_sources(path)
    )
    assert answered[True] > 4 * answered[False], answered


def test_benchmark_files_are_answered_by_the_ast(tmp_path: Path) -> None:
    """The all-hit tree of the throughput benchmark (translate model, MultiRNNCell, losses)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("migrator_throughput", BENCHMARK)
    bench = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(bench)  # type: ignore[union-attr]
    bench.generate(tmp_path, 30, 1)
    answered = [assert_same(path.read_bytes()) for path in sorted(tmp_path.rglob("*.py"))]
    assert all(answered)


def _fallback_reason(source: str) -> str | None:
    data = source.encode()
    try:
        would_rewrite.answer(locate.AstResolver(ast.parse(data), data))
    except locate.Fallback as error:
        return str(error)
    return None


@pytest.mark.parametrize(
    ("source", "reason"),
    [
        pytest.param(
            "import tensorflow as tf\ns = f'{tf.contrib.legacy_seq2seq.rnn_decoder}'\n",
            "reference inside an f-string",
            id="f-string",
        ),
        pytest.param(
            "import tensorflow as tf\nif True: from tensorflow.contrib import legacy_seq2seq\n",
            "import on the line of a compound statement",
            id="import in a suite",
        ),
        pytest.param(
            "import tensorflow as tf\nx = (tf.contrib.legacy_seq2seq.no_such)(1)\n",
            "parenthesized node",
            id="reported chain in parentheses",
        ),
        pytest.param(
            "import tensorflow as tf\ntf.nn.rnn_cell.GRUCell = MyCell\n",
            "conflicting monkeypatch",
            id="conflicting monkeypatch",
        ),
    ],
)
def test_shapes_left_to_the_rewrite(source: str, reason: str) -> None:
    assert _fallback_reason(source) == reason
    assert_same(source.encode())


def test_a_dead_monkeypatch_is_answered_as_a_change() -> None:
    source = b"import tensorflow as tf\ntry:\n    tf.nn.seq2seq = tf.contrib.legacy_seq2seq\nexcept AttributeError:\n    pass\n"
    assert assert_same(source)
    assert engine.rewrite_check_source(source).changed


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(programs())
def test_generated_sources_in_the_patterns_styles(source: bytes) -> None:
    assert_same(source)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(dressed_programs())
def test_generated_sources_with_comments_line_ends_and_byte_order_marks(source: bytes) -> None:
    assert_same(source)


# -- generated calls whose rewrite depends on the file's TF version -----------------------------

ERA_LINES = st.sampled_from(
    [
        "",
        "from tensorflow.models.rnn import rnn_cell as old_cells",
        "outputs = tf.nn.rnn(cell, inputs)",
        "x = tf.concat(1, [a, b])",
        "y = tf.concat([a, b], 1)",
        "s = tf.contrib.rnn.static_rnn",
        "v = tf.global_variables_initializer()",
        "w = tf.initialize_all_variables()",
        "assert tf.__version__ == '1.0.1'",
        "assert tf.VERSION in ('0.12.0', '0.12.1')",
        "assert tf.__version__ == '2.0.0'",
    ]
)
CELL_CALLS = st.sampled_from(
    [
        "{cell}(64)",
        "{cell}(64, 32)",
        "{cell}(64, input_size=32)",
        "{cell}(num_units=64)",
        "{cell}(64, None)",
        "{cell}(64, True)",
        "{cell}(64, tf.tanh)",
        "{cell}(64, size)",
        "{cell}(64, 2 * 16)",
        "{cell}(64, 1.0, 32)",
        "{cell}(64, 1.0, None)",
        "{cell}(64, act, activation=act)",
        "{cell}(64, *rest)",
        "{cell}(64, (32))",
        "{cell}(64, 'gate')",
        "{cell}(64, lambda x: x)",
        "{cell}.__init__(self, 64, 32)",
    ]
)
CORE_CELLS = st.sampled_from(
    [
        "tf.contrib.rnn.GRUCell",
        "tf.nn.rnn_cell.LSTMCell",
        "tf.contrib.rnn.BasicLSTMCell",
        "tf.nn.rnn_cell.BasicRNNCell",
        "rnn.LSTMCell",
    ]
)
LAYERS = st.sampled_from(
    [
        "cell = tf.contrib.rnn.MultiRNNCell([cell] * layers)",
        "cell = tf.nn.rnn_cell.MultiRNNCell([cell, cell])",
        "cell = tf.nn.rnn_cell.MultiRNNCell([(cell), cell])",
        "cell = tf.contrib.rnn.MultiRNNCell([cell for _ in range(3)])",
        "cell = tf.contrib.rnn.MultiRNNCell([tf.contrib.rnn.GRUCell(8) for _ in range(3)])",
        "cell = tf.contrib.rnn.MultiRNNCell(cells=stack, state_is_tuple=True)",
        "cell = tf.contrib.rnn.MultiRNNCell(cell for _ in range(2))",
        "stack = [cell] * 2\ncell = tf.contrib.rnn.MultiRNNCell(stack)",
        "cell = tf.contrib.rnn.MultiRNNCell([cell] * 2, repeated_cells='share')",
        "out = tf.nn.bidirectional_dynamic_rnn(cell, cell, x, dtype=tf.float32)",
        "out = tf.nn.bidirectional_dynamic_rnn(cell_fw=cell, cell_bw=cell, inputs=x)",
        "out = tf.contrib.rnn.static_bidirectional_rnn(cell, other, x)",
        "out = tf.nn.bidirectional_dynamic_rnn(*cells, inputs=x)",
        "cell = tf.nn.rnn_cell.InputProjectionWrapper(cell, 300)",
        "cell = tf.nn.rnn_cell.InputProjectionWrapper(cell, (size))",
        "cell = tf.nn.rnn_cell.InputProjectionWrapper(cell, proj_size, input_size=4)",
        "out = tf.nn.seq2seq.embedding_attention_seq2seq(e, d, cell, 9, 9, size)",
        "out = tf.contrib.legacy_seq2seq.embedding_attention_decoder(d, s, a, cell, 9, emb_dim)",
        "cell = tf.nn.rnn_cell.LSTMCell(8, 4, True, None, init, 6, 2, 2)",
        "cell = tf.nn.rnn_cell.LSTMCell(8, False, None, init, 6, 2.0, 2)",
        "cell = tf.nn.rnn_cell.DropoutWrapper(cell, 0.5, 0.5, 42)",
        "cell = tf.nn.rnn_cell.DropoutWrapper(cell, 0.5, 0.5, n)",
        "cell = tf.nn.rnn_cell.DropoutWrapper(cell, 0.5, 0.5, 0x1)",
        "cell = tf.contrib.rnn.DropoutWrapper(cell, 0.5, 0.5, seed_value)",
        "cell = tf.contrib.rnn.DropoutWrapper(cell, 0.5, 0.5, .9)",
    ]
)
LOSSES = st.sampled_from(
    [
        "loss = tf.contrib.legacy_seq2seq.sequence_loss(lg, tg, wt, vocab)",
        "loss = tf.contrib.legacy_seq2seq.sequence_loss(lg, tg, wt, 0)",
        "loss = tf.contrib.legacy_seq2seq.sequence_loss(lg, tg, wt, 0x0)",
        "loss = tf.contrib.legacy_seq2seq.sequence_loss(lg, tg, wt, False)",
        "loss = tf.nn.seq2seq.sequence_loss_by_example(lg, tg, wt, (vocab))",
        "loss = tf.contrib.legacy_seq2seq.sequence_loss(lg, tg, wt, softmax_loss_function=sampled)",
        "loss = tf.contrib.legacy_seq2seq.sequence_loss(lg, tg, wt, True, True, lambda a, b: a)",
        "loss = tf.nn.seq2seq.sequence_loss(lg, tg, wt, 9, True, True, lambda a, b: a)",
        "loss = tf.contrib.legacy_seq2seq.sequence_loss_by_example(lg, tg, wt, True, "
        "softmax_loss_function=lambda labels, logits: labels)",
        "outs = tf.contrib.legacy_seq2seq.model_with_buckets(e, d, t, w, b, f, "
        "softmax_loss_function=pick)",
        "outs = tf.nn.seq2seq.model_with_buckets(e, d, t, w, b, 40, f, pick, 'm')",
        "outs = tf.nn.seq2seq.model_with_buckets(e, d, t, w, b, 4 * 10, lambda a, b: (a, b))",
    ]
)
HELPERS = st.sampled_from(
    [
        "",
        "def sampled(inputs, labels):\n    return inputs",
        "def sampled(a, b):\n    return a",
        "pick = None",
        "def act(x):\n    return x",
        "size = 32",
    ]
)


@st.composite
def era_programs(draw: st.DrawFn) -> bytes:
    lines = ["import tensorflow as tf", "from tensorflow.contrib import rnn"]
    lines += [line for line in draw(st.lists(ERA_LINES, max_size=2)) if line]
    lines += [line for line in draw(st.lists(HELPERS, max_size=2)) if line]
    body = [
        "cell = " + draw(CELL_CALLS).format(cell=draw(CORE_CELLS)),
        draw(LAYERS),
        draw(LOSSES),
    ]
    if draw(st.booleans()):
        lines.append("def build(self, x, size, vocab, rest, cells):")
        body = ["    " + line.replace("\n", "\n    ") for line in body]
    return ("\n".join(lines + body) + "\n").encode()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(era_programs())
def test_generated_calls_that_depend_on_the_era(source: bytes) -> None:
    assert_same(source)


#: The methods of the rewrite's concerns that ``would_rewrite`` mirrors (the decisions, findings
#: and edits of each hook). A method added, renamed or removed here means the rewrite may now
#: change or report something ``rewrite --check`` does not tell: take the same decision in
#: ``legacy2tf2/migrator/would_rewrite.py`` (with sources in a test for the differential tests
#: above), then update this list.
MIRRORED_METHODS = {
    "RewriteCalls": ["_drop_vocabulary_size", "_is_importer", "leave_Call", "visit_Call"],
    "RewriteCellInputSize": [
        "_cell_called",
        "_not_a_size",
        "_report_ambiguous",
        "_report_dropped",
        "_slot_meaning",
        "drop_input_size",
    ],
    "RewriteImports": [
        "_plain_import",
        "_plan_from",
        "_report_kept_cell_module",
        "_rewrite",
        "_rewrite_import",
        "_stand_in_factory",
        "leave_SimpleStatementLine",
    ],
    "RewriteLegacySeq2Seq": [],
    "RewriteLossOrder": ["_functions", "_loss_era", "_wrapped", "state_loss_order"],
    "RewritePositionalSlots": [
        "check_positional_slots",
        "drop_bucket_symbols",
        "keyword_dropout_seed",
    ],
    "RewriteOne2ManyForm": ["split_one2many_cell"],
    "RewriteMonkeypatches": [
        "leave_SimpleStatementSuite",
        "leave_Try",
        "visit_Assign",
        "visit_AssignTarget",
    ],
    "RewriteReferences": [
        "_cell_module_message",
        "_cell_module_value_ok",
        "_handle",
        "_replace_unsupported",
        "leave_Attribute",
        "leave_Name",
        "visit_Attribute",
        "visit_Call",
        "visit_Import",
        "visit_ImportFrom",
        "visit_Module",
        "visit_Name",
    ],
    "RewriteRepeatedCells": [
        "_appended",
        "_bindings",
        "_copy_module",
        "_copy_weights",
        "_deepcopy_argument",
        "_enclosing_loop",
        "_file_era",
        "_inside",
        "_later_uses",
        "_made_anew",
        "_multi_rnn_cell_argument",
        "_new_plain_cell",
        "_repetition",
        "keep_direction_weights",
        "keep_layer_weights",
        "keep_use_weights",
    ],
    "Shared": [
        "_add_import",
        "_anchor",
        "_fresh",
        "_local_name",
        "_note_use",
        "_report_kept_imports",
        "_tf_prefix",
        "_unused_imports",
        "_with_imports_placed",
        "_without_placeholders",
        "drop_statement",
        "expression_for",
        "forget_assignment_if_unused",
        "forget_binding_if_unused",
        "is_dropped",
        "leave_IndentedBlock",
        "leave_Module",
        "on_leave",
        "on_visit",
        "placeholder",
        "report",
        "report_if_import_kept",
        "visit_Module",
    ],
}


def test_every_rewrite_concern_is_mirrored() -> None:
    from legacy2tf2.migrator.transforms import RewriteLegacySeq2Seq

    methods = {
        cls.__name__: sorted(
            name for name, value in vars(cls).items() if callable(value) and name[:2] != "__"
        )
        for cls in RewriteLegacySeq2Seq.__mro__
        if cls.__module__.startswith("legacy2tf2.")
    }
    assert methods == MIRRORED_METHODS, (
        "the rewrite's hooks changed: make legacy2tf2/migrator/would_rewrite.py (rewrite --check) "
        "take the same decisions, then update MIRRORED_METHODS"
    )
