"""TF1's tutorial MNIST reader, ``tensorflow.examples.tutorials.mnist.input_data``, as TF 1.2-1.15
had it.

Row-by-row MNIST RNN classifiers, course notebooks and tutorial copies of every TF1 release load
their data with ``input_data.read_data_sets("MNIST_data/", one_hot=True)`` and draw batches with
``mnist.train.next_batch(n)``. TF 2 removed the module (and ``tensorflow.contrib.learn``'s
``datasets.mnist``, where TF 0.10+ kept the code). ``rewrite --full`` points such an import here
(TF 1.2+ and unknown TF versions), to :mod:`.mnist_input_data_tf1_1` (TF 1.1) or to
:mod:`.mnist_input_data_tf1_0` (TF 0.x and 1.0), which differ in how batches are drawn:

- the four idx files ``train-images-idx3-ubyte.gz``, ``train-labels-idx1-ubyte.gz``,
  ``t10k-images-idx3-ubyte.gz``, ``t10k-labels-idx1-ubyte.gz`` are read from ``train_dir`` and
  downloaded there when missing;
- images become ``[n, 784]`` float32 ``x * float32(1 / 255)`` (``reshape=False``: ``[n, 28, 28,
  1]``; ``dtype=tf.uint8``: the bytes); labels are uint8, or float64 one-hot rows;
- the first ``validation_size`` (5000) training examples are the validation set;
- ``next_batch`` (TF 1.1+) shuffles at the first call and at each epoch end, a batch crossing an
  epoch end being the rest of that epoch joined with the start of the next;
- every ``DataSet`` made (three per ``read_data_sets``) reseeds NumPy's global generator (TF 1.2+):
  with ``seed`` if given, else with the graph-level seed (``tf.compat.v1.set_random_seed``), else
  from the OS, as TF 1.2-1.15 did; so a program seeding its graph gets TF1's batch order.
"""

from __future__ import annotations

import collections
import gzip
import os
import shutil
import tempfile
import urllib.request
from typing import IO, Any

import numpy as np
import tensorflow as tf

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

#: Where TF 1.x downloaded the files (Google's CVDF mirror of yann.lecun.com/exdb/mnist/, which
#: TF 0.x read; the files are the same).
DEFAULT_SOURCE_URL = "https://storage.googleapis.com/cvdf-datasets/mnist/"
TRAIN_IMAGES = "train-images-idx3-ubyte.gz"
TRAIN_LABELS = "train-labels-idx1-ubyte.gz"
TEST_IMAGES = "t10k-images-idx3-ubyte.gz"
TEST_LABELS = "t10k-labels-idx1-ubyte.gz"

#: TF1's ``base.Datasets``: what ``read_data_sets`` returns.
Datasets = collections.namedtuple("Datasets", ["train", "validation", "test"])

_MAXINT32 = 2**31 - 1
#: TF1's graph seed where only an op seed is given (``random_seed.DEFAULT_GRAPH_SEED``).
_DEFAULT_GRAPH_SEED = 87654321


def _read32(stream: IO[bytes]) -> int:
    """One big-endian uint32 of an idx header."""
    return int(np.frombuffer(stream.read(4), dtype=">u4")[0])


def _open(f: Any) -> tuple[IO[bytes], bool]:
    """A binary file object for ``f``: TF 0.x's functions took a path, TF 1.x's a file object."""
    if isinstance(f, (str, os.PathLike)):
        return tf.io.gfile.GFile(os.fspath(f), "rb"), True
    return f, False


def extract_images(f: Any) -> np.ndarray:
    """TF1's ``extract_images``: the images of a gzipped idx3 file (magic 2051) as a uint8
    ``[n, rows, cols, 1]`` array.

    Raises:
        ValueError: the file does not start with 2051, as TF1 said.
    """
    stream, owned = _open(f)
    name = getattr(stream, "name", f)
    print("Extracting", name)
    try:
        with gzip.GzipFile(fileobj=stream) as data:
            magic = _read32(data)
            if magic != 2051:
                raise ValueError(f"Invalid magic number {magic} in MNIST image file: {name}")
            count, rows, cols = _read32(data), _read32(data), _read32(data)
            pixels = np.frombuffer(data.read(rows * cols * count), dtype=np.uint8)
            return pixels.reshape(count, rows, cols, 1)
    finally:
        if owned:
            stream.close()


def dense_to_one_hot(labels_dense: np.ndarray, num_classes: int = 10) -> np.ndarray:
    """TF1's ``dense_to_one_hot``: float64 rows with 1 at each label (``numpy.zeros``' dtype),
    set through the flat array as TF1 did (row ``k``, label ``l``: flat index ``k * num_classes +
    l``)."""
    count = labels_dense.shape[0]
    one_hot = np.zeros((count, num_classes))
    one_hot.flat[np.arange(count) * num_classes + labels_dense.ravel()] = 1
    return one_hot


def extract_labels(f: Any, one_hot: bool = False, num_classes: int = 10) -> np.ndarray:
    """TF1's ``extract_labels``: the uint8 labels of a gzipped idx1 file (magic 2049), or their
    :func:`dense_to_one_hot` rows.

    Raises:
        ValueError: the file does not start with 2049, as TF1 said.
    """
    stream, owned = _open(f)
    name = getattr(stream, "name", f)
    print("Extracting", name)
    try:
        with gzip.GzipFile(fileobj=stream) as data:
            magic = _read32(data)
            if magic != 2049:
                raise ValueError(f"Invalid magic number {magic} in MNIST label file: {name}")
            labels = np.frombuffer(data.read(_read32(data)), dtype=np.uint8)
    finally:
        if owned:
            stream.close()
    return dense_to_one_hot(labels, num_classes) if one_hot else labels


def _graph_seed() -> int | None:
    """The global seed TF1's ``random_seed.get_seed`` read: the default graph's (graph mode) or
    the eager context's."""
    if tf.executing_eagerly():
        from tensorflow.python.eager import context

        return context.global_seed()
    return tf.compat.v1.get_default_graph().seed


def _numpy_seed(seed: int | None) -> int | None:
    """What TF 1.2+'s ``DataSet`` gave ``numpy.random.seed``: the op seed ``seed`` (as
    ``get_seed`` truncated it), else the graph-level seed, else None (from the OS)."""
    graph_seed = _graph_seed()
    if seed is None:
        return None if graph_seed is None else graph_seed % _MAXINT32
    op_seed = seed % _MAXINT32
    if graph_seed is not None and graph_seed % _MAXINT32 == 0 and op_seed == 0:
        return _MAXINT32  # get_seed turned (0, 0) into (0, 2**31 - 1)
    return op_seed


class DataSet:
    """TF 1.2-1.15's ``DataSet``: the images and labels of one split and its batch position.

    ``images``, ``labels``, ``num_examples``, ``epochs_completed`` and :meth:`next_batch` as TF1
    had them (its private ``_images``, ``_labels``, ``_index_in_epoch`` too).
    """

    #: TF 1.2+: each DataSet reseeds NumPy's global generator.
    _reseeds = True

    def __init__(
        self,
        images: Any,
        labels: Any,
        fake_data: bool = False,
        one_hot: bool = False,
        dtype: Any = tf.float32,
        reshape: bool = True,
        seed: int | None = None,
    ) -> None:
        if self._reseeds:
            np.random.seed(_numpy_seed(seed))
        dtype = tf.as_dtype(dtype).base_dtype
        if dtype not in (tf.uint8, tf.float32):
            raise TypeError(f"Invalid image dtype {dtype!r}, expected uint8 or float32")
        if fake_data:
            self._num_examples = 10000
            self.one_hot = one_hot
        else:
            assert images.shape[0] == labels.shape[0], (
                f"images.shape: {images.shape} labels.shape: {labels.shape}"
            )
            self._num_examples = images.shape[0]
            if reshape:
                assert images.shape[3] == 1
                images = images.reshape(images.shape[0], images.shape[1] * images.shape[2])
            if dtype == tf.float32:
                # TF1 multiplied by 1 / 255 in float32 (not a division): the same float32 values
                images = np.multiply(images.astype(np.float32), 1.0 / 255.0)
        self._images = images
        self._labels = labels
        self._epochs_completed = 0
        self._index_in_epoch = 0

    @property
    def images(self) -> Any:
        return self._images

    @property
    def labels(self) -> Any:
        return self._labels

    @property
    def num_examples(self) -> int:
        return self._num_examples

    @property
    def epochs_completed(self) -> int:
        return self._epochs_completed

    def _fake_batch(self, batch_size: int) -> tuple[list[Any], list[Any]]:
        label: Any = [1] + [0] * 9 if self.one_hot else 0
        return [[1] * 784 for _ in range(batch_size)], [label for _ in range(batch_size)]

    def _shuffle(self) -> None:
        order = np.arange(self._num_examples)
        np.random.shuffle(order)
        self._images = self._images[order]
        self._labels = self._labels[order]

    def next_batch(
        self, batch_size: int, fake_data: bool = False, shuffle: bool = True
    ) -> tuple[Any, Any]:
        """TF 1.1+'s ``next_batch``: the next ``batch_size`` examples (images, labels).

        The examples are shuffled (NumPy's global ``np.random.shuffle`` of ``arange(n)``) before
        the first batch and at each epoch end; a batch that crosses an epoch end is the rest of
        the epoch followed by the first examples of the newly shuffled one.
        """
        if fake_data:
            return self._fake_batch(batch_size)
        start = self._index_in_epoch
        if self._epochs_completed == 0 and start == 0 and shuffle:
            self._shuffle()
        if start + batch_size > self._num_examples:
            self._epochs_completed += 1
            rest_images = self._images[start : self._num_examples]
            rest_labels = self._labels[start : self._num_examples]
            if shuffle:
                self._shuffle()
            self._index_in_epoch = batch_size - (self._num_examples - start)
            end = self._index_in_epoch
            return (
                np.concatenate((rest_images, self._images[:end]), axis=0),
                np.concatenate((rest_labels, self._labels[:end]), axis=0),
            )
        self._index_in_epoch = start + batch_size
        return self._images[start : self._index_in_epoch], self._labels[
            start : self._index_in_epoch
        ]


def maybe_download(filename: str, work_directory: str, source_url: str) -> str:
    """TF1's ``base.maybe_download``: the path of ``filename`` in ``work_directory`` (made if
    missing), downloaded from ``source_url`` first when it is not there.

    Raises:
        OSError: the file is missing and the download failed (the message names the file, the
            directory and the URL).
    """
    tf.io.gfile.makedirs(work_directory)
    path = os.path.join(work_directory, filename)
    if tf.io.gfile.exists(path):
        return path
    try:
        with (
            urllib.request.urlopen(source_url) as response,
            tempfile.NamedTemporaryFile(delete=False) as temporary,
        ):
            shutil.copyfileobj(response, temporary)
    except OSError as error:
        raise OSError(
            f"MNIST file {filename} is not in {work_directory!r} and could not be downloaded "
            f"from {source_url} ({error}); put the four MNIST files ({TRAIN_IMAGES}, "
            f"{TRAIN_LABELS}, {TEST_IMAGES}, {TEST_LABELS}) there"
        ) from error
    tf.io.gfile.copy(temporary.name, path)
    os.unlink(temporary.name)
    print("Successfully downloaded", filename, tf.io.gfile.stat(path).length, "bytes.")
    return path


def read_with(
    dataset: type[DataSet],
    train_dir: str,
    fake_data: bool = False,
    one_hot: bool = False,
    dtype: Any = tf.float32,
    reshape: bool = True,
    validation_size: int = 5000,
    seed: int | None = None,
    source_url: str = DEFAULT_SOURCE_URL,
) -> Datasets:
    """``read_data_sets`` making each split a ``dataset`` (each era's own ``DataSet``)."""
    options: dict[str, Any] = {"dtype": dtype}
    if dataset._reseeds:
        options["seed"] = seed
    if fake_data:
        return Datasets(
            *(dataset([], [], fake_data=True, one_hot=one_hot, **options) for _ in range(3))
        )
    source_url = source_url or DEFAULT_SOURCE_URL

    def read(filename: str, extract: Any, **kwargs: Any) -> np.ndarray:
        path = maybe_download(filename, train_dir, source_url + filename)
        with tf.io.gfile.GFile(path, "rb") as f:
            return extract(f, **kwargs)

    train_images = read(TRAIN_IMAGES, extract_images)
    train_labels = read(TRAIN_LABELS, extract_labels, one_hot=one_hot)
    test_images = read(TEST_IMAGES, extract_images)
    test_labels = read(TEST_LABELS, extract_labels, one_hot=one_hot)
    if not 0 <= validation_size <= len(train_images):
        raise ValueError(
            f"Validation size should be between 0 and {len(train_images)}. "
            f"Received: {validation_size}."
        )
    options["reshape"] = reshape
    train = dataset(train_images[validation_size:], train_labels[validation_size:], **options)
    validation = dataset(train_images[:validation_size], train_labels[:validation_size], **options)
    test = dataset(test_images, test_labels, **options)
    return Datasets(train=train, validation=validation, test=test)


def read_data_sets(
    train_dir: str,
    fake_data: bool = False,
    one_hot: bool = False,
    dtype: Any = tf.float32,
    reshape: bool = True,
    validation_size: int = 5000,
    seed: int | None = None,
    source_url: str = DEFAULT_SOURCE_URL,
) -> Datasets:
    """TF 1.2-1.15's ``read_data_sets``: the train (examples after the first
    ``validation_size``), validation and test :class:`DataSet` of the MNIST files in
    ``train_dir`` (downloaded from ``source_url`` when missing)."""
    return read_with(
        DataSet,
        train_dir,
        fake_data=fake_data,
        one_hot=one_hot,
        dtype=dtype,
        reshape=reshape,
        validation_size=validation_size,
        seed=seed,
        source_url=source_url,
    )


def load_mnist(train_dir: str = "MNIST-data") -> Datasets:
    """TF1's ``load_mnist``: :func:`read_data_sets` with its defaults."""
    return read_data_sets(train_dir)
