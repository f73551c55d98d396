"""Python 2 tuple parameters of a lambda (``lambda (k, v): v``), which Python 3 cannot parse.

Python 2 unpacked a parenthesized parameter group from the argument passed in its place (PEP 3113
removed the syntax), and ``sorted(counts.items(), key=lambda (w, c): -c)`` is how many Python 2
programs order a vocabulary: the whole file then fails to parse under Python 3. Each group of plain
names becomes one parameter named after them (``k_v``), and the body runs in an inner lambda of
the group's names called with that parameter unpacked::

    lambda (k, v): (-v, k)          ->  lambda k_v: (lambda k, v: (-v, k))(*k_v)
    lambda x, (a, b): x + a * b     ->  lambda x, a_b: (lambda a, b: x + a * b)(*a_b)

The body keeps its text and its names' meaning; only the edges of the lambda change, on its own
lines. A group inside a group, a default value after a group and ``def f((a, b)):`` are left as
they are (the file stays unparseable and is reported, L2T000, as before).
"""

from __future__ import annotations

import tokenize

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
    used = {t.string for t in tokens if t.type == tokenize.NAME}
    edits: list[Edit] = []
    rewritten: list[tokenize.TokenInfo] = []
    for i, token in enumerate(tokens):
        if token.type == tokenize.NAME and token.string == "lambda":
            one = _one_lambda(tokens, i, used)
            if one:
                edits += one
                rewritten.append(token)
    return edits, rewritten


def _one_lambda(tokens: list[tokenize.TokenInfo], i: int, used: set[str]) -> list[Edit] | None:
    groups: list[tuple[int, int]] = []
    depth = 0
    start = 0
    j = i + 1
    while j < len(tokens):
        token = tokens[j]
        if token.type in (tokenize.NEWLINE, tokenize.ENDMARKER):
            return None
        if token.type == tokenize.OP:
            if token.string == "(":
                depth += 1
                if depth > 1:
                    return None  # a group inside a group
                start = j
            elif token.string == ")":
                depth -= 1
                if depth < 0:
                    return None
                groups.append((start, j))
            elif token.string == ":" and depth == 0:
                break
            elif token.string in {"=", "[", "]", "{", "}"}:
                return None  # default values: left as they are
        j += 1
    else:
        return None
    colon = j
    if not groups:
        return None
    edits: list[Edit] = []
    inner: list[str] = []
    spread: list[str] = []
    for first, last in groups:
        names = _group_names(tokens[first + 1 : last])
        if not names:
            return None
        fresh = "_".join(names)
        while fresh in used:
            fresh += "_"
        used.add(fresh)
        inner += names
        spread.append("*" + fresh)
        edits.append((tokens[first].start, tokens[last].end, fresh))
    end = _body_end(tokens, colon + 1)
    if end is None:
        return None
    edits.append((tokens[colon].end, tokens[colon].end, f" (lambda {', '.join(inner)}:"))
    edits.append((tokens[end].end, tokens[end].end, f")({', '.join(spread)})"))
    return edits


def _group_names(inside: list[tokenize.TokenInfo]) -> list[str] | None:
    """``k, v`` (a trailing comma allowed) -> ``["k", "v"]``; anything else -> None."""
    significant = [t for t in inside if t.type not in _SKIP]
    names = [t.string for t in significant[0::2] if t.type == tokenize.NAME]
    commas = [t for t in significant[1::2] if t.type == tokenize.OP and t.string == ","]
    if len(names) != len(significant[0::2]) or len(commas) != len(significant[1::2]):
        return None
    return names or None


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
