"""A Python 2 TF program over Chinese text (``reload(sys); sys.setdefaultencoding('utf-8')``,
``ur"[\\u4e00-\\u9fa5]"``, print statements), migrated by the real ``rewrite --full`` and run: it
prints what it printed on Python 2."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

PROGRAM = """\
# -*- coding: utf-8 -*-
import re
import sys
reload(sys)
sys.setdefaultencoding('utf-8')
import tensorflow as tf

HAN = re.compile(ur"[\\u4e00-\\u9fa5]")
text = u"我们 love 深度学习 tf"
chars = HAN.findall(text)
vocab = dict((c, i) for i, c in enumerate(sorted(set(chars))))
ids = tf.constant([vocab[c] for c in chars])
with tf.Session() as sess:
    print len(chars), sess.run(tf.reduce_sum(ids)), u"".join(chars)
"""


@pytest.mark.heavy
def test_python2_chinese_text_program_runs_after_rewrite_full(tmp_path: Path) -> None:
    program = tmp_path / "han.py"
    program.write_text(PROGRAM, encoding="utf-8")
    rewrite = subprocess.run(
        [sys.executable, "-m", "legacy2tf2", "rewrite", "--full", str(program)],
        capture_output=True,
        text=True,
        check=False,
    )
    out = rewrite.stdout + rewrite.stderr
    assert "L2T000" not in out and "L2T023" not in out, out
    text = program.read_text(encoding="utf-8")
    assert "HAN = re.compile('[\\u4e00-\\u9fa5]')" in text
    assert "\npass\n" in text
    run = subprocess.run(
        [sys.executable, str(program)],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
        env={"PYTHONIOENCODING": "utf-8", "PATH": "/usr/bin:/bin"},
        encoding="utf-8",
    )
    assert run.returncode == 0, run.stderr[-2000:]
    # Python 2: the six Han characters, ids 0..5 summed, the characters joined
    assert run.stdout.strip().splitlines()[-1] == "6 15 我们深度学习"
