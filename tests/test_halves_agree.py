"""The migrator's rename table names exactly what the runtime provides (the halves never import
each other, so this test is where they meet)."""

from legacy2tf2.migrator import renames
from legacy2tf2.runtime import legacy_seq2seq, rnn_cell


def test_every_rewritten_function_exists_in_the_runtime():
    assert set(renames.SEQ2SEQ_FUNCTIONS) == set(legacy_seq2seq.__all__)
    for target in renames.FUNCTIONS.values():
        assert callable(getattr(legacy_seq2seq, target.rsplit(".", 1)[1]))


def test_every_rewritten_cell_exists_in_the_runtime():
    assert set(renames.CELL_CLASSES) <= set(rnn_cell.__all__)
    for target in renames.CELLS.values():
        module, name = target.rsplit(".", 1)
        assert module == renames.RUNTIME_RNN_CELL and hasattr(rnn_cell, name)


def test_unsupported_cells_have_the_runtime_stand_in():
    assert set(rnn_cell.__all__) == set(renames.CELL_CLASSES) | {
        renames.UNSUPPORTED_CELL_FACTORY,
        "UnsupportedCellError",
    }
    module, name = renames.RUNTIME_UNSUPPORTED.rsplit(".", 1)
    assert module == renames.RUNTIME_RNN_CELL and name == renames.UNSUPPORTED_CELL_FACTORY
    for cell in renames.UNSUPPORTED_CELLS:
        assert rnn_cell.unsupported(cell).__name__ == cell
        assert not hasattr(rnn_cell, cell)  # never a substitute under the TF1 name
