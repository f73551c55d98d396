"""Name resolution: which TensorFlow object does an expression refer to?

Imports are followed (``import tensorflow as tf1``, ``import tensorflow.compat.v1 as tf``,
``from tensorflow.contrib import legacy_seq2seq as s2s``), and so are plain assignments, which
libcst's ``QualifiedNameProvider`` does not follow: a name whose every assignment in its scope
has a value resolving to a table entry (``seq2seq = tf.contrib.legacy_seq2seq`` at module level or
in a function, ``decoder = tf.contrib.legacy_seq2seq.rnn_decoder``) resolves like that value.
Module paths are normalized by :func:`renames.normalize`, so the monkeypatched pre-1.0 path
``tf.nn.seq2seq`` resolves to legacy_seq2seq whether or not the patch is in the file.

Transformers ask :meth:`Resolver.lookup`, which returns a :class:`~refs.Ref` or ``None``.
"""

from __future__ import annotations

from collections.abc import Mapping

import libcst as cst
import libcst.matchers
from libcst.metadata import CodeRange, MetadataWrapper, PositionProvider

from legacy2tf2.migrator import era as era_module
from legacy2tf2.migrator import refs, renames
from legacy2tf2.migrator.locate import PROVIDED, AstResolver, patched_ref
from legacy2tf2.migrator.refs import Ref, chain_parts, classify, import_binding
from legacy2tf2.migrator.scopes import ASSIGN, IMPORT, Binding, Scope, ScopeVisitor

_MAX_DEPTH = 8
_RELEVANT_ROOTS = frozenset({"tensorflow", "importlib", "legacy2tf2"})
_BUILTIN_IMPORTERS = frozenset({"__import__"})

#: Verdicts of :meth:`Resolver.monkeypatch`.
DEAD_PATCH = "dead"  # the rewrite sends every use of the target where the value pointed
CONFLICTING_PATCH = "conflicting"  # the rewrite sends the uses elsewhere than the value


class Resolver:
    """Scopes and parents of one module (one visitor pass), and lookups over them.

    Positions are computed only when a finding is reported: they cost a code generation pass.
    """

    def __init__(
        self,
        module: cst.Module,
        located: AstResolver | None = None,
        left_out: frozenset[str] | None = None,
    ) -> None:
        self.module = module
        self._located = located
        #: The names of the definitions ``module`` leaves out (:mod:`.partial`), whose code only
        #: ``located`` holds; ``None``: ``module`` is the whole file.
        self._left_out = left_out
        visitor = ScopeVisitor()
        visitor.walk(module)
        self._scope_of = visitor.scope_of
        self._parents = visitor.parents
        self._scopes = visitor.scopes
        self._reads = visitor.reads
        self._read_bindings = visitor.read_bindings
        self._positions: Mapping[cst.CSTNode, CodeRange] | None = None
        self._statement_positions: dict[cst.CSTNode, Mapping[cst.CSTNode, CodeRange]] = {}
        self._statement_lines: dict[cst.CSTNode, int] | None = None
        self._alias_statements: dict[cst.CSTNode, cst.CSTNode] | None = None
        self._imports = visitor.imports
        self._memo: dict[cst.CSTNode, frozenset[str]] = {}
        self.relevant = self._relevant(visitor.imports)
        self._patched_removed: set[str] | None = None

    def _relevant(self, imports: list[cst.CSTNode]) -> set[cst.CSTNode]:
        """Nodes whose subtree holds an import or a name that may resolve to TensorFlow.

        Transformers skip every other subtree: most of a file is never visited twice.
        """
        relevant: set[cst.CSTNode] = set()
        starts: list[cst.CSTNode] = list(imports)
        for name in self._reads:
            if name.value in _BUILTIN_IMPORTERS or any(
                q.split(".")[0] in _RELEVANT_ROOTS for q in self.qualified_names(name)
            ):
                starts.append(name)
        for node in starts:
            while node is not None and node not in relevant:
                relevant.add(node)
                node = self._parents.get(node)
        return relevant

    def era(self) -> era_module.EraReport:
        """The TF version the module was written for (:mod:`legacy2tf2.migrator.era`).

        Told over the ast pass given to the constructor (:mod:`legacy2tf2.migrator.era_ast`),
        through libcst's own scope analysis where that pass falls back or none was given.
        """
        if self._located is not None:
            from legacy2tf2.migrator import era_ast, locate

            try:
                return era_ast.detect(self._located)
            except Exception as error:  # a Fallback, or anything libcst's analysis handles
                if self._left_out is not None:
                    from legacy2tf2.migrator.partial import Unsafe

                    raise Unsafe("the era needs libcst's analysis of the whole module") from None
                locate.count_fallback("era", error)
        return era_module.detect_era(self.module)

    # -- structure --------------------------------------------------------------------------
    def position(self, node: cst.CSTNode) -> tuple[int, int]:
        """1-based (line, column) where ``node`` starts."""
        if self._located is not None:
            found = self._position_in_statement(node)
            if found is not None:
                return found
        if self._positions is None:
            wrapper = MetadataWrapper(self.module, unsafe_skip_copy=True)
            self._positions = wrapper.resolve(PositionProvider)
        start = self._positions[node].start
        return start.line, start.column + 1

    def _position_in_statement(self, node: cst.CSTNode) -> tuple[int, int] | None:
        """The position of ``node`` from the code of its top-level statement alone.

        Positions cost a code generation of everything they cover: the top-level statement's
        first line comes from the ast pass, so only that statement (which starts at column 0)
        is generated. ``None`` for a top-level statement itself.
        """
        top = node if node in self._parents else self._import_of_alias().get(node)
        while top is not None and self._parents.get(top) is not self.module:
            top = self._parents.get(top)
        if top is None:
            return None
        if top is node:
            return None
        cached = self._statement_positions.get(top)
        if cached is None:
            alone = self.module.with_changes(
                body=[top.with_changes(leading_lines=())], header=(), footer=()
            )
            wrapper = MetadataWrapper(alone, unsafe_skip_copy=True)
            cached = self._statement_positions[top] = wrapper.resolve(PositionProvider)
        start = cached[node].start
        return self._first_lines()[top] + start.line - 1, start.column + 1

    def _import_of_alias(self) -> dict[cst.CSTNode, cst.CSTNode]:
        """Import statements by their aliases (the scope pass does not enter imports)."""
        if self._alias_statements is None:
            self._alias_statements = {
                alias: statement
                for statement in self._imports
                for alias in getattr(statement, "names", ())
                if isinstance(alias, cst.ImportAlias)
            }
        return self._alias_statements

    def _first_lines(self) -> dict[cst.CSTNode, int]:
        """The line each top-level statement starts on (its first decorator for a def)."""
        if self._statement_lines is None:
            lines: dict[cst.CSTNode, int] = {}
            statements = iter(self._located.tree.body)  # type: ignore[union-attr]
            for statement in self.module.body:
                first = next(statements)
                if isinstance(statement, cst.SimpleStatementLine):
                    for _ in statement.body[1:]:
                        next(statements)
                decorators = getattr(first, "decorator_list", None)
                lines[statement] = decorators[0].lineno if decorators else first.lineno
            self._statement_lines = lines
        return self._statement_lines

    def parent(self, node: cst.CSTNode) -> cst.CSTNode | None:
        """The parent of ``node`` in the original tree."""
        return self._parents.get(node)

    def scope(self, node: cst.CSTNode) -> Scope | None:
        """The scope ``node`` is in."""
        return self._scope_of.get(node)

    def ast_pass(self) -> AstResolver:
        """The ast pass of the module: the one given to the constructor, else one made (once)
        from the module's code. Raises :class:`~.locate.Fallback` where that pass cannot be made
        (a ``match`` statement)."""
        if self._located is not None:
            return self._located
        made = getattr(self, "_made_ast_pass", None)
        if made is None:
            import ast

            source = self.module.bytes
            made = self._made_ast_pass = AstResolver(ast.parse(source), source)
        return made

    def is_load(self, node: cst.CSTNode) -> bool:
        """Whether a name or attribute is read (not assigned, nor a keyword or attribute name)."""
        parent = self.parent(node)
        if isinstance(parent, cst.Attribute):
            return parent.value is node
        if isinstance(parent, (cst.AssignTarget, cst.AnnAssign, cst.AugAssign)):
            return parent.target is not node
        if isinstance(parent, cst.Arg):
            return parent.keyword is not node
        if isinstance(parent, cst.Param):
            return parent.default is node  # a default value is read where the def runs
        return not isinstance(parent, (cst.AsName, cst.FunctionDef, cst.ClassDef, cst.ImportAlias))

    def bound_names(self) -> set[str]:
        """Every name assigned or read in any scope of the module."""
        names = {name.value for name in self._reads}
        for scope in self._scopes:
            names.update(scope.bindings)
        return names | self._left_out if self._left_out else names

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
        result = frozenset(renames.normalize(b + suffix) for b in self._head_names(head, depth))
        self._memo[node] = result
        return result

    def _head_names(self, head: cst.Name, depth: int) -> set[str]:
        assignments = self.bindings(head)
        names: set[str] = set()
        for binding in assignments:
            if binding.kind == IMPORT:
                full = import_binding(binding.node, head.value)
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
                return set()  # a parameter, a def, a loop variable, a builtin: not ours
            names.add(full)
        return names

    def _assigned_value(self, target: cst.CSTNode) -> cst.BaseExpression | None:
        assign_target = self.parent(target)
        assign = self.parent(assign_target) if isinstance(assign_target, cst.AssignTarget) else None
        return assign.value if isinstance(assign, cst.Assign) else None

    def lookup(self, node: cst.CSTNode) -> Ref | None:
        """The table entry ``node`` refers to, or ``None`` when it is not (exactly) one of ours.

        The answer's ``here`` says whether the reference must be rewritten at this node (it is
        reached through ``tf.`` or another prefix) or is fixed by rewriting the import or
        assignment that binds its first name.
        """
        names = self.qualified_names(node)
        if len(names) != 1:
            return None
        ref = classify(next(iter(names)))
        if ref is None:
            return None
        if ref.kind == refs.OTHER and isinstance(node, cst.Attribute):
            return ref.at(True)  # `rnn.static_rnn`: never in the runtime, whatever `rnn` is
        head, _ = chain_parts(node)  # type: ignore[misc]
        return ref.at(self._rewrite_here(head))

    def _rewrite_here(self, head: cst.Name) -> bool:
        head_names = self.qualified_names(head)
        if len(head_names) != 1:
            return False
        head_ref = classify(next(iter(head_names)))
        if head_ref is None:
            return True  # `tf`, `tensorflow.contrib`, ...: a prefix of ours
        if head_ref.kind == refs.CELL_MODULE:
            return not self.binding_rewritable(head)
        return False

    # -- cell modules: may a binding of one become the runtime's rnn_cell? -------------------
    def binding_rewritable(self, name: cst.Name) -> bool:
        """Whether every use of the cell-module name ``name`` is a name the runtime provides."""
        return self.scope(name) is not None and all(self._uses_ok(a) for a in self.bindings(name))

    def bindings(self, name: cst.Name) -> list[Binding]:
        """The bindings the read ``name`` may refer to: the one a module-level read certainly
        sees (``rnn_cell = rnn_cell.BasicRNNCell(n)`` reads the import, later lines the cell),
        else every binding of the name in its scope."""
        known = self._read_bindings.get(name)
        if known is not None:
            return known
        scope = self.scope(name)
        return scope[name.value] if scope is not None else []

    def import_binding_rewritable(self, statement: cst.CSTNode, bound: str) -> bool:
        """Like :meth:`binding_rewritable`, for the name ``bound`` an import statement binds."""
        scope = self.scope(statement)
        if scope is None:
            return False
        own = [b for b in scope[bound] if b.kind == IMPORT and b.node is statement]
        return all(self._uses_ok(binding) for binding in own)

    def _uses_ok(self, binding: Binding) -> bool:
        for read in binding.references:
            parent = self.parent(read)
            if isinstance(parent, cst.Attribute) and parent.value is read:
                if parent.attr.value not in PROVIDED:
                    return False
            elif not self.is_getattr_target(read):
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

    def import_guarded(self, statement: cst.CSTNode, bound: str | None) -> bool:
        """Whether an import sits in a ``try`` body whose handler catches its ``ImportError`` and
        binds the name ``bound`` again (``None``: a star import, any such handler).

        ``try: from tensorflow.models.rnn.translate import data_utils`` / ``except ImportError:
        import data_utils`` runs on TF 2: the removed module is only a first choice.
        """
        child, node = statement, self.parent(statement)
        while node is not None and not isinstance(node, (cst.FunctionDef, cst.Module)):
            if isinstance(node, cst.Try) and node.body is child:
                for handler in node.handlers:
                    if _catches_import_error(handler) and (
                        bound is None or self._binds_within(statement, bound, handler)
                    ):
                        return True
            child, node = node, self.parent(node)
        return False

    def _binds_within(self, statement: cst.CSTNode, bound: str, block: cst.CSTNode) -> bool:
        scope = self.scope(statement)
        for binding in scope[bound] if scope is not None else ():
            node: cst.CSTNode | None = binding.node
            while node is not None and node is not block:
                node = self.parent(node)
            if node is block:
                return True
        return False

    # -- monkeypatches and stand-ins ----------------------------------------------------------
    def patches_tensorflow(self, target: cst.BaseExpression) -> bool:
        """Whether an assignment target is an attribute of the TensorFlow module tree."""
        if not isinstance(target, cst.Attribute):
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
                for node in cst.matchers.findall(self.module, cst.matchers.Assign())
                if isinstance(node, cst.Assign)
                for target in node.targets
                if self.patches_tensorflow(target.target)
                and (ref := self._only_ref(target.target)) is not None
                and ref.kind == refs.REMOVED
            }
        return name in self._patched_removed

    def monkeypatch(self, assign: cst.Assign) -> tuple[str, Ref] | None:
        """Whether ``assign`` monkeypatches a TensorFlow name the rewrite sends to the runtime.

        ``None`` when it does not (a target outside TensorFlow, or one the table does not know,
        such as ``tf.nn.rnn = tf.contrib.rnn.static_rnn``: the statement stays). Otherwise the
        verdict and the target's reference: :data:`DEAD_PATCH` when the value is the TF1
        equivalent of the target (``tf.nn.seq2seq = tf.contrib.legacy_seq2seq``,
        ``tf.nn.rnn_cell.GRUCell = tf.contrib.rnn.GRUCell``) or already its runtime object, so the rewritten uses no longer need
        the patch; :data:`CONFLICTING_PATCH` when the value is anything else, which the rewritten
        uses of the target would silently stop seeing.
        """
        targets = [target.target for target in assign.targets]
        if not all(self.patches_tensorflow(target) for target in targets):
            return None
        target_refs = [patched_ref(self._only_ref(target)) for target in targets]
        known = [ref for ref in target_refs if ref is not None]
        if not known:
            return None
        value_names = self.qualified_names(assign.value)
        value_ref = self._only_ref(assign.value)
        value_key = _equivalence(value_ref) if value_ref is not None else None
        for ref in target_refs:
            if ref is None or ref.target is None:
                return CONFLICTING_PATCH, known[0]
            if value_names != {ref.target} and _equivalence(ref) != value_key:
                return CONFLICTING_PATCH, ref  # neither the TF1 twin nor the runtime object
        return DEAD_PATCH, known[0]

    def _only_ref(self, node: cst.BaseExpression) -> Ref | None:
        names = self.qualified_names(node)
        return classify(next(iter(names))) if len(names) == 1 else None

    def unsupported_stand_in(self, call: cst.Call) -> str | None:
        """The TF1 cell named by ``rnn_cell.unsupported("NASCell")`` in migrated code, if it is one."""
        if renames.RUNTIME_UNSUPPORTED not in self.qualified_names(call.func):
            return None
        first = call.args[0].value if call.args else None
        if isinstance(first, cst.SimpleString) and isinstance(first.evaluated_value, str):
            return first.evaluated_value
        return renames.UNSUPPORTED_CELL_FACTORY

    # -- names rewritten code can use ---------------------------------------------------------
    def top_level_binding(self, module: str) -> str | None:
        """A name bound once, by a top-level import, to ``module`` once the file is rewritten."""
        wanted = {module, renames.LEGACY} if module == renames.RUNTIME_SEQ2SEQ else {module}
        for name, full, statement in self._top_level_imports():
            normalized = renames.normalize(full)
            if normalized in wanted:
                return name
            if (
                module == renames.RUNTIME_RNN_CELL
                and renames.is_cell_module(normalized)
                and self.import_binding_rewritable(statement, name)
            ):
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
        """(name, dotted name, statement) of names bound only by one top-level import."""
        found = []
        module_scope = self._scopes[0]
        local = self._scopes[1:]
        for name, bindings in module_scope.bindings.items():
            if len(bindings) != 1 or bindings[0].kind != IMPORT:
                continue
            statement = bindings[0].node
            if not self._is_top_level(statement) or any(name in s.bindings for s in local):
                continue
            full = import_binding(statement, name)
            if full is not None:
                found.append((name, full, statement))
        return found

    def _is_top_level(self, statement: cst.CSTNode) -> bool:
        return isinstance(self.parent(self.parent(statement)), cst.Module)


def _equivalence(ref: Ref) -> tuple[str, str, str] | None:
    """What a reference becomes once rewritten; equal for two names of the same TF1 object."""
    if ref.target is None:
        return None
    return (
        ref.kind,
        ref.target,
        ref.name.rpartition(".")[2] if ref.kind == refs.UNSUPPORTED_CELL else "",
    )


_IMPORT_ERROR_CATCHERS = frozenset(
    {"ImportError", "ModuleNotFoundError", "Exception", "BaseException"}
)


def _catches_import_error(handler: cst.ExceptHandler) -> bool:
    """Whether ``except ...:`` catches an ``ImportError`` (bare, or by one of its base classes)."""
    if handler.type is None:
        return True
    types = handler.type.elements if isinstance(handler.type, cst.Tuple) else [handler.type]
    for item in types:
        value = item.value if isinstance(item, cst.Element) else item
        if isinstance(value, cst.Name) and value.value in _IMPORT_ERROR_CATCHERS:
            return True
    return False
