"""The ``legacy2tf2`` command line: one click group, one module per command."""

from __future__ import annotations

import click

from legacy2tf2 import __version__
from legacy2tf2.commands.check import check
from legacy2tf2.commands.convert_checkpoint import convert_checkpoint
from legacy2tf2.commands.demo import demo
from legacy2tf2.commands.export import export
from legacy2tf2.commands.parity import parity
from legacy2tf2.commands.rewrite import rewrite


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="legacy2tf2")
def main() -> None:
    """Move TensorFlow 1 legacy_seq2seq code to TensorFlow 2 and prove it gives TF1's numbers."""


main.add_command(rewrite)
main.add_command(check)
main.add_command(parity)
main.add_command(demo)
main.add_command(convert_checkpoint)
main.add_command(export)
