"""Python 2 lambdas with tuple parameters (``lambda (k, v): v``, PEP 3113), which Python 3 cannot
parse, as exact before/after pairs of the ``--full`` Python 2 syntax step, and a Python 2 program
ordering its vocabulary so, migrated by the real ``rewrite --full`` and run: it prints what it
printed on Python 2."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
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
    "group_inside_a_group": (
        "f = lambda (a, (b, c)): a + b + c\n",
        "f = lambda a_b_c: (lambda a, b_c: (lambda b, c: a + b + c)(*b_c))(*a_b_c)\n",
    ),
    "enumerate_of_pairs": (
        "s = sorted(enumerate(counts.items()), key=lambda (i, (w, c)): (-c, i))\n",
        "s = sorted(enumerate(counts.items()), key=lambda i_w_c: (lambda i, w_c: "
        "(lambda w, c: (-c, i))(*w_c))(*i_w_c))\n",
    ),
    "group_first_in_a_group": (
        "f = lambda ((a, b), c): a\n",
        "f = lambda a_b_c: (lambda a_b, c: (lambda a, b: a)(*a_b))(*a_b_c)\n",
    ),
    "group_with_default": (
        "f = lambda x=(1, 2), (a, b)=(3, [4]): x[0] + a\n",
        "f = lambda x=(1, 2), a_b=(3, [4]): (lambda a, b: x[0] + a)(*a_b)\n",
    ),
    "multiline_call": (
        "vocab = sorted(counter.items(),\n               key=lambda (w, n): -n)\n",
        "vocab = sorted(counter.items(),\n               key=lambda w_n: (lambda w, n: -n)(*w_n))\n",
    ),
}


DEF_PAIRS = {
    "method_with_group_default": (
        "class P(Sprite):\n"
        "    def __init__(self, (x,y), level, color = (255,255,255), (w,h) = (20,20)):\n"
        "        Sprite.__init__(self)\n",
        "class P(Sprite):\n"
        "    def __init__(self, x_y, level, color = (255,255,255), w_h = (20,20)):\n"
        "        (x, y) = x_y; (w, h) = w_h; Sprite.__init__(self)\n",
    ),
    "one_line_body_nested_group": (
        "def f((a, (b, c)), d=1): return a + b + c + d\n",
        "def f(a_b_c, d=1): (a, (b, c)) = a_b_c; return a + b + c + d\n",
    ),
    "after_the_docstring": (
        'def area(self, (w, h)):\n    """Area."""  # note\n    return w * h\n',
        'def area(self, w_h):\n    """Area."""; (w, h) = w_h  # note\n    return w * h\n',
    ),
    "compound_body_blank_line": (
        "def f((a, b)):\n\n    if a:\n        return b\n",
        "def f(a_b):\n    (a, b) = a_b\n    if a:\n        return b\n",
    ),
    "compound_body_comment_line": (
        "def f((a, b)):\n  # the pair\n    for x in a:\n        print x, b\n",
        "def f(a_b):\n    (a, b) = a_b  # the pair\n    for x in a:\n        print(x, b)\n",
    ),
    "name_taken": (
        "a_b = 0\ndef f((a, b)):\n    return a_b + a\n",
        "a_b = 0\ndef f(a_b_):\n    (a, b) = a_b_; return a_b + a\n",
    ),
}


@pytest.mark.parametrize("name", sorted(DEF_PAIRS))
def test_def_tuple_parameter_pair(name: str) -> None:
    before, after = DEF_PAIRS[name]
    assert not parses(before.encode())
    new, findings = fix_python2_syntax(before.encode())
    assert new.decode() == after
    assert findings and all(code == "L2T022" for _, _, code, _ in findings)
    assert len(before.splitlines()) == len(after.splitlines())


def test_def_finding_at_the_def() -> None:
    _, findings = fix_python2_syntax(b"class C:\n    def f(self, (a, b)):\n        return a\n")
    assert [(line, col, code) for line, col, code, _ in findings] == [(2, 5, "L2T022")]


@pytest.mark.parametrize("name", sorted(PAIRS))
def test_lambda_tuple_parameter_pair(name: str) -> None:
    before, after = PAIRS[name]
    assert not parses(before.encode())
    new, findings = fix_python2_syntax(before.encode())
    assert new.decode() == after
    assert findings and all(code == "L2T022" for _, _, code, _ in findings)


def test_nested_groups_and_defaults_unpack_as_python2_did() -> None:
    source = (
        b"f = lambda x, (i, (w, c)), (p, q)=(0, [1]), *r: (x, i, w, c, p, q, r)\n"
        b"order = sorted(enumerate([('b', 2), ('a', 2), ('c', 5)]), key=lambda (i, (w, c)): (-c, w))\n"
    )
    new, _ = fix_python2_syntax(source)
    namespace: dict = {}
    exec(new, namespace)
    # Python 2.7 gives these values for the source above
    assert namespace["f"](1, (2, (3, 4))) == (1, 2, 3, 4, 0, [1], ())
    assert namespace["f"](1, [2, "wc"], "pq", 9) == (1, 2, "w", "c", "p", "q", (9,))
    assert namespace["order"] == [(2, ("c", 5)), (1, ("a", 2)), (0, ("b", 2))]


def test_finding_at_the_lambda() -> None:
    _, findings = fix_python2_syntax(b"x = 1\ns = sorted(p, key=lambda (k, v): v)\n")
    assert [(line, col, code) for line, col, code, _ in findings] == [(2, 19, "L2T022")]


@pytest.mark.parametrize(
    "source",
    [
        "f = lambda (a, b)=lambda: 1: a\n",  # a lambda as a default value
        "f = lambda (a, ()): a\n",  # an empty group
        "def f((a, b), c):\n    if c:\n        return a + b\n",  # no line for the unpacking
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


EXEC_AND_DEF_PROGRAM = '''\
import numpy as np
import tensorflow as tf

config = {}
exec "batch_size = 2\\nhidden = 3" in config
exec "SCALE = 0.5"


class Model(object):
    def __init__(self, (batch, hidden), scale=SCALE):
        """A dense layer of fixed weights."""
        self.x = tf.placeholder(tf.float32, [batch, 4])
        w = tf.constant(np.arange(4 * hidden, dtype=np.float32).reshape(4, hidden) * scale)
        self.y = tf.matmul(self.x, w)

    def feed(self, (xs, ys)):

        for v in ys:
            xs = xs + v
        return {self.x: xs}


m = Model((config['batch_size'], config['hidden']))
with tf.Session() as sess:
    out = sess.run(m.y, m.feed((np.ones((2, 4)), [1, 2])))
    print out.tolist()
'''


@pytest.mark.heavy
def test_python2_exec_and_def_tuple_program_runs_after_rewrite_full(tmp_path: Path) -> None:
    program = tmp_path / "model.py"
    program.write_text(EXEC_AND_DEF_PROGRAM)
    rewrite = subprocess.run(
        [sys.executable, "-m", "legacy2tf2", "rewrite", "--full", str(program)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert rewrite.returncode == 0, rewrite.stdout + rewrite.stderr
    text = program.read_text()
    assert 'exec("batch_size = 2\\nhidden = 3", config)' in text
    assert "def feed(self, xs_ys):\n        (xs, ys) = xs_ys\n" in text
    added = [line for line in text.splitlines() if line.startswith("tf.compat.v1.disable_")]
    assert added  # the L2T013 line(s) after the TensorFlow import; no other line is added
    assert len(text.splitlines()) == len(EXEC_AND_DEF_PROGRAM.splitlines()) + len(added)
    run = subprocess.run(
        [sys.executable, str(program)], capture_output=True, text=True, check=False, cwd=tmp_path
    )
    assert run.returncode == 0, run.stderr[-2000:]
    # Python 2: the 2x4 feed of ones + 1 + 2 times the 4x3 weights arange(12) * 0.5
    expected = (np.full((2, 4), 4.0) @ (np.arange(12.0).reshape(4, 3) * 0.5)).tolist()
    assert run.stdout.strip().splitlines()[-1] == str(expected)
