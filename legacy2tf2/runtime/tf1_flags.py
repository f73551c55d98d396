"""TF 1.0-1.4's ``tf.app.flags.DEFINE_string``, which kept a default that is not a string.

Up to TF 1.4 ``tf.app.flags`` was argparse: ``DEFINE_string("task_id", 1, ...)`` added
``--task_id`` with ``type=str``, and argparse converts only string defaults, so ``FLAGS.task_id``
was the int ``1`` unless the command line gave a value (then that string). absl (TF 1.5+, and
``tf.compat.v1.flags``) refuses such a definition ("flag value must be a string"), which stopped
the program at its first line of flags.
"""

from __future__ import annotations

from typing import Any

from absl import flags as _absl_flags

__all__ = ["DEFINE_string"]


class _ArgparseString(_absl_flags.ArgumentParser):
    """argparse's ``type=str`` as TF < 1.5 applied it: a command-line value is kept as its
    string, a default as the program gave it."""

    def parse(self, argument: Any) -> Any:
        return argument

    def flag_type(self) -> str:
        return "string"


def DEFINE_string(
    name: str,
    default: Any,
    help: str | None = None,
    flag_values: Any = None,
    **args: Any,
) -> Any:
    """Define the string flag ``name`` as TF 1.0-1.4's ``tf.app.flags.DEFINE_string`` did.

    The default stays what was given, of any type (``1`` reads back as the int ``1``); a value
    from the command line is its string. The flag lives in absl's ``FLAGS``, the one
    ``tf.compat.v1.flags.FLAGS`` reads, so the program's other flags and ``FLAGS.name`` work as
    before. Returns absl's flag holder.
    """
    return _absl_flags.DEFINE(
        _ArgparseString(),
        name,
        default,
        help,
        _absl_flags.FLAGS if flag_values is None else flag_values,
        _absl_flags.ArgumentSerializer(),
        **args,
    )
