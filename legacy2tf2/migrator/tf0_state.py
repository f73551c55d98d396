"""TF 0.x's concatenated LSTM state, the default of programs written for TF 0.11 or earlier.

Up to TF 0.11 ``BasicLSTMCell``, ``LSTMCell`` and ``MultiRNNCell`` defaulted to
``state_is_tuple=False``: the state was one tensor, ``[c, h]`` (per layer, concatenated), and TF
0.x programs fed and fetched it as such (``model.initial_state.eval()``, a placeholder of
``cell.state_size`` columns, ``int(cell.state_size)``). TF 0.12 made ``True`` the default, as the
runtime has it. A program of the ``tensorflow.models.rnn`` years (its ``rnn_cell``, ``rnn``,
``seq2seq`` and ``linear`` were gone by TF 0.12, unlike its ``ptb`` and ``translate`` tutorials)
therefore gets ``state_is_tuple=False`` back, in ``--full`` after our rewrite (L2T010):

- a call of one of the three runtime classes without ``state_is_tuple`` gets the keyword;
- the class used as a value (``cell_fn = rnn_cell.BasicLSTMCell``, then ``cell_fn(n)``) becomes
  ``functools.partial(rnn_cell.BasicLSTMCell.tf0, state_is_tuple=False)``: ``tf0`` takes TF
  0.x's arguments wherever the value is called (``cell_fn(n, 1.0, input_size)`` in a class it
  was passed to; the input size is dropped); ``MultiRNNCell``'s ``functools.partial`` is of the
  class itself;
- a class deriving from one of them, ``isinstance``/``issubclass`` tests and ``Cell.__init__``
  calls stay as they are (the subclass passes its own arguments).

Files without that evidence keep TF 0.12+'s default: TF 0.12 code also used ``tf.nn.rnn_cell``
and ``tf.nn.seq2seq``, so nothing else tells TF 0.11 from 0.12.

Up to TF 0.6 the seq2seq functions returned the state of every step, a list, where TF 0.7+ (and
the runtime) return the final state; code of that time took ``states[-1]``. In such a file
(without a ``state_is_tuple=True`` anywhere, so the state is one tensor and ``[-1]`` of it would
be the last batch row, which no TF 0.7+ program meant), ``states[-1]`` of a name bound once to
the state of ``outputs, states = seq2seq.rnn_decoder(...)`` (or another function returning
outputs and state, ``tf.nn.rnn`` among them) becomes ``states`` (L2T010). TF 0.6-0.8's
``rnn.rnn`` of ``tensorflow.models.rnn`` (or of ``tensorflow.python.ops``, the same function)
becomes ``tf.compat.v1.nn.static_rnn`` first (the same arguments), where its states are read only
as the final state or ``[-1]``; an import of ``tensorflow.models.rnn`` goes once unused
(``--full`` then drops the rewrite's report of that import).
"""

from __future__ import annotations

import libcst as cst
import libcst.matchers as m
from libcst.metadata import (
    ParentNodeProvider,
    PositionProvider,
    QualifiedNameProvider,
    ScopeProvider,
)

from legacy2tf2.migrator import analysis, era
from legacy2tf2.migrator.findings import PRE_1_0_CALL
from legacy2tf2.migrator.renames import RUNTIME_RNN_CELL, RUNTIME_SEQ2SEQ

#: The runtime classes whose ``state_is_tuple`` defaulted to False up to TF 0.11 -> the index of
#: ``state_is_tuple`` among their positional parameters.
CLASSES: dict[str, int] = {
    f"{RUNTIME_RNN_CELL}.BasicLSTMCell": 2,
    f"{RUNTIME_RNN_CELL}.LSTMCell": 9,
    f"{RUNTIME_RNN_CELL}.MultiRNNCell": 1,
}
KEYWORD = "state_is_tuple"
#: The classes whose TF 0.x positional parameters differ from the runtime's (``input_size``): as
#: a value they become ``<class>.tf0``, which takes TF 0.x's.
_TF0_SIGNATURES = frozenset({"BasicLSTMCell", "LSTMCell"})
#: The functions returning ``(outputs, state)`` that returned ``(outputs, states)``, one state
#: per step, up to TF 0.6: the runtime's seq2seq functions and ``static_rnn`` (``tf.nn.rnn``).
RETURN_STATE: frozenset[str] = frozenset(
    {
        *(
            f"{RUNTIME_SEQ2SEQ}.{name}"
            for name in (
                "rnn_decoder",
                "basic_rnn_seq2seq",
                "tied_rnn_seq2seq",
                "embedding_rnn_decoder",
                "embedding_rnn_seq2seq",
                "embedding_tied_rnn_seq2seq",
                "attention_decoder",
                "embedding_attention_decoder",
                "embedding_attention_seq2seq",
            )
        ),
        "tensorflow.nn.static_rnn",
        "tensorflow.compat.v1.nn.static_rnn",
    }
)
#: The modules of ``tensorflow.models.rnn`` that TF 0.12 no longer had.
_TF0_RNN_MODULES = frozenset({"rnn_cell", "rnn", "seq2seq", "linear"})
#: TF 0.6-0.8's static RNN function.
_MODELS_RNN_RNN = "tensorflow.models.rnn.rnn.rnn"
#: The same function in ``tensorflow.python.ops.rnn`` (TF 0.6-0.12), as programs of the
#: ``tensorflow.models.rnn`` years also imported it -> its name in messages.
_STATIC_RNNS = {
    _MODELS_RNN_RNN: "tensorflow.models.rnn rnn.rnn",
    "tensorflow.python.ops.rnn.rnn": "python.ops.rnn.rnn",
}
_TYPE_TESTS = frozenset({"isinstance", "issubclass"})

Change = tuple[int, int, str, str]


def _imports_tf0_rnn_api(module: cst.Module) -> bool:
    """Whether ``module`` imports ``rnn_cell``, ``rnn``, ``seq2seq`` or ``linear`` of
    ``tensorflow.models.rnn`` (its tutorials, ``ptb`` and ``translate``, lasted to TF 0.12)."""
    for node in m.findall(module, m.Import() | m.ImportFrom()):
        if isinstance(node, cst.Import):
            dotted = [cst.Module([]).code_for_node(a.name) for a in node.names]
        elif isinstance(node, cst.ImportFrom) and node.module is not None and not node.relative:
            base = cst.Module([]).code_for_node(node.module)
            if isinstance(node.names, cst.ImportStar):
                dotted = [base]
            else:
                dotted = [f"{base}.{cst.Module([]).code_for_node(a.name)}" for a in node.names]
        else:
            continue
        for name in dotted:
            parts = name.split(".")
            if parts[:3] == ["tensorflow", "models", "rnn"] and (
                len(parts) == 3 or parts[3] in _TF0_RNN_MODULES
            ):
                return True
    return False


def written_for_tf0_11(original: cst.Module) -> bool:
    """Whether ``original`` (the source as written) is certainly for TF 0.11 or earlier."""
    if not _imports_tf0_rnn_api(original):
        return False
    report = era.detect_era(original)
    return not report.conflicting and report.era == era.PRE_1_0


def recorded_tf0_11(original: cst.Module) -> str | None:
    """The notebook's record that it ran on TF 0.11 or earlier (cited), where ``original`` (the
    source as written) agrees that it is pre-1.0 code; else None."""
    report = era.detect_era(original)
    record = era.recorded_release(report)
    if record is None or record.release is None or record.release >= (0, 12):
        return None
    if report.conflicting or report.era != era.PRE_1_0:
        return None
    major, minor = record.release
    return f"the notebook ran on TF {major}.{minor}: {record.cited()}"


def _change_at(transformer: cst.CSTTransformer, node: cst.CSTNode, message: str) -> Change:
    """An L2T010 change at ``node``'s start (1-based), as the passes of this module report it."""
    start = transformer.get_metadata(PositionProvider, node).start
    return start.line, start.column + 1, PRE_1_0_CALL, message


class _ConcatenatedState(cst.CSTTransformer):
    METADATA_DEPENDENCIES = (QualifiedNameProvider, PositionProvider, ParentNodeProvider)

    def __init__(self, reason: str) -> None:
        super().__init__()
        self.changes: list[Change] = []
        self.partial_used = False
        self.reason = reason

    def _cell(self, node: cst.CSTNode) -> str | None:
        names = {q.name for q in self.get_metadata(QualifiedNameProvider, node, set())}
        found = names & CLASSES.keys()
        return next(iter(found)) if len(found) == 1 and len(names) == 1 else None

    def _note(self, node: cst.CSTNode, cell: str, what: str) -> None:
        short = cell.rpartition(".")[2]
        message = (
            f"{short}{what}: up to TF 0.11 ({self.reason}) its state "
            "was one concatenated tensor by default; TF 0.12+ and the runtime default to "
            "state_is_tuple=True"
        )
        self.changes.append(_change_at(self, node, message))

    def _kept_as_is(self, node: cst.CSTNode) -> bool:
        """Whether a reference to a cell class is a call's function, a base class, a type test."""
        parent = self.get_metadata(ParentNodeProvider, node, None)
        if isinstance(parent, cst.Call) and parent.func is node:
            return True
        if isinstance(parent, cst.Attribute):  # BasicLSTMCell.__init__, a class attribute
            return True
        if isinstance(parent, cst.Arg):
            owner = self.get_metadata(ParentNodeProvider, parent, None)
            if isinstance(owner, cst.ClassDef):
                return True
            if isinstance(owner, cst.Call) and isinstance(owner.func, cst.Name):
                return owner.func.value in _TYPE_TESTS
        if isinstance(parent, (cst.Tuple, cst.Element)):  # isinstance(c, (A, B))
            return True
        return isinstance(parent, (cst.ImportAlias, cst.AssignTarget))

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.Call:
        cell = self._cell(original_node.func)
        if cell is None:
            return updated_node
        args = original_node.args
        if any(a.star for a in args) or any(
            a.keyword is not None and a.keyword.value == KEYWORD for a in args
        ):
            return updated_node
        if sum(1 for a in args if a.keyword is None) > CLASSES[cell]:
            return updated_node  # given positionally
        self._note(original_node, cell, "(...) got state_is_tuple=False")
        return _with_keyword(updated_node)

    def _reference(self, original: cst.BaseExpression, updated: cst.BaseExpression):
        cell = self._cell(original)
        if cell is None or self._kept_as_is(original):
            return updated
        value = updated
        what = " used as a value became functools.partial(..., state_is_tuple=False)"
        if cell.rpartition(".")[2] in _TF0_SIGNATURES:
            # called wherever the value goes, with TF 0.x's positional input_size: .tf0 takes it
            value = cst.Attribute(value=updated, attr=cst.Name("tf0"))
            what = (
                " used as a value became functools.partial(<cell>.tf0, state_is_tuple=False), "
                "the class called with TF 0.x's arguments (input_size dropped)"
            )
        self._note(original, cell, what)
        self.partial_used = True
        return cst.Call(
            func=cst.parse_expression("functools.partial"),
            args=[
                cst.Arg(value=value, comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))),
                _false_keyword(),
            ],
        )

    def leave_Attribute(
        self, original_node: cst.Attribute, updated_node: cst.Attribute
    ) -> cst.BaseExpression:
        return self._reference(original_node, updated_node)

    def leave_Name(self, original_node: cst.Name, updated_node: cst.Name) -> cst.BaseExpression:
        return self._reference(original_node, updated_node)


class _StaticRnn(cst.CSTTransformer):
    """TF 0.6-0.8's ``rnn.rnn`` of ``tensorflow.models.rnn`` (or of ``tensorflow.python.ops``, the
    same function) -> ``tf.compat.v1.nn.static_rnn``.

    Only where its state is read as the final state or as TF 0.6's ``states[-1]`` (which the
    next pass turns into the final state), and the file imports ``tensorflow`` to spell it.
    """

    METADATA_DEPENDENCIES = (
        QualifiedNameProvider,
        PositionProvider,
        ScopeProvider,
        ParentNodeProvider,
    )

    def __init__(self, tf_name: str) -> None:
        super().__init__()
        self.changes: list[Change] = []
        self._tf = tf_name

    def _state_read_as_final(self, call: cst.Call) -> bool:
        assign = self.get_metadata(ParentNodeProvider, call, None)
        if not isinstance(assign, cst.Assign) or len(assign.targets) != 1:
            return False
        target = assign.targets[0].target
        if not isinstance(target, (cst.Tuple, cst.List)) or len(target.elements) != 2:
            return False
        state = target.elements[1].value
        if not isinstance(state, cst.Name):
            return False
        scope = self.get_metadata(ScopeProvider, state, None)
        if scope is None or len(scope.assignments[state.value]) != 1:
            return False
        for access in scope.accesses[state.value]:
            parent = self.get_metadata(ParentNodeProvider, access.node, None)
            if isinstance(parent, cst.Subscript) and not (
                len(parent.slice) == 1
                and isinstance(parent.slice[0].slice, cst.Index)
                and is_minus_one(parent.slice[0].slice.value)
            ):
                return False  # another step's state: TF 0.6's list has no equivalent
            if isinstance(parent, (cst.For, cst.CompFor)) and parent.iter is access.node:
                return False
            if isinstance(parent, cst.Arg):
                owner = self.get_metadata(ParentNodeProvider, parent, None)
                if (
                    isinstance(owner, cst.Call)
                    and isinstance(owner.func, cst.Name)
                    and owner.func.value in ("len", "list", "tuple", "enumerate", "zip")
                ):
                    return False
        return True

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.Call:
        names = {
            q.name for q in self.get_metadata(QualifiedNameProvider, original_node.func, set())
        }
        if len(names) != 1 or not names <= _STATIC_RNNS.keys():
            return updated_node
        if not self._state_read_as_final(original_node):
            return updated_node
        message = (
            f"TF 0.x's {_STATIC_RNNS[next(iter(names))]} is tf.compat.v1.nn.static_rnn (the same "
            "arguments; it returns the final state, which up to TF 0.6 was the last of the "
            "per-step states)"
        )
        self.changes.append(_change_at(self, original_node, message))
        func = cst.parse_expression(f"{self._tf}.compat.v1.nn.static_rnn")
        return updated_node.with_changes(func=func)


class _UnusedModelsRnn(cst.CSTTransformer):
    """Drop ``rnn`` of ``from tensorflow.models.rnn import rnn`` once nothing reads it."""

    METADATA_DEPENDENCIES = (ScopeProvider, PositionProvider)

    def __init__(self) -> None:
        super().__init__()
        self.removed = False
        #: the line of an import statement removed whole (the lines below it move up one)
        self.removed_line: int | None = None
        self._removed: int | None = None  # the line of an import just removed from its line

    def leave_ImportFrom(
        self, original_node: cst.ImportFrom, updated_node: cst.ImportFrom
    ) -> cst.ImportFrom | cst.RemovalSentinel:
        if isinstance(original_node.names, cst.ImportStar) or original_node.module is None:
            return updated_node
        module = cst.Module([]).code_for_node(original_node.module)
        if module not in ("tensorflow.models.rnn", "tensorflow.models.rnn.rnn"):
            return updated_node
        scope = self.get_metadata(ScopeProvider, original_node, None)
        kept = []
        for alias in original_node.names:
            bound = alias.evaluated_alias or alias.evaluated_name
            if alias.evaluated_name == "rnn" and scope is not None and not scope.accesses[bound]:
                self.removed = True
                continue
            kept.append(alias)
        if len(kept) == len(original_node.names):
            return updated_node
        if not kept:
            self._removed = self.get_metadata(PositionProvider, original_node).start.line
            return cst.RemoveFromParent()
        kept[-1] = kept[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
        return updated_node.with_changes(names=kept)

    def leave_SimpleStatementLine(
        self, original_node: cst.SimpleStatementLine, updated_node: cst.SimpleStatementLine
    ) -> cst.SimpleStatementLine | cst.RemovalSentinel:
        removed, self._removed = self._removed, None
        if removed is None:
            return updated_node
        if not updated_node.body:  # the import was the line's only statement: the line goes
            self.removed_line = removed
            return cst.RemoveFromParent()
        last = updated_node.body[-1]  # `import a; from tensorflow.models.rnn import rnn`
        body = [*updated_node.body[:-1], last.with_changes(semicolon=cst.MaybeSentinel.DEFAULT)]
        return updated_node.with_changes(body=body)


def _tensorflow_name(module: cst.Module) -> str | None:
    """The module-level name ``import tensorflow [as tf]`` binds, if any."""
    for statement in module.body:
        if not isinstance(statement, cst.SimpleStatementLine):
            continue
        for item in statement.body:
            if isinstance(item, cst.Import):
                for alias in item.names:
                    if alias.evaluated_name == "tensorflow":
                        return alias.evaluated_alias or "tensorflow"
    return None


class _FinalState(cst.CSTTransformer):
    """``states[-1]`` of a TF 0.6 seq2seq function's list of states -> the final state."""

    METADATA_DEPENDENCIES = (
        QualifiedNameProvider,
        PositionProvider,
        ScopeProvider,
        ParentNodeProvider,
    )

    def __init__(self) -> None:
        super().__init__()
        self.changes: list[Change] = []
        self._last: set[cst.Subscript] = set()

    def visit_Module(self, node: cst.Module) -> None:
        for assign in m.findall(node, m.Assign()):
            if isinstance(assign, cst.Assign):
                self._states_of(assign)

    def _states_of(self, node: cst.Assign) -> None:
        if len(node.targets) != 1 or not isinstance(node.value, cst.Call):
            return
        target = node.targets[0].target
        names = {q.name for q in self.get_metadata(QualifiedNameProvider, node.value.func, set())}
        if not isinstance(target, (cst.Tuple, cst.List)) or len(names & RETURN_STATE) != 1:
            return
        elements = target.elements
        if len(elements) != 2 or not isinstance(elements[1].value, cst.Name):
            return
        state = elements[1].value
        scope = self.get_metadata(ScopeProvider, state, None)
        if scope is None or len(scope.assignments[state.value]) != 1:
            return
        for access in scope.accesses[state.value]:
            parent = self.get_metadata(ParentNodeProvider, access.node, None)
            if (
                isinstance(parent, cst.Subscript)
                and parent.value is access.node
                and len(parent.slice) == 1
                and isinstance(parent.slice[0].slice, cst.Index)
                and is_minus_one(parent.slice[0].slice.value)
            ):
                self._last.add(parent)

    def leave_Subscript(
        self, original_node: cst.Subscript, updated_node: cst.Subscript
    ) -> cst.BaseExpression:
        if original_node not in self._last:
            return updated_node
        message = (
            "the last of the per-step states the seq2seq and RNN functions returned up to "
            "TF 0.6 is the final state they return since TF 0.7: [-1] dropped"
        )
        self.changes.append(_change_at(self, original_node, message))
        return updated_node.value.with_changes(lpar=updated_node.lpar, rpar=updated_node.rpar)


def is_minus_one(node: cst.BaseExpression) -> bool:
    """Whether ``node`` is the literal ``-1`` (the last of TF 0.6's per-step states)."""
    return (
        isinstance(node, cst.UnaryOperation)
        and isinstance(node.operator, cst.Minus)
        and isinstance(node.expression, cst.Integer)
        and node.expression.value == "1"
    )


def _false_keyword() -> cst.Arg:
    no_space = cst.SimpleWhitespace("")
    return cst.Arg(
        value=cst.Name("False"),
        keyword=cst.Name(KEYWORD),
        equal=cst.AssignEqual(whitespace_before=no_space, whitespace_after=no_space),
    )


def _with_keyword(call: cst.Call) -> cst.Call:
    args = list(call.args)
    if args:
        last = args[-1]
        args[-1] = last.with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
        keyword = _false_keyword().with_changes(comma=last.comma)
    else:
        keyword = _false_keyword()
    return call.with_changes(args=[*args, keyword])


def _import_functools(module: cst.Module) -> cst.Module:
    """``module`` with ``import functools`` after its docstring and ``__future__`` imports."""
    body = list(module.body)
    index = 0
    for index, statement in enumerate(body):  # noqa: B007
        if not isinstance(statement, cst.SimpleStatementLine):
            break
        first = statement.body[0]
        if isinstance(first, cst.Expr) and isinstance(first.value, cst.SimpleString):
            continue
        if (
            isinstance(first, cst.ImportFrom)
            and cst.Module([]).code_for_node(first.module or cst.Name("")) == "__future__"
        ):
            continue
        if isinstance(first, cst.Import) and any(
            cst.Module([]).code_for_node(a.name) == "functools" and a.asname is None
            for a in first.names
        ):
            return module
        break
    else:
        index = len(body)
    body.insert(index, cst.parse_statement("import functools\n"))
    return module.with_changes(body=body)


def fix_concatenated_state(
    module: cst.Module, original: cst.Module
) -> tuple[cst.Module, list[Change]]:
    """Give the LSTM cells of a TF 0.11-or-earlier program TF 0.x's concatenated state.

    A program of the ``tensorflow.models.rnn`` years also gets its ``rnn.rnn`` as
    ``static_rnn`` and its ``states[-1]`` as the final state; a notebook that records it ran on
    TF 0.11 or earlier (and imports no ``tensorflow.models.rnn``) gets the cells' state only.

    Args:
        module: the source after our rewrite (its cells are the runtime's).
        original: the source as the user wrote it, whose imports (or the notebook's record of
            the release it ran on) tell TF 0.11 or earlier.

    Returns:
        The new module and its changes, (line, col, code, message), positioned in ``module``.
    """
    code = module.bytes
    if (
        b"legacy2tf2.runtime" not in code
        and b"static_rnn" not in code
        and b"models.rnn" not in code
    ):
        return module, []
    tf0_file = written_for_tf0_11(original)
    reason = "this file uses tensorflow.models.rnn" if tf0_file else recorded_tf0_11(original)
    if reason is None:
        return module, []
    changes: list[Change] = []
    tf_name = _tensorflow_name(module)
    if tf0_file and tf_name is not None:
        static = _StaticRnn(tf_name)
        module = analysis.wrapper(module).visit(static)
        if static.changes:
            unused = _UnusedModelsRnn()
            module = analysis.wrapper(module).visit(unused)
            gone = unused.removed_line
            changes += [
                (ln - (gone is not None and ln > gone), col, c, m)
                for ln, col, c, m in static.changes
            ]
    transformer = _ConcatenatedState(reason)
    new = analysis.wrapper(module).visit(transformer)
    changes += transformer.changes
    if transformer.partial_used:
        before = new.code.count("\n")
        new = _import_functools(new)
        if new.code.count("\n") > before:  # positions of the lines below it move down one
            added = new.code.splitlines().index("import functools") + 1
            changes = [(ln + (ln >= added), col, c, m) for ln, col, c, m in changes]
    if tf0_file and "state_is_tuple=True" not in new.code:
        final = _FinalState()
        new = analysis.wrapper(new).visit(final)
        changes = changes + final.changes
    return new, changes
