"""``unicode(x, encoding)``: Python 2 decoded bytes; on Python 3 the same data may already be text."""

from __future__ import annotations

import pytest

from legacy2tf2.migrator.py2_names import fix_python2_source


def fix(source: str) -> str:
    new, _changes = fix_python2_source(source.encode())
    return new.decode()


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            "s = unicode(line, 'utf-8')\n",
            "s = (line if isinstance(line, str) else str(line, 'utf-8'))\n",
        ),
        (
            "chars = list(unicode(s, encoding='utf-8').strip())\n",
            "chars = list((s if isinstance(s, str) else str(s, encoding='utf-8')).strip())\n",
        ),
        # not a plain name: evaluated once, as it was
        ("s = unicode(f.read(), 'utf-8')\n", "s = str(f.read(), 'utf-8')\n"),
    ],
)
def test_decoding_keeps_text_and_decodes_bytes(before: str, after: str) -> None:
    assert fix(before) == after
    assert fix(after) == after


@pytest.mark.parametrize("line", ["h\u00e9llo\n", "h\u00e9llo\n".encode()])
def test_the_rewritten_decoding_gives_python_2s_text_from_a_text_or_byte_stream(
    line: str | bytes,
) -> None:
    """What Python 2 read from sys.stdin was bytes; Python 3's sys.stdin gives str."""
    namespace: dict[str, object] = {"line": line}
    exec(fix("t = unicode(line, 'utf-8').strip()\n"), namespace)
    assert namespace["t"] == "h\u00e9llo"


def test_a_rebound_str_is_left_alone() -> None:
    source = "str = bytes\ns = unicode(line, 'utf-8')\n"
    assert "isinstance" not in fix(source)
