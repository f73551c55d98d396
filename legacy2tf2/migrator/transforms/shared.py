"""State and services every rewrite concern shares: resolver, findings, names, new imports.

Per-file state lives in plain attributes reset in ``visit_Module``.
"""

from __future__ import annotations

import libcst as cst
from libcst.codemod import VisitorBasedCodemodCommand
from libcst.codemod.visitors import RemoveImportsVisitor

from legacy2tf2.migrator import renames
from legacy2tf2.migrator.refs import dotted
from legacy2tf2.migrator.resolve import Resolver

_RUNTIME_MODULES = (renames.RUNTIME_SEQ2SEQ, renames.RUNTIME_RNN_CELL)


class Shared(VisitorBasedCodemodCommand):
    """Base of the rewrite: one :class:`Resolver` per file and the edits it schedules."""

    def visit_Module(self, node: cst.Module) -> bool:
        """Resolve the file once; reset per-file state."""
        self.resolver = Resolver.for_wrapper(self.context.wrapper)
        self.findings: list[tuple[int, int, str, str]] = []
        self._local_names: dict[str, str] = {}
        self._new_imports: list[cst.SimpleStatementLine] = []
        self._top_index = {stmt: i for i, stmt in enumerate(node.body)}
        self._first_use: int | None = None
        self._sizes: dict[int, int] = {}
        self._taken: set[str] | None = None
        return True

    # -- findings ---------------------------------------------------------------------------
    def report(self, node: cst.CSTNode, code: str, message: str) -> None:
        """Record a finding at the start of ``node`` (original tree)."""
        line, col = self.resolver.position(node)
        self.findings.append((line, col, code, message))

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
            if prefix is None:
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
        """Schedule removal of the import binding ``head``, kept if still used afterwards."""
        for module, obj, asname in self.resolver.head_imports(head):
            RemoveImportsVisitor.remove_unused_import(self.context, module, obj, asname)

    def on_leave(self, original_node: cst.CSTNode, updated_node: cst.CSTNode):  # type: ignore[override]
        """Run the ``leave_`` hook; remember how many statements each top-level one became."""
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
        """Insert the new imports after the last import that precedes their first use."""
        if not self._new_imports:
            return updated_node
        limit = len(original_node.body) if self._first_use is None else self._first_use
        anchor_index = -1
        for i, stmt in enumerate(original_node.body[:limit]):
            if isinstance(stmt, (cst.FunctionDef, cst.ClassDef)):
                break
            if _is_import_line(stmt) or _is_docstring(stmt, i):
                anchor_index = i
        body = list(updated_node.body)
        position = sum(self._sizes.get(i, 1) for i in range(anchor_index + 1))
        return updated_node.with_changes(body=body[:position] + self._new_imports + body[position:])


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

