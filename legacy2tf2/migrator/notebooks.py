"""Jupyter notebooks: code cells rewritten one by one, everything else kept byte for byte.

The notebook is never re-serialised. Only the ``source`` value of a changed cell is replaced in
the original text, written in the style it had (a list of lines or one string, the same
indentation, the same escaping of non-ASCII text, untouched lines spelled as before). Outputs,
metadata, key order, indentation and the final newline therefore stay exactly as they were.
Findings name the notebook file, with the line and column inside the cell and ``cell N:`` (1-based,
counting every cell) at the start of the message.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from json.decoder import scanstring

from legacy2tf2.migrator import magics
from legacy2tf2.migrator.report import Finding

UNPROCESSED = "L2T000"

_WS = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()


@dataclass(frozen=True)
class NotebookResult:
    """The notebook after rewriting: its bytes, the findings, and whether any cell changed."""

    source: bytes
    findings: list[Finding]
    changed: bool


def _ws(text: str, i: int) -> int:
    return _WS.match(text, i).end()  # type: ignore[union-attr]


def _object_spans(text: str, i: int) -> dict[str, tuple[int, int]]:
    """Spans ``(start, end)`` of each value of the JSON object starting at ``text[i] == "{"``."""
    spans: dict[str, tuple[int, int]] = {}
    i = _ws(text, i + 1)
    if text[i] == "}":
        return spans
    while True:
        key, i = scanstring(text, i + 1)
        i = _ws(text, _ws(text, i) + 1)  # past ':'
        _, end = _DECODER.raw_decode(text, i)
        spans[key] = (i, end)
        i = _ws(text, end)
        if text[i] == "}":
            return spans
        i = _ws(text, i + 1)  # past ','


def _array_spans(text: str, i: int) -> list[tuple[int, int]]:
    """Spans of the items of the JSON array starting at ``text[i] == "["``."""
    spans: list[tuple[int, int]] = []
    i = _ws(text, i + 1)
    if text[i] == "]":
        return spans
    while True:
        _, end = _DECODER.raw_decode(text, i)
        spans.append((i, end))
        i = _ws(text, end)
        if text[i] == "]":
            return spans
        i = _ws(text, i + 1)


def _split_lines(source: str) -> list[str]:
    parts = source.split("\n")
    lines = [part + "\n" for part in parts[:-1]]
    return [*lines, parts[-1]] if parts[-1] else lines


def _encode_source(text: str, span: tuple[int, int], new: str, ascii_only: bool) -> str:
    """``new`` as a JSON ``source`` value written in the style of ``text[span]``."""
    old = text[span[0] : span[1]]
    if not old.startswith("["):
        return json.dumps(new, ensure_ascii=ascii_only)
    spelled = {}
    for start, end in _array_spans(text, span[0]):
        spelled.setdefault(json.loads(text[start:end]), text[start:end])
    items = [
        spelled.get(line) or json.dumps(line, ensure_ascii=ascii_only) for line in _split_lines(new)
    ]
    if not items:
        return "[]"
    if "\n" not in old:
        return "[" + ", ".join(items) + "]"
    first = _array_spans(text, span[0])
    item_indent = text[text.rfind("\n", span[0], first[0][0]) + 1 : first[0][0]] if first else " "
    close_indent = old[old.rfind("\n") + 1 : -1]
    return "[\n" + ",\n".join(item_indent + item for item in items) + "\n" + close_indent + "]"


def _cell_findings(findings: list[Finding], path: str, number: int) -> list[Finding]:
    return [replace(f, path=path, message=f"cell {number}: {f.message}") for f in findings]


def _parse_notebook(data: bytes, path: str) -> tuple[str, list[tuple[int, int]], dict] | Finding:
    try:
        text = data.decode("utf-8-sig")
        notebook = json.loads(text)
    except UnicodeDecodeError as exc:
        return Finding(path, 1, 1, UNPROCESSED, f"cannot parse notebook (not UTF-8: {exc.reason})")
    except json.JSONDecodeError as exc:
        return Finding(
            path, exc.lineno, exc.colno, UNPROCESSED, f"cannot parse notebook ({exc.msg})"
        )
    if not isinstance(notebook, dict) or not isinstance(notebook.get("cells"), list):
        return Finding(
            path, 1, 1, UNPROCESSED, "cannot parse notebook (no nbformat 4 'cells' list)"
        )
    start = text.index("{")
    cells_start = _object_spans(text, start)["cells"][0]
    return text, _array_spans(text, cells_start), notebook


def _is_python(notebook: dict) -> bool:
    meta = notebook.get("metadata") or {}
    language = (meta.get("kernelspec") or {}).get("language") or (
        meta.get("language_info") or {}
    ).get("name")
    return language in (None, "python", "python3", "ipython")


def process_notebook(data: bytes, path: str, write: bool) -> NotebookResult:
    """Rewrite (``write=True``) or check every code cell of the notebook in ``data``.

    Unparseable cells are reported (``L2T000``) and left as they are; the other cells are still
    processed. With ``write=False`` only the findings of the check are returned.
    """
    parsed = _parse_notebook(data, path)
    if isinstance(parsed, Finding):
        return NotebookResult(data, [parsed], False)
    text, cell_spans, notebook = parsed
    if not _is_python(notebook):
        return NotebookResult(data, [], False)
    from legacy2tf2.migrator import engine

    ascii_only = text.isascii()
    findings: list[Finding] = []
    edits: list[tuple[tuple[int, int], str]] = []
    for number, (cell, cell_span) in enumerate(zip(notebook["cells"], cell_spans, strict=True), 1):
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        raw = cell.get("source", "")
        source = "".join(raw) if isinstance(raw, list) else str(raw)
        masked = magics.mask(source)
        if masked is None or not engine.needs_parse(masked[0].encode("utf-8")):
            continue
        code, table = masked
        try:
            if not write:
                found = engine.check_source(code.encode("utf-8"), path)
                findings += _cell_findings(found, path, number)
                continue
            result = engine.rewrite_source(code.encode("utf-8"), path)
        except engine.SourceParseError as exc:
            reason = f"cannot parse ({exc.reason})"
            findings.append(
                Finding(path, exc.line, exc.col, UNPROCESSED, f"cell {number}: {reason}")
            )
            continue
        findings += _cell_findings(result.findings, path, number)
        if not result.changed:
            continue
        new = magics.unmask(result.source.decode("utf-8"), table)
        if new is None:
            message = f"cell {number}: cannot rewrite safely (IPython lines moved), left untouched"
            findings.append(Finding(path, 1, 1, "L2T003", message))
            continue
        span = _object_spans(text, cell_span[0]).get("source")
        if span is not None and new != source:
            edits.append((span, _encode_source(text, span, new, ascii_only)))
    if not edits:
        return NotebookResult(data, findings, False)
    out, last = [], 0
    for (start, end), value in edits:
        out += [text[last:start], value]
        last = end
    out.append(text[last:])
    bom = b"\xef\xbb\xbf" if data.startswith(b"\xef\xbb\xbf") else b""
    return NotebookResult(bom + "".join(out).encode("utf-8"), findings, True)
