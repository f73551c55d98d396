"""The runtime (and the parity replay that uses it) import with TensorFlow alone: no migrator,
libcst or click."""

import subprocess
import sys

BLOCKER = """
import sys
class Block:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("libcst", "click") or name.startswith("legacy2tf2.migrator"):
            raise ImportError("blocked: " + name)
sys.meta_path.insert(0, Block())
from legacy2tf2.runtime import legacy_seq2seq, rnn_cell, checkpoint
from legacy2tf2 import parity_replay
import tensorflow as tf
cell = rnn_cell.GRUCell(2)
out, _ = legacy_seq2seq.rnn_decoder([tf.ones([1, 3])], cell.zero_state(1, tf.float32), cell)
print("ok", out[0].shape)
"""


def test_runtime_runs_with_migrator_libcst_and_click_blocked():
    result = subprocess.run(
        [sys.executable, "-c", BLOCKER], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "ok (1, 2)" in result.stdout
