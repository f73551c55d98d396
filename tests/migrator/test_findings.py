"""The finding codes: declared once in ``migrator/findings.py``, documented in the README."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from legacy2tf2.migrator import CODES, findings

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "legacy2tf2"
CODE = re.compile(r"L2T\d{3}")


def _docstrings(tree: ast.AST) -> set[int]:
    """``id`` of every docstring node (module, class and function docstrings)."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def _code_literals(path: Path, *, prose_too: bool) -> list[str]:
    """``line: text`` of each string constant in ``path`` that is a finding code (or, with
    ``prose_too``, that mentions one), docstrings left out."""
    tree = ast.parse(path.read_bytes(), str(path))
    docstrings = _docstrings(tree)
    hits = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Constant) or not isinstance(node.value, str):
            continue
        if id(node) in docstrings:
            continue
        if CODE.fullmatch(node.value) or (prose_too and CODE.search(node.value)):
            hits.append(f"{path.relative_to(path.parents[1])}:{node.lineno}: {node.value!r}")
    return hits


def test_no_module_spells_a_finding_code_but_the_findings_module() -> None:
    own = PACKAGE / "migrator" / "findings.py"
    hits = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path == own or "_bundled" in path.parts:
            continue
        migrator_or_command = path.parent.name in {"migrator", "transforms", "commands"}
        hits += _code_literals(path, prose_too=migrator_or_command)
    assert hits == [], "use the names of legacy2tf2/migrator/findings.py, not code literals"


def test_the_scan_finds_a_code_literal(tmp_path: Path) -> None:
    sample = tmp_path / "pkg" / "m.py"
    sample.parent.mkdir()
    sample.write_text('"""Reports L2T003."""\nCODE = "L2T003"\nMESSAGE = f"see (L2T001) {CODE}"\n')
    assert _code_literals(sample, prose_too=False) == ["pkg/m.py:2: 'L2T003'"]
    assert len(_code_literals(sample, prose_too=True)) == 2


def test_every_code_is_declared_once_in_order_with_a_description() -> None:
    assert CODES is findings.CODES
    assert list(CODES) == [f"L2T{n:03}" for n in range(28) if n != 20]
    assert all(CODES.values())
    assert set(CODES) > findings.NOTES
    names = vars(findings).items()
    declared = {v for k, v in names if k.isupper() and isinstance(v, str) and CODE.fullmatch(v)}
    assert declared == set(CODES)


def _readme_codes() -> tuple[dict[str, str], set[str]]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\| (L2T\d{3}) \| (.+) \|$", text, re.M))
    sentence = re.search(r"^((?:L2T\d{3}, )+L2T\d{3} and L2T\d{3}) report changes made", text, re.M)
    assert sentence is not None
    return rows, set(CODE.findall(sentence.group(1)))


def test_every_code_is_in_the_readme_table_and_the_notes_sentence_matches() -> None:
    rows, notes = _readme_codes()
    assert sorted(rows) == sorted(CODES)
    assert notes == findings.NOTES


def test_notes_do_not_fail_the_run_and_other_codes_do() -> None:
    assert not findings.fails(findings.CELL_INPUT_SIZE)
    assert not findings.fails(findings.GRAPH_MODE)
    assert findings.fails(findings.UNPROCESSED)
    assert findings.fails(findings.MISSING_TF_NAME)
