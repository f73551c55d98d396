"""``--full``'s NumPy 2 pass: ``np.load`` loads object arrays again, as before NumPy 1.16.3."""

from __future__ import annotations

import numpy as np
import pytest
from pre1_0_pairs import fix_body

HEAD = "import numpy as np\n"


def fix(body: str, head: str = HEAD) -> tuple[str, list[str]]:
    return fix_body(body, head)


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("a = np.load('idx_q.npy')\n", "a = np.load('idx_q.npy', allow_pickle=True)\n"),
        (
            "meta = np.load(path, mmap_mode=None).item()\n",
            "meta = np.load(path, mmap_mode=None, allow_pickle=True).item()\n",
        ),
        ("a = np.load(\n    path,\n)\n", "a = np.load(\n    path,\n    allow_pickle=True,\n)\n"),
        ("a = np.load(path,)\n", "a = np.load(path, allow_pickle=True,)\n"),
    ],
)
def test_np_load_allows_pickles(before: str, after: str) -> None:
    new, codes = fix(before)
    assert new == after
    assert codes == ["L2T015"]
    assert fix(new) == (new, [])


@pytest.mark.parametrize(
    "body",
    [
        "a = np.load(path, allow_pickle=False)\n",  # the program decided
        "a = np.load(path, None, True)\n",
        "a = np.load(*args)\n",
        "a = load(path)\n",
        "a = pickle.load(f)\n",
    ],
)
def test_other_loads_stay(body: str) -> None:
    assert fix(body) == (body, [])


def test_the_rewritten_load_reads_what_a_tf1_era_program_saved(tmp_path) -> None:
    """Ragged token lists and a metadata dict, saved as the TF1 chatbots saved them."""
    ragged = np.empty(2, dtype=object)
    ragged[:] = [[4, 5, 6], [7]]
    np.save(tmp_path / "source.npy", ragged)
    np.save(tmp_path / "meta.npy", {"w2idx": {"a": 1}})
    program = "src = np.load(source_file)\nmeta = np.load(meta_file).item()\n"
    namespace = {
        "source_file": str(tmp_path / "source.npy"),
        "meta_file": str(tmp_path / "meta.npy"),
    }
    with pytest.raises(ValueError, match="allow_pickle"):
        exec(HEAD + program, dict(namespace))
    exec(HEAD + fix(program)[0], namespace)
    assert [list(row) for row in namespace["src"]] == [[4, 5, 6], [7]]
    assert namespace["meta"] == {"w2idx": {"a": 1}}
