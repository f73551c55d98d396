"""``--full``'s last net: every TensorFlow name the upgraded program reads must exist.

TensorFlow's upgrader maps ``tf.X`` to ``tf.compat.v1.X`` whether or not ``X`` still works: under
Keras 3 ``tf.compat.v1.layers.dense`` raises "`dense` is not available with Keras 3", and names
TF 1 had outside ``compat.v1`` (``tf.layers``) are simply gone. A program left with such a name
fails at its first use, after ``rewrite --full`` said all was well. :func:`missing_names` resolves
every static attribute chain and import rooted at a TensorFlow import (any alias, through
assignments, with the migrator's own :class:`~legacy2tf2.migrator.resolve.Resolver` scopes) against
the installed tensorflow package and reports each one that does not exist or raises when accessed.

Only TensorFlow's own modules and classes are looked into (never an instance such as ``FLAGS``,
whose attributes the program defines), nothing of the user's code runs, and nothing but
tensorflow is imported. Names the program assigns onto a TensorFlow module itself, and names read
inside ``try`` blocks that catch the error or under an ``if`` testing ``hasattr``/the version,
are not reported: the program deals with them.
"""

from __future__ import annotations

import importlib
import types
from collections.abc import Callable
from typing import Any

import libcst as cst
import libcst.helpers

from legacy2tf2.migrator import analysis
from legacy2tf2.migrator.findings import MISSING_TF_NAME
from legacy2tf2.migrator.refs import chain_parts, import_binding
from legacy2tf2.migrator.report import Finding
from legacy2tf2.migrator.resolve import Resolver
from legacy2tf2.migrator.scopes import ASSIGN, IMPORT

CODE = MISSING_TF_NAME
_ROOT = "tensorflow"
_MAX_DEPTH = 8
_GUARD_ERRORS = frozenset(
    {"AttributeError", "ImportError", "ModuleNotFoundError", "Exception", "BaseException"}
)
_VERSION_TESTS = ("hasattr", "__version__", "VERSION")


def missing_name_findings(
    source: bytes, path: str, original: Callable[[int, int], tuple[int, int]]
) -> list[Finding]:
    """L2T021 findings for the TensorFlow names ``source`` reads that the installed TF lacks.

    Args:
        source: the upgraded program (it parses).
        path: the path reported in findings.
        original: maps a (line, column) of ``source`` to the input file's
            (:meth:`.positions.PositionMap.position`).
    """
    return [
        Finding(path, *original(line, col), CODE, message)
        for line, col, message in missing_names(source)
    ]


def missing_names(source: bytes) -> list[tuple[int, int, str]]:
    """(line, column, message) for each TensorFlow name in ``source`` the installed TF lacks."""
    if _ROOT.encode() not in source:
        return []
    resolver = Resolver(analysis.parse(source))
    finder = _FindMissing(resolver, _import_tensorflow())
    resolver.module.visit(finder)
    return finder.found


def _import_tensorflow() -> types.ModuleType:
    return importlib.import_module(_ROOT)


class _FindMissing(cst.CSTVisitor):
    def __init__(self, resolver: Resolver, tensorflow: types.ModuleType) -> None:
        super().__init__()
        self.resolver = resolver
        self.tensorflow = tensorflow
        self.version = getattr(tensorflow, "__version__", "unknown")
        self.found: list[tuple[int, int, str]] = []
        self.assigned: set[str] = set()

    # -- traversal --------------------------------------------------------------------------
    def on_visit(self, node: cst.CSTNode) -> bool:
        if node not in self.resolver.relevant and not isinstance(node, cst.Module):
            return False
        return super().on_visit(node)

    def visit_Module(self, node: cst.Module) -> bool:
        self.assigned = self._names_assigned_onto_tensorflow(node)
        return True

    def visit_Import(self, node: cst.Import) -> bool:
        if self._guarded(node):
            return False
        for alias in node.names:
            name = alias.evaluated_name
            if _is_tensorflow(name):
                self._check(alias, name, name, 1)
        return False

    def visit_ImportFrom(self, node: cst.ImportFrom) -> bool:
        if node.relative or node.module is None or self._guarded(node):
            return False
        module = libcst.helpers.get_full_name_for_node(node.module) or ""
        if not _is_tensorflow(module):
            return False
        if isinstance(node.names, cst.ImportStar):
            self._check(node, module, f"from {module} import *", 1)
            return False
        for alias in node.names:
            self._check(
                alias, f"{module}.{alias.evaluated_name}", f"{module}.{alias.evaluated_name}", 1
            )
        return False

    def visit_Attribute(self, node: cst.Attribute) -> bool:
        parts = chain_parts(node)
        if parts is None:
            return True  # `f(x).attr`: the chains inside are visited
        if not self.resolver.is_load(node):
            return True
        head, attrs = parts
        bases = self._spelled(head, 0)
        if len(bases) != 1:
            return False
        (base,) = bases
        if not _is_tensorflow(base) or self._guarded(node):
            return False
        name = ".".join([base, *attrs])
        if any(name == a or name.startswith(a + ".") for a in self.assigned):
            return False
        code = cst.Module([]).code_for_node(node)
        self._check(node, name, code, len(base.split(".")))
        return False

    # -- resolution -------------------------------------------------------------------------
    def _spelled(self, head: cst.Name, depth: int) -> set[str]:
        """Dotted names ``head`` is bound to, as the imports spell them (compat.v1 kept)."""
        scope = self.resolver.scope(head)
        bindings = scope[head.value] if scope is not None else []
        names: set[str] = set()
        for binding in bindings:
            if binding.kind == IMPORT:
                full = import_binding(binding.node, head.value)
                if full is None:
                    return set()
                names.add(full)
            elif binding.kind == ASSIGN and depth < _MAX_DEPTH:
                value = self._assigned_value(binding.node)
                parts = chain_parts(value) if value is not None else None
                if parts is None:
                    return set()
                value_head, attrs = parts
                resolved = self._spelled(value_head, depth + 1)
                if not resolved:
                    return set()
                names.update(".".join([b, *attrs]) for b in resolved)
            else:
                return set()
        return names

    def _assigned_value(self, target: cst.CSTNode) -> cst.BaseExpression | None:
        assign_target = self.resolver.parent(target)
        assign = (
            self.resolver.parent(assign_target)
            if isinstance(assign_target, cst.AssignTarget)
            else None
        )
        return assign.value if isinstance(assign, cst.Assign) else None

    def _check(self, node: cst.CSTNode, name: str, code: str, bound_parts: int) -> None:
        """Report ``name`` unless it resolves (or fails inside the part an import reports)."""
        failure = _resolve(self.tensorflow, name.split("."))
        if failure is None:
            return
        index, error = failure
        if index < bound_parts and not isinstance(node, (cst.ImportAlias, cst.ImportFrom)):
            return  # the import (or assignment) that binds the head is reported itself
        missing = ".".join(name.split(".")[: index + 1])
        line, col = self.resolver.position(node)
        self.found.append((line, col, self._message(code, missing, error)))

    def _message(self, code: str, missing: str, error: BaseException) -> str:
        text = " ".join(str(error).split())
        tf_version = f"TensorFlow {self.version}"
        if "not available with Keras 3" in text:
            reason = f"`{missing}` is not available with Keras 3 in the installed {tf_version}"
        elif isinstance(error, (AttributeError, ModuleNotFoundError)):
            reason = f"`{missing}` does not exist in the installed {tf_version}"
        else:
            reason = (
                f"`{missing}` raises when accessed in the installed {tf_version} "
                f"({type(error).__name__}: {text})"
            )
        return f"`{code}`: {reason}; the program fails here: replace it by hand"

    # -- what the program deals with itself -----------------------------------------------------
    def _names_assigned_onto_tensorflow(self, module: cst.Module) -> set[str]:
        """``tf.nn.seq2seq = ...``: names the program itself sets on a TensorFlow module."""
        assigned: set[str] = set()
        for node in self.resolver.relevant:
            targets: list[cst.BaseExpression] = []
            if isinstance(node, cst.Assign):
                targets = [t.target for t in node.targets]
            elif isinstance(node, (cst.AnnAssign, cst.AugAssign)):
                targets = [node.target]
            for target in targets:
                parts = chain_parts(target) if isinstance(target, cst.Attribute) else None
                if parts is None:
                    continue
                head, attrs = parts
                for base in self._spelled(head, 0):
                    if _is_tensorflow(base):
                        assigned.add(".".join([base, *attrs]))
        return assigned

    def _imports_resolve(self, block: cst.BaseSuite) -> bool:
        """Whether ``block`` (a ``try`` body) holds only imports of TensorFlow names the installed
        TensorFlow has: its ``except ImportError`` fallback is never run
        (``try: from tensorflow.python.ops import ctc_ops`` / ``except ImportError: from
        tensorflow.contrib.ctc import ctc_ops``)."""
        if not isinstance(block, cst.IndentedBlock) or not block.body:
            return False
        for line in block.body:
            if not isinstance(line, cst.SimpleStatementLine):
                return False
            for statement in line.body:
                names = _imported_names(statement)
                if not names or not all(_is_tensorflow(n) for n in names):
                    return False
                if any(_resolve(self.tensorflow, n.split(".")) is not None for n in names):
                    return False
        return True

    def _guarded(self, node: cst.CSTNode) -> bool:
        """Inside ``try`` catching the error, or under ``if hasattr(...)``/a version test."""
        child, parent = node, self.resolver.parent(node)
        while parent is not None:
            if isinstance(parent, cst.Try) and child is parent.body and _catches(parent):
                return True
            if (
                isinstance(parent, cst.Try)
                and child in parent.handlers
                and self._imports_resolve(parent.body)
            ):
                return True  # a fallback the installed TF never reaches
            if isinstance(parent, cst.If) and child is not parent.test:
                test = cst.Module([]).code_for_node(parent.test)
                if any(word in test for word in _VERSION_TESTS):
                    return True
            child, parent = parent, self.resolver.parent(parent)
        return False


def _imported_names(statement: cst.BaseSmallStatement) -> list[str] | None:
    """The dotted names an import statement binds from (``from m import a`` -> ``m.a``)."""
    if isinstance(statement, cst.Import):
        return [alias.evaluated_name for alias in statement.names]
    if (
        isinstance(statement, cst.ImportFrom)
        and not statement.relative
        and statement.module is not None
        and not isinstance(statement.names, cst.ImportStar)
    ):
        module = libcst.helpers.get_full_name_for_node(statement.module) or ""
        return [f"{module}.{alias.evaluated_name}" for alias in statement.names]
    return None


def _is_tensorflow(name: str) -> bool:
    return name == _ROOT or name.startswith(_ROOT + ".")


def _catches(statement: cst.Try) -> bool:
    for handler in statement.handlers:
        if handler.type is None:
            return True
        kinds = (
            [e.value for e in handler.type.elements]
            if isinstance(handler.type, cst.Tuple)
            else [handler.type]
        )
        for kind in kinds:
            spelled = libcst.helpers.get_full_name_for_node(kind) or ""
            if spelled.rpartition(".")[2] in _GUARD_ERRORS:
                return True
    return False


def _resolve(tensorflow: types.ModuleType, parts: list[str]) -> tuple[int, BaseException] | None:
    """``None`` when ``tensorflow.<parts[1:]>`` resolves, else (index of the failing part, error).

    Only modules and classes are looked into: an instance's attributes may be set at run time.
    A submodule of tensorflow that is not an attribute yet counts when it can be imported (an
    import statement, or one elsewhere in the program, makes it one); nothing else is imported.
    """
    obj: Any = tensorflow
    for index, part in enumerate(parts[1:], start=1):
        if not isinstance(obj, (types.ModuleType, type)):
            return None
        try:
            obj = getattr(obj, part)
            continue
        except Exception as error:  # a lazy module raises whatever its loader raises
            failure: BaseException = error
        if isinstance(obj, types.ModuleType) and _is_tensorflow(obj.__name__):
            try:
                obj = importlib.import_module(f"{obj.__name__}.{part}")
                continue
            except Exception:  # the getattr error is the one reported
                pass
        return index, failure
    return None
