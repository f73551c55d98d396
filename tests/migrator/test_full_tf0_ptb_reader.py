"""--full: TF 0.x's ``from tensorflow.models.rnn.ptb import reader`` (the PTB tutorial's reader,
which TensorFlow shipped until 0.12) read only for the reader's functions imports them from
``legacy2tf2.runtime.ptb_reader``.

A TF 0.12 book notebook (a PTB language model: ``reader.ptb_raw_data``, ``reader.ptb_producer``
and queue runners) stopped at that import (L2T006, L2T021), as did TF 0.x blog notebooks reading
their text with ``reader.ptb_iterator``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from legacy2tf2.migrator.tf0_ptb_reader import fix_ptb_reader
from tests.e2e.helpers import python

RUNTIME = "from legacy2tf2.runtime import ptb_reader as reader\n"


def fix(source: str) -> tuple[str, list[str]]:
    new, changes = fix_ptb_reader(source.encode())
    return new.decode(), [code for _line, _col, code, _msg in changes]


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            "import numpy as np\n"
            "from tensorflow.models.rnn.ptb import reader\n"
            "\n"
            "train_data, valid_data, test_data, _ = reader.ptb_raw_data(DATA_PATH)\n"
            "for step, (x, y) in enumerate(reader.ptb_iterator(train_data, 20, 35)):\n"
            "    pass\n",
            "import numpy as np\n" + RUNTIME + "\n"
            "train_data, valid_data, test_data, _ = reader.ptb_raw_data(DATA_PATH)\n"
            "for step, (x, y) in enumerate(reader.ptb_iterator(train_data, 20, 35)):\n"
            "    pass\n",
        ),
        (
            "import tensorflow.models.rnn.ptb.reader as reader\n"
            "def main():\n"
            "    x, y = reader.ptb_producer(train_data, 20, 35)\n",
            RUNTIME + "def main():\n    x, y = reader.ptb_producer(train_data, 20, 35)\n",
        ),
        (
            "from tensorflow.models.rnn.ptb import reader as r  # the tutorial's\n"
            "vocab = r._build_vocab(path)\n",
            "from legacy2tf2.runtime import ptb_reader as r  # the tutorial's\n"
            "vocab = r._build_vocab(path)\n",
        ),
        (
            "from tensorflow.models.rnn.ptb.reader import ptb_producer, _build_vocab, "
            "_file_to_word_ids\n",
            "from legacy2tf2.runtime.ptb_reader import ptb_producer, _build_vocab, "
            "_file_to_word_ids\n",
        ),
    ],
)
def test_the_reader_read_for_its_functions_comes_from_the_runtime(before: str, after: str) -> None:
    assert fix(before) == (after, ["L2T010"])
    assert fix(after) == (after, [])


IMPORT = "from tensorflow.models.rnn.ptb import reader\n"


@pytest.mark.parametrize(
    "source",
    [
        # another name of the module, the module passed on: the file is needed (L2T006)
        IMPORT + "it = reader.PTBIterator(data)\n",
        IMPORT + "use(reader)\n",
        IMPORT + "reader.ptb_raw_data = load\n",
        # bound again, here or as a local
        IMPORT + "x = reader.ptb_raw_data(p)\nimport reader\n",
        IMPORT + "def f(reader):\n    return reader.ptb_raw_data(p)\n",
        # not a module-level line of its own
        "try:\n    " + IMPORT + "except ImportError:\n    import reader\nreader.ptb_raw_data(p)\n",
        "from tensorflow.models.rnn.ptb import reader, ptb_word_lm\nreader.ptb_raw_data(p)\n",
        "from tensorflow.models.rnn.ptb.reader import ptb_raw_data, PTBIterator\n",
        "import tensorflow.models.rnn.ptb.reader\n",
        IMPORT + "\n",  # never read
    ],
)
def test_other_uses_keep_the_import(source: str) -> None:
    assert fix(source) == (source, [])


# PTB's layout (a space at each end of a line); "b" 4 times, "a" 3, "c" 2, "<eos>" 2, "d" 1:
# ids b 0, a 1, <eos> 2, c 3, d 4 (ties in string order)
TRAIN = " a b c \n b a b d a b c \n"
CELLS = [
    "import numpy as np\nimport tensorflow as tf\nfrom tensorflow.models.rnn.ptb import reader",
    "train, valid, test, vocab = reader.ptb_raw_data('data')\nprint(train, valid, vocab)",
    "x, y = reader.ptb_producer(train, 2, 2)\n"
    "with tf.Session() as session:\n"
    "    coord = tf.train.Coordinator()\n"
    "    threads = tf.train.start_queue_runners(sess=session, coord=coord)\n"
    "    for step in range(3):\n"
    "        xs, ys = session.run([x, y])\n"
    "        print(xs.tolist(), ys.tolist())\n"
    "    coord.request_stop()\n"
    "    coord.join(threads)",
]


def _notebook(cells: list[str]) -> str:
    return json.dumps(
        {
            "cells": [
                {
                    "cell_type": "code",
                    "execution_count": None,
                    "metadata": {},
                    "outputs": [],
                    "source": source,
                }
                for source in cells
            ],
            "metadata": {},
            "nbformat": 4,
            "nbformat_minor": 1,
        }
    )


@pytest.mark.heavy
def test_a_tf0_12_notebook_reads_its_text_as_the_tutorials_reader_did(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "ptb.train.txt").write_text(TRAIN)
    (tmp_path / "data" / "ptb.valid.txt").write_text(
        " d c \n zzz a \n"
    )  # zzz: not in the vocabulary
    (tmp_path / "data" / "ptb.test.txt").write_text(" a \n")
    (tmp_path / "lm.ipynb").write_text(_notebook(CELLS))
    done = python("-m", "legacy2tf2", "rewrite", "--full", ".", cwd=tmp_path, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "L2T006" not in done.stderr and "L2T021" not in done.stderr
    assert "lm.ipynb:3:1: L2T010 cell 1:" in done.stderr
    done = python("-m", "tests.e2e.notebook_runner", "lm.ipynb", cwd=tmp_path, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    lines = done.stdout.splitlines()[-4:]
    # by hand: "a b c <eos> b a b d a b c <eos>"; valid "d c <eos> a <eos>" (zzz dropped)
    assert lines[0] == "[1, 0, 3, 2, 0, 1, 0, 4, 1, 0, 3, 2] [4, 3, 2, 1, 2] 5"
    # two rows of 6, (6 - 1) // 2 = 2 steps, then the first again
    assert lines[1:] == [
        "[[1, 0], [0, 4]] [[0, 3], [4, 1]]",
        "[[3, 2], [1, 0]] [[2, 0], [0, 3]]",
        "[[1, 0], [0, 4]] [[0, 3], [4, 1]]",
    ]
