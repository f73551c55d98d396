"""What a qualified name is to the migrator: :class:`Ref` and :func:`classify`.

Pure functions over the rename table plus a libcst helper for attribute chains; no metadata.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

import libcst as cst
import libcst.helpers

from legacy2tf2.migrator import renames

#: Kinds of reference, from :func:`classify`.
MODULE = "module"  # legacy_seq2seq itself
FUNCTION = "function"  # one of its functions
UNKNOWN = "unknown"  # a legacy_seq2seq path or name that never existed
CELL_MODULE = "cell_module"  # a module holding TF1 cells
CELL = "cell"  # a cell class the runtime provides
OTHER = "other"  # a non-cell name of a cell module with a tf.compat.v1 home
UNSUPPORTED_CELL = "unsupported_cell"  # a TF1 cell the runtime does not provide
REMOVED = "removed"  # a module (or a name in one) TensorFlow removed before TF 2
LAYER = "layer"  # a TF1 layers function or class the runtime provides (layers_v1)


@dataclass(frozen=True)
class Ref:
    """A reference to something in the rename table.

    Attributes:
        kind: one of the kind constants of this module.
        name: the normalized qualified name referred to.
        target: the qualified name rewritten code uses instead, or ``None``.
        here: whether the reference must be rewritten where it appears (it is reached through a
            prefix such as ``tf.``) rather than through the import or assignment binding it.
    """

    kind: str
    name: str
    target: str | None
    here: bool = False

    def at(self, here: bool) -> Ref:
        """This reference with ``here`` set."""
        return replace(self, here=here)


@lru_cache(maxsize=4096)
def classify(name: str) -> Ref | None:
    """Classify a normalized qualified name; ``None`` when it is not ours.

    Cached: the tables of :mod:`legacy2tf2.migrator.renames` are built once, at import, and a
    file asks about the same few names hundreds of times.
    """
    legacy = renames.LEGACY
    if name == legacy:
        return Ref(MODULE, name, renames.RUNTIME_SEQ2SEQ)
    if name in renames.FUNCTIONS:
        return Ref(FUNCTION, name, renames.FUNCTIONS[name])
    if name.startswith(legacy + "."):
        first = name[len(legacy) + 1 :].split(".")[0]
        if f"{legacy}.{first}" in renames.FUNCTIONS:
            return None  # an attribute of one of the functions, e.g. `.__doc__`
        return Ref(UNKNOWN, name, None)
    if renames.is_cell_module(name):
        return Ref(CELL_MODULE, name, renames.RUNTIME_RNN_CELL)
    if name in renames.CELLS:
        return Ref(CELL, name, renames.CELLS[name])
    if name in renames.OTHERS:
        return Ref(OTHER, name, renames.OTHERS[name])
    if name in renames.LAYERS_V1:
        return Ref(LAYER, name, renames.LAYERS_V1[name])
    module, _, last = name.rpartition(".")
    if renames.is_cell_module(module) and last in renames.UNSUPPORTED_CELLS:
        return Ref(UNSUPPORTED_CELL, name, renames.RUNTIME_UNSUPPORTED)
    if name.startswith(renames.TF + ".") and renames.LEGACY_NAME in name.split("."):
        return Ref(UNKNOWN, name, None)
    if renames.removed_module_advice(name) is not None:
        return Ref(REMOVED, name, None)
    return None


def chain_parts(node: cst.CSTNode) -> tuple[cst.Name, list[str]] | None:
    """Split ``a.b.c`` into (``Name a``, ``["b", "c"]``); ``None`` for anything else."""
    attrs: list[str] = []
    while isinstance(node, cst.Attribute):
        attrs.append(node.attr.value)
        node = node.value
    if not isinstance(node, cst.Name):
        return None
    return node, attrs[::-1]


def dotted(name: str) -> cst.BaseExpression:
    """Build the expression ``a.b.c`` for the dotted string ``"a.b.c"``."""
    parts = name.split(".")
    expr: cst.BaseExpression = cst.Name(parts[0])
    for part in parts[1:]:
        expr = cst.Attribute(value=expr, attr=cst.Name(part))
    return expr


def bound_name(alias: cst.ImportAlias) -> str:
    """The name an import alias binds: ``b`` for ``a as b``, ``a`` for ``a.x.y``."""
    return alias.evaluated_alias or alias.evaluated_name.split(".")[0]


def import_spec(statement: cst.CSTNode, bound: str) -> tuple[str, str | None, str | None] | None:
    """(module, obj, asname) of the alias of an absolute import statement that binds ``bound``."""
    names = getattr(statement, "names", ())
    for alias in [] if isinstance(names, cst.ImportStar) else names:
        if bound_name(alias) != bound:
            continue
        if isinstance(statement, cst.Import):
            return alias.evaluated_name, None, alias.evaluated_alias
        if (
            isinstance(statement, cst.ImportFrom)
            and statement.module is not None
            and not statement.relative
        ):
            module = cst.helpers.get_full_name_for_node(statement.module) or ""
            return module, alias.evaluated_name, alias.evaluated_alias
    return None


def import_binding(statement: cst.CSTNode, bound: str) -> str | None:
    """The dotted name an absolute import binds to ``bound``; ``None`` for other statements."""
    spec = import_spec(statement, bound)
    if spec is None:
        return None
    module, obj, asname = spec
    if obj is None:
        return module if asname is not None else module.split(".")[0]
    return f"{module}.{obj}"
