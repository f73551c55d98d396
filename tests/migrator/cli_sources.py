"""Small source files in the styles of real TF1 seq2seq code, shared by the command tests.

Imported by name (``from cli_sources import ...``): pytest puts this directory on ``sys.path``.
"""

from __future__ import annotations

from pathlib import Path

MODEL = """\
import tensorflow as tf


def build(encoder_inputs, decoder_inputs, feed_previous):
    cell = tf.contrib.rnn.GRUCell(64)
    return tf.contrib.legacy_seq2seq.embedding_rnn_seq2seq(
        encoder_inputs, decoder_inputs, cell, 100, 100, 32, feed_previous=feed_previous)
"""

LOSS = """\
from tensorflow.contrib import legacy_seq2seq as seq2seq


def loss(logits, targets, weights):
    return seq2seq.sequence_loss(logits, targets, weights)
"""

PY2 = """\
import tensorflow as tf

print "building", tf.contrib.legacy_seq2seq.rnn_decoder
"""

FSTRING = """\
import tensorflow as tf

name = "char-rnn"
label = "model " f"{name}"
decoder = tf.contrib.legacy_seq2seq.rnn_decoder
"""

PLAIN = """\
import os


def data_dir(root):
    return os.path.join(root, "data")  # no TensorFlow here
"""

UNSAFE = """\
import importlib

seq2seq = importlib.import_module("tensorflow.contrib.legacy_seq2seq")
"""


def make_tree(tmp_path: Path) -> Path:
    """A project with one file to rewrite, one loss module, and one plain file."""
    root = tmp_path / "project"
    (root / "models").mkdir(parents=True)
    (root / "models" / "seq2seq_model.py").write_text(MODEL)
    (root / "models" / "losses.py").write_text(LOSS)
    (root / "utils.py").write_text(PLAIN)
    return root


PRE_1_0_LOSS = """\
import tensorflow as tf


def loss(logits, targets, weights):
    return tf.nn.seq2seq.sequence_loss(logits, targets, weights, 10000)
"""
