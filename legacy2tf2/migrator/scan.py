"""What ``legacy2tf2 check`` reports, found over Python's ``ast`` (no libcst parse).

The same findings as :class:`legacy2tf2.migrator.transforms.leftovers.FindLeftovers` on libcst's
tree, through the same :func:`~legacy2tf2.migrator.transforms.leftovers.leftover` table: imports
where they import, the outermost leftover attribute chain where it appears. Shapes whose finding
this pass does not build itself raise :class:`~legacy2tf2.migrator.locate.Fallback`, and the caller
runs the libcst path: a conflicting monkeypatch (L2T007), the stand-in of an unsupported cell in
migrated code (L2T002), an import by string of a TensorFlow module (L2T003), and a reported chain
in parentheses or inside an f-string (libcst counts the parentheses as part of the chain).
"""

from __future__ import annotations

import ast

from legacy2tf2.migrator import renames
from legacy2tf2.migrator.findings import REMOVED_MODULE
from legacy2tf2.migrator.locate import (
    CONFLICTING_PATCH,
    AstResolver,
    Fallback,
    bound_name,
    child_nodes,
)
from legacy2tf2.migrator.transforms.leftovers import leftover

RawFinding = tuple[int, int, str, str]


def leftover_findings(resolver: AstResolver) -> list[RawFinding]:
    """(line, col, code, message) of every leftover of the resolver's module."""
    findings: list[RawFinding] = []
    relevant = resolver.relevant
    stack: list[ast.AST] = [resolver.tree]
    in_fstring: set[ast.AST] = set()
    while stack:
        node = stack.pop()
        cls = type(node)
        if cls is ast.Import or cls is ast.ImportFrom:
            _imports(resolver, node, findings)  # type: ignore[arg-type]
            continue
        if cls is ast.Attribute and resolver.is_load(node):
            if _attribute(resolver, node, findings, node in in_fstring):  # type: ignore[arg-type]
                continue
        elif cls is ast.Assign:
            verdict = resolver.monkeypatch(node)  # type: ignore[arg-type]
            if verdict is not None and verdict[0] == CONFLICTING_PATCH:
                raise Fallback("conflicting monkeypatch")
        elif cls is ast.Call:
            _call(resolver, node)  # type: ignore[arg-type]
        children = [c for c in child_nodes(node) if c in relevant]
        if cls is ast.JoinedStr or node in in_fstring:
            in_fstring.update(children)
        children.reverse()
        stack.extend(children)
    return findings


def _report(
    resolver: AstResolver, node: ast.AST, finding: tuple[str, str], out: list[RawFinding]
) -> None:
    line, col = resolver.position(node)
    out.append((line, col, *finding))


def _imports(
    resolver: AstResolver, node: ast.Import | ast.ImportFrom, out: list[RawFinding]
) -> None:
    if isinstance(node, ast.Import):
        for alias in node.names:
            _report_import(resolver, alias, node, leftover(alias.name, alias.name), out)
        return
    if node.level or node.module is None:
        return
    module = node.module
    if node.names[0].name == "*":
        _report_import(resolver, node, node, leftover(module, f"from {module} import *"), out)
        return
    for alias in node.names:
        full = f"{module}.{alias.name}"
        _report_import(resolver, alias, node, leftover(full, full), out)


def _report_import(
    resolver: AstResolver,
    node: ast.AST,
    statement: ast.Import | ast.ImportFrom,
    finding: tuple[str, str] | None,
    out: list[RawFinding],
) -> None:
    if finding is None:
        return
    bound = bound_name(node, statement) if isinstance(node, ast.alias) else None
    if finding[0] == REMOVED_MODULE and resolver.import_guarded(statement, bound):
        return
    _report(resolver, node, finding, out)


def _attribute(
    resolver: AstResolver, node: ast.Attribute, out: list[RawFinding], in_fstring: bool
) -> bool:
    """Report the chain if it is a leftover; whether it was (its subtree is then skipped)."""
    names = resolver.qualified_names(node)
    for name in sorted(names):
        finding = leftover(name, name)
        if finding is not None and not (
            finding[0] == REMOVED_MODULE
            and (len(names) > 1 or resolver.patches_removed(renames.normalize(name)))
        ):
            if in_fstring:
                raise Fallback("leftover inside an f-string")
            resolver.require_bare(node)
            _report(resolver, node, leftover(name, resolver.segment(node)), out)  # type: ignore[arg-type]
            return True
    return False


_IMPORTERS = frozenset({"importlib.import_module", "importlib.__import__"})


def _call(resolver: AstResolver, node: ast.Call) -> None:
    if resolver.is_stand_in(node):
        raise Fallback("stand-in of an unsupported cell")
    func = node.func
    importer = (isinstance(func, ast.Name) and func.id == "__import__") or bool(
        resolver.qualified_names(func) & _IMPORTERS
    )
    if not importer or not node.args:
        return
    first = node.args[0]
    value = first.value if isinstance(first, ast.Constant) else None
    if isinstance(value, str) and leftover(value, value) is not None:
        raise Fallback("import by string")
