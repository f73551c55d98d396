"""Which top-level definitions libcst need not parse, and whether leaving them out was safe.

libcst's parse costs most of a rewrite, and a real module is mostly code the rewrite never
touches: helpers, data classes, utilities beside the one model function. :func:`plan` finds the
top-level ``def`` and ``class`` statements that hold nothing the rewrite acts on and that the
rest of the module cannot see, and gives a source in which each of them is a *stub*: a ``def``
or ``class`` of the same kind, on the same lines, with the same body indentation, and nothing
in it. libcst parses that source; the rewrite runs over it with the ast pass of the real file
(positions, era and the splice all come from the real file's ``ast``), and
:func:`~legacy2tf2.migrator.splice.splice` prints the changed statements into the real bytes.
A stub is never changed, so the skipped definition keeps its bytes.

Leaving a definition out must not change one decision of the rewrite. The rewrite looks at the
rest of a module only through names, so a definition ``S`` is left out only when

* nothing in ``S`` is an import, chain, call or stand-in the rewrite acts on
  (:meth:`~legacy2tf2.migrator.locate.AstResolver.triggers`);
* no kept statement mentions a name ``S`` binds in the module (its own name, a ``global``);
* no name bound inside ``S`` is one a top-level import binds (the rewrite reuses such a name
  only where no function rebinds it);

the names ``S`` reads or binds still count as taken when the rewrite picks a new one
(:meth:`Plan.names`, given to the resolver); and, once rewritten, :func:`verify` checks that no
name ``S`` reads is bound by a statement the rewrite changed, other than a ``def`` or ``class``
that still binds it (an import the rewrite removed or repointed must not have a reader it did
not see).

Anything else (a star import, the era told only by libcst's analysis of the whole module, a
splice that does not match) rewrites the whole module: :class:`Unsafe`, counted as a fallback.
The differential tests compare this path with the whole-module rewrite.
"""

from __future__ import annotations

import ast
import bisect
import re
from collections import Counter
from dataclasses import dataclass

import libcst as cst

from legacy2tf2.migrator.locate import AstResolver, Fallback

_DEFINITIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
_LINE = re.compile(rb"[^\r\n]*(?:\r\n|\r|\n)?")
_INDENT = re.compile(rb"[ \t\f]*")


class Unsafe(Fallback):
    """Leaving definitions out could change the rewrite: rewrite the whole module instead."""


#: How many sources, in this process, libcst parsed with definitions left out (``"files"``);
#: printed by the throughput benchmark.
LEFT_OUT: Counter[str] = Counter()


@dataclass(frozen=True)
class Skipped:
    """One definition left out: its index in the module body and the names it uses.

    Attributes:
        index: position in the module's body.
        names: every name it reads or binds, in any scope (the rewrite's new names avoid them).
        reads: the names it reads.
    """

    index: int
    names: frozenset[str]
    reads: frozenset[str]


@dataclass(frozen=True)
class Plan:
    """The source libcst parses instead of the real one, and what it left out."""

    source: bytes
    skipped: tuple[Skipped, ...]

    def names(self) -> frozenset[str]:
        """Every name the definitions left out read or bind."""
        return frozenset().union(*(definition.names for definition in self.skipped))


def plan(located: AstResolver) -> Plan | None:
    """The stubbed source of ``located``'s module, or ``None`` when nothing is worth leaving out
    (or the module has a shape this module does not reason about)."""
    tree = located.tree
    if located.module_scope.star or len(tree.body) < 2:
        return None
    body = tree.body
    starts = [_first_line(statement) for statement in body]
    candidates = {
        index
        for index, statement in enumerate(body)
        if isinstance(statement, _DEFINITIONS) and statement.name.isascii()
    }
    if not candidates:
        return None

    def where(node: ast.AST) -> int:
        return bisect.bisect_right(starts, node.lineno) - 1  # type: ignore[attr-defined]

    for node in located.triggers():
        candidates.discard(where(node))
        if not candidates:
            return None
    names: dict[int, set[str]] = {}
    reads: dict[int, set[str]] = {}
    local: dict[int, set[str]] = {}
    module_bound: dict[int, set[str]] = {}
    for name in located.reads:
        index = where(name)
        names.setdefault(index, set()).add(name.id)
        reads.setdefault(index, set()).add(name.id)
    imported: set[str] = set()
    for scope in located.scopes:
        at_module = scope is located.module_scope
        for name, bindings in scope.bindings.items():
            for binding in bindings:
                if at_module and binding.kind == "import":
                    imported.add(name)
                if not hasattr(binding.node, "lineno"):
                    raise Unsafe(f"a binding of {name} without a line")
                index = where(binding.node)
                names.setdefault(index, set()).add(name)
                (module_bound if at_module else local).setdefault(index, set()).add(name)
    kept_names: set[str] = set()
    for index, found in names.items():
        if index not in candidates:
            kept_names |= found
    changed = True
    while changed:  # a definition the kept code can see is kept, and then it sees others
        changed = False
        for index in sorted(candidates):
            if module_bound.get(index, set()) & kept_names or local.get(index, set()) & imported:
                candidates.discard(index)
                kept_names |= names.get(index, set())
                changed = True
    if not candidates:
        return None
    skipped = tuple(
        Skipped(index, frozenset(names.get(index, ())), frozenset(reads.get(index, ())))
        for index in sorted(candidates)
    )
    return Plan(_stubbed(located.source, tree, sorted(candidates)), skipped)


def verify(
    located: AstResolver, skipped: tuple[Skipped, ...], old: cst.Module, new: cst.Module
) -> None:
    """Raise :class:`Unsafe` where a definition left out reads a name whose binding the rewrite
    changed (an import it removed or repointed would have had a reader it did not see); a
    ``def`` or ``class`` that still binds the name is fine."""
    survivors = {id(statement) for statement in new.body}
    changed = {i for i, statement in enumerate(old.body) if id(statement) not in survivors}
    if not changed:
        return
    defined_again = {
        statement.name.value
        for statement in new.body
        if isinstance(statement, (cst.FunctionDef, cst.ClassDef))
    }
    starts = [_first_line(statement) for statement in located.tree.body]
    for name, bindings in located.module_scope.bindings.items():
        readers = [definition for definition in skipped if name in definition.reads]
        if not readers:
            continue
        for binding in bindings:
            index = bisect.bisect_right(starts, binding.node.lineno) - 1  # type: ignore[attr-defined]
            is_definition = binding.node is located.tree.body[index]
            if index in changed and not (is_definition and name in defined_again):
                raise Unsafe(f"{name} is read by a definition left out")


def _first_line(statement: ast.stmt) -> int:
    decorators = getattr(statement, "decorator_list", None)
    return decorators[0].lineno if decorators else statement.lineno


def _stubbed(source: bytes, tree: ast.Module, indices: list[int]) -> bytes:
    """``source`` with each of the top-level definitions ``indices`` replaced by its stub."""
    lines = _LINE.findall(source)
    if lines and lines[-1] == b"":
        lines.pop()
    for index in indices:
        definition = tree.body[index]
        first = _first_line(definition)
        last = definition.end_lineno or first
        lines[first - 1 : last] = _stub(definition, lines, first, last)
    return b"".join(lines)


def _stub(
    definition: ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef,
    lines: list[bytes],
    first: int,
    last: int,
) -> list[bytes]:
    """Lines ``first`` to ``last`` of ``lines`` holding an empty definition of the same kind
    and name, each with its original line end; the body, when on lines of its own, indented
    as the original body is (libcst takes a module's default indentation from its first block).
    """
    ends = [_line_end(line) for line in lines[first - 1 : last]]
    if isinstance(definition, ast.ClassDef):
        head = b"class " + definition.name.encode("ascii") + b":"
    else:
        keyword = b"async def " if isinstance(definition, ast.AsyncFunctionDef) else b"def "
        head = keyword + definition.name.encode("ascii") + b"():"
    body_line = definition.body[0].lineno
    if body_line == definition.lineno or last == first:
        # a body on the header's line: ``def f(): pass``, spanning lines inside a string
        if last == first:
            return [head + b" pass" + ends[0]]
        middle = [end for end in ends[1:-1]]
        return [head + b' """' + ends[0], *middle, b'"""' + ends[-1]]
    indent = _INDENT.match(lines[body_line - 1]).group()  # type: ignore[union-attr]
    if last == first + 1:
        return [head + ends[0], indent + b"pass" + ends[1]]
    middle = [end for end in ends[2:-1]]
    return [head + ends[0], indent + b'"""' + ends[1], *middle, b'"""' + ends[-1]]


def _line_end(line: bytes) -> bytes:
    if line.endswith(b"\r\n"):
        return b"\r\n"
    if line.endswith((b"\n", b"\r")):
        return line[-1:]
    return b""
