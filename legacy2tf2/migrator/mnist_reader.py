"""TF1's tutorial MNIST reader imported from TensorFlow, read only for the reader's functions.

Row-by-row MNIST RNN classifiers and course notebooks of every TF1 release start with ``from
tensorflow.examples.tutorials.mnist import input_data`` (or TF 0.10+'s own home of the code,
``tensorflow.contrib.learn.python.learn.datasets.mnist``) and ``input_data.read_data_sets(...)``.
TF 2 has neither module: the rewrite reports the import (L2T006 / L2T021) and the program stopped
there. Where every use reads one of the reader's names, the import becomes the runtime's copy on
its line (L2T010):

- ``from tensorflow.examples.tutorials.mnist import input_data [as d]``, ``import
  tensorflow.examples.tutorials.mnist.input_data as d``, ``from
  tensorflow.contrib.learn.python.learn.datasets import mnist [as d]``, ``import
  tensorflow.contrib.learn.python.learn.datasets.mnist as d`` (a line of its own, at module level
  or in a function, whose name is bound only by such imports in its scope and read only as
  ``d.<name>``; a notebook may import it again in a later cell) -> ``from legacy2tf2.runtime import
  mnist_input_data as d``;
- ``from <either module> import read_data_sets [as r], ...`` naming only the reader's names ->
  ``from legacy2tf2.runtime.mnist_input_data import ...``.

The batches ``next_batch`` draws differ by TF version (:mod:`legacy2tf2.runtime.mnist_input_data`):
a file certainly of TF 0.x or 1.0 gets ``mnist_input_data_tf1_0``, of TF 1.1 ``mnist_input_data_tf1_1``,
of TF 1.2+ ``mnist_input_data``. A file whose version the strong evidence does not tell gets the
weak evidence's reader, else TF 1.2-1.15's (the reader's last form), with an L2T027 note naming the
others (also where only TF 1.1 and 1.2+ remain: a seed set in another file of the program makes
them differ). ``tf.contrib.learn.datasets.mnist.<name>`` and ``load_dataset("mnist")`` become the
same runtime's (:func:`fix_mnist_attributes`). ``legacy2tf2 check`` still reports the import (it is
TF1 code).
"""

from __future__ import annotations

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider, QualifiedNameProvider, ScopeProvider

from legacy2tf2.migrator import analysis, era
from legacy2tf2.migrator.findings import MNIST_READER_ERA, PRE_1_0_CALL
from legacy2tf2.migrator.module_reads import reads_only_attributes
from legacy2tf2.migrator.runtime_import import with_runtime_import

#: package -> the module name it holds the reader under
PACKAGES = {
    "tensorflow.examples.tutorials.mnist": "input_data",
    "tensorflow.contrib.learn.python.learn.datasets": "mnist",
}
MODULES = frozenset(f"{package}.{leaf}" for package, leaf in PACKAGES.items())
RUNTIME = "legacy2tf2.runtime.mnist_input_data"
#: the reader's names (TF 0.x's input_data and TF 1.x's datasets.mnist), all in the runtime
NAMES = frozenset(
    {
        "read_data_sets",
        "DataSet",
        "extract_images",
        "extract_labels",
        "dense_to_one_hot",
        "maybe_download",
        "load_mnist",
    }
)

Change = tuple[int, int, str, str]


def _dotted(node: cst.BaseExpression) -> str:
    return cst.Module([]).code_for_node(node)


def _bound_name(alias: cst.ImportAlias) -> str | None:
    name = alias.asname.name if alias.asname is not None else alias.name
    return name.value if isinstance(name, cst.Name) else None


def _module_import(line: cst.SimpleStatementLine) -> str | None:
    """The name a line alone binds to the reader module, if it is such an import."""
    if len(line.body) != 1:
        return None
    statement = line.body[0]
    if isinstance(statement, cst.ImportFrom):
        if (
            statement.relative
            or statement.module is None
            or isinstance(statement.names, cst.ImportStar)
            or len(statement.names) != 1
        ):
            return None
        leaf = PACKAGES.get(_dotted(statement.module))
        alias = statement.names[0]
        if leaf is None or not isinstance(alias.name, cst.Name) or alias.name.value != leaf:
            return None
        return _bound_name(alias)
    if isinstance(statement, cst.Import) and len(statement.names) == 1:
        alias = statement.names[0]
        if alias.asname is not None and _dotted(alias.name) in MODULES:
            return _bound_name(alias)
    return None


def _names_import(line: cst.SimpleStatementLine) -> bool:
    """``from <reader module> import read_data_sets [as r], ...`` naming only :data:`NAMES`."""
    if len(line.body) != 1 or not isinstance(line.body[0], cst.ImportFrom):
        return False
    statement = line.body[0]
    if (
        statement.relative
        or statement.module is None
        or isinstance(statement.names, cst.ImportStar)
        or _dotted(statement.module) not in MODULES
    ):
        return False
    return all(
        isinstance(alias.name, cst.Name) and alias.name.value in NAMES for alias in statement.names
    )


#: each runtime reader -> what its batches are, for messages
_BATCHES = {
    RUNTIME: (
        "TF 1.2-1.15's batches (shuffled before the first; NumPy reseeded by each DataSet from "
        "seed=, the graph-level seed, else the OS)"
    ),
    RUNTIME + "_tf1_1": "TF 1.1's batches (shuffled before the first; no reseeding)",
    RUNTIME + "_tf1_0": (
        "TF 0.x-1.0's batches (the first epoch in file order, an epoch's tail skipped)"
    ),
}


def _module_of(possible: frozenset[str]) -> str | None:
    """The runtime reader every era of ``possible`` drew its batches as, or None."""
    if possible <= {era.PRE_1_0, era.V1_0}:
        return RUNTIME + "_tf1_0"
    if possible == {era.V1_1}:
        return RUNTIME + "_tf1_1"
    if possible == {era.V1_2_PLUS}:
        return RUNTIME
    return None


def runtime_for(report: era.EraReport) -> tuple[str, str | None]:
    """The runtime module for a file with ``report``, and the L2T027 message where the strong
    evidence left the choice open (the weak evidence's era, else TF 1.2+'s, is taken)."""
    if report.conflicting:
        guess = None
    else:
        certain = _module_of(report.strong_only().possible)
        if certain is not None:
            return certain, None
        guess = _module_of(report.possible)
    runtime = guess or RUNTIME
    told = "only weak evidence tells" if guess else "cannot be told"
    others = "; ".join(
        f"for {batches} import {module}"
        for module, batches in _BATCHES.items()
        if module != runtime
    )
    return runtime, (
        f"TF1's MNIST reader in a file whose TensorFlow version {told} ({report.describe()}): "
        f"imported from {runtime}, {_BATCHES[runtime]}; {others} instead"
    )


class _Imports(cst.CSTTransformer):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(
        self, lines: dict[cst.SimpleStatementLine, str | None], runtime: str, open_era: str | None
    ) -> None:
        super().__init__()
        self.changes: list[Change] = []
        self._lines = lines
        self._runtime = runtime
        self._open_era = open_era

    def leave_SimpleStatementLine(
        self, original_node: cst.SimpleStatementLine, updated_node: cst.SimpleStatementLine
    ) -> cst.SimpleStatementLine:
        if original_node not in self._lines:
            return updated_node
        name = self._lines[original_node]
        start = self.get_metadata(PositionProvider, original_node).start
        statement = original_node.body[0]
        if isinstance(statement, cst.ImportFrom):
            assert statement.module is not None
            old = _dotted(statement.module)
            if name is not None:
                old += "." + PACKAGES[old]
        else:
            assert isinstance(statement, cst.Import)
            old = _dotted(statement.names[0].name)
        self.changes.append(
            (
                start.line,
                start.column + 1,
                PRE_1_0_CALL,
                f"TF1's MNIST reader ({old}, not in TF 2) is read here only for its functions: "
                f"imported from {self._runtime}, which reads and batches as TF1 did",
            )
        )
        if self._open_era is not None:
            self.changes.append((start.line, start.column + 1, MNIST_READER_ERA, self._open_era))
        if name is not None:
            package, _, leaf = self._runtime.rpartition(".")
            text = f"from {package} import {leaf} as {name}\n"
        else:
            assert isinstance(statement, cst.ImportFrom)
            text = (
                _dotted(statement.with_changes(module=cst.parse_expression(self._runtime))) + "\n"
            )
        new = cst.parse_statement(text)
        assert isinstance(new, cst.SimpleStatementLine)
        return updated_node.with_changes(body=new.body)


class _Lines(cst.CSTVisitor):
    """The import lines inside functions (``def load_data(): from ... import input_data``), and
    each node's parent."""

    def __init__(self) -> None:
        self.parents: dict[cst.CSTNode, cst.CSTNode] = {}
        self.lines: list[cst.SimpleStatementLine] = []
        self._depth = 0

    def on_visit(self, node: cst.CSTNode) -> bool:
        for child in node.children:
            self.parents[child] = node
        if isinstance(node, (cst.FunctionDef, cst.Lambda)):
            self._depth += 1
        elif isinstance(node, cst.SimpleStatementLine) and self._depth:
            self.lines.append(node)
        return True

    def on_leave(self, original_node: cst.CSTNode) -> None:
        if isinstance(original_node, (cst.FunctionDef, cst.Lambda)):
            self._depth -= 1


_WRITES = (cst.AssignTarget, cst.AugAssign, cst.Del)


def _local_imports(wrapper: MetadataWrapper) -> dict[cst.SimpleStatementLine, str | None]:
    """Reader imports inside a function whose bound name, in that function, is bound by such
    imports only and read only as ``name.<one of NAMES>`` (and ``from`` imports of those names)."""
    visitor = _Lines()
    wrapper.module.visit(visitor)
    scopes = wrapper.resolve(ScopeProvider)
    found: dict[cst.SimpleStatementLine, str | None] = {}
    groups: dict[tuple[object, str], list[cst.SimpleStatementLine]] = {}
    for line in visitor.lines:
        name = _module_import(line)
        if name is not None:
            groups.setdefault((scopes.get(line.body[0]), name), []).append(line)
        elif _names_import(line):
            found[line] = None
    for (scope, name), imports in groups.items():
        if scope is None:
            continue
        statements = {line.body[0] for line in imports}
        assignments = list(scope.assignments[name])  # type: ignore[attr-defined]
        if not assignments or any(a.node not in statements for a in assignments):
            continue  # bound otherwise too (a parameter, an assignment)
        references = [r for a in assignments for r in a.references]
        if references and all(_reads_a_name(r.node, visitor.parents) for r in references):
            found.update(dict.fromkeys(imports, name))
    return found


def _reads_a_name(node: cst.CSTNode, parents: dict[cst.CSTNode, cst.CSTNode]) -> bool:
    parent = parents.get(node)
    return (
        isinstance(parent, cst.Attribute)
        and parent.value is node
        and parent.attr.value in NAMES
        and not isinstance(parents.get(parent), _WRITES)
    )


def fix_mnist_reader(source: bytes, original: bytes) -> tuple[bytes, list[Change]]:
    """TF1's MNIST reader imported from TensorFlow and read only for its names -> the runtime's
    :mod:`legacy2tf2.runtime.mnist_input_data` of the file's TF version.

    Args:
        source: the source after our rewrite.
        original: the source as the user wrote it, whose evidence tells its TensorFlow version.

    Returns:
        The new source and its changes, (line, col, code, message), positioned in ``source``
        (lines kept).
    """
    if b"input_data" not in source and b"datasets" not in source:
        return source, []
    wrapper = analysis.wrapper(analysis.parse(source))
    lines: dict[cst.SimpleStatementLine, str | None] = {}
    modules: dict[str, list[cst.SimpleStatementLine]] = {}
    for line in wrapper.module.body:
        if not isinstance(line, cst.SimpleStatementLine):
            continue
        name = _module_import(line)
        if name is not None:
            modules.setdefault(name, []).append(line)
        elif _names_import(line):
            lines[line] = None
    for name, imports in modules.items():
        # a notebook may import the reader again in a later cell: each binds the same module
        if reads_only_attributes(wrapper, name, NAMES, imports=len(imports)):
            lines.update(dict.fromkeys(imports, name))
    lines.update(_local_imports(wrapper))
    if not lines:
        return source, []
    runtime, open_era = runtime_for(era.detect_era(analysis.parse(original)))
    transformer = _Imports(lines, runtime, open_era)
    new = wrapper.visit(transformer)
    return new.bytes, transformer.changes


#: ``tf.contrib.learn``'s paths to the reader module (TF 0.10-1.15)
CONTRIB_MODULES = (
    "tensorflow.contrib.learn.datasets.mnist",
    "tensorflow.contrib.learn.python.learn.datasets.mnist",
)
#: ``tf.contrib.learn.datasets.load_dataset``: ``load_dataset("mnist")`` was ``mnist.load_mnist()``
LOAD_DATASET = (
    "tensorflow.contrib.learn.datasets.load_dataset",
    "tensorflow.contrib.learn.python.learn.datasets.load_dataset",
)


def _reader_path(wrapper_names: set[str]) -> str | None:
    """The reader's name a qualified name reaches through ``tf.contrib.learn`` (or None)."""
    for name in wrapper_names:
        module, _, leaf = name.rpartition(".")
        if module in CONTRIB_MODULES and leaf in NAMES:
            return leaf
    return None


class _Attributes(cst.CSTTransformer):
    METADATA_DEPENDENCIES = (PositionProvider, QualifiedNameProvider)

    def __init__(self, runtime: str, open_era: str | None) -> None:
        super().__init__()
        self.changes: list[Change] = []
        self._leaf = runtime.rpartition(".")[2]
        self._open_era = open_era

    def _note(self, node: cst.CSTNode, old: str, new: str) -> None:
        start = self.get_metadata(PositionProvider, node).start
        self.changes.append(
            (
                start.line,
                start.column + 1,
                PRE_1_0_CALL,
                f"TF1's MNIST reader {old} (tf.contrib, not in TF 2) -> {new}, which reads and "
                f"batches as TF1 did",
            )
        )
        if self._open_era is not None:
            self.changes.append((start.line, start.column + 1, MNIST_READER_ERA, self._open_era))

    def _names(self, node: cst.CSTNode) -> set[str]:
        return {q.name for q in self.get_metadata(QualifiedNameProvider, node, set())}

    def leave_Attribute(
        self, original_node: cst.Attribute, updated_node: cst.Attribute
    ) -> cst.BaseExpression:
        leaf = _reader_path(self._names(original_node))
        if leaf is None:
            return updated_node
        new = f"{self._leaf}.{leaf}"
        self._note(original_node, _dotted(original_node), new)
        return cst.parse_expression(new)

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
        if not self._names(original_node.func) & set(LOAD_DATASET):
            return updated_node
        args = original_node.args
        if (
            len(args) != 1
            or args[0].keyword is not None
            or args[0].star
            or not isinstance(args[0].value, cst.SimpleString)
            or args[0].value.evaluated_value != "mnist"
        ):
            return updated_node
        new = f"{self._leaf}.load_mnist()"
        self._note(original_node, _dotted(original_node), new)
        return cst.parse_expression(new)


def fix_mnist_attributes(source: bytes, original: bytes) -> tuple[bytes, list[Change]]:
    """``tf.contrib.learn.datasets.mnist.read_data_sets`` (any reader name, also through
    ``tensorflow.contrib.learn.python.learn``) and ``tf.contrib.learn.datasets.load_dataset("mnist")``
    (TF1: ``mnist.load_mnist()``) -> the runtime reader of the file's TF version, imported.

    Returns:
        The new source and its changes, (line, col, code, message), positioned in ``source``.
    """
    if b"datasets" not in source:
        return source, []
    module = analysis.parse(source)
    runtime, open_era = runtime_for(era.detect_era(analysis.parse(original)))
    transformer = _Attributes(runtime, open_era)
    new = analysis.wrapper(module).visit(transformer)
    if not transformer.changes:
        return source, []
    new = with_runtime_import(new, runtime.rpartition(".")[2])
    return new.bytes, transformer.changes
