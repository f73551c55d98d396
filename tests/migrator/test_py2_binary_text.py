"""``--full``: a file a Python 2 program opened in binary mode and read as text is opened as text.

Python 2's ``open(p, "rb")`` (and ``codecs.open(p, "rb")``) read ``str``; Python 3 reads ``bytes``,
whose ``split``/``strip``/``startswith``/... refuse a ``str`` argument: a TF 0.x chatbot
(pbhatia243/Neural_Conversation_Models: ``with codecs.open(data_path, "rb") as fi: for line in
fi.readlines(): entities = line.lower().split("\\t")``) stopped with "a bytes-like object is
required, not 'str'". Python 2's binary file split lines at ``\\n`` only and kept them as read
(``\\r\\n`` too), which ``newline="\\n"`` gives in text mode.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from legacy2tf2.migrator.py2_binary_text import fix_binary_text_files
from tests.e2e.helpers import python

HEAD = "import codecs\nimport io\n"
TEXT = 'open(p, "r", encoding="utf-8", newline="\\n")'


def fix(body: str) -> tuple[str, list[str]]:
    new, changes = fix_binary_text_files((HEAD + body).encode())
    text = new.decode()
    assert text.startswith(HEAD)
    return text[len(HEAD) :], [code for _line, _col, code, _msg in changes]


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            'with codecs.open(p, "rb") as fi:\n    for line in fi.readlines():\n'
            '        a, b = line.lower().split("\\t")\n',
            f"with {TEXT} as fi:\n    for line in fi.readlines():\n"
            '        a, b = line.lower().split("\\t")\n',
        ),
        (
            "with open(p, 'rb') as f:\n    for line in f:\n"
            "        if line.startswith('#'):\n            continue\n"
            "        words = line.strip().split()\n",
            "with open(p, 'r', encoding='utf-8', newline='\\n') as f:\n    for line in f:\n"
            "        if line.startswith('#'):\n            continue\n"
            "        words = line.strip().split()\n",
        ),
        (
            'with io.open(p, mode="rb") as f:\n    text = f.read()\n'
            '    rows = text.replace("\\r", "").split("\\n")\n',
            'with io.open(p, mode="r", encoding="utf-8", newline="\\n") as f:\n'
            '    text = f.read()\n    rows = text.replace("\\r", "").split("\\n")\n',
        ),
    ],
)
def test_binary_file_read_as_text_is_opened_as_text(before: str, after: str) -> None:
    assert fix(before) == (after, ["L2T022"])
    assert fix(after) == (after, [])


@pytest.mark.parametrize(
    "body",
    [
        # bytes arguments: Python 3 code, or Python 2 code right on Python 3 too
        'with open(p, "rb") as f:\n    for line in f:\n        x = line.split(b"\\t")\n',
        # decoded by the program: its bytes are meant
        'with open(p, "rb") as f:\n    for line in f:\n'
        '        x = line.decode("utf-8").split("\\t")\n',
        # no method refusing a str: nothing tells the file is read as text
        'with open(p, "rb") as f:\n    for line in f:\n        x = line.split()\n',
        # the line also goes elsewhere, the file is used otherwise, or the name is rebound
        'with open(p, "rb") as f:\n    for line in f:\n'
        '        x = line.split("\\t")\n        out.append(line)\n',
        'with open(p, "rb") as f:\n    data = pickle.load(f)\n    x = data.split("\\t")\n',
        'with open(p, "rb") as f:\n    line = f.readline()\n    x = line.split("\\t")\n'
        "    line = f.readline()\n",
        # an encoding or another argument, another mode, no `as`
        'with open(p, "rb", 0) as f:\n    for line in f:\n        x = line.split("\\t")\n',
        'with open(p, "r") as f:\n    for line in f:\n        x = line.split("\\t")\n',
        'with open(p, "rb"):\n    pass\n',
        # codecs.open imported by name: `open` there is not the builtin the fix writes
        'from codecs import open\nwith open(p, "rb") as f:\n'
        '    for line in f:\n        x = line.split("\\t")\n',
        # a function of the program named open
        'def open(p, m):\n    return []\nwith open(p, "rb") as f:\n'
        '    for line in f:\n        x = line.split("\\t")\n',
    ],
)
def test_other_binary_files_are_left(body: str) -> None:
    assert fix(body) == (body, [])


PROGRAM = """\
import codecs

pairs = []
with codecs.open("chat.txt", "rb") as fi:
    for line in fi.readlines():
        entities = line.lower().split("\\t")
        if len(entities) == 2:
            pairs.append((entities[0], entities[1]))
print(repr(pairs))
"""


def test_python_2_corpus_reader_reads_what_python_2_read(tmp_path: Path) -> None:
    (tmp_path / "reader.py").write_text(PROGRAM)
    # \\r\\n kept in the line, a lone \\r inside a line not a line break: Python 2's binary file
    (tmp_path / "chat.txt").write_bytes(b"Hi\tHello\r\nA\rB\tc\nno tab\n\xc3\xa9t\xc3\xa9\tX\n")
    done = python("-m", "legacy2tf2", "rewrite", "--full", "reader.py", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "L2T022" in done.stderr
    done = python("reader.py", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    expected = [("hi", "hello\r\n"), ("a\rb", "c\n"), ("\u00e9t\u00e9", "x\n")]
    assert done.stdout.strip() == repr(expected)


GZ = 'gzip.open(path, "rt", encoding="utf-8", newline="\\n")'


@pytest.mark.parametrize(
    ("before", "after"),
    [
        # cdg720/bilstm-tagging reader.py: a helper opening a .gz corpus (or a plain one) whose
        # lines are read as text where it is iterated; Python 2's gzip "rb" read str lines
        (
            "import gzip\n"
            "def open_file(path):\n"
            '    return gzip.open(path, "rb") if path.endswith(".gz") else open(path, "r")\n'
            "def read(path):\n"
            "    for line in open_file(path):\n"
            "        line = line[:-1]\n"
            '        if line.startswith("#"):\n'
            "            continue\n"
            '        if line == "":\n'
            "            continue\n"
            "        items = line.split()\n",
            "import gzip\n"
            "def open_file(path):\n"
            f'    return {GZ} if path.endswith(".gz") else open(path, "r")\n'
            "def read(path):\n"
            "    for line in open_file(path):\n"
            "        line = line[:-1]\n"
            '        if line.startswith("#"):\n'
            "            continue\n"
            '        if line == "":\n'
            "            continue\n"
            "        items = line.split()\n",
        ),
        # gzip's "r" is binary too; a helper used in a with block
        (
            "import gzip\n"
            "def opener(path):\n"
            '    """Open a corpus."""\n'
            '    return gzip.open(path, "r")\n'
            "with opener(p) as f:\n"
            "    for line in f:\n"
            '        w = line.strip().split("\\t")\n',
            "import gzip\n"
            "def opener(path):\n"
            '    """Open a corpus."""\n'
            f"    return {GZ}\n"
            "with opener(p) as f:\n"
            "    for line in f:\n"
            '        w = line.strip().split("\\t")\n',
        ),
        (
            "import bz2\n"
            'with bz2.open(p, "rb") as f:\n'
            "    for line in f:\n"
            '        w = line.rstrip().split(" ")\n',
            "import bz2\n"
            'with bz2.open(p, "rt", encoding="utf-8", newline="\\n") as f:\n'
            "    for line in f:\n"
            '        w = line.rstrip().split(" ")\n',
        ),
    ],
)
def test_compressed_and_helper_opened_files_read_as_text(before: str, after: str) -> None:
    assert fix(before) == (after, ["L2T022"])
    assert fix(after) == (after, [])


@pytest.mark.parametrize(
    "body",
    [
        # the helper's file is also used otherwise (returned, read as bytes, passed on)
        "import gzip\ndef open_file(path):\n    return gzip.open(path, 'rb')\n"
        "for line in open_file(a):\n    x = line.split('\\t')\n"
        "data = open_file(b).read()\n",
        "import gzip\ndef open_file(path):\n    return gzip.open(path, 'rb')\n"
        "for line in open_file(a):\n    x = line.split('\\t')\n    out.append(line)\n",
        "import gzip\ndef open_file(path):\n    return gzip.open(path, 'rb')\n"
        "for line in open_file(a):\n    x = line.split(b'\\t')\n",
        # nothing refuses bytes; the helper does more than return an open
        "import gzip\ndef open_file(path):\n    return gzip.open(path, 'rb')\n"
        "for line in open_file(a):\n    x = line.split()\n",
        "import gzip\ndef open_file(path):\n    print(path)\n    return gzip.open(path, 'rb')\n"
        "for line in open_file(a):\n    x = line.split('\\t')\n",
        # a line rebound from something else than itself, or decoded
        "import gzip\ndef open_file(path):\n    return gzip.open(path, 'rb')\n"
        "for line in open_file(a):\n    x = line.split('\\t')\n    line = other\n",
        "import gzip\ndef open_file(path):\n    return gzip.open(path, 'rb')\n"
        "for line in open_file(a):\n    line = line.decode('latin-1')\n    x = line.split('\\t')\n",
        # gzip's text mode already, or another helper branch (a socket, a binary write)
        "import gzip\nwith gzip.open(p, 'rt') as f:\n    for line in f:\n        x = line.split('\\t')\n",
        "import gzip\ndef open_file(path):\n    return gzip.open(path, 'rb') if path else urlopen(path)\n"
        "for line in open_file(a):\n    x = line.split('\\t')\n",
    ],
)
def test_other_compressed_or_helper_files_are_left(body: str) -> None:
    assert fix(body) == (body, [])


TAGGER_READER = """\
import gzip

def open_file(path):
  return gzip.open(path, 'rb') if path.endswith('.gz') else open(path, 'r')

def read(path):
  examples = []
  ex = []
  for line in open_file(path):
    line = line[:-1]
    if line.startswith('#'):
      continue
    if line == '':
      examples.append(ex)
      ex = []
    else:
      items = line.split()
      ex.append((items[1].lower(), items[3]))
  return examples

print repr(read('train.gz'))
"""


def test_python_2_gzip_corpus_helper_reads_what_python_2_read(tmp_path: Path) -> None:
    import gzip

    (tmp_path / "reader.py").write_text(TAGGER_READER)
    conll = "# s1\n1\tThe\t_\tDT\t_\n2\tcaf\u00e9\t_\tNN\t_\n\n# s2\n1\tRuns\t_\tVBZ\t_\n\n"
    with gzip.open(tmp_path / "train.gz", "wb") as f:
        f.write(conll.encode("utf-8"))
    done = python("-m", "legacy2tf2", "rewrite", "--full", "reader.py", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert 'gzip.open(..., "rb") read str on Python 2' in done.stderr
    done = python("reader.py", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    # Python 2 read these str lines: sentences split at the blank lines, comments skipped
    assert done.stdout.strip() == repr([[("the", "DT"), ("caf\u00e9", "NN")], [("runs", "VBZ")]])
