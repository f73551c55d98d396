"""legacy2tf2: move TensorFlow 1 ``legacy_seq2seq`` code to TensorFlow 2.

Two independent halves: :mod:`legacy2tf2.migrator` (a libcst codemod, no TensorFlow needed) and
:mod:`legacy2tf2.runtime` (TF1-exact seq2seq functions and cells on TensorFlow 2 / Keras 3).
"""

__version__ = "0.1.0"
