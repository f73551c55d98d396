"""``tf.contrib`` names reached through an import, spelled for TensorFlow's upgrader (a
``--full`` step, before the upgrader).

TensorFlow's upgrader converts some ``tf.contrib`` functions to their TF 2 form
(``tf.contrib.layers.xavier_initializer()`` -> ``tf.compat.v1.keras.initializers.VarianceScaling(
scale=1.0, mode="fan_avg", distribution="uniform")``, ``l2_regularizer``, ``nest.flatten``, ...),
but only where the program spells them ``tf.contrib.X.Y``. Programs as often imported them:
``from tensorflow.contrib.layers import xavier_initializer``, ``from tensorflow.contrib import
layers`` then ``layers.xavier_initializer()``, ``from tensorflow.contrib.layers.python.layers
import initializers`` then ``initializers.xavier_initializer()`` (a TF 0.12 sequence VAE). Those
were left, and the program stopped at the import. Here each read of such a name (resolved through
the file's imports) is spelled ``tf.contrib.X.Y`` with the file's TensorFlow name, for exactly
the names the installed upgrader converts (never ``tf.contrib.rnn``, which our rewrite handles,
nor ``tf.contrib.summary``); the import, then unread, is removed (L2T026). A file without
``import tensorflow`` (or only ``tensorflow.compat.v1``) is left.
"""

from __future__ import annotations

import functools

import libcst as cst
from libcst.metadata import (
    ParentNodeProvider,
    PositionProvider,
    QualifiedNameProvider,
)

from legacy2tf2.migrator import analysis
from legacy2tf2.migrator.compat_names import tensorflow_module
from legacy2tf2.migrator.findings import PRE_1_0_CALL

#: (line, col, code, message), 1-based, in the input.
Change = tuple[int, int, str, str]

#: Internal modules whose names ``tf.contrib.layers`` re-exported.
_INTERNAL = (
    ("tensorflow.contrib.layers.python.layers.initializers.", "contrib.layers."),
    ("tensorflow.contrib.layers.python.layers.regularizers.", "contrib.layers."),
    ("tensorflow.contrib.layers.python.layers.", "contrib.layers."),
)
_SKIPPED = ("contrib.rnn.", "contrib.summary.")


@functools.cache
def _upgraded() -> frozenset[str]:
    """``contrib.X.Y`` of every ``tf.contrib`` name the installed upgrader converts."""
    from legacy2tf2.migrator.tf_upgrader import change_spec

    spec = change_spec()
    names: set[str] = set()
    for table in (
        spec.function_transformers,
        spec.symbol_renames,
        spec.function_keyword_renames,
        spec.function_reorders,
    ):
        names |= {k[len("tf.") :] for k in table if k.startswith("tf.contrib.")}
    return frozenset(n for n in names if not n.startswith(_SKIPPED))


def _public(qualified: str) -> str | None:
    """``contrib.layers.xavier_initializer`` for the TensorFlow name ``qualified``."""
    for internal, public in _INTERNAL:
        if qualified.startswith(internal):
            return public + qualified[len(internal) :]
    if qualified.startswith("tensorflow.contrib."):
        return qualified[len("tensorflow.") :]
    return None


class _ContribSpellings(cst.CSTTransformer):
    METADATA_DEPENDENCIES = (QualifiedNameProvider, ParentNodeProvider, PositionProvider)

    def __init__(self, alias: str) -> None:
        super().__init__()
        self.alias = alias
        self.known = _upgraded()
        self.changes: list[Change] = []

    def visit_Import(self, node: cst.Import) -> bool:
        return False

    def visit_ImportFrom(self, node: cst.ImportFrom) -> bool:
        return False

    def _respell(
        self, original: cst.BaseExpression, updated: cst.BaseExpression
    ) -> cst.BaseExpression:
        parent = self.get_metadata(ParentNodeProvider, original, None)
        if isinstance(parent, cst.Attribute):
            return updated  # a part of a longer name: the whole name is looked at
        names = self.get_metadata(QualifiedNameProvider, original, set())
        publics = {_public(q.name) for q in names}
        publics.discard(None)
        if len(publics) != 1:
            return updated
        public = publics.pop()
        assert public is not None
        if public not in self.known:
            return updated
        old = cst.Module([]).code_for_node(original)
        new_text = f"{self.alias}.{public}"
        if old == new_text:
            return updated
        start = self.get_metadata(PositionProvider, original).start
        self.changes.append(
            (
                start.line,
                start.column + 1,
                PRE_1_0_CALL,
                f"{old} (tensorflow.{public}) spelled {new_text}, which TensorFlow's upgrader "
                "converts to its TF 2 form",
            )
        )
        return cst.parse_expression(new_text).with_changes(lpar=updated.lpar, rpar=updated.rpar)

    def leave_Attribute(
        self, original_node: cst.Attribute, updated_node: cst.Attribute
    ) -> cst.BaseExpression:
        return self._respell(original_node, updated_node)

    def leave_Name(self, original_node: cst.Name, updated_node: cst.Name) -> cst.BaseExpression:
        parent = self.get_metadata(ParentNodeProvider, original_node, None)
        if not isinstance(parent, (cst.Call, cst.Arg, cst.Element, cst.Assign)) or (
            isinstance(parent, cst.Assign) and parent.value is not original_node
        ):
            return updated_node  # a read: a call, an argument, a list item, an assigned value
        return self._respell(original_node, updated_node)


def fix_contrib_spellings(source: bytes) -> tuple[bytes, list[Change]]:
    """Spell imported ``tf.contrib`` names as ``tf.contrib.X.Y`` for TensorFlow's upgrader (see
    the module docstring).

    Returns the new source (``source`` itself when nothing changed) and every change as
    (line, col, code, message), positioned in ``source``.
    """
    if b"contrib" not in source:
        return source, []
    module = analysis.parse(source)
    tensorflow = tensorflow_module(module)
    if tensorflow is None or tensorflow[1]:
        return source, []
    transformer = _ContribSpellings(tensorflow[0])
    new = analysis.wrapper(module, unsafe_skip_copy=True).visit(transformer)
    if not transformer.changes:
        return source, []
    return new.bytes, sorted(transformer.changes)
