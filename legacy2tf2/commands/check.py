"""``legacy2tf2 check``: the CI gate that fails on any ``tf.contrib`` or TF1 cell left."""

from __future__ import annotations

import sys

import click

from legacy2tf2 import __version__
from legacy2tf2.commands._common import (
    EXIT_ERROR,
    EXIT_FINDINGS,
    EXIT_OK,
    check_paths,
    common_options,
    guard,
    progress_bar,
    say_empty,
)
from legacy2tf2.migrator.report import FORMATS


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@common_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="Report format: 'path:line:col: CODE message' lines, JSON, GitHub annotations or SARIF.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, allow_dash=True),
    default="-",
    help="Write the report to FILE instead of stdout.",
)
@guard
def check(
    paths: tuple[str, ...], jobs: int | None, excludes: tuple[str, ...], fmt: str, output: str
) -> None:
    """Report every tf.contrib use, removed TF1 cell class and unrewritable reference in PATH...

    Files are only read. PATH may be a file, a directory or - for stdin.

    \b
    Exit status: 0 nothing found; 1 findings (including unparseable files);
    2 usage error, missing path, unwritable report file or internal error.
    """
    check_paths(paths)
    from legacy2tf2.migrator import files as files_mod
    from legacy2tf2.migrator import runner, steps
    from legacy2tf2.migrator.report import render

    if paths == ("-",):
        outcome = runner.run_bytes(sys.stdin.buffer.read(), "-", steps.CHECK)
        findings, internal, total, skipped = (
            outcome.findings,
            outcome.internal_error,
            1,
            int(outcome.skipped),
        )
        empty: list[str] = []
    else:
        found = files_mod.discover(paths, excludes)
        with progress_bar(len(found.files), "checking") as progress:
            outcomes = runner.run(found.files, steps.CHECK, jobs=jobs, progress=progress)
        findings = found.findings + [f for o in outcomes for f in o.findings]
        internal = any(o.internal_error for o in outcomes)
        total, skipped = len(found.files), sum(o.skipped for o in outcomes)
        empty = found.empty
    report = render(findings, fmt, __version__)
    if output == "-":
        click.echo(report, nl=False)
    else:
        try:
            with open(output, "w", encoding="utf-8") as fh:
                fh.write(report)
        except OSError as exc:
            click.echo(f"legacy2tf2: cannot write report to {output}: {exc.strerror}", err=True)
            sys.exit(EXIT_ERROR)
    say_empty(empty)
    if total:
        click.echo(f"checked {total} files, {len(findings)} findings, {skipped} skipped", err=True)
    if internal:
        sys.exit(EXIT_ERROR)
    sys.exit(EXIT_FINDINGS if findings else EXIT_OK)
