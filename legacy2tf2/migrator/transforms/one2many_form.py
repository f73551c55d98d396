"""``one2many_rnn_seq2seq``'s TF 0.9-1.0 form: one ``cell`` for the encoder and every decoder.

TF 0.9-1.0's ``one2many_rnn_seq2seq(encoder_inputs, decoder_inputs_dict, cell,
num_encoder_symbols, num_decoder_symbols_dict, embedding_size, feed_previous=False, dtype=None,
scope=None)`` (TF 1.0's ``tf.contrib.legacy_seq2seq`` API docs; TF 0.7-0.8 took no
``embedding_size``) ran the one ``cell`` in the encoder's scope and in each decoder's
``one2many_decoder_<key>`` scope, so each got its own weights (TF 1.0 cells made their variables in
the scope they were called in). TF 1.2's signature, the runtime's, is ``(encoder_inputs,
decoder_inputs_dict, enc_cell, dec_cells_dict, num_encoder_symbols, num_decoder_symbols_dict,
embedding_size, ...)``: the old call fails there (an int where ``dec_cells_dict`` goes, or a
missing argument).

A call in the old form (``cell=`` given, an integer literal 4th, or ``num_encoder_symbols=`` with
three positional arguments) becomes the new one with the same model: ``enc_cell`` the cell and
``dec_cells_dict={key: copy.deepcopy(cell) for key in decoder_inputs_dict}`` (a fresh copy per
decoder, as the scopes made them; ``import copy`` added if the file lacks it). Where the cell or
the decoder inputs are not a plain name or attribute (they would be evaluated twice), the call is
left as it is and reported (L2T003).
"""

from __future__ import annotations

import libcst as cst

from legacy2tf2.migrator import refs, renames
from legacy2tf2.migrator.findings import UNSAFE_REFERENCE
from legacy2tf2.migrator.transforms.cell_input_size import _integer_arithmetic
from legacy2tf2.migrator.transforms.repeated_cells import RewriteRepeatedCells

ONE2MANY = f"{renames.LEGACY}.one2many_rnn_seq2seq"
_NEW_KEYWORDS = frozenset({"enc_cell", "dec_cells_dict"})


def old_form(positional: list[cst.BaseExpression], keywords: set[str]) -> bool:
    """Whether a call with these leading ``positional`` values and ``keywords`` is TF 0.9-1.0's
    form (any other call is left to the runtime, which rejects the old form loudly)."""
    if keywords & _NEW_KEYWORDS:
        return False
    if "cell" in keywords:
        return True
    if len(positional) == 3:
        return "num_encoder_symbols" in keywords
    return len(positional) > 3 and _integer_arithmetic(positional[3])


def old_form_message(function: str) -> str:
    """The L2T003 message of an old-form call whose arguments cannot be read twice."""
    return (
        f"{function} in TF 0.9-1.0's form (one cell for the encoder and every decoder, each with "
        "its own weights); TF 1.2 and the runtime take enc_cell and dec_cells_dict instead: pass "
        "enc_cell=cell, dec_cells_dict={key: copy.deepcopy(cell) for key in decoder_inputs_dict} "
        "(left as it is: the cell or the decoder inputs are not a plain name)"
    )


def _chain(node: cst.BaseExpression) -> bool:
    while isinstance(node, cst.Attribute):
        node = node.value
    return isinstance(node, cst.Name)


def _names_in(node: cst.CSTNode) -> set[str]:
    names: set[str] = set()

    class _Collect(cst.CSTVisitor):
        def visit_Name(self, name: cst.Name) -> None:
            names.add(name.value)

    node.visit(_Collect())
    return names


class RewriteOne2ManyForm(RewriteRepeatedCells):
    """Rewrite TF 0.9-1.0's ``one2many_rnn_seq2seq(..., cell, ...)`` to TF 1.2's cells."""

    def split_one2many_cell(self, original_node: cst.Call, updated_node: cst.Call) -> cst.Call:
        """``updated_node`` with TF 0.9-1.0's one ``cell`` passed as ``enc_cell`` and a copy per
        decoder in ``dec_cells_dict`` (see the module docstring)."""
        ref = self.resolver.lookup(original_node.func)
        if ref is None or ref.kind != refs.FUNCTION or ref.name != ONE2MANY:
            return updated_node
        positional: list[cst.BaseExpression] = []
        for arg in original_node.args:
            if arg.keyword is not None or arg.star:
                break
            positional.append(arg.value)
        if any(arg.star for arg in original_node.args):
            return updated_node
        keywords = {a.keyword.value for a in original_node.args if a.keyword is not None}
        if not old_form(positional, keywords):
            return updated_node
        cell_index = next(
            (
                i
                for i, a in enumerate(original_node.args)
                if a.keyword and a.keyword.value == "cell"
            ),
            2,
        )
        inputs_index = next(
            (
                i
                for i, a in enumerate(original_node.args)
                if a.keyword and a.keyword.value == "decoder_inputs_dict"
            ),
            1,
        )
        if len(original_node.args) <= max(cell_index, inputs_index):
            return updated_node
        cell = updated_node.args[cell_index].value
        inputs = updated_node.args[inputs_index].value
        if not (_chain(original_node.args[cell_index].value) and _chain(inputs)):
            function = ref.name.rpartition(".")[2]
            self.report(original_node, UNSAFE_REFERENCE, old_form_message(function))
            return updated_node
        used = _names_in(cell) | _names_in(inputs)
        key = next(name for name in ("key", "name", "task", "l2t_key") if name not in used)
        copies = cst.DictComp(
            key=cst.Name(key),
            value=cst.Call(
                func=cst.Attribute(
                    cst.Name(self._copy_module(original_node)), cst.Name("deepcopy")
                ),
                args=[cst.Arg(cell)],
            ),
            for_in=cst.CompFor(target=cst.Name(key), iter=inputs),
        )
        self.edited = True
        args = list(updated_node.args)
        old = args[cell_index]
        if old.keyword is not None:
            equal = old.equal
            args[cell_index] = old.with_changes(keyword=cst.Name("enc_cell"))
            new = cst.Arg(value=copies, keyword=cst.Name("dec_cells_dict"), equal=equal)
        else:
            new = cst.Arg(value=copies)
        comma = old.comma
        args[cell_index] = args[cell_index].with_changes(
            comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
        )
        args.insert(cell_index + 1, new.with_changes(comma=comma))
        return updated_node.with_changes(args=args)
