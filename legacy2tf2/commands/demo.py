"""``legacy2tf2 demo``: the whole product on the TF1 translate example, in one command.

On a copy of the TF1 translate example shipped with the package (``examples/translate`` in the
source tree) in a temporary directory: show the diff of ``rewrite --full``, rewrite, train a few
dozen steps on the installed TensorFlow 2 (printing the loss), decode a sentence with the model
just trained, then restore the TF1 checkpoint shipped with the package with the migrated
program's own ``Saver`` and decode its batch, checking the tokens against what TF1 decoded.
Exit status 0 when every step worked and the tokens equal TF1's, 1 otherwise, 2 when tensorflow
(or the shipped data) is missing.
"""

from __future__ import annotations

import json
import os
import shutil
import site
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import click

from legacy2tf2.bundled import TRANSLATE_CHECKPOINT as CHECKPOINT
from legacy2tf2.bundled import TRANSLATE_EXAMPLE as EXAMPLE
from legacy2tf2.commands._common import (
    EXIT_ERROR,
    EXIT_FINDINGS,
    EXIT_OK,
    start_tensorflow_or_exit,
    unified_diff,
)
from legacy2tf2.migrator.findings import UNSAFE_REFERENCE, UPGRADER_FAILED
from legacy2tf2.tensorflow_startup import QUIET_LOG_LEVEL

#: The directory that holds the ``legacy2tf2`` package (a checkout's root, or site-packages).
ROOT = Path(__file__).resolve().parents[2]

#: Run in the migrated translate directory: build the migrated ``Seq2SeqModel`` in decode mode
#: with the fixture's configuration, restore the TF1 checkpoint with the model's own Saver, feed
#: the fixture's last-bucket batch and print the argmax tokens as JSON.
#: Arguments: checkpoint directory, decode.npz, model.json.
DECODE_DRIVER = """\
import json
import sys

import numpy as np
import tensorflow as tf

import seq2seq_model

ckpt_dir, npz_path, json_path = sys.argv[1:4]
config = json.load(open(json_path))["config"]
fixture = np.load(npz_path)
buckets = [tuple(b) for b in config["buckets"]]
bucket_id = len(buckets) - 1
decoder_size = buckets[bucket_id][1]
with tf.compat.v1.Session() as sess:
    model = seq2seq_model.Seq2SeqModel(
        config["src_vocab"], config["tgt_vocab"], buckets, config["size"],
        config["num_layers"], 5.0, config["batch"], 0.01, num_samples=8, forward_only=True)
    path = tf.train.latest_checkpoint(ckpt_dir)
    model.saver.restore(sess, path)
    _, loss, logits = model.step(
        sess, list(fixture["encoder_inputs"]), list(fixture["decoder_inputs"][:decoder_size]),
        list(fixture["target_weights"][:decoder_size]), bucket_id, True)
logits = np.array(logits)
print(json.dumps({
    "checkpoint": path,
    "tokens": np.argmax(logits, axis=2).tolist(),
    "max_logit_error": float(np.abs(logits - fixture["logits"]).max()),
}))
"""


def subprocess_env(verbose: bool = False) -> dict[str, str]:
    """The environment for the migrated programs: this package importable; TensorFlow's C++ log
    level at errors only unless ``verbose`` or the user set ``TF_CPP_MIN_LOG_LEVEL``."""
    env = dict(os.environ)
    installed = {Path(p).resolve() for p in [*site.getsitepackages(), site.getusersitepackages()]}
    if ROOT not in installed:  # a source checkout run without installing
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    if not verbose:
        env.setdefault("TF_CPP_MIN_LOG_LEVEL", QUIET_LOG_LEVEL)
    return env


@dataclass
class _Program:
    """A started Python program; its stderr goes to a file (a pipe could fill up unread), or
    straight to the terminal when ``log`` is None (``--verbose``)."""

    process: subprocess.Popen[str]
    log: IO[str] | None


def _start(args: list[str], cwd: Path, verbose: bool) -> _Program:
    """Start a Python program in ``cwd`` with :func:`subprocess_env`."""
    log = None if verbose else tempfile.TemporaryFile("w+")  # noqa: SIM115 (closed by _finish)
    process = subprocess.Popen(
        [sys.executable, *args],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=log,
        text=True,
        env=subprocess_env(verbose),
    )
    return _Program(process, log)


def _finish(program: _Program, echo: bool) -> tuple[int, list[str]]:
    """Echo a started program's stdout lines as they come; return (status, lines)."""
    lines = []
    assert program.process.stdout is not None
    for line in program.process.stdout:
        lines.append(line.rstrip("\n"))
        if echo:
            click.echo("    " + lines[-1])
    status = program.process.wait()
    if program.log is not None:
        if status != 0:
            program.log.seek(0)
            click.echo(program.log.read()[-3000:], err=True)
        program.log.close()
    return status, lines


def _migrate(workdir: Path) -> bool:
    from legacy2tf2.migrator.files import write_atomic
    from legacy2tf2.migrator.full_upgrade import full_upgrade

    ok = True
    for path in sorted(workdir.glob("*.py")):
        old = path.read_bytes()
        result = full_upgrade(old, path.name)
        if result.changed:
            click.echo(unified_diff(old, result.source, path.name), nl=False)
            write_atomic(str(path), result.source)
        for finding in result.findings:
            if finding.code in {UNSAFE_REFERENCE, UPGRADER_FAILED}:
                click.echo(
                    f"{finding.path}:{finding.line}: {finding.code} {finding.message}", err=True
                )
                ok = False
    return ok


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--steps",
    default=30,
    show_default=True,
    type=click.IntRange(min=3),
    help="Training steps on TensorFlow 2 (the loss is printed three times).",
)
@click.option("--keep", is_flag=True, help="Keep the temporary directory and print where it is.")
@click.option(
    "--verbose",
    is_flag=True,
    help="Show TensorFlow's own start-up and log lines, and everything the migrated program "
    "writes to stderr (by default shown only when it fails).",
)
def demo(steps: int, keep: bool, verbose: bool) -> None:
    """Migrate the TF1 translate example, train it on TF 2 and decode a TF1 checkpoint with it."""
    if not EXAMPLE.is_dir() or not CHECKPOINT.is_dir():
        click.echo(
            f"legacy2tf2 demo: the installed package lacks its example ({EXAMPLE}) or TF1 "
            f"checkpoint ({CHECKPOINT}); reinstall legacy2tf2",
            err=True,
        )
        sys.exit(EXIT_ERROR)
    start_tensorflow_or_exit("demo", verbose)
    start = time.monotonic()
    tmp = Path(tempfile.mkdtemp(prefix="legacy2tf2-demo-"))
    try:
        status = _demo(tmp, steps, verbose)
    finally:
        if keep:
            click.echo(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    click.echo(
        f"demo {'passed' if status == EXIT_OK else 'FAILED'} in {time.monotonic() - start:.0f}s"
    )
    sys.exit(status)


def _demo(tmp: Path, steps: int, verbose: bool) -> int:
    work = tmp / "translate"
    shutil.copytree(EXAMPLE, work, ignore=shutil.ignore_patterns("__pycache__"))
    click.secho("1. legacy2tf2 rewrite --full translate/  (the diff)", bold=True)
    if not _migrate(work):
        return EXIT_FINDINGS
    click.secho(f"2. train the migrated program on TensorFlow 2 ({steps} steps)", bold=True)
    train = ["translate.py", f"--train_dir={tmp / 'train'}", f"--max_steps={steps}"]
    # the TF1-checkpoint decode does not depend on training: it runs alongside
    tf1 = tmp / "tf1_checkpoint"
    shutil.copytree(CHECKPOINT, tf1)
    (work / "decode_tf1.py").write_text(DECODE_DRIVER)
    driver = _start(
        ["decode_tf1.py", str(tf1), str(tf1 / "decode.npz"), str(tf1 / "model.json")],
        work,
        verbose,
    )
    every = f"--steps_per_checkpoint={steps // 3}"
    status, lines = _finish(_start([*train, every], work, verbose), echo=True)
    losses = [float(line.split(" loss ")[1].split()[0]) for line in lines if " loss " in line]
    if status != 0 or len(losses) < 2:
        driver.process.kill()
        return EXIT_FINDINGS
    click.echo(f"    loss {losses[0]:.3f} -> {losses[-1]:.3f}")
    sentence = "we like the car"
    click.secho(f'3. decode "{sentence}" with the checkpoint it saved', bold=True)
    decode = ["translate.py", "--decode", f"--train_dir={tmp / 'train'}", f"--sentence={sentence}"]
    status, _ = _finish(_start(decode, work, verbose), echo=True)
    click.echo(
        f"    (after {steps} steps on a 90-sentence corpus the translation is not expected to be"
        " right;\n     what is checked is that the migrated program trains, saves a checkpoint,"
        " restores it and decodes)"
    )
    click.secho(
        "4. restore the TF1 checkpoint (30 Adam steps on TF 1) and decode its batch", bold=True
    )
    click.echo(
        "    (30 steps do not make a good translation either; what is checked is that TF 2\n"
        "     decodes exactly the tokens TF 1 decoded from the same weights)"
    )
    driver_status, lines = _finish(driver, echo=False)
    if status != 0 or driver_status != 0 or not lines:
        return EXIT_FINDINGS
    got = json.loads(lines[-1])
    import numpy as np

    with np.load(tf1 / "decode.npz") as fixture:
        expected = fixture["tokens"].tolist()
    rows = zip(np.array(got["tokens"]).T, np.array(expected).T, strict=True)
    for row, (mine, theirs) in enumerate(rows):
        click.echo(
            f"    sentence {row}: TF2 {' '.join(map(str, mine))}  |  TF1 {' '.join(map(str, theirs))}"
        )
    same = got["tokens"] == expected
    verdict = "equal" if same else "DIFFER from"
    click.echo(
        f"    tokens {verdict} what TF1 decoded (largest logit difference {got['max_logit_error']:.1e})"
    )
    return EXIT_OK if same else EXIT_FINDINGS
