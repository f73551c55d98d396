"""``--full`` reports names of operations inside TF1's RNN cells (L2T003).

XericZephyr/seq2seq-fingerprint reads its fingerprints (the encoder's last GRU states) with
``get_tensor_by_name`` of TF 1.x operation names built from the templates below; a
sentence-vector tutorial fetches ``.../output_projection_wrapper/lstm_cell/concat:0``. The runtime
computes those values with other operations, so the lookups fail after the rewrite.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from legacy2tf2.migrator.cell_op_names import cell_op_names

ROOT = Path(__file__).resolve().parents[2]

FINGERPRINT = """\
def _get_encoder_state_names(self, bucket_id):
    prefix = "model_with_buckets/embedding_attention_seq2seq_%d" % bucket_id
    cell_prefix = ("%s/rnn/rnn/embedding_wrapper/embedding_wrapper/"
                   "multi_rnn_cell" % prefix)
    return ["%s/cell_%d/cell_%d/%s/add%s:0" % (cell_prefix, i, i, "gru_cell", "_4")
            for i in range(self.num_layers)]
"""


def test_the_fingerprint_templates_are_reported() -> None:
    found = cell_op_names(FINGERPRINT.encode())
    assert [(line, col) for line, col, _ in found] == [(3, 20), (5, 13)]
    assert found[0][2].startswith(
        "'%s/rnn/rnn/embedding_wrapper/embedding_wrapper/multi_rnn_cell' names an operation TF1 "
        "built inside the RNN cell scope 'embedding_wrapper'; the runtime's cells compute"
    )
    assert "raises KeyError after the rewrite" in found[1][2]


@pytest.mark.parametrize(
    "name",
    [
        "seq2seq_rnn/embedding_rnn_seq2seq/embedding_rnn_decoder/rnn_decoder/rnn_decoder"
        "/output_projection_wrapper/output_projection_wrapper/lstm_cell/concat:0",
        "embedding_attention_seq2seq/rnn/embedding_wrapper/multi_rnn_cell/cell_1/gru_cell/add_3:0",
        "rnn/multi_rnn_cell/cell_0/basic_lstm_cell/Tanh_1",
        "decoder/attention_decoder/lstm_cell/Sigmoid_2:0",
        "encoder/cell_{}/cell_{}/lstm_cell/mul_2:0",
    ],
)
def test_operation_names_under_runtime_scopes_are_reported(name: str) -> None:
    source = f"t = tf.get_default_graph().get_tensor_by_name({name!r})\n"
    [(line, col, message)] = cell_op_names(source.encode())
    assert (line, col) == (1, source.index(repr(name)) + 1)
    assert message.startswith(f"{name!r} names an operation TF1 built inside ")


@pytest.mark.parametrize(
    "source",
    [
        pytest.param(
            "v = [x for x in tf.global_variables() if x.name == "
            "'embedding_attention_seq2seq/rnn/embedding_wrapper/embedding:0'][0]\n",
            id="a variable the runtime creates under TF1's name",
        ),
        pytest.param(
            "e = [x for x in tf.trainable_variables() if x.name == "
            "'embedding_attention_seq2seq/embedding_attention_decoder/embedding:0']\n",
            id="the decoder's embedding variable",
        ),
        pytest.param(
            'w = tf.get_variable("rnn/multi_rnn_cell/cell_0/gru_cell/gates/kernel")\n',
            id="a cell's kernel",
        ),
        pytest.param(
            "vs = tf.get_collection(tf.GraphKeys.TRAINABLE_VARIABLES, "
            "scope='embedding_rnn_seq2seq/embedding_rnn_decoder')\n",
            id="a scope prefix selecting variables",
        ),
        pytest.param('t = graph.get_tensor_by_name("encoder/add_1:0")\n', id="own operation"),
        pytest.param('t = graph.get_tensor_by_name("rnn/rnn/Tanh:0")\n', id="dynamic_rnn's"),
        pytest.param(
            's = "rnn/rnn/multi_rnn_cell/cell_1/basic_lstm_cell/bias"\n',
            id="a variable under the program's rnn scope around dynamic_rnn's",
        ),
        pytest.param(
            'a = graph.get_tensor_by_name("model/attention_decoder/Attention_0_3/Softmax:0")\n',
            id="attention weights, which the runtime names as TF1 did",
        ),
        pytest.param(
            'loss = graph.get_tensor_by_name("model_with_buckets/sequence_loss/truediv:0")\n',
            id="a bucket's loss, which the runtime names as TF1 did",
        ),
        pytest.param(
            't = graph.get_tensor_by_name("attention_decoder/AttnOutputProjection/add:0")\n',
            id="a seq2seq function's own operation, no cell scope",
        ),
        pytest.param(
            '"""Fetch model/rnn_decoder/rnn_decoder/lstm_cell/concat:0."""\n', id="docstring"
        ),
        pytest.param(
            "d = {'embedding_rnn_seq2seq/rnn/embedding_wrapper/embedding_wrapper/x': v}\n",
            id="a mapping key",
        ),
    ],
)
def test_other_strings_are_not_reported(source: str) -> None:
    assert cell_op_names(source.encode()) == []


def test_the_runtime_has_no_tensor_of_that_name() -> None:
    """The fingerprint's name as TF 1.x built it does not exist in the runtime's graph (the
    reason for the report), while the variable names the test above leaves alone do."""
    tf = pytest.importorskip("tensorflow")
    from legacy2tf2.runtime import legacy_seq2seq, rnn_cell

    graph = tf.Graph()
    with graph.as_default():
        enc = [tf.compat.v1.placeholder(tf.int32, [None]) for _ in range(2)]
        dec = [tf.compat.v1.placeholder(tf.int32, [None]) for _ in range(3)]
        weights = [tf.compat.v1.placeholder(tf.float32, [None]) for _ in range(2)]
        cell = rnn_cell.MultiRNNCell([rnn_cell.GRUCell(4) for _ in range(2)])
        legacy_seq2seq.model_with_buckets(
            enc,
            dec,
            dec[1:],
            weights,
            [(2, 2)],
            lambda x, y: legacy_seq2seq.embedding_attention_seq2seq(x, y, cell, 5, 5, 4),
        )
        state = (
            "model_with_buckets/embedding_attention_seq2seq/rnn/rnn/embedding_wrapper/"
            "embedding_wrapper/multi_rnn_cell/cell_0/cell_0/gru_cell/add_1:0"
        )
        with pytest.raises(KeyError):
            graph.get_tensor_by_name(state)
        # what is left unreported: a legacy_seq2seq function's tensor the runtime names as TF1
        graph.get_tensor_by_name("model_with_buckets/sequence_loss/truediv:0")
        names = {v.name for v in tf.compat.v1.global_variables()}
        assert "embedding_attention_seq2seq/rnn/embedding_wrapper/embedding:0" in names


def test_full_fails_the_run_at_the_line(tmp_path: Path) -> None:
    pytest.importorskip("tensorflow")
    program = (
        "import tensorflow as tf\n"
        "from tensorflow.contrib import legacy_seq2seq\n"
        "cell = tf.contrib.rnn.GRUCell(4)\n"
        "enc = [tf.placeholder(tf.int32, [None]) for _ in range(2)]\n"
        "out, st = legacy_seq2seq.embedding_rnn_seq2seq(enc, enc, cell, 5, 5, 4)\n"
        "fp = tf.get_default_graph().get_tensor_by_name(\n"
        '    "embedding_rnn_seq2seq/rnn/rnn/embedding_wrapper/embedding_wrapper/gru_cell/add_1:0")\n'
    )
    (tmp_path / "model.py").write_text(program)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-m", "legacy2tf2", "rewrite", "--full", "model.py"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )
    assert result.returncode == 1, result.stderr
    [report] = [line for line in result.stderr.splitlines() if "names an operation" in line]
    assert report.startswith("model.py:7:5: L2T003 'embedding_rnn_seq2seq/rnn/rnn/")
