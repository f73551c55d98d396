"""References reached through a prefix: ``tf.contrib.legacy_seq2seq.f``, ``tf.nn.rnn_cell.GRUCell``.

The attribute chain is replaced by ``legacy_seq2seq.f`` / ``rnn_cell.GRUCell`` (or the
``tf.compat.v1.nn`` home of ``static_rnn`` and friends) wherever it appears: called, passed as a
value, inside a lambda or ``functools.partial``, or as the first argument of ``getattr``.
References whose first name is bound by an import or an assignment are left alone: rewriting
that binding is enough (see ``imports.py`` and the assignment case below).

A TF1 cell the runtime lacks (``rnn.NASCell``) becomes ``rnn_cell.unsupported("NASCell")``, a
class that raises where it is built, and stays reported (L2T002); a module TensorFlow removed
before TF 2 (``tensorflow.models.*``) is reported with what to do (L2T006) and left untouched.
Monkeypatches of TensorFlow names are handled by the base class (``monkeypatches.py``).
"""

from __future__ import annotations

import libcst as cst

from legacy2tf2.migrator import refs, renames
from legacy2tf2.migrator.findings import REMOVED_MODULE, UNSAFE_REFERENCE, UNSUPPORTED_CELL
from legacy2tf2.migrator.refs import Ref, dotted
from legacy2tf2.migrator.transforms.monkeypatches import RewriteMonkeypatches
from legacy2tf2.migrator.transforms.shared import removed_message, unsupported_cell_message


class RewriteReferences(RewriteMonkeypatches):
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

    def visit_Call(self, node: cst.Call) -> None:
        """Report the stand-in of an unsupported cell in migrated code: reaching it raises."""
        name = self.resolver.unsupported_stand_in(node)
        if name is not None:
            self.report(node, UNSUPPORTED_CELL, stand_in_message(name))
        super().visit_Call(node)

    def _handle(self, ref: Ref, node: cst.CSTNode) -> None:
        if ref.kind in (refs.UNKNOWN, refs.UNSUPPORTED_CELL, refs.REMOVED) and isinstance(
            node, cst.Name
        ):
            return  # reported (and replaced) where the name is bound
        if ref.kind == refs.UNKNOWN:
            self.report(node, UNSAFE_REFERENCE, unknown_message(ref.name))
            return
        if ref.kind == refs.REMOVED:
            if ref.here and not self.resolver.patches_removed(ref.name):  # else at the import
                code = cst.Module([]).code_for_node(node)
                self.report(node, REMOVED_MODULE, removed_message(code, ref))
            return
        if ref.kind == refs.UNSUPPORTED_CELL:
            self._replace_unsupported(ref, node)
            return
        if not ref.here or ref.target is None:
            return
        if ref.kind == refs.CELL_MODULE and not self._cell_module_value_ok(node):
            self.report(node, UNSAFE_REFERENCE, self._cell_module_message(ref, node))
            return
        self._replacements[node] = self.expression_for(ref.target, node)
        self.edited = True
        head = refs.chain_parts(node)
        if head is not None:
            self.forget_binding_if_unused(head[0])

    def _replace_unsupported(self, ref: Ref, node: cst.CSTNode) -> None:
        """``rnn.NASCell`` -> ``rnn_cell.unsupported("NASCell")``: fails only where it is built."""
        name = ref.name.rpartition(".")[2]
        self.report(node, UNSUPPORTED_CELL, unsupported_cell_message(name))
        parts = refs.chain_parts(node)
        if parts is None or ref.target is None:
            return
        head = parts[0]
        if ref.here:
            factory = self.expression_for(ref.target, node)
            self.forget_binding_if_unused(head)
        else:  # `rnn` is bound to a cell module whose binding becomes the runtime's rnn_cell
            factory = dotted(f"{head.value}.{ref.target.rpartition('.')[2]}")
        self._replacements[node] = cst.Call(factory, args=[cst.Arg(cst.SimpleString(f'"{name}"'))])
        self.edited = True

    def _cell_module_message(self, ref: Ref, node: cst.CSTNode) -> str:
        parent = self.resolver.parent(node)
        if isinstance(parent, cst.Attribute) and parent.value is node:
            return cell_module_message(ref.name, parent.attr.value)
        return cell_module_message(ref.name, None)

    def _cell_module_value_ok(self, node: cst.CSTNode) -> bool:
        """A cell module as a value is replaceable in ``getattr(m, name)`` and in an alias."""
        if self.resolver.is_getattr_target(node):
            return True
        parent = self.resolver.parent(node)
        if not isinstance(parent, cst.Assign) or parent.value is not node:
            return False
        for target in parent.targets:
            name = target.target
            if self.resolver.patches_tensorflow(name):
                continue  # a monkeypatch of a name the table does not know: `tf.foo = tf.contrib.rnn`
            if not (isinstance(name, cst.Name) and self.resolver.binding_rewritable(name)):
                return False
        return True


def cell_module_message(name: str, attribute: str | None) -> str:
    """The L2T003 message for the cell module ``name`` read as ``name.attribute`` (a name neither
    the runtime nor tf.compat.v1.nn has), or used as a value (``attribute`` is ``None``)."""
    if attribute is not None:
        return (
            f"`{name}.{attribute}` has no equivalent in legacy2tf2.runtime or "
            "tf.compat.v1.nn; left untouched"
        )
    return (
        f"`{name}` is used as a value; only its cells have a runtime equivalent, "
        "so this use is left untouched"
    )


def unknown_message(name: str) -> str:
    """The L2T003 message for ``name``, a legacy_seq2seq or TensorFlow name that never existed."""
    module, _, last = name.rpartition(".")
    if module == renames.LEGACY:
        return (
            f"legacy_seq2seq has no `{last}`; left untouched (the runtime provides only the "
            "names of the TF1 module)"
        )
    return f"`{name}` never existed in TensorFlow; left untouched"


def stand_in_message(name: str) -> str:
    """The L2T002 message for ``rnn_cell.unsupported(name)`` found in migrated code."""
    return (
        f'rnn_cell.unsupported("{name}") stands for a TF1 cell legacy2tf2.runtime does not '
        "implement: building it raises UnsupportedCellError; replace it by hand"
    )
