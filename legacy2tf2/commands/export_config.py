"""The TF1 model description ``legacy2tf2 export`` reads (``model.json``), checked field by field.

Fields are the TF1 translate tutorial's flags (``translate.py`` / ``seq2seq_model.py``); keys this
module does not read (``batch``, ``steps``, ``seed``, ...) are ignored. Imports no TensorFlow.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

#: The TF1 cell classes ``export`` rebuilds, by their TF1 name.
CELLS = ("GRUCell", "BasicLSTMCell", "LSTMCell", "BasicRNNCell")


class ModelConfigError(ValueError):
    """``model.json`` is unreadable or a field is missing or invalid; the message names it."""


@dataclass(frozen=True)
class ModelConfig:
    """The TF1 model's hyper-parameters, as ``Seq2SeqModel`` was built with them."""

    src_vocab: int
    tgt_vocab: int
    size: int
    num_layers: int
    cell: str
    embedding_size: int
    num_heads: int
    output_projection: bool | None
    initial_state_attention: bool
    go_id: int
    eos_id: int
    buckets: tuple[tuple[int, int], ...] | None

    @property
    def max_source_length(self) -> int | None:
        """The largest bucket's source length: the longest input TF1's model was fed."""
        return max(source for source, _ in self.buckets) if self.buckets else None

    @property
    def max_target_length(self) -> int | None:
        """The largest bucket's target length: the most steps TF1's model decoded."""
        return max(target for _, target in self.buckets) if self.buckets else None


def _integer(fields: dict[str, Any], name: str, minimum: int, default: int | None = None) -> int:
    if name not in fields:
        if default is None:
            raise ModelConfigError(f"model.json: required field `{name}` is missing")
        return default
    value = fields[name]
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise ModelConfigError(
            f"model.json: field `{name}` must be an integer >= {minimum}, got {value!r}"
        )
    return value


def _flag(fields: dict[str, Any], name: str, default: bool | None) -> bool | None:
    value = fields.get(name, default)
    if value is not None and not isinstance(value, bool):
        raise ModelConfigError(f"model.json: field `{name}` must be true or false, got {value!r}")
    return value


def _buckets(fields: dict[str, Any]) -> tuple[tuple[int, int], ...] | None:
    if "buckets" not in fields:
        return None
    value = fields["buckets"]
    pairs = []
    if isinstance(value, list) and value:
        for bucket in value:
            if (
                isinstance(bucket, list)
                and len(bucket) == 2
                and all(isinstance(n, int) and not isinstance(n, bool) and n >= 1 for n in bucket)
            ):
                pairs.append((bucket[0], bucket[1]))
    if not pairs or len(pairs) != len(value):
        raise ModelConfigError(
            "model.json: field `buckets` must be a non-empty list of [source_length, "
            f"target_length] pairs of positive integers, got {value!r}"
        )
    return tuple(pairs)


def parse_model_config(fields: dict[str, Any]) -> ModelConfig:
    """Check the fields of a TF1 translate model's description and apply the tutorial's defaults.

    Required: ``src_vocab``, ``tgt_vocab``, ``size``, ``num_layers``, ``cell``. Defaults as in
    TF1's ``Seq2SeqModel``: ``embedding_size`` = ``size``, ``num_heads`` 1,
    ``initial_state_attention`` false, ``go_id`` 1, ``eos_id`` 2; ``output_projection`` None
    means "as the checkpoint says" (``proj_w``/``proj_b`` present).

    Raises:
        ModelConfigError: a required field missing, or a field of the wrong type or range.
    """
    size = _integer(fields, "size", 1)
    cell = fields.get("cell")
    if "cell" not in fields:
        raise ModelConfigError(f"model.json: required field `cell` is missing (one of {CELLS})")
    if cell not in CELLS:
        raise ModelConfigError(f"model.json: field `cell` must be one of {CELLS}, got {cell!r}")
    tgt_vocab = _integer(fields, "tgt_vocab", 1)
    return ModelConfig(
        src_vocab=_integer(fields, "src_vocab", 1),
        tgt_vocab=tgt_vocab,
        size=size,
        num_layers=_integer(fields, "num_layers", 1),
        cell=cell,
        embedding_size=_integer(fields, "embedding_size", 1, default=size),
        num_heads=_integer(fields, "num_heads", 1, default=1),
        output_projection=_flag(fields, "output_projection", None),
        initial_state_attention=bool(_flag(fields, "initial_state_attention", False)),
        go_id=_integer(fields, "go_id", 0, default=1),
        eos_id=_integer(fields, "eos_id", 0, default=2),
        buckets=_buckets(fields),
    )


def read_model_config(path: Path) -> ModelConfig:
    """Read ``model.json``: its ``config`` object when it has one (the fixtures' layout), else
    the whole object.

    Raises:
        ModelConfigError: unreadable JSON, not an object, or a field as in
            :func:`parse_model_config`.
    """
    try:
        document = json.loads(path.read_text())
    except (OSError, ValueError) as error:
        raise ModelConfigError(f"cannot read {path}: {error}") from error
    if isinstance(document, dict) and isinstance(document.get("config"), dict):
        document = document["config"]
    if not isinstance(document, dict):
        raise ModelConfigError(f"{path}: expected a JSON object of model fields")
    return parse_model_config(document)
