"""Python 2's ``exec (code) in ns`` that Python 3 parses as a comparison (a pass of ``--full``'s
:mod:`legacy2tf2.migrator.py2_names`).

Python 2's ``exec`` was a statement: ``exec(code) in ns`` ran ``code`` with ``ns`` as its
namespace (the parentheses only group the code), ``exec(code) in g, l`` with ``g`` and ``l``.
Python 3 parses both lines, as a comparison: ``exec(code)`` runs in the current namespace, then
``None in ns`` is computed and dropped, so the names the code assigns never reach ``ns`` and the
program goes on without them (or, at module level, with them as globals instead). Such a
statement is changed to ``exec(code, ns)`` / ``exec(code, g, l)`` (L2T022), exactly Python 2's
call. Only an expression statement of that shape whose ``exec`` is the builtin is changed: no
Python 3 program writes a comparison whose value it drops.
"""

from __future__ import annotations

import libcst as cst
from libcst.metadata import BuiltinAssignment, PositionProvider, ScopeProvider

from legacy2tf2.migrator import analysis
from legacy2tf2.migrator.noting import Change, NotingTransformer
from legacy2tf2.migrator.py2_tables import FIXED

_MESSAGE = (
    "Python 2 `exec(code) in ns` (an exec statement; Python 3 reads it as exec(code) in the "
    "current namespace, then `None in ns`) changed to exec(code, ns)"
)


class _ExecIn(NotingTransformer):
    METADATA_DEPENDENCIES = (PositionProvider, ScopeProvider)

    def _code(self, node: cst.BaseExpression) -> cst.Arg | None:
        """The code argument of ``node`` when it is the comparison ``exec(code) in ns``."""
        if not (
            isinstance(node, cst.Comparison)
            and not node.lpar
            and len(node.comparisons) == 1
            and isinstance(node.comparisons[0].operator, cst.In)
            and isinstance(node.left, cst.Call)
            and not node.left.lpar
            and isinstance(node.left.func, cst.Name)
            and node.left.func.value == "exec"
            and len(node.left.args) == 1
            and node.left.args[0].keyword is None
            and not node.left.args[0].star
        ):
            return None
        scope = self.get_metadata(ScopeProvider, node.left.func, None)
        if scope is None or not all(isinstance(a, BuiltinAssignment) for a in scope["exec"]):
            return None
        return node.left.args[0]

    def _spaces(self, node: cst.BaseExpression) -> bool:
        """Whether ``node`` (an expression statement's value) is ``exec(code) in ns`` or
        ``exec(code) in g, l``."""
        if isinstance(node, cst.Tuple) and not node.lpar and len(node.elements) == 2:
            first, second = node.elements
            return (
                isinstance(first, cst.Element)
                and isinstance(second, cst.Element)
                and second.comma is cst.MaybeSentinel.DEFAULT
                and self._code(first.value) is not None
            )
        return self._code(node) is not None

    def leave_Expr(self, original_node: cst.Expr, updated_node: cst.Expr) -> cst.Expr:
        if not self._spaces(original_node.value):
            return updated_node
        value = updated_node.value
        if isinstance(value, cst.Tuple):
            comparison, local = (element.value for element in value.elements)
            spaces = [comparison.comparisons[0].comparator, local]
        else:
            comparison = value
            spaces = [comparison.comparisons[0].comparator]
        code = comparison.left.args[0]
        comma = cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
        args = [code.with_changes(comma=comma)]
        args += [cst.Arg(space, comma=comma) for space in spaces[:-1]]
        args.append(cst.Arg(spaces[-1]))
        self._note(original_node, FIXED, _MESSAGE)
        return updated_node.with_changes(value=cst.Call(cst.Name("exec"), args))


def fix_exec_in(module: cst.Module) -> tuple[cst.Module, list[Change]]:
    """``exec(code) in ns`` -> ``exec(code, ns)``, ``exec(code) in g, l`` -> ``exec(code, g, l)``:
    Python 2's exec statement with namespaces, which Python 3 parses as a dropped comparison.

    Returns:
        The new module (lines unchanged) and its changes, positioned in ``module``.
    """
    transformer = _ExecIn()
    new = analysis.wrapper(module).visit(transformer)
    return new, transformer.changes
