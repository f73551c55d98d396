"""TF1's ``tf.Variable`` in a graph-mode program is a reference variable (a ``--full`` step).

TF 1.x's ``tf.Variable(...)`` (and ``tf.compat.v1.Variable``) made a ``RefVariable`` unless the
program asked for resource variables: the variable's graph tensor, ``"Model/Variable:0"``, is its
value. Programs read it through that name: a variable put in a collection and exported with the
meta graph comes back from ``tf.train.import_meta_graph`` as that tensor (tensorflow/models'
``ptb_word_lm.py`` fetches its learning rate so: ``session.run(m.lr)``), as does
``graph.get_tensor_by_name("w:0")`` or ``session.run("w:0")``. On TF 2, even in graph mode,
``tf.Variable`` makes a resource variable, whose graph tensor is a handle: ``session.run`` gives
its bytes, not the value. So in a file that ``--full`` puts in graph mode, each such call becomes
``tf.compat.v1.Variable(..., use_resource=False)``, TF1's class with TF1's default (its
positional arguments are TF1's too: ``collections`` third, where TF 2's ``tf.Variable`` takes
``validate_shape``). Calls naming ``use_resource`` or passing ``**kwargs``, files that call
``enable_resource_variables``, and ``Variable`` imported by name are left.

``tf.compat.v1.get_variable`` (and ``tf.compat.v1.Variable``) follow a process-wide default, which
TF1 set to reference variables and TF 2 to resource variables: a restore script reading
``sess.run("w:0")`` after ``import_meta_graph`` got the values on TF1 and the handle's bytes on
TF 2. So the ``disable_eager_execution()`` statement the graph-mode step adds is followed by
``disable_resource_variables()`` (:func:`add_disable_resource`), TF1's default (what the upgrader's
own note on ``get_variable`` proposes). A ``variable_scope(..., use_resource=True)``, a
``use_resource=True`` argument and a later ``enable_resource_variables()`` call keep their effect.
"""

from __future__ import annotations

import libcst as cst
from libcst.metadata import PositionProvider, QualifiedNameProvider

from legacy2tf2.migrator import analysis
from legacy2tf2.migrator.findings import PRE_1_0_CALL

#: (line, col, code, message), 1-based, in the input.
Change = tuple[int, int, str, str]

_VARIABLES = frozenset({"tensorflow.Variable", "tensorflow.compat.v1.Variable"})


class _RefVariables(cst.CSTTransformer):
    METADATA_DEPENDENCIES = (QualifiedNameProvider, PositionProvider)

    def __init__(self) -> None:
        super().__init__()
        self.changes: list[Change] = []

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
        func = original_node.func
        if not isinstance(func, cst.Attribute):
            return updated_node
        names = {q.name for q in self.get_metadata(QualifiedNameProvider, func, set())}
        found = names & _VARIABLES
        if not found or any(
            arg.star == "**" or (arg.keyword is not None and arg.keyword.value == "use_resource")
            for arg in original_node.args
        ):
            return updated_node
        head = cst.Module([]).code_for_node(func.value)
        new_func: cst.BaseExpression = func
        if "tensorflow.Variable" in found:
            new_func = cst.parse_expression(f"{head}.compat.v1.Variable")
        use_resource = cst.Arg(
            keyword=cst.Name("use_resource"),
            value=cst.Name("False"),
            equal=cst.AssignEqual(cst.SimpleWhitespace(""), cst.SimpleWhitespace("")),
        )
        args = list(updated_node.args)
        if args and args[-1].comma is not cst.MaybeSentinel.DEFAULT:
            # an explicit trailing comma stays after the new last argument
            use_resource = use_resource.with_changes(comma=args[-1].comma)
            args[-1] = args[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
        start = self.get_metadata(PositionProvider, original_node).start
        old = cst.Module([]).code_for_node(func)
        new = cst.Module([]).code_for_node(new_func)
        self.changes.append(
            (
                start.line,
                start.column + 1,
                PRE_1_0_CALL,
                f"{old}(...) -> {new}(..., use_resource=False): TF1's variable was a reference "
                "variable, whose graph tensor (a collection exported with the meta graph, "
                "get_tensor_by_name('...:0')) reads as its value; TF 2's is a resource "
                "variable, whose tensor is a handle",
            )
        )
        return updated_node.with_changes(func=new_func, args=[*args, use_resource])


def keep_ref_variables(module: cst.Module) -> tuple[cst.Module, list[Change]]:
    """Make the TF1 variables of a graph-mode program reference variables, as TF1 made them.

    Returns the new module and every change as (line, col, code, message), positioned in
    ``module``. See the module docstring for what is changed and what is left.
    """
    code = module.code
    if "Variable" not in code or "enable_resource_variables" in code:
        return module, []
    transformer = _RefVariables()
    new = analysis.wrapper(module, unsafe_skip_copy=True).visit(transformer)
    return new, sorted(transformer.changes)


_DISABLE_EAGER = "disable_eager_execution"


def add_disable_resource(module: cst.Module) -> cst.Module:
    """Follow the module-level ``<tf>.compat.v1.disable_eager_execution()`` statement (the one the
    graph-mode step adds) with ``<tf>.compat.v1.disable_resource_variables()``: TF1's default,
    reference variables, for ``get_variable`` and ``tf.compat.v1.Variable`` in the whole program.

    Returns ``module`` unchanged when it has no such statement.
    """
    for index, statement in enumerate(module.body):
        call = _bare_call(statement)
        if call is None or not isinstance(call.func, cst.Attribute):
            continue
        if call.func.attr.value != _DISABLE_EAGER or call.args:
            continue
        head = cst.Module([]).code_for_node(call.func.value)
        added = cst.parse_statement(f"{head}.disable_resource_variables()\n")
        body = [*module.body[: index + 1], added, *module.body[index + 1 :]]
        return module.with_changes(body=body)
    return module


def _bare_call(statement: cst.BaseStatement) -> cst.Call | None:
    """The call of a statement line that is only that call (``f()``), else None."""
    if not isinstance(statement, cst.SimpleStatementLine) or len(statement.body) != 1:
        return None
    expr = statement.body[0]
    if isinstance(expr, cst.Expr) and isinstance(expr.value, cst.Call):
        return expr.value
    return None
