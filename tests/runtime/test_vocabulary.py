"""legacy2tf2.runtime.vocabulary against TF1's documented VocabularyProcessor behaviour and an
independent computation of its ids (first appearance; by count with min_frequency)."""

from __future__ import annotations

import collections
import pickle
import struct
import sys
import types

import numpy as np
import pytest

from legacy2tf2.runtime.vocabulary import (
    CategoricalVocabulary,
    VocabularyProcessor,
    load_processor,
    tokenizer,
)

DOCS = [
    "the cat sat on the mat",
    "The dog ate the cat's food",
    "a well-known CamelCase HTTPServer test",
    "the mat, the cat; the END.",
]


def _expected_words(doc: str) -> list[str]:
    """TF1's word rule, written independently: capital runs, CamelCase parts, word runs."""
    words: list[str] = []
    i = 0
    word_chars = lambda c: c.isalnum() or c in "_'-"  # noqa: E731
    while i < len(doc):
        c = doc[i]
        run = i
        while run < len(doc) and "A" <= doc[run] <= "Z":
            run += 1
        # the longest run of 2+ capitals that a lower-case letter does not follow
        ends = [j for j in range(run, i + 1, -1) if not (j < len(doc) and "a" <= doc[j] <= "z")]
        if ends:
            words.append(doc[i : ends[0]])
            i = ends[0]
            continue
        if "A" <= c <= "Z":
            j = i + 1
            while j < len(doc) and "a" <= doc[j] <= "z":
                j += 1
            if j > i + 1 and j < len(doc) and "A" <= doc[j] <= "Z":
                words.append(doc[i:j])
                i = j
                continue
        if word_chars(c):
            j = i
            while j < len(doc) and word_chars(doc[j]):
                j += 1
            words.append(doc[i:j])
            i = j
            continue
        i += 1
    return words


def test_tokenizer_splits_like_tf1() -> None:
    got = list(tokenizer(DOCS))
    assert got == [_expected_words(doc) for doc in DOCS]
    assert got[1] == ["The", "dog", "ate", "the", "cat's", "food"]  # no lower-casing
    assert got[2] == ["a", "well-known", "Camel", "Case", "HTTP", "Server", "test"]
    assert got[3] == ["the", "mat", "the", "cat", "the", "END"]


def test_fit_transform_ids_by_first_appearance_padded_and_cut() -> None:
    vp = VocabularyProcessor(5)
    rows = np.array(list(vp.fit_transform(DOCS)))
    ids: dict[str, int] = {"<UNK>": 0}
    for doc in DOCS:
        for word in _expected_words(doc):
            ids.setdefault(word, len(ids))
    expected = np.zeros((len(DOCS), 5), np.int64)
    for r, doc in enumerate(DOCS):
        for c, word in enumerate(_expected_words(doc)[:5]):
            expected[r, c] = ids[word]
    assert rows.dtype == np.int64
    np.testing.assert_array_equal(rows, expected)
    assert len(vp.vocabulary_) == len(ids)
    assert vp.vocabulary_._mapping == ids  # programs read the private mapping
    # frozen after fit: an unseen word is 0 and gets no id
    assert next(iter(vp.transform(["the zebra"]))).tolist() == [ids["the"], 0, 0, 0, 0]
    assert len(vp.vocabulary_) == len(ids)


def test_min_frequency_keeps_words_seen_more_often_ordered_by_count_then_alphabet() -> None:
    docs = ["b a c a b d", "a b e e c", "a"]
    vp = VocabularyProcessor(4, min_frequency=1)
    vp.fit(docs)
    counts = collections.Counter(w for d in docs for w in d.split())
    kept = sorted((w for w in counts if counts[w] > 1), key=lambda w: (-counts[w], w))
    assert vp.vocabulary_._mapping == {"<UNK>": 0, **{w: i + 1 for i, w in enumerate(kept)}}
    assert kept == ["a", "b", "c", "e"]  # d seen once is dropped
    assert next(iter(vp.transform(["d a e"]))).tolist() == [0, 1, 4, 0]


def test_trim_skips_frequent_words_with_max_frequency() -> None:
    vocab = CategoricalVocabulary()
    for word in ["x", "x", "x", "y", "y", "z"]:
        vocab.add(word)
    vocab.trim(0, max_frequency=3)
    assert vocab._mapping == {"<UNK>": 0, "y": 1, "z": 2}


def test_reverse_and_unsupported_reverse() -> None:
    vp = VocabularyProcessor(4)
    rows = list(vp.fit_transform(["hello big world"]))
    assert list(vp.reverse(rows)) == ["hello big world <UNK>"]
    vocab = CategoricalVocabulary(support_reverse=False)
    vocab.get("a")
    with pytest.raises(ValueError, match="support_reverse"):
        vocab.reverse(1)


def test_fit_transform_of_a_generator_yields_nothing_as_in_tf1() -> None:
    vp = VocabularyProcessor(3)
    assert list(vp.fit_transform(d for d in ["a b", "c"])) == []
    assert len(vp.vocabulary_) == 4


def test_custom_tokenizer_fn_and_vocabulary() -> None:
    vocab = CategoricalVocabulary(unknown_token="<pad>")
    vp = VocabularyProcessor(3, vocabulary=vocab, tokenizer_fn=lambda docs: (list(d) for d in docs))
    assert [r.tolist() for r in vp.fit_transform(["aba", "cd"])] == [[1, 2, 1], [3, 4, 0]]
    assert vp.vocabulary_.reverse(0) == "<pad>"


def test_save_and_restore_keep_the_ids(tmp_path) -> None:
    vp = VocabularyProcessor(6, min_frequency=1)
    vp.fit(DOCS)
    vp.save(str(tmp_path / "vocab"))
    back = VocabularyProcessor.restore(str(tmp_path / "vocab"))
    assert back.vocabulary_._mapping == vp.vocabulary_._mapping
    assert back.max_document_length == 6
    np.testing.assert_array_equal(list(back.transform(DOCS)), list(vp.transform(DOCS)))


TF1_TEXT = "tensorflow.contrib.learn.python.learn.preprocessing.text"
TF1_CATEGORICAL = "tensorflow.contrib.learn.python.learn.preprocessing.categorical_vocabulary"


def _tf1_pickle(protocol: int, words: list[str], max_len: int = 4) -> bytes:
    """Bytes as TF1's save wrote them: the pickle names TF1's modules and its tokenizer."""
    text = types.ModuleType(TF1_TEXT)
    categorical = types.ModuleType(TF1_CATEGORICAL)

    class VocabularyProcessor:
        pass

    class CategoricalVocabulary:
        pass

    def tokenizer(iterator):
        raise AssertionError("only pickled by reference")

    for obj, module in (
        (VocabularyProcessor, text),
        (CategoricalVocabulary, categorical),
        (tokenizer, text),
    ):
        obj.__module__ = module.__name__
        obj.__qualname__ = obj.__name__
        setattr(module, obj.__name__, obj)
    vocab = CategoricalVocabulary()
    vocab._unknown_token = "<UNK>"
    vocab._mapping = {"<UNK>": 0, **{w: i + 1 for i, w in enumerate(words)}}
    vocab._support_reverse = True
    vocab._reverse_mapping = ["<UNK>", *words]
    vocab._freq = collections.defaultdict(int, {w: 1 for w in words})
    vocab._freeze = True
    processor = VocabularyProcessor()
    processor.max_document_length = max_len
    processor.min_frequency = 0
    processor.vocabulary_ = vocab
    processor._tokenizer = tokenizer
    sys.modules[TF1_TEXT], sys.modules[TF1_CATEGORICAL] = text, categorical
    try:
        return pickle.dumps(processor, protocol=protocol)
    finally:
        del sys.modules[TF1_TEXT], sys.modules[TF1_CATEGORICAL]


@pytest.mark.parametrize("protocol", [0, 2, 4])
def test_restore_reads_a_tf1_pickle_as_the_runtime_classes(tmp_path, protocol: int) -> None:
    data = _tf1_pickle(protocol, ["movie", "good", "bad"])
    assert TF1_TEXT.encode() in data
    (tmp_path / "vocab").write_bytes(data)
    vp = VocabularyProcessor.restore(str(tmp_path / "vocab"))
    assert type(vp) is VocabularyProcessor
    assert type(vp.vocabulary_) is CategoricalVocabulary
    assert vp._tokenizer is tokenizer
    assert next(iter(vp.transform(["good movie, bad plot"]))).tolist() == [2, 1, 3, 0]
    assert list(vp.reverse([[3, 2]])) == ["bad good"]


def test_restore_refuses_a_python2_pickle_of_non_ascii_byte_words() -> None:
    data = _tf1_pickle(2, ["caf\u00e9"])
    word = "caf\u00e9".encode()
    unicode_op = b"X" + struct.pack("<I", len(word)) + word  # Python 3's str
    assert unicode_op in data
    py2_str = data.replace(unicode_op, b"U" + bytes([len(word)]) + word)  # Python 2's str
    with pytest.raises(ValueError, match="Python 2 with non-ASCII byte-string words"):
        load_processor(py2_str, "vocab")


def test_restore_refuses_a_tf1_class_it_does_not_provide() -> None:
    data = _tf1_pickle(2, ["a"]).replace(b"CategoricalVocabulary", b"ByteProcessorXxxxxxxx")
    with pytest.raises(ValueError, match="does not provide"):
        load_processor(data, "vocab")
