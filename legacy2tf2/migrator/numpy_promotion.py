"""Python numbers that accumulate NumPy scalars, promoted as NumPy 1 did (a ``--full`` step).

TF1 programs ran on NumPy 1, whose value-based casting computed a Python number with a NumPy
scalar in the scalar's kind at the Python number's default precision: ``0.0 + np.float32(x)``,
``0 + np.float32(x)`` and ``np.float32(x) * 2`` were ``float64``, ``0 + np.int32(k)`` ``int64``
(NEP 50's table: ``float32(3) + 3.`` gave ``float64(6.0)``; ``np.result_type(np.int8(1), 1)``
was ``int64``). NumPy 2 (NEP 50) keeps the NumPy scalar's type. The commonest TF1 form, a Python
number summing what ``sess.run`` fetched::

    epoch_loss = 0
    ...
        _, loss_t = sess.run([train_op, avg_loss], feed_dict)
        epoch_loss += loss_t
    losses.append(epoch_loss / epoch_count)
    json.dump(losses, outfile)

summed in ``float64`` on NumPy 1 and in ``float32`` on NumPy 2: other digits in every print of it,
an inexact sum over many steps, and ``json.dump`` raising "Object of type float32 is not JSON
serializable" (``np.float64`` is a ``float``; ``np.float32`` never was).

Here (L2T015), in each scope, a name that is augmented (``+=``, ``-=``, ``*=``, ``/=``) by a value
other than a number literal gets its number-literal assignments in that scope (``total = 0.0``,
``loss, acc = 0, 0``) as ``numpy1.number(0.0)`` of :mod:`legacy2tf2.runtime.numpy1`: the same
number, which NumPy promotes with NumPy scalars as NumPy 1 did (with arrays by their dtype, as
both did). After the first NumPy scalar is added the name holds a ``float64``, which NumPy 1 and
2 promote alike with ``float32`` scalars. The builtin ``sum(losses)`` of a name, attribute or
subscript (its start ``0`` is the same Python number) becomes ``sum(losses, numpy1.number(0))``.
In such a name's augmentation, the right operand of a ``/`` or ``*`` that is a name or attribute
(the translate tutorial's ``loss += step_loss / FLAGS.steps_per_checkpoint``) becomes
``numpy1.number(FLAGS.steps_per_checkpoint)``: the quotient is NumPy 1's ``float64`` too (the
same object where it is not a Python number). Other expressions mixing a Python number and a
NumPy scalar (``print(loss_t / 2)``, ``batch_size * loss``) keep NumPy 2's type: their types
cannot be told from the source.
"""

from __future__ import annotations

from collections.abc import Iterator

import libcst as cst
import libcst.matchers as m
from libcst.metadata import PositionProvider, QualifiedNameProvider, ScopeProvider

from legacy2tf2.migrator import analysis
from legacy2tf2.migrator.findings import NUMPY2_FIXED
from legacy2tf2.migrator.runtime_import import with_runtime_import

#: (line, col, code, message), 1-based.
Change = tuple[int, int, str, str]

_MODULE = "numpy1"
_ACCUMULATING = (cst.AddAssign, cst.SubtractAssign, cst.MultiplyAssign, cst.DivideAssign)
_ACCUMULATOR = (
    "{name} = {value} accumulates values that may be NumPy scalars (sess.run's results): NumPy 1 "
    "promoted a Python number with a float32 scalar to float64, NumPy 2 keeps float32 (other "
    "digits, a less exact sum, json.dump refusing it); changed to numpy1.number({value}), the same "
    "number promoted as NumPy 1 did"
)
_SCALED = (
    "{code}: NumPy 1 computed a NumPy scalar {verb} the Python number {right} in float64 (int64), "
    "NumPy 2 in the scalar's type; numpy1.number({right}) is that number promoted as NumPy 1 did "
    "(unchanged where it is not a Python number)"
)
_SCALING = {cst.Divide: "divided by", cst.Multiply: "times"}
_SUM = (
    "sum({arg}) starts from the Python number 0: NumPy 1 promoted it with float32 scalars to "
    "float64, NumPy 2 keeps float32; given numpy1.number(0), promoted as NumPy 1 did"
)


def _literal(node: cst.BaseExpression) -> bool:
    """Whether ``node`` is an int or float literal, or minus one."""
    if isinstance(node, cst.UnaryOperation) and isinstance(node.operator, cst.Minus):
        node = node.expression
    return isinstance(node, (cst.Integer, cst.Float)) and not node.lpar


def _wrapped(value: cst.BaseExpression) -> cst.Call:
    return cst.Call(
        func=cst.Attribute(cst.Name(_MODULE), cst.Name("number")), args=[cst.Arg(value)]
    )


def _pairs(node: cst.Assign) -> Iterator[tuple[cst.Name, cst.BaseExpression, int | None]]:
    """The ``(target name, literal value, index in a tuple or None)`` of an assignment."""
    if len(node.targets) != 1:
        return
    target, value = node.targets[0].target, node.value
    if isinstance(target, cst.Name) and _literal(value):
        yield target, value, None
    elif isinstance(target, (cst.Tuple, cst.List)) and isinstance(value, (cst.Tuple, cst.List)):
        if len(target.elements) != len(value.elements):
            return
        for i, (t, v) in enumerate(zip(target.elements, value.elements, strict=True)):
            starred = isinstance(t, cst.StarredElement) or isinstance(v, cst.StarredElement)
            if isinstance(t.value, cst.Name) and _literal(v.value) and not starred:
                yield t.value, v.value, i


class _Promotion(cst.CSTTransformer):
    METADATA_DEPENDENCIES = (PositionProvider, QualifiedNameProvider, ScopeProvider)

    def __init__(self) -> None:
        super().__init__()
        self.changes: list[Change] = []
        #: (scope, name) of every name augmented by a value other than a number literal
        self._accumulators: set[tuple[object, str]] = set()

    def _collect(self, node: cst.AugAssign) -> None:
        if (
            isinstance(node.target, cst.Name)
            and isinstance(node.operator, _ACCUMULATING)
            and not _literal(node.value)
            and not self._tensor(node.value)
        ):
            scope = self.get_metadata(ScopeProvider, node, None)
            if scope is not None:
                self._accumulators.add((scope, node.target.value))

    def _tensor(self, node: cst.BaseExpression) -> bool:
        """Whether ``node`` is never a NumPy scalar: a call of a TensorFlow function (a tensor),
        or arithmetic on a call of ``time``'s clocks (``(time.time() - start) / steps``)."""
        if isinstance(node, cst.Call):
            names = self.get_metadata(QualifiedNameProvider, node.func, set())
            return bool(names) and all(q.name.startswith("tensorflow.") for q in names)
        for call in m.findall(node, m.Call()):
            names = self.get_metadata(QualifiedNameProvider, call.func, set())
            if names and all(q.name.startswith("time.") for q in names):
                return True
        return False

    def visit_Module(self, node: cst.Module) -> None:
        for aug in m.findall(node, m.AugAssign()):
            if isinstance(aug, cst.AugAssign):
                self._collect(aug)

    def _note(self, node: cst.CSTNode, message: str) -> None:
        start = self.get_metadata(PositionProvider, node).start
        self.changes.append((start.line, start.column + 1, NUMPY2_FIXED, message))

    def leave_Assign(self, original_node: cst.Assign, updated_node: cst.Assign) -> cst.Assign:
        scope = self.get_metadata(ScopeProvider, original_node, None)
        pairs = [p for p in _pairs(original_node) if (scope, p[0].value) in self._accumulators]
        if not pairs:
            return updated_node
        value = updated_node.value
        for name, literal, index in pairs:
            code = cst.Module([]).code_for_node(literal)
            self._note(original_node, _ACCUMULATOR.format(name=name.value, value=code))
            if index is None:
                value = _wrapped(value)
            else:
                elements = list(value.elements)
                elements[index] = elements[index].with_changes(
                    value=_wrapped(elements[index].value)
                )
                value = value.with_changes(elements=elements)
        return updated_node.with_changes(value=value)

    def leave_AugAssign(
        self, original_node: cst.AugAssign, updated_node: cst.AugAssign
    ) -> cst.AugAssign:
        """``loss += step_loss / FLAGS.steps`` (an accumulator's): the right operand of ``/`` or
        ``*`` that is a name or attribute becomes ``numpy1.number(...)``, so a NumPy scalar
        divided by a Python number is the float64 NumPy 1 made (identity for anything else)."""
        if not isinstance(original_node.target, cst.Name):
            return updated_node
        scope = self.get_metadata(ScopeProvider, original_node, None)
        if (scope, original_node.target.value) not in self._accumulators:
            return updated_node
        value = updated_node.value
        if not (
            isinstance(value, cst.BinaryOperation)
            and type(value.operator) in _SCALING
            and isinstance(value.right, (cst.Name, cst.Attribute))
            and not value.lpar
        ):
            return updated_node
        right = cst.Module([]).code_for_node(value.right)
        self._note(
            original_node.value,
            _SCALED.format(
                code=cst.Module([]).code_for_node(original_node.value),
                verb=_SCALING[type(value.operator)],
                right=right,
            ),
        )
        return updated_node.with_changes(value=value.with_changes(right=_wrapped(value.right)))

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.Call:
        names = {
            q.name for q in self.get_metadata(QualifiedNameProvider, original_node.func, set())
        }
        if names != {"builtins.sum"} or len(original_node.args) != 1:
            return updated_node
        arg = original_node.args[0]
        if arg.keyword is not None or arg.star:
            return updated_node
        if not isinstance(arg.value, (cst.Name, cst.Attribute, cst.Subscript)):
            return updated_node
        self._note(original_node, _SUM.format(arg=cst.Module([]).code_for_node(arg.value)))
        first = updated_node.args[0].with_changes(
            comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
        )
        return updated_node.with_changes(args=[first, cst.Arg(_wrapped(cst.Integer("0")))])


def fix_scalar_promotion(source: bytes) -> tuple[bytes, list[Change]]:
    """Python numbers accumulating NumPy scalars -> ``numpy1.number(...)`` (module docstring).

    Returns the new source (``source`` itself when nothing changed) and the changes, positioned
    in ``source`` (the new source may have the runtime import as a new line after the imports).
    """
    if b"numpy" not in source and b"tensorflow" not in source:
        return source, []
    if b"=" not in source and b"sum(" not in source:
        return source, []
    if b"Input(" in source:
        # Keras 3's symbolic tensors (keras.Input) refuse a number of another type than int or
        # float ("Invalid dtype: _Int"): a Keras functional program keeps its Python numbers
        return source, []
    transformer = _Promotion()
    module = analysis.parse(source)
    new = analysis.wrapper(module).visit(transformer)
    if not transformer.changes:
        return source, []
    return with_runtime_import(new, _MODULE).bytes, sorted(transformer.changes)
