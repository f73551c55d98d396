"""Python 2 lambdas with tuple parameters (``lambda (k, v): v``, PEP 3113), which Python 3 cannot
parse, as exact before/after pairs of the ``--full`` Python 2 syntax step, and a Python 2 program
ordering its vocabulary so, migrated by the real ``rewrite --full`` and run: it prints what it
printed on Python 2."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from legacy2tf2.migrator.py2_syntax import fix_python2_syntax, parses

PAIRS = {
    "sort_key": (
        "pairs = sorted(counts.items(), key=lambda (k, v): (-v, k))\n",
        "pairs = sorted(counts.items(), key=lambda k_v: (lambda k, v: (-v, k))(*k_v))\n",
    ),
    "plain_parameter_before": (
        "f = lambda x, (a, b): x + a * b\n",
        "f = lambda x, a_b: (lambda a, b: x + a * b)(*a_b)\n",
    ),
    "two_groups": (
        "g = lambda (a, b), (c, d): a * d - b * c\n",
        "g = lambda a_b, c_d: (lambda a, b, c, d: a * d - b * c)(*a_b, *c_d)\n",
    ),
    "argument_then_more_arguments": (
        "m = map(lambda (i, w): '%d:%s' % (i, w), enumerate(words), 1)\n",
        "m = map(lambda i_w: (lambda i, w: '%d:%s' % (i, w))(*i_w), enumerate(words), 1)\n",
    ),
    "in_dict_display": (
        "d = {'key': lambda (w, c): c, 'n': 2}\n",
        "d = {'key': lambda w_c: (lambda w, c: c)(*w_c), 'n': 2}\n",
    ),
    "in_comprehension": (
        "fs = [lambda (a, b): a + b for _ in range(2)]\n",
        "fs = [lambda a_b: (lambda a, b: a + b)(*a_b) for _ in range(2)]\n",
    ),
    "body_with_call_and_ternary": (
        "k = lambda (w, c): len(w) if c > 1 else 0\n",
        "k = lambda w_c: (lambda w, c: len(w) if c > 1 else 0)(*w_c)\n",
    ),
    "group_trailing_comma_and_name_taken": (
        "k_v = 1\nh = lambda (k, v,): k_v + v\n",
        "k_v = 1\nh = lambda k_v_: (lambda k, v: k_v + v)(*k_v_)\n",
    ),
    "with_print_statement": (
        "print sorted(d.items(), key=lambda (k, v): v)[0]\n",
        "print(sorted(d.items(), key=lambda k_v: (lambda k, v: v)(*k_v))[0])\n",
    ),
    "multiline_call": (
        "vocab = sorted(counter.items(),\n               key=lambda (w, n): -n)\n",
        "vocab = sorted(counter.items(),\n               key=lambda w_n: (lambda w, n: -n)(*w_n))\n",
    ),
}


@pytest.mark.parametrize("name", sorted(PAIRS))
def test_lambda_tuple_parameter_pair(name: str) -> None:
    before, after = PAIRS[name]
    assert not parses(before.encode())
    new, findings = fix_python2_syntax(before.encode())
    assert new.decode() == after
    assert findings and all(code == "L2T022" for _, _, code, _ in findings)


def test_finding_at_the_lambda() -> None:
    _, findings = fix_python2_syntax(b"x = 1\ns = sorted(p, key=lambda (k, v): v)\n")
    assert [(line, col, code) for line, col, code, _ in findings] == [(2, 19, "L2T022")]


@pytest.mark.parametrize(
    "source",
    [
        "f = lambda (a, (b, c)): a + b + c\n",  # a group inside a group
        "f = lambda (a, b)=(1, 2): a + b\n",  # a default value
        "def f((a, b), c):\n    return a + b + c\n",  # a function's tuple parameter
    ],
)
def test_left_as_it_is(source: str) -> None:
    assert fix_python2_syntax(source.encode()) == (source.encode(), [])


PROGRAM = """\
import collections
import tensorflow as tf

text = "the cat sat on the mat the end"
counts = collections.Counter(text.split())
vocab = sorted(counts.items(), key=lambda (w, c): (-c, w))
word_to_id = dict((w, i) for i, (w, c) in enumerate(vocab))
ids = tf.constant([word_to_id[w] for w in text.split()])
with tf.Session() as sess:
    print [w for w, c in vocab][:3], sess.run(ids).tolist()
"""


@pytest.mark.heavy
def test_python2_vocabulary_program_runs_after_rewrite_full(tmp_path: Path) -> None:
    program = tmp_path / "vocab.py"
    program.write_text(PROGRAM)
    rewrite = subprocess.run(
        [sys.executable, "-m", "legacy2tf2", "rewrite", "--full", str(program)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert "tuple parameter" in rewrite.stdout + rewrite.stderr
    assert "lambda w_c: (lambda w, c: (-c, w))(*w_c)" in program.read_text()
    run = subprocess.run(
        [sys.executable, str(program)], capture_output=True, text=True, check=False, cwd=tmp_path
    )
    assert run.returncode == 0, run.stderr[-2000:]
    # Python 2 printed the three most frequent words (ties by word) and the text's ids
    assert run.stdout.strip().splitlines()[-1] == "['the', 'cat', 'end'] [0, 1, 5, 4, 0, 3, 0, 2]"
