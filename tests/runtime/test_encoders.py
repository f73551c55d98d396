"""legacy2tf2.runtime.encoders.embed_sequence: TF1's variable name, collections and reuse, and
the lookup checked against NumPy indexing of the variable's value."""

from __future__ import annotations

import numpy as np
import pytest
import tensorflow as tf

from legacy2tf2.runtime.encoders import embed_sequence

v1 = tf.compat.v1
IDS = np.array([[5, 1, 3, 1], [0, 9, 9, 2]], np.int32)


def test_graph_variable_names_collections_and_lookup() -> None:
    with tf.Graph().as_default():
        first = embed_sequence(IDS, vocab_size=10, embed_dim=3)
        second = embed_sequence(IDS, vocab_size=10, embed_dim=3, unique=True)
        with v1.variable_scope("encoder"):
            named = embed_sequence(IDS, 10, 3, scope="embed")
        names = [v.name for v in v1.global_variables()]
        model = [v.name for v in v1.get_collection(v1.GraphKeys.MODEL_VARIABLES)]
        with v1.Session() as sess:
            sess.run(v1.global_variables_initializer())
            values = sess.run(v1.global_variables())
            got = sess.run([first, second, named])
    assert names == [
        "EmbedSequence/embeddings:0",
        "EmbedSequence_1/embeddings:0",
        "encoder/embed/embeddings:0",
    ]
    assert model == names
    for table, out in zip(values, got, strict=True):
        assert table.shape == (10, 3)
        assert out.shape == (2, 4, 3)
        np.testing.assert_array_equal(out, table[IDS])
    # glorot-uniform by default: bounded by sqrt(6 / (10 + 3))
    assert np.abs(values[0]).max() <= np.sqrt(6 / 13) and values[0].std() > 0


def test_reuse_without_sizes_initializer_and_regularizer() -> None:
    with tf.Graph().as_default():
        with v1.variable_scope("shared"):
            enc = embed_sequence(
                IDS,
                10,
                3,
                scope="emb",
                initializer=v1.constant_initializer(np.arange(30).reshape(10, 3)),
                regularizer=lambda w: tf.reduce_sum(w),
            )
        with v1.variable_scope("shared", reuse=True):
            dec = embed_sequence(IDS[:, :2], scope="emb", reuse=True)
        assert len(v1.global_variables()) == 1
        losses = v1.get_collection(v1.GraphKeys.REGULARIZATION_LOSSES)
        with v1.Session() as sess:
            sess.run(v1.global_variables_initializer())
            enc_v, dec_v, loss_v = sess.run([enc, dec, losses[0]])
    table = np.arange(30, dtype=np.float32).reshape(10, 3)
    np.testing.assert_array_equal(enc_v, table[IDS])
    np.testing.assert_array_equal(dec_v, table[IDS[:, :2]])
    assert loss_v == table.sum()


def test_restores_a_checkpoint_by_tf1_name(tmp_path) -> None:
    table = np.random.RandomState(0).randn(10, 3).astype(np.float32)
    with tf.Graph().as_default():
        v1.get_variable("EmbedSequence/embeddings", initializer=table)
        with v1.Session() as sess:
            sess.run(v1.global_variables_initializer())
            v1.train.Saver().save(sess, str(tmp_path / "m.ckpt"))
    with tf.Graph().as_default():
        out = embed_sequence(IDS, 10, 3)
        with v1.Session() as sess:
            v1.train.Saver().restore(sess, str(tmp_path / "m.ckpt"))
            np.testing.assert_array_equal(sess.run(out), table[IDS])


def test_sizes_are_required_without_reuse() -> None:
    match = "Must specify vocab size and embedding dimension"
    with tf.Graph().as_default(), pytest.raises(ValueError, match=match):
        embed_sequence(IDS, vocab_size=10)


def test_eager_lookup_reads_the_stored_variable() -> None:
    out = embed_sequence(IDS, 10, 3, scope="eager_embed")
    again = embed_sequence(IDS, 10, 3, scope="eager_embed", reuse=True)
    np.testing.assert_array_equal(out.numpy(), again.numpy())
    assert out.shape == (2, 4, 3)
    np.testing.assert_array_equal(out.numpy()[0, 1], out.numpy()[0, 3])  # same id, same row
