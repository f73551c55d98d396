"""``rewrite --full`` in one process (``-j 1``) and in parallel workers, side by side.

Copies the example programs (``examples/**/*.py``: TF 0.x to TF 1.x seq2seq code, the files
``--full`` exists for) into a temporary tree until it holds ``--files`` files, then runs
``legacy2tf2 rewrite --full --check TREE`` as a subprocess with ``-j 1`` and with ``-j N``,
interleaved, ``--repeats`` times each. Both include the start-up (TensorFlow's upgrader is
imported once, before the workers fork). Printed: the best wall time of each, the ratio serial
over parallel (above 1: parallel is faster), whether both runs reported the same findings, and
the load average, since other processes share the cores.

    python benchmarks/full_jobs.py [--files 20] [--jobs N] [--repeats 3]
    python benchmarks/full_jobs.py --small      # a smoke run: 8 files, one repeat
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _tree(directory: Path, count: int) -> None:
    sources = sorted((ROOT / "examples").rglob("*.py"))
    for i in range(count):
        source = sources[i % len(sources)]
        shutil.copyfile(source, directory / f"f{i:03}_{source.name}")


def _run(tree: Path, jobs: int) -> tuple[float, int, str]:
    command = [sys.executable, "-m", "legacy2tf2", "rewrite", "--full", "--check", "-j", str(jobs)]
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "2"}
    start = time.perf_counter()
    done = subprocess.run(
        [*command, str(tree)], capture_output=True, text=True, check=False, cwd=ROOT, env=env
    )
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"rewrite --full -j {jobs} failed ({done.returncode}):\n{done.stderr}")
    return elapsed, done.returncode, done.stderr


def main() -> None:
    """Measure and print the serial/parallel ratio of ``rewrite --full`` on one tree."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=20)
    parser.add_argument("--jobs", type=int, default=len(os.sched_getaffinity(0)))
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--small", action="store_true", help="8 files, one repeat")
    args = parser.parse_args()
    if args.small:
        args.files, args.repeats = 8, 1
    jobs = max(2, args.jobs)
    with tempfile.TemporaryDirectory() as tmp:
        tree = Path(tmp)
        _tree(tree, args.files)
        serial: list[float] = []
        parallel: list[float] = []
        reports: set[tuple[int, str]] = set()
        for _ in range(args.repeats):
            for times, n in ((serial, 1), (parallel, jobs)):
                elapsed, code, stderr = _run(tree, n)
                times.append(elapsed)
                reports.add((code, stderr))
    print(f"files: {args.files}, jobs: 1 vs {jobs}, repeats: {args.repeats}")
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"serial -j 1: best {min(serial):.2f} s")
    print(f"parallel -j {jobs}: best {min(parallel):.2f} s")
    print(f"same findings and exit status: {'yes' if len(reports) == 1 else 'NO'}")
    print(f"ratio serial/parallel: {min(serial) / min(parallel):.2f}")
    if len(reports) != 1:
        raise SystemExit("the serial and parallel runs reported different findings")


if __name__ == "__main__":
    main()
