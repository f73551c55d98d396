"""The TF1 translate tutorial's model, written as users wrote it, for the checkpoint fixture."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import tensorflow as tf

from legacy2tf2.runtime import legacy_seq2seq, rnn_cell
from legacy2tf2.runtime.variables import get_variable

CHECKPOINT_DIR = (
    Path(__file__).resolve().parents[2] / "fixtures" / "parity" / "checkpoints" / "translate_gru"
)
CONFIG = json.loads((CHECKPOINT_DIR / "model.json").read_text())["config"]


def decode_fixture() -> dict[str, np.ndarray]:
    with np.load(CHECKPOINT_DIR / "decode.npz") as data:
        return {key: data[key] for key in data.files}


def tf1_get_variable(name: str, shape: list[int]) -> Any:
    """The projection as ``rewrite --full`` leaves the tutorial's ``tf.get_variable`` call."""
    return tf.compat.v1.get_variable(name, shape, dtype=tf.float32)


def build_translate_model(
    fixture: dict[str, np.ndarray], projection_getter: Any = get_variable
) -> tuple[list[Any], Any]:
    """Decode-mode model on the fixture's inputs: per-step projected logits and the bucket loss.

    ``projection_getter`` creates ``proj_w``/``proj_b``: the runtime's ``get_variable`` or, as
    migrated user code does, :func:`tf1_get_variable`.
    """
    size, source_vocab, target_vocab = CONFIG["size"], CONFIG["src_vocab"], CONFIG["tgt_vocab"]
    buckets = [tuple(b) for b in CONFIG["buckets"]]
    encoder_inputs = [tf.constant(step) for step in fixture["encoder_inputs"]]
    decoder_inputs = [tf.constant(step) for step in fixture["decoder_inputs"]]
    weights = [tf.constant(step) for step in fixture["target_weights"]]
    targets = decoder_inputs[1:]
    w = projection_getter("proj_w", [target_vocab, size])
    b = projection_getter("proj_b", [target_vocab])
    output_projection = (tf.transpose(w), b)

    def full_softmax_loss(labels: Any, logits: Any) -> Any:
        return tf.nn.sparse_softmax_cross_entropy_with_logits(
            labels=tf.reshape(labels, [-1]), logits=tf.matmul(logits, w, transpose_b=True) + b
        )

    def seq2seq_f(encoder: list[Any], decoder: list[Any]) -> Any:
        cell = rnn_cell.MultiRNNCell([rnn_cell.GRUCell(size) for _ in range(CONFIG["num_layers"])])
        return legacy_seq2seq.embedding_attention_seq2seq(
            encoder,
            decoder,
            cell,
            num_encoder_symbols=source_vocab,
            num_decoder_symbols=target_vocab,
            embedding_size=size,
            output_projection=output_projection,
            feed_previous=True,
        )

    outputs, losses = legacy_seq2seq.model_with_buckets(
        encoder_inputs,
        decoder_inputs,
        targets,
        weights,
        buckets,
        seq2seq_f,
        softmax_loss_function=full_softmax_loss,
    )
    logits = [tf.matmul(o, w, transpose_b=True) + b for o in outputs[-1]]
    return logits, losses[-1]
