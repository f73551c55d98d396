"""Python 2 syntax that Python 3 cannot parse, changed to its exact Python 3 form (a ``--full`` step).

TF 0.x programs and notebooks were mostly written for Python 2, and their most common Python 2
statements do not even parse under Python 3, so no later step (nor TensorFlow's upgrader) could
see the file. This step runs only on a source that Python 3 cannot parse, works on the token
stream (``tokenize`` reads Python 2 sources), and changes only the tokens of these statements:

- ``print x, y`` -> ``print(x, y)``; a trailing comma -> ``end=" "`` (Python 2 ended with the
  space it would put before the next item); ``print >>f, x`` -> ``print(x, file=f)``; a bare
  ``print`` -> ``print()``. A statement whose whole argument is one parenthesized group
  (``print("done")``) already reads as the call and is left as it is;
- ``except E, e:`` -> ``except E as e:``;
- ``exec code`` -> ``exec(code)``, ``exec code in g, l`` -> ``exec(code, g, l)``; a bare
  ``exec code`` inside a function is changed too but reported L2T023: Python 3 runs it in a copy
  of the function's variables, so the names it assigns are lost;
- ``raise E, "message"`` (the value a string literal, maybe formatted) -> ``raise E("message")``;
  any other value is left (Python 2 unpacked tuples and passed instances through);
- ``ur"..."`` -> ``r"..."`` (one with a ``\\u`` escape, which Python 2 decoded, -> its value);
- ``0777`` -> ``0o777``, ``10L`` -> ``10``, ``a <> b`` -> ``a != b``, ```x``` -> ``repr(x)``;
- a lambda's tuple parameters, ``lambda (k, v): v`` -> ``lambda k_v: (lambda k, v: v)(*k_v)``
  (:mod:`legacy2tf2.migrator.py2_tuple_params`), and a function's, ``def f((a, b), c):`` ->
  ``def f(a_b, c):`` whose body first runs ``(a, b) = a_b;`` on its first line;
- indentation that mixes tabs and spaces (Python 3's ``TabError``) -> spaces, with tab stops
  every 8 columns as Python 2 read them.

Nothing is changed when the result still does not parse (the file is then reported as before,
L2T000), so the step never makes a file worse. ``from __future__ import print_function`` turns the
print rewrite off: ``print`` is then already a function.
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
from dataclasses import dataclass

from legacy2tf2.migrator.engine import SourceParseError, compile_check
from legacy2tf2.migrator.findings import PY2_FIXED, PY2_LEFT
from legacy2tf2.migrator.py2_tuple_params import def_tuple_edits, lambda_tuple_edits

RawFinding = tuple[int, int, str, str]

_OCTAL = re.compile(r"[0-7]+")
_LONG_SUFFIX = frozenset({"L", "l"})
_OPEN = frozenset({"(", "[", "{"})
_CLOSE = frozenset({")", "]", "}"})
_STATEMENT_ENDS = frozenset({tokenize.NEWLINE, tokenize.ENDMARKER})
_SKIP = frozenset({tokenize.NL, tokenize.COMMENT})
_TUPLE_PARAMS_MESSAGE = "Python 2 tuple parameter `lambda (a, b): ...` changed to `lambda a_b: (lambda a, b: ...)(*a_b)`"
_DEF_PARAMS_MESSAGE = (
    "Python 2 tuple parameter `def f((a, b)):` changed to `def f(a_b):` whose body first "
    "unpacks `(a, b) = a_b` (line numbers kept)"
)
_EXEC_MESSAGE = "Python 2 `exec code [in g, l]` statement changed to `exec(code[, g, l])`"
_EXEC_IN_FUNCTION = (
    "Python 2 `exec code` in a function changed to `exec(code)`, which Python 3 runs in a copy of "
    "the function's variables: names the code assigns are no longer the function's (Python 2 "
    "set them); give it a dict (exec(code, globals(), ns)) and read the names from ns"
)
_PRINT_FUNCTION = re.compile(rb"^\s*from\s+__future__\s+import\s+[^#\n]*\bprint_function\b", re.M)


@dataclass(frozen=True)
class _Edit:
    start: tuple[int, int]
    end: tuple[int, int]
    text: str


def parses(source: bytes) -> bool:
    """Whether Python 3 parses ``source`` (what :func:`engine.compile_check` accepts)."""
    try:
        compile_check(source, "-")
    except SourceParseError:
        return False
    return True


def fix_python2_syntax(source: bytes) -> tuple[bytes, list[RawFinding]]:
    """Return ``source`` with its Python 2 statements in Python 3 form, and one finding per change.

    Only a source Python 3 cannot parse is touched, and only when the result parses; otherwise
    ``source`` itself is returned with no finding. Line numbers never change.
    """
    if parses(source):
        return source, []
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(source).readline)
        text = source.decode(encoding)
    except (SyntaxError, UnicodeDecodeError, LookupError):
        return source, []
    try:
        tokens = [  # the tokenizer's whitespace error tokens (before a backtick) are noise here
            t
            for t in tokenize.generate_tokens(io.StringIO(text).readline)
            if not (t.type == tokenize.ERRORTOKEN and t.string.isspace())
        ]
    except (tokenize.TokenError, IndentationError, SyntaxError):
        tokens = None
    findings: list[RawFinding] = []
    execs: list[tokenize.TokenInfo] = []
    new_text = text
    if tokens is not None:
        printing = _PRINT_FUNCTION.search(source) is None
        edits, findings, execs = _statement_edits(tokens, printing)
        lambda_edits, lambdas = lambda_tuple_edits(tokens)
        edits += [_Edit(start, end, text) for start, end, text in lambda_edits]
        findings += [
            (t.start[0], t.start[1] + 1, PY2_FIXED, _TUPLE_PARAMS_MESSAGE) for t in lambdas
        ]
        def_edits, defs = def_tuple_edits(tokens)
        edits += [_Edit(start, end, text) for start, end, text in def_edits]
        findings += [(t.start[0], t.start[1] + 1, PY2_FIXED, _DEF_PARAMS_MESSAGE) for t in defs]
        new_text = _apply(text, edits)
    new = new_text.encode(encoding)
    if not parses(new):
        retabbed, tab_findings = _expand_mixed_indentation(new_text)
        new = retabbed.encode(encoding)
        findings += tab_findings
    if new == source or not parses(new):
        return source, []
    findings += _exec_findings(new, execs)
    return new, sorted(findings)


def _exec_findings(new: bytes, execs: list[tokenize.TokenInfo]) -> list[RawFinding]:
    """One finding per changed exec statement: L2T023 for a bare ``exec code`` in a function.

    In a function, Python 2's ``exec code`` ran in the function's own variables (names it assigned
    were read by the code after it); Python 3's ``exec(code)`` runs in a copy of them, so what it
    assigns is lost. At module or class level, and with namespaces given, the call is exact.
    """
    if not execs:
        return []
    in_function: set[int] = set()

    def visit(node: ast.AST, function: bool) -> None:
        if (
            function
            and isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "exec"
            and len(node.args) == 1
            and not node.keywords
        ):
            in_function.add(node.lineno)
        inner = function or isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
        for child in ast.iter_child_nodes(node):
            visit(child, inner)

    visit(ast.parse(new), False)
    findings = []
    for token in execs:
        row, col = token.start
        if row in in_function:
            findings.append((row, col + 1, PY2_LEFT, _EXEC_IN_FUNCTION))
        else:
            findings.append((row, col + 1, PY2_FIXED, _EXEC_MESSAGE))
    return findings


def _statement_edits(
    tokens: list[tokenize.TokenInfo], printing: bool
) -> tuple[list[_Edit], list[RawFinding]]:
    edits: list[_Edit] = []
    findings: list[RawFinding] = []
    execs: list[tokenize.TokenInfo] = []

    def report(token: tokenize.TokenInfo, message: str) -> None:
        findings.append((token.start[0], token.start[1] + 1, PY2_FIXED, message))

    depth = 0
    at_start = True
    for i, token in enumerate(tokens):
        kind, string = token.type, token.string
        if kind in _SKIP:
            continue
        if at_start and kind == tokenize.NAME:
            if string == "print" and printing and not _followed_by(tokens, i, {"=", "."}):
                edit = _print_statement(tokens, i)
                if edit:
                    edits += edit
                    report(token, "Python 2 print statement changed to the print() function")
            elif string == "except":
                edit = _except_comma(tokens, i)
                if edit:
                    edits.append(edit)
                    report(token, "Python 2 `except E, name:` changed to `except E as name:`")
            elif string == "exec" and not _followed_by(tokens, i, {"=", "."}):
                edit = _exec_statement(tokens, i)
                if edit:
                    edits += edit
                    execs.append(token)
            elif string == "raise":
                edit = _raise_comma(tokens, i)
                if edit:
                    edits += edit
                    report(token, 'Python 2 `raise E, "message"` changed to `raise E("message")`')
        single = _single_token_edit(tokens, i)
        if single is not None:
            edits.append(single[0])
            if single[1] is not None:
                report(token, single[1])
        if kind == tokenize.OP and string in _OPEN:
            depth += 1
        elif kind == tokenize.OP and string in _CLOSE:
            depth = max(0, depth - 1)
        at_start = kind in {tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT} or (
            depth == 0 and kind == tokenize.OP and string in {";", ":"}
        )
    return edits, findings, execs


def _exec_statement(tokens: list[tokenize.TokenInfo], i: int) -> list[_Edit] | None:
    """``exec code`` -> ``exec(code)``; ``exec code in g[, l]`` -> ``exec(code, g[, l])``.

    Python 2's grammar (``'exec' expr ['in' test [',' test]]``) keeps comparisons out of the code
    part, so the first ``in`` at depth 0 starts the namespaces.
    """
    items = _statement_items(tokens, i + 1)
    flat = [j for item in items for j in item]
    if not flat or (len(items) == 1 and _one_group(tokens, items[0])):
        return None  # exec("x") already reads as the call
    if len(items) > 1 and not items[-1]:
        return None  # a trailing comma: not an exec statement we know
    depth = 0
    separator = None
    for j in range(flat[0], flat[-1] + 1):
        string = tokens[j].string
        if string in _OPEN:
            depth += 1
        elif string in _CLOSE:
            depth -= 1
        elif depth == 0 and tokens[j].type == tokenize.NAME and string == "in":
            separator = j
            break
    code = [j for j in flat if separator is None or j < separator]
    if not code or (separator is not None and separator == flat[-1]):
        return None
    if separator is None and len(items) > 1:
        return None  # `exec a, b` is no Python 2 statement
    keyword = tokens[i]
    edits = [_Edit(keyword.end, tokens[code[0]].start, "(")]
    if separator is not None:
        after = _next_significant(tokens, separator)
        edits.append(_Edit(tokens[code[-1]].end, tokens[after].start, ", "))
    edits.append(_Edit(tokens[flat[-1]].end, tokens[flat[-1]].end, ")"))
    return edits


def _followed_by(tokens: list[tokenize.TokenInfo], i: int, strings: set[str]) -> bool:
    nxt = _next_significant(tokens, i)
    return nxt is not None and tokens[nxt].type == tokenize.OP and tokens[nxt].string in strings


def _next_significant(tokens: list[tokenize.TokenInfo], i: int) -> int | None:
    for j in range(i + 1, len(tokens)):
        if tokens[j].type not in _SKIP:
            return j
    return None


def _statement_items(tokens: list[tokenize.TokenInfo], first: int) -> list[list[int]]:
    """Split the tokens from ``first`` to the end of the simple statement (NEWLINE, ``;`` or
    ENDMARKER) at depth-0 commas: the item token indexes (an empty last item: a trailing comma).
    """
    items: list[list[int]] = [[]]
    depth = 0
    j = first
    while j < len(tokens):
        token = tokens[j]
        if token.type in _STATEMENT_ENDS or (depth == 0 and token.string == ";"):
            break
        if token.type in _SKIP:
            j += 1
            continue
        if token.type == tokenize.OP and token.string in _OPEN:
            depth += 1
        elif token.type == tokenize.OP and token.string in _CLOSE:
            depth -= 1
        if depth == 0 and token.type == tokenize.OP and token.string == ",":
            items.append([])
        else:
            items[-1].append(j)
        j += 1
    return items


def _print_statement(tokens: list[tokenize.TokenInfo], i: int) -> list[_Edit] | None:
    keyword = tokens[i]
    items = _statement_items(tokens, i + 1)
    if items == [[]]:  # bare print
        return [_Edit(keyword.end, keyword.end, "()")]
    if len(items) == 1 and _one_group(tokens, items[0]):
        return None  # print("x") already reads as the call
    if not all(items[:-1]):
        return None  # `print ,x` or similar: not a print statement we know
    destination = None
    if tokens[items[0][0]].string == ">>":
        destination = items.pop(0)
        if len(destination) < 2:
            return None
    trailing_comma = bool(items) and not items[-1]
    if trailing_comma:
        items.pop()
    printed = items or ([destination] if destination is not None else [])
    if not printed:
        return None
    last = printed[-1][-1]  # the statement's last token before a trailing comma
    edits: list[_Edit] = []
    extra: list[str] = []
    if trailing_comma:
        extra.append('end=" "')
    if destination is not None:
        extra.append("file=" + _span(tokens, destination[1], destination[-1]))
        if items:  # drop `>>f, ` up to the first printed item
            edits.append(_Edit(tokens[destination[0]].start, tokens[items[0][0]].start, ""))
        else:  # `print >>f` alone
            edits.append(_Edit(tokens[destination[0]].start, tokens[last].end, ""))
    open_at = tokens[i + 1].start if tokens[i + 1].start[0] == keyword.end[0] else keyword.end
    edits.insert(0, _Edit(keyword.end, open_at, "("))
    comma = _comma_after(tokens, last) if trailing_comma else None
    if comma is not None:  # remove the trailing comma itself
        edits.append(_Edit(tokens[comma].start, tokens[comma].end, ""))
    tail = (", " if items and extra else "") + ", ".join(extra) + ")"
    edits.append(_Edit(tokens[last].end, tokens[last].end, tail))
    return sorted(edits, key=lambda e: e.start)


def _comma_after(tokens: list[tokenize.TokenInfo], i: int) -> int | None:
    nxt = _next_significant(tokens, i)
    if nxt is not None and tokens[nxt].string == ",":
        return nxt
    return None


def _one_group(tokens: list[tokenize.TokenInfo], item: list[int]) -> bool:
    """Whether ``item`` is one parenthesized group: ``( ... )`` and nothing after it."""
    if not item or tokens[item[0]].string != "(":
        return False
    depth = 0
    for position, j in enumerate(item):
        if tokens[j].string in _OPEN:
            depth += 1
        elif tokens[j].string in _CLOSE:
            depth -= 1
            if depth == 0:
                return position == len(item) - 1
    return False


def _span(tokens: list[tokenize.TokenInfo], first: int, last: int) -> str:
    """The source text of tokens ``first..last`` (on one line or joined by their own text)."""
    parts = []
    for j in range(first, last + 1):
        if j > first and tokens[j].start != tokens[j - 1].end:
            parts.append(" ")
        parts.append(tokens[j].string)
    return "".join(parts)


def _except_comma(tokens: list[tokenize.TokenInfo], i: int) -> _Edit | None:
    depth = 0
    for j in range(i + 1, len(tokens)):
        token = tokens[j]
        if token.type in _STATEMENT_ENDS:
            return None
        if token.string in _OPEN:
            depth += 1
        elif token.string in _CLOSE:
            depth -= 1
        elif depth == 0 and token.string == ":":
            return None
        elif depth == 0 and token.string == ",":
            name = _next_significant(tokens, j)
            after = None if name is None else _next_significant(tokens, name)
            if (
                name is not None
                and after is not None
                and tokens[name].type == tokenize.NAME
                and tokens[after].string == ":"
            ):
                return _Edit(token.start, token.end, " as")
            return None
    return None


def _raise_comma(tokens: list[tokenize.TokenInfo], i: int) -> list[_Edit] | None:
    items = _statement_items(tokens, i + 1)
    if len(items) != 2 or not items[0] or not items[1]:
        return None
    value = items[1]
    if tokens[value[0]].type != tokenize.STRING:
        return None
    comma = _comma_after(tokens, items[0][-1])
    if comma is None:
        return None
    return [
        _Edit(tokens[comma].start, tokens[value[0]].start, "("),
        _Edit(tokens[value[-1]].end, tokens[value[-1]].end, ")"),
    ]


def _single_token_edit(tokens: list[tokenize.TokenInfo], i: int) -> tuple[_Edit, str | None] | None:
    """An edit of one token (and its neighbour) with its finding message (None: no finding)."""
    token = tokens[i]
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    adjacent = nxt is not None and nxt.start == token.end
    if token.type == tokenize.NUMBER and adjacent:
        if token.string == "0" and nxt.type == tokenize.NUMBER and _OCTAL.fullmatch(nxt.string):
            message = f"Python 2 octal literal 0{nxt.string} changed to 0o{nxt.string}"
            return _Edit(token.start, nxt.end, "0o" + nxt.string), message
        if nxt.type == tokenize.NAME and nxt.string in _LONG_SUFFIX and token.string.isdigit():
            message = f"Python 2 long literal {token.string}{nxt.string} changed to {token.string}"
            return _Edit(nxt.start, nxt.end, ""), message
    if (
        token.type == tokenize.NAME
        and token.string.lower() == "ur"
        and adjacent
        and nxt.type == tokenize.STRING
        and nxt.string[0] in "'\""
    ):
        return _raw_unicode(token, nxt)
    if token.type == tokenize.OP and token.string == "<" and adjacent and nxt.string == ">":
        return _Edit(token.start, nxt.end, "!="), "Python 2 operator <> changed to !="
    if token.type == tokenize.ERRORTOKEN and token.string == "`":
        ordinal = sum(
            1
            for t in tokens[:i]
            if t.start[0] == token.start[0] and t.type == tokenize.ERRORTOKEN and t.string == "`"
        )
        if ordinal % 2:  # closes the one before it on its line
            return _Edit(token.start, token.end, ")"), None
        return _Edit(token.start, token.end, "repr("), "Python 2 `x` changed to repr(x)"
    return None


_UNICODE_ESCAPE = re.compile(r"(\\+)(?:u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8}))")


def _raw_unicode(
    prefix: tokenize.TokenInfo, string: tokenize.TokenInfo
) -> tuple[_Edit, str] | None:
    r"""Python 2's raw unicode literal ``ur"..."`` (a syntax error in Python 3) -> its value.

    Python 2 kept every backslash of it except one that starts ``\uXXXX``/``\UXXXXXXXX`` after an
    even number of others (those escapes were decoded). Without such an escape the literal is
    ``r"..."`` exactly; with one, it becomes the string of Python 2's value, written with
    ``ascii()`` (a literal spanning lines is then left: writing its value would change lines).
    """
    quote = 3 if string.string[:3] in ("'''", '"""') else 1
    body = string.string[quote:-quote]
    if not any(len(m.group(1)) % 2 for m in _UNICODE_ESCAPE.finditer(body)):
        message = f'Python 2 {prefix.string}"..." changed to {prefix.string[1]}"..."'
        return _Edit(prefix.start, prefix.end, prefix.string[1]), message
    if "\n" in string.string:
        return None

    def decode(match: re.Match[str]) -> str:
        backslashes = match.group(1)
        if len(backslashes) % 2 == 0:
            return match.group(0)
        return backslashes[:-1] + chr(int(match.group(2) or match.group(3), 16))

    message = (
        f'Python 2 {prefix.string}"..." with \\u escapes (which Python 2 decoded) changed to '
        "the string it made"
    )
    return _Edit(prefix.start, string.end, ascii(_UNICODE_ESCAPE.sub(decode, body))), message


def _apply(text: str, edits: list[_Edit]) -> str:
    if not edits:
        return text
    lines = text.splitlines(keepends=True)
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line))

    def offset(position: tuple[int, int]) -> int:
        row, col = position
        return offsets[row - 1] + col if row - 1 < len(offsets) else len(text)

    out = text
    for edit in sorted(edits, key=lambda e: (e.start, e.end), reverse=True):
        out = out[: offset(edit.start)] + edit.text + out[offset(edit.end) :]
    return out


def _expand_mixed_indentation(text: str) -> tuple[str, list[RawFinding]]:
    """Indentation of logical lines -> spaces, tab stops every 8 columns (Python 2's reading)."""
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(text).readline))
    except (tokenize.TokenError, IndentationError, SyntaxError):
        return text, []
    logical_starts: list[int] = []
    line_start = True
    for token in tokens:
        if token.type == tokenize.NEWLINE:
            line_start = True
        elif token.type not in (tokenize.NL, tokenize.COMMENT, tokenize.INDENT, tokenize.DEDENT):
            if line_start:
                logical_starts.append(token.start[0])
            line_start = False
    lines = text.splitlines(keepends=True)
    changed = []
    for row in logical_starts:
        line = lines[row - 1] if row - 1 < len(lines) else ""
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            lines[row - 1] = " " * _columns(indent) + line[len(indent) :]
            changed.append(row)
    if not changed:
        return text, []
    message = "tab indentation changed to spaces (tab stops every 8 columns, as Python 2 read them)"
    return "".join(lines), [(changed[0], 1, PY2_FIXED, message)]


def _columns(indent: str) -> int:
    column = 0
    for char in indent:
        column = (column // 8 + 1) * 8 if char == "\t" else column + 1
    return column
