"""Python 2 print statements whose first item is parenthesized, which Python 3 parses as a call of
``print`` inside an expression (a pass of ``--full``'s :mod:`legacy2tf2.migrator.py2_names`).

``print ("loss %f") % loss`` and ``print ("step"), step`` parse under Python 3, as
``(print("loss %f")) % loss`` and the tuple ``(print("step"), step)``: the first prints the
unformatted string and raises ``TypeError`` (``None % float``), the second silently prints
``step`` alone and drops the value. Python 2 printed ``"loss %f" % loss`` and ``step 3``. In a file
without ``from __future__ import print_function`` (where Python 2 read ``print`` as a statement),
such an expression statement becomes the call Python 2's statement made (L2T022):

- ``print (fmt) % args`` -> ``print((fmt) % args)`` (also ``+``, ``*`` and the other binary
  operators, whose left operand the group was);
- ``print (a), b, c`` -> ``print((a), b, c)``; with a trailing comma, ``end=" "``;
  ``print (a, b), c`` -> ``print((a, b), c)`` (Python 2 printed the tuple).
"""

from __future__ import annotations

import libcst as cst
import libcst.matchers as m
from libcst.metadata import BuiltinAssignment, PositionProvider, ScopeProvider

from legacy2tf2.migrator import analysis
from legacy2tf2.migrator.noting import Change, NotingTransformer
from legacy2tf2.migrator.py2_tables import FIXED

_SPACE = cst.SimpleWhitespace(" ")
_NONE = cst.SimpleWhitespace("")


def _group(call: cst.Call) -> cst.BaseExpression | None:
    """What Python 2 printed for ``print (...)``: the parenthesized expression or tuple."""
    if any(a.keyword is not None or a.star for a in call.args):
        return None
    if len(call.args) == 1:
        value = call.args[0].value
        return value.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])
    elements = [cst.Element(a.value) for a in call.args]
    return cst.Tuple(elements)


class _PrintGroups(NotingTransformer):
    METADATA_DEPENDENCIES = (PositionProvider, ScopeProvider)

    def _print_call(self, node: cst.BaseExpression) -> bool:
        """Whether ``node`` is an unparenthesized call of the builtin ``print``."""
        if not (
            isinstance(node, cst.Call)
            and not node.lpar
            and isinstance(node.func, cst.Name)
            and node.func.value == "print"
        ):
            return False
        scope = self.get_metadata(ScopeProvider, node.func, None)
        return scope is not None and all(isinstance(a, BuiltinAssignment) for a in scope["print"])

    def leave_Expr(self, original_node: cst.Expr, updated_node: cst.Expr) -> cst.Expr:
        value = original_node.value
        if isinstance(value, cst.BinaryOperation) and not value.lpar:
            return self._operation(original_node, updated_node)
        if isinstance(value, cst.Tuple) and not value.lpar and value.elements:
            return self._items(original_node, updated_node)
        return updated_node

    def _leftmost(self, node: cst.BaseExpression) -> cst.BaseExpression:
        while isinstance(node, cst.BinaryOperation) and not node.lpar:
            node = node.left
        return node

    def _operation(self, original: cst.Expr, updated: cst.Expr) -> cst.Expr:
        """``print (fmt) % args`` -> ``print((fmt) % args)``."""
        if not self._print_call(self._leftmost(original.value)):
            return updated
        call = self._leftmost(updated.value)
        group = _group(call)
        if group is None or len(call.args) != 1:
            return updated  # a tuple on the left failed on Python 2 too

        def replaced(node: cst.BaseExpression) -> cst.BaseExpression:
            if node is call:
                return group
            assert isinstance(node, cst.BinaryOperation)
            return node.with_changes(left=replaced(node.left))

        self._note(
            original,
            FIXED,
            "Python 2 print statement `print (fmt) % args` (Python 3: print(fmt), then None % "
            "args) changed to print((fmt) % args)",
        )
        printed = replaced(updated.value)
        return updated.with_changes(value=cst.Call(cst.Name("print"), [cst.Arg(printed)]))

    def _items(self, original: cst.Expr, updated: cst.Expr) -> cst.Expr:
        """``print (a), b`` -> ``print((a), b)``; a trailing comma -> ``end=" "``."""
        first = original.value.elements[0]
        if not isinstance(first, cst.Element) or not self._print_call(first.value):
            return updated
        elements = updated.value.elements
        if any(not isinstance(e, cst.Element) for e in elements):
            return updated  # a starred item: not a Python 2 print statement
        group = _group(elements[0].value)
        if group is None:
            return updated
        comma = cst.Comma(whitespace_after=_SPACE)
        values = [group, *(e.value for e in elements[1:])]
        args = [cst.Arg(v, comma=comma) for v in values]
        if elements[-1].comma is not cst.MaybeSentinel.DEFAULT:  # Python 2's softspace
            equal = cst.AssignEqual(whitespace_before=_NONE, whitespace_after=_NONE)
            args.append(cst.Arg(cst.SimpleString('" "'), keyword=cst.Name("end"), equal=equal))
        else:
            args[-1] = args[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
        self._note(
            original,
            FIXED,
            "Python 2 print statement `print (a), b` (Python 3: a tuple of print(a) and b; b "
            "never printed) changed to print((a), b)",
        )
        return updated.with_changes(value=cst.Call(cst.Name("print"), args))


def _print_function(module: cst.Module) -> bool:
    return bool(
        m.findall(
            module,
            m.ImportFrom(
                module=m.Name("__future__"),
                names=[
                    m.ZeroOrMore(),
                    m.ImportAlias(name=m.Name("print_function")),
                    m.ZeroOrMore(),
                ],
            ),
        )
    )


def fix_print_groups(module: cst.Module) -> tuple[cst.Module, list[Change]]:
    """Python 2 print statements with a parenthesized first item, which Python 3 parses as
    ``print(...)`` inside an operation or a tuple, changed to the call Python 2 made.

    Returns:
        The new module (lines unchanged) and its changes, positioned in ``module``.
    """
    shapes = m.Expr(
        value=m.BinaryOperation()
        | m.Tuple(elements=[m.Element(value=m.Call(func=m.Name("print"))), m.ZeroOrMore()])
    )
    if "print" not in analysis.code(module) or not m.findall(module, shapes):
        return module, []
    if _print_function(module):
        return module, []
    transformer = _PrintGroups()
    new = analysis.wrapper(module).visit(transformer)
    return new, transformer.changes
