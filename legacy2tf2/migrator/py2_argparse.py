"""Python 2.7's ``argparse.ArgumentParser(version=...)`` (a ``--full`` step).

Python 2.7's ``ArgumentParser`` took ``version=`` (deprecated there) and then added ``-v`` and
``--version``, an ``action='version'`` argument printing it ("show program's version number and
exit"); Python 3's ``ArgumentParser`` has no such parameter, so a TF1 program written for Python
2 stopped at once: ``TypeError: ArgumentParser.__init__() got an unexpected keyword argument
'version'``.

``parser = argparse.ArgumentParser(..., version=V, ...)``, a statement of its own assigning the
parser to a name or attribute, loses ``version=V`` and is followed, on the same line, by
``parser.add_argument('-v', '--version', action='version', version=V)`` (L2T022): the same
arguments in the same order (``-h`` first), the same help text and action. A parser made
elsewhere (returned, passed on) is left as it is.
"""

from __future__ import annotations

import libcst as cst
from libcst.metadata import PositionProvider, QualifiedNameProvider

from legacy2tf2.migrator import analysis
from legacy2tf2.migrator.findings import PY2_FIXED

_PARSER = "argparse.ArgumentParser"
_KEYWORD = "version"

Change = tuple[int, int, str, str]


class _ParserVersion(cst.CSTTransformer):
    METADATA_DEPENDENCIES = (QualifiedNameProvider, PositionProvider)

    def __init__(self) -> None:
        super().__init__()
        self.changes: list[Change] = []

    def _parser_call(self, statement: cst.SimpleStatementLine) -> cst.Assign | None:
        """The statement's ``X = argparse.ArgumentParser(..., version=V)``, or None."""
        if len(statement.body) != 1 or not isinstance(statement.body[0], cst.Assign):
            return None
        assign = statement.body[0]
        call = assign.value
        if len(assign.targets) != 1 or not isinstance(call, cst.Call):
            return None
        if not isinstance(assign.targets[0].target, (cst.Name, cst.Attribute)):
            return None
        names = {q.name for q in self.get_metadata(QualifiedNameProvider, call.func, set())}
        if names != {_PARSER}:
            return None
        if not any(a.keyword is not None and a.keyword.value == _KEYWORD for a in call.args):
            return None
        return assign

    def leave_SimpleStatementLine(
        self, original_node: cst.SimpleStatementLine, updated_node: cst.SimpleStatementLine
    ) -> cst.SimpleStatementLine:
        assign = self._parser_call(original_node)
        if assign is None:
            return updated_node
        new_assign = updated_node.body[0]
        assert isinstance(new_assign, cst.Assign) and isinstance(new_assign.value, cst.Call)
        call = new_assign.value
        args = [a for a in call.args if not (a.keyword and a.keyword.value == _KEYWORD)]
        (version,) = [a for a in call.args if a.keyword and a.keyword.value == _KEYWORD]
        if args:
            args[-1] = args[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
        target = cst.Module([]).code_for_node(new_assign.targets[0].target)
        value = cst.Module([]).code_for_node(version.value)
        added = cst.parse_statement(
            f"{target}.add_argument('-v', '--version', action='version', version={value})\n"
        )
        assert isinstance(added, cst.SimpleStatementLine)
        start = self.get_metadata(PositionProvider, assign).start
        self.changes.append(
            (
                start.line,
                start.column + 1,
                PY2_FIXED,
                "Python 2.7's argparse.ArgumentParser(version=...), which Python 3 refuses "
                f"(TypeError): written as {target}.add_argument('-v', '--version', "
                "action='version', version=...), the arguments Python 2.7 added for it",
            )
        )
        first = new_assign.with_changes(
            value=call.with_changes(args=args),
            semicolon=cst.Semicolon(whitespace_after=cst.SimpleWhitespace(" ")),
        )
        # on the same line: the lines of the file (and the positions of findings) are kept
        return updated_node.with_changes(body=[first, *added.body])


def fix_parser_versions(source: bytes) -> tuple[bytes, list[Change]]:
    """Replace Python 2.7's ``ArgumentParser(version=...)`` in ``source`` by its arguments.

    Returns:
        The new source and its changes, (line, col, code, message), positioned in ``source``.
    """
    if b"ArgumentParser" not in source or b"version" not in source:
        return source, []
    transformer = _ParserVersion()
    new = analysis.wrapper(analysis.parse(source)).visit(transformer)
    if not transformer.changes:
        return source, []
    return new.bytes, transformer.changes
