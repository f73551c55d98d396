"""TF1's ``tf.contrib.crf``: the linear-chain CRF loss and Viterbi decoding of BiLSTM-CRF taggers.

TF 1.x sequence taggers put ``tf.contrib.crf.crf_log_likelihood(scores, tags, lengths)`` on top of
a bidirectional RNN and decoded with ``tf.contrib.crf.viterbi_decode`` in NumPy. The functions
here compute TF1's values: the transition matrix is the variable ``transitions``
``[num_tags, num_tags]`` of the current variable scope (TF1's name, so a checkpoint restores it),
positions past a sequence's length count for nothing, and a length of 0 gives a score and a log
normalizer of 0, as in TF 1.10-1.15. The CRF RNN cells are not provided.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import tensorflow as tf

from legacy2tf2.runtime import variables as _variables

__all__ = [
    "crf_binary_score",
    "crf_decode",
    "crf_log_likelihood",
    "crf_log_norm",
    "crf_sequence_score",
    "crf_unary_score",
    "viterbi_decode",
]


def _mask(sequence_lengths: tf.Tensor, max_len: Any, dtype: tf.DType) -> tf.Tensor:
    return tf.sequence_mask(sequence_lengths, maxlen=max_len, dtype=dtype)


def crf_unary_score(tag_indices: Any, sequence_lengths: Any, inputs: Any) -> tf.Tensor:
    """TF1's ``crf_unary_score``: per example, the sum over its length of the tag's score."""
    inputs = tf.convert_to_tensor(inputs)
    tag_indices = tf.convert_to_tensor(tag_indices)
    picked = tf.gather(inputs, tag_indices, batch_dims=2)
    mask = _mask(sequence_lengths, tf.shape(inputs)[1], inputs.dtype)
    return tf.reduce_sum(picked * mask, 1)


def crf_binary_score(tag_indices: Any, sequence_lengths: Any, transition_params: Any) -> tf.Tensor:
    """TF1's ``crf_binary_score``: per example, the sum over its length of the transition
    scores between consecutive tags."""
    transition_params = tf.convert_to_tensor(transition_params)
    tag_indices = tf.convert_to_tensor(tag_indices)
    pairs = tf.stack([tag_indices[:, :-1], tag_indices[:, 1:]], axis=-1)
    scores = tf.gather_nd(transition_params, pairs)
    mask = _mask(sequence_lengths, tf.shape(tag_indices)[1], scores.dtype)[:, 1:]
    return tf.reduce_sum(scores * mask, 1)


def crf_sequence_score(
    inputs: Any, tag_indices: Any, sequence_lengths: Any, transition_params: Any
) -> tf.Tensor:
    """TF1's ``crf_sequence_score``: unary plus binary score of the given tag sequences
    (0 where the length is 0)."""
    inputs = tf.convert_to_tensor(inputs)
    sequence_lengths = tf.convert_to_tensor(sequence_lengths)
    unary = crf_unary_score(tag_indices, sequence_lengths, inputs)
    if inputs.shape[1] == 1:
        scores = unary
    else:
        scores = unary + tf.cast(
            crf_binary_score(tag_indices, sequence_lengths, transition_params), unary.dtype
        )
    return tf.where(tf.less_equal(sequence_lengths, 0), tf.zeros_like(scores), scores)


def crf_log_norm(inputs: Any, sequence_lengths: Any, transition_params: Any) -> tf.Tensor:
    """TF1's ``crf_log_norm``: log of the sum over all tag sequences of ``exp(score)``, by the
    forward algorithm over each example's length (0 where the length is 0)."""
    inputs = tf.convert_to_tensor(inputs)
    sequence_lengths = tf.convert_to_tensor(sequence_lengths)
    transition_params = tf.cast(tf.convert_to_tensor(transition_params), inputs.dtype)
    first = inputs[:, 0, :]
    if inputs.shape[1] == 1:
        alphas = first
    else:
        rest = tf.transpose(inputs[:, 1:, :], [1, 0, 2])
        steps = tf.range(1, tf.shape(inputs)[1], dtype=sequence_lengths.dtype)

        def forward(alphas: tf.Tensor, elems: tuple[tf.Tensor, tf.Tensor]) -> tf.Tensor:
            scores, t = elems
            new = tf.reduce_logsumexp(alphas[:, :, None] + transition_params[None], 1) + scores
            return tf.where(tf.less(t, sequence_lengths)[:, None], new, alphas)

        alphas = tf.foldl(forward, (rest, steps), initializer=first)
    log_norm = tf.reduce_logsumexp(alphas, 1)
    return tf.where(tf.less_equal(sequence_lengths, 0), tf.zeros_like(log_norm), log_norm)


def crf_log_likelihood(
    inputs: Any, tag_indices: Any, sequence_lengths: Any, transition_params: Any = None
) -> tuple[tf.Tensor, Any]:
    """TF1's ``crf_log_likelihood``: ``(sequence score - log normalizer, transition_params)``.

    Without ``transition_params`` the variable ``transitions`` ``[num_tags, num_tags]`` of the
    current variable scope is created (or reused) with ``get_variable``'s defaults
    (glorot-uniform), as TF1 did.
    """
    inputs = tf.convert_to_tensor(inputs)
    num_tags = int(inputs.shape[2])
    if transition_params is None:
        transition_params = _variables.get_variable(
            "transitions", [num_tags, num_tags], dtype=inputs.dtype
        )
    scores = crf_sequence_score(inputs, tag_indices, sequence_lengths, transition_params)
    log_norm = crf_log_norm(inputs, sequence_lengths, transition_params)
    return scores - log_norm, transition_params


def viterbi_decode(score: Any, transition_params: Any) -> tuple[list[Any], Any]:
    """TF1's ``viterbi_decode`` (NumPy, one sequence): the best tag path of ``score``
    ``[seq_len, num_tags]`` and its score; ties go to the lowest tag, as ``np.argmax`` gives."""
    score = np.asarray(score)
    transition_params = np.asarray(transition_params)
    trellis = np.zeros_like(score)
    backpointers = np.zeros_like(score, dtype=np.int32)
    trellis[0] = score[0]
    for t in range(1, score.shape[0]):
        candidates = np.expand_dims(trellis[t - 1], 1) + transition_params
        trellis[t] = score[t] + np.max(candidates, 0)
        backpointers[t] = np.argmax(candidates, 0)
    path = [np.argmax(trellis[-1])]
    for pointers in reversed(backpointers[1:]):
        path.append(pointers[path[-1]])
    path.reverse()
    return path, np.max(trellis[-1])


def crf_decode(
    potentials: Any, transition_params: Any, sequence_length: Any
) -> tuple[tf.Tensor, tf.Tensor]:
    """TF1's ``crf_decode``: the Viterbi path of each example in the graph, and its score.

    Returns ``int32`` tags ``[batch, time]`` and the best scores ``[batch]``. As in TF 1.15, the
    tags past an example's length are 0, and an example of length 0 gets the best first-step tag
    at position 0 (its score is the best first-step score).
    """
    potentials = tf.convert_to_tensor(potentials)
    transition_params = tf.cast(tf.convert_to_tensor(transition_params), potentials.dtype)
    first = potentials[:, 0, :]
    if potentials.shape[1] == 1:
        tags = tf.cast(tf.argmax(first, 1), tf.int32)[:, None]
        return tags, tf.reduce_max(first, 1)
    lengths = tf.cast(tf.convert_to_tensor(sequence_length), tf.int32)
    max_len = tf.shape(potentials)[1]
    steps = tf.range(1, max_len)
    rest = tf.transpose(potentials[:, 1:, :], [1, 0, 2])

    def forward(
        carry: tuple[tf.Tensor, tf.Tensor], elems: tuple[tf.Tensor, tf.Tensor]
    ) -> tuple[tf.Tensor, tf.Tensor]:
        scores, t = elems
        candidates = carry[0][:, :, None] + transition_params[None]
        live = tf.less(t, lengths)[:, None]
        state = tf.where(live, scores + tf.reduce_max(candidates, 1), carry[0])
        pointers = tf.where(live, tf.cast(tf.argmax(candidates, 1), tf.int32), 0)
        return state, pointers

    start = (first, tf.zeros(tf.shape(first), tf.int32))
    states, pointers = tf.scan(forward, (rest, steps), initializer=start)
    last_score = tf.concat([first[None], states], 0)[-1]
    best = tf.cast(tf.argmax(last_score, 1), tf.int32)

    def backward(tag: tf.Tensor, elems: tuple[tf.Tensor, tf.Tensor]) -> tf.Tensor:
        step_pointers, t = elems
        previous = tf.gather(step_pointers, tag, batch_dims=1)
        return tf.where(tf.less(t, lengths), previous, tag)

    reversed_tags = tf.scan(backward, (pointers[::-1], steps[::-1]), initializer=best)
    # reversed_tags[i] is the tag at position T - 2 - i where that position is inside the example
    earlier = tf.transpose(reversed_tags[::-1])  # [batch, T - 1]: positions 0 .. T - 2
    positions = tf.range(max_len)[None, :]
    last = tf.maximum(lengths - 1, 0)[:, None]
    body = tf.concat([earlier, tf.zeros_like(earlier[:, :1])], 1)
    tags = tf.where(tf.equal(positions, last), best[:, None], tf.where(positions < last, body, 0))
    return tags, tf.reduce_max(last_score, 1)
