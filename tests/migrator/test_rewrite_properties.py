"""Properties: code without TensorFlow references is never changed, whatever it looks like."""

from __future__ import annotations

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from legacy2tf2.migrator.engine import check_source, rewrite_source

# Names chosen to look like ours: local modules and variables called seq2seq, rnn_cell, contrib...
NAMES = st.sampled_from(
    ["seq2seq", "rnn_cell", "legacy_seq2seq", "contrib", "tf", "rnn", "nn", "GRUCell", "x", "model"]
)
ATTRS = st.sampled_from(
    [
        "rnn_decoder",
        "sequence_loss",
        "GRUCell",
        "legacy_seq2seq",
        "contrib",
        "nn",
        "seq2seq",
        "static_rnn",
    ]
)
MODULES = st.sampled_from(
    ["seq2seq", "lib.seq2seq", "seq2seq_lib", "rnn_cell", "contrib.rnn", "os"]
)
TEXT = st.sampled_from(
    ["tf.contrib.legacy_seq2seq.rnn_decoder", "tf.nn.rnn_cell.GRUCell", "seq2seq", "héllo", ""]
)


@st.composite
def expressions(draw: st.DrawFn) -> str:
    kind = draw(st.integers(0, 4))
    if kind == 0:
        return draw(NAMES)
    if kind == 1:
        return f"{draw(NAMES)}.{draw(ATTRS)}.{draw(ATTRS)}"
    if kind == 2:
        return f"{draw(NAMES)}.{draw(ATTRS)}({draw(NAMES)}, {draw(ATTRS)}={draw(NAMES)})"
    if kind == 3:
        quote = draw(st.sampled_from(["'", '"']))
        return f"{quote}{draw(TEXT)}{quote}"
    return str(draw(st.integers(0, 99)))


@st.composite
def statements(draw: st.DrawFn, indent: str) -> list[str]:
    kind = draw(st.integers(0, 5))
    if kind == 0:
        return [f"{draw(NAMES)} = {draw(expressions())}"]
    if kind == 1:
        return [f"import {draw(MODULES)} as {draw(NAMES)}"]
    if kind == 2:
        return [f"from {draw(MODULES)} import {draw(ATTRS)}"]
    if kind == 3:
        return [f"def {draw(ATTRS)}({draw(NAMES)}):", f"{indent}return {draw(expressions())}"]
    if kind == 4:
        return [f"# {draw(TEXT)}", ""]
    return [draw(expressions())]


@st.composite
def programs(draw: st.DrawFn) -> bytes:
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    indent = draw(st.sampled_from(["    ", "\t"]))
    lines = ["import seq2seq"]
    for _ in range(draw(st.integers(1, 12))):
        lines.extend(draw(statements(indent)))
    text = newline.join(lines) + draw(st.sampled_from([newline, ""]))
    return text.encode()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(programs())
def test_python_without_tensorflow_references_is_byte_identical(source: bytes) -> None:
    try:
        compile(source, "gen.py", "exec")
    except SyntaxError:
        assume(False)
    result = rewrite_source(source, "gen.py")
    assert result.source is source
    assert result.findings == []
    assert check_source(source, "gen.py") == []


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=200))
def test_arbitrary_bytes_never_raise_anything_but_a_parse_error(data: bytes) -> None:
    from legacy2tf2.migrator.engine import SourceParseError

    source = b"import tensorflow as tf\nc = tf.contrib.rnn.GRUCell(2)\n" + data
    try:
        result = rewrite_source(source)
    except SourceParseError:
        return
    try:
        compile(source, "gen.py", "exec")
    except SyntaxError:
        return  # parses but does not compile (e.g. `*0`): nothing to promise about the output
    compile(result.source, "gen.py", "exec")
