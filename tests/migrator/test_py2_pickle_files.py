"""``--full``: pickle files a Python 2 program opened in text mode are opened in binary mode."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from legacy2tf2.migrator.py2_pickle_files import fix_pickle_files

HEAD = "import pickle as cPickle\n"


def fix(body: str) -> tuple[str, list[str]]:
    new, changes = fix_pickle_files((HEAD + body).encode())
    text = new.decode()
    assert text.startswith(HEAD)
    return text[len(HEAD) :], [code for _line, _col, code, _msg in changes]


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            "with open(p, 'w') as f:\n    cPickle.dump(args, f)\n",
            "with open(p, 'wb') as f:\n    cPickle.dump(args, f)\n",
        ),
        (
            "with open(p) as f:\n    chars, vocab = cPickle.load(f)\n",
            'with open(p, "rb") as f:\n    chars, vocab = cPickle.load(f)\n',
        ),
        (
            "with open(p, mode='r') as f:\n    x = cPickle.load(file=f)\n",
            "with open(p, mode='rb') as f:\n    x = cPickle.load(file=f)\n",
        ),
        (
            "with open(a, 'w') as f:\n    cPickle.dump(x, f, protocol=2)\n    cPickle.dump(y, f)\n",
            "with open(a, 'wb') as f:\n    cPickle.dump(x, f, protocol=2)\n    cPickle.dump(y, f)\n",
        ),
        ('cPickle.dump(x, open(p, "w"))\n', 'cPickle.dump(x, open(p, "wb"))\n'),
        ("x = cPickle.load(open(p))\n", 'x = cPickle.load(open(p, "rb"))\n'),
        ("x = cPickle.load(open(p, 'r'))\n", "x = cPickle.load(open(p, 'rb'))\n"),
    ],
)
def test_text_mode_pickle_files_become_binary(before: str, after: str) -> None:
    new, codes = fix(before)
    assert new == after
    assert set(codes) == {"L2T022"}
    assert fix(new) == (new, [])


@pytest.mark.parametrize(
    "body",
    [
        "with open(p, 'wb') as f:\n    cPickle.dump(x, f)\n",  # already binary
        "with open(p, 'w') as f:\n    cPickle.dump(x, f)\n    f.write('done')\n",  # text too
        "with open(p, 'w') as f:\n    f.write(cPickle.dumps(x))\n",
        "with open(p, mode) as f:\n    cPickle.dump(x, f)\n",  # not a literal
        "with open(p, 'w', encoding='utf-8') as f:\n    cPickle.dump(x, f)\n",
        "with open(p, 'r') as f:\n    cPickle.dump(x, f)\n",  # failed on Python 2 too
        "with open(p) as f:\n    text = f.read()\n",
        "with open(p, 'w') as f:\n    json.dump(x, f)\n",
    ],
)
def test_other_files_stay(body: str) -> None:
    assert fix(body) == (body, [])


def test_the_fixed_program_round_trips_its_pickle(tmp_path: Path) -> None:
    program = (
        "import os\nimport pickle as cPickle\n"
        f"p = os.path.join({str(tmp_path)!r}, 'vocab.pkl')\n"
        "with open(p, 'w') as f:\n    cPickle.dump(('a', 'b'), f)\n"
        "with open(p) as f:\n    chars = cPickle.load(f)\n"
    )
    new, _ = fix_pickle_files(program.encode())
    namespace: dict[str, object] = {}
    exec(compile(new, "program.py", "exec"), namespace)
    assert namespace["chars"] == ("a", "b")
    with open(tmp_path / "vocab.pkl", "rb") as f:
        assert pickle.load(f) == ("a", "b")
