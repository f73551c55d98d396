"""Unused imports of ``tf.contrib`` modules (a ``--full`` step): removed, since they only fail.

TF1 programs often import a ``tf.contrib`` module they never use (copied headers:
``from tensorflow.contrib.tensorboard.plugins import projector``, ``import tensorflow.contrib.slim
as slim``). TF 2 has no ``tensorflow.contrib``, so the import alone stops the program, and the
names it binds are never read: removing it changes nothing else. Module-level ``import
tensorflow.contrib.X as Y`` and ``from tensorflow.contrib[.X] import ...`` are handled name by
name: a name read anywhere in the file (a notebook: in any cell) keeps its import, and the rest of
the rewrite or the report deals with it. So is such an import directly in an ``except`` handler,
the fallback of a version shim (``try: linear = rnn_cell_impl._linear`` / ``except
AttributeError: from tensorflow.contrib.rnn.python.ops import core_rnn_cell; linear =
core_rnn_cell._linear``, whose ``_linear`` the rewrite replaced): it runs only when the ``try``
failed, and there it would only fail; an import in a ``try`` body (a probe whose ``ImportError``
the program handles) or a function stays.
"""

from __future__ import annotations

from collections.abc import Callable

import libcst as cst
from libcst.metadata import PositionProvider, ScopeProvider

from legacy2tf2.migrator import analysis
from legacy2tf2.migrator.findings import UNUSED_CONTRIB_IMPORT

#: (line, col, code, message), 1-based, in the input.
Change = tuple[int, int, str, str]

_CONTRIB = "tensorflow.contrib"
#: TF 0.x's ``tensorflow.models`` (``models.rnn``: ``rnn``, ``rnn_cell``, ``seq2seq``, ``linear``),
#: which TF 1.0 removed: like ``tf.contrib``, importing it alone stops the program on TF 2.
_MODELS = "tensorflow.models"


class UnusedImports(cst.CSTTransformer):
    """Drop the never-read names of module-level imports from the modules ``is_target`` accepts.

    ``report(names)`` gives the (code, message) of a removal of ``names`` (their source text).
    """

    METADATA_DEPENDENCIES = (ScopeProvider, PositionProvider)

    def __init__(
        self,
        is_target: Callable[[str | None], bool],
        report: Callable[[str], tuple[str, str]],
        module_report: Callable[[str, str | None], tuple[str, str]] | None = None,
        handlers: bool = False,
    ) -> None:
        super().__init__()
        self.changes: list[Change] = []
        self._depth = 0
        self._is_target = is_target
        self._report = report
        self._module_report = module_report
        #: also the imports directly in an ``except`` handler (a fallback that runs only when
        #: its ``try`` failed): the depth of each enclosing handler's statements
        self._handlers = handlers
        self._handler_depths: list[int] = []

    def visit_ExceptHandler(self, node: cst.ExceptHandler) -> None:
        self._handler_depths.append(self._depth + 1)

    def leave_ExceptHandler(
        self, original_node: cst.ExceptHandler, updated_node: cst.ExceptHandler
    ) -> cst.ExceptHandler:
        self._handler_depths.pop()
        body = updated_node.body
        if isinstance(body, cst.IndentedBlock) and not body.body:  # its only import went
            return updated_node.with_changes(
                body=body.with_changes(body=[cst.SimpleStatementLine([cst.Pass()])])
            )
        return updated_node

    def visit_IndentedBlock(self, node: cst.IndentedBlock) -> None:
        self._depth += 1

    def leave_IndentedBlock(
        self, original_node: cst.IndentedBlock, updated_node: cst.IndentedBlock
    ) -> cst.IndentedBlock:
        self._depth -= 1
        return updated_node

    def _unused(self, alias: cst.ImportAlias, statement: cst.CSTNode) -> bool:
        name = alias.asname.name if alias.asname is not None else alias.name
        if not isinstance(name, cst.Name):
            return False
        scope = self.get_metadata(ScopeProvider, statement, None)
        if scope is None:
            return False
        return not any(
            access for assignment in scope[name.value] for access in assignment.references
        )

    def _keep(
        self, original: cst.Import | cst.ImportFrom, updated: cst.Import | cst.ImportFrom, dotted
    ) -> cst.BaseSmallStatement | cst.RemovalSentinel:
        if isinstance(original.names, cst.ImportStar):
            return updated
        in_handler = bool(self._handler_depths) and self._handler_depths[-1] == self._depth
        if self._depth and not (self._handlers and in_handler):
            return updated
        drop = [
            alias
            for alias in original.names
            if self._is_target(dotted(alias)) and self._unused(alias, original)
        ]
        if not drop:
            return updated
        start = self.get_metadata(PositionProvider, original).start
        names = ", ".join(
            cst.Module([]).code_for_node(a.with_changes(comma=cst.MaybeSentinel.DEFAULT))
            for a in drop
        )
        if self._module_report is not None:
            reported = self._module_report(names, dotted(drop[0]))
        else:
            reported = self._report(names)
        self.changes.append((start.line, start.column + 1, *reported))
        kept = [a for o, a in zip(original.names, updated.names, strict=True) if o not in drop]
        if not kept:
            return cst.RemoveFromParent()
        kept[-1] = kept[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
        return updated.with_changes(names=kept)

    def leave_Import(
        self, original_node: cst.Import, updated_node: cst.Import
    ) -> cst.BaseSmallStatement | cst.RemovalSentinel:
        def dotted(alias: cst.ImportAlias) -> str | None:
            if alias.asname is None:  # `import tensorflow.contrib.x` binds `tensorflow`
                name = cst.helpers.get_full_name_for_node(alias.name)
                return name if name is not None and "." not in name else None
            return cst.helpers.get_full_name_for_node(alias.name)

        return self._keep(original_node, updated_node, dotted)

    def leave_ImportFrom(
        self, original_node: cst.ImportFrom, updated_node: cst.ImportFrom
    ) -> cst.BaseSmallStatement | cst.RemovalSentinel:
        if original_node.relative or original_node.module is None:
            return updated_node
        module = cst.helpers.get_full_name_for_node(original_node.module)

        def dotted(alias: cst.ImportAlias) -> str | None:
            return module

        return self._keep(original_node, updated_node, dotted)


def drop_unused_imports(
    module: cst.Module,
    is_target: Callable[[str | None], bool],
    report: Callable[[str], tuple[str, str]],
    module_report: Callable[[str, str | None], tuple[str, str]] | None = None,
    handlers: bool = False,
) -> tuple[cst.Module, list[Change]]:
    """Remove the names of module-level imports from modules ``is_target`` accepts (the dotted
    module a ``from`` import reads, or the module an ``import`` binds) that the file never reads.
    ``module_report(names, dotted)``, where given, reports a removal instead of ``report``;
    ``handlers``: also such imports directly in an ``except`` handler (``pass`` is left where
    one was the handler's only statement).

    Returns the new module and every removal as (line, col, code, message).
    """
    transformer = UnusedImports(is_target, report, module_report, handlers)
    new = analysis.wrapper(module, unsafe_skip_copy=True).visit(transformer)
    return new, sorted(transformer.changes)


def _contrib_report(names: str) -> tuple[str, str]:
    return (
        UNUSED_CONTRIB_IMPORT,
        f"import of {names}: tf.contrib is gone in TF 2 and the file never uses it; import removed",
    )


def _models_report(names: str) -> tuple[str, str]:
    return (
        UNUSED_CONTRIB_IMPORT,
        f"import of {names}: TF 0.x's tensorflow.models is gone since TF 1.0 and the file never "
        "uses it; import removed",
    )


def drop_unused_contrib_imports(module: cst.Module) -> tuple[cst.Module, list[Change]]:
    """Remove module-level ``tf.contrib`` (and TF 0.x ``tensorflow.models``) imports whose names
    the file never reads.

    Returns the new module and every removal as (line, col, code, message).
    """
    code = module.code
    if _CONTRIB not in code and _MODELS not in code:
        return module, []
    return drop_unused_imports(module, _is_gone, _contrib_report, _gone_report, handlers=True)


def _inside(dotted: str | None, package: str) -> bool:
    return dotted is not None and (dotted == package or dotted.startswith(package + "."))


def _is_gone(dotted: str | None) -> bool:
    return _inside(dotted, _CONTRIB) or _inside(dotted, _MODELS)


def _gone_report(names: str, dotted: str | None) -> tuple[str, str]:
    return _models_report(names) if _inside(dotted, _MODELS) else _contrib_report(names)
