"""Assertions of the TF 0.x/1.x release a program was written for (a ``--full`` step).

TF1 programs pin the release they were written against with ``assert tf.__version__ ==
'1.0.1'``, ``assert tf.__version__.startswith('1.')``, ``assert tf.VERSION in ('0.12.0',
'0.12.1')`` or ``assert LooseVersion(tf.__version__) < LooseVersion('1.2')``. The migrated
program runs on TF 2, so such an assertion stops it at import although the rewrite has already
given every call the meaning it had in that release. An ``assert`` whose test reads nothing but
the TensorFlow version, string literals among which a TF 0.x or 1.x version, and the usual
version helpers (``LooseVersion``, ``StrictVersion``, ``packaging.version.parse``,
``pkg_resources.parse_version``) is removed (``pass`` where it was a block's only statement) and
reported. Any other test of the version (``if tf.__version__ != '1.0.1': raise ...``, an
assertion that also reads other names) is left as it is.

A module-level import of ``distutils`` or ``pkg_resources`` that nothing reads once such an
assertion is gone is removed with it: Python 3.12 has no ``distutils``, and ``pkg_resources``
needs a ``setuptools`` that new virtual environments lack, so the import alone would stop the
migrated program.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

import libcst as cst
from libcst.metadata import PositionProvider, QualifiedNameProvider

from legacy2tf2.migrator import analysis
from legacy2tf2.migrator.findings import PRE_1_0_CALL
from legacy2tf2.migrator.unused_contrib import drop_unused_imports

#: The TensorFlow version, as qualified names.
VERSION_NAMES: frozenset[str] = frozenset(
    {
        "tensorflow.__version__",
        "tensorflow.VERSION",
        "tensorflow.version.VERSION",
        "tensorflow.compat.v1.VERSION",
        "tensorflow.compat.v1.__version__",
        "tensorflow.compat.v1.version.VERSION",
    }
)

#: Functions that turn a version string into a comparable version (qualified names).
VERSION_PARSERS: frozenset[str] = frozenset(
    {
        "distutils.version.LooseVersion",
        "distutils.version.StrictVersion",
        "packaging.version.parse",
        "packaging.version.Version",
        "pkg_resources.parse_version",
    }
)

#: A TF 0.x or 1.x release, or a prefix of one (``'1'``, ``'1.'``, ``'0.12'``, ``'1.0.0-rc1'``).
_TF1_RELEASE = re.compile(r"^[01](\.\d*)*([-.]?(rc|a|b)\d*)?$")

#: (line, col, code, message), 1-based, in the input.
Change = tuple[int, int, str, str]

CHANGED = PRE_1_0_CALL


class _VersionTest:
    """Whether an expression only compares the TensorFlow version with literals."""

    def __init__(self, qualified: Callable[[cst.CSTNode], Iterable[object]]) -> None:
        self._qualified = qualified
        self.tf1_literal = False

    def _names(self, node: cst.CSTNode) -> set[str]:
        return {q.name for q in self._qualified(node)}  # type: ignore[attr-defined]

    def _version(self, node: cst.BaseExpression) -> bool:
        """The TensorFlow version, a slice or index of it, or a version parser called on it."""
        if isinstance(node, cst.Subscript):
            return self._version(node.value)
        if isinstance(node, cst.Call):
            return (
                bool(self._names(node.func) & VERSION_PARSERS)
                and len(node.args) == 1
                and not node.args[0].star
                and self._version(node.args[0].value)
            )
        if isinstance(node, (cst.Attribute, cst.Name)):
            return bool(self._names(node) & VERSION_NAMES)
        return False

    def _literal(self, node: cst.BaseExpression) -> bool:
        """A string literal (or a tuple/list of them, or a version parser called on one)."""
        if isinstance(node, cst.SimpleString):
            value = node.evaluated_value
            text = value.decode() if isinstance(value, bytes) else value
            if _TF1_RELEASE.match(text):
                self.tf1_literal = True
            return True
        if isinstance(node, (cst.Tuple, cst.List)):
            return bool(node.elements) and all(
                not isinstance(e, cst.StarredElement) and self._literal(e.value)
                for e in node.elements
            )
        if isinstance(node, cst.Call):
            return (
                bool(self._names(node.func) & VERSION_PARSERS)
                and len(node.args) == 1
                and not node.args[0].star
                and self._literal(node.args[0].value)
            )
        return False

    def test(self, node: cst.BaseExpression) -> bool:
        """``node`` reads the TensorFlow version and literals only, through comparisons,
        ``startswith``/``endswith``, ``not``, ``and``/``or`` and parentheses."""
        if isinstance(node, cst.BooleanOperation):
            return self.test(node.left) and self.test(node.right)
        if isinstance(node, cst.UnaryOperation) and isinstance(node.operator, cst.Not):
            return self.test(node.expression)
        if isinstance(node, cst.Comparison):
            sides = [node.left, *(c.comparator for c in node.comparisons)]
            versions = [s for s in sides if self._version(s)]
            return bool(versions) and all(self._version(s) or self._literal(s) for s in sides)
        if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute):
            return (
                node.func.attr.value in ("startswith", "endswith")
                and self._version(node.func.value)
                and len(node.args) == 1
                and not node.args[0].star
                and self._literal(node.args[0].value)
            )
        return False


class VersionAssertTransformer(cst.CSTTransformer):
    """Remove assertions of the TF 0.x/1.x release that runs the program."""

    METADATA_DEPENDENCIES = (QualifiedNameProvider, PositionProvider)

    def __init__(self) -> None:
        super().__init__()
        self.changes: list[Change] = []
        #: (first, last) input lines of each statement line removed whole
        self.removed_lines: list[tuple[int, int]] = []

    def _qualified(self, node: cst.CSTNode) -> set[object]:
        return self.get_metadata(QualifiedNameProvider, node, set())

    def _is_version_assert(self, node: cst.BaseSmallStatement) -> bool:
        if not isinstance(node, cst.Assert):
            return False
        test = _VersionTest(self._qualified)
        return test.test(node.test) and test.tf1_literal

    def leave_SimpleStatementLine(
        self, original_node: cst.SimpleStatementLine, updated_node: cst.SimpleStatementLine
    ) -> cst.SimpleStatementLine | cst.RemovalSentinel:
        kept = []
        for original, updated in zip(original_node.body, updated_node.body, strict=True):
            if not self._is_version_assert(original):
                kept.append(updated)
                continue
            start = self.get_metadata(PositionProvider, original).start
            text = cst.Module([]).code_for_node(
                original.with_changes(
                    msg=None, comma=cst.MaybeSentinel.DEFAULT, semicolon=cst.MaybeSentinel.DEFAULT
                )
            )
            message = (
                f"{text.strip()} removed: it checks the TF 0.x/1.x release the program was "
                "written for, and the migrated program runs on TF 2 with that release's meaning"
            )
            self.changes.append((start.line, start.column + 1, CHANGED, message))
        if len(kept) == len(updated_node.body):
            return updated_node
        if not kept:
            position = self.get_metadata(PositionProvider, original_node)
            self.removed_lines.append((position.start.line, position.end.line))
            # an emptied block is written as `pass` by libcst
            return cst.RemoveFromParent()
        last = kept[-1]
        if isinstance(last.semicolon, cst.Semicolon):
            kept[-1] = last.with_changes(semicolon=cst.MaybeSentinel.DEFAULT)
        return updated_node.with_changes(body=kept)


def fix_version_asserts(module: cst.Module) -> tuple[cst.Module, list[Change]]:
    """Remove the module's assertions of the TF 0.x/1.x release it runs on.

    Returns the new module and every removal as (line, col, code, message).
    """
    transformer = VersionAssertTransformer()
    new = analysis.wrapper(module, unsafe_skip_copy=True).visit(transformer)
    if not transformer.changes:
        return new, []
    new, imports = drop_unused_imports(new, _version_helper_module, _version_helper_report)
    imports = [
        (_input_line(line, transformer.removed_lines), col, code, message)
        for line, col, code, message in imports
    ]
    return new, sorted(transformer.changes + imports)


def _input_line(line: int, removed: list[tuple[int, int]]) -> int:
    """The input's line of ``line`` of the source with the ``removed`` line ranges taken out."""
    for first, last in sorted(removed):
        if line >= first:
            line += last - first + 1
    return line


#: Modules of version helpers whose import fails on a current Python by itself.
_FRAGILE_HELPER_MODULES = ("distutils", "pkg_resources")


def _version_helper_module(dotted: str | None) -> bool:
    return dotted is not None and dotted.split(".")[0] in _FRAGILE_HELPER_MODULES


def _version_helper_report(names: str) -> tuple[str, str]:
    return (
        CHANGED,
        f"import of {names} removed with the TF release assertion, the only code that read it "
        "(Python 3.12 has no distutils; pkg_resources needs setuptools)",
    )
