"""Throughput of the migrator on large generated trees, side by side with tf_upgrade_v2.

Generates two trees in a temporary directory and measures, in one run and on the same (page-cache
warm) files:

* merely reading the files (walk + read every byte, in this process): the floor;
* ``legacy2tf2 rewrite --check DIR`` as a subprocess, default jobs (all cores);
* ``tf_upgrade_v2 --intree DIR --outtree OUT`` (TensorFlow's own upgrade script, single-threaded),
  skipped with a note where it is not installed.

Trees: *realistic* (about 1 file in 10 uses legacy_seq2seq or TF1 cells, in the styles of
PATTERNS.md; the rest is ordinary Python, a fifth of it plain TF2 code) and *worst case* (every
file needs rewriting). Files are 130-190 lines (4-6 KiB), like real modules. Goals: >= 10x tf_upgrade_v2 on the
realistic tree and >= 3x on the worst case.

    python benchmarks/migrator_throughput.py [--files 2000] [--jobs N] [--keep]
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
#: Goals of the issue: legacy2tf2 files/s over tf_upgrade_v2 files/s.
GOALS = {"realistic": 10.0, "worst": 3.0}

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
]


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


def _legacy(rng: random.Random) -> str:
    style = rng.choice(LEGACY_STYLES).format(
        units=rng.choice([64, 128, 256, 512]),
        vocab=rng.choice([4000, 40000]),
        layers=rng.randint(1, 4),
    )
    rest = _ordinary(rng, tf2=False).split("\n\n", 1)[1]
    return style + "\n" + rest.replace("from __future__ import annotations\n", "")


def generate(root: Path, count: int, legacy_every: int, seed: int = 0) -> None:
    """Write ``count`` files under ``root`` (100 per package); every ``legacy_every``-th is legacy."""
    rng = random.Random(seed)
    for i in range(count):
        package = root / f"pkg{i // 100:03}"
        package.mkdir(parents=True, exist_ok=True)
        legacy = i % legacy_every == 0
        text = _legacy(rng) if legacy else _ordinary(rng, tf2=rng.random() < 0.2)
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


def measure(tree: Path, count: int, work: Path, jobs: int | None) -> dict[str, float | None]:
    """files/s of reading, of ``legacy2tf2 rewrite --check`` and of ``tf_upgrade_v2`` on ``tree``."""
    start = time.perf_counter()
    assert _read_all(tree) == count
    read = count / (time.perf_counter() - start)

    command = [*_legacy2tf2(), "rewrite", "--check", str(tree)]
    if jobs:
        command[-1:-1] = ["--jobs", str(jobs)]
    seconds, cpu, code, err = _timed(command, work)
    if code not in (0, 1):
        raise SystemExit(f"legacy2tf2 failed (exit {code}):\n{err[-2000:]}")
    ours, ours_cpu = count / seconds, count / cpu
    summary = err.strip().splitlines()[-1]
    print(
        f"  legacy2tf2 rewrite --check: {seconds:.2f} s wall, {cpu:.2f} s CPU, exit {code}; {summary}"
    )

    upgrade = BIN / "tf_upgrade_v2"
    theirs = theirs_cpu = None
    if upgrade.exists() or shutil.which("tf_upgrade_v2"):
        out = work / f"{tree.name}-tf2"
        shutil.rmtree(out, ignore_errors=True)
        exe = str(upgrade) if upgrade.exists() else "tf_upgrade_v2"
        report = str(work / f"{tree.name}-report.txt")
        command = [exe, "--intree", str(tree), "--outtree", str(out), "--reportfile", report]
        seconds, cpu, code, err = _timed(command, work)
        theirs, theirs_cpu = count / seconds, count / cpu
        print(f"  tf_upgrade_v2 --intree: {seconds:.2f} s wall, {cpu:.2f} s CPU, exit {code}")
    else:
        print("  tf_upgrade_v2 not installed (pip install tensorflow): comparison skipped")
    return {
        "read": read,
        "ours": ours,
        "theirs": theirs,
        "ours_cpu": ours_cpu,
        "theirs_cpu": theirs_cpu,
    }


def main() -> None:
    """Generate both trees, measure, print files/s and the ratios."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--files", type=int, default=2000, help="files per tree (default 2000)")
    parser.add_argument(
        "--jobs", type=int, default=None, help="--jobs for legacy2tf2 (default: all cores)"
    )
    parser.add_argument(
        "--keep", action="store_true", help="keep the generated trees and print where"
    )
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="legacy2tf2-bench-"))
    print(f"{os.cpu_count()} cores, Python {sys.version.split()[0]}, {args.files} files per tree")
    rows = []
    try:
        for name, legacy_every in (("realistic", 10), ("worst", 1)):
            tree = work / name
            generate(tree, args.files, legacy_every)
            size = sum(p.stat().st_size for p in tree.rglob("*.py")) / args.files
            print(f"{name} tree: {args.files} files, {size / 1024:.1f} KiB per file on average")
            rows.append((name, measure(tree, args.files, work, args.jobs)))
    finally:
        if args.keep:
            print(f"trees kept in {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)

    print()
    print("files/s (wall clock, what a user waits for; CPU: files per CPU-second, all processes):")
    header = (
        "tree",
        "read",
        "legacy2tf2",
        "tf_upgrade_v2",
        "ratio",
        "goal",
        "CPU ratio",
        "vs read",
    )
    print("{:<10} {:>9} {:>11} {:>14} {:>7} {:>9} {:>10} {:>8}".format(*header))
    for name, r in rows:
        theirs, theirs_cpu = r["theirs"], r["theirs_cpu"]
        ratio = r["ours"] / theirs if theirs else None
        cpu_ratio = r["ours_cpu"] / theirs_cpu if theirs_cpu else None
        cells = (
            name,
            f"{r['read']:.0f}",
            f"{r['ours']:.1f}",
            f"{theirs:.1f}" if theirs else "n/a",
            f"{ratio:.1f}x" if ratio else "n/a",
            (">=" if ratio and ratio >= GOALS[name] else "< ") + f"{GOALS[name]:.0f}x",
            f"{cpu_ratio:.1f}x" if cpu_ratio else "n/a",
            f"{r['ours'] / r['read']:.4f}x",
        )
        print("{:<10} {:>9} {:>11} {:>14} {:>7} {:>9} {:>10} {:>8}".format(*cells))


if __name__ == "__main__":
    main()
