"""A TF 1.2+ program that made ``copy.deepcopy`` of its cells return the cell itself
(``setattr(tf.contrib.rnn.MultiRNNCell, '__deepcopy__', lambda self, _: self)``, the common
workaround for legacy_seq2seq's deep copy of a cell on TF 1.2+) shares one set of cell weights
between the encoder and the decoder; a checkpoint it saved holds only the encoder's.

TF1 facts (contrib/legacy_seq2seq/python/ops/seq2seq.py and the TF 1.2+ layers):
``embedding_rnn_seq2seq`` runs ``encoder_cell = copy.deepcopy(cell)`` wrapped in an
``EmbeddingWrapper`` under ``rnn`` (so, with the patch, ``cell`` itself is built there, at
``embedding_rnn_seq2seq/rnn/embedding_wrapper/multi_rnn_cell/cell_0/basic_lstm_cell``), then the
decoder runs ``OutputProjectionWrapper(cell, num_decoder_symbols)`` under
``embedding_rnn_decoder/rnn_decoder``; a TF 1.2+ cell keeps the scope of its first call, so the
decoder computes with the encoder's kernel. A second call under ``reuse=tf.AUTO_REUSE``
(``feed_previous=True``) reuses everything.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from tests.e2e.helpers import cli, run_program

PROGRAM = """\
import numpy as np
import tensorflow as tf

setattr(tf.contrib.rnn.BasicLSTMCell, '__deepcopy__', lambda self, _: self)
setattr(tf.contrib.rnn.MultiRNNCell, '__deepcopy__', lambda self, _: self)

encoder = [tf.placeholder(tf.int32, [None]) for _ in range(3)]
decoder = [tf.zeros_like(encoder[0])] + [tf.placeholder(tf.int32, [None]) for _ in range(2)]
cell = tf.contrib.rnn.MultiRNNCell([tf.contrib.rnn.BasicLSTMCell(4)])
with tf.variable_scope("model", reuse=tf.AUTO_REUSE):
    train, _ = tf.contrib.legacy_seq2seq.embedding_rnn_seq2seq(encoder, decoder, cell, 7, 6, 4)
    infer, _ = tf.contrib.legacy_seq2seq.embedding_rnn_seq2seq(
        encoder, decoder, cell, 7, 6, 4, feed_previous=True)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    feed = {p: np.array([1 + t, 5 - t]) for t, p in enumerate(encoder)}
    feed.update({p: np.array([2, 3]) for p in decoder[1:]})
    weights = {v.op.name: sess.run(v) for v in tf.global_variables()}
    np.savez("run.npz", infer=np.array(sess.run(infer, feed)), **weights)
"""

SCOPE = "model/embedding_rnn_seq2seq"
CELL = "multi_rnn_cell/cell_0/basic_lstm_cell"


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1 / (1 + np.exp(-z))


def _lstm(x, state, kernel, bias):
    """TF1's BasicLSTMCell step (forget_bias 1.0): gates i, j, f, o of [x, h] @ kernel + bias."""
    c, h = state
    i, j, f, o = np.split(np.concatenate([x, h], 1) @ kernel + bias, 4, axis=1)
    c = c * _sigmoid(f + 1.0) + _sigmoid(i) * np.tanh(j)
    h = np.tanh(c) * _sigmoid(o)
    return h, (c, h)


def test_a_deepcopy_returning_the_cell_shares_it_between_encoder_and_decoder(
    tmp_path: Path,
) -> None:
    (tmp_path / "model.py").write_text(PROGRAM)
    done = cli("rewrite", "--full", "model.py", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    run_program(tmp_path, "model.py")
    run = np.load(tmp_path / "run.npz")
    assert sorted(name for name in run.files if name != "infer") == [
        f"{SCOPE}/embedding_rnn_decoder/embedding",
        f"{SCOPE}/embedding_rnn_decoder/rnn_decoder/output_projection_wrapper/bias",
        f"{SCOPE}/embedding_rnn_decoder/rnn_decoder/output_projection_wrapper/kernel",
        f"{SCOPE}/rnn/embedding_wrapper/embedding",
        f"{SCOPE}/rnn/embedding_wrapper/{CELL}/bias",
        f"{SCOPE}/rnn/embedding_wrapper/{CELL}/kernel",
    ]

    kernel = run[f"{SCOPE}/rnn/embedding_wrapper/{CELL}/kernel"]
    bias = run[f"{SCOPE}/rnn/embedding_wrapper/{CELL}/bias"]
    source = run[f"{SCOPE}/rnn/embedding_wrapper/embedding"]
    target = run[f"{SCOPE}/embedding_rnn_decoder/embedding"]
    w = run[f"{SCOPE}/embedding_rnn_decoder/rnn_decoder/output_projection_wrapper/kernel"]
    b = run[f"{SCOPE}/embedding_rnn_decoder/rnn_decoder/output_projection_wrapper/bias"]
    state = (np.zeros((2, 4)), np.zeros((2, 4)))
    for t in range(3):
        _, state = _lstm(source[np.array([1 + t, 5 - t])], state, kernel, bias)
    token = np.zeros(2, int)  # the GO input: decoder[0] (zeros)
    expected = []
    for _ in range(3):  # feed_previous: each step reads the argmax of the previous output
        output, state = _lstm(target[token], state, kernel, bias)
        logits = output @ w + b
        expected.append(logits)
        token = logits.argmax(1)
    np.testing.assert_allclose(run["infer"], np.array(expected), rtol=1e-5, atol=1e-6)
