"""Pre-1.0 TensorFlow calls that TensorFlow's own upgrader leaves broken (used by ``--full``).

TF 1.0 swapped the argument order of ``tf.concat(concat_dim, values)`` and
``tf.split(split_dim, num_split, value)`` and removed ``tf.pack``/``tf.unpack``,
``tf.all_variables``, ``tf.initialize_all_variables`` and a few more names. ``tf_upgrade_v2`` knows
only TF 1.x names, so these calls must be fixed before it runs.

An argument order is changed only when it is certain: the axis is an integer literal and the
values are not. Everything else stays byte-identical.
"""

from __future__ import annotations

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider, QualifiedNameProvider

_PREFIXES = ("tensorflow.compat.v1.", "tensorflow.")

#: Names removed in TF 1.0 (or renamed since) -> the TF 1.x name tf_upgrade_v2 knows.
RENAMES: dict[str, str] = {
    "pack": "stack",
    "unpack": "unstack",
    "all_variables": "global_variables",
    "initialize_all_variables": "global_variables_initializer",
    "initialize_local_variables": "local_variables_initializer",
    "initialize_variables": "variables_initializer",
    "mul": "multiply",
    "sub": "subtract",
    "neg": "negative",
    "nn.rnn": "nn.static_rnn",
    "nn.bidirectional_rnn": "nn.static_bidirectional_rnn",
}

#: Old keyword names of the reordered functions -> TF 1.x names.
_KEYWORDS: dict[str, dict[str, str]] = {
    "concat": {"concat_dim": "axis"},
    "split": {"split_dim": "axis", "num_split": "num_or_size_splits"},
}


def _tf_name(names: set[cst.metadata.QualifiedName]) -> str | None:
    """The name below ``tensorflow`` (``concat``, ``nn.rnn``) or None."""
    for qualified in names:
        for prefix in _PREFIXES:
            if qualified.name.startswith(prefix):
                return qualified.name[len(prefix) :]
    return None


def _is_int_literal(node: cst.BaseExpression) -> bool:
    if isinstance(node, cst.UnaryOperation) and isinstance(node.operator, cst.Minus):
        node = node.expression
    return isinstance(node, cst.Integer)


def _positional(call: cst.Call) -> list[cst.Arg]:
    return [a for a in call.args if a.keyword is None and not a.star]


class Pre10Transformer(cst.CSTTransformer):
    """Reorder pre-1.0 ``concat``/``split`` arguments and rename removed ``tf.*`` names."""

    METADATA_DEPENDENCIES = (QualifiedNameProvider, PositionProvider)

    def __init__(self) -> None:
        super().__init__()
        #: (line, col, message) of every change, 1-based, in the input source.
        self.changes: list[tuple[int, int, str]] = []

    def _note(self, node: cst.CSTNode, message: str) -> None:
        start = self.get_metadata(PositionProvider, node).start
        self.changes.append((start.line, start.column + 1, message))

    def leave_Attribute(
        self, original_node: cst.Attribute, updated_node: cst.Attribute
    ) -> cst.BaseExpression:
        name = _tf_name(self.get_metadata(QualifiedNameProvider, original_node, set()))
        if name not in RENAMES:
            return updated_node
        new_last = RENAMES[name].rsplit(".", 1)[-1]
        self._note(original_node, f"pre-1.0 tf.{name} renamed to tf.{RENAMES[name]}")
        return updated_node.with_changes(attr=cst.Name(new_last))

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
        name = _tf_name(self.get_metadata(QualifiedNameProvider, original_node.func, set()))
        if name not in _KEYWORDS:
            return updated_node
        args = list(updated_node.args)
        renamed = _KEYWORDS[name]
        for i, arg in enumerate(args):
            if arg.keyword is not None and arg.keyword.value in renamed:
                args[i] = arg.with_changes(keyword=cst.Name(renamed[arg.keyword.value]))
        positional = _positional(updated_node)
        old_order = False
        if name == "concat" and len(positional) >= 2:
            first, second = positional[0], positional[1]
            old_order = _is_int_literal(first.value) and not _is_int_literal(second.value)
            if old_order:
                i, j = args.index(first), args.index(second)
                args[i] = first.with_changes(value=second.value)
                args[j] = second.with_changes(value=first.value)
        elif name == "split" and len(positional) == 3:
            first, third = positional[0], positional[2]
            old_order = _is_int_literal(first.value) and not _is_int_literal(third.value)
            if old_order:
                i, k = args.index(first), args.index(third)
                args[i] = first.with_changes(value=third.value)
                args[k] = third.with_changes(value=first.value)
        if old_order:
            self._note(
                original_node, f"pre-1.0 argument order of tf.{name} changed to TF 1.x order"
            )
        elif args == list(updated_node.args):
            return updated_node
        else:
            self._note(original_node, f"pre-1.0 keyword of tf.{name} renamed")
        return updated_node.with_changes(args=args)


def fix_pre_1_0(module: cst.Module) -> tuple[cst.Module, list[tuple[int, int, str]]]:
    """Apply :class:`Pre10Transformer`; returns the new module and its changes (line, col, msg)."""
    transformer = Pre10Transformer()
    new = MetadataWrapper(module).visit(transformer)
    return new, transformer.changes
