"""Joining code cells into one program and cutting the rewritten program back into cells."""

from __future__ import annotations

import pytest

from legacy2tf2.migrator import cell_program

CELLS = [(1, "import os"), (3, "\n"), (4, ""), (6, "for i in x:\n    y = i\n    # end\n")]


def test_split_undoes_join_and_restores_missing_final_newlines() -> None:
    program = cell_program.join(CELLS)
    compile(program.source, "<program>", "exec")
    assert cell_program.split(program, program.source) == [code for _, code in CELLS]


def test_locate_maps_program_lines_to_cells() -> None:
    program = cell_program.join(CELLS)
    lines = program.source.splitlines()
    assert lines[0] == "import os"
    assert program.locate(1) == (1, 1)
    assert program.locate(lines.index("    y = i") + 1) == (6, 2)
    assert program.locate(2) == (1, 1)  # the marker after cell 1: its last line


def test_imports_added_after_the_first_import_cell_stay_in_it() -> None:
    program = cell_program.join([(1, "x = 1\n"), (2, "import tensorflow as tf\n"), (3, "y = 2\n")])
    first, second = program.markers
    assert first.startswith("_legacy2tf2_cell_boundary_") and second.startswith("class ")
    rewritten = program.source.replace(
        "import tensorflow as tf\n", "import tensorflow as tf\nfrom m import n\n"
    )
    assert cell_program.split(program, rewritten) == [
        "x = 1\n",
        "import tensorflow as tf\nfrom m import n\n",
        "y = 2\n",
    ]


def test_kept_names_are_read_by_a_piece_that_is_no_cell() -> None:
    program = cell_program.join([(1, "import tensorflow as tf\n")], kept={"tf", "np"})
    assert program.source.endswith("\nnp, tf\n")
    assert program.locate(len(program.source.splitlines())) is None
    assert cell_program.split(program, program.source) == ["import tensorflow as tf\n"]


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda text, m: text.replace(m[0] + "\n", ""), id="marker missing"),
        pytest.param(lambda text, m: text + m[0] + "\n", id="marker repeated"),
        pytest.param(
            lambda text, m: text.replace(m[0], "@@").replace(m[1], m[0]).replace("@@", m[1]),
            id="markers swapped",
        ),
    ],
)
def test_split_refuses_a_moved_boundary(damage) -> None:  # type: ignore[no-untyped-def]
    program = cell_program.join([(1, "a = 1\n"), (2, "b = 2\n"), (3, "c = 3\n")])
    assert cell_program.split(program, damage(program.source, program.markers)) is None


def test_lines_are_counted_as_python_counts_them() -> None:
    program = cell_program.join([(1, "s = 'a\x0cb'\r\nt = 1\r"), (2, "u = 2\n")])
    assert program.locate(2) == (1, 2)
    assert program.locate(4) == (2, 1)


def test_import_bindings_and_identifiers() -> None:
    code = "import a.b\nimport c as d\nfrom e import f, g as h\nfrom __future__ import division\n"
    assert cell_program.import_bindings(code) == {"a", "d", "f", "h"}
    assert cell_program.identifiers('print tf.nn, "x"') == {"print", "tf", "nn", "x"}
