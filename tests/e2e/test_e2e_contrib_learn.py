"""TF1 programs using tf.contrib.learn's VocabularyProcessor and run_n, migrated with
``rewrite --full`` and run: the ids and values are checked against an independent computation."""

from __future__ import annotations

import collections
import itertools
import json
import re
from pathlib import Path

import numpy as np

from tests.e2e.helpers import cli, run_program

TRAIN = """\
import sys
import numpy as np
import tensorflow as tf
from tensorflow.contrib import learn

x_text = ["the movie was good", "the plot was bad bad", "good acting, the end", "was it good"]
max_document_length = max([len(x.split(" ")) for x in x_text])
vocab_processor = learn.preprocessing.VocabularyProcessor(max_document_length, min_frequency=1)
x = np.array(list(vocab_processor.fit_transform(x_text)))
print("size", len(vocab_processor.vocabulary_))
print("ids", " ".join(str(i) for i in x.flatten()))
vocab_processor.save(sys.argv[1])
"""

EVALUATE = """\
import sys
import numpy as np
import tensorflow as tf
from tensorflow.contrib import learn

vocab_processor = learn.preprocessing.VocabularyProcessor.restore(sys.argv[1])
x_test = np.array(list(vocab_processor.transform(["good good movie", "bad ending"])))
print("test", " ".join(str(i) for i in x_test.flatten()))
"""

RUN_N = """\
import numpy as np
import tensorflow as tf

X = np.arange(2 * 3 * 4, dtype=np.float64).reshape(2, 3, 4) / 10.0
W = tf.Variable(np.full([4, 2], 0.5), name="w")
outputs = tf.tanh(tf.einsum("btf,fu->btu", X, W))
result = tf.contrib.learn.run_n({"outputs": outputs, "last": outputs[:, -1]}, n=2, feed_dict=None)
print("runs", len(result))
print("outputs", " ".join("%.6f" % v for v in result[1]["outputs"].flatten()))
"""


def _numbers(label: str, text: str) -> list[float]:
    line = next(line for line in text.splitlines() if line.startswith(label + " "))
    return [float(v) for v in line.split()[1:]]


def test_migrated_vocabulary_program_saves_and_restores_tf1_ids(tmp_path: Path) -> None:
    (tmp_path / "train.py").write_text(TRAIN)
    (tmp_path / "evaluate.py").write_text(EVALUATE)
    assert cli("check", str(tmp_path), cwd=tmp_path).returncode == 1
    done = cli("rewrite", "--full", str(tmp_path), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert cli("check", str(tmp_path), cwd=tmp_path).returncode == 0
    assert "vocabulary.VocabularyProcessor.restore" in (tmp_path / "evaluate.py").read_text()

    trained = run_program(tmp_path, "train.py", str(tmp_path / "vocab"))
    evaluated = run_program(tmp_path, "evaluate.py", str(tmp_path / "vocab"))
    # TF1: words seen more than min_frequency times, by count then alphabet; 0 pads and unknowns
    docs = ["the movie was good", "the plot was bad bad", "good acting, the end", "was it good"]
    words = [re.findall(r"[\w'\-]+", d) for d in docs]
    counts = collections.Counter(w for ws in words for w in ws)
    kept = sorted((w for w in counts if counts[w] > 1), key=lambda w: (-counts[w], w))
    ids = {w: i + 1 for i, w in enumerate(kept)}
    width = max(len(d.split(" ")) for d in docs)
    expected = [[ids.get(w, 0) for w in ws] + [0] * (width - len(ws)) for ws in words]
    assert _numbers("size", trained) == [len(ids) + 1]
    assert _numbers("ids", trained) == [float(i) for row in expected for i in row]
    test = [[ids["good"], ids["good"], 0, 0, 0], [ids["bad"], 0, 0, 0, 0]]
    assert _numbers("test", evaluated) == [float(i) for row in test for i in row]


def test_migrated_run_n_program_runs_its_graph_n_times(tmp_path: Path) -> None:
    (tmp_path / "rnn.py").write_text(RUN_N)
    done = cli("rewrite", "--full", str(tmp_path), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    migrated = (tmp_path / "rnn.py").read_text()
    assert "disable_eager_execution()" in migrated and "contrib_learn.run_n(" in migrated
    out = run_program(tmp_path, "rnn.py")
    assert _numbers("runs", out) == [2]
    x = np.arange(24, dtype=np.float64).reshape(2, 3, 4) / 10.0
    expected = np.tanh(x @ np.full([4, 2], 0.5))
    np.testing.assert_allclose(_numbers("outputs", out), expected.flatten(), atol=1e-6)


EMBED = """\
import sys
import numpy as np
import tensorflow as tf

ids = tf.placeholder(tf.int32, [None, None])
emb = tf.contrib.layers.embed_sequence(ids, vocab_size=7, embed_dim=3)
cell = tf.contrib.rnn.GRUCell(4)
outputs, state = tf.nn.dynamic_rnn(cell, emb, dtype=tf.float32)
saver = tf.train.Saver()
with tf.Session() as sess:
    if sys.argv[1] == "train":
        sess.run(tf.global_variables_initializer())
        saver.save(sess, sys.argv[2])
    else:
        saver.restore(sess, sys.argv[2])
    print("emb", " ".join("%.6f" % v for v in sess.run(emb, {ids: [[6, 0, 6]]}).flatten()))
"""


def test_migrated_embed_sequence_program_restores_its_tf1_named_table(tmp_path: Path) -> None:
    (tmp_path / "embed.py").write_text(EMBED)
    done = cli("rewrite", "--full", str(tmp_path), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "encoders.embed_sequence(ids" in (tmp_path / "embed.py").read_text()
    assert cli("check", str(tmp_path), cwd=tmp_path).returncode == 0
    ckpt = str(tmp_path / "model.ckpt")
    trained = run_program(tmp_path, "embed.py", "train", ckpt)
    restored = run_program(tmp_path, "embed.py", "restore", ckpt)
    import tensorflow as tf

    table = tf.train.load_variable(ckpt, "EmbedSequence/embeddings")
    assert table.shape == (7, 3)
    expected = table[[6, 0, 6]].flatten()
    np.testing.assert_allclose(_numbers("emb", trained), expected, atol=1e-6)
    np.testing.assert_allclose(_numbers("emb", restored), expected, atol=1e-6)


HPARAMS = """\
import sys
import tensorflow as tf

def create_hparams(flags):
    return tf.contrib.training.HParams(
        num_units=32, learning_rate=1.0, unit_type="lstm", share_vocab=False, buckets=[10, 20]
    )

hparams = create_hparams(None)
hparams.parse(sys.argv[1])
print("json", hparams.to_json(sort_keys=True))
try:
    hparams.parse("num_units=0.5")
except ValueError as e:
    print("refused", type(e).__name__)
"""


def test_migrated_hparams_program_parses_its_overrides(tmp_path: Path) -> None:
    (tmp_path / "hp.py").write_text(HPARAMS)
    done = cli("rewrite", "--full", str(tmp_path), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "hparam.HParams(" in (tmp_path / "hp.py").read_text()
    assert cli("check", str(tmp_path), cwd=tmp_path).returncode == 0
    out = run_program(tmp_path, "hp.py", "learning_rate=2,unit_type=gru,buckets=[5,15,25]")
    line = next(x for x in out.splitlines() if x.startswith("json "))
    assert json.loads(line[5:]) == {
        "buckets": [5, 15, 25],
        "learning_rate": 2.0,
        "num_units": 32,
        "share_vocab": False,
        "unit_type": "gru",
    }
    assert "refused ValueError" in out


CRF = """\
import numpy as np
import tensorflow as tf

scores = np.array([[[0.5, -1.0, 0.2], [1.5, 0.3, -0.7], [0.1, 0.9, 0.4]],
                   [[-0.3, 0.8, 0.6], [0.2, -0.4, 1.1], [0.0, 0.0, 0.0]]], np.float32)
logits = tf.placeholder(tf.float32, [None, None, 3])
labels = tf.placeholder(tf.int32, [None, None])
lengths = tf.placeholder(tf.int32, [None])
log_likelihood, transition_params = tf.contrib.crf.crf_log_likelihood(logits, labels, lengths)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    feed = {logits: scores, labels: [[0, 1, 2], [2, 2, 0]], lengths: [3, 2]}
    ll, trans = sess.run([log_likelihood, transition_params], feed)
    path, best = tf.contrib.crf.viterbi_decode(scores[0], trans)
    decoded, _ = tf.contrib.crf.crf_decode(logits, transition_params, lengths)
    tags = sess.run(decoded, feed)
print("ll", " ".join("%.6f" % v for v in ll))
print("trans", " ".join("%.8f" % v for v in trans.flatten()))
print("path", " ".join(str(t) for t in path))
print("tags", " ".join(str(t) for t in tags.flatten()))
"""


def test_migrated_crf_program_computes_tf1s_likelihood_and_path(tmp_path: Path) -> None:
    (tmp_path / "tagger.py").write_text(CRF)
    done = cli("rewrite", "--full", str(tmp_path), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert cli("check", str(tmp_path), cwd=tmp_path).returncode == 0
    out = run_program(tmp_path, "tagger.py")
    trans = np.array(_numbers("trans", out)).reshape(3, 3)
    scores = np.array(
        [
            [[0.5, -1.0, 0.2], [1.5, 0.3, -0.7], [0.1, 0.9, 0.4]],
            [[-0.3, 0.8, 0.6], [0.2, -0.4, 1.1], [0.0, 0.0, 0.0]],
        ]
    )

    def path_score(s: np.ndarray, tags: tuple[int, ...]) -> float:
        return sum(s[t, k] for t, k in enumerate(tags)) + sum(
            trans[a, b] for a, b in itertools.pairwise(tags)
        )

    expected = []
    for s, tags, n in zip(scores, [(0, 1, 2), (2, 2)], [3, 2], strict=True):
        paths = list(itertools.product(range(3), repeat=n))
        norm = np.logaddexp.reduce([path_score(s, p) for p in paths])
        expected.append(path_score(s, tags) - norm)
    np.testing.assert_allclose(_numbers("ll", out), expected, atol=1e-5)
    paths = list(itertools.product(range(3), repeat=3))
    best = max(paths, key=lambda p: path_score(scores[0], p))
    assert _numbers("path", out) == [float(t) for t in best]
    second = max(itertools.product(range(3), repeat=2), key=lambda p: path_score(scores[1], p))
    assert _numbers("tags", out) == [float(t) for t in (*best, *second, 0)]


FLATTEN = """\
import numpy as np
import tensorflow as tf

x = tf.placeholder(tf.float32, [None, 2, 3])
cell = tf.contrib.rnn.BasicRNNCell(3, activation=tf.identity)
outputs, _ = tf.nn.dynamic_rnn(cell, x, dtype=tf.float32)
flat = tf.contrib.layers.flatten(outputs)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    got, out = sess.run([flat, outputs], {x: np.ones([2, 2, 3])})
print("shape", *flat.shape.as_list()[1:])
print("same", int(np.array_equal(got, out.reshape(2, -1))))
"""


def test_migrated_flatten_program_keeps_the_batch_axis(tmp_path: Path) -> None:
    (tmp_path / "flat.py").write_text(FLATTEN)
    done = cli("rewrite", "--full", str(tmp_path), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "flatten.flatten(outputs)" in (tmp_path / "flat.py").read_text()
    out = run_program(tmp_path, "flat.py")
    assert _numbers("shape", out) == [6] and _numbers("same", out) == [1]
