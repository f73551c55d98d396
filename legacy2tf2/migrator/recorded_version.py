"""The TensorFlow version a notebook records it ran on, as era evidence (:mod:`.era`).

A notebook keeps the outputs of its last run, and often shows the TF version in them: a cell
whose code is ``tf.__version__`` (its result ``'1.0.0'``) or ``print(tf.__version__)`` (its
printed ``1.0.1``), ``tf.VERSION`` likewise; or its source pins the version it installs
(``!pip install tensorflow==1.0.1``, ``%pip install tensorflow-gpu==1.2.1``), or the kept output of
a ``!pip list`` / ``!pip freeze`` line shows the installed package (``tensorflow (1.2.1)``,
``tensorflow==1.2.1``). The code ran on that version, so it decides the era of the whole
notebook program.

Only these unambiguous forms count (``tf`` a name bound to the TensorFlow module alone): the
result of a cell whose code is statements that print nothing and then that one expression; the
line a print of it wrote (``'TF ' + tf.__version__``, f-strings, ``.format``, ``%`` allowed),
where only statements whose printed lines are known come before the print (imports, literals,
version asserts, quiet IPython lines, one-line prints, Colab's ``%tensorflow_version``) and the
kept stdout starts with exactly those lines; Colab's ``%tensorflow_version 1.x`` itself; a TF1
cell object's repr in any kept output (its defining module: TF 0.x, 1.0-1.1 or 1.2+). Every record
holds, so the eras they allow intersect; records that share no era, or one of a TF 2.x release
(the notebook was run again later), give no evidence. Records that all name one release carry it
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
#: The statement :mod:`.magics` puts where an IPython line was (a name with this prefix).
_IPYTHON = "_legacy2tf2_ipython_"
_COLAB_MAGIC = re.compile(r"^\s*%tensorflow_version\s+(?P<version>\S+)\s*(?:#.*)?$")
#: IPython lines that print nothing: ``%matplotlib inline`` (a backend given), ``%autoreload 2``,
#: ``%config InlineBackend.figure_format = 'retina'``.
_QUIET_MAGIC = re.compile(r"^\s*%(?:matplotlib\s+\w+|autoreload(?:\s+\d)?|config\s+\S.*)\s*$")
#: What Colab's magic prints: the version chosen, or that the running one stays.
_COLAB_SAYS = re.compile(r"TensorFlow \S+ selected\.|TensorFlow is already loaded\..*")
_ALREADY_LOADED = "TensorFlow is already loaded"
#: A TF1 cell object as TensorFlow's own repr shows it in an output (``print(cell)``, a warning,
#: an error message): the module that defined the class tells the release range. TF 0.x defined
#: the cells in ``tensorflow/python/ops/rnn_cell.py``, TF 1.0 and 1.1 in
#: ``tensorflow/contrib/rnn/python/ops/core_rnn_cell_impl.py``, TF 1.2 on in
#: ``tensorflow/python/ops/rnn_cell_impl.py``.
_CELL_REPR = re.compile(
    r"<tensorflow\.(?P<module>python\.ops\.rnn_cell|python\.ops\.rnn_cell_impl"
    r"|contrib\.rnn\.python\.ops\.core_rnn_cell_impl)\.(?P<cell>BasicRNNCell|BasicLSTMCell|LSTMCell"
    r"|GRUCell|MultiRNNCell|DropoutWrapper) object at 0x[0-9a-fA-F]+>"
)
#: The defining module of a repr -> the pseudo version :func:`_eras` reads.
_REPR_VERSIONS = {
    "python.ops.rnn_cell": "0.x",
    "contrib.rnn.python.ops.core_rnn_cell_impl": "1.0-1.1",
    "python.ops.rnn_cell_impl": "1.x",
}
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
    """``code`` parsed; a Python 2 ``print x`` statement at the top level is read as
    ``print(x)`` (the same text printed), one ending in a comma (no newline printed) is not."""
    try:
        return ast.parse(code)
    except SyntaxError:
        pass
    lines = code.rstrip().split("\n")
    for number, line in enumerate(lines):
        match = _PY2_PRINT.match(line)
        if match is not None and not match["args"].rstrip().endswith(","):
            lines[number] = f"print({match['args']})"
    try:
        return ast.parse("\n".join(lines))
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


def _stdout(outputs: list) -> str:
    parts = [o for o in outputs if isinstance(o, dict) and o.get("output_type") == "stream"]
    return "".join(_text(o.get("text")) or "" for o in parts if o.get("name") == "stdout")


def _fragment(node: ast.expr, names: set[str]) -> tuple[str, ast.expr | None] | None:
    """(a regular expression of the one line of text ``node`` makes, the TF version expression
    in it or None), for the strings a version print is made of: literals, ``tf.__version__``,
    another module's ``__version__``, ``+``, f-strings, ``"...{}".format(...)`` and
    ``"...%s" % ...``; None for anything else."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return None if "\n" in node.value or "\r" in node.value else (re.escape(node.value), None)
    if _version_expression(node, names):
        return r"(?P<v>\d[\w.+\-]*)", node
    if isinstance(node, ast.Attribute) and node.attr in _VERSION_ATTRIBUTES:
        return r"[^\n]*", None  # another module's version: one line
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _joined([node.left, node.right], names)
    if isinstance(node, ast.JoinedStr):
        parts: list[ast.expr] = []
        for value in node.values:
            if isinstance(value, ast.FormattedValue):
                if value.conversion != -1 or value.format_spec is not None:
                    return None
                parts.append(value.value)
            else:
                parts.append(value)
        return _joined(parts, names)
    template = _template(node)
    if template is None:
        return None
    text, args, field = template
    chunks = field.split(text)
    if len(chunks) != len(args) + 1:
        return None
    pieces: list[ast.expr] = [
        ast.Constant(chunks[0].replace("%%", "%") if field is _PERCENT else chunks[0])
    ]
    for arg, chunk in zip(args, chunks[1:], strict=True):
        pieces += [arg, ast.Constant(chunk.replace("%%", "%") if field is _PERCENT else chunk)]
    return _joined(pieces, names)


_FORMAT = re.compile(r"\{(?:0|)\}")
_PERCENT = re.compile(r"(?<!%)%s")


def _template(node: ast.expr) -> tuple[str, list[ast.expr], re.Pattern[str]] | None:
    """(template, its arguments, its placeholder) of ``"...{}...".format(a)`` (``{}`` or one
    ``{0}``) or ``"...%s..." % a`` (``%s`` only); None for any other form."""
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "format"
        and isinstance(node.func.value, ast.Constant)
        and isinstance(node.func.value.value, str)
        and not node.keywords
        and len(node.args) == 1
    ):
        text = node.func.value.value
        if text.count("{") != 1 or text.count("}") != 1 or _FORMAT.search(text) is None:
            return None
        return text, list(node.args), _FORMAT
    if (
        isinstance(node, ast.BinOp)
        and isinstance(node.op, ast.Mod)
        and isinstance(node.left, ast.Constant)
        and isinstance(node.left.value, str)
    ):
        text = node.left.value
        args = node.right.elts if isinstance(node.right, ast.Tuple) else [node.right]
        if "%" in _PERCENT.sub("", text).replace("%%", ""):
            return None
        return text, list(args), _PERCENT
    return None


def _joined(parts: list[ast.expr], names: set[str]) -> tuple[str, ast.expr | None] | None:
    """The fragment of ``parts`` written one after the other; None where more than one of
    them is the TF version."""
    pattern, shown = "", None
    for part in parts:
        found = _fragment(part, names)
        if found is None or (found[1] is not None and shown is not None):
            return None
        pattern += found[0]
        shown = found[1] or shown
    return pattern, shown


def _print_line(statement: ast.stmt, names: set[str]) -> tuple[str, ast.expr | None] | None:
    """The fragment of the one line a top-level ``print(...)`` statement writes."""
    if not (
        isinstance(statement, ast.Expr)
        and isinstance(statement.value, ast.Call)
        and isinstance(statement.value.func, ast.Name)
        and statement.value.func.id == "print"
        and not statement.value.keywords
        and not any(isinstance(a, ast.Starred) for a in statement.value.args)
    ):
        return None
    pattern, shown = "", None
    for number, arg in enumerate(statement.value.args):
        found = _fragment(arg, names)
        if found is None or (found[1] is not None and shown is not None):
            return None
        pattern += (" " if number else "") + found[0]
        shown = found[1] or shown
    return pattern, shown


def _ipython_line(statement: ast.stmt, source_lines: list[str]) -> str | None:
    """The IPython line (``%matplotlib inline``) a placeholder statement stands for."""
    if not (
        isinstance(statement, ast.Expr)
        and isinstance(statement.value, ast.Name)
        and statement.value.id.startswith(_IPYTHON)
        and statement.lineno <= len(source_lines)
    ):
        return None
    return source_lines[statement.lineno - 1]


def _quiet_magic(statement: ast.stmt, source_lines: list[str]) -> bool:
    """Whether ``statement`` stands for an IPython line that prints nothing."""
    magic = _ipython_line(statement, source_lines)
    return magic is not None and _QUIET_MAGIC.match(magic) is not None


#: Calls an assert comparing versions makes, none of which prints.
_VERSION_CALLS = frozenset({"LooseVersion", "StrictVersion", "parse", "Version"})


def _silent_assert(statement: ast.stmt) -> bool:
    """Whether ``statement`` is an assert that writes nothing when it holds (the version checks
    of course notebooks: ``assert LooseVersion(tf.__version__) >= LooseVersion('1.0'), '...'``):
    its test calls only version parsers."""
    if not isinstance(statement, ast.Assert):
        return False
    for node in ast.walk(statement.test):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
            if name not in _VERSION_CALLS:
                return False
    return True


def _silent(statement: ast.stmt) -> bool:
    """Whether ``statement`` writes nothing to stdout: an import, ``pass``, a string or other
    literal alone (the ``\"\"\"DON'T MODIFY ANYTHING IN THIS CELL\"\"\"`` heading course cells open
    with) or an assert comparing versions."""
    if isinstance(statement, (ast.Import, ast.ImportFrom, ast.Pass)):
        return True
    if isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant):
        return True
    return _silent_assert(statement)


def _printed(cell: CellRecord, tree: ast.Module, names: set[str]) -> tuple[str, str] | None:
    """(version, expression) where a print of the TF version wrote a line of the cell's kept
    stdout that can be told exactly: only imports, literals, asserts comparing versions, IPython
    lines that print nothing (``%matplotlib inline``), Colab's ``%tensorflow_version`` (one line,
    ``TensorFlow 1.x selected.``) and prints of one line each (literals, versions) come before
    it, and every line before it is what those wrote."""
    printed = _stdout(cell.outputs).split("\n")
    source_lines = cell.source.split("\n")
    line = 0
    for statement in tree.body:
        if _silent(statement):
            continue
        if _quiet_magic(statement, source_lines):
            continue
        magic = _ipython_line(statement, source_lines)
        if magic is not None and _COLAB_MAGIC.match(magic) is not None:
            if line >= len(printed) or _COLAB_SAYS.fullmatch(printed[line]) is None:
                return None
            line += 1
            continue
        found = _print_line(statement, names)
        if found is None or line >= len(printed):
            return None
        match = re.fullmatch(found[0], printed[line])
        if match is None:
            return None
        if found[1] is not None:
            return match["v"], ast.unparse(found[1])
        line += 1
    return None


def _cell_version(cell: CellRecord, names: set[str]) -> tuple[str, str] | None:
    """(version, the expression shown) where ``cell`` shows the TF version in its output: the
    result of a last expression ``tf.__version__`` after statements that print nothing, or a line
    it prints."""
    tree = _parse(cell.code)
    if tree is None or not tree.body or not cell.outputs:
        return None
    *head, last = tree.body
    source_lines = cell.source.split("\n")
    if (
        all(_silent(s) or _quiet_magic(s, source_lines) for s in head)
        and isinstance(last, ast.Expr)
        and _version_expression(last.value, names)
    ):
        version = _result_version(cell.outputs)
        return None if version is None else (version, ast.unparse(last.value))
    return _printed(cell, tree, names)


def _colab(cell: CellRecord) -> list[tuple[str, str]]:
    """(version, what) for Colab's ``%tensorflow_version 1.x`` line in ``cell``: Colab's TF 1
    was 1.13 to 1.15, all of the 1.2+ era. None where the kept output says the line changed
    nothing (``TensorFlow is already loaded``: the version already imported ran)."""
    if _ALREADY_LOADED in _stdout(cell.outputs):
        return []
    return [
        (match["version"], f"%tensorflow_version {match['version']}")
        for match in (_COLAB_MAGIC.match(line) for line in cell.source.split("\n"))
        if match is not None
    ]


def _output_text(outputs: list) -> str:
    """Every text an output kept: streams, results and displays as text, errors."""
    texts = []
    for output in outputs:
        if not isinstance(output, dict):
            continue
        texts.append(_text(output.get("text")) or "")
        data = output.get("data")
        if isinstance(data, dict):
            texts.append(_text(data.get("text/plain")) or "")
        texts.append(output.get("evalue") if isinstance(output.get("evalue"), str) else "")
        texts.append(_text(output.get("traceback")) or "")
    return "\n".join(texts)


def _cell_reprs(cell: CellRecord) -> list[tuple[str, str]]:
    """(pseudo version, what) for each TF1 cell object's repr the outputs of ``cell`` show."""
    found: dict[str, str] = {}
    for match in _CELL_REPR.finditer(_output_text(cell.outputs)):
        module = match["module"]
        found.setdefault(module, f"recorded output <tensorflow.{module}.{match['cell']} object>")
    return [(_REPR_VERSIONS[module], what) for module, what in found.items()]


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


def _eras(version: str) -> frozenset[str] | None:
    """The era of ``version``; Colab's ``1.x`` is TF 1.13 to 1.15; the pseudo versions of a cell's
    repr (:data:`_REPR_VERSIONS`) the eras of the module that defined it."""
    if version == "1.x":
        return frozenset({era.V1_2_PLUS})
    if version == "1.0-1.1":
        return frozenset({era.V1_0, era.V1_1})
    if version == "0.x":
        return frozenset({era.PRE_1_0})
    return era.eras_of_version(version)


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
        found = _pins(cell) + _listed(cell) + _colab(cell) + _cell_reprs(cell)
        records += [(version, f"{what} (cell {cell.number})") for version, what in found]
    if not records:
        return None
    eras = [_eras(version) for version, _ in records]
    if any(found is None for found in eras):
        return None
    first = frozenset.intersection(*eras)  # every record holds: the run was in all of them
    if not first:
        return None
    releases = {era.release_of_version(version) for version, _ in records}
    releases.discard(None)  # Colab's 1.x, a repr: no one release
    release = releases.pop() if len(releases) == 1 else None
    what = ", ".join(what for _, what in records)
    return era.Evidence(0, 0, what, first, release=release)
