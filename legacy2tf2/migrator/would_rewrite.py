"""What ``legacy2tf2 rewrite`` would answer for one source, told over Python's ``ast``.

``rewrite --check`` needs two things from the rewrite: whether the file would change, and the
findings it would print. This module answers both from the
:class:`~legacy2tf2.migrator.locate.AstResolver` of the source, without libcst's parse, scope
analysis and printing: it takes the decisions of the rewrite's concerns
(:mod:`legacy2tf2.migrator.transforms`) in the same order over the same relevant nodes, through
the same table (:func:`~legacy2tf2.migrator.refs.classify`), the same resolution rules and the same
message builders, and it edits nothing.

Every edit of the rewrite changes the printed bytes, and the edits modelled here always print a
source Python parses (a dotted name or a ``rnn_cell.unsupported("...")`` call in place of a read,
a redirected import, an argument dropped or a keyword added), so the rewrite's internal error for
an output that does not compile cannot happen on the files answered here. Wherever that, or the
answer itself, is not certain, :class:`~legacy2tf2.migrator.locate.Fallback` is raised and the
caller runs the rewrite itself: a monkeypatch of a TensorFlow name with another value than its
TF1 twin (reported with its code as libcst prints it), the stand-in of an unsupported cell, an import by string, a ``global``/``nonlocal`` of a name bound
to something of ours, anything to report or edit inside an f-string, an import the rewrite would
touch that shares its line with a compound statement's header, a keyword to add to a call with a
generator argument, a reported expression in parentheses, and a file whose TensorFlow version the
ast pass cannot tell (:mod:`legacy2tf2.migrator.era_ast`).
"""

from __future__ import annotations

import ast

from legacy2tf2.migrator import cell_uses, era, era_ast, refs, renames
from legacy2tf2.migrator.era import EraReport
from legacy2tf2.migrator.findings import (
    CELL_ARGUMENT_AMBIGUOUS,
    CELL_INPUT_SIZE,
    PRE_1_0_CALL,
    REMOVED_MODULE,
    REPEATED_CELLS,
    SEQUENCE_LOSS_ARG,
    SWAPPED_ARGUMENTS,
    UNSAFE_REFERENCE,
    UNSUPPORTED_CELL,
)
from legacy2tf2.migrator.locate import (
    ASSIGN,
    DEAD_PATCH,
    IMPORT,
    OTHER,
    PROVIDED,
    AstResolver,
    Fallback,
    bound_name,
    chain_parts,
    child_nodes,
)
from legacy2tf2.migrator.refs import Ref, classify
from legacy2tf2.migrator.transforms import (
    cell_input_size,
    imports,
    loss_order,
    one2many_form,
    positional_slots,
    repeated_cells,
)
from legacy2tf2.migrator.transforms.calls import KEEP as KEEP_FOURTH
from legacy2tf2.migrator.transforms.calls import REPORT as REPORT_FOURTH
from legacy2tf2.migrator.transforms.calls import (
    fourth_argument_action,
    fourth_argument_message,
    shifted_arguments_message,
)
from legacy2tf2.migrator.transforms.references import cell_module_message, unknown_message
from legacy2tf2.migrator.transforms.shared import removed_message, unsupported_cell_message

RawFinding = tuple[int, int, str, str]

_BUILTIN_IMPORTERS = frozenset({"__import__"})
_IMPORTERS = frozenset({"importlib.import_module", "importlib.__import__"})
_ARITHMETIC = (ast.Add, ast.Sub, ast.Mult, ast.Div, ast.FloorDiv, ast.Mod, ast.Pow)
_COPY_ERAS = repeated_cells._COPY_ERAS
_INPUT_SIZE_ERAS = cell_input_size._INPUT_SIZE_ERAS
_REPEATED, _DISTINCT, _UNKNOWN = repeated_cells.REPEATED, repeated_cells.DISTINCT, "unknown"
_SCOPE_NODES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda, ast.Module)
_INPUT_SIZE, _NEW_MEANING = cell_input_size.INPUT_SIZE, cell_input_size.NEW_MEANING


def answer(resolver: AstResolver) -> tuple[bool, list[RawFinding]]:
    """Whether the rewrite changes the resolver's module, and its findings (unsorted).

    Raises:
        Fallback: where this pass cannot give the rewrite's answer exactly (module docstring).
    """
    star = _star_tf(resolver)
    if not resolver.may_rewrite():
        return False, star
    _refuse_declared_names(resolver)
    preview = _Preview(resolver)
    preview.run()
    return preview.changed, preview.findings + star


def _star_tf(resolver: AstResolver) -> list[RawFinding]:
    """TF1 code read through a ``tf`` only a star import binds (:mod:`.star_tf`), which the
    rewrite reports as ``check`` does (``engine._with_star_tf``)."""
    if b"import *" not in resolver.source:
        return []
    from legacy2tf2.migrator.star_tf import star_tf_findings

    return star_tf_findings(resolver.tree, resolver.source)


def _refuse_declared_names(resolver: AstResolver) -> None:
    """libcst visits the names of ``global``/``nonlocal`` as reads; ``ast`` has no node there."""
    for scope in resolver.scopes:
        for name in scope.declared_global | scope.declared_nonlocal:
            for other in resolver.scopes:
                if any(b.kind != OTHER for b in other.bindings.get(name, ())):
                    raise Fallback("global or nonlocal of an imported or assigned name")


class _Preview:
    """One pass over the relevant nodes, as :class:`.transforms.RewriteLegacySeq2Seq` visits them."""

    def __init__(self, resolver: AstResolver) -> None:
        self.r = resolver
        self.changed = False
        self.findings: list[RawFinding] = []
        self._era: EraReport | None = None
        self._later: dict[int, list[cell_uses.LaterUse]] | None = None

    def run(self) -> None:
        r = self.r
        relevant = r.relevant
        stack: list[tuple[ast.AST, bool]] = [(r.tree, False)]
        while stack:
            node, in_fstring = stack.pop()
            cls = type(node)
            if cls is ast.Import or cls is ast.ImportFrom:
                self._import(node)  # type: ignore[arg-type]
                continue
            if cls is ast.Name:
                if r.is_load(node):
                    ref = self.lookup(node)
                    if ref is not None:
                        self._handle(ref, node, in_fstring)
                continue
            children = [c for c in child_nodes(node) if c in relevant]
            if cls is ast.Attribute:
                if r.is_load(node):
                    ref = self.lookup(node)
                    if ref is not None:
                        self._handle(ref, node, in_fstring)
                        continue
            elif cls is ast.Assign:
                verdict = r.monkeypatch(node)  # type: ignore[arg-type]
                if verdict is not None and verdict[0] == DEAD_PATCH:
                    self.changed = True  # removed (a block left empty gets `pass`)
                    continue
                if verdict is not None:
                    raise Fallback("conflicting monkeypatch")
                targets = node.targets  # type: ignore[attr-defined]
                children = [
                    c
                    for c in children
                    if not (any(c is t for t in targets) and r.patches_tensorflow(c))
                ]
            elif cls is ast.Call:
                self._call(node, in_fstring)  # type: ignore[arg-type]
            inside = in_fstring or cls is ast.JoinedStr
            children.reverse()
            stack.extend((child, inside) for child in children)

    # -- reporting ------------------------------------------------------------------------------
    def _report(self, node: ast.AST, code: str, message: str, bare: ast.AST | None) -> None:
        """A finding at the start of ``node``; ``bare``: the expression there, which must have no
        parentheses of its own (libcst's position would include them)."""
        if bare is not None:
            _require_bare(self.r, bare)
        line, col = self.r.position(node)
        self.findings.append((line, col, code, message))

    def _era_report(self) -> EraReport:
        if self._era is None:
            self._era = era_ast.detect(self.r)
        return self._era

    # -- resolution (:meth:`.resolve.Resolver.lookup` and friends) ---------------------------------
    def lookup(self, node: ast.AST) -> Ref | None:
        """The table entry ``node`` refers to, with ``here`` as :mod:`.resolve` sets it."""
        ref = self.r.only_ref(node)
        if ref is None:
            return None
        if ref.kind == refs.OTHER and type(node) is ast.Attribute:
            return ref.at(True)
        parts = chain_parts(node)
        return ref.at(self._rewrite_here(parts[0]))  # type: ignore[index]

    def _rewrite_here(self, head: ast.Name) -> bool:
        if len(self.r.qualified_names(head)) != 1:
            return False
        head_ref = self.r.only_ref(head)
        if head_ref is None:
            return True
        if head_ref.kind == refs.CELL_MODULE:
            return not self._binding_rewritable(head)
        return False

    def _binding_rewritable(self, name: ast.Name) -> bool:
        scope = self.r.scope_of.get(name)
        if scope is None:
            return False
        bindings = self.r.read_bindings.get(name) or scope[name.id]
        return all(self._uses_ok(b.references) for b in bindings)

    def _import_binding_rewritable(self, statement: ast.AST, bound: str) -> bool:
        scope = self.r.scope_of.get(statement)
        if scope is None:
            return False
        own = [b for b in scope[bound] if b.kind == IMPORT and b.node is statement]
        return all(self._uses_ok(b.references) for b in own)

    def _uses_ok(self, reads: list[ast.Name]) -> bool:
        for read in reads:
            parent = self.r.parents.get(read)
            if type(parent) is ast.Attribute:
                if parent.attr not in PROVIDED:  # type: ignore[attr-defined]
                    return False
            elif not self._is_getattr_target(read):
                return False
        return True

    def _is_getattr_target(self, node: ast.AST) -> bool:
        """libcst's ``Arg`` holds a ``*`` of its own: ``getattr(*x)`` counts ``x`` as well."""
        parent = self.r.parents.get(node)
        if type(parent) is ast.Starred:
            node, parent = parent, self.r.parents.get(parent)
        return (
            type(parent) is ast.Call
            and type(parent.func) is ast.Name  # type: ignore[attr-defined]
            and parent.func.id == "getattr"  # type: ignore[attr-defined]
            and bool(parent.args)  # type: ignore[attr-defined]
            and parent.args[0] is node  # type: ignore[attr-defined]
        )

    # -- references (:mod:`.transforms.references`) ---------------------------------------------
    def _handle(self, ref: Ref, node: ast.AST, in_fstring: bool) -> None:
        is_name = type(node) is ast.Name
        if ref.kind in (refs.UNKNOWN, refs.UNSUPPORTED_CELL, refs.REMOVED) and is_name:
            return
        if in_fstring:
            raise Fallback("reference inside an f-string")
        if ref.kind == refs.UNKNOWN:
            self._report(node, UNSAFE_REFERENCE, unknown_message(ref.name), node)
            return
        if ref.kind == refs.REMOVED:
            if ref.here and not self.r.patches_removed(ref.name):
                code = self.r.segment(node)
                self._report(node, REMOVED_MODULE, removed_message(code, ref), node)
            return
        if ref.kind == refs.UNSUPPORTED_CELL:
            name = ref.name.rpartition(".")[2]
            self._report(node, UNSUPPORTED_CELL, unsupported_cell_message(name), node)
            if ref.target is not None:
                self.changed = True
            return
        if not ref.here or ref.target is None:
            return
        if ref.kind == refs.CELL_MODULE and not self._cell_module_value_ok(node):
            parent = self.r.parents.get(node)
            attribute = parent.attr if type(parent) is ast.Attribute else None  # type: ignore[attr-defined]
            message = cell_module_message(ref.name, attribute)
            self._report(node, UNSAFE_REFERENCE, message, node)
            return
        self.changed = True

    def _cell_module_value_ok(self, node: ast.AST) -> bool:
        if self._is_getattr_target(node):
            return True
        parent = self.r.parents.get(node)
        if type(parent) is not ast.Assign or parent.value is not node:  # type: ignore[attr-defined]
            return False
        for target in parent.targets:  # type: ignore[attr-defined]
            if self.r.patches_tensorflow(target):
                continue
            if not (type(target) is ast.Name and self._binding_rewritable(target)):
                return False
        return True

    # -- imports (:mod:`.transforms.imports`) ---------------------------------------------------
    def _import(self, statement: ast.Import | ast.ImportFrom) -> None:
        before = (len(self.findings), self.changed)
        if isinstance(statement, ast.Import):
            self._plain_import(statement)
        else:
            self._from_import(statement)
        if (len(self.findings), self.changed) != before and self._in_suite(statement):
            raise Fallback("import on the line of a compound statement")

    def _in_suite(self, statement: ast.AST) -> bool:
        """Whether the statement may follow ``if x:`` on its line (libcst: a suite, whose imports
        the rewrite leaves alone); any code before it on its line counts."""
        if type(self.r.parents.get(statement)) is ast.Module:
            return False
        before = self.r.line(statement.lineno).encode("utf-8")[: statement.col_offset]  # type: ignore[attr-defined]
        return bool(before.strip())

    def _plain_import(self, statement: ast.Import) -> None:
        for alias in statement.names:
            full = alias.name
            ref = classify(renames.normalize(full))
            if ref is None:
                continue
            if ref.kind == refs.UNKNOWN:
                self._report(alias, UNSAFE_REFERENCE, imports.never_existed_message(full), None)
                continue
            if ref.kind == refs.REMOVED:
                if not self.r.import_guarded(statement, bound_name(alias, statement)):
                    self._report(alias, REMOVED_MODULE, removed_message(full, ref), None)
                continue
            if ref.kind not in (refs.MODULE, refs.CELL_MODULE):
                continue
            if (
                alias.asname is None
                or ref.kind == refs.MODULE
                or self._import_binding_rewritable(statement, alias.asname)
            ):
                self.changed = True
            else:
                self._kept_cell_module(alias, statement, alias.asname, full, ref)

    def _from_import(self, statement: ast.ImportFrom) -> None:
        if statement.level or statement.module is None:
            return
        module = statement.module
        if statement.names[0].name == "*":
            ref = classify(renames.normalize(module))
            if ref is not None and ref.kind == refs.REMOVED:
                if not self.r.import_guarded(statement, None):
                    self._report(statement, REMOVED_MODULE, removed_message(module, ref), None)
            elif ref is not None:
                message = imports.star_import_message(module)
                self._report(statement, UNSAFE_REFERENCE, message, None)
            return
        for alias in statement.names:
            name = alias.name
            bound = alias.asname or name
            ref = classify(renames.normalize(f"{module}.{name}"))
            if ref is None:
                continue
            if ref.kind == refs.UNKNOWN:
                message = imports.not_legacy_name_message(f"{module}.{name}")
                self._report(alias, UNSAFE_REFERENCE, message, None)
            elif ref.kind == refs.UNSUPPORTED_CELL:
                self._report(alias, UNSUPPORTED_CELL, unsupported_cell_message(name), None)
                self.changed = True
            elif ref.kind == refs.REMOVED:
                if not self.r.import_guarded(statement, bound):
                    message = removed_message(f"{module}.{name}", ref)
                    self._report(alias, REMOVED_MODULE, message, None)
            elif ref.kind != refs.CELL_MODULE or self._import_binding_rewritable(statement, bound):
                self.changed = True
            else:
                self._kept_cell_module(alias, statement, bound, f"{module}.{name}", ref)

    def _kept_cell_module(
        self, alias: ast.alias, statement: ast.AST, bound: str, code: str, ref: Ref
    ) -> None:
        """A kept import of a cell module TF 2 cannot import (``_report_kept_cell_module``)."""
        advice = renames.REMOVED_CELL_MODULES.get(ref.name)
        if advice is not None and not self.r.import_guarded(statement, bound):
            # the rewrite drops the report where its uses leave the import unused
            raise Fallback("kept import of a removed cell module")

    # -- calls (:mod:`.transforms.calls`, ``repeated_cells``, ``cell_input_size``) ----------------
    def _call(self, call: ast.Call, in_fstring: bool) -> None:
        func = call.func
        if not self.r.qualified_names(func) and not (
            (type(func) is ast.Name and func.id in _BUILTIN_IMPORTERS)
            or (type(func) is ast.Attribute and func.attr == "__init__")
        ):
            return  # every decision below needs the called name resolved (or `X.__init__`)
        if self.r.is_stand_in(call):
            raise Fallback("stand-in of an unsupported cell")
        importer = (type(func) is ast.Name and func.id in _BUILTIN_IMPORTERS) or bool(
            self.r.qualified_names(func) & _IMPORTERS
        )
        if importer and (call.args or call.keywords):
            raise Fallback("import by string")
        before = (len(self.findings), self.changed)
        self._keep_layer_weights(call)
        self._keep_direction_weights(call)
        self._keep_use_weights(call)
        self._drop_input_size(call)
        dropped = 3 if self._fourth_argument(call) else self._bucket_symbols(call)
        self._positional_slots(call)
        self._one2many_form(call)
        self._dropout_seed(call)
        self._state_loss_order(call, dropped)
        if in_fstring and (len(self.findings), self.changed) != before:
            raise Fallback("call rewritten or reported inside an f-string")

    def _keep_layer_weights(self, call: ast.Call) -> None:
        ref = self.lookup(call.func)
        if ref is None or ref.kind != refs.CELL or not ref.name.endswith(".MultiRNNCell"):
            return
        if any(k.arg == repeated_cells.KEYWORD for k in call.keywords):
            return
        cells = _cells_argument(call)
        if cells is None:
            return
        shape = self._repetition(cells, 0)
        if shape == _DISTINCT:
            return
        copy = repeated_cells.copy_weights(self._era_report())
        if copy:
            if any(type(a) is ast.GeneratorExp for a in call.args):
                raise Fallback("keyword added to a call of a generator")
            self.changed = True
            if repeated_cells.copied_on_weak_evidence(self._era_report()):
                evidence = self._era_report().describe()
                message = repeated_cells.weak_layers_message(evidence)
                self._report(call, REPEATED_CELLS, message, call)
        elif copy is None and shape == _REPEATED:
            evidence = self._era_report().describe()
            message = repeated_cells.repeated_cells_message(evidence)
            self._report(call, REPEATED_CELLS, message, call)

    def _new_plain_cell(self, node: ast.AST) -> bool:
        if type(node) is not ast.Call:
            return False
        ref = self.lookup(node.func)  # type: ignore[attr-defined]
        return (
            ref is not None
            and ref.kind == refs.CELL
            and ref.name.rpartition(".")[2] in repeated_cells._PLAIN_CELLS
        )

    def _repetition(self, node: ast.AST, depth: int) -> str:
        cls = type(node)
        if cls is ast.BinOp and type(node.op) is ast.Mult:  # type: ignore[attr-defined]
            if type(node.left) is ast.List or type(node.right) is ast.List:  # type: ignore[attr-defined]
                return _REPEATED
            return _UNKNOWN
        if cls is ast.List or cls is ast.Tuple:
            values = node.elts  # type: ignore[attr-defined]
            if any(type(v) is ast.Starred for v in values):
                return _UNKNOWN
            if values and all(self._new_plain_cell(v) for v in values):
                return _DISTINCT
            if not all(type(v) in (ast.Name, ast.Attribute) for v in values):
                return _UNKNOWN
            for value in values:
                _require_bare(self.r, value)  # libcst compares the code with its parentheses
            names = [self.r.segment(v) for v in values]
            return _REPEATED if len(set(names)) < len(names) else _UNKNOWN
        if cls is ast.ListComp:
            if self._new_plain_cell(node.elt):  # type: ignore[attr-defined]
                return _DISTINCT
            root = _dotted_root(node.elt)  # type: ignore[attr-defined]
            if root is not None and not any(
                root in _names_in(g.target)
                for g in node.generators  # type: ignore[attr-defined]
            ):
                return _REPEATED
            return _UNKNOWN
        if cls is ast.Name and depth < 4:
            scope = self.r.scope_of.get(node)
            bindings = scope[node.id] if scope is not None else []  # type: ignore[attr-defined]
            if len(bindings) != 1 or bindings[0].kind != ASSIGN:
                return _UNKNOWN
            assign = self.r.parents.get(bindings[0].node)
            if type(assign) is ast.Assign:
                value = assign.value  # type: ignore[attr-defined]
                if type(value) is ast.List and not value.elts:
                    return self._appended(bindings[0].references)
                return self._repetition(value, depth + 1)
        return _UNKNOWN

    def _appended(self, reads: list[ast.Name]) -> str:
        """:meth:`.repeated_cells.RewriteRepeatedCells._appended`."""
        parents = self.r.parents
        appended: list[tuple[ast.Call, ast.AST]] = []
        only_appends = True
        for read in reads:
            attr = parents.get(read)
            call = parents.get(attr) if attr is not None else None
            if (
                type(attr) is ast.Attribute
                and attr.attr == "append"  # type: ignore[attr-defined]
                and type(call) is ast.Call
                and call.func is attr  # type: ignore[attr-defined]
                and len(call.args) == 1  # type: ignore[attr-defined]
                and not call.keywords  # type: ignore[attr-defined]
                and type(call.args[0]) is not ast.Starred  # type: ignore[attr-defined]
            ):
                appended.append((call, call.args[0]))  # type: ignore[arg-type, attr-defined]
            elif not self._multi_rnn_cell_argument(read):
                only_appends = False
        if not appended:
            return _UNKNOWN
        names: dict[str, int] = {}
        for call, value in appended:
            if type(value) is not ast.Name:
                continue
            bindings = self._bindings(value)  # type: ignore[arg-type]
            if not bindings:
                continue
            loop = self._enclosing_loop(call)
            if loop is not None and not any(self._inside(b.node, loop) for b in bindings):
                return _REPEATED
            if len(bindings) == 1:
                names[value.id] = names.get(value.id, 0) + 1  # type: ignore[attr-defined]
                if names[value.id] > 1:  # type: ignore[attr-defined]
                    return _REPEATED
        if only_appends and all(self._made_anew(value, call, 0) for call, value in appended):
            return _DISTINCT
        return _UNKNOWN

    def _made_anew(
        self, value: ast.AST, append: ast.Call, depth: int, seen: frozenset = frozenset()
    ) -> bool:
        """:meth:`.repeated_cells.RewriteRepeatedCells._made_anew`."""
        if self._new_plain_cell(value):
            return True
        if type(value) is ast.Call and depth < 8:
            ref = self.lookup(value.func)  # type: ignore[attr-defined]
            is_cell = ref is not None and ref.kind == refs.CELL
            inner = _wrapped_cell(value) if is_cell else None  # type: ignore[arg-type]
            return inner is not None and self._made_anew(inner, append, depth + 1, seen)
        if type(value) is not ast.Name or depth >= 8:
            return False
        loop = self._enclosing_loop(append)
        bindings = self._bindings(value)  # type: ignore[arg-type]
        if loop is None or not bindings:
            return False
        for binding in bindings:
            if binding in seen:
                continue
            assign = self.r.parents.get(binding.node)
            if (
                binding.kind != ASSIGN
                or type(assign) is not ast.Assign
                or not self._inside(binding.node, loop)
                or not self._made_anew(assign.value, append, depth + 1, seen | {binding})  # type: ignore[attr-defined]
            ):
                return False
        return True

    def _bindings(self, name: ast.Name) -> list:
        scope = self.r.scope_of.get(name)
        return list(scope[name.id]) if scope is not None else []

    def _multi_rnn_cell_argument(self, read: ast.Name) -> bool:
        call = self.r.parents.get(read)
        if type(call) is ast.keyword:
            call = self.r.parents.get(call)
        if type(call) is not ast.Call or call.func is read:  # type: ignore[attr-defined]
            return False
        ref = self.lookup(call.func)  # type: ignore[attr-defined]
        return ref is not None and ref.kind == refs.CELL and ref.name.endswith(".MultiRNNCell")

    def _enclosing_loop(self, node: ast.AST) -> ast.AST | None:
        parent = self.r.parents.get(node)
        while parent is not None and type(parent) not in _SCOPE_NODES:
            if type(parent) in (ast.For, ast.AsyncFor, ast.While):
                return parent
            parent = self.r.parents.get(parent)
        return None

    def _inside(self, node: ast.AST | None, ancestor: ast.AST) -> bool:
        while node is not None:
            if node is ancestor:
                return True
            node = self.r.parents.get(node)
        return False

    def _drop_input_size(self, call: ast.Call) -> None:
        func, offset = call.func, 0
        if type(func) is ast.Attribute and func.attr == "__init__":
            func, offset = func.value, 1
        ref = self.lookup(func)
        if ref is None or ref.kind != refs.CELL:
            return
        cell = ref.name.rpartition(".")[2]
        if cell not in cell_input_size.SLOTS:
            return
        for keyword in call.keywords:
            if keyword.arg == cell_input_size.KEYWORD:
                _require_bare(self.r, keyword.value)
                code = "input_size=" + self.r.segment(keyword.value)
                message = cell_input_size.input_size_message(code, cell)
                self._report(keyword, CELL_INPUT_SIZE, message, None)
                self.changed = True
                return
        position = cell_input_size.SLOTS[cell][0] + offset
        leading = call.args[: position + 1]
        if len(leading) <= position or any(type(a) is ast.Starred for a in leading):
            return
        value = leading[position]
        meaning = self._slot_meaning(call, value, cell)
        if meaning == _INPUT_SIZE:
            message = cell_input_size.input_size_message(self._code(value), cell)
            self._report(value, CELL_INPUT_SIZE, message, value)
            self.changed = True
        elif meaning == _UNKNOWN:
            why = cell_input_size.ambiguity_reason(self._era_report())
            message = cell_input_size.ambiguous_message(self._code(value), cell, why)
            self._report(value, CELL_ARGUMENT_AMBIGUOUS, message, value)

    def _code(self, node: ast.AST) -> str:
        _require_bare(self.r, node)
        return self.r.segment(node)

    def _slot_meaning(self, call: ast.Call, value: ast.AST, cell: str) -> str:
        now = cell_input_size.SLOTS[cell][1]
        if _integer_arithmetic(value):
            if now != "activation" and self._era_report().only(_INPUT_SIZE_ERAS) is False:
                return _UNKNOWN
            return _INPUT_SIZE
        if any(k.arg == now for k in call.keywords):
            return _INPUT_SIZE
        if _is_constant(value, None) and now == "state_is_tuple":
            pass
        elif self._not_a_size(value):
            return _NEW_MEANING
        certain = self._era_report().only(_INPUT_SIZE_ERAS)
        if certain is None:
            return _UNKNOWN
        return _INPUT_SIZE if certain else _NEW_MEANING

    def _not_a_size(self, value: ast.AST) -> bool:
        cls = type(value)
        if cls is ast.JoinedStr:
            raise Fallback("f-string in a cell's input_size slot")  # libcst: concatenated or not
        if cls is ast.Constant and (
            value.value is None or type(value.value) in (bool, str, bytes)  # type: ignore[attr-defined]
        ):
            return True
        if cls is ast.Lambda:
            return True
        for name in self.r.qualified_names(value):
            module, _, last = name.rpartition(".")
            if (
                last in cell_input_size._ACTIVATIONS
                and module.split(".")[0] in cell_input_size._ACTIVATION_MODULES
            ):
                return True
        if cls is ast.Name:
            scope = self.r.scope_of.get(value)
            bindings = scope[value.id] if scope is not None else []  # type: ignore[attr-defined]
            return bool(bindings) and all(
                b.kind == OTHER and type(b.node) in (ast.FunctionDef, ast.AsyncFunctionDef)
                for b in bindings
            )
        return False

    def _fourth_argument(self, call: ast.Call) -> bool:
        """Whether the rewrite drops the call's 4th positional argument (reported here)."""
        if len(call.args) + len(call.keywords) < 4:
            return False
        ref = self.lookup(call.func)
        if ref is None or ref.name not in renames.PRE_1_0_FOURTH_ARG:
            return False
        positional = _leading_positional(call)
        if positional < 4:
            return False
        fourth = call.args[3]
        literal: bool | int | None = None
        if type(fourth) is ast.Constant and type(fourth.value) in (bool, int):
            literal = fourth.value
        action = fourth_argument_action(positional, literal, self._era_report)
        if action == KEEP_FOURTH:
            return False
        if action == REPORT_FOURTH:
            message = shifted_arguments_message(self._code(fourth), ref.name)
            self._report(fourth, UNSAFE_REFERENCE, message, fourth)
            return False
        message = fourth_argument_message(self._code(fourth), ref.name)
        self._report(fourth, SEQUENCE_LOSS_ARG, message, fourth)
        self.changed = True
        return True

    def _bucket_symbols(self, call: ast.Call) -> int | None:
        """:meth:`.positional_slots.RewritePositionalSlots.drop_bucket_symbols`: the index of the
        argument it drops, or None."""
        ref = self.lookup(call.func)
        if ref is None or ref.kind != refs.FUNCTION or ref.name != positional_slots.BUCKETS:
            return None
        positional = _leading_positional(call)
        index = positional_slots.BUCKET_SYMBOLS
        if not index < positional <= positional_slots.BUCKET_NAME + 1:
            return None
        value = call.args[index]
        code = self._code(value)
        if not (
            _integer_arithmetic(value) or positional_slots.bucket_symbols_by_name(code, positional)
        ):
            return None
        message = positional_slots.bucket_symbols_message(code)
        self._report(value, SEQUENCE_LOSS_ARG, message, value)
        self.changed = True
        return index

    def _dropout_seed(self, call: ast.Call) -> None:
        """:meth:`.positional_slots.RewritePositionalSlots.keyword_dropout_seed`."""
        ref = self.lookup(call.func)
        if ref is None or ref.kind != refs.CELL or not ref.name.endswith(".DropoutWrapper"):
            return
        if len(call.args) != 4 or any(type(a) is ast.Starred for a in call.args):
            return
        value = call.args[3]
        code = self._code(value)
        integer = (
            value.value
            if type(value) is ast.Constant and type(value.value) is int  # type: ignore[attr-defined]
            else None
        )
        keywords = [k.arg for k in call.keywords if k.arg is not None]
        action = positional_slots.dropout_seed_action(code, integer, keywords, self._era_report)
        if action == positional_slots.REPORT:
            slot = positional_slots.DROPOUT_SEED
            message = positional_slots.slot_message(
                code, "DropoutWrapper", slot, self._era_report()
            )
            self._report(value, UNSAFE_REFERENCE, message, value)
        elif action == positional_slots.SEED:
            message = positional_slots.dropout_seed_message(code)
            self._report(value, PRE_1_0_CALL, message, value)
            self.changed = True

    def _one2many_form(self, call: ast.Call) -> None:
        """:meth:`.one2many_form.RewriteOne2ManyForm.split_one2many_cell`: left to the rewrite."""
        ref = self.lookup(call.func)
        if ref is not None and ref.kind == refs.FUNCTION and ref.name == one2many_form.ONE2MANY:
            raise Fallback("one2many_rnn_seq2seq (its TF 1.0 form is rewritten)")

    def _positional_slots(self, call: ast.Call) -> None:
        """:meth:`.positional_slots.RewritePositionalSlots.check_positional_slots`."""
        ref = self.lookup(call.func)
        slot = positional_slots.slot_for(ref)
        if ref is None or slot is None or len(call.args) <= slot.index:
            return
        leading = call.args[: slot.index + 1]
        if any(type(a) is ast.Starred for a in leading):
            return
        value = leading[slot.index]
        code = self._code(value)
        second = self._code(leading[1])
        keywords = [k.arg for k in call.keywords if k.arg is not None]
        action = positional_slots.slot_action(slot, code, second, keywords, self._era_report)
        if action == positional_slots.REPORT:
            function = ref.name.rpartition(".")[2]
            message = positional_slots.slot_message(code, function, slot, self._era_report())
            self._report(value, UNSAFE_REFERENCE, message, value)

    def _keep_direction_weights(self, call: ast.Call) -> None:
        if not self.r.qualified_names(call.func) & repeated_cells.BIDIRECTIONAL:
            return
        forward = cell_uses.argument(call, 0, "cell_fw")
        backward = cell_uses.argument(call, 1, "cell_bw")
        if forward is None or backward is None or not self._same_object(forward, backward):
            return
        copy = repeated_cells.copy_weights(self._era_report())
        if copy:
            self.changed = True
            if repeated_cells.copied_on_weak_evidence(self._era_report()):
                evidence = self._era_report().describe()
                message = repeated_cells.weak_directions_message(evidence)
                self._report(call, REPEATED_CELLS, message, call)
        elif copy is None:
            evidence = self._era_report().describe()
            message = repeated_cells.shared_directions_message(evidence)
            self._report(call, REPEATED_CELLS, message, call)

    def _keep_use_weights(self, call: ast.Call) -> None:
        """:meth:`.repeated_cells.RewriteRepeatedCells.keep_use_weights`."""
        if cell_uses.function_of(self.r.qualified_names(call.func)) is None:
            return
        if self._later is None:
            self._later = {}
            for use in cell_uses.later_uses(self.r):
                self._later.setdefault(id(use.call), []).append(use)
        here = self._later.get(id(call))
        if not here:
            return
        copy = repeated_cells.copy_weights(self._era_report())
        if copy:
            self.changed = True
            if repeated_cells.copied_on_weak_evidence(self._era_report()):
                evidence = self._era_report().describe()
                message = repeated_cells.later_use_message(here, evidence, weak=True)
                self._report(call, REPEATED_CELLS, message, call)
        elif copy is None:
            evidence = self._era_report().describe()
            message = repeated_cells.later_use_message(here, evidence)
            self._report(call, REPEATED_CELLS, message, call)

    def _same_object(self, first: ast.AST, second: ast.AST) -> bool:
        if not all(type(node) in (ast.Name, ast.Attribute) for node in (first, second)):
            return False
        return self._code(first) == self._code(second)

    def _state_loss_order(self, call: ast.Call, dropped: int | None) -> None:
        ref = self.lookup(call.func)
        if ref is None or ref.kind != refs.FUNCTION or ref.name not in loss_order.FUNCTIONS:
            return
        value = _loss_argument(call, loss_order.FUNCTIONS[ref.name], dropped)
        if value is None:
            return
        functions = self._loss_functions(value, 0)
        if functions == []:
            return
        report = self._era_report()
        pre = report.only([era.PRE_1_0])
        if functions is None:
            if pre is False:
                self.changed = True
            return
        if pre is None:
            if not all(loss_order._names_tell(names) for names in functions):
                message = loss_order.swapped_arguments_message(report.describe())
                self._report(call, SWAPPED_ARGUMENTS, message, call)
            return
        order = loss_order.LOGITS_FIRST if pre else loss_order.LABELS_FIRST
        if not all(loss_order.runtime_order(names) == order for names in functions):
            self.changed = True

    def _loss_functions(self, node: ast.AST, depth: int) -> list[list[str]] | None:
        """:meth:`.loss_order.RewriteLossOrder._functions` over the ast."""
        if type(node) is ast.Lambda:
            names = _positional_names(node.args)  # type: ignore[attr-defined]
            return [] if names is None else [names]
        if depth > loss_order._MAX_DEPTH:
            return None
        if _is_constant(node, None):
            return []
        if type(node) is not ast.Name:
            return None
        scope = self.r.scope_of.get(node)
        bindings = scope[node.id] if scope is not None else []  # type: ignore[attr-defined]
        if not bindings:
            return None
        found: list[list[str]] = []
        for binding in bindings:
            if binding.kind == OTHER and type(binding.node) in (
                ast.FunctionDef,
                ast.AsyncFunctionDef,
            ):
                definition = binding.node
                if type(definition) is ast.AsyncFunctionDef or definition.decorator_list:  # type: ignore[attr-defined]
                    return None
                names = _positional_names(definition.args)  # type: ignore[attr-defined]
                found += [] if names is None else [names]
                continue
            if binding.kind != ASSIGN:
                return None
            assign = self.r.parents.get(binding.node)
            if type(assign) is not ast.Assign:
                return None
            values = self._loss_functions(assign.value, depth + 1)  # type: ignore[attr-defined]
            if values is None:
                return None
            found += values
        return found


def _leading_positional(call: ast.Call) -> int:
    """:func:`.shared.leading_positional` of an ``ast`` call."""
    for count, arg in enumerate(call.args):
        if type(arg) is ast.Starred:
            return count
    return len(call.args)


def _wrapped_cell(call: ast.Call) -> ast.AST | None:
    """:func:`.repeated_cells._wrapped_cell`."""
    for keyword in call.keywords:
        if keyword.arg == "cell":
            return keyword.value
    if call.args and type(call.args[0]) is not ast.Starred:
        return call.args[0]
    return None


def _cells_argument(call: ast.Call) -> ast.AST | None:
    """:func:`.repeated_cells._cells_argument`: a positional argument not starred is first in
    the source (Python accepts no positional argument after a keyword or ``**``)."""
    for keyword in call.keywords:
        if keyword.arg == "cells":
            return keyword.value
    if call.args and type(call.args[0]) is not ast.Starred:
        return call.args[0]
    return None


def _loss_argument(call: ast.Call, position: int, dropped: int | None) -> ast.AST | None:
    """:func:`.loss_order._loss_argument` of the call as the rewrite has it by then (without the
    positional argument of index ``dropped``, if any)."""
    for item in call.keywords:
        if item.arg == loss_order.KEYWORD:
            return item.value
    positional = [a for i, a in enumerate(call.args) if i != dropped]
    leading = positional[: position + 1]
    if len(leading) <= position or any(type(a) is ast.Starred for a in leading):
        return None
    return positional[position]


def _positional_names(arguments: ast.arguments) -> list[str] | None:
    """:func:`.loss_order.positional_names` of ``ast.arguments``."""
    positional = [*arguments.posonlyargs, *arguments.args]
    named = {a.arg for a in (*arguments.args, *arguments.kwonlyargs)}
    takes = all(n in named for n in ("labels", "logits")) or arguments.kwarg is not None
    first_default = len(positional) - len(arguments.defaults)
    required = [
        a.arg
        for i, a in enumerate(positional)
        if i < first_default and a.arg not in ("labels", "logits")
    ] + [
        a.arg
        for a, default in zip(arguments.kwonlyargs, arguments.kw_defaults, strict=True)
        if default is None and a.arg not in ("labels", "logits")
    ]
    if takes and not required:
        return None
    return [a.arg for a in positional]


def _dotted_root(node: ast.AST) -> str | None:
    """:func:`.repeated_cells._dotted_root`."""
    while type(node) is ast.Attribute:
        node = node.value  # type: ignore[attr-defined]
    return node.id if type(node) is ast.Name else None  # type: ignore[attr-defined]


def _names_in(target: ast.AST) -> list[str]:
    if type(target) is ast.Starred:
        target = target.value  # type: ignore[attr-defined]
    if type(target) is ast.Name:
        return [target.id]  # type: ignore[attr-defined]
    if type(target) in (ast.Tuple, ast.List):
        return [n for e in target.elts for n in _names_in(e)]  # type: ignore[attr-defined]
    return []


def _integer_arithmetic(node: ast.AST) -> bool:
    if type(node) is ast.Constant:
        return type(node.value) is int  # type: ignore[attr-defined]
    if type(node) is ast.UnaryOp and type(node.op) in (ast.USub, ast.UAdd):  # type: ignore[attr-defined]
        return _integer_arithmetic(node.operand)  # type: ignore[attr-defined]
    if type(node) is ast.BinOp and isinstance(node.op, _ARITHMETIC):  # type: ignore[attr-defined]
        return _integer_arithmetic(node.left) and _integer_arithmetic(node.right)  # type: ignore[attr-defined]
    return False


def _is_constant(node: ast.AST, value: object) -> bool:
    return type(node) is ast.Constant and node.value is value  # type: ignore[attr-defined]


def _require_bare(resolver: AstResolver, node: ast.AST) -> None:
    """:meth:`.AstResolver.require_bare`, and no second ``(`` before the one it accepts as a
    call's own (``f((x))``: the inner pair is ``x``'s)."""
    resolver.require_bare(node)
    line, col = node.lineno, node.col_offset  # type: ignore[attr-defined]
    before = resolver.line(line).encode("utf-8")[:col].decode("utf-8", "replace")
    while not before.strip(" \t\\\x0c") and line > 1:
        line -= 1
        before = resolver.line(line)
    before = before.rstrip(" \t\\\x0c")
    if before.endswith("(") and before[:-1].rstrip(" \t\\\x0c").endswith("("):
        raise Fallback("parenthesized node")
