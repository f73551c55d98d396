"""TF 0.9-1.0's ``one2many_rnn_seq2seq(..., cell, num_encoder_symbols, ...)``: one cell for the
encoder and every decoder (each with its own weights then) becomes TF 1.2's ``enc_cell`` and a
copy per decoder in ``dec_cells_dict``; left and reported where that would evaluate an argument
twice; TF 1.2's form left alone."""

from __future__ import annotations

import pytest
from codemod_pairs import assert_pair

BEFORE = "import tensorflow as tf\n"
AFTER = "from legacy2tf2.runtime import legacy_seq2seq\nimport copy\n"
CALL = "tf.contrib.legacy_seq2seq.one2many_rnn_seq2seq"
NEW = "legacy_seq2seq.one2many_rnn_seq2seq"
COPIES = "{key: copy.deepcopy(cell) for key in decoders}"


def test_positional_cell_is_split() -> None:
    assert_pair(
        f"{BEFORE}outs, states = {CALL}(enc, decoders, cell, 10, symbols, 6)\n",
        f"{AFTER}outs, states = {NEW}(enc, decoders, cell, {COPIES}, 10, symbols, 6)\n",
    )


def test_keyword_cell_is_split() -> None:
    assert_pair(
        f"{BEFORE}outs, states = {CALL}(enc, decoders, cell=cell, num_encoder_symbols=10,\n"
        "    num_decoder_symbols_dict=symbols, embedding_size=6)\n",
        f"{AFTER}outs, states = {NEW}(enc, decoders, enc_cell=cell, dec_cells_dict={COPIES}, "
        "num_encoder_symbols=10,\n    num_decoder_symbols_dict=symbols, embedding_size=6)\n",
    )


def test_three_positionals_and_symbol_keywords_are_the_old_form() -> None:
    assert_pair(
        f"{BEFORE}import copy\nout = {CALL}(self.enc, self.decoders, self.key, "
        "num_encoder_symbols=v, num_decoder_symbols_dict=d, embedding_size=e)\n",
        "import copy\nfrom legacy2tf2.runtime import legacy_seq2seq\n"
        f"out = {NEW}(self.enc, self.decoders, self.key, "
        "{name: copy.deepcopy(self.key) for name in self.decoders}, "
        "num_encoder_symbols=v, num_decoder_symbols_dict=d, embedding_size=e)\n",
    )


def test_arguments_that_cannot_be_read_twice_are_reported() -> None:
    result = assert_pair(
        f"{BEFORE}outs, states = {CALL}(enc, {{'a': dec}}, make_cell(), 10, symbols, 6)\n",
        "from legacy2tf2.runtime import legacy_seq2seq\n"
        f"outs, states = {NEW}(enc, {{'a': dec}}, make_cell(), 10, symbols, 6)\n",
        codes=("L2T003",),
    )
    assert "TF 0.9-1.0's form" in result.findings[0].message


@pytest.mark.parametrize(
    "args",
    [
        "enc, decoders, enc_cell, dec_cells, 10, symbols, 6",
        "enc, decoders, cell, {'a': cell}, 10, symbols, 6",
        "enc, decoders, cell, dec_cells_dict=cells, num_encoder_symbols=10, "
        "num_decoder_symbols_dict=symbols, embedding_size=6",
        "enc, decoders, *cells",
    ],
)
def test_tf_1_2_form_is_left_alone(args: str) -> None:
    assert_pair(
        f"{BEFORE}out = {CALL}({args})\n",
        f"from legacy2tf2.runtime import legacy_seq2seq\nout = {NEW}({args})\n",
    )
