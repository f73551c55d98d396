"""The special-symbol ids of TF 0.x's translate tutorial, for programs that read only those.

TF 0.5-0.12 shipped the tutorial as ``tensorflow.models.rnn.translate`` (removed in TF 1.0), and
every copy of its ``seq2seq_model.py`` imported ``data_utils`` from there only to pad and start
its batches with ``data_utils.PAD_ID`` and ``data_utils.GO_ID``. ``rewrite --full`` points such an
import here. The values are the tutorial's in every TF 0.x release (its ``data_utils.py``:
``PAD_ID = 0``, ``GO_ID = 1``, ``EOS_ID = 2``, ``UNK_ID = 3``); the tutorial's functions and
vocabulary strings are not here (a program reading those must carry its own copy of the file).
"""

PAD_ID = 0
GO_ID = 1
EOS_ID = 2
UNK_ID = 3
