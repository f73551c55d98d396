"""A program that ships its own modified copy of TF 1.x's seq2seq code, written against
TensorFlow's internal modules (``array_ops``, ``control_flow_ops``, ``math_ops``, ``nn_ops``,
``variable_scope``, ``rnn_cell_impl._linear``, ``rnn.static_rnn``) and imported as a local module
named ``seq2seq``, runs after one ``rewrite --full DIR`` and computes TF1's numbers.

The shape is the one real chatbots shipped (Marsan-Ma's tf_chatbot_seq2seq_antilm vendors TF
1.0's seq2seq.py in ``lib/seq2seq.py`` and imports it as ``from lib import seq2seq as
tf_seq2seq``); the code below is written for this test. The attention step's
``array_ops.stack([batch_size, attn_size])`` and ``control_flow_ops.cond`` are gone from TF 2's
internal modules: the module gets ``import tensorflow as tf`` on its first import line and
``tf.compat.v1.stack``/``cond``. Its outputs are checked against NumPy on the saved weights.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from tests.e2e.helpers import cli, run_program

SEQ2SEQ = """\
from tensorflow.python.framework import dtypes
from tensorflow.python.ops import array_ops
from tensorflow.python.ops import control_flow_ops
from tensorflow.python.ops import math_ops
from tensorflow.python.ops import nn_ops
from tensorflow.python.ops import rnn
from tensorflow.python.ops import rnn_cell_impl
from tensorflow.python.ops import variable_scope

linear = rnn_cell_impl._linear


def encode(cell, inputs):
  outputs, state = rnn.static_rnn(cell, inputs, dtype=dtypes.float32)
  return array_ops.concat([array_ops.expand_dims(o, 1) for o in outputs], 1), state


def attend(cell, inputs, state, memory, use_attention):
  with variable_scope.variable_scope("attend"):
    batch_size = array_ops.shape(inputs[0])[0]
    attn_size = memory.get_shape()[2].value
    attns = array_ops.zeros(array_ops.stack([batch_size, attn_size]))
    outputs = []
    for i, inp in enumerate(inputs):
      if i > 0:
        variable_scope.get_variable_scope().reuse_variables()
      x = linear([inp, attns], cell.output_size, True)
      output, state = cell(x, state)
      with variable_scope.variable_scope("score"):
        query = linear([output], attn_size, True)
      scores = math_ops.reduce_sum(memory * array_ops.expand_dims(query, 1), 2)
      weights = nn_ops.softmax(scores)
      read = math_ops.reduce_sum(memory * array_ops.expand_dims(weights, 2), 1)
      attns = control_flow_ops.cond(use_attention, lambda: read, lambda: array_ops.zeros_like(read))
      outputs.append(output + attns)
    return outputs, state
"""

MODEL = """\
import numpy as np
import tensorflow as tf
import seq2seq

enc = [tf.placeholder(tf.float32, [2, 3]) for _ in range(4)]
dec = [tf.placeholder(tf.float32, [2, 3]) for _ in range(3)]
use = tf.placeholder(tf.bool, [])
with tf.variable_scope("model"):
  with tf.variable_scope("encoder"):
    memory, state = seq2seq.encode(tf.nn.rnn_cell.GRUCell(5), enc)
  with tf.variable_scope("decoder"):
    outputs, _ = seq2seq.attend(tf.nn.rnn_cell.GRUCell(5), dec, state, memory, use)
rng = np.random.RandomState(0)
feed = {p: rng.randn(2, 3).astype(np.float32) for p in enc + dec}
feed[use] = True
with tf.Session() as sess:
  sess.run(tf.global_variables_initializer())
  out = sess.run(outputs, feed)
  weights = {v.op.name: sess.run(v) for v in tf.global_variables()}
np.savez("run.npz", out=np.stack(out), enc=np.stack([feed[p] for p in enc]),
         dec=np.stack([feed[p] for p in dec]), **{k.replace("/", "|"): v for k, v in weights.items()})
"""


def _gru(x: np.ndarray, h: np.ndarray, w: dict[str, np.ndarray], prefix: str) -> np.ndarray:
    """TF 1.2+ GRUCell: r, u = sigmoid([x, h] W_g + b_g); c = tanh([x, r h] W_c + b_c)."""
    gates = 1 / (
        1
        + np.exp(
            -(np.concatenate([x, h], 1) @ w[prefix + "gates/kernel"] + w[prefix + "gates/bias"])
        )
    )
    r, u = np.split(gates, 2, 1)
    c = np.tanh(
        np.concatenate([x, r * h], 1) @ w[prefix + "candidate/kernel"]
        + w[prefix + "candidate/bias"]
    )
    return u * h + (1 - u) * c


def test_a_vendored_internals_seq2seq_module_runs_as_tf1_after_one_rewrite(tmp_path: Path) -> None:
    (tmp_path / "seq2seq.py").write_text(SEQ2SEQ)
    (tmp_path / "model.py").write_text(MODEL)
    done = cli("rewrite", "--full", ".", cwd=tmp_path, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "L2T021" not in done.stderr and "L2T005" not in done.stderr
    assert "seq2seq.py:1:1: L2T010 import tensorflow as tf added" in done.stderr
    run_program(tmp_path, "model.py")
    run = np.load(tmp_path / "run.npz")
    w = {k.replace("|", "/"): run[k] for k in run.files}
    h = np.zeros((2, 5))
    memory = []
    for x in run["enc"]:
        h = _gru(x, h, w, "model/encoder/rnn/gru_cell/")
        memory.append(h)
    mem = np.stack(memory, 1)
    attns = np.zeros((2, 5))
    expected = []
    d = "model/decoder/attend/"
    for x in run["dec"]:
        inp = np.concatenate([x, attns], 1) @ w[d + "kernel"] + w[d + "bias"]
        h = _gru(inp, h, w, d + "gru_cell/")
        query = h @ w[d + "score/kernel"] + w[d + "score/bias"]
        scores = (mem * query[:, None, :]).sum(2)
        a = np.exp(scores - scores.max(1, keepdims=True))
        a /= a.sum(1, keepdims=True)
        attns = (mem * a[:, :, None]).sum(1)
        expected.append(h + attns)
    np.testing.assert_allclose(run["out"], np.stack(expected), rtol=1e-5, atol=1e-6)
