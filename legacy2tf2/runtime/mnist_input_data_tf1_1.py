"""TF 1.1's tutorial MNIST reader (``tensorflow.examples.tutorials.mnist.input_data``).

As :mod:`.mnist_input_data` (TF 1.2-1.15), except that a ``DataSet`` does not reseed NumPy's
global generator (TF 1.2 added that, and the ``seed`` argument): the shuffles draw from wherever
the program left ``np.random``. ``rewrite --full`` imports this for a file written for TF 1.1.
"""

from __future__ import annotations

from typing import Any

import tensorflow as tf

from legacy2tf2.runtime import mnist_input_data as _latest
from legacy2tf2.runtime.mnist_input_data import (
    DEFAULT_SOURCE_URL,
    Datasets,
    dense_to_one_hot,
    extract_images,
    extract_labels,
    maybe_download,
)

__all__ = [
    "DEFAULT_SOURCE_URL",
    "DataSet",
    "Datasets",
    "dense_to_one_hot",
    "extract_images",
    "extract_labels",
    "load_mnist",
    "maybe_download",
    "read_data_sets",
]


class DataSet(_latest.DataSet):
    """TF 1.1's ``DataSet``: TF 1.2's batches, no reseeding and no ``seed``."""

    _reseeds = False

    def __init__(
        self,
        images: Any,
        labels: Any,
        fake_data: bool = False,
        one_hot: bool = False,
        dtype: Any = tf.float32,
        reshape: bool = True,
    ) -> None:
        super().__init__(images, labels, fake_data, one_hot, dtype, reshape)


def read_data_sets(
    train_dir: str,
    fake_data: bool = False,
    one_hot: bool = False,
    dtype: Any = tf.float32,
    reshape: bool = True,
    validation_size: int = 5000,
) -> Datasets:
    """TF 1.1's ``read_data_sets``: the train, validation (the first ``validation_size``
    training examples) and test :class:`DataSet` of the MNIST files in ``train_dir``."""
    return _latest.read_with(
        DataSet,
        train_dir,
        fake_data=fake_data,
        one_hot=one_hot,
        dtype=dtype,
        reshape=reshape,
        validation_size=validation_size,
    )


def load_mnist(train_dir: str = "MNIST-data") -> Datasets:
    """TF1's ``load_mnist``: :func:`read_data_sets` with its defaults."""
    return read_data_sets(train_dir)
