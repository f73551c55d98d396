"""The scope name of a program's TF1 cell subclass written for TF 1.2+ (a ``--full`` step).

A program's subclass of a TF1 cell that defines neither ``call`` nor ``build`` (``class
MyGRU(tf.contrib.rnn.GRUCell)`` with its own ``__init__`` only, or a ``state_size`` override) put
its weights where its TensorFlow put them: TF 1.0/1.1's ``GRUCell.__call__`` opened
``variable_scope(scope or "gru_cell")``, whatever the subclass; TF 1.2+'s cells were layers,
whose default scope is the snake case of the object's class (``_to_snake_case(
self.__class__.__name__)`` of ``tensorflow/python/layers/base.py``): ``rnn/my_gru/gates/kernel``.
The runtime names such a class as TF 1.0/1.1 did, since its source does not tell the version (a
subclass defining ``call`` or ``build`` is TF 1.2+ code, named after its class already).

In a file not certainly written for TF 1.1 or earlier (:mod:`.era`, the program's files
included), such a class deriving from a runtime ``BasicRNNCell``, ``GRUCell``, ``BasicLSTMCell``
or ``LSTMCell`` gets ``scope_named_after_class=True`` among its bases (L2T010), so its weights
carry TF 1.2+'s names: a TF 1.2+ checkpoint restores into them and new checkpoints carry them.
Where the file does not tell TF 1.2+ from TF 1.0/1.1 (``tf.contrib.rnn.GRUCell`` was both), the
message says so and how to get TF 1.0/1.1's name back: TF 1.2+'s meaning is kept, as for cells
run twice (L2T005); TF 0.x's class-name scope (``MyGRU``) has no runtime equivalent. Classes
defining ``__call__`` (their own scopes) and files certainly of TF 1.1 or earlier are left.
"""

from __future__ import annotations

import re

import libcst as cst
from libcst.metadata import PositionProvider, QualifiedNameProvider

from legacy2tf2.migrator import analysis, era
from legacy2tf2.migrator.findings import PRE_1_0_CALL
from legacy2tf2.migrator.renames import RUNTIME_RNN_CELL

#: The runtime cells whose TF 1.0/1.1 ``__call__`` opened a fixed scope name -> that name.
CELLS: dict[str, str] = {
    f"{RUNTIME_RNN_CELL}.BasicRNNCell": "basic_rnn_cell",
    f"{RUNTIME_RNN_CELL}.GRUCell": "gru_cell",
    f"{RUNTIME_RNN_CELL}.BasicLSTMCell": "basic_lstm_cell",
    f"{RUNTIME_RNN_CELL}.LSTMCell": "lstm_cell",
}
KEYWORD = "scope_named_after_class"
#: Methods that name the scope themselves (``__call__``) or already tell TF 1.2+ (``call``,
#: ``build``: the runtime names such a class after itself).
_OWN_SCOPE = frozenset({"__call__", "call", "build"})

Change = tuple[int, int, str, str]


def _snake_case(name: str) -> str:
    """TF 1.2+ layers' ``_to_snake_case`` (the runtime's ``_cell_base._snake_case``, which
    imports TensorFlow): ``MyGRU`` -> ``my_gru``."""
    words = re.sub(r"(.)([A-Z][a-z0-9]+)", r"\1_\2", name)
    snake = re.sub(r"([a-z])([A-Z])", r"\1_\2", words).lower()
    return snake if not snake.startswith("_") else "private" + snake


class _Names(cst.CSTTransformer):
    METADATA_DEPENDENCIES = (QualifiedNameProvider, PositionProvider)

    def __init__(self, reason: str, certain: bool) -> None:
        super().__init__()
        self.changes: list[Change] = []
        self._reason = reason
        self._certain = certain

    def _cell_base(self, node: cst.ClassDef) -> str | None:
        for base in node.bases:
            names = {q.name for q in self.get_metadata(QualifiedNameProvider, base.value, set())}
            if len(names) == 1 and names <= CELLS.keys():
                return next(iter(names))
        return None

    def leave_ClassDef(
        self, original_node: cst.ClassDef, updated_node: cst.ClassDef
    ) -> cst.ClassDef:
        cell = self._cell_base(original_node)
        if cell is None or any(k.keyword is not None for k in original_node.keywords):
            return updated_node
        body = original_node.body.body if isinstance(original_node.body, cst.IndentedBlock) else ()
        defined = {s.name.value for s in body if isinstance(s, cst.FunctionDef)}
        if defined & _OWN_SCOPE:
            return updated_node
        name = original_node.name.value
        start = self.get_metadata(PositionProvider, original_node).start
        if self._certain:
            why = f"TF 1.2+, which this file is written for ({self._reason}),"
            after = ""
        else:
            why = (
                f"this file does not tell its TensorFlow version ({self._reason}); TF 1.2+ "
                "(kept, as for shared cells)"
            )
            after = (
                f"; if it was written for TF 1.0/1.1 (or its checkpoint holds {CELLS[cell]}), "
                f"remove {KEYWORD}=True"
            )
        self.changes.append(
            (
                start.line,
                start.column + 1,
                PRE_1_0_CALL,
                f"{name} (a {cell.rpartition('.')[2]} without call or build) got "
                f"{KEYWORD}=True: {why} named its weights' scope after the class "
                f"({_snake_case(name)}), TF 1.0/1.1 (and the runtime's default) after the "
                f"parent cell ({CELLS[cell]}){after}",
            )
        )
        bases = list(updated_node.bases)
        space = cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
        bases[-1] = bases[-1].with_changes(comma=space)
        keyword = cst.Arg(
            value=cst.Name("True"),
            keyword=cst.Name(KEYWORD),
            equal=cst.AssignEqual(
                whitespace_before=cst.SimpleWhitespace(""),
                whitespace_after=cst.SimpleWhitespace(""),
            ),
        )
        return updated_node.with_changes(bases=bases, keywords=[keyword])


def fix_cell_subclass_names(
    module: cst.Module, original: cst.Module
) -> tuple[cst.Module, list[Change]]:
    """Name cell subclasses without ``call``/``build`` after their class, as TF 1.2+ did, unless
    the program is certainly of TF 1.1 or earlier.

    Args:
        module: the source after our rewrite (its cells are the runtime's).
        original: the source as the user wrote it, whose evidence tells its TensorFlow version.

    Returns:
        The new module and its changes, (line, col, code, message), positioned in ``module``.
    """
    if b"class " not in module.bytes or b"legacy2tf2.runtime" not in module.bytes:
        return module, []
    report = era.detect_era(original)
    if not report.conflicting and report.only((era.PRE_1_0, era.V1_0, era.V1_1)) is True:
        return module, []  # certainly TF 1.1 or earlier: the runtime's default is its name
    certain = not report.conflicting and report.only((era.V1_2_PLUS,)) is True
    names = _Names(report.describe(), certain)
    new = analysis.wrapper(module).visit(names)
    return (new, names.changes) if names.changes else (module, [])
