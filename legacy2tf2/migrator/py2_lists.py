"""Python 2's ``map`` and ``zip``, which returned lists (a ``--full`` step).

Python 3's ``map`` and ``zip`` return one-shot iterators. TF1 programs written for Python 2 kept
their results as lists: ``np.array(map(vocab.get, text))`` (on Python 3 a 0-d object array
holding the iterator, so the data silently vanishes), ``pairs = zip(a, b)`` read twice or
indexed, ``random.shuffle(zip(...))``. A call of the builtin (nothing in the file binds the name)
becomes ``list(map(...))`` / ``list(zip(...))`` (L2T022), exactly Python 2's result, except where
the iterator is consumed once as it is made, which gives the same on both:

- the iterable of a ``for`` loop or a comprehension;
- the argument of ``list``, ``tuple``, ``set``, ``frozenset``, ``sorted``, ``dict``, ``sum``,
  ``min``, ``max``, ``any``, ``all``, ``enumerate`` or a ``.join``, and the first argument of an
  optimizer's ``apply_gradients``.

Only files that are certainly Python 2 code (``--full`` changed or reported a Python 2
statement or name in them) are changed: Python 3 code may mean the iterator (``next(map(...))``,
an endless ``zip(itertools.count(), ...)``).
``map(f, a, b)`` with several iterables (Python 2 padded the shorter with None, Python 3 stops at
the shortest) becomes ``list(itertools.starmap(f, itertools.zip_longest(a, b)))`` (the import is
added by :mod:`legacy2tf2.migrator.py2_names`); ``None`` as the function is
:mod:`legacy2tf2.migrator.py2_names`' (Python 2's zip-longest).

Python 2's ``d.keys()``, ``d.values()`` and ``d.items()`` returned lists too; Python 3's views
iterate, ``len`` and ``in`` alike, so only the uses a view cannot serve change, to
``list(d.keys())`` (L2T022), exactly Python 2's list:

- a subscript, ``vocab.keys()[0]``, ``counter.items()[i]`` (a view is not subscriptable:
  ``TypeError``);
- an argument of a NumPy function, ``np.array(d.values())``, ``np.sum(counts.values())``: NumPy
  makes a 0-d object array of a view, so ``np.sum`` and ``np.max`` silently return the view
  itself and ``np.array`` an array holding it;
- the population of ``random.choice``, ``random.sample`` or ``random.shuffle`` (a sequence).
"""

from __future__ import annotations

import ast

import libcst as cst
import libcst.matchers as m
from libcst.metadata import (
    ParentNodeProvider,
    PositionProvider,
    QualifiedNameProvider,
    ScopeProvider,
)

from legacy2tf2.migrator import analysis
from legacy2tf2.migrator.findings import PY2_FIXED, PY2_LEFT

_BUILTINS = {"builtins.map": "map", "builtins.zip": "zip"}
#: Builtins that consume an iterable argument once, as a list would be.
_CONSUMERS = frozenset(
    {
        *("list", "tuple", "set", "frozenset", "sorted", "dict", "sum", "min", "max"),
        *("any", "all", "enumerate"),
    }
)

#: Methods that consume an iterable first argument once: ``str.join`` and TF1's optimizers'
#: ``apply_gradients(zip(grads, variables))``.
_CONSUMING_METHODS = frozenset({"join", "apply_gradients"})

#: Python 2's dict methods that returned lists, where Python 3's return views.
_DICT_VIEWS = frozenset({"keys", "values", "items"})
#: The ``random`` functions that take a sequence (a view fails in them).
_RANDOM_SEQUENCE = frozenset({"random.choice", "random.sample", "random.shuffle"})

Change = tuple[int, int, str, str]


class _ListResults(cst.CSTTransformer):
    METADATA_DEPENDENCIES = (
        QualifiedNameProvider,
        PositionProvider,
        ParentNodeProvider,
        ScopeProvider,
    )

    def __init__(self) -> None:
        super().__init__()
        self.changes: list[Change] = []
        self._mutated: set[str] = set()

    def visit_Module(self, node: cst.Module) -> None:
        self._mutated = _mutated_names(node)

    def _kept_range(self, call: cst.Call) -> bool:
        """``call`` is the builtin ``range(...)`` assigned to a name the file mutates (a
        Python 3 range refuses that: ``idx = range(n)`` then ``random.shuffle(idx)``)."""
        names = {q.name for q in self.get_metadata(QualifiedNameProvider, call.func, set())}
        if names != {"builtins.range"}:
            return False
        parent = self.get_metadata(ParentNodeProvider, call, None)
        return (
            isinstance(parent, cst.Assign)
            and len(parent.targets) == 1
            and isinstance(parent.targets[0].target, cst.Name)
            and parent.targets[0].target.value in self._mutated
        )

    def _builtin(self, func: cst.BaseExpression) -> str | None:
        names = {q.name for q in self.get_metadata(QualifiedNameProvider, func, set())}
        return _BUILTINS.get(names.pop()) if len(names) == 1 else None

    def _consumed_once(self, call: cst.Call) -> bool:
        parent = self.get_metadata(ParentNodeProvider, call, None)
        if isinstance(parent, (cst.For, cst.CompFor)) and parent.iter is call:
            return True
        if not isinstance(parent, cst.Arg) or parent.keyword is not None or parent.star:
            return False
        owner = self.get_metadata(ParentNodeProvider, parent, None)
        if not isinstance(owner, cst.Call) or owner.args[0] is not parent:
            return False
        if isinstance(owner.func, cst.Attribute):
            method = owner.func.attr.value
            return method in _CONSUMING_METHODS and (len(owner.args) == 1 or method != "join")
        if len(owner.args) != 1:
            return False
        names = {q.name for q in self.get_metadata(QualifiedNameProvider, owner.func, set())}
        return len(names) == 1 and names.pop().removeprefix("builtins.") in _CONSUMERS

    def _needs_list(self, call: cst.Call) -> bool:
        """Whether the view ``call`` returns is used where only Python 2's list serves."""
        parent = self.get_metadata(ParentNodeProvider, call, None)
        if isinstance(parent, cst.Subscript):
            return parent.value is call
        if not isinstance(parent, cst.Arg) or parent.star:
            return False
        owner = self.get_metadata(ParentNodeProvider, parent, None)
        if not isinstance(owner, cst.Call):
            return False
        names = {q.name for q in self.get_metadata(QualifiedNameProvider, owner.func, set())}
        if len(names) != 1:
            return False
        name = names.pop()
        return name.startswith("numpy.") or name in _RANDOM_SEQUENCE

    def _dict_view(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
        func = original_node.func
        if not isinstance(func, cst.Attribute) or original_node.args:
            return updated_node
        if not self._needs_list(original_node):
            return updated_node
        method = func.attr.value
        call = cst.Module([]).code_for_node(original_node)
        shown = call if len(call) <= 40 and "\n" not in call else f"....{method}()"
        start = self.get_metadata(PositionProvider, original_node).start
        self.changes.append(
            (
                start.line,
                start.column + 1,
                PY2_FIXED,
                f"Python 2's .{method}() returned a list, Python 3's a view (not subscriptable, "
                f"a 0-d object array to NumPy): changed to list({shown})",
            )
        )
        return cst.Call(func=cst.Name("list"), args=[cst.Arg(value=updated_node)])

    def _padded_map(self, original: cst.Call, updated: cst.Call) -> cst.BaseExpression:
        """``map(f, a, b)`` -> ``list(itertools.starmap(f, itertools.zip_longest(a, b)))``.

        Python 2 called ``f`` on the items of the iterables padded with None to the longest, and
        returned the list; Python 3's ``map`` stops at the shortest and is an iterator. Where
        ``itertools`` names anything but the module in the file, it is reported instead.
        """
        start = self.get_metadata(PositionProvider, original).start
        scope = self.get_metadata(ScopeProvider, original, None)
        bound = [] if scope is None else list(scope["itertools"])
        if scope is None or not all(_imports_itertools(a) for a in bound):
            self.changes.append(
                (
                    start.line,
                    start.column + 1,
                    PY2_LEFT,
                    "Python 2's map(f, a, b) padded the shorter iterables with None (Python 3's "
                    "stops at the shortest): write list(itertools.starmap(f, "
                    "itertools.zip_longest(a, b))) (itertools is another name here)",
                )
            )
            return updated
        comma = cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
        iterables = [a.with_changes(comma=comma) for a in updated.args[1:]]
        iterables[-1] = iterables[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
        zipped = cst.Call(cst.Attribute(cst.Name("itertools"), cst.Name("zip_longest")), iterables)
        function = updated.args[0].with_changes(comma=comma)
        starmap = cst.Call(
            cst.Attribute(cst.Name("itertools"), cst.Name("starmap")),
            [function, cst.Arg(zipped)],
            lpar=updated.lpar,
            rpar=updated.rpar,
        )
        self.changes.append(
            (
                start.line,
                start.column + 1,
                PY2_FIXED,
                "Python 2's map(f, a, b) padded the shorter iterables with None and returned a "
                "list (Python 3's stops at the shortest, an iterator): changed to "
                "list(itertools.starmap(f, itertools.zip_longest(a, b)))",
            )
        )
        if self._consumed_once(original):
            return starmap
        return cst.Call(func=cst.Name("list"), args=[cst.Arg(value=starmap)])

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
        func = original_node.func
        if isinstance(func, cst.Attribute) and func.attr.value in _DICT_VIEWS:
            return self._dict_view(original_node, updated_node)
        builtin = self._builtin(original_node.func)
        if builtin is None and self._kept_range(original_node):
            start = self.get_metadata(PositionProvider, original_node).start
            self.changes.append(
                (
                    start.line,
                    start.column + 1,
                    PY2_FIXED,
                    "Python 2's range() returned a list, which this file mutates; Python 3's "
                    "range refuses that: changed to list(range(...))",
                )
            )
            return cst.Call(func=cst.Name("list"), args=[cst.Arg(value=updated_node)])
        if builtin is None or any(a.keyword is not None for a in original_node.args):
            return updated_node
        if builtin == "map":
            if len(original_node.args) < 2 or any(a.star for a in original_node.args):
                return updated_node
            first = original_node.args[0].value
            if isinstance(first, cst.Name) and first.value == "None":
                return updated_node  # Python 2's zip-longest (py2_names)
            if len(original_node.args) > 2:
                return self._padded_map(original_node, updated_node)
        if self._consumed_once(original_node):
            return updated_node
        start = self.get_metadata(PositionProvider, original_node).start
        self.changes.append(
            (
                start.line,
                start.column + 1,
                PY2_FIXED,
                f"Python 2's {builtin}() returned a list, Python 3's a one-shot iterator: "
                f"changed to list({builtin}(...))",
            )
        )
        return cst.Call(func=cst.Name("list"), args=[cst.Arg(value=updated_node)])


#: List methods that change the list in place (a Python 3 range has none of them).
_MUTATING_METHODS = frozenset({"append", "extend", "insert", "remove", "pop", "sort", "reverse"})
#: Functions that shuffle their first argument in place.
_SHUFFLES = ("shuffle",)


def _mutated_names(module: cst.Module) -> set[str]:
    """Names the module mutates as a list, by name whatever the scope: the first argument of a
    ``shuffle(...)`` call (``random.shuffle``, ``np.random.shuffle``), the object of a list
    method that changes it (``idx.append(x)``), a subscript assignment target (``idx[0] = 1``).
    A name matched in another scope only makes a ``range`` a list there, which Python 2's was."""
    found: set[str] = set()
    for call in m.findall(module, m.Call()):
        func = call.func  # type: ignore[attr-defined]
        args = call.args  # type: ignore[attr-defined]
        if (
            isinstance(func, cst.Attribute)
            and isinstance(func.value, cst.Name)
            and func.attr.value in _MUTATING_METHODS
        ):
            found.add(func.value.value)
        name = func.attr.value if isinstance(func, cst.Attribute) else getattr(func, "value", None)
        if name in _SHUFFLES and args and isinstance(args[0].value, cst.Name):
            found.add(args[0].value.value)
    for target in m.findall(module, m.AssignTarget(target=m.Subscript(value=m.Name()))):
        found.add(target.target.value.value)  # type: ignore[attr-defined]
    return found


def _imports_itertools(assignment: object) -> bool:
    """Whether ``assignment`` binds ``itertools`` by ``import itertools`` (or is the builtin
    scope's nothing)."""
    node = getattr(assignment, "node", None)
    if node is None:
        return True
    return isinstance(node, cst.Import) and any(
        isinstance(a.name, cst.Name) and a.name.value == "itertools" and a.asname is None
        for a in node.names
    )


def fix_list_results(source: bytes) -> tuple[bytes, list[Change]]:
    """Wrap in ``list(...)`` the builtin ``map``/``zip`` calls of ``source`` kept as lists, and
    the ``.keys()``/``.values()``/``.items()`` views used as only Python 2's lists could be.

    Returns:
        The new source and its changes, (line, col, code, message), positioned in ``source``.
    """
    words = (b"map(", b"zip(", b"keys()", b"values()", b"items()", b"range(")
    if not any(word in source for word in words):
        return source, []
    transformer = _ListResults()
    new = analysis.wrapper(analysis.parse(source)).visit(transformer)
    if not transformer.changes:
        return source, []
    return new.bytes, transformer.changes


def _binds(tree: ast.Module, names: frozenset[str]) -> bool:
    """Whether anything in ``tree`` binds one of ``names`` (then it is not the builtin)."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)):
            bound = node.id
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            bound = node.name
        elif isinstance(node, ast.arg):
            bound = node.arg
        elif isinstance(node, ast.alias):
            bound = node.asname or node.name.split(".")[0]
        else:
            continue
        if bound in names:
            return True
    return False


def _list_result(node: ast.expr, builtins: frozenset[str]) -> bool:
    return (
        isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in builtins
    )


def concatenates_list_results(tree: ast.Module) -> bool:
    """Whether ``tree`` adds a builtin ``map``/``zip`` result to a list, or gives one to NumPy:
    certainly Python 2 code.

    ``map(_letter_to_number, name) + [_EON]`` joined Python 2's lists; on Python 3 every such
    ``+`` raises ``TypeError`` (an iterator has no ``+``), so a file holding one was written for
    Python 2 even when it shows no Python 2 statement (``from __future__ import print_function``).
    Operands: the call itself and a list display, a list comprehension or another such call.
    ``np.array(map(int, line))``, also as the items of a list display or comprehension
    (``np.array([map(f, s) for s in rows])``), made Python 2's array of the numbers; on Python 3
    NumPy makes an object array holding the iterators, which no program means.
    """
    kinds = frozenset(_BUILTINS.values())
    found = _numpy_reads_list_results(tree, kinds)
    for node in ast.walk(tree):
        if found:
            break
        if not isinstance(node, ast.BinOp) or not isinstance(node.op, ast.Add):
            continue
        left, right = node.left, node.right
        listy = (ast.List, ast.ListComp)
        if (
            _list_result(left, kinds) and (isinstance(right, listy) or _list_result(right, kinds))
        ) or (_list_result(right, kinds) and isinstance(left, listy)):
            found = True
            break
    return found and not _binds(tree, kinds)


def _numpy_reads_list_results(tree: ast.Module, kinds: frozenset[str]) -> bool:
    """Whether a NumPy function of the module's ``numpy`` import is given a builtin
    ``map``/``zip`` result, directly or as the items of a list or tuple display or of a list
    comprehension, as its first argument."""
    aliases = {
        alias.asname or alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
        if alias.name == "numpy"
    }
    if not aliases:
        return False
    for node in ast.walk(tree):
        if not (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id in aliases
            and node.args
        ):
            continue
        first = node.args[0]
        items = (
            first.elts
            if isinstance(first, (ast.List, ast.Tuple))
            else [first.elt]
            if isinstance(first, ast.ListComp)
            else [first]
        )
        if any(_list_result(item, kinds) for item in items):
            return True
    return False
