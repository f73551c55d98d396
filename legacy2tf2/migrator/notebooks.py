"""Jupyter notebooks: the code cells migrated as one program, everything else kept byte for byte.

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
from typing import TYPE_CHECKING

from legacy2tf2.migrator import cell_program, engine, magics, writefile_cells
from legacy2tf2.migrator.engine import RewriteResult
from legacy2tf2.migrator.findings import (
    UNPROCESSED,
    UNSAFE_REFERENCE,
    cannot_parse,
    cannot_parse_notebook,
    cells_cannot_join,
)
from legacy2tf2.migrator.report import Finding
from legacy2tf2.migrator.steps import CHECK, Step

if TYPE_CHECKING:
    from legacy2tf2.migrator.era import Evidence

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


def _parse_notebook(data: bytes, path: str) -> tuple[str, list[tuple[int, int]], dict] | Finding:
    try:
        text = data.decode("utf-8-sig")
        notebook = json.loads(text)
    except UnicodeDecodeError as exc:
        return Finding(path, 1, 1, UNPROCESSED, cannot_parse_notebook(f"not UTF-8: {exc.reason}"))
    except json.JSONDecodeError as exc:
        return Finding(path, exc.lineno, exc.colno, UNPROCESSED, cannot_parse_notebook(exc.msg))
    if not isinstance(notebook, dict) or not isinstance(notebook.get("cells"), list):
        return Finding(path, 1, 1, UNPROCESSED, cannot_parse_notebook("no nbformat 4 'cells' list"))
    start = text.index("{")
    cells_start = _object_spans(text, start)["cells"][0]
    return text, _array_spans(text, cells_start), notebook


def _is_python(notebook: dict) -> bool:
    meta = notebook.get("metadata") or {}
    language = (meta.get("kernelspec") or {}).get("language") or (
        meta.get("language_info") or {}
    ).get("name")
    return language in (None, "python", "python3", "ipython")


def _is_python2(notebook: dict) -> bool:
    """Whether the notebook's kernel was Python 2 (its code is Python 2 code)."""
    meta = notebook.get("metadata") or {}
    info = meta.get("language_info") or {}
    version = info.get("version")
    if isinstance(version, str) and version:
        return version.startswith("2.")
    codemirror = info.get("codemirror_mode")
    return (
        (meta.get("kernelspec") or {}).get("name") == "python2"
        or info.get("pygments_lexer") == "ipython2"
        or (isinstance(codemirror, dict) and codemirror.get("version") == 2)
    )


@dataclass(frozen=True)
class _CodeCell:
    number: int  # 1-based, counting every cell of the notebook
    span: tuple[int, int]  # the cell object in the notebook text
    source: str
    code: str  # IPython lines masked
    table: dict[str, str]


def _code_cells(text: str, notebook: dict, spans: list[tuple[int, int]]) -> list[_CodeCell]:
    """The code cells that hold Python (cells of another cell magic, ``%%bash``, are left out)."""
    cells = []
    for number, (cell, span) in enumerate(zip(notebook["cells"], spans, strict=True), 1):
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        raw = cell.get("source", "")
        source = "".join(raw) if isinstance(raw, list) else str(raw)
        masked = magics.mask(source)
        if masked is not None:
            cells.append(_CodeCell(number, span, source, masked[0], masked[1]))
    return cells


def _file_groups(
    notebook: dict, spans: list[tuple[int, int]]
) -> list[list[writefile_cells.FileCell]]:
    """The code cells writing Python modules (``%%writefile model.py``), one group per program."""
    code = []
    for number, (cell, span) in enumerate(zip(notebook["cells"], spans, strict=True), 1):
        if isinstance(cell, dict) and cell.get("cell_type") == "code":
            raw = cell.get("source", "")
            code.append((number, span, "".join(raw) if isinstance(raw, list) else str(raw)))
    return writefile_cells.groups(code)


def _needs_work(code: list[str], step: Step) -> bool:
    """Whether the cells' code may need ``step`` (a byte search, as for ``.py`` files)."""
    return step.cells_prefilter("".join(code).encode("utf-8"))


def _file_edits(
    text: str, group: list[writefile_cells.FileCell], step: Step, path: str
) -> tuple[list[tuple[tuple[int, int], str]], list[tuple[int, Finding]]]:
    """``step`` on the module that ``group``'s cells write: the new sources and the findings,
    placed at the cells' lines (below the ``%%writefile`` line)."""
    placed: list[tuple[int, Finding]] = []
    parseable: list[writefile_cells.FileCell] = []
    for cell in group:
        try:
            engine.compile_check(cell.body.encode("utf-8"), path)
        except engine.SourceParseError as exc:
            repaired = _repaired(
                _CodeCell(cell.number, cell.span, cell.body, cell.body, {}), step, path
            )
            if repaired is None:
                message = f"cell {cell.number}: {cannot_parse(exc.reason)}"
                finding = Finding(path, exc.line + 1, exc.col, UNPROCESSED, message)
                placed.append((cell.number, finding))
                continue
            placed += [(cell.number, replace(f, line=f.line + 1)) for f in repaired[1]]
            cell = replace(cell, body=repaired[0].code)
        parseable.append(cell)
    if not parseable:
        return [], placed
    program = cell_program.join([(c.number, c.body) for c in parseable])
    result = step.transform(program.source.encode("utf-8"), path)
    for finding in result.findings:
        place = program.locate(finding.line)
        if place is not None:
            number, line = place
            message = f"cell {number}: {finding.message}"
            placed.append((number, replace(finding, path=path, line=line + 1, message=message)))
    edits: list[tuple[tuple[int, int], str]] = []
    if not result.changed:
        return edits, placed
    bodies = cell_program.split(program, result.source.decode("utf-8"))
    if bodies is None:
        first = parseable[0].number
        message = (
            f"cell {first}: cannot rewrite safely (a cell boundary moved), cells left untouched"
        )
        placed.append((first, Finding(path, 1, 1, UNSAFE_REFERENCE, message)))
        return edits, placed
    for cell, body in zip(parseable, bodies, strict=True):
        new = cell.header + body
        span = _object_spans(text, cell.span[0]).get("source")
        if span is not None and new != cell.source:
            edits.append((span, _encode_source(text, span, new, text.isascii())))
    return edits, placed


def _in_cell(
    program: cell_program.Program, finding: Finding, path: str, offsets: dict[int, dict[int, int]]
) -> tuple[int, Finding] | None:
    """``finding`` at its cell's line, ``cell N:`` before its message; None outside any cell.

    ``offsets`` holds, per cell number, :func:`magics.statement_offsets` of the cell.
    """
    place = program.locate(finding.line)
    if place is None:
        return None
    number, line = place
    col = finding.col + offsets[number].get(line, 0)
    message = f"cell {number}: {finding.message}"
    return number, replace(finding, path=path, line=line, col=col, message=message)


def _new_sources(
    program: cell_program.Program, cells: list[_CodeCell], rewritten: str
) -> list[str] | str:
    """Each cell's new source, or why the rewritten program cannot be cut back into cells."""
    pieces = cell_program.split(program, rewritten)
    if pieces is None:
        return "cannot rewrite safely (a cell boundary moved)"
    sources = []
    for cell, piece in zip(cells, pieces, strict=True):
        new = magics.unmask(piece, cell.table)
        if new is None:
            return f"cannot rewrite safely (IPython lines of cell {cell.number} moved)"
        sources.append(new)
    return sources


def _splice(text: str, data: bytes, edits: list[tuple[tuple[int, int], str]]) -> bytes:
    out, last = [], 0
    for (start, end), value in edits:
        out += [text[last:start], value]
        last = end
    out.append(text[last:])
    bom = b"\xef\xbb\xbf" if data.startswith(b"\xef\xbb\xbf") else b""
    return bom + "".join(out).encode("utf-8")


def _repaired(cell: _CodeCell, step: Step, path: str) -> tuple[_CodeCell, list[Finding]] | None:
    """``cell`` with code that parses after ``step.repair`` (Python 2 statements), and the
    findings of that change at the cell's lines; None when the step repairs nothing."""
    if step.repair is None:
        return None
    code = cell.code.encode("utf-8")
    fixed, raw = step.repair(code)
    if fixed == code:
        return None
    offsets = magics.statement_offsets(cell.table)
    findings = [
        Finding(path, line, col + offsets.get(line, 0), code_, f"cell {cell.number}: {message}")
        for line, col, code_, message in raw
    ]
    return replace(cell, code=fixed.decode("utf-8")), findings


def process_notebook(data: bytes, path: str, step: Step) -> NotebookResult:
    """Apply ``step`` (:mod:`legacy2tf2.migrator.steps`: rewrite, check or ``--full``) to the
    notebook in ``data``.

    Jupyter runs the code cells in order in one namespace, so they are processed as one program
    (:mod:`legacy2tf2.migrator.cell_program`): an import in one cell resolves the names of every
    later cell, and is kept while any cell reads it. A cell Python 3 cannot parse is reported
    (``L2T000``), left as it is and out of the program; the names it reads keep their imports,
    as do the names an IPython line reads (``!echo {tf.__version__}``).
    A rewrite that would move a cell boundary or an IPython line leaves the notebook untouched
    (``L2T003``). With a step that does not write (check) only the findings are returned.
    A cell writing a Python module (``%%writefile model.py``) is processed with the cells
    writing the same module, as a program of its own (:mod:`.writefile_cells`). The code of a
    notebook whose kernel was Python 2 is Python 2 code (``step.for_python2``). The TF version
    the notebook records it ran on (:mod:`.recorded_version`) is era evidence for the whole of it.

    Raises:
        TensorFlowMissing: the ``--full`` step and tensorflow is not installed.
    """
    parsed = _parse_notebook(data, path)
    if isinstance(parsed, Finding):
        return NotebookResult(data, [parsed], False)
    text, cell_spans, notebook = parsed
    if not _is_python(notebook):
        return NotebookResult(data, [], False)
    if step.for_python2 is not None and _is_python2(notebook):
        step = step.for_python2
    cells = _code_cells(text, notebook, cell_spans)
    file_groups = _file_groups(notebook, cell_spans)
    bodies = [cell.body for group in file_groups for cell in group]
    if not _needs_work([cell.code for cell in cells] + bodies, step):
        return NotebookResult(data, [], False)
    if step is CHECK:  # the leftover scan takes no version decision
        return _process(text, data, cells, file_groups, path, step)
    from legacy2tf2.migrator import era  # imports libcst, which importing notebooks must not

    with era.recorded(_recorded_era(notebook, cells)):
        return _process(text, data, cells, file_groups, path, step)


def _recorded_era(notebook: dict, cells: list[_CodeCell]) -> Evidence | None:
    """The TF version the notebook records it ran on, as era evidence (:mod:`.recorded_version`)."""
    from legacy2tf2.migrator import recorded_version

    records = []
    for cell in cells:
        outputs = notebook["cells"][cell.number - 1].get("outputs")
        records.append(
            recorded_version.CellRecord(
                cell.number, cell.code, cell.source, outputs if isinstance(outputs, list) else []
            )
        )
    return recorded_version.recorded_era(records)


def _process(
    text: str,
    data: bytes,
    cells: list[_CodeCell],
    file_groups: list[list[writefile_cells.FileCell]],
    path: str,
    step: Step,
) -> NotebookResult:
    """:func:`process_notebook` on the notebook's code cells and ``%%writefile`` groups."""
    placed: list[tuple[int, Finding]] = []
    edits: list[tuple[tuple[int, int], str]] = []
    for group in file_groups:
        group_edits, group_placed = _file_edits(text, group, step, path)
        edits += group_edits
        placed += group_placed
    parseable: list[_CodeCell] = []
    read_elsewhere: set[str] = set()
    for cell in cells:
        try:
            engine.compile_check(cell.code.encode("utf-8"), path)
        except engine.SourceParseError as exc:
            repaired = _repaired(cell, step, path)
            if repaired is not None:
                parseable.append(repaired[0])
                placed += [(cell.number, finding) for finding in repaired[1]]
                read_elsewhere |= cell_program.identifiers(" ".join(cell.table.values()))
                continue
            message = f"cell {cell.number}: {cannot_parse(exc.reason)}"
            placed.append((cell.number, Finding(path, exc.line, exc.col, UNPROCESSED, message)))
            read_elsewhere |= cell_program.identifiers(cell.source)
            continue
        parseable.append(cell)
        read_elsewhere |= cell_program.identifiers(" ".join(cell.table.values()))
    if not parseable:
        return _result(text, data, edits, placed)
    kept: set[str] = set()
    if step.writes and read_elsewhere:
        for cell in parseable:
            kept |= cell_program.import_bindings(cell.code) & read_elsewhere
    program = cell_program.join([(c.number, c.code) for c in parseable], kept)
    try:
        result = step.transform(program.source.encode("utf-8"), path)
    except engine.SourceParseError as exc:  # each cell parses alone; together they do not
        reason = cells_cannot_join(exc.reason)
        result = RewriteResult(b"", [Finding(path, exc.line, exc.col, UNSAFE_REFERENCE, reason)])
    offsets = {cell.number: magics.statement_offsets(cell.table) for cell in parseable}
    for finding in result.findings:
        moved = _in_cell(program, finding, path, offsets)
        if moved is not None:
            placed.append(moved)
    if result.changed:
        sources = _new_sources(program, parseable, result.source.decode("utf-8"))
        if isinstance(sources, str):
            first = parseable[0].number
            message = f"cell {first}: {sources}, notebook left untouched"
            placed.append((first, Finding(path, 1, 1, UNSAFE_REFERENCE, message)))
            sources = [cell.source for cell in parseable]
        for cell, new in zip(parseable, sources, strict=True):
            span = _object_spans(text, cell.span[0]).get("source")
            if span is not None and new != cell.source:
                edits.append((span, _encode_source(text, span, new, text.isascii())))
    return _result(text, data, edits, placed)


def _result(
    text: str,
    data: bytes,
    edits: list[tuple[tuple[int, int], str]],
    placed: list[tuple[int, Finding]],
) -> NotebookResult:
    findings = [f for _, f in sorted(placed, key=lambda p: (p[0], p[1].line, p[1].col))]
    if not edits:
        return NotebookResult(data, findings, False)
    return NotebookResult(_splice(text, data, sorted(edits)), findings, True)
