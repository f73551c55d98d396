"""Python 2's ``next`` method of iterators (a ``--full`` step).

Python 2 iterators had a ``next()`` method, which Python 3 renamed ``__next__`` (the builtin
``next(it)`` calls it). TF1 data code used both forms: ``batch = it.next()`` and, to number a
vocabulary, ``w2i = defaultdict(count(0).next)``; on Python 3 both fail with ``AttributeError:
'itertools.count' object has no attribute 'next'``. Where the object is certainly an iterator
(L2T022):

- ``E.next()`` becomes ``next(E)`` and ``E.next`` (not called) becomes ``E.__next__``, where ``E``
  is a call of ``iter`` or of an ``itertools`` function returning an iterator, a generator
  expression, or a plain name every assignment of which in the file binds one of those (and that
  is no parameter, loop target or import anywhere in the file).

Any other ``x.next`` (a user class may define ``next``, a TF 0.x reader's ``next()`` method) stays.
"""

from __future__ import annotations

import libcst as cst
import libcst.matchers as m
from libcst.metadata import PositionProvider, QualifiedNameProvider

from legacy2tf2.migrator import analysis
from legacy2tf2.migrator.findings import PY2_FIXED

#: The functions whose result is certainly an iterator with Python 2's ``next`` method.
_ITERATOR_FUNCTIONS = frozenset(
    {"builtins.iter"}
    | {
        f"itertools.{name}"
        for name in (
            "count",
            "cycle",
            "repeat",
            "chain",
            "chain.from_iterable",
            "islice",
            "izip",
            "izip_longest",
            "imap",
            "ifilter",
            "ifilterfalse",
            "starmap",
            "takewhile",
            "dropwhile",
            "groupby",
            "product",
            "permutations",
            "combinations",
            "combinations_with_replacement",
            "compress",
            "accumulate",
            "zip_longest",
            "filterfalse",
        )
    }
)

Change = tuple[int, int, str, str]


class _IteratorNames(cst.CSTVisitor):
    """The plain names every binding of which in the module is an iterator expression."""

    METADATA_DEPENDENCIES = (QualifiedNameProvider,)

    def __init__(self) -> None:
        super().__init__()
        self.iterator: set[str] = set()
        self.other: set[str] = set()

    def visit_Assign(self, node: cst.Assign) -> None:
        for target in node.targets:
            if isinstance(target.target, cst.Name):
                kind = self.iterator if _is_iterator(self, node.value) else self.other
                kind.add(target.target.value)

    def _bind_other(self, node: cst.CSTNode) -> None:
        for name in m.findall(node, m.Name()):
            if isinstance(name, cst.Name):
                self.other.add(name.value)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        self._bind_other(node.target)

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        self._bind_other(node.target)

    def visit_Param(self, node: cst.Param) -> None:
        self.other.add(node.name.value)

    def visit_For(self, node: cst.For) -> None:
        self._bind_other(node.target)

    def visit_CompFor(self, node: cst.CompFor) -> None:
        self._bind_other(node.target)

    def visit_AsName(self, node: cst.AsName) -> None:
        self._bind_other(node.name)

    def visit_ImportAlias(self, node: cst.ImportAlias) -> None:
        if node.asname is None:
            self._bind_other(node.name)

    def visit_NamedExpr(self, node: cst.NamedExpr) -> None:
        self._bind_other(node.target)

    def visit_Global(self, node: cst.Global) -> None:
        for item in node.names:
            self.other.add(item.name.value)

    def visit_Nonlocal(self, node: cst.Nonlocal) -> None:
        for item in node.names:
            self.other.add(item.name.value)

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.other.add(node.name.value)

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self.other.add(node.name.value)

    def visit_Assign_targets(self, node: cst.Assign) -> None:
        for target in node.targets:
            if not isinstance(target.target, cst.Name):
                self._bind_other(target.target)


def _is_iterator(transformer: cst.MetadataDependent, node: cst.BaseExpression) -> bool:
    if isinstance(node, cst.GeneratorExp):
        return True
    if not isinstance(node, cst.Call):
        return False
    names = {q.name for q in transformer.get_metadata(QualifiedNameProvider, node.func, set())}
    return len(names) == 1 and names <= _ITERATOR_FUNCTIONS


class _NextMethod(cst.CSTTransformer):
    METADATA_DEPENDENCIES = (QualifiedNameProvider, PositionProvider)

    def __init__(self, iterator_names: frozenset[str]) -> None:
        super().__init__()
        self.changes: list[Change] = []
        self._names = iterator_names
        self._called: set[cst.Attribute] = set()

    def _certain(self, node: cst.BaseExpression) -> bool:
        if isinstance(node, cst.Name):
            return node.value in self._names
        return _is_iterator(self, node)

    def _note(self, node: cst.CSTNode, message: str) -> None:
        start = self.get_metadata(PositionProvider, node).start
        self.changes.append((start.line, start.column + 1, PY2_FIXED, message))

    def visit_Call(self, node: cst.Call) -> None:
        if isinstance(node.func, cst.Attribute):
            self._called.add(node.func)

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
        func = original_node.func
        if (
            not isinstance(func, cst.Attribute)
            or func.attr.value != "next"
            or original_node.args
            or not self._certain(func.value)
            or not isinstance(updated_node.func, cst.Attribute)
        ):
            return updated_node
        self._note(original_node, "Python 2 iterator method it.next() changed to next(it)")
        return cst.Call(
            func=cst.Name("next"),
            args=[cst.Arg(updated_node.func.value)],
            lpar=updated_node.lpar,
            rpar=updated_node.rpar,
        )

    def leave_Attribute(
        self, original_node: cst.Attribute, updated_node: cst.Attribute
    ) -> cst.BaseExpression:
        if (
            original_node in self._called
            or original_node.attr.value != "next"
            or not self._certain(original_node.value)
        ):
            return updated_node
        self._note(
            original_node, "Python 2 iterator method it.next (not called) changed to it.__next__"
        )
        return updated_node.with_changes(attr=cst.Name("__next__"))


def fix_next_methods(source: bytes) -> tuple[bytes, list[Change]]:
    """Write Python 2's ``it.next()`` / ``it.next`` of certain iterators in Python 3's form.

    Returns:
        The new source and its changes, (line, col, code, message), positioned in ``source``.
    """
    if b".next" not in source:
        return source, []
    wrapper = analysis.wrapper(analysis.parse(source))
    collector = _IteratorNames()
    wrapper.visit(collector)
    transformer = _NextMethod(frozenset(collector.iterator - collector.other))
    new = wrapper.visit(transformer)
    if not transformer.changes:
        return source, []
    return new.bytes, transformer.changes
