"""Import statements: where legacy_seq2seq or a cell is imported, only the import changes.

``from tensorflow.contrib import legacy_seq2seq as s`` becomes
``from legacy2tf2.runtime import legacy_seq2seq as s``; a name bound by the import keeps its
spelling (``from tensorflow.python.ops import seq2seq`` becomes
``from legacy2tf2.runtime import legacy_seq2seq as seq2seq``). A statement that also imports
names that stay (``from tensorflow.contrib import rnn, legacy_seq2seq``) is split in two.
A cell module (``from tensorflow.contrib import rnn``) is redirected only when every use of it is
a name the runtime provides; otherwise its uses are rewritten one by one (``references.py``).
An imported TF1 cell the runtime lacks is bound to its stand-in instead
(``from tensorflow.contrib.rnn import NASCell`` becomes
``from legacy2tf2.runtime.rnn_cell import unsupported`` and ``NASCell = unsupported("NASCell")``);
imports of modules TensorFlow removed before TF 2 are reported (L2T006) and kept.
"""

from __future__ import annotations

import libcst as cst
import libcst.helpers

from legacy2tf2.migrator import refs, renames
from legacy2tf2.migrator.findings import REMOVED_MODULE, UNSAFE_REFERENCE, UNSUPPORTED_CELL
from legacy2tf2.migrator.refs import dotted
from legacy2tf2.migrator.scopes import IMPORT
from legacy2tf2.migrator.transforms.shared import (
    Shared,
    removed_message,
    unsupported_cell_message,
)

# (module to import from, name to import, name it must bind)
_Plan = tuple[str, str, str]
#: The module of a plan that binds the runtime's stand-in for an unsupported cell instead.
_STAND_IN = ""


class RewriteImports(Shared):
    """Redirect imports of legacy_seq2seq, its functions and the TF1 cells to the runtime."""

    DESCRIPTION = (
        "from tensorflow.contrib import legacy_seq2seq -> from legacy2tf2.runtime import ..."
    )

    def leave_SimpleStatementLine(
        self, original_node: cst.SimpleStatementLine, updated_node: cst.SimpleStatementLine
    ) -> cst.BaseStatement | cst.FlattenSentinel[cst.BaseStatement]:
        """Rewrite the import statements of one line, splitting them when needed."""
        smalls: list[cst.BaseSmallStatement] = []
        changed = False
        for original, small in zip(original_node.body, updated_node.body, strict=True):
            if self.is_dropped(original):
                parts: list[cst.BaseSmallStatement] | None = []
            elif isinstance(original, (cst.Import, cst.ImportFrom)):
                parts = self._rewrite(original)
            else:
                parts = None
            changed |= parts is not None
            smalls.extend(parts if parts is not None else [small])
        if not changed:
            return updated_node
        self.edited = True
        if not smalls:
            if any(self.is_dropped(small) for small in original_node.body):
                return self.placeholder(updated_node.leading_lines)
            return cst.RemoveFromParent()
        if len(updated_node.body) == 1:
            first = updated_node.with_changes(body=[smalls[0]])
            rest = [cst.SimpleStatementLine(body=[small]) for small in smalls[1:]]
            return cst.FlattenSentinel([first, *rest]) if rest else first
        joined = [
            small.with_changes(semicolon=cst.Semicolon(whitespace_after=cst.SimpleWhitespace(" ")))
            if i < len(smalls) - 1 and not isinstance(small.semicolon, cst.Semicolon)
            else small
            for i, small in enumerate(smalls)
        ]
        return updated_node.with_changes(body=joined)

    def _rewrite(
        self, statement: cst.Import | cst.ImportFrom
    ) -> list[cst.BaseSmallStatement] | None:
        if isinstance(statement, cst.Import):
            return self._rewrite_import(statement)
        if statement.relative or statement.module is None:
            return None
        module = libcst.helpers.get_full_name_for_node(statement.module) or ""
        if isinstance(statement.names, cst.ImportStar):
            ref = refs.classify(renames.normalize(module))
            if ref is not None and ref.kind == refs.REMOVED:
                if not self.resolver.import_guarded(statement, None):
                    self.report(statement, REMOVED_MODULE, removed_message(module, ref))
            elif ref is not None:
                self.report(statement, UNSAFE_REFERENCE, star_import_message(module))
            return None
        plans = [self._plan_from(statement, module, alias) for alias in statement.names]
        if all(plan is None for plan in plans):
            return None
        kept = [alias for alias, plan in zip(statement.names, plans, strict=True) if plan is None]
        groups: dict[str, list[tuple[cst.ImportAlias, _Plan]]] = {}
        stand_ins: list[cst.BaseSmallStatement] = []
        for alias, plan in zip(statement.names, plans, strict=True):
            if plan is not None and plan[0] == _STAND_IN:
                factory = self._stand_in_factory()
                if not stand_ins:
                    groups.setdefault(renames.RUNTIME_RNN_CELL, []).append(
                        (
                            alias,
                            (renames.RUNTIME_RNN_CELL, renames.UNSUPPORTED_CELL_FACTORY, factory),
                        )
                    )
                stand_ins.append(_stand_in(factory, plan))
            elif plan is not None:
                groups.setdefault(plan[0], []).append((alias, plan))
        if not kept and len(groups) == 1 and not stand_ins:
            ((target, pairs),) = groups.items()
            return [
                statement.with_changes(
                    module=dotted(target), names=[_retarget(a, p) for a, p in pairs]
                )
            ]
        parts: list[cst.BaseSmallStatement] = []
        if kept:
            last = kept[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
            parts.append(statement.with_changes(names=[*kept[:-1], last]))
        for target, pairs in groups.items():
            names = [_fresh_alias(plan) for _, plan in pairs]
            names = [
                n.with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
                for n in names[:-1]
            ] + names[-1:]
            parts.append(cst.ImportFrom(module=dotted(target), names=names))
        return parts + stand_ins

    def _report_kept_cell_module(
        self, alias: cst.ImportAlias, statement: cst.CSTNode, bound: str, code: str, ref: refs.Ref
    ) -> None:
        """L2T006 for a kept import of a cell module TF 2 cannot import (TF 0.x's
        ``tensorflow.models.rnn.rnn_cell``): the import alone stops the program."""
        advice = renames.REMOVED_CELL_MODULES.get(ref.name)
        if advice is not None and not self.resolver.import_guarded(statement, bound):
            message = kept_cell_module_message(code, advice)
            # moot where every use is rewritten after all (`rnn_cell.linear` beside its cells)
            self.report_if_import_kept(statement, bound, alias, REMOVED_MODULE, message)

    def _stand_in_factory(self) -> str:
        """The name this file imports the runtime's ``unsupported`` under, next to its use."""
        if renames.RUNTIME_UNSUPPORTED not in self._local_names:
            name = renames.UNSUPPORTED_CELL_FACTORY
            self._local_names[renames.RUNTIME_UNSUPPORTED] = self._fresh(name, "l2t_" + name)
        return self._local_names[renames.RUNTIME_UNSUPPORTED]

    def _plan_from(
        self, statement: cst.ImportFrom, module: str, alias: cst.ImportAlias
    ) -> _Plan | None:
        name = alias.evaluated_name
        bound = alias.evaluated_alias or name
        ref = refs.classify(renames.normalize(f"{module}.{name}"))
        if ref is None:
            return None
        if ref.kind == refs.UNKNOWN:
            self.report(alias, UNSAFE_REFERENCE, not_legacy_name_message(f"{module}.{name}"))
            return None
        if ref.kind == refs.UNSUPPORTED_CELL:
            self.report(alias, UNSUPPORTED_CELL, unsupported_cell_message(name))
            return _STAND_IN, name, bound
        if ref.kind == refs.REMOVED:
            if not self.resolver.import_guarded(statement, bound):
                self.report(alias, REMOVED_MODULE, removed_message(f"{module}.{name}", ref))
            return None
        if ref.kind == refs.CELL_MODULE and not self.resolver.import_binding_rewritable(
            statement, bound
        ):
            self._report_kept_cell_module(alias, statement, bound, f"{module}.{name}", ref)
            return None
        target_module, _, target_name = (ref.target or "").rpartition(".")
        return target_module, target_name, bound

    def _rewrite_import(self, statement: cst.Import) -> list[cst.BaseSmallStatement] | None:
        names: list[cst.ImportAlias | None] = list(statement.names)
        changed = False
        for i, alias in enumerate(names):
            full = alias.evaluated_name
            ref = refs.classify(renames.normalize(full))
            if ref is None:
                continue
            if ref.kind == refs.UNKNOWN:
                self.report(alias, UNSAFE_REFERENCE, never_existed_message(full))
                continue
            if ref.kind == refs.REMOVED:
                if not self.resolver.import_guarded(statement, refs.bound_name(alias)):
                    self.report(alias, REMOVED_MODULE, removed_message(full, ref))
                continue
            if ref.kind not in (refs.MODULE, refs.CELL_MODULE):
                continue
            if alias.asname is None:
                # `import tensorflow.contrib.legacy_seq2seq` binds `tensorflow`; its uses are
                # rewritten where they appear, so keep only `import tensorflow` (if still used).
                top = full.split(".")[0]
                names[i] = self._plain_import(statement, alias, top)
                changed = True
            elif ref.kind == refs.MODULE or self.resolver.import_binding_rewritable(
                statement, alias.evaluated_alias or ""
            ):
                names[i] = alias.with_changes(name=dotted(ref.target or ""))
                changed = True
            else:
                self._report_kept_cell_module(
                    alias, statement, alias.evaluated_alias or "", full, ref
                )
        if not changed:
            return None
        kept = [name for name in names if name is not None]
        if not kept:
            return []
        kept[-1] = kept[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
        return [statement.with_changes(names=kept)]

    def _plain_import(
        self, statement: cst.Import, alias: cst.ImportAlias, top: str
    ) -> cst.ImportAlias | None:
        scope = self.resolver.scope(statement)
        bindings = scope[top] if scope is not None else set()
        if any(b.kind == IMPORT and b.node is not statement for b in bindings):
            return None  # another `import tensorflow` already binds the name
        for binding in bindings:
            if binding.kind == IMPORT:
                self.forget_assignment_if_unused(binding)
        return alias.with_changes(name=cst.Name(top))


def star_import_message(module: str) -> str:
    """The L2T003 message of ``from module import *`` of a module the rewrite acts on."""
    return f"`from {module} import *` cannot be rewritten safely; import the names you use"


def not_legacy_name_message(name: str) -> str:
    """The L2T003 message of ``from <legacy_seq2seq> import <not one of its names>``."""
    return f"`{name}` is not a name of legacy_seq2seq; left untouched"


def never_existed_message(name: str) -> str:
    """The L2T003 message of ``import <legacy_seq2seq path that never existed>``."""
    return f"`{name}` never existed in TensorFlow; left untouched"


def kept_cell_module_message(code: str, advice: str) -> str:
    """The L2T006 message of a kept import ``code`` of a cell module TF 2 cannot import."""
    return f"`{code}`: {advice}; left untouched"


def _retarget(alias: cst.ImportAlias, plan: _Plan) -> cst.ImportAlias:
    _, name, bound = plan
    if alias.evaluated_name != name:
        alias = alias.with_changes(name=cst.Name(name))
    if bound == name:
        return alias.with_changes(asname=None)
    if alias.evaluated_alias == bound:
        return alias
    return alias.with_changes(asname=cst.AsName(cst.Name(bound)))


def _fresh_alias(plan: _Plan) -> cst.ImportAlias:
    _, name, bound = plan
    asname = None if bound == name else cst.AsName(cst.Name(bound))
    return cst.ImportAlias(name=cst.Name(name), asname=asname)


def _stand_in(factory: str, plan: _Plan) -> cst.Assign:
    """``NASCell = unsupported("NASCell")`` for an imported unsupported cell."""
    _, name, bound = plan
    return cst.Assign(
        targets=[cst.AssignTarget(cst.Name(bound))],
        value=cst.Call(cst.Name(factory), args=[cst.Arg(cst.SimpleString(f'"{name}"'))]),
    )
