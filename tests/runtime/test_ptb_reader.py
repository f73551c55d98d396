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
    # more rows than ids: TF 0.x's epoch_size was -1, which its test let through, so nothing
    assert list(ptb_reader.ptb_iterator(raw, 30, 2)) == []


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


# A public TF 0.12 book notebook printed the first three ptb_producer(train_data, 4, 5) batches of
# PTB's training ids (929589 of them: rows of 232397); here the first 16 ids of each row as it
# printed them, the rest left 0 (the three batches read no other id).
_TF0_12_ROWS = [
    [
        9970,
        9971,
        9972,
        9974,
        9975,
        9976,
        9980,
        9981,
        9982,
        9983,
        9984,
        9986,
        9987,
        9988,
        9989,
        9991,
    ],
    [332, 7147, 328, 1452, 8595, 59, 1569, 105, 2231, 1, 895, 1, 5574, 4, 618, 2],
    [1969, 0, 98, 89, 2254, 0, 312, 1641, 4, 1063, 8, 713, 0, 264, 820, 2],
    [3, 3, 2, 14, 24, 198, 150, 2262, 10, 0, 507, 74, 2619, 0, 1, 8],
]
_TF0_12_X = [
    [
        [9970, 9971, 9972, 9974, 9975],
        [332, 7147, 328, 1452, 8595],
        [1969, 0, 98, 89, 2254],
        [3, 3, 2, 14, 24],
    ],
    [
        [9976, 9980, 9981, 9982, 9983],
        [59, 1569, 105, 2231, 1],
        [0, 312, 1641, 4, 1063],
        [198, 150, 2262, 10, 0],
    ],
    [
        [9984, 9986, 9987, 9988, 9989],
        [895, 1, 5574, 4, 618],
        [8, 713, 0, 264, 820],
        [507, 74, 2619, 0, 1],
    ],
]
_TF0_12_Y = [
    [
        [9971, 9972, 9974, 9975, 9976],
        [7147, 328, 1452, 8595, 59],
        [0, 98, 89, 2254, 0],
        [3, 2, 14, 24, 198],
    ],
    [
        [9980, 9981, 9982, 9983, 9984],
        [1569, 105, 2231, 1, 895],
        [312, 1641, 4, 1063, 8],
        [150, 2262, 10, 0, 507],
    ],
    [
        [9986, 9987, 9988, 9989, 9991],
        [1, 5574, 4, 618, 2],
        [713, 0, 264, 820, 2],
        [74, 2619, 0, 1, 8],
    ],
]


def test_producer_prints_what_tf0_12_printed_for_ptb() -> None:
    raw = np.zeros(929589, dtype=np.int32)
    for row, ids in enumerate(_TF0_12_ROWS):
        raw[row * 232397 : row * 232397 + len(ids)] = ids
    graph = tf.Graph()
    with graph.as_default():
        result = ptb_reader.ptb_producer(raw, 4, 5)
        with _v1.Session(graph=graph) as sess:
            coord = _v1.train.Coordinator()
            threads = _v1.train.start_queue_runners(sess=sess, coord=coord)
            got = [sess.run(result) for _ in range(3)]
            coord.request_stop()
            coord.join(threads)
    assert [x.tolist() for x, _y in got] == _TF0_12_X
    assert [y.tolist() for _x, y in got] == _TF0_12_Y
    batches = list(ptb_reader.ptb_iterator(raw, 4, 5))[:3]
    assert [x.tolist() for x, _y in batches] == _TF0_12_X
