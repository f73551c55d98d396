"""The positional order TensorFlow called a ``softmax_loss_function`` in.

TF 1.1+'s legacy_seq2seq called ``softmax_loss_function(labels=..., logits=...)``; TF 1.0's called
it positionally ``(labels, logits)`` and TF 0.x's ``(logits, labels)``. A function that cannot take
the keywords (``lambda a, b: ...``, ``def sampled_loss(inputs, labels)``) is therefore called
positionally, and the runtime picks the order from its parameter names
(:func:`legacy2tf2.runtime._losses.call_softmax_loss_function`), which uninformative names
(``a, b``) cannot tell.

The file's TensorFlow version (:mod:`legacy2tf2.migrator.era`) does: in a file written for TF 1.0
or later (``tf.contrib.legacy_seq2seq``) such a function can only be TF 1.0 code, called
``(labels, logits)``; in a pre-1.0 file, ``(logits, labels)``. Where the ``softmax_loss_function``
of ``sequence_loss``, ``sequence_loss_by_example`` or ``model_with_buckets`` (a keyword or its
positional slot) is a lambda or a function of the file (directly or through a name bound only to
such functions and ``None``) whose names would make the runtime pick another order, the argument
is wrapped in ``legacy_seq2seq.loss_called_as("labels, logits", f)`` (or ``"logits, labels"``); so
is any other value (a method, a parameter, an imported function) in a file written for TF 1.0 or
later, whose signature only the runtime sees (a function taking the keywords still gets them).
Where the version cannot be told and the names do not tell the order, the call is reported
(L2T014) and left as it is.
"""

from __future__ import annotations

import libcst as cst

from legacy2tf2.migrator import era, refs, renames
from legacy2tf2.migrator.findings import SWAPPED_ARGUMENTS
from legacy2tf2.migrator.scopes import ASSIGN, OTHER
from legacy2tf2.migrator.transforms.shared import Shared

KEYWORD = "softmax_loss_function"
#: The functions taking a ``softmax_loss_function`` -> its positional index (TF 1.x signatures;
#: a vocabulary size literal in the 4th slot of the two losses is dropped before this runs).
FUNCTIONS: dict[str, int] = {
    f"{renames.LEGACY}.sequence_loss_by_example": 4,
    f"{renames.LEGACY}.sequence_loss": 5,
    f"{renames.LEGACY}.model_with_buckets": 6,
}
MARKER = f"{renames.RUNTIME_SEQ2SEQ}.loss_called_as"
LABELS_FIRST, LOGITS_FIRST = "labels, logits", "logits, labels"

#: The parameter names the runtime orders a positional call by (the same sets as
#: ``legacy2tf2.runtime._losses``; a test checks that they agree).
LABEL_NAMES = frozenset({"labels", "label", "targets", "target", "y_true"})
LOGIT_NAMES = frozenset({"logits", "logit", "inputs", "input", "outputs", "output", "y_pred"})

_MAX_DEPTH = 4


def runtime_order(names: list[str]) -> str:
    """The order the runtime calls a positional-only function with these first parameters in."""
    if len(names) >= 2 and (
        names[0] in LABEL_NAMES or (names[1] in LOGIT_NAMES and names[0] not in LOGIT_NAMES)
    ):
        return LABELS_FIRST
    return LOGITS_FIRST


def _names_tell(names: list[str]) -> bool:
    """Whether the first two parameter names say which is the labels and which the logits."""
    return len(names) >= 2 and bool(
        {names[0], names[1]} & LABEL_NAMES or {names[0], names[1]} & LOGIT_NAMES
    )


def positional_names(parameters: cst.Parameters) -> list[str] | None:
    """The positional parameter names of a function that cannot take ``labels=``/``logits=``
    keywords (Python would not bind them), or None when it can."""
    named = {p.name.value for p in (*parameters.params, *parameters.kwonly_params)}
    takes = all(n in named for n in ("labels", "logits")) or (
        isinstance(parameters.star_kwarg, cst.Param)
    )
    required = [
        p
        for p in (*parameters.posonly_params, *parameters.params, *parameters.kwonly_params)
        if p.default is None and p.name.value not in ("labels", "logits")
    ]
    if takes and not required:
        return None
    return [p.name.value for p in (*parameters.posonly_params, *parameters.params)]


class RewriteLossOrder(Shared):
    """State the positional order of a ``softmax_loss_function`` the file's TF version used."""

    def _loss_era(self) -> era.EraReport:
        if getattr(self, "_era", None) is None:
            self._era = self.resolver.era()
        return self._era

    def state_loss_order(self, original_node: cst.Call, updated_node: cst.Call) -> cst.Call:
        """``updated_node`` with its ``softmax_loss_function`` wrapped in ``loss_called_as``
        where the runtime would otherwise call it in another order than its TF version did."""
        ref = self.resolver.lookup(original_node.func)
        if ref is None or ref.kind != refs.FUNCTION or ref.name not in FUNCTIONS:
            return updated_node
        index = _loss_argument(updated_node, FUNCTIONS[ref.name])
        if index is None:
            return updated_node
        functions = self._functions(updated_node.args[index].value, 0)
        if functions == []:
            return updated_node  # None, or functions that take the keywords
        report = self._loss_era()
        pre = report.only([era.PRE_1_0])
        if functions is None:
            # not known here (a method, a parameter, an import): in a TF 1.0+ file the runtime
            # would order a positional-only one by its names, TF 1.0 called it (labels, logits)
            if pre is not False:
                return updated_node
            return self._wrapped(original_node, updated_node, index, LABELS_FIRST)
        if pre is None:
            if not all(_names_tell(names) for names in functions):
                message = swapped_arguments_message(report.describe())
                self.report(original_node, SWAPPED_ARGUMENTS, message)
            return updated_node
        order = LOGITS_FIRST if pre else LABELS_FIRST
        if all(runtime_order(names) == order for names in functions):
            return updated_node
        return self._wrapped(original_node, updated_node, index, order)

    def _wrapped(
        self, original_node: cst.Call, updated_node: cst.Call, index: int, order: str
    ) -> cst.Call:
        """``updated_node`` with its argument ``index`` wrapped in ``loss_called_as(order, ...)``."""
        self.edited = True
        arg = updated_node.args[index]
        wrapped = cst.Call(
            func=self.expression_for(MARKER, original_node),
            args=[
                cst.Arg(
                    cst.SimpleString(f'"{order}"'),
                    comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")),
                ),
                cst.Arg(arg.value),
            ],
        )
        args = list(updated_node.args)
        args[index] = arg.with_changes(value=wrapped)
        return updated_node.with_changes(args=args)

    def _functions(self, node: cst.BaseExpression, depth: int) -> list[list[str]] | None:
        """The positional parameter names of every positional-only function ``node`` may be;
        None where one of its values is not known (or is no such function)."""
        if isinstance(node, cst.Lambda):
            names = positional_names(node.params)
            return [] if names is None else [names]
        if not isinstance(node, cst.Name) or depth > _MAX_DEPTH:
            return None
        if node.value == "None":
            return []
        scope = self.resolver.scope(node)
        bindings = scope[node.value] if scope is not None else []
        if not bindings:
            return None
        found: list[list[str]] = []
        for binding in bindings:
            if binding.kind == OTHER and isinstance(binding.node, cst.FunctionDef):
                if binding.node.asynchronous is not None or binding.node.decorators:
                    return None
                names = positional_names(binding.node.params)
                found += [] if names is None else [names]
                continue
            if binding.kind != ASSIGN:
                return None
            target = self.resolver.parent(binding.node)
            assign = self.resolver.parent(target) if target is not None else None
            if not isinstance(target, cst.AssignTarget) or not isinstance(assign, cst.Assign):
                return None
            if target.target is not binding.node:
                return None
            values = self._functions(assign.value, depth + 1)
            if values is None:
                return None
            found += values
        return found


def swapped_arguments_message(evidence: str) -> str:
    """The L2T014 message of a ``softmax_loss_function`` whose positional order neither its
    parameter names nor the file's era evidence (:meth:`.EraReport.describe`) tell."""
    return (
        "this softmax_loss_function takes no labels=/logits= keywords, so TensorFlow called it "
        "positionally: (labels, logits) in TF 1.0, (logits, labels) before; its parameter names "
        "do not tell which, and this file does not tell its TensorFlow version "
        f"({evidence}). Left as it is (the runtime would call it (logits, labels)); wrap it in "
        'legacy_seq2seq.loss_called_as("labels, logits", f) for TF 1.0 code or '
        '("logits, labels", f) for TF 0.x code'
    )


def _loss_argument(call: cst.Call, position: int) -> int | None:
    """The index in ``call.args`` of its ``softmax_loss_function``, or None."""
    for i, arg in enumerate(call.args):
        if arg.keyword is not None and arg.keyword.value == KEYWORD:
            return i
    leading = call.args[: position + 1]
    if len(leading) <= position or any(a.keyword is not None or a.star for a in leading):
        return None
    return position
