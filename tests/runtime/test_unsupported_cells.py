"""``rnn_cell.unsupported(name)``: naming a TF1 cell the runtime lacks costs nothing, building it
raises a clear error, and no substitute cell is ever built."""

import pytest

from legacy2tf2.runtime import rnn_cell
from legacy2tf2.runtime.rnn_cell import UnsupportedCellError, unsupported


def test_building_the_stand_in_raises_naming_the_cell_and_what_to_do():
    with pytest.raises(UnsupportedCellError) as error:
        unsupported("NASCell")(8)
    message = str(error.value)
    assert "NASCell (tf.contrib.rnn) has no TF2 equivalent in legacy2tf2" in message
    assert "rnn_cell.LSTMCell" in message


def test_the_stand_in_is_a_class_that_can_be_named_compared_and_subclassed():
    nas = unsupported("NASCell")
    assert nas is unsupported("NASCell") and nas.__name__ == "NASCell"
    assert not isinstance(rnn_cell.LSTMCell(4), nas)

    class Mine(nas):  # defining a subclass works, as in TF1; building one does not
        def __init__(self, units):
            self.units = units

    with pytest.raises(UnsupportedCellError, match="NASCell"):
        Mine(4)


def test_the_error_is_not_one_that_version_fallbacks_catch():
    # TF1 code often retries a constructor on TypeError/AttributeError; that must not hide this.
    assert not issubclass(UnsupportedCellError, (TypeError, AttributeError, ImportError))


@pytest.mark.parametrize("bad", ["", "Not A Name", 3])
def test_unsupported_takes_a_class_name(bad):
    with pytest.raises(TypeError):
        unsupported(bad)
