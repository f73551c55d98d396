"""TF1 cells and the other names of the cell modules (PATTERNS.md section 4)."""

from __future__ import annotations

import pytest
from codemod_pairs import assert_pair

from legacy2tf2.migrator.renames import CELL_CLASSES

PATHS = {
    "tf.contrib.rnn": "import tensorflow as tf\n\ncell = tf.contrib.rnn.{cell}(8)\nx = tf.zeros(1)\n",
    "tf.nn.rnn_cell": "import tensorflow as tf\n\ncell = tf.nn.rnn_cell.{cell}(8)\nx = tf.zeros(1)\n",
    "tf.compat.v1.nn.rnn_cell": (
        "import tensorflow as tf\n\ncell = tf.compat.v1.nn.rnn_cell.{cell}(8)\nx = tf.zeros(1)\n"
    ),
    "tf.contrib.rnn.core_rnn_cell (TF 1.0)": (
        "import tensorflow as tf\n\ncell = tf.contrib.rnn.core_rnn_cell.{cell}(8)\nx = tf.zeros(1)\n"
    ),
    "tf.contrib.rnn.python.ops.core_rnn_cell_impl (TF 1.0)": (
        "import tensorflow as tf\n\n"
        "cell = tf.contrib.rnn.python.ops.core_rnn_cell_impl.{cell}(8)\nx = tf.zeros(1)\n"
    ),
}
AFTER = "import tensorflow as tf\nfrom legacy2tf2.runtime import rnn_cell\n\ncell = rnn_cell.{cell}(8)\nx = tf.zeros(1)\n"


@pytest.mark.parametrize("path", list(PATHS))
@pytest.mark.parametrize("cell", CELL_CLASSES)
def test_cell_through_attribute_path(cell: str, path: str) -> None:
    after = AFTER.format(cell=cell)
    if cell == "MultiRNNCell" and "TF 1.0" in path:  # TF 1.0: one set of weights per layer
        after = after.replace("MultiRNNCell(8)", f"MultiRNNCell(8{_COPY})")
    assert_pair(PATHS[path].format(cell=cell), after)


#: The module's era decides what ``[cell] * n`` means (see test_rewrite_repeated_cells.py):
#: one set of weights per layer up to TF 1.0 (a keyword), shared from 1.2, unknown (L2T005;
#: tf.compat.v1 tells nothing: tf_upgrade_v2 writes it into code of any era).
_COPY = ', repeated_cells="copy"'


@pytest.mark.parametrize(
    ("module", "keyword", "codes"),
    [
        ("tensorflow.contrib.rnn", "", ("L2T005",)),
        ("tensorflow.nn.rnn_cell", "", ("L2T005",)),
        ("tensorflow.compat.v1.nn.rnn_cell", "", ("L2T005",)),
        ("tensorflow.python.ops.rnn_cell", "", ("L2T005",)),
        ("tensorflow.models.rnn.rnn_cell", _COPY, ()),
        ("tensorflow.contrib.rnn.python.ops.core_rnn_cell", _COPY, ()),
    ],
)
def test_cells_imported_by_name(module: str, keyword: str, codes: tuple[str, ...]) -> None:
    assert_pair(
        f"from {module} import GRUCell, MultiRNNCell\n\ncell = MultiRNNCell([GRUCell(4)] * 2)\n",
        "from legacy2tf2.runtime.rnn_cell import GRUCell, MultiRNNCell\n\n"
        f"cell = MultiRNNCell([GRUCell(4)] * 2{keyword})\n",
        codes=codes,
    )


PAIRS = [
    pytest.param(
        "from tensorflow.contrib import rnn\n"
        "\n"
        "cell_fn = rnn.BasicLSTMCell if model == 'lstm' else rnn.GRUCell\n"
        "cell = rnn.MultiRNNCell([cell_fn(size) for _ in range(num_layers)], state_is_tuple=True)\n",
        "from legacy2tf2.runtime import rnn_cell as rnn\n"
        "\n"
        "cell_fn = rnn.BasicLSTMCell if model == 'lstm' else rnn.GRUCell\n"
        "cell = rnn.MultiRNNCell([cell_fn(size) for _ in range(num_layers)], state_is_tuple=True)\n",
        id="from tensorflow.contrib import rnn: class selection, only the import changes",
    ),
    pytest.param(
        "import tensorflow as tf\n"
        "from tensorflow.python.ops import rnn_cell\n"
        "\n"
        "single_cell = rnn_cell.GRUCell(size)\n"
        "cell = rnn_cell.MultiRNNCell([single_cell] * num_layers)\n"
        "inputs = tf.unpack(x, axis=1)\n",
        "import tensorflow as tf\n"
        "from legacy2tf2.runtime import rnn_cell\n"
        "\n"
        "single_cell = rnn_cell.GRUCell(size)\n"
        'cell = rnn_cell.MultiRNNCell([single_cell] * num_layers, repeated_cells="copy")\n'
        "inputs = tf.unpack(x, axis=1)\n",
        id="rnn_cell from tensorflow.python.ops",
    ),
    pytest.param(
        "import tensorflow as tf\n"
        "from tensorflow.contrib import rnn\n"
        "\n"
        "cell = rnn.DropoutWrapper(rnn.BasicLSTMCell(8), output_keep_prob=0.5)\n"
        "outputs, state = rnn.static_rnn(cell, inputs, dtype=tf.float32)\n",
        "import tensorflow as tf\n"
        "from legacy2tf2.runtime import rnn_cell as rnn\n"
        "\n"
        "cell = rnn.DropoutWrapper(rnn.BasicLSTMCell(8), output_keep_prob=0.5)\n"
        "outputs, state = tf.compat.v1.nn.static_rnn(cell, inputs, dtype=tf.float32)\n",
        id="static_rnn of a cell module goes to tf.compat.v1.nn",
    ),
    pytest.param(
        "from tensorflow.contrib import rnn\n"
        "\n"
        "outputs, state = rnn.static_bidirectional_rnn(fw, bw, inputs)\n",
        "import tensorflow as tf\n"
        "\n"
        "outputs, state = tf.compat.v1.nn.static_bidirectional_rnn(fw, bw, inputs)\n",
        id="tf is imported when the file has no tensorflow import left",
    ),
    pytest.param(
        "import tensorflow.compat.v1 as tf\n"
        "\n"
        "outputs, state = tf.contrib.rnn.static_rnn(cell, inputs, dtype=tf.float32)\n",
        "import tensorflow.compat.v1 as tf\n"
        "\n"
        "outputs, state = tf.nn.static_rnn(cell, inputs, dtype=tf.float32)\n",
        id="static_rnn through import tensorflow.compat.v1 as tf",
    ),
    pytest.param(
        "import tensorflow as tf\n\noutputs, state = tf.contrib.rnn.static_rnn(cell, inputs)\n",
        "import tensorflow as tf\n\noutputs, state = tf.compat.v1.nn.static_rnn(cell, inputs)\n",
        id="the tf import static_rnn now needs is kept even when nothing else reads it",
    ),
    pytest.param(
        "import tensorflow as tf\n"
        "from tensorflow.contrib import rnn\n"
        "\n"
        "outputs, state = rnn.static_rnn(tf.contrib.rnn.GRUCell(2), inputs)\n",
        "import tensorflow as tf\n"
        "from legacy2tf2.runtime import rnn_cell as rnn\n"
        "\n"
        "outputs, state = tf.compat.v1.nn.static_rnn(rnn.GRUCell(2), inputs)\n",
        id="a cell module import reused for rewritten chains is kept",
    ),
    pytest.param(
        "from tensorflow.contrib.rnn import static_rnn, LSTMStateTuple\n"
        "\n"
        "outputs, state = static_rnn(cell, inputs, initial_state=LSTMStateTuple(c, h))\n",
        "from tensorflow.compat.v1.nn import static_rnn\n"
        "from legacy2tf2.runtime.rnn_cell import LSTMStateTuple\n"
        "\n"
        "outputs, state = static_rnn(cell, inputs, initial_state=LSTMStateTuple(c, h))\n",
        id="from-import of a cell and of static_rnn split by destination",
    ),
    pytest.param(
        "import tensorflow as tf\n\ncell = getattr(tf.contrib.rnn, cell_type)(num_units)\n",
        "from legacy2tf2.runtime import rnn_cell\n"
        "\n"
        "cell = getattr(rnn_cell, cell_type)(num_units)\n",
        id="getattr on the cell module with a name from config",
    ),
    pytest.param(
        "import tensorflow as tf\n"
        "\n"
        "rnn_cell = tf.contrib.rnn.GRUCell(4)\n"
        "other = tf.contrib.rnn.LSTMCell(4)\n",
        "from legacy2tf2.runtime import rnn_cell as l2t_rnn_cell\n"
        "\n"
        "rnn_cell = l2t_rnn_cell.GRUCell(4)\n"
        "other = l2t_rnn_cell.LSTMCell(4)\n",
        id="a user variable named rnn_cell is never shadowed",
    ),
    pytest.param(
        "import tensorflow as tf\n"
        "\n"
        "cells = [tf.contrib.rnn.EmbeddingWrapper(c, 100, 16) for c in base]\n"
        "out = tf.contrib.rnn.OutputProjectionWrapper(tf.contrib.rnn.BasicRNNCell(4), 10)\n"
        "res = tf.contrib.rnn.ResidualWrapper(tf.contrib.rnn.DeviceWrapper(cell, '/gpu:0'))\n",
        "from legacy2tf2.runtime import rnn_cell\n"
        "\n"
        "cells = [rnn_cell.EmbeddingWrapper(c, 100, 16) for c in base]\n"
        "out = rnn_cell.OutputProjectionWrapper(rnn_cell.BasicRNNCell(4), 10)\n"
        "res = rnn_cell.ResidualWrapper(rnn_cell.DeviceWrapper(cell, '/gpu:0'))\n",
        id="wrappers nested in wrappers",
    ),
]


@pytest.mark.parametrize(("before", "after"), PAIRS)
def test_cell_style(before: str, after: str) -> None:
    assert_pair(before, after)


TF_1_0_PAIRS = [
    pytest.param(
        "from tensorflow.contrib.rnn.python.ops import core_rnn_cell\n"
        "\n"
        "cell = core_rnn_cell.DropoutWrapper(core_rnn_cell.GRUCell(8), output_keep_prob=0.5)\n",
        "from legacy2tf2.runtime import rnn_cell as core_rnn_cell\n"
        "\n"
        "cell = core_rnn_cell.DropoutWrapper(core_rnn_cell.GRUCell(8), output_keep_prob=0.5)\n",
        id="from tensorflow.contrib.rnn.python.ops import core_rnn_cell",
    ),
    pytest.param(
        "from tensorflow.contrib.rnn import core_rnn_cell\n"
        "\n"
        "state = core_rnn_cell.LSTMStateTuple(c, h)\n",
        "from legacy2tf2.runtime import rnn_cell as core_rnn_cell\n"
        "\n"
        "state = core_rnn_cell.LSTMStateTuple(c, h)\n",
        id="from tensorflow.contrib.rnn import core_rnn_cell",
    ),
    pytest.param(
        "from tensorflow.contrib.rnn.core_rnn_cell import BasicLSTMCell, LSTMStateTuple\n"
        "\n"
        "cell = BasicLSTMCell(8)\n",
        "from legacy2tf2.runtime.rnn_cell import BasicLSTMCell, LSTMStateTuple\n"
        "\n"
        "cell = BasicLSTMCell(8)\n",
        id="from tensorflow.contrib.rnn.core_rnn_cell import names",
    ),
    pytest.param(
        "import tensorflow as tf\n"
        "\n"
        "outs, st = tf.contrib.rnn.static_rnn(cell, xs, dtype=tf.float32)\n"
        "fw = tf.contrib.rnn.static_bidirectional_rnn(f, b, xs, dtype=tf.float32)\n"
        "o2, s2 = tf.contrib.rnn.python.ops.core_rnn.static_rnn(cell2, xs, dtype=tf.float32)\n",
        "import tensorflow as tf\n"
        "\n"
        "outs, st = tf.compat.v1.nn.static_rnn(cell, xs, dtype=tf.float32)\n"
        "fw = tf.compat.v1.nn.static_bidirectional_rnn(f, b, xs, dtype=tf.float32)\n"
        "o2, s2 = tf.compat.v1.nn.static_rnn(cell2, xs, dtype=tf.float32)\n",
        id="static RNN functions, TF 1.0 core_rnn path too, go to tf.compat.v1.nn",
    ),
    pytest.param(
        "from tensorflow.python.ops.rnn_cell_impl import _RNNCell as RNNCell\n"
        "from tensorflow.python.ops import rnn_cell_impl\n"
        "\n"
        "class AttentionCell(RNNCell):\n"
        "    pass\n"
        "\n"
        "class GateCell(rnn_cell_impl._RNNCell):\n"
        "    pass\n",
        "from legacy2tf2.runtime.rnn_cell import RNNCell\n"
        "from legacy2tf2.runtime import rnn_cell\n"
        "\n"
        "class AttentionCell(RNNCell):\n"
        "    pass\n"
        "\n"
        "class GateCell(rnn_cell.RNNCell):\n"
        "    pass\n",
        id="TF 1.0/1.1's base class rnn_cell_impl._RNNCell is the runtime's RNNCell",
    ),
    pytest.param(
        "from tensorflow.python.ops import rnn_cell_impl\n"
        "from tensorflow.python.ops.rnn_cell_impl import LSTMStateTuple\n"
        "from tensorflow.python.ops.rnn_cell_impl import _LayerRNNCell\n"
        "\n"
        "class STLSTMCell(rnn_cell_impl.LayerRNNCell):\n"
        "    pass\n"
        "\n"
        "class OldCell(_LayerRNNCell):\n"
        "    pass\n",
        "from legacy2tf2.runtime.rnn_cell import LSTMStateTuple\n"
        "from legacy2tf2.runtime.rnn_cell import RNNCell as _LayerRNNCell\n"
        "from legacy2tf2.runtime import rnn_cell\n"
        "\n"
        "class STLSTMCell(rnn_cell.RNNCell):\n"
        "    pass\n"
        "\n"
        "class OldCell(_LayerRNNCell):\n"
        "    pass\n",
        id="TF 1.4's _LayerRNNCell and 1.5+'s LayerRNNCell (build + add_variable) are RNNCell",
    ),
]


@pytest.mark.parametrize(("before", "after"), TF_1_0_PAIRS)
def test_tf_1_0_cell_paths(before: str, after: str) -> None:
    assert_pair(before, after)
