"""``--full``: a Python 2 program's sequence made from a set's order is reported (L2T023).

Python 2.7 hashed ``str`` the same way in every run unless started with ``-R`` (Python 2.7
docs, "Command line and environment": ``-R`` "Turn on hash randomization ... off by default");
Python 3.3+ randomizes it per process (``PYTHONHASHSEED``), so ``list(set(text))``, the char-RNN
vocabulary of the TF1 years (e.g. a TF 0.x ``lstm.py <file> train|test`` that rebuilds it in
both runs), numbers the characters differently in the training and the sampling run.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from legacy2tf2.migrator.full_upgrade import full_upgrade
from legacy2tf2.migrator.notebooks import process_notebook
from legacy2tf2.migrator.py2_set_order import unordered_set_reports
from legacy2tf2.migrator.steps import FULL


@pytest.mark.parametrize(
    ("source", "shown"),
    [
        ("chars = list(set(data))\n", "list(set(data))"),
        ("ix = {c: i for i, c in enumerate(set(words))}\n", "enumerate(set(words))"),
        ("vocab = dict(zip(set(tokens), range(n)))\n", "zip(set(tokens), range(n))"),
        ("t = tuple(set(open(p).read()))\n", "tuple(set(open(p).read()))"),
        ("import numpy as np\na = np.array(set(chars))\n", "np.array(set(chars))"),
        # used (numbered) before the sort, or another list sorted
        (
            "chars = list(set(data))\nix = {c: i for i, c in enumerate(chars)}\nchars.sort()\n",
            "list(set(data))",
        ),
        ("chars = list(set(data))\nothers.sort()\n", "list(set(data))"),
        ("a, b = list(set(data)), 1\na.sort()\n", "list(set(data))"),
    ],
)
def test_a_sequence_made_from_a_set_is_reported(source: str, shown: str) -> None:
    [(line, col, code, message)] = unordered_set_reports(source.encode())
    assert code == "L2T023"
    assert message.startswith(f"{shown} takes the set's order: Python 2 gave a set of strings")
    assert "sorted(set(...))" in message
    lines = source.splitlines()
    assert lines[line - 1][col - 1 :].startswith(shown)


@pytest.mark.parametrize(
    "source",
    [
        "chars = sorted(set(data))\n",
        # sorted in place before any use (a Chinese lyrics generator's DataGenerator)
        "self.words = list(set(self.data))\nself.words.sort()\n",
        "def f(data):\n    chars = list(set(data))\n    chars.sort(key=len)\n    return chars\n",
        "chars = list(set(data)); chars.sort()\n",
        "n = len(set(data))\n",
        "ids = list(set(range(10)))\n",
        "common = set(a) & set(b)\n",
        "for c in set(data):\n    counts[c] += 1\n",
        "s = set()\nitems = list(s)\n",
        "def set(x):\n    return x\nchars = list(set(data))\n",  # not the builtin
    ],
)
def test_order_free_uses_are_not_reported(source: str) -> None:
    assert unordered_set_reports(source.encode()) == []


def test_only_python_2_code_is_reported() -> None:
    pytest.importorskip("tensorflow")
    py2 = "data = open('in.txt').read()\nchars = list(set(data))\nprint 'vocab', len(chars)\n"
    py3 = "data = open('in.txt').read()\nchars = list(set(data))\nprint('vocab', len(chars))\n"
    reports = [(f.line, f.code) for f in full_upgrade(py2.encode()).findings]
    assert (2, "L2T023") in reports
    assert "L2T023" not in [f.code for f in full_upgrade(py3.encode()).findings]


def test_a_python_2_notebook_is_reported_at_its_cell() -> None:
    pytest.importorskip("tensorflow")
    cells = ["import tensorflow as tf\ndata = open('in.txt').read()\n", "chars = list(set(data))\n"]
    nb = {
        "cells": [{"cell_type": "code", "metadata": {}, "outputs": [], "source": c} for c in cells],
        "metadata": {"kernelspec": {"name": "python2"}},
        "nbformat": 4,
        "nbformat_minor": 0,
    }
    result = process_notebook(json.dumps(nb).encode(), "nb.ipynb", FULL)
    [report] = [f for f in result.findings if f.code == "L2T023"]
    assert (report.line, report.col) == (1, 9)
    assert report.message.startswith("cell 2: list(set(data)) takes the set's order")


def test_python_3_orders_a_set_of_strings_anew_in_each_process() -> None:
    """The fact the report rests on: two runs, two orders (the seeds fix two of them)."""
    program = "print(''.join(list(set('abcdefghijklmnopqrstuvwxyz'))))"
    orders = set()
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        run = subprocess.run(
            [sys.executable, "-c", program], capture_output=True, text=True, env=env, check=True
        )
        orders.add(run.stdout.strip())
    assert len(orders) > 1
