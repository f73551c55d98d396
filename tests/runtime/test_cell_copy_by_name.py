"""``copy.deepcopy(cell)`` of a cell that already ran makes, or under reuse finds, its weights by
name where it runs, as every TF 1.0 cell call did (``GRUCell.__call__`` opened
``vs.variable_scope(scope or "gru_cell")`` in the current scope and called ``get_variable``,
which under ``reuse=True`` returns the variable of that name). ``rewrite`` relies on it for a
later RNN run of one cell object in a TF 1.0 file (:mod:`legacy2tf2.migrator.cell_uses`)."""

import copy

import numpy as np
import tensorflow as tf

from legacy2tf2.runtime import legacy_seq2seq, rnn_cell

v1 = tf.compat.v1


def _gru_steps(x: np.ndarray, values: dict[str, np.ndarray], scope: str, steps: int) -> list:
    """TF1's GRUCell in NumPy: gates = sigmoid([x, h] W + b) split into r, u; candidate =
    tanh([x, r * h] W + b); h' = u * h + (1 - u) * candidate; from h = 0, ``x`` every step."""
    h = np.zeros((x.shape[0], values[scope + "candidate/bias"].shape[0]), np.float32)
    out = []
    for _ in range(steps):
        both = np.concatenate([x, h], 1) @ values[scope + "gates/kernel"]
        gates = 1 / (1 + np.exp(-(both + values[scope + "gates/bias"])))
        r, u = np.split(gates, 2, axis=1)
        both = np.concatenate([x, r * h], 1) @ values[scope + "candidate/kernel"]
        candidate = np.tanh(both + values[scope + "candidate/bias"])
        h = u * h + (1 - u) * candidate
        out.append(h)
    return out


def test_copies_make_their_own_weights_where_they_run_and_find_them_under_reuse() -> None:
    x_value = np.linspace(-1, 1, 6, dtype=np.float32).reshape(2, 3)
    with tf.Graph().as_default():
        x = [tf.constant(x_value)] * 2
        cell = rnn_cell.GRUCell(4)
        state = cell.zero_state(2, tf.float32)
        with v1.variable_scope("encoder"):
            encoded, _ = v1.nn.static_rnn(cell, x, dtype=tf.float32)
        with v1.variable_scope("decoder"):
            train, _ = legacy_seq2seq.rnn_decoder(x, state, copy.deepcopy(cell))
        with v1.variable_scope("decoder", reuse=True):
            infer, _ = legacy_seq2seq.rnn_decoder(x, state, copy.deepcopy(cell))
        with v1.variable_scope("encoder") as scope:
            scope.reuse_variables()
            again, _ = v1.nn.static_rnn(copy.deepcopy(cell), x, dtype=tf.float32)
        names = sorted(v.op.name for v in v1.global_variables())
        with v1.Session() as sess:
            sess.run(v1.global_variables_initializer())
            values = dict(
                zip(
                    (v.op.name for v in v1.global_variables()),
                    sess.run(v1.global_variables()),
                    strict=True,
                )
            )
            results = sess.run([encoded, train, infer, again])
    assert [n.split("/gru_cell/")[0] for n in names] == ["decoder/rnn_decoder"] * 4 + [
        "encoder/rnn"
    ] * 4
    values = {k.replace("/gru_cell/", "/"): v for k, v in values.items()}
    encoder = _gru_steps(x_value, values, "encoder/rnn/", 2)
    decoder = _gru_steps(x_value, values, "decoder/rnn_decoder/", 2)
    np.testing.assert_allclose(results[0], encoder, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(results[1], decoder, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(results[2], decoder, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(results[3], encoder, rtol=1e-5, atol=1e-6)
    assert not np.allclose(encoder, decoder)
