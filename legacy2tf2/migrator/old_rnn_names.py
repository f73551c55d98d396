"""Variable names of TF 0.x-1.1 RNN cells written in the program (a ``--full`` report).

The runtime's cells create the variable names of TF 1.2-1.15 (``rnn/embedding_wrapper/embedding``,
``rnn/multi_rnn_cell/cell_0/gru_cell/gates/kernel``). TensorFlow renamed them twice before:
TF 0.x scopes were class names (``RNN/EmbeddingWrapper/embedding``,
``RNN/MultiRNNCell/Cell0/GRUCell/Gates/Linear/Matrix``, ``BiRNN/FW/LSTMCell/W_0``), TF 1.0
made them snake case with ``weights``/``biases`` leaves (``rnn/gru_cell/gates/weights``), and TF
1.2 renamed the leaves ``kernel``/``bias`` and moved a cell a wrapper wraps into the wrapper's
scope (the table and its sources: :mod:`legacy2tf2.checkpoints.tf0_names`).

A program that names such a variable itself, to read it back
(``with tf.variable_scope("RNN/EmbeddingWrapper", reuse=True): tf.get_variable("embedding")``),
to fetch a tensor (``graph.get_tensor_by_name("RNN/GRUCell/Gates/Linear/Matrix:0")``) or to pick
variables (``[v for v in tf.trainable_variables() if "MultiRNNCell/Cell0" in v.name]``), finds
nothing under the runtime's names: a ``ValueError`` far from the cause, or an empty selection
that silently regularizes, clips or plots nothing. Each string literal of the program (docstrings
aside) that is a ``/`` path holding a TF 0.x cell or wrapper scope (``GRUCell``, ``MultiRNNCell``,
``Cell0`` after it, ``EmbeddingWrapper``, ``BiRNN/FW``, ...) or a TF 1.0/1.1 ``weights``/``biases``
leaf under a cell's scope is reported (L2T003) with its TF 1.2+ spelling: which variable it meant,
and whether a wrapper now holds the cell, cannot be told from the string alone.

Names mapped to variables are no lookup and stay unreported: the keys of a dict display or of a
subscript assignment (``var_dict["RNN/MultiRNNCell/Cell0/LSTMCell/B"] = v``, a
``tf.train.Saver(var_dict)`` restoring an old checkpoint into new variables), and every old name of
a program that also writes TF 1.2+ cell variable paths (``.../basic_lstm_cell/kernel``): it
translates between the two conventions.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable

from legacy2tf2.migrator.findings import UNSAFE_REFERENCE, old_rnn_variable_name
from legacy2tf2.migrator.report import Finding

#: TF 0.x cell and wrapper scopes (their class names) -> TF 1.0+ scopes.
_TF0_SCOPES = {
    "GRUCell": "gru_cell",
    "BasicRNNCell": "basic_rnn_cell",
    "BasicLSTMCell": "basic_lstm_cell",
    "LSTMCell": "lstm_cell",
    "MultiRNNCell": "multi_rnn_cell",
    "EmbeddingWrapper": "embedding_wrapper",
    "OutputProjectionWrapper": "output_projection_wrapper",
    "InputProjectionWrapper": "input_projection_wrapper",
}
#: TF 1.0/1.1 scopes whose ``weights``/``biases`` TF 1.2 renamed ``kernel``/``bias``.
_TF1_0_SCOPES = frozenset(_TF0_SCOPES.values()) - {"multi_rnn_cell", "embedding_wrapper"}
#: Leaves of TF 0.x and TF 1.0/1.1 cells -> TF 1.2+ leaves.
_LEAVES = {
    "Matrix": "kernel",
    "Bias": "bias",
    "W_0": "kernel",
    "B": "bias",
    "weights": "kernel",
    "biases": "bias",
}
_CELL_INDEX = re.compile(r"Cell(\d+)")
_GRU_PARTS = {"Gates": "gates", "Candidate": "candidate", "gates": "gates"}


def _is_tf0(segments: list[str]) -> bool:
    for i, segment in enumerate(segments):
        if segment in _TF0_SCOPES:
            return True
        if segment == "BiRNN" and segments[i + 1 : i + 2] in (["FW"], ["BW"]):
            return True
    return False


def _is_tf1_0(segments: list[str]) -> bool:
    for i, segment in enumerate(segments):
        if segment in _TF1_0_SCOPES:
            rest = segments[i + 1 :]
            if rest[:1] in (["gates"], ["candidate"]):
                rest = rest[1:]
            if rest[:1] in (["weights"], ["biases"]):
                return True
    return False


def tf1_2_spelling(name: str) -> str:
    """``name`` (a TF 0.x or TF 1.0/1.1 RNN variable path) with TF 1.2's scope and leaf names.

    A wrapped cell's move into its wrapper's scope (TF 1.2) is not made: the path alone does not
    say whether a wrapper held the cell.
    """
    tensor = ""
    if re.search(r":\d+$", name):
        name, _, index = name.rpartition(":")
        tensor = f":{index}"
    segments = name.split("/")
    out: list[str] = []
    i = 0
    while i < len(segments):
        segment = segments[i]
        after = segments[i + 1] if i + 1 < len(segments) else None
        if segment == "RNN" and after in _TF0_SCOPES:
            out.append("rnn")
        elif segment == "BiRNN" and after in ("FW", "BW"):
            out += ["bidirectional_rnn", after.lower()]
            i += 1
        elif segment in _TF0_SCOPES:
            out.append(_TF0_SCOPES[segment])
        elif out and out[-1] == "multi_rnn_cell" and _CELL_INDEX.fullmatch(segment):
            out.append(f"cell_{segment[4:]}")
        elif segment in _GRU_PARTS and out and out[-1] == "gru_cell":
            out.append(_GRU_PARTS[segment])
        elif segment == "Linear" and after in ("Matrix", "Bias", None):
            pass  # TF 1.0 dropped the Linear scope of the cells' own linear maps
        elif segment in _LEAVES and i == len(segments) - 1:
            out.append(_LEAVES[segment])
        else:
            out.append(segment)
        i += 1
    return "/".join(out) + tensor


def docstring_nodes(tree: ast.AST) -> set[int]:
    """``id()`` of the docstring constants of ``tree``'s module, classes and functions."""
    found: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def _is_tf1_2(segments: list[str]) -> bool:
    """A TF 1.2+ cell variable path: ``.../<cell>/kernel`` (``bias``, ``gates/kernel``)."""
    for i, segment in enumerate(segments):
        if segment in _TF1_0_SCOPES:
            rest = segments[i + 1 :]
            if rest[:1] in (["gates"], ["candidate"]):
                rest = rest[1:]
            if rest[:1] in (["kernel"], ["bias"]):
                return True
    return False


def mapping_key_nodes(tree: ast.AST) -> set[int]:
    """The string keys of dict displays and of subscript assignments (``d["name"] = v``): a
    name mapped to a variable, as for ``tf.train.Saver({old_name: variable})``, not a lookup."""
    keys: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Dict):
            keys.update(id(key) for key in node.keys if key is not None)
        elif isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                if isinstance(target, ast.Subscript):
                    keys.add(id(target.slice))
    return keys


def old_rnn_names(source: bytes) -> list[tuple[int, int, str]]:
    """(line, column, message) for each string literal of ``source`` naming a TF 0.x-1.1 RNN
    variable or scope (see the module docstring)."""
    markers = (b"Cell", b"Wrapper", b"BiRNN", b"weights", b"biases")
    if not any(marker in source for marker in markers):
        return []
    tree = ast.parse(source)
    skipped = docstring_nodes(tree) | mapping_key_nodes(tree)
    paths = [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and "/" in node.value
        and id(node) not in skipped
    ]
    if any(_is_tf1_2(re.sub(r":\d+$", "", node.value).split("/")) for node in paths):
        return []  # the program writes TF 1.2+ names too: it maps one convention to the other
    found: list[tuple[int, int, str]] = []
    for node in paths:
        segments = re.sub(r":\d+$", "", node.value).split("/")
        if _is_tf0(segments):
            era = "TF 0.x"
        elif _is_tf1_0(segments):
            era = "TF 1.0/1.1"
        else:
            continue
        message = old_rnn_variable_name(node.value, era, tf1_2_spelling(node.value))
        found.append((node.lineno, node.col_offset + 1, message))
    return sorted(found)


def old_rnn_name_findings(
    source: bytes, path: str, original_line: Callable[[int], int]
) -> list[Finding]:
    """L2T003 findings for the TF 0.x-1.1 RNN variable names written in ``source``.

    Args:
        source: the program as Python 3 parses it (string literals are what it wrote).
        path: the path reported in findings.
        original_line: maps a line of ``source`` to the line of the input file.
    """
    return [
        Finding(path, original_line(line), col, UNSAFE_REFERENCE, message)
        for line, col, message in old_rnn_names(source)
    ]
