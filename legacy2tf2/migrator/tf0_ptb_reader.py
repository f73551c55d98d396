"""TF 0.x's ``from tensorflow.models.rnn.ptb import reader``, read only for the reader's functions.

TF 0.5-0.12 shipped the PTB tutorial's ``reader`` inside TensorFlow; tutorial copies, course
notebooks and book code imported it from there and read their text with ``reader.ptb_raw_data``
and ``reader.ptb_iterator`` (TF 0.5-0.10) or ``reader.ptb_producer`` (TF 0.11-0.12). TF 1.0 removed
it: the rewrite reports the import (L2T006) and the program stopped there.

Where every use reads one of the reader's functions (those three, and ``_read_words``,
``_build_vocab``, ``_file_to_word_ids``, which programs imported to number their own text), the
import becomes the runtime's copy of them on its line (L2T010):

- ``from tensorflow.models.rnn.ptb import reader [as r]`` and ``import
  tensorflow.models.rnn.ptb.reader as r``, a module-level line of its own whose name is bound
  nowhere else and read only as ``r.<function>`` -> ``from legacy2tf2.runtime import ptb_reader as
  r``;
- ``from tensorflow.models.rnn.ptb.reader import f, g`` naming only those functions -> ``from
  legacy2tf2.runtime.ptb_reader import f, g``.

The functions TensorFlow gave the program, not those of a ``reader.py`` of its own, which may
differ. Any other use (another name, the module passed on) keeps the import, reported as before.
"""

from __future__ import annotations

import libcst as cst
from libcst.metadata import PositionProvider

from legacy2tf2.migrator import analysis
from legacy2tf2.migrator.findings import PRE_1_0_CALL
from legacy2tf2.migrator.module_reads import reads_only_attributes

PACKAGE = "tensorflow.models.rnn.ptb"
MODULE = PACKAGE + ".reader"
RUNTIME = "legacy2tf2.runtime.ptb_reader"
#: the reader's functions programs read (TF 0.5-0.12), all in the runtime module
FUNCTIONS = frozenset(
    {
        "ptb_raw_data",
        "ptb_iterator",
        "ptb_producer",
        "_read_words",
        "_build_vocab",
        "_file_to_word_ids",
    }
)

Change = tuple[int, int, str, str]


def _dotted(node: cst.BaseExpression) -> str:
    return cst.Module([]).code_for_node(node)


def _alias_name(alias: cst.ImportAlias) -> str | None:
    """The name an import alias binds (``as`` name, else its own), or ``None`` if dotted."""
    if alias.asname is not None:
        name = alias.asname.name
        return name.value if isinstance(name, cst.Name) else None
    return alias.name.value if isinstance(alias.name, cst.Name) else None


def _module_import(line: cst.SimpleStatementLine) -> str | None:
    """The name a line binds to the reader module: ``from tensorflow.models.rnn.ptb import
    reader [as r]`` or ``import tensorflow.models.rnn.ptb.reader as r``, alone on the line."""
    if len(line.body) != 1:
        return None
    statement = line.body[0]
    if isinstance(statement, cst.ImportFrom):
        if (
            statement.relative
            or statement.module is None
            or isinstance(statement.names, cst.ImportStar)
            or _dotted(statement.module) != PACKAGE
            or len(statement.names) != 1
        ):
            return None
        alias = statement.names[0]
        if not isinstance(alias.name, cst.Name) or alias.name.value != "reader":
            return None
        return _alias_name(alias)
    if isinstance(statement, cst.Import) and len(statement.names) == 1:
        alias = statement.names[0]
        if alias.asname is not None and _dotted(alias.name) == MODULE:
            return _alias_name(alias)
    return None


def _function_import(line: cst.SimpleStatementLine) -> bool:
    """``from tensorflow.models.rnn.ptb.reader import f, g [as h]`` naming only
    :data:`FUNCTIONS`, alone on the line."""
    if len(line.body) != 1 or not isinstance(line.body[0], cst.ImportFrom):
        return False
    statement = line.body[0]
    if (
        statement.relative
        or statement.module is None
        or isinstance(statement.names, cst.ImportStar)
        or _dotted(statement.module) != MODULE
    ):
        return False
    return all(
        isinstance(alias.name, cst.Name) and alias.name.value in FUNCTIONS
        for alias in statement.names
    )


class _Imports(cst.CSTTransformer):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(self, lines: dict[cst.SimpleStatementLine, str | None]) -> None:
        super().__init__()
        self.changes: list[Change] = []
        self._lines = lines

    def leave_SimpleStatementLine(
        self, original_node: cst.SimpleStatementLine, updated_node: cst.SimpleStatementLine
    ) -> cst.SimpleStatementLine:
        if original_node not in self._lines:
            return updated_node
        name = self._lines[original_node]
        start = self.get_metadata(PositionProvider, original_node).start
        self.changes.append(
            (
                start.line,
                start.column + 1,
                PRE_1_0_CALL,
                f"{MODULE} (TF 0.x's PTB tutorial reader, removed in TF 1.0) is read here only "
                f"for its functions: imported from {RUNTIME}, which computes what they did",
            )
        )
        if name is not None:
            package, _, leaf = RUNTIME.rpartition(".")
            text = f"from {package} import {leaf} as {name}\n"
        else:
            statement = original_node.body[0]
            assert isinstance(statement, cst.ImportFrom)
            names = cst.Module([]).code_for_node(
                statement.with_changes(module=cst.parse_expression(RUNTIME))
            )
            text = names + "\n"
        new = cst.parse_statement(text)
        assert isinstance(new, cst.SimpleStatementLine)
        return updated_node.with_changes(body=new.body)


def fix_ptb_reader(source: bytes) -> tuple[bytes, list[Change]]:
    """TF 0.x's PTB reader imported from TensorFlow and read only for its functions -> the
    runtime's :mod:`legacy2tf2.runtime.ptb_reader`.

    Returns:
        The new source and its changes, (line, col, code, message), positioned in ``source``
        (lines kept).
    """
    if b"models.rnn.ptb" not in source:
        return source, []
    wrapper = analysis.wrapper(analysis.parse(source))
    lines: dict[cst.SimpleStatementLine, str | None] = {}
    for line in wrapper.module.body:
        if not isinstance(line, cst.SimpleStatementLine):
            continue
        name = _module_import(line)
        if name is not None and reads_only_attributes(wrapper, name, FUNCTIONS):
            lines[line] = name
        elif _function_import(line):
            lines[line] = None
    if not lines:
        return source, []
    transformer = _Imports(lines)
    new = wrapper.visit(transformer)
    return new.bytes, transformer.changes
