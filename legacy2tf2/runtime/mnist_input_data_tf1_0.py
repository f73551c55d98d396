"""TF 0.x-1.0's tutorial MNIST reader (``tensorflow.examples.tutorials.mnist.input_data``).

As :mod:`.mnist_input_data` (TF 1.2-1.15) in what it reads, but ``next_batch`` draws batches as
TF 0.5-1.0 did: the first epoch in file order (no shuffle before it); when a batch would cross the
epoch end, the rest of the epoch is skipped, the examples are shuffled (NumPy's global
``np.random.shuffle``) and the batch is the first ``batch_size`` of the new order. No reseeding
(no ``seed`` argument). ``rewrite --full`` imports this for a file written for TF 0.x or 1.0.
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
    """TF 0.x-1.0's ``DataSet``: batches in file order for the first epoch, an epoch's tail
    skipped, no reseeding."""

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

    def next_batch(self, batch_size: int, fake_data: bool = False) -> tuple[Any, Any]:  # type: ignore[override]
        """TF 0.x-1.0's ``next_batch``: the next ``batch_size`` examples (images, labels); a
        batch that would cross the epoch end starts the newly shuffled epoch instead."""
        if fake_data:
            return self._fake_batch(batch_size)
        start = self._index_in_epoch
        self._index_in_epoch += batch_size
        if self._index_in_epoch > self._num_examples:
            self._epochs_completed += 1
            self._shuffle()
            start = 0
            self._index_in_epoch = batch_size
            assert batch_size <= self._num_examples
        end = self._index_in_epoch
        return self._images[start:end], self._labels[start:end]


def read_data_sets(
    train_dir: str,
    fake_data: bool = False,
    one_hot: bool = False,
    dtype: Any = tf.float32,
    reshape: bool = True,
    validation_size: int = 5000,
) -> Datasets:
    """TF 0.x-1.0's ``read_data_sets``: the train, validation (the first ``validation_size``
    training examples; TF 0.x before 0.10 always 5000) and test :class:`DataSet` of the MNIST
    files in ``train_dir``."""
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
