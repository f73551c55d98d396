"""``legacy2tf2 export``: a TF1 translate checkpoint to a servable SavedModel and/or ``.keras`` file.

Rebuilds TF1's ``embedding_attention_seq2seq`` model from ``model.json`` with the runtime, fills
it from the checkpoint by TF1 variable name and writes it out; no TF1 code is needed to serve it.
Exit status: 0 written, 1 the checkpoint does not fit the configuration, 2 bad option or
``model.json`` field, no checkpoint, or no tensorflow.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from legacy2tf2.commands._common import EXIT_ERROR, EXIT_FINDINGS, start_tensorflow_or_exit
from legacy2tf2.commands.export_config import ModelConfig, ModelConfigError, read_model_config

#: The file name of the ``.keras`` archive inside ``--out``.
KERAS_FILE = "model.keras"

#: Which ``model.json`` fields decide each part of the mismatch list.
MISMATCH_HINTS = (
    ("shapes differ", "`size`, `embedding_size`, `src_vocab`, `tgt_vocab`"),
    ("missing from the checkpoint", "`cell`, `num_layers`, `num_heads`, `output_projection`"),
    ("in the checkpoint but not in the model", "`cell`, `num_layers`, `num_heads`"),
)

#: Told whenever variables are missing: TF 0.x-1.1 named them differently.
OLD_NAMES_HINT = (
    "  a checkpoint saved by TF 0.x-1.1 (names such as `GRUCell/Gates/Linear/Matrix` or "
    "`gru_cell/gates/weights`): run `legacy2tf2 convert-checkpoint` on it first"
)


def _eos_id(_ctx: click.Context, _param: click.Parameter, value: str | None) -> Any:
    if value is None:
        return None
    if value.lower() == "none":
        return "none"
    try:
        return int(value)
    except ValueError:
        raise click.BadParameter(f"an integer or `none`, got {value!r}") from None


def build_cell(config: ModelConfig) -> Any:
    """The TF1 cell ``Seq2SeqModel`` built: ``cell(size)``, in a ``MultiRNNCell`` of distinct
    cells when ``num_layers`` > 1 (the TF 1.2+ tutorial; one cell object reused per layer would
    share weights, which the checkpoint's per-layer names rule out)."""
    from legacy2tf2.runtime import rnn_cell

    cell_class = getattr(rnn_cell, config.cell)
    if config.num_layers == 1:
        return cell_class(config.size)
    return rnn_cell.MultiRNNCell([cell_class(config.size) for _ in range(config.num_layers)])


def checkpoint_has_projection(prefix: str) -> bool:
    """Whether the checkpoint holds the translate tutorial's ``proj_w``/``proj_b`` (its output
    projection, used when the target vocabulary is larger than sampled softmax's sample)."""
    import tensorflow as tf

    names = set(tf.train.load_checkpoint(prefix).get_variable_to_shape_map())
    return {"proj_w", "proj_b"} <= names


def mismatch_hints(message: str) -> list[str]:
    """The ``model.json`` fields to check for each kind of mismatch the loader listed."""
    hints = [
        f"  {title}: check model.json's {fields}"
        for title, fields in MISMATCH_HINTS
        if f"  {title}" in message
    ]
    if "  missing from the checkpoint" in message:
        hints.append(OLD_NAMES_HINT)
    return hints


@click.command("export")
# Not ``exists=True``: a checkpoint prefix (``translate.ckpt-200``) is not a file itself.
@click.argument("checkpoint", type=click.Path(path_type=Path))
@click.option(
    "--config",
    "config_path",
    required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="The TF1 model's description (model.json).",
)
@click.option("--out", required=True, type=click.Path(path_type=Path), help="Output directory.")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["savedmodel", "keras", "both"]),
    default="savedmodel",
    show_default=True,
    help=f"A SavedModel in OUT, a Keras archive OUT/{KERAS_FILE}, or both.",
)
@click.option(
    "--max-length",
    type=click.IntRange(min=1),
    default=None,
    help="Decoder steps served (default: the largest bucket's target length).",
)
@click.option(
    "--method", type=click.Choice(["greedy", "beam"]), default="greedy", show_default=True
)
@click.option("--beam-width", type=click.IntRange(min=1), default=None, help="Beam search only.")
@click.option("--length-penalty", type=float, default=None, help="Beam search only (GNMT alpha).")
@click.option(
    "--eos-id",
    callback=_eos_id,
    default=None,
    help="End-of-sequence id (default: model.json's eos_id); `none` decodes every step as TF1.",
)
@click.option("--start-id", type=click.IntRange(min=0), default=None, help="Default: go_id.")
@click.option("-v", "--verbose", is_flag=True, help="Show TensorFlow's own log lines.")
def export(
    checkpoint: Path,
    config_path: Path,
    out: Path,
    output_format: str,
    max_length: int | None,
    method: str,
    beam_width: int | None,
    length_penalty: float | None,
    eos_id: Any,
    start_id: int | None,
    verbose: bool,
) -> None:
    """Export the TF1 translate/chatbot checkpoint CHECKPOINT (a prefix or its directory) as a
    SavedModel with a `serve(encoder_tokens)` signature and/or a `.keras` file.

    Exit status: 0 written, 1 the checkpoint does not fit model.json, 2 bad option or model.json
    field, no checkpoint, or no tensorflow.
    """
    try:
        config = read_model_config(config_path)
    except ModelConfigError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(EXIT_ERROR)
    decode_flags = {
        "--max-length": max_length,
        "--method": None if method == "greedy" else method,
        "--beam-width": beam_width,
        "--length-penalty": length_penalty,
        "--eos-id": eos_id,
        "--start-id": start_id,
    }
    given = [flag for flag, value in decode_flags.items() if value is not None]
    if output_format == "keras" and given:
        raise click.UsageError(
            f"{', '.join(given)}: decoding options are fixed in the SavedModel only; "
            "a .keras model takes them at generate() (use --format savedmodel or both)"
        )
    max_length = max_length or config.max_target_length
    if max_length is None and output_format != "keras":
        click.echo(
            "error: model.json has no `buckets` field to take the decoder length from: "
            "give --max-length",
            err=True,
        )
        sys.exit(EXIT_ERROR)
    options: dict[str, Any] = {"method": method}
    if beam_width is not None:
        options["beam_width"] = beam_width
    if length_penalty is not None:
        options["length_penalty"] = length_penalty
    if eos_id is not None:
        options["eos_id"] = None if eos_id == "none" else eos_id
    if start_id is not None:
        options["start_id"] = start_id
    start_tensorflow_or_exit("export", verbose)
    from legacy2tf2.runtime import CheckpointMismatchError, Seq2Seq
    from legacy2tf2.runtime.checkpoint import resolve_checkpoint_path

    try:
        prefix = resolve_checkpoint_path(checkpoint)
    except FileNotFoundError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(EXIT_ERROR)
    output_projection = config.output_projection
    if output_projection is None:
        output_projection = checkpoint_has_projection(prefix)
    try:
        model = Seq2Seq.from_tf1_checkpoint(
            prefix,
            build_cell(config),
            num_encoder_symbols=config.src_vocab,
            num_decoder_symbols=config.tgt_vocab,
            embedding_size=config.embedding_size,
            num_heads=config.num_heads,
            output_projection=output_projection,
            initial_state_attention=config.initial_state_attention,
            go_id=config.go_id,
            eos_id=config.eos_id,
        )
    except CheckpointMismatchError as error:
        click.echo(f"error: {error}", err=True)
        for line in mismatch_hints(str(error)):
            click.echo(line, err=True)
        sys.exit(EXIT_FINDINGS)
    except ValueError as error:  # an id outside the vocabulary, checked by the model
        click.echo(f"error: model.json: {error}", err=True)
        sys.exit(EXIT_ERROR)
    if output_format in ("savedmodel", "both"):
        try:
            model.export_serving(out, max_length, **options)
        except ValueError as error:
            click.echo(f"error: {error}", err=True)
            sys.exit(EXIT_ERROR)
        click.echo(f"SavedModel: {out} (signature serving_default, {max_length} steps, {method})")
    if output_format in ("keras", "both"):
        out.mkdir(parents=True, exist_ok=True)
        model.save(out / KERAS_FILE)
        click.echo(f"Keras model: {out / KERAS_FILE}")
