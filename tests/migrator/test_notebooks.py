"""Notebooks: IPython lines masked and restored, the code cells one program, layout kept."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from legacy2tf2.migrator import files, magics, runner
from legacy2tf2.migrator.notebooks import process_notebook
from legacy2tf2.migrator.steps import CHECK, FULL, REWRITE

CELL_WITH_MAGICS = """\
%matplotlib inline
!pip install -q tqdm
files = !ls data
import tensorflow as tf
if True:
    %time x = 1
print("step %d loss %.3f"
      % (1, 0.5))
total = (7
%2)
doc = '''
%not a magic inside a string
'''
tf.placeholder?
??tf.nn
y = 1 + \\
    2
"""


def test_mask_replaces_only_ipython_lines_and_compiles() -> None:
    masked, table = magics.mask(CELL_WITH_MAGICS)  # type: ignore[misc]
    compile(masked, "<cell>", "exec")
    masked_lines = masked.splitlines()
    original_lines = CELL_WITH_MAGICS.splitlines()
    assert len(masked_lines) == len(original_lines)
    changed = [o for m, o in zip(masked_lines, original_lines, strict=True) if m != o]
    assert changed == [
        "%matplotlib inline",
        "!pip install -q tqdm",
        "files = !ls data",
        "    %time x = 1",
        "tf.placeholder?",
        "??tf.nn",
    ]
    whole = sorted(line.strip() for line in changed if not line.strip().startswith("%time "))
    assert sorted(v for v in table.values() if v != "%time ") == whole
    assert "    x = 1  # _legacy2tf2_ipython_" in masked  # the timed statement stays Python
    assert magics.unmask(masked, table) == CELL_WITH_MAGICS


@pytest.mark.parametrize(
    ("line", "statement"),
    [
        pytest.param("%time y = f(x)  # slow", "y = f(x)  # slow", id="time"),
        pytest.param("%timeit for i in x: f(i)", "for i in x: f(i)", id="timeit one-liner"),
        pytest.param("%timeit -n 3 f(x)", "f(x)", id="timeit options"),
        pytest.param("%timeit -n3 -r 2 -qo y = f(x)", "y = f(x)", id="timeit options joined"),
        pytest.param("%prun -s cumulative -q f(x)", "f(x)", id="prun options"),
        pytest.param("%timeit -x 3 f(x)", None, id="unknown option: whole line masked"),
        pytest.param("%timeit -n", None, id="option value missing"),
        pytest.param("%timeit -n 3", None, id="options, no statement"),
        pytest.param("%time -n 3 f(x)", None, id="time takes no options"),
        pytest.param("%debug --breakpoint m.py:3 f(x)", None, id="debug options: masked"),
        pytest.param("%time f(a,", None, id="not one statement: whole line masked"),
        pytest.param("%time", None, id="no statement"),
    ],
)
def test_line_magics_running_a_statement_keep_it_python(line: str, statement: str | None) -> None:
    masked, table = magics.mask(line + "\n")  # type: ignore[misc]
    compile(masked, "<cell>", "exec")
    if statement is None:
        assert list(table.values()) == [line]
    else:
        assert masked.startswith(statement + "  # _legacy2tf2_ipython_")
    rewritten = masked.replace("f(", "g(")  # what a rewrite of the statement would do
    expected = line if statement is None else line.replace("f(", "g(")
    assert magics.unmask(rewritten, table) == expected + "\n"


def test_unmask_survives_lines_added_above() -> None:
    masked, table = magics.mask("%load_ext autoreload\nimport os\n")  # type: ignore[misc]
    moved = "import sys\n" + masked
    assert magics.unmask(moved, table) == "import sys\n%load_ext autoreload\nimport os\n"


def test_unmask_reports_a_lost_placeholder() -> None:
    masked, table = magics.mask("%env A=1\nx = 1\n")  # type: ignore[misc]
    assert magics.unmask("x = 1\n", table) is None
    assert magics.unmask(masked, table) == "%env A=1\nx = 1\n"


@pytest.mark.parametrize(
    ("cell", "python"),
    [
        pytest.param("%%bash\necho tf.contrib\n", False, id="shell cell magic"),
        pytest.param("%%writefile seq2seq.py\nimport tensorflow as tf\n", False, id="writefile"),
        pytest.param("%%time\nimport tensorflow as tf\n", True, id="time body is python"),
    ],
)
def test_cell_magics(cell: str, python: bool) -> None:
    result = magics.mask(cell)
    assert (result is not None) is python
    if result is not None:
        compile(result[0], "<cell>", "exec")
        assert result[0].splitlines()[1:] == cell.splitlines()[1:]


LEGACY_CELL = [
    "%matplotlib inline\n",
    "import tensorflow as tf\n",
    "!nvidia-smi\n",
    "enc = [tf.placeholder(tf.int32, [None]) for _ in range(5)]\n",
    "dec = [tf.placeholder(tf.int32, [None]) for _ in range(5)]\n",
    "cell = tf.contrib.rnn.GRUCell(64)\n",
    "outputs, state = tf.contrib.legacy_seq2seq.embedding_rnn_seq2seq(\n",
    "    enc, dec, cell, 100, 100, 32)\n",
    'print("decoded %d steps"\n',
    "      % len(outputs))",
]
PLAIN_CELL = ["# caf\u00e9 \u2014 plain cell\n", "x = 1"]
OUTPUT = {
    "name": "stderr",
    "output_type": "stream",
    "text": ["Traceback: seq2seq.py line 3 in tf.contrib.legacy_seq2seq.rnn_decoder\n"],
}


def _notebook(cells: list[dict], **dump: object) -> bytes:
    nb = {
        "cells": cells,
        "metadata": {
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}
        },
        "nbformat": 4,
        "nbformat_minor": 2,
    }
    return (json.dumps(nb, **dump) + "\n").encode("utf-8")  # type: ignore[arg-type]


def _code(source: list[str], outputs: list | None = None) -> dict:
    return {
        "cell_type": "code",
        "execution_count": 3,
        "metadata": {},
        "outputs": outputs or [],
        "source": source,
    }


@pytest.mark.parametrize(
    "dump",
    [
        pytest.param({"indent": 1, "sort_keys": True, "ensure_ascii": False}, id="nbformat style"),
        pytest.param({"indent": 2, "ensure_ascii": True}, id="indent 2 ascii"),
    ],
)
def test_round_trip_only_changed_source_differs(dump: dict) -> None:
    cells = [
        {"cell_type": "markdown", "metadata": {}, "source": ["Uses `tf.contrib.legacy_seq2seq`."]},
        _code(LEGACY_CELL, [OUTPUT]),
        _code(PLAIN_CELL),
    ]
    data = _notebook(cells, **dump)
    result = process_notebook(data, "nb.ipynb", REWRITE)
    assert result.changed
    before, after = json.loads(data), json.loads(result.source)
    new_source = after["cells"][1].pop("source")
    before["cells"][1].pop("source")
    assert after == before  # everything but that one source, outputs included
    text, new_text = data.decode(), result.source.decode()
    start = text.index('"source"', text.index("nvidia") - 400)
    end = text.index("]", text.index("len(outputs)")) + 1
    prefix, suffix = text[:start], text[end:]
    assert new_text.startswith(prefix) and new_text.endswith(suffix)
    joined = "".join(new_source)
    assert "legacy2tf2.runtime" in joined
    assert "tf.contrib" not in joined
    for kept in ("%matplotlib inline\n", "!nvidia-smi\n", "      % len(outputs))"):
        assert kept in new_source
    again = process_notebook(result.source, "nb.ipynb", REWRITE)
    assert not again.changed and again.source == result.source


def test_unchanged_notebook_is_returned_as_is() -> None:
    data = _notebook([_code(PLAIN_CELL, [OUTPUT])], indent=1)
    result = process_notebook(data, "nb.ipynb", REWRITE)
    assert (result.changed, result.source, result.findings) == (False, data, [])


def test_check_reports_cell_numbers() -> None:
    data = _notebook([_code(PLAIN_CELL), _code(LEGACY_CELL)], indent=1)
    findings = process_notebook(data, "nb.ipynb", CHECK).findings
    assert findings
    assert all(f.path == "nb.ipynb" and f.message.startswith("cell 2: ") for f in findings)


def test_unparseable_cell_reported_other_cells_rewritten() -> None:
    py2 = ["import tensorflow as tf\n", 'print "loss", tf.contrib.legacy_seq2seq\n']
    data = _notebook([_code(py2), _code(LEGACY_CELL)], indent=1)
    result = process_notebook(data, "nb.ipynb", REWRITE)
    assert result.changed
    cells = json.loads(result.source)["cells"]
    assert cells[0]["source"] == py2
    assert [(f.code, f.line) for f in result.findings if f.code == "L2T000"] == [("L2T000", 2)]
    assert any(f.message.startswith("cell 1: cannot parse (") for f in result.findings)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        pytest.param(
            b'{"cells": [', "cannot parse notebook (Expecting value)", id="truncated json"
        ),
        pytest.param(b"\xff\xfe{}", "cannot parse notebook (not UTF-8", id="not utf-8"),
        pytest.param(
            b'{"worksheets": []}', "cannot parse notebook (no nbformat 4", id="nbformat 3"
        ),
    ],
)
def test_broken_notebook_is_a_finding(data: bytes, message: str) -> None:
    result = process_notebook(data, "nb.ipynb", REWRITE)
    assert not result.changed and result.source == data
    (finding,) = result.findings
    assert finding.code == "L2T000" and finding.message.startswith(message)


def test_non_python_kernel_left_alone() -> None:
    nb = json.loads(_notebook([_code(LEGACY_CELL)]))
    nb["metadata"]["kernelspec"]["language"] = "R"
    data = json.dumps(nb).encode()
    assert process_notebook(data, "nb.ipynb", REWRITE).source == data


def test_source_given_as_one_string_stays_one_string() -> None:
    cell = _code(LEGACY_CELL)
    cell["source"] = "".join(LEGACY_CELL)
    data = _notebook([cell], indent=1)
    result = process_notebook(data, "nb.ipynb", REWRITE)
    assert result.changed
    source = json.loads(result.source)["cells"][0]["source"]
    assert isinstance(source, str) and "legacy2tf2.runtime" in source
    assert source.startswith("%matplotlib inline\n") or "\n%matplotlib inline\n" in source


# -- the code cells are one program --------------------------------------------------------------


def _cells_notebook(*cells: str | dict) -> bytes:
    """A notebook of code cells (strings) and any other cell (dicts), nbformat's own layout."""
    built = [c if isinstance(c, dict) else _code(c.splitlines(keepends=True)) for c in cells]
    return _notebook(built, indent=1, sort_keys=True, ensure_ascii=False)


def _sources(data: bytes) -> list[str]:
    return ["".join(cell["source"]) for cell in json.loads(data)["cells"]]


def _findings(data: bytes, write: bool) -> list[tuple[int, int, str, str]]:
    found = process_notebook(data, "nb.ipynb", REWRITE if write else CHECK).findings
    return [(f.line, f.col, f.code, f.message.split(" ", 2)[1].rstrip(":")) for f in found]


MARKDOWN = {"cell_type": "markdown", "metadata": {}, "source": ["## Model"]}
BASH = _code(["%%bash\n", "echo tf.contrib.rnn\n"])

PROGRAM_PAIRS = [
    pytest.param(
        ["import tensorflow as tf", "out, st = tf.contrib.legacy_seq2seq.rnn_decoder(d, s, c)"],
        [
            "from legacy2tf2.runtime import legacy_seq2seq",
            "out, st = legacy_seq2seq.rnn_decoder(d, s, c)",
        ],
        id="contrib call in a later cell",
    ),
    pytest.param(
        ["import tensorflow as tf\n", "cell = tf.contrib.rnn.GRUCell(8)\n"],
        ["from legacy2tf2.runtime import rnn_cell\n", "cell = rnn_cell.GRUCell(8)\n"],
        id="contrib cell in a later cell",
    ),
    pytest.param(
        ["import tensorflow as tf\ncell = tf.contrib.rnn.GRUCell(8)", "x = tf.constant(1)"],
        [
            "import tensorflow as tf\nfrom legacy2tf2.runtime import rnn_cell\n"
            "cell = rnn_cell.GRUCell(8)",
            "x = tf.constant(1)",
        ],
        id="import kept while a later cell reads it",
    ),
    pytest.param(
        [
            "from tensorflow.contrib import legacy_seq2seq as s\nimport numpy as np",
            MARKDOWN,
            "%matplotlib inline\n!nvidia-smi\nx = np.zeros([2])",
            BASH,
            "out, st = s.embedding_rnn_seq2seq(e, d, c, 5, 5, 4)\nloss = s.sequence_loss(o, t, w)",
        ],
        [
            "from legacy2tf2.runtime import legacy_seq2seq as s\nimport numpy as np",
            "## Model",
            "%matplotlib inline\n!nvidia-smi\nx = np.zeros([2])",
            "%%bash\necho tf.contrib.rnn\n",
            "out, st = s.embedding_rnn_seq2seq(e, d, c, 5, 5, 4)\nloss = s.sequence_loss(o, t, w)",
        ],
        id="alias from cell 1 used in cell 5, magics and other cells between",
    ),
    pytest.param(
        ["import tensorflow as tf", "import numpy as np\n", "cell = tf.contrib.rnn.GRUCell(8)\n"],
        [
            "from legacy2tf2.runtime import rnn_cell",
            "import numpy as np\n",
            "cell = rnn_cell.GRUCell(8)\n",
        ],
        id="added import goes to the cell of the first import",
    ),
    pytest.param(
        [
            "import tensorflow as tf",
            "from tensorflow.contrib import rnn",
            "c = rnn.GRUCell(3)\ny = tf.ones([1])",
        ],
        [
            "import tensorflow as tf",
            "from legacy2tf2.runtime import rnn_cell as rnn",
            "c = rnn.GRUCell(3)\ny = tf.ones([1])",
        ],
        id="import cell rewritten in place",
    ),
    pytest.param(
        [
            "import tensorflow as tf\ncell = tf.contrib.rnn.GRUCell(8)",
            'print "step", tf.global_step',
        ],
        [
            "import tensorflow as tf\nfrom legacy2tf2.runtime import rnn_cell\n"
            "cell = rnn_cell.GRUCell(8)",
            'print "step", tf.global_step',
        ],
        id="import kept while an unparseable cell reads it",
    ),
    pytest.param(
        [
            "import tensorflow as tf",
            "seq2seq = tf.contrib.legacy_seq2seq\nrnn_cell = 3",
            "def model(a, b):\n    return seq2seq.rnn_decoder(a, b, tf.nn.rnn_cell.GRUCell(4))",
        ],
        [
            "from legacy2tf2.runtime import legacy_seq2seq\n"
            "from legacy2tf2.runtime import rnn_cell as l2t_rnn_cell",
            "seq2seq = legacy_seq2seq\nrnn_cell = 3",
            "def model(a, b):\n    return seq2seq.rnn_decoder(a, b, l2t_rnn_cell.GRUCell(4))",
        ],
        id="module alias assigned in cell 2, a name taken in cell 2 not reused",
    ),
    pytest.param(
        [
            "import tensorflow as tf\ncell = tf.contrib.rnn.GRUCell(8)",
            "!echo {tf.__version__}",
            "%time out = tf.contrib.legacy_seq2seq.rnn_decoder(d, s, cell)",
        ],
        [
            "import tensorflow as tf\nfrom legacy2tf2.runtime import rnn_cell\n"
            "from legacy2tf2.runtime import legacy_seq2seq\ncell = rnn_cell.GRUCell(8)",
            "!echo {tf.__version__}",
            "%time out = legacy_seq2seq.rnn_decoder(d, s, cell)",
        ],
        id="statement after %time rewritten, import kept for a shell line",
    ),
    pytest.param(
        [
            "import tensorflow as tf",
            "x = tf.ones([1])",
            "# for old code\ntf.nn.seq2seq = tf.contrib.legacy_seq2seq",
            "out = tf.nn.seq2seq.rnn_decoder(d, s, c)",
        ],
        [
            "import tensorflow as tf\nfrom legacy2tf2.runtime import legacy_seq2seq",
            "x = tf.ones([1])",
            "",
            "out = legacy_seq2seq.rnn_decoder(d, s, c)",
        ],
        id="a dead monkeypatch opening a cell goes, with its comment, not the boundary",
    ),
]


@pytest.mark.parametrize(("before", "after"), PROGRAM_PAIRS)
def test_cells_rewritten_as_one_program(before: list, after: list[str]) -> None:
    data = _cells_notebook(*before)
    result = process_notebook(data, "nb.ipynb", REWRITE)
    assert result.changed
    assert _sources(result.source) == after
    again = process_notebook(result.source, "nb.ipynb", REWRITE)
    assert (again.changed, again.source) == (False, result.source)


def test_check_sees_contrib_in_a_later_cell() -> None:
    data = _cells_notebook(
        "import tensorflow as tf",
        MARKDOWN,
        "x = 1\ncell = tf.contrib.rnn.GRUCell(8)",
        "%timeit tf.contrib.rnn.LSTMCell(2)",
        "%timeit -n 1 -r 1 tf.contrib.rnn.LSTMCell(2)",
    )
    assert _findings(data, write=False) == [
        (2, 8, "L2T002", "3"),
        (1, 9, "L2T002", "4"),
        (1, 19, "L2T002", "5"),
    ]
    assert _findings(data, write=True) == []


def test_every_unparseable_cell_is_reported_even_without_tensorflow_in_it() -> None:
    data = _cells_notebook(
        "import tensorflow as tf", "print 'hello'", "c = tf.contrib.rnn.GRUCell(8)", "exec 'x'"
    )
    for write in (False, True):
        assert _findings(data, write) == [
            (1, 1, "L2T000", "2"),
            *([] if write else [(1, 5, "L2T002", "3")]),
            (1, 1, "L2T000", "4"),
        ]
    messages = [f.message for f in process_notebook(data, "nb.ipynb", CHECK).findings]
    assert messages[0].startswith("cell 2: cannot parse (SyntaxError: Missing parentheses")


def test_notebook_without_tensorflow_code_is_left_alone() -> None:
    cells = [MARKDOWN | {"source": ["tf.contrib.legacy_seq2seq"]}, "print 'py2'", "x = 1"]
    data = _cells_notebook(*cells)
    for write in (False, True):
        result = process_notebook(data, "nb.ipynb", REWRITE if write else CHECK)
        assert (result.changed, result.source, result.findings) == (False, data, [])


def test_a_moved_cell_boundary_leaves_the_notebook_untouched(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from legacy2tf2.migrator import engine

    real = engine.rewrite_source

    def merge_cells(source: bytes, path: str = "-") -> engine.RewriteResult:
        result = real(source, path)
        lines = result.source.splitlines(keepends=True)
        merged = b"".join(line for line in lines if b"_cell_boundary_" not in line)
        return engine.RewriteResult(merged, result.findings, True)

    monkeypatch.setattr(engine, "rewrite_source", merge_cells)
    data = _cells_notebook("import tensorflow as tf", "x = 1", "c = tf.contrib.rnn.GRUCell(8)")
    result = process_notebook(data, "nb.ipynb", REWRITE)
    assert (result.changed, result.source) == (False, data)
    assert [(f.code, f.message) for f in result.findings] == [
        ("L2T003", "cell 1: cannot rewrite safely (a cell boundary moved), notebook left untouched")
    ]


def test_only_changed_sources_differ_byte_for_byte() -> None:
    plain = {**_code(PLAIN_CELL, [OUTPUT]), "source": "x = 1\n"}
    data = _cells_notebook("import tensorflow as tf\n", plain, "c = tf.contrib.rnn.GRUCell(8)\n")
    result = process_notebook(data, "nb.ipynb", REWRITE)
    expected = (
        data.decode()
        .replace('"import tensorflow as tf\\n"', '"from legacy2tf2.runtime import rnn_cell\\n"')
        .replace('"c = tf.contrib.rnn.GRUCell(8)\\n"', '"c = rnn_cell.GRUCell(8)\\n"')
    )
    assert result.source.decode() == expected


# -- cells writing a Python module (%%writefile model.py) ---------------------------------------

WRITTEN_MODULE = (
    "%%writefile seq_model.py\n"
    "import tensorflow as tf\n"
    "\n"
    "def make_cell(n):\n"
    "    return tf.contrib.rnn.GRUCell(n)\n"
)


def test_a_cell_writing_a_module_is_migrated_as_a_program_of_its_own() -> None:
    data = _cells_notebook(
        "import tensorflow as tf\nx = tf.constant(1)",
        WRITTEN_MODULE,
        "import seq_model\ncell = seq_model.make_cell(8)",
    )
    result = process_notebook(data, "nb.ipynb", REWRITE)
    assert _sources(result.source) == [
        "import tensorflow as tf\nx = tf.constant(1)",
        "%%writefile seq_model.py\n"
        "from legacy2tf2.runtime import rnn_cell\n"
        "\n"
        "def make_cell(n):\n"
        "    return rnn_cell.GRUCell(n)\n",
        "import seq_model\ncell = seq_model.make_cell(8)",
    ]
    again = process_notebook(result.source, "nb.ipynb", REWRITE)
    assert (again.changed, again.source) == (False, result.source)


def test_check_reports_contrib_in_a_written_module_at_its_cell_line() -> None:
    data = _cells_notebook("x = 1", MARKDOWN, WRITTEN_MODULE.replace("writefile", "file"))
    assert _findings(data, write=False) == [(5, 12, "L2T002", "3")]


def test_cells_appending_to_a_module_are_one_program_with_the_cell_that_started_it() -> None:
    data = _cells_notebook(
        "%%writefile -a seq_model.py\nimport numpy as np\n",  # appends to a file made elsewhere
        "%%writefile seq_model.py\nimport tensorflow as tf\n",
        "y = 2",
        "%%writefile --append seq_model.py\ncell = tf.contrib.rnn.GRUCell(4)\n",
        "%%writefile other.py\nimport tensorflow as tf\n",
    )
    assert _sources(process_notebook(data, "nb.ipynb", REWRITE).source) == [
        "%%writefile -a seq_model.py\nimport numpy as np\n",
        "%%writefile seq_model.py\nfrom legacy2tf2.runtime import rnn_cell\n",
        "y = 2",
        "%%writefile --append seq_model.py\ncell = rnn_cell.GRUCell(4)\n",
        "%%writefile other.py\nimport tensorflow as tf\n",
    ]


@pytest.mark.parametrize(
    "cell",
    [
        "%%writefile notes.txt\ntf.contrib.rnn.GRUCell(4)\n",  # not a Python file
        "%%writefile run.sh\npython -c 'import tensorflow as tf; tf.contrib.rnn'\n",
        "%%writefile\ncell = tf.contrib.rnn.GRUCell(4)\n",  # no file name: IPython refuses it
    ],
)
def test_cells_writing_other_files_are_left_alone(cell: str) -> None:
    data = _cells_notebook("import numpy as np", cell)
    for step in (REWRITE, CHECK):
        result = process_notebook(data, "nb.ipynb", step)
        assert (result.changed, result.source, result.findings) == (False, data, [])


def test_a_written_module_python_3_cannot_parse_is_reported_at_its_line() -> None:
    module = "import tensorflow as tf\nprint 'x'\ncell = tf.contrib.rnn.GRUCell(4)\n"
    data = _cells_notebook("%%writefile old.py\n" + module)
    for write in (False, True):
        assert _findings(data, write) == [(3, 1, "L2T000", "1")]


# -- a notebook of a Python 2 kernel is Python 2 code ---------------------------------------------

PYTHON2_BODY = (
    "import tensorflow as tf\n"
    "pairs = zip(words, tags)\n"
    "head = words[: len(words) / 2]\n"
    "first = vocab.items()[0]\n"
    "cell = tf.contrib.rnn.GRUCell(4)\n"
)


def _kernel_notebook(metadata: dict) -> bytes:
    nb = {"cells": [_code(PYTHON2_BODY.splitlines(keepends=True))], "metadata": metadata}
    return (json.dumps({**nb, "nbformat": 4, "nbformat_minor": 2}, indent=1) + "\n").encode()


@pytest.mark.parametrize(
    "metadata",
    [
        {"kernelspec": {"display_name": "Python 2", "language": "python", "name": "python2"}},
        {"language_info": {"name": "python", "version": "2.7.12"}},
        {"language_info": {"name": "python", "pygments_lexer": "ipython2"}},
    ],
)
def test_full_fixes_python2_lists_and_divisions_of_a_python2_kernel_notebook(
    metadata: dict,
) -> None:
    result = process_notebook(_kernel_notebook(metadata), "nb.ipynb", FULL)
    assert _sources(result.source) == [
        "from legacy2tf2.runtime import rnn_cell\n"
        "pairs = list(zip(words, tags))\n"
        "head = words[: len(words) // 2]\n"
        "first = list(vocab.items())[0]\n"
        "cell = rnn_cell.GRUCell(4)\n"
    ]


@pytest.mark.parametrize(
    "metadata",
    [
        {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}},
        # the version the notebook last ran with wins over a kernel's name
        {"kernelspec": {"name": "python2"}, "language_info": {"version": "3.6.1"}},
    ],
)
def test_full_leaves_python3_notebooks_lists_and_divisions_alone(metadata: dict) -> None:
    result = process_notebook(_kernel_notebook(metadata), "nb.ipynb", FULL)
    assert _sources(result.source) == [
        "from legacy2tf2.runtime import rnn_cell\n"
        "pairs = zip(words, tags)\n"
        "head = words[: len(words) / 2]\n"
        "first = vocab.items()[0]\n"
        "cell = rnn_cell.GRUCell(4)\n"
    ]


def test_parallel_workers_rewrite_notebooks_as_one_program(tmp_path: Path) -> None:
    data = _cells_notebook("import tensorflow as tf", "x = 1", "c = tf.contrib.rnn.GRUCell(8)")
    for i in range(runner.PARALLEL_MIN_FILES):
        (tmp_path / f"n{i}.ipynb").write_bytes(data)
    found = files.discover([str(tmp_path)]).files
    outcomes = runner.run(found, REWRITE, jobs=2)
    expected = process_notebook(data, "nb.ipynb", REWRITE).source
    assert [(o.changed, o.new, o.old) for o in outcomes] == [(True, expected, data)] * len(found)


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    root = Path(__file__).resolve().parents[2]
    path = os.pathsep.join(filter(None, [str(root), os.environ.get("PYTHONPATH")]))
    return subprocess.run(
        [sys.executable, "-m", "legacy2tf2", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": path},
    )


@pytest.mark.heavy
def test_check_exit_codes_through_the_cli(tmp_path: Path) -> None:
    legacy = _cells_notebook("import tensorflow as tf", "c = tf.contrib.rnn.GRUCell(8)")
    (tmp_path / "legacy.ipynb").write_bytes(legacy)
    py2 = _cells_notebook("import tensorflow as tf", "print tf.__version__", LEGACY_CELL[5])
    (tmp_path / "py2.ipynb").write_bytes(py2)
    gate = _cli("check", "legacy.ipynb", cwd=tmp_path)
    assert gate.returncode == 1
    assert gate.stdout.startswith("legacy.ipynb:1:5: L2T002 cell 2: `tf.contrib.rnn.GRUCell`")
    partly = _cli("rewrite", "py2.ipynb", cwd=tmp_path)
    assert partly.returncode == 1
    assert "cell = rnn_cell.GRUCell(64)\n" in _sources((tmp_path / "py2.ipynb").read_bytes())
    unverified = _cli("check", "py2.ipynb", cwd=tmp_path)
    assert unverified.returncode == 1
    (line,) = unverified.stdout.splitlines()
    assert line.startswith("py2.ipynb:1:1: L2T000 cell 2: cannot parse (SyntaxError")
    done = _cli("rewrite", "legacy.ipynb", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert _sources((tmp_path / "legacy.ipynb").read_bytes()) == [
        "from legacy2tf2.runtime import rnn_cell",
        "c = rnn_cell.GRUCell(8)",
    ]
    passed = _cli("check", "legacy.ipynb", cwd=tmp_path)
    assert (passed.returncode, passed.stdout) == (0, ""), passed.stderr


@pytest.mark.parametrize(
    ("later", "kept"),
    [
        ("print('done')\n", False),
        ("old = LooseVersion(np.__version__) < LooseVersion('1.17')\n", True),
        ("print LooseVersion(np.__version__)\n", True),  # Python 2, repaired
        ("ok = LooseVersion(np.__version__) >>> 1\n", True),  # a cell nobody can parse
    ],
)
def test_full_keeps_a_version_helper_import_a_later_cell_reads(later: str, kept: bool) -> None:
    """The import that only a removed TF release assertion read goes (Python 3.12 has no
    distutils); one that any other cell reads stays."""
    cells = [
        _code(["import tensorflow as tf\n", "from distutils.version import LooseVersion\n"]),
        _code(["assert LooseVersion(tf.__version__) >= LooseVersion('1.0')\n", "x = tf.ones(2)\n"]),
        _code([later]),
    ]
    result = process_notebook(_notebook(cells), "nb.ipynb", FULL)
    first = _sources(result.source)[0]
    assert ("from distutils.version import LooseVersion" in first) is kept
    assert "L2T010" in {f.code for f in result.findings}
