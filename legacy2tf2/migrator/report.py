"""Findings: the one record every migrator command reports, and its renderers."""

from __future__ import annotations

import json
from dataclasses import dataclass
from urllib.parse import quote

from legacy2tf2.migrator.findings import CODES


@dataclass(frozen=True, order=True)
class Finding:
    """One thing the migrator reports at a source position (1-based line, 1-based column)."""

    path: str
    line: int
    col: int
    code: str
    message: str


FORMATS = ("text", "json", "github", "sarif")

_SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def render_text(findings: list[Finding]) -> str:
    """One ``path:line:col: CODE message`` line per finding."""
    return "".join(f"{f.path}:{f.line}:{f.col}: {f.code} {f.message}\n" for f in findings)


def render_json(findings: list[Finding]) -> str:
    """A JSON array of ``{path, line, col, code, message}`` objects."""
    records = [
        {"path": f.path, "line": f.line, "col": f.col, "code": f.code, "message": f.message}
        for f in findings
    ]
    return json.dumps(records, indent=2, ensure_ascii=False) + "\n"


def _gh_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_property(text: str) -> str:
    return _gh_data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(findings: list[Finding]) -> str:
    """GitHub Actions workflow commands: ``::error file=P,line=L,col=C::CODE message``."""
    return "".join(
        f"::error file={_gh_property(f.path)},line={f.line},col={f.col},title={f.code}"
        f"::{_gh_data(f'{f.code} {f.message}')}\n"
        for f in findings
    )


def _sarif_uri(path: str) -> str:
    return "stdin" if path == "-" else quote(path.replace("\\", "/"))


def render_sarif(findings: list[Finding], version: str = "") -> str:
    """A SARIF 2.1.0 log with one run of the ``legacy2tf2`` tool and one result per finding."""
    used = sorted({f.code for f in findings} | set(CODES))
    rules = [{"id": code, "shortDescription": {"text": CODES.get(code, code)}} for code in used]
    results = [
        {
            "ruleId": f.code,
            "ruleIndex": used.index(f.code),
            "level": "error",
            "message": {"text": f.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": _sarif_uri(f.path)},
                        "region": {"startLine": max(1, f.line), "startColumn": max(1, f.col)},
                    }
                }
            ],
        }
        for f in findings
    ]
    driver: dict[str, object] = {"name": "legacy2tf2", "rules": rules}
    if version:
        driver["version"] = version
    log = {
        "$schema": _SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{"tool": {"driver": driver}, "results": results}],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def render(findings: list[Finding], fmt: str, version: str = "") -> str:
    """Render ``findings`` in one of :data:`FORMATS`."""
    if fmt == "text":
        return render_text(findings)
    if fmt == "json":
        return render_json(findings)
    if fmt == "github":
        return render_github(findings)
    if fmt == "sarif":
        return render_sarif(findings, version)
    raise ValueError(f"Argument `fmt` must be one of {FORMATS}. Received: fmt={fmt!r}")
