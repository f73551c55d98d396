"""TF1's ``tf.contrib.learn.preprocessing`` vocabulary: ``VocabularyProcessor``,
``CategoricalVocabulary`` and ``tokenizer``, with TF1's ids, padding, trimming and pickles.

Text-classification and language-model programs of TF 0.10-1.15 mapped documents to word ids
with ``VocabularyProcessor(max_document_length)``, saved it next to the checkpoint with
``save`` and read it back with ``VocabularyProcessor.restore`` in their evaluation script.
The ids must be TF1's exactly, or a restored embedding matrix is read with the wrong rows:
the classes here keep TF1's attributes (programs read ``vocabulary_._mapping``), tokenizer,
id order and ``min_frequency`` rule, and :meth:`VocabularyProcessor.restore` loads a file that
TF1 pickled (whose pickle names TF1's class paths).
"""

from __future__ import annotations

import collections
import pickle
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import numpy as np
import tensorflow as tf

__all__ = ["TOKENIZER_RE", "CategoricalVocabulary", "VocabularyProcessor", "tokenizer"]

#: TF1's word pattern: a run of two or more capitals not followed by a lower-case letter, a
#: capitalized word followed by a capital (``CamelCase`` splits), else a run of word characters,
#: apostrophes and hyphens. Nothing is lower-cased, and punctuation is dropped.
TOKENIZER_RE = re.compile(r"[A-Z]{2,}(?![a-z])|[A-Z][a-z]+(?=[A-Z])|['\w\-]+", re.UNICODE)

#: Modules of TF1 whose pickled names :meth:`VocabularyProcessor.restore` maps to this one.
_TF1_MODULES = (
    "tensorflow.contrib.learn.python.learn.preprocessing.text",
    "tensorflow.contrib.learn.python.learn.preprocessing.categorical_vocabulary",
    "tensorflow.contrib.learn.python.learn.preprocessing",
    "tensorflow.contrib.learn.preprocessing",
)


def tokenizer(iterator: Iterable[str]) -> Iterator[list[str]]:
    """TF1's default tokenizer: each document's :data:`TOKENIZER_RE` matches, in order."""
    for value in iterator:
        yield TOKENIZER_RE.findall(value)


class CategoricalVocabulary:
    """TF1's ``CategoricalVocabulary``: categories to ids, id 0 for the unknown token.

    Ids are given in order of first appearance while the vocabulary is not frozen; a frozen
    one answers 0 for an unseen category. The attributes are TF1's, so a TF1 pickle restores
    into this class unchanged.
    """

    def __init__(self, unknown_token: str = "<UNK>", support_reverse: bool = True) -> None:
        self._unknown_token = unknown_token
        self._mapping: dict[Any, int] = {unknown_token: 0}
        self._support_reverse = support_reverse
        if support_reverse:
            self._reverse_mapping: list[Any] = [unknown_token]
        self._freq: Any = collections.defaultdict(int)
        self._freeze = False

    def __len__(self) -> int:
        """The number of ids, the unknown token's included."""
        return len(self._mapping)

    def freeze(self, freeze: bool = True) -> None:
        """Stop (or, with ``False``, resume) giving new categories ids."""
        self._freeze = freeze

    def get(self, category: Any) -> int:
        """The id of ``category``: a new one if unseen and not frozen, else 0 when unseen."""
        if category not in self._mapping:
            if self._freeze:
                return 0
            self._mapping[category] = len(self._mapping)
            if self._support_reverse:
                self._reverse_mapping.append(category)
        return self._mapping[category]

    def add(self, category: Any, count: int = 1) -> None:
        """Give ``category`` an id (see :meth:`get`) and add ``count`` to its frequency.

        As in TF1, a category answered id 0 (frozen vocabulary, or the unknown token) is not
        counted.
        """
        if self.get(category) <= 0:
            return
        self._freq[category] += count

    def trim(self, min_frequency: int, max_frequency: int = -1) -> None:
        """Renumber the categories by frequency, keeping those seen more than ``min_frequency``
        times.

        TF1's rule: categories are ordered by decreasing count, ties alphabetically; one whose
        count is ``max_frequency`` or more (when ``max_frequency > 0``) is skipped; the first
        whose count is ``min_frequency`` or less ends the list, so ``min_frequency=1`` drops the
        words seen once. Ids 1, 2, ... follow that order.
        """
        ordered = sorted(self._freq.items(), key=lambda item: (isinstance(item[0], str), item[0]))
        ordered.sort(key=lambda item: item[1], reverse=True)
        self._mapping = {self._unknown_token: 0}
        if self._support_reverse:
            self._reverse_mapping = [self._unknown_token]
        kept = 0
        for category, count in ordered:
            if max_frequency > 0 and count >= max_frequency:
                continue
            if count <= min_frequency:
                break
            kept += 1
            self._mapping[category] = kept
            if self._support_reverse:
                self._reverse_mapping.append(category)
        # TF1 kept the first `kept` counts of the ordered list (skipped frequent ones included).
        self._freq = dict(ordered[:kept])

    def reverse(self, class_id: int) -> Any:
        """The category of ``class_id``; raises ``ValueError`` without ``support_reverse``."""
        if not self._support_reverse:
            raise ValueError(
                "This vocabulary wasn't initialized with support_reverse to support reverse() "
                "function."
            )
        return self._reverse_mapping[class_id]


class VocabularyProcessor:
    """TF1's ``tf.contrib.learn.preprocessing.VocabularyProcessor``.

    Maps each document to a ``np.int64`` array of ``max_document_length`` word ids: longer
    documents are cut, shorter ones padded with 0 (the id unknown words get too).
    """

    def __init__(
        self,
        max_document_length: int,
        min_frequency: int = 0,
        vocabulary: CategoricalVocabulary | None = None,
        tokenizer_fn: Callable[[Iterable[str]], Iterable[list[Any]]] | None = None,
    ) -> None:
        self.max_document_length = max_document_length
        self.min_frequency = min_frequency
        self.vocabulary_ = vocabulary if vocabulary else CategoricalVocabulary()
        self._tokenizer = tokenizer_fn if tokenizer_fn else tokenizer

    def fit(self, raw_documents: Iterable[str], unused_y: Any = None) -> VocabularyProcessor:
        """Learn the vocabulary (ids by first appearance, or trimmed by ``min_frequency`` when
        it is positive), then freeze it. Returns ``self``."""
        for tokens in self._tokenizer(raw_documents):
            for token in tokens:
                self.vocabulary_.add(token)
        if self.min_frequency > 0:
            self.vocabulary_.trim(self.min_frequency)
        self.vocabulary_.freeze()
        return self

    def fit_transform(self, raw_documents: Iterable[str], unused_y: Any = None) -> Iterator:
        """:meth:`fit`, then :meth:`transform` of the same documents.

        As in TF1, ``raw_documents`` is read twice: a generator given here is empty the second
        time, and the result then has no rows.
        """
        self.fit(raw_documents)
        return self.transform(raw_documents)

    def transform(self, raw_documents: Iterable[str]) -> Iterator[np.ndarray]:
        """Yield one ``np.int64`` array of ``max_document_length`` ids per document."""
        for tokens in self._tokenizer(raw_documents):
            word_ids = np.zeros(self.max_document_length, np.int64)
            for index, token in enumerate(tokens):
                if index >= self.max_document_length:
                    break
                word_ids[index] = self.vocabulary_.get(token)
            yield word_ids

    def reverse(self, documents: Iterable[Iterable[int]]) -> Iterator[str]:
        """Yield each id sequence as its words joined by spaces (padding reads ``<UNK>``)."""
        for item in documents:
            yield " ".join(str(self.vocabulary_.reverse(class_id)) for class_id in item)

    def save(self, filename: str) -> None:
        """Pickle this processor to ``filename`` (any path ``tf.io.gfile`` writes)."""
        with tf.io.gfile.GFile(filename, "wb") as f:
            f.write(pickle.dumps(self))

    @classmethod
    def restore(cls, filename: str) -> VocabularyProcessor:
        """Load a processor saved by :meth:`save`, or by TF1's ``save``.

        A TF1 pickle names TF1's classes and tokenizer; they are read as this module's, which
        hold the same attributes, so the ids are TF1's. A pickle this cannot read exactly (a
        Python 2 one whose byte-string words are not ASCII, or one naming another TF1 class)
        raises ``ValueError`` saying so.
        """
        with tf.io.gfile.GFile(filename, "rb") as f:
            data = f.read()
        return load_processor(data, filename)


class _TF1Unpickler(pickle.Unpickler):
    """Reads TF1's preprocessing names as this module's."""

    def __init__(self, file: Any, filename: str) -> None:
        super().__init__(file)
        self._filename = filename

    def find_class(self, module: str, name: str) -> Any:
        if module in _TF1_MODULES or module == __name__:
            if name in {"VocabularyProcessor", "CategoricalVocabulary", "tokenizer"}:
                return globals()[name]
            raise ValueError(
                f"{self._filename}: the vocabulary pickle names TF1's {module}.{name}, which "
                "legacy2tf2.runtime.vocabulary does not provide: rebuild the vocabulary with "
                "VocabularyProcessor.fit on the training text and save it again"
            )
        return super().find_class(module, name)


def load_processor(data: bytes, filename: str = "<bytes>") -> VocabularyProcessor:
    """Unpickle a processor from ``data`` as :meth:`VocabularyProcessor.restore` does."""
    import io

    try:
        loaded = _TF1Unpickler(io.BytesIO(data), filename).load()
    except UnicodeDecodeError as error:
        raise ValueError(
            f"{filename}: this vocabulary was pickled by Python 2 with non-ASCII byte-string "
            "words, which Python 3 cannot read as the same words (TF1 tokenized their bytes, "
            "not their characters): rebuild the vocabulary with VocabularyProcessor.fit on the "
            "training text, as unicode, and save it again"
        ) from error
    if not isinstance(loaded, VocabularyProcessor):
        raise ValueError(
            f"{filename}: holds a {type(loaded).__name__}, not a VocabularyProcessor pickle"
        )
    return loaded
