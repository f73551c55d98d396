"""TF 0.x optimizers in a reusing variable scope (a ``--full`` step for graph-mode programs).

Up to TF 0.12 an optimizer made its slot variables with a plain ``Variable``, so a program could
build its training op inside ``variable_scope(..., reuse=True)`` or after
``scope.reuse_variables()`` (a char-RNN building its sampling graph first and its training graph
in the same scope with ``reuse=True``, then ``RMSPropOptimizer(lr).minimize(loss)`` there). From
TF 1.0 the slots come from ``get_variable``, which refuses them there ("Variable
decoders/Variable/RMSProp/ does not exist, or was not created with tf.get_variable()"). In a file
whose evidence says TF 0.x (:mod:`.era`), a call of ``tf.train``'s (``tf.compat.v1.train``'s)
``AdamOptimizer``, ``RMSPropOptimizer``, ``AdagradOptimizer``, ``AdadeltaOptimizer``,
``MomentumOptimizer``, ``FtrlOptimizer``, ``ProximalAdagradOptimizer`` or ``AdagradDAOptimizer``
becomes the same class of :mod:`legacy2tf2.runtime.tf0_optimizers`, which makes its slots as
TF 0.12 did; so does ``ExponentialMovingAverage``, whose ``apply`` made its shadow variables
with the same slot code (a batch normalisation averaging its moments in a model built twice,
the second time with ``reuse=True``). Optimizers without slots, subclasses and files of TF 1.0
or later (or of an unknown era) are left.
"""

from __future__ import annotations

import libcst as cst
from libcst.metadata import PositionProvider, QualifiedNameProvider

from legacy2tf2.migrator import analysis, era
from legacy2tf2.migrator.findings import PRE_1_0_CALL
from legacy2tf2.migrator.runtime_import import with_runtime_import

#: (line, col, code, message), 1-based, in the returned source.
Change = tuple[int, int, str, str]

_MODULE = "tf0_optimizers"
#: The ``tf.train`` optimizers of TF 0.x that make slot variables.
SLOT_OPTIMIZERS: frozenset[str] = frozenset(
    {
        "AdadeltaOptimizer",
        "AdagradDAOptimizer",
        "AdagradOptimizer",
        "AdamOptimizer",
        "FtrlOptimizer",
        "MomentumOptimizer",
        "ProximalAdagradOptimizer",
        "RMSPropOptimizer",
    }
)
#: Other ``tf.train`` classes that made slot variables: the moving average's shadows.
SLOT_CLASSES: frozenset[str] = frozenset({"ExponentialMovingAverage"})
_PREFIXES = ("tensorflow.train.", "tensorflow.compat.v1.train.")


def _optimizer(names: set[str]) -> str | None:
    for name in names:
        for prefix in _PREFIXES:
            rest = name[len(prefix) :] if name.startswith(prefix) else None
            if rest in SLOT_OPTIMIZERS or rest in SLOT_CLASSES:
                return rest
    return None


class _Slots(cst.CSTTransformer):
    METADATA_DEPENDENCIES = (QualifiedNameProvider, PositionProvider)

    def __init__(self) -> None:
        super().__init__()
        self.changes: list[tuple[int, int, str, str]] = []

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
        func = original_node.func
        if not isinstance(func, cst.Attribute):
            return updated_node
        names = {q.name for q in self.get_metadata(QualifiedNameProvider, func, set())}
        found = _optimizer(names)
        if found is None:
            return updated_node
        start = self.get_metadata(PositionProvider, original_node).start
        old = cst.Module([]).code_for_node(func)
        self.changes.append(
            (
                start.line,
                start.column + 1,
                PRE_1_0_CALL,
                f"{old}(...) -> {_MODULE}.{found}(...): TF 0.x's "
                f"{'moving average made its shadow' if found in SLOT_CLASSES else 'optimizer made its slot'} "
                "variables even inside a variable scope with reuse=True (TF 1.0+ refuses them "
                "there); the runtime's class makes them as TF 0.12 did",
            )
        )
        return updated_node.with_changes(func=cst.Attribute(cst.Name(_MODULE), cst.Name(found)))


def fix_tf0_slots(source: bytes, original: bytes) -> tuple[bytes, list[Change]]:
    """Give a TF 0.x file's slot-making ``tf.train`` optimizers TF 0.12's slot creation.

    ``original`` (the file as given) tells the era; ``source`` is rewritten. Returns the new
    source (``source`` itself when nothing changed) and the changes, positioned in
    ``source`` (the new source may have the runtime import as a new line after the imports).
    """
    if b"Optimizer" not in source and b"ExponentialMovingAverage" not in source:
        return source, []
    if era.detect_era(analysis.parse(original)).only({era.PRE_1_0}) is not True:
        return source, []
    transformer = _Slots()
    new = analysis.wrapper(analysis.parse(source)).visit(transformer)
    if not transformer.changes:
        return source, []
    return with_runtime_import(new, _MODULE).bytes, sorted(transformer.changes)
