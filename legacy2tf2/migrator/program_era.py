"""The TF version a file ran with, told by the other files of its program (a run-wide decision).

A TF1 program is often a few files: ``train.py`` and ``translate.py`` import ``seq2seq_model.py``.
The era evidence (:mod:`legacy2tf2.migrator.era`) may sit in one file (``tf.nn.seq2seq`` in the
model) while a decision that needs it sits in another (``MultiRNNCell([cell] * n)`` in the
script); each file alone then cannot tell its TF version. The files of one program ran in one
process, under one TensorFlow, so that version is one every file of the program allows.

A *program* is a file of the run that no other file of the run imports (a script, or any
notebook) with every file of the run it imports, directly or through the modules it imports
(found as :mod:`legacy2tf2.migrator.py2_modules` finds them: beside the importing file, or
relative to its package). The eras of a program are those every one of its files' strong
evidence allows (a program whose files contradict each other tells nothing). A file in several
programs (a model module shared by a TF 0.12 ``train.py`` and a TF 1.2 ``serve.py``) ran under
any of theirs: it is told only the union, which decides nothing where they differ.

The runner asks for this only after a file's own evidence left a decision open (an ``L2T005``,
``L2T014``, ``L2T024`` or ``L2T025`` finding) in a run of several files, then processes that file
again with the program's eras as one more piece of evidence (:func:`era.program`). Files in an
import cycle that no script of the run enters are in no program and are told nothing.
"""

from __future__ import annotations

import ast
import os
import re
from collections.abc import Callable, Sequence

from legacy2tf2.migrator import era
from legacy2tf2.migrator.era import EraReport, Evidence
from legacy2tf2.migrator.files import SourceFile, read_source
from legacy2tf2.migrator.py2_modules import (
    _imports,
    _notebook_code,
    _resolve,
    _tree,
    module_name,
)
from legacy2tf2.migrator.py2_syntax import fix_python2_syntax

_WORD = re.compile(rb"[A-Za-z_][A-Za-z0-9_]*")

#: How many of a program's files a message names before "and N more".
_NAMED_FILES = 3


def _code(file: SourceFile, data: bytes) -> tuple[bytes, list[ast.Module]] | None:
    """The Python code of ``file`` whose bytes are ``data`` (a notebook's code cells joined;
    Python 2 statements of a ``.py`` file repaired on their lines) and its syntax trees."""
    if file.is_notebook:
        found = _notebook_code(data)
        if found is None:
            return None
        trees = [tree for tree, _ in map(_tree, found[0]) if tree is not None]
        return b"\n".join(ast.unparse(tree).encode("utf-8") for tree in trees), trees
    try:
        return data, [ast.parse(data)]
    except (SyntaxError, ValueError):
        repaired, _ = fix_python2_syntax(data)
        try:
            return repaired, [ast.parse(repaired)]
        except (SyntaxError, ValueError):
            return None


def _strong_report(code: bytes, tree: ast.Module | None) -> EraReport | None:
    """The era report of ``code`` by its strong evidence alone (None: no TensorFlow in it).

    Told over ``ast`` where :mod:`.era_ast` tells it exactly (``tree`` is ``code``'s), else by
    libcst as :func:`era.detect_era`."""
    if b"tensorflow" not in code:
        return None
    from legacy2tf2.migrator import era_ast
    from legacy2tf2.migrator.locate import AstResolver, Fallback

    with era.program(None), era.recorded(None):
        if tree is not None:
            try:
                return era_ast.detect(AstResolver(tree, code)).strong_only()
            except Fallback:
                pass
        import libcst as cst

        try:
            module = cst.parse_module(code)
        except cst.ParserSyntaxError:
            return None
        return era.detect_era(module).strong_only()


class _Run:
    """The run's files, their local imports and era reports, each computed when first asked."""

    def __init__(self, files: Sequence[SourceFile]) -> None:
        self.nodes = {os.path.normpath(f.real): f for f in files}
        self._modules = {p: f for p, f in self.nodes.items() if not f.is_notebook}
        self._data: dict[str, bytes] = {}
        self._code: dict[str, tuple[bytes, list[ast.Module]] | None] = {}
        self._imports: dict[str, frozenset[str]] = {}
        self._reports: dict[str, EraReport | None] = {}
        self._importers: dict[str, list[str]] = {}
        self._names: frozenset[bytes] | None = None

    def data(self, path: str) -> bytes:
        if path not in self._data:
            data = read_source(self.nodes[path])
            self._data[path] = data if isinstance(data, bytes) else b""
        return self._data[path]

    def code(self, path: str) -> tuple[bytes, list[ast.Module]] | None:
        if path not in self._code:
            self._code[path] = _code(self.nodes[path], self.data(path))
        return self._code[path]

    def _module_names(self) -> frozenset[bytes]:
        """Every name an import of one of the run's modules must spell."""
        if self._names is None:
            self._names = frozenset(map(module_name, self._modules))
        return self._names

    def imports(self, path: str) -> frozenset[str]:
        """The run's files that ``path`` imports."""
        if path not in self._imports and not (
            self._module_names() & set(_WORD.findall(self.data(path)))
        ):
            self._imports[path] = frozenset()  # it spells no module of the run: no parse
        if path not in self._imports:
            found = self.code(path)
            directory = os.path.dirname(path)
            self._imports[path] = frozenset(
                target
                for tree in (found[1] if found is not None else [])
                for level, name in _imports(tree)
                for target in _resolve(directory, level, name, self._modules)
                if target != path
            )
        return self._imports[path]

    def importers(self, path: str) -> list[str]:
        """The run's files that import ``path`` (only files whose text names it are parsed)."""
        if path not in self._importers:
            name = module_name(path)
            found = [
                other
                for other in self.nodes
                if other != path and name in self.data(other) and path in self.imports(other)
            ]
            self._importers[path] = found
        return self._importers[path]

    def report(self, path: str) -> EraReport | None:
        """The strong evidence of ``path``, where it narrows the eras without contradiction."""
        if path not in self._reports:
            found = self.code(path)
            report = None
            if found is not None:
                code, trees = found
                one = trees[0] if len(trees) == 1 and not self.nodes[path].is_notebook else None
                report = _strong_report(code, one)
            if report is not None and (
                report.conflicting or report.possible == frozenset(era.ERAS)
            ):
                report = None
            self._reports[path] = report
        return self._reports[path]

    def roots(self, path: str) -> set[str]:
        """The scripts and notebooks whose programs hold ``path``."""
        roots: set[str] = set()
        seen = {path}
        queue = [path]
        while queue:
            current = queue.pop()
            importers = self.importers(current)
            if not importers or self.nodes[current].is_notebook:
                roots.add(current)
            for importer in importers:
                if importer not in seen:
                    seen.add(importer)
                    queue.append(importer)
        return roots


def program_evidence(files: Sequence[SourceFile], wanted: Sequence[str]) -> dict[str, Evidence]:
    """Evidence of the TF version each file of ``wanted`` (``real`` paths of the run's files)
    ran with, told by the other files of its programs; files told nothing more than every era
    are left out."""
    run = _Run(files)
    evidence: dict[str, Evidence] = {}
    for real in wanted:
        path = os.path.normpath(real)
        programs = [_reachable(root, run.imports) for root in run.roots(path)]
        if all(program == {path} for program in programs):
            continue  # a file alone is told nothing its own evidence did not tell
        told: set[str] = set()
        tellers: set[str] = set()
        for program in programs:
            eras = frozenset(era.ERAS)
            for member in program:
                report = run.report(member)
                if report is not None:
                    eras &= report.possible
            if not eras:  # the program's files contradict each other: it tells nothing
                eras = frozenset(era.ERAS)
            told |= eras
            tellers.update(p for p in program if p != path and run.report(p) is not None)
        if not tellers or frozenset(told) == frozenset(era.ERAS):
            continue
        reports = {p: run.report(p) for p in tellers}
        evidence[real] = Evidence(
            0, 0, _describe(path, sorted(tellers), reports, run.nodes), frozenset(told)
        )
    return evidence


def _reachable(root: str, imports: Callable[[str], frozenset[str]]) -> set[str]:
    seen = {root}
    queue = [root]
    while queue:
        for target in imports(queue.pop()):
            if target not in seen:
                seen.add(target)
                queue.append(target)
    return seen


def _describe(path: str, tellers: list[str], reports: dict[str, EraReport], nodes) -> str:
    base = os.path.dirname(path)
    named = []
    for teller in tellers[:_NAMED_FILES]:
        report = reports[teller]
        if nodes[teller].is_notebook:  # lines of its joined cells would point nowhere
            what = ", ".join(dict.fromkeys(item.what for item in report.evidence))
        else:
            what = report.describe()
        named.append(f"{os.path.relpath(teller, base)}: {what}")
    more = len(tellers) - _NAMED_FILES
    if more > 0:
        named.append(f"and {more} more")
    return "the other files of its program (" + "; ".join(named) + ")"
