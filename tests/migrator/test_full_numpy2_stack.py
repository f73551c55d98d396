"""``--full``'s NumPy 2 pass: the stacking functions get a list where NumPy 1 iterated a set or a
generator."""

from __future__ import annotations

import libcst as cst
import numpy as np
import pytest

from legacy2tf2.migrator.pre1_0 import fix_pre_1_0

HEAD = "import numpy as np\n"


def fix(body: str) -> tuple[str, list[str]]:
    new, changes = fix_pre_1_0(cst.parse_module(HEAD + body))
    assert new.code.startswith(HEAD)
    return new.code[len(HEAD) :], [code for *_, code, _msg in changes]


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            "p = np.vstack({tuple(row) for row in patterns})\n",
            "p = np.vstack(list({tuple(row) for row in patterns}))\n",
        ),
        ("p = np.hstack(x * 2 for x in xs)\n", "p = np.hstack([x * 2 for x in xs])\n"),
        ("p = np.hstack((x for x in xs))\n", "p = np.hstack([x for x in xs])\n"),
        ("p = np.stack({a, b}, axis=1)\n", "p = np.stack(list({a, b}), axis=1)\n"),
        (
            "p = np.column_stack(r for r in rows)\n",
            "p = np.column_stack([r for r in rows])\n",
        ),
    ],
)
def test_a_set_or_generator_becomes_a_list(before: str, after: str) -> None:
    new, codes = fix(before)
    assert new == after
    assert codes == ["L2T015"]
    assert fix(new) == (new, [])


@pytest.mark.parametrize(
    "body",
    [
        "p = np.vstack([a, b])\n",
        "p = np.vstack(rows)\n",  # its type is not known; a list or tuple is right
        "p = np.vstack(tup=rows)\n",
        "p = np.concatenate({a})\n",  # refused by NumPy 1 as well
        "p = vstack({tuple(r) for r in rows})\n",
    ],
)
def test_other_calls_stay(body: str) -> None:
    assert fix(body) == (body, [])


def test_the_rewritten_call_stacks_the_rows_numpy_1_stacked() -> None:
    """The unique windows of a sequence, as TF1-era autoencoder programs collected them."""
    rows = np.array([[1.0, 2.0], [3.0, 4.0], [1.0, 2.0], [5.0, 6.0]])
    program = "patterns = np.vstack({tuple(row) for row in rows})\n"
    with pytest.raises(TypeError, match="sequence"):
        exec(HEAD + program, {"rows": rows})
    namespace = {"rows": rows}
    exec(HEAD + fix(program)[0], namespace)
    expected = np.array([row for row in {tuple(row) for row in rows}])  # NumPy 1's iteration
    np.testing.assert_array_equal(namespace["patterns"], expected)
    assert sorted(map(tuple, namespace["patterns"])) == [(1.0, 2.0), (3.0, 4.0), (5.0, 6.0)]
