"""legacy2tf2.runtime.crf against a brute-force NumPy CRF: every tag sequence enumerated."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
import tensorflow as tf

from legacy2tf2.runtime.crf import (
    crf_decode,
    crf_log_likelihood,
    crf_log_norm,
    crf_sequence_score,
    viterbi_decode,
)

v1 = tf.compat.v1
RNG = np.random.RandomState(3)
INPUTS = RNG.randn(4, 5, 3).astype(np.float32)
TRANSITIONS = RNG.randn(3, 3).astype(np.float32)
TAGS = RNG.randint(0, 3, size=(4, 5)).astype(np.int32)
LENGTHS = np.array([5, 3, 1, 0], np.int32)


def _path_score(scores: np.ndarray, tags: tuple[int, ...], trans: np.ndarray) -> float:
    total = sum(float(scores[t, tag]) for t, tag in enumerate(tags))
    return total + sum(float(trans[a, b]) for a, b in itertools.pairwise(tags))


def _brute(inputs: np.ndarray, tags: np.ndarray, lengths: np.ndarray, trans: np.ndarray):
    scores, norms = [], []
    for example, tag_row, length in zip(inputs, tags, lengths, strict=True):
        if length == 0:
            scores.append(0.0)
            norms.append(0.0)
            continue
        paths = itertools.product(range(inputs.shape[2]), repeat=int(length))
        all_scores = [_path_score(example, p, trans) for p in paths]
        scores.append(_path_score(example, tuple(tag_row[:length]), trans))
        norms.append(float(np.logaddexp.reduce(all_scores)))
    return np.array(scores), np.array(norms)


def test_score_log_norm_and_likelihood_match_enumeration() -> None:
    scores, norms = _brute(INPUTS, TAGS, LENGTHS, TRANSITIONS)
    got_scores = crf_sequence_score(INPUTS, TAGS, LENGTHS, TRANSITIONS)
    got_norms = crf_log_norm(INPUTS, LENGTHS, TRANSITIONS)
    likelihood, params = crf_log_likelihood(INPUTS, TAGS, LENGTHS, TRANSITIONS)
    np.testing.assert_allclose(got_scores.numpy(), scores, rtol=1e-5, atol=1e-5)
    np.testing.assert_allclose(got_norms.numpy(), norms, rtol=1e-5, atol=1e-5)
    np.testing.assert_allclose(likelihood.numpy(), scores - norms, rtol=1e-5, atol=1e-5)
    assert params is TRANSITIONS


def test_single_step_inputs() -> None:
    inputs = INPUTS[:, :1]
    scores, norms = _brute(inputs, TAGS[:, :1], np.minimum(LENGTHS, 1), TRANSITIONS)
    likelihood, _ = crf_log_likelihood(inputs, TAGS[:, :1], np.minimum(LENGTHS, 1), TRANSITIONS)
    np.testing.assert_allclose(likelihood.numpy(), scores - norms, rtol=1e-5, atol=1e-5)


def test_graph_mode_creates_tf1s_transitions_variable_and_trains_it() -> None:
    with tf.Graph().as_default():
        x = v1.placeholder(tf.float32, [None, None, 3])
        with v1.variable_scope("crf"):
            likelihood, trans = crf_log_likelihood(x, TAGS, LENGTHS)
        loss = tf.reduce_mean(-likelihood)
        step = v1.train.GradientDescentOptimizer(0.1).minimize(loss)
        assert [v.name for v in v1.trainable_variables()] == ["crf/transitions:0"]
        with v1.Session() as sess:
            sess.run(v1.global_variables_initializer())
            table = sess.run(trans)
            got = sess.run(likelihood, {x: INPUTS})
            before = sess.run(loss, {x: INPUTS})
            for _ in range(5):
                sess.run(step, {x: INPUTS})
            after = sess.run(loss, {x: INPUTS})
    assert table.shape == (3, 3) and np.abs(table).max() <= np.sqrt(6 / 6)
    scores, norms = _brute(INPUTS, TAGS, LENGTHS, table)
    np.testing.assert_allclose(got, scores - norms, rtol=1e-5, atol=1e-5)
    assert after < before


@pytest.mark.parametrize("length", [1, 2, 5])
def test_viterbi_decode_is_the_best_enumerated_path(length: int) -> None:
    score = INPUTS[0, :length]
    path, best = viterbi_decode(score, TRANSITIONS)
    paths = list(itertools.product(range(3), repeat=length))
    totals = [_path_score(score, p, TRANSITIONS) for p in paths]
    assert tuple(int(t) for t in path) == paths[int(np.argmax(totals))]
    np.testing.assert_allclose(best, max(totals), rtol=1e-5)


def test_viterbi_ties_go_to_the_lowest_tag() -> None:
    path, best = viterbi_decode(np.zeros([3, 2]), np.zeros([2, 2]))
    assert [int(t) for t in path] == [0, 0, 0] and best == 0.0


def _expected_decode(inputs: np.ndarray, lengths: np.ndarray, trans: np.ndarray):
    tags = np.zeros(inputs.shape[:2], np.int32)
    scores = []
    for row, (example, length) in enumerate(zip(inputs, lengths, strict=True)):
        if length == 0:  # TF 1.15: the best first-step tag and score
            tags[row, 0] = int(np.argmax(example[0]))
            scores.append(float(np.max(example[0])))
            continue
        paths = list(itertools.product(range(inputs.shape[2]), repeat=int(length)))
        totals = [_path_score(example, p, trans) for p in paths]
        tags[row, :length] = paths[int(np.argmax(totals))]
        scores.append(max(totals))
    return tags, np.array(scores)


def test_crf_decode_is_the_best_path_per_length_with_zero_padding() -> None:
    tags, scores = _expected_decode(INPUTS, LENGTHS, TRANSITIONS)
    got_tags, got_scores = crf_decode(INPUTS, TRANSITIONS, LENGTHS)
    assert got_tags.dtype == tf.int32
    np.testing.assert_array_equal(got_tags.numpy(), tags)
    np.testing.assert_allclose(got_scores.numpy(), scores, rtol=1e-5)
    one_tags, one_scores = crf_decode(INPUTS[:, :1], TRANSITIONS, np.minimum(LENGTHS, 1))
    np.testing.assert_array_equal(one_tags.numpy()[:, 0], np.argmax(INPUTS[:, 0], 1))
    np.testing.assert_allclose(one_scores.numpy(), INPUTS[:, 0].max(1))


def test_crf_decode_in_a_graph_of_unknown_length() -> None:
    with tf.Graph().as_default():
        x = v1.placeholder(tf.float32, [None, None, 3])
        n = v1.placeholder(tf.int32, [None])
        decoded = crf_decode(x, TRANSITIONS, n)
        with v1.Session() as sess:
            got_tags, got_scores = sess.run(decoded, {x: INPUTS, n: LENGTHS})
    tags, scores = _expected_decode(INPUTS, LENGTHS, TRANSITIONS)
    np.testing.assert_array_equal(got_tags, tags)
    np.testing.assert_allclose(got_scores, scores, rtol=1e-5)
