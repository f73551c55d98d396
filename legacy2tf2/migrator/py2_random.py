"""Python 2's seeded ``random`` choices (a ``--full`` step, Python 2 code only).

Python 3 draws ``random.shuffle``, ``randrange``, ``randint``, ``choice`` and ``sample`` indices
from the same seeded generator in another way than Python 2.7, so a Python 2 TF1 program that
seeds it (``random.seed(123)``, then ``random.shuffle(observations)`` to split train and test
data) computes on other data after the upgrade. In a file that is certainly Python 2 code and
calls ``random.seed``, a call of one of those five functions of the standard ``random`` module
(``random.shuffle(x)``, ``from random import shuffle``) becomes the same call of
:mod:`legacy2tf2.runtime.py2_random` (L2T022), Python 2.7's function on the generator
``random.seed`` seeded. Without a ``random.seed`` call the choices differ from run to run on
either Python: nothing changes.
"""

from __future__ import annotations

import libcst as cst
from libcst.metadata import PositionProvider, QualifiedNameProvider

from legacy2tf2.migrator import analysis
from legacy2tf2.migrator.findings import PY2_FIXED
from legacy2tf2.migrator.runtime_import import with_runtime_import

Change = tuple[int, int, str, str]

_MODULE = "py2_random"
_FUNCTIONS = frozenset({"shuffle", "randrange", "randint", "choice", "sample"})


class _SeededRandom(cst.CSTTransformer):
    METADATA_DEPENDENCIES = (QualifiedNameProvider, PositionProvider)

    def __init__(self) -> None:
        super().__init__()
        self.changes: list[Change] = []
        self.seeded = False

    def _name(self, node: cst.Call) -> str | None:
        names = {q.name for q in self.get_metadata(QualifiedNameProvider, node.func, set())}
        return names.pop() if len(names) == 1 else None

    def visit_Call(self, node: cst.Call) -> None:
        if self._name(node) == "random.seed" and node.args:
            self.seeded = True

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
        name = self._name(original_node)
        if name is None or not name.startswith("random."):
            return updated_node
        function = name.removeprefix("random.")
        if function not in _FUNCTIONS:
            return updated_node
        start = self.get_metadata(PositionProvider, original_node).start
        self.changes.append(
            (
                start.line,
                start.column + 1,
                PY2_FIXED,
                f"Python 2's random.{function} drew its indices from the seeded generator in "
                f"another way than Python 3's: changed to {_MODULE}.{function}, Python 2.7's "
                "(the same choices as the Python 2 run)",
            )
        )
        return updated_node.with_changes(func=cst.Attribute(cst.Name(_MODULE), cst.Name(function)))


def fix_seeded_random(source: bytes) -> tuple[bytes, list[Change]]:
    """``random.shuffle(x)`` (and ``randrange``, ``randint``, ``choice``, ``sample``) of a
    Python 2 file that seeds ``random`` -> ``py2_random.shuffle(x)``.

    Call only for certainly Python 2 code. Returns the new source (``source`` itself when nothing
    changed) and the changes, positioned in ``source`` (the new source may have the runtime
    import as a new line after the imports).
    """
    if b"random" not in source or b"seed(" not in source:
        return source, []
    transformer = _SeededRandom()
    module = analysis.parse(source)
    new = analysis.wrapper(module).visit(transformer)
    if not transformer.changes or not transformer.seeded:
        return source, []
    return with_runtime_import(new, _MODULE).bytes, sorted(transformer.changes)
