"""References reached through a prefix: ``tf.contrib.legacy_seq2seq.f``, ``tf.nn.rnn_cell.GRUCell``.

The attribute chain is replaced by ``legacy_seq2seq.f`` / ``rnn_cell.GRUCell`` (or the
``tf.compat.v1.nn`` home of ``static_rnn`` and friends) wherever it appears: called, passed as a
value, inside a lambda or ``functools.partial``, or as the first argument of ``getattr``.
References whose first name is bound by an import or an assignment are left alone: rewriting
that binding is enough (see ``imports.py`` and the assignment case below).
"""

from __future__ import annotations

import libcst as cst

from legacy2tf2.migrator import refs, renames
from legacy2tf2.migrator.refs import Ref
from legacy2tf2.migrator.transforms.shared import Shared


class RewriteReferences(Shared):
    """``<prefix>.<legacy name>`` -> ``<runtime module>.<name>``; unknown names reported."""

    DESCRIPTION = (
        "tf.contrib.legacy_seq2seq.f / tf.contrib.rnn.GRUCell -> runtime module references"
    )

    def visit_Module(self, node: cst.Module) -> bool:
        """Reset the replacements of this file."""
        super().visit_Module(node)
        self._replacements: dict[cst.CSTNode, cst.BaseExpression] = {}
        return True

    def visit_Import(self, node: cst.Import) -> bool:
        """Imports are the business of ``imports.py``."""
        return False

    def visit_ImportFrom(self, node: cst.ImportFrom) -> bool:
        """Imports are the business of ``imports.py``."""
        return False

    def visit_Attribute(self, node: cst.Attribute) -> bool:
        """Claim the outermost chain that is ours; descend otherwise."""
        if not self.resolver.is_load(node):
            return True
        ref = self.resolver.lookup(node)
        if ref is None:
            return True
        self._handle(ref, node)
        return False

    def visit_Name(self, node: cst.Name) -> None:
        """A bare name: ours only when it refers to a module used as a value."""
        if self.resolver.is_load(node):
            ref = self.resolver.lookup(node)
            if ref is not None:
                self._handle(ref, node)

    def leave_Attribute(
        self, original_node: cst.Attribute, updated_node: cst.Attribute
    ) -> cst.BaseExpression:
        """Swap in the replacement chosen in ``visit_Attribute``."""
        return self._replacements.get(original_node, updated_node)

    def leave_Name(self, original_node: cst.Name, updated_node: cst.Name) -> cst.BaseExpression:
        """Swap in the replacement chosen in ``visit_Name``."""
        return self._replacements.get(original_node, updated_node)

    def _handle(self, ref: Ref, node: cst.CSTNode) -> None:
        if ref.kind in (refs.UNKNOWN, refs.UNSUPPORTED_CELL) and isinstance(node, cst.Name):
            return  # reported where the name is bound
        if ref.kind == refs.UNKNOWN:
            self.report(node, "L2T003", _unknown_message(ref.name))
            return
        if ref.kind == refs.UNSUPPORTED_CELL:
            name = ref.name.rpartition(".")[2]
            self.report(
                node,
                "L2T002",
                f"`{name}` is a TF1 cell that Keras 3 no longer provides and legacy2tf2.runtime "
                "does not implement; left untouched: replace it by hand",
            )
            return
        if not ref.here or ref.target is None:
            return
        if ref.kind == refs.CELL_MODULE and not self._cell_module_value_ok(node):
            self.report(
                node,
                "L2T003",
                f"`{ref.name}` is used as a value; only its cells have a runtime equivalent, "
                "so this use is left untouched",
            )
            return
        self._replacements[node] = self.expression_for(ref.target, node)
        self.edited = True
        head = refs.chain_parts(node)
        if head is not None:
            self.forget_binding_if_unused(head[0])

    def _cell_module_value_ok(self, node: cst.CSTNode) -> bool:
        """A cell module as a value is replaceable in ``getattr(m, name)`` and in an alias."""
        if self.resolver.is_getattr_target(node):
            return True
        parent = self.resolver.parent(node)
        if not isinstance(parent, cst.Assign) or parent.value is not node:
            return False
        for target in parent.targets:
            name = target.target
            if isinstance(name, cst.Attribute) and self._patches_tensorflow(name):
                continue  # monkeypatch `tf.nn.rnn_cell = tf.contrib.rnn`: its uses are rewritten
            if not (isinstance(name, cst.Name) and self.resolver.binding_rewritable(name)):
                return False
        return True

    def _patches_tensorflow(self, target: cst.Attribute) -> bool:
        names = self.resolver.qualified_names(target)
        return bool(names) and all(name.startswith(renames.TF + ".") for name in names)


def _unknown_message(name: str) -> str:
    module, _, last = name.rpartition(".")
    if module == renames.LEGACY:
        return (
            f"legacy_seq2seq has no `{last}`; left untouched (the runtime provides only the "
            "names of the TF1 module)"
        )
    return f"`{name}` never existed in TensorFlow; left untouched"
