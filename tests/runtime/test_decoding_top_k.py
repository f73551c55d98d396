"""The blocked top-k of beam search equals ``tf.math.top_k``, and beam search over a large
vocabulary ranks exactly as a top-k over all ``beam * vocab`` candidates (a NumPy reference)."""

import numpy as np
import pytest
import tensorflow as tf

from legacy2tf2.runtime import decoding

RUNNERS = {
    "eager": lambda f: f(),
    "function": lambda f: tf.function(f)(),
    "xla": lambda f: tf.function(f, jit_compile=True)(),
}


def rows(kind: str, shape: tuple[int, int], seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    if kind == "ties":  # few distinct values: most of the top-k is decided by the index
        return rng.integers(0, 3, shape).astype(np.float32)
    if kind == "rare peaks":  # blocks of unequal maxima, ties below them
        values = rng.integers(0, 2, shape).astype(np.float32)
        values[rng.random(shape) < 2.0 / shape[1]] = 2.0
        return values
    values = rng.normal(size=shape).astype(np.float32)
    if kind == "infinite":
        values[rng.random(shape) < 0.5] = -np.inf
        values[0] = -np.inf  # a row with nothing finite
    return values


@pytest.mark.parametrize("runner", RUNNERS)
@pytest.mark.parametrize(
    ("shape", "k", "blocks"),
    [((5, 1000), 4, 7), ((3, 1001), 4, 4), ((4, 64), 1, 8), ((6, 8000), 4, 64), ((2, 50), 5, 9)],
)
@pytest.mark.parametrize("kind", ["normal", "ties", "rare peaks", "infinite"])
def test_blocked_top_k_is_tf_top_k(runner, shape, k, blocks, kind):
    values = tf.constant(rows(kind, shape))
    expected_values, expected_indices = tf.math.top_k(values, k=k)
    got_values, got_indices = RUNNERS[runner](lambda: decoding._blocked_top_k(values, k, blocks))
    np.testing.assert_array_equal(got_indices.numpy(), expected_indices.numpy())
    np.testing.assert_array_equal(got_values.numpy(), expected_values.numpy())


@pytest.mark.parametrize("n", [1023, 1024, 8000, 8191])
def test_top_k_dispatch_is_tf_top_k(n):
    for k, kind in ((1, "ties"), (4, "ties"), (4, "rare peaks")):
        values = tf.constant(rows(kind, (8, n), seed=n))
        expected_values, expected_indices = tf.math.top_k(values, k=k)
        got_values, got_indices = decoding.top_k(values, k)
        np.testing.assert_array_equal(got_indices.numpy(), expected_indices.numpy())
        np.testing.assert_array_equal(got_values.numpy(), expected_values.numpy())


def reference_beam_search(table, start, beam, steps, eos, alpha):
    """Beam search over every ``beam * vocab`` candidate at once, in NumPy (float32): finished
    beams extend with ``eos`` only at no cost, rank by score / GNMT penalty, ties to the lower
    beam then the lower id."""
    batch, vocab = len(start), table.shape[-1]
    tokens = np.repeat(start, beam)
    scores = np.tile(np.array([0.0] + [-1e9] * (beam - 1), np.float32), (batch, 1))
    finished = np.zeros((batch, beam), bool)
    lengths = np.zeros((batch, beam), np.int32)
    history = np.zeros((batch, beam, 0), np.int32)
    for t in range(steps):
        logits = table[t][tokens].astype(np.float32)
        shifted = logits - logits.max(-1, keepdims=True)
        logp = shifted - np.log(np.exp(shifted).sum(-1, keepdims=True))
        logp = logp.reshape(batch, beam, vocab)
        only_eos = np.full(vocab, -1e9, np.float32)
        only_eos[eos] = 0.0
        logp = np.where(finished[:, :, None], only_eos, logp)
        total = scores[:, :, None] + logp
        new_lengths = lengths + np.where(finished, 0, 1)
        penalty = ((5.0 + new_lengths) / 6.0) ** alpha
        ranked = (total / penalty[:, :, None].astype(np.float32)).reshape(batch, -1)
        order = np.argsort(-ranked, axis=1, kind="stable")[:, :beam]
        parents, chosen = order // vocab, order % vocab
        scores = np.take_along_axis(total.reshape(batch, -1), order, 1)
        lengths = np.take_along_axis(new_lengths, parents, 1)
        finished = np.take_along_axis(finished, parents, 1) | (chosen == eos)
        history = np.concatenate(
            [np.take_along_axis(history, parents[:, :, None], 1), chosen[:, :, None]], 2
        )
        tokens = chosen.reshape(-1)
    final = scores / (((5.0 + lengths) / 6.0) ** alpha)
    best = np.argmax(final, axis=1)
    return history[np.arange(batch), best], final[np.arange(batch), best]


@pytest.mark.parametrize("kind", ["normal", "ties"])
@pytest.mark.parametrize("alpha", [0.0, 0.6])
def test_beam_search_over_a_large_vocabulary_matches_the_full_ranking(kind, alpha):
    vocab, steps, beam, eos = 1500, 5, 4, 2
    rng = np.random.default_rng(1)
    if kind == "ties":
        table = rng.integers(0, 4, (steps, vocab, vocab)).astype(np.float32)
    else:
        table = (rng.normal(size=(steps, vocab, vocab)) * 2).astype(np.float32)
    table[:, :, eos] += 1.5  # some beams end early
    start = np.array([1, 7, 300], np.int32)
    lookup = tf.constant(table)

    def step_fn(tokens, state, time):
        return tf.gather(lookup[time], tokens), state

    result = decoding.beam_search_decode(
        step_fn, start, tf.zeros([3]), beam, steps, eos_id=eos, length_penalty_alpha=alpha
    )
    ids, scores = reference_beam_search(table, start, beam, steps, eos, alpha)
    np.testing.assert_array_equal(result.ids.numpy(), ids)
    np.testing.assert_allclose(result.scores.numpy(), scores, rtol=1e-5)
