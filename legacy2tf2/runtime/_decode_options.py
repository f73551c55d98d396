"""The decoding options of ``Seq2Seq.generate`` and ``Seq2Seq.export_serving``, checked once.

Every option is validated and normalised here (NumPy integers become Python ints, bools are not
integers), so the compiled-decoder cache is keyed by plain values and an option that the chosen
method would not read is refused instead of ignored.
"""

from __future__ import annotations

import dataclasses
import enum
from typing import Any

import numpy as np
import tensorflow as tf

from legacy2tf2.runtime import _checks

METHODS = ("greedy", "beam", "sample")


class ModelDefault(enum.Enum):
    """The default of an option that the model itself sets (``eos_id``)."""

    EOS_ID = "the model's eos_id"


MODEL_EOS_ID = ModelDefault.EOS_ID

# Options that one method reads, with their defaults: another value with another method is an
# error (it would be ignored).
_METHOD_ONLY: dict[str, tuple[str, Any]] = {
    "beam_width": ("beam", 4),
    "length_penalty": ("beam", 0.0),
    "n_best": ("beam", 1),
    "temperature": ("sample", 1.0),
    "top_k": ("sample", None),
    "seed": ("sample", None),
}


@dataclasses.dataclass(frozen=True)
class DecodeOptions:
    """Checked decoding options; see ``Seq2Seq.generate`` for their meaning."""

    method: str
    max_length: int
    beam_width: int
    length_penalty: float
    eos_id: int | None
    start_id: int
    min_length: int
    temperature: float
    top_k: int | None
    seed: int | None
    n_best: int
    return_attention: bool
    return_logits: bool
    jit_compile: bool | str

    @classmethod
    def checked(
        cls,
        num_symbols: int,
        model_go_id: int,
        model_eos_id: int,
        max_length: Any,
        method: str = "greedy",
        beam_width: Any = 4,
        length_penalty: Any = 0.0,
        eos_id: Any = MODEL_EOS_ID,
        start_id: Any = None,
        min_length: Any = 0,
        temperature: Any = 1.0,
        top_k: Any = None,
        seed: Any = None,
        n_best: Any = 1,
        return_attention: Any = False,
        return_logits: Any = False,
        jit_compile: Any = "auto",
    ) -> DecodeOptions:
        """Validate ``generate``'s options for a vocabulary of ``num_symbols``.

        Raises:
            ValueError: an unknown method; an option of the wrong type (bools are not integers);
                a count out of range (``max_length``, ``beam_width``, ``top_k`` >= 1,
                ``min_length`` >= 0, ``n_best`` in [1, ``beam_width``]); an id outside the
                vocabulary; ``temperature`` <= 0; an option the method does not read set away
                from its default (``n_best`` with greedy decoding, ...); ``return_logits`` with
                beam search; ``jit_compile`` other than ``"auto"``, True or False.
        """
        if method not in METHODS:
            raise ValueError(
                f"Argument `method` must be one of {METHODS}. Received: method={method!r}"
            )
        given = {
            "beam_width": beam_width,
            "length_penalty": length_penalty,
            "n_best": n_best,
            "temperature": temperature,
            "top_k": top_k,
            "seed": seed,
        }
        for argument, (reader, default) in _METHOD_ONLY.items():
            if method != reader and not _is_default(given[argument], default):
                raise ValueError(
                    f"Argument `{argument}` is read by method={reader!r} only; method={method!r} "
                    f"would ignore it. Received: {argument}={given[argument]!r}"
                )
        return_logits = _checks.checked_bool("return_logits", return_logits)
        if return_logits and method == "beam":
            raise ValueError("`return_logits` is available for greedy and sample decoding only.")
        beam_width = _checks.checked_int("beam_width", beam_width, minimum=1)
        return cls(
            method=method,
            max_length=_checks.checked_int("max_length", max_length, minimum=1),
            beam_width=beam_width,
            length_penalty=_checks.checked_float("length_penalty", length_penalty),
            eos_id=(
                model_eos_id
                if eos_id is MODEL_EOS_ID
                else None
                if eos_id is None
                else _checks.checked_token_id("eos_id", eos_id, num_symbols)
            ),
            start_id=(
                model_go_id
                if start_id is None
                else _checks.checked_token_id("start_id", start_id, num_symbols)
            ),
            min_length=_checks.checked_int("min_length", min_length, minimum=0),
            temperature=_checks.checked_float("temperature", temperature, positive=True),
            top_k=(
                None
                if top_k is None
                else _checks.checked_int("top_k", top_k, minimum=1, below=num_symbols + 1)
            ),
            seed=None if seed is None else _checks.checked_int("seed", seed),
            n_best=_checks.checked_int("n_best", n_best, minimum=1, below=beam_width + 1),
            return_attention=_checks.checked_bool("return_attention", return_attention),
            return_logits=return_logits,
            jit_compile=_checked_jit_compile(jit_compile),
        )

    def compiled_key(self) -> DecodeOptions:
        """The options that shape the compiled decoder: the start id and the seed are inputs."""
        return dataclasses.replace(self, start_id=0, seed=None)


def xla_by_default() -> bool:
    """What ``jit_compile="auto"`` means here, Keras 3's rule for ``Model.compile(jit_compile=
    "auto")`` on the TensorFlow backend: XLA when TensorFlow sees a device other than the CPU,
    not on CPU-only machines (XLA's CPU matrix products are slower than TensorFlow's own), not
    under a ``tf.distribute`` strategy and not with op determinism enabled (some ops have no
    deterministic XLA kernel)."""
    if not any(device.device_type != "CPU" for device in tf.config.list_physical_devices()):
        return False
    if tf.distribute.has_strategy():
        return False
    # Keras reads the same private flag: TensorFlow has no public getter for it.
    from tensorflow.python.framework import config as tf_config

    return not tf_config.is_op_determinism_enabled()


def _checked_jit_compile(value: Any) -> bool | str:
    if isinstance(value, str) and value == "auto":
        return "auto"
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    raise ValueError(
        f'Argument `jit_compile` must be "auto", True or False. Received: jit_compile={value!r}'
    )


def _is_default(value: Any, default: Any) -> bool:
    if default is None:
        return value is None
    if value is None or isinstance(value, bool):
        return False
    try:
        return bool(value == default)
    except (TypeError, ValueError):
        return False
