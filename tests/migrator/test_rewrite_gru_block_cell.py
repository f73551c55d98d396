"""``tf.contrib.rnn.GRUBlockCell`` / ``GRUBlockCellV2`` (TF 1.0-1.15) move to the runtime's cells of
those names (GRUCell's math under the block cell's weight names; tests/runtime/test_gru_block_cell.py)
instead of the ``unsupported`` stand-in: RL agents and language models built on them ran nowhere."""

from __future__ import annotations

import pytest
from codemod_pairs import assert_pair

from legacy2tf2.migrator.engine import RewriteResult, rewrite_check_source
from legacy2tf2.migrator.renames import UNSUPPORTED_CELLS


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            "import tensorflow as tf\n"
            "cell = tf.contrib.rnn.GRUBlockCell(64)\n"
            "out, st = tf.nn.dynamic_rnn(cell, x, seq_len, cell.zero_state(bs, 'float'))\n",
            "import tensorflow as tf\n"
            "from legacy2tf2.runtime import rnn_cell\n"
            "cell = rnn_cell.GRUBlockCell(64)\n"
            "out, st = tf.nn.dynamic_rnn(cell, x, seq_len, cell.zero_state(bs, 'float'))\n",
        ),
        (
            "from tensorflow.contrib import rnn\n"
            "cell = rnn.GRUBlockCellV2(num_units=8) if v2 else rnn.GRUBlockCell(cell_size=8)\n",
            "from legacy2tf2.runtime import rnn_cell as rnn\n"
            "cell = rnn.GRUBlockCellV2(num_units=8) if v2 else rnn.GRUBlockCell(cell_size=8)\n",
        ),
        (
            "from tensorflow.contrib.rnn import GRUBlockCell\ncell = GRUBlockCell(8)\n",
            "from legacy2tf2.runtime.rnn_cell import GRUBlockCell\ncell = GRUBlockCell(8)\n",
        ),
    ],
)
def test_block_gru_cells_move_to_the_runtime(before: str, after: str) -> None:
    result = assert_pair(before, after)
    # rewrite --check (the ast fast path) answers what the rewrite did
    assert rewrite_check_source(before.encode(), "case.py") == RewriteResult(
        before.encode(), result.findings, True
    )


def test_block_gru_cells_are_not_reported_as_unsupported() -> None:
    assert "GRUBlockCell" not in UNSUPPORTED_CELLS
    assert "GRUBlockCellV2" not in UNSUPPORTED_CELLS
