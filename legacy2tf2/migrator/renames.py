"""The one rename table of the migrator: pure data, no libcst.

Everything the migrator knows about TensorFlow names lives here. The transformers, the leftover
detection, ``--list-rewrites``, the README and the tests all read this module; no other module
spells a TensorFlow name.

Names are *qualified names* as an import would spell them (``tensorflow.contrib.rnn.GRUCell``).
Before a name is looked up, :func:`normalize` maps ``tensorflow.compat.v1.X`` to ``tensorflow.X``
and every historical path of legacy_seq2seq (:data:`MODULE_ALIASES`) to :data:`LEGACY`.
"""

from __future__ import annotations

TF = "tensorflow"
COMPAT_V1 = "tensorflow.compat.v1"
CONTRIB = "tensorflow.contrib"

#: The canonical path of the module the migrator moves away from, and its last component.
LEGACY = "tensorflow.contrib.legacy_seq2seq"
LEGACY_NAME = "legacy_seq2seq"

#: Every other path under which TensorFlow shipped (or users reached) the same module.
MODULE_ALIASES: dict[str, str] = {
    "tensorflow.contrib.legacy_seq2seq.python.ops.seq2seq": LEGACY,
    "tensorflow.nn.seq2seq": LEGACY,  # TF 0.x: tf.nn.seq2seq
    "tensorflow.models.rnn.seq2seq": LEGACY,  # TF 0.6-0.10: from tensorflow.models.rnn import seq2seq
    "tensorflow.python.ops.seq2seq": LEGACY,  # TF 0.11/0.12: from tensorflow.python.ops import seq2seq
}

#: Where rewritten code finds the functions and the cells.
RUNTIME_PACKAGE = "legacy2tf2.runtime"
RUNTIME_SEQ2SEQ = "legacy2tf2.runtime.legacy_seq2seq"
RUNTIME_RNN_CELL = "legacy2tf2.runtime.rnn_cell"
#: The runtime's stand-in for a TF1 cell it does not provide: ``unsupported("NASCell")`` is a
#: class that raises when instantiated, so only the branch that builds such a cell fails.
UNSUPPORTED_CELL_FACTORY = "unsupported"
RUNTIME_UNSUPPORTED = f"{RUNTIME_RNN_CELL}.{UNSUPPORTED_CELL_FACTORY}"

#: The public functions of legacy_seq2seq, plus the private helper real code calls.
SEQ2SEQ_FUNCTIONS: tuple[str, ...] = (
    "attention_decoder",
    "basic_rnn_seq2seq",
    "embedding_attention_decoder",
    "embedding_attention_seq2seq",
    "embedding_rnn_decoder",
    "embedding_rnn_seq2seq",
    "embedding_tied_rnn_seq2seq",
    "model_with_buckets",
    "one2many_rnn_seq2seq",
    "rnn_decoder",
    "sequence_loss",
    "sequence_loss_by_example",
    "tied_rnn_seq2seq",
    "_extract_argmax_and_embed",
)

FUNCTIONS: dict[str, str] = {
    f"{LEGACY}.{fn}": f"{RUNTIME_SEQ2SEQ}.{fn}" for fn in SEQ2SEQ_FUNCTIONS
}

#: Functions whose 4th positional parameter was ``num_decoder_symbols`` before TF 1.0 and is
#: ``average_across_timesteps`` since; a non-bool 4th positional argument is dropped.
PRE_1_0_FOURTH_ARG: frozenset[str] = frozenset(
    {f"{LEGACY}.sequence_loss", f"{LEGACY}.sequence_loss_by_example"}
)

#: Modules that held the TF1 RNN cells, in every TensorFlow version.
CELL_MODULES: tuple[str, ...] = (
    "tensorflow.contrib.rnn",
    "tensorflow.contrib.rnn.core_rnn_cell",  # TF 1.0: tf.contrib.rnn.core_rnn_cell.GRUCell
    "tensorflow.contrib.rnn.core_rnn_cell_impl",
    "tensorflow.contrib.rnn.python.ops.core_rnn_cell",
    "tensorflow.contrib.rnn.python.ops.core_rnn_cell_impl",
    "tensorflow.contrib.rnn.python.ops.rnn_cell",
    "tensorflow.nn.rnn_cell",
    "tensorflow.python.ops.rnn_cell",
    "tensorflow.python.ops.rnn_cell_impl",
    "tensorflow.models.rnn.rnn_cell",
)

#: The cells and wrappers the runtime provides, under the same names.
CELL_CLASSES: tuple[str, ...] = (
    "RNNCell",
    "BasicRNNCell",
    "GRUCell",
    "GRUBlockCell",
    "GRUBlockCellV2",
    "BasicLSTMCell",
    "LSTMCell",
    "LSTMBlockCell",
    "LayerNormBasicLSTMCell",
    "CoupledInputForgetGateLSTMCell",
    "MultiRNNCell",
    "LSTMStateTuple",
    "DropoutWrapper",
    "ResidualWrapper",
    "DeviceWrapper",
    "EmbeddingWrapper",
    "InputProjectionWrapper",
    "OutputProjectionWrapper",
)

CELLS: dict[str, str] = {
    f"{module}.{name}": f"{RUNTIME_RNN_CELL}.{name}"
    for module in CELL_MODULES
    for name in CELL_CLASSES
}

#: TF 1.0 and 1.1 named the cells' base class ``_RNNCell`` in ``rnn_cell_impl`` (programs' own
#: cells subclassed it there); TF 1.2 renamed it ``RNNCell``.
CELLS["tensorflow.python.ops.rnn_cell_impl._RNNCell"] = f"{RUNTIME_RNN_CELL}.RNNCell"
#: TF 1.4's ``_LayerRNNCell`` and TF 1.5+'s ``LayerRNNCell``, the base of cells that make their
#: weights in ``build(inputs_shape)`` with ``add_variable`` (TF1's own ``BasicLSTMCell`` and the
#: programs' cells copied from it), which the runtime's ``RNNCell`` runs the same way.
CELLS["tensorflow.python.ops.rnn_cell_impl.LayerRNNCell"] = f"{RUNTIME_RNN_CELL}.RNNCell"
CELLS["tensorflow.python.ops.rnn_cell_impl._LayerRNNCell"] = f"{RUNTIME_RNN_CELL}.RNNCell"

#: Other names of the cell modules that TensorFlow 2 still ships under ``tf.compat.v1.nn``.
CELL_MODULE_OTHERS: dict[str, str] = {
    "static_rnn": "tensorflow.compat.v1.nn.static_rnn",
    "static_bidirectional_rnn": "tensorflow.compat.v1.nn.static_bidirectional_rnn",
    "static_state_saving_rnn": "tensorflow.compat.v1.nn.static_state_saving_rnn",
}

#: TF 1.0 held the static RNN functions in ``tf.contrib.rnn``'s ``core_rnn`` module.
STATIC_RNN_MODULES: tuple[str, ...] = (
    "tensorflow.contrib.rnn.core_rnn",
    "tensorflow.contrib.rnn.python.ops.core_rnn",
)

OTHERS: dict[str, str] = {
    f"{module}.{name}": target
    for module in CELL_MODULES + STATIC_RNN_MODULES
    for name, target in CELL_MODULE_OTHERS.items()
}
#: ``tf.contrib.rnn``'s stacked bidirectional RNNs (TF 1.1-1.15; defined in its ``rnn`` module),
#: which the runtime's ``rnn_cell`` provides beside the cells.
STACKED_RNN_FUNCTIONS: tuple[str, ...] = (
    "stack_bidirectional_dynamic_rnn",
    "stack_bidirectional_rnn",
)
OTHERS.update(
    {
        f"{module}.{name}": f"{RUNTIME_RNN_CELL}.{name}"
        for module in ("tensorflow.contrib.rnn", "tensorflow.contrib.rnn.python.ops.rnn")
        for name in STACKED_RNN_FUNCTIONS
    }
)

#: TF1 cells the runtime does not provide: reported (L2T002) and rewritten to
#: ``rnn_cell.unsupported("<name>")``, which raises only where such a cell is built.
UNSUPPORTED_CELLS: tuple[str, ...] = (
    "AttentionCellWrapper",
    "BidirectionalGridLSTMCell",
    "Conv1DLSTMCell",
    "Conv2DLSTMCell",
    "Conv3DLSTMCell",
    "ConvLSTMCell",
    "GLSTMCell",
    "GridLSTMCell",
    "HighwayWrapper",
    "IndRNNCell",
    "IndyGRUCell",
    "IndyLSTMCell",
    "IntersectionRNNCell",
    "LSTMBlockFusedCell",
    "LayerNormLSTMCell",
    "NASCell",
    "PhasedLSTMCell",
    "SRUCell",
    "TimeFreqLSTMCell",
    "UGRNNCell",
)

#: Modules TensorFlow removed before TF 2 (besides ``tf.contrib``), with what to do instead.
#: The longest matching prefix wins; names the tables above cover (``tensorflow.models.rnn.seq2seq``,
#: ``tensorflow.models.rnn.rnn_cell`` and their cells) are rewritten, not reported.
_TUTORIAL = (
    "copy the tutorial file into your project (it was removed from TensorFlow 1.0) and run "
    "legacy2tf2 on it"
)
STATIC_RNN = (
    "the TF 0.x static RNN functions were removed in TF 1.0: call tf.compat.v1.nn.static_rnn, "
    "static_bidirectional_rnn or static_state_saving_rnn, and check that the code reads their "
    "results as those return them (outputs and the final state)"
)
REMOVED_MODULES: dict[str, str] = {
    "tensorflow.models": (
        "a TF 0.x tutorial model shipped inside TensorFlow (the tensorflow/models repository "
        "has them now): " + _TUTORIAL
    ),
    "tensorflow.models.rnn.translate": (
        "a file of the translate tutorial (`data_utils`, `seq2seq_model`, `translate`): "
        + _TUTORIAL
    ),
    "tensorflow.models.rnn.ptb": (
        "a file of the PTB language-model tutorial (`reader`, `ptb_word_lm`): " + _TUTORIAL
    ),
    "tensorflow.models.rnn.rnn": STATIC_RNN,
    # TF 0.11/0.12 reached the same functions through TensorFlow's internals:
    "tensorflow.python.ops.rnn.rnn": STATIC_RNN,
    "tensorflow.python.ops.rnn.bidirectional_rnn": STATIC_RNN,
    "tensorflow.python.ops.rnn.state_saving_rnn": STATIC_RNN,
    # ... and TF 0.x's ``tf.nn`` exported them as tf.nn.rnn, tf.nn.bidirectional_rnn and
    # tf.nn.state_saving_rnn; TF 1.0 moved them to tf.contrib.rnn.static_* (TF 1.2 added
    # tf.nn.static_*); neither tf.nn nor tf.compat.v1.nn of TF 2 has the old names:
    "tensorflow.nn.rnn": STATIC_RNN,
    "tensorflow.nn.bidirectional_rnn": STATIC_RNN,
    "tensorflow.nn.state_saving_rnn": STATIC_RNN,
    "tensorflow.models.rnn.rnn_cell": (
        "TF 0.x's rnn_cell had this name, but neither legacy2tf2.runtime.rnn_cell nor TF 2 "
        "provides it: port it (a subclass of legacy2tf2.runtime.rnn_cell.RNNCell for a cell)"
    ),
    "tensorflow.examples": (
        "TensorFlow's tutorial helpers (`tensorflow.examples.tutorials.mnist.input_data`, its "
        "MNIST reader) are not in TF 2's package: `legacy2tf2 rewrite --full` imports the "
        "reader from legacy2tf2.runtime.mnist_input_data (TF1's arrays and batches) where only "
        "its functions are read; otherwise load the data with tf.keras.datasets.mnist.load_data()"
    ),
    "tensorflow.models.rnn.linear": (
        "the TF 0.x `linear` helper was removed in TF 1.0: compute `tf.matmul(x, w) + b` with "
        "your own variables (tf.compat.v1.get_variable keeps TF1's variable names)"
    ),
}

#: Cell modules TF 2 cannot import: where the rewrite leaves an import of one (the name it binds
#: is also used for something that is not a cell of it), the import itself fails on TF 2.
REMOVED_CELL_MODULES: dict[str, str] = {
    "tensorflow.models.rnn.rnn_cell": (
        "TF 0.x's rnn_cell module was removed in TF 1.0; `legacy2tf2 rewrite` moves the import "
        "to legacy2tf2.runtime.rnn_cell only where every use of the name it binds is a cell "
        "class of it (here the name is also bound to something else where the rewrite cannot tell "
        "which one a use reads: in a branch, a loop or a function): import the cells from "
        "legacy2tf2.runtime.rnn_cell under another name"
    ),
}

#: Non-cell names of the TF1 cell modules that neither the runtime nor TF 2 provide.
REMOVED_CELL_MODULE_NAMES: dict[str, str] = {
    "linear": (
        "this path does not tell which TensorFlow version's variable names rnn_cell's `linear` "
        "created: call legacy2tf2.runtime.layers_v1.rnn_linear_tf0 (TF 0.x: Linear/Matrix, "
        "Linear/Bias), rnn_linear_tf1_0 (TF 1.0/1.1: weights, biases) or rnn_linear (TF 1.2+: "
        "kernel, bias), the one of the TensorFlow the program ran on"
    ),
    "_linear": (
        "this path does not tell which TensorFlow version's variable names `_linear` created: "
        "call legacy2tf2.runtime.layers_v1.rnn_linear_tf0 (TF 0.x: Linear/Matrix, Linear/Bias), "
        "rnn_linear_tf1_0 (TF 1.0/1.1: weights, biases) or rnn_linear (TF 1.2+: kernel, bias), "
        "the one of the TensorFlow the program ran on"
    ),
    "_Linear": (
        "`_Linear` was a private helper class of TF1's rnn_cell and is gone in TF 2: compute "
        "`tf.matmul(x, w) + b` with your own variables"
    ),
}

#: Cheap byte pre-filter: a file without any of these cannot need a rewrite or a finding.
PREFILTER: tuple[bytes, ...] = (
    b"contrib",
    b"seq2seq",
    b"rnn_cell",
    b"tensorflow.models",
    b"tensorflow.examples",
    b"tensorflow.python.ops",
)

# -- TF1's layers API ----------------------------------------------------------------------------
# Under Keras 3 every name of ``tf.compat.v1.layers`` raises "not available with Keras 3" and
# ``tf.layers`` is gone; the runtime's ``layers_v1`` provides the ones below with TF1's variables.

#: Where rewritten code finds TF1's layers functions.
RUNTIME_LAYERS_V1 = "legacy2tf2.runtime.layers_v1"
#: ``tf.layers`` (``tf.compat.v1.layers`` normalizes to it) and the TF1 modules behind it.
LAYERS_MODULE = "tensorflow.layers"
LAYERS_V1_MODULES: tuple[str, ...] = (
    LAYERS_MODULE,
    "tensorflow.python.layers.core",
    "tensorflow.python.layers.layers",
)
LAYERS_V1_NAMES: tuple[str, ...] = ("Dense", "Dropout", "dense", "dropout")
#: ``tf.contrib.layers`` and the module that defined its layers (TF 1.0-1.15).
CONTRIB_LAYERS_MODULES: tuple[str, ...] = (
    "tensorflow.contrib.layers",
    "tensorflow.contrib.layers.python.layers.layers",
)
CONTRIB_LAYERS_NAMES: tuple[str, ...] = ("fully_connected", "linear")
LAYERS_V1: dict[str, str] = {
    **{
        f"{module}.{name}": f"{RUNTIME_LAYERS_V1}.{name}"
        for module in LAYERS_V1_MODULES
        for name in LAYERS_V1_NAMES
    },
    **{
        f"{module}.{name}": f"{RUNTIME_LAYERS_V1}.{name}"
        for module in CONTRIB_LAYERS_MODULES
        for name in CONTRIB_LAYERS_NAMES
    },
}
#: ``tf.contrib.layers.optimize_loss`` and its two tables, also reached through the module that
#: defined them (TF 0.10-1.15).
CONTRIB_OPTIMIZERS_MODULES: tuple[str, ...] = (
    "tensorflow.contrib.layers",
    "tensorflow.contrib.layers.python.layers.optimizers",
)
CONTRIB_OPTIMIZERS_NAMES: tuple[str, ...] = (
    "optimize_loss",
    "OPTIMIZER_CLS_NAMES",
    "OPTIMIZER_SUMMARIES",
)
LAYERS_V1.update(
    {
        f"{module}.{name}": f"{RUNTIME_LAYERS_V1}.{name}"
        for module in CONTRIB_OPTIMIZERS_MODULES
        for name in CONTRIB_OPTIMIZERS_NAMES
    }
)
#: ``tf.contrib.framework.arg_scope`` (TF 1.0-1.15), which layers programs wrapped their
#: ``fully_connected`` calls in; the runtime's takes ``layers_v1.fully_connected``.
CONTRIB_ARG_SCOPE_PATHS: tuple[str, ...] = (
    "tensorflow.contrib.framework.arg_scope",
    "tensorflow.contrib.framework.python.ops.arg_scope.arg_scope",
)
LAYERS_V1.update({path: f"{RUNTIME_LAYERS_V1}.arg_scope" for path in CONTRIB_ARG_SCOPE_PATHS})
#: ``tf.contrib.seq2seq.sequence_loss`` (TF 1.1-1.15, defined in its ``loss`` module), the loss TF
#: 1.x language models took from contrib.seq2seq; the module's other names stay reported.
CONTRIB_SEQ2SEQ_LOSS_PATHS: tuple[str, ...] = (
    "tensorflow.contrib.seq2seq.sequence_loss",
    "tensorflow.contrib.seq2seq.python.ops.loss.sequence_loss",
)
LAYERS_V1.update(
    {path: f"{RUNTIME_LAYERS_V1}.sequence_loss" for path in CONTRIB_SEQ2SEQ_LOSS_PATHS}
)
PREFILTER += (b"layers", b"arg_scope")
#: A bidirectional RNN given one cell object as both directions (``rewrite``: L2T005 or a copied
#: ``cell_bw``) may be the only TF1 code of a file whose cells are its own.
PREFILTER += (b"bidirectional",)
#: So may RNN functions given one cell object twice (``rewrite``: L2T005 or a copied cell).
PREFILTER += (b"dynamic_rnn", b"static_rnn", b"nn.rnn", b"rnn.rnn", b"state_saving_rnn")

#: TF1's linear helper of rnn_cell (``linear``, later the private ``_linear``), by the path that
#: tells its era: the runtime has one function per era, creating that era's variable names
#: (``Linear/Matrix``, ``weights``, ``kernel``). Paths whose era the path alone does not tell
#: (``legacy_seq2seq``'s own ``linear`` alias, ``contrib.rnn``'s ``rnn_cell``) stay reported.
RNN_LINEAR_TF0 = f"{RUNTIME_LAYERS_V1}.rnn_linear_tf0"
RNN_LINEAR_TF1_0 = f"{RUNTIME_LAYERS_V1}.rnn_linear_tf1_0"
RNN_LINEAR_TF1_2 = f"{RUNTIME_LAYERS_V1}.rnn_linear"
RNN_LINEAR: dict[str, str] = {
    # TF 0.x: rnn_cell.linear (to 0.10), rnn_cell._linear (0.11/0.12), seq2seq's alias of it.
    **{
        f"{module}.{name}": RNN_LINEAR_TF0
        for module in (
            "tensorflow.nn.rnn_cell",
            "tensorflow.python.ops.rnn_cell",
            "tensorflow.models.rnn.rnn_cell",
        )
        for name in ("linear", "_linear")
    },
    "tensorflow.nn.seq2seq.linear": RNN_LINEAR_TF0,
    "tensorflow.models.rnn.seq2seq.linear": RNN_LINEAR_TF0,
    "tensorflow.python.ops.seq2seq.linear": RNN_LINEAR_TF0,
    # TF 1.0/1.1
    "tensorflow.contrib.rnn.python.ops.core_rnn_cell_impl._linear": RNN_LINEAR_TF1_0,
    "tensorflow.contrib.rnn.core_rnn_cell_impl._linear": RNN_LINEAR_TF1_0,
    # TF 1.2-1.15
    "tensorflow.python.ops.rnn_cell_impl._linear": RNN_LINEAR_TF1_2,
    "tensorflow.contrib.rnn.python.ops.core_rnn_cell._linear": RNN_LINEAR_TF1_2,
}
LAYERS_V1.update(RNN_LINEAR)
#: TF 1.1's scope opener of its cells' ``__call__`` (removed in TF 1.2).
LAYERS_V1.update(
    {
        f"{module}._checked_scope": f"{RUNTIME_LAYERS_V1}.checked_scope"
        for module in (
            "tensorflow.contrib.rnn.python.ops.core_rnn_cell_impl",
            "tensorflow.contrib.rnn.core_rnn_cell_impl",
        )
    }
)

# -- other tf.contrib names the runtime provides (one runtime module each) ----------------------
#: ``tf.contrib.learn.preprocessing``'s vocabulary (TF 0.10-1.15) and the modules defining it.
RUNTIME_VOCABULARY = "legacy2tf2.runtime.vocabulary"
VOCABULARY_PATHS: dict[str, tuple[str, ...]] = {
    "tensorflow.contrib.learn.preprocessing": (
        "VocabularyProcessor",
        "CategoricalVocabulary",
        "tokenizer",
    ),
    "tensorflow.contrib.learn.python.learn.preprocessing": (
        "VocabularyProcessor",
        "CategoricalVocabulary",
        "tokenizer",
    ),
    "tensorflow.contrib.learn.preprocessing.text": ("VocabularyProcessor", "tokenizer"),
    "tensorflow.contrib.learn.python.learn.preprocessing.text": (
        "VocabularyProcessor",
        "tokenizer",
    ),
    "tensorflow.contrib.learn.python.learn.preprocessing.categorical_vocabulary": (
        "CategoricalVocabulary",
    ),
}
#: ``tf.contrib.learn.run_n`` / ``run_feeds`` (TF 0.10-1.15), defined in ``graph_actions``, and
#: ``tf.contrib.learn.ModeKeys`` (TF 0.x-1.15), defined in ``estimators.model_fn``.
RUNTIME_CONTRIB_LEARN = "legacy2tf2.runtime.contrib_learn"
CONTRIB_LEARN_PATHS: dict[str, tuple[str, ...]] = {
    "tensorflow.contrib.learn": ("run_n", "run_feeds", "ModeKeys"),
    "tensorflow.contrib.learn.python.learn": ("run_n", "run_feeds", "ModeKeys"),
    "tensorflow.contrib.learn.python.learn.graph_actions": ("run_n", "run_feeds"),
    "tensorflow.contrib.learn.python.learn.estimators.model_fn": ("ModeKeys",),
}
#: ``tf.contrib.layers.embed_sequence`` (TF 1.0-1.15), defined in its ``encoders`` module.
RUNTIME_ENCODERS = "legacy2tf2.runtime.encoders"
EMBED_SEQUENCE_PATHS: tuple[str, ...] = (
    "tensorflow.contrib.layers.embed_sequence",
    "tensorflow.contrib.layers.python.layers.encoders.embed_sequence",
)
#: ``tf.contrib.training.HParams`` (TF 1.x) and its defining ``hparam`` module.
RUNTIME_HPARAM = "legacy2tf2.runtime.hparam"
HPARAM_PATHS: dict[str, str] = {
    "tensorflow.contrib.training.HParams": "HParams",
    "tensorflow.contrib.training.python.training.hparam.HParams": "HParams",
    "tensorflow.contrib.training.python.training.hparam.parse_values": "parse_values",
}
#: ``tf.contrib.crf``'s loss and decoding (TF 1.x), also from ``crf.python.ops.crf``; its CRF
#: RNN cells stay reported.
RUNTIME_CRF = "legacy2tf2.runtime.crf"
CRF_NAMES: tuple[str, ...] = (
    "crf_log_likelihood",
    "crf_sequence_score",
    "crf_log_norm",
    "crf_unary_score",
    "crf_binary_score",
    "viterbi_decode",
    "crf_decode",
)
#: ``tf.contrib.layers.flatten`` (TF 1.0-1.15), also of the module defining it.
RUNTIME_FLATTEN = "legacy2tf2.runtime.flatten"
FLATTEN_PATHS: tuple[str, ...] = (
    "tensorflow.contrib.layers.flatten",
    "tensorflow.contrib.layers.python.layers.layers.flatten",
)
#: ``tf.contrib.tensorboard.plugins.projector`` (TF 0.12-1.15): the embedding projector's config
#: messages and ``visualize_embeddings``, which writes ``projector_config.pbtxt``.
RUNTIME_PROJECTOR = "legacy2tf2.runtime.projector"
PROJECTOR_MODULE = "tensorflow.contrib.tensorboard.plugins.projector"
PROJECTOR_NAMES: tuple[str, ...] = (
    "ProjectorConfig",
    "EmbeddingInfo",
    "SpriteMetadata",
    "visualize_embeddings",
)
CONTRIB_RUNTIME: dict[str, str] = {
    **{f"{PROJECTOR_MODULE}.{name}": f"{RUNTIME_PROJECTOR}.{name}" for name in PROJECTOR_NAMES},
    **{path: f"{RUNTIME_FLATTEN}.flatten" for path in FLATTEN_PATHS},
    **{
        f"{module}.{name}": f"{RUNTIME_CRF}.{name}"
        for module in ("tensorflow.contrib.crf", "tensorflow.contrib.crf.python.ops.crf")
        for name in CRF_NAMES
    },
    **{path: f"{RUNTIME_HPARAM}.{name}" for path, name in HPARAM_PATHS.items()},
    **{path: f"{RUNTIME_ENCODERS}.embed_sequence" for path in EMBED_SEQUENCE_PATHS},
    **{
        f"{module}.{name}": f"{RUNTIME_VOCABULARY}.{name}"
        for module, names in VOCABULARY_PATHS.items()
        for name in names
    },
    **{
        f"{module}.{name}": f"{RUNTIME_CONTRIB_LEARN}.{name}"
        for module, names in CONTRIB_LEARN_PATHS.items()
        for name in names
    },
}
#: The runtime modules :data:`CONTRIB_RUNTIME` points into (rewritten code imports them).
CONTRIB_RUNTIME_MODULES: tuple[str, ...] = (
    RUNTIME_VOCABULARY,
    RUNTIME_CONTRIB_LEARN,
    RUNTIME_ENCODERS,
    RUNTIME_HPARAM,
    RUNTIME_CRF,
    RUNTIME_FLATTEN,
    RUNTIME_PROJECTOR,
)
LAYERS_V1.update(CONTRIB_RUNTIME)


def is_removed_layers_name(name: str) -> bool:
    """Whether a normalized name is in ``tf.layers`` and not rewritten: gone with Keras 3."""
    return name.startswith(LAYERS_MODULE + ".") and name not in LAYERS_V1


def normalize(qualified_name: str) -> str:
    """Map a qualified name to the spelling the tables use.

    ``tensorflow.compat.v1.X`` becomes ``tensorflow.X`` and any legacy_seq2seq path in
    :data:`MODULE_ALIASES` becomes :data:`LEGACY` (longest alias first).
    """
    name = qualified_name
    if name == COMPAT_V1 or name.startswith(COMPAT_V1 + "."):
        name = TF + name[len(COMPAT_V1) :]
    if name in RNN_LINEAR:  # seq2seq's `linear` tells its era by the module's old path
        return name
    for alias in sorted(MODULE_ALIASES, key=len, reverse=True):
        if name == alias or name.startswith(alias + "."):
            return MODULE_ALIASES[alias] + name[len(alias) :]
    return name


def is_cell_module(name: str) -> bool:
    """Whether a normalized name is one of :data:`CELL_MODULES`."""
    return name in CELL_MODULES


def removed_module_advice(name: str) -> str | None:
    """What to do about a normalized name inside a module TensorFlow removed before TF 2.

    ``None`` when ``name`` is not in a module of :data:`REMOVED_MODULES` (nor one of
    :data:`REMOVED_CELL_MODULE_NAMES` of a cell module). Names the other tables cover must be
    classified before this is asked.
    """
    module, _, last = name.rpartition(".")
    if is_cell_module(module) and last in REMOVED_CELL_MODULE_NAMES:
        return REMOVED_CELL_MODULE_NAMES[last]
    for removed in sorted(REMOVED_MODULES, key=len, reverse=True):
        if name == removed or name.startswith(removed + "."):
            return REMOVED_MODULES[removed]
    return None


def rewrite_rows() -> list[tuple[str, str]]:
    """Every (from, to) row of the table, for ``--list-rewrites`` and the docs."""
    rows = [(alias, LEGACY) for alias in MODULE_ALIASES]
    rows.append((LEGACY, RUNTIME_SEQ2SEQ))
    rows += sorted(FUNCTIONS.items())
    rows += sorted(CELLS.items())
    rows += sorted(OTHERS.items())
    rows += sorted(
        (f"{module}.{name}", f'{RUNTIME_UNSUPPORTED}("{name}")')
        for module in CELL_MODULES
        for name in UNSUPPORTED_CELLS
    )
    rows += sorted(LAYERS_V1.items())
    return rows
