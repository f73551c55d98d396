"""TF 0.6-0.8's embeddings, as wide as the cell's ``input_size``.

Up to TF 0.8 the embedding seq2seq functions and ``EmbeddingWrapper`` took no embedding size:
``embedding_attention_seq2seq(enc, dec, cell, num_encoder_symbols, num_decoder_symbols,
output_projection=..., feed_previous=...)`` and ``EmbeddingWrapper(cell, embedding_classes)``
made their embeddings ``[symbols, cell.input_size]``, the cell's ``input_size`` being its
``num_units`` unless the program gave one. TF 0.9 added ``embedding_size`` as a required
argument, in the slot after the symbol counts, and so does the runtime: such a call fails on TF 2
(``missing argument 'embedding_size'``). In ``--full``, after our rewrite, a call of one of them
that gives nothing in that slot or after it gets ``embedding_size=cell.input_size`` (L2T010); the
runtime's cells have TF 0.x's ``input_size`` (``num_units``; a stack's first cell's; a wrapper's
cell's), and a TF 0.x program's own cell class defined it.

Left and reported (L2T003) instead: a call whose cell argument is not a plain name or attribute
(it would be built twice), and any such call in a file that gives a core cell an ``input_size``
(which the rewrite dropped, L2T009: it was the embedding width) other than the cell's own
``num_units`` (TF 0.5's ``LSTMCell(size, size)``, which required it). A call with a positional argument
in the ``embedding_size`` slot stays as it is: that is TF 0.9+'s call (TF 0.8's ``num_heads`` or
``output_projection`` there cannot be told from it by the source alone).
"""

from __future__ import annotations

from collections.abc import Sequence

import libcst as cst
import libcst.matchers as m
from libcst.metadata import PositionProvider, QualifiedNameProvider

from legacy2tf2.migrator import analysis
from legacy2tf2.migrator.findings import CELL_INPUT_SIZE, PRE_1_0_CALL, UNSAFE_REFERENCE
from legacy2tf2.migrator.renames import RUNTIME_RNN_CELL, RUNTIME_SEQ2SEQ
from legacy2tf2.migrator.transforms.cell_input_size import KEYWORD as INPUT_SIZE
from legacy2tf2.migrator.transforms.cell_input_size import SLOTS

KEYWORD = "embedding_size"

#: Runtime callables that took no embedding size up to TF 0.8 -> (index of ``embedding_size``
#: among their parameters since TF 0.9, index of ``cell``).
CALLS: dict[str, tuple[int, int]] = {
    f"{RUNTIME_SEQ2SEQ}.embedding_rnn_decoder": (4, 2),
    f"{RUNTIME_SEQ2SEQ}.embedding_rnn_seq2seq": (5, 2),
    f"{RUNTIME_SEQ2SEQ}.embedding_tied_rnn_seq2seq": (4, 2),
    f"{RUNTIME_SEQ2SEQ}.embedding_attention_decoder": (5, 3),
    f"{RUNTIME_SEQ2SEQ}.embedding_attention_seq2seq": (5, 2),
    f"{RUNTIME_RNN_CELL}.EmbeddingWrapper": (2, 0),
}

Change = tuple[int, int, str, str]


def gives_cells_input_size(original: cst.Module) -> bool:
    """Whether ``original`` calls a core cell with TF 0.x's ``input_size`` (by keyword, or a
    positional argument in its slot), the width TF 0.8 read as ``cell.input_size``, other than
    its ``num_units`` (TF 0.5's ``LSTMCell(size, size)``, which required it: the runtime cell's
    ``input_size`` is that same width)."""
    for call in m.findall(original, m.Call()):
        func = call.func  # type: ignore[attr-defined]
        name = func.attr.value if isinstance(func, cst.Attribute) else getattr(func, "value", None)
        if name not in SLOTS:
            continue
        args = call.args  # type: ignore[attr-defined]
        given = next((a.value for a in args if a.keyword and a.keyword.value == INPUT_SIZE), None)
        positional = [a for a in args if a.keyword is None and not a.star]
        if given is None and len(positional) > SLOTS[name][0]:
            given = positional[SLOTS[name][0]].value
        if given is not None and not _same_width(given, _num_units(args)):
            return True
    return False


def _num_units(args: Sequence[cst.Arg]) -> cst.BaseExpression | None:
    """The ``num_units`` of a core cell call (its first positional argument, or by keyword)."""
    keyword = next((a.value for a in args if a.keyword and a.keyword.value == "num_units"), None)
    if keyword is not None:
        return keyword
    first = args[0] if args else None
    return first.value if first is not None and first.keyword is None and not first.star else None


def _same_width(given: cst.BaseExpression, num_units: cst.BaseExpression | None) -> bool:
    """``given`` is the same integer literal, name or attribute chain as ``num_units``: one
    value, read twice in the same call."""
    if num_units is None or not isinstance(given, (cst.Integer, cst.Name, cst.Attribute)):
        return False
    if isinstance(given, cst.Attribute) and not _is_chain(given):
        return False
    code = cst.Module(body=[]).code_for_node
    return code(given) == code(num_units)


def _is_chain(node: cst.BaseExpression) -> bool:
    """A name or an attribute chain of one (``cell``, ``self.cell``): safe to read twice."""
    while isinstance(node, cst.Attribute):
        node = node.value
    return isinstance(node, cst.Name)


class _EmbeddingSize(cst.CSTTransformer):
    METADATA_DEPENDENCIES = (QualifiedNameProvider, PositionProvider)

    def __init__(self, input_size_given: bool) -> None:
        super().__init__()
        self.changes: list[Change] = []
        self._input_size_given = input_size_given

    def _report(self, node: cst.CSTNode, code: str, message: str) -> None:
        start = self.get_metadata(PositionProvider, node).start
        self.changes.append((start.line, start.column + 1, code, message))

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.Call:
        names = {
            q.name for q in self.get_metadata(QualifiedNameProvider, original_node.func, set())
        }
        if len(names) != 1 or next(iter(names)) not in CALLS:
            return updated_node
        name = next(iter(names))
        slot, cell_index = CALLS[name]
        args = original_node.args
        if any(a.star for a in args) or any(
            a.keyword is not None and a.keyword.value == KEYWORD for a in args
        ):
            return updated_node
        positional = [a for a in args if a.keyword is None]
        if len(positional) > slot:
            return updated_node  # TF 0.9+'s call, embedding_size given positionally
        if len(positional) > cell_index:
            cell = positional[cell_index].value
        else:
            cell = next((a.value for a in args if a.keyword and a.keyword.value == "cell"), None)
        short = name.rpartition(".")[2]
        if cell is None:
            return updated_node
        if not _is_chain(cell) or self._input_size_given:
            why = (
                "its cell argument is built in the call (it would be built twice)"
                if not _is_chain(cell)
                else f"this file gives its cells an input_size, which the rewrite dropped ({CELL_INPUT_SIZE})"
            )
            self._report(
                original_node,
                UNSAFE_REFERENCE,
                f"{short}(...) without embedding_size is TF 0.6-0.8's, whose embeddings were as "
                f"wide as the cell's input_size; left as it is, since {why}: pass "
                "embedding_size= that width",
            )
            return updated_node
        self._report(
            original_node,
            PRE_1_0_CALL,
            f"{short}(...) without embedding_size is TF 0.6-0.8's: its embeddings were as wide as "
            "the cell's input_size (num_units by default); embedding_size=cell.input_size added",
        )
        keyword = cst.Arg(
            keyword=cst.Name(KEYWORD),
            value=cst.Attribute(value=cell, attr=cst.Name("input_size")),
            equal=cst.AssignEqual(
                whitespace_before=cst.SimpleWhitespace(""),
                whitespace_after=cst.SimpleWhitespace(""),
            ),
        )
        return updated_node.with_changes(args=[*_with_comma(updated_node.args), keyword])


def _with_comma(args: tuple[cst.Arg, ...] | list[cst.Arg]) -> list[cst.Arg]:
    """``args`` with a comma after the last one (kept where it has one)."""
    out = list(args)
    if out and not isinstance(out[-1].comma, cst.Comma):
        out[-1] = out[-1].with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
    return out


def fix_embedding_sizes(
    module: cst.Module, original: cst.Module
) -> tuple[cst.Module, list[Change]]:
    """Give TF 0.6-0.8's embedding calls the ``embedding_size`` they implied.

    Args:
        module: the source after our rewrite (its embedding functions are the runtime's).
        original: the source as the user wrote it, which tells whether its cells got an
            ``input_size``.

    Returns:
        The new module and its changes, (line, col, code, message), positioned in ``module``.
    """
    code = module.code
    if "legacy2tf2.runtime" not in code or not any(
        name.rpartition(".")[2] in code for name in CALLS
    ):
        return module, []
    transformer = _EmbeddingSize(gives_cells_input_size(original))
    new = analysis.wrapper(module).visit(transformer)
    return new, transformer.changes
