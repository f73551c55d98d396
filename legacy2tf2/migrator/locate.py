"""Locate and resolve over Python's ``ast``: the same scoping rules as :mod:`.scopes` and
:mod:`.resolve`, at C parsing speed.

``ast.parse`` is several times cheaper than libcst's parser, and a file is always parsed by it
first (:func:`legacy2tf2.migrator.engine.compile_check`). This pass reuses that tree to answer the
questions that need no concrete syntax: which names a chain of attributes resolves to (imports of
any alias style, plain assignments followed, ``global``, class bodies not visible from their
methods, the monkeypatched pre-1.0 ``tf.nn.seq2seq`` through :func:`renames.normalize`), which
subtrees may refer to TensorFlow at all, and every finding of ``legacy2tf2 check``
(:func:`leftover_findings`).

Where this pass cannot reproduce the libcst path's answer exactly, it raises :class:`Fallback`
and the caller uses the libcst path (see :func:`leftover_findings` for the shapes).
"""

from __future__ import annotations

import ast
import bisect
import re
import tokenize
from collections import Counter
from collections.abc import Iterator
from io import BytesIO

from legacy2tf2.migrator import renames
from legacy2tf2.migrator.refs import REMOVED, Ref, classify

IMPORT = "import"
ASSIGN = "assign"
OTHER = "other"

_MAX_DEPTH = 8
_RELEVANT_ROOTS = frozenset({"tensorflow", "importlib", "legacy2tf2"})
_BUILTIN_IMPORTERS = frozenset({"__import__"})
_IMPORTERS = frozenset({"importlib.import_module", "importlib.__import__"})
_IMPORT_ERROR_CATCHERS = frozenset(
    {"ImportError", "ModuleNotFoundError", "Exception", "BaseException"}
)
_COMPREHENSIONS = (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)

#: Names of a cell module the rewrite of its uses handles (unsupported cells become the stand-in).
PROVIDED = (
    frozenset(renames.CELL_CLASSES)
    | frozenset(renames.CELL_MODULE_OTHERS)
    | frozenset(renames.UNSUPPORTED_CELLS)
)

#: Verdicts of :meth:`AstResolver.monkeypatch` (the same as :mod:`.resolve`'s).
DEAD_PATCH = "dead"
CONFLICTING_PATCH = "conflicting"


class Fallback(Exception):
    """This source has a shape the ast pass does not reproduce exactly; use the libcst path."""


#: How many sources, in this process, took a whole-file libcst path instead of the ast pass, by
#: step and reason (``"check: parenthesized node"``); printed by the throughput benchmark.
FALLBACKS: Counter[str] = Counter()


def count_fallback(step: str, error: BaseException) -> None:
    """Count one source of ``step`` that falls back to libcst because of ``error``."""
    reason = str(error) if isinstance(error, Fallback) else type(error).__name__
    FALLBACKS[f"{step}: {reason}"] += 1


class Binding:
    """One way a name gets bound in a scope, and the ``Name`` nodes that read it."""

    __slots__ = ("kind", "name", "node", "references")

    def __init__(self, name: str, kind: str, node: ast.AST) -> None:
        self.name = name
        self.kind = kind
        self.node = node
        self.references: list[ast.Name] = []


class Scope:
    """A module, function (or lambda), class or comprehension scope (rules of :mod:`.scopes`)."""

    __slots__ = ("bindings", "declared_global", "declared_nonlocal", "kind", "parent", "star")

    def __init__(self, kind: str, parent: Scope | None) -> None:
        self.kind = kind
        self.parent = parent
        self.bindings: dict[str, list[Binding]] = {}
        self.declared_global: set[str] = set()
        self.declared_nonlocal: set[str] = set()
        self.star = False

    def __getitem__(self, name: str) -> list[Binding]:
        """The bindings a read of ``name`` in this scope may refer to (empty: a builtin)."""
        scope: Scope | None = self
        first = True
        while scope is not None:
            if name in scope.declared_global:
                scope = _module(scope)
            elif name in scope.declared_nonlocal:
                scope = scope.parent
            if first or scope.kind != "class":
                if name in scope.bindings:
                    return scope.bindings[name]
                if scope.star:
                    return [Binding(name, OTHER, ast.Name(name))]
            first = False
            scope = scope.parent
        return []

    def bind(self, name: str, kind: str, node: ast.AST) -> None:
        """Record a binding of ``name`` here (or in the module when declared ``global``)."""
        scope = _module(self) if name in self.declared_global else self
        if name in self.declared_nonlocal and self.parent is not None:
            scope = self.parent
        scope.bindings.setdefault(name, []).append(Binding(name, kind, node))


def _module(scope: Scope) -> Scope:
    while scope.parent is not None:
        scope = scope.parent
    return scope


_EXIT = object()
_SCOPE_KINDS: dict[type, str] = {
    ast.FunctionDef: "function",
    ast.AsyncFunctionDef: "function",
    ast.Lambda: "function",
    ast.ClassDef: "class",
    **{comprehension: "comprehension" for comprehension in _COMPREHENSIONS},
}
_TARGETS = (ast.AnnAssign, ast.AugAssign, ast.NamedExpr, ast.For, ast.AsyncFor, ast.comprehension)


class AstResolver:
    """Scopes, parents and name resolution of one module's ``ast`` tree.

    Mirrors :class:`legacy2tf2.migrator.resolve.Resolver` (whose scope pass walks libcst nodes):
    a read is a ``Name`` in load or del context; a plain ``name = value`` binds an alias that is
    followed; everything else binds a name that resolves to nothing of ours.
    """

    def __init__(self, tree: ast.Module, source: bytes) -> None:
        self.tree = tree
        self.source = source
        self.module_scope = Scope("module", None)
        self.scopes: list[Scope] = [self.module_scope]
        self.parents: dict[ast.AST, ast.AST] = {}
        self.scope_of: dict[ast.AST, Scope] = {}
        self.imports: list[ast.AST] = []
        self.reads: list[ast.Name] = []
        #: Module-level reads that certainly see one of their name's several bindings.
        self.read_bindings: dict[ast.Name, list[Binding]] = {}
        self._memo: dict[ast.AST, frozenset[str]] = {}
        self._lines: list[str] | None = None
        self._text: str | None = None
        self._walk()
        self.relevant = self._relevant()
        self._patched_removed: set[str] | None = None

    # -- the scope pass -------------------------------------------------------------------------
    def _walk(self) -> None:
        parents, scope_of, reads = self.parents, self.scope_of, self.reads
        current = [self.module_scope]
        stack: list[tuple[object, ast.AST | None]] = [(self.tree, None)]
        while stack:
            node, parent = stack.pop()
            if node is _EXIT:
                current.pop()
                continue
            if parent is not None:
                parents[node] = parent  # type: ignore[index]
            scope = current[-1]
            cls = type(node)
            if cls is ast.Name:
                scope_of[node] = scope  # type: ignore[index]
                if type(node.ctx) is not ast.Store:  # type: ignore[attr-defined]
                    reads.append(node)  # type: ignore[arg-type]
                continue
            if cls is ast.Import or cls is ast.ImportFrom:
                self._bind_import(node, scope)  # type: ignore[arg-type]
                scope_of[node] = scope  # type: ignore[index]
                self.imports.append(node)  # type: ignore[arg-type]
                continue
            if cls is ast.Match:
                raise Fallback("match statement")  # capture patterns bind names differently
            self._bind(node, cls, scope)
            kind = _SCOPE_KINDS.get(cls)
            if kind is not None:
                if cls is not ast.Lambda and kind != "comprehension":
                    scope.bind(node.name, OTHER, node)  # type: ignore[attr-defined]
                new = Scope(kind, scope)
                self.scopes.append(new)
                current.append(new)
                stack.append((_EXIT, None))
            children = [(child, node) for child in child_nodes(node)]  # type: ignore[arg-type]
            children.reverse()
            stack.extend(children)  # type: ignore[arg-type]
        top = {id(statement): i for i, statement in enumerate(self.tree.body)}
        orders: dict[int, tuple[list[int], list[Binding]] | None] = {}
        for name in reads:
            bindings = scope_of[name][name.id]
            if len(bindings) > 1 and scope_of[name] is self.module_scope:
                bindings = self._reaching(name, bindings, top, orders)
                if len(bindings) == 1:
                    self.read_bindings[name] = bindings
            for binding in bindings:
                binding.references.append(name)

    def _top_index(self, node: ast.AST, top: dict[int, int]) -> int | None:
        while node is not None and id(node) not in top:
            node = self.parents.get(node)  # type: ignore[assignment]
        return top[id(node)] if node is not None else None

    def _reaching(
        self,
        read: ast.Name,
        bindings: list[Binding],
        top: dict[int, int],
        orders: dict[int, tuple[list[int], list[Binding]] | None],
    ) -> list[Binding]:
        """The binding a module-level read certainly sees (see :class:`.scopes._ModuleOrder`):
        every binding a top-level import or ``name = value``, the last one before the read's
        statement; else ``bindings``."""
        if id(bindings) not in orders:
            orders[id(bindings)] = self._ordered(bindings, top)
        ordered = orders[id(bindings)]
        where = self._top_index(read, top) if ordered is not None else None
        if ordered is None or where is None:
            return bindings
        keys, sorted_bindings = ordered
        before = bisect.bisect_left(keys, where)
        return [sorted_bindings[before - 1]] if before else bindings

    def _ordered(
        self, bindings: list[Binding], top: dict[int, int]
    ) -> tuple[list[int], list[Binding]] | None:
        """The bindings sorted by the top-level statement that binds, with its index; None
        unless every one is a top-level import or ``name = value``."""
        keyed: list[tuple[int, int]] = []
        for i, binding in enumerate(bindings):
            statement = binding.node if binding.kind == IMPORT else self.parents.get(binding.node)
            if binding.kind not in (IMPORT, ASSIGN) or id(statement) not in top:
                return None
            if binding.kind == ASSIGN and not isinstance(statement, ast.Assign):
                return None
            keyed.append((top[id(statement)], i))
        keyed.sort()
        return [key for key, _ in keyed], [bindings[i] for _, i in keyed]

    def _bind(self, node: object, cls: type, scope: Scope) -> None:
        if cls is ast.Assign:
            for target in node.targets:  # type: ignore[attr-defined]
                self._bind_target(target, ASSIGN, scope)
        elif cls in _TARGETS:
            self._bind_target(node.target, OTHER, scope)  # type: ignore[attr-defined]
        elif cls is ast.withitem:
            if node.optional_vars is not None:  # type: ignore[attr-defined]
                self._bind_target(node.optional_vars, OTHER, scope)  # type: ignore[attr-defined]
        elif cls is ast.ExceptHandler:
            if node.name is not None:  # type: ignore[attr-defined]
                scope.bind(node.name, OTHER, node)  # type: ignore[attr-defined]
        elif cls is ast.arg:
            scope.bind(node.arg, OTHER, node)  # type: ignore[attr-defined]
        elif cls is ast.Global:
            scope.declared_global.update(node.names)  # type: ignore[attr-defined]
        elif cls is ast.Nonlocal:
            scope.declared_nonlocal.update(node.names)  # type: ignore[attr-defined]

    def _bind_target(self, target: ast.AST, kind: str, scope: Scope) -> None:
        if isinstance(target, ast.Name):
            scope.bind(target.id, kind, target)
        elif isinstance(target, (ast.Tuple, ast.List)):
            for element in target.elts:
                self._bind_target(element, OTHER, scope)
        elif isinstance(target, ast.Starred):
            self._bind_target(target.value, OTHER, scope)

    def _bind_import(self, node: ast.Import | ast.ImportFrom, scope: Scope) -> None:
        if isinstance(node, ast.ImportFrom) and node.names[0].name == "*":
            scope.star = True
            return
        for alias in node.names:
            scope.bind(bound_name(alias, node), IMPORT, node)

    def _relevant(self) -> set[ast.AST]:
        """Nodes whose subtree holds an import or a name that may resolve to TensorFlow."""
        relevant: set[ast.AST] = set()
        starts: list[ast.AST] = list(self.imports)
        for name in self.reads:
            if name.id in _BUILTIN_IMPORTERS or any(
                q.split(".")[0] in _RELEVANT_ROOTS for q in self.qualified_names(name)
            ):
                starts.append(name)
        parents = self.parents
        for node in starts:
            while node is not None and node not in relevant:
                relevant.add(node)
                node = parents.get(node)  # type: ignore[assignment]
        return relevant

    # -- resolution -----------------------------------------------------------------------------
    def qualified_names(self, node: ast.AST, depth: int = 0) -> frozenset[str]:
        """Normalized qualified names of a ``Name``/``Attribute`` chain, aliases followed."""
        if node in self._memo:
            return self._memo[node]
        parts = chain_parts(node)
        if parts is None or depth > _MAX_DEPTH:
            return frozenset()
        head, attrs = parts
        suffix = "".join("." + attr for attr in attrs)
        result = frozenset(renames.normalize(b + suffix) for b in self._head_names(head, depth))
        self._memo[node] = result
        return result

    def _head_names(self, head: ast.Name, depth: int) -> set[str]:
        scope = self.scope_of.get(head)
        bindings = self.read_bindings.get(head) or (scope[head.id] if scope is not None else [])
        if not bindings or bindings[0].kind == OTHER:
            return set()  # a builtin, or a parameter, loop variable, def...: the loop's answer
        names: set[str] = set()
        for binding in bindings:
            if binding.kind == IMPORT:
                full = import_binding(binding.node, head.id)  # type: ignore[arg-type]
            elif binding.kind == ASSIGN:
                value = self._assigned_value(binding.node)
                resolved = self.qualified_names(value, depth + 1) if value is not None else None
                if not resolved:
                    return set()
                names.update(resolved)
                continue
            else:
                full = None
            if full is None:
                return set()
            names.add(full)
        return names

    def _assigned_value(self, target: ast.AST) -> ast.AST | None:
        assign = self.parents.get(target)
        return assign.value if isinstance(assign, ast.Assign) else None

    def only_ref(self, node: ast.AST) -> Ref | None:
        """The table entry of ``node`` when it resolves to exactly one name."""
        names = self.qualified_names(node)
        return classify(next(iter(names))) if len(names) == 1 else None

    def is_load(self, node: ast.AST) -> bool:
        """Whether an attribute chain is read, as :meth:`.resolve.Resolver.is_load` decides it
        on libcst's tree: the direct target of an assignment or a ``with ... as`` is not (a
        parameter's default value is read)."""
        parent = self.parents.get(node)
        if isinstance(parent, ast.Assign):
            return not any(target is node for target in parent.targets)
        if isinstance(parent, (ast.AnnAssign, ast.AugAssign)):
            return parent.target is not node
        if isinstance(parent, ast.withitem):
            return parent.optional_vars is not node
        return True

    def patches_tensorflow(self, target: ast.AST) -> bool:
        """Whether an assignment target is an attribute of the TensorFlow module tree."""
        if not isinstance(target, ast.Attribute):
            return False
        names = self.qualified_names(target)
        return bool(names) and all(name.startswith(renames.TF + ".") for name in names)

    def patches_removed(self, name: str) -> bool:
        """Whether the file assigns the removed TensorFlow name ``name`` itself (a monkeypatch
        such as ``tf.nn.rnn = tf.contrib.rnn.static_rnn``, which gives TF 1.x and later the TF
        0.x name back): its uses then run, so they are not reported."""
        if self._patched_removed is None:
            self._patched_removed = {
                ref.name
                for node in ast.walk(self.tree)
                if type(node) is ast.Assign
                for target in node.targets
                if self.patches_tensorflow(target)
                and (ref := self.only_ref(target)) is not None
                and ref.kind == REMOVED
            }
        return name in self._patched_removed

    def monkeypatch(self, assign: ast.Assign) -> tuple[str, Ref] | None:
        """The verdict of :meth:`.resolve.Resolver.monkeypatch` for ``assign``."""
        targets = assign.targets
        if not all(self.patches_tensorflow(target) for target in targets):
            return None
        target_refs = [patched_ref(self.only_ref(target)) for target in targets]
        known = [ref for ref in target_refs if ref is not None]
        if not known:
            return None
        value_names = self.qualified_names(assign.value)
        value_ref = self.only_ref(assign.value)
        value_key = _equivalence(value_ref) if value_ref is not None else None
        for ref in target_refs:
            if ref is None or ref.target is None:
                return CONFLICTING_PATCH, known[0]
            if value_names != {ref.target} and _equivalence(ref) != value_key:
                return CONFLICTING_PATCH, ref
        return DEAD_PATCH, known[0]

    def is_stand_in(self, call: ast.Call) -> bool:
        """Whether ``call`` builds the runtime's stand-in for an unsupported cell."""
        return renames.RUNTIME_UNSUPPORTED in self.qualified_names(call.func)

    def import_guarded(self, statement: ast.AST, bound: str | None) -> bool:
        """:meth:`.resolve.Resolver.import_guarded`: the import sits in a ``try`` body whose
        handler catches its ``ImportError`` and binds ``bound`` again."""
        child, node = statement, self.parents.get(statement)
        while node is not None and not isinstance(
            node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Module)
        ):
            if isinstance(node, ast.Try) and any(s is child for s in node.body):
                for handler in node.handlers:
                    if _catches_import_error(handler) and (
                        bound is None or self._binds_within(statement, bound, handler)
                    ):
                        return True
            child, node = node, self.parents.get(node)
        return False

    def _binds_within(self, statement: ast.AST, bound: str, block: ast.AST) -> bool:
        scope = self.scope_of.get(statement)
        for binding in scope[bound] if scope is not None else ():
            node: ast.AST | None = binding.node
            while node is not None and node is not block:
                node = self.parents.get(node)
            if node is block:
                return True
        return False

    def may_rewrite(self) -> bool:
        """Whether the rewrite may change anything or report anything in this module.

        ``False`` guarantees that the rewrite (every concern of :mod:`.transforms`) is a no-op:
        each of them acts only on an import of a name in the table, a chain or call whose
        qualified name is in the table, an import by string of a TensorFlow module, the
        stand-in of an unsupported cell, or a call of a bidirectional RNN or another RNN
        function (whose cells may be anyone's).
        """
        return next(self.triggers(), None) is not None

    def triggers(self) -> Iterator[ast.AST]:
        """The nodes of the module that make :meth:`may_rewrite` true: the imports, chains and
        calls the rewrite acts on (a chain is given by its first name)."""
        for statement in self.imports:
            if _import_classified(statement):
                yield statement
        parents = self.parents
        for name in self.reads:
            node: ast.AST = name
            while True:
                if any(classify(q) is not None for q in self.qualified_names(node)):
                    yield name
                    break
                parent = parents.get(node)
                if type(parent) is not ast.Attribute or parent.value is not node:  # type: ignore[attr-defined]
                    if type(parent) is ast.Call and self._call_may_rewrite(parent):  # type: ignore[arg-type]
                        yield name
                    break
                node = parent

    def _call_may_rewrite(self, call: ast.Call) -> bool:
        if self.is_stand_in(call):
            return True
        from legacy2tf2.migrator.cell_uses import function_of
        from legacy2tf2.migrator.transforms.repeated_cells import BIDIRECTIONAL

        func = call.func
        if self.qualified_names(func) & BIDIRECTIONAL:
            return True  # one cell object as both directions: L2T005 or a copied cell_bw
        if function_of(self.qualified_names(func)) is not None and call in self._later_calls():
            return True  # a cell object an earlier RNN function ran: L2T005 or a copied cell
        importer = (isinstance(func, ast.Name) and func.id in _BUILTIN_IMPORTERS) or bool(
            self.qualified_names(func) & _IMPORTERS
        )
        return importer and bool(call.args)

    def _later_calls(self) -> set[ast.AST]:
        """The calls :func:`.cell_uses.later_uses` finds (computed once)."""
        found = getattr(self, "_later", None)
        if found is None:
            from legacy2tf2.migrator.cell_uses import later_uses

            found = self._later = {use.call for use in later_uses(self)}
        return found

    # -- positions and text ---------------------------------------------------------------------
    def text(self) -> str:
        """The source as Python decoded it."""
        if self._text is None:
            encoding, _ = tokenize.detect_encoding(BytesIO(self.source).readline)
            self._text = self.source.decode(encoding)
            if self._text.startswith("\ufeff"):
                self._text = self._text[1:]
        return self._text

    def position(self, node: ast.AST) -> tuple[int, int]:
        """1-based (line, character column) where ``node`` starts, as libcst counts them."""
        line, col = node.lineno, node.col_offset  # type: ignore[attr-defined]
        if not self.source.isascii():
            raw = self.line(line).encode("utf-8")[:col]
            col = len(raw.decode("utf-8"))
        return line, col + 1

    def line(self, number: int, ends: bool = False) -> str:
        """Line ``number`` (1-based) of the decoded source; with its line end if ``ends``."""
        if self._lines is None:
            self._lines = _LINE.findall(self.text())
        if number > len(self._lines):
            return ""
        line = self._lines[number - 1]
        return line if ends else line.rstrip("\r\n")

    def segment(self, node: ast.AST) -> str:
        """The source text of ``node``, as ``ast.get_source_segment`` gives it, without
        splitting the whole source again for every node."""
        first, last = node.lineno, node.end_lineno  # type: ignore[attr-defined]
        start, end = node.col_offset, node.end_col_offset  # type: ignore[attr-defined]
        if first is None or last is None:
            raise Fallback("no source segment")
        if first == last:
            return _slice(self.line(first, ends=True), start, end)
        parts = [_slice(self.line(first, ends=True), start, None)]
        parts.extend(self.line(n, ends=True) for n in range(first + 1, last))
        parts.append(_slice(self.line(last, ends=True), 0, end))
        return "".join(parts)

    def require_bare(self, node: ast.AST) -> None:
        """Raise :class:`Fallback` unless ``node`` certainly has no parentheses of its own.

        libcst counts a node's own parentheses as part of it (position and text); ``ast`` does
        not. A node is bare when what precedes it is not ``(``, or is the ``(`` of a call whose
        first argument it is.
        """
        line, col = node.lineno, node.col_offset  # type: ignore[attr-defined]
        before = self.line(line).encode("utf-8")[:col].decode("utf-8", "replace").rstrip(" \t\\")
        crossed = False
        while not before and line > 1:
            line -= 1
            crossed = True
            before = self.line(line).rstrip(" \t\\\r\n\x0c")
        if crossed and "#" in before:
            raise Fallback("comment before a reported node")
        if before.endswith("("):
            # The `(` of a call whose first argument starts with ``node`` is not its own.
            start = (node.lineno, node.col_offset)  # type: ignore[attr-defined]
            outer, parent = node, self.parents.get(node)
            while (
                parent is not None
                and hasattr(parent, "lineno")
                and (parent.lineno, parent.col_offset) == start  # type: ignore[attr-defined]
            ):
                outer, parent = parent, self.parents.get(parent)
            if isinstance(parent, ast.Call) and parent.args and parent.args[0] is outer:
                return
            raise Fallback("parenthesized node")


#: Lines as Python's tokenizer counts them (``\r\n``, ``\n``, ``\r``; not form feeds), ends kept.
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")


def _slice(line: str, start: int, end: int | None) -> str:
    """``line[start:end]`` with ``ast``'s offsets, which count UTF-8 bytes."""
    if line.isascii():
        return line[start:end]
    return line.encode("utf-8")[start:end].decode("utf-8")


#: Per node class, the fields that may hold child nodes (``ctx`` and operators never matter here).
_CHILD_FIELDS: dict[type, tuple[str, ...]] = {}
_NOT_CHILDREN = frozenset({"ctx", "op", "ops"})


def child_nodes(node: ast.AST) -> list[ast.AST]:
    """``ast.iter_child_nodes(node)`` without contexts and operators, as a list: the same nodes
    in the same order, about twice as fast (no generator per node, fields looked up once per
    class)."""
    cls = type(node)
    fields = _CHILD_FIELDS.get(cls)
    if fields is None:
        fields = _CHILD_FIELDS[cls] = tuple(f for f in cls._fields if f not in _NOT_CHILDREN)
    children: list[ast.AST] = []
    for name in fields:
        value = getattr(node, name, None)
        if type(value) is list:
            children.extend(item for item in value if isinstance(item, ast.AST))
        elif isinstance(value, ast.AST):
            children.append(value)
    return children


def chain_parts(node: ast.AST) -> tuple[ast.Name, list[str]] | None:
    """Split ``a.b.c`` into (``Name a``, ``["b", "c"]``); ``None`` for anything else."""
    attrs: list[str] = []
    while type(node) is ast.Attribute:
        attrs.append(node.attr)  # type: ignore[attr-defined]
        node = node.value  # type: ignore[attr-defined]
    if type(node) is not ast.Name:
        return None
    return node, attrs[::-1]  # type: ignore[return-value]


def bound_name(alias: ast.alias, statement: ast.Import | ast.ImportFrom) -> str:
    """The name an import alias binds: ``b`` for ``a as b``, ``a`` for ``import a.x.y``."""
    if alias.asname:
        return alias.asname
    return alias.name.split(".")[0] if isinstance(statement, ast.Import) else alias.name


def import_binding(statement: ast.Import | ast.ImportFrom, bound: str) -> str | None:
    """The dotted name an absolute import binds to ``bound``; ``None`` for other statements."""
    for alias in statement.names:
        if alias.name == "*" or bound_name(alias, statement) != bound:
            continue
        if isinstance(statement, ast.Import):
            if alias.asname is not None:
                return alias.name
            return alias.name.split(".")[0]
        if statement.module is not None and not statement.level:
            return f"{statement.module}.{alias.name}"
        return None
    return None


def _import_classified(statement: ast.AST) -> bool:
    """Whether an import statement imports a name of the table (or a star from one)."""
    if isinstance(statement, ast.Import):
        return any(classify(renames.normalize(a.name)) is not None for a in statement.names)
    if not isinstance(statement, ast.ImportFrom) or statement.level or statement.module is None:
        return False
    module = statement.module
    if statement.names[0].name == "*":
        return classify(renames.normalize(module)) is not None
    return any(
        classify(renames.normalize(f"{module}.{a.name}")) is not None for a in statement.names
    )


def patched_ref(ref: Ref | None) -> Ref | None:
    """The reference a monkeypatch's target counts as: ``None`` (a name the table does not know,
    whose patch stays) for a name TensorFlow removed before TF 2, such as TF 0.x's ``tf.nn.rnn``
    (``tf.nn.rnn = tf.contrib.rnn.static_rnn`` gives TF 1.x the name again: the patch is what
    makes its uses run, so it must stay)."""
    if ref is not None and ref.kind == REMOVED:
        return None
    return ref


def _equivalence(ref: Ref) -> tuple[str, str, str] | None:
    if ref.target is None:
        return None
    from legacy2tf2.migrator import refs

    return (
        ref.kind,
        ref.target,
        ref.name.rpartition(".")[2] if ref.kind == refs.UNSUPPORTED_CELL else "",
    )


def _catches_import_error(handler: ast.ExceptHandler) -> bool:
    if handler.type is None:
        return True
    types = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
    return any(isinstance(t, ast.Name) and t.id in _IMPORT_ERROR_CATCHERS for t in types)


def walk_relevant(resolver: AstResolver) -> Iterator[ast.AST]:
    """Pre-order walk of the nodes that may refer to TensorFlow (the relevant subtrees)."""
    relevant = resolver.relevant
    stack: list[ast.AST] = [resolver.tree]
    while stack:
        node = stack.pop()
        yield node
        children = [c for c in child_nodes(node) if c in relevant]
        children.reverse()
        stack.extend(children)
