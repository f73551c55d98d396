"""``--full``'s NumPy 2 pass: ``np.reshape``'s ``newshape=`` keyword, removed in NumPy 2.4."""

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
        # a TF 0.12 chatbot's get_probabilities
        (
            "X = np.reshape(X,newshape=(self.batch_size,self.input_seq_length))\n",
            "X = np.reshape(X,(self.batch_size,self.input_seq_length))\n",
        ),
        (
            "y = np.reshape(x, newshape=[-1, 4], order='F')\n",
            "y = np.reshape(x, [-1, 4], order='F')\n",
        ),
    ],
)
def test_newshape_keyword_becomes_the_positional_shape(before: str, after: str) -> None:
    new, codes = fix(before)
    assert new == after
    assert codes == ["L2T015"]
    assert fix(new) == (new, [])


@pytest.mark.parametrize(
    "body",
    [
        "y = np.reshape(x, (2, 3))\n",
        "y = np.reshape(x, shape=(2, 3))\n",
        "y = np.reshape(x, order='F', newshape=(2, 3))\n",  # another order: left
        "y = x.reshape((2, 3))\n",
        "y = reshape(x, newshape=(2, 3))\n",  # not NumPy's
    ],
)
def test_other_calls_stay(body: str) -> None:
    assert fix(body) == (body, [])


def test_the_rewritten_call_gives_numpy_1s_array() -> None:
    x = np.arange(6)
    namespace = {"np": np, "x": x}
    new, _ = fix("y = np.reshape(x, newshape=(2, 3), order='F')\n")
    exec(new, namespace)
    expected = np.array([[0, 2, 4], [1, 3, 5]])  # what NumPy 1 gave for newshape=(2, 3), 'F'
    assert np.array_equal(namespace["y"], expected)
