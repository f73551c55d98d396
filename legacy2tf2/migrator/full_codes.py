"""The finding codes of ``rewrite --full`` (no imports: the rewrite command reads them at start)."""

from __future__ import annotations

#: Finding codes of the ``--full`` steps (the plain rewrite's codes are in ``renames.CODES``).
CODES: dict[str, str] = {
    "L2T010": "pre-1.0 TensorFlow call changed to the TF 1.x form (argument order or name)",
    "L2T011": "TensorFlow's upgrader asks for a manual check of a call it changed or kept",
    "L2T012": "TensorFlow's upgrader could not upgrade this (left as it is)",
    "L2T013": "graph-mode program: disable_eager_execution() added after the TensorFlow import",
    "L2T014": "positional tf.nn.sampled_softmax_loss / nce_loss / weighted_cross_entropy_with_logits "
    "in a file whose TensorFlow version cannot be told (TF 1.0 swapped two of their arguments); "
    "left as it is, fails the run",
    "L2T015": "NumPy 1 idiom that fails on NumPy 2 changed to its exact equivalent",
    "L2T016": "NumPy 1 idiom that fails on NumPy 2 if the object is a NumPy array (left as it is; "
    "fails the run)",
    "L2T017": "TF1 or pre-1.0 summary call moved to tf.compat.v1.summary (TF1 graph summaries)",
    "L2T018": "checkpoint test always False for V2 checkpoints changed to checkpoint_exists",
    "L2T019": "summary or checkpoint call that cannot work on TF 2 as written (left as it is)",
    "L2T021": "a TensorFlow name that does not exist in the installed TensorFlow or is not "
    "available with Keras 3 (TF1's tf.layers and others; left as it is; fails the run)",
    "L2T022": "Python 2 name or idiom (xrange, iteritems, cPickle, ...) changed to its exact "
    "Python 3 form",
    "L2T023": "Python 2 idiom with no exact Python 3 form (left as it is; fails the run)",
    "L2T025": "tf.reverse whose dims may be a pre-1.0 boolean mask (TF 1.0 made it a list of "
    "axes) in a file whose TensorFlow version cannot be told; left as it is, fails the run",
}

#: Codes that report a change made for review; they do not fail the run.
NOTES = frozenset({"L2T010", "L2T011", "L2T013", "L2T015", "L2T017", "L2T018", "L2T022"})
