"""Throughput of the migrator on large generated trees, side by side with tf_upgrade_v2.

Generates two trees in a temporary directory and measures, in one run and on the same (page-cache
warm) files, each command as a subprocess (default jobs: all cores):

* ``legacy2tf2 check DIR``, ``legacy2tf2 rewrite --check DIR`` and ``legacy2tf2 rewrite DIR``
  (writing, into a fresh copy of the tree);
* ``tf_upgrade_v2 --intree DIR --outtree OUT`` (TensorFlow's own upgrade script,
  single-threaded) on the same tree; where it is not installed the comparison is skipped.

Trees: *realistic* (2,000 files; about 1 file in 10 uses legacy_seq2seq or TF1 cells, in the
styles of PATTERNS.md; the rest is ordinary Python, a fifth of it plain TF2 code) and *all-hit*
(400 files, every one needs rewriting, about 12 KiB each like the real modules of PATTERNS.md:
a translate-tutorial model class with buckets and sampled softmax, plus ordinary code).
Every generated file is one ``tf_upgrade_v2`` can process: the benchmark checks its report and
stops if it failed on any file (a tree it aborts on would make the comparison meaningless).

Goals (files/s of legacy2tf2 over files/s of tf_upgrade_v2, wall clock): realistic >= 20x for
every command; all-hit ``check`` and ``rewrite --check`` >= 10x, all-hit ``rewrite`` >= 3x.
Also printed: how many files the migrator's ast pass left to libcst (the fallbacks: a shape its
check, era, may-rewrite or ``rewrite --check`` answer does not reproduce exactly, and a rewrite
whose changed statements could not be spliced into the input's bytes, ``splice: ...``, which
prints the whole module, or whose definitions left out of libcst's parse could not be shown
not to matter, ``partial: ...``), how many were rewritten (a rewrite prints only the statements
it changed; ``rewrite --check`` answers over the ``ast`` alone), and how many of those libcst
parsed with the top-level definitions the rewrite cannot touch left out, counted in this process.

    python benchmarks/migrator_throughput.py [--files 2000] [--hit-files 400] [--jobs N]
    python benchmarks/migrator_throughput.py --small      # a smoke run on tiny trees
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BIN = Path(sys.executable).parent
ROOT = Path(__file__).resolve().parents[1]
COMMANDS = ("check", "rewrite --check", "rewrite")
#: Goals of the issue: legacy2tf2 files/s over tf_upgrade_v2 files/s, per tree and command.
GOALS = {
    "realistic": {"check": 20.0, "rewrite --check": 20.0, "rewrite": 20.0},
    "all-hit": {"check": 10.0, "rewrite --check": 10.0, "rewrite": 3.0},
}

ORDINARY_HEAD = '''\
"""{title} utilities for the {project} pipeline."""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass, field

log = logging.getLogger(__name__)
'''

TF2_HEAD = '''\
"""{title} layers for the {project} model (TensorFlow 2)."""

import numpy as np
import tensorflow as tf

DEFAULT_UNITS = {units}


def make_dense(units=DEFAULT_UNITS):
    return tf.keras.layers.Dense(units, activation="relu")
'''

CLASS_BLOCK = '''

@dataclass
class {cls}Config:
    """Settings of the {name} step."""

    path: str = "data/{name}.json"
    size: int = {n}
    ratio: float = {ratio}
    tags: list[str] = field(default_factory=list)

    def validate(self) -> None:
        if self.size <= 0:
            raise ValueError(f"size must be positive, got {{self.size}}")
        if not 0.0 < self.ratio <= 1.0:
            raise ValueError("ratio out of range: %r" % (self.ratio,))


class {cls}Processor:
    """Reads, filters and writes {name} records."""

    def __init__(self, config: {cls}Config) -> None:
        self.config = config
        self.seen = 0
        self.cache: dict[str, int] = {{}}

    def load(self):
        with open(self.config.path, encoding="utf-8") as fh:
            records = json.load(fh)
        log.info("loaded %d records from %s", len(records), self.config.path)
        return [r for r in records if r.get("{name}") is not None]

    def score(self, record) -> float:
        # weighted sum over the numeric fields, ignoring missing ones
        total = 0.0
        for key, value in sorted(record.items()):
            if isinstance(value, (int, float)):
                total += value * self.config.ratio
            elif key in self.cache:
                total += self.cache[key]
        return total

    def run(self, limit=None):
        results = []
        for i, record in enumerate(self.load()):
            if limit is not None and i >= limit:
                break
            self.seen += 1
            results.append((record.get("id", i), self.score(record)))
        results.sort(key=lambda item: item[1], reverse=True)
        return results[: self.config.size]
'''

FUNC_BLOCK = '''

def {fn}(items, threshold={n}, *, verbose=False):
    """Group ``items`` by key and keep groups larger than ``threshold``."""
    groups = {{}}
    for item in items:
        key = str(item).split(":", 1)[0]
        groups.setdefault(key, []).append(item)
    kept = {{k: v for k, v in groups.items() if len(v) > threshold}}
    if verbose:
        for key, members in kept.items():
            print("{fn}: %s -> %d" % (key, len(members)))
    return kept


def {fn}_paths(root):
    out = []
    for dirpath, _dirs, names in os.walk(root):
        out.extend(os.path.join(dirpath, n) for n in names if n.endswith(".json"))
    return sorted(out)
'''

LEGACY_STYLES = [
    # full attribute path, translate-tutorial style
    """\
import tensorflow as tf


def seq2seq_f(encoder_inputs, decoder_inputs, do_decode, size={units}, vocab={vocab}):
    cell = tf.contrib.rnn.GRUCell(size)
    return tf.contrib.legacy_seq2seq.embedding_attention_seq2seq(
        encoder_inputs, decoder_inputs, cell,
        num_encoder_symbols=vocab, num_decoder_symbols=vocab,
        embedding_size=size, feed_previous=do_decode)


def build(encoder_inputs, decoder_inputs, targets, weights, buckets):
    return tf.contrib.legacy_seq2seq.model_with_buckets(
        encoder_inputs, decoder_inputs, targets, weights, buckets,
        lambda x, y: seq2seq_f(x, y, False))
""",
    # pre-1.0 path and rnn_cell
    """\
import tensorflow as tf


def model(enc, dec, targets, weights, layers={layers}):
    single = tf.nn.rnn_cell.BasicLSTMCell({units}, state_is_tuple=True)
    cell = tf.nn.rnn_cell.MultiRNNCell([single] * layers, state_is_tuple=True)
    outputs, state = tf.nn.seq2seq.basic_rnn_seq2seq(enc, dec, cell)
    loss = tf.nn.seq2seq.sequence_loss(outputs, targets, weights)
    return outputs, state, loss
""",
    # module imported under an alias, char-rnn style
    """\
import tensorflow as tf
from tensorflow.contrib import legacy_seq2seq
from tensorflow.contrib import rnn


def char_rnn(inputs, initial_state, embedding, softmax_w, softmax_b, model="gru"):
    cell_fn = rnn.GRUCell if model == "gru" else rnn.BasicLSTMCell
    cell = rnn.MultiRNNCell([cell_fn({units}) for _ in range({layers})])

    def loop(prev, _):
        prev = tf.matmul(prev, softmax_w) + softmax_b
        symbol = tf.stop_gradient(tf.argmax(prev, 1))
        return tf.nn.embedding_lookup(embedding, symbol)

    outputs, state = legacy_seq2seq.rnn_decoder(inputs, initial_state, cell, loop_function=loop)
    return outputs, state
""",
    # from-import of functions
    """\
from tensorflow.contrib.legacy_seq2seq import sequence_loss_by_example


def loss(logits, targets, weights, vocab={vocab}):
    return sequence_loss_by_example([logits], [targets], [weights])
""",
    # pre-1.0 module import (TF 0.11/0.12)
    """\
import tensorflow as tf
from tensorflow.python.ops import seq2seq


def tied(enc, dec, size={units}):
    cell = tf.nn.rnn_cell.GRUCell(size)
    outputs, state = seq2seq.embedding_rnn_seq2seq(enc, dec, cell, {vocab}, {vocab}, size)
    return outputs, seq2seq.sequence_loss_by_example(outputs, dec, [tf.ones_like(d) for d in dec])
""",
    # monkeypatch of the old path, inside try
    """\
import tensorflow as tf

try:
    tf.nn.seq2seq = tf.contrib.legacy_seq2seq
    tf.nn.rnn_cell = tf.contrib.rnn
except AttributeError:
    pass


def basic(enc, dec, units={units}):
    cell = tf.nn.rnn_cell.BasicLSTMCell(units)
    return tf.nn.seq2seq.basic_rnn_seq2seq(enc, dec, cell)
""",
    # the function stored in a variable, an alias inside a function
    """\
import tensorflow as tf
from tensorflow.contrib.legacy_seq2seq.python.ops import seq2seq as s2s

decoder = tf.contrib.legacy_seq2seq.rnn_decoder


def decode(inputs, state, units={units}):
    with tf.variable_scope("decoder"):
        seq2seq = tf.contrib.legacy_seq2seq
        cell = tf.contrib.rnn.DropoutWrapper(tf.contrib.rnn.GRUCell(units), output_keep_prob=0.9)
        outputs, state = decoder(inputs, state, cell)
        return outputs, seq2seq.sequence_loss(outputs, inputs, [1.0] * len(inputs)), s2s
""",
]

#: The translate tutorial's model, the most copied legacy_seq2seq code (PATTERNS.md sections 3-5).
TRANSLATE_MODEL = '''

class {cls}Model(object):
    """Sequence-to-sequence model with attention and buckets ({name})."""

    def __init__(self, source_vocab_size, target_vocab_size, buckets, size, num_layers,
                 max_gradient_norm, batch_size, learning_rate, learning_rate_decay_factor,
                 use_lstm=False, num_samples=512, forward_only=False, dtype=tf.float32):
        self.source_vocab_size = source_vocab_size
        self.target_vocab_size = target_vocab_size
        self.buckets = buckets
        self.batch_size = batch_size
        self.learning_rate = tf.Variable(float(learning_rate), trainable=False, dtype=dtype)
        self.learning_rate_decay_op = self.learning_rate.assign(
            self.learning_rate * learning_rate_decay_factor)
        self.global_step = tf.Variable(0, trainable=False)

        output_projection = None
        softmax_loss_function = None
        if num_samples > 0 and num_samples < self.target_vocab_size:
            w_t = tf.get_variable("proj_w", [self.target_vocab_size, size], dtype=dtype)
            w = tf.transpose(w_t)
            b = tf.get_variable("proj_b", [self.target_vocab_size], dtype=dtype)
            output_projection = (w, b)

            def sampled_loss(labels, logits):
                labels = tf.reshape(labels, [-1, 1])
                local_w_t = tf.cast(w_t, tf.float32)
                local_b = tf.cast(b, tf.float32)
                local_inputs = tf.cast(logits, tf.float32)
                return tf.cast(
                    tf.nn.sampled_softmax_loss(
                        weights=local_w_t, biases=local_b, labels=labels, inputs=local_inputs,
                        num_sampled=num_samples, num_classes=self.target_vocab_size),
                    dtype)
            softmax_loss_function = sampled_loss

        def single_cell():
            return tf.contrib.rnn.GRUCell(size)
        if use_lstm:
            def single_cell():
                return tf.contrib.rnn.BasicLSTMCell(size)
        cell = single_cell()
        if num_layers > 1:
            cell = tf.contrib.rnn.MultiRNNCell([single_cell() for _ in range(num_layers)])

        def seq2seq_f(encoder_inputs, decoder_inputs, do_decode):
            return tf.contrib.legacy_seq2seq.embedding_attention_seq2seq(
                encoder_inputs,
                decoder_inputs,
                cell,
                num_encoder_symbols=source_vocab_size,
                num_decoder_symbols=target_vocab_size,
                embedding_size=size,
                output_projection=output_projection,
                feed_previous=do_decode,
                dtype=dtype)

        self.encoder_inputs = []
        self.decoder_inputs = []
        self.target_weights = []
        for i in range(buckets[-1][0]):
            self.encoder_inputs.append(tf.placeholder(tf.int32, shape=[None],
                                                      name="encoder{{0}}".format(i)))
        for i in range(buckets[-1][1] + 1):
            self.decoder_inputs.append(tf.placeholder(tf.int32, shape=[None],
                                                      name="decoder{{0}}".format(i)))
            self.target_weights.append(tf.placeholder(dtype, shape=[None],
                                                      name="weight{{0}}".format(i)))
        targets = [self.decoder_inputs[i + 1] for i in range(len(self.decoder_inputs) - 1)]

        if forward_only:
            self.outputs, self.losses = tf.contrib.legacy_seq2seq.model_with_buckets(
                self.encoder_inputs, self.decoder_inputs, targets,
                self.target_weights, buckets, lambda x, y: seq2seq_f(x, y, True),
                softmax_loss_function=softmax_loss_function)
            if output_projection is not None:
                for b in range(len(buckets)):
                    self.outputs[b] = [
                        tf.matmul(output, output_projection[0]) + output_projection[1]
                        for output in self.outputs[b]
                    ]
        else:
            self.outputs, self.losses = tf.contrib.legacy_seq2seq.model_with_buckets(
                self.encoder_inputs, self.decoder_inputs, targets,
                self.target_weights, buckets,
                lambda x, y: seq2seq_f(x, y, False),
                softmax_loss_function=softmax_loss_function)

        params = tf.trainable_variables()
        if not forward_only:
            self.gradient_norms = []
            self.updates = []
            opt = tf.train.GradientDescentOptimizer(self.learning_rate)
            for b in range(len(buckets)):
                gradients = tf.gradients(self.losses[b], params)
                clipped_gradients, norm = tf.clip_by_global_norm(gradients, max_gradient_norm)
                self.gradient_norms.append(norm)
                self.updates.append(opt.apply_gradients(
                    zip(clipped_gradients, params), global_step=self.global_step))
        self.saver = tf.train.Saver(tf.global_variables())

    def step(self, session, encoder_inputs, decoder_inputs, target_weights,
             bucket_id, forward_only):
        encoder_size, decoder_size = self.buckets[bucket_id]
        if len(encoder_inputs) != encoder_size:
            raise ValueError("Encoder length must be equal to the one in bucket,"
                             " %d != %d." % (len(encoder_inputs), encoder_size))
        input_feed = {{}}
        for l in range(encoder_size):
            input_feed[self.encoder_inputs[l].name] = encoder_inputs[l]
        for l in range(decoder_size):
            input_feed[self.decoder_inputs[l].name] = decoder_inputs[l]
            input_feed[self.target_weights[l].name] = target_weights[l]
        last_target = self.decoder_inputs[decoder_size].name
        input_feed[last_target] = np.zeros([self.batch_size], dtype=np.int32)
        if not forward_only:
            output_feed = [self.updates[bucket_id], self.gradient_norms[bucket_id],
                           self.losses[bucket_id]]
        else:
            output_feed = [self.losses[bucket_id]]
            for l in range(decoder_size):
                output_feed.append(self.outputs[bucket_id][l])
        outputs = session.run(output_feed, input_feed)
        if not forward_only:
            return outputs[1], outputs[2], None
        return None, outputs[0], outputs[1:]
'''


def _ordinary(rng: random.Random, tf2: bool) -> str:
    words = ["token", "batch", "vocab", "stream", "shard", "record", "metric", "sample", "feature"]
    name = rng.choice(words) + str(rng.randint(0, 999))
    head = TF2_HEAD if tf2 else ORDINARY_HEAD
    parts = [head.format(title=name.title(), project=rng.choice(words), units=rng.randint(8, 512))]
    if tf2:
        parts.append(
            "import json\nimport os\nfrom dataclasses import dataclass, field\n\nlog = None\n"
        )
    for k in range(rng.randint(2, 3)):
        cls = name.title().replace("_", "") + str(k)
        parts.append(
            CLASS_BLOCK.format(
                cls=cls, name=f"{name}_{k}", n=rng.randint(1, 99), ratio=rng.random()
            )
        )
    parts.append(FUNC_BLOCK.format(fn=f"group_{name}", n=rng.randint(1, 9)))
    return "".join(parts)


def _legacy(rng: random.Random, full_size: bool) -> str:
    """A file that needs rewriting; ``full_size``: about 12 KiB, the translate model included."""
    style = rng.choice(LEGACY_STYLES).format(
        units=rng.choice([64, 128, 256, 512]),
        vocab=rng.choice([4000, 40000]),
        layers=rng.randint(1, 4),
    )
    rest = _ordinary(rng, tf2=False).split("\n\n", 1)[1]
    text = style + "\n" + rest.replace("from __future__ import annotations\n", "")
    if not full_size:
        return text
    if "import tensorflow as tf\n" not in text:
        text = "import tensorflow as tf\n" + text
    name = f"translate{rng.randint(0, 999)}"
    text = "import numpy as np\n" + text + TRANSLATE_MODEL.format(cls=name.title(), name=name)
    k = 0
    while len(text) < 11_800:
        cls = name.title() + f"Extra{k}"
        text += CLASS_BLOCK.format(
            cls=cls, name=f"{name}_{k}", n=rng.randint(1, 99), ratio=rng.random()
        )
        k += 1
    return text


def generate(root: Path, count: int, legacy_every: int, seed: int = 0) -> None:
    """Write ``count`` files under ``root`` (100 per package); every ``legacy_every``-th is legacy.

    ``legacy_every == 1`` makes the all-hit tree: every file needs rewriting and is full size.
    """
    rng = random.Random(seed)
    for i in range(count):
        package = root / f"pkg{i // 100:03}"
        package.mkdir(parents=True, exist_ok=True)
        if i % legacy_every == 0:
            text = _legacy(rng, full_size=legacy_every == 1)
        else:
            text = _ordinary(rng, tf2=rng.random() < 0.2)
        (package / f"module_{i:05}.py").write_text(text)


def _read_all(root: Path) -> int:
    count = 0
    for dirpath, _dirs, names in os.walk(root):
        for name in names:
            if name.endswith(".py"):
                with open(os.path.join(dirpath, name), "rb") as fh:
                    fh.read()
                count += 1
    return count


def _timed(command: list[str], cwd: Path) -> tuple[float, float, int, str]:
    """Wall seconds, CPU seconds (user + system, the command and its workers), exit, stderr."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, proc.returncode, proc.stderr


def _legacy2tf2() -> list[str]:
    script = BIN / "legacy2tf2"
    return [str(script)] if script.exists() else [sys.executable, "-m", "legacy2tf2"]


def _tf_upgrade_v2() -> str | None:
    script = BIN / "tf_upgrade_v2"
    return str(script) if script.exists() else shutil.which("tf_upgrade_v2")


def tf_upgrade(tree: Path, count: int, work: Path) -> tuple[float, float] | None:
    """Wall and CPU seconds of ``tf_upgrade_v2`` on ``tree``; stops if it failed on any file."""
    exe = _tf_upgrade_v2()
    if exe is None:
        print("  tf_upgrade_v2 not installed (pip install tensorflow): comparison skipped")
        return None
    out = work / f"{tree.name}-tf2"
    shutil.rmtree(out, ignore_errors=True)
    report = work / f"{tree.name}-report.txt"
    command = [exe, "--intree", str(tree), "--outtree", str(out), "--reportfile", str(report)]
    seconds, cpu, code, err = _timed(command, work)
    text = report.read_text(errors="replace") if report.exists() else ""
    failed = [line for line in text.splitlines() if "Failed to parse" in line]
    if code != 0 or f"Converted {count} files" not in text or failed:
        raise SystemExit(
            f"tf_upgrade_v2 did not process every file of {tree} (exit {code}; "
            f"{len(failed)} failed to parse): the comparison would be meaningless.\n"
            + "\n".join(failed[:5])
            + err[-2000:]
        )
    print(f"  tf_upgrade_v2 --intree: {seconds:.2f} s wall, {cpu:.2f} s CPU, every file processed")
    return seconds, cpu


def ours(tree: Path, command: str, work: Path, jobs: int | None) -> tuple[float, float]:
    """Wall and CPU seconds of ``legacy2tf2 <command> DIR``; ``rewrite`` writes into a copy."""
    target = tree
    if command == "rewrite":
        target = work / f"{tree.name}-copy"
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(tree, target)
    argv = [*_legacy2tf2(), *command.split()]
    if jobs:
        argv += ["--jobs", str(jobs)]
    seconds, cpu, code, err = _timed([*argv, str(target)], work)
    if code not in (0, 1):
        raise SystemExit(f"legacy2tf2 {command} failed (exit {code}):\n{err[-2000:]}")
    summary = (err.strip().splitlines() or [""])[-1]
    print(f"  legacy2tf2 {command}: {seconds:.2f} s wall, {cpu:.2f} s CPU, exit {code}; {summary}")
    return seconds, cpu


def fallbacks(tree: Path) -> tuple[int, int, int, int, dict[str, int]]:
    """Files of ``tree`` whose check, era, may-rewrite or rewrite --check answer the ast pass
    left to libcst, or whose rewrite was printed whole (the fallbacks), the files, the files
    rewritten, and the files libcst parsed with definitions left out."""
    sys.path.insert(0, str(ROOT))
    from legacy2tf2.migrator import engine, locate, partial

    files = sorted(tree.rglob("*.py"))
    count = rewritten = 0
    for path in files:
        before = sum(locate.FALLBACKS.values())
        source = path.read_bytes()
        engine.check_source(source, str(path))
        engine.rewrite_check_source(source, str(path))
        rewritten += engine.rewrite_source(source, str(path)).changed
        count += sum(locate.FALLBACKS.values()) > before
    left_out = partial.LEFT_OUT["files"]
    partial.LEFT_OUT.clear()
    return count, len(files), rewritten, left_out, dict(locate.FALLBACKS)


def main() -> None:
    """Generate both trees, measure, print files/s, the ratios, the goals and the verdicts."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--files", type=int, default=2000, help="realistic tree (default 2000)")
    parser.add_argument("--hit-files", type=int, default=400, help="all-hit tree (default 400)")
    parser.add_argument(
        "--jobs", type=int, default=None, help="--jobs for legacy2tf2 (default: all cores)"
    )
    parser.add_argument("--small", action="store_true", help="tiny trees: a smoke run")
    parser.add_argument(
        "--keep", action="store_true", help="keep the generated trees and print where"
    )
    args = parser.parse_args()
    sizes = {"realistic": args.files, "all-hit": args.hit_files}
    if args.small:
        sizes = {"realistic": 30, "all-hit": 6}

    work = Path(tempfile.mkdtemp(prefix="legacy2tf2-bench-"))
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"{os.cpu_count()} cores (load {load}), Python {sys.version.split()[0]}")
    rows = []
    try:
        for name, legacy_every in (("realistic", 10), ("all-hit", 1)):
            count = sizes[name]
            tree = work / name
            generate(tree, count, legacy_every)
            size = sum(p.stat().st_size for p in tree.rglob("*.py")) / count
            print(f"{name} tree: {count} files, {size / 1024:.1f} KiB per file on average")
            start = time.perf_counter()
            assert _read_all(tree) == count
            read = count / (time.perf_counter() - start)
            theirs = tf_upgrade(tree, count, work)
            for command in COMMANDS:
                seconds, cpu = ours(tree, command, work, args.jobs)
                rows.append((name, command, count, read, seconds, cpu, theirs))
            fell, total, rewritten, left_out, reasons = fallbacks(tree)
            detail = ", ".join(f"{k}: {v}" for k, v in sorted(reasons.items())) or "none"
            print(
                f"  fallbacks from the ast pass to libcst: {fell} of {total} files ({detail}); "
                f"{rewritten} files rewritten (changed statements printed), {left_out} of them "
                "parsed by libcst with the definitions the rewrite cannot touch left out"
            )
    finally:
        if args.keep:
            print(f"trees kept in {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)

    print()
    print("files/s (wall clock, what a user waits for; CPU: files per CPU-second, all processes):")
    header = ("tree", "command", "read", "legacy2tf2", "tf_upgrade_v2", "ratio", "CPU ratio")
    print("{:<10} {:<16} {:>9} {:>11} {:>14} {:>8} {:>10}".format(*header))
    verdicts = []
    for name, command, count, read, seconds, cpu, theirs in rows:
        ratio = cpu_ratio = None
        if theirs is not None:
            ratio, cpu_ratio = theirs[0] / seconds, theirs[1] / cpu
        cells = (
            name,
            command,
            f"{read:.0f}",
            f"{count / seconds:.1f}",
            f"{count / theirs[0]:.1f}" if theirs else "n/a",
            f"{ratio:.1f}x" if ratio else "n/a",
            f"{cpu_ratio:.1f}x" if cpu_ratio else "n/a",
        )
        print("{:<10} {:<16} {:>9} {:>11} {:>14} {:>8} {:>10}".format(*cells))
        goal = GOALS[name][command]
        verdict = "n/a" if ratio is None else ("met" if ratio >= goal else "NOT MET")
        verdicts.append(
            f"ratio {name} {command}: "
            + (f"{ratio:.1f}x" if ratio else "n/a")
            + f" (goal >= {goal:.0f}x: {verdict})"
        )
    print()
    print("\n".join(verdicts))


if __name__ == "__main__":
    main()
