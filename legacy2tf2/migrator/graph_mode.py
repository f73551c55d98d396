"""Keep a TF1 graph-mode program in graph mode on TF 2: one ``disable_eager_execution()`` call.

A file that builds a graph for a session (placeholders, ``Session``, ``Saver``, ``get_variable``,
``variable_scope``, ...) gets ``<tf>.compat.v1.disable_eager_execution()`` as the statement
right after its module-level TensorFlow import. Nothing is added when the file already switches
eager execution on or off, or when the TensorFlow import is not a module-level statement.
"""

from __future__ import annotations

import libcst as cst
from libcst.metadata import QualifiedNameProvider

from legacy2tf2.migrator import analysis, renames

#: Uses (below ``tensorflow.compat.v1.``) that mean the file runs a TF1 graph in a session.
GRAPH_USES: frozenset[str] = frozenset(
    {
        "placeholder",
        "placeholder_with_default",
        "Session",
        "InteractiveSession",
        "train.Saver",
        "get_variable",
        "variable_scope",
        "global_variables_initializer",
        "initialize_all_variables",
        "local_variables_initializer",
        "trainable_variables",
        "gradients",
        # TF1 summaries: merge_all and FileWriter raise under eager execution
        "summary.merge_all",
        "summary.FileWriter",
        # TF1's contrib.learn.run_n / run_feeds ran the graph again in a new session
        "contrib.learn.run_n",
        "contrib.learn.run_feeds",
    }
)
#: The runtime's stand-ins for those, in a file the rewrite already moved to them.
RUNTIME_GRAPH_USES: frozenset[str] = frozenset(
    {f"{renames.RUNTIME_CONTRIB_LEARN}.run_n", f"{renames.RUNTIME_CONTRIB_LEARN}.run_feeds"}
)

#: Calls that already choose an execution mode: the file is left alone.
MODE_SWITCHES: frozenset[str] = frozenset(
    {
        "disable_eager_execution",
        "enable_eager_execution",
        "disable_v2_behavior",
        "enable_v2_behavior",
    }
)

_COMPAT = "tensorflow.compat.v1."


class _Scan(cst.CSTVisitor):
    METADATA_DEPENDENCIES = (QualifiedNameProvider,)

    def __init__(self) -> None:
        super().__init__()
        self.graph = False
        self.switched = False

    def visit_Attribute(self, node: cst.Attribute) -> None:
        for qualified in self.get_metadata(QualifiedNameProvider, node, set()):
            name = qualified.name
            if name in RUNTIME_GRAPH_USES:
                self.graph = True
            prefix = next((p for p in (_COMPAT, "tensorflow.") if name.startswith(p)), None)
            if prefix is None:
                continue
            # TF1 names too: the upgrader leaves them where it does not know the import style
            rest = name[len(prefix) :]
            if rest in MODE_SWITCHES:
                self.switched = True
            elif rest in GRAPH_USES:
                self.graph = True


def _tf_import(statement: cst.BaseStatement) -> str | None:
    """The call to insert after ``statement`` when it imports TensorFlow at module level."""
    if not isinstance(statement, cst.SimpleStatementLine):
        return None
    for small in statement.body:
        if not isinstance(small, cst.Import):
            continue
        for alias in small.names:
            dotted = cst.helpers.get_full_name_for_node(alias.name)
            bound = alias.asname.name.value if alias.asname is not None else None
            if isinstance(bound, str) and dotted == "tensorflow":
                return f"{bound}.compat.v1.disable_eager_execution()"
            if isinstance(bound, str) and dotted == "tensorflow.compat.v1":
                return f"{bound}.disable_eager_execution()"
            if bound is None and dotted is not None and dotted.split(".")[0] == "tensorflow":
                return "tensorflow.compat.v1.disable_eager_execution()"
    return None


def add_disable_eager(module: cst.Module) -> tuple[cst.Module, int | None]:
    """Insert the call when the module is a graph-mode program that lacks one.

    Returns the (possibly new) module and the 1-based line of the TensorFlow import it follows,
    or None when nothing was inserted.
    """
    scan = _Scan()
    analysis.wrapper(module, unsafe_skip_copy=True).visit(scan)
    if not scan.graph or scan.switched:
        return module, None
    for index, statement in enumerate(module.body):
        call = _tf_import(statement)
        if call is None:
            continue
        head = module.with_changes(body=module.body[: index + 1], footer=())
        line = head.code.count(module.default_newline) or 1
        body = [*module.body[: index + 1], cst.parse_statement(call), *module.body[index + 1 :]]
        return module.with_changes(body=body), line
    return module, None
