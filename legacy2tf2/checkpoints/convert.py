"""Write a copy of a TF1 checkpoint whose variables carry the names TF 1.2-1.15 (and the runtime) use.

A checkpoint saved by TF 0.x, 1.0 or 1.1 holds RNN variables under names TF 1.2 changed
(:mod:`legacy2tf2.checkpoints.names`), so ``tf.compat.v1.train.Saver().restore`` of the migrated
program stops with ``NotFoundError: Key .../kernel not found in checkpoint``. The copy written
here holds the same values under the new names, in TensorFlow's V2 format, with a ``checkpoint``
state file, so the program's own ``Saver`` (and ``tf.train.latest_checkpoint``) finds it.

TensorFlow is imported when a function here runs, never when the module is imported.
"""

from __future__ import annotations

import os
import re
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from types import ModuleType
from typing import Any

from legacy2tf2.checkpoints.gru_block import swap_gru_block_kernels
from legacy2tf2.checkpoints.names import TF0, CheckpointNameError, NamePlan, plan_names
from legacy2tf2.checkpoints.per_layer import per_layer_warning
from legacy2tf2.checkpoints.rnn_scopes import rename_scopes, rnn_scope_warning

# Files a user may name instead of the prefix they belong to.
_CHECKPOINT_FILE_SUFFIX = re.compile(r"\.(index|meta|data-\d{5}-of-\d{5})$")
# A TF 0.x sharded V1 checkpoint is named by the pattern prefix-?????-of-NNNNN.
_V1_SHARD_PATTERN = re.compile(r"-\?{5}-of-\d{5}$")


@dataclass(frozen=True)
class Conversion:
    """What :func:`convert` read, what it wrote (or would write) and every name it changed.

    ``warning`` is set when the checkpoint predates TF 1.2 and a MultiRNNCell stack holds one set
    of weights per layer (:func:`legacy2tf2.checkpoints.per_layer.per_layer_warning`): what the
    program must do so that restoring does not silently drop every layer but the first.
    """

    source: str
    target: str
    convention: str | None
    total: int
    renamed: list[tuple[str, str]]
    written: bool
    warning: str | None = None


def _tensorflow() -> ModuleType:
    import tensorflow

    return tensorflow


def _is_checkpoint(prefix: str) -> bool:
    """A V2 checkpoint (``prefix.index``) or a TF 0.x V1 one (a file, or a shard pattern)."""
    if os.path.isfile(prefix + ".index"):
        return True
    return os.path.isfile(prefix) or bool(_tensorflow().io.gfile.glob(prefix))


def resolve_source(path: str | os.PathLike[str]) -> str:
    """The prefix of the checkpoint at ``path``: a prefix, one of its files, or a directory.

    A directory is read as TF1's ``Saver`` reads it: its ``checkpoint`` state file names the
    latest checkpoint (looked up next to the state file when the state file holds an absolute
    path of the machine that wrote it). Reads TF 0.x V1 checkpoints too.

    Raises:
        FileNotFoundError: no checkpoint there.
    """
    path = os.fspath(path)
    if os.path.basename(path) == "checkpoint" and os.path.isfile(path):
        path = os.path.dirname(path) or "."  # the state file names the checkpoint
    if os.path.isdir(path):
        state = _tensorflow().train.get_checkpoint_state(path)
        if state is None or not state.model_checkpoint_path:
            raise FileNotFoundError(f"{path}: no 'checkpoint' state file naming a checkpoint")
        prefix = os.path.join(path, state.model_checkpoint_path)
        if not _is_checkpoint(prefix):
            prefix = os.path.join(path, os.path.basename(state.model_checkpoint_path))
    else:
        prefix = path
        stripped = _CHECKPOINT_FILE_SUFFIX.sub("", path)
        if not _is_checkpoint(prefix) or (stripped != path and _is_checkpoint(stripped)):
            prefix = stripped
    if not _is_checkpoint(prefix):
        raise FileNotFoundError(
            f"{path}: no TF1 checkpoint (expected {prefix}.index, a TF 0.x checkpoint file, or a "
            "directory with a 'checkpoint' state file)"
        )
    return prefix


def resolve_target(target: str | os.PathLike[str], source: str, *, directory: bool = False) -> str:
    """The prefix to write: ``target/<source's name>`` when ``target`` is a directory (one that
    exists, a path ending in ``/``, or any path when ``directory``: the source was named by its
    directory), else ``target`` itself.

    Raises:
        FileExistsError: the prefix is the source's, or a checkpoint is already there (a trained
            checkpoint is never overwritten).
    """
    target = os.fspath(target)
    if directory or os.path.isdir(target) or target.endswith(("/", os.sep)):
        target = os.path.join(target, _V1_SHARD_PATTERN.sub("", os.path.basename(source)))
    if os.path.realpath(target) == os.path.realpath(source):
        raise FileExistsError(f"{target}: the converted checkpoint must not replace the original")
    if os.path.exists(target + ".index") or os.path.exists(target):
        raise FileExistsError(f"{target}: a checkpoint is already there; choose another path")
    return target


def convert(
    source: str | os.PathLike[str],
    target: str | os.PathLike[str],
    *,
    dry_run: bool = False,
    scope_renames: Sequence[tuple[str, str]] = (),
) -> Conversion:
    """Copy the checkpoint at ``source`` to ``target`` with TF 1.2-1.15 variable names.

    A ``source`` directory gives a ``target`` directory (created if needed) holding the copy
    under the source checkpoint's name and a ``checkpoint`` state file naming it; a ``source``
    prefix gives the ``target`` prefix (see :func:`resolve_target`).

    Every variable (optimizer slots, ``global_step`` and the program's own variables included)
    is copied; only names TF 1.0 and TF 1.2 changed change. Nothing is written with
    ``dry_run``, nor when any name is refused. The result's ``warning`` names the MultiRNNCell
    stacks of a TF 0.x-1.1 checkpoint that hold one set of weights per layer, and the TF 0.x
    ``RNN``/``BiRNN`` scopes kept around a cell the converter does not know
    (:mod:`legacy2tf2.checkpoints.rnn_scopes`); ``scope_renames`` (``[("RNN", "rnn")]``) moves
    converted names from one leading scope to another, as the user decides for those.

    Raises:
        FileNotFoundError: no checkpoint at ``source``.
        FileExistsError: ``target`` is the source or already holds a checkpoint.
        legacy2tf2.checkpoints.names.CheckpointNameError: a name cannot be mapped with certainty.
    """
    tf = _tensorflow()
    prefix = resolve_source(source)
    reader = tf.train.load_checkpoint(prefix)
    dtypes = reader.get_variable_to_dtype_map()
    plan = swap_gru_block_kernels(plan_names(dtypes), reader.get_variable_to_shape_map())
    if scope_renames:
        plan = _renamed_plan(plan, scope_renames)
    named_by_directory = os.path.isdir(source) or os.path.basename(source) == "checkpoint"
    destination = resolve_target(target, prefix, directory=named_by_directory)
    if not dry_run:
        _write(tf, reader, dtypes, plan, destination)
    return Conversion(
        prefix,
        destination,
        plan.convention,
        len(dtypes),
        plan.renamed,
        not dry_run,
        _warning(plan),
    )


def _renamed_plan(plan: NamePlan, scope_renames: Sequence[tuple[str, str]]) -> NamePlan:
    """``plan`` with its new names moved by ``scope_renames``; two names meeting are refused."""
    names = rename_scopes(plan.names, scope_renames)
    seen: dict[str, str] = {}
    problems = []
    for old, new in sorted(names.items()):
        if new in seen:
            problems.append(f"{seen[new]} and {old} would both become {new}")
        seen[new] = old
    if problems:
        raise CheckpointNameError(problems)
    return NamePlan(names, plan.convention, plan.block_cells)


def _warning(plan: NamePlan) -> str | None:
    """The per-layer warning and, for a TF 0.x checkpoint (or one without RNN cell variables),
    the warning about kept TF 0.x RNN scopes, one after the other."""
    parts = [per_layer_warning(plan.names.values(), plan.convention, block_cells=plan.block_cells)]
    if plan.convention in (TF0, None):
        parts.append(rnn_scope_warning(plan.names.values()))
    found = [part for part in parts if part is not None]
    return "\n".join(found) if found else None


def convert_checkpoint(
    source: str | os.PathLike[str],
    target: str | os.PathLike[str],
    *,
    dry_run: bool = False,
    scope_renames: Sequence[tuple[str, str]] = (),
) -> list[tuple[str, str]]:
    """Convert a checkpoint written by TF 0.x-1.1 for ``Saver().restore`` in the migrated program.

    Reproduces, on the checkpoint, the variable renames TF 1.0 and TF 1.2 made to RNN cells and
    legacy_seq2seq layers (:mod:`legacy2tf2.checkpoints.names`), so the values TF1 trained
    restore into the TF 1.2-1.15 names the runtime creates. Returns the ``(old, new)`` pairs of
    the names that changed (empty for a checkpoint already in TF 1.2 names). See :func:`convert`.

    Warns (``UserWarning``) when the checkpoint holds one set of weights per MultiRNNCell layer,
    as ``legacy2tf2 convert-checkpoint`` does: a program that repeats one cell object over the
    layers must use ``repeated_cells="copy"`` to restore them all.
    """
    conversion = convert(source, target, dry_run=dry_run, scope_renames=scope_renames)
    if conversion.warning is not None:
        warnings.warn(conversion.warning, UserWarning, stacklevel=2)
    return conversion.renamed


def _write(
    tf: ModuleType, reader: Any, dtypes: dict[str, Any], plan: NamePlan, destination: str
) -> None:
    """Save every tensor under its new name with ``SaveV2`` (the op ``Saver`` saves with)."""
    directory = os.path.dirname(os.path.abspath(destination))
    os.makedirs(directory, exist_ok=True)
    old_names = sorted(plan.names)
    with tf.Graph().as_default(), tf.compat.v1.Session() as session:
        feeds = [tf.compat.v1.placeholder(dtypes[name]) for name in old_names]
        save = tf.raw_ops.SaveV2(
            prefix=destination,
            tensor_names=[plan.names[name] for name in old_names],
            shape_and_slices=[""] * len(old_names),
            tensors=feeds,
        )
        session.run(
            save,
            {feed: reader.get_tensor(name) for feed, name in zip(feeds, old_names, strict=True)},
        )
    state = tf.train.get_checkpoint_state(directory)
    kept = list(state.all_model_checkpoint_paths) if state is not None else []
    name = os.path.basename(destination)
    logger = tf.get_logger()
    level = logger.level
    logger.setLevel("ERROR")  # update_checkpoint_state's deprecation notice, not for the user
    try:
        tf.compat.v1.train.update_checkpoint_state(
            directory, name, all_model_checkpoint_paths=[*(p for p in kept if p != name), name]
        )
    finally:
        logger.setLevel(level)
