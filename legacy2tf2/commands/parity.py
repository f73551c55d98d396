"""``legacy2tf2 parity``: replay TF1 reference cases against the installed runtime."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from legacy2tf2.bundled import PARITY_CASES
from legacy2tf2.commands._common import EXIT_ERROR, start_tensorflow_or_exit

MODE_CHOICES = ("graph", "eager", "function", "all")


@click.command()
@click.argument("directory", required=False, type=click.Path(path_type=Path))
@click.option(
    "--mode",
    type=click.Choice(MODE_CHOICES),
    default="all",
    show_default=True,
    help="Run the cases in a tf.compat.v1 graph, eagerly, inside tf.function, or all three.",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="One line per case and mode, or one JSON document.",
)
@click.option(
    "--verbose",
    is_flag=True,
    help="Show TensorFlow's own start-up and log lines (hidden by default).",
)
def parity(directory: Path | None, mode: str, output_format: str, verbose: bool) -> None:
    """Replay every TF1 reference case in DIRECTORY (default: the cases shipped with legacy2tf2).

    Each case is rebuilt with the runtime, given TF1's variable values, and every output, state,
    loss and gradient is compared with TF1's within the case's tolerance. Exit status: 0 all
    passed, 1 any failed, 2 no readable cases or no tensorflow.
    """
    directory = directory or PARITY_CASES
    if not directory.is_dir():
        raise click.UsageError(f"No such directory of parity cases: {directory}")
    start_tensorflow_or_exit("parity", verbose)
    from legacy2tf2 import parity_replay as replay

    paths = replay.find_cases(directory)
    if not paths:
        click.echo(f"error: no cases (NAME.json + NAME.npz) in {directory}", err=True)
        sys.exit(EXIT_ERROR)
    modes = ("graph", "eager", "function") if mode == "all" else (mode,)
    results = []
    for path in paths:
        try:
            case = replay.load_case(path)
        except (OSError, ValueError, KeyError) as error:
            click.echo(f"error: cannot read case {path}: {error}", err=True)
            sys.exit(EXIT_ERROR)
        for case_mode in modes:
            result = replay.run_case(case, case_mode)
            results.append(result)
            if output_format == "text":
                status = "ok  " if result.passed else "FAIL"
                detail = (
                    result.error or f"worst {result.worst:.3f} of tolerance ({result.worst_key})"
                )
                click.echo(f"{status} {case_mode:8} {result.name}  {detail}")
    failed = sum(not r.passed for r in results)
    passed = len(results) - failed
    if output_format == "json":
        document = {
            "directory": str(directory),
            "passed": passed,
            "failed": failed,
            "results": [
                {
                    "case": r.name,
                    "mode": r.mode,
                    "passed": r.passed,
                    "worst_ratio": None if r.worst == float("inf") else r.worst,
                    "worst_array": r.worst_key,
                    "error": r.error,
                }
                for r in results
            ],
        }
        click.echo(json.dumps(document, indent=2))
    else:
        click.echo(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)
