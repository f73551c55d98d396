"""Python 2's implicit relative imports in a package's modules other than ``__init__.py`` (a
``--full`` step for Python 2 code).

In Python 2, ``from util import *`` in ``utils/chatbot_data_process.py`` (``utils/`` a package:
it holds ``__init__.py``) imported ``utils/util.py``, the module's sibling, when the module was
imported as ``utils.chatbot_data_process``; Python 3 imports absolutely, so the program stops with
``ModuleNotFoundError: No module named 'util'``. Such a module may also run as a script (``python
utils/chatbot_data_process.py``: its ``if __name__ == '__main__':`` block), where its directory is
the first entry of ``sys.path`` and the absolute import finds the same file. The import becomes
the one Python 2 made in each case (L2T022)::

    from util import *      ->  if __package__: from .util import *
                                else: from util import *

(``import util as u`` -> ``from . import util as u`` in the first branch). A package's
``__init__.py``, which only runs as a package, is :mod:`legacy2tf2.migrator.py2_package_imports`'
job. Only module-level imports of a sibling (``name.py`` or ``name/__init__.py`` beside the file)
in Python 2 code without ``from __future__ import absolute_import``; ``import a.b`` and several
names in one ``import`` are left.
"""

from __future__ import annotations

import os

import libcst as cst
from libcst.metadata import PositionProvider

from legacy2tf2.migrator import analysis
from legacy2tf2.migrator.findings import PY2_FIXED
from legacy2tf2.migrator.py2_package_imports import _absolute_import, _package_modules

#: (line, col, code, message), 1-based, in the source given.
Change = tuple[int, int, str, str]


class _ModuleImports(cst.CSTTransformer):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(self, siblings: frozenset[str]) -> None:
        super().__init__()
        self._siblings = siblings
        self.changes: list[Change] = []

    def _relative(self, statement: cst.BaseSmallStatement) -> cst.ImportFrom | None:
        """The relative form of ``statement`` when it imports a sibling module; else None."""
        if isinstance(statement, cst.ImportFrom):
            module = statement.module
            if statement.relative or not isinstance(module, cst.Name):
                return None
            if module.value not in self._siblings:
                return None
            return statement.with_changes(relative=[cst.Dot()])
        if isinstance(statement, cst.Import) and len(statement.names) == 1:
            alias = statement.names[0]
            if not isinstance(alias.name, cst.Name) or alias.name.value not in self._siblings:
                return None
            return cst.ImportFrom(
                module=None,
                names=[alias.with_changes(comma=cst.MaybeSentinel.DEFAULT)],
                relative=[cst.Dot()],
            )
        return None

    def leave_SimpleStatementLine(
        self, original_node: cst.SimpleStatementLine, updated_node: cst.SimpleStatementLine
    ) -> cst.BaseStatement:
        if len(updated_node.body) != 1:
            return updated_node
        statement = updated_node.body[0]
        relative = self._relative(statement)
        if relative is None:
            return updated_node
        start = self.get_metadata(PositionProvider, original_node).start
        old = cst.Module([]).code_for_node(statement).strip()
        self.changes.append(
            (
                start.line,
                start.column + 1,
                PY2_FIXED,
                f"{old}: Python 2 imported the package's own module here when this module ran "
                "in its package (an implicit relative import, which Python 3 removed): changed "
                "to `if __package__:` the relative import, `else:` (run as a script) as it was",
            )
        )
        bare = cst.MaybeSentinel.DEFAULT
        return cst.If(
            test=cst.Name("__package__"),
            body=cst.SimpleStatementSuite([relative.with_changes(semicolon=bare)]),
            orelse=cst.Else(
                body=cst.SimpleStatementSuite(
                    [statement.with_changes(semicolon=bare)],
                    trailing_whitespace=updated_node.trailing_whitespace,  # its comment
                )
            ),
            leading_lines=updated_node.leading_lines,
        )

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        return False  # imports inside functions: left

    def visit_ClassDef(self, node: cst.ClassDef) -> bool:
        return False


def fix_module_imports(source: bytes, path: str) -> tuple[bytes, list[Change]]:
    """A package module's Python 2 imports of its siblings made explicit for both ways it may
    run (see the module docstring); ``source`` is Python 2 code at ``path``.

    Returns the new source (``source`` itself when nothing changed) and the changes, positioned
    in ``source`` (each changed import takes two lines after).
    """
    if os.path.basename(path) == "__init__.py" or b"import" not in source:
        return source, []
    directory = os.path.dirname(os.path.abspath(path))
    if path == "-" or not os.path.isfile(os.path.join(directory, "__init__.py")):
        return source, []
    own = os.path.splitext(os.path.basename(path))[0]
    siblings = _package_modules(directory) - {own}
    if not siblings:
        return source, []
    module = analysis.parse(source)
    if _absolute_import(module):
        return source, []
    transformer = _ModuleImports(siblings)
    new = analysis.wrapper(module).visit(transformer)
    if not transformer.changes:
        return source, []
    return new.bytes, sorted(transformer.changes)
