"""Every finding code the migrator reports, with its description and whether it fails the run.

A new finding is one :func:`_code` entry below: its name is what the modules use, its description
is what SARIF's rule and the README's code table show, and ``note=True`` marks a change made (or
a meaning kept) that is reported for review but does not fail ``rewrite``. This module imports
nothing, so the commands can read it at start.
"""

from __future__ import annotations

#: Every finding code and its one-line description, in code order.
CODES: dict[str, str] = {}

#: Codes that report a change made for review (or a meaning kept); they do not fail ``rewrite``.
NOTES: frozenset[str] = frozenset()


def _code(code: str, description: str, *, note: bool = False) -> str:
    global NOTES
    if code in CODES:
        raise ValueError(f"finding code {code} is declared twice")
    CODES[code] = description
    if note:
        NOTES = NOTES | {code}
    return code


UNPROCESSED = _code(
    "L2T000", "cannot parse the file (Python 2 syntax, mixed tabs and spaces, undecodable bytes)"
)
CONTRIB = _code("L2T001", "tf.contrib (any module) or a pre-1.0 legacy_seq2seq path is still used")
UNSUPPORTED_CELL = _code("L2T002", "TF1 RNN cell class that Keras 3 no longer provides")
UNSAFE_REFERENCE = _code(
    "L2T003", "reference that cannot be rewritten safely (left untouched; the message says why)"
)
SEQUENCE_LOSS_ARG = _code(
    "L2T004",
    "vocabulary size literal (TF 0.7's 4th positional argument of sequence_loss(_by_example), "
    "TF 0.5's 6th of model_with_buckets) dropped",
    note=True,
)
REPEATED_CELLS = _code(
    "L2T005",
    "MultiRNNCell([cell] * n), one cell as both directions of a bidirectional RNN, or one cell "
    "run by two RNN functions, in a file whose TensorFlow version cannot be told: TF 1.2+ weight "
    'sharing kept (repeated_cells="copy", or copy.deepcopy(cell) as cell_bw or the later run\'s '
    "cell, gives TF 1.0's own weights)",
    note=True,
)
REMOVED_MODULE = _code(
    "L2T006",
    "a TensorFlow module (or a name in one) removed before TF 2 is used (left untouched; "
    "the message says what to do)",
)
MONKEYPATCH = _code(
    "L2T007",
    "a TensorFlow name is monkeypatched with something other than its TF1 equivalent; "
    "the rewritten uses of the name would not see it (left untouched)",
)
UNWRITABLE = _code(
    "L2T008", "cannot write the rewritten file (read-only, no permission); left untouched"
)
CELL_INPUT_SIZE = _code(
    "L2T009",
    "the TF 0.x-1.1 input_size argument of a core cell (ignored then, removed in TF 1.2) dropped",
    note=True,
)
PRE_1_0_CALL = _code(
    "L2T010",
    "TF 0.x or TF 1.x call changed to a form TF 2 runs (argument order, name or tf.compat.v1)",
    note=True,
)
UPGRADER_CHECK = _code(
    "L2T011",
    "TensorFlow's upgrader asks for a manual check of a call it changed or kept",
    note=True,
)
UPGRADER_FAILED = _code("L2T012", "TensorFlow's upgrader could not upgrade this (left as it is)")
GRAPH_MODE = _code(
    "L2T013",
    "graph-mode program: disable_eager_execution() and disable_resource_variables() added after "
    "the TensorFlow import",
    note=True,
)
SWAPPED_ARGUMENTS = _code(
    "L2T014",
    "positional tf.nn.sampled_softmax_loss / nce_loss / weighted_cross_entropy_with_logits, or a "
    "softmax_loss_function whose parameter names do not tell labels from logits, in a file whose "
    "TensorFlow version cannot be told (TF 1.0 swapped two of their arguments; TF 1.0 called the "
    "loss function (labels, logits), TF 0.x (logits, labels)); left as it is, fails the run",
)
NUMPY2_FIXED = _code(
    "L2T015",
    "NumPy 1 idiom that fails (or computes in another type) on NumPy 2 changed to its exact "
    "equivalent",
    note=True,
)
NUMPY2_LEFT = _code(
    "L2T016",
    "NumPy 1 idiom that fails on NumPy 2 if the object is a NumPy array (left as it is; "
    "fails the run)",
)
SUMMARY_MOVED = _code(
    "L2T017",
    "TF1 or pre-1.0 summary call moved to tf.compat.v1.summary (TF1 graph summaries)",
    note=True,
)
CHECKPOINT_EXISTS = _code(
    "L2T018",
    "checkpoint test always False for V2 checkpoints changed to checkpoint_exists",
    note=True,
)
GRAPH_CALL_LEFT = _code(
    "L2T019", "summary or checkpoint call that cannot work on TF 2 as written (left as it is)"
)
MISSING_TF_NAME = _code(
    "L2T021",
    "a TensorFlow name that does not exist in the installed TensorFlow or is not "
    "available with Keras 3 (TF1's tf.layers and others; left as it is; fails the run)",
)
PY2_FIXED = _code(
    "L2T022",
    "Python 2 name or idiom (xrange, iteritems, cPickle, ...) changed to its exact Python 3 form",
    note=True,
)
PY2_LEFT = _code(
    "L2T023", "Python 2 idiom with no exact Python 3 form (left as it is; fails the run)"
)
CELL_ARGUMENT_AMBIGUOUS = _code(
    "L2T024",
    "a core cell's 2nd (BasicLSTMCell: 3rd) positional argument that may be TF 0.x-1.1's "
    "input_size or TF 1.2+'s activation/use_peepholes/state_is_tuple, in a file whose TensorFlow "
    "version does not decide it (kept as the TF 1.2+ argument)",
)
REVERSE_DIMS = _code(
    "L2T025",
    "tf.reverse whose dims may be a pre-1.0 boolean mask (TF 1.0 made it a list of "
    "axes) in a file whose TensorFlow version cannot be told; left as it is, fails the run",
)

UNUSED_CONTRIB_IMPORT = _code(
    "L2T026",
    "an import of a tf.contrib module or name (or of TF 0.x's tensorflow.models) the file never "
    "uses (TF 2 has neither: the import alone failed) was removed",
    note=True,
)
MNIST_READER_ERA = _code(
    "L2T027",
    "TF1's MNIST reader (input_data.read_data_sets) in a file whose TensorFlow version cannot be "
    "told (or only weak evidence tells): that version's batches, else TF 1.2-1.15's, kept (the "
    "message names the runtime reader of each other version)",
    note=True,
)


def fails(code: str) -> bool:
    """Whether a finding with ``code`` fails ``rewrite`` (every code but the :data:`NOTES`)."""
    return code not in NOTES


def cannot_parse(reason: str) -> str:
    """The L2T000 message of a source Python 3 cannot parse; ``reason`` is the parser's."""
    return f"cannot parse ({reason})"


def internal_error(error: BaseException) -> str:
    """The L2T000 message of an unexpected exception while processing one file."""
    return f"internal error ({type(error).__name__}: {error}), left untouched"


def cannot_parse_notebook(reason: str) -> str:
    """The L2T000 message of a notebook that is not an nbformat 4 JSON document."""
    return f"cannot parse notebook ({reason})"


def cells_cannot_join(reason: str) -> str:
    """The L2T003 message of a notebook whose cells parse one by one but not as one program."""
    return f"cannot parse the cells as one program ({reason}), notebook left untouched"


def upgrader_failed(error: BaseException) -> str:
    """The L2T012 message of a file TensorFlow's upgrader raised on (``match``, ``:=``, ...)."""
    reason = " ".join(f"{type(error).__name__}: {error}".split())
    return f"TensorFlow's upgrader failed on this file, tf.* names left as they are ({reason})"


#: The L2T013 message, at the TensorFlow import of a graph-mode program.
GRAPH_MODE_ADDED = (
    "graph-mode program: disable_eager_execution() and disable_resource_variables() (TF1's "
    "reference variables) added after this import"
)


def engine_internal_error(error: BaseException) -> str:
    """The L2T003 message of a rewrite or check that failed inside the engine (file untouched)."""
    return f"internal error, file left untouched: {type(error).__name__}: {error}"


def old_rnn_variable_name(name: str, era: str, tf1_2: str) -> str:
    """The L2T003 message of a string naming an RNN variable or scope as TF 0.x-1.1 did."""
    return (
        f"{name!r} names an RNN cell's variable or scope as {era} did; the runtime's cells "
        f"create TF 1.2+ names ({tf1_2!r}; a cell an EmbeddingWrapper, InputProjectionWrapper "
        "or OutputProjectionWrapper wraps sits inside the wrapper's scope), so a lookup by this "
        "name fails or matches nothing: write the TF 1.2+ name (a checkpoint with the old names: "
        "legacy2tf2 convert-checkpoint)"
    )


def cell_operation_name(name: str, scope: str) -> str:
    """The L2T003 message of a string naming an operation TF1 built inside an RNN cell's scope
    (``.../cell_0/cell_0/gru_cell/add_4:0``)."""
    return (
        f"{name!r} names an operation TF1 built inside the RNN cell scope {scope!r}; the "
        "runtime's cells compute with other operations under other names (TF 1.2+ cells also "
        "wrote each scope twice), so get_tensor_by_name/get_operation_by_name of it raises "
        "KeyError after the rewrite: take the tensor from what the cell or the RNN function "
        "returns (its outputs or state) instead; variable names are TF1's and still work"
    )


def unordered_set_vocabulary(call: str | None) -> str:
    """The L2T023 message of a Python 2 program's sequence made from a set's order."""
    what = call if call is not None else "this sequence made from set(...)"
    return (
        f"{what} takes the set's order: Python 2 gave a set of strings one order in every run, "
        "Python 3 a new one in each process (hash randomization, PYTHONHASHSEED), so ids built "
        "from it (a vocabulary) differ between the run that trains and the run that samples and "
        "a restored checkpoint silently reads other symbols; left as it is: build it with "
        "sorted(set(...)) and retrain, or save the list (a Python 2 checkpoint used Python 2's "
        "order, which Python 3 cannot give)"
    )


def full_internal_error(error: BaseException) -> str:
    """The L2T003 message of a ``--full`` step that failed inside (file left untouched)."""
    return f"internal error in --full, file left untouched: {type(error).__name__}: {error}"
