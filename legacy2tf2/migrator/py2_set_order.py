"""Python 2's one order of a set of strings, which Python 3 draws anew in every run (a report).

Python 2 hashed strings the same way in every run (hash randomization was off unless ``-R`` was
given), so ``list(set(text))`` listed the characters of a text in one order, run after run. The
char-RNN scripts and notebooks of the TF1 years built their vocabulary so (``chars =
list(set(data))``, then ``{ch: i for i, ch in enumerate(chars)}``) in the run that trained and
again in the run that sampled (``model.py input.txt train``, then ``... test``), and the
checkpoint's ids matched. Python 3 randomizes string hashes per process (``PYTHONHASHSEED``):
the sampling run numbers the characters differently from the training run, and the restored
model silently reads and writes other characters. No Python 3 expression gives Python 2's order
(it followed Python 2's string hash), so nothing is changed: in certainly Python 2 code
(:mod:`.py2_lists`' gate), a builtin ``set(...)`` whose order is made into a sequence (the
argument of ``list``, ``tuple``, ``enumerate`` or NumPy's ``array``/``asarray``, the first of
``zip``) is reported (L2T023), unless its argument is a ``range`` or the list (array) is
assigned and sorted in place by the next statement (``self.words = list(set(self.data))``, then
``self.words.sort()``: one order in every run).
"""

from __future__ import annotations

import libcst as cst
from libcst.metadata import (
    ParentNodeProvider,
    PositionProvider,
    QualifiedNameProvider,
)

from legacy2tf2.migrator import analysis
from legacy2tf2.migrator.findings import PY2_LEFT, unordered_set_vocabulary

#: Callables that make the iteration order of their (first) argument into a sequence.
_ORDERING = frozenset(
    {
        *("builtins.list", "builtins.tuple", "builtins.enumerate", "builtins.zip"),
        *("numpy.array", "numpy.asarray"),
    }
)

#: Those whose sequence has an in-place ``sort()`` (a list, a NumPy array).
_SORTABLE = frozenset({"builtins.list", "numpy.array", "numpy.asarray"})

Report = tuple[int, int, str, str]


class _SetOrders(cst.CSTVisitor):
    METADATA_DEPENDENCIES = (QualifiedNameProvider, PositionProvider, ParentNodeProvider)

    def __init__(self) -> None:
        super().__init__()
        self.reports: list[Report] = []

    def _name(self, node: cst.CSTNode) -> str | None:
        names = {q.name for q in self.get_metadata(QualifiedNameProvider, node, set())}
        return names.pop() if len(names) == 1 else None

    def _sorted_next(self, sequence: cst.Call) -> bool:
        """Whether ``sequence`` is assigned to a name or attribute that the next statement sorts
        in place (``self.words = list(set(self.data))`` then ``self.words.sort()``)."""
        assign = self.get_metadata(ParentNodeProvider, sequence, None)
        if not (isinstance(assign, cst.Assign) and len(assign.targets) == 1):
            return False
        target = assign.targets[0].target
        if not isinstance(target, cst.Name | cst.Attribute):
            return False
        line = self.get_metadata(ParentNodeProvider, assign, None)
        if not isinstance(line, cst.SimpleStatementLine):
            return False
        following: cst.CSTNode | None = None
        index = next(i for i, small in enumerate(line.body) if small is assign)
        if index + 1 < len(line.body):
            following = line.body[index + 1]  # `words = list(set(d)); words.sort()`
        else:
            block = self.get_metadata(ParentNodeProvider, line, None)
            body = list(getattr(block, "body", ()))
            position = next((i for i, statement in enumerate(body) if statement is line), None)
            if position is not None and position + 1 < len(body):
                after = body[position + 1]
                if isinstance(after, cst.SimpleStatementLine):
                    following = after.body[0]
        if not (isinstance(following, cst.Expr) and isinstance(following.value, cst.Call)):
            return False
        call = following.value
        code = cst.Module([]).code_for_node
        return (
            isinstance(call.func, cst.Attribute)
            and call.func.attr.value == "sort"
            and code(call.func.value) == code(target)
        )

    def visit_Call(self, node: cst.Call) -> None:
        if self._name(node.func) != "builtins.set" or len(node.args) != 1:
            return
        argument = node.args[0].value
        if isinstance(argument, cst.Call) and self._name(argument.func) == "builtins.range":
            return  # ints: one order in every run
        parent = self.get_metadata(ParentNodeProvider, node, None)
        if not isinstance(parent, cst.Arg) or parent.keyword is not None or parent.star:
            return
        owner = self.get_metadata(ParentNodeProvider, parent, None)
        if not isinstance(owner, cst.Call) or owner.args[0] is not parent:
            return
        ordering = self._name(owner.func)
        if ordering not in _ORDERING:
            return
        if ordering in _SORTABLE and self._sorted_next(owner):
            return  # words = list(set(data)); words.sort(): ordered before any use
        start = self.get_metadata(PositionProvider, owner).start
        call = cst.Module([]).code_for_node(owner)
        shown = call if len(call) <= 40 and "\n" not in call else None
        self.reports.append(
            (start.line, start.column + 1, PY2_LEFT, unordered_set_vocabulary(shown))
        )


def unordered_set_reports(source: bytes) -> list[Report]:
    """L2T023 reports, (line, col, code, message) positioned in ``source``, for each set whose
    per-run order ``source`` (certainly Python 2 code) makes into a sequence."""
    if b"set(" not in source:
        return []
    visitor = _SetOrders()
    analysis.wrapper(analysis.parse(source)).visit(visitor)
    return visitor.reports
