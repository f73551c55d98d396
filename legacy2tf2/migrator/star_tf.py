"""TF1 code read through a ``tf`` that only a star import of another module binds.

``from utils import *`` where ``utils.py`` has ``import tensorflow as tf``: the file reads
``tf.contrib.layers...`` and ``tf.nn.rnn_cell.LSTMCell(...)`` but never imports TensorFlow
itself. The migrator resolves names through the file's own imports and does not follow a star
import into another file, so it converted and reported nothing there: ``check`` passed the
file and ``rewrite --full`` left ``tf.compat.v1.nn.rnn_cell`` cells, which Keras 3 lacks.

Where no statement of the file binds ``tf`` and a star import of a module other than
TensorFlow's does, each outermost ``tf....`` chain that would be a leftover if ``tf`` were
TensorFlow (:func:`~legacy2tf2.migrator.transforms.leftovers.leftover`) is reported (L2T003): the
migrator cannot tell, and a loud report is better than a pass.
"""

from __future__ import annotations

import ast

from legacy2tf2.migrator.findings import UNSAFE_REFERENCE
from legacy2tf2.migrator.transforms.leftovers import leftover

RawFinding = tuple[int, int, str, str]

_NAME = "tf"


def star_tf_findings(tree: ast.Module, source: bytes) -> list[RawFinding]:
    """(line, col, code, message) of each TF1 leftover read through a ``tf`` that only a star
    import of a non-TensorFlow module binds (see the module docstring); col is 1-based, in
    characters."""
    star = _star_module(tree)
    if star is None or _binds_tf(tree):
        return []
    lines = source.split(b"\n")
    found: list[RawFinding] = []
    stack: list[ast.AST] = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Load):
            dotted = _dotted(node)
            if dotted is not None:
                name = "tensorflow" + dotted[len(_NAME) :]
                reported = leftover(name, dotted)
                if reported is not None:
                    found.append(_finding(node, lines, dotted, star, reported[1]))
                    continue
        stack.extend(reversed(list(ast.iter_child_nodes(node))))
    return found


def _star_module(tree: ast.Module) -> str | None:
    """The first module a module-level ``from M import *`` reads that is not TensorFlow's."""
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and any(a.name == "*" for a in node.names):
            module = "." * node.level + (node.module or "")
            if module != "tensorflow" and not module.startswith("tensorflow."):
                return module
    return None


def _binds_tf(tree: ast.Module) -> bool:
    """Whether any statement of the file binds the name ``tf`` (import, assignment, parameter,
    definition, ``global``...)."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and node.id == _NAME and not isinstance(node.ctx, ast.Load):
            return True
        if isinstance(node, ast.alias) and node.name != "*":
            bound = node.asname or node.name.partition(".")[0]
            if bound == _NAME:
                return True
        if isinstance(node, ast.arg) and node.arg == _NAME:
            return True
        scoped = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
        if isinstance(node, scoped) and node.name == _NAME:
            return True
        if isinstance(node, (ast.Global, ast.Nonlocal)) and _NAME in node.names:
            return True
    return False


def _dotted(node: ast.Attribute) -> str | None:
    parts: list[str] = []
    current: ast.AST = node
    while isinstance(current, ast.Attribute):
        parts.append(current.attr)
        current = current.value
    if not isinstance(current, ast.Name) or current.id != _NAME:
        return None
    return ".".join([_NAME, *reversed(parts)])


def _finding(
    node: ast.Attribute, lines: list[bytes], dotted: str, star: str, message: str
) -> RawFinding:
    line = node.lineno
    text = lines[line - 1] if line <= len(lines) else b""
    col = len(text[: node.col_offset].decode("utf-8", errors="replace")) + 1
    why = (
        f"`{dotted}`: `{_NAME}` is bound here only by `from {star} import *`, which the "
        f"migrator does not follow, so nothing through it was converted or reported; if it is "
        f"TensorFlow: {message.partition(': ')[2] or message} (import tensorflow as {_NAME} in "
        "this file and run legacy2tf2 again)"
    )
    return (line, col, UNSAFE_REFERENCE, why)
