"""Python 2's ``text.encode("utf-8")`` used as text (a ``--full`` step for Python 2 code).

Python 2 programs encoded their unicode text to a UTF-8 byte string before printing or writing
it (``text = model.sample(...).encode("utf-8")`` and then ``f.write(text + "\\n")``, or
``print(words.encode("utf-8"))``): a Python 2 byte string was text, joined with ``"\\n"``,
formatted with ``%s`` and printed as its characters. On Python 3 ``encode`` gives ``bytes``:
``bytes + "\\n"`` raises TypeError, and ``print(b)``, ``"%s" % b``, ``"{}".format(b)`` and
``str(b)`` silently give ``b'...'`` instead of the text.

Where the encoded value is used only as text, the ``.encode(...)`` call is removed (L2T022): the
program then prints and writes the same characters, which a UTF-8 stream (Python 3's default
on Linux and macOS) stores as the same bytes Python 2 wrote. Used as text means, for the call
itself or for a name assigned it once and read only so:

- an operand of ``+`` whose other operand is text (a string literal, a ``+`` chain holding one,
  ``str(...)``, a ``%`` or ``.format`` of a string literal);
- the right operand of ``%`` of a string literal, or an item of its tuple;
- an argument of the builtin ``print`` or ``str`` (one argument), or of a string literal's
  ``.format``.

Only ``.encode`` with a UTF-8 encoding given as a string literal (``"utf-8"``, ``'utf8'``, any
case; no ``errors``) is removed; another encoding (a console's ``gbk``) is left, as is every
value also used another way (written to a binary file, hashed, sent): those need the bytes.
Only code that is certainly Python 2 (``--full`` changed or reported a Python 2 statement or name
in the file) is changed: Python 3 code that encodes means the bytes.
"""

from __future__ import annotations

import libcst as cst
from libcst.metadata import (
    BuiltinAssignment,
    ParentNodeProvider,
    PositionProvider,
    ScopeProvider,
)

from legacy2tf2.migrator import analysis
from legacy2tf2.migrator.findings import PY2_FIXED
from legacy2tf2.migrator.py2_imports import tests_python_version

Change = tuple[int, int, str, str]

_UTF8 = frozenset({"utf-8", "utf8", "utf_8"})
#: Builtins whose argument is shown as text: ``print(b)`` and ``str(b)`` give ``b'...'``.
_TEXT_BUILTINS = frozenset({"print", "str"})


def _is_str_literal(node: cst.BaseExpression) -> bool:
    if isinstance(node, cst.SimpleString):
        return "b" not in node.prefix.lower()
    if isinstance(node, cst.FormattedString):
        return "b" not in node.start.lower()
    if isinstance(node, cst.ConcatenatedString):
        return _is_str_literal(node.left) and _is_str_literal(node.right)
    return False


def _utf8_encode(call: cst.Call) -> bool:
    """``x.encode("utf-8")`` (or ``encoding="utf8"``): one UTF-8 literal, nothing else."""
    func = call.func
    if not (isinstance(func, cst.Attribute) and func.attr.value == "encode"):
        return False
    if len(call.args) != 1:
        return False
    arg = call.args[0]
    if arg.star or (arg.keyword is not None and arg.keyword.value != "encoding"):
        return False
    value = arg.value
    if not (isinstance(value, cst.SimpleString) and _is_str_literal(value)):
        return False
    return str(value.evaluated_value).lower() in _UTF8


class _TextEncodes(cst.CSTTransformer):
    METADATA_DEPENDENCIES = (ParentNodeProvider, PositionProvider, ScopeProvider)

    def __init__(self) -> None:
        super().__init__()
        self.changes: list[Change] = []
        self._version_tests = 0
        self._drop: set[cst.Call] = set()

    def _parent(self, node: cst.CSTNode) -> cst.CSTNode | None:
        return self.get_metadata(ParentNodeProvider, node, None)

    def _builtin(self, node: cst.BaseExpression, names: frozenset[str]) -> bool:
        if not (isinstance(node, cst.Name) and node.value in names):
            return False
        scope = self.get_metadata(ScopeProvider, node, None)
        if scope is None:
            return False
        return all(isinstance(a, BuiltinAssignment) for a in scope[node.value])

    def _is_text(self, node: cst.BaseExpression) -> bool:
        """``node`` is certainly a str on Python 3 (a literal, ``str(...)``, a format of one)."""
        if _is_str_literal(node):
            return True
        if isinstance(node, cst.BinaryOperation):
            if isinstance(node.operator, cst.Add):
                return self._is_text(node.left) or self._is_text(node.right)
            if isinstance(node.operator, cst.Modulo):
                return _is_str_literal(node.left)
            return False
        if isinstance(node, cst.Call):
            func = node.func
            if isinstance(func, cst.Attribute) and func.attr.value == "format":
                return _is_str_literal(func.value)
            return self._builtin(func, frozenset({"str"}))
        return False

    def _text_use(self, node: cst.BaseExpression) -> bool:
        """The value of ``node`` is only shown or joined as text where it stands."""
        parent = self._parent(node)
        if isinstance(parent, cst.BinaryOperation):
            if isinstance(parent.operator, cst.Add):
                other = parent.right if parent.left is node else parent.left
                return self._is_text(other)
            if isinstance(parent.operator, cst.Modulo):
                return parent.right is node and _is_str_literal(parent.left)
            return False
        if isinstance(parent, cst.Element) and isinstance(self._parent(parent), cst.Tuple):
            items = self._parent(parent)
            owner = self._parent(items)  # type: ignore[arg-type]
            return (
                isinstance(owner, cst.BinaryOperation)
                and isinstance(owner.operator, cst.Modulo)
                and owner.right is items
                and _is_str_literal(owner.left)
            )
        if isinstance(parent, cst.Arg) and not parent.star:
            call = self._parent(parent)
            if not isinstance(call, cst.Call):
                return False
            func = call.func
            if isinstance(func, cst.Attribute) and func.attr.value == "format":
                return _is_str_literal(func.value)
            if parent.keyword is not None:
                return False
            if self._builtin(func, frozenset({"print"})):
                return True
            return self._builtin(func, frozenset({"str"})) and len(call.args) == 1
        return False

    def _assigned_text(self, call: cst.Call) -> bool:
        """``name = x.encode(...)``, the one binding of ``name``, read only as text."""
        assign = self._parent(call)
        if not (
            isinstance(assign, cst.Assign)
            and len(assign.targets) == 1
            and isinstance(assign.targets[0].target, cst.Name)
        ):
            return False
        target = assign.targets[0].target
        scope = self.get_metadata(ScopeProvider, target, None)
        if scope is None:
            return False
        bindings = list(scope[target.value])
        if len(bindings) != 1 or getattr(bindings[0], "node", None) is not target:
            return False
        references = bindings[0].references
        return bool(references) and all(
            isinstance(ref.node, cst.Name) and self._text_use(ref.node) for ref in references
        )

    def visit_If(self, node: cst.If) -> None:
        self._version_tests += tests_python_version(node)

    def leave_If(self, original_node: cst.If, updated_node: cst.If) -> cst.If:
        self._version_tests -= tests_python_version(original_node)
        return updated_node

    def visit_Call(self, node: cst.Call) -> None:
        if self._version_tests or not _utf8_encode(node):
            return
        position = self.get_metadata(PositionProvider, node)
        if position.start.line != position.end.line:
            return  # keep every line where it is
        if self._text_use(node) or self._assigned_text(node):
            self._drop.add(node)
            self.changes.append(
                (
                    position.start.line,
                    position.start.column + 1,
                    PY2_FIXED,
                    "Python 2's .encode('utf-8') gave a byte string used as text here; Python "
                    "3's bytes would print as b'...' or fail to join with str: the text is kept "
                    "as it is (.encode removed)",
                )
            )

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
        if original_node not in self._drop:
            return updated_node
        func = updated_node.func
        assert isinstance(func, cst.Attribute)
        value = func.value
        if updated_node.lpar:  # (x.encode("utf-8")) keeps its parentheses
            return value.with_changes(
                lpar=[*updated_node.lpar, *value.lpar], rpar=[*value.rpar, *updated_node.rpar]
            )
        return value


def fix_text_encodes(source: bytes) -> tuple[bytes, list[Change]]:
    """Remove the UTF-8 ``.encode`` calls of Python 2 code whose result is only used as text.

    Args:
        source: the source of a file that is certainly Python 2 code.

    Returns:
        The new source and its changes, (line, col, code, message), positioned in ``source``;
        lines are kept.
    """
    if b".encode(" not in source:
        return source, []
    transformer = _TextEncodes()
    new = analysis.wrapper(analysis.parse(source)).visit(transformer)
    if not transformer.changes:
        return source, []
    return new.bytes, transformer.changes
