"""``--full``: TF 0.6-0.8's embedding calls without ``embedding_size`` get the width TF 0.8 used,
the cell's ``input_size``; the runtime cells have TF 0.x's ``input_size``."""

from __future__ import annotations

from pathlib import Path

import libcst as cst
import numpy as np
import pytest

from legacy2tf2.migrator import engine
from legacy2tf2.migrator.full_upgrade import full_upgrade
from legacy2tf2.migrator.tf0_embedding import fix_embedding_sizes
from tests.e2e.helpers import python

TF0 = "import tensorflow as tf\nfrom tensorflow.models.rnn import rnn_cell, seq2seq\n"
REWRITTEN = (
    "import tensorflow as tf\nfrom legacy2tf2.runtime import rnn_cell, legacy_seq2seq as seq2seq\n"
)


def fix(original: str) -> tuple[str, list[str]]:
    """The rewrite, then the embedding-size fix, as ``--full`` runs them."""
    rewritten = engine.rewrite_source(original.encode()).source.decode()
    new, changes = fix_embedding_sizes(cst.parse_module(rewritten), cst.parse_module(original))
    return new.code, [code for _line, _col, code, _msg in changes]


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            "out, st = seq2seq.embedding_attention_seq2seq(enc, dec, cell, 10, 12,\n"
            "    output_projection=proj, feed_previous=do_decode)\n",
            "out, st = seq2seq.embedding_attention_seq2seq(enc, dec, cell, 10, 12,\n"
            "    output_projection=proj, feed_previous=do_decode, "
            "embedding_size=cell.input_size)\n",
        ),
        (
            "out, st = seq2seq.embedding_rnn_seq2seq(enc, dec, self.cell, V, V)\n",
            "out, st = seq2seq.embedding_rnn_seq2seq(enc, dec, self.cell, V, V, "
            "embedding_size=self.cell.input_size)\n",
        ),
        (
            "out, st = seq2seq.embedding_tied_rnn_seq2seq(enc, dec, cell, V)\n",
            "out, st = seq2seq.embedding_tied_rnn_seq2seq(enc, dec, cell, V, "
            "embedding_size=cell.input_size)\n",
        ),
        (
            "out, st = seq2seq.embedding_rnn_decoder(dec, state, cell, V, feed_previous=True)\n",
            "out, st = seq2seq.embedding_rnn_decoder(dec, state, cell, V, feed_previous=True, "
            "embedding_size=cell.input_size)\n",
        ),
        (
            "out, st = seq2seq.embedding_attention_decoder(dec, st0, att, cell, V, num_heads=2)\n",
            "out, st = seq2seq.embedding_attention_decoder(dec, st0, att, cell, V, num_heads=2, "
            "embedding_size=cell.input_size)\n",
        ),
        (
            "wrapped = rnn_cell.EmbeddingWrapper(cell, 40)\n",
            "wrapped = rnn_cell.EmbeddingWrapper(cell, 40, embedding_size=cell.input_size)\n",
        ),
        (
            "wrapped = rnn_cell.EmbeddingWrapper(cell=cell, embedding_classes=40)\n",
            "wrapped = rnn_cell.EmbeddingWrapper(cell=cell, embedding_classes=40, "
            "embedding_size=cell.input_size)\n",
        ),
    ],
)
def test_tf0_8_embedding_calls_get_the_cells_input_size(before: str, after: str) -> None:
    assert fix(TF0 + before) == (REWRITTEN + after, ["L2T010"])


@pytest.mark.parametrize(
    "body",
    [
        "out, st = seq2seq.embedding_attention_seq2seq(enc, dec, cell, 10, 12, 64)\n",
        "out, st = seq2seq.embedding_rnn_seq2seq(enc, dec, cell, V, V, embedding_size=64)\n",
        "out, st = seq2seq.embedding_rnn_seq2seq(enc, dec, cell, V, V, **options)\n",
        "wrapped = rnn_cell.EmbeddingWrapper(cell, 40, 16)\n",
        "out, st = seq2seq.attention_decoder(dec, st0, att, cell)\n",
        "out, st = embedding_rnn_seq2seq(enc, dec, cell, V, V)\n",
    ],
)
def test_calls_that_give_a_size_or_are_not_the_runtimes_are_left(body: str) -> None:
    assert fix(TF0 + body) == (REWRITTEN + body, [])


@pytest.mark.parametrize(
    ("cells", "call"),
    [
        (
            "cell = rnn_cell.GRUCell(8)\n",
            "wrapped = rnn_cell.EmbeddingWrapper(rnn_cell.GRUCell(8), 40)\n",
        ),
        (
            "cell = rnn_cell.LSTMCell(8, input_size=16)\n",
            "out, st = seq2seq.embedding_rnn_seq2seq(enc, dec, cell, V, V)\n",
        ),
        (
            "cell = rnn_cell.GRUCell(8, 16)\n",
            "out, st = seq2seq.embedding_rnn_seq2seq(enc, dec, cell, V, V)\n",
        ),
    ],
)
def test_a_cell_built_in_the_call_or_given_an_input_size_is_reported(cells: str, call: str) -> None:
    new, codes = fix(TF0 + cells + call)
    assert codes == ["L2T003"]
    assert new.endswith(call)


@pytest.mark.parametrize(
    "cells",
    [
        "cell = rnn_cell.LSTMCell(hidden_size, hidden_size, initializer=init)\n",
        "cell = rnn_cell.LSTMCell(self.size, input_size=self.size)\n",
        "cell = rnn_cell.GRUCell(num_units=8, input_size=8)\n",
    ],
)
def test_tf0_5s_input_size_equal_to_num_units_is_the_runtime_cells_input_size(cells: str) -> None:
    # TF 0.5's LSTMCell required input_size; LSTMCell(size, size) made the embedding size wide,
    # which is the runtime cell's input_size (num_units) too
    new, codes = fix(TF0 + cells + "cell = rnn_cell.EmbeddingWrapper(cell, vocab_size)\n")
    assert new.endswith(
        "cell = rnn_cell.EmbeddingWrapper(cell, vocab_size, embedding_size=cell.input_size)\n"
    )
    assert codes == ["L2T010"]


@pytest.mark.parametrize(
    "cells",
    [
        "cell = rnn_cell.LSTMCell(hidden_size, embedding_size)\n",
        "cell = rnn_cell.LSTMCell(8, 8)\nother = rnn_cell.GRUCell(8, input_size=4)\n",
        "cell = rnn_cell.LSTMCell(size(), size())\n",
    ],
)
def test_an_input_size_other_than_num_units_is_still_reported(cells: str) -> None:
    new, codes = fix(TF0 + cells + "cell = rnn_cell.EmbeddingWrapper(cell, vocab_size)\n")
    assert new.endswith("cell = rnn_cell.EmbeddingWrapper(cell, vocab_size)\n")
    assert codes == ["L2T003"]


def test_full_upgrade_adds_the_size_and_notes_it() -> None:
    result = full_upgrade(
        (
            TF0 + "cell = rnn_cell.GRUCell(8)\n"
            "out, st = seq2seq.embedding_rnn_seq2seq(enc, dec, cell, 10, 12)\n"
        ).encode()
    )
    assert b"embedding_rnn_seq2seq(enc, dec, cell, 10, 12, embedding_size=cell.input_size)" in (
        result.source
    )
    assert [(f.line, f.code) for f in result.findings if "embedding_size" in f.message] == [
        (4, "L2T010")
    ]


def test_runtime_cells_have_tf0_input_size() -> None:
    from legacy2tf2.runtime import rnn_cell

    stack = rnn_cell.MultiRNNCell(
        [
            rnn_cell.DropoutWrapper(rnn_cell.GRUCell(8), output_keep_prob=0.5),
            rnn_cell.BasicLSTMCell(5),
        ]
    )
    assert stack.input_size == 8  # the first cell's num_units, through its wrapper
    assert rnn_cell.LSTMCell(6, num_proj=3).input_size == 6
    assert rnn_cell.BasicRNNCell(4).input_size == 4
    assert rnn_cell.OutputProjectionWrapper(rnn_cell.GRUCell(7), 3).input_size == 7
    assert rnn_cell.EmbeddingWrapper(rnn_cell.GRUCell(7), 10, 4).input_size == 1
    with pytest.raises(AttributeError, match=r"TF 0\.6-0\.8's second argument was the input width"):
        _ = rnn_cell.InputProjectionWrapper(rnn_cell.GRUCell(7), 3).input_size


PROGRAM = """\
import sys

import numpy as np
import tensorflow as tf
from tensorflow.models.rnn import rnn_cell
from tensorflow.models.rnn import seq2seq

single_cell = rnn_cell.GRUCell(6)
cell = rnn_cell.MultiRNNCell([single_cell] * 2)
enc = [tf.placeholder(tf.int32, shape=[None]) for _ in range(3)]
dec = [tf.placeholder(tf.int32, shape=[None]) for _ in range(4)]
outputs, states = seq2seq.embedding_attention_seq2seq(
    enc, dec, cell, 11, 13, feed_previous=False)
with tf.Session() as sess:
    tf.initialize_all_variables().run()
    feed = dict(zip(enc + dec, [np.array([1, 2]), np.array([3, 4]), np.array([5, 6]),
                                np.array([1, 1]), np.array([7, 8]), np.array([9, 10]),
                                np.array([2, 2])]))
    logits = sess.run(outputs, feed)
    shapes = dict((v.name, v.get_shape().as_list()) for v in tf.trainable_variables())
np.save(sys.argv[1], np.array([len(logits), logits[0].shape[1]]))
for name in sorted(shapes):
    if name.endswith("embedding:0"):
        print(name, shapes[name])
"""


@pytest.mark.heavy
def test_a_migrated_tf0_8_translate_style_model_has_tf0_8s_embedding_widths(
    tmp_path: Path,
) -> None:
    source = tmp_path / "model.py"
    source.write_text(PROGRAM)
    migrated = full_upgrade(source.read_bytes(), str(source))
    assert migrated.changed
    source.write_bytes(migrated.source)
    done = python(str(source), str(tmp_path / "out.npy"), cwd=tmp_path)
    assert done.returncode == 0, done.stderr[-3000:]
    # TF 0.8 made both embeddings [symbols, cell.input_size]: the cells' num_units, 6
    widths = dict(line.split(" ", 1) for line in done.stdout.splitlines())
    assert widths == {
        "embedding_attention_seq2seq/embedding_attention_decoder/embedding:0": "[13, 6]",
        "embedding_attention_seq2seq/rnn/embedding_wrapper/embedding:0": "[11, 6]",
    }
    assert np.load(tmp_path / "out.npy").tolist() == [4, 13]


TF0_5_PROGRAM = """\
import sys

import numpy as np
import tensorflow as tf
from tensorflow.models.rnn import rnn, rnn_cell

hidden_size, num_layers, vocab_size, steps = 5, 2, 7, 3
seq_input = [tf.placeholder(tf.int32, shape=[None]) for _ in range(steps)]
cell = rnn_cell.LSTMCell(hidden_size, hidden_size, initializer=tf.random_uniform_initializer(-1, 1))
cell = rnn_cell.MultiRNNCell([cell] * num_layers)
cell = rnn_cell.EmbeddingWrapper(cell, vocab_size)
outputs, states = rnn.rnn(cell, seq_input, dtype=tf.float32)
last = tf.slice(states[-1], [0, cell.output_size * (num_layers - 1)], [-1, cell.output_size])
with tf.Session() as sess:
    sess.run(tf.initialize_all_variables())
    feed = {seq_input[0]: [1, 2], seq_input[1]: [3, 4], seq_input[2]: [6, 0]}
    got, final = sess.run([last, states[-1]], feed)
    weights = dict((v.name, sess.run(v)) for v in tf.all_variables())
np.savez(sys.argv[1], last=got, final=final, **weights)
"""


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


@pytest.mark.heavy
def test_a_migrated_tf0_5_sentiment_style_lstm_equals_numpy(tmp_path: Path) -> None:
    """TF 0.5's LSTMCell(size, size) under an EmbeddingWrapper without a size (a public
    sentiment model's idiom): the embedding is [vocab, size] and the sliced final state is TF
    0.5's concatenated [c, m] of each layer, recomputed with NumPy (gates i, j, f, o; f + 1)."""
    source = tmp_path / "model.py"
    source.write_text(TF0_5_PROGRAM)
    migrated = full_upgrade(source.read_bytes(), str(source))
    source.write_bytes(migrated.source)
    done = python(str(source), str(tmp_path / "out.npz"), cwd=tmp_path)
    assert done.returncode == 0, done.stderr[-3000:]
    out = dict(np.load(tmp_path / "out.npz"))
    (embedding,) = [v for k, v in out.items() if k.endswith("embedding:0")]
    assert embedding.shape == (7, 5)
    layers = [
        (
            next(v for k, v in out.items() if f"cell_{i}/" in k and k.endswith("kernel:0")),
            next(v for k, v in out.items() if f"cell_{i}/" in k and k.endswith("bias:0")),
        )
        for i in range(2)
    ]
    n = 5
    state = np.zeros((2, 4 * n), np.float32)
    for ids in ([1, 2], [3, 4], [6, 0]):
        x, new = embedding[ids], []
        for i, (kernel, bias) in enumerate(layers):
            c, m = state[:, 2 * n * i : 2 * n * i + n], state[:, 2 * n * i + n : 2 * n * (i + 1)]
            gi, j, f, o = np.split(np.concatenate([x, m], 1) @ kernel + bias, 4, axis=1)
            c = _sigmoid(f + 1.0) * c + _sigmoid(gi) * np.tanh(j)
            x = _sigmoid(o) * np.tanh(c)
            new += [c, x]
        state = np.concatenate(new, 1)
    np.testing.assert_allclose(out["final"], state, atol=1e-5)
    # the program's slice at output_size * (num_layers - 1): the first layer's m
    np.testing.assert_allclose(out["last"], state[:, n : 2 * n], atol=1e-5)
