"""TF 0.x's PTB tutorial reader, ``tensorflow.models.rnn.ptb.reader``, for programs that imported it.

TF 0.5-0.12 shipped the PTB language-model tutorial inside TensorFlow, and programs of every kind
(tutorial copies, course notebooks, book code) read their text through it: ``from
tensorflow.models.rnn.ptb import reader``, then ``reader.ptb_raw_data(path)`` and
``reader.ptb_iterator`` (TF 0.5-0.10) or ``reader.ptb_producer`` (TF 0.11-0.12). TF 1.0 removed the
module. ``rewrite --full`` points such an import here when every use reads one of these functions.

Each function computes what the tutorial's did: the vocabulary is the training file's words (a
line end counts as the word ``<eos>``) numbered by falling count, ties in string order; the batches
cut the id list into ``batch_size`` rows and step along them ``num_steps`` at a time, the target
the input shifted by one.
"""

from __future__ import annotations

import collections
import os
from collections.abc import Iterator, Sequence

import numpy as np
import tensorflow as tf

__all__ = [
    "ptb_iterator",
    "ptb_producer",
    "ptb_raw_data",
]


def _read_words(filename: str) -> list[str]:
    """The file's words, each line end read as the word ``<eos>`` (the tutorial's ``_read_words``)."""
    with tf.io.gfile.GFile(filename, "rb") as f:
        return f.read().decode("utf-8").replace("\n", "<eos>").split()


def _build_vocab(filename: str) -> dict[str, int]:
    """Word -> id for the words of ``filename``, by falling count, ties in string order (the
    tutorial's ``_build_vocab``)."""
    counter = collections.Counter(_read_words(filename))
    count_pairs = sorted(counter.items(), key=lambda x: (-x[1], x[0]))
    return {word: i for i, (word, _count) in enumerate(count_pairs)}


def _file_to_word_ids(filename: str, word_to_id: dict[str, int]) -> list[int]:
    """The ids of the file's words that ``word_to_id`` holds (the tutorial's ``_file_to_word_ids``;
    its first releases raised ``KeyError`` on any other word, where later ones skipped it)."""
    return [word_to_id[word] for word in _read_words(filename) if word in word_to_id]


def ptb_raw_data(data_path: str | None = None) -> tuple[list[int], list[int], list[int], int]:
    """``reader.ptb_raw_data``: the ids of ``ptb.train.txt``, ``ptb.valid.txt`` and
    ``ptb.test.txt`` in ``data_path`` with the training file's vocabulary, and its size."""
    train_path = os.path.join(data_path, "ptb.train.txt")
    valid_path = os.path.join(data_path, "ptb.valid.txt")
    test_path = os.path.join(data_path, "ptb.test.txt")
    word_to_id = _build_vocab(train_path)
    train_data = _file_to_word_ids(train_path, word_to_id)
    valid_data = _file_to_word_ids(valid_path, word_to_id)
    test_data = _file_to_word_ids(test_path, word_to_id)
    return train_data, valid_data, test_data, len(word_to_id)


def ptb_iterator(
    raw_data: Sequence[int], batch_size: int, num_steps: int
) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """TF 0.5-0.10's ``reader.ptb_iterator``: int32 ``(x, y)`` pairs of shape
    ``[batch_size, num_steps]``, ``y`` the same rows one step later.

    The ids are cut into ``batch_size`` consecutive rows of ``len // batch_size`` (the rest
    dropped), read ``num_steps`` columns at a time.

    Raises:
        ValueError: a row is too short for one step (``epoch_size == 0``), as TF 0.x said; with
            more rows than ids it yielded nothing, as here.
    """
    raw = np.array(raw_data, dtype=np.int32)
    batch_len = len(raw) // batch_size
    data = raw[: batch_size * batch_len].reshape(batch_size, batch_len)
    epoch_size = (batch_len - 1) // num_steps
    if epoch_size == 0:  # TF 0.x's test: with rows of no id (-1) it yielded nothing
        raise ValueError("epoch_size == 0, decrease batch_size or num_steps")
    for i in range(epoch_size):
        x = data[:, i * num_steps : (i + 1) * num_steps]
        y = data[:, i * num_steps + 1 : (i + 1) * num_steps + 1]
        yield (x, y)


def ptb_producer(
    raw_data: Sequence[int], batch_size: int, num_steps: int, name: str | None = None
) -> tuple[tf.Tensor, tf.Tensor]:
    """TF 0.11-0.12's ``reader.ptb_producer``: graph tensors ``(x, y)`` of shape
    ``[batch_size, num_steps]``, each run the next step of the rows :func:`ptb_iterator` reads,
    starting again after the last one.

    A queue runner feeds the step number, as in TF 0.x: the session must start it
    (``tf.compat.v1.train.start_queue_runners``, or a ``Supervisor``). Graph mode only.

    Raises:
        tf.errors.InvalidArgumentError: when run, if a row is too short for one step.
    """
    with tf.compat.v1.name_scope(name, "PTBProducer", [raw_data, batch_size, num_steps]):
        raw = tf.convert_to_tensor(raw_data, name="raw_data", dtype=tf.int32)
        data_len = tf.size(raw)
        batch_len = data_len // batch_size
        data = tf.reshape(raw[0 : batch_size * batch_len], [batch_size, batch_len])
        epoch_size = (batch_len - 1) // num_steps
        assertion = tf.compat.v1.assert_positive(
            epoch_size, message="epoch_size == 0, decrease batch_size or num_steps"
        )
        with tf.control_dependencies([assertion]):
            epoch_size = tf.identity(epoch_size, name="epoch_size")
        i = tf.compat.v1.train.range_input_producer(epoch_size, shuffle=False).dequeue()
        x = tf.strided_slice(data, [0, i * num_steps], [batch_size, (i + 1) * num_steps])
        x.set_shape([batch_size, num_steps])
        y = tf.strided_slice(data, [0, i * num_steps + 1], [batch_size, (i + 1) * num_steps + 1])
        y.set_shape([batch_size, num_steps])
        return x, y
