"""Python 2 modules in imports, changed to their Python 3 names (a pass of ``--full``'s
:mod:`legacy2tf2.migrator.py2_names`).

``import cPickle`` -> ``import pickle as cPickle`` (``Queue``, ``ConfigParser``, ``__builtin__``
alike), ``from sys import maxint`` -> ``from sys import maxsize as maxint``, ``from itertools
import izip`` -> ``izip = zip``; imports inside a ``try`` that catches ``ImportError`` are shims
that work on Python 3 and stay. Also adds the imports the names pass needs (``import
functools`` for ``functools.reduce``) after the file's leading imports.
"""

from __future__ import annotations

import libcst as cst
import libcst.matchers as m
from libcst.metadata import PositionProvider

from legacy2tf2.migrator.noting import NotingTransformer
from legacy2tf2.migrator.py2_tables import (
    BROAD_ERRORS,
    FIXED,
    ITERTOOLS_BUILTINS,
    LEFT,
    MODULES,
    RENAMED_ATTRIBUTES,
    REPORTED_ATTRIBUTES,
    REPORTED_MODULES,
    VERSION_NAMES,
)

Change = tuple[int, int, str, str]  # line, column (1-based), code, message


def dotted(node: cst.BaseExpression | None) -> str:
    """``a.b.c`` of a Name/Attribute chain; "" for anything else."""
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        head = dotted(node.value)
        return f"{head}.{node.attr.value}" if head else ""
    return ""


def catches(node: cst.Try, error: str) -> bool:
    """Whether ``node`` catches ``error`` (by name, ``Exception``, or a bare ``except``)."""
    for handler in node.handlers:
        if handler.type is None:
            return True
        types = handler.type.elements if isinstance(handler.type, cst.Tuple) else [handler.type]
        for element in types:
            value = element.value if isinstance(element, cst.Element) else element
            if dotted(value).rpartition(".")[2] in {error, *BROAD_ERRORS}:
                return True
    return False


def tests_python_version(node: cst.If) -> bool:
    """Whether ``node`` branches on the Python version (``sys.version_info``, ``six.PY2``)."""
    names = {n.value for n in m.findall(node.test, m.Name())}
    return bool(names & VERSION_NAMES)


def _catches_import_error(node: cst.Try) -> bool:
    return catches(node, "ImportError") or catches(node, "ModuleNotFoundError")


class Python2Imports(NotingTransformer):
    """Rename Python 2 modules and module attributes in imports; add ``modules`` at the top."""

    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(self, modules: set[str]) -> None:
        super().__init__()
        self._modules = modules  # to import: `functools` for `functools.reduce`, ...
        self._guarded = 0  # depth of `except ImportError` and Python-version `if` blocks
        self._extra_lines: list[list[cst.SimpleStatementLine]] = []
        self._import_lines: set[cst.BaseStatement] = set()

    def visit_Try(self, node: cst.Try) -> None:
        self._guarded += _catches_import_error(node)

    def leave_Try(self, original_node: cst.Try, updated_node: cst.Try) -> cst.Try:
        self._guarded -= _catches_import_error(original_node)
        return updated_node

    def visit_If(self, node: cst.If) -> None:
        self._guarded += tests_python_version(node)

    def leave_If(self, original_node: cst.If, updated_node: cst.If) -> cst.If:
        self._guarded -= tests_python_version(original_node)
        return updated_node

    def visit_SimpleStatementLine(self, node: cst.SimpleStatementLine) -> None:
        self._extra_lines.append([])

    def leave_SimpleStatementLine(
        self, original_node: cst.SimpleStatementLine, updated_node: cst.SimpleStatementLine
    ) -> cst.BaseStatement | cst.FlattenSentinel[cst.BaseStatement]:
        extra = self._extra_lines.pop()
        if _is_import_line(original_node):  # still the file's import block
            self._import_lines.update([updated_node, *extra])
        if not extra:
            return updated_node
        return cst.FlattenSentinel([updated_node, *extra])

    def leave_Module(self, original_node: cst.Module, updated_node: cst.Module) -> cst.Module:
        if not self._modules:
            return updated_node
        body = list(updated_node.body)
        at = 1 if body and _is_docstring(body[0]) else 0
        while at < len(body) and (_is_import_line(body[at]) or body[at] in self._import_lines):
            at += 1
        imports = [
            cst.SimpleStatementLine([cst.Import([cst.ImportAlias(cst.Name(module))])])
            for module in sorted(self._modules)
        ]
        return updated_node.with_changes(body=[*body[:at], *imports, *body[at:]])

    def leave_Import(self, original_node: cst.Import, updated_node: cst.Import) -> cst.Import:
        if self._guarded:
            return updated_node
        names = []
        for alias in updated_node.names:
            module = dotted(alias.name)
            if module in REPORTED_MODULES:
                self._note(
                    original_node, LEFT, f"Python 2 module {module}: {REPORTED_MODULES[module]}"
                )
            if module not in MODULES:
                names.append(alias)
                continue
            new = MODULES[module]
            bound = alias.asname.name.value if alias.asname else module
            asname = None if bound == new else cst.AsName(cst.Name(bound))
            names.append(alias.with_changes(name=cst.Name(new), asname=asname))
            self._note(original_node, FIXED, _module_message(module, new))
        return updated_node.with_changes(names=names)

    def leave_ImportFrom(
        self, original_node: cst.ImportFrom, updated_node: cst.ImportFrom
    ) -> cst.BaseSmallStatement:
        if self._guarded or updated_node.relative:
            return updated_node
        module = dotted(updated_node.module)
        if module in REPORTED_MODULES:
            self._note(original_node, LEFT, f"Python 2 module {module}: {REPORTED_MODULES[module]}")
        if module in MODULES:
            self._note(original_node, FIXED, _module_message(module, MODULES[module]))
            updated_node = updated_node.with_changes(module=cst.Name(MODULES[module]))
        if isinstance(updated_node.names, cst.ImportStar):
            return updated_node
        in_line = bool(self._extra_lines)
        kept: list[cst.ImportAlias] = []
        bindings: list[tuple[str, str]] = []
        for alias in updated_node.names:
            name = f"{module}.{dotted(alias.name)}"
            bound = alias.asname.name.value if alias.asname else dotted(alias.name)
            if name in RENAMED_ATTRIBUTES:
                new = RENAMED_ATTRIBUTES[name]
                self._note(original_node, FIXED, f"{name} changed to its Python 3 name {new}")
                asname = None if bound == new else cst.AsName(cst.Name(bound))
                kept.append(alias.with_changes(name=cst.Name(new), asname=asname))
            elif name in ITERTOOLS_BUILTINS and (in_line or len(updated_node.names) == 1):
                builtin = ITERTOOLS_BUILTINS[name]
                self._note(original_node, FIXED, f"{name} is the builtin {builtin} on Python 3")
                bindings.append((bound, builtin))
            else:
                if name in REPORTED_ATTRIBUTES:
                    self._note(original_node, LEFT, f"{name}: {REPORTED_ATTRIBUTES[name]}")
                elif name in ITERTOOLS_BUILTINS:
                    message = (
                        f"{name} left (is the builtin {ITERTOOLS_BUILTINS[name]}): import it alone"
                    )
                    self._note(original_node, LEFT, message)
                kept.append(alias)
        if not bindings:
            return updated_node.with_changes(names=_without_last_comma(kept))
        assign = cst.Assign(
            [cst.AssignTarget(_tuple_or_one([cst.Name(b) for b, _ in bindings]))],
            _tuple_or_one([cst.Name(v) for _, v in bindings]),
        )
        if not kept:
            return assign
        self._extra_lines[-1].append(cst.SimpleStatementLine([assign]))
        return updated_node.with_changes(names=_without_last_comma(kept))


def _module_message(old: str, new: str) -> str:
    message = f"Python 2 module {old} is {new} on Python 3"
    if new == "pickle":
        message += (
            " (it reads Python 2 pickles; one holding Python 2 str objects, NumPy arrays "
            "among them, may need pickle.load(f, encoding='latin1'))"
        )
    return message


def _tuple_or_one(names: list[cst.Name]) -> cst.BaseExpression:
    return (
        names[0]
        if len(names) == 1
        else cst.Tuple([cst.Element(n) for n in names], lpar=[], rpar=[])
    )


def _without_last_comma(aliases: list[cst.ImportAlias]) -> list[cst.ImportAlias]:
    if aliases and aliases[-1].comma is not cst.MaybeSentinel.DEFAULT:
        aliases[-1] = aliases[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
    return aliases


def _is_docstring(statement: cst.BaseStatement) -> bool:
    return (
        isinstance(statement, cst.SimpleStatementLine)
        and len(statement.body) == 1
        and isinstance(statement.body[0], cst.Expr)
        and isinstance(statement.body[0].value, (cst.SimpleString, cst.ConcatenatedString))
    )


def _is_import_line(statement: cst.BaseStatement) -> bool:
    return isinstance(statement, cst.SimpleStatementLine) and all(
        isinstance(s, (cst.Import, cst.ImportFrom)) for s in statement.body
    )
