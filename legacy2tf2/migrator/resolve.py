"""Name resolution: what TensorFlow object does an expression refer to?

libcst's ``QualifiedNameProvider`` follows imports (``import tensorflow as tf1``,
``from tensorflow.contrib import legacy_seq2seq as s2s``) but not plain assignments. This module
adds that step once: a name whose every assignment has a value resolving to a table entry
(``seq2seq = tf.contrib.legacy_seq2seq``, ``decoder = tf.contrib.legacy_seq2seq.rnn_decoder``)
resolves like that value, in the scope where it is assigned. Monkeypatches of the TensorFlow
module (``tf.nn.seq2seq = tf.contrib.legacy_seq2seq``) become extra module aliases for the file.

Transformers ask only :meth:`Resolver.lookup`, which returns a :class:`Ref` or ``None``.
"""

from __future__ import annotations

from dataclasses import dataclass

import libcst as cst
import libcst.helpers
from libcst.metadata import (
    Assignment,
    GlobalScope,
    ImportAssignment,
    MetadataWrapper,
    PositionProvider,
    Scope,
    ScopeProvider,
)

from legacy2tf2.migrator import renames
from legacy2tf2.migrator.refs import Ref, chain_parts, classify

_MAX_DEPTH = 8


@dataclass(frozen=True)
class _Patch:
    """A monkeypatch ``tf.X = <legacy module>`` found in the file."""

    target: str
    value: str
    statement: cst.Assign


class Resolver(cst.CSTVisitor):
    """Scopes, parents and assignments of one module; then answers :meth:`lookup`.

    Only ``ScopeProvider`` is computed up front (positions only when a finding is reported):
    resolving metadata is the expensive part of a rewrite. Imports are followed here rather than
    through ``QualifiedNameProvider``, which would cost a second pass over every name.
    """

    def __init__(self, module: cst.Module) -> None:
        super().__init__()
        self.module = module
        self._wrapper = MetadataWrapper(module, unsafe_skip_copy=True)
        self._scope_of = self._wrapper.resolve(ScopeProvider)
        self._positions: dict[cst.CSTNode, object] | None = None
        self._parents: dict[cst.CSTNode, cst.CSTNode] = {}
        self._stack: list[cst.CSTNode] = []
        self._values: dict[cst.Name, cst.BaseExpression] = {}
        self._attr_assigns: list[cst.Assign] = []
        self._patches: list[_Patch] | None = None
        self._memo: dict[cst.CSTNode, frozenset[str]] = {}
        module.visit(self)
        self._scopes: set[Scope] = {scope for scope in self._scope_of.values() if scope is not None}

    # -- collection -------------------------------------------------------------------------
    def on_visit(self, node: cst.CSTNode) -> bool:
        """Record the parent of every node, then dispatch to ``visit_<Node>``."""
        if self._stack:
            self._parents[node] = self._stack[-1]
        self._stack.append(node)
        return super().on_visit(node)

    def on_leave(self, original_node: cst.CSTNode) -> None:
        """Pop the parent stack."""
        self._stack.pop()
        super().on_leave(original_node)

    def visit_Assign(self, node: cst.Assign) -> None:
        """Remember what each simple name is assigned, and attribute assignments (patches)."""
        for target in node.targets:
            if isinstance(target.target, cst.Name):
                self._values[target.target] = node.value
            elif isinstance(target.target, cst.Attribute) and len(node.targets) == 1:
                self._attr_assigns.append(node)

    # -- structure --------------------------------------------------------------------------
    def position(self, node: cst.CSTNode) -> tuple[int, int]:
        """1-based (line, column) where ``node`` starts."""
        if self._positions is None:
            self._positions = self._wrapper.resolve(PositionProvider)
        start = self._positions[node].start  # type: ignore[attr-defined]
        return start.line, start.column + 1

    def parent(self, node: cst.CSTNode) -> cst.CSTNode | None:
        """The parent of ``node`` in the original tree."""
        return self._parents.get(node)

    def scope(self, node: cst.CSTNode) -> Scope | None:
        """The scope ``node`` is in."""
        return self._scope_of.get(node)

    def is_load(self, node: cst.CSTNode) -> bool:
        """Whether the name or attribute ``node`` is read (not assigned, nor a keyword or attr name)."""
        parent = self.parent(node)
        if isinstance(parent, cst.Attribute):
            return parent.value is node
        if isinstance(parent, (cst.AssignTarget, cst.AnnAssign, cst.AugAssign)):
            return getattr(parent, "target", None) is not node
        if isinstance(parent, cst.Arg):
            return parent.keyword is not node
        return not isinstance(parent, (cst.AsName, cst.Param, cst.FunctionDef, cst.ClassDef, cst.ImportAlias))

    def bound_names(self) -> set[str]:
        """Every name assigned or read in any scope of the module."""
        names: set[str] = set()
        for scope in self._scopes:
            names.update(assignment.name for assignment in scope.assignments)
            names.update(access.node.value for access in scope.accesses if isinstance(access.node, cst.Name))
        return names

    # -- resolution -------------------------------------------------------------------------
    def qualified_names(self, node: cst.CSTNode, depth: int = 0) -> frozenset[str]:
        """Normalized qualified names of a ``Name``/``Attribute`` chain, aliases followed."""
        if node in self._memo:
            return self._memo[node]
        parts = chain_parts(node)
        if parts is None or depth > _MAX_DEPTH:
            return frozenset()
        head, attrs = parts
        suffix = "".join("." + attr for attr in attrs)
        names = {renames.normalize(base + suffix) for base in self._head_names(head, depth)}
        result = frozenset(self._apply_patches(name) for name in names)
        self._memo[node] = result
        return result

    def _head_names(self, head: cst.Name, depth: int) -> set[str]:
        scope = self.scope(head)
        if scope is None:
            return set()
        assignments = scope[head.value]
        if not assignments:
            return set()
        names: set[str] = set()
        for assignment in assignments:
            if isinstance(assignment, ImportAssignment):
                full = import_binding(assignment.node, head.value)
                if full is None:
                    return set()
                names.add(full)
            elif isinstance(assignment, Assignment) and assignment.node in self._values:
                value = self._values[assignment.node]
                resolved = self.qualified_names(value, depth + 1)
                if not resolved:
                    return set()
                names.update(resolved)
            else:
                return set()  # a parameter, a def, a loop variable: not ours
        return names

    def _apply_patches(self, name: str) -> str:
        for patch in self.patches():
            if name == patch.target or name.startswith(patch.target + "."):
                return renames.normalize(patch.value + name[len(patch.target) :])
        return name

    def patches(self) -> list[_Patch]:
        """Monkeypatches ``tf.<path> = <legacy_seq2seq or a cell module>`` in this file."""
        if self._patches is None:
            self._patches = []
            found = []
            for assign in self._attr_assigns:
                target = self.qualified_names(assign.targets[0].target)
                value = self.qualified_names(assign.value)
                if len(target) == 1 and len(value) == 1:
                    (t,), (v,) = target, value
                    ref = classify(v)
                    if t.startswith(renames.TF + ".") and ref is not None and ref.kind in ("module", "cell_module"):
                        found.append(_Patch(t, v, assign))
            self._patches = sorted(found, key=lambda p: len(p.target), reverse=True)
            self._memo.clear()
        return self._patches

    def is_patch(self, node: cst.Assign) -> bool:
        """Whether ``node`` is a monkeypatch that rewritten code no longer needs."""
        return any(patch.statement is node for patch in self.patches())

    def lookup(self, node: cst.CSTNode) -> Ref | None:
        """The table entry ``node`` refers to, or ``None`` when it is not (exactly) one of ours.

        The answer's ``here`` says whether the reference must be rewritten at this node (it is
        reached through ``tf.`` or another prefix) or is fixed by rewriting the import or
        assignment that binds its first name.
        """
        names = self.qualified_names(node)
        if len(names) != 1:
            return None
        (name,) = names
        ref = classify(name)
        if ref is None:
            return None
        head = chain_parts(node)[0]
        if ref.kind == "other" and isinstance(node, cst.Attribute):
            return ref.at(True)  # `rnn.static_rnn`: not in the runtime module whatever `rnn` is
        return ref.at(self._rewrite_here(head))

    def _rewrite_here(self, head: cst.Name) -> bool:
        head_names = self.qualified_names(head)
        if len(head_names) != 1:
            return False
        head_ref = classify(next(iter(head_names)))
        if head_ref is None:
            return True  # `tf`, `tensorflow.contrib`, ...: a prefix of ours
        if head_ref.kind == "cell_module":
            return not self.binding_rewritable(head)
        return False

    def binding_rewritable(self, name: cst.Name) -> bool:
        """Whether every use of the cell-module name ``name`` is a name the runtime provides."""
        scope = self.scope(name)
        if scope is None:
            return False
        return all(self._uses_ok(assignment) for assignment in scope[name.value])

    def import_binding_rewritable(self, statement: cst.CSTNode, bound: str) -> bool:
        """Like :meth:`binding_rewritable`, for the name ``bound`` an import statement binds."""
        scope = self.scope(statement)
        if scope is None:
            return False
        own = [a for a in scope[bound] if isinstance(a, ImportAssignment) and a.node is statement]
        return all(self._uses_ok(assignment) for assignment in own)

    def _uses_ok(self, assignment: object) -> bool:
        provided = set(renames.CELL_CLASSES) | set(renames.CELL_MODULE_OTHERS)
        for access in getattr(assignment, "references", ()):
            parent = self.parent(access.node)
            if isinstance(parent, cst.Attribute) and parent.value is access.node:
                if parent.attr.value not in provided:
                    return False
            elif not self.is_getattr_target(access.node):
                return False
        return True

    def is_getattr_target(self, node: cst.CSTNode) -> bool:
        """Whether ``node`` is the first argument of a ``getattr(...)`` call."""
        arg = self.parent(node)
        call = self.parent(arg) if isinstance(arg, cst.Arg) else None
        return (
            isinstance(call, cst.Call)
            and isinstance(call.func, cst.Name)
            and call.func.value == "getattr"
            and bool(call.args)
            and call.args[0] is arg
        )

    def top_level_binding(self, module: str) -> str | None:
        """A name bound once, by a top-level import, to ``module`` once the file is rewritten."""
        wanted = {module, renames.LEGACY} if module == renames.RUNTIME_SEQ2SEQ else {module}
        for name, full, statement in self._top_level_imports():
            normalized = renames.normalize(full)
            if normalized in wanted:
                return name
            if module == renames.RUNTIME_RNN_CELL and renames.is_cell_module(normalized):
                if self.import_binding_rewritable(statement, name):
                    return name
        return None

    def tf_prefix(self) -> str | None:
        """How this file spells ``tensorflow.compat.v1`` through a top-level import, if it can."""
        for name, full, _ in self._top_level_imports():
            if full == renames.TF:
                return f"{name}.compat.v1"
            if full == renames.COMPAT_V1:
                return name
        return None

    def _top_level_imports(self) -> list[tuple[str, str, cst.CSTNode]]:
        found = []
        for scope in self._scopes:
            if not isinstance(scope, GlobalScope):
                continue
            for assignment in scope.assignments:
                if not isinstance(assignment, ImportAssignment):
                    continue
                if len(scope[assignment.name]) != 1 or not self._is_top_level(assignment.node):
                    continue
                if any(
                    assignment.name in {a.name for a in other.assignments}
                    for other in self._scopes
                    if other is not scope
                ):
                    continue
                full = import_binding(assignment.node, assignment.name)
                if full is not None:
                    found.append((assignment.name, full, assignment.node))
        return found

    def _is_top_level(self, statement: cst.CSTNode) -> bool:
        line = self.parent(statement)
        return isinstance(self.parent(line), cst.Module)

    def head_imports(self, head: cst.Name) -> list[tuple[str, str | None, str | None]]:
        """(module, obj, asname) of each import binding ``head``, for removing it if unused."""
        scope = self.scope(head)
        result: list[tuple[str, str | None, str | None]] = []
        for assignment in scope[head.value] if scope is not None else ():
            if isinstance(assignment, ImportAssignment):
                spec = import_spec(assignment.node, head.value)
                if spec is not None:
                    result.append(spec)
        return result


def _aliases(statement: cst.CSTNode) -> list[cst.ImportAlias]:
    names = getattr(statement, "names", ())
    return [] if isinstance(names, cst.ImportStar) else list(names)


def _bound(alias: cst.ImportAlias) -> str:
    return alias.evaluated_alias or alias.evaluated_name.split(".")[0]


def import_spec(statement: cst.CSTNode, bound: str) -> tuple[str, str | None, str | None] | None:
    """(module, obj, asname) of the alias of an absolute import that binds ``bound``."""
    for alias in _aliases(statement):
        if _bound(alias) != bound:
            continue
        if isinstance(statement, cst.Import):
            return alias.evaluated_name, None, alias.evaluated_alias
        if isinstance(statement, cst.ImportFrom) and statement.module is not None and not statement.relative:
            module = cst.helpers.get_full_name_for_node(statement.module)
            return module, alias.evaluated_name, alias.evaluated_alias
    return None


def import_binding(statement: cst.CSTNode, bound: str) -> str | None:
    """The full dotted name an absolute import binds to ``bound`` (``None`` if not exactly one)."""
    spec = import_spec(statement, bound)
    if spec is None:
        return None
    module, obj, asname = spec
    if obj is None:
        return module if asname is not None else module.split(".")[0]
    return f"{module}.{obj}"
