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

from legacy2tf2.runtime.variables import VariableStore, current_store, default_store

__all__ = ["VariableStore", "current_store", "default_store"]
