"""Checkpoint-existence checks that V2 checkpoints make always False (a ``--full`` step).

TF1 programs written for V1 checkpoints (one file per checkpoint) test for a checkpoint with
``if ckpt and tf.gfile.Exists(ckpt.model_checkpoint_path): saver.restore(...)``, else initialise
fresh parameters. A V2 checkpoint (TF 1.x's default since 1.2, TF 2's only format) is a *prefix*
(``model.ckpt-200`` names ``model.ckpt-200.index`` and ``model.ckpt-200.data-*``), so the test is
always False and the program silently trains or decodes from random weights. Every
``tf.gfile.Exists`` (also the TF 0.x ``from tensorflow.python.platform import gfile``),
``tf.io.gfile.exists``, ``os.path.exists`` or ``os.path.isfile`` of a checkpoint path — a
``.model_checkpoint_path``, a ``tf.train.latest_checkpoint(...)``, a local name whose every
assignment in its scope is one of those, or, in the test of an ``if`` statement, the very
expression that statement passes as the save path of a ``.restore(sess, path)`` call (``model_path
= os.path.join(d, "model.ckpt")``; ``if os.path.isfile(model_path): saver.restore(sess,
model_path) else: ...initialise``: a V1 checkpoint was that one file) — becomes
``tf.compat.v1.train.checkpoint_exists(...)``, which is True for V1 and V2 checkpoints alike.
"""

from __future__ import annotations

import libcst as cst
from libcst.metadata import PositionProvider, QualifiedNameProvider, ScopeProvider

from legacy2tf2.migrator import analysis
from legacy2tf2.migrator.compat_names import (
    below_tensorflow,
    compat_v1_expression,
    tensorflow_module,
)
from legacy2tf2.migrator.findings import CHECKPOINT_EXISTS, GRAPH_CALL_LEFT

#: File-existence tests that miss a V2 checkpoint (qualified names).
FILE_EXISTS: frozenset[str] = frozenset(
    {
        "tensorflow.gfile.Exists",
        "tensorflow.compat.v1.gfile.Exists",
        "tensorflow.python.platform.gfile.Exists",
        "tensorflow.io.gfile.exists",
        "tensorflow.compat.v1.io.gfile.exists",
        "os.path.exists",
        "os.path.isfile",
    }
)

#: The attribute of ``tf.train.get_checkpoint_state(...)`` that holds the latest prefix.
CHECKPOINT_PATH_ATTRIBUTE = "model_checkpoint_path"

#: Calls that return the latest checkpoint's prefix (qualified names).
LATEST_CHECKPOINT: frozenset[str] = frozenset(
    {"tensorflow.train.latest_checkpoint", "tensorflow.compat.v1.train.latest_checkpoint"}
)

#: (line, col, code, message), 1-based, in the input.
Change = tuple[int, int, str, str]

CHANGED = CHECKPOINT_EXISTS
LEFT = GRAPH_CALL_LEFT


class CheckpointCheckTransformer(cst.CSTTransformer):
    """Replace file-existence tests of a checkpoint path by ``checkpoint_exists``."""

    METADATA_DEPENDENCIES = (QualifiedNameProvider, PositionProvider, ScopeProvider)

    def __init__(self, tensorflow: tuple[str, bool] | None) -> None:
        super().__init__()
        self.tensorflow = tensorflow
        self.changes: list[Change] = []
        self._assigned: dict[cst.Name, cst.BaseExpression] = {}
        #: per ``if`` statement whose test is being visited: the save paths its branches restore
        self._restored: list[set[str]] = []

    def visit_If_test(self, node: cst.If) -> None:
        finder = _RestoredPaths()
        node.body.visit(finder)
        if node.orelse is not None:
            node.orelse.visit(finder)
        self._restored.append(finder.paths)

    def leave_If_test(self, node: cst.If) -> None:
        self._restored.pop()

    def visit_Assign(self, node: cst.Assign) -> None:
        if len(node.targets) == 1 and isinstance(node.targets[0].target, cst.Name):
            self._assigned[node.targets[0].target] = node.value

    def _is_checkpoint_path(self, value: cst.BaseExpression, follow: bool = True) -> bool:
        """``X.model_checkpoint_path``, ``tf.train.latest_checkpoint(...)``, or a name every
        assignment of which (in its scope) is one of those."""
        if isinstance(value, cst.Attribute):
            return value.attr.value == CHECKPOINT_PATH_ATTRIBUTE
        if isinstance(value, cst.Call):
            names = self.get_metadata(QualifiedNameProvider, value.func, set())
            return bool({q.name for q in names} & LATEST_CHECKPOINT)
        if not (follow and isinstance(value, cst.Name)):
            return False
        scope = self.get_metadata(ScopeProvider, value, None)
        if scope is None:
            return False
        referents = [a for access in scope.accesses[value] for a in access.referents]
        if not referents:
            return False
        for assignment in referents:
            assigned = self._assigned.get(getattr(assignment, "node", None))  # type: ignore[arg-type]
            if assigned is None or not self._is_checkpoint_path(assigned, follow=False):
                return False
        return True

    def _checkpoint_argument(self, call: cst.Call) -> cst.Arg | None:
        """The only argument of ``call`` when it is a checkpoint path."""
        if len(call.args) != 1 or call.args[0].star:
            return None
        arg = call.args[0]
        if self._is_checkpoint_path(arg.value):
            return arg
        code = _code(arg.value)
        return arg if any(code in paths for paths in self._restored) else None

    def _replacement(self, func: cst.BaseExpression) -> str | None:
        """``<tf>.compat.v1.train.checkpoint_exists`` spelt with the file's TensorFlow name."""
        found = below_tensorflow(self.get_metadata(QualifiedNameProvider, func, set()))
        if found is not None:
            text = compat_v1_expression(func, *found, "train.checkpoint_exists")
            if text is not None:
                return text
        if self.tensorflow is None:
            return None
        name, compat = self.tensorflow
        return f"{name}.{'' if compat else 'compat.v1.'}train.checkpoint_exists"

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
        qualified = self.get_metadata(QualifiedNameProvider, original_node.func, set())
        if not {q.name for q in qualified} & FILE_EXISTS:
            return updated_node
        if self._checkpoint_argument(original_node) is None:
            return updated_node
        arg = updated_node.args[0]
        start = self.get_metadata(PositionProvider, original_node).start
        where = (start.line, start.column + 1)
        old = cst.Module([]).code_for_node(original_node.with_changes(args=[arg]))
        new = self._replacement(original_node.func)
        if new is None:
            message = (
                f"{old} is always False for a V2 checkpoint (a prefix, not a file); no TensorFlow import to call "
                "tf.compat.v1.train.checkpoint_exists with, left as it is"
            )
            self.changes.append((*where, LEFT, message))
            return updated_node
        message = (
            f"{old} is always False for a V2 checkpoint (a prefix, not a file): changed to {new}"
        )
        self.changes.append((*where, CHANGED, message))
        positional = arg.with_changes(keyword=None, equal=cst.MaybeSentinel.DEFAULT)
        return updated_node.with_changes(func=cst.parse_expression(new), args=[positional])


def _code(node: cst.CSTNode) -> str:
    return cst.Module([]).code_for_node(node)


class _RestoredPaths(cst.CSTVisitor):
    """The save paths (as code) of every ``X.restore(sess, path)`` call in a subtree."""

    def __init__(self) -> None:
        self.paths: set[str] = set()

    def visit_Call(self, node: cst.Call) -> None:
        if not (isinstance(node.func, cst.Attribute) and node.func.attr.value == "restore"):
            return
        if any(a.star for a in node.args):
            return
        positional = [a for a in node.args if a.keyword is None]
        keyword = [a for a in node.args if a.keyword is not None and a.keyword.value == "save_path"]
        if len(positional) == 2 and not keyword:
            self.paths.add(_code(positional[1].value))
        elif len(positional) == 1 and len(keyword) == 1:
            self.paths.add(_code(keyword[0].value))


def fix_checkpoint_checks(module: cst.Module) -> tuple[cst.Module, list[Change]]:
    """Make the module's existence tests of a checkpoint path find V2 checkpoints.

    Returns the new module and every change (or test left as it is) as (line, col, code, message).
    """
    transformer = CheckpointCheckTransformer(tensorflow_module(module))
    new = analysis.wrapper(module, unsafe_skip_copy=True).visit(transformer)
    return new, sorted(transformer.changes)
