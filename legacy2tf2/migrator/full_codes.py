"""The finding codes of ``rewrite --full`` (no imports: the rewrite command reads them at start)."""

from __future__ import annotations

#: Finding codes of the ``--full`` steps (the plain rewrite's codes are in ``renames.CODES``).
CODES: dict[str, str] = {
    "L2T010": "pre-1.0 TensorFlow call changed to the TF 1.x form (argument order or name)",
    "L2T011": "TensorFlow's upgrader asks for a manual check of a call it changed or kept",
    "L2T012": "TensorFlow's upgrader could not upgrade this (left as it is)",
    "L2T013": "graph-mode program: disable_eager_execution() added after the TensorFlow import",
    "L2T021": "a TensorFlow name that does not exist in the installed TensorFlow or is not "
    "available with Keras 3 (TF1's tf.layers and others; left as it is; fails the run)",
}

#: Codes that report a change made for review; they do not fail the run.
NOTES = frozenset({"L2T010", "L2T011", "L2T013"})
