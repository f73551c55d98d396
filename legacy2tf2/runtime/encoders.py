"""TF1's ``tf.contrib.layers.embed_sequence`` (of its ``encoders`` module): symbol ids to
embeddings, with TF1's variable.

TF 1.x seq2seq programs embedded their encoder inputs with
``tf.contrib.layers.embed_sequence(ids, vocab_size, embed_dim)``. The embedding matrix is the
variable ``<scope>/embeddings`` (scope default ``EmbedSequence``, uniquified), the name a TF1
checkpoint holds, so a restored model reads its trained rows.
"""

from __future__ import annotations

from typing import Any

import tensorflow as tf

from legacy2tf2.runtime import variables as _variables

# one variable-creation path for every TF1 layer of the runtime (graph: get_variable; else the store)
from legacy2tf2.runtime.layers_v1 import _add_to_collections, _create_variable

__all__ = ["embed_sequence"]

_v1 = tf.compat.v1


def embed_sequence(
    ids: Any,
    vocab_size: int | None = None,
    embed_dim: int | None = None,
    unique: bool = False,
    initializer: Any = None,
    regularizer: Any = None,
    trainable: bool = True,
    scope: Any = None,
    reuse: Any = None,
) -> tf.Tensor:
    """TF1's ``tf.contrib.layers.embed_sequence``: ``embedding_lookup(embeddings, ids)``.

    Reproduces TF 1.x: under ``variable_scope(scope, default_name="EmbedSequence", reuse=reuse)``
    the float32 variable ``embeddings`` ``[vocab_size, embed_dim]`` (``initializer``, else the
    scope's, else ``get_variable``'s glorot-uniform default; ``regularizer`` adds to
    ``REGULARIZATION_LOSSES``), in ``MODEL_VARIABLES`` too in graph mode; with ``reuse`` the sizes
    may be left out and the existing variable is used. ``unique=True`` looks each distinct id up
    once (same values).

    Raises:
        ValueError: neither ``reuse`` nor both sizes are given (TF1's message); eagerly, a size
            is missing (the runtime's eager store needs the shape).
    """
    if not (reuse or (vocab_size and embed_dim)):
        raise ValueError(
            "Must specify vocab size and embedding dimension when not reusing. Got "
            f"vocab_size={vocab_size} and embed_dim={embed_dim}"
        )
    graph = _variables.in_graph_mode()
    with _v1.variable_scope(scope, default_name="EmbedSequence", values=[ids], reuse=reuse):
        shape = None if vocab_size is None or embed_dim is None else [vocab_size, embed_dim]
        if shape is None and not graph:
            raise ValueError(
                "embed_sequence: give vocab_size and embed_dim outside tf.compat.v1 graph mode "
                "(the reused variable is looked up by name and shape)"
            )
        embeddings = _create_variable(
            "embed_sequence",
            "embeddings",
            shape,
            tf.float32,
            initializer,
            regularizer,
            None,
            trainable,
        )
        if graph:
            _add_to_collections(embeddings, [_v1.GraphKeys.MODEL_VARIABLES], "embeddings")
        ids = tf.convert_to_tensor(ids)
        if unique:
            flat = tf.reshape(ids, [-1])
            distinct, positions = tf.unique(flat)
            rows = tf.nn.embedding_lookup(embeddings, distinct)
            looked_up = tf.gather(rows, positions)
            out_shape = tf.concat([tf.shape(ids), tf.shape(rows)[1:]], 0)
            return tf.reshape(looked_up, out_shape)
        return tf.nn.embedding_lookup(embeddings, ids)
