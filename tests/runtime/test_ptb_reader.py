"""``legacy2tf2.runtime.ptb_reader``: TF 0.x's PTB tutorial reader (``tensorflow.models.rnn.ptb.
reader``): the vocabulary by falling count with ties in string order, ``ptb_iterator``'s rows as
TF 0.x's loop filled them, ``ptb_producer``'s steps the same ones, starting again after the last."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import tensorflow as tf

from legacy2tf2.runtime import ptb_reader

_v1 = tf.compat.v1


def _rows(raw: list[int], batch_size: int) -> np.ndarray:
    """TF 0.x's ptb_iterator: row i is the i-th run of len // batch_size ids."""
    batch_len = len(raw) // batch_size
    data = np.zeros([batch_size, batch_len], dtype=np.int32)
    for i in range(batch_size):
        data[i] = raw[batch_len * i : batch_len * (i + 1)]
    return data


def test_raw_data_numbers_words_by_count_then_string(tmp_path: Path) -> None:
    # PTB's layout: a space at each end of a line, whose end is the word <eos>
    (tmp_path / "ptb.train.txt").write_text(" the cat sat \n the dog \n the cat \n")
    (tmp_path / "ptb.valid.txt").write_text(" dog sat \n")
    (tmp_path / "ptb.test.txt").write_text(" cat bird \n")
    train, valid, test, vocabulary = ptb_reader.ptb_raw_data(str(tmp_path))
    # <eos> 3, the 3, cat 2, dog 1, sat 1: '<' sorts before letters
    ids = {"<eos>": 0, "the": 1, "cat": 2, "dog": 3, "sat": 4}
    assert vocabulary == 5
    words = ["the", "cat", "sat", "<eos>", "the", "dog", "<eos>", "the", "cat", "<eos>"]
    assert train == [ids[w] for w in words]
    assert valid == [3, 4, 0]
    assert test == [2, 0]  # "bird" is not in the training vocabulary


def test_iterator_steps_along_the_rows() -> None:
    raw = list(range(23))
    batches = list(ptb_reader.ptb_iterator(raw, 3, 2))
    data = _rows(raw, 3)  # 3 rows of 7, the last 2 ids dropped
    assert len(batches) == (7 - 1) // 2
    for i, (x, y) in enumerate(batches):
        assert x.dtype == np.int32 and x.shape == (3, 2)
        np.testing.assert_array_equal(x, data[:, 2 * i : 2 * i + 2])
        np.testing.assert_array_equal(y, data[:, 2 * i + 1 : 2 * i + 3])
    with pytest.raises(ValueError, match="epoch_size == 0"):
        next(ptb_reader.ptb_iterator(raw, 20, 2))


def test_producer_runs_the_iterators_steps_then_starts_again() -> None:
    raw = list(range(5, 30))
    graph = tf.Graph()
    with graph.as_default():
        x, y = ptb_reader.ptb_producer(raw, 4, 2)
        assert x.shape.as_list() == [4, 2] and y.shape.as_list() == [4, 2]
        with _v1.Session(graph=graph) as session:
            coord = _v1.train.Coordinator()
            threads = _v1.train.start_queue_runners(sess=session, coord=coord)
            got = [session.run([x, y]) for _ in range(5)]
            coord.request_stop()
            coord.join(threads)
    expected = list(ptb_reader.ptb_iterator(raw, 4, 2))
    assert len(expected) == 2  # 4 rows of 6: (6 - 1) // 2 steps
    for (gx, gy), (ex, ey) in zip(got, expected + expected + expected[:1], strict=True):
        np.testing.assert_array_equal(gx, ex)
        np.testing.assert_array_equal(gy, ey)
