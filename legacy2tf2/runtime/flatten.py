"""TF1's ``tf.contrib.layers.flatten``: ``[batch, ...]`` to ``[batch, k]``, keeping the batch size.

TF 1.x programs flattened conv or RNN outputs before a dense layer with it; ``tf.contrib`` is gone
and ``tf.compat.v1.layers.flatten`` is not available with Keras 3.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import tensorflow as tf

from legacy2tf2.runtime import variables as _variables

__all__ = ["flatten"]

_v1 = tf.compat.v1


def flatten(inputs: Any, outputs_collections: Any = None, scope: Any = None) -> tf.Tensor:
    """TF1's ``tf.contrib.layers.flatten``: reshape to ``[batch, product of the other dims]``.

    Under ``name_scope(scope, "Flatten")``; the static shape is kept where the dimensions are
    known; in graph mode the output joins ``outputs_collections``.

    Raises:
        ValueError: the inputs' rank is unknown or below 2 (TF1's message); eagerly, an
            ``outputs_collections`` is given (TF 2 has no collections there).
    """
    graph = _variables.in_graph_mode()
    if outputs_collections and not graph:
        raise ValueError(
            "flatten: outputs_collections needs tf.compat.v1 graph mode (TF 2 has no "
            "collections eagerly)"
        )
    with _v1.name_scope(scope, "Flatten", [inputs]):
        inputs = tf.convert_to_tensor(inputs)
        rank = inputs.shape.rank
        if rank is None or rank < 2:
            raise ValueError("Inputs must have a least 2 dimensions.")
        rest = inputs.shape[1:]
        if rest.is_fully_defined():
            width = int(np.prod(rest.as_list(), dtype=np.int64))
            outputs = tf.reshape(inputs, tf.stack([tf.shape(inputs)[0], width]))
        else:
            outputs = tf.reshape(inputs, tf.stack([tf.shape(inputs)[0], -1]))
        if not tf.executing_eagerly():
            width_dim = width if rest.is_fully_defined() else None
            outputs.set_shape([inputs.shape[0], width_dim])
        if graph and outputs_collections:
            _v1.add_to_collections(outputs_collections, outputs)
        return outputs
