"""A TF 1.0 program calling ``one2many_rnn_seq2seq`` with one ``cell`` (TF 0.9-1.0's form),
migrated with the real ``rewrite --full`` and run: the encoder and each decoder have their own
GRU weights, as TF 1.0's variable scopes gave them, and a decoder's logits equal an independent
NumPy GRU over the program's own variables.

Before the rewrite split the cell (``enc_cell`` and a copy per decoder), the call failed on TF 2.
"""

from __future__ import annotations

import json

import numpy as np
import pytest

from tests.e2e.helpers import cli, run_program

pytestmark = [pytest.mark.e2e, pytest.mark.heavy]

PROGRAM = """\
import json
import tensorflow as tf

cell = tf.contrib.rnn.GRUCell(4)
encoder_inputs = [tf.constant(ids, dtype=tf.int32) for ids in ([1, 2], [4, 0], [3, 3])]
decoders = {"a": [tf.constant(ids, dtype=tf.int32) for ids in ([0, 1], [2, 2])],
            "b": [tf.constant(ids, dtype=tf.int32) for ids in ([2, 0], [1, 3], [0, 0])]}
outputs, states = tf.contrib.legacy_seq2seq.one2many_rnn_seq2seq(
    encoder_inputs, decoders, cell, 5, {"a": 3, "b": 4}, 6)
sess = tf.Session()
sess.run(tf.global_variables_initializer())
values = {v.name: sess.run(v).tolist() for v in tf.trainable_variables()}
print("json " + json.dumps({"variables": values,
                            "a": [sess.run(o).tolist() for o in outputs["a"]]}))
"""

ENCODER_IDS = np.array([[1, 2], [4, 0], [3, 3]])
DECODER_A_IDS = np.array([[0, 1], [2, 2]])


def _gru(variables: dict[str, np.ndarray], scope: str, x: np.ndarray, h: np.ndarray) -> np.ndarray:
    """TF1's GRUCell step: gates r, u = sigmoid([x, h] W + b); c = tanh([x, r h] W_c + b_c)."""
    gates = 1 / (
        1
        + np.exp(
            -(
                np.concatenate([x, h], 1) @ variables[f"{scope}/gates/kernel:0"]
                + variables[f"{scope}/gates/bias:0"]
            )
        )
    )
    r, u = np.split(gates, 2, axis=1)
    c = np.tanh(
        np.concatenate([x, r * h], 1) @ variables[f"{scope}/candidate/kernel:0"]
        + variables[f"{scope}/candidate/bias:0"]
    )
    return u * h + (1 - u) * c


def test_tf1_0_one2many_call_runs_with_own_weights_per_decoder(tmp_path) -> None:
    (tmp_path / "model.py").write_text(PROGRAM)
    done = cli("rewrite", "--full", "model.py", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "copy.deepcopy(cell) for key in decoders" in (tmp_path / "model.py").read_text()
    line = next(
        text for text in run_program(tmp_path, "model.py").splitlines() if text.startswith("json ")
    )
    result = json.loads(line[5:])
    variables = {name: np.array(value) for name, value in result["variables"].items()}
    root = "one2many_rnn_seq2seq"
    encoder = f"{root}/rnn/embedding_wrapper"
    decoder = f"{root}/one2many_decoder_a/embedding_rnn_decoder"
    gru_kernels = [name for name in variables if name.endswith("gru_cell/gates/kernel:0")]
    assert len(gru_kernels) == 3  # the encoder's and one per decoder

    h = np.zeros((2, 4))
    for ids in ENCODER_IDS:
        h = _gru(variables, f"{encoder}/gru_cell", variables[f"{encoder}/embedding:0"][ids], h)
    projection = f"{decoder}/rnn_decoder/output_projection_wrapper"
    expected = []
    for ids in DECODER_A_IDS:
        h = _gru(variables, f"{projection}/gru_cell", variables[f"{decoder}/embedding:0"][ids], h)
        expected.append(h @ variables[f"{projection}/kernel:0"] + variables[f"{projection}/bias:0"])
    np.testing.assert_allclose(np.array(result["a"]), np.array(expected), rtol=1e-5, atol=1e-6)
