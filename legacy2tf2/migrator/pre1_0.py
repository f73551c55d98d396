"""Pre-1.0 TensorFlow calls that TensorFlow's own upgrader leaves broken (used by ``--full``).

TF 1.0 swapped the argument order of ``tf.concat(concat_dim, values)`` and
``tf.split(split_dim, num_split, value)`` (also reached as ``array_ops.concat``/``split`` of
``tensorflow.python.ops``) and removed ``tf.pack``/``tf.unpack``,
``tf.all_variables``, ``tf.initialize_all_variables`` and a few more names. ``tf_upgrade_v2`` knows
only TF 1.x names, so these calls must be fixed before it runs.

An argument order is changed only when it is certain: the axis is an integer literal and the
values are not. Everything else stays byte-identical.

Argument orders TF 1.0 changed in the loss functions seq2seq code calls:

- ``tf.nn.softmax_cross_entropy_with_logits(logits, labels)``,
  ``sparse_softmax_cross_entropy_with_logits(logits, labels)`` and
  ``sigmoid_cross_entropy_with_logits(logits, targets)``: TF 1.0+ accepts only keywords, so a
  positional call is pre-1.0 code whatever else the file says; it becomes ``logits=..., labels=...``.
- ``tf.nn.sampled_softmax_loss`` and ``tf.nn.nce_loss``: ``(weights, biases, inputs, labels, ...)``
  before 1.0, ``(weights, biases, labels, inputs, ...)`` from 1.0, both positional; so was
  ``tf.nn.weighted_cross_entropy_with_logits``: ``(logits, targets, pos_weight)`` before 1.0,
  ``(targets, logits, pos_weight)`` from 1.0, and ``tf.nn.ctc_loss`` (also
  ``tensorflow.python.ops.ctc_ops.ctc_loss`` and TF 0.8's ``tf.contrib.ctc.ctc_loss``):
  ``(inputs, labels, sequence_length, ...)`` before 1.0, ``(labels, inputs, ...)`` from 1.0. The file's
  TensorFlow version (:mod:`legacy2tf2.migrator.era`, read from the source as the user wrote it)
  decides: pre-1.0 calls get keywords in their old meaning (``inputs=..., labels=...``); 1.0+
  calls are right as they are; where the version cannot be told (and the keywords given do not
  decide), the call is left and reported (L2T014), never guessed.

``tf.SparseTensor(..., shape=...)`` and ``tf.SparseTensorValue(..., shape=...)`` (TF 0.x's
keyword) become ``dense_shape=``, the name TF 1.0 gave it; TF 2 refuses ``shape=``.

Flags: until TF 1.5 ``tf.app.flags`` was argparse, which kept a default as given, so
``DEFINE_integer("keep_prob", 0.5, ...)`` defined a float flag; absl (TF 1.5+) refuses the
program at that line. A ``DEFINE_integer`` whose default is a float literal becomes
``DEFINE_float`` (same default, same value in ``FLAGS``), through ``tf.app.flags``,
``tf.flags`` or a module-level alias of them (``flags = tf.app.flags``). ``tf.flags`` itself
(TF 1.x's short name of ``tf.app.flags``) is gone from TF 2, and ``tf_upgrade_v2`` only
reports it; it becomes ``tf.compat.v1.flags``, the same absl module. So does a bare reference
to another TF 1.x module TF 2's ``tf`` lacks (``logging = tf.logging``, as TF 1.x's PTB tutorial
wrote): ``tf.compat.v1.logging``; the upgrader renames only the functions called through them.
``from tensorflow import flags, logging`` (only such modules) imports them from
``tensorflow.compat.v1``.
``cond``, ``while_loop``, ``case`` and ``Assert`` of TensorFlow's internal ``control_flow_ops``
(which copies of legacy_seq2seq's source imported; TF 2 moved them out of it) become
``tf.compat.v1.cond``, ... (imported by name: from ``tensorflow.compat.v1``), and so does TF 0.x's
``tensorflow.python.ops.constant_op.constant``; ``nest.is_sequence`` (``tf.nest`` or ``tensorflow.python.util.nest``)
becomes ``nest.is_nested``, its TF 2 name. ``rnn.rnn``, ``rnn.bidirectional_rnn`` and
``rnn.state_saving_rnn`` of ``tensorflow.python.ops`` (TF 0.11/0.12) become
``tf.compat.v1.nn.static_rnn``, ... where their results are read as every version returned them
(imported by name, ``from tensorflow.python.ops.rnn import rnn`` becomes ``import static_rnn as
rnn`` where every call of it is read so);
so does ``tf.nn.bidirectional_rnn`` become ``static_bidirectional_rnn`` (unpacked into three, or
assigned by the program itself; else it is left and reported), and ``tf.nn.rnn`` and
``tf.nn.state_saving_rnn`` ``static_rnn`` and ``static_state_saving_rnn`` where their state
(every step's up to TF 0.6) is read as every version returned it or the file is for TF 0.7+
(:mod:`legacy2tf2.migrator.tf0_rnn`; else they are left and reported).

``tf.Variable(x, collections=[])`` (also ``expected_shape=``, ``use_resource=``, or a 3rd
positional argument, TF1's ``collections``) becomes ``tf.compat.v1.Variable``: TF 2's
``tf.Variable`` takes those TF1 arguments and silently ignores them (the variable lands in the
global variables whatever ``collections`` says), which the upgrader leaves as it is.

NumPy 2 idioms are fixed in the same pass (:mod:`legacy2tf2.migrator.numpy2`).
"""

from __future__ import annotations

from collections.abc import Callable

import libcst as cst
import libcst.matchers as m
from libcst.metadata import PositionProvider, QualifiedNameProvider

from legacy2tf2.migrator import analysis, era, tf0_rnn
from legacy2tf2.migrator.compat_names import tensorflow_module
from legacy2tf2.migrator.contrib_deprecated import fix_contrib_deprecated
from legacy2tf2.migrator.findings import (
    PRE_1_0_CALL,
    REMOVED_MODULE,
    REVERSE_DIMS,
    SWAPPED_ARGUMENTS,
    UNSAFE_REFERENCE,
)
from legacy2tf2.migrator.numpy2 import NumPy2Transformer

_PREFIXES = ("tensorflow.compat.v1.", "tensorflow.")
COMPAT_V1_PREFIX = _PREFIXES[0]

#: Names removed in TF 1.0 (or renamed since) -> the TF 1.x name tf_upgrade_v2 knows.
RENAMES: dict[str, str] = {
    "pack": "stack",
    "unpack": "unstack",
    "all_variables": "global_variables",
    "initialize_all_variables": "global_variables_initializer",
    "initialize_local_variables": "local_variables_initializer",
    "initialize_variables": "variables_initializer",
    "mul": "multiply",
    "sub": "subtract",
    "neg": "negative",
    "nn.rnn": "nn.static_rnn",
    "nn.state_saving_rnn": "nn.static_state_saving_rnn",
    "nn.bidirectional_rnn": "nn.static_bidirectional_rnn",
    # TF 1.0's other renames of the same function
    "select": "where",
    "batch_matmul": "matmul",
    "complex_abs": "abs",
    "listdiff": "setdiff1d",
    "inv": "reciprocal",
    "concat_v2": "concat",
    "image.per_image_whitening": "image.per_image_standardization",
    "batch_matrix_determinant": "matrix_determinant",
    "batch_matrix_inverse": "matrix_inverse",
    "batch_matrix_diag": "matrix_diag",
    "batch_matrix_diag_part": "matrix_diag_part",
    "batch_matrix_band_part": "matrix_band_part",
    "batch_matrix_solve": "matrix_solve",
    "batch_matrix_triangular_solve": "matrix_triangular_solve",
    "batch_cholesky": "cholesky",
    "batch_self_adjoint_eig": "self_adjoint_eig",
    # TF 0.x exposed its graph module (tensorflow.python.framework.ops) as tf.ops, and as tf.nn.ops
    # (tf.nn's module imported it, before TF 1.0 pruned tf.nn to its documented names); the same
    # functions are tf.* in TF 1.x
    **{
        f"{module}.{name}": name
        for module in ("ops", "nn.ops")
        for name in (
            *("reset_default_graph", "get_default_graph", "Graph", "Tensor", "Operation"),
            *("convert_to_tensor", "name_scope", "control_dependencies", "device"),
            *("get_collection", "add_to_collection", "GraphKeys", "RegisterGradient"),
        )
    },
    # TF 0.5/0.6 named its dtypes module tf.types (tf.dtypes from 0.7); TF 2's tf.types is another
    # module, without them
    **{
        f"types.{name}": name
        for name in (
            *("float16", "half", "float32", "float64", "double", "bfloat16", "complex64"),
            *("complex128", "int8", "int16", "int32", "int64", "uint8", "uint16", "string"),
            *("bool", "qint8", "quint8", "qint32", "DType", "as_dtype"),
        )
    },
    # contrib names whose function moved into core TensorFlow unchanged
    "contrib.framework.get_or_create_global_step": "train.get_or_create_global_step",
    "contrib.framework.get_global_step": "train.get_global_step",
    # tf.contrib.distributions re-exported core tf.distributions (later TF 1.x), which TF 2 keeps as
    # tf.compat.v1.distributions: the same classes
    **{
        f"contrib.distributions.{name}": f"distributions.{name}"
        for name in (
            *("Bernoulli", "Beta", "Categorical", "Dirichlet", "DirichletMultinomial"),
            *("Distribution", "Exponential", "Gamma", "Laplace", "Multinomial", "Normal"),
            *("StudentT", "Uniform", "kl_divergence", "RegisterKL", "ReparameterizationType"),
            *("FULLY_REPARAMETERIZED", "NOT_REPARAMETERIZED"),
        )
    },
}

#: ``tf.reverse(tensor, dims)``: before TF 1.0 ``dims`` was a boolean mask of the dimensions to
#: reverse; from 1.0 it is the list of axes. TF 2 reads ``[False, True]`` as axes 0 and 1.
REVERSE = "reverse"

#: ``concat`` and ``split`` of TensorFlow's internal ``array_ops`` (copies of TF 0.x's cell code
#: called them so); their argument orders changed with ``tf.concat``'s and ``tf.split``'s. Also the
#: cross entropies of ``nn_ops`` (copies of legacy_seq2seq's losses called
#: ``nn_ops.sparse_softmax_cross_entropy_with_logits(logits, targets)``), whose positional
#: ``(logits, labels)`` TF 1.0 made keyword-only, as ``tf.nn``'s.
_ARRAY_OPS: dict[str, str] = {
    "python.ops.array_ops.concat": "concat",
    "python.ops.array_ops.split": "split",
    "python.ops.nn_ops.softmax_cross_entropy_with_logits": "nn.softmax_cross_entropy_with_logits",
    "python.ops.nn_ops.sparse_softmax_cross_entropy_with_logits": (
        "nn.sparse_softmax_cross_entropy_with_logits"
    ),
    # TF 0.x's `from tensorflow.python.ops import nn` (nn_impl since TF 1.0), whose functions TF 2
    # still has there with (labels, logits) first
    "python.ops.nn.softmax_cross_entropy_with_logits": "nn.softmax_cross_entropy_with_logits",
    "python.ops.nn.sparse_softmax_cross_entropy_with_logits": (
        "nn.sparse_softmax_cross_entropy_with_logits"
    ),
    "python.ops.nn.sigmoid_cross_entropy_with_logits": "nn.sigmoid_cross_entropy_with_logits",
    "python.ops.nn_impl.sigmoid_cross_entropy_with_logits": "nn.sigmoid_cross_entropy_with_logits",
    # TF 0.x's ctc_loss, reached through its module (TF 2 still has it there, labels first) or
    # through tf.contrib.ctc (TF 0.8-0.11), the same function as tf.nn.ctc_loss
    "python.ops.ctc_ops.ctc_loss": "nn.ctc_loss",
    "contrib.ctc.ctc_loss": "nn.ctc_loss",
    "contrib.ctc.ctc_ops.ctc_loss": "nn.ctc_loss",
}

#: Old keyword names of the reordered functions -> TF 1.x names.
_KEYWORDS: dict[str, dict[str, str]] = {
    "concat": {"concat_dim": "axis"},
    "split": {"split_dim": "axis", "num_split": "num_or_size_splits"},
    "nn.sigmoid_cross_entropy_with_logits": {"targets": "labels"},
    # TF 0.x's shape= of the sparse constructors, dense_shape= from TF 1.0 (TF 2 refuses shape=)
    "SparseTensor": {"shape": "dense_shape"},
    "SparseTensorValue": {"shape": "dense_shape"},
}

#: Pre-1.0 positional parameters of the cross-entropy functions (keyword-only from TF 1.0).
CROSS_ENTROPY: dict[str, tuple[str, ...]] = {
    "nn.softmax_cross_entropy_with_logits": ("logits", "labels", "dim", "name"),
    "nn.sparse_softmax_cross_entropy_with_logits": ("logits", "labels", "name"),
    "nn.sigmoid_cross_entropy_with_logits": ("logits", "labels", "name"),
}

_SAMPLED_REST = (
    "num_sampled",
    "num_classes",
    "num_true",
    "sampled_values",
    "remove_accidental_hits",
    "partition_strategy",
    "name",
)
#: Functions whose positional arguments TF 1.0 swapped -> (parameters before 1.0, from 1.0,
#: how many leading positional arguments kept their place).
SWAPPED_IN_1_0: dict[str, tuple[tuple[str, ...], tuple[str, ...], int]] = {
    **{
        name: (
            ("weights", "biases", "inputs", "labels", *_SAMPLED_REST),
            ("weights", "biases", "labels", "inputs", *_SAMPLED_REST),
            2,
        )
        for name in ("nn.sampled_softmax_loss", "nn.nce_loss")
    },
    "nn.weighted_cross_entropy_with_logits": (
        ("logits", "targets", "pos_weight", "name"),
        ("targets", "logits", "pos_weight", "name"),
        0,
    ),
    # TF 0.8-0.12 ctc_loss(inputs, labels, sequence_length, ...); TF 1.0+ (labels, inputs, ...)
    "nn.ctc_loss": (
        (
            *("inputs", "labels", "sequence_length"),
            *("preprocess_collapse_repeated", "ctc_merge_repeated"),
        ),
        (
            *("labels", "inputs", "sequence_length"),
            *("preprocess_collapse_repeated", "ctc_merge_repeated"),
            *("ignore_longer_outputs_than_inputs", "time_major"),
        ),
        0,
    ),
}

#: TF1 functions taking ``partition_strategy`` -> its positional index there (TF 2's ``tf.nn``
#: versions dropped it and default to ``'div'``; ``tf.compat.v1.nn`` keeps TF1's functions).
PARTITION_STRATEGY_SLOT: dict[str, int] = {
    "nn.embedding_lookup": 2,
    "nn.embedding_lookup_sparse": 3,
    "nn.sampled_softmax_loss": 9,
    "nn.nce_loss": 9,
}

#: The flags modules of TF 1.x, below ``tensorflow.``.
_FLAGS_MODULES = ("app.flags", "flags", "python.platform.flags")
#: TF 1.x's ``tf.flags`` (``tf.app.flags`` under a shorter name), absent from TF 2's ``tf``.
_TF_FLAGS = "tensorflow.flags"
#: Methods that change a dict in place: called on TF < 1.5's ``FLAGS.__flags`` they set flags.
_DICT_WRITES = frozenset({"update", "setdefault", "pop", "popitem", "clear"})
#: TF1 functions programs reached through TensorFlow's internal modules (copies of
#: legacy_seq2seq's source did) that TF 2 moved elsewhere -> their public ``tf.compat.v1`` name,
#: the same function (same parameters).
INTERNAL_MOVED: dict[str, str] = {
    "tensorflow.python.ops.control_flow_ops.cond": "cond",
    "tensorflow.python.ops.control_flow_ops.while_loop": "while_loop",
    "tensorflow.python.ops.control_flow_ops.case": "case",
    "tensorflow.python.ops.control_flow_ops.Assert": "Assert",
    # TF 0.x's module of tf.constant (tensorflow.python.framework.constant_op since TF 1.0)
    "tensorflow.python.ops.constant_op.constant": "constant",
    # TF 1.x legacy_seq2seq's attention_decoder: array_ops.stack([batch_size, attn_size]);
    # TF 2.13 moved both to array_ops_stack
    "tensorflow.python.ops.array_ops.stack": "stack",
    "tensorflow.python.ops.array_ops.unstack": "unstack",
}
#: TF 0.x's static RNN functions reached through ``tensorflow.python.ops.rnn`` (TF 0.11/0.12
#: programs imported ``rnn`` from there) -> their TF 1.x public name. They are the functions
#: ``tf.nn.rnn`` and ``tf.nn.bidirectional_rnn`` named, renamed only where the call's results are
#: read as every version returned them (see :func:`_static_rnn_exact`).
STATIC_RNN_MOVED: dict[str, str] = {
    "tensorflow.python.ops.rnn.rnn": "nn.static_rnn",
    "tensorflow.python.ops.rnn.bidirectional_rnn": "nn.static_bidirectional_rnn",
    "tensorflow.python.ops.rnn.state_saving_rnn": "nn.static_state_saving_rnn",
    # TF 0.6-0.11's tensorflow/models/rnn/rnn.py re-exported it (aymericdamien's TF 0.x
    # bidirectional_rnn example imported it so)
    "tensorflow.models.rnn.rnn.bidirectional_rnn": "nn.static_bidirectional_rnn",
}
#: TF 0.x's ``tf.nn.bidirectional_rnn`` (below ``tensorflow.``), renamed only where its result is
#: unpacked into three (see :func:`_static_rnn_exact`).
_TF_BIRNN = "nn.bidirectional_rnn"
#: TF 0.x's ``tf.nn.rnn`` and ``tf.nn.state_saving_rnn`` (below ``tensorflow.``), whose state was
#: every step's up to TF 0.6: renamed where :mod:`legacy2tf2.migrator.tf0_rnn` allows it.
_TF_RNN = frozenset({"nn.rnn", "nn.state_saving_rnn"})
#: ``nest.is_sequence`` (TF 1.x), ``is_nested`` since TF 2 (the same function, renamed).
NEST_IS_SEQUENCE = frozenset(
    {"tensorflow.nest.is_sequence", "tensorflow.python.util.nest.is_sequence"}
)

#: ``tf.Variable`` and its TF1-only arguments (TF 2's ``tf.Variable`` takes and ignores them).
_TF_VARIABLE = "tensorflow.Variable"
_V1_VARIABLE_KEYWORDS = frozenset({"collections", "expected_shape", "use_resource"})
#: TF 1.x modules absent from TF 2's ``tf`` and kept as ``tf.compat.v1.<name>``; a bare reference
#: to one (not ``tf.logging.info``, which the upgrader renames) is re-spelled.
_TF1_MODULES = frozenset(
    {
        "app",
        "distributions",
        "gfile",
        "logging",
        "manip",
        "python_io",
        "resource_loader",
        "spectral",
        "user_ops",
    }
)

#: (line, column, code, message) of one change or report, 1-based, in the input source.
Change = tuple[int, int, str, str]


def _tf_name(names: set[cst.metadata.QualifiedName]) -> str | None:
    """The name below ``tensorflow`` (``concat``, ``nn.rnn``) or None."""
    for qualified in names:
        for prefix in _PREFIXES:
            if qualified.name.startswith(prefix):
                return qualified.name[len(prefix) :]
    return None


def _is_int_literal(node: cst.BaseExpression) -> bool:
    if isinstance(node, cst.UnaryOperation) and isinstance(node.operator, cst.Minus):
        node = node.expression
    return isinstance(node, cst.Integer)


def _positional(call: cst.Call) -> list[cst.Arg]:
    return [a for a in call.args if a.keyword is None and not a.star]


def _as_keywords(
    args: list[cst.Arg], positional: list[cst.Arg], names: tuple[str, ...], start: int
) -> None:
    """Give the positional ``args`` from index ``start`` on the keywords ``names`` (in place)."""
    for arg, name in zip(positional[start:], names[start:], strict=False):
        args[args.index(arg)] = arg.with_changes(
            keyword=cst.Name(name),
            equal=cst.AssignEqual(
                whitespace_before=cst.SimpleWhitespace(""),
                whitespace_after=cst.SimpleWhitespace(""),
            ),
        )


def _names_read(module: cst.Module) -> set[str]:
    """Every plain name ``module`` reads (a ``Name`` not in a target position, roughly: names of
    assignment targets, parameters and attributes are left out)."""
    targets: set[cst.Name] = set()
    for assign in m.findall(module, m.AssignTarget() | m.AugAssign() | m.AnnAssign()):
        target = getattr(assign, "target", None)
        if target is not None:
            targets.update(n for n in m.findall(target, m.Name()) if isinstance(n, cst.Name))
    # loop targets (`for _ in range(n)` after `outputs, _ = rnn.rnn(...)`) and `as` names bind
    for bound in m.findall(module, m.For() | m.CompFor() | m.AsName()):
        target = bound.name if isinstance(bound, cst.AsName) else bound.target  # type: ignore[attr-defined]
        targets.update(n for n in m.findall(target, m.Name()) if isinstance(n, cst.Name))
        if isinstance(target, cst.Name):
            targets.add(target)
    for node in m.findall(module, m.Attribute()):
        if isinstance(node, cst.Attribute):
            targets.add(node.attr)
    return {
        n.value for n in m.findall(module, m.Name()) if isinstance(n, cst.Name) and n not in targets
    }


def _static_rnn_exact(assign: cst.Assign, name: str, read: set[str]) -> bool:
    """Whether ``assign`` reads the results of TF 0.x's static RNN function ``name`` as every
    version returned them, so that its TF 1.x function computes the same.

    Up to TF 0.6 ``rnn`` (and ``state_saving_rnn``) returned the state of every step, from TF 0.7
    the final state; the outputs were the same. Up to TF 0.7 ``bidirectional_rnn`` returned only
    the outputs, then ``(outputs, output_state_fw, output_state_bw)``. So ``rnn`` is exact where
    its state is bound to a name nothing reads (``outputs, _ = rnn.rnn(...)``), and
    ``bidirectional_rnn`` where its result is unpacked into three.
    """
    if len(assign.targets) != 1:
        return False
    target = assign.targets[0].target
    if not isinstance(target, (cst.Tuple, cst.List)) or any(
        isinstance(e, cst.StarredElement) for e in target.elements
    ):
        return False
    if name.endswith(".bidirectional_rnn"):
        return len(target.elements) == 3
    if len(target.elements) != 2:
        return False
    state = target.elements[1].value
    return isinstance(state, cst.Name) and state.value not in read


def _state_name(assign: cst.Assign) -> str | None:
    """The plain name ``outputs, states = ...`` binds the state to, or None."""
    if len(assign.targets) != 1:
        return None
    target = assign.targets[0].target
    if not isinstance(target, (cst.Tuple, cst.List)) or len(target.elements) != 2:
        return None
    state = target.elements[1].value
    return state.value if isinstance(state, cst.Name) else None


_RNN_MODULE = "tensorflow.python.ops.rnn"


def _exact_static_rnn_imports(
    module: cst.Module, read: set[str], since_0_7: Callable[[], bool]
) -> set[cst.ImportAlias]:
    """The aliases of ``from tensorflow.python.ops.rnn import rnn`` (``bidirectional_rnn``,
    ``state_saving_rnn``) whose bound name is used only as the function of calls whose results
    are read exactly (:func:`_static_rnn_exact`), or, for ``rnn`` and ``state_saving_rnn``, read
    at all in a file ``since_0_7`` says is for TF 0.7+ (their state is the final one there)."""
    found: set[cst.ImportAlias] = set()
    if b"tensorflow.python.ops.rnn import" not in module.bytes:
        return found
    # names that are no reference of an imported binding: in imports, and attributes' names
    skipped: set[cst.CSTNode] = set()
    for node in m.findall(module, m.Import() | m.ImportFrom()):
        skipped.update(m.findall(node, m.Name()))
    for node in m.findall(module, m.Attribute()):
        if isinstance(node, cst.Attribute):
            skipped.add(node.attr)
    for node in m.findall(module, m.ImportFrom()):
        if not isinstance(node, cst.ImportFrom) or isinstance(node.names, cst.ImportStar):
            continue
        if node.relative or cst.helpers.get_full_name_for_node(node.module) != _RNN_MODULE:
            continue
        for alias in node.names:
            name = cst.helpers.get_full_name_for_node(alias.name) or ""
            if f"{_RNN_MODULE}.{name}" not in STATIC_RNN_MOVED:
                continue
            bound = alias.evaluated_alias or name
            calls = [
                a
                for a in m.findall(module, m.Assign(value=m.Call(func=m.Name(bound))))
                if isinstance(a, cst.Assign)
            ]
            uses = [n for n in m.findall(module, m.Name(bound)) if n not in skipped]
            if (
                calls
                and len(uses) == len(calls)
                and (
                    all(_static_rnn_exact(a, f"{_RNN_MODULE}.{name}", read) for a in calls)
                    or (name != "bidirectional_rnn" and since_0_7())
                )
            ):
                found.add(alias)
    return found


def _tensorflow_import_line(module: cst.Module) -> int | None:
    """The index of the first module-level line importing from a TensorFlow module
    (``from tensorflow.python.ops import array_ops``), None without one."""
    for index, statement in enumerate(module.body):
        if not isinstance(statement, cst.SimpleStatementLine):
            continue
        for small in statement.body:
            if isinstance(small, cst.ImportFrom) and not small.relative and small.module:
                dotted = cst.helpers.get_full_name_for_node(small.module) or ""
            elif isinstance(small, cst.Import):
                dotted = cst.helpers.get_full_name_for_node(small.names[0].name) or ""
            else:
                continue
            if dotted.split(".")[0] == "tensorflow":
                return index
    return None


class Pre10Transformer(cst.CSTTransformer):
    """Reorder pre-1.0 ``concat``/``split`` and loss arguments, rename removed ``tf.*`` names.

    ``file_era`` is the era of the source as the user wrote it (before our rewrite, which
    removes evidence such as ``tf.nn.seq2seq``); it is asked only for the sampled losses.
    """

    METADATA_DEPENDENCIES = (QualifiedNameProvider, PositionProvider)

    def __init__(
        self, file_era: era.EraReport | None = None, original: cst.Module | None = None
    ) -> None:
        super().__init__()
        #: (line, col, code, message) of every change or report, 1-based, in the input source.
        self.changes: list[Change] = []
        self._era = file_era
        #: the source as the user wrote it (the TF 0.7+ evidence is read there), when not the input
        self._original = original
        #: ``tf.nn.rnn`` calls -> the state name they are assigned to (None: not a plain name),
        #: and whether the calls' state is read as every version returned it
        self._tf_rnn: dict[cst.BaseExpression, str | None] = {}
        self._tf_rnn_exact: set[cst.BaseExpression] = set()
        self._since_0_7: tuple[str | None] | None = None
        self._tf0_file: bool | None = None
        self._rnn_patched = False
        #: module-level names bound once to a TF flags module (``flags = tf.app.flags``)
        self._flags_aliases: dict[str, int] = {}
        #: ``FLAGS.__flags`` (or ``FLAGS.__dict__["__flags"]``) expressions written through, and
        #: those assigned an item (``FLAGS.__flags[k] = v``: :mod:`.tf1_flags`' to convert)
        self._flags_writes: set[cst.BaseExpression] = set()
        self._flags_item_writes: set[cst.BaseExpression] = set()
        #: expressions whose attribute is read (``tf.logging`` in ``tf.logging.info``)
        self._attribute_values: set[cst.BaseExpression] = set()
        #: the module-level name of the TensorFlow import, and whether it is compat.v1
        self._tensorflow: tuple[str, bool] | None = None
        self._imports_sys = False
        #: without a TensorFlow import: the index of the module-level TensorFlow import line that
        #: ``import tensorflow as tf`` may join (``tf`` unused in the file), and whether it must
        self._tf_import_at: int | None = None
        self._add_tf_import = False
        self._depth = 0
        #: names the module reads, and the static RNN calls whose results are read exactly
        self._read: set[str] = set()
        self._static_rnn: set[cst.BaseExpression] = set()
        #: ``tf.nn.bidirectional_rnn`` calls whose result is unpacked into three
        self._bidirectional: set[cst.BaseExpression] = set()
        #: ``outputs = tf.nn.bidirectional_rnn(...)`` in the ``except`` of a ``try`` whose body
        #: unpacks the same function into three: the program's own TF <= 0.7 fallback
        self._bidirectional_fallback: set[cst.Call] = set()
        self._bidirectional_patched = False
        #: ``from tensorflow.python.ops.rnn import rnn`` aliases every use of which is exact
        self._static_rnn_imports: set[cst.ImportAlias] = set()

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self._depth += 1

    def leave_FunctionDef(
        self, original_node: cst.FunctionDef, updated_node: cst.FunctionDef
    ) -> cst.FunctionDef:
        self._depth -= 1
        return updated_node

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self._depth += 1

    def leave_ClassDef(
        self, original_node: cst.ClassDef, updated_node: cst.ClassDef
    ) -> cst.ClassDef:
        self._depth -= 1
        return updated_node

    def _birnn_call(self, statement: cst.CSTNode) -> tuple[cst.Assign, cst.Call] | None:
        """The assignment and ``tf.nn.bidirectional_rnn`` call of ``statement``, if it is one."""
        if not isinstance(statement, cst.SimpleStatementLine) or len(statement.body) != 1:
            return None
        assign = statement.body[0]
        if not isinstance(assign, cst.Assign) or not isinstance(assign.value, cst.Call):
            return None
        qualified = self.get_metadata(QualifiedNameProvider, assign.value.func, set())
        moved = {q.name for q in qualified} & STATIC_RNN_MOVED.keys()
        birnn = _tf_name(qualified) == _TF_BIRNN or any(
            n.endswith(".bidirectional_rnn") for n in moved
        )
        return (assign, assign.value) if birnn else None

    def visit_Try(self, node: cst.Try) -> None:
        """``try: outputs, _, _ = tf.nn.bidirectional_rnn(...)`` ``except ...: outputs =
        tf.nn.bidirectional_rnn(...)``: the fallback reads TF <= 0.7's result, the outputs."""
        found = [self._birnn_call(s) for s in node.body.body]
        if not any(f and _static_rnn_exact(f[0], _TF_BIRNN, set()) for f in found):
            return
        for handler in node.handlers:
            for statement in handler.body.body:
                fallback = self._birnn_call(statement)
                if fallback is None:
                    continue
                targets = fallback[0].targets
                if len(targets) == 1 and isinstance(targets[0].target, cst.Name):
                    self._bidirectional_fallback.add(fallback[1])
                    self._bidirectional.add(fallback[1].func)
                    qualified = self.get_metadata(QualifiedNameProvider, fallback[1].func, set())
                    if {q.name for q in qualified} & STATIC_RNN_MOVED.keys():
                        # a moved module's function (models.rnn's): leave_Attribute moves it;
                        # tf.nn.bidirectional_rnn is renamed as the try body's is
                        self._static_rnn.add(fallback[1].func)

    def leave_Assign(
        self, original_node: cst.Assign, updated_node: cst.Assign
    ) -> cst.BaseExpression:
        if original_node.value not in self._bidirectional_fallback:
            return updated_node
        self._note(
            original_node.value,
            "tf.nn.bidirectional_rnn in the program's fallback for TF up to 0.7 (its try unpacks "
            "the same function into three): that returned only the outputs, "
            "static_bidirectional_rnn(...)[0]",
        )
        index = cst.SubscriptElement(cst.Index(cst.Integer("0")))
        return updated_node.with_changes(
            value=cst.Subscript(value=updated_node.value, slice=[index])
        )

    def visit_Assign(self, node: cst.Assign) -> None:
        if isinstance(node.value, cst.Call):
            func = node.value.func
            names = {q.name for q in self.get_metadata(QualifiedNameProvider, func, set())}
            moved = names & STATIC_RNN_MOVED.keys()
            if len(moved) == 1 and (
                _static_rnn_exact(node, next(iter(moved)), self._read)
                or (not next(iter(moved)).endswith(_TF_BIRNN) and self._newer_than_0_6())
            ):
                self._static_rnn.add(func)
            tf_name = _tf_name(self.get_metadata(QualifiedNameProvider, func, set()))
            if tf_name == _TF_BIRNN and _static_rnn_exact(node, _TF_BIRNN, set()):
                self._bidirectional.add(func)
            if tf_name in _TF_RNN:
                if _static_rnn_exact(node, tf_name, self._read):
                    self._tf_rnn_exact.add(func)
                self._tf_rnn[func] = _state_name(node)
        for target in node.targets:
            if isinstance(target.target, cst.Name):
                name = target.target.value
                value = _tf_name(self.get_metadata(QualifiedNameProvider, node.value, set()))
                if self._depth == 0 and value in _FLAGS_MODULES and name not in self._flags_aliases:
                    self._flags_aliases[name] = 1
                elif (
                    self._depth == 0
                    and name not in self._flags_aliases
                    and self._is_flags_object(node.value)
                ):
                    self._flags_aliases[name] = 2  # FLAGS = tf.app.flags.FLAGS
                else:  # rebound, or bound in a function: not known to be the flags module
                    self._flags_aliases[name] = 0

    def _is_flags_object(self, node: cst.BaseExpression) -> bool:
        """``node`` is TensorFlow's ``FLAGS`` (``tf.app.flags.FLAGS``, ``flags.FLAGS`` of an
        alias, or a module-level name assigned it once)."""
        name = _tf_name(self.get_metadata(QualifiedNameProvider, node, set()))
        if name is not None and name.endswith(".FLAGS"):
            return name[: -len(".FLAGS")] in _FLAGS_MODULES
        if isinstance(node, cst.Name):
            return self._flags_aliases.get(node.value) == 2
        return (
            isinstance(node, cst.Attribute)
            and node.attr.value == "FLAGS"
            and isinstance(node.value, cst.Name)
            and self._flags_aliases.get(node.value.value) == 1
        )

    def _flag_dict(self, node: cst.BaseExpression) -> bool:
        """``node`` is TF < 1.5's dict of the flag values: ``FLAGS.__flags`` or
        ``FLAGS.__dict__["__flags"]`` of TensorFlow's ``FLAGS``."""
        if isinstance(node, cst.Attribute):
            return node.attr.value == "__flags" and self._is_flags_object(node.value)
        return (
            isinstance(node, cst.Subscript)
            and len(node.slice) == 1
            and isinstance(node.slice[0].slice, cst.Index)
            and isinstance(node.slice[0].slice.value, cst.SimpleString)
            and node.slice[0].slice.value.evaluated_value == "__flags"
            and isinstance(node.value, cst.Attribute)
            and node.value.attr.value == "__dict__"
            and self._is_flags_object(node.value.value)
        )

    def _note_flag_write(self, target: cst.BaseExpression) -> None:
        if isinstance(target, cst.Subscript) and self._flag_dict(target.value):
            self._flags_writes.add(target.value)

    def visit_AssignTarget(self, node: cst.AssignTarget) -> None:
        target = node.target
        if isinstance(target, cst.Subscript) and self._flag_dict(target.value):
            self._flags_item_writes.add(target.value)

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        self._note_flag_write(node.target)

    def visit_Del(self, node: cst.Del) -> None:
        self._note_flag_write(node.target)

    def visit_Call(self, node: cst.Call) -> None:
        func = node.func
        if (
            isinstance(func, cst.Attribute)
            and func.attr.value in _DICT_WRITES
            and self._flag_dict(func.value)
        ):
            self._flags_writes.add(func.value)

    def _flag_values(
        self, original_node: cst.BaseExpression, flags: cst.BaseExpression, spelled: str, now: str
    ) -> cst.BaseExpression | None:
        """``FLAGS.__flags`` (``spelled``) -> ``FLAGS.flag_values_dict()`` where it is read;
        None (left, reported) where the program writes through it."""
        if original_node in self._flags_writes:
            self._note(
                original_node,
                f"{spelled} (TF < 1.5: the dict of the flag values) is written here; absl's FLAGS "
                "(TF 1.5+) has no such dict and its flag_values_dict() is a copy that a write "
                "would not reach: left as it is (set a flag with FLAGS.name = value)",
                UNSAFE_REFERENCE,
            )
            return None
        if original_node in self._flags_item_writes:
            return None  # FLAGS.__flags[k] = v: tf1_flags sets the flag (or reports it)
        self._note(
            original_node,
            f"{spelled} (TF < 1.5: a dict of the flag values) {now}: changed to "
            "FLAGS.flag_values_dict() (the values; absl's own flags, such as logtostderr, among "
            "them)",
        )
        return cst.Call(cst.Attribute(flags, cst.Name("flag_values_dict")))

    def leave_Subscript(
        self, original_node: cst.Subscript, updated_node: cst.Subscript
    ) -> cst.BaseExpression:
        """``FLAGS.__dict__["__flags"]`` (TF < 1.5's dict of the values) where it is read ->
        ``FLAGS.flag_values_dict()``."""
        if not self._flag_dict(original_node):
            return updated_node
        assert isinstance(updated_node.value, cst.Attribute)
        new = self._flag_values(
            original_node,
            updated_node.value.value,
            'FLAGS.__dict__["__flags"]',
            "is not in TF 2's FLAGS (a KeyError)",
        )
        if new is None:
            return updated_node
        return new.with_changes(lpar=updated_node.lpar, rpar=updated_node.rpar)

    def _parse_flags_call(self, node: cst.BaseExpression) -> cst.Call | None:
        """``FLAGS._parse_flags()`` (TF < 1.5's argparse flags; gone with absl), else None."""
        if (
            isinstance(node, cst.Call)
            and not node.args
            and isinstance(node.func, cst.Attribute)
            and node.func.attr.value == "_parse_flags"
            and self._is_flags_object(node.func.value)
        ):
            return node
        return None

    def leave_SimpleStatementLine(
        self, original_node: cst.SimpleStatementLine, updated_node: cst.SimpleStatementLine
    ) -> cst.SimpleStatementLine:
        """``FLAGS._parse_flags()`` -> ``FLAGS(sys.argv, known_only=True)``: absl's parse of the
        command line, which like TF < 1.5's ``parse_known_args`` leaves unknown arguments; ``sys``
        imported on the same line when the module does not import it."""
        body = list(updated_node.body)
        changed = False
        for i, (old, new) in enumerate(zip(original_node.body, updated_node.body, strict=True)):
            if not (isinstance(old, cst.Expr) and self._parse_flags_call(old.value)):
                continue
            assert isinstance(new, cst.Expr) and isinstance(new.value, cst.Call)
            assert isinstance(new.value.func, cst.Attribute)
            flags = cst.Module([]).code_for_node(new.value.func.value)
            self._note(
                old,
                "FLAGS._parse_flags() (TF < 1.5's argparse flags, gone from absl's) changed to "
                "FLAGS(sys.argv, known_only=True), absl's parse of the command line",
            )
            body[i] = new.with_changes(
                value=cst.parse_expression(f"{flags}(sys.argv, known_only=True)")
            )
            changed = True
        if not changed:
            return updated_node
        if not self._imports_sys:
            body.insert(0, cst.Import([cst.ImportAlias(cst.Name("sys"))]))
        return updated_node.with_changes(body=body)

    def _flags_function(self, func: cst.BaseExpression) -> str | None:
        """``DEFINE_integer`` when ``func`` is a TF flags module's, else None."""
        name = _tf_name(self.get_metadata(QualifiedNameProvider, func, set()))
        if name is not None:
            module, _, function = name.rpartition(".")
            return function if module in _FLAGS_MODULES else None
        if (
            isinstance(func, cst.Attribute)
            and isinstance(func.value, cst.Name)
            and self._flags_aliases.get(func.value.value) == 1
        ):
            return func.attr.value
        return None

    def _integer_flag(self, original: cst.Call, updated: cst.Call) -> cst.Call:
        """``DEFINE_integer(name, 0.5, ...)`` -> ``DEFINE_float``: argparse (TF < 1.5) kept the
        float default; absl refuses it."""
        if self._flags_function(original.func) != "DEFINE_integer":
            return updated
        default = next(
            (a for a in updated.args if a.keyword is not None and a.keyword.value == "default"),
            None,
        )
        positional = _positional(updated)
        if default is None and len(positional) >= 2:
            default = positional[1]
        value = None if default is None else default.value
        if isinstance(value, cst.UnaryOperation) and isinstance(value.operator, cst.Minus):
            value = value.expression
        if not isinstance(value, cst.Float) or not isinstance(updated.func, cst.Attribute):
            return updated
        self._note(
            original,
            "DEFINE_integer with a float default: TF < 1.5 flags (argparse) kept the float, absl "
            "refuses it; changed to DEFINE_float (same default)",
        )
        return updated.with_changes(func=updated.func.with_changes(attr=cst.Name("DEFINE_float")))

    def _note(self, node: cst.CSTNode, message: str, code: str = PRE_1_0_CALL) -> None:
        start = self.get_metadata(PositionProvider, node).start
        self.changes.append((start.line, start.column + 1, code, message))

    def _tf1_module(
        self, original_node: cst.Attribute, updated_node: cst.Attribute, module: str
    ) -> cst.BaseExpression:
        """``tf.flags`` -> ``tf.compat.v1.flags`` (reached through ``tensorflow``, not compat.v1);
        the same for a bare reference to another module of :data:`_TF1_MODULES`."""
        dotted = cst.helpers.get_full_name_for_node(original_node)
        if dotted is None or not dotted.endswith("." + module):
            return updated_node
        if module == "flags":
            message = (
                "tf.flags (TF 1.x's short name of tf.app.flags) is not in TF 2: changed to "
                "tf.compat.v1.flags, the same absl flags module"
            )
        else:
            message = (
                f"tf.{module} (a TF 1.x module) is not in TF 2's tf: changed to "
                f"tf.compat.v1.{module}, the same module"
            )
        self._note(original_node, message)
        head = dotted[: -len(module) - 1]
        replacement = cst.parse_expression(f"{head}.compat.v1.{module}")
        return replacement.with_changes(lpar=updated_node.lpar, rpar=updated_node.rpar)

    def visit_Attribute(self, node: cst.Attribute) -> None:
        self._attribute_values.add(node.value)

    def leave_ImportFrom(
        self, original_node: cst.ImportFrom, updated_node: cst.ImportFrom
    ) -> cst.ImportFrom:
        """``from tensorflow import flags, logging`` -> ``from tensorflow.compat.v1 import ...``
        when every name imported is a TF 1.x module TF 2's ``tf`` lacks; likewise ``from
        tensorflow.python.ops.constant_op import constant`` (TF 0.x) and ``cond``, ... of
        ``control_flow_ops``, whose public ``tf.compat.v1`` names are the same."""
        if original_node.relative or isinstance(original_node.names, cst.ImportStar):
            return updated_node
        module = cst.helpers.get_full_name_for_node(original_node.module)
        names = {cst.helpers.get_full_name_for_node(a.name) for a in original_node.names}
        if all(INTERNAL_MOVED.get(f"{module}.{n}") == n for n in names):
            self._note(
                original_node,
                f"{', '.join(sorted(str(n) for n in names))} of {module} (a TF1 internal "
                "module's) is not there in TF 2: imported from tensorflow.compat.v1, the same "
                "function",
            )
            return updated_node.with_changes(module=cst.parse_expression("tensorflow.compat.v1"))
        if module != "tensorflow":
            return updated_node
        if not names <= _TF1_MODULES | {"flags"}:
            return updated_node
        self._note(
            original_node,
            f"{', '.join(sorted(str(n) for n in names))} of tensorflow (TF 1.x modules) are not "
            "in TF 2's tf: imported from tensorflow.compat.v1, the same modules",
        )
        return updated_node.with_changes(module=cst.parse_expression("tensorflow.compat.v1"))

    def visit_Module(self, node: cst.Module) -> None:
        self._module = node
        self._tensorflow = tensorflow_module(node)
        if self._tensorflow is None and not m.findall(node, m.Name("tf")):
            self._tf_import_at = _tensorflow_import_line(node)
        self._read = _names_read(node) if b"rnn" in node.bytes else set()
        self._static_rnn_imports = _exact_static_rnn_imports(node, self._read, self._newer_than_0_6)
        # tf.nn.bidirectional_rnn = tf.contrib.rnn.static_bidirectional_rnn: the program's own
        # name for the TF 1.x function, whose results it reads as that returns them
        patched = {
            cst.helpers.get_full_name_for_node(t.target) or ""
            for t in m.findall(node, m.AssignTarget())
            if isinstance(t, cst.AssignTarget)
        }
        self._bidirectional_patched = any(p.endswith("." + _TF_BIRNN) for p in patched)
        self._rnn_patched = any(p.endswith("." + name) for p in patched for name in _TF_RNN)
        self._imports_sys = any(
            isinstance(small, cst.Import)
            and any(
                a.asname is None and cst.helpers.get_full_name_for_node(a.name) == "sys"
                for a in small.names
            )
            for statement in node.body
            if isinstance(statement, cst.SimpleStatementLine)
            for small in statement.body
        )

    def leave_Module(self, original_node: cst.Module, updated_node: cst.Module) -> cst.Module:
        """``import tensorflow as tf`` joins the line of the file's first TensorFlow import
        (lines kept) where a TF1 internal name became its ``tf.compat.v1`` spelling in a file
        that imports only TensorFlow's internal modules (vendored copies of TF's own source)."""
        if not self._add_tf_import or self._tf_import_at is None:
            return updated_node
        statement = updated_node.body[self._tf_import_at]
        assert isinstance(statement, cst.SimpleStatementLine)
        self._note(
            original_node.body[self._tf_import_at],
            "import tensorflow as tf added on this line: the file imports only TensorFlow's "
            "internal modules, and names TF 2 moved out of them are spelled tf.compat.v1.*",
        )
        tf_import = cst.parse_statement("import tensorflow as tf").body[0]
        body = [*updated_node.body]
        body[self._tf_import_at] = statement.with_changes(body=[*statement.body, tf_import])
        return updated_node.with_changes(body=body)

    def leave_ImportAlias(
        self, original_node: cst.ImportAlias, updated_node: cst.ImportAlias
    ) -> cst.ImportAlias:
        """``from tensorflow.python.ops.rnn import rnn`` -> ``... import static_rnn as rnn``
        where every call of it reads its results exactly (the module keeps the TF 1.x
        functions under their TF 1.x names)."""
        if original_node not in self._static_rnn_imports:
            return updated_node
        name = cst.helpers.get_full_name_for_node(original_node.name) or ""
        moved = STATIC_RNN_MOVED[f"{_RNN_MODULE}.{name}"].removeprefix("nn.")
        self._note(
            original_node.name,
            f"TF 0.x's python.ops.rnn.{name} is {moved} of the same module (the same "
            "arguments; its results are read here as every TF version returned them)",
        )
        bound = original_node.evaluated_alias or name
        return updated_node.with_changes(
            name=cst.Name(moved),
            asname=cst.AsName(
                name=cst.Name(bound),
                whitespace_before_as=cst.SimpleWhitespace(" "),
                whitespace_after_as=cst.SimpleWhitespace(" "),
            ),
        )

    def _static_rnn_moved(
        self, original_node: cst.Attribute, updated_node: cst.Attribute, names: set[str]
    ) -> cst.BaseExpression:
        """``rnn.rnn`` of ``tensorflow.python.ops`` -> ``tf.compat.v1.nn.static_rnn`` (and the
        bidirectional and state-saving ones), where :func:`_static_rnn_exact` allowed it."""
        assert self._tensorflow is not None
        old = next(iter(names & STATIC_RNN_MOVED.keys()))
        alias, through_compat = self._tensorflow
        moved = STATIC_RNN_MOVED[old]
        public = f"{alias}.{moved}" if through_compat else f"{alias}.compat.v1.{moved}"
        self._note(
            original_node,
            f"TF 0.x's {old.removeprefix('tensorflow.')} is {public} (the same arguments; its "
            "results are read here as every TF version returned them)",
        )
        return cst.parse_expression(public).with_changes(
            lpar=updated_node.lpar, rpar=updated_node.rpar
        )

    def _internal_moved(
        self, original_node: cst.Attribute, updated_node: cst.Attribute, names: set[str]
    ) -> cst.BaseExpression | None:
        """``control_flow_ops.cond`` -> ``tf.compat.v1.cond``, ``nest.is_sequence`` ->
        ``nest.is_nested``; None when ``names`` holds none of those."""
        if names & NEST_IS_SEQUENCE:
            self._note(original_node, "nest.is_sequence is named nest.is_nested since TF 2")
            return updated_node.with_changes(attr=cst.Name("is_nested"))
        moved = next((INTERNAL_MOVED[n] for n in sorted(names) if n in INTERNAL_MOVED), None)
        if moved is None:
            return None
        if self._tensorflow is not None:
            alias, through_compat = self._tensorflow
        elif self._tf_import_at is not None:  # a vendored TF module imports only internals
            alias, through_compat = "tf", False
            self._add_tf_import = True
        else:
            return None  # no TensorFlow import to spell it with: tf_names reports it
        public = f"{alias}.{moved}" if through_compat else f"{alias}.compat.v1.{moved}"
        self._note(
            original_node,
            f"{cst.helpers.get_full_name_for_node(original_node)} (a TF1 internal module's) is "
            f"not there in TF 2: changed to {public}, the same function",
        )
        return cst.parse_expression(public).with_changes(
            lpar=updated_node.lpar, rpar=updated_node.rpar
        )

    def leave_Attribute(
        self, original_node: cst.Attribute, updated_node: cst.Attribute
    ) -> cst.BaseExpression:
        qualified = self.get_metadata(QualifiedNameProvider, original_node, set())
        if original_node.attr.value == "__flags" and self._is_flags_object(original_node.value):
            new = self._flag_values(
                original_node,
                updated_node.value,
                "FLAGS.__flags",
                "is a dict of absl Flag objects since TF 1.5",
            )
            if new is None:
                return updated_node
            return new.with_changes(lpar=updated_node.lpar, rpar=updated_node.rpar)
        names = {q.name for q in qualified}
        if original_node in self._static_rnn and self._tensorflow is not None:
            return self._static_rnn_moved(original_node, updated_node, names)
        moved = self._internal_moved(original_node, updated_node, names)
        if moved is not None:
            return moved
        if names == {_TF_FLAGS}:
            return self._tf1_module(original_node, updated_node, "flags")
        if len(names) == 1 and original_node not in self._attribute_values:
            module = next(iter(names)).removeprefix("tensorflow.")
            if module in _TF1_MODULES and not next(iter(names)).startswith(COMPAT_V1_PREFIX):
                return self._tf1_module(original_node, updated_node, module)
        name = _tf_name(qualified)
        if name not in RENAMES:
            return updated_node
        if name in _TF_RNN and not self._tf_rnn_renamed(original_node):
            evidence = "no evidence" if self._era is None else self._era.describe()
            self._note(
                original_node,
                f"tf.{name} returned the state of every step up to TF 0.6 and the final state "
                f"since TF 0.7, as tf.compat.v1.{RENAMES[name]} does; this file reads the state "
                "and does not show it was written for TF 0.7 or later (no tf.contrib, "
                f"tf.nn.dynamic_rnn, state_is_tuple=, ...; era: {evidence}): states[-1] was TF "
                "0.6's final state but is the last layer's (or h) of a TF 0.9+ tuple state. Left "
                f"as it is: write tf.{RENAMES[name]} if the code is for TF 0.7+ (or outputs, _ = "
                "... where only the outputs are used)",
                REMOVED_MODULE,
            )
            return updated_node
        if (
            name == _TF_BIRNN
            and original_node not in self._bidirectional
            and not self._bidirectional_patched
        ):
            self._note(
                original_node,
                "tf.nn.bidirectional_rnn returned only the outputs up to TF 0.7, and "
                "(outputs, output_state_fw, output_state_bw) since, as "
                "tf.compat.v1.nn.static_bidirectional_rnn does: its result is not unpacked into "
                "three here, so which the code reads cannot be told; left as it is (write "
                "outputs, _, _ = ... for the outputs)",
                REMOVED_MODULE,
            )
            return updated_node
        old_module, _, _ = name.rpartition(".")
        new_module, _, new_last = RENAMES[name].rpartition(".")
        if old_module != new_module:  # the function moved: re-spell the chain below its head
            dotted = cst.helpers.get_full_name_for_node(original_node)
            if dotted is None or not dotted.endswith("." + name):
                return updated_node
            head = dotted[: -len(name) - 1]
            since = "in core TF 1.x, the same" if name.startswith("contrib.") else "since TF 1.0"
            self._note(original_node, f"tf.{name} is tf.{RENAMES[name]} {since}")
            replacement = cst.parse_expression(f"{head}.{RENAMES[name]}")
            return replacement.with_changes(lpar=updated_node.lpar, rpar=updated_node.rpar)
        self._note(original_node, f"pre-1.0 tf.{name} renamed to tf.{RENAMES[name]}")
        return updated_node.with_changes(attr=cst.Name(new_last))

    def _newer_than_0_6(self) -> bool:
        """Whether the source as written shows it is for TF 0.7 or later (computed once)."""
        if self._since_0_7 is None:
            original = self._original if self._original is not None else self._module
            self._since_0_7 = (tf0_rnn.since_0_7(original, self._era),)
        return self._since_0_7[0] is not None

    def _tf_rnn_renamed(self, func: cst.BaseExpression) -> bool:
        """Whether ``tf.nn.rnn`` (``state_saving_rnn``) at ``func`` may become its TF 1.x name:
        its state is read as every version returned it, the file is for TF 0.7+, the state is
        read only as another RNN's initial state (which TF 0.6's list of states never was), or
        (a file of the ``tensorflow.models.rnn`` years) the state is read only whole or as
        ``[-1]``."""
        if func in self._tf_rnn_exact or self._rnn_patched:
            return True  # exact, or the program's own name for its function (tf.nn.rnn = f)
        if self._newer_than_0_6():
            return True
        original = self._original if self._original is not None else self._module
        state = self._tf_rnn.get(func)
        if state is None:
            return False
        reads = tf0_rnn.state_reads(self._module, state)
        if reads == {tf0_rnn.INITIAL}:
            return True  # only another RNN's initial state: the final state, TF 0.7+
        if self._tf0_file is None:
            from legacy2tf2.migrator.tf0_state import written_for_tf0_11

            self._tf0_file = written_for_tf0_11(original)
        return self._tf0_file and reads <= {tf0_rnn.WHOLE, tf0_rnn.LAST, tf0_rnn.INITIAL}

    def _v1_variable(self, original: cst.Call, updated: cst.Call) -> cst.Call:
        """``tf.Variable(x, collections=[])`` -> ``tf.compat.v1.Variable(...)``: TF 2's
        ``tf.Variable`` accepts TF1's ``collections``/``expected_shape``/``use_resource`` and
        ignores them (the variable lands in the global variables whatever ``collections`` says),
        and reads a 3rd positional argument as ``validate_shape``, TF1's ``collections``."""
        names = {q.name for q in self.get_metadata(QualifiedNameProvider, original.func, set())}
        if names != {_TF_VARIABLE} or not isinstance(updated.func, cst.Attribute):
            return updated
        keywords = {a.keyword.value for a in updated.args if a.keyword is not None}
        if not keywords & _V1_VARIABLE_KEYWORDS and len(_positional(updated)) < 3:
            return updated
        dotted = cst.helpers.get_full_name_for_node(original.func)
        if dotted is None or not dotted.endswith(".Variable"):
            return updated
        self._note(
            original,
            "tf.Variable with TF1's collections/expected_shape/use_resource (or a 3rd positional "
            "argument, TF1's collections): TF 2's tf.Variable ignores them; changed to "
            "tf.compat.v1.Variable, which honours them as TF1 did",
        )
        head = dotted[: -len(".Variable")]
        return updated.with_changes(func=cst.parse_expression(f"{head}.compat.v1.Variable"))

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
        result = self._leave_call(original_node, updated_node)
        if isinstance(result, cst.Call):
            return self._v1_partitioned(original_node, result)
        return result

    def _v1_partitioned(self, original: cst.Call, updated: cst.Call) -> cst.Call:
        """TF1's ``tf.nn.embedding_lookup``/``embedding_lookup_sparse``/``sampled_softmax_loss``/
        ``nce_loss`` -> their ``tf.compat.v1.nn`` spelling, TF1's functions.

        TF 2's ``tf.nn`` versions dropped ``partition_strategy`` (a TypeError on the keyword;
        positionally, its slot now holds another parameter) and shard a list of tables
        ``'div'``, where TF1's default was ``'mod'``: the same ids read other rows of a sharded
        table (other numbers from a TF1 checkpoint). With one table both agree.
        """
        func = updated.func
        if not (
            isinstance(func, cst.Attribute)
            and isinstance(func.value, cst.Attribute)
            and func.value.attr.value == "nn"
        ):
            return updated
        names = self.get_metadata(QualifiedNameProvider, original.func, set())
        if not any(q.name.startswith("tensorflow.nn.") for q in names):
            return updated
        name = func.attr.value
        slot = PARTITION_STRATEGY_SLOT.get(f"nn.{name}")
        if slot is None:
            return updated
        given = len(_positional(updated)) > slot or any(
            a.keyword is not None and a.keyword.value == "partition_strategy" for a in updated.args
        )
        v1 = cst.Attribute(
            value=cst.Attribute(value=func.value.value, attr=cst.Name("compat")),
            attr=cst.Name("v1"),
        )
        why = (
            "TF 2's tf.nn version has no partition_strategy"
            if given
            else "TF 2's tf.nn version shards a list of tables 'div', TF1's 'mod'"
        )
        self._note(original, f"tf.nn.{name} -> tf.compat.v1.nn.{name}, TF1's function ({why})")
        return updated.with_changes(func=func.with_changes(value=func.value.with_changes(value=v1)))

    def _leave_call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
        updated_node = self._integer_flag(original_node, updated_node)
        updated_node = self._v1_variable(original_node, updated_node)
        name = _tf_name(self.get_metadata(QualifiedNameProvider, original_node.func, set()))
        name = _ARRAY_OPS.get(name or "", name)
        if name in CROSS_ENTROPY:
            updated_node = self._cross_entropy(original_node, updated_node, name)
        elif name in SWAPPED_IN_1_0:
            return self._swapped_in_1_0(original_node, updated_node, name)
        elif name == REVERSE:
            return self._reverse(original_node, updated_node)
        if name not in _KEYWORDS:
            return updated_node
        args = list(updated_node.args)
        renamed = _KEYWORDS[name]
        for i, arg in enumerate(args):
            if arg.keyword is not None and arg.keyword.value in renamed:
                args[i] = arg.with_changes(keyword=cst.Name(renamed[arg.keyword.value]))
        positional = _positional(updated_node)
        old_order = False
        if name == "concat" and len(positional) >= 2:
            first, second = positional[0], positional[1]
            old_order = _is_int_literal(first.value) and not _is_int_literal(second.value)
            if old_order:
                i, j = args.index(first), args.index(second)
                args[i] = first.with_changes(value=second.value)
                args[j] = second.with_changes(value=first.value)
        elif name == "split" and len(positional) == 3:
            first, third = positional[0], positional[2]
            old_order = _is_int_literal(first.value) and not _is_int_literal(third.value)
            if old_order:
                i, k = args.index(first), args.index(third)
                args[i] = first.with_changes(value=third.value)
                args[k] = third.with_changes(value=first.value)
        if old_order:
            self._note(
                original_node, f"pre-1.0 argument order of tf.{name} changed to TF 1.x order"
            )
        elif args == list(updated_node.args):
            return updated_node
        else:
            self._note(original_node, f"pre-1.0 keyword of tf.{name} renamed")
        return updated_node.with_changes(args=args)

    def _reverse(self, original: cst.Call, updated: cst.Call) -> cst.Call:
        """``tf.reverse(x, [False, True])`` (a pre-1.0 mask) -> ``tf.reverse(x, [1])`` (axes)."""
        args = list(updated.args)
        slot = next(
            (
                i
                for i, arg in enumerate(args)
                if (arg.keyword is None and not arg.star and i == 1)
                or (arg.keyword is not None and arg.keyword.value in ("dims", "axis"))
            ),
            None,
        )
        if slot is None:
            return updated
        value = args[slot].value
        if isinstance(value, (cst.List, cst.Tuple)) and value.elements:
            flags = [
                e.value.value if isinstance(e.value, cst.Name) else None for e in value.elements
            ]
            if all(flag in ("True", "False") for flag in flags):
                axes = [str(i) for i, flag in enumerate(flags) if flag == "True"]
                self._note(
                    original,
                    "pre-1.0 tf.reverse(x, dims) took a boolean mask of dimensions; changed to "
                    "the list of axes TF 1.0+ takes",
                )
                new_arg = args[slot].with_changes(
                    value=cst.parse_expression(f"[{', '.join(axes)}]")
                )
                if new_arg.keyword is not None and new_arg.keyword.value == "dims":
                    new_arg = new_arg.with_changes(keyword=cst.Name("axis"))
                args[slot] = new_arg
                return updated.with_changes(args=args)
            return updated  # literal axes: TF 1.0+ code
        if isinstance(value, (cst.Integer, cst.UnaryOperation)):
            return updated
        if self._era is not None and self._era.only([era.PRE_1_0]) is False:
            return updated  # certainly TF 1.0 or later: a list of axes
        evidence = "no evidence" if self._era is None else self._era.describe()
        self._note(
            original,
            "tf.reverse(x, dims): before TF 1.0 dims was a boolean mask of dimensions, from 1.0 "
            f"the list of axes; this argument is not a literal list and the file's TensorFlow "
            f"version ({evidence}) is not known to be 1.0+, so it cannot be converted exactly; "
            "left as it is (write the axes, e.g. [1], to decide)",
            REVERSE_DIMS,
        )
        return updated

    def _cross_entropy(self, original: cst.Call, updated: cst.Call, name: str) -> cst.Call:
        """``tf.nn.*_cross_entropy_with_logits(logits, labels)``: keywords, the pre-1.0 meaning."""
        if any(arg.star == "*" for arg in updated.args):
            return self._starred_cross_entropy(original, updated, name)
        positional = _positional(updated)
        if not positional or len(positional) > len(CROSS_ENTROPY[name]):
            return updated
        args = list(updated.args)
        for arg, keyword in zip(positional, CROSS_ENTROPY[name], strict=False):
            args[args.index(arg)] = arg.with_changes(
                keyword=cst.Name(keyword),
                equal=cst.AssignEqual(
                    whitespace_before=cst.SimpleWhitespace(""),
                    whitespace_after=cst.SimpleWhitespace(""),
                ),
            )
        self._note(
            original,
            f"pre-1.0 positional tf.{name}(logits, labels): TF 1.0+ takes keywords only, "
            "written as logits=, labels=",
        )
        return updated.with_changes(args=args)

    def _starred_cross_entropy(self, original: cst.Call, updated: cst.Call, name: str) -> cst.Call:
        """``tf.nn.*_cross_entropy_with_logits(*pair)``: called through a function of the pre-1.0
        parameters, which passes them on as keywords.

        TF 0.x took ``(logits, labels, ...)``; TF 1.x refused positional arguments; TF 2 takes
        ``(labels, logits, ...)``, so a starred sequence passed unchanged swaps logits and labels
        (silently where both have one shape, as dense labels do). What the sequence holds is
        known only when it runs, so the call gets a function with TF 0.x's parameters
        (``(lambda logits, labels, name=None: f(logits=logits, labels=labels, name=name))(*x)``):
        the same arguments bind as TF 0.x bound them, the same calls fail.
        """
        params = CROSS_ENTROPY[name]
        defaults = {"dim": "-1", "name": "None"}
        signature = ", ".join(p if p not in defaults else f"{p}={defaults[p]}" for p in params)
        keywords = ", ".join(f"{p}={p}" for p in params)
        func = cst.Module([]).code_for_node(updated.func)
        wrapper = cst.parse_expression(f"(lambda {signature}: {func}({keywords}))")
        self._note(
            original,
            f"pre-1.0 tf.{name} called with a starred argument: TF 0.x bound it as "
            f"({', '.join(params)}), TF 2 binds (labels, logits, ...); called through a lambda "
            "of TF 0.x's parameters that passes them as keywords",
        )
        return updated.with_changes(func=wrapper)

    def _starred_swapped(self, original: cst.Call, updated: cst.Call, name: str) -> cst.Call:
        """A starred argument to a function whose positional order TF 1.0 swapped: which
        parameters it fills is known only when it runs, so only a 1.0+ file is left silently."""
        if self._era is not None and self._era.only([era.PRE_1_0]) is False:
            return updated  # TF 1.0+ code: TF 2 binds its arguments as TF 1.x did
        old, _new, kept = SWAPPED_IN_1_0[name]
        first, second = old[kept], old[kept + 1]
        evidence = "no evidence" if self._era is None else self._era.describe()
        self._note(
            original,
            f"tf.{name} called with a starred argument: TF 1.0 swapped two of its positional "
            f"arguments ({first}, {second} before 1.0; {second}, {first} from 1.0), which the "
            f"starred values may fill, and this file is not known to be TF 1.0+ ({evidence}); "
            f"left as it is: pass {first}= and {second}= by hand",
            SWAPPED_ARGUMENTS,
        )
        return updated

    def _swapped_in_1_0(self, original: cst.Call, updated: cst.Call, name: str) -> cst.Call:
        """``sampled_softmax_loss``/``nce_loss`` (inputs, labels) and
        ``weighted_cross_entropy_with_logits`` (logits, targets): swapped in TF 1.0."""
        positional = _positional(updated)
        old, new, kept = SWAPPED_IN_1_0[name]
        if any(arg.star == "*" for arg in updated.args):
            return self._starred_swapped(original, updated, name)
        if len(positional) <= kept:
            return updated  # no swapped argument is positional
        keywords = {a.keyword.value for a in updated.args if a.keyword is not None}
        fits = [
            order
            for order in (old, new)
            if len(positional) <= len(order) and not keywords & set(order[: len(positional)])
        ]
        if len(fits) == 1:
            pre = fits[0] is old
        elif not fits:
            return updated  # a call no TensorFlow accepted: TensorFlow says why when it runs
        else:
            pre = None if self._era is None else self._era.only([era.PRE_1_0])
        first, second = old[kept], old[kept + 1]
        if pre is None:
            evidence = "no evidence" if self._era is None else self._era.describe()
            self._note(
                original,
                f"positional tf.{name}: TF 1.0 swapped two of its arguments ({first}, {second} "
                f"before 1.0; {second}, {first} from 1.0) and this file does not tell its "
                f"TensorFlow version ({evidence}); left as it is: write {first}= and {second}= "
                "by hand",
                SWAPPED_ARGUMENTS,
            )
            return updated
        if not pre:
            return updated
        args = list(updated.args)
        _as_keywords(args, positional, old, kept)
        self._note(
            original,
            f"pre-1.0 argument order of tf.{name} ({', '.join(old[: kept + 2])}, ...) written "
            f"with keywords (TF 1.0 swapped {first} and {second})",
        )
        return updated.with_changes(args=args)


def fix_pre_1_0(
    module: cst.Module, original: cst.Module | None = None
) -> tuple[cst.Module, list[Change]]:
    """Apply :class:`Pre10Transformer` and :class:`~legacy2tf2.migrator.numpy2.NumPy2Transformer`.

    Args:
        module: the source to fix (in ``--full``, after our rewrite).
        original: the source as the user wrote it, whose TensorFlow version
            (:func:`legacy2tf2.migrator.era.detect_era`) decides the sampled losses' argument
            order; ``module`` itself when not given.

    Returns:
        The new module and its changes and reports, (line, col, code, message), positioned in
        ``module``: L2T010 (a pre-1.0 call changed), L2T014 (an order the version cannot tell),
        L2T015 / L2T016 (NumPy 2 idioms fixed / left), L2T017 (``tf.contrib.deprecated``'s
        summary ops, :mod:`legacy2tf2.migrator.contrib_deprecated`).
    """
    file_era = era.detect_era(original if original is not None else module)
    fixed, deprecated = fix_contrib_deprecated(module)  # lines kept
    module = analysis.unchanged(fixed, module)
    transformer = Pre10Transformer(file_era, original)
    new = analysis.unchanged(analysis.wrapper(module).visit(transformer), module)
    numpy2 = NumPy2Transformer()
    new = analysis.wrapper(new).visit(numpy2)
    return new, sorted(deprecated + transformer.changes + numpy2.changes)
