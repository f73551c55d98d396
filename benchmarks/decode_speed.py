"""Decoding speed of ``Seq2Seq.generate`` against its floor and against the hand-written recipe.

Measured in one run, in one process, on the same inputs, every function interleaved repeat by
repeat (a noisy shared machine slows every side alike); medians after one warm-up call, and the
fastest round of each for reference. Every timing is divided by the number of target steps it
decodes (all of them: ``eos_id=None``, as TF1's ``feed_previous=True`` decoder ran), so figures
are milliseconds per step.
``generate``'s figures include its encoder and its input checks; the floors include neither.

1. floor: the model's own output projection (``proj_w``/``proj_b``, ``[batch, size] ->
   [batch, vocab]``) and an argmax per step, fed back through the target embedding, in one
   ``tf.while_loop``: the work no greedy decoder can avoid. Measured as a plain ``tf.function``
   and with XLA (``jit_compile=True``); the faster of the two is the floor of every ratio, so
   neither way of running ``generate`` is compared with a slower floor than it could have.
2. greedy: ``Seq2Seq.generate(method="greedy")``, plain and with XLA; the goal is read on the
   way users get by default (``jit_compile="auto"``, printed). Goal: <= 1.5x the floor.
3. beam floor: the same projection at ``batch * beam`` rows and a top-k (k = beam) of every
   row (the runtime's exact top-k, ``decoding.top_k``: on CPU ``tf.math.top_k`` alone costs
   about as much as the projection at these sizes), fed back the same way; plain and XLA, the
   faster is the beam floor.
4. beam: ``generate(method="beam", beam_width=4)``, plain and XLA. Goal: <= 1.5x the beam floor.
   For reference, the model floor: the model's encoder and its whole decoder step (cell,
   attention, projection) with an argmax in one compiled loop, without ``generate``'s
   bookkeeping; and the FLOPs of each part, which bound greedy/floor from below.
5. recipe: what users write by hand from the blog posts: a Keras ``GRU`` encoder, Bahdanau
   attention, an ``Embedding`` + ``GRU`` + ``Dense`` decoder, decoded greedily by an eager Python
   ``for`` loop (one ``tf.argmax`` per token). Goal: greedy ``generate`` >= 10x faster.
6. first call: the seconds of ``generate``'s first call on a new model (tracing, and XLA's
   compilation), plain and XLA, greedy and beam.

``--profile`` adds TensorFlow's profiler (``tf.profiler.experimental``) on ``generate`` greedy
and beam as run by default: the kernels that take the most time, as shares of all kernel time.

Default sizes are the translate tutorial's scale on a small machine: 1 x 256 GRU, vocabulary
8,000 on both sides, embedding 256, batch 64, 20 source and 20 target steps, beam 4. ``--small``
is a smoke run.

    python benchmarks/decode_speed.py [--small] [--repeats N] [--profile]
"""

from __future__ import annotations

import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import keras
import numpy as np
import tensorflow as tf

from legacy2tf2.runtime import Seq2Seq, decoding, rnn_cell
from legacy2tf2.runtime._decode_options import xla_by_default

GO_ID, EOS_ID = 1, 2


@dataclass(frozen=True)
class Sizes:
    """Model and batch sizes of one run."""

    units: int
    vocab: int
    embedding: int
    batch: int
    source_steps: int
    target_steps: int
    beam: int

    def describe(self) -> str:
        """One line for the report."""
        return (
            f"1 x {self.units} GRU, vocabulary {self.vocab:,} both sides, embedding "
            f"{self.embedding}, batch {self.batch}, {self.source_steps} source / "
            f"{self.target_steps} target steps, beam {self.beam}"
        )


DEFAULT = Sizes(
    units=256, vocab=8000, embedding=256, batch=64, source_steps=20, target_steps=20, beam=4
)
SMALL = Sizes(units=32, vocab=200, embedding=32, batch=8, source_steps=6, target_steps=6, beam=4)

#: Goals: (name of the ratio, comparison, target).
GOALS = {
    "greedy/floor": ("<=", 1.5),
    "beam/beam floor": ("<=", 1.5),
    "recipe/greedy": (">=", 10.0),
}


def time_side_by_side(
    functions: dict[str, Callable[[], Any]], repeats: int
) -> dict[str, list[float]]:
    """One warm-up call each (tracing, compiling), then ``repeats`` interleaved rounds; the
    seconds of every round of each function."""
    for function in functions.values():
        function()
    times: dict[str, list[float]] = {name: [] for name in functions}
    for _ in range(repeats):
        for name, function in functions.items():
            start = time.perf_counter()
            function()
            times[name].append(time.perf_counter() - start)
    return times


# ----- the runtime's model and its floors ---------------------------------------------------------
def make_model(sizes: Sizes) -> Seq2Seq:
    """The translate tutorial's layout (``proj_w``/``proj_b``) with one GRU layer, random weights."""
    return Seq2Seq(
        rnn_cell.GRUCell(sizes.units),
        num_encoder_symbols=sizes.vocab,
        num_decoder_symbols=sizes.vocab,
        embedding_size=sizes.embedding,
        go_id=GO_ID,
        eos_id=EOS_ID,
    )


def make_floor(
    model: Seq2Seq, sizes: Sizes, beam: int, jit_compile: bool
) -> Callable[[], np.ndarray]:
    """The unavoidable work of decoding ``sizes.target_steps`` steps: per step the model's output
    projection at ``batch * beam`` rows and an argmax (beam 1) or a top-k (k = beam) of every
    row, the best tokens' embeddings fed back as the next rows (so no step can be
    hoisted out of the loop), ids written to a ``TensorArray``; with XLA or without."""
    proj_w, proj_b = model.decoder.proj_w, model.decoder.proj_b
    embedding = model.decoder.embedding
    rows, steps = sizes.batch * beam, sizes.target_steps
    first = tf.random.stateless_normal([rows, sizes.units], [0, 1])

    @tf.function(jit_compile=jit_compile)
    def floor(first: tf.Tensor) -> tf.Tensor:
        ids = tf.TensorArray(tf.int32, size=steps)
        kernel = tf.transpose(proj_w)  # once: [rows, size] x [size, vocab] is the faster product

        def body(t: tf.Tensor, rows_in: tf.Tensor, ids: tf.TensorArray) -> tuple:
            logits = tf.matmul(rows_in, kernel) + proj_b
            if beam == 1:
                chosen = tf.argmax(logits, axis=-1, output_type=tf.int32)
            else:
                chosen = decoding.top_k(logits, beam)[1][:, 0]
            fed = tf.gather(embedding, chosen)[:, : sizes.units]
            return t + 1, tf.reshape(fed, [rows, sizes.units]), ids.write(t, chosen)

        _, _, ids = tf.while_loop(lambda t, *_: t < steps, body, (0, first, ids))
        return ids.stack()

    if sizes.embedding < sizes.units:
        raise ValueError("the floor feeds embeddings back as rows: needs embedding >= units")
    return lambda: floor(first).numpy()


def make_model_floor(
    model: Seq2Seq, sizes: Sizes, source: tf.Tensor, jit_compile: bool
) -> Callable[[], np.ndarray]:
    """The model's own work: its encoder, then per step its decoder step (``AttentionDecoder.step``
    with the transposed projection made once) and an argmax, in one compiled loop; none of
    ``generate``'s bookkeeping (scores, lengths, finished rows, end of loop on EOS); with XLA or
    without."""
    steps = sizes.target_steps

    @tf.function(jit_compile=jit_compile)
    def model_floor(source: tf.Tensor) -> tf.Tensor:
        state, memory = model.encode(source)
        projection = model.decoder.output_projection_weights()
        ids = tf.TensorArray(tf.int32, size=steps)

        def body(t: tf.Tensor, tokens: tf.Tensor, state: Any, ids: tf.TensorArray) -> tuple:
            logits, state, _ = model.decoder.step(tokens, state, memory, projection)
            chosen = tf.argmax(logits, axis=-1, output_type=tf.int32)
            return t + 1, chosen, state, ids.write(t, chosen)

        start = tf.fill([tf.shape(source)[0]], GO_ID)
        _, _, _, ids = tf.while_loop(lambda t, *_: t < steps, body, (0, start, state, ids))
        return ids.stack()

    return lambda: model_floor(source).numpy()


def flops_per_step(sizes: Sizes) -> dict[str, float]:
    """Multiply-adds x 2 per target step: the floor's projection, the rest of a decoder step
    (input linear, GRU, attention query and scores, output linear) and the encoder (its GRU
    steps and the attention features) spread over the target steps."""
    b, u, e, v = sizes.batch, sizes.units, sizes.embedding, sizes.vocab
    length = sizes.source_steps
    projection = 2 * b * u * v
    decoder = (
        2
        * b
        * (
            (e + u) * e  # input linear over [embedded token, previous context]
            + (e + u) * 3 * u  # GRU gates and candidate
            + u * u  # attention query
            + 3 * length * u  # attention scores and context
            + 2 * u * u  # output linear over [cell output, context]
        )
    )
    encoder = 2 * b * length * ((e + u) * 3 * u + u * u) / sizes.target_steps
    return {"projection": projection, "decoder": decoder, "encoder": encoder}


# ----- the hand-written recipe ---------------------------------------------------------------------
class BahdanauAttention(keras.layers.Layer):
    """The blog posts' additive attention: ``V(tanh(W1(values) + W2(query)))``."""

    def __init__(self, units: int) -> None:
        super().__init__()
        self.w1 = keras.layers.Dense(units)
        self.w2 = keras.layers.Dense(units)
        self.v = keras.layers.Dense(1)

    def call(self, query: tf.Tensor, values: tf.Tensor) -> tuple[tf.Tensor, tf.Tensor]:
        score = self.v(tf.nn.tanh(self.w1(values) + self.w2(query[:, None, :])))
        weights = tf.nn.softmax(score, axis=1)
        return tf.reduce_sum(weights * values, axis=1), weights


class RecipeEncoder(keras.Model):
    """``Embedding`` + ``GRU(return_sequences, return_state)``."""

    def __init__(self, vocab: int, embedding: int, units: int) -> None:
        super().__init__()
        self.embedding = keras.layers.Embedding(vocab, embedding)
        self.gru = keras.layers.GRU(units, return_sequences=True, return_state=True)

    def call(self, tokens: tf.Tensor) -> tuple[tf.Tensor, tf.Tensor]:
        outputs, state = self.gru(self.embedding(tokens))
        return outputs, state


class RecipeDecoder(keras.Model):
    """One step: attention on the previous state, ``[context, embedded token]`` through a
    ``GRU``, a ``Dense`` to the vocabulary."""

    def __init__(self, vocab: int, embedding: int, units: int) -> None:
        super().__init__()
        self.embedding = keras.layers.Embedding(vocab, embedding)
        self.gru = keras.layers.GRU(units, return_sequences=True, return_state=True)
        self.fc = keras.layers.Dense(vocab)
        self.attention = BahdanauAttention(units)

    def call(self, token: tf.Tensor, hidden: tf.Tensor, enc_output: tf.Tensor) -> tuple:
        context, _ = self.attention(hidden, enc_output)
        x = tf.concat([context[:, None, :], self.embedding(token)], axis=-1)
        output, state = self.gru(x)
        return self.fc(tf.reshape(output, [-1, output.shape[2]])), state


def make_recipe(sizes: Sizes, source: tf.Tensor) -> Callable[[], np.ndarray]:
    """The recipe's greedy translation of ``source``: an eager Python loop of decoder steps."""
    encoder = RecipeEncoder(sizes.vocab, sizes.embedding, sizes.units)
    decoder = RecipeDecoder(sizes.vocab, sizes.embedding, sizes.units)

    def translate() -> np.ndarray:
        enc_output, hidden = encoder(source)
        token = tf.fill([sizes.batch, 1], GO_ID)
        ids = []
        for _ in range(sizes.target_steps):
            logits, hidden = decoder(token, hidden, enc_output)
            predicted = tf.argmax(logits, axis=-1, output_type=tf.int32)
            ids.append(predicted.numpy())
            token = predicted[:, None]
        return np.stack(ids, 1)

    return translate


# ----- the report -----------------------------------------------------------------------------------
def verdict(name: str, ratio: float) -> str:
    """``goal <= 1.5x: met`` or ``MISSED``."""
    sign, target = GOALS[name]
    met = ratio <= target if sign == "<=" else ratio >= target
    return f"goal {sign} {target:g}x: {'met' if met else 'MISSED'}"


def load() -> str:
    """The 1-minute load average and the usable cores, for the report."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    try:
        return f"load average {os.getloadavg()[0]:.2f} on {cores} usable cores"
    except OSError:
        return f"{cores} usable cores"


def first_call_seconds(sizes: Sizes, source: tf.Tensor, **options: Any) -> float:
    """Seconds of ``generate``'s first call on a new model: tracing, and compiling with XLA."""
    model = make_model(sizes)
    started = time.perf_counter()
    model.generate(source, sizes.target_steps, eos_id=None, **options).ids.numpy()
    return time.perf_counter() - started


def profile_kernels(function: Callable[[], Any], calls: int, top: int) -> list[tuple[str, float]]:
    """TensorFlow's profiler over ``calls`` calls of ``function``: the ``top`` kernels by time, as
    ``(name, share of all kernel time)``; the same kernel's runs on every thread are summed."""
    import tempfile
    from collections import Counter

    from tensorflow.tsl.profiler.protobuf import xplane_pb2

    function()
    with tempfile.TemporaryDirectory() as logdir:
        tf.profiler.experimental.start(logdir)
        for _ in range(calls):
            function()
        tf.profiler.experimental.stop()
        spaces = [
            os.path.join(root, name)
            for root, _, names in os.walk(logdir)
            for name in names
            if name.endswith(".xplane.pb")
        ]
        space = xplane_pb2.XSpace()
        with open(spaces[0], "rb") as file:
            space.ParseFromString(file.read())
    kernels: Counter[str] = Counter()
    for plane in space.planes:
        for line in plane.lines:
            if not line.name.startswith("tf_Compute"):  # the executor threads run the kernels
                continue
            for event in line.events:
                name = plane.event_metadata[event.metadata_id].name
                if name not in ("ExecutorState::Process", "ParallelFor"):
                    kernels[name] += event.duration_ps
    total = sum(kernels.values()) or 1
    return [(name, ps / total) for name, ps in kernels.most_common(top)]


def main(argv: list[str] | None = None) -> None:
    """Parse the arguments, measure everything side by side, print per-step ms and the ratios."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--small", action="store_true", help=f"smoke-run sizes: {SMALL.describe()}")
    parser.add_argument("--repeats", type=int, default=7, help="timed rounds (default 7)")
    parser.add_argument(
        "--profile", action="store_true", help="also profile generate greedy and beam (kernels)"
    )
    args = parser.parse_args(argv)
    if args.repeats < 1:
        parser.error("--repeats must be >= 1")
    sizes = SMALL if args.small else DEFAULT
    device = "GPU" if tf.config.list_physical_devices("GPU") else "CPU"
    print(
        f"TensorFlow {tf.__version__}, Keras {keras.__version__}, Python {sys.version.split()[0]}"
    )
    print(f"device: {device}; {load()}")
    print(f"sizes: {sizes.describe()}")
    default = "XLA" if xla_by_default() else "tf.function"
    print(f'generate\'s default jit_compile="auto" runs here as: {default}')
    print(f"{args.repeats} interleaved rounds after 1 warm-up; medians, ms per target step")
    keras.utils.set_random_seed(0)
    model = make_model(sizes)
    rng = np.random.default_rng(0)
    source = tf.constant(
        rng.integers(3, sizes.vocab, (sizes.batch, sizes.source_steps)).astype(np.int32)
    )
    steps = sizes.target_steps
    modes = {"tf.function": False, "XLA": True}

    def generate(**options: Any) -> Callable[[], np.ndarray]:
        return lambda: model.generate(source, steps, eos_id=None, **options).ids.numpy()

    functions: dict[str, Callable[[], Any]] = {}
    for mode, jit in modes.items():
        functions[f"floor ({mode})"] = make_floor(model, sizes, 1, jit)
        functions[f"greedy ({mode})"] = generate(jit_compile=jit)
        functions[f"model floor ({mode})"] = make_model_floor(model, sizes, source, jit)
        functions[f"beam floor ({mode})"] = make_floor(model, sizes, sizes.beam, jit)
        functions[f"beam ({mode})"] = generate(
            method="beam", beam_width=sizes.beam, jit_compile=jit
        )
    functions["recipe"] = make_recipe(sizes, source)
    started = time.perf_counter()
    rounds = time_side_by_side(functions, args.repeats)
    per_step = {name: statistics.median(s) * 1000 / steps for name, s in rounds.items()}
    best = {name: min(s) * 1000 / steps for name, s in rounds.items()}
    for name, ms in per_step.items():
        print(f"  {name:<28} {ms:8.2f} ms/step  (fastest round {best[name]:.2f})")

    def fastest(name: str) -> tuple[float, str]:
        return min((per_step[f"{name} ({mode})"], mode) for mode in modes)

    floor, floor_mode = fastest("floor")
    beam_floor, beam_floor_mode = fastest("beam floor")
    model_floor, model_floor_mode = fastest("model floor")
    greedy, beam = per_step[f"greedy ({default})"], per_step[f"beam ({default})"]
    print(
        f"floor = {floor_mode} floor, beam floor = {beam_floor_mode} beam floor (the faster); "
        f"greedy and beam: generate's default ({default})"
    )
    ratios = {
        "greedy/floor": greedy / floor,
        "beam/beam floor": beam / beam_floor,
        "recipe/greedy": per_step["recipe"] / greedy,
    }
    for name, ratio in ratios.items():
        print(f"ratio {name}: {ratio:.2f}x  ({verdict(name, ratio)})")
    # On a shared machine other processes slow some rounds more than others; the fastest rounds
    # are the least disturbed, so their ratios are printed too (the goals read the medians).
    fastest_rounds = (
        best[f"greedy ({default})"] / min(best["floor (tf.function)"], best["floor (XLA)"]),
        best[f"beam ({default})"] / min(best["beam floor (tf.function)"], best["beam floor (XLA)"]),
        best["recipe"] / best[f"greedy ({default})"],
    )
    print(
        "the same ratios from each function's fastest round: "
        + ", ".join(
            f"{name} {ratio:.2f}x" for name, ratio in zip(ratios, fastest_rounds, strict=True)
        )
    )
    for mode in modes:
        print(
            f"ratio greedy ({mode})/floor: {per_step[f'greedy ({mode})'] / floor:.2f}x, "
            f"beam ({mode})/beam floor: {per_step[f'beam ({mode})'] / beam_floor:.2f}x  (no goal)"
        )
    print(f"ratio beam/greedy: {beam / greedy:.2f}x  (no goal)")
    print(
        f"ratio greedy/model floor: {greedy / model_floor:.2f}x  (no goal: what generate's loop "
        f"adds to the model's own step; model floor = {model_floor_mode})"
    )
    flops = flops_per_step(sizes)
    bound = sum(flops.values()) / flops["projection"]
    print(
        f"FLOPs per step: projection {flops['projection'] / 1e6:.1f} M, rest of the decoder step "
        f"{flops['decoder'] / 1e6:.1f} M, encoder {flops['encoder'] / 1e6:.1f} M: greedy/floor "
        f"cannot go below {bound:.2f}x at equal FLOP rates "
        f"({(flops['projection'] + flops['decoder']) / flops['projection']:.2f}x without the "
        "encoder)"
    )
    k = sizes.beam
    beam_bound = (k * (flops["projection"] + flops["decoder"]) + flops["encoder"]) / (
        k * flops["projection"]
    )
    print(
        f"beam: projection and decoder step at {k}x the rows, the encoder not: beam/beam floor "
        f"cannot go below {beam_bound:.2f}x at equal FLOP rates (less: the beam floor's top-k "
        "is work too)"
    )
    print(f"{load()} at the end; measuring took {time.perf_counter() - started:.0f} s")
    first = {
        f"{method} ({mode})": first_call_seconds(
            sizes, source, jit_compile=jit, **({"method": "beam"} if method == "beam" else {})
        )
        for method in ("greedy", "beam")
        for mode, jit in modes.items()
    }
    print(
        "first call on a new model (tracing; with XLA also compiling), s: "
        + ", ".join(f"{name} {value:.2f}" for name, value in first.items())
    )
    if args.profile:
        for name, options in (("greedy", {}), ("beam", {"method": "beam"})):
            print(f"profile of generate {name} ({default}): kernel, share of kernel time")
            for kernel, share in profile_kernels(generate(**options), calls=3, top=15):
                print(f"  {share * 100:5.1f}%  {kernel}")


if __name__ == "__main__":
    main()
