"""The TensorFlow version a notebook records it ran on, as era evidence (:mod:`.era`).

A notebook keeps the outputs of its last run, and often shows the TF version in them: a cell
whose code is ``tf.__version__`` (its result ``'1.0.0'``) or ``print(tf.__version__)`` (its
printed ``1.0.1``), ``tf.VERSION`` likewise; or its source pins the version it installs
(``!pip install tensorflow==1.0.1``, ``%pip install tensorflow-gpu==1.2.1``), or the kept output of
a ``!pip list`` / ``!pip freeze`` line shows the installed package (``tensorflow (1.2.1)``,
``tensorflow==1.2.1``). The code ran on that version, so it decides the era of the whole
notebook program.

Only these unambiguous forms count: the cell's code is imports and then that one expression (or a
print of it, string labels allowed), ``tf`` a name bound to the TensorFlow module alone, and its
output that value alone. Records that tell different eras, or one of a TF 2.x release (the
notebook was run again later), give no evidence. Records that all name one release carry it
(``Evidence.release``, ``(0, 11)``) for the TF 0.x questions no era answers (0.6 or 0.7, 0.11 or
0.12).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable
from dataclasses import dataclass

from legacy2tf2.migrator import era

_VERSION_ATTRIBUTES = ("__version__", "VERSION")
_PIP_INSTALL = re.compile(
    r"^\s*[!%]\s*(?:sudo\s+)?(?:python[\d.]*\s+-m\s+)?pip[\d.]*\s+install\b(?P<rest>.*)$",
    re.MULTILINE,
)
_PIN = re.compile(r"""^["']?(?P<package>tensorflow(?:[-_]gpu)?)==(?P<version>[\w.\-]+?)["']?$""")
_PY2_PRINT = re.compile(r"^print\s+(?!\()(?P<args>.+)$")
_PIP_LIST = re.compile(
    r"^\s*!\s*(?:python[\d.]*\s+-m\s+)?pip[\d.]*\s+(?:list|freeze)\b", re.MULTILINE
)
#: A line of ``pip list`` (``tensorflow (1.2.1)`` before pip 9's columns, ``tensorflow  1.2.1``
#: after) or of ``pip freeze`` (``tensorflow==1.2.1``).
_LISTED = re.compile(
    r"^(?P<package>tensorflow(?:[-_]gpu)?)(?:\s+\((?P<old>[^)\s]+)\)|\s+(?P<new>\S+)|==(?P<pin>\S+))\s*$",
    re.MULTILINE,
)


@dataclass(frozen=True)
class CellRecord:
    """What one code cell holds: its number (1-based, every cell counted), its code (IPython
    lines masked), its source as written and its outputs (nbformat 4)."""

    number: int
    code: str
    source: str
    outputs: list


def _parse(code: str) -> ast.Module | None:
    """``code`` parsed; a Python 2 ``print x`` as its last line is read as ``print(x)``."""
    try:
        return ast.parse(code)
    except SyntaxError:
        pass
    lines = code.rstrip().split("\n")
    match = _PY2_PRINT.match(lines[-1]) if lines else None
    if match is None:
        return None
    try:
        return ast.parse("\n".join([*lines[:-1], f"print({match['args']})"]))
    except SyntaxError:
        return None


def tensorflow_names(trees: Iterable[ast.Module]) -> set[str]:
    """The names bound to the TensorFlow module (``import tensorflow as tf``) and to nothing
    else anywhere in ``trees``."""
    bound: set[str] = set()
    other: set[str] = set()
    for tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name == "tensorflow" or (
                        alias.asname is None and alias.name.startswith("tensorflow.")
                    ):
                        bound.add(alias.asname or "tensorflow")
                    else:
                        other.add(alias.asname or alias.name.partition(".")[0])
            elif isinstance(node, ast.ImportFrom):
                other.update(alias.asname or alias.name for alias in node.names)
            elif isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
                other.add(node.id)
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                other.add(node.name)
            elif isinstance(node, ast.arg):
                other.add(node.arg)
    return bound - other


def _version_expression(node: ast.expr, names: set[str]) -> bool:
    """Whether ``node`` is ``tf.__version__``, ``tf.VERSION`` or ``tf.version.VERSION``."""
    if not isinstance(node, ast.Attribute):
        return False
    base = node.value
    if node.attr == "VERSION" and isinstance(base, ast.Attribute) and base.attr == "version":
        base = base.value
    elif node.attr not in _VERSION_ATTRIBUTES:
        return False
    return isinstance(base, ast.Name) and base.id in names


def _text(value: object) -> str | None:
    if isinstance(value, list) and all(isinstance(part, str) for part in value):
        return "".join(value)
    return value if isinstance(value, str) else None


def _result_version(outputs: list) -> str | None:
    """The string an expression cell's only result shows (``'1.0.0'``), or None."""
    results = [
        o for o in outputs if isinstance(o, dict) and o.get("output_type") == "execute_result"
    ]
    if len(results) != 1 or not isinstance(results[0].get("data"), dict):
        return None
    shown = _text(results[0]["data"].get("text/plain"))
    try:
        value = ast.literal_eval(shown.strip()) if shown is not None else None
    except (ValueError, SyntaxError):
        return None
    return value if isinstance(value, str) else None


def _printed_version(outputs: list, labels: list[str | None]) -> str | None:
    """The version a print of ``labels`` (None where the version goes) shows on stdout."""
    parts = [o for o in outputs if isinstance(o, dict) and o.get("output_type") == "stream"]
    printed = "".join(_text(o.get("text")) or "" for o in parts if o.get("name") == "stdout")
    pattern = " ".join(r"(?P<v>\S+)" if label is None else re.escape(label) for label in labels)
    match = re.fullmatch(pattern + r"\n?", printed)
    return match["v"] if match is not None else None


def _cell_version(cell: CellRecord, names: set[str]) -> tuple[str, str] | None:
    """(version, the expression shown) where ``cell`` shows the TF version in its output."""
    tree = _parse(cell.code)
    if tree is None or not tree.body or not cell.outputs:
        return None
    *head, last = tree.body
    if not all(isinstance(s, (ast.Import, ast.ImportFrom)) for s in head):
        return None
    if not isinstance(last, ast.Expr):
        return None
    value = last.value
    if _version_expression(value, names):
        version = _result_version(cell.outputs)
        return None if version is None else (version, ast.unparse(value))
    if not (
        isinstance(value, ast.Call)
        and isinstance(value.func, ast.Name)
        and value.func.id == "print"
        and not value.keywords
    ):
        return None
    shown = [a for a in value.args if _version_expression(a, names)]
    labels: list[str | None] = []
    for arg in value.args:
        if _version_expression(arg, names):
            labels.append(None)
        elif isinstance(arg, ast.Constant) and isinstance(arg.value, str):
            labels.append(arg.value)
        else:
            return None
    if len(shown) != 1:
        return None
    version = _printed_version(cell.outputs, labels)
    return None if version is None else (version, ast.unparse(shown[0]))


def _pins(cell: CellRecord) -> list[tuple[str, str]]:
    """(version, what) for each ``tensorflow==X`` an install line of ``cell`` pins."""
    found = []
    for line in _PIP_INSTALL.finditer(cell.source):
        for word in line["rest"].split():
            pin = _PIN.match(word)
            if pin is not None:
                found.append((pin["version"], f"pip install {pin['package']}=={pin['version']}"))
    return found


def _listed(cell: CellRecord) -> list[tuple[str, str]]:
    """(version, what) for each TensorFlow package the output of a ``!pip list`` or
    ``!pip freeze`` line of ``cell`` shows."""
    if _PIP_LIST.search(cell.source) is None:
        return []
    parts = [o for o in cell.outputs if isinstance(o, dict) and o.get("output_type") == "stream"]
    printed = "".join(_text(o.get("text")) or "" for o in parts if o.get("name") == "stdout")
    found = []
    for line in _LISTED.finditer(printed):
        version = line["old"] or line["new"] or line["pin"]
        found.append((version, f"recorded pip output {line['package']} {version}"))
    return found


def recorded_era(cells: list[CellRecord]) -> era.Evidence | None:
    """The strong evidence of the TF version ``cells`` record they ran on, or None where they
    record none, records that disagree on the era, or a TF 2.x version."""
    trees = [tree for tree in (_parse(cell.code) for cell in cells) if tree is not None]
    names = tensorflow_names(trees)
    records: list[tuple[str, str]] = []  # (version, description)
    for cell in cells:
        shown = _cell_version(cell, names) if names else None
        if shown is not None:
            version, expression = shown
            records.append(
                (version, f"recorded output {expression} == {version!r} (cell {cell.number})")
            )
        found = _pins(cell) + _listed(cell)
        records += [(version, f"{what} (cell {cell.number})") for version, what in found]
    if not records:
        return None
    eras = [era.eras_of_version(version) for version, _ in records]
    first = eras[0]
    if first is None or any(other != first for other in eras):
        return None
    releases = {era.release_of_version(version) for version, _ in records}
    release = releases.pop() if len(releases) == 1 else None
    what = ", ".join(what for _, what in records)
    return era.Evidence(0, 0, what, first, release=release)
