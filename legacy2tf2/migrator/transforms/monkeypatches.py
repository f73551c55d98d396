"""Monkeypatches of TensorFlow names: ``tf.nn.seq2seq = tf.contrib.legacy_seq2seq``.

TF 1.0 moved ``tf.nn.seq2seq`` and ``tf.nn.rnn_cell``; programs written for both sides patched the
old names back. The rewrite sends every use of those names to the runtime, so a patch whose value
is the TF1 equivalent of its target is dead: it is removed (a block left empty gets ``pass``; a
``try`` that only held such patches, with no ``else``/``finally``, goes entirely, since its
handlers can no longer run). Kept, it would re-point TensorFlow 2 names and, for
``tf.nn.rnn_cell.GRUCell = ...`` after ``tf_upgrade_v2``, raise under Keras 3.

A patch of such a name with anything else (``tf.nn.rnn_cell.GRUCell = MyGRUCell``) is left
untouched and reported (L2T007): the rewritten uses would silently stop seeing it. A patch of a
name the table does not know (``tf.nn.rnn = tf.contrib.rnn.static_rnn``) stays, its value
rewritten like any other reference.
"""

from __future__ import annotations

import libcst as cst

from legacy2tf2.migrator import refs
from legacy2tf2.migrator.findings import MONKEYPATCH, UNSAFE_REFERENCE
from legacy2tf2.migrator.resolve import CONFLICTING_PATCH, DEAD_PATCH
from legacy2tf2.migrator.transforms.shared import Shared


class RewriteMonkeypatches(Shared):
    """Remove dead monkeypatches of TensorFlow names; report conflicting ones (L2T007)."""

    DESCRIPTION = "tf.nn.seq2seq = tf.contrib.legacy_seq2seq -> (removed)"

    def visit_Assign(self, node: cst.Assign) -> bool:
        """Drop a dead patch (and skip it); report a conflicting one."""
        verdict = self.resolver.monkeypatch(node)
        if verdict is None:
            return True
        kind, ref = verdict
        if kind == DEAD_PATCH:
            self.drop_statement(node)
            for expression in [target.target for target in node.targets] + [node.value]:
                parts = refs.chain_parts(expression)
                if parts is not None:
                    self.forget_binding_if_unused(parts[0])
            return False
        assert kind == CONFLICTING_PATCH
        self.report(node, MONKEYPATCH, conflicting_patch_message(node, ref))
        return False

    def visit_AssignTarget(self, node: cst.AssignTarget) -> bool:
        """A patched TensorFlow name is not a use: never rewrite the target of a patch."""
        return not self.resolver.patches_tensorflow(node.target)

    def leave_SimpleStatementSuite(
        self, original_node: cst.SimpleStatementSuite, updated_node: cst.SimpleStatementSuite
    ) -> cst.SimpleStatementSuite:
        """``if old: tf.nn.seq2seq = ...`` on one line: drop the patch, ``pass`` if nothing is left."""
        if not any(self.is_dropped(small) for small in original_node.body):
            return updated_node
        kept = [
            small
            for original, small in zip(original_node.body, updated_node.body, strict=True)
            if not self.is_dropped(original)
        ]
        if not kept:
            return updated_node.with_changes(body=[cst.Pass()])
        kept[-1] = kept[-1].with_changes(semicolon=cst.MaybeSentinel.DEFAULT)
        return updated_node.with_changes(body=kept)

    def leave_Try(
        self, original_node: cst.Try, updated_node: cst.Try
    ) -> cst.BaseStatement | cst.RemovalSentinel:
        """A ``try`` that only held dead patches (no ``else``/``finally``) goes entirely."""
        if original_node.orelse is not None or original_node.finalbody is not None:
            return updated_node
        statements = original_node.body.body
        if statements and all(
            isinstance(line, cst.SimpleStatementLine)
            and all(self.is_dropped(small) for small in line.body)
            for line in statements
        ):
            return self.placeholder(updated_node.leading_lines)
        return updated_node


def conflicting_patch_message(node: cst.Assign, ref: refs.Ref) -> str:
    """The L2T007 message for a patch of the name ``ref`` with a value that is not its TF1 twin."""
    code = cst.Module([]).code_for_node(node)
    where = (
        f"every use of it becomes {ref.target}"
        if ref.target
        else f"its uses are reported ({UNSAFE_REFERENCE})"
    )
    return (
        f"`{code}` monkeypatches `{ref.name}`, but {where}, so the patch would be silently "
        "ignored; left untouched: use the patched value where the name is used"
    )
