"""``--full``: TF1's sharding functions move to ``tf.compat.v1.nn``.

TF 2's ``tf.nn.embedding_lookup``/``sampled_softmax_loss``/``nce_loss``/``embedding_lookup_sparse``
dropped ``partition_strategy`` (a TypeError on the keyword) and shard a list of tables ``'div'``
where TF1's default was ``'mod'``; ``tf.compat.v1.nn`` keeps TF1's functions. Exact pairs of
:func:`legacy2tf2.migrator.pre1_0.fix_pre_1_0`, cases left alone, and runs of rewritten calls
through TensorFlow checked against NumPy.
"""

from __future__ import annotations

import libcst as cst
import numpy as np
import pytest

from legacy2tf2.migrator.pre1_0 import fix_pre_1_0

TF_1_X = "import tensorflow as tf\nout = tf.contrib.legacy_seq2seq.rnn_decoder(a, b, c)\n"


def fix(source: str) -> tuple[str, list[tuple[int, str]]]:
    new, changes = fix_pre_1_0(cst.parse_module(source))
    return new.code, [(line, code) for line, _col, code, _msg in changes]


def test_sampled_softmax_loss_keyword_moves_to_compat_v1() -> None:
    source = TF_1_X + (
        "loss = tf.nn.sampled_softmax_loss(\n"
        "    weights=w, biases=b, labels=y, inputs=h, num_sampled=64, num_classes=V,\n"
        "    partition_strategy='mod')\n"
    )
    assert fix(source) == (
        TF_1_X
        + (
            "loss = tf.compat.v1.nn.sampled_softmax_loss(\n"
            "    weights=w, biases=b, labels=y, inputs=h, num_sampled=64, num_classes=V,\n"
            "    partition_strategy='mod')\n"
        ),
        [(3, "L2T010")],
    )


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            "e = tf.nn.embedding_lookup(shards, ids, partition_strategy='div')\n",
            "e = tf.compat.v1.nn.embedding_lookup(shards, ids, partition_strategy='div')\n",
        ),
        (
            "e = tf.nn.embedding_lookup(shards, ids, 'mod')\n",
            "e = tf.compat.v1.nn.embedding_lookup(shards, ids, 'mod')\n",
        ),
        (
            "e = tf.nn.embedding_lookup_sparse(p, sp, None, 'mod', combiner='sum')\n",
            "e = tf.compat.v1.nn.embedding_lookup_sparse(p, sp, None, 'mod', combiner='sum')\n",
        ),
        (
            "l = tf.nn.nce_loss(w, b, y, x, 8, V, partition_strategy='div')\n",
            "l = tf.compat.v1.nn.nce_loss(w, b, y, x, 8, V, partition_strategy='div')\n",
        ),
    ],
)
def test_other_partitioned_calls_move_to_compat_v1(before: str, after: str) -> None:
    assert fix(TF_1_X + before) == (TF_1_X + after, [(3, "L2T010")])


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            "e = tf.nn.embedding_lookup(table, ids)\n",
            "e = tf.compat.v1.nn.embedding_lookup(table, ids)\n",
        ),
        (
            "e = tf.nn.embedding_lookup(table, ids, max_norm=1.0)\n",
            "e = tf.compat.v1.nn.embedding_lookup(table, ids, max_norm=1.0)\n",
        ),
        (
            "l = tf.nn.sampled_softmax_loss(w, b, y, x, 64, V)\n",
            "l = tf.compat.v1.nn.sampled_softmax_loss(w, b, y, x, 64, V)\n",
        ),
    ],
)
def test_default_strategy_calls_move_too(before: str, after: str) -> None:
    assert fix(TF_1_X + before) == (TF_1_X + after, [(3, "L2T010")])


@pytest.mark.parametrize(
    "line",
    [
        "l = tf.compat.v1.nn.nce_loss(w, b, y, x, 8, V, partition_strategy='div')\n",
        "l = my.nn.nce_loss(w, b, y, x, 8, V, partition_strategy='div')\n",
        "l = tf.nn.softmax(x, name='partition_strategy')\n",
        "l = tf.nn.embedding_lookup\n",
    ],
)
def test_other_calls_are_left_alone(line: str) -> None:
    assert fix(TF_1_X + line) == (TF_1_X + line, [])


def test_default_lookup_of_two_shards_reads_tf1s_mod_rows() -> None:
    pytest.importorskip("tensorflow")
    source = "import tensorflow as tf\ndef look(shards, ids):\n    return tf.nn.embedding_lookup(shards, ids)\n"
    new, _ = fix(source)
    namespace: dict = {}
    exec(compile(new, "<migrated>", "exec"), namespace)
    shards = [
        np.arange(12, dtype=np.float32).reshape(3, 4),
        100 + np.arange(8, dtype=np.float32).reshape(2, 4),
    ]
    ids = np.array([0, 1, 2, 3, 4])
    got = namespace["look"](shards, ids).numpy()
    # TF1's default 'mod': id i is row i // 2 of shard i % 2.
    np.testing.assert_array_equal(got, np.stack([shards[i % 2][i // 2] for i in ids]))


def test_rewritten_loss_runs_and_equals_the_full_softmax_when_sampling_everything() -> None:
    pytest.importorskip("tensorflow")
    from legacy2tf2.migrator.full_upgrade import full_upgrade

    source = (
        "import tensorflow as tf\n"
        "def loss(w, b, y, h):\n"
        "    return tf.nn.sampled_softmax_loss(weights=w, biases=b, labels=y, inputs=h,\n"
        "        num_sampled=5, num_classes=6, remove_accidental_hits=False,\n"
        "        sampled_values=(tf.constant([1, 2, 3, 4, 5], tf.int64), tf.ones([1]), tf.ones([5])),\n"
        "        partition_strategy='mod')\n"
    )
    full = full_upgrade(source.encode()).source.decode()
    assert "tf.compat.v1.nn.sampled_softmax_loss(" in full  # TensorFlow's upgrader keeps it
    new, _ = fix(source)  # eager here: the pass alone, without --full's graph-mode line
    rng = np.random.RandomState(3)
    w = [rng.randn(3, 4).astype(np.float32), rng.randn(3, 4).astype(np.float32)]
    b = rng.randn(6).astype(np.float32)
    h = rng.randn(2, 4).astype(np.float32)
    y = np.array([[0], [0]], np.int64)
    namespace: dict = {}
    exec(compile(new, "<migrated>", "exec"), namespace)
    got = namespace["loss"](w, b, y, h).numpy()
    # 'mod' sharding: row r of the 6-row table is row r // 2 of shard r % 2.
    table = np.stack([w[r % 2][r // 2] for r in range(6)])
    logits = h @ table.T + b - np.log(np.ones(6))  # true and sampled expected counts are 1
    expected = -logits[:, 0] + np.log(np.exp(logits).sum(axis=1))
    np.testing.assert_allclose(got, expected, rtol=1e-5)
