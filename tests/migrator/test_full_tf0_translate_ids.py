"""--full: TF 0.x's ``from tensorflow.models.rnn.translate import data_utils`` read only for the
translate tutorial's ids (``data_utils.PAD_ID``, ``data_utils.GO_ID``, as every copy of the
tutorial's ``seq2seq_model.py`` did) imports them from ``legacy2tf2.runtime.translate_data_utils``.

suriyadeepan/easy_seq2seq (a TF 0.12 chatbot: the tutorial's ``seq2seq_model.py`` beside its own
``data_utils.py``) stopped at that import (L2T006, L2T021).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from legacy2tf2.migrator.tf0_translate_ids import fix_translate_ids
from tests.e2e.helpers import python

IMPORT = "from tensorflow.models.rnn.translate import data_utils\n"
RUNTIME = "from legacy2tf2.runtime import translate_data_utils as data_utils\n"
# the tutorial's seq2seq_model.get_batch
BATCH = (
    "def pad(encoder_input, decoder_input, encoder_size, decoder_size):\n"
    "  encoder_pad = [data_utils.PAD_ID] * (encoder_size - len(encoder_input))\n"
    "  return (list(reversed(encoder_input + encoder_pad)),\n"
    "          [data_utils.GO_ID] + decoder_input +\n"
    "          [data_utils.PAD_ID] * (decoder_size - len(decoder_input) - 1))\n"
)


def fix(source: str) -> tuple[str, list[str]]:
    new, changes = fix_translate_ids(source.encode())
    return new.decode(), [code for _line, _col, code, _msg in changes]


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            "import numpy as np\n" + IMPORT + "\n" + BATCH,
            "import numpy as np\n" + RUNTIME + "\n" + BATCH,
        ),
        (
            "from tensorflow.models.rnn.translate import data_utils as du\n"
            "stop = [du.EOS_ID, du.UNK_ID]\n",
            "from legacy2tf2.runtime import translate_data_utils as du\n"
            "stop = [du.EOS_ID, du.UNK_ID]\n",
        ),
    ],
)
def test_the_import_read_only_for_the_ids_comes_from_the_runtime(before: str, after: str) -> None:
    assert fix(before) == (after, ["L2T010"])
    assert fix(after) == (after, [])


@pytest.mark.parametrize(
    "source",
    [
        # the tutorial's functions or strings, the module passed on: the file is needed (L2T006)
        IMPORT + "vocab, rev = data_utils.initialize_vocabulary(path)\n",
        IMPORT + "start = [data_utils._GO, data_utils.PAD_ID]\n",
        IMPORT + "use(data_utils)\n",
        IMPORT + "data_utils.PAD_ID = 5\n",
        # bound again, here or as a local
        IMPORT + "x = data_utils.PAD_ID\nimport data_utils\n",
        IMPORT + "def f(data_utils):\n    return data_utils.PAD_ID\n",
        # not a module-level line of its own
        "try:\n    "
        + IMPORT
        + "except ImportError:\n    import data_utils\nx = data_utils.PAD_ID\n",
        "from tensorflow.models.rnn.translate import data_utils, seq2seq_model\nx = data_utils.PAD_ID\n",
        IMPORT + "\n",  # never read
    ],
)
def test_other_uses_keep_the_import(source: str) -> None:
    assert fix(source) == (source, [])


MODEL = """\
import tensorflow as tf
from tensorflow.models.rnn.translate import data_utils


class Batcher(object):
  def get_batch(self, pairs, encoder_size, decoder_size):
    encoder_inputs, decoder_inputs = [], []
    for encoder_input, decoder_input in pairs:
      encoder_pad = [data_utils.PAD_ID] * (encoder_size - len(encoder_input))
      encoder_inputs.append(list(reversed(encoder_input + encoder_pad)))
      decoder_pad_size = decoder_size - len(decoder_input) - 1
      decoder_inputs.append([data_utils.GO_ID] + decoder_input +
                            [data_utils.PAD_ID] * decoder_pad_size)
    return tf.constant(encoder_inputs), tf.constant(decoder_inputs)
"""
# the program's own data_utils.py, beside the model, numbers its symbols otherwise: the model read
# TensorFlow's tutorial module, not this one
LOCAL = "PAD_ID = 7\nGO_ID = 8\nEOS_ID = 9\nUNK_ID = 10\n"
MAIN = """\
import tensorflow as tf
import data_utils
from seq2seq_model import Batcher

enc, dec = Batcher().get_batch([([4, 5], [6])], 4, 3)
with tf.Session() as sess:
  print(sess.run(enc).tolist(), sess.run(dec).tolist(), data_utils.EOS_ID)
"""


def test_a_tf0_12_chatbot_pads_with_the_tutorials_ids_after_one_rewrite(tmp_path: Path) -> None:
    (tmp_path / "seq2seq_model.py").write_text(MODEL)
    (tmp_path / "data_utils.py").write_text(LOCAL)
    (tmp_path / "main.py").write_text(MAIN)
    done = python("-m", "legacy2tf2", "rewrite", "--full", ".", cwd=tmp_path, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "L2T006" not in done.stderr and "L2T021" not in done.stderr
    assert "seq2seq_model.py:2:1: L2T010" in done.stderr
    done = python("main.py", cwd=tmp_path, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    # TF 0.x's tutorial: PAD_ID 0, GO_ID 1 (the encoder input reversed after padding)
    assert done.stdout.split("\n")[-2] == "[[0, 0, 5, 4]] [[1, 6, 0]] 9"
