"""``legacy2tf2 rewrite``: move legacy_seq2seq and TF1 cell code onto the bundled runtime."""

from __future__ import annotations

import sys

import click

from legacy2tf2.commands._common import (
    EXIT_ERROR,
    EXIT_FINDINGS,
    EXIT_OK,
    check_paths,
    common_options,
    guard,
    progress_bar,
    say_empty,
    unified_diff,
)
from legacy2tf2.migrator.findings import fails
from legacy2tf2.migrator.report import Finding


def _failed(findings: list[Finding]) -> bool:
    # Notes (a change made, or a meaning kept that may need a choice) are reported for review
    # but do not fail the run; every other finding means something was left unrewritten.
    return any(fails(f.code) for f in findings)


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@common_options
@click.option("--diff", is_flag=True, help="Print a unified diff on stdout instead of writing.")
@click.option(
    "--check",
    "check_only",
    is_flag=True,
    help="Write nothing; name each file that would change ('Would rewrite PATH') on stderr.",
)
@click.option(
    "--full",
    is_flag=True,
    help="Also upgrade the rest to TF 2 so the program runs: TensorFlow's tf_upgrade_v2 "
    "(needs tensorflow), pre-1.0 calls, disable_eager_execution() for graph-mode programs.",
)
@guard
def rewrite(
    paths: tuple[str, ...],
    jobs: int | None,
    excludes: tuple[str, ...],
    diff: bool,
    check_only: bool,
    full: bool,
) -> None:
    """Rewrite every PATH (files, directories, or - for stdin to stdout) in place, atomically.

    \b
    Exit status: 0 done (or, with --diff/--check, nothing would change);
    1 unparseable or unwritable files, references left unrewritten (a dropped pre-1.0 argument,
    L2T004, a kept TF 1.2+ layer sharing, L2T005, and a dropped cell input_size, L2T009, are
    only reported), or (with
    --diff/--check) files would change;
    2 usage error, missing path, --full without tensorflow, or internal error.
    """
    check_paths(paths)
    if diff and check_only:
        raise click.UsageError("--diff and --check cannot be used together.")
    from legacy2tf2.migrator import files as files_mod
    from legacy2tf2.migrator import runner, steps
    from legacy2tf2.migrator.report import render_text
    from legacy2tf2.migrator.tf_upgrader import tensorflow_available

    step = steps.FULL if full else steps.REWRITE_CHECK if check_only else steps.REWRITE
    if full and not tensorflow_available():
        click.echo(
            "legacy2tf2: --full needs tensorflow: pip install 'legacy2tf2[tensorflow]'",
            err=True,
        )
        sys.exit(EXIT_ERROR)
    dry = diff or check_only
    if paths == ("-",):
        data = sys.stdin.buffer.read()
        outcome = runner.run_bytes(data, "-", step)
        if diff and outcome.changed:
            click.echo(unified_diff(data, outcome.new or data, "-"), nl=False)
        elif check_only and outcome.changed:
            click.echo("Would rewrite -", err=True)
        elif not dry:
            sys.stdout.buffer.write(outcome.new if outcome.changed else data)
            sys.stdout.flush()
        click.echo(render_text(outcome.findings), nl=False, err=True)
        if outcome.internal_error:
            sys.exit(EXIT_ERROR)
        failed = _failed(outcome.findings) or (dry and outcome.changed)
        sys.exit(EXIT_FINDINGS if failed else EXIT_OK)

    found = files_mod.discover(paths, excludes)
    with progress_bar(len(found.files), "rewriting") as progress:
        outcomes = runner.run(found.files, step, jobs=jobs, progress=progress)
    findings = list(found.findings)
    rewritten = skipped = 0
    for file, outcome in zip(found.files, outcomes, strict=True):
        findings += outcome.findings
        skipped += outcome.skipped
        if not outcome.changed or outcome.new is None:
            continue
        if diff:
            click.echo(unified_diff(outcome.old or b"", outcome.new, file.path), nl=False)
        elif check_only:
            click.echo(f"Would rewrite {file.path}", err=True)
        else:
            problem = files_mod.write_back(file, outcome.new)
            if problem is not None:
                findings.append(problem)
                skipped += 1
                continue
        rewritten += 1
    click.echo(render_text(findings), nl=False, err=True)
    say_empty(found.empty)
    if found.files:
        verb = "would rewrite" if dry else "rewrote"
        summary = f"{verb} {rewritten} of {len(found.files)} files, {len(findings)} findings, {skipped} skipped"
        click.echo(summary, err=True)
    if any(o.internal_error for o in outcomes):
        sys.exit(EXIT_ERROR)
    sys.exit(EXIT_FINDINGS if _failed(findings) or (dry and rewritten) else EXIT_OK)
