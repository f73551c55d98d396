"""The era of a source (:mod:`legacy2tf2.migrator.era`) told over Python's ``ast``.

:func:`legacy2tf2.migrator.era.detect_era` finds its evidence through libcst's
``QualifiedNameProvider``, whose scope analysis of a whole module costs several times its parse.
This module collects the same evidence from the :class:`~legacy2tf2.migrator.locate.AstResolver`
of the module and combines it with the same :func:`~legacy2tf2.migrator.era.report_from`: the
report tells the same eras and :meth:`~legacy2tf2.migrator.era.EraReport.describe` prints the same
text (columns of the evidence may differ where libcst counts a node's own parentheses).

It answers only where the two analyses certainly agree: every name an import binds to TensorFlow
is bound only by module-level imports (no other binding of it in any scope, no ``import
tensorflow.x`` without ``as``, no ``global`` of it), and read only after them; no evidence sits in
an f-string or behind a parenthesis on an earlier line. Anything else raises
:class:`~legacy2tf2.migrator.locate.Fallback`, and the caller asks libcst.
"""

from __future__ import annotations

import ast

from legacy2tf2.migrator import era
from legacy2tf2.migrator.era import NAMES, WEAK_NAMES, EraReport, Evidence
from legacy2tf2.migrator.locate import (
    IMPORT,
    AstResolver,
    Fallback,
    bound_name,
    child_nodes,
    import_binding,
)


def detect(resolver: AstResolver) -> EraReport:
    """The era of the resolver's module, as :func:`~legacy2tf2.migrator.era.detect_era` tells it.

    Raises:
        Fallback: where this pass cannot tell it exactly (see the module docstring).
    """
    collector = _Collector(resolver)
    collector.run()
    return era.report_from(collector.found, collector.patched)


class _Collector:
    def __init__(self, resolver: AstResolver) -> None:
        self.r = resolver
        self.found: list[tuple[str, Evidence]] = []
        self.patched: set[str] = set()
        self.bound = self._tensorflow_names()

    def _tensorflow_names(self) -> dict[str, list[str]]:
        """Name -> dotted names its module-level imports bind, for names bound to TensorFlow."""
        r = self.r
        candidates = {"tensorflow"}
        for statement in r.imports:
            for alias in statement.names:  # type: ignore[attr-defined]
                if alias.name == "*":
                    continue
                name = bound_name(alias, statement)  # type: ignore[arg-type]
                full = import_binding(statement, name)  # type: ignore[arg-type]
                if full is not None and _below(full) is not None:
                    candidates.add(name)
        bound: dict[str, list[str]] = {}
        for name in candidates:
            bindings = [b for scope in r.scopes for b in scope.bindings.get(name, ())]
            if not bindings:
                continue
            fulls = []
            for binding in bindings:
                statement = binding.node
                if binding.kind != IMPORT or r.scope_of.get(statement) is not r.module_scope:
                    raise Fallback("a name bound to TensorFlow is bound again")
                for alias in statement.names:  # type: ignore[attr-defined]
                    if isinstance(statement, ast.Import) and "." in alias.name and not alias.asname:
                        raise Fallback("import of a dotted TensorFlow module without `as`")
                full = import_binding(statement, name)  # type: ignore[arg-type]
                if full is None or _below(full) is None:
                    # libcst gives a read of it both modules; the scope pass, the one a read sees
                    raise Fallback("a name bound to TensorFlow is bound again")
                fulls.append(full)
            last = max(b.node.end_lineno * 10**6 + b.node.end_col_offset for b in bindings)  # type: ignore[attr-defined]
            bound[name] = fulls
            for scope in r.scopes:
                if name in scope.declared_global or name in scope.declared_nonlocal:
                    raise Fallback("global declaration of a TensorFlow name")
            for read in r.reads:
                if read.id == name and read.lineno * 10**6 + read.col_offset < last:
                    raise Fallback("a TensorFlow name read before its import")
        return bound

    # -- qualified names as libcst's QualifiedNameProvider gives them here ---------------------
    def _names(self, node: ast.AST) -> list[str]:
        if isinstance(node, ast.Name):
            qualified = self.bound.get(node.id, ()) if not isinstance(node.ctx, ast.Store) else ()
        else:
            full = _full_name(node)
            if full is None:
                return []
            head, dot, rest = full.partition(".")
            qualified = [f + dot + rest for f in self.bound.get(head, ())]
        names = []
        for name in qualified:
            below = _below(name)
            if below is not None:
                names.append(
                    below[len("compat.v1.") :] if below.startswith("compat.v1.") else below
                )
        return sorted(names)

    def _add(self, node: ast.AST, name: str, what: str, eras: frozenset[str], weak: bool) -> None:
        self._require_line(node)
        line, col = self.r.position(node)
        self.found.append((name, Evidence(line, col, what, eras, weak)))

    def _name_evidence(self, node: ast.AST, names: list[str]) -> None:
        for name in names:
            for table, weak in ((NAMES, False), (WEAK_NAMES, True)):
                key = era._match(name, table)
                if key is not None:
                    self._add(node, name, f"tf.{key}", table[key], weak)
                    return

    def _require_line(self, node: ast.AST) -> None:
        """libcst may start a parenthesized node at its ``(``: it must be on the same line."""
        if node in self._in_fstring:
            raise Fallback("evidence inside an f-string")
        if not isinstance(node, (ast.alias, ast.ImportFrom)):
            line = self.r.line(node.lineno).encode("utf-8")[: node.col_offset]  # type: ignore[attr-defined]
            if not line.strip(b" \t\\\x0c"):
                self.r.require_bare(node)

    # -- the walk --------------------------------------------------------------------------------
    def run(self) -> None:
        # Evidence is an import or a name bound by one: every node holding some is an ancestor of
        # an import or of a read resolving to TensorFlow, the resolver's relevant nodes.
        relevant = self.r.relevant
        self._in_fstring: set[ast.AST] = set()
        skipped: set[ast.AST] = set()
        stack: list[ast.AST] = [self.r.tree]
        while stack:
            node = stack.pop()
            cls = type(node)
            if cls is ast.Import or cls is ast.ImportFrom:
                self._imports(node)  # type: ignore[arg-type]
                continue
            if node in skipped:
                continue
            if cls is ast.Assign:
                for target in node.targets:  # type: ignore[attr-defined]
                    self.patched.update(self._names(target))
                    if isinstance(target, (ast.Attribute, ast.Name)):
                        skipped.add(target)
            elif cls is ast.Attribute or cls is ast.Name:
                self._name_evidence(node, self._names(node))
                if cls is ast.Name:
                    continue
            elif cls is ast.Call:
                self._call(node)  # type: ignore[arg-type]
            elif cls is ast.Assert:
                self._assert(node)  # type: ignore[arg-type]
            elif (cls is ast.Global or cls is ast.Nonlocal) and any(
                name in self.bound
                for name in node.names  # type: ignore[attr-defined]
            ):
                raise Fallback("global declaration of a TensorFlow name")
            children = [c for c in child_nodes(node) if c in relevant]
            if cls is ast.JoinedStr or node in self._in_fstring:
                self._in_fstring.update(children)
            children.reverse()
            stack.extend(children)

    def _assert(self, node: ast.Assert) -> None:
        test = node.test
        if not isinstance(test, ast.Compare) or len(test.ops) != 1:
            return
        if not era.VERSION_NAMES & set(self._names(test.left)):
            return
        value = test.comparators[0]
        if isinstance(test.ops[0], ast.Eq):
            operator, values = "==", [value]
        elif isinstance(test.ops[0], ast.In) and isinstance(value, (ast.Tuple, ast.List)):
            operator, values = "in", list(value.elts)
        else:
            return
        if not all(isinstance(v, ast.Constant) and type(v.value) is str for v in values):
            return
        asserted = era.asserted_release(operator, [v.value for v in values])  # type: ignore[attr-defined]
        if asserted is not None:
            self._add(node, "__version__", *asserted, False)

    def _imports(self, node: ast.Import | ast.ImportFrom) -> None:
        segment = self.r.segment(node)  # not ast.get_source_segment: it splits the source each call
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name not in segment:
                    raise Fallback("dotted name written with spaces")
                self._import_evidence(alias, alias.name)
            return
        if node.module is None or node.level:
            return
        if node.module not in segment:
            raise Fallback("dotted name written with spaces")
        if node.names[0].name == "*":
            self._import_evidence(node, node.module)
            return
        for alias in node.names:
            self._import_evidence(alias, f"{node.module}.{alias.name}")

    def _import_evidence(self, node: ast.AST, dotted: str) -> None:
        below = _below(dotted)
        if below is not None:
            if below.startswith("compat.v1."):
                below = below[len("compat.v1.") :]
            self._name_evidence(node, [below])

    def _call(self, node: ast.Call) -> None:
        names = self._names(node.func)
        positional = [a for a in node.args if not isinstance(a, ast.Starred)]
        if "concat" in names and len(positional) >= 2:
            first, second = _int_literal(positional[0]), _int_literal(positional[1])
            if first and not second:
                self._add(node, "concat", "tf.concat(axis, values)", era._PRE, False)
            elif second and not first:
                self._add(node, "concat", "tf.concat(values, axis)", era._ONE_OR_LATER, False)
        elif "split" in names and len(positional) == 3:
            if _int_literal(positional[0]) and not _int_literal(positional[2]):
                self._add(node, "split", "tf.split(axis, n, value)", era._PRE, False)
        elif (
            any("seq2seq" in name and name.rpartition(".")[2] in era._LOSSES for name in names)
            and len(node.args) + len(node.keywords) >= 4
        ):
            if len(node.args) < 4 or any(isinstance(a, ast.Starred) for a in node.args[:4]):
                return
            fourth = node.args[3]
            if isinstance(fourth, ast.Constant) and (
                isinstance(fourth.value, bool)
                or (type(fourth.value) is int and self.r.segment(fourth) == "0")
            ):
                return
            self._add(node, "", "sequence_loss(..., num_decoder_symbols)", era._PRE, True)


def _below(name: str) -> str | None:
    if name == "tensorflow":
        return ""
    return name[len("tensorflow.") :] if name.startswith("tensorflow.") else None


def _full_name(node: ast.AST) -> str | None:
    """libcst's ``get_full_name_for_node`` on the ast: calls and subscripts are looked through."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{_full_name(node.value)}.{node.attr}"
    if isinstance(node, ast.Call):
        return _full_name(node.func)
    if isinstance(node, ast.Subscript):
        return _full_name(node.value)
    return None


def _int_literal(node: ast.AST) -> bool:
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        node = node.operand
    return isinstance(node, ast.Constant) and type(node.value) is int
