"""TF 0.x's ``from tensorflow.models.rnn.translate import data_utils``, read only for its ids.

The translate tutorial's ``seq2seq_model.py`` (copied into countless chatbots, usually beside a
modified ``data_utils.py`` of their own) imported the tutorial's ``data_utils`` from TensorFlow
itself, which TF 1.0 removed, and read only ``data_utils.PAD_ID`` and ``data_utils.GO_ID`` from it.
The rewrite reports that import (L2T006) and the program stopped there.

Where the import is a module-level line of its own and every use of the name it binds reads one
of the tutorial's integer ids (``PAD_ID``, ``GO_ID``, ``EOS_ID``, ``UNK_ID``: 0, 1, 2, 3 in every
TF 0.x release), it becomes ``from legacy2tf2.runtime import translate_data_utils as data_utils``
on its line (L2T010): the ids the program read from TensorFlow, not those of a local copy, which
may differ. Any other use (a function, a vocabulary string, the module passed on) keeps the import,
reported as before.
"""

from __future__ import annotations

import libcst as cst
from libcst.metadata import PositionProvider

from legacy2tf2.migrator import analysis
from legacy2tf2.migrator.findings import PRE_1_0_CALL
from legacy2tf2.migrator.module_reads import reads_only_attributes

_MODULE = "tensorflow.models.rnn.translate"
#: the tutorial's integer ids, the same in TF 0.5-0.12
IDS = frozenset({"PAD_ID", "GO_ID", "EOS_ID", "UNK_ID"})
RUNTIME = "legacy2tf2.runtime.translate_data_utils"

Change = tuple[int, int, str, str]


def _bound_name(line: cst.SimpleStatementLine) -> str | None:
    """The name ``from tensorflow.models.rnn.translate import data_utils [as x]`` binds, when
    ``line`` is that import alone."""
    if len(line.body) != 1 or not isinstance(line.body[0], cst.ImportFrom):
        return None
    statement = line.body[0]
    if (
        statement.relative
        or statement.module is None
        or isinstance(statement.names, cst.ImportStar)
    ):
        return None
    if cst.Module([]).code_for_node(statement.module) != _MODULE or len(statement.names) != 1:
        return None
    alias = statement.names[0]
    if not isinstance(alias.name, cst.Name) or alias.name.value != "data_utils":
        return None
    if alias.asname is None:
        return "data_utils"
    name = alias.asname.name
    return name.value if isinstance(name, cst.Name) else None


class _Import(cst.CSTTransformer):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(self, line: cst.SimpleStatementLine, name: str) -> None:
        super().__init__()
        self.changes: list[Change] = []
        self._line = line
        self._name = name

    def leave_SimpleStatementLine(
        self, original_node: cst.SimpleStatementLine, updated_node: cst.SimpleStatementLine
    ) -> cst.SimpleStatementLine:
        if original_node is not self._line:
            return updated_node
        start = self.get_metadata(PositionProvider, original_node).start
        self.changes.append(
            (
                start.line,
                start.column + 1,
                PRE_1_0_CALL,
                "tensorflow.models.rnn.translate (TF 0.x's translate tutorial, removed in TF "
                "1.0) is read here only for its ids (PAD_ID 0, GO_ID 1, EOS_ID 2, UNK_ID 3 in "
                f"every TF 0.x release): imported from {RUNTIME}",
            )
        )
        module, _, leaf = RUNTIME.rpartition(".")
        statement = cst.parse_statement(f"from {module} import {leaf} as {self._name}\n")
        assert isinstance(statement, cst.SimpleStatementLine)
        return updated_node.with_changes(body=statement.body)


def fix_translate_ids(source: bytes) -> tuple[bytes, list[Change]]:
    """``from tensorflow.models.rnn.translate import data_utils`` read only for the tutorial's ids
    -> ``from legacy2tf2.runtime import translate_data_utils as data_utils``.

    Returns:
        The new source and its changes, (line, col, code, message), positioned in ``source``
        (lines kept).
    """
    if b"models.rnn.translate import" not in source:
        return source, []
    wrapper = analysis.wrapper(analysis.parse(source))
    for line in wrapper.module.body:
        if not isinstance(line, cst.SimpleStatementLine):
            continue
        name = _bound_name(line)
        if name is not None and reads_only_attributes(wrapper, name, IDS):
            transformer = _Import(line, name)
            new = wrapper.visit(transformer)
            return new.bytes, transformer.changes
    return source, []
