"""Python 2's ``text.encode("utf-8")`` used as text: a byte string that was text on Python 2.

Python 2 programs (char-RNN samplers, chatbots) encoded their sampled unicode text to UTF-8 before
printing or writing it: ``text = model.sample(...).encode("utf-8")`` then
``output.write(text + "\\n")`` (gsurma/text_predictor). Python 3's ``bytes`` fails there with
``TypeError: can't concat str to bytes``, and ``print(b)`` / ``"%s" % b`` print ``b'...'``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from legacy2tf2.migrator.py2_encode import fix_text_encodes


def fix(source: str) -> str:
    new, _changes = fix_text_encodes(source.encode())
    return new.decode()


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            'text = model.sample(sess, chars).encode("utf-8")\nout.write(text + "\\n")\n',
            'text = model.sample(sess, chars)\nout.write(text + "\\n")\n',
        ),
        ("print(words.encode('utf-8'))\n", "print(words)\n"),
        ("print('>', s.encode('UTF8'), end='')\n", "print('>', s, end='')\n"),
        (
            "line = 'Iteration: ' + str(i) + ': ' + t.encode('utf-8')\n",
            "line = 'Iteration: ' + str(i) + ': ' + t\n",
        ),
        (
            "msg = '%s -> %s' % (q.encode('utf-8'), a.encode('utf-8'))\n",
            "msg = '%s -> %s' % (q, a)\n",
        ),
        ("msg = 'got %s' % s.encode(encoding='utf-8')\n", "msg = 'got %s' % s\n"),
        ("msg = '{}!'.format(s.encode('utf-8'))\n", "msg = '{}!'.format(s)\n"),
        ("shown = str(s.encode('utf-8'))\n", "shown = str(s)\n"),
        (
            "def show(ids):\n"
            "    text = ''.join(vocab[i] for i in ids).encode('utf-8')\n"
            "    print(text)\n"
            "    return 'out: ' + text\n",
            "def show(ids):\n"
            "    text = ''.join(vocab[i] for i in ids)\n"
            "    print(text)\n"
            "    return 'out: ' + text\n",
        ),
    ],
)
def test_encoded_text_used_as_text_stays_text(before: str, after: str) -> None:
    assert fix(before) == after
    assert fix(after) == after


@pytest.mark.parametrize(
    "source",
    [
        # the bytes are needed: a binary file, a hash, a value returned or stored
        "data = s.encode('utf-8')\nopen(p, 'wb').write(data)\n",
        "h = hashlib.md5(s.encode('utf-8')).hexdigest()\n",
        "def f(s):\n    return s.encode('utf-8')\n",
        "t = s.encode('utf-8')\nprint(t)\nsend(t)\n",
        # another encoding (a console's), or errors=: not known to be the stream's
        "print(s.encode('gbk'))\n",
        "print(s.encode('utf-8', 'ignore'))\n",
        "print(s.encode(enc))\n",
        # joined with something that may be bytes
        "line = prefix + s.encode('utf-8')\n",
        "line = b'> ' + s.encode('utf-8')\n",
        # bound twice: which value is read is not certain
        "t = s.encode('utf-8')\nif x:\n    t = raw\nprint(t)\n",
        # print or str rebound
        "def print(x):\n    pass\nprint(s.encode('utf-8'))\n",
        # under a Python version test: the program's own Python 3 branch
        "import sys\nif sys.version_info[0] < 3:\n    print(s.encode('utf-8'))\n",
        # a call over several lines: lines are kept
        "print(s.encode(\n    'utf-8'))\n",
    ],
)
def test_bytes_that_may_be_needed_are_left(source: str) -> None:
    assert fix(source) == source


def test_change_is_reported_at_the_encode_call() -> None:
    _new, changes = fix_text_encodes(b"x = 1\nt = s.encode('utf-8')\nprint(t)\n")
    assert [(line, col, code) for line, col, code, _ in changes] == [(2, 5, "L2T022")]


def test_joined_and_printed_text_is_python_2s_characters() -> None:
    """What Python 2 wrote (the UTF-8 bytes of the text) is what the fixed code writes to a UTF-8
    stream: ``"caf\\u00e9" + "\\n"`` encoded, not ``b'caf\\xc3\\xa9'``."""
    namespace: dict[str, object] = {"s": "caf\u00e9"}
    exec(
        fix("t = s.encode('utf-8')\nline = t + '\\n'\nshown = '%s' % s.encode('utf-8')\n"),
        namespace,
    )
    assert namespace["line"] == "caf\u00e9\n"
    assert namespace["shown"] == "caf\u00e9"
    assert str(namespace["line"]).encode("utf-8") == b"caf\xc3\xa9\n"


PYTHON2_SAMPLER = """\
import codecs
import numpy as np
import tensorflow as tf

chars = [u'a', u'\\u00e9', u' ']
probs = tf.nn.softmax(tf.constant([[1.0, 2.0, 0.5]]))
with tf.Session() as sess:
    p = sess.run(probs)[0]
text = u''.join(chars[i] for i in np.argsort(-p)).encode("utf-8")
print "sampled:", len(p)
out = open("output.txt", "a")
out.write("Iteration: " + str(0) + "\\n")
out.write(text + "\\n")
out.close()
"""

PYTHON3_ENCODER = """\
import tensorflow as tf

text = u'caf\\u00e9'.encode('utf-8')
print(text)
"""


@pytest.mark.heavy
def test_a_python2_sampler_writes_its_text_after_rewrite_full(tmp_path: Path) -> None:
    """The real CLI on a Python 2 program (print statement): the sampled text is written as
    Python 2 wrote it; a Python 3 file's encode (meant as bytes) is not touched."""
    (tmp_path / "sample.py").write_text(PYTHON2_SAMPLER, encoding="utf-8")
    (tmp_path / "py3.py").write_text(PYTHON3_ENCODER, encoding="utf-8")
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3", "PYTHONIOENCODING": "utf-8"}
    migrated = subprocess.run(
        [sys.executable, "-m", "legacy2tf2", "rewrite", "--full", "."],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert migrated.returncode == 0, migrated.stderr
    assert "sample.py:9:8: L2T022 Python 2's .encode('utf-8')" in migrated.stderr
    assert (tmp_path / "py3.py").read_text(encoding="utf-8") == PYTHON3_ENCODER
    assert "np.argsort(-p)).encode" not in (tmp_path / "sample.py").read_text(encoding="utf-8")
    ran = subprocess.run(
        [sys.executable, "-X", "utf8", "sample.py"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert ran.returncode == 0, ran.stderr
    assert (tmp_path / "output.txt").read_bytes() == b"Iteration: 0\n\xc3\xa9a \n"
