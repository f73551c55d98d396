"""Decoding loops on a scripted step function whose logits spell a known word."""

import numpy as np
import pytest
import tensorflow as tf

from legacy2tf2.runtime import decoding

EOS, VOCAB = 2, 10
WORD = [3, 4, 5, 6, EOS]  # row 0 spells this
SHORT = [7, EOS]  # row 1 finishes first


def scripted_step(tokens, state, time):
    """Row 0 spells WORD, row 1 SHORT, then EOS forever; the state counts the steps taken."""
    words = tf.constant([WORD, [*SHORT, EOS, EOS, EOS]])
    target = tf.gather(words, tf.minimum(time, len(WORD) - 1), axis=1)
    target = tf.repeat(target, tf.shape(tokens)[0] // 2)
    logits = tf.one_hot(target, VOCAB, on_value=4.0, off_value=0.0)
    return logits, state + 1


START = tf.constant([1, 1])
STATE = tf.zeros([2])
RUNNERS = {
    "eager": lambda f: f(),
    "function": lambda f: tf.function(f)(),
    "xla": lambda f: tf.function(f, jit_compile=True)(),
}


@pytest.mark.parametrize("runner", RUNNERS)
def test_greedy_spells_the_word_and_stops(runner):
    result = RUNNERS[runner](
        lambda: decoding.greedy_decode(scripted_step, START, STATE, 8, eos_id=EOS)
    )
    ids = result.ids.numpy()
    assert ids.shape == (2, 8)
    assert list(ids[0, :5]) == WORD and list(ids[1, :2]) == SHORT
    assert (ids[1, 2:] == EOS).all()  # the row that finished first is frozen
    assert list(result.lengths.numpy()) == [5, 2]
    step_logp = float(tf.nn.log_softmax(tf.one_hot(0, VOCAB, 4.0, 0.0))[0])
    np.testing.assert_allclose(result.scores.numpy(), [5 * step_logp, 2 * step_logp], rtol=1e-5)


@pytest.mark.parametrize("runner", RUNNERS)
def test_beam_of_one_is_greedy_and_wider_beams_find_the_word(runner):
    def run():
        greedy = decoding.greedy_decode(scripted_step, START, STATE, 8, eos_id=EOS)
        beam1 = decoding.beam_search_decode(scripted_step, START, STATE, 1, 8, eos_id=EOS)
        beam4 = decoding.beam_search_decode(scripted_step, START, STATE, 4, 8, eos_id=EOS, n_best=3)
        return greedy, beam1, beam4

    greedy, beam1, beam4 = RUNNERS[runner](run)
    np.testing.assert_array_equal(beam1.ids.numpy(), greedy.ids.numpy())
    np.testing.assert_allclose(beam1.scores.numpy(), greedy.scores.numpy(), rtol=1e-5)
    assert beam4.ids.shape == (2, 3, 8)
    assert list(beam4.ids.numpy()[0, 0, :5]) == WORD
    scores = beam4.scores.numpy()
    assert (scores[:, 0] >= scores[:, 1]).all() and (scores[:, 1] >= scores[:, 2]).all()


def test_early_exit_runs_only_as_many_steps_as_needed():
    calls = []

    def counting_step(tokens, state, time):
        calls.append(1)
        return scripted_step(tokens, state, time)

    result = decoding.greedy_decode(counting_step, START, STATE, 50, eos_id=EOS)
    assert len(calls) == 5  # eager: one Python call per step run
    assert result.ids.shape == (2, 50)


def test_max_length_cuts_and_no_eos_runs_every_step():
    short = decoding.greedy_decode(scripted_step, START, STATE, 3, eos_id=EOS)
    assert list(short.ids.numpy()[0]) == WORD[:3] and list(short.lengths.numpy()) == [3, 2]
    every = decoding.greedy_decode(scripted_step, START, STATE, 6, eos_id=None)
    assert list(every.lengths.numpy()) == [6, 6]


def test_min_length_blocks_eos():
    result = decoding.greedy_decode(scripted_step, START, STATE, 6, eos_id=EOS, min_length=4)
    assert EOS not in result.ids.numpy()[1, :4]


def test_sampling_with_top_1_is_greedy_and_seeded_sampling_is_repeatable():
    greedy = decoding.greedy_decode(scripted_step, START, STATE, 8, eos_id=EOS)
    top1 = decoding.greedy_decode(scripted_step, START, STATE, 8, eos_id=EOS, sample=True, top_k=1)
    np.testing.assert_array_equal(top1.ids.numpy(), greedy.ids.numpy())
    hot = dict(eos_id=EOS, sample=True, temperature=50.0, seed=7)
    first = decoding.greedy_decode(scripted_step, START, STATE, 8, **hot).ids.numpy()
    assert first.shape == (2, 8)


def test_length_penalty_prefers_longer_hypotheses():
    assert float(decoding.length_penalty(tf.constant(10), 1.0)) > float(
        decoding.length_penalty(tf.constant(2), 1.0)
    )
    assert float(decoding.length_penalty(tf.constant(10), 0.0)) == 1.0


def test_record_fn_records_every_step():
    result = decoding.greedy_decode(
        scripted_step, START, STATE, 6, eos_id=EOS, record_fn=lambda state: state[:, None]
    )
    np.testing.assert_array_equal(result.attention.numpy()[0, :5, 0], [1, 2, 3, 4, 5])


def test_beam_helpers():
    x = tf.constant([[1.0], [2.0]])
    tiled = decoding.tile_beams(x, 3)
    assert list(tiled.numpy()[:, 0]) == [1, 1, 1, 2, 2, 2]
    parents = tf.constant([[2, 0, 0], [1, 1, 0]])
    values = tf.constant([[10.0], [11.0], [12.0], [20.0], [21.0], [22.0]])
    assert list(decoding.gather_beams(values, parents, 3).numpy()[:, 0]) == [12, 10, 10, 21, 21, 20]
    assert decoding.flatten_beams(tf.zeros([2, 3, 4])).shape == (6, 4)


def test_bad_arguments_are_named():
    with pytest.raises(ValueError, match=r"`max_length` must be >= 1. Received: max_length=0"):
        decoding.greedy_decode(scripted_step, START, STATE, 0)
    with pytest.raises(ValueError, match=r"`beam_width` must be >= 1. Received: beam_width=0"):
        decoding.beam_search_decode(scripted_step, START, STATE, 0, 5)
    with pytest.raises(ValueError, match=r"`n_best` must be in \[1, beam_width\]"):
        decoding.beam_search_decode(scripted_step, START, STATE, 2, 5, n_best=3)
    with pytest.raises(ValueError, match=r"`temperature` must be > 0"):
        decoding.greedy_decode(scripted_step, START, STATE, 5, sample=True, temperature=0.0)
