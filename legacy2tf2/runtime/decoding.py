"""Compiled decoding loops: greedy, sampling and beam search over one step function.

The step contract is ``step_fn(tokens, state, time) -> (logits, state)``: ``tokens`` ``[batch]``
int32, ``state`` any nest of ``[batch, ...]`` tensors, ``time`` a scalar int32, ``logits``
``[batch, vocab]``. Each loop is one ``tf.while_loop``: outputs go to ``TensorArray``s, no host
round-trip per step, the loop ends early once every row has emitted ``eos_id``, and finished rows
are frozen (they emit ``eos_id`` and stop changing score and length). The loops run eagerly,
inside ``tf.function`` and with ``jit_compile=True``.

TF1's ``feed_previous=True`` decoding is the greedy loop with ``eos_id=None`` (it always ran every
step).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

import numpy as np
import tensorflow as tf

from legacy2tf2.runtime import _checks

StepFn = Callable[[tf.Tensor, Any, tf.Tensor], tuple[tf.Tensor, Any]]
_NEG_INF = -1e9


class DecodeResult(NamedTuple):
    """What a decoding loop returns.

    ids: ``[batch, time]`` int32 (``[batch, n_best, time]`` for beam search with ``n_best > 1``),
        rows padded with ``eos_id`` after they end.
    lengths: ``[batch]`` (or ``[batch, n_best]``) tokens up to and including the first ``eos_id``.
    scores: ``[batch]`` (or ``[batch, n_best]``) summed log-probabilities, divided by the length
        penalty for beam search.
    attention: what ``record_fn`` recorded after every step, ``[batch, time, n]`` (beam with
        ``n_best > 1``: ``[batch, n_best, time, n]``), when one was given, else None.
    logits: per-step logits, when the caller recorded them (``Seq2Seq.generate``), else None.
    """

    ids: tf.Tensor
    lengths: tf.Tensor
    scores: tf.Tensor
    attention: tf.Tensor | None = None
    logits: tf.Tensor | None = None


def check_decoding_arguments(
    max_length: Any, beam_width: Any = 1, temperature: Any = 1.0, top_k: Any = None
) -> tuple[Any, int, float, int | None]:
    """Clear errors for arguments that would otherwise fail deep inside the loop.

    Python and NumPy integers are accepted alike (bools refused) and returned as Python ints;
    ``max_length`` may also be a scalar int tensor (the loop then grows its outputs as it runs).

    Returns:
        ``(max_length, beam_width, temperature, top_k)`` normalised.
    """
    if not tf.is_tensor(max_length):
        max_length = _checks.checked_int("max_length", max_length, minimum=1)
    beam_width = _checks.checked_int("beam_width", beam_width, minimum=1)
    temperature = _checks.checked_float("temperature", temperature, positive=True)
    if top_k is not None:
        top_k = _checks.checked_int("top_k", top_k, minimum=1)
    return max_length, beam_width, temperature, top_k


def sampling_seed(seed: Any) -> tf.Tensor:
    """The int64 seed of the stateless sampling ops: the given one, or a fresh random one
    (TF1's unseeded ``multinomial`` drew anew on every run)."""
    if seed is None:
        return tf.random.uniform([], 0, 2**62, dtype=tf.int64)
    if tf.is_tensor(seed):
        return tf.cast(seed, tf.int64)
    return tf.constant(_checks.checked_int("seed", seed), tf.int64)


def tile_beams(structure: Any, beam_width: int) -> Any:
    """Repeat every ``[batch, ...]`` tensor of a nest ``beam_width`` times: ``[batch*beam, ...]``."""
    return tf.nest.map_structure(
        lambda t: None if t is None else tf.repeat(t, beam_width, axis=0), structure
    )


def flatten_beams(tensor: tf.Tensor) -> tf.Tensor:
    """``[batch, beam, ...]`` -> ``[batch*beam, ...]``."""
    shape = tf.shape(tensor)
    return tf.reshape(tensor, tf.concat([[shape[0] * shape[1]], shape[2:]], 0))


def gather_beams(structure: Any, parents: tf.Tensor, beam_width: int) -> Any:
    """Reorder a ``[batch*beam, ...]`` nest so that beam ``k`` takes the row of beam ``parents[:, k]``."""

    def gather(tensor: tf.Tensor) -> tf.Tensor:
        shape = tf.shape(tensor)
        split = tf.reshape(tensor, tf.concat([[-1, beam_width], shape[1:]], 0))
        gathered = flatten_beams(tf.gather(split, parents, batch_dims=1))
        gathered.set_shape(tensor.shape)  # same shape; keeps loop variables' shapes static
        return gathered

    return tf.nest.map_structure(gather, structure)


def _array(dtype: tf.DType, max_length: Any, element_shape: Any = None) -> tf.TensorArray:
    # A static size keeps the loop compilable with XLA; unwritten steps read back as zeros.
    if isinstance(max_length, int):
        return tf.TensorArray(dtype, size=max_length, element_shape=element_shape)
    return tf.TensorArray(dtype, size=0, dynamic_size=True, element_shape=element_shape)


def _pad_after(stacked: tf.Tensor, steps: tf.Tensor, fill: int) -> tf.Tensor:
    """Steps at or after ``steps`` (never run: every row had ended) read ``fill``."""
    ran = tf.range(tf.shape(stacked)[0]) < steps
    ran = tf.reshape(ran, tf.concat([[-1], tf.ones([tf.rank(stacked) - 1], tf.int32)], 0))
    return tf.where(ran, stacked, tf.cast(fill, stacked.dtype))


def _mask_eos_before(
    logits: tf.Tensor, time: tf.Tensor, eos_id: int | None, min_length: int
) -> tf.Tensor:
    if eos_id is None or min_length <= 0:
        return logits
    blocked = tf.one_hot(eos_id, tf.shape(logits)[-1], on_value=_NEG_INF, off_value=0.0)
    return tf.where(time < min_length, logits + blocked, logits)


def _pick(
    logits: tf.Tensor,
    sample: bool,
    temperature: float,
    top_k: int | None,
    seed: tf.Tensor,
    time: tf.Tensor,
) -> tf.Tensor:
    if not sample:
        return tf.argmax(logits, axis=-1, output_type=tf.int32)
    scaled = logits / temperature
    if top_k is not None:
        kth = tf.math.top_k(scaled, k=top_k).values[:, -1:]
        scaled = tf.where(scaled < kth, _NEG_INF, scaled)
    # Gumbel-max sampling from stateless uniforms: the same seed draws the same tokens on every
    # call, eagerly or compiled (XLA has no kernel for stateless categorical sampling).
    step_seed = tf.stack([seed, tf.cast(time, tf.int64)])
    tiny = float(np.finfo(scaled.dtype.as_numpy_dtype).tiny)
    uniform = tf.random.stateless_uniform(
        tf.shape(scaled), step_seed, minval=tiny, maxval=1.0, dtype=scaled.dtype
    )
    return tf.argmax(scaled - tf.math.log(-tf.math.log(uniform)), axis=-1, output_type=tf.int32)


def _chosen_log_prob(logits: tf.Tensor, picked: tf.Tensor, sample: bool) -> tf.Tensor:
    """``log_softmax(logits)`` at each row's ``picked`` id (:func:`_log_softmax_at`); an argmax is
    the row's max itself."""
    picked_logit = tf.gather(logits, picked, batch_dims=1)[:, None]
    if not sample:
        return _log_softmax_at(logits, picked_logit, picked_logit, picked)[:, 0]
    peak_id = tf.argmax(logits, axis=-1, output_type=tf.int32)
    peak = tf.gather(logits, peak_id, batch_dims=1)[:, None]
    return _log_softmax_at(logits, picked_logit, peak, peak_id)[:, 0]


def _not_all_finished(time: tf.Tensor, finished: tf.Tensor) -> tf.Tensor:
    # The first step always runs: an empty batch ("all finished" at once) still writes one
    # (empty) step, which gives the stacked outputs their shape.
    return tf.logical_or(time < 1, tf.logical_not(tf.reduce_all(finished)))


def greedy_decode(
    step_fn: StepFn,
    start_tokens: Any,
    initial_state: Any,
    max_length: Any,
    eos_id: int | None = None,
    min_length: int = 0,
    sample: bool = False,
    temperature: float = 1.0,
    top_k: int | None = None,
    seed: Any = None,
    record_fn: Callable[[Any], tf.Tensor] | None = None,
) -> DecodeResult:
    """Decode by taking the argmax (or, with ``sample=True``, a sample) of every step's logits.

    Args:
        step_fn: the step contract of this module.
        start_tokens: ``[batch]`` first input tokens (TF1's GO symbol).
        initial_state: the decoder state before the first step.
        max_length: maximum number of steps (>= 1).
        eos_id: end-of-sequence id; rows that emit it are frozen. None: run every step.
        min_length: ``eos_id`` cannot be chosen before this step.
        sample, temperature, top_k, seed: sampling instead of argmax, from the top ``top_k``
            logits divided by ``temperature``; the same ``seed`` (an int or a scalar int tensor)
            draws the same tokens every time, None a new draw per call.
        record_fn: ``record_fn(state) -> [batch, n]`` recorded after every step (attention).

    Returns:
        :class:`DecodeResult`.
    """
    max_length, _, temperature, top_k = check_decoding_arguments(max_length, 1, temperature, top_k)
    eos_id = None if eos_id is None else _checks.checked_int("eos_id", eos_id, minimum=0)
    min_length = _checks.checked_int("min_length", min_length, minimum=0)
    seed = sampling_seed(seed) if sample else None
    start_tokens = tf.convert_to_tensor(start_tokens, tf.int32)
    batch = tf.shape(start_tokens)[0]
    eos = -1 if eos_id is None else eos_id
    ids_array = _array(tf.int32, max_length, [None])
    record_array = _array(tf.float32, max_length)

    def cond(time, tokens, state, finished, lengths, scores, ids_array, record_array):
        return _not_all_finished(time, finished)

    def body(time, tokens, state, finished, lengths, scores, ids_array, record_array):
        logits, state = step_fn(tokens, state, time)
        logits = _mask_eos_before(tf.cast(logits, tf.float32), time, eos_id, min_length)
        picked = _pick(logits, sample, temperature, top_k, seed, time)
        scores += tf.where(finished, 0.0, _chosen_log_prob(logits, picked, sample))
        chosen = tf.where(finished, eos, picked)
        lengths += tf.where(finished, 0, 1)
        ids_array = ids_array.write(time, chosen)
        if record_fn is not None:
            record_array = record_array.write(time, tf.cast(record_fn(state), tf.float32))
        return (
            time + 1,
            chosen,
            state,
            finished | (chosen == eos),
            lengths,
            scores,
            ids_array,
            record_array,
        )

    loop_vars = (
        tf.constant(0),
        start_tokens,
        initial_state,
        tf.zeros([batch], tf.bool),
        tf.zeros([batch], tf.int32),
        tf.zeros([batch], tf.float32),
        ids_array,
        record_array,
    )
    steps, _, _, _, lengths, scores, ids_array, record_array = tf.while_loop(
        cond, body, loop_vars, maximum_iterations=max_length
    )
    ids = tf.transpose(_pad_after(ids_array.stack(), steps, max(eos, 0)))
    attention = None
    if record_fn is not None:
        attention = tf.transpose(_pad_after(record_array.stack(), steps, 0), [1, 0, 2])
    return DecodeResult(ids, lengths, scores, attention)


def length_penalty(lengths: tf.Tensor, alpha: float) -> tf.Tensor:
    """GNMT's length penalty ``((5 + length) / 6) ** alpha``."""
    return tf.pow((5.0 + tf.cast(lengths, tf.float32)) / 6.0, alpha)


def beam_search_decode(
    step_fn: StepFn,
    start_tokens: Any,
    initial_state: Any,
    beam_width: int,
    max_length: Any,
    eos_id: int | None = None,
    length_penalty_alpha: float = 0.0,
    min_length: int = 0,
    n_best: int = 1,
    record_fn: Callable[[Any], tf.Tensor] | None = None,
) -> DecodeResult:
    """Beam search vectorised over ``batch * beam_width`` rows.

    Beams 1..k-1 start at -inf so the first step expands beam 0 only; candidates are ranked by
    log-probability divided by :func:`length_penalty`; finished beams only extend with ``eos_id``
    at no cost; the best ``n_best`` hypotheses are backtracked through the parent ids.
    ``beam_width=1`` gives the greedy tokens. Each step ranks every beam's ``k`` best tokens
    (found by :func:`top_k`): the same candidates, in the same order, as a ranking of all
    ``k * vocab`` would keep.

    Returns:
        :class:`DecodeResult`; with ``n_best == 1`` shaped like the greedy result.
    """
    max_length, beam_width, _, _ = check_decoding_arguments(max_length, beam_width)
    eos_id = None if eos_id is None else _checks.checked_int("eos_id", eos_id, minimum=0)
    min_length = _checks.checked_int("min_length", min_length, minimum=0)
    n_best = _checks.checked_int("n_best", n_best)
    if not 1 <= n_best <= beam_width:
        raise ValueError(f"Argument `n_best` must be in [1, beam_width]. Received: n_best={n_best}")
    k = beam_width
    start_tokens = tf.convert_to_tensor(start_tokens, tf.int32)
    batch = tf.shape(start_tokens)[0]
    eos = -1 if eos_id is None else eos_id
    first = tf.concat([[0.0], tf.fill([k - 1], _NEG_INF)], 0)

    def cond(time, tokens, state, log_probs, finished, lengths, ids_array, parents_array, records):
        return _not_all_finished(time, finished)

    def body(time, tokens, state, log_probs, finished, lengths, ids_array, parents_array, records):
        logits, state = step_fn(tokens, state, time)
        logits = _mask_eos_before(tf.cast(logits, tf.float32), time, eos_id, min_length)
        # A beam's candidates all share its score and its length penalty, so the k best overall
        # are among each beam's own k best: rank k * k candidates, not k * vocab (equal ones
        # still go to the lower beam, then the lower id, as in one top-k over all of them).
        width = _candidates_per_beam(logits, k)
        top_logits, top_ids = top_k(logits, width)
        # Sorted: the first of each row is its max.
        step = _log_softmax_at(logits, top_logits, top_logits[:, :1], top_ids[:, 0])
        step = tf.reshape(step, [batch, k, width])
        top_ids = tf.reshape(top_ids, [batch, k, width])
        if eos_id is not None:
            # A finished beam extends with eos_id only, at no cost.
            only_eos = tf.one_hot(0, width, on_value=0.0, off_value=_NEG_INF)
            step = tf.where(finished[:, :, None], only_eos[None, None, :], step)
            top_ids = tf.where(finished[:, :, None], eos_id, top_ids)
        total = log_probs[:, :, None] + step
        new_lengths = lengths + tf.where(finished, 0, 1)
        ranked = total
        if not (isinstance(length_penalty_alpha, (int, float)) and length_penalty_alpha == 0):
            # alpha 0 divides by exactly 1: skipped.
            ranked = total / length_penalty(new_lengths, length_penalty_alpha)[:, :, None]
        _, index = tf.math.top_k(tf.reshape(ranked, [batch, k * width]), k=k)
        parents = index // width
        chosen = tf.gather(tf.reshape(top_ids, [batch, k * width]), index, batch_dims=1)
        log_probs = tf.gather(tf.reshape(total, [batch, k * width]), index, batch_dims=1)
        lengths = tf.gather(new_lengths, parents, batch_dims=1)
        finished = tf.gather(finished, parents, batch_dims=1) | (chosen == eos)
        state = gather_beams(state, parents, k)
        ids_array = ids_array.write(time, chosen)
        parents_array = parents_array.write(time, parents)
        if record_fn is not None:
            recorded = tf.cast(record_fn(state), tf.float32)
            records = records.write(time, tf.reshape(recorded, [batch, k, -1]))
        return (
            time + 1,
            flatten_beams(chosen),
            state,
            log_probs,
            finished,
            lengths,
            ids_array,
            parents_array,
            records,
        )

    loop_vars = (
        tf.constant(0),
        tile_beams(start_tokens, k),
        tile_beams(initial_state, k),
        tf.tile(first[None, :], [batch, 1]),
        tf.zeros([batch, k], tf.bool),
        tf.zeros([batch, k], tf.int32),
        _array(tf.int32, max_length, [None, k]),
        _array(tf.int32, max_length, [None, k]),
        _array(tf.float32, max_length),
    )
    final = tf.while_loop(cond, body, loop_vars, maximum_iterations=max_length)
    steps, _, _, log_probs, _, lengths, ids_array, parents_array, records = final
    path = _beam_paths(steps, parents_array.stack(), k)  # [time, batch, beam]
    ids = tf.gather(ids_array.stack(), path, batch_dims=2)
    ids = tf.transpose(_pad_after(ids, steps, max(eos, 0)), [1, 2, 0])
    attention = None
    if record_fn is not None:
        recorded = tf.gather(records.stack(), path, batch_dims=2)
        attention = tf.transpose(_pad_after(recorded, steps, 0), [1, 2, 0, 3])
    scores = log_probs / length_penalty(lengths, length_penalty_alpha)
    order = tf.argsort(scores, axis=1, direction="DESCENDING")[:, :n_best]
    ids = tf.gather(ids, order, batch_dims=1)  # [batch, n_best, time]
    scores = tf.gather(scores, order, batch_dims=1)
    lengths = tf.gather(lengths, order, batch_dims=1)
    if attention is not None:
        attention = tf.gather(attention, order, batch_dims=1)
    if n_best == 1:
        ids, scores, lengths = ids[:, 0], scores[:, 0], lengths[:, 0]
        attention = None if attention is None else attention[:, 0]
    return DecodeResult(ids, lengths, scores, attention)


def top_k(values: tf.Tensor, k: Any) -> tuple[tf.Tensor, tf.Tensor]:
    """``tf.math.top_k(values, k)`` of ``[rows, n]`` float ``values``: the same values and indices
    (sorted, equal values to the lower index), faster on CPU for long rows.

    TensorFlow's CPU kernel for a small ``k`` over a long row costs about as much as the output
    projection that made the row (beam search ranks ``batch * beam`` rows of the vocabulary every
    step). With a static ``n`` of at least ``_BLOCKED_TOP_K_FROM`` and an int ``k``, the row is cut
    into blocks, the ``k`` blocks holding the best maxima are kept (they hold the ``k`` best
    values), and the top-k runs over those ``k`` blocks only.
    """
    n = values.shape[-1]
    if not isinstance(k, int) or n is None or n < _BLOCKED_TOP_K_FROM or values.shape.rank != 2:
        return tf.math.top_k(values, k=k)
    return _blocked_top_k(values, k, _block_count(n, k))


#: Rows shorter than this go to ``tf.math.top_k`` directly.
_BLOCKED_TOP_K_FROM = 1024


def _block_count(n: int, k: int) -> int:
    """About ``sqrt(n) / 1.5`` blocks (measured fastest on CPU), at least ``k``; a count that
    divides ``n`` when one lies within a factor of 2, which saves padding every row."""
    target = max(k, round(n**0.5 / 1.5))
    divisors = [b for b in range(max(k, target // 2), 2 * target + 1) if n % b == 0]
    return min(divisors, key=lambda b: abs(b - target)) if divisors else target


def _blocked_top_k(values: tf.Tensor, k: int, blocks: int) -> tuple[tf.Tensor, tf.Tensor]:
    """:func:`top_k` over ``blocks`` contiguous blocks of each row (``k <= blocks``).

    Exact: rank each block by its best element, under the order of ``tf.math.top_k`` (larger
    value first, then lower index). The block of any of the ``k`` best elements has a best
    element at least as good, and a block not among the ``k`` best blocks is beaten by ``k``
    distinct better elements (the other blocks' bests), so every one of the ``k`` best elements
    lies in the ``k`` best blocks. Those blocks are read in index order, so ties still resolve to
    the lower index. Padding (to a whole number of blocks) is -inf at the end of the row, after
    every real element.
    """
    rows, n = tf.shape(values)[0], int(values.shape[-1])
    size = -(-n // blocks)
    if size * blocks != n:
        values = tf.pad(values, [[0, 0], [0, size * blocks - n]], constant_values=-np.inf)
    split = tf.reshape(values, [rows, blocks, size])
    _, best_blocks = tf.math.top_k(tf.reduce_max(split, axis=2), k=k)
    best_blocks = tf.sort(best_blocks, axis=1)
    candidates = tf.reshape(tf.gather(split, best_blocks, batch_dims=1), [rows, k * size])
    top_values, position = tf.math.top_k(candidates, k=k)
    indices = tf.gather(best_blocks, position // size, batch_dims=1) * size + position % size
    return top_values, indices


def _log_softmax_at(
    logits: tf.Tensor, chosen: tf.Tensor, peak: tf.Tensor, peak_id: tf.Tensor
) -> tf.Tensor:
    """``log_softmax(logits)`` at each row's ``chosen`` logits (``[rows, m]``), ``peak`` (``[rows,
    1]``) the row's max and ``peak_id`` (``[rows]``) its index: the ``LogSoftmax`` kernel's
    formula ``(x - max) - log(sum(exp(logits - max)))``, its normaliser read from the softmax at
    the max, which is ``exp(0) / sum(...)``.

    One fused ``Softmax`` kernel makes the sum (on CPU about half the time of the ``Sub``, ``Exp``
    and ``Sum`` kernels that spell it out, each of which writes or reads a whole ``[rows,
    vocab]`` tensor); the softmax at the max is at least ``1 / vocab``, so its log is finite and
    within float32 rounding of ``-log(sum)``.
    """
    at_peak = tf.gather(tf.nn.softmax(logits), peak_id, batch_dims=1)[:, None]
    return (chosen - peak) + tf.math.log(at_peak)


def _candidates_per_beam(logits: tf.Tensor, beam_width: int) -> Any:
    """How many of each beam's best tokens can reach the next beams: ``beam_width``, or the
    whole (smaller) vocabulary; a tensor when the vocabulary size is known at run time only."""
    vocab = logits.shape[-1]
    if vocab is None:
        return tf.minimum(beam_width, tf.shape(logits)[-1])
    return min(beam_width, int(vocab))


def _beam_paths(steps: tf.Tensor, parents: tf.Tensor, k: int) -> tf.Tensor:
    """Backtrack parent ids: ``path[t, b, j]`` is the beam at step ``t`` on final beam ``j``'s path."""
    batch = tf.shape(parents)[1]
    time_steps = tf.shape(parents)[0]
    paths = tf.TensorArray(tf.int32, size=time_steps, element_shape=[None, k])

    def body(t: tf.Tensor, beam: tf.Tensor, paths: tf.TensorArray) -> tuple:
        paths = paths.write(t, beam)
        return t - 1, tf.gather(parents[t], beam, batch_dims=1), paths

    # Steps never run (all ended early) keep beam j on itself.
    start = tf.tile(tf.range(k)[None, :], [batch, 1])
    for_unrun = tf.while_loop(
        lambda t, *_: t >= steps,
        lambda t, beam, paths: (t - 1, beam, paths.write(t, beam)),
        (time_steps - 1, start, paths),
    )
    _, _, paths = tf.while_loop(lambda t, *_: t >= 0, body, (steps - 1, start, for_unrun[2]))
    return paths.stack()
