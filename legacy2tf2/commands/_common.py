"""What ``rewrite`` and ``check`` share: options, file collection, progress, diffs, exit codes.

Exit codes (ruff's contract): 0 nothing to report, 1 findings or something would change,
2 usage error, I/O error on a named path or internal error. Product output goes to stdout, messages
for people and progress to stderr.
"""

from __future__ import annotations

import contextlib
import difflib
import functools
import io
import os
import sys
import tokenize
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])

#: A progress bar is drawn (only when stderr is a terminal) from this many files on.
PROGRESS_MIN_FILES = 500

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def start_tensorflow_or_exit(command: str, verbose: bool = False) -> None:
    """Start TensorFlow quietly for ``legacy2tf2 COMMAND``; without it, one line saying how to
    install it and exit 2."""
    from legacy2tf2.tensorflow_startup import start_tensorflow

    try:
        start_tensorflow(verbose)
    except ImportError as error:
        click.echo(
            f"legacy2tf2 {command} needs tensorflow ({error}): "
            "pip install 'legacy2tf2[tensorflow]'",
            err=True,
        )
        sys.exit(EXIT_ERROR)


def _list_rewrites(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if not value or ctx.resilient_parsing:
        return
    from legacy2tf2.migrator.engine import list_rewrites

    for old, new in list_rewrites():
        click.echo(f"{old} -> {new}")
    ctx.exit(EXIT_OK)


def common_options(command: F) -> F:
    """Add ``PATH...``, ``--jobs``, ``--exclude`` and ``--list-rewrites`` to a command."""
    decorators = [
        click.argument(
            "paths",
            nargs=-1,
            metavar="PATH...",
            type=click.Path(exists=True, allow_dash=True),
        ),
        click.option(
            "-j",
            "--jobs",
            type=click.IntRange(min=1),
            default=None,
            help="Worker processes for parsing (default: all cores).",
        ),
        click.option(
            "--exclude",
            "excludes",
            metavar="GLOB",
            multiple=True,
            help="Skip files and directories matching this gitignore-style glob (repeatable).",
        ),
        click.option(
            "--list-rewrites",
            is_flag=True,
            expose_value=False,
            is_eager=True,
            callback=_list_rewrites,
            help="Print every name the migrator rewrites, and what to, then exit.",
        ),
    ]
    for decorator in reversed(decorators):
        command = decorator(command)
    return command


def guard(command: F) -> F:
    """Turn an unexpected exception into ``legacy2tf2: internal error: ...`` and exit status 2."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except OSError as exc:
            click.echo(f"legacy2tf2: error: {exc}", err=True)
            sys.exit(EXIT_ERROR)
        except Exception as exc:
            click.echo(f"legacy2tf2: internal error: {type(exc).__name__}: {exc}", err=True)
            sys.exit(EXIT_ERROR)

    return wrapper  # type: ignore[return-value]


def check_paths(paths: tuple[str, ...]) -> None:
    """Reject an empty ``PATH...`` and ``-`` mixed with other paths (usage errors, exit 2)."""
    if not paths:
        raise click.UsageError("Give at least one PATH (a file, a directory, or - for stdin).")
    if "-" in paths and len(paths) > 1:
        raise click.UsageError("'-' (standard input) cannot be combined with other paths.")


def say_empty(paths: list[str]) -> None:
    """One line on stderr for each given path that holds no Python file or notebook to process."""
    for path in paths:
        click.echo(f"legacy2tf2: {path}: no Python files or notebooks to process", err=True)


@contextlib.contextmanager
def progress_bar(total: int, label: str) -> Iterator[Callable[[int], None] | None]:
    """A ``click.progressbar`` on stderr for large runs on a terminal; ``None`` otherwise."""
    if total < PROGRESS_MIN_FILES or not sys.stderr.isatty():
        yield None
        return
    with click.progressbar(length=total, label=label, file=sys.stderr) as bar:
        yield bar.update


def _decode(data: bytes, notebook: bool) -> str:
    encoding = "utf-8"
    if not notebook:
        with contextlib.suppress(SyntaxError, LookupError):
            encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    return data.decode(encoding, errors="replace").removeprefix("\ufeff")


def _lines(text: str) -> list[str]:
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith(("\n", "\r")):
        lines[-1] += "\n\\ No newline at end of file\n"
    return lines


def unified_diff(old: bytes, new: bytes, path: str) -> str:
    """The ``--- a/path`` / ``+++ b/path`` unified diff between two versions of a file."""
    notebook = path.endswith(".ipynb")
    shown = path.replace(os.sep, "/")
    return "".join(
        difflib.unified_diff(
            _lines(_decode(old, notebook)),
            _lines(_decode(new, notebook)),
            fromfile=f"a/{shown}",
            tofile=f"b/{shown}",
        )
    )
