"""What ``legacy2tf2 check`` reports: every TensorFlow 1 reference TensorFlow 2 cannot run.

- L2T001: any ``tf.contrib`` use (every contrib module, not only legacy_seq2seq) and the pre-1.0
  paths of legacy_seq2seq (``tf.nn.seq2seq``, ``tensorflow.python.ops.seq2seq``, ...);
- L2T002: every TF1 cell class Keras 3 no longer provides (also ``tf.compat.v1.nn.rnn_cell.*``);
- L2T003: references that cannot be rewritten safely (unknown names, imports by string);
- L2T006: modules TensorFlow removed before TF 2 (``tensorflow.models.*``, ...), with advice;
- L2T007: monkeypatches of a rewritten TensorFlow name with something else than its TF1 twin.
- L2T021: every name of TF1's ``tf.layers`` (``tf.compat.v1.layers``), gone with Keras 3.

Migrated code is checked like any other: ``rnn_cell.unsupported("NASCell")``, the stand-in the
rewrite leaves for a cell the runtime lacks, is L2T002, since the branch building it raises.

Imports are reported where they import; attribute chains where they appear; a bare name bound by a
reported import is not reported again.
"""

from __future__ import annotations

import libcst as cst
import libcst.helpers

from legacy2tf2.migrator import refs, renames
from legacy2tf2.migrator.findings import (
    CONTRIB,
    MISSING_TF_NAME,
    MONKEYPATCH,
    REMOVED_MODULE,
    UNSAFE_REFERENCE,
    UNSUPPORTED_CELL,
)
from legacy2tf2.migrator.resolve import CONFLICTING_PATCH, Resolver
from legacy2tf2.migrator.transforms.monkeypatches import conflicting_patch_message

_IMPORTERS = frozenset({"importlib.import_module", "importlib.__import__"})


class FindLeftovers(cst.CSTVisitor):
    """Collects (line, col, code, message) for each leftover; run on the resolver's tree."""

    def __init__(self, resolver: Resolver) -> None:
        super().__init__()
        self.resolver = resolver
        self.findings: list[tuple[int, int, str, str]] = []

    def _report(self, node: cst.CSTNode, finding: tuple[str, str] | None) -> bool:
        if finding is None:
            return False
        line, col = self.resolver.position(node)
        self.findings.append((line, col, *finding))
        return True

    def _report_import(
        self, node: cst.CSTNode, statement: cst.CSTNode, finding: tuple[str, str] | None
    ) -> None:
        bound = refs.bound_name(node) if isinstance(node, cst.ImportAlias) else None
        if (
            finding is not None
            and finding[0] == REMOVED_MODULE
            and self.resolver.import_guarded(statement, bound)
        ):
            return  # `try: <removed module> except ImportError: <fallback>` runs on TF 2
        self._report(node, finding)

    def visit_Import(self, node: cst.Import) -> bool:
        """Report each imported legacy module."""
        for alias in node.names:
            self._report_import(alias, node, leftover(alias.evaluated_name, alias.evaluated_name))
        return False

    def visit_ImportFrom(self, node: cst.ImportFrom) -> bool:
        """Report each imported legacy name (or the star import of a legacy module)."""
        if node.relative or node.module is None:
            return False
        module = libcst.helpers.get_full_name_for_node(node.module) or ""
        if isinstance(node.names, cst.ImportStar):
            self._report_import(node, node, leftover(module, f"from {module} import *"))
            return False
        for alias in node.names:
            full = f"{module}.{alias.evaluated_name}"
            self._report_import(alias, node, leftover(full, full))
        return False

    def on_visit(self, node: cst.CSTNode) -> bool:
        """Visit only subtrees that hold an import or a name resolving to TensorFlow."""
        if node not in self.resolver.relevant and not isinstance(node, cst.Module):
            return False
        return super().on_visit(node)

    def visit_Attribute(self, node: cst.Attribute) -> bool:
        """Report the outermost chain that is a leftover."""
        if not self.resolver.is_load(node):
            return True
        names = self.resolver.qualified_names(node)
        for name in sorted(names):
            finding = leftover(name, name)
            if finding is not None and not (
                finding[0] == REMOVED_MODULE
                and (len(names) > 1 or self.resolver.patches_removed(renames.normalize(name)))
            ):
                code = cst.Module([]).code_for_node(node)
                self._report(node, leftover(name, code))
                return False
        return True

    def visit_Assign(self, node: cst.Assign) -> None:
        """Report a monkeypatch the rewritten uses of its target would not see (L2T007)."""
        verdict = self.resolver.monkeypatch(node)
        if verdict is not None and verdict[0] == CONFLICTING_PATCH:
            self._report(node, (MONKEYPATCH, conflicting_patch_message(node, verdict[1])))

    def visit_Call(self, node: cst.Call) -> None:
        """Report ``importlib.import_module("tensorflow.contrib...")``, ``__import__`` and the
        stand-in of an unsupported cell."""
        cell = self.resolver.unsupported_stand_in(node)
        if cell is not None:
            self._report(
                node,
                (
                    UNSUPPORTED_CELL,
                    f'`unsupported("{cell}")`: TF1 cell `{cell}` is not available with Keras 3 and '
                    "legacy2tf2.runtime does not implement it: building it raises "
                    "UnsupportedCellError; replace it by hand",
                ),
            )
            return
        func = node.func
        importer = (isinstance(func, cst.Name) and func.value == "__import__") or bool(
            self.resolver.qualified_names(func) & _IMPORTERS
        )
        if not importer or not node.args or not isinstance(node.args[0].value, cst.SimpleString):
            return
        module = node.args[0].value.evaluated_value
        if isinstance(module, str) and leftover(module, module) is not None:
            self._report(
                node,
                (
                    UNSAFE_REFERENCE,
                    f"`{module}` is imported by a string; cannot be rewritten safely",
                ),
            )


def leftover(name: str, code: str) -> tuple[str, str] | None:
    """The (code, message) ``check`` reports for the qualified name ``name``, or ``None``."""
    normalized = renames.normalize(name)
    ref = refs.classify(normalized)
    kind = ref.kind if ref is not None else None
    short = normalized.rpartition(".")[2]
    if kind == refs.CELL:
        return UNSUPPORTED_CELL, (
            f"`{code}`: TF1 cell `{short}` is not available with Keras 3; "
            f"`legacy2tf2 rewrite` moves it to {renames.RUNTIME_RNN_CELL}.{short}"
        )
    if kind == refs.UNSUPPORTED_CELL:
        return UNSUPPORTED_CELL, (
            f"`{code}`: TF1 cell `{short}` is not available with Keras 3 and legacy2tf2.runtime "
            "does not implement it; replace it by hand"
        )
    if kind == refs.UNKNOWN:
        return (
            UNSAFE_REFERENCE,
            f"`{code}` is not a name legacy_seq2seq ever had; cannot be rewritten",
        )
    if kind == refs.REMOVED:
        return REMOVED_MODULE, f"`{code}`: {renames.removed_module_advice(normalized)}"
    if kind == refs.CELL_MODULE and normalized in renames.REMOVED_CELL_MODULES:
        return REMOVED_MODULE, f"`{code}`: {renames.REMOVED_CELL_MODULES[normalized]}"
    if normalized in renames.RNN_LINEAR:
        return MISSING_TF_NAME, (
            f"`{code}`: TF1's linear helper of rnn_cell is gone in TF 2; "
            f"`legacy2tf2 rewrite` moves it to {renames.RNN_LINEAR[normalized]}"
        )
    if kind == refs.LAYER and not normalized.startswith(renames.CONTRIB + "."):
        return MISSING_TF_NAME, (
            f"`{code}`: TF1's layers API is not available with Keras 3; "
            f"`legacy2tf2 rewrite` moves it to {renames.RUNTIME_LAYERS_V1}.{short}"
        )
    if renames.is_removed_layers_name(normalized):
        return MISSING_TF_NAME, (
            f"`{code}`: TF1's layers API is not available with Keras 3 and legacy2tf2.runtime "
            "does not provide this name; replace it by hand (e.g. with a Keras layer)"
        )
    if kind in (refs.MODULE, refs.FUNCTION):
        return (
            CONTRIB,
            f"`{code}`: legacy_seq2seq is gone in TensorFlow 2; run `legacy2tf2 rewrite`",
        )
    if normalized == renames.CONTRIB or normalized.startswith(renames.CONTRIB + "."):
        hint = "; run `legacy2tf2 rewrite`" if kind in (refs.OTHER, refs.LAYER) else ""
        return CONTRIB, f"`{code}`: tf.contrib is gone in TensorFlow 2{hint}"
    return None
