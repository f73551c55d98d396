"""Whether a module a file imports is read only for some of its attributes.

Steps that import a removed TensorFlow module's pieces from the runtime instead
(``tf0_translate_ids``: the translate tutorial's ids; ``tf0_ptb_reader``: the PTB reader's
functions) may do so only where the program reads nothing else of it: every read of the name is
``name.<one of them>`` (not assigned, augmented or deleted), and the name is bound once, by the
module-level import, and nowhere else (no local of that name either).
"""

from __future__ import annotations

from collections.abc import Collection

import libcst as cst
from libcst.metadata import GlobalScope, MetadataWrapper, ScopeProvider

_WRITES = (cst.AssignTarget, cst.AugAssign, cst.Del)


def reads_only_attributes(
    wrapper: MetadataWrapper, name: str, attributes: Collection[str], imports: int = 1
) -> bool:
    """Every use of the module-level ``name`` reads one of ``attributes``, and nothing else binds
    it (False when it is not read at all); ``imports``: how many module-level imports of the same
    module bind it (a notebook importing it again in a later cell)."""
    scopes = {s for s in wrapper.resolve(ScopeProvider).values() if s is not None}
    parents: dict[cst.CSTNode, cst.CSTNode] = {}

    class _Parents(cst.CSTVisitor):
        def on_visit(self, node: cst.CSTNode) -> bool:
            for child in node.children:
                parents[child] = node
            return True

    wrapper.module.visit(_Parents())
    uses = 0
    for scope in scopes:
        if name in scope.assignments and len(scope.assignments[name]) != (
            imports if isinstance(scope, GlobalScope) else 0
        ):
            return False  # bound again (here, or a local of that name somewhere)
        for access in scope.accesses[name]:
            node = access.node
            parent = parents.get(node)
            if not (
                isinstance(parent, cst.Attribute)
                and parent.value is node
                and parent.attr.value in attributes
                and not isinstance(parents.get(parent), _WRITES)
            ):
                return False
            uses += 1
    return uses > 0
