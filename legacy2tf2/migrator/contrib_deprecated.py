"""``tf.contrib.deprecated``'s summary ops on TF 2 (a ``--full`` step, before TensorFlow's upgrader).

TF 1.0 moved ``tf.scalar_summary`` and its siblings to ``tf.summary.*`` and kept the old ops, tag
and all, as ``tf.contrib.deprecated.scalar_summary``, ``histogram_summary``, ``image_summary``,
``audio_summary``, ``merge_summary`` and ``merge_all_summaries`` ("Non-core alias for the
deprecated tf.X_summary ops", tensorflow/contrib/deprecated/__init__.py, TF 1.0-1.15). Programs
ported from TF 0.12 imported them so. TF 2 has no ``tf.contrib``: the import stops the program.

They are the pre-1.0 ops, so they take the pre-1.0 path
(:mod:`legacy2tf2.migrator.tf1_summaries`): ``tf.contrib.deprecated.scalar_summary(...)`` becomes
``tf.scalar_summary(...)``, which that step moves to ``tf.compat.v1.summary.scalar`` (keywords
renamed, calls whose arguments mean something else left and reported). A module-level ``from
tensorflow.contrib.deprecated import scalar_summary, ...`` becomes ``from
tensorflow.compat.v1.summary import scalar as scalar_summary, ...`` on its line when every use of
those names is a call whose arguments mean the same there (positional, at most as many as both
take alike, no ``name=``, one tag); otherwise it is left, and reported as a missing name (L2T021).
As with every pre-1.0 summary, the tag now gets the enclosing name scope as prefix (TF 1.x's
``tf.summary`` behaviour); the values written are the same.
"""

from __future__ import annotations

import libcst as cst
from libcst.metadata import (
    ParentNodeProvider,
    PositionProvider,
    QualifiedNameProvider,
    ScopeProvider,
)

from legacy2tf2.migrator import analysis
from legacy2tf2.migrator.findings import SUMMARY_MOVED
from legacy2tf2.migrator.tf1_summaries import PRE_1_0, SummaryTransformer

Change = tuple[int, int, str, str]

_MODULE = "tensorflow.contrib.deprecated"
#: The summary ops ``tf.contrib.deprecated`` kept, as in :data:`PRE_1_0`.
_OPS = frozenset(name for name in PRE_1_0 if "." not in name)


class _ContribDeprecated(cst.CSTTransformer):
    METADATA_DEPENDENCIES = (
        QualifiedNameProvider,
        PositionProvider,
        ScopeProvider,
        ParentNodeProvider,
    )

    def __init__(self) -> None:
        super().__init__()
        self.changes: list[Change] = []
        self._imports: set[cst.ImportFrom] = set()

    def _note(self, node: cst.CSTNode, message: str) -> None:
        start = self.get_metadata(PositionProvider, node).start
        self.changes.append((start.line, start.column + 1, SUMMARY_MOVED, message))

    def visit_Module(self, node: cst.Module) -> None:
        for statement in node.body:
            if isinstance(statement, cst.SimpleStatementLine):
                for small in statement.body:
                    if isinstance(small, cst.ImportFrom) and self._importable(small):
                        self._imports.add(small)

    def _importable(self, node: cst.ImportFrom) -> bool:
        """Whether every name ``node`` imports from ``tensorflow.contrib.deprecated`` is an op
        called only with arguments that mean the same in ``tf.compat.v1.summary``."""
        if node.module is None or cst.helpers.get_full_name_for_node(node.module) != _MODULE:
            return False
        if node.relative or isinstance(node.names, cst.ImportStar):
            return False
        scope = self.get_metadata(ScopeProvider, node, None)
        if scope is None:
            return False
        for alias in node.names:
            if not isinstance(alias.name, cst.Name) or alias.name.value not in _OPS:
                return False
            local = alias.evaluated_alias or alias.name.value
            spec = PRE_1_0[alias.name.value]
            for assignment in scope.assignments[local]:
                for access in getattr(assignment, "references", ()):
                    call = self._call_of(access.node)
                    if call is None or any(
                        a.keyword is not None and a.keyword.value in spec.keywords
                        for a in call.args
                    ):
                        return False
                    if SummaryTransformer._pre_1_0_problem(call, spec) is not None:
                        return False
        return True

    def _call_of(self, name: cst.CSTNode) -> cst.Call | None:
        """The call whose function ``name`` is, or None."""
        parent = self.get_metadata(ParentNodeProvider, name, None)
        return parent if isinstance(parent, cst.Call) and parent.func is name else None

    def leave_ImportFrom(
        self, original_node: cst.ImportFrom, updated_node: cst.ImportFrom
    ) -> cst.ImportFrom:
        if original_node not in self._imports:
            return updated_node
        names = []
        for alias in updated_node.names:  # type: ignore[union-attr]
            old = alias.name.value  # type: ignore[union-attr]
            new = PRE_1_0[old].new.split(".", 1)[1]
            local = alias.evaluated_alias or old
            names.append(
                alias.with_changes(name=cst.Name(new), asname=cst.AsName(name=cst.Name(local)))
            )
            tag = " (the tag now gets the enclosing name scope as prefix, as in TF 1.x)"
            self._note(
                original_node,
                f"tf.contrib.deprecated.{old} (the pre-1.0 tf.{old}) -> "
                f"tf.compat.v1.summary.{new}, imported as {local}"
                + (tag if PRE_1_0[old].tagged else ""),
            )
        module = cst.parse_expression("tensorflow.compat.v1.summary")
        return updated_node.with_changes(module=module, names=names)

    def leave_Attribute(
        self, original_node: cst.Attribute, updated_node: cst.Attribute
    ) -> cst.BaseExpression:
        names = {q.name for q in self.get_metadata(QualifiedNameProvider, original_node, set())}
        if len(names) != 1:
            return updated_node
        (name,) = names
        op = name[len(_MODULE) + 1 :]
        if not name.startswith(_MODULE + ".") or op not in _OPS:
            return updated_node
        dotted = cst.helpers.get_full_name_for_node(original_node)
        suffix = f".contrib.deprecated.{op}"
        if dotted is None or not dotted.endswith(suffix):
            return updated_node
        head = dotted[: -len(suffix)]
        self._note(original_node, f"{dotted} -> {head}.{op}: the pre-1.0 op it was")
        return cst.parse_expression(f"{head}.{op}")


def fix_contrib_deprecated(module: cst.Module) -> tuple[cst.Module, list[Change]]:
    """``tf.contrib.deprecated``'s summary ops as the pre-1.0 ops they were (lines kept).

    Returns:
        The new module and its changes, (line, col, code, message), positioned in ``module``.
    """
    if "contrib.deprecated" not in module.code:
        return module, []
    transformer = _ContribDeprecated()
    new = analysis.wrapper(module).visit(transformer)
    return new, sorted(transformer.changes)
