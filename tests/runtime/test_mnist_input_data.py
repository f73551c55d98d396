"""``legacy2tf2.runtime.mnist_input_data`` (and its TF 1.1 / TF 0.x-1.0 forms): TF1's tutorial
MNIST reader, on tiny idx files written here; every expected value is derived by hand from TF1's
documented algorithm (no network)."""

from __future__ import annotations

import gzip
import struct
from pathlib import Path

import numpy as np
import pytest
import tensorflow as tf

from legacy2tf2.runtime import mnist_input_data, mnist_input_data_tf1_0, mnist_input_data_tf1_1

N_TRAIN, N_TEST = 20, 6


def _pixels(count: int, offset: int) -> np.ndarray:
    index = np.arange(count * 28 * 28).reshape(count, 28, 28) + offset
    return (index * 7 % 256).astype(np.uint8)


def write_mnist(directory: Path, classes: int = 256) -> None:
    """The four idx files: image k's pixels from _pixels, label k = k (train) or 100 + k (test),
    modulo ``classes``."""
    directory.mkdir(parents=True, exist_ok=True)
    for name, count, offset, label_base in (
        ("train", N_TRAIN, 0, 0),
        ("t10k", N_TEST, 5, 100),
    ):
        images = struct.pack(">IIII", 2051, count, 28, 28) + _pixels(count, offset).tobytes()
        labels = struct.pack(">II", 2049, count) + bytes(
            k % classes for k in range(label_base, label_base + count)
        )
        (directory / f"{name}-images-idx3-ubyte.gz").write_bytes(gzip.compress(images))
        (directory / f"{name}-labels-idx1-ubyte.gz").write_bytes(gzip.compress(labels))


@pytest.fixture
def data_dir(tmp_path: Path) -> str:
    write_mnist(tmp_path / "MNIST_data")
    return str(tmp_path / "MNIST_data") + "/"


def test_arrays_splits_and_scaling(data_dir: str) -> None:
    data = mnist_input_data.read_data_sets(data_dir, validation_size=5, seed=1)
    raw = _pixels(N_TRAIN, 0).reshape(N_TRAIN, 784)
    # TF1: astype(float32) then multiply by the Python float 1/255 in float32
    scaled = raw.astype(np.float32) * np.float32(1.0 / 255.0)
    assert data.train.images.dtype == np.float32 and data.train.images.shape == (15, 784)
    np.testing.assert_array_equal(data.train.images, scaled[5:])
    np.testing.assert_array_equal(data.validation.images, scaled[:5])
    assert data.train.labels.dtype == np.uint8
    assert data.train.labels.tolist() == list(range(5, 20))
    assert data.test.labels.tolist() == list(range(100, 106))
    assert (data.train.num_examples, data.validation.num_examples) == (15, 5)
    assert data.train.epochs_completed == 0
    assert mnist_input_data.Datasets._fields == ("train", "validation", "test")


def test_one_hot_uint8_and_no_reshape(tmp_path: Path) -> None:
    write_mnist(tmp_path, classes=10)
    data = mnist_input_data.read_data_sets(
        str(tmp_path), one_hot=True, dtype=tf.uint8, reshape=False, validation_size=0
    )
    assert data.train.images.dtype == np.uint8 and data.train.images.shape == (20, 28, 28, 1)
    np.testing.assert_array_equal(data.train.images[..., 0], _pixels(N_TRAIN, 0))
    labels = data.train.labels
    assert labels.dtype == np.float64 and labels.shape == (20, 10)  # numpy.zeros' dtype
    assert labels[3].tolist() == [0, 0, 0, 1, 0, 0, 0, 0, 0, 0]
    assert labels[13].tolist() == [0, 0, 0, 1, 0, 0, 0, 0, 0, 0]


def _tf1_1_plus_batches(seed: int, ids: list[int], size: int, count: int) -> list[list[int]]:
    """TF 1.1+'s next_batch by hand: shuffle arange(n) before the first batch and at each epoch
    end; a batch crossing the end is the rest of the epoch + the start of the next."""
    rng = np.random.RandomState(seed)
    order = list(ids)

    def shuffled(order: list[int]) -> list[int]:
        perm = np.arange(len(order))
        rng.shuffle(perm)
        return [order[i] for i in perm]

    order = shuffled(order)
    position, batches = 0, []
    for _ in range(count):
        if position + size > len(order):
            rest = order[position:]
            order = shuffled(order)
            position = size - len(rest)
            batches.append(rest + order[:position])
        else:
            batches.append(order[position : position + size])
            position += size
    return batches


def test_next_batch_op_seed_tf1_2(data_dir: str) -> None:
    data = mnist_input_data.read_data_sets(data_dir, validation_size=5, seed=3)
    got = [data.train.next_batch(4)[1].tolist() for _ in range(9)]
    assert got == _tf1_1_plus_batches(3, list(range(5, 20)), 4, 9)
    assert data.train.epochs_completed == 2
    images, labels = data.train.next_batch(4)
    assert images.shape == (4, 784) and labels.shape == (4,)


def test_next_batch_graph_seed_tf1_2(data_dir: str) -> None:
    np.random.seed(99)  # TF 1.2+ reseeds from the graph-level seed: this one is lost
    with tf.Graph().as_default():
        tf.compat.v1.set_random_seed(7)
        data = mnist_input_data.read_data_sets(data_dir, validation_size=5)
    got = [data.train.next_batch(6)[1].tolist() for _ in range(5)]
    assert got == _tf1_1_plus_batches(7, list(range(5, 20)), 6, 5)


def test_next_batch_without_shuffle(data_dir: str) -> None:
    data = mnist_input_data.read_data_sets(data_dir, validation_size=5, seed=3)
    got = [data.train.next_batch(6, shuffle=False)[1].tolist() for _ in range(3)]
    assert got == [[5, 6, 7, 8, 9, 10], [11, 12, 13, 14, 15, 16], [17, 18, 19, 5, 6, 7]]


def test_tf1_1_keeps_the_programs_numpy_seed(data_dir: str) -> None:
    np.random.seed(5)
    data = mnist_input_data_tf1_1.read_data_sets(data_dir, validation_size=5)
    got = [data.train.next_batch(4)[1].tolist() for _ in range(6)]
    assert got == _tf1_1_plus_batches(5, list(range(5, 20)), 4, 6)
    with pytest.raises(TypeError):
        mnist_input_data_tf1_1.read_data_sets(data_dir, seed=1)  # TF 1.1 had no seed


def test_tf1_0_first_epoch_in_order_then_skips_the_tail(data_dir: str) -> None:
    np.random.seed(5)
    data = mnist_input_data_tf1_0.read_data_sets(data_dir, validation_size=5)
    got = [data.train.next_batch(4)[1].tolist() for _ in range(7)]
    assert got[:3] == [[5, 6, 7, 8], [9, 10, 11, 12], [13, 14, 15, 16]]
    # 16 > 15: ids 17-19 are skipped, the data shuffled, and the batch is its first 4
    rng = np.random.RandomState(5)
    perm = np.arange(15)
    rng.shuffle(perm)
    order = [list(range(5, 20))[i] for i in perm]
    assert got[3:6] == [order[0:4], order[4:8], order[8:12]]
    perm = np.arange(15)
    rng.shuffle(perm)
    assert got[6] == [order[i] for i in perm][:4]
    assert data.train.epochs_completed == 2


def test_fake_data() -> None:
    data = mnist_input_data.read_data_sets("unused", fake_data=True, one_hot=True, seed=1)
    images, labels = data.train.next_batch(2, fake_data=True)
    assert images == [[1] * 784, [1] * 784] and labels == [[1] + [0] * 9] * 2
    assert data.test.num_examples == 10000
    plain = mnist_input_data_tf1_0.read_data_sets("unused", fake_data=True)
    assert plain.validation.next_batch(1, fake_data=True) == ([[1] * 784], [0])


def test_bad_magic_and_dtype(tmp_path: Path, data_dir: str) -> None:
    bad = tmp_path / "bad.gz"
    bad.write_bytes(gzip.compress(struct.pack(">II", 2049, 0)))
    with open(bad, "rb") as f, pytest.raises(ValueError, match="Invalid magic number 2049"):
        mnist_input_data.extract_images(f)
    with pytest.raises(TypeError, match="Invalid image dtype"):
        mnist_input_data.read_data_sets(data_dir, dtype=tf.int32, validation_size=5)
    with pytest.raises(ValueError, match="Validation size should be between 0 and 20"):
        mnist_input_data.read_data_sets(data_dir, validation_size=21)


def test_missing_files_are_downloaded_from_source_url(tmp_path: Path) -> None:
    write_mnist(tmp_path / "mirror")
    target = tmp_path / "fresh" / "MNIST_data"
    data = mnist_input_data.read_data_sets(
        str(target), validation_size=5, seed=1, source_url=(tmp_path / "mirror").as_uri() + "/"
    )
    assert sorted(p.name for p in target.iterdir()) == sorted(
        p.name for p in (tmp_path / "mirror").iterdir()
    )
    assert data.train.labels.tolist() == list(range(5, 20))
    with pytest.raises(OSError, match="put the four MNIST files"):
        mnist_input_data.read_data_sets(
            str(tmp_path / "empty"), source_url=(tmp_path / "nowhere").as_uri() + "/"
        )
