"""The ast-based engine answers exactly what the whole-file libcst path answers.

``check_source`` finds leftovers over Python's ``ast`` (``locate.py``/``scan.py``),
``rewrite_source`` skips libcst where that pass finds nothing to act on, tells a file's TF
version over the same tree (``era_ast.py``), and prints only the statements it changed into the
input's bytes (``splice.py``, byte-identical to libcst's print of the whole new module). The whole-file libcst paths stay callable (private)
so that every
source the tests know, every example program, and generated sources in the styles of real TF1
code (PATTERNS.md) are checked both ways: same findings, same bytes.
"""

from __future__ import annotations

import ast
from pathlib import Path

import libcst as cst
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from legacy2tf2.migrator import codemod, engine, era, era_ast, locate, splice
from legacy2tf2.migrator.resolve import Resolver

ROOT = Path(__file__).resolve().parents[2]


def _literal_sources(path: Path) -> list[bytes]:
    """Every string or bytes literal of a test module that is a Python source worth scanning."""
    found = []
    for node in ast.walk(ast.parse(path.read_bytes())):
        if not isinstance(node, ast.Constant) or not isinstance(node.value, (str, bytes)):
            continue
        value = node.value
        source = value.encode("utf-8", "surrogateescape") if isinstance(value, str) else value
        if not engine.needs_parse(source):
            continue
        try:
            ast.parse(source)
        except (SyntaxError, ValueError):
            continue
        found.append(source)
    return found


TEST_MODULES = sorted((ROOT / "tests" / "migrator").glob("*.py"))
EXAMPLES = sorted((ROOT / "examples").rglob("*.py"))
FIXTURES = sorted((ROOT / "fixtures" / "codemod").glob("*/before.py"))


def assert_same(source: bytes) -> None:
    """The ast engine and the whole-file libcst engine agree on ``source``."""
    try:
        new_findings = engine.check_source(source, "case.py")
    except engine.SourceParseError:
        return
    assert new_findings == engine._check_source_whole(source, "case.py")
    assert engine.rewrite_source(source, "case.py") == engine._rewrite_source_whole(
        source, "case.py"
    )
    assert_same_era(source)
    assert_spliced(source)


def assert_spliced(source: bytes) -> None:
    """The splice of the rewrite equals libcst's print of the whole new module, with no fallback
    except where libcst does not print the input back as it was."""
    tree = ast.parse(source)
    try:
        located = locate.AstResolver(tree, source)
    except locate.Fallback:
        return
    module = cst.parse_module(source)
    transform = codemod._KeepingUnchanged(Resolver(module, located))
    new = module.visit(transform)
    if not transform.edited:
        return
    try:
        spliced = splice.splice(source, tree, module, new)
    except splice.SpliceMismatch:
        assert module.bytes != source
        return
    assert spliced == new.bytes


def assert_same_era(source: bytes) -> None:
    """The era told over the ast says what libcst's analysis says (or leaves it to libcst)."""
    try:
        new = era_ast.detect(locate.AstResolver(ast.parse(source), source))
    except locate.Fallback:
        return
    old = era.detect_era(cst.parse_module(source))
    assert (new.possible, new.conflicting, new.describe()) == (
        old.possible,
        old.conflicting,
        old.describe(),
    )


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


# -- generated sources in the styles of PATTERNS.md --------------------------------------------

IMPORTS = st.sampled_from(
    [
        "import tensorflow as tf",
        "import tensorflow as tf1",
        "import tensorflow.compat.v1 as tf",
        "from tensorflow.contrib import legacy_seq2seq",
        "from tensorflow.contrib import legacy_seq2seq as seq2seq",
        "from tensorflow.contrib import rnn, legacy_seq2seq",
        "from tensorflow.contrib import rnn",
        "import tensorflow.contrib.legacy_seq2seq as seq2seq",
        "from tensorflow.contrib.legacy_seq2seq import model_with_buckets, sequence_loss",
        "from tensorflow.contrib.legacy_seq2seq.python.ops import seq2seq",
        "from tensorflow.models.rnn import seq2seq",
        "from tensorflow.models.rnn import rnn_cell",
        "from tensorflow.python.ops import seq2seq",
        "from tensorflow.python.ops import rnn_cell",
        "from tensorflow.contrib.rnn import GRUCell, MultiRNNCell, NASCell",
        "import seq2seq",
        "from lib import seq2seq as tf_seq2seq",
        "import importlib",
        "try:\n    from tensorflow.models.rnn.translate import data_utils\nexcept ImportError:\n"
        "    import data_utils",
    ]
)
HEADS = st.sampled_from(
    [
        "tf.contrib.legacy_seq2seq",
        "tf.nn.seq2seq",
        "tf1.contrib.legacy_seq2seq",
        "seq2seq",
        "legacy_seq2seq",
        "tf_seq2seq",
        "tf.contrib.nn.legacy_seq2seq",
        "s2s",
    ]
)
FUNCTIONS = st.sampled_from(
    [
        "model_with_buckets",
        "embedding_attention_seq2seq",
        "sequence_loss_by_example",
        "rnn_decoder",
        "sequence_loss",
        "embedding_rnn_seq2seq",
        "basic_rnn_seq2seq",
        "_extract_argmax_and_embed",
        "embedding_attention_seq2seq_f",
    ]
)
CELLS = st.sampled_from(
    [
        "tf.contrib.rnn.GRUCell",
        "tf.contrib.rnn.BasicLSTMCell",
        "tf.nn.rnn_cell.GRUCell",
        "tf.nn.rnn_cell.BasicLSTMCell",
        "tf.compat.v1.nn.rnn_cell.LSTMCell",
        "rnn.GRUCell",
        "rnn_cell.BasicLSTMCell",
        "GRUCell",
        "tf.contrib.rnn.NASCell",
        "tf.contrib.rnn.LayerNormBasicLSTMCell",
        "tf.layers.dense",
    ]
)


@st.composite
def usages(draw: st.DrawFn) -> list[str]:
    head, function, cell = draw(HEADS), draw(FUNCTIONS), draw(CELLS)
    kind = draw(st.integers(0, 13))
    if kind == 0:
        return [f"outputs, state = {head}.{function}(enc, dec, {cell}(256))"]
    if kind == 1:
        return [
            f"cell = {cell}(128, state_is_tuple=True)",
            "cell = tf.nn.rnn_cell.MultiRNNCell([cell] * 3, state_is_tuple=True)",
        ]
    if kind == 2:
        return [f"decoder = {head}.{function}", "out = decoder(inputs, state, cell)"]
    if kind == 3:
        return [f"{head.split('.')[0]}_alias = {head}", f"{head.split('.')[0]}_alias.{function}(x)"]
    if kind == 4:
        return ["tf.nn.seq2seq = tf.contrib.legacy_seq2seq", "tf.nn.rnn_cell = tf.contrib.rnn"]
    if kind == 5:
        return [f"loss = {head}.sequence_loss(logits, targets, weights, vocab_size)"]
    if kind == 6:
        return [f"fn = getattr({head}, config.get('s', 'decoder_type'))", "fn(x)"]
    if kind == 7:
        return [
            f"losses = ({head}.{function})(a, b)",
            f"pair = ({cell}, {head})",
            f"w = wrap({cell}(4), x)",
            f"w = wrap(({cell})(4).state_size, (\n    {head}))",
        ]
    if kind == 8:
        return [f'print(f"{{{head}.{function}}} {{{cell}}}")']
    if kind == 9:
        return [f"mod = importlib.import_module('{head.replace('tf.', 'tensorflow.')}')"]
    if kind == 10:
        return [
            f"x = tf.concat(1, outputs)  # é {cell}",
            "y = tf.pack(x)",
            "tf.split(1, 2, y)",
            "z = tf.concat(outputs, -1).shape",
            "v = tf.initialize_all_variables()",
            f"tf.keras.layers.Dense(4)({head}.sequence_loss(a, b, c, 0))",
        ]
    if kind == 11:
        return [f"cells = [{cell}(n) for _ in range(3)]", "m = rnn.MultiRNNCell(cells)"]
    if kind == 12:
        return [
            "with tf.variable_scope('s'):",
            f"    seq2seq = {head}",
            f"    seq2seq.{function}(x)",
        ]
    continued = cell.replace(".", ".\\\n    ", 1)
    return [
        f"{cell}(\n        64,\n        # comment\n        {head}.{function})",
        f"r = {cell.replace('.', ' .', 1)}",
        f"q = {continued}(8)",
        f's = "é—ü"; t = {head}.{function}',
    ]


#: Top-level definitions that use no TensorFlow: libcst's parse leaves most out (partial.py),
#: unless the kept code can see them or they share a name with what the rewrite touches.
DEFINITIONS = st.sampled_from(
    [
        "def helper(x):\n    return x + 1",
        "def reader():\n    return outputs, cell, state, decoder, losses",
        "def shadow(tf, copy=None):\n    legacy_seq2seq = rnn_cell = l2t_copy = tf\n"
        "    return legacy_seq2seq",
        'class Holder(object):\n  """Two-space body."""\n  def get(self):\n    return self',
        "@staticmethod\ndef decorated(a,\n              b):\n    return [a\n            for _ in b]",
        "def one_liner(): return 1",
        "async def fetch():\n\tawait something()",
        "def setter():\n    global cell\n    cell = None",
        "def wrap(a, b):\n    return a",
        "class Config:\n    x = 1\n\n    # a comment closing the class",
        "def uses_imports():\n    return np.zeros(3), importlib, data_utils, seq2seq_f",
    ]
)


@st.composite
def programs(draw: st.DrawFn) -> bytes:
    lines = list(dict.fromkeys(draw(st.lists(IMPORTS, min_size=1, max_size=4))))
    for _ in range(draw(st.integers(1, 6))):
        if draw(st.integers(0, 2)) == 0:
            lines.extend(["", "", *draw(DEFINITIONS).split("\n"), "", ""])
        body = draw(usages())
        wrap = draw(st.integers(0, 3))
        if wrap == 0:
            lines.extend(body)
        elif wrap == 1:
            lines.append("def build(enc, dec, tf=None):" if draw(st.booleans()) else "def build():")
            lines.extend("    " + line for line in body)
        elif wrap == 2:
            lines.extend(["class Model(object):", "    seq2seq = tf.contrib.legacy_seq2seq", ""])
            lines.append("    def step(self):")
            lines.extend("        " + line for line in body)
        else:
            lines.append("try:")
            lines.extend("    " + line for line in body)
            lines.extend(["except (ImportError, AttributeError):", "    pass"])
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    return (newline.join(lines) + newline).encode()


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(programs())
@example(  # a name bound to legacy_seq2seq and then to a module of the program's own
    b"from tensorflow.contrib import legacy_seq2seq as seq2seq\nimport seq2seq\n"
    b"loss = seq2seq.sequence_loss(logits, targets, weights, vocab_size)\n"
)
def test_generated_sources_in_the_patterns_styles(source: bytes) -> None:
    assert_same(source)


@st.composite
def dressed_programs(draw: st.DrawFn) -> bytes:
    """A generated program with comment and blank lines at any indentation between its lines,
    any line end, maybe no final newline, maybe a byte order mark."""
    lines = draw(programs()).decode().splitlines()
    dressed: list[str] = []
    for line in lines:
        continued = bool(dressed) and dressed[-1].endswith("\\")
        if not continued and draw(st.integers(0, 3)) == 0:
            indent = " " * draw(st.sampled_from([0, 2, 4, 8, 12]))
            dressed.append(draw(st.sampled_from([indent + "# note", "", indent])))
        if line.endswith("\\"):
            dressed.append(line)
        elif line and (line[-1].isalnum() or line[-1] in ")]'\""):
            dressed.append(line + draw(st.sampled_from(["", "", "  # trailing", ";"])))
        else:
            dressed.append(line + draw(st.sampled_from(["", "  # trailing"])))
    if draw(st.booleans()):
        dressed.append(" " * draw(st.sampled_from([0, 4, 8])) + "# the end")
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    text = newline.join(dressed) + draw(st.sampled_from([newline, ""]))
    return (b"\xef\xbb\xbf" if draw(st.booleans()) else b"") + text.encode()


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(dressed_programs())
def test_generated_sources_with_comments_line_ends_and_byte_order_marks(source: bytes) -> None:
    assert_same(source)
