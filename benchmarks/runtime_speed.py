"""Speed of the runtime's Keras-native ``Seq2Seq``, side by side with the usual alternatives.

Measured in one run, in one process, on the same weights and inputs (every pair interleaved,
repeat by repeat, so that a noisy shared machine slows both sides alike; medians after warm-up):

1. greedy decoding: ``Seq2Seq.generate(method="greedy")`` (one ``tf.while_loop`` in a
   ``tf.function``) vs the blog-post recipe, a Python loop calling the decoder step eagerly, one
   ``tf.argmax`` and one host ``.numpy()`` EOS check per token. Goal: >= 5x.
2. XLA: ``generate(..., jit_compile=True)`` vs the plain ``tf.function`` generate.
3. beam search (width 4) vs greedy: the cost of the beam.
4. one training step: ``Seq2Seq.train_on_batch`` (``compile()`` without a loss: TF1's
   ``sequence_loss``) vs the same model through the function API in ``tf.compat.v1`` graph mode
   (placeholders, ``embedding_attention_seq2seq``, ``sequence_loss``, ``AdamOptimizer``,
   ``Session.run``). Both use TF1's ``OutputProjectionWrapper`` layout
   (``output_projection=None`` / ``False``). Goal: <= 1.2x.
5. peak memory: the process's max RSS (``resource.getrusage``) and current RSS around every
   section (and the GPU allocator's peak where there is a GPU). ``tracemalloc`` would only see
   Python objects, not TensorFlow's tensors, so it is not used.

Decoding (sections 1-3) uses ``Seq2Seq``'s default layout, the translate tutorial's
(``output_projection=True``: cell output, attention projection to the cell size, then
``proj_w``/``proj_b`` to the vocabulary). Random weights: greedy decoding runs every step unless
the argmax happens to hit EOS in every row, which the printed step counts show.

Default sizes (a 2-core machine runs them in a few minutes): 2 x 256 GRU, vocabulary 8,000 on
both sides, embedding 256, batch 64, 20 source and 20 target steps. ``--small`` is a smoke run.

    python benchmarks/runtime_speed.py [--small] [--repeats N]
"""

from __future__ import annotations

import os

os.environ["TF_CPP_MIN_LOG_LEVEL"] = "2"

import argparse
import platform
import resource
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import keras
import numpy as np
import tensorflow as tf

from legacy2tf2.runtime import Seq2Seq, legacy_seq2seq, rnn_cell

_v1 = tf.compat.v1

#: Goals of the issue: (comparison, ratio, goal) where the goal is ">= x" or "<= x".
GOALS: dict[str, tuple[str, float] | None] = {
    "greedy": (">=", 5.0),
    "xla": None,
    "beam": None,
    "train": ("<=", 1.2),
}
GO_ID, EOS_ID = 1, 2


@dataclass(frozen=True)
class Sizes:
    """Model and batch sizes of one benchmark run."""

    layers: int
    units: int
    vocab: int
    embedding: int
    batch: int
    source_steps: int
    target_steps: int

    def describe(self) -> str:
        """One line for the report."""
        return (
            f"{self.layers} x {self.units} GRU, vocabulary {self.vocab:,} both sides, "
            f"embedding {self.embedding}, batch {self.batch}, "
            f"{self.source_steps} source / {self.target_steps} target steps"
        )


DEFAULT = Sizes(
    layers=2, units=256, vocab=8000, embedding=256, batch=64, source_steps=20, target_steps=20
)
SMALL = Sizes(layers=2, units=32, vocab=200, embedding=32, batch=8, source_steps=6, target_steps=6)


@dataclass
class Row:
    """One line of the summary table: two timings and their ratio."""

    key: str
    what: str
    name_a: str
    seconds_a: float
    name_b: str
    seconds_b: float
    ratio: float
    ratio_fastest: float
    meaning: str


@dataclass
class MemoryRow:
    """Process memory around one section, in MB."""

    section: str
    peak_before: float
    peak_after: float
    rss_before: float
    rss_after: float
    gpu_peak: float | None


# ----- measuring --------------------------------------------------------------------------------
def max_rss_mb() -> float:
    """The process's peak resident set size so far (Linux reports KiB, macOS bytes)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def current_rss_mb() -> float:
    """The process's resident set size now (Linux; falls back to the peak elsewhere)."""
    try:
        with open("/proc/self/statm") as statm:
            pages = int(statm.read().split()[1])
    except OSError:
        return max_rss_mb()
    return pages * os.sysconf("SC_PAGE_SIZE") / (1024 * 1024)


def gpu_peak_mb() -> float | None:
    """Peak bytes of the first GPU's allocator since the last reset, or None without a GPU."""
    if not tf.config.list_physical_devices("GPU"):
        return None
    return tf.config.experimental.get_memory_info("GPU:0")["peak"] / (1024 * 1024)


class MemoryTracker:
    """Records RSS (and GPU peak) before and after each section."""

    def __init__(self) -> None:
        self.rows: list[MemoryRow] = []
        self._start: tuple[str, float, float] | None = None

    def begin(self, section: str) -> None:
        """Mark the start of ``section`` (resets the GPU allocator's peak)."""
        if tf.config.list_physical_devices("GPU"):
            tf.config.experimental.reset_memory_stats("GPU:0")
        self._start = (section, max_rss_mb(), current_rss_mb())

    def end(self) -> MemoryRow:
        """Close the section begun last and print its memory line."""
        assert self._start is not None, "end() without begin()"
        section, peak_before, rss_before = self._start
        row = MemoryRow(
            section, peak_before, max_rss_mb(), rss_before, current_rss_mb(), gpu_peak_mb()
        )
        self.rows.append(row)
        gpu = "" if row.gpu_peak is None else f", GPU peak {row.gpu_peak:.0f} MB"
        print(
            f"  memory: peak RSS {row.peak_before:.0f} -> {row.peak_after:.0f} MB "
            f"(+{row.peak_after - row.peak_before:.0f}), RSS now {row.rss_before:.0f} -> "
            f"{row.rss_after:.0f} MB{gpu}"
        )
        self._start = None
        return row


@dataclass(frozen=True)
class Timing:
    """Seconds of one measured function: its warm-up call and its timed repeats."""

    warmup: float
    repeats: tuple[float, ...]

    @property
    def median(self) -> float:
        """Median of the timed repeats (what the ratios use)."""
        return statistics.median(self.repeats)

    @property
    def fastest(self) -> float:
        """Fastest timed repeat (the least disturbed by other load on the machine)."""
        return min(self.repeats)


def time_side_by_side(functions: dict[str, Callable[[], Any]], repeats: int) -> dict[str, Timing]:
    """Call every function once (warm-up: tracing, compiling), then ``repeats`` times
    interleaved, so that load from elsewhere slows every side alike."""
    warmup: dict[str, float] = {}
    for name, function in functions.items():
        start = time.perf_counter()
        function()
        warmup[name] = time.perf_counter() - start
    times: dict[str, list[float]] = {name: [] for name in functions}
    for _ in range(repeats):
        for name, function in functions.items():
            start = time.perf_counter()
            function()
            times[name].append(time.perf_counter() - start)
    return {name: Timing(warmup[name], tuple(times[name])) for name in functions}


def verdict(key: str, ratio: float) -> str:
    """``goal >= 5x: met`` / ``missed``, or ``no goal``."""
    goal = GOALS[key]
    if goal is None:
        return "no goal"
    sign, target = goal
    met = ratio >= target if sign == ">=" else ratio <= target
    return f"goal {sign} {target:g}x: {'met' if met else 'MISSED'}"


def report_pair(
    key: str, what: str, names: tuple[str, str], timings: dict[str, Timing], meaning: str
) -> Row:
    """Print both timings and ``ratio <key>: A/B`` (of the medians) and return the summary row."""
    name_a, name_b = names
    for name in names:
        timing = timings[name]
        print(
            f"  {name:<40} median {timing.median * 1000:9.1f} ms, fastest "
            f"{timing.fastest * 1000:9.1f} ms  (warm-up call {timing.warmup * 1000:.0f} ms)"
        )
    a, b = timings[name_a], timings[name_b]
    ratio = a.median / b.median
    print(
        f"  ratio {key}: {ratio:.2f}x  ({meaning}; {verdict(key, ratio)}; "
        f"fastest/fastest {a.fastest / b.fastest:.2f}x)"
    )
    return Row(key, what, name_a, a.median, name_b, b.median, ratio, a.fastest / b.fastest, meaning)


# ----- the models ---------------------------------------------------------------------------------
def make_cell(sizes: Sizes) -> Any:
    """The benchmark's cell: ``MultiRNNCell`` of ``layers`` GRU cells."""
    return rnn_cell.MultiRNNCell([rnn_cell.GRUCell(sizes.units) for _ in range(sizes.layers)])


def make_model(sizes: Sizes, output_projection: bool) -> Seq2Seq:
    """A ``Seq2Seq`` of the benchmark sizes (random weights)."""
    return Seq2Seq(
        make_cell(sizes),
        num_encoder_symbols=sizes.vocab,
        num_decoder_symbols=sizes.vocab,
        embedding_size=sizes.embedding,
        output_projection=output_projection,
        go_id=GO_ID,
        eos_id=EOS_ID,
    )


@dataclass(frozen=True)
class Batch:
    """One batch of random data, batch-major numpy arrays."""

    encoder: np.ndarray  # [batch, source_steps] int32
    decoder: np.ndarray  # [batch, target_steps] int32: GO then the targets shifted right
    targets: np.ndarray  # [batch, target_steps] int32
    weights: np.ndarray  # [batch, target_steps] float32: 1 up to a random length, then 0


def make_batch(sizes: Sizes, seed: int = 0) -> Batch:
    """Random token ids (never GO/EOS/PAD) and target weights of random lengths."""
    rng = np.random.default_rng(seed)
    encoder = rng.integers(3, sizes.vocab, (sizes.batch, sizes.source_steps)).astype(np.int32)
    targets = rng.integers(3, sizes.vocab, (sizes.batch, sizes.target_steps)).astype(np.int32)
    go = np.full((sizes.batch, 1), GO_ID, np.int32)
    decoder = np.concatenate([go, targets[:, :-1]], axis=1)
    lengths = rng.integers(sizes.target_steps // 2, sizes.target_steps + 1, sizes.batch)
    weights = (np.arange(sizes.target_steps)[None, :] < lengths[:, None]).astype(np.float32)
    return Batch(encoder, decoder, targets, weights)


def python_loop_greedy(model: Seq2Seq, encoder_tokens: tf.Tensor, max_length: int) -> np.ndarray:
    """The blog-post recipe: the decoder step called eagerly, one host round-trip per token.

    Same contract as ``generate(method="greedy")``: rows that emitted EOS keep emitting it, the
    loop stops once every row has, and the ids are padded with EOS to ``max_length``.
    """
    state, memory = model.encode(encoder_tokens)
    batch = int(encoder_tokens.shape[0])
    tokens = tf.fill([batch], model.go_id)
    finished = np.zeros(batch, dtype=bool)
    steps: list[np.ndarray] = []
    for _ in range(max_length):
        logits, state, _ = model.decoder.step(tokens, state, memory)
        chosen = tf.argmax(logits, axis=-1, output_type=tf.int32).numpy()
        chosen[finished] = model.eos_id
        steps.append(chosen)
        finished |= chosen == model.eos_id
        if finished.all():
            break
        tokens = tf.convert_to_tensor(chosen)
    ids = np.full((batch, max_length), model.eos_id, np.int32)
    ids[:, : len(steps)] = np.stack(steps, axis=1)
    return ids


def python_loop_compiled_step(
    model: Seq2Seq, step: Callable[..., Any], encoder_tokens: tf.Tensor, max_length: int
) -> int:
    """The better recipe: the same Python loop, with the step in a ``tf.function``; steps run."""
    state, memory = model.encode(encoder_tokens)
    tokens = tf.fill([int(encoder_tokens.shape[0])], model.go_id)
    finished = np.zeros(int(encoder_tokens.shape[0]), dtype=bool)
    for time_step in range(max_length):
        tokens, state = step(tokens, state, memory)
        chosen = tokens.numpy()
        chosen[finished] = model.eos_id
        finished |= chosen == model.eos_id
        if finished.all():
            return time_step + 1
        tokens = tf.convert_to_tensor(chosen)
    return max_length


# ----- the sections -------------------------------------------------------------------------------
def bench_decoding(sizes: Sizes, batch: Batch, repeats: int, memory: MemoryTracker) -> list[Row]:
    """Sections 1-3: Python loop vs compiled greedy, XLA vs tf.function, beam 4 vs greedy."""
    rows = []
    keras.utils.set_random_seed(0)
    model = make_model(sizes, output_projection=True)
    encoder = tf.constant(batch.encoder)
    max_length = sizes.target_steps

    def generate(method: str = "greedy", jit: bool = False) -> np.ndarray:
        result = model.generate(encoder, max_length, method=method, beam_width=4, jit_compile=jit)
        return result.ids.numpy()  # waits for the device

    print("\n[1] greedy decoding: compiled generate vs a Python loop calling the step eagerly")
    memory.begin("1 greedy")

    @tf.function
    def compiled_step(tokens: tf.Tensor, state: Any, memory_: Any) -> tuple[tf.Tensor, Any]:
        logits, state, _ = model.decoder.step(tokens, state, memory_)
        return tf.argmax(logits, axis=-1, output_type=tf.int32), state

    loop_name, generate_name = (
        "Python loop, eager step (blog recipe)",
        "generate greedy (tf.function)",
    )
    timings = time_side_by_side(
        {
            loop_name: lambda: python_loop_greedy(model, encoder, max_length),
            generate_name: generate,
            "Python loop, step in tf.function": lambda: python_loop_compiled_step(
                model, compiled_step, encoder, max_length
            ),
        },
        repeats,
    )
    loop_ids, greedy_ids = python_loop_greedy(model, encoder, max_length), generate()
    steps = int((greedy_ids != EOS_ID).any(axis=0).sum())
    print(
        f"  same tokens: {'yes' if np.array_equal(loop_ids, greedy_ids) else 'NO'}; "
        f"{steps} of {max_length} steps decoded before every row ended"
    )
    rows.append(
        report_pair(
            "greedy",
            "greedy decoding",
            (loop_name, generate_name),
            timings,
            "compiled generate is this many times faster",
        )
    )
    middle = timings["Python loop, step in tf.function"].median
    print(
        f"  (for reference: the Python loop with the step in a tf.function, encoder eager: "
        f"median {middle * 1000:.1f} ms, {middle / timings[generate_name].median:.2f}x generate)"
    )
    memory.end()

    print("\n[2] XLA: generate(jit_compile=True) vs plain tf.function generate")
    memory.begin("2 xla")
    plain_name, xla_name = "generate greedy (tf.function)", "generate greedy (jit_compile=True)"
    timings = time_side_by_side(
        {plain_name: generate, xla_name: lambda: generate(jit=True)}, repeats
    )
    same = np.array_equal(generate(), generate(jit=True))
    print(f"  same tokens: {'yes' if same else 'no (XLA rounds differently)'}")
    rows.append(
        report_pair(
            "xla",
            "XLA",
            (plain_name, xla_name),
            timings,
            "XLA is this many times faster",
        )
    )
    memory.end()

    print("\n[3] beam search, width 4, vs greedy (tf.function both)")
    memory.begin("3 beam")
    beam_name = "generate beam 4 (tf.function)"
    timings = time_side_by_side(
        {beam_name: lambda: generate("beam"), generate_name: generate}, repeats
    )
    beam_steps = int((generate("beam") != EOS_ID).any(axis=0).sum())
    print(f"  beam: {beam_steps} of {max_length} steps decoded")
    rows.append(
        report_pair(
            "beam",
            "beam 4 vs greedy",
            (beam_name, generate_name),
            timings,
            "beam 4 costs this many greedy decodes",
        )
    )
    memory.end()
    return rows


def build_graph_train_step(sizes: Sizes, batch: Batch) -> tuple[Any, Callable[[], float]]:
    """The function API in ``tf.compat.v1`` graph mode, TF1 style: lists of per-step
    placeholders, ``embedding_attention_seq2seq``, ``sequence_loss``, ``AdamOptimizer``.

    Returns:
        ``(session, step)``: ``step()`` runs one training step and returns the loss.
    """
    graph = tf.Graph()
    with graph.as_default():
        _v1.set_random_seed(0)
        encoder_inputs = [
            _v1.placeholder(tf.int32, [None], name=f"encoder{i}") for i in range(sizes.source_steps)
        ]
        decoder_inputs, targets, weights = [], [], []
        for i in range(sizes.target_steps):
            decoder_inputs.append(_v1.placeholder(tf.int32, [None], name=f"decoder{i}"))
            targets.append(_v1.placeholder(tf.int32, [None], name=f"target{i}"))
            weights.append(_v1.placeholder(tf.float32, [None], name=f"weight{i}"))
        outputs, _ = legacy_seq2seq.embedding_attention_seq2seq(
            encoder_inputs,
            decoder_inputs,
            make_cell(sizes),
            num_encoder_symbols=sizes.vocab,
            num_decoder_symbols=sizes.vocab,
            embedding_size=sizes.embedding,
            output_projection=None,
            feed_previous=False,
        )
        loss = legacy_seq2seq.sequence_loss(outputs, targets, weights)
        train_op = _v1.train.AdamOptimizer().minimize(loss)
        session = _v1.Session(graph=graph)
        session.run(_v1.global_variables_initializer())
        graph.finalize()
    feed: dict[Any, np.ndarray] = {}
    for i, placeholder in enumerate(encoder_inputs):
        feed[placeholder] = batch.encoder[:, i]
    for i in range(sizes.target_steps):
        feed[decoder_inputs[i]] = batch.decoder[:, i]
        feed[targets[i]] = batch.targets[:, i]
        feed[weights[i]] = batch.weights[:, i]

    def step() -> float:
        return float(session.run([train_op, loss], feed)[1])

    return session, step


def bench_training(sizes: Sizes, batch: Batch, repeats: int, memory: MemoryTracker) -> Row:
    """Section 4: ``Seq2Seq.train_on_batch`` vs ``Session.run(train_op)`` of the function API."""
    print("\n[4] one training step: Seq2Seq.train_on_batch vs TF1 graph mode + Session")
    memory.begin("4a train (Keras)")
    keras.utils.set_random_seed(0)
    model = make_model(sizes, output_projection=False)
    model.compile(optimizer=keras.optimizers.Adam())
    inputs = (batch.encoder, batch.decoder)

    def keras_step() -> float:
        return float(model.train_on_batch(inputs, batch.targets, sample_weight=batch.weights))

    start = time.perf_counter()
    keras_loss = keras_step()  # builds the optimizer and traces the train function
    print(
        f"  Keras: jit_compile={model.jit_compile}; first step (tracing, optimizer slots) "
        f"{time.perf_counter() - start:.1f} s, loss {keras_loss:.3f}"
    )
    memory.end()
    memory.begin("4b train (graph)")
    start = time.perf_counter()
    session, graph_step = build_graph_train_step(sizes, batch)
    built = time.perf_counter()
    graph_loss = graph_step()
    print(
        f"  graph: building the graph {built - start:.1f} s, first step "
        f"{time.perf_counter() - built:.1f} s, loss {graph_loss:.3f} "
        f"(random init; ln(vocab) = {np.log(sizes.vocab):.3f})"
    )
    memory.end()
    memory.begin("4 train (timing both)")
    keras_name, graph_name = "Seq2Seq.train_on_batch", "graph mode Session.run(train_op)"
    try:
        timings = time_side_by_side({keras_name: keras_step, graph_name: graph_step}, repeats)
    finally:
        session.close()
    row = report_pair(
        "train",
        "train step",
        (keras_name, graph_name),
        timings,
        "the Keras step takes this many graph-mode steps",
    )
    memory.end()
    return row


# ----- the report ---------------------------------------------------------------------------------
def device_name() -> str:
    """``GPU: <name>`` for the first GPU, else ``CPU: <model name>`` and the usable cores."""
    gpus = tf.config.list_physical_devices("GPU")
    if gpus:
        details = tf.config.experimental.get_device_details(gpus[0])
        return f"GPU: {details.get('device_name', gpus[0].name)} ({len(gpus)} visible)"
    name = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    name = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return f"CPU: {name} ({cores} usable cores)"


def print_table(header: tuple[str, ...], lines: list[tuple[str, ...]]) -> None:
    """Left-aligned first column, right-aligned others."""
    widths = [max(len(row[i]) for row in [header, *lines]) for i in range(len(header))]
    for row in [header, *lines]:
        cells = [row[0].ljust(widths[0])] + [
            c.rjust(w) for c, w in zip(row[1:], widths[1:], strict=True)
        ]
        print("  ".join(cells))


def print_summary(device: str, sizes: Sizes, rows: list[Row], memory: MemoryTracker) -> None:
    """The summary table of every ratio and every section's memory."""
    print("\nsummary")
    print(f"device: {device}")
    print(f"sizes: {sizes.describe()}")
    print("A ms, B ms: medians; A/B: ratio of the medians; fastest A/B: of the fastest repeats")
    print_table(
        ("comparison", "A", "A ms", "B", "B ms", "A/B", "goal", "fastest A/B"),
        [
            (
                row.what,
                row.name_a,
                f"{row.seconds_a * 1000:.1f}",
                row.name_b,
                f"{row.seconds_b * 1000:.1f}",
                f"{row.ratio:.2f}x",
                verdict(row.key, row.ratio),
                f"{row.ratio_fastest:.2f}x",
            )
            for row in rows
        ],
    )
    print()
    has_gpu = any(row.gpu_peak is not None for row in memory.rows)
    print_table(
        (
            "section",
            "peak RSS before MB",
            "peak RSS after MB",
            "+MB",
            "RSS before MB",
            "RSS after MB",
        )
        + (("GPU peak MB",) if has_gpu else ()),
        [
            (
                row.section,
                f"{row.peak_before:.0f}",
                f"{row.peak_after:.0f}",
                f"{row.peak_after - row.peak_before:.0f}",
                f"{row.rss_before:.0f}",
                f"{row.rss_after:.0f}",
            )
            + ((f"{row.gpu_peak:.0f}",) if row.gpu_peak is not None else ())
            for row in memory.rows
        ],
    )
    by_section = {row.section: row for row in memory.rows}
    keras_mb = by_section["4a train (Keras)"].rss_after - by_section["4a train (Keras)"].rss_before
    graph_mb = by_section["4b train (graph)"].rss_after - by_section["4b train (graph)"].rss_before
    print(
        f"ratio memory: {keras_mb / max(graph_mb, 1.0):.2f}x  (RSS added by building the Keras "
        f"train step and running it once, {keras_mb:.0f} MB, over the graph-mode one's, "
        f"{graph_mb:.0f} MB; peak RSS of the run {max_rss_mb():.0f} MB)"
    )


def main(argv: list[str] | None = None) -> None:
    """Parse the arguments, run every section, print the summary."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--small", action="store_true", help=f"smoke-run sizes: {SMALL.describe()}")
    parser.add_argument(
        "--repeats", type=int, default=5, help="timed repeats per measurement (default 5)"
    )
    args = parser.parse_args(argv)
    if args.repeats < 1:
        parser.error("--repeats must be >= 1")
    sizes = SMALL if args.small else DEFAULT
    device = device_name()
    print(f"device: {device}")
    print(
        f"TensorFlow {tf.__version__}, Keras {keras.__version__}, Python "
        f"{sys.version.split()[0]}; {args.repeats} repeats after 1 warm-up, medians"
    )
    print(f"sizes: {sizes.describe()}")
    started = time.perf_counter()
    memory = MemoryTracker()
    batch = make_batch(sizes)
    rows = bench_decoding(sizes, batch, args.repeats, memory)
    rows.append(bench_training(sizes, batch, args.repeats, memory))
    print_summary(device, sizes, rows, memory)
    print(f"total {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
