"""Vocabularies and the tiny bundled English-French corpus of the translate example."""

import os

_PAD = "_PAD"
_GO = "_GO"
_EOS = "_EOS"
_UNK = "_UNK"

PAD_ID = 0
GO_ID = 1
EOS_ID = 2
UNK_ID = 3


def initialize_vocabulary(vocabulary_path):
  """Read a vocabulary file (one token a line) into (token->id dict, id->token list)."""
  if not os.path.exists(vocabulary_path):
    raise ValueError("Vocabulary file %s not found." % vocabulary_path)
  with open(vocabulary_path) as f:
    rev_vocab = [line.strip() for line in f]
  vocab = dict([(x, y) for (y, x) in enumerate(rev_vocab)])
  return vocab, rev_vocab


def sentence_to_token_ids(sentence, vocabulary):
  return [vocabulary.get(w, UNK_ID) for w in sentence.strip().split()]


def prepare_data(data_dir):
  """Paths of the corpus and the vocabularies in data_dir."""
  return (os.path.join(data_dir, "train.en"), os.path.join(data_dir, "train.fr"),
          os.path.join(data_dir, "vocab.en"), os.path.join(data_dir, "vocab.fr"))
