"""The run's modules that a Python 2 program imports ran on Python 2 too (a ``--full`` decision).

A notebook of a Python 2 kernel, or a ``.py`` file with Python 2 statements (``print x``), ran on
Python 2; so did every module of the run it imports (``from data_generator import get_batch``
beside it), whatever the module's own text shows. A helper written with ``from __future__ import
print_function`` and no Python 2 statement still relied on Python 2: ``len()`` of a ``map()``
result, ``/`` between ints flooring. ``rewrite --full`` gives such a module the step of Python 2
code (:attr:`~legacy2tf2.migrator.steps.Step.for_python2`), as it does for a Python 2 notebook.
Imports are followed from module to module: a module that a Python 2 module imports is Python 2.

A module is found where the importing interpreter found it: beside the importing file (the
directory of a script or of a notebook is the first entry of ``sys.path``), as ``name.py`` or
``name/__init__.py``, and for a relative import from the importing file's package. Imports are
read from the syntax tree, so an ``import`` inside a string or a comment counts for nothing.
"""

from __future__ import annotations

import ast
import json
import os
from collections.abc import Iterable, Sequence

from legacy2tf2.migrator.files import SourceFile, read_source
from legacy2tf2.migrator.magics import mask
from legacy2tf2.migrator.py2_lists import concatenates_list_results
from legacy2tf2.migrator.py2_syntax import fix_python2_syntax


def _tree(code: bytes) -> tuple[ast.Module | None, bool]:
    """The syntax tree of ``code`` and whether it needed its Python 2 statements rewritten."""
    try:
        return ast.parse(code), False
    except (SyntaxError, ValueError):
        repaired, changes = fix_python2_syntax(code)
        if not changes:
            return None, False
        try:
            return ast.parse(repaired), True
        except (SyntaxError, ValueError):
            return None, False


def _imports(tree: ast.Module) -> list[tuple[int, str]]:
    """``(level, dotted name)`` of every module an import of ``tree`` may load."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(0, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module != "__future__":
            base = node.module or ""
            if base:
                found.append((node.level, base))
            # `from pkg import mod` and `from . import mod` may load a submodule
            prefix = f"{base}." if base else ""
            found += [(node.level, prefix + a.name) for a in node.names if a.name != "*"]
    return found


def _notebook_code(data: bytes) -> tuple[list[bytes], bool] | None:
    """The Python code of each code cell and whether the kernel was Python 2 (``None``: not JSON)."""
    from legacy2tf2.migrator.notebooks import _is_python2

    try:
        notebook = json.loads(data)
    except (ValueError, UnicodeDecodeError):
        return None
    if not isinstance(notebook, dict) or not isinstance(notebook.get("cells"), list):
        return None
    cells: list[bytes] = []
    for cell in notebook["cells"]:
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        source = cell.get("source", "")
        text = source if isinstance(source, str) else "".join(map(str, source))
        masked = mask(text)
        if masked is not None:
            cells.append(masked[0].encode("utf-8"))
    return cells, _is_python2(notebook)


def _resolve(directory: str, level: int, name: str, known: dict[str, SourceFile]) -> list[str]:
    """The run's files that ``import`` of ``name`` at ``level`` from ``directory`` loads."""
    base = directory
    for _ in range(max(level - 1, 0)):
        base = os.path.dirname(base)
    parts = name.split(".") if name else []
    found: list[str] = []
    for end in range(1, len(parts) + 1):  # `import a.b` runs a/__init__.py, then a/b.py
        stem = os.path.join(base, *parts[:end])
        for candidate in (stem + ".py", os.path.join(stem, "__init__.py")):
            if candidate in known:
                found.append(candidate)
    return found


def module_name(path: str) -> bytes:
    """The name an import of the module at ``path`` spells: its stem, or its package's for an
    ``__init__.py`` (``import pkg`` runs ``pkg/__init__.py``)."""
    stem = os.path.splitext(os.path.basename(path))[0]
    if stem == "__init__":
        stem = os.path.basename(os.path.dirname(path))
    return stem.encode("utf-8")


def _module_tree(file: SourceFile) -> tuple[ast.Module | None, bool]:
    data = read_source(file)
    if not isinstance(data, bytes):
        return None, False
    return _tree(data)


def _roots(files: Iterable[SourceFile]) -> list[tuple[SourceFile, list[ast.Module]]]:
    """The run's files that are certainly Python 2 code, each with the syntax trees of its code."""
    roots: list[tuple[SourceFile, list[ast.Module]]] = []
    for file in files:
        data = read_source(file)
        if not isinstance(data, bytes):
            continue
        if file.is_notebook:
            code = _notebook_code(data)
            if code is None:
                continue
            cells, python2 = code
            trees = [tree for tree, _ in map(_tree, cells) if tree is not None]
            if python2 or any(_tree(cell)[1] for cell in cells):
                roots.append((file, trees))
            continue
        tree, python2 = _tree(data)  # one importing nothing still runs its importers on Python 2
        if tree is not None and (python2 or concatenates_list_results(tree)):
            roots.append((file, [tree]))
    return roots


def _importers(python2: set[str], known: dict[str, SourceFile]) -> list[tuple[str, ast.Module]]:
    """The run's ``.py`` files that import a Python 2 file of ``python2``, directly or through
    other such importers, each with its syntax tree.

    A program runs on one interpreter: ``names.py`` doing ``import data_utils``, whose
    ``map(f, name) + [EON]`` only Python 2 could run, ran on Python 2 too, and its own
    ``print(map(chr, ids))`` printed Python 2's list.
    """
    found: dict[str, ast.Module] = {}
    changed = True
    while changed:
        changed = False
        targets = python2 | set(found)
        names = {module_name(p) for p in targets}
        for path, file in known.items():
            if path in targets:
                continue
            data = read_source(file)
            if not isinstance(data, bytes) or not any(name in data for name in names):
                continue
            tree, _ = _tree(data)
            if tree is None:
                continue
            directory = os.path.dirname(path)
            reached = (
                target
                for level, name in _imports(tree)
                for target in _resolve(directory, level, name, known)
            )
            if any(target in targets for target in reached):
                found[path] = tree
                changed = True
    return list(found.items())


def python2_modules(files: Sequence[SourceFile]) -> frozenset[str]:
    """The ``real`` paths of the run's ``.py`` files that a Python 2 program of the run imports.

    A Python 2 program is a notebook of a Python 2 kernel, or a file or notebook with a Python 2
    statement Python 3 cannot parse, or a file adding a ``map()``/``zip()`` result to a list
    (``map(f, name) + [EON]``, a ``TypeError`` on Python 3); a module it imports, directly or
    through modules it imports, ran on the same Python 2, and so did a ``.py`` file importing such
    a file (and the modules that importer imports). Files that are themselves Python 2 programs are left out: their own
    text already tells.
    """
    known = {os.path.normpath(f.real): f for f in files if not f.is_notebook}
    roots = _roots(files)
    own = {os.path.normpath(file.real) for file, _ in roots}
    queue = [(os.path.dirname(os.path.normpath(f.real)), trees) for f, trees in roots]
    modules: set[str] = set()
    for path, tree in _importers(own, known):
        modules.add(path)
        queue.append((os.path.dirname(path), [tree]))
    while queue:
        directory, trees = queue.pop()
        for tree in trees:
            for level, name in _imports(tree):
                for path in _resolve(directory, level, name, known):
                    if path in modules or path in own:
                        continue
                    modules.add(path)
                    module_tree, _ = _module_tree(known[path])
                    if module_tree is not None:
                        queue.append((os.path.dirname(path), [module_tree]))
    return frozenset(known[path].real for path in modules)
