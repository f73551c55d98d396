"""``BasicLSTMCell.tf0`` / ``LSTMCell.tf0``: the runtime cells called with TF 0.x's positional
arguments (``--full`` gives a TF 0.x program's cell class used as a value as
``functools.partial(<cell>.tf0, state_is_tuple=False)``): ``input_size``, which TF 0.x ignored,
is dropped; the other arguments land where TF 0.x put them."""

from __future__ import annotations

import functools

import pytest

from legacy2tf2.runtime import rnn_cell


def test_basic_lstm_cell_takes_tf0_positional_input_size() -> None:
    cell_fn = functools.partial(rnn_cell.BasicLSTMCell.tf0, state_is_tuple=False)
    cell = cell_fn(16, 0.5, 14)  # TF 0.7: (num_units, forget_bias, input_size)
    assert isinstance(cell, rnn_cell.BasicLSTMCell)
    assert (cell.state_size, cell.output_size, cell._forget_bias) == (32, 16, 0.5)
    assert cell_fn(8, input_size=3).state_size == 16
    assert rnn_cell.BasicLSTMCell.tf0(4).state_size == rnn_cell.LSTMStateTuple(4, 4)


def test_lstm_cell_takes_tf0_positions_up_to_num_proj() -> None:
    cell = rnn_cell.LSTMCell.tf0(8, 5, True, 3.0, None, 4, state_is_tuple=False)
    assert (cell._use_peepholes, cell._cell_clip, cell.output_size, cell.state_size) == (
        True,
        3.0,
        4,
        12,
    )
    with pytest.raises(TypeError, match=r"changed places between TF 0\.x releases"):
        rnn_cell.LSTMCell.tf0(8, 5, False, None, None, None, 1)
