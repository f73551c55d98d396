"""One cell object under two names: ``self._enc_cell = cell; self._dec_cell = cell``.

A TF 0.x sentence VAE (``tf.nn.rnn(self._enc_cell, ...)`` under ``variable_scope('encoder')``,
``tf.nn.seq2seq.embedding_rnn_decoder(..., self._dec_cell, ...)`` under ``'decoder'``) gave its
encoder and decoder one cell object through two attributes. Up to TF 1.0 each run made its own
weights where it ran (``encoder/...`` and ``decoder/embedding_rnn_decoder/...``); the runtime's
cell, like TF 1.2+'s, keeps the weights of its first run, so the migrated decoder silently ran
with the encoder's. Names bound once to the same name, in one function with no new binding of it
between, now count as one object, as one name read twice did: every later run gets
``copy.deepcopy(...)`` in a TF 1.0-or-earlier file, and is reported (L2T005) where the era cannot
be told.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from codemod_pairs import assert_noop, assert_pair

from tests.e2e.helpers import python


def test_two_attributes_bound_to_one_cell_in_init() -> None:
    assert_pair(
        "import tensorflow as tf\n"
        "\n"
        "\n"
        "class VAE(object):\n"
        "    def __init__(self, cell):\n"
        "        self._enc_cell = cell\n"
        "        self._dec_cell = cell\n"
        "\n"
        "    def build(self, enc, dec):\n"
        '        with tf.variable_scope("encoder"):\n'
        "            _, state = tf.nn.rnn(self._enc_cell, enc, dtype=tf.float32)\n"
        '        with tf.variable_scope("decoder") as scope:\n'
        "            outs, _ = tf.nn.seq2seq.rnn_decoder(dec, state, self._dec_cell)\n"
        "            scope.reuse_variables()\n"
        "            test_outs, _ = tf.nn.seq2seq.rnn_decoder(dec, state, self._dec_cell)\n"
        "        return outs, test_outs\n",
        "import tensorflow as tf\n"
        "from legacy2tf2.runtime import legacy_seq2seq\n"
        "import copy\n"
        "\n"
        "\n"
        "class VAE(object):\n"
        "    def __init__(self, cell):\n"
        "        self._enc_cell = cell\n"
        "        self._dec_cell = cell\n"
        "\n"
        "    def build(self, enc, dec):\n"
        '        with tf.variable_scope("encoder"):\n'
        "            _, state = tf.nn.rnn(self._enc_cell, enc, dtype=tf.float32)\n"
        '        with tf.variable_scope("decoder") as scope:\n'
        "            outs, _ = legacy_seq2seq.rnn_decoder(dec, state, "
        "copy.deepcopy(self._dec_cell))\n"
        "            scope.reuse_variables()\n"
        "            test_outs, _ = legacy_seq2seq.rnn_decoder(dec, state, "
        "copy.deepcopy(self._dec_cell))\n"
        "        return outs, test_outs\n",
        codes=("L2T006",),
    )


def test_two_names_bound_to_one_cell() -> None:
    assert_pair(
        "import tensorflow as tf\n"
        "cell = tf.nn.rnn_cell.GRUCell(8)\n"
        "enc_cell = cell\n"
        "dec_cell = cell\n"
        '_, state = tf.nn.rnn(enc_cell, xs, dtype=tf.float32, scope="encoder")\n'
        "out, _ = tf.nn.seq2seq.rnn_decoder(ys, state, dec_cell)\n",
        "import tensorflow as tf\n"
        "from legacy2tf2.runtime import rnn_cell\n"
        "from legacy2tf2.runtime import legacy_seq2seq\n"
        "import copy\n"
        "cell = rnn_cell.GRUCell(8)\n"
        "enc_cell = cell\n"
        "dec_cell = cell\n"
        '_, state = tf.nn.rnn(enc_cell, xs, dtype=tf.float32, scope="encoder")\n'
        "out, _ = legacy_seq2seq.rnn_decoder(ys, state, copy.deepcopy(dec_cell))\n",
        codes=("L2T006",),
    )


@pytest.mark.parametrize(
    "source",
    [
        # the name bound again between the two aliases: two objects
        "import tensorflow as tf\n"
        "cell = tf.nn.rnn_cell.GRUCell(8)\n"
        "enc_cell = cell\n"
        "cell = tf.nn.rnn_cell.GRUCell(8)\n"
        "dec_cell = cell\n"
        '_, state = tf.nn.rnn(enc_cell, xs, dtype=tf.float32, scope="encoder")\n'
        "out, _ = tf.nn.seq2seq.rnn_decoder(ys, state, dec_cell)\n",
        # an attribute stored twice: which object it holds is not followed
        "import tensorflow as tf\n"
        "\n"
        "\n"
        "class Model(object):\n"
        "    def __init__(self, cell, other):\n"
        "        self.enc_cell = cell\n"
        "        self.dec_cell = cell\n"
        "        self.dec_cell = other\n"
        "\n"
        "    def build(self, enc, dec):\n"
        '        _, state = tf.nn.rnn(self.enc_cell, enc, dtype=tf.float32, scope="encoder")\n'
        "        return tf.nn.seq2seq.rnn_decoder(dec, state, self.dec_cell)\n",
        # two cells
        "import tensorflow as tf\n"
        "enc_cell = tf.nn.rnn_cell.GRUCell(8)\n"
        "dec_cell = tf.nn.rnn_cell.GRUCell(8)\n"
        '_, state = tf.nn.rnn(enc_cell, xs, dtype=tf.float32, scope="encoder")\n'
        "out, _ = tf.nn.seq2seq.rnn_decoder(ys, state, dec_cell)\n",
    ],
)
def test_other_objects_are_not_copied(source: str) -> None:
    from legacy2tf2.migrator.engine import rewrite_source

    result = rewrite_source(source.encode(), "m.py")
    assert b"deepcopy" not in result.source
    assert "L2T005" not in {f.code for f in result.findings}


def test_unknown_era_keeps_sharing_and_says_so() -> None:
    source = (
        "import tensorflow as tf\n"
        "\n"
        "\n"
        "class Model(object):\n"
        "    def __init__(self, size):\n"
        "        cell = tf.nn.rnn_cell.GRUCell(size)\n"
        "        self.enc_cell = cell\n"
        "        self.dec_cell = cell\n"
        "\n"
        "    def build(self, enc, dec):\n"
        '        with tf.variable_scope("encoder"):\n'
        "            _, state = tf.nn.dynamic_rnn(self.enc_cell, enc, dtype=tf.float32)\n"
        '        with tf.variable_scope("decoder"):\n'
        "            out, _ = tf.nn.dynamic_rnn(self.dec_cell, dec, initial_state=state)\n"
        "        return out\n"
    )
    from legacy2tf2.migrator.engine import rewrite_source

    result = rewrite_source(source.encode(), "m.py")
    assert b"deepcopy" not in result.source
    assert [(f.line, f.code) for f in result.findings if f.code == "L2T005"] == [(14, "L2T005")]


def test_noop_without_a_second_run() -> None:
    assert_noop(
        "import tensorflow as tf\n"
        "enc_cell = cell = make_cell()\n"
        "outputs, state = tf.nn.dynamic_rnn(enc_cell, x, dtype=tf.float32)\n"
    )


PROGRAM = """\
import numpy as np
import tensorflow as tf


class Model(object):
    def __init__(self, cell):
        self._enc_cell = cell
        self._dec_cell = cell

    def build(self, enc, dec):
        with tf.variable_scope("encoder"):
            _, state = tf.nn.rnn(self._enc_cell, enc, dtype=tf.float32)
        with tf.variable_scope("decoder"):
            outs, _ = tf.nn.seq2seq.rnn_decoder(dec, state, self._dec_cell)
        return outs


tf.set_random_seed(1)
model = Model(tf.nn.rnn_cell.GRUCell(3))
enc = [tf.constant(np.full((1, 2), 0.5, np.float32)) for _ in range(2)]
dec = [tf.constant(np.full((1, 2), -0.25, np.float32)) for _ in range(2)]
outs = model.build(enc, dec)
with tf.Session() as sess:
    sess.run(tf.initialize_all_variables())
    values = {v.name: sess.run(v) for v in tf.trainable_variables()}
    np.savez("run.npz", outs=np.stack(sess.run(outs)), **{k.replace("/", "|"): v for k, v in values.items()})
"""


def _gru(x: np.ndarray, h: np.ndarray, w: dict[str, np.ndarray]) -> np.ndarray:
    """TF1's GRUCell: r, u from gates; c from candidate with r * h."""
    sig = 1.0 / (1.0 + np.exp(-(np.concatenate([x, h], 1) @ w["gk"] + w["gb"])))
    r, u = np.split(sig, 2, axis=1)
    c = np.tanh(np.concatenate([x, r * h], 1) @ w["ck"] + w["cb"])
    return u * h + (1 - u) * c


def test_tf0_program_gives_its_decoder_its_own_weights(tmp_path: Path) -> None:
    pytest.importorskip("tensorflow")
    (tmp_path / "vae.py").write_text(PROGRAM)
    done = python("-m", "legacy2tf2", "rewrite", "--full", "vae.py", cwd=tmp_path, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "copy.deepcopy(self._dec_cell)" in (tmp_path / "vae.py").read_text()
    done = python("vae.py", cwd=tmp_path, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    run = dict(np.load(tmp_path / "run.npz"))
    names = sorted(k for k in run if k.endswith("kernel:0"))
    # two sets, as TF 1.0 and earlier made them: the encoder's and the decoder's own
    assert names == [
        "decoder|rnn_decoder|gru_cell|candidate|kernel:0",
        "decoder|rnn_decoder|gru_cell|gates|kernel:0",
        "encoder|rnn|gru_cell|candidate|kernel:0",
        "encoder|rnn|gru_cell|gates|kernel:0",
    ]

    def weights(prefix: str) -> dict[str, np.ndarray]:
        return {
            "gk": run[f"{prefix}|gru_cell|gates|kernel:0"],
            "gb": run[f"{prefix}|gru_cell|gates|bias:0"],
            "ck": run[f"{prefix}|gru_cell|candidate|kernel:0"],
            "cb": run[f"{prefix}|gru_cell|candidate|bias:0"],
        }

    h = np.zeros((1, 3), np.float32)
    for _ in range(2):
        h = _gru(np.full((1, 2), 0.5, np.float32), h, weights("encoder|rnn"))
    expected = []
    for _ in range(2):
        h = _gru(np.full((1, 2), -0.25, np.float32), h, weights("decoder|rnn_decoder"))
        expected.append(h)
    np.testing.assert_allclose(run["outs"], np.stack(expected), rtol=1e-5, atol=1e-6)
