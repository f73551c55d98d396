"""Notebooks: IPython lines masked and restored, cells rewritten one by one, layout kept."""

from __future__ import annotations

import json

import pytest

from legacy2tf2.migrator import magics
from legacy2tf2.migrator.notebooks import process_notebook

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
    assert sorted(table.values()) == sorted(line.strip() for line in changed)
    assert magics.unmask(masked, table) == CELL_WITH_MAGICS


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
    result = process_notebook(data, "nb.ipynb", write=True)
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
    again = process_notebook(result.source, "nb.ipynb", write=True)
    assert not again.changed and again.source == result.source


def test_unchanged_notebook_is_returned_as_is() -> None:
    data = _notebook([_code(PLAIN_CELL, [OUTPUT])], indent=1)
    result = process_notebook(data, "nb.ipynb", write=True)
    assert (result.changed, result.source, result.findings) == (False, data, [])


def test_check_reports_cell_numbers() -> None:
    data = _notebook([_code(PLAIN_CELL), _code(LEGACY_CELL)], indent=1)
    findings = process_notebook(data, "nb.ipynb", write=False).findings
    assert findings
    assert all(f.path == "nb.ipynb" and f.message.startswith("cell 2: ") for f in findings)


def test_unparseable_cell_reported_other_cells_rewritten() -> None:
    py2 = ["import tensorflow as tf\n", 'print "loss", tf.contrib.legacy_seq2seq\n']
    data = _notebook([_code(py2), _code(LEGACY_CELL)], indent=1)
    result = process_notebook(data, "nb.ipynb", write=True)
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
    result = process_notebook(data, "nb.ipynb", write=True)
    assert not result.changed and result.source == data
    (finding,) = result.findings
    assert finding.code == "L2T000" and finding.message.startswith(message)


def test_non_python_kernel_left_alone() -> None:
    nb = json.loads(_notebook([_code(LEGACY_CELL)]))
    nb["metadata"]["kernelspec"]["language"] = "R"
    data = json.dumps(nb).encode()
    assert process_notebook(data, "nb.ipynb", write=True).source == data


def test_source_given_as_one_string_stays_one_string() -> None:
    cell = _code(LEGACY_CELL)
    cell["source"] = "".join(LEGACY_CELL)
    data = _notebook([cell], indent=1)
    result = process_notebook(data, "nb.ipynb", write=True)
    assert result.changed
    source = json.loads(result.source)["cells"][0]["source"]
    assert isinstance(source, str) and "legacy2tf2.runtime" in source
    assert source.startswith("%matplotlib inline\n") or "\n%matplotlib inline\n" in source
