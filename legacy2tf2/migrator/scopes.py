"""Scopes, bindings and parents of a module, in one visitor pass.

libcst's ``ScopeProvider`` is exact but was two thirds of the cost of a rewrite. The migrator needs
less: for each name read, the bindings it may refer to (an import, an ``x = value`` assignment,
or anything else), and for each binding the names that read it. Python's rules kept here:
a name bound anywhere in a function is local to all of it; class bodies are not visible from the
functions and comprehensions inside them; ``global`` names bind in the module. Simplified:
decorators, defaults and annotations are read in the function's own scope, and a ``nonlocal``
name binds in the enclosing scope.
"""

from __future__ import annotations

import bisect
import dataclasses
from dataclasses import dataclass, field

import libcst as cst

IMPORT = "import"  # node: the Import/ImportFrom statement
ASSIGN = "assign"  # node: the Name target of a plain `name = value`
OTHER = "other"  # parameters, defs, loop targets, ...: never resolved further

_COMPREHENSIONS = (cst.ListComp, cst.SetComp, cst.DictComp, cst.GeneratorExp)
_NOT_READ = (cst.AsName, cst.Param, cst.FunctionDef, cst.ClassDef, cst.ImportAlias, cst.NameItem)


@dataclass(eq=False)
class Binding:
    """One way a name gets bound in a scope, and the names that read it."""

    name: str
    kind: str
    node: cst.CSTNode
    references: list[cst.Name] = field(default_factory=list)


@dataclass(eq=False)
class Scope:
    """A module, function (or lambda), class or comprehension scope."""

    kind: str
    parent: Scope | None
    bindings: dict[str, list[Binding]] = field(default_factory=dict)
    declared_global: set[str] = field(default_factory=set)
    declared_nonlocal: set[str] = field(default_factory=set)
    star_import: bool = False

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
                if scope.star_import:
                    return [Binding(name, OTHER, cst.Name(name))]
            first = False
            scope = scope.parent
        return []

    def bind(self, name: str, kind: str, node: cst.CSTNode) -> None:
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
_SKIPPED_FIELDS = frozenset(
    {
        "lpar", "rpar", "comma", "semicolon", "leading_lines", "lines_after_decorators", "header",
        "footer", "trailing_whitespace", "colon", "equal", "star", "operator", "relative",
        "newline", "dot", "arrow", "asynchronous", "first_line", "empty_lines",
    }
)  # fmt: skip
_FIELDS: dict[type, tuple[str, ...]] = {}
_NODE_TYPES: dict[type, bool] = {}
_SCOPE_KINDS: dict[type, str] = {
    cst.FunctionDef: "function",
    cst.Lambda: "function",
    cst.ClassDef: "class",
    **{comprehension: "comprehension" for comprehension in _COMPREHENSIONS},
}


def _is_node(cls: type) -> bool:
    """``issubclass(cls, CSTNode)``, cached (libcst's ABC checks are slow)."""
    known = _NODE_TYPES.get(cls)
    if known is None:
        known = _NODE_TYPES[cls] = issubclass(cls, cst.CSTNode)
    return known


def _fields(cls: type) -> tuple[str, ...]:
    """The fields of a node type that may hold names (whitespace and punctuation skipped)."""
    names = _FIELDS.get(cls)
    if names is None:
        names = tuple(
            f.name
            for f in dataclasses.fields(cls)
            if f.name not in _SKIPPED_FIELDS and not f.name.startswith("whitespace")
        )
        _FIELDS[cls] = names
    return names


class ScopeVisitor:
    """Builds scopes, bindings, references and the parent of every node in one walk.

    A plain iterative walk over the dataclass fields rather than a ``CSTVisitor``: libcst's
    visitor machinery rebuilds every node it passes and cost most of a rewrite. Import statements
    are not entered (their names are not reads); whitespace and punctuation are skipped.
    """

    def __init__(self) -> None:
        self.module_scope = Scope("module", None)
        self.scopes: list[Scope] = [self.module_scope]
        self.parents: dict[cst.CSTNode, cst.CSTNode] = {}
        self.scope_of: dict[cst.CSTNode, Scope] = {}
        self.imports: list[cst.CSTNode] = []
        self.reads: list[cst.Name] = []
        #: Module-level reads that certainly see one of their name's several bindings.
        self.read_bindings: dict[cst.Name, list[Binding]] = {}
        self._current: list[Scope] = [self.module_scope]
        self._targets: set[cst.Name] = set()
        self._hooks = {
            cst.Assign: self.visit_Assign,
            cst.AnnAssign: self.visit_AnnAssign,
            cst.AugAssign: self.visit_AugAssign,
            cst.NamedExpr: self.visit_NamedExpr,
            cst.For: self.visit_For,
            cst.CompFor: self.visit_CompFor,
            cst.WithItem: self.visit_WithItem,
            cst.ExceptHandler: self.visit_ExceptHandler,
            cst.Param: self.visit_Param,
            cst.MatchAs: self.visit_MatchAs,
            cst.Global: self.visit_Global,
            cst.Nonlocal: self.visit_Nonlocal,
            cst.Import: self.visit_Import,
            cst.ImportFrom: self.visit_ImportFrom,
        }

    def walk(self, module: cst.Module) -> None:
        """Walk ``module`` once, then link every read to its bindings."""
        stack: list[tuple[object, object]] = [(module, None)]
        while stack:
            node, parent = stack.pop()
            if node is _EXIT:
                self._current.pop()
                continue
            if parent is not None:
                self.parents[node] = parent  # type: ignore[index]
            scope = self._current[-1]
            cls = type(node)
            if cls is cst.Name:
                self.scope_of[node] = scope  # type: ignore[index]
                if node not in self._targets and _is_read(node, parent):  # type: ignore[arg-type]
                    self.reads.append(node)  # type: ignore[arg-type]
                continue
            hook = self._hooks.get(cls)
            if hook is not None:
                hook(node)
                if cls is cst.Import or cls is cst.ImportFrom:
                    self.scope_of[node] = scope  # type: ignore[index]
                    self.imports.append(node)  # type: ignore[arg-type]
                    continue
            kind = _SCOPE_KINDS.get(cls)
            if kind is not None:
                if cls is cst.FunctionDef or cls is cst.ClassDef:
                    scope.bind(node.name.value, OTHER, node)  # type: ignore[attr-defined]
                new = Scope(kind, scope)
                self.scopes.append(new)
                self._current.append(new)
                stack.append((_EXIT, None))
            children: list[tuple[object, cst.CSTNode]] = []
            for name in _fields(cls):
                value = getattr(node, name)
                vcls = type(value)
                if vcls is list or vcls is tuple:
                    children.extend((v, node) for v in value if _is_node(type(v)))  # type: ignore[misc]
                elif _is_node(vcls):
                    children.append((value, node))  # type: ignore[arg-type]
            children.reverse()
            stack.extend(children)
        self._link_references()

    # -- bindings ---------------------------------------------------------------------------
    def _bind_target(self, target: cst.BaseExpression, kind: str) -> None:
        if isinstance(target, cst.Name):
            self._targets.add(target)
            self._current[-1].bind(target.value, kind, target)
        elif isinstance(target, (cst.Tuple, cst.List)):
            for element in target.elements:
                self._bind_target(element.value, OTHER)
        elif isinstance(target, cst.StarredElement):
            self._bind_target(target.value, OTHER)

    def visit_Assign(self, node: cst.Assign) -> None:
        """``name = value`` binds an alias the resolver may follow."""
        for target in node.targets:
            self._bind_target(target.target, ASSIGN)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        """Annotated assignments bind, but are not followed."""
        self._bind_target(node.target, OTHER)

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        """``x += ...`` rebinds ``x``."""
        self._bind_target(node.target, OTHER)

    def visit_NamedExpr(self, node: cst.NamedExpr) -> None:
        """``(x := ...)`` binds ``x``."""
        self._bind_target(node.target, OTHER)

    def visit_For(self, node: cst.For) -> None:
        """Loop targets bind."""
        self._bind_target(node.target, OTHER)

    def visit_CompFor(self, node: cst.CompFor) -> None:
        """Comprehension targets bind in the comprehension."""
        self._bind_target(node.target, OTHER)

    def visit_WithItem(self, node: cst.WithItem) -> None:
        """``with ... as x`` binds ``x``."""
        if node.asname is not None:
            self._bind_target(node.asname.name, OTHER)

    def visit_ExceptHandler(self, node: cst.ExceptHandler) -> None:
        """``except E as x`` binds ``x``."""
        if node.name is not None:
            self._bind_target(node.name.name, OTHER)

    def visit_Param(self, node: cst.Param) -> None:
        """Parameters bind in the function."""
        self._current[-1].bind(node.name.value, OTHER, node)

    def visit_MatchAs(self, node: cst.MatchAs) -> None:
        """``case ... as x`` and capture patterns bind."""
        if node.name is not None:
            self._bind_target(node.name, OTHER)

    def visit_Global(self, node: cst.Global) -> None:
        """``global x``: ``x`` lives in the module."""
        self._current[-1].declared_global.update(item.name.value for item in node.names)

    def visit_Nonlocal(self, node: cst.Nonlocal) -> None:
        """``nonlocal x``: ``x`` lives in the enclosing scope."""
        self._current[-1].declared_nonlocal.update(item.name.value for item in node.names)

    def visit_Import(self, node: cst.Import) -> None:
        """``import a.b`` binds ``a``; ``import a.b as c`` binds ``c``."""
        for alias in node.names:
            self._current[-1].bind(
                alias.evaluated_alias or alias.evaluated_name.split(".")[0], IMPORT, node
            )

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        """``from m import a as b`` binds ``b``; a star import makes every unknown name ambiguous."""
        if isinstance(node.names, cst.ImportStar):
            self._current[-1].star_import = True
            return
        for alias in node.names:
            self._current[-1].bind(alias.evaluated_alias or alias.evaluated_name, IMPORT, node)

    def _link_references(self) -> None:
        """After the pass: attach every read to the bindings it may refer to."""
        order = _ModuleOrder(self.parents)
        for name in self.reads:
            bindings = self.scope_of[name][name.value]
            if len(bindings) > 1 and self.scope_of[name] is self.module_scope:
                bindings = order.reaching(name, bindings)
                if len(bindings) == 1:
                    self.read_bindings[name] = bindings
            for binding in bindings:
                binding.references.append(name)


class _ModuleOrder:
    """Which of a module-level name's bindings a module-level read sees, where that is certain.

    Python runs a module's top-level statements in order, so where every binding of a name is
    an import or a plain ``name = value`` that is itself a top-level statement (not inside an
    ``if``, a ``try``, a loop or a function), a read at module level sees the last of them before
    its own statement: ``rnn_cell = rnn_cell.BasicRNNCell(n)`` reads the imported module on its
    right-hand side and binds the cell every later statement reads. Reads in functions, classes
    and comprehensions keep every binding: when they run is not told by where they are.
    """

    def __init__(self, parents: dict[cst.CSTNode, cst.CSTNode]) -> None:
        self._parents = parents
        self._lines: dict[cst.CSTNode, int] = {}
        self._binding_keys: dict[int, tuple[int, int] | None] = {}
        self._orders: dict[int, tuple[list[tuple[int, int]], list[Binding]] | None] = {}

    def _key(self, node: cst.CSTNode) -> tuple[cst.Module, int, int] | None:
        """(module, top-level statement index, small statement index) of the statement of
        ``node``; the small index is -1 in a compound statement."""
        child: cst.CSTNode = node
        small: cst.CSTNode | None = None
        parent = self._parents.get(child)
        while parent is not None and not isinstance(parent, cst.Module):
            if isinstance(parent, cst.SimpleStatementLine):
                small = child
            child, parent = parent, self._parents.get(parent)
        if parent is None:
            return None
        if not self._lines:
            self._lines = {statement: i for i, statement in enumerate(parent.body)}  # type: ignore[attr-defined]
        line = self._lines[child]
        if small is None or not isinstance(child, cst.SimpleStatementLine):
            return parent, line, -1
        return parent, line, list(child.body).index(small)  # type: ignore[arg-type]

    def _binding_key(self, binding: Binding) -> tuple[int, int] | None:
        """Where a top-level import or ``name = value`` statement binds; ``None`` otherwise."""
        known = id(binding)
        if known not in self._binding_keys:
            self._binding_keys[known] = self._find_binding_key(binding)
        return self._binding_keys[known]

    def _find_binding_key(self, binding: Binding) -> tuple[int, int] | None:
        if binding.kind == IMPORT:
            statement: cst.CSTNode | None = binding.node
        elif binding.kind == ASSIGN:
            target = self._parents.get(binding.node)
            statement = self._parents.get(target) if isinstance(target, cst.AssignTarget) else None
        else:
            return None
        line = self._parents.get(statement) if statement is not None else None
        if not isinstance(line, cst.SimpleStatementLine):
            return None
        key = self._key(statement)  # type: ignore[arg-type]
        if key is None or self._parents.get(line) is not key[0]:
            return None
        return key[1], key[2]

    def _ordered(
        self, bindings: list[Binding]
    ) -> tuple[list[tuple[int, int]], list[Binding]] | None:
        """The bindings sorted by where they bind, with those places; None unless every one is
        a top-level import or ``name = value``."""
        known = id(bindings)
        if known not in self._orders:
            keys = [self._binding_key(binding) for binding in bindings]
            if any(key is None for key in keys):
                self._orders[known] = None
            else:
                pairs = sorted(zip(keys, range(len(bindings)), strict=True))
                self._orders[known] = (
                    [key for key, _ in pairs],  # type: ignore[misc]
                    [bindings[i] for _, i in pairs],
                )
        return self._orders[known]

    def reaching(self, read: cst.Name, bindings: list[Binding]) -> list[Binding]:
        """The binding ``read`` certainly sees, alone, or ``bindings`` when that is not certain."""
        ordered = self._ordered(bindings)
        where = self._key(read) if ordered is not None else None
        if ordered is None or where is None:
            return bindings
        keys, sorted_bindings = ordered
        before = bisect.bisect_left(keys, where[1:])
        if before == 0:
            return bindings
        return [sorted_bindings[before - 1]]


def _is_read(node: cst.Name, parent: cst.CSTNode | None) -> bool:
    if isinstance(parent, cst.Attribute):
        return parent.value is node
    if isinstance(parent, cst.Param):
        return parent.default is node  # `def f(x=name)` reads name; the parameter binds
    if isinstance(parent, cst.Arg):
        return parent.keyword is not node
    return not isinstance(parent, _NOT_READ)
