"""``rewrite --full``'s steps with one shared parse and metadata per source version, and without.

In one process, each example program (``examples/**/*.py``: TF 0.x to TF 1.x seq2seq code, the
files ``--full`` exists for) goes through ``full_upgrade`` twice per round: with
:mod:`legacy2tf2.migrator.analysis` sharing parses and libcst metadata between the steps (how
``--full`` runs), and with nothing shared (every step parses and resolves afresh, as before
sharing existed). The two alternate file by file (which goes first alternates by round), after
one warm-up pass over every file, so a noisy shared machine slows both alike. Printed: CPU seconds per file of each (the median over rounds of the per-round sums), the ratio,
how many metadata wrappers each made, and whether both gave the same source and findings for
every file.

    python benchmarks/full_sharing.py [--repeats 3]
    python benchmarks/full_sharing.py --small      # a smoke run: 3 files, one round
"""

from __future__ import annotations

import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import argparse
import statistics
import time
from pathlib import Path

from libcst import metadata

from legacy2tf2.migrator import analysis
from legacy2tf2.migrator.full_upgrade import full_upgrade, load

ROOT = Path(__file__).resolve().parents[1]
_NOTHING_SHARED = 0  # analysis keeps no entry: every parse and wrapper is made afresh


class _WrapperCount:
    """Counts ``MetadataWrapper`` constructions (each one resolves its metadata anew)."""

    def __init__(self) -> None:
        self.count = 0
        self._init = metadata.MetadataWrapper.__init__

    def __enter__(self) -> _WrapperCount:
        original = self._init

        def counted(wrapper: metadata.MetadataWrapper, *args: object, **kwargs: object) -> None:
            self.count += 1
            original(wrapper, *args, **kwargs)

        metadata.MetadataWrapper.__init__ = counted  # type: ignore[method-assign]
        return self

    def __exit__(self, *exc: object) -> None:
        metadata.MetadataWrapper.__init__ = self._init  # type: ignore[method-assign]


def _upgrade(path: Path, kept: int) -> tuple[float, object]:
    analysis._KEPT = kept
    if kept == _NOTHING_SHARED:  # not even what the shared run of this file left
        for cache in (analysis._modules, analysis._codes, analysis._wrappers):
            cache.clear()
    source = path.read_bytes()
    start = time.process_time()
    result = full_upgrade(source, str(path))
    return time.process_time() - start, (result.source, result.findings)


def main() -> None:
    """Measure and print the shared/unshared ratio of ``full_upgrade`` over the examples."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--small", action="store_true", help="3 files, one round")
    args = parser.parse_args()
    files = sorted((ROOT / "examples").rglob("*.py"))
    if args.small:
        files, args.repeats = files[:3], 1
    kept = analysis._KEPT
    load()
    for path in files:  # warm-up: every step's imports, TensorFlow's upgrader tables
        _upgrade(path, kept)
    shared_rounds: list[float] = []
    alone_rounds: list[float] = []
    same = True
    with _WrapperCount() as wrappers:
        shared_wrappers = alone_wrappers = 0
        for round_ in range(args.repeats):
            shared_sum = alone_sum = 0.0
            for path in files:
                results = {}
                for mode in (kept, _NOTHING_SHARED)[:: 1 if round_ % 2 == 0 else -1]:
                    before = wrappers.count
                    seconds, results[mode] = _upgrade(path, mode)
                    made = wrappers.count - before
                    if mode == kept:
                        shared_sum += seconds
                        shared_wrappers += made
                    else:
                        alone_sum += seconds
                        alone_wrappers += made
                same = same and results[kept] == results[_NOTHING_SHARED]
            shared_rounds.append(shared_sum)
            alone_rounds.append(alone_sum)
    analysis._KEPT = kept
    shared_s = statistics.median(shared_rounds) / len(files)
    alone_s = statistics.median(alone_rounds) / len(files)
    print(f"files: {len(files)} examples, rounds: {args.repeats}")
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"shared analysis: {shared_s:.3f} CPU s per file, {shared_wrappers} metadata wrappers")
    print(f"nothing shared: {alone_s:.3f} CPU s per file, {alone_wrappers} metadata wrappers")
    print(f"same source and findings: {'yes' if same else 'NO'}")
    print(f"ratio nothing shared/shared: {alone_s / shared_s:.2f}")
    if not same:
        raise SystemExit("sharing the analysis changed an output")


if __name__ == "__main__":
    main()
