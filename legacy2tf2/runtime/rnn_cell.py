"""TF1's RNN cells and wrappers as Keras 3 layers, with TF1's math, weight names and shapes.

The public module that rewritten code calls: ``tf.contrib.rnn.GRUCell(256)`` becomes
``rnn_cell.GRUCell(256)``. Every class works with the TF1 protocol (``zero_state``,
``cell(inputs, state)``, ``tf.compat.v1.nn.static_rnn`` / ``dynamic_rnn``), inside
``keras.layers.RNN``, and round-trips through ``get_config`` / ``from_config``.

A TF1 cell this module does not provide is named ``unsupported("NASCell")`` in rewritten code: a
class that raises :class:`UnsupportedCellError` when built, so only the branch that builds it fails.

``tf.contrib.rnn``'s ``stack_bidirectional_dynamic_rnn`` and ``stack_bidirectional_rnn`` live here
too, beside the cells they stack.
"""

from legacy2tf2.runtime._cell_base import LSTMStateTuple, RNNCell
from legacy2tf2.runtime._cells import (
    BasicLSTMCell,
    BasicRNNCell,
    GRUBlockCell,
    GRUBlockCellV2,
    GRUCell,
    LSTMBlockCell,
    LSTMCell,
)
from legacy2tf2.runtime._cifg_cell import CoupledInputForgetGateLSTMCell
from legacy2tf2.runtime._layer_norm_cell import LayerNormBasicLSTMCell
from legacy2tf2.runtime._stacked_rnn import stack_bidirectional_dynamic_rnn, stack_bidirectional_rnn
from legacy2tf2.runtime._unsupported import UnsupportedCellError, unsupported
from legacy2tf2.runtime._wrappers import (
    DeviceWrapper,
    DropoutWrapper,
    EmbeddingWrapper,
    InputProjectionWrapper,
    MultiRNNCell,
    OutputProjectionWrapper,
    ResidualWrapper,
)

__all__ = [
    "BasicLSTMCell",
    "BasicRNNCell",
    "CoupledInputForgetGateLSTMCell",
    "DeviceWrapper",
    "DropoutWrapper",
    "EmbeddingWrapper",
    "GRUBlockCell",
    "GRUBlockCellV2",
    "GRUCell",
    "InputProjectionWrapper",
    "LSTMBlockCell",
    "LSTMCell",
    "LSTMStateTuple",
    "LayerNormBasicLSTMCell",
    "MultiRNNCell",
    "OutputProjectionWrapper",
    "RNNCell",
    "ResidualWrapper",
    "UnsupportedCellError",
    "stack_bidirectional_dynamic_rnn",
    "stack_bidirectional_rnn",
    "unsupported",
]
