"""The ``input_size`` argument TF 0.x-1.1 cells took and TF 1.2 removed.

Up to TF 1.1 the four core cells took an ``input_size`` they ignored (with a deprecation
warning): ``BasicRNNCell(num_units, input_size=None, activation=tanh)``, ``GRUCell`` alike,
``LSTMCell(num_units, input_size=None, use_peepholes=False, ...)`` and
``BasicLSTMCell(num_units, forget_bias=1.0, input_size=None, state_is_tuple=..., ...)``. From TF
1.2 (and in the runtime) that slot holds ``activation``, ``use_peepholes`` or ``state_is_tuple``,
so ``LSTMCell(5, 4)`` written for TF 0.x would silently gain peephole weights.

For a call of one of these TF1 cells:

- ``input_size=...`` is dropped (TF 0.x-1.1 ignored it), reported (L2T009);
- the positional slot is dropped (L2T009) where it can only be ``input_size``: an integer literal
  or arithmetic of integer literals, or any value when the call also names the slot's TF 1.2+
  argument as a keyword (TF 1.2+ rejected that call). In a file written for TF 1.2+, a number in
  an LSTM cell's slot is reported instead (L2T024): TF 1.2+ ran the call, reading it as
  ``use_peepholes``/``state_is_tuple``, so dropping it could change the model;
- ``True``/``False``, a lambda, a string, a TensorFlow or Keras activation or a function defined
  in the file is TF 1.2+'s meaning: kept; so is ``None``, which means the default in both, except
  in ``BasicLSTMCell`` (TF 1.2+ read it as ``state_is_tuple=False``), where it is treated as below;
- anything else (``FLAGS.size``, ``n``) is dropped in a file written for TF 1.1 or earlier
  (:mod:`legacy2tf2.migrator.era`), kept in a file of TF 1.2+, and kept and reported (L2T024,
  fails the run) where the file does not tell its version.
"""

from __future__ import annotations

import libcst as cst

from legacy2tf2.migrator import era, refs
from legacy2tf2.migrator.findings import CELL_ARGUMENT_AMBIGUOUS, CELL_INPUT_SIZE
from legacy2tf2.migrator.scopes import OTHER
from legacy2tf2.migrator.transforms.repeated_cells import RewriteRepeatedCells

KEYWORD = "input_size"

#: Cell class -> (index of the positional slot that was ``input_size``, TF 1.2+'s argument there).
SLOTS: dict[str, tuple[int, str]] = {
    "BasicRNNCell": (1, "activation"),
    "GRUCell": (1, "activation"),
    "LSTMCell": (1, "use_peepholes"),
    "BasicLSTMCell": (2, "state_is_tuple"),
}

#: TF versions whose cells took ``input_size``.
_INPUT_SIZE_ERAS = (era.PRE_1_0, era.V1_0, era.V1_1)

_ACTIVATIONS = frozenset(
    {
        *("tanh", "sigmoid", "relu", "relu6", "elu", "selu", "softplus", "softsign", "crelu"),
        *("leaky_relu", "identity", "swish", "silu", "gelu", "hard_sigmoid", "linear"),
        *("exponential", "softmax", "log_softmax", "mish", "hard_silu", "hard_swish"),
    }
)
_ACTIVATION_MODULES = ("tensorflow", "keras")

_ARITHMETIC = (
    cst.Add,
    cst.Subtract,
    cst.Multiply,
    cst.Divide,
    cst.FloorDivide,
    cst.Modulo,
    cst.Power,
)

INPUT_SIZE, NEW_MEANING, UNKNOWN = "input_size", "new meaning", "unknown"


class RewriteCellInputSize(RewriteRepeatedCells):
    """Drop the TF 0.x-1.1 ``input_size`` argument of the four core cells."""

    def drop_input_size(self, original_node: cst.Call, updated_node: cst.Call) -> cst.Call:
        """``updated_node`` without the ``input_size`` argument TF 0.x-1.1 ignored.

        ``original_node`` is the same call in the original tree (for names, positions and the
        file's era); both have the same arguments, in the same order.
        """
        cell, offset = self._cell_called(original_node.func)
        if cell is None:
            return updated_node
        args = list(updated_node.args)
        for index, arg in enumerate(original_node.args):
            if arg.keyword is not None and arg.keyword.value == KEYWORD:
                self._report_dropped(arg, cell, "input_size=" + _code(arg.value))
                return updated_node.with_changes(args=_without(args, index))
        position = SLOTS[cell][0] + offset
        leading = original_node.args[: position + 1]
        if len(leading) <= position or any(a.keyword is not None or a.star for a in leading):
            return updated_node
        value = leading[position].value
        meaning = self._slot_meaning(original_node, value, cell)
        if meaning == INPUT_SIZE:
            self._report_dropped(leading[position], cell, _code(value))
            return updated_node.with_changes(args=_without(args, position))
        if meaning == UNKNOWN:
            self._report_ambiguous(leading[position], cell)
        return updated_node

    def _cell_called(self, func: cst.BaseExpression) -> tuple[str | None, int]:
        """The core cell ``func`` constructs, and 1 for ``Cell.__init__(self, ...)`` (else 0)."""
        offset = 0
        if isinstance(func, cst.Attribute) and func.attr.value == "__init__":
            func, offset = func.value, 1
        ref = self.resolver.lookup(func)
        if ref is None or ref.kind != refs.CELL:
            return None, 0
        cell = ref.name.rpartition(".")[2]
        return (cell, offset) if cell in SLOTS else (None, 0)

    def _report_ambiguous(self, arg: cst.Arg, cell: str) -> None:
        why = ambiguity_reason(self._file_era())
        self.report(arg, CELL_ARGUMENT_AMBIGUOUS, ambiguous_message(_code(arg.value), cell, why))

    def _slot_meaning(self, call: cst.Call, value: cst.BaseExpression, cell: str) -> str:
        """What the value in the old ``input_size`` slot is: INPUT_SIZE, NEW_MEANING or UNKNOWN."""
        now = SLOTS[cell][1]
        if _integer_arithmetic(value):
            if now != "activation" and self._file_era().only(_INPUT_SIZE_ERAS) is False:
                return UNKNOWN  # TF 1.2+ ran it, reading the number as a bool
            return INPUT_SIZE
        if any(a.keyword is not None and a.keyword.value == now for a in call.args):
            return INPUT_SIZE  # TF 1.2+ raised: "got multiple values for argument"
        if _is_none(value) and now == "state_is_tuple":
            pass  # input_size=None kept the default, True; TF 1.2+ read None as False
        elif self._not_a_size(value):
            return NEW_MEANING
        certain = self._file_era().only(_INPUT_SIZE_ERAS)
        if certain is None:
            return UNKNOWN
        return INPUT_SIZE if certain else NEW_MEANING

    def _not_a_size(self, value: cst.BaseExpression) -> bool:
        """Whether ``value`` is a bool, None, a string or a function: never a size."""
        if isinstance(value, cst.Name) and value.value in ("True", "False", "None"):
            return True
        if isinstance(value, (cst.Lambda, cst.SimpleString, cst.ConcatenatedString)):
            return True
        for name in self.resolver.qualified_names(value):
            module, _, last = name.rpartition(".")
            if last in _ACTIVATIONS and module.split(".")[0] in _ACTIVATION_MODULES:
                return True
        if isinstance(value, cst.Name):
            scope = self.resolver.scope(value)
            bindings = scope[value.value] if scope is not None else []
            return bool(bindings) and all(
                b.kind == OTHER and isinstance(b.node, cst.FunctionDef) for b in bindings
            )
        return False

    def _report_dropped(self, node: cst.CSTNode, cell: str, code: str) -> None:
        self.report(node, CELL_INPUT_SIZE, input_size_message(code, cell))
        self.edited = True


def input_size_message(code: str, cell: str) -> str:
    """The L2T009 message for ``code``, the input_size argument dropped from a ``cell`` call."""
    return (
        f"dropped `{code}`, the input_size argument of {cell} in TF 0.x-1.1: those versions "
        "ignored it, and TF 1.2 removed it (its positional slot now holds another argument)"
    )


def ambiguity_reason(report: era.EraReport) -> str:
    """Why the file's era (``report``) does not decide what a cell's old input_size slot holds."""
    evidence = report.describe()
    if report.only(_INPUT_SIZE_ERAS) is False:
        return f"this file is written for TF 1.2+ ({evidence}), which read the number as a bool"
    return f"this file does not tell its TensorFlow version ({evidence})"


def ambiguous_message(code: str, cell: str, why: str) -> str:
    """The L2T024 message for ``code`` in the old input_size slot of ``cell``; ``why``: from
    :func:`ambiguity_reason`."""
    slot, now = SLOTS[cell]
    return (
        f"`{code}` is the {_ordinal(slot)} positional argument of {cell}: up to TF 1.1 that was "
        f"input_size (ignored), from TF 1.2 it is {now}, and {why}. Kept as {now} (the runtime "
        f"raises on a number there); if the code was written for TF 1.1 or earlier, delete the "
        f"argument, otherwise write {now}=... with the value meant"
    )


def _integer_arithmetic(node: cst.BaseExpression) -> bool:
    """Whether ``node`` is an integer literal or arithmetic of integer literals."""
    if isinstance(node, cst.Integer):
        return True
    if isinstance(node, cst.UnaryOperation) and isinstance(node.operator, (cst.Minus, cst.Plus)):
        return _integer_arithmetic(node.expression)
    if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, _ARITHMETIC):
        return _integer_arithmetic(node.left) and _integer_arithmetic(node.right)
    return False


def _is_none(node: cst.BaseExpression) -> bool:
    return isinstance(node, cst.Name) and node.value == "None"


def _without(args: list[cst.Arg], index: int) -> list[cst.Arg]:
    """``args`` without ``args[index]``, the one before taking its comma if it was the last."""
    kept = list(args)
    if index == len(kept) - 1 and index > 0:
        kept[index - 1] = kept[index - 1].with_changes(comma=kept[index].comma)
    del kept[index]
    return kept


def _code(node: cst.CSTNode) -> str:
    return cst.Module([]).code_for_node(node)


def _ordinal(index: int) -> str:
    return ("1st", "2nd", "3rd")[index]
