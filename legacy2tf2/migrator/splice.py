"""The rewritten file as the original bytes with only the changed statements generated again.

libcst prints a whole module about as slowly as it parses one, and a rewrite changes a few lines
of a file. :func:`splice` keeps the input's bytes for every statement the transform left alone
(the very node object of the original tree) and generates code only for the statements it
changed, inserted or removed. A compound statement (``def``, ``class``, ``with``, ``if``/``elif``/
``else``, ``for``/``while`` with their ``else``, ``try`` with its ``except``/``else``/``finally``)
changed only inside its indented blocks is entered: the statements around the change, and the
headers of the statement and its clauses, keep their bytes too.

Spans come from Python's ``ast`` line numbers (the line of a statement's first token or
decorator) less the comment and blank lines libcst gives the statement (``leading_lines``); a
block's and the module's trailing comment lines (``footer``) close their spans. Each span must
also be the lines libcst prints for its statement (up to its last line of code, then its blocks'
footers), which rules out the few shapes libcst's parse does not print back. Every span that is
replaced is first checked to hold exactly the code libcst generates for the original node; any
mismatch or unexpected shape raises :class:`SpliceMismatch`, and the caller prints the whole
module as before. The result equals libcst's ``Module.bytes`` of the new tree.
"""

from __future__ import annotations

import ast
import codecs
import re
from collections.abc import Sequence
from itertools import pairwise

import libcst as cst

# libcst's printer state, the one Module.code_for_node uses; public libcst has no way to print a
# statement at a given indentation. A change in it shows up as a mismatch, never as output.
from libcst._nodes.internal import CodegenState

_BOM = codecs.BOM_UTF8
_LINE_END = re.compile(rb"\r\n?|\n")
#: Python's ast statement classes for libcst's compound statements (anything else is a line).
_AST_OF: dict[type, tuple[type, ...]] = {
    cst.FunctionDef: (ast.FunctionDef, ast.AsyncFunctionDef),
    cst.ClassDef: (ast.ClassDef,),
    cst.If: (ast.If,),
    cst.For: (ast.For, ast.AsyncFor),
    cst.While: (ast.While,),
    cst.With: (ast.With, ast.AsyncWith),
    cst.Try: (ast.Try,),
    cst.TryStar: (ast.TryStar,),
    cst.Match: (ast.Match,),
}
_AST_COMPOUND = tuple(kind for kinds in _AST_OF.values() for kind in kinds)
_AST_OF_KEYS = tuple(_AST_OF)
#: Compound statements a change inside their indented blocks can be spliced into.
_ENTERABLE = (cst.FunctionDef, cst.ClassDef, cst.With, cst.If, cst.For, cst.While, cst.Try)
#: Fields of a compound statement holding clauses with blocks of their own.
_CLAUSES = frozenset({"handlers", "orelse", "finalbody"})
_FIELDS: dict[type, tuple[str, ...]] = {}


class SpliceMismatch(Exception):
    """The splice cannot be proven to equal the whole module's code."""


def same_children(old: cst.CSTNode, new: cst.CSTNode) -> bool:
    """Whether ``new`` holds the very child objects of ``old`` (a copy libcst made on the way)."""
    if type(old) is not type(new):
        return False
    for name in _fields(type(old)):
        old_value, new_value = getattr(old, name), getattr(new, name)
        if old_value is not new_value and not _same(old_value, new_value):
            return False
    return True


def splice(source: bytes, tree: ast.Module, old: cst.Module, new: cst.Module) -> bytes:
    """The bytes of ``new`` (libcst's ``new.bytes``), from ``source`` (the bytes ``old`` was
    parsed from, ``tree`` their ``ast``) and code generated only for what changed.

    Raises:
        SpliceMismatch: when a replaced span does not hold its original node's code, or the trees
            have a shape this function does not handle.
    """
    for name in ("encoding", "default_indent", "default_newline", "has_trailing_newline"):
        if getattr(old, name) != getattr(new, name):
            raise SpliceMismatch(f"module {name} changed")
    if not _same(old.header, new.header):
        raise SpliceMismatch("module header changed")
    return _Splicer(source, old).run(tree, old, new)


class _Splicer:
    """One splice: the padded input, its line offsets, and the pieces of the output."""

    def __init__(self, source: bytes, old: cst.Module) -> None:
        encoding = codecs.lookup(old.encoding).name
        self.prefix = b""
        if encoding == "utf-8-sig":
            if not source.startswith(_BOM):
                raise SpliceMismatch("utf-8-sig without a byte order mark")
            self.prefix, source, encoding = _BOM, source[len(_BOM) :], "utf-8"
        elif source.startswith(_BOM) or not _stateless(encoding):
            raise SpliceMismatch(f"encoding {encoding}")
        self.encoding = encoding
        self.popped = not old.has_trailing_newline
        if self.popped and not source.endswith((b"\n", b"\r")):
            source += old.default_newline.encode("ascii")  # libcst parses it with one more
        self.text = source
        # offsets[k]: where line k + 1 starts; the last entry is the end of the text.
        self.offsets = [0, *(match.end() for match in _LINE_END.finditer(source))]
        if self.offsets[-1] != len(source):
            raise SpliceMismatch("text after the last line end")
        self.indent = old.default_indent
        self.newline = old.default_newline
        self.pieces: list[bytes] = []
        self.kept_from: int | None = None  # a run of original lines not yet added to pieces
        self.kept_to = 0
        self.last_token = ""  # the last token of the output, when it was generated

    def run(self, tree: ast.Module, old: cst.Module, new: cst.Module) -> bytes:
        lines = len(self.offsets) - 1
        body_start = len(old.header) + 1
        body_end = lines + 1 - len(old.footer)
        if old.body:
            self.block(old.body, new.body, tree.body, 1, body_end, [], body_start)
        elif new.body:
            raise SpliceMismatch("statements inserted into an empty module")
        self.footer(old.footer, new.footer, body_end, lines + 1, [])
        output = self.flush()
        if not output and not self.popped:
            output = self.newline.encode(self.encoding)  # libcst's print of an empty module
        if self.popped and output:
            # libcst drops the module's last token, a line end, from a file that had none.
            end = self.last_token.encode(self.encoding) if self.last_token else _line_end(output)
            if not output.endswith(end):
                raise SpliceMismatch("last token")
            output = output[: len(output) - len(end)]
        return self.prefix + output

    # -- output ------------------------------------------------------------------------------
    def keep(self, first: int, end: int) -> None:
        """Lines ``first`` to ``end`` (exclusive, 1-based) of the input go to the output."""
        if first == end:
            return
        if self.kept_from is None:
            self.kept_from = first
        self.kept_to = end
        self.last_token = ""

    def flush(self) -> bytes:
        self._flush_kept()
        return b"".join(self.pieces)

    def _flush_kept(self) -> None:
        if self.kept_from is not None:
            self.pieces.append(
                self.text[self.offsets[self.kept_from - 1] : self.offsets[self.kept_to - 1]]
            )
            self.kept_from = None

    def replace(
        self,
        olds: Sequence[cst.CSTNode],
        news: Sequence[cst.CSTNode],
        first: int,
        end: int,
        indents: list[str],
    ) -> None:
        """Lines ``first`` to ``end`` held ``olds``: check it, and print ``news`` instead."""
        if not olds and not news:
            return
        original = self.text[self.offsets[first - 1] : self.offsets[end - 1]]
        code, _ = self.code(olds, indents)
        if code.encode(self.encoding) != original:
            raise SpliceMismatch(f"lines {first}-{end - 1} are not their node's code")
        self._flush_kept()  # the kept run ends before these lines
        if not news:
            return
        code, last = self.code(news, indents)
        self.pieces.append(code.encode(self.encoding))
        self.last_token = last

    def code(self, nodes: Sequence[cst.CSTNode], indents: list[str]) -> tuple[str, str]:
        """The code of ``nodes`` printed inside blocks of ``indents``, and its last token."""
        state = CodegenState(
            default_indent=self.indent, default_newline=self.newline, indent_tokens=list(indents)
        )
        for node in nodes:
            node._codegen(state)
        return "".join(state.tokens), state.tokens[-1] if state.tokens else ""

    # -- structure ---------------------------------------------------------------------------
    def block(
        self,
        olds: Sequence[cst.BaseStatement],
        news: Sequence[cst.BaseStatement],
        statements: list[ast.stmt],
        header: int,
        end: int,
        indents: list[str],
        exact_start: int | None = None,
    ) -> None:
        """The (non-empty) statements ``olds`` of one body, which became ``news``.

        Lines ``header`` up to the first statement's are kept (a compound statement's header,
        the module's leading comments); the last statement ends before line ``end``.
        ``exact_start``: the line the first statement must start on, when known.
        """
        counterparts, starts, ends = _starts(olds, statements)
        wrong = starts[0] <= header if exact_start is None else starts[0] != exact_start
        if wrong:
            raise SpliceMismatch(f"body starts on line {starts[0]}")
        self.keep(header, starts[0])
        bounds = [*starts, end]
        if any(a >= b for a, b in pairwise(bounds)):
            raise SpliceMismatch("statement lines out of order")
        if bounds[1:] != ends:
            # a line libcst does not print back (its parse is lossy there): kept bytes would
            # differ from its print of the whole module
            raise SpliceMismatch("statement spans are not libcst's lines")
        index = {id(statement): k for k, statement in enumerate(olds)}
        done = 0  # olds[:done] are printed
        inserted: list[cst.BaseStatement] = []
        for statement in news:
            k = index.get(id(statement), -1)
            if k >= done:
                self.replace(olds[done:k], inserted, bounds[done], bounds[k], indents)
                self.keep(bounds[k], bounds[k + 1])
            else:
                k = _partner(olds, done, statement)
                if k < 0:
                    inserted.append(statement)
                    continue
                self.replace(olds[done:k], inserted, bounds[done], bounds[k], indents)
                self.enter(olds[k], statement, counterparts[k], bounds[k], bounds[k + 1], indents)
            done, inserted = k + 1, []
        self.replace(olds[done:], inserted, bounds[done], bounds[-1], indents)

    def enter(
        self,
        old: cst.BaseCompoundStatement,
        new: cst.BaseCompoundStatement,
        statement: ast.stmt,
        first: int,
        end: int,
        indents: list[str],
    ) -> None:
        """A compound statement (lines ``first`` to ``end``) changed only inside its blocks:
        splice each block, keep the lines of the headers of the statement and its clauses."""
        segments = [(old.body, new.body, statement.body, first)]
        elif_: tuple[cst.If, cst.If, ast.stmt, int] | None = None
        for old_handler, new_handler, ast_handler in zip(
            getattr(old, "handlers", ()),
            getattr(new, "handlers", ()),
            getattr(statement, "handlers", ()),
            strict=True,
        ):
            start = ast_handler.lineno - len(old_handler.leading_lines)
            segments.append((old_handler.body, new_handler.body, ast_handler.body, start))
        old_else, new_else = getattr(old, "orelse", None), getattr(new, "orelse", None)
        if isinstance(old_else, cst.If):
            ast_elif = statement.orelse[0]  # type: ignore[attr-defined]
            start = ast_elif.lineno - len(old_else.leading_lines)
            elif_ = (old_else, new_else, ast_elif, start)  # type: ignore[assignment]
        elif old_else is not None:
            ast_body = statement.orelse  # type: ignore[attr-defined]
            start = self._clause_start(old_else, ast_body, b"else")
            segments.append((old_else.body, new_else.body, ast_body, start))  # type: ignore[union-attr]
        old_final, new_final = getattr(old, "finalbody", None), getattr(new, "finalbody", None)
        if old_final is not None:
            ast_body = statement.finalbody  # type: ignore[attr-defined]
            start = self._clause_start(old_final, ast_body, b"finally")
            segments.append((old_final.body, new_final.body, ast_body, start))  # type: ignore[union-attr]
        stops = [start for *_, start in segments[1:]] + [end if elif_ is None else elif_[3]]
        for (old_block, new_block, ast_body, start), stop in zip(segments, stops, strict=True):
            if stop <= start or stop > end:
                raise SpliceMismatch("clause lines out of order")
            if old_block is new_block:
                self.keep(start, stop)
                continue
            inner = [*indents, self.indent if old_block.indent is None else old_block.indent]
            body_end = stop - len(old_block.footer)
            self.block(old_block.body, new_block.body, ast_body, start, body_end, inner)
            self.footer(old_block.footer, new_block.footer, body_end, stop, inner)
        if elif_ is not None:
            old_if, new_if, ast_if, start = elif_
            if old_if is new_if:
                self.keep(start, end)
            else:
                self.enter(old_if, new_if, ast_if, start, end, indents)

    def _clause_start(self, clause: cst.CSTNode, statements: list[ast.stmt], keyword: bytes) -> int:
        """The first line of an ``else:`` or ``finally:`` clause (its leading lines included)."""
        block = clause.body  # type: ignore[attr-defined]
        if isinstance(block, cst.IndentedBlock):
            _, starts, _ = _starts(block.body[:1], statements[:1], whole=False)
            line = starts[0] - 1
        else:
            line = statements[0].lineno  # `else: x = 1`
        text = self.text[self.offsets[line - 1] : self.offsets[line]]
        if not text.lstrip().startswith(keyword):
            raise SpliceMismatch(f"no {keyword.decode()} on line {line}")
        return line - len(clause.leading_lines)  # type: ignore[attr-defined]

    def footer(
        self,
        old: Sequence[cst.EmptyLine],
        new: Sequence[cst.EmptyLine],
        first: int,
        end: int,
        indents: list[str],
    ) -> None:
        """Trailing comment lines of a block or of the module."""
        if end - first != len(old):
            raise SpliceMismatch("footer lines")
        if _same(old, new):
            self.keep(first, end)
        else:
            self.replace(old, new, first, end, indents)


def _starts(
    olds: Sequence[cst.BaseStatement], statements: list[ast.stmt], whole: bool = True
) -> tuple[list[ast.stmt], list[int], list[int]]:
    """Each statement's ast counterpart (its first small statement for a line), the line its
    span starts on (its leading comment and blank lines included), and the line after its span
    as libcst prints it: its last line of code, then its blocks' trailing comment lines."""
    counterparts: list[ast.stmt] = []
    starts: list[int] = []
    ends: list[int] = []
    position = 0
    for statement in olds:
        if position >= len(statements):
            raise SpliceMismatch("fewer ast statements than libcst statements")
        first = statements[position]
        if isinstance(statement, cst.SimpleStatementLine):
            if isinstance(first, _AST_COMPOUND):
                raise SpliceMismatch(f"a line where ast has {type(first).__name__}")
            position += len(statement.body)
        else:
            if not isinstance(first, _AST_OF.get(type(statement), ())):
                raise SpliceMismatch(f"{type(statement).__name__} is ast {type(first).__name__}")
            position += 1
        decorators = getattr(first, "decorator_list", None)
        line = decorators[0].lineno if decorators else first.lineno
        counterparts.append(first)
        starts.append(line - len(statement.leading_lines))
        if whole:
            last = statements[min(position, len(statements)) - 1]
            ends.append((last.end_lineno or 0) + 1 + _trailing(statement))
    if whole and position != len(statements):
        raise SpliceMismatch("more ast statements than libcst statements")
    return counterparts, starts, ends


def _trailing(statement: cst.BaseStatement) -> int:
    """How many comment lines libcst prints after the last line of code of ``statement`` (the
    footers of its last blocks, innermost first)."""
    count = 0
    while True:
        block = _last_block(statement)
        if not isinstance(block, cst.IndentedBlock):
            return count
        count += len(block.footer)
        statement = block.body[-1]


def _last_block(statement: cst.CSTNode) -> cst.CSTNode | None:
    """The block a compound statement prints last (``None`` for a line of small statements)."""
    if isinstance(statement, (cst.Try, cst.TryStar)):
        for clause in (statement.finalbody, statement.orelse):
            if clause is not None:
                return clause.body
        if statement.handlers:
            return statement.handlers[-1].body
        return statement.body
    if isinstance(statement, (cst.If, cst.For, cst.While)):
        if isinstance(statement.orelse, cst.If):
            return _last_block(statement.orelse)
        if statement.orelse is not None:
            return statement.orelse.body
        return statement.body
    if isinstance(statement, cst.Match):
        return statement.cases[-1].body
    return getattr(statement, "body", None) if isinstance(statement, _AST_OF_KEYS) else None


def _partner(olds: Sequence[cst.BaseStatement], start: int, new: cst.BaseStatement) -> int:
    """The first of ``olds[start:]`` that ``new`` changes only inside its body, or -1."""
    for k in range(start, len(olds)):
        if _enterable(olds[k], new):
            return k
    return -1


def _enterable(old: cst.CSTNode, new: cst.CSTNode) -> bool:
    """Whether ``new`` differs from ``old`` only inside the statements of its indented blocks
    (those of its ``else``, ``except`` and ``finally`` clauses included)."""
    if type(old) is not type(new) or not isinstance(old, _ENTERABLE):
        return False
    if not _block_changed(old.body, new.body):  # type: ignore[attr-defined]
        return False
    for name in _fields(type(old)):
        if name == "body":
            continue
        old_value, new_value = getattr(old, name), getattr(new, name)
        if _same(old_value, new_value):
            continue
        if name not in _CLAUSES:
            return False
        if name == "handlers":
            if len(old_value) != len(new_value) or not all(
                a is b or _clause_changed(a, b) for a, b in zip(old_value, new_value, strict=True)
            ):
                return False
        elif old_value is None or new_value is None:
            return False
        elif isinstance(old_value, cst.If):
            if not _enterable(old_value, new_value):
                return False
        elif not _clause_changed(old_value, new_value):
            return False
    return True


def _clause_changed(old: cst.CSTNode, new: cst.CSTNode) -> bool:
    """Whether an ``else``/``except``/``finally`` clause changed only inside its block."""
    return (
        type(old) is type(new)
        and _block_changed(old.body, new.body)  # type: ignore[attr-defined]
        and all(
            _same(getattr(old, name), getattr(new, name))
            for name in _fields(type(old))
            if name != "body"
        )
    )


def _block_changed(old: cst.CSTNode, new: cst.CSTNode) -> bool:
    """Whether ``new`` is ``old`` or an indented block with other statements or footer only."""
    if old is new:
        return True
    return (
        isinstance(old, cst.IndentedBlock)
        and isinstance(new, cst.IndentedBlock)
        and bool(new.body)
        and old.header is new.header
        and old.indent == new.indent
    )


def _fields(kind: type) -> tuple[str, ...]:
    names = _FIELDS.get(kind)
    if names is None:
        names = _FIELDS[kind] = tuple(kind.__dataclass_fields__)  # type: ignore[attr-defined]
    return names


def _same(old: object, new: object) -> bool:
    if old is new:
        return True
    if isinstance(old, (tuple, list)) and isinstance(new, (tuple, list)):
        return len(old) == len(new) and all(a is b for a, b in zip(old, new, strict=True))
    if isinstance(old, str) and isinstance(new, str):
        return old == new
    return False


def _stateless(encoding: str) -> bool:
    """Whether pieces encoded one by one equal the whole text encoded at once."""
    return encoding in ("utf-8", "ascii", "latin-1") or encoding.startswith(
        ("iso8859", "cp", "mac-")
    )


def _line_end(output: bytes) -> bytes:
    if output.endswith(b"\r\n"):
        return b"\r\n"
    return output[-1:]
