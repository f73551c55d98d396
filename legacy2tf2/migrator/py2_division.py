"""Python 2's integer ``/`` where only an integer can have worked (a ``--full`` step).

Without ``from __future__ import division``, Python 2's ``a / b`` of two ints was floor
division; Python 3's is true division and gives a float. In general which operands are ints
cannot be told from the source, so ``/`` is left alone, except where Python 2 accepted nothing
but an integer, so a program that ran had ints there and ``//`` is its exact result (L2T022):

- an argument of the builtin ``range`` (``xrange`` is ``range`` by now; ``six.moves``'
  ``xrange`` and ``range`` too): Python 2's ``range`` and ``xrange``
  refused floats (``for i in xrange(len(data) / batch_size)``);
- a bound of a slice (``x[: len(x) / 2]``, ``data[i * n / k : ...]``): lists, tuples and strings
  refused float bounds (NumPy before 1.12 truncated them; NumPy 2 refuses them, so there ``//``
  changes no result a program can still get);
- also inside ``+``, ``-``, ``*``, ``/``, ``//``, ``%`` arithmetic there (``range(n / k + 1)``):
  one float operand made the whole a float, which those places refused;
- the arithmetic assigned to a name or attribute that such a place reads: ``n_batches =
  len(data) / batch_size`` (the name's only assignment in its scope; ``n_batches += 1``,
  ``-=`` or ``*=`` besides, which keep a float a float, as in ``if len(data) % batch_size:
  n_batches += 1``), ``self.num_batches =
  self.tensor.size / (self.batch_size * self.seq_length)`` (the file's only assignment of that
  attribute, read as ``loader.num_batches`` or ``self.num_batches``), then
  ``range(n_batches)`` or ``x[: self.num_batches * n]``: the value read there was an int, so was
  every operand of its arithmetic;
- the number of units of a TF1 RNN cell (the first argument or ``num_units=`` of ``GRUCell``,
  ``BasicLSTMCell``, ``LSTMCell``, ...: ``tf.contrib.rnn.BasicLSTMCell(hidden_size / 2)`` of a
  bidirectional tagger): TF1 built the cell's weights and zero state from it, which a
  non-integral size stopped, so a program that ran had ints there (or floats whose quotient
  ``//`` gives unchanged); also through a parameter of a function or method of the file that
  reads it only so (``def _new_cell(self, size): return GRUCell(size)``, called as
  ``self._new_cell(self.memory_dim / 2)``): the argument of each call of it in the file;
- anywhere, a ``/`` both of whose operands were ints whatever the data: int literals,
  ``len(...)``, ``int(...)``, a name whose one assignment in its scope is such a value, and
  arithmetic of those (``n_steps = 200``, then ``seq_input_data[n_steps / 2, :, :] = -1.``, a
  NumPy index that NumPy 2 refuses as a float).

Only in files that are certainly Python 2 code (``--full`` changed or reported a Python 2
statement or name in them) and that do not import ``division`` from ``__future__``.
"""

from __future__ import annotations

from collections.abc import Iterator

import libcst as cst
from libcst.metadata import (
    ParentNodeProvider,
    PositionProvider,
    QualifiedNameProvider,
    ScopeProvider,
)

from legacy2tf2.migrator import analysis
from legacy2tf2.migrator.findings import PY2_FIXED

Change = tuple[int, int, str, str]

#: Operators whose result is an int only when every operand is (Python 2: int op float is float).
_ARITHMETIC = (cst.Add, cst.Subtract, cst.Multiply, cst.Divide, cst.FloorDivide, cst.Modulo)


#: Python 2's ``range``, also through ``six`` (``from six.moves import xrange``, Python 2's
#: ``xrange``), which refused floats.
_RANGES = frozenset({"builtins.range", "six.moves.xrange", "six.moves.range"})

#: TF1 RNN cells whose first argument is their number of units (``num_units``; ``cell_size``
#: of ``GRUBlockCell``), through ``tensorflow`` or the runtime ``rewrite`` put in their place.
_CELLS = frozenset(
    {
        "BasicRNNCell",
        "GRUCell",
        "BasicLSTMCell",
        "LSTMCell",
        "LSTMBlockCell",
        "GRUBlockCell",
        "GRUBlockCellV2",
        "LayerNormBasicLSTMCell",
        "CoupledInputForgetGateLSTMCell",
    }
)
_CELL_MODULES = ("tensorflow.", "legacy2tf2.runtime.")
_UNITS_KEYWORDS = frozenset({"num_units", "cell_size"})

#: Where only an int is accepted, as findings say it.
_PLACES = "a range() argument, a slice bound or a TF1 cell's number of units"

#: Augmented assignments after which a float is still a float (``n += 1`` of ``n = a / b``): a
#: name so updated that only an int fits where it is read held an int from its one assignment.
_KEEPS_FLOAT = (cst.AddAssign, cst.SubtractAssign, cst.MultiplyAssign)


def _arithmetic(node: cst.CSTNode | None) -> bool:
    return (isinstance(node, cst.BinaryOperation) and isinstance(node.operator, _ARITHMETIC)) or (
        isinstance(node, cst.UnaryOperation) and isinstance(node.operator, cst.Minus)
    )


class _IntegerDivision(cst.CSTTransformer):
    METADATA_DEPENDENCIES = (
        QualifiedNameProvider,
        PositionProvider,
        ParentNodeProvider,
        ScopeProvider,
    )

    def __init__(self) -> None:
        super().__init__()
        self.changes: list[Change] = []
        #: Values (of ``name = value``) that an integer-only place reads.
        self._int_values: set[cst.BaseExpression] = set()
        self._attribute_assigns: dict[str, list[cst.CSTNode]] = {}
        self._int_attributes: set[str] = set()
        #: Functions and methods of the file -> their parameters read only where an int fits.
        self._int_params: dict[cst.FunctionDef, set[cst.Param]] = {}
        self._calls: list[cst.Call] = []

    def _top(self, node: cst.BaseExpression) -> tuple[cst.BaseExpression, cst.CSTNode | None]:
        """The outermost arithmetic ``node`` is part of, and that one's parent."""
        parent = self.get_metadata(ParentNodeProvider, node, None)
        while _arithmetic(parent):
            node, parent = parent, self.get_metadata(ParentNodeProvider, parent, None)  # type: ignore[assignment]
        return node, parent

    # -- first: which names and attributes carry an int into an integer-only place -------------
    def visit_Module(self, node: cst.Module) -> None:
        for found in _walk(node):
            if isinstance(found, cst.Call):
                self._calls.append(found)
            if isinstance(found, cst.Name) and self._integer_only(found):
                self._int_name(found)
            elif isinstance(found, cst.Attribute) and self._integer_only(found):
                self._int_attributes.add(found.attr.value)
            elif isinstance(found, (cst.Assign, cst.AugAssign, cst.AnnAssign)):
                targets = (
                    [t.target for t in found.targets]
                    if isinstance(found, cst.Assign)
                    else [found.target]
                )
                for target in targets:
                    for attribute in _attributes_bound(target):
                        self._attribute_assigns.setdefault(attribute.attr.value, []).append(found)
        self._resolve_attributes()
        # An int value's arithmetic had only int operands (an int and a float made a float):
        # the names and attributes it reads held ints too (``num_batches = len(data) / size``,
        # ``total = num_batches * epochs``, then ``range(1, total)``).
        done: set[cst.BaseExpression] = set()
        while True:
            pending = [v for v in self._int_values if v not in done]
            for value in pending:
                done.add(value)
                for operand in _operands(value):
                    if isinstance(operand, cst.Name):
                        self._int_name(operand)
                    elif isinstance(operand, cst.Attribute):
                        self._int_attributes.add(operand.attr.value)
            self._resolve_attributes()
            # what each call of the file passes to a parameter read only where an int fits
            passed = {v for call in self._calls for v in self._int_arguments(call)}
            if not pending and passed <= self._int_values:
                break
            self._int_values |= passed

    def _int_arguments(self, call: cst.Call) -> Iterator[cst.BaseExpression]:
        """The arguments ``call`` passes to parameters of the file's function or method it
        calls (``f(...)``; ``self.m(...)`` inside m's class) that are read only where an int
        fits."""
        function, offset = self._called(call)
        params = self._int_params.get(function) if function is not None else None
        if not params:
            return
        positional = function.params.params
        for index, arg in enumerate(call.args):
            if arg.star:
                return  # the positions after *args are unknown
            if arg.keyword is not None:
                if any(p.name.value == arg.keyword.value for p in params):
                    yield arg.value
            elif 0 <= index + offset < len(positional) and positional[index + offset] in params:
                yield arg.value

    def _called(self, call: cst.Call) -> tuple[cst.FunctionDef | None, int]:
        """The function of the file ``call`` calls, and the number of its parameters the call
        does not pass (1 for ``self``)."""
        func = call.func
        if isinstance(func, cst.Name):
            scope = self.get_metadata(ScopeProvider, func, None)
            bindings = list(scope.assignments[func.value]) if scope is not None else []
            if len(bindings) == 1 and isinstance(bindings[0].node, cst.FunctionDef):
                return bindings[0].node, 0
            return None, 0
        if not (isinstance(func, cst.Attribute) and isinstance(func.value, cst.Name)):
            return None, 0
        method = self._enclosing(call, cst.FunctionDef)
        if method is None or not method.params.params:
            return None, 0
        if method.params.params[0].name.value != func.value.value:
            return None, 0  # not `self.m(...)`
        owner = self._enclosing(method, cst.ClassDef)
        if owner is None or not isinstance(owner.body, cst.IndentedBlock):
            return None, 0
        named = [
            d
            for d in owner.body.body
            if isinstance(d, cst.FunctionDef) and d.name.value == func.attr.value
        ]
        if len(named) != 1 or named[0].decorators:
            return None, 0  # a staticmethod or classmethod takes no `self`
        return named[0], 1

    def _enclosing(self, node: cst.CSTNode, kind: type[cst.CSTNode]) -> cst.CSTNode | None:
        """The nearest ``kind`` node (a FunctionDef, a ClassDef) around ``node``."""
        parent = self.get_metadata(ParentNodeProvider, node, None)
        while parent is not None and not isinstance(parent, kind):
            parent = self.get_metadata(ParentNodeProvider, parent, None)
        return parent

    def _int_param(self, param: cst.Param, references: list[cst.CSTNode]) -> None:
        """Record ``param`` when it is a plain parameter of a ``def`` read only where an int
        fits (then each call's argument for it was an int)."""
        parameters = self.get_metadata(ParentNodeProvider, param, None)
        function = self.get_metadata(ParentNodeProvider, parameters, None)
        if not isinstance(function, cst.FunctionDef) or param not in (
            *function.params.params,
            *function.params.kwonly_params,
        ):
            return
        if references and all(
            isinstance(r, cst.Name) and self._integer_only(r) for r in references
        ):
            self._int_params.setdefault(function, set()).add(param)

    def _resolve_attributes(self) -> None:
        """The values of the int attributes that the file assigns once."""
        for attribute in self._int_attributes:
            assigns = self._attribute_assigns.get(attribute, [])
            if (
                len(assigns) == 1
                and isinstance(assigns[0], cst.Assign)
                and len(assigns[0].targets) == 1
                and isinstance(assigns[0].targets[0].target, cst.Attribute)
            ):
                self._int_values.add(assigns[0].value)

    def _int_name(self, name: cst.Name) -> None:
        scope = self.get_metadata(ScopeProvider, name, None)
        if scope is None:
            return
        bindings = list(scope.assignments[name.value])
        if len(bindings) == 1 and isinstance(bindings[0].node, cst.Param):
            self._int_param(bindings[0].node, [r.node for r in bindings[0].references])
            return
        assigns: list[cst.Assign] = []
        for binding in bindings:
            parent = self.get_metadata(ParentNodeProvider, binding.node, None)
            if isinstance(parent, cst.AugAssign) and isinstance(parent.operator, _KEEPS_FLOAT):
                continue  # `n += 1`: a float n stays a float, so an int read means an int n
            assign = self.get_metadata(ParentNodeProvider, parent, None)
            if not (
                isinstance(parent, cst.AssignTarget)
                and isinstance(assign, cst.Assign)
                and len(assign.targets) == 1
            ):
                return
            assigns.append(assign)
        if len(assigns) == 1:
            self._int_values.add(assigns[0].value)

    def _integer_only(self, node: cst.BaseExpression) -> bool:
        """Whether ``node``'s value is (in arithmetic that gave an int only from ints) a ``range``
        argument or a slice bound."""
        node, parent = self._top(node)
        if isinstance(parent, cst.Slice):
            return node in (parent.lower, parent.upper)
        if isinstance(parent, cst.Arg) and parent.value is node and not parent.star:
            call = self.get_metadata(ParentNodeProvider, parent, None)
            if not isinstance(call, cst.Call):
                return False
            names = {q.name for q in self.get_metadata(QualifiedNameProvider, call.func, set())}
            if parent.keyword is None and len(names) == 1 and names <= _RANGES:
                return True
            return len(names) == 1 and _cell_units(names.pop(), call, parent)
        return False

    def _certainly_int(self, node: cst.BaseExpression, depth: int = 0) -> bool:
        """Whether ``node`` was an int in Python 2 whatever the program's data: an int literal,
        ``len(...)``, ``int(...)``, a name whose one assignment in its scope is such a value, and
        ``+ - * / // %`` or unary ``-`` of those (``n_steps = 200``, then ``x[n_steps / 2]``)."""
        if depth > 8:
            return False
        if isinstance(node, cst.Integer):
            return True
        if isinstance(node, cst.UnaryOperation) and isinstance(
            node.operator, (cst.Minus, cst.Plus)
        ):
            return self._certainly_int(node.expression, depth + 1)
        if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, _ARITHMETIC):
            return self._certainly_int(node.left, depth + 1) and self._certainly_int(
                node.right, depth + 1
            )
        if isinstance(node, cst.Call) and not any(a.star for a in node.args):
            names = {q.name for q in self.get_metadata(QualifiedNameProvider, node.func, set())}
            return names in ({"builtins.len"}, {"builtins.int"})
        if isinstance(node, cst.Name):
            scope = self.get_metadata(ScopeProvider, node, None)
            bindings = list(scope.assignments[node.value]) if scope is not None else []
            if len(bindings) != 1:
                return False
            target = self.get_metadata(ParentNodeProvider, bindings[0].node, None)
            assign = self.get_metadata(ParentNodeProvider, target, None) if target else None
            return (
                isinstance(target, cst.AssignTarget)
                and target.target is bindings[0].node
                and isinstance(assign, cst.Assign)
                and len(assign.targets) == 1
                and self._certainly_int(assign.value, depth + 1)
            )
        return False

    def leave_BinaryOperation(
        self, original_node: cst.BinaryOperation, updated_node: cst.BinaryOperation
    ) -> cst.BinaryOperation:
        if not isinstance(original_node.operator, cst.Divide):
            return updated_node
        where = "here"
        if self._certainly_int(original_node.left) and self._certainly_int(original_node.right):
            reason = "both operands are ints whatever the data"
        elif not self._integer_only(original_node):
            top, _ = self._top(original_node)
            if top not in self._int_values:
                return updated_node
            where = (
                "where the parameter it is passed to is read"
                if isinstance(self.get_metadata(ParentNodeProvider, top, None), cst.Arg)
                else "where the name or attribute assigned here is read"
            )
            reason = f"only an int is accepted {where} ({_PLACES})"
        else:
            reason = f"only an int is accepted {where} ({_PLACES})"
        start = self.get_metadata(PositionProvider, original_node.operator).start
        self.changes.append(
            (
                start.line,
                start.column + 1,
                PY2_FIXED,
                f"Python 2's / of two ints was floor division, and {reason}: changed to //",
            )
        )
        operator = updated_node.operator
        return updated_node.with_changes(
            operator=cst.FloorDivide(
                whitespace_before=operator.whitespace_before,
                whitespace_after=operator.whitespace_after,
            )
        )


def _cell_units(name: str, call: cst.Call, arg: cst.Arg) -> bool:
    """Whether ``arg`` of ``call`` (to ``name``) is a TF1 RNN cell's number of units."""
    if name.endswith(".tf0"):  # the runtime's TF 0.x signature of the class: the same first slot
        name = name[: -len(".tf0")]
    module, _, cell = name.rpartition(".")
    if cell not in _CELLS or not module.startswith(_CELL_MODULES):
        return False
    if arg.keyword is not None:
        return arg.keyword.value in _UNITS_KEYWORDS
    return call.args.index(arg) == 0


def _operands(value: cst.BaseExpression) -> Iterator[cst.BaseExpression]:
    """The leaves of ``value``'s ``+ - * / // %`` and unary ``-`` arithmetic (``value`` itself
    where it is none)."""
    stack = [value]
    while stack:
        node = stack.pop()
        if isinstance(node, cst.BinaryOperation) and _arithmetic(node):
            stack += [node.left, node.right]
        elif isinstance(node, cst.UnaryOperation) and _arithmetic(node):
            stack.append(node.expression)
        else:
            yield node


def _walk(node: cst.CSTNode) -> Iterator[cst.CSTNode]:
    """Every node under ``node``, itself included."""
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(current.children)


def _attributes_bound(target: cst.BaseExpression) -> list[cst.Attribute]:
    """The attributes an assignment target binds (``self.n``, each of ``self.a, self.b``)."""
    if isinstance(target, cst.Attribute):
        return [target]
    if isinstance(target, (cst.Tuple, cst.List)):
        return [a for element in target.elements for a in _attributes_bound(element.value)]
    if isinstance(target, cst.StarredElement):
        return _attributes_bound(target.value)
    return []


def _true_division(module: cst.Module) -> bool:
    """Whether ``module`` imports ``division`` from ``__future__``."""
    for statement in module.body:
        if not isinstance(statement, cst.SimpleStatementLine):
            continue
        for item in statement.body:
            if (
                isinstance(item, cst.ImportFrom)
                and isinstance(item.module, cst.Name)
                and item.module.value == "__future__"
                and not isinstance(item.names, cst.ImportStar)
                and any(
                    isinstance(a.name, cst.Name) and a.name.value == "division" for a in item.names
                )
            ):
                return True
    return False


def fix_integer_division(source: bytes) -> tuple[bytes, list[Change]]:
    """``/`` -> ``//`` in the ``range`` arguments and slice bounds of a Python 2 ``source``.

    Returns:
        The new source and its changes, (line, col, code, message), positioned in ``source``.
    """
    if b"/" not in source:
        return source, []
    module = analysis.parse(source)
    if _true_division(module):
        return source, []
    transformer = _IntegerDivision()
    new = analysis.wrapper(module).visit(transformer)
    if not transformer.changes:
        return source, []
    return new.bytes, transformer.changes
