"""``--full`` reports RNN variable names a program writes as TF 0.x-1.1 named them (L2T003).

TF 0.x names (class-name scopes, ``Linear/Matrix``), as quoted in tensorflow/models#938
(``.../RNN/EmbeddingWrapper/embedding``) and tensorflow/tensorflow#2270
(``embedding_attention_seq2seq/RNN/MultiRNNCell/Cell2/GRUCell/Gates/Linear/Matrix``); TF 1.0/1.1's
``weights``/``biases`` became ``kernel``/``bias`` in TF 1.2 (tensorflow/tensorflow#11168); see
``legacy2tf2/checkpoints/tf0_names.py`` for the whole table.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from legacy2tf2.migrator.old_rnn_names import old_rnn_names, tf1_2_spelling

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("name", "era", "spelling"),
    [
        ("RNN/EmbeddingWrapper", "TF 0.x", "rnn/embedding_wrapper"),
        (
            "RNN/MultiRNNCell/Cell0/GRUCell/Gates/Linear/Matrix:0",
            "TF 0.x",
            "rnn/multi_rnn_cell/cell_0/gru_cell/gates/kernel:0",
        ),
        ("BiRNN/FW/LSTMCell/W_0", "TF 0.x", "bidirectional_rnn/fw/lstm_cell/kernel"),
        ("rnnlm/BasicLSTMCell/Linear/Bias", "TF 0.x", "rnnlm/basic_lstm_cell/bias"),
        ("rnn/basic_lstm_cell/weights", "TF 1.0/1.1", "rnn/basic_lstm_cell/kernel"),
        ("decoder/gru_cell/gates/biases", "TF 1.0/1.1", "decoder/gru_cell/gates/bias"),
    ],
)
def test_old_rnn_variable_names_are_reported_with_their_tf1_2_spelling(
    name: str, era: str, spelling: str
) -> None:
    source = f"v = [x for x in tf.global_variables() if x.name == {name!r}]\n"
    [(line, col, message)] = old_rnn_names(source.encode())
    assert (line, col) == (1, source.index(repr(name)) + 1)
    assert message.startswith(f"{name!r} names an RNN cell's variable or scope as {era} did")
    assert f"({spelling!r};" in message
    assert tf1_2_spelling(name) == spelling


@pytest.mark.parametrize(
    "source",
    [
        pytest.param('s = "rnn/multi_rnn_cell/cell_0/gru_cell/gates/kernel"\n', id="TF 1.2+ name"),
        pytest.param('s = "model/RNN/Linear/Matrix"\n', id="the program's own linear"),
        pytest.param('with tf.variable_scope("RNN"):\n    pass\n', id="a scope of its own"),
        pytest.param('s = "decoder/weights"\n', id="weights outside a cell"),
        pytest.param('s = "GRUCell"\n', id="not a path"),
        pytest.param('"""Reads RNN/GRUCell/Gates/Linear/Matrix."""\n', id="docstring"),
    ],
)
def test_other_strings_are_not_reported(source: str) -> None:
    assert old_rnn_names(source.encode()) == []


@pytest.mark.parametrize(
    "source",
    [
        pytest.param(
            "var_dict = {}\nfor v in tf.global_variables():\n"
            "    var_dict['model/RNN/MultiRNNCell/Cell0/LSTMCell/B'] = v\n"
            "saver = tf.train.Saver(var_dict)\n",
            id="subscript assignment key",
        ),
        pytest.param(
            "saver = tf.train.Saver({'RNN/GRUCell/Gates/Linear/Matrix': w})\n",
            id="dict display key",
        ),
        pytest.param(
            "mapping = {v.op.name.replace('rnn/multi_rnn_cell/cell_0/basic_lstm_cell/kernel',\n"
            "    'RNN/MultiRNNCell/Cell0/BasicLSTMCell/Linear/Matrix'): v for v in tvars}\n",
            id="a program translating TF 1.2+ names to old ones",
        ),
    ],
)
def test_names_mapped_to_variables_are_not_lookups(source: str) -> None:
    """Public programs restore old checkpoints into TF 1.2+ variables with a Saver dict keyed by
    the old names; after the migration that still works, so nothing is reported."""
    assert old_rnn_names(source.encode()) == []


def test_a_mapping_key_does_not_hide_a_lookup() -> None:
    source = (
        "d = {'RNN/GRUCell/Gates/Linear/Matrix': 1}\n"
        'w = tf.get_variable("RNN/MultiRNNCell/Cell0/BasicRNNCell/Linear/Matrix")\n'
    )
    [(line, _col, message)] = old_rnn_names(source.encode())
    assert line == 2
    assert "'rnn/multi_rnn_cell/cell_0/basic_rnn_cell/kernel'" in message


def test_the_tf1_2_spelling_is_the_name_the_runtime_creates() -> None:
    """The TF 0.x program reads its EmbeddingWrapper's embedding back by name: under the old
    scope the runtime has no such variable (TF1's ValueError), under the reported one it does."""
    tf = pytest.importorskip("tensorflow")
    from legacy2tf2.runtime import rnn_cell

    graph = tf.Graph()
    with graph.as_default():
        inputs = [tf.compat.v1.placeholder(tf.int32, [2]) for _ in range(3)]
        cell = rnn_cell.EmbeddingWrapper(rnn_cell.GRUCell(4), 10, embedding_size=4)
        tf.compat.v1.nn.static_rnn(cell, inputs, dtype=tf.float32)
        with (
            pytest.raises(ValueError, match="does not exist"),
            tf.compat.v1.variable_scope("RNN/EmbeddingWrapper", reuse=True),
        ):
            tf.compat.v1.get_variable("embedding")
        with tf.compat.v1.variable_scope(tf1_2_spelling("RNN/EmbeddingWrapper"), reuse=True):
            embedding = tf.compat.v1.get_variable("embedding")
        assert embedding.shape.as_list() == [10, 4]


def test_full_reports_the_name_in_its_notebook_cell(tmp_path: Path) -> None:
    """A TF 0.x notebook (hans/ipython-notebooks' seq2seq sorting) reads its embedding back
    under the TF 0.x scope: ``rewrite --full`` fails the run at that cell's line."""
    pytest.importorskip("tensorflow")
    cells = [
        "import tensorflow as tf\nfrom tensorflow.models.rnn import rnn, rnn_cell\n",
        "cell = rnn_cell.EmbeddingWrapper(rnn_cell.GRUCell(8), 10)\n"
        "inp = [tf.placeholder(tf.int32, shape=(4,)) for t in range(3)]\n"
        "outputs, states = rnn.rnn(cell, inp, dtype=tf.float32)\n",
        'with tf.variable_scope("RNN/EmbeddingWrapper", reuse=True):\n'
        '    embeddings = tf.get_variable("embedding")\n',
    ]
    notebook = {
        "cells": [
            {"cell_type": "code", "metadata": {}, "outputs": [], "source": source}
            for source in cells
        ],
        "metadata": {"kernelspec": {"name": "python2"}},
        "nbformat": 4,
        "nbformat_minor": 0,
    }
    (tmp_path / "nb.ipynb").write_text(json.dumps(notebook, indent=1))
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-m", "legacy2tf2", "rewrite", "--full", "nb.ipynb"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )
    assert result.returncode == 1, result.stderr
    reports = [line for line in result.stderr.splitlines() if "names an RNN cell's" in line]
    assert len(reports) == 1
    assert reports[0].startswith("nb.ipynb:1:24: L2T003 cell 3: 'RNN/EmbeddingWrapper' names ")
    assert "('rnn/embedding_wrapper';" in reports[0]
