"""Python 2 tuple parameters of a lambda (``lambda (k, v): v``), which Python 3 cannot parse.

Python 2 unpacked a parenthesized parameter group from the argument passed in its place (PEP 3113
removed the syntax), and ``sorted(counts.items(), key=lambda (w, c): -c)`` is how many Python 2
programs order a vocabulary: the whole file then fails to parse under Python 3. Each group of plain
names becomes one parameter named after them (``k_v``), and the body runs in an inner lambda of
the group's names called with that parameter unpacked::

    lambda (k, v): (-v, k)          ->  lambda k_v: (lambda k, v: (-v, k))(*k_v)
    lambda x, (a, b): x + a * b     ->  lambda x, a_b: (lambda a, b: x + a * b)(*a_b)

    lambda (i, (w, c)): (-c, i)     ->  lambda i_w_c: (lambda i, w_c: (lambda w, c: (-c, i))(*w_c))(*i_w_c)
    lambda (a, b)=(1, 2): a + b     ->  lambda a_b=(1, 2): (lambda a, b: a + b)(*a_b)

A group inside a group is unpacked by one more inner lambda, as Python 2 unpacked it after the
group holding it; a group's default value stays the parameter's. The body keeps its text and its
names' meaning; only the edges of the lambda change, on its own lines. A lambda inside a default
value is left as it is (the file stays unparseable and is reported, L2T000, as before).
"""

from __future__ import annotations

import tokenize
from collections.abc import Callable

#: An edit of the source: start (row, col), end (row, col), the replacement text.
Edit = tuple[tuple[int, int], tuple[int, int], str]
_SKIP = frozenset({tokenize.NL, tokenize.COMMENT})
_BODY_ENDS = frozenset({",", ")", "]", "}", ";"})


def lambda_tuple_edits(
    tokens: list[tokenize.TokenInfo],
) -> tuple[list[Edit], list[tokenize.TokenInfo]]:
    """The edits turning every Python 2 lambda with tuple parameters into its Python 3 form.

    Returns the edits and the ``lambda`` token of each rewritten lambda (for its finding). What
    Python 2 computed is kept: the argument is unpacked into the group's names before the body
    runs, as Python 2's tuple parameter did.
    """
    return _each(tokens, "lambda", _one_lambda)


def _each(
    tokens: list[tokenize.TokenInfo],
    keyword: str,
    one: Callable[[list[tokenize.TokenInfo], int, set[str]], list[Edit] | None],
) -> tuple[list[Edit], list[tokenize.TokenInfo]]:
    """The edits ``one`` makes at each ``keyword`` token, and the tokens it rewrote at."""
    used = {t.string for t in tokens if t.type == tokenize.NAME}
    edits: list[Edit] = []
    rewritten: list[tokenize.TokenInfo] = []
    for i, token in enumerate(tokens):
        if token.type == tokenize.NAME and token.string == keyword:
            found = one(tokens, i, used)
            if found:
                edits += found
                rewritten.append(token)
    return edits, rewritten


def _one_lambda(tokens: list[tokenize.TokenInfo], i: int, used: set[str]) -> list[Edit] | None:
    groups: list[tuple[int, int]] = []  # the top-level groups' ( and ) token indexes
    depth = 0
    start = 0
    default = False  # inside a parameter's default value
    j = i + 1
    while j < len(tokens):
        token = tokens[j]
        if token.type in (tokenize.NEWLINE, tokenize.ENDMARKER):
            return None
        if token.type == tokenize.NAME and token.string == "lambda":
            return None  # a lambda inside a default value: left as it is
        if default:
            if token.type == tokenize.OP and token.string in {"(", "[", "{"}:
                depth += 1
            elif token.type == tokenize.OP and token.string in {")", "]", "}"}:
                depth -= 1
            elif depth == 0 and token.type == tokenize.OP and token.string in {",", ":"}:
                default = False
                if token.string == ":":
                    break
        elif token.type == tokenize.OP:
            if token.string == "(":
                depth += 1
                if depth == 1:
                    start = j
            elif token.string == ")":
                depth -= 1
                if depth < 0:
                    return None
                if depth == 0:
                    groups.append((start, j))
            elif token.string == ":" and depth == 0:
                break
            elif token.string == "=" and depth == 0:
                default = True
            elif token.string in {"=", "[", "]", "{", "}"}:
                return None
        j += 1
    else:
        return None
    colon = j
    if not groups:
        return None
    edits: list[Edit] = []
    levels: list[tuple[list[str], list[str]]] = []  # each inner lambda's parameters and spread
    for first, last in groups:
        tree = _group_tree(tokens[first + 1 : last])
        if tree is None:
            return None
        fresh = _fresh(tree, used)
        _unpack(tree, fresh, 0, levels, used)
        edits.append((tokens[first].start, tokens[last].end, fresh))
    end = _body_end(tokens, colon + 1)
    if end is None:
        return None
    opening = "".join(f" (lambda {', '.join(names)}:" for names, _ in levels)
    closing = "".join(f")({', '.join(spread)})" for _, spread in reversed(levels))
    edits.append((tokens[colon].end, tokens[colon].end, opening))
    edits.append((tokens[end].end, tokens[end].end, closing))
    return edits


#: A parameter group: its names and groups in order (``(a, (b, c))`` -> ``["a", ["b", "c"]]``).
_Group = list["str | _Group"]


def _fresh(group: _Group, used: set[str]) -> str:
    """The parameter name standing for ``group``: its names joined by ``_``, unused in the file."""

    def flat(items: _Group) -> list[str]:
        return [n for item in items for n in ([item] if isinstance(item, str) else flat(item))]

    fresh = "_".join(flat(group))
    while fresh in used:
        fresh += "_"
    used.add(fresh)
    return fresh


def _unpack(
    group: _Group,
    name: str,
    level: int,
    levels: list[tuple[list[str], list[str]]],
    used: set[str],
) -> None:
    """Add ``group``, passed as ``name``, to the inner lambda of ``level`` (its subgroups to the
    next one): Python 2 unpacked a nested group when the outer one was unpacked."""
    if len(levels) <= level:
        levels.append(([], []))
    names, spread = levels[level]
    spread.append("*" + name)
    for item in group:
        if isinstance(item, str):
            names.append(item)
        else:
            inner = _fresh(item, used)
            names.append(inner)
            _unpack(item, inner, level + 1, levels, used)


def _group_tree(inside: list[tokenize.TokenInfo]) -> _Group | None:
    """``k, (v, w)`` (trailing commas allowed) -> ``["k", ["v", "w"]]``; anything else -> None."""
    stack: list[_Group] = [[]]
    expect_item = True
    for token in inside:
        if token.type in _SKIP:
            continue
        if expect_item and token.type == tokenize.NAME:
            stack[-1].append(token.string)
            expect_item = False
        elif expect_item and token.string == "(":
            stack.append([])
        elif token.string == ")" and len(stack) > 1 and stack[-1]:
            group = stack.pop()
            stack[-1].append(group)
            expect_item = False
        elif not expect_item and token.string == ",":
            expect_item = True
        else:
            return None
    if len(stack) != 1 or not stack[0]:
        return None
    return stack[0]


def _body_end(tokens: list[tokenize.TokenInfo], first: int) -> int | None:
    """The index of the body's last token: the lambda ends where its expression ends."""
    depth = 0
    last = None
    for j in range(first, len(tokens)):
        token = tokens[j]
        if token.type in (tokenize.NEWLINE, tokenize.ENDMARKER):
            return last
        if token.type in _SKIP:
            continue
        if token.type == tokenize.OP and token.string in {"(", "[", "{"}:
            depth += 1
        elif token.type == tokenize.OP and token.string in _BODY_ENDS and depth == 0:
            return last
        elif token.type == tokenize.OP and token.string in {")", "]", "}"}:
            depth -= 1
        elif token.type == tokenize.NAME and token.string == "for" and depth == 0:
            return last  # `[lambda (a, b): a for ...]`: the comprehension's for ends the body
        last = j
    return last


_COMPOUND = frozenset(
    {"if", "for", "while", "with", "try", "def", "class", "async", "@", "elif", "else"}
)


def def_tuple_edits(
    tokens: list[tokenize.TokenInfo],
) -> tuple[list[Edit], list[tokenize.TokenInfo]]:
    """The edits turning every ``def`` with Python 2 tuple parameters into its Python 3 form.

    ``def f(self, (x, y), n):`` unpacked its second argument into ``x`` and ``y`` on entry; it
    becomes ``def f(self, x_y, n):`` whose body starts with ``(x, y) = x_y;`` on the body's first
    line (after a docstring: ``"doc"; (x, y) = x_y``), or, where the body starts with a compound
    statement (``if``, ``for``, ...), on a blank or comment-only line before it, so line numbers
    are kept. Nested groups and a group's default value (``(w, h)=(20, 20)`` -> ``w_h=(20,
    20)``) keep their meaning. A body starting with a compound statement right under its header
    is left (no line to put the unpacking on; the file stays unparseable, L2T000). Returns the
    edits and each rewritten function's ``def`` token.
    """
    return _each(tokens, "def", _one_def)


def _one_def(tokens: list[tokenize.TokenInfo], i: int, used: set[str]) -> list[Edit] | None:
    significant = [j for j in range(i + 1, len(tokens)) if tokens[j].type not in _SKIP]
    if len(significant) < 2 or tokens[significant[0]].type != tokenize.NAME:
        return None
    opening = significant[1]
    if tokens[opening].string != "(":
        return None
    groups: list[tuple[int, int]] = []
    depth = 0
    previous = opening
    start = None
    j = opening + 1
    while j < len(tokens):
        token = tokens[j]
        if token.type in (tokenize.NEWLINE, tokenize.ENDMARKER):
            return None
        if token.type in _SKIP:
            j += 1
            continue
        if token.type == tokenize.OP and token.string in {"(", "[", "{"}:
            if depth == 0 and token.string == "(" and tokens[previous].string in {"(", ","}:
                start = j
            depth += 1
        elif token.type == tokenize.OP and token.string in {")", "]", "}"}:
            if depth == 0:
                break  # the parameter list's closing parenthesis
            depth -= 1
            if depth == 0 and start is not None:
                groups.append((start, j))
                start = None
        previous = j
        j += 1
    else:
        return None
    colon = _next_significant_index(tokens, j)
    if not groups or colon is None or tokens[colon].string != ":":
        return None
    unpack: list[str] = []
    edits: list[Edit] = []
    for first, last in groups:
        inside = [t for t in tokens[first : last + 1] if t.type not in _SKIP]
        if any(t.type != tokenize.NAME and t.string not in {"(", ")", ","} for t in inside):
            return None
        names = [t.string for t in inside if t.type == tokenize.NAME]
        if not names:
            return None
        fresh = "_".join(names)
        while fresh in used:
            fresh += "_"
        used.add(fresh)
        target = "".join(t.string + (" " if t.string == "," else "") for t in inside)
        unpack.append(f"{target.replace(' )', ')')} = {fresh}")
        edits.append((tokens[first].start, tokens[last].end, fresh))
    statement = "; ".join(unpack)
    first = _next_significant_index(tokens, colon)
    if first is None:
        return None
    if tokens[first].type == tokenize.NEWLINE:  # an indented body: its first statement
        first = _next_significant_index(tokens, first)
        while first is not None and tokens[first].type in (tokenize.INDENT, tokenize.NEWLINE):
            first = _next_significant_index(tokens, first)
        if first is None:
            return None
    head = tokens[first]
    after = _next_significant_index(tokens, first)
    if (
        head.type == tokenize.STRING
        and after is not None
        and tokens[after].type == tokenize.NEWLINE
    ):
        edits.append((head.end, head.end, f"; {statement}"))  # after the docstring
    elif head.string in _COMPOUND:
        spare = _spare_line(tokens, colon, first)
        if spare is None:
            return None
        start, end, prefix = spare
        edits.append((start, end, head.line[: head.start[1]] + statement + prefix))
    else:
        edits.append((head.start, head.start, f"{statement}; "))
    return edits


def _spare_line(
    tokens: list[tokenize.TokenInfo], colon: int, first: int
) -> tuple[tuple[int, int], tuple[int, int], str] | None:
    """A blank or comment-only line between a def's header and its body's first statement: the
    span to replace with the body's indentation and a statement, and what follows that statement.
    """
    for token in tokens[colon + 1 : first]:
        if token.start[0] == tokens[colon].start[0]:
            continue  # the header's own line (a comment after the colon)
        if token.type == tokenize.COMMENT:
            return (token.start[0], 0), token.start, "  "
        if token.type == tokenize.NL:
            return (token.start[0], 0), token.start, ""
    return None


def _next_significant_index(tokens: list[tokenize.TokenInfo], i: int) -> int | None:
    for j in range(i + 1, len(tokens)):
        if tokens[j].type not in _SKIP:
            return j
    return None
