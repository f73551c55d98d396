"""``legacy2tf2 convert-checkpoint``: rename a pre-TF-1.2 checkpoint's RNN variables for TF 1.2+.

Prints ``old -> new`` on stdout for every variable renamed, then one summary line on stderr, then,
for a TF 0.x-1.1 checkpoint with one set of weights per MultiRNNCell layer, a warning saying what
a program that repeats one cell over the layers must do. Exit status: 0 converted (or nothing to
rename; also with that warning: the conversion is right either way, what may need a change is
the program), 1 a name cannot be mapped with certainty (nothing written; every such name is
listed), 2 no checkpoint at OLD, NEW already holds one or
is OLD, or tensorflow is not installed. The converter is imported only when the command runs, so
``rewrite`` and ``check`` never load it.
"""

from __future__ import annotations

import sys

import click

from legacy2tf2.commands._common import (
    EXIT_ERROR,
    EXIT_FINDINGS,
    EXIT_OK,
    start_tensorflow_or_exit,
)


@click.command("convert-checkpoint", context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("old", type=click.Path())
@click.argument("new", type=click.Path())
@click.option("--dry-run", is_flag=True, help="Print the renames; write nothing.")
@click.option(
    "--rename-scope",
    "rename_scope",
    multiple=True,
    metavar="OLD=NEW",
    help="Move converted names from the leading scope OLD to NEW (repeatable), e.g. RNN=rnn "
    "for a TF 0.x tf.nn.rnn scope around the program's own cell.",
)
def convert_checkpoint(old: str, new: str, dry_run: bool, rename_scope: tuple[str, ...]) -> None:
    """Copy the TF1 checkpoint OLD to NEW with the variable names TF 1.2-1.15 gives RNN cells.

    OLD is a checkpoint prefix (model.ckpt-200), one of its files, or a directory with a
    'checkpoint' state file. TF 0.x, 1.0 and 1.1 checkpoints are renamed (both
    GRUCell/Gates/Linear/Matrix and gru_cell/gates/weights become gru_cell/gates/kernel, ...);
    a TF 1.2+ one is copied unchanged. NEW is a directory when OLD is one (the copy keeps the checkpoint's name and
    gets a 'checkpoint' state file) or when it ends in '/', else the new prefix. A checkpoint
    with one set of weights per MultiRNNCell layer gets a warning on stderr: a program that built
    those layers as MultiRNNCell([cell] * n) must add repeated_cells="copy". Exit status: 0
    done (warning or not), 1 a name cannot be mapped with certainty (nothing written), 2 bad
    path or no tensorflow.
    """
    start_tensorflow_or_exit("convert-checkpoint")
    import tensorflow as tf

    from legacy2tf2.checkpoints.convert import convert
    from legacy2tf2.checkpoints.names import CheckpointNameError
    from legacy2tf2.checkpoints.rnn_scopes import parse_scope_renames

    try:
        scope_renames = parse_scope_renames(rename_scope)
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="--rename-scope") from error
    try:
        conversion = convert(old, new, dry_run=dry_run, scope_renames=scope_renames)
    except CheckpointNameError as error:
        click.echo(f"legacy2tf2 convert-checkpoint: {error}\nnothing written", err=True)
        sys.exit(EXIT_FINDINGS)
    except (OSError, tf.errors.OpError) as error:
        message = error.message if isinstance(error, tf.errors.OpError) else error
        click.echo(f"legacy2tf2 convert-checkpoint: {message}", err=True)
        sys.exit(EXIT_ERROR)
    for old_name, new_name in conversion.renamed:
        click.echo(f"{old_name} -> {new_name}")
    convention = conversion.convention or "no RNN variables"
    done = "wrote" if conversion.written else "would write (dry run, nothing written)"
    click.echo(
        f"{done} {conversion.target}: {len(conversion.renamed)} of {conversion.total} variables "
        f"renamed ({convention} names in {conversion.source})",
        err=True,
    )
    if conversion.warning is not None:
        click.echo(f"legacy2tf2 convert-checkpoint: {conversion.warning}", err=True)
    sys.exit(EXIT_OK)
