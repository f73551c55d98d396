"""--full: ``rnn.rnn`` of ``tensorflow.python.ops`` in a file of the ``tensorflow.models.rnn``
years is TF 0.x's static RNN too: where its states are read only as the final state or as TF
0.6's ``states[-1]`` it becomes ``static_rnn`` and ``[-1]`` is dropped, as for ``rnn.rnn`` of
``tensorflow.models.rnn``.

``tensorflow/python/ops/rnn.py`` held the function ``tf.nn.rnn`` and ``models.rnn``'s ``rnn``
named (TF 0.7's release notes: "The non-public ``nn.rnn`` ... now return just the final state
instead of the list of all states"). A TF 0.6 speech codec (``from tensorflow.python.ops import
rnn``, ``_, enc_states = rnn.rnn(encoder_cell, ...)``, ``seq2seq.rnn_decoder(dec,
enc_states[-1], decoder_cell)``) was left failing (L2T006, L2T021).
"""

from __future__ import annotations

import libcst as cst
import pytest

from legacy2tf2.migrator import engine
from legacy2tf2.migrator.full_upgrade import full_upgrade
from legacy2tf2.migrator.tf0_state import fix_concatenated_state

PROGRAM = (
    "import tensorflow as tf\n"
    "from tensorflow.models.rnn import rnn_cell, seq2seq\n"
    "from tensorflow.python.ops import rnn\n"
    "cell = rnn_cell.GRUCell(4)\n"
    "dec_cell = rnn_cell.GRUCell(4)\n"
    "_, enc_states = rnn.rnn(cell, inputs, dtype=tf.float32)\n"
    "{use}\n"
)


def fix(original: str) -> tuple[str, list[str]]:
    rewritten = engine.rewrite_source(original.encode()).source.decode()
    new, changes = fix_concatenated_state(cst.parse_module(rewritten), cst.parse_module(original))
    return new.code, [code for _line, _col, code, _msg in changes]


def test_ops_rnn_of_a_tf0_file_becomes_static_rnn_and_its_last_state_the_final_state() -> None:
    use = "outputs, states = seq2seq.rnn_decoder(dec, enc_states[-1], dec_cell)"
    new, codes = fix(PROGRAM.format(use=use))
    assert new == (
        "import tensorflow as tf\n"
        "from legacy2tf2.runtime import rnn_cell, legacy_seq2seq as seq2seq\n"
        "from tensorflow.python.ops import rnn\n"
        "cell = rnn_cell.GRUCell(4)\n"
        "dec_cell = rnn_cell.GRUCell(4)\n"
        "_, enc_states = tf.compat.v1.nn.static_rnn(cell, inputs, dtype=tf.float32)\n"
        "outputs, states = seq2seq.rnn_decoder(dec, enc_states, dec_cell)\n"
    )
    assert codes == ["L2T010", "L2T010"]
    result = full_upgrade(PROGRAM.format(use=use).encode())
    assert {f.code for f in result.findings} & {"L2T006", "L2T021"} == set()


@pytest.mark.parametrize("use", ["first = enc_states[0]", "n = len(enc_states)"])
def test_ops_rnn_whose_step_states_are_read_stays(use: str) -> None:
    new, _ = fix(PROGRAM.format(use=use))
    assert "rnn.rnn(cell, inputs, dtype=tf.float32)" in new
    assert "L2T006" in {f.code for f in full_upgrade(PROGRAM.format(use=use).encode()).findings}


def test_ops_rnn_outside_a_tf0_file_is_not_this_passes() -> None:
    # a TF 0.12 file (no tensorflow.models.rnn): TF 0.12's tuple states, [-1] is a layer's
    source = PROGRAM.replace("from tensorflow.models.rnn import rnn_cell, seq2seq\n", "")
    source = source.replace("rnn_cell.GRUCell", "tf.nn.rnn_cell.GRUCell")
    new, codes = fix(source.format(use="last = enc_states[-1]"))
    assert "rnn.rnn(cell, inputs" in new and codes == []
