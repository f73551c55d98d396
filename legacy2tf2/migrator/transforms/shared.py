"""State and services every rewrite concern shares: resolver, findings, names, new imports.

Per-file state lives in plain attributes reset in ``visit_Module``.
"""

from __future__ import annotations

from collections.abc import Sequence

import libcst as cst

from legacy2tf2.migrator import renames
from legacy2tf2.migrator.refs import Ref, bound_name, dotted
from legacy2tf2.migrator.resolve import Resolver
from legacy2tf2.migrator.scopes import IMPORT, Binding

_RUNTIME_MODULES = (
    renames.RUNTIME_SEQ2SEQ,
    renames.RUNTIME_RNN_CELL,
    renames.RUNTIME_LAYERS_V1,
    *renames.CONTRIB_RUNTIME_MODULES,
)


class Shared(cst.CSTTransformer):
    """Base of the rewrite: one :class:`Resolver` per file and the edits it schedules.

    A plain ``CSTTransformer`` rather than a ``VisitorBasedCodemodCommand``: the codemod
    framework copies the tree and resolves metadata again for every helper pass, which made a
    rewrite several times slower; unused imports are removed here from the same scope data.
    """

    def __init__(self, resolver: Resolver) -> None:
        super().__init__()
        self.resolver = resolver

    def visit_Module(self, node: cst.Module) -> bool:
        """Reset per-file state."""
        self.findings: list[tuple[int, int, str, str]] = []
        self._local_names: dict[str, str] = {}
        self._new_imports: list[cst.SimpleStatementLine] = []
        self._top_index = {stmt: i for i, stmt in enumerate(node.body)}
        self._first_use: int | None = None
        self._sizes: dict[int, int] = {}
        self._taken: set[str] | None = None
        self._unused_candidates: list[Binding] = []
        self._replaced_heads: set[cst.Name] = set()
        self._reused: set[str] = set()  # import bindings new code reads: never dropped
        self._dropped: set[cst.CSTNode] = set()  # original small statements to remove
        self._placeholders: set[cst.CSTNode] = set()  # `pass` lines standing for removed ones
        # findings on a kept import that stand only if the import is still there at the end
        self._if_import_kept: list[tuple[cst.CSTNode, str, cst.CSTNode, str, str]] = []
        self.edited = False  # whether any edit was made: the caller skips printing otherwise
        return True

    # -- findings ---------------------------------------------------------------------------
    def report(self, node: cst.CSTNode, code: str, message: str) -> None:
        """Record a finding at the start of ``node`` (original tree)."""
        line, col = self.resolver.position(node)
        self.findings.append((line, col, code, message))

    def report_if_import_kept(
        self, statement: cst.CSTNode, bound: str, node: cst.CSTNode, code: str, message: str
    ) -> None:
        """Like :meth:`report`, for a finding about the import ``statement`` binding ``bound``
        that is moot where the rewrite of every use drops that import as unused."""
        self._if_import_kept.append((statement, bound, node, code, message))

    def _report_kept_imports(self) -> None:
        unused = self._unused_imports()
        for statement, bound, node, code, message in self._if_import_kept:
            line = self.resolver.parent(statement)
            if bound not in unused.get(self._top_index.get(line, -1), set()):
                self.report(node, code, message)

    # -- names for the runtime modules and tf.compat.v1 -------------------------------------
    def expression_for(self, target: str, use: cst.CSTNode) -> cst.BaseExpression:
        """The expression rewritten code uses for ``target``, scheduling its import if needed."""
        self._note_use(use)
        for module in _RUNTIME_MODULES:
            if target == module or target.startswith(module + "."):
                local = self._local_name(module)
                return dotted(local + target[len(module) :])
        rest = target[len(renames.COMPAT_V1) :]
        return dotted(self._tf_prefix() + rest)

    def _local_name(self, module: str) -> str:
        if module not in self._local_names:
            reuse = self.resolver.top_level_binding(module)
            if reuse is not None:
                self._reused.add(reuse)
                self._local_names[module] = reuse
            else:
                package, _, name = module.rpartition(".")
                local = self._fresh(name, "l2t_" + name)
                self._add_import(
                    cst.ImportFrom(
                        module=dotted(package),
                        names=[cst.ImportAlias(cst.Name(name), _as(local, name))],
                    )
                )
                self._local_names[module] = local
        return self._local_names[module]

    def _tf_prefix(self) -> str:
        if renames.COMPAT_V1 not in self._local_names:
            prefix = self.resolver.tf_prefix()
            if prefix is not None:
                self._reused.add(prefix.split(".")[0])
            else:
                local = self._fresh("tf", renames.TF)
                self._add_import(
                    cst.Import(names=[cst.ImportAlias(dotted(renames.TF), _as(local, renames.TF))])
                )
                prefix = f"{local}.compat.v1"
            self._local_names[renames.COMPAT_V1] = prefix
        return self._local_names[renames.COMPAT_V1]

    def _fresh(self, *candidates: str) -> str:
        if self._taken is None:
            self._taken = self.resolver.bound_names()
        for candidate in candidates:
            if candidate not in self._taken:
                self._taken.add(candidate)
                return candidate
        base, n = candidates[-1], 2
        while f"{base}_{n}" in self._taken:
            n += 1
        self._taken.add(f"{base}_{n}")
        return f"{base}_{n}"

    def _add_import(self, statement: cst.BaseSmallStatement) -> None:
        self._new_imports.append(cst.SimpleStatementLine(body=[statement]))

    def _note_use(self, node: cst.CSTNode) -> None:
        top = node
        while top is not None and top not in self._top_index:
            top = self.resolver.parent(top)
        if top is not None:
            index = self._top_index[top]
            self._first_use = index if self._first_use is None else min(self._first_use, index)

    def forget_binding_if_unused(self, head: cst.Name) -> None:
        """``head`` is gone from the code; drop its top-level import if nothing else uses it."""
        self._replaced_heads.add(head)
        scope = self.resolver.scope(head)
        for binding in scope[head.value] if scope is not None else ():
            if binding.kind == IMPORT:
                self._unused_candidates.append(binding)

    def forget_assignment_if_unused(self, binding: Binding) -> None:
        """Drop the import ``binding`` at the end if every use of it was rewritten."""
        self._unused_candidates.append(binding)

    # -- removing whole statements (dead monkeypatches) ----------------------------------------
    def drop_statement(self, node: cst.BaseSmallStatement) -> None:
        """Remove the small statement ``node`` (original tree) from the rewritten file."""
        self._dropped.add(node)
        self.edited = True

    def is_dropped(self, node: cst.CSTNode) -> bool:
        """Whether :meth:`drop_statement` was called for ``node``."""
        return node in self._dropped

    def placeholder(self, leading_lines: Sequence[cst.EmptyLine]) -> cst.SimpleStatementLine:
        """A ``pass`` line standing for a removed statement until its block is left.

        The block then drops it, moving its leading comments to the next statement, or keeps it
        when the block would otherwise be empty.
        """
        line = cst.SimpleStatementLine(body=[cst.Pass()], leading_lines=leading_lines)
        self._placeholders.add(line)
        return line

    def leave_IndentedBlock(
        self, original_node: cst.IndentedBlock, updated_node: cst.IndentedBlock
    ) -> cst.IndentedBlock:
        """Drop the placeholders of removed statements; keep one ``pass`` if nothing is left."""
        if not self._placeholders:
            return updated_node
        body, carry = self._without_placeholders(updated_node.body)
        if not body:
            return updated_node.with_changes(body=[updated_node.body[0]])
        if len(body) == len(updated_node.body):
            return updated_node
        return updated_node.with_changes(body=body, footer=(*carry, *updated_node.footer))

    def _without_placeholders(
        self, statements: Sequence[cst.BaseStatement]
    ) -> tuple[list[cst.BaseStatement], tuple[cst.EmptyLine, ...]]:
        """``statements`` without placeholders, and the leading lines left after the last one."""
        kept: list[cst.BaseStatement] = []
        carry: tuple[cst.EmptyLine, ...] = ()
        for statement in statements:
            if statement in self._placeholders:
                carry = (*carry, *_detached(statement.leading_lines))
                continue
            if carry:
                statement = statement.with_changes(
                    leading_lines=_merge_lines(carry, statement.leading_lines)
                )
                carry = ()
            kept.append(statement)
        return kept, carry

    def on_visit(self, node: cst.CSTNode) -> bool:
        """Visit only subtrees that hold an import or a name resolving to TensorFlow."""
        if node not in self.resolver.relevant and not isinstance(node, cst.Module):
            return False
        return super().on_visit(node)

    def on_leave(self, original_node: cst.CSTNode, updated_node: cst.CSTNode):  # type: ignore[override]
        """Run the ``leave_`` hook; remember how many statements each top-level one became."""
        if original_node not in self.resolver.relevant and not isinstance(
            original_node, cst.Module
        ):
            return updated_node
        result = super().on_leave(original_node, updated_node)
        index = self._top_index.get(original_node) if hasattr(self, "_top_index") else None
        if index is not None:
            if isinstance(result, cst.FlattenSentinel):
                self._sizes[index] = len(result.nodes)
            elif isinstance(result, cst.RemovalSentinel):
                self._sizes[index] = 0
        return result

    # -- placing the new imports --------------------------------------------------------------
    def leave_Module(self, original_node: cst.Module, updated_node: cst.Module) -> cst.Module:
        """Drop imports left unused; insert new ones after the last import before their first use."""
        self._report_kept_imports()
        module = self._with_imports_placed(original_node, updated_node)
        if not self._placeholders:
            return module
        body, carry = self._without_placeholders(module.body)
        return module.with_changes(body=body, footer=(*carry, *module.footer))

    def _with_imports_placed(
        self, original_node: cst.Module, updated_node: cst.Module
    ) -> cst.Module:
        unused = self._unused_imports()
        if not unused and not self._new_imports:
            return updated_node
        self.edited = True
        groups: list[list[cst.BaseStatement]] = []
        position = 0
        for index in range(len(original_node.body)):
            size = self._sizes.get(index, 1)
            groups.append(list(updated_node.body[position : position + size]))
            position += size
        footer = updated_node.footer
        carry: tuple[cst.EmptyLine, ...] = ()
        for index, group in enumerate(groups):
            kept: list[cst.BaseStatement] = []
            for stmt in group:
                if index in unused and isinstance(stmt, cst.SimpleStatementLine):
                    original_line = stmt
                    stmt = _without_bindings(stmt, unused[index])
                    if stmt is None:
                        carry = (*carry, *original_line.leading_lines)
                        continue
                if carry:
                    stmt = stmt.with_changes(leading_lines=(*carry, *stmt.leading_lines))
                    carry = ()
                kept.append(stmt)
            groups[index] = kept
        if carry:
            footer = (*carry, *footer)
        anchor = self._anchor(original_node)
        if anchor < 0:
            groups.insert(0, list(self._new_imports))
        else:
            groups[anchor].extend(self._new_imports)
        body = [stmt for group in groups for stmt in group]
        return updated_node.with_changes(body=body, footer=footer)

    def _anchor(self, module: cst.Module) -> int:
        limit = len(module.body) if self._first_use is None else self._first_use
        anchor = -1
        for i, stmt in enumerate(module.body[:limit]):
            if isinstance(stmt, (cst.FunctionDef, cst.ClassDef)):
                break
            if _is_import_line(stmt) or _is_docstring(stmt, i):
                anchor = i
        return anchor

    def _unused_imports(self) -> dict[int, set[str]]:
        unused: dict[int, set[str]] = {}
        for assignment in self._unused_candidates:
            line = self.resolver.parent(assignment.node)
            if line not in self._top_index:
                continue
            if assignment.name in self._reused:
                continue
            if all(read in self._replaced_heads for read in assignment.references):
                unused.setdefault(self._top_index[line], set()).add(assignment.name)
        return unused


def _detached(lines: Sequence[cst.EmptyLine]) -> tuple[cst.EmptyLine, ...]:
    """The leading lines of a removed statement without the comment right above it (its own)."""
    end = len(lines)
    while end > 0 and lines[end - 1].comment is not None:
        end -= 1
    return tuple(lines[:end])


def _merge_lines(
    carried: Sequence[cst.EmptyLine], own: Sequence[cst.EmptyLine]
) -> tuple[cst.EmptyLine, ...]:
    """Leading lines of a statement after the one before it was removed.

    Comments before the removed statement's own comment are kept; its blank lines only when the
    statement has none of its own (so removing a statement never adds blank lines).
    """
    if any(line.comment is not None for line in carried) or not own:
        return (*carried, *own)
    return tuple(own)


def _as(local: str, name: str) -> cst.AsName | None:
    return None if local == name else cst.AsName(cst.Name(local))


def _is_import_line(stmt: cst.CSTNode) -> bool:
    return isinstance(stmt, cst.SimpleStatementLine) and all(
        isinstance(small, (cst.Import, cst.ImportFrom)) for small in stmt.body
    )


def _is_docstring(stmt: cst.CSTNode, index: int) -> bool:
    return (
        index == 0
        and isinstance(stmt, cst.SimpleStatementLine)
        and len(stmt.body) == 1
        and isinstance(stmt.body[0], cst.Expr)
        and isinstance(stmt.body[0].value, (cst.SimpleString, cst.ConcatenatedString))
    )


def _without_bindings(
    line: cst.SimpleStatementLine, names: set[str]
) -> cst.SimpleStatementLine | None:
    """``line`` without the import aliases binding ``names``; ``None`` when nothing is left."""
    smalls: list[cst.BaseSmallStatement] = []
    for small in line.body:
        if isinstance(small, (cst.Import, cst.ImportFrom)) and not isinstance(
            small.names, cst.ImportStar
        ):
            aliases = [a for a in small.names if bound_name(a) not in names]
            if not aliases:
                continue
            if len(aliases) != len(small.names):
                aliases[-1] = aliases[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
                small = small.with_changes(names=aliases)
        smalls.append(small)
    if not smalls:
        return None
    smalls[-1] = smalls[-1].with_changes(semicolon=cst.MaybeSentinel.DEFAULT)
    return line.with_changes(body=smalls)


def leading_positional(call: cst.Call) -> int:
    """How many positional arguments lead ``call`` (up to its first keyword or ``*``/``**``)."""
    for count, arg in enumerate(call.args):
        if arg.keyword is not None or arg.star:
            return count
    return len(call.args)


def unsupported_cell_message(name: str) -> str:
    """The L2T002 message of a rewrite that replaced a TF1 cell the runtime lacks."""
    return (
        f"`{name}` is a TF1 cell that Keras 3 no longer provides and legacy2tf2.runtime does not "
        f'implement; it became rnn_cell.unsupported("{name}"), which raises UnsupportedCellError '
        "where such a cell is built: replace it by hand"
    )


def removed_message(code: str, ref: Ref) -> str:
    """The L2T006 message for ``code``, a use of a module TensorFlow removed before TF 2."""
    return f"`{code}`: {renames.removed_module_advice(ref.name)}; left untouched"
