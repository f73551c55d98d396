"""TF1 cells the runtime lacks (``NASCell``, ...): the use becomes ``rnn_cell.unsupported(name)``,
so the contrib import can go and the module imports; the finding (L2T002) stays, in ``rewrite``
and in ``check`` of the migrated file, because building such a cell raises."""

from __future__ import annotations

import pytest
from codemod_pairs import assert_pair

from legacy2tf2.migrator.engine import check_source, rewrite_source
from legacy2tf2.migrator.renames import UNSUPPORTED_CELLS

PAIRS = [
    pytest.param(
        "from tensorflow.contrib import rnn\n"
        "\n"
        'cell = rnn.NASCell(n) if kind == "nas" else rnn.LSTMCell(n)\n',
        "from legacy2tf2.runtime import rnn_cell as rnn\n"
        "\n"
        'cell = rnn.unsupported("NASCell")(n) if kind == "nas" else rnn.LSTMCell(n)\n',
        ("L2T002",),
        id="from tensorflow.contrib import rnn: the import moves, the use names the stand-in",
    ),
    pytest.param(
        "import tensorflow as tf\n"
        "\n"
        "cell_fn = tf.contrib.rnn.UGRNNCell if ugrnn else tf.contrib.rnn.GRUCell\n"
        "x = tf.zeros(1)\n",
        "import tensorflow as tf\n"
        "from legacy2tf2.runtime import rnn_cell\n"
        "\n"
        'cell_fn = rnn_cell.unsupported("UGRNNCell") if ugrnn else rnn_cell.GRUCell\n'
        "x = tf.zeros(1)\n",
        ("L2T002",),
        id="tf.contrib.rnn path: class selection keeps working",
    ),
    pytest.param(
        "from tensorflow.contrib.rnn import NASCell, GRUCell\n\ncell = NASCell(8) if nas else GRUCell(8)\n",
        "from legacy2tf2.runtime.rnn_cell import unsupported, GRUCell\n"
        'NASCell = unsupported("NASCell")\n'
        "\n"
        "cell = NASCell(8) if nas else GRUCell(8)\n",
        ("L2T002",),
        id="imported by name: the name is bound to the stand-in",
    ),
    pytest.param(
        "from tensorflow.contrib.rnn import LSTMBlockFusedCell as Fast\n"
        "\n"
        "unsupported = 3\n"
        "cell = Fast(8)\n",
        "from legacy2tf2.runtime.rnn_cell import unsupported as l2t_unsupported\n"
        'Fast = l2t_unsupported("LSTMBlockFusedCell")\n'
        "\n"
        "unsupported = 3\n"
        "cell = Fast(8)\n",
        ("L2T002",),
        id="imported under an alias, the file's own `unsupported` is not shadowed",
    ),
    pytest.param(
        "from tensorflow.contrib import rnn\n"
        "\n"
        "cell = rnn.AttentionCellWrapper(rnn.GRUCell(8), 4)\n"
        "cell = rnn.CompiledWrapper(cell)\n",
        "from tensorflow.contrib import rnn\n"
        "from legacy2tf2.runtime import rnn_cell\n"
        "\n"
        'cell = rnn_cell.unsupported("AttentionCellWrapper")(rnn_cell.GRUCell(8), 4)\n'
        "cell = rnn.CompiledWrapper(cell)\n",
        ("L2T002", "L2T003"),
        id="a contrib name without any equivalent keeps the import; the cells still move",
    ),
]


@pytest.mark.parametrize(("before", "after", "codes"), PAIRS)
def test_unsupported_cell(before: str, after: str, codes: tuple[str, ...]) -> None:
    result = assert_pair(before, after, codes=codes)
    assert all("unsupported(" in f.message for f in result.findings if f.code == "L2T002")


@pytest.mark.parametrize("cell", UNSUPPORTED_CELLS)
def test_every_unsupported_cell_is_named_by_the_stand_in(cell: str) -> None:
    assert_pair(
        f"import tensorflow as tf\n\nc = tf.contrib.rnn.{cell}(8)\nx = tf.zeros(1)\n",
        "import tensorflow as tf\n"
        "from legacy2tf2.runtime import rnn_cell\n"
        "\n"
        f'c = rnn_cell.unsupported("{cell}")(8)\n'
        "x = tf.zeros(1)\n",
        codes=("L2T002",),
    )


def test_migrated_file_still_fails_the_gate_at_the_stand_in() -> None:
    before = (
        b"from tensorflow.contrib import rnn\n\ncell = rnn.NASCell(8) if nas else rnn.GRUCell(8)\n"
    )
    after = rewrite_source(before).source
    findings = check_source(after, "m.py")
    assert [(f.line, f.col, f.code) for f in findings] == [(3, 8, "L2T002")]
    assert "NASCell" in findings[0].message and "UnsupportedCellError" in findings[0].message
    again = rewrite_source(after)
    assert again.changed is False
    assert [(f.line, f.col, f.code) for f in again.findings] == [(3, 8, "L2T002")]
