"""Names of operations inside TF1's RNN cells (a ``--full`` report).

A TF1 program could fetch an intermediate tensor of a cell or a legacy_seq2seq model by its graph
name. XericZephyr/seq2seq-fingerprint takes its molecule fingerprints, the encoder's last states,
as ``get_tensor_by_name`` of ``"%s/rnn/rnn/embedding_wrapper/embedding_wrapper/multi_rnn_cell"``
joined with ``"%s/cell_%d/cell_%d/%s/add%s:0"``; a sentence-vector tutorial reads
``.../rnn_decoder/rnn_decoder/output_projection_wrapper/output_projection_wrapper/lstm_cell/concat:0``.
Those are names of operations TF1's own implementation created (a TF 1.2+ cell is a layer and
opened each of its scopes twice, ``cell_0/cell_0``). The runtime computes the same values with
other operations under other names, so after the rewrite the lookup raises ``KeyError`` where
the tensor is fetched, with nothing saying why. Variables keep TF1's names and are not concerned.

Each string literal of the program (docstrings and mapping keys aside, as for
:mod:`legacy2tf2.migrator.old_rnn_names`) that is a ``/`` path through a scope of a cell the
runtime builds (a cell's or wrapper's, ``cell_<k>`` of ``MultiRNNCell``) and names an operation
is reported (L2T003): its last segment is an operation's name (``add_4``, ``concat``, ``Tanh``,
or a ``%d``/``{}`` template of one), or such a scope is written twice in a row, which only
operation names have (``embedding_wrapper/embedding_wrapper``, ``cell_0/cell_0``). The runtime's
cells are Keras layers, whose operations carry their layer's own name (``gru_cell_2``), so no
such TF1 name exists after the rewrite. A path through a legacy_seq2seq function's scope alone is
not reported: the runtime builds some of those tensors under TF1's names
(``model_with_buckets/sequence_loss/truediv:0``, ``attention_decoder/Attention_0/Softmax:0``).
"""

from __future__ import annotations

import ast
import itertools
import re
from collections.abc import Callable

from legacy2tf2.migrator.findings import UNSAFE_REFERENCE, cell_operation_name
from legacy2tf2.migrator.old_rnn_names import docstring_nodes, mapping_key_nodes
from legacy2tf2.migrator.report import Finding

#: TF 1.2+ scopes of the cells and wrappers the runtime provides.
_CELL_SCOPES = frozenset(
    {
        "gru_cell",
        "lstm_cell",
        "basic_lstm_cell",
        "basic_rnn_cell",
        "multi_rnn_cell",
        "embedding_wrapper",
        "output_projection_wrapper",
        "input_projection_wrapper",
    }
)
_TEMPLATE = r"(?:\d+|%[ds]|\{[^}]*\})"
#: ``cell_<k>``: MultiRNNCell's layer scope, also written as a template.
_LAYER_SCOPE = re.compile(rf"cell_{_TEMPLATE}")
#: Operation names TF1's cells created (numbered or templated).
_OPERATION = re.compile(
    r"(?:add|mul|sub|truediv|div|concat|ConcatV2|split|Tanh|Sigmoid|Relu|Softmax|MatMul|BiasAdd"
    r"|Reshape|Identity|Squeeze|ExpandDims|Sum|Mean|Select|stack|unstack|transpose|Gather|GatherV2"
    r"|embedding_lookup|strided_slice|Slice|ArgMax|Cast|Conv2D|Tile|Pack|Unpack|Maximum|Minimum)"
    rf"(?:_?{_TEMPLATE})?"
)
_MARKERS = (*(scope.encode() for scope in _CELL_SCOPES), b"cell_")


def _runtime_scope(segments: list[str]) -> str | None:
    return next((segment for segment in segments if _is_runtime_scope(segment)), None)


def _is_runtime_scope(segment: str) -> bool:
    return segment in _CELL_SCOPES or _LAYER_SCOPE.fullmatch(segment) is not None


def _names_an_operation(segments: list[str]) -> bool:
    if _OPERATION.fullmatch(segments[-1]):
        return True
    # a runtime scope written twice in a row ("rnn/rnn" is also a program's scope around
    # dynamic_rnn's, which variables have too)
    return any(a == b and _is_runtime_scope(a) for a, b in itertools.pairwise(segments))


def cell_op_names(source: bytes) -> list[tuple[int, int, str]]:
    """(line, column, message) for each string literal of ``source`` naming an operation inside
    a TF1 RNN cell's scope (see the module docstring)."""
    if not any(marker in source for marker in _MARKERS):
        return []
    tree = ast.parse(source)
    skipped = docstring_nodes(tree) | mapping_key_nodes(tree)
    found: list[tuple[int, int, str]] = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Constant) and isinstance(node.value, str)):
            continue
        if "/" not in node.value or id(node) in skipped:
            continue
        segments = re.sub(r":(?:\d+|%d|\{[^}]*\})$", "", node.value).split("/")
        scope = _runtime_scope(segments)
        if scope is None or not _names_an_operation(segments):
            continue
        found.append((node.lineno, node.col_offset + 1, cell_operation_name(node.value, scope)))
    return sorted(found)


def cell_op_name_findings(
    source: bytes, path: str, original_line: Callable[[int], int]
) -> list[Finding]:
    """L2T003 findings for the names of operations inside TF1 RNN cells in ``source``.

    Args:
        source: the program as Python 3 parses it (string literals are what it wrote).
        path: the path reported in findings.
        original_line: maps a line of ``source`` to the line of the input file.
    """
    return [
        Finding(path, original_line(line), col, UNSAFE_REFERENCE, message)
        for line, col, message in cell_op_names(source)
    ]
