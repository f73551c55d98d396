"""``tf.case`` given a dict keyed by predicate tensors (a ``--full`` step).

TF1's ``tf.case(pred_fn_pairs, default, exclusive)`` took the (predicate, function) pairs as a
list or as a dict, ``{tf.equal(z, 1.): flush, tf.logical_and(...): copy}``, whose items it sorted
by the predicate tensor's name. TF1 tensors were hashable everywhere; TF 2's are not inside a
function graph, which is what the body of ``tf.scan``, ``tf.while_loop`` and ``dynamic_rnn`` is
under TF 2's control flow even in a graph-mode program, so building that dict stops the program
("Tensor is unhashable"). A dict display (or comprehension) written as ``tf.case``'s first
argument becomes the list TF1 made of it, ``sorted([(pred, fn), ...], key=lambda pair:
pair[0].name)``: the same pairs in the same order, on the lines the dict took. The call is
``tf.case``/``tf.compat.v1.case`` or ``control_flow_ops.case`` of TensorFlow's internal module;
a dict held in a variable is left.
"""

from __future__ import annotations

import libcst as cst
from libcst.metadata import PositionProvider, QualifiedNameProvider

from legacy2tf2.migrator import analysis
from legacy2tf2.migrator.compat_names import below_tensorflow
from legacy2tf2.migrator.findings import PRE_1_0_CALL

#: (line, col, code, message), 1-based, in the input.
Change = tuple[int, int, str, str]

#: The names below ``tensorflow`` of TF1's ``case``.
_CASE = frozenset({"case", "python.ops.control_flow_ops.case"})

_BY_NAME = cst.parse_expression("lambda pair: pair[0].name")


def _pairs(node: cst.Dict | cst.DictComp) -> cst.BaseExpression:
    """The list TF1 made of the dict ``node``, on the dict's own lines."""
    if isinstance(node, cst.DictComp):
        pair = cst.Tuple(
            [
                cst.Element(node.key, comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))),
                cst.Element(node.value),
            ]
        )
        return cst.ListComp(
            elt=pair,
            for_in=node.for_in,
            lbracket=cst.LeftSquareBracket(whitespace_after=node.lbrace.whitespace_after),
            rbracket=cst.RightSquareBracket(whitespace_before=node.rbrace.whitespace_before),
        )
    elements = []
    for element in node.elements:
        assert isinstance(element, cst.DictElement)
        pair = cst.Tuple(
            [
                cst.Element(
                    element.key, comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
                ),
                cst.Element(element.value),
            ]
        )
        elements.append(cst.Element(pair, comma=element.comma))
    return cst.List(
        elements,
        lbracket=cst.LeftSquareBracket(whitespace_after=node.lbrace.whitespace_after),
        rbracket=cst.RightSquareBracket(whitespace_before=node.rbrace.whitespace_before),
    )


class _CaseDicts(cst.CSTTransformer):
    METADATA_DEPENDENCIES = (PositionProvider, QualifiedNameProvider)

    def __init__(self) -> None:
        super().__init__()
        self.changes: list[Change] = []

    def _is_case(self, func: cst.BaseExpression) -> bool:
        qualified = self.get_metadata(QualifiedNameProvider, func, set())
        below = below_tensorflow(qualified)
        return below is not None and below[0] in _CASE

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.Call:
        if not original_node.args or not self._is_case(original_node.func):
            return updated_node
        first = updated_node.args[0]
        if first.keyword is not None and first.keyword.value != "pred_fn_pairs":
            return updated_node
        if first.star or not isinstance(first.value, (cst.Dict, cst.DictComp)):
            return updated_node
        if isinstance(first.value, cst.Dict) and not all(
            isinstance(e, cst.DictElement) for e in first.value.elements
        ):
            return updated_node  # a ** unpacking: which pairs it holds is not written here
        listed = cst.Call(
            cst.Name("sorted"),
            [
                cst.Arg(
                    _pairs(first.value),
                    comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")),
                ),
                cst.Arg(
                    _BY_NAME,
                    keyword=cst.Name("key"),
                    equal=cst.AssignEqual(
                        whitespace_before=cst.SimpleWhitespace(""),
                        whitespace_after=cst.SimpleWhitespace(""),
                    ),
                ),
            ],
        )
        args = [first.with_changes(value=listed), *updated_node.args[1:]]
        start = self.get_metadata(PositionProvider, original_node).start
        self.changes.append(
            (
                start.line,
                start.column + 1,
                PRE_1_0_CALL,
                "case() given a dict keyed by predicate tensors: TF 2's tensors are unhashable "
                "in a loop body or function; changed to the list of (predicate, function) pairs "
                "sorted by the predicate's name, which TF1 made of the dict",
            )
        )
        return updated_node.with_changes(args=args)


def fix_case_dicts(source: bytes) -> tuple[bytes, list[Change]]:
    """Give TF1's ``case`` its dict of pairs as the sorted list TF1 made of it (see the module
    docstring).

    Returns the new source (``source`` itself when nothing changed) and every change as
    (line, col, code, message), positioned in ``source``.
    """
    if b"case(" not in source or b"{" not in source:
        return source, []
    module = analysis.parse(source)
    transformer = _CaseDicts()
    new = analysis.wrapper(module, unsafe_skip_copy=True).visit(transformer)
    if not transformer.changes:
        return source, []
    return new.bytes, sorted(transformer.changes)
