"""``--full``: pickle files a Python 2 program opened in text mode are opened in binary mode."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
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
        # bytes written or read besides pickle's own calls, and the file closed
        (
            "with open(p, 'w') as f:\n    f.write(cPickle.dumps(x))\n",
            "with open(p, 'wb') as f:\n    f.write(cPickle.dumps(x))\n",
        ),
        (
            "with open(p) as f:\n    x = cPickle.loads(f.read())\n",
            'with open(p, "rb") as f:\n    x = cPickle.loads(f.read())\n',
        ),
        (
            "x = cPickle.loads(open(p).read())\n",
            'x = cPickle.loads(open(p, "rb").read())\n',
        ),
        (
            "open(p, 'w').write(cPickle.dumps(x, 2))\n",
            "open(p, 'wb').write(cPickle.dumps(x, 2))\n",
        ),
        # a name bound once to the file (Python 2's file(p, 'w') is open by now)
        (
            "fout = open('./out', 'w')\ncPickle.dump(obj, fout)\nfout.close()\n",
            "fout = open('./out', 'wb')\ncPickle.dump(obj, fout)\nfout.close()\n",
        ),
        (
            "f = open(p, 'a')\ncPickle.dump(x, f, 2)\nf.flush()\ncPickle.dump(y, file=f)\n",
            "f = open(p, 'ab')\ncPickle.dump(x, f, 2)\nf.flush()\ncPickle.dump(y, file=f)\n",
        ),
        (
            "def save(x, p):\n    f = open(p, 'w')\n    f.write(cPickle.dumps(x))\n    f.close()\n",
            "def save(x, p):\n    f = open(p, 'wb')\n    f.write(cPickle.dumps(x))\n    f.close()\n",
        ),
        (
            "fin = open(p)\nvocab = cPickle.load(fin)\nfin.close()\n",
            'fin = open(p, "rb")\nvocab = cPickle.load(fin)\nfin.close()\n',
        ),
        (  # read in a function of the module where it is bound
            "f = open(p, 'w')\ndef save(x):\n    cPickle.dump(x, f)\n",
            "f = open(p, 'wb')\ndef save(x):\n    cPickle.dump(x, f)\n",
        ),
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
        "f = open(p, 'wb')\ncPickle.dump(x, f)\n",
        "f = open(p, 'w')\nf.write('a line')\n",  # no pickle
        "f = open(p, 'w')\nf = open(q, 'w')\ncPickle.dump(x, f)\n",  # rebound: the flow decides
        "f, g = open(p, 'w'), open(q)\ncPickle.dump(x, f)\n",
        "f = open(p, mode)\ncPickle.dump(x, f)\n",
        "with open(p, 'w') as f:\n    f.write(json.dumps(x))\n",
        "with open(p, mode) as f:\n    cPickle.dump(x, f)\n",  # not a literal
        "with open(p, 'w', encoding='utf-8') as f:\n    cPickle.dump(x, f)\n",
        "with open(p, 'r') as f:\n    cPickle.dump(x, f)\n",  # failed on Python 2 too
        "with open(p) as f:\n    text = f.read()\n",
        "with open(p, 'w') as f:\n    json.dump(x, f)\n",
    ],
)
def test_other_files_stay(body: str) -> None:
    assert fix(body) == (body, [])


@pytest.mark.parametrize(
    "body",
    [
        "with open(p, 'w') as f:\n    cPickle.dump(x, f)\n    f.write('done')\n",
        "f = open(p, 'w')\nf.write('# vocabulary\\n')\ncPickle.dump(x, f)\n",
        "f = open(p)\nheader = f.readline()\nx = cPickle.load(f)\n",
        "f = open(p, 'w')\ncPickle.dump(x, f)\nlog(f)\n",  # passed on
    ],
)
def test_pickle_files_also_used_as_text_are_reported(body: str) -> None:
    """Python 2 wrote pickle's bytes and text into one file; Python 3 has no such file."""
    assert fix(body) == (body, ["L2T023"])


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


PYTHON2_VOCABULARY = """\
import os
import cPickle

chars = ('a', 'b', u'\\xe9')
vocab = dict(zip(chars, range(len(chars))))
fout = file(os.path.join('save', 'chars_vocab.pkl'), 'w')
cPickle.dump((chars, vocab), fout)
fout.close()
log = open(os.path.join('save', 'config.pkl'), 'w')
log.write(cPickle.dumps({'rnn_size': 8}, 2))
log.close()
fin = file(os.path.join('save', 'chars_vocab.pkl'))
chars2, vocab2 = cPickle.load(fin)
fin.close()
config = cPickle.loads(open(os.path.join('save', 'config.pkl')).read())
print chars2 == chars, vocab2 == vocab, config['rnn_size']
"""


def test_a_python2_program_dumps_and_reloads_after_the_cli(tmp_path: Path) -> None:
    """The real CLI on a Python 2 program writing its vocabulary through file(p, 'w') and a name
    bound to open(p, 'w'), then reading both back: it runs, and its files are the pickles that
    Python 2 wrote (Python 2's text and binary files on POSIX were the same bytes)."""
    (tmp_path / "save").mkdir()
    (tmp_path / "vocab.py").write_text(PYTHON2_VOCABULARY, encoding="utf-8")
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3", "PYTHONIOENCODING": "utf-8"}
    migrated = subprocess.run(
        [sys.executable, "-m", "legacy2tf2", "rewrite", "--full", "vocab.py"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert migrated.returncode == 0, migrated.stderr
    assert migrated.stderr.count('opened with "wb"') == 2, migrated.stderr
    assert migrated.stderr.count('opened with "rb"') == 2, migrated.stderr
    ran = subprocess.run(
        [sys.executable, "vocab.py"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout == "True True 8\n"
    with open(tmp_path / "save" / "chars_vocab.pkl", "rb") as f:
        assert pickle.load(f) == (("a", "b", "\xe9"), {"a": 0, "b": 1, "\xe9": 2})
