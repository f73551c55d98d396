"""Python 2's implicit relative imports in a package's ``__init__.py`` (a ``--full`` step).

Python 2 looked a bare module name up in the importing module's own package first: a package
``hmlstm/`` whose ``__init__.py`` says ``from hmlstm_network import HMLSTMNetwork`` imported
``hmlstm/hmlstm_network.py``. Python 3 (PEP 328) imports absolutely only, so the same line stops
the package with ``ModuleNotFoundError: No module named 'hmlstm_network'`` (or, worse, loads an
installed module of that name). A package's ``__init__.py`` only runs when the package is
imported, so the module Python 2 found is always the package's own: ``from hmlstm_network
import X`` becomes ``from .hmlstm_network import X`` and ``import data_utils`` becomes ``from .
import data_utils``, the same module bound to the same name, wherever the name is a module
(``name.py`` or ``name/__init__.py``) beside the ``__init__.py``. A file with ``from __future__
import absolute_import`` (Python 2 then imported absolutely too) and ``import a.b`` (which binds
``a``) are left.
"""

from __future__ import annotations

import os

import libcst as cst
from libcst.metadata import PositionProvider

from legacy2tf2.migrator import analysis
from legacy2tf2.migrator.findings import PY2_FIXED

#: (line, col, code, message), 1-based, in the input.
Change = tuple[int, int, str, str]


def _head(node: cst.BaseExpression) -> str | None:
    """The first name of a dotted module name (``a`` of ``a.b.c``)."""
    while isinstance(node, cst.Attribute):
        node = node.value
    return node.value if isinstance(node, cst.Name) else None


class _PackageImports(cst.CSTTransformer):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(self, siblings: frozenset[str]) -> None:
        super().__init__()
        self.siblings = siblings
        self.changes: list[Change] = []

    def _report(self, node: cst.CSTNode, old: str, new: cst.CSTNode) -> None:
        start = self.get_metadata(PositionProvider, node).start
        text = cst.Module([]).code_for_node(new)
        self.changes.append(
            (
                start.line,
                start.column + 1,
                PY2_FIXED,
                f"{old}: Python 2 imported the package's own module here (an implicit "
                f"relative import, which Python 3 removed): changed to {text}",
            )
        )

    def leave_ImportFrom(
        self, original_node: cst.ImportFrom, updated_node: cst.ImportFrom
    ) -> cst.ImportFrom:
        if original_node.relative or original_node.module is None:
            return updated_node
        if _head(original_node.module) not in self.siblings:
            return updated_node
        new = updated_node.with_changes(relative=[cst.Dot()])
        old = cst.Module([]).code_for_node(original_node)
        self._report(original_node, old, new)
        return new

    def leave_Import(
        self, original_node: cst.Import, updated_node: cst.Import
    ) -> cst.Import | cst.ImportFrom:
        names = original_node.names
        if not all(
            isinstance(alias.name, cst.Name) and alias.name.value in self.siblings
            for alias in names
        ):
            return updated_node
        new = cst.ImportFrom(
            module=None,
            names=updated_node.names,
            relative=[cst.Dot()],
            whitespace_after_from=cst.SimpleWhitespace(" "),
            whitespace_before_import=cst.SimpleWhitespace(" "),
            whitespace_after_import=updated_node.whitespace_after_import,
        )
        old = cst.Module([]).code_for_node(original_node)
        self._report(original_node, old, new)
        return new


def _absolute_import(module: cst.Module) -> bool:
    """``from __future__ import absolute_import`` (Python 2 then imported absolutely)."""
    for statement in module.body:
        if not isinstance(statement, cst.SimpleStatementLine):
            continue
        for small in statement.body:
            if (
                isinstance(small, cst.ImportFrom)
                and isinstance(small.module, cst.Name)
                and small.module.value == "__future__"
                and not isinstance(small.names, cst.ImportStar)
                and any(
                    isinstance(a.name, cst.Name) and a.name.value == "absolute_import"
                    for a in small.names
                )
            ):
                return True
    return False


def _package_modules(directory: str) -> frozenset[str]:
    """The modules of the package in ``directory``: ``name.py`` and ``name/__init__.py``."""
    try:
        entries = os.listdir(directory or ".")
    except OSError:
        return frozenset()
    found = set()
    for entry in entries:
        full = os.path.join(directory, entry)
        if entry.endswith(".py") and entry != "__init__.py" and os.path.isfile(full):
            found.add(entry[:-3])
        elif os.path.isfile(os.path.join(full, "__init__.py")):
            found.add(entry)
    return frozenset(name for name in found if name.isidentifier())


def fix_implicit_relative_imports(source: bytes, path: str) -> tuple[bytes, list[Change]]:
    """Make a package ``__init__.py``'s imports of its own modules explicitly relative, as
    Python 2 resolved them (see the module docstring).

    Args:
        source: the file's bytes.
        path: the file's path; only a file named ``__init__.py`` whose directory holds the
            imported module changes.

    Returns:
        The new source (``source`` itself when nothing changed) and every change as
        (line, col, code, message), positioned in ``source``.
    """
    if os.path.basename(path) != "__init__.py" or b"import" not in source:
        return source, []
    siblings = _package_modules(os.path.dirname(path))
    if not siblings:
        return source, []
    module = analysis.parse(source)
    if _absolute_import(module):
        return source, []
    transformer = _PackageImports(siblings)
    new = analysis.wrapper(module, unsafe_skip_copy=True).visit(transformer)
    if not transformer.changes:
        return source, []
    return new.bytes, sorted(transformer.changes)
