"""legacy2tf2.runtime: TF1's legacy_seq2seq functions and RNN cells on TensorFlow 2 / Keras 3.

Importable with TensorFlow alone (never imports the migrator, libcst or click). The two public
modules rewritten code calls are :mod:`legacy2tf2.runtime.legacy_seq2seq` and
:mod:`legacy2tf2.runtime.rnn_cell`.
"""

try:
    import tensorflow as _tf  # noqa: F401
except ImportError as error:  # pragma: no cover - exercised only without tensorflow installed
    raise ImportError(
        "legacy2tf2.runtime needs TensorFlow (>= 2.16). Install it with: "
        "pip install 'legacy2tf2[tensorflow]'"
    ) from error

# rnn_cell registers every TF1 cell class with Keras: a .keras file of any loads after this import.
from legacy2tf2.runtime import rnn_cell as _rnn_cell  # noqa: F401
from legacy2tf2.runtime.checkpoint import CheckpointMismatchError, load_tf1_checkpoint
from legacy2tf2.runtime.decoding import (
    DecodeResult,
    beam_search_decode,
    gather_beams,
    greedy_decode,
    tile_beams,
)
from legacy2tf2.runtime.layers import AttentionDecoder, Encoder, LegacyAttention
from legacy2tf2.runtime.models import Seq2Seq
from legacy2tf2.runtime.plotting import plot_attention
from legacy2tf2.runtime.variables import VariableStore, current_store, default_store

# Exactly the names README's "The runtime" section lists as the package's exports.
__all__ = [
    "AttentionDecoder",
    "CheckpointMismatchError",
    "DecodeResult",
    "Encoder",
    "LegacyAttention",
    "Seq2Seq",
    "VariableStore",
    "beam_search_decode",
    "current_store",
    "default_store",
    "gather_beams",
    "greedy_decode",
    "load_tf1_checkpoint",
    "plot_attention",
    "tile_beams",
]
