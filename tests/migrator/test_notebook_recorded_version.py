"""A notebook's recorded TensorFlow version (a cell's output, a pinned install) decides its era."""

from __future__ import annotations

import json

import pytest

from legacy2tf2.migrator import engine, era, magics
from legacy2tf2.migrator.notebooks import process_notebook
from legacy2tf2.migrator.recorded_version import CellRecord, recorded_era
from legacy2tf2.migrator.steps import FULL, REWRITE


def _code(source: str, outputs: list | None = None) -> dict:
    return {
        "cell_type": "code",
        "execution_count": 1,
        "metadata": {},
        "outputs": outputs or [],
        "source": source.splitlines(keepends=True),
    }


def _notebook(*cells: dict, kernel: str = "python3") -> bytes:
    nb = {
        "cells": list(cells),
        "metadata": {"kernelspec": {"language": "python", "name": kernel}},
        "nbformat": 4,
        "nbformat_minor": 2,
    }
    return (json.dumps(nb, indent=1, sort_keys=True) + "\n").encode("utf-8")


def _result(text: str) -> list:
    data = {"text/plain": [text]}
    return [{"data": data, "execution_count": 1, "metadata": {}, "output_type": "execute_result"}]


def _stdout(text: str) -> list:
    return [{"name": "stdout", "output_type": "stream", "text": [text]}]


def _stderr(text: str) -> list:
    return [{"name": "stderr", "output_type": "stream", "text": [text]}]


STACK = "cell = tf.contrib.rnn.GRUCell(4)\nstack = tf.contrib.rnn.MultiRNNCell([cell] * 2)\n"
COPIED = (
    'cell = rnn_cell.GRUCell(4)\nstack = rnn_cell.MultiRNNCell([cell] * 2, repeated_cells="copy")\n'
)
SHARED = "cell = rnn_cell.GRUCell(4)\nstack = rnn_cell.MultiRNNCell([cell] * 2)\n"
IMPORTS = "import tensorflow as tf\nfrom legacy2tf2.runtime import rnn_cell\n"


def _rewrite(first: dict, *more: dict) -> tuple[list[str], list[str]]:
    """The sources of the rewritten notebook's cells and its findings' codes."""
    result = process_notebook(_notebook(first, *more, _code(STACK)), "nb.ipynb", REWRITE)
    cells = json.loads(result.source)["cells"]
    return ["".join(c["source"]) for c in cells], [f.code for f in result.findings]


UDACITY_CHECK = """\
\"\"\"
DON'T MODIFY ANYTHING IN THIS CELL
\"\"\"
from distutils.version import LooseVersion
import warnings
import tensorflow as tf

# Check TensorFlow Version
assert LooseVersion(tf.__version__) >= LooseVersion('1.0'), 'Please use TensorFlow version 1.0 or newer'
print('TensorFlow Version: {}'.format(tf.__version__))

# Check for a GPU
if not tf.test.gpu_device_name():
    warnings.warn('No GPU found. Please use a GPU to train your neural network.')
else:
    print('Default GPU Device: {}'.format(tf.test.gpu_device_name()))
"""

RECORDED_1_0 = [
    pytest.param(
        _code("import tensorflow as tf\ntf.__version__", _result("'1.0.0'")),
        IMPORTS + "tf.__version__",
        id="result of tf.__version__",
    ),
    pytest.param(
        _code("import tensorflow as tf\nprint(tf.__version__)\n", _stdout("1.0.1\n")),
        IMPORTS + "print(tf.__version__)\n",
        id="print of tf.__version__",
    ),
    pytest.param(
        _code(
            "import tensorflow as tf\nprint('TensorFlow version:', tf.VERSION)\n",
            _stderr("W tensorflow/core: CPU instructions\n")
            + _stdout("TensorFlow version: 1.0.0\n"),
        ),
        IMPORTS + "print('TensorFlow version:', tf.VERSION)\n",
        id="labelled print of tf.VERSION, stderr ignored",
    ),
    pytest.param(
        _code("import tensorflow as tf\nimport tensorflow\ntensorflow.__version__")
        | {"outputs": _result("'1.0.0-rc2'")},
        "import tensorflow\nfrom legacy2tf2.runtime import rnn_cell\ntensorflow.__version__",
        id="the module's own name, a release candidate",
    ),
    pytest.param(
        _code(
            "import tensorflow as tf\nprint(tf.__version__)\nprint('Please use 1.0 and above')\n",
            _stdout("1.0.1\nPlease use 1.0 and above\n"),
        ),
        IMPORTS + "print(tf.__version__)\nprint('Please use 1.0 and above')\n",
        id="the first of the lines printed",
    ),
    pytest.param(
        _code(
            "import numpy as np\nimport tensorflow as tf\nprint('NumPy ' + np.__version__)\n"
            "print('TensorFlow version: ' + tf.__version__)\nsess = tf.Session()\n",
            _stdout("NumPy 1.12.1\nTensorFlow version: 1.0.1\n"),
        ),
        "import numpy as np\nimport tensorflow as tf\nfrom legacy2tf2.runtime import rnn_cell\n"
        "print('NumPy ' + np.__version__)\nprint('TensorFlow version: ' + tf.__version__)\n"
        "sess = tf.Session()\n",
        id="after another module's version, concatenated",
    ),
    pytest.param(
        _code(UDACITY_CHECK, _stdout("TensorFlow Version: 1.0.0\nDefault GPU Device: /gpu:0\n")),
        UDACITY_CHECK.replace(
            "import tensorflow as tf\n",
            "import tensorflow as tf\nfrom legacy2tf2.runtime import rnn_cell\n",
        ),
        id="a course's version check: heading string, assert, then a formatted print",
    ),
    pytest.param(
        _code(
            "import tensorflow as tf\nprint(f'TF {tf.__version__}')\n"
            "print('TF {}'.format(tf.VERSION))\nprint('TF %s' % tf.__version__)\n",
            _stdout("TF 1.0.0\nTF 1.0.0\nTF 1.0.0\n"),
        ),
        IMPORTS + "print(f'TF {tf.__version__}')\nprint('TF {}'.format(tf.VERSION))\n"
        "print('TF %s' % tf.__version__)\n",
        id="f-string, format, percent",
    ),
    pytest.param(
        _code("!pip install -q tensorflow==1.0.1\nimport tensorflow as tf\n"),
        "!pip install -q tensorflow==1.0.1\nfrom legacy2tf2.runtime import rnn_cell\n",
        id="pip install pin",
    ),
    pytest.param(
        _code("%pip install 'tensorflow-gpu==1.0.0' numpy\nimport tensorflow as tf\n"),
        "%pip install 'tensorflow-gpu==1.0.0' numpy\nfrom legacy2tf2.runtime import rnn_cell\n",
        id="%pip install of tensorflow-gpu",
    ),
]


PIP_LIST_OUTPUT = "numpy (1.12.0)\ntensorflow (1.0.1)\ntensorflow-tensorboard (0.1.2)\n"
RECORDED_1_0 += [
    pytest.param(
        _code("!pip list\nimport tensorflow as tf\n", _stdout(PIP_LIST_OUTPUT)),
        "!pip list\nfrom legacy2tf2.runtime import rnn_cell\n",
        id="pip list output before pip 9",
    ),
    pytest.param(
        _code("!pip freeze | grep tensorflow\nimport tensorflow as tf\n")
        | {"outputs": _stdout("tensorflow-gpu==1.0.0\n")},
        "!pip freeze | grep tensorflow\nfrom legacy2tf2.runtime import rnn_cell\n",
        id="pip freeze output",
    ),
    pytest.param(
        _code("!pip3 list\nimport tensorflow as tf\n")
        | {"outputs": _stdout("Package    Version\n---------- -------\ntensorflow 1.0.0\n")},
        "!pip3 list\nfrom legacy2tf2.runtime import rnn_cell\n",
        id="pip list columns",
    ),
]


@pytest.mark.parametrize(("first", "after"), RECORDED_1_0)
def test_a_recorded_tf_1_0_copies_the_repeated_cell(first: dict, after: str) -> None:
    sources, codes = _rewrite(first)
    assert sources == [after, COPIED]
    assert codes == []


def test_agreeing_records_decide_together() -> None:
    pin = _code("!pip install tensorflow==1.0\n")
    shown = _code("import tensorflow as tf\ntf.__version__", _result("'1.0.1'"))
    sources, codes = _rewrite(pin, shown)
    assert sources[2] == COPIED
    assert codes == []


def test_a_recorded_tf_1_2_keeps_the_layers_sharing_without_a_note() -> None:
    first = _code("import tensorflow as tf\ntf.__version__", _result("'1.2.1'"))
    sources, codes = _rewrite(first)
    assert sources == [IMPORTS + "tf.__version__", SHARED]
    assert codes == []


NO_RECORD = [
    pytest.param([_code("import tensorflow as tf\n")], id="nothing recorded"),
    pytest.param(
        [_code("import tensorflow as tf\ntf.__version__", _result("'2.3.0'"))], id="a TF 2 re-run"
    ),
    pytest.param(
        [
            _code("!pip install tensorflow==1.2.1\nimport tensorflow as tf\n"),
            _code("import tensorflow as tf\ntf.__version__", _result("'1.0.0'")),
        ],
        id="conflicting records",
    ),
    pytest.param(
        [
            _code(
                "import numpy as np\nimport tensorflow as tf\nprint(np.__version__)\n",
                _stdout("1.0.0\n"),
            )
        ],
        id="another module's version",
    ),
    pytest.param(
        [_code("import tensorflow as tf\nx = f()\nprint(tf.__version__)\n", _stdout("1.0.0\n"))],
        id="a statement that may print before the version",
    ),
    pytest.param(
        [
            _code(
                "import sys\nimport tensorflow as tf\nprint(sys.version)\nprint(tf.__version__)\n",
                _stdout("2.7.12 (default)\n[GCC 5.4.0]\n1.0.0\n"),
            )
        ],
        id="a print of unknown lines before the version",
    ),
    pytest.param(
        [
            _code(
                'import tensorflow as tf\nprint("TF", tf.__version__)\n',
                _stdout("('TF', '1.0.0')\n"),
                # Python 2 printed the tuple: what it shows is not the print's line
            )
        ],
        id="a printed line other than the print's",
    ),
    pytest.param(
        [
            _code(
                "import tensorflow as tf\nassert check(tf.__version__)\nprint(tf.__version__)\n",
                _stdout("1.0.0\n"),
            )
        ],
        id="an assert calling a function that may print",
    ),
    pytest.param(
        [_code("%tensorflow_version 2.x\nimport tensorflow as tf\n")],
        id="Colab's TF 2",
    ),
    pytest.param(
        [_code("import tensorflow as tf\nx = tf.__version__\nx", _result("'1.0.0'"))],
        id="not the cell's only expression",
    ),
    pytest.param(
        [
            _code("import tensorflow as tf\ntf.__version__", _result("'1.0.0'")),
            _code("import keras as tf\nimport tensorflow as tf\n"),
        ],
        id="tf is also another module",
    ),
    pytest.param(
        [_code("!pip install 'tensorflow>=1.0'\nimport tensorflow as tf\n")],
        id="an unpinned install",
    ),
    pytest.param(
        [_code("!pip uninstall -y tensorflow==1.0.0\nimport tensorflow as tf\n")],
        id="an uninstall line",
    ),
    pytest.param(
        [_code("!pip list\nimport tensorflow as tf\n", _stdout("tensorflow-estimator (1.0.0)\n"))],
        id="pip list of another tensorflow package",
    ),
    pytest.param(
        [_code("!cat versions.txt\nimport tensorflow as tf\n", _stdout("tensorflow==1.0.0\n"))],
        id="a listing not of pip",
    ),
    pytest.param(
        [
            _code("!pip list\n", _stdout("tensorflow (1.0.1)\ntensorflow-gpu (1.2.1)\n")),
            _code("import tensorflow as tf\n"),
        ],
        id="two tensorflow packages of different eras",
    ),
]


@pytest.mark.parametrize("cells", NO_RECORD)
def test_no_unambiguous_record_changes_nothing(cells: list[dict]) -> None:
    sources, codes = _rewrite(*cells)
    assert sources[-1] == SHARED
    assert codes == ["L2T005"]


def test_a_record_contradicting_the_source_tells_no_era() -> None:
    # tf.nn.static_rnn is TF 1.2+; the record says 1.0: the code did not run as recorded
    first = _code("import tensorflow as tf\ntf.__version__", _result("'1.0.0'"))
    extra = _code(
        "out, state = tf.nn.static_rnn(tf.contrib.rnn.GRUCell(4), xs, dtype=tf.float32)\n"
    )
    result = process_notebook(_notebook(first, extra, _code(STACK)), "nb.ipynb", REWRITE)
    (finding,) = [f for f in result.findings if f.code == "L2T005"]
    assert "recorded output tf.__version__ == '1.0.0' (cell 1)" in finding.message


def test_the_record_is_cited_with_its_cell() -> None:
    cells = [
        CellRecord(2, "!pip install tensorflow==0.12.1", "!pip install tensorflow==0.12.1", []),
        CellRecord(4, "import tensorflow as tf\ntf.__version__", "", _result("'0.12.1'")),
    ]
    evidence = recorded_era(cells)
    assert evidence is not None
    assert evidence.eras == {era.PRE_1_0}
    assert era.EraReport(evidence.eras, (evidence,)).describe() == (
        "pip install tensorflow==0.12.1 (cell 2), "
        "recorded output tf.__version__ == '0.12.1' (cell 4)"
    )


@pytest.mark.parametrize(
    ("version", "eras"),
    [
        ("0.12.1", {era.PRE_1_0}),
        ("0.9.0rc0", {era.PRE_1_0}),
        ("1.0.0", {era.V1_0}),
        ("1.0", {era.V1_0}),
        ("1.1.0-rc2", {era.V1_1}),
        ("1.2.1", {era.V1_2_PLUS}),
        ("1.15.5", {era.V1_2_PLUS}),
        ("2.3.0", None),
        ("unknown", None),
    ],
)
def test_eras_of_a_version(version: str, eras: set[str] | None) -> None:
    assert era.eras_of_version(version) == (None if eras is None else frozenset(eras))


def test_a_plain_file_is_unaffected_after_a_notebook() -> None:
    first = _code("import tensorflow as tf\ntf.__version__", _result("'1.0.0'"))
    process_notebook(_notebook(first, _code(STACK)), "nb.ipynb", REWRITE)
    result = engine.rewrite_source(("import tensorflow as tf\n" + STACK).encode(), "model.py")
    assert b'repeated_cells="copy"' not in result.source
    assert [f.code for f in result.findings] == ["L2T005"]


@pytest.mark.parametrize(
    ("kernel", "shown"),
    [("python3", "print(tf.__version__)"), ("python2", "print tf.__version__")],
)
def test_full_follows_the_record(kernel: str, shown: str) -> None:
    pytest.importorskip("tensorflow")
    first = _code(f"import tensorflow as tf\n{shown}\n", _stdout("1.0.0\n"))
    data = _notebook(first, _code(STACK), kernel=kernel)
    result = process_notebook(data, "nb.ipynb", FULL)
    sources = ["".join(c["source"]) for c in json.loads(result.source)["cells"]]
    assert 'repeated_cells="copy"' in sources[1]
    assert "L2T005" not in [f.code for f in result.findings]


WEAK = """\
from tensorflow.python.ops import rnn_cell

single_cell = rnn_cell.GRUCell(4)
stack = rnn_cell.MultiRNNCell([single_cell] * 2)
init = tf.initialize_all_variables()
"""


@pytest.mark.parametrize(
    ("version", "keyword"),
    [
        pytest.param("0.12.1", ', repeated_cells="copy"', id="TF 0.12: copied without a note"),
        pytest.param("1.2.1", "", id="TF 1.2: the weak TF 0.x evidence does not copy"),
    ],
)
def test_a_record_outweighs_weak_evidence(version: str, keyword: str) -> None:
    first = _code("import tensorflow as tf\ntf.__version__", _result(repr(version)))
    result = process_notebook(_notebook(first, _code(WEAK)), "nb.ipynb", REWRITE)
    model = "".join(json.loads(result.source)["cells"][1]["source"])
    assert f"stack = rnn_cell.MultiRNNCell([single_cell] * 2{keyword})\n" in model
    assert "from legacy2tf2.runtime import rnn_cell\n" in model
    assert [f.code for f in result.findings] == []


def test_without_a_record_weak_evidence_copies_with_a_note() -> None:
    first = _code("import tensorflow as tf\n")
    result = process_notebook(_notebook(first, _code(WEAK)), "nb.ipynb", REWRITE)
    model = "".join(json.loads(result.source)["cells"][1]["source"])
    assert 'repeated_cells="copy"' in model
    assert [f.code for f in result.findings] == ["L2T005"]


def test_a_module_the_notebook_writes_follows_the_record() -> None:
    first = _code("import tensorflow as tf\ntf.__version__", _result("'1.0.0'"))
    module = _code("%%writefile model.py\nimport tensorflow as tf\n" + STACK)
    result = process_notebook(_notebook(first, module), "nb.ipynb", REWRITE)
    written = "".join(json.loads(result.source)["cells"][1]["source"])
    assert written == "%%writefile model.py\nfrom legacy2tf2.runtime import rnn_cell\n" + COPIED
    assert [f.code for f in result.findings] == []


@pytest.mark.parametrize(
    ("code", "printed", "shown"),
    [
        pytest.param(
            "import tensorflow as tf\nprint 'TF', tf.__version__\nprint 'ready'\n",
            "TF 0.12.1\nready\n",
            "0.12.1",
            id="Python 2 print statements",
        ),
        pytest.param(
            "%matplotlib inline\n%config InlineBackend.figure_format = 'retina'\n"
            "import tensorflow as tf\nprint(tf.__version__)\n",
            "1.2.1\n",
            "1.2.1",
            id="after IPython lines that print nothing",
        ),
        pytest.param(
            "%matplotlib\nimport tensorflow as tf\nprint(tf.__version__)\n",
            "Using matplotlib backend: TkAgg\n1.2.1\n",
            None,
            id="after an IPython line that prints",
        ),
        pytest.param(
            "import tensorflow as tf\nprint 'TF', tf.__version__,\n",
            "TF 0.12.1",
            None,
            id="Python 2 print with a trailing comma",
        ),
        pytest.param(
            "%tensorflow_version 1.x\nimport tensorflow as tf\nprint(tf.__version__)\n"
            "!pip install -U efficientnet==0.0.4\n",
            "TensorFlow 1.x selected.\n1.15.2\nRequirement already up-to-date\n",
            "1.15.2",
            id="after Colab's version line",
        ),
    ],
)
def test_a_printed_line_is_read_where_it_can_be_told(
    code: str, printed: str, shown: str | None
) -> None:
    masked = magics.mask(code)
    assert masked is not None
    evidence = recorded_era([CellRecord(3, masked[0], code, _stdout(printed))])
    if shown is None:
        assert evidence is None
        return
    assert evidence is not None
    assert f"recorded output tf.__version__ == {shown!r} (cell 3)" in evidence.what
    assert evidence.release == era.release_of_version(shown)


def test_colab_line_that_changed_nothing_tells_no_era() -> None:
    code = "%tensorflow_version 1.x\nimport tensorflow as tf\n"
    masked = magics.mask(code)
    assert masked is not None
    said = "TensorFlow is already loaded. Please restart the runtime to change versions.\n"
    assert recorded_era([CellRecord(1, masked[0], code, _stdout(said))]) is None


def test_a_result_after_quiet_lines_is_read() -> None:
    code = '%matplotlib inline\n"""Versions."""\nimport tensorflow as tf\ntf.__version__'
    masked = magics.mask(code)
    assert masked is not None
    evidence = recorded_era([CellRecord(2, masked[0], code, _result("'1.0.1'"))])
    assert evidence is not None
    assert (evidence.eras, evidence.what) == (
        {era.V1_0},
        "recorded output tf.__version__ == '1.0.1' (cell 2)",
    )


def test_colab_tf_1_is_the_1_2_plus_era() -> None:
    code = "%tensorflow_version 1.x\nimport tensorflow as tf\n"
    sources, codes = _rewrite(_code(code))
    assert sources == [
        "%tensorflow_version 1.x\nfrom legacy2tf2.runtime import rnn_cell\n",
        SHARED,
    ]
    assert codes == []
    masked = magics.mask(code)
    assert masked is not None
    evidence = recorded_era([CellRecord(1, masked[0], code, [])])
    assert evidence is not None
    assert (evidence.eras, evidence.what, evidence.release) == (
        {era.V1_2_PLUS},
        "%tensorflow_version 1.x (cell 1)",
        None,
    )


TF0_WARNING = (
    "WARNING:tensorflow:<tensorflow.python.ops.rnn_cell.BasicLSTMCell object at 0x110944890>: "
    "Using a concatenated state is slower and will soon be deprecated.  Use state_is_tuple=True.\n"
)
TF0_STACK = (
    "import tensorflow as tf\ncell = tf.nn.rnn_cell.GRUCell(4)\n"
    "stack = tf.nn.rnn_cell.MultiRNNCell([cell] * 2)\n"
)


def test_a_tf0_cell_repr_in_an_output_decides_the_era() -> None:
    shown = _code("print(tf.nn.rnn_cell.BasicLSTMCell(4, state_is_tuple=False))\n")
    shown["outputs"] = _stderr(TF0_WARNING)
    result = process_notebook(_notebook(_code(TF0_STACK), shown), "nb.ipynb", REWRITE)
    first = "".join(json.loads(result.source)["cells"][0]["source"])
    assert 'stack = rnn_cell.MultiRNNCell([cell] * 2, repeated_cells="copy")\n' in first
    assert "L2T005" not in [f.code for f in result.findings]


@pytest.mark.parametrize(
    ("texts", "eras"),
    [
        pytest.param([_stderr(TF0_WARNING)], {era.PRE_1_0}, id="TF 0.x: python.ops.rnn_cell"),
        pytest.param(
            [
                [
                    {
                        "ename": "ValueError",
                        "evalue": "Attempt to reuse RNNCell <tensorflow.contrib.rnn.python.ops."
                        "core_rnn_cell_impl.BasicLSTMCell object at 0x1143ebfd0> with a "
                        "different variable scope than its first use.",
                        "output_type": "error",
                        "traceback": [],
                    }
                ]
            ],
            {era.V1_0, era.V1_1},
            id="TF 1.0-1.1: core_rnn_cell_impl, in an error",
        ),
        pytest.param(
            [
                _result("<tensorflow.python.ops.rnn_cell_impl.LSTMCell object at 0x7f53981>"),
                _result("'1.4.0'"),
            ],
            {era.V1_2_PLUS},
            id="TF 1.2+: rnn_cell_impl, agreeing with the version",
        ),
        pytest.param(
            [
                _stdout(
                    "<tensorflow.contrib.rnn.python.ops.core_rnn_cell_impl.GRUCell object at 0xa1>\n"
                ),
                _result("'1.0.1'"),
            ],
            {era.V1_0},
            id="1.0-1.1 and 1.0.1: 1.0",
        ),
        pytest.param([_stderr(TF0_WARNING), _result("'1.2.1'")], None, id="disagreeing"),
        pytest.param(
            [_stdout("<tensorflow.python.ops.rnn_cell_impl.RNNCell object at 0x1>\n")],
            None,
            id="not a concrete TF cell",
        ),
    ],
)
def test_cell_reprs_are_records(texts: list[list], eras: set[str] | None) -> None:
    code = "import tensorflow as tf\ntf.__version__"
    cells = [CellRecord(n + 1, code, code, outputs) for n, outputs in enumerate(texts)]
    evidence = recorded_era(cells)
    assert (evidence.eras if evidence is not None else None) == eras
