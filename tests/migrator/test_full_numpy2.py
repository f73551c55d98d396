"""``--full``'s NumPy 2 fixes: exact before/after pairs (pure libcst), and NumPy 2 itself."""

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
            "outputs = [int(np.argmax(logit, axis=1)) for logit in output_logits]\n",
            "outputs = [int(np.argmax(logit, axis=1).item()) for logit in output_logits]\n",
        ),
        ("t = int(np.argmax(p, 1))\n", "t = int(np.argmax(p, 1).item())\n"),
        ("s = float(np.max(x, axis=-1))\n", "s = float(np.max(x, axis=-1).item())\n"),
        (
            "i = int(np.searchsorted(t, np.random.rand(1) * s))\n",
            "i = int(np.searchsorted(t, np.random.rand(1) * s).item())\n",
        ),
        ("k = float(np.dot(w, x))\n", "k = float(np.dot(w, x).item())\n"),
        ("v = np.asscalar(a)\n", "v = a.item()\n"),
        ("v = np.asscalar(a + b)\n", "v = (a + b).item()\n"),
        ("z = np.zeros(3, dtype=np.float)\n", "z = np.zeros(3, dtype=float)\n"),
        ("z = np.array(x, np.int32).astype(np.int)\n", "z = np.array(x, np.int32).astype(int)\n"),
        ("m = np.NaN * np.float_(1)\n", "m = np.nan * np.float64(1)\n"),
        ("p = np.product(x) + np.Inf\n", "p = np.prod(x) + np.inf\n"),
    ],
)
def test_numpy_2_breakages_are_fixed_exactly(before: str, after: str) -> None:
    new, codes = fix(before)
    assert new == after
    assert codes and set(codes) == {"L2T015"}


@pytest.mark.parametrize(
    "source",
    [
        "t = int(np.argmax(p))\n",  # no axis: a NumPy scalar, fine on NumPy 2
        "t = int(np.argmax(p, axis=None))\n",
        "t = [int(i) for i in np.argmax(p, axis=1)]\n",
        "def f(int):\n    return int(np.argmax(p, axis=1))\n",  # not the builtin
        "t = int(np.argmax(p, axis=1).item())\n",  # already fixed
        "t = int(np.random.randint(5))\n",  # a Python int: has no .item(), needs none
        "t = int(np.searchsorted(t, v).item())\n",  # already fixed
    ],
)
def test_what_is_fine_on_numpy_2_is_untouched(source: str) -> None:
    assert fix(source) == (source, [])


def test_the_fixed_array_shaped_conversion_runs_on_numpy_2_as_on_numpy_1() -> None:
    """char-rnn's weighted pick: NumPy 2 refuses int() of its one-element array; the fix gives
    NumPy 1's number, and more than one element still raises."""
    before = "i = int(np.searchsorted(t, v))\n"
    after, _ = fix(before)
    one = {"np": np, "t": np.cumsum([0.2, 0.3, 0.5]), "v": np.array([0.6])}
    with pytest.raises(TypeError):
        exec(before, dict(one))
    namespace = dict(one)
    exec(after, namespace)
    assert namespace["i"] == 2
    with pytest.raises(ValueError):
        exec(after, {**one, "v": np.array([0.1, 0.6])})


@pytest.mark.parametrize(
    "source",
    ["t = int(logits.argmax(axis=1))\n", "import mylib as np2\nt = float(np2.max(p, 1))\n"],
)
def test_unknown_objects_are_reported_not_changed(source: str) -> None:
    assert fix(source) == (source, ["L2T016"])


def test_numpy_2_really_rejects_the_old_idiom_and_accepts_the_fixed_one() -> None:
    logit = np.array([[0.1, 0.7, 0.2]])
    with pytest.raises(TypeError):
        int(np.argmax(logit, axis=1))
    assert int(np.argmax(logit, axis=1).item()) == 1
    with pytest.raises(ValueError):  # more than one element: still an error, as on NumPy 1
        int(np.argmax(np.ones((2, 3)), axis=1).item())
    assert not hasattr(np, "float") and not hasattr(np, "asscalar") and not hasattr(np, "NaN")
