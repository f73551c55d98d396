"""``legacy2tf2 rewrite --full``: our rewrite plus the rest of the TF1 -> TF2 upgrade.

One pure function on source bytes, :func:`full_upgrade`, in five steps:

1. :func:`legacy2tf2.migrator.engine.rewrite_source` (legacy_seq2seq and the TF1 cells move to
   the bundled runtime), so that TensorFlow's upgrader never sees a ``tf.contrib`` call we handle;
2. pre-1.0 calls TensorFlow's upgrader does not know (:mod:`legacy2tf2.migrator.pre1_0`):
   ``tf.concat(1, x)``, ``tf.split(1, n, x)``, ``tf.pack``, ``tf.initialize_all_variables``, ...;
   then Python 2 names (``xrange``, ``d.iteritems()``, ``cPickle``; :mod:`legacy2tf2.migrator.py2_names`)
   and iterators' ``next`` method (:mod:`legacy2tf2.migrator.py2_iterators`);
3. TensorFlow's own upgrader, ``tf_upgrade_v2`` through its Python API
   (:mod:`legacy2tf2.migrator.tf_upgrader`): ``tf.*`` -> ``tf.compat.v1.*`` and friends;
4. what the upgrader leaves broken in TF1 programs: summaries move to ``tf.compat.v1.summary``
   (:mod:`legacy2tf2.migrator.tf1_summaries`), file-existence tests of a checkpoint prefix
   become ``checkpoint_exists`` (:mod:`legacy2tf2.migrator.checkpoint_checks`) and ``.value`` of
   a static shape's dimension becomes ``tf.compat.dimension_value``
   (:mod:`legacy2tf2.migrator.dimension_values`); ``tf.contrib`` imports the file never uses are
   removed (:mod:`legacy2tf2.migrator.unused_contrib`), and so are assertions of the TF 0.x/1.x
   release the program was written for (:mod:`legacy2tf2.migrator.version_asserts`); a name
   TF 1.4's ``FLAGS`` stored without a flag is defined before it is assigned, and a
   ``DEFINE_string`` whose default is not a string keeps it through the runtime
   (:mod:`legacy2tf2.migrator.tf1_flags`);
5. graph-mode programs get ``tf.compat.v1.disable_eager_execution()`` after the TensorFlow import
   (:mod:`legacy2tf2.migrator.graph_mode`).

The same guarantees as the plain rewrite hold: bytes outside the changed spans stay, running it
twice equals running it once, findings carry positions in the input, and nothing raises on user
code except :class:`~legacy2tf2.migrator.engine.SourceParseError` for sources Python 3 cannot
parse (and :class:`TensorFlowMissing` when tensorflow is not installed). TensorFlow is imported
only when step 3 runs.
"""

from __future__ import annotations

import ast

from legacy2tf2.migrator import analysis, engine, renames
from legacy2tf2.migrator.cell_op_names import cell_op_name_findings
from legacy2tf2.migrator.engine import RewriteResult
from legacy2tf2.migrator.findings import (
    GRAPH_MODE,
    GRAPH_MODE_ADDED,
    PRE_1_0_CALL,
    REMOVED_MODULE,
    UNSAFE_REFERENCE,
    UNUSED_CONTRIB_IMPORT,
    UPGRADER_CHECK,
    UPGRADER_FAILED,
    full_internal_error,
    upgrader_failed,
)
from legacy2tf2.migrator.float_dimensions import fix_float_dimensions
from legacy2tf2.migrator.mnist_reader import fix_mnist_attributes, fix_mnist_reader
from legacy2tf2.migrator.numpy_promotion import fix_scalar_promotion
from legacy2tf2.migrator.numpy_ragged import fix_ragged_arrays
from legacy2tf2.migrator.old_rnn_names import old_rnn_name_findings
from legacy2tf2.migrator.positions import PositionMap
from legacy2tf2.migrator.py2_argparse import fix_parser_versions
from legacy2tf2.migrator.py2_binary_text import fix_binary_text_files
from legacy2tf2.migrator.py2_division import fix_integer_division
from legacy2tf2.migrator.py2_encode import fix_text_encodes
from legacy2tf2.migrator.py2_iterators import fix_next_methods
from legacy2tf2.migrator.py2_lists import concatenates_list_results, fix_list_results
from legacy2tf2.migrator.py2_module_imports import fix_module_imports
from legacy2tf2.migrator.py2_names import fix_python2_source
from legacy2tf2.migrator.py2_pickle_files import fix_pickle_files
from legacy2tf2.migrator.py2_set_order import unordered_set_reports
from legacy2tf2.migrator.py2_syntax import fix_python2_syntax
from legacy2tf2.migrator.report import Finding
from legacy2tf2.migrator.tf0_ptb_reader import fix_ptb_reader
from legacy2tf2.migrator.tf0_rnn_module_cells import expand_rnn_module_cells
from legacy2tf2.migrator.tf0_star_imports import expand_rnn_star_import
from legacy2tf2.migrator.tf0_tensor_array import fix_tensor_array_methods
from legacy2tf2.migrator.tf0_translate_ids import fix_translate_ids
from legacy2tf2.migrator.tf1_flags import fix_string_flag_defaults, fix_undefined_flags
from legacy2tf2.migrator.tf_names import missing_name_findings
from legacy2tf2.migrator.tf_upgrader import (
    TensorFlowMissing,
    tensorboard_available,
    tensorflow_available,
)

__all__ = ["TensorFlowMissing", "full_upgrade", "load", "tensorflow_available"]


#: The upgrader reports ``tf.flags``/``tf.app.flags`` as removed even under ``import
#: tensorflow.compat.v1 as tf``, where they exist (absl flags); the pre-1.0 pass has already
#: re-spelled every ``tf.flags`` of ``tensorflow`` itself, and any name left that TF 2 lacks is
#: reported by :func:`~legacy2tf2.migrator.tf_names.missing_name_findings`.
_FLAGS_REPORTS = ("Using member tf.flags.", "Using member tf.app.flags.")


def _at_input(
    path: str, source: bytes, version: bytes, changes: list[tuple[int, int, str, str]]
) -> list[Finding]:
    """Findings for ``changes`` positioned in ``version`` (a later version of ``source``), on
    the input's lines."""
    if not changes:
        return []
    line_in_source = PositionMap(source, version).line
    return [Finding(path, line_in_source(ln), col, code, msg) for ln, col, code, msg in changes]


def _pre_1_0(
    source: bytes, original: bytes | None = None
) -> tuple[bytes, list[tuple[int, int, str, str]]]:
    """Pre-1.0 calls and NumPy 2 idioms; ``original`` (the input, by default ``source``) tells
    the TensorFlow version."""
    if b"tensorflow" not in source and b"numpy" not in source:  # no name can resolve to them
        return source, []
    from legacy2tf2.migrator.pre1_0 import fix_pre_1_0

    module = analysis.parse(source)
    new, changes = fix_pre_1_0(module, None if original is None else analysis.parse(original))
    if not changes:
        return source, []
    return new.bytes, changes


def _tf0_state(source: bytes, original: bytes) -> tuple[bytes, list[tuple[int, int, str, str]]]:
    """TF 0.x's concatenated LSTM state in a program of the ``tensorflow.models.rnn`` years (or
    a notebook that records it ran on TF 0.11 or earlier)."""
    from legacy2tf2.migrator import era

    if b"tensorflow.models" not in original and era.recorded_release() is None:
        return source, []  # nothing can tell TF 0.11 or earlier
    from legacy2tf2.migrator.tf0_state import fix_concatenated_state

    new, changes = fix_concatenated_state(analysis.parse(source), analysis.parse(original))
    return (new.bytes if changes else source), changes


def _tf0_embedding(source: bytes, original: bytes) -> tuple[bytes, list[tuple[int, int, str, str]]]:
    """TF 0.6-0.8's embedding calls without ``embedding_size`` (the cell's ``input_size``)."""
    # "mbedding": EmbeddingWrapper as well as embedding_rnn_seq2seq
    if b"mbedding" not in source or b"legacy2tf2.runtime" not in source:
        return source, []
    from legacy2tf2.migrator.tf0_embedding import fix_embedding_sizes

    new, changes = fix_embedding_sizes(analysis.parse(source), analysis.parse(original))
    return (new.bytes if changes else source), changes


def _cell_class_values(
    source: bytes, original: bytes
) -> tuple[bytes, list[tuple[int, int, str, str]]]:
    """TF 0.x-1.1 cell classes passed as values, later called with ``input_size``."""
    if b"Cell" not in source or b"legacy2tf2.runtime" not in source:
        return source, []
    from legacy2tf2.migrator.cell_class_values import fix_cell_class_values

    new, changes = fix_cell_class_values(analysis.parse(source), analysis.parse(original))
    return (new.bytes if changes else source), changes


def _cell_subclass_names(
    source: bytes, original: bytes
) -> tuple[bytes, list[tuple[int, int, str, str]]]:
    """A TF 1.2+ program's cell subclasses without ``call``/``build``, named after their class."""
    if b"class " not in source or b"legacy2tf2.runtime" not in source:
        return source, []
    from legacy2tf2.migrator.cell_subclass_names import fix_cell_subclass_names

    new, changes = fix_cell_subclass_names(analysis.parse(source), analysis.parse(original))
    return (new.bytes if changes else source), changes


def _translate_report(finding: Finding, lines: set[int]) -> bool:
    """Whether ``finding`` reports, on one of ``lines``, the import of the translate tutorial's
    ``data_utils`` that :func:`fix_translate_ids` replaced."""
    return (
        finding.line in lines
        and finding.code == REMOVED_MODULE
        and finding.message.startswith("`tensorflow.models.rnn.translate")
    )


def _ptb_reader_report(finding: Finding, lines: set[int]) -> bool:
    """Whether ``finding`` reports, on one of ``lines``, the import of the PTB tutorial's
    ``reader`` that :func:`fix_ptb_reader` replaced."""
    return (
        finding.line in lines
        and finding.code == REMOVED_MODULE
        and finding.message.startswith("`tensorflow.models.rnn.ptb")
    )


def _mnist_reader_report(finding: Finding, lines: set[int]) -> bool:
    """Whether ``finding`` reports, on one of ``lines``, the import of TF1's MNIST reader that
    :func:`fix_mnist_reader` replaced."""
    return (
        finding.line in lines
        and finding.code == REMOVED_MODULE
        and finding.message.startswith("`tensorflow.examples")
    )


def _mnist_attribute_report(finding: Finding, lines: set[int]) -> bool:
    """Whether ``finding`` is the upgrader's note, on one of ``lines``, on the ``tf.contrib.learn``
    MNIST reader that :func:`fix_mnist_attributes` replaced."""
    return (
        finding.line in lines
        and finding.code == UPGRADER_FAILED
        and "contrib.learn.datasets" in finding.message
    )


def _models_rnn_report(finding: Finding) -> bool:
    """Whether ``finding`` reports the import of TF 0.x's ``tensorflow.models.rnn.rnn``."""
    return finding.code == REMOVED_MODULE and finding.message.startswith(
        ("`tensorflow.models.rnn.rnn`", "`tensorflow.models.rnn.rnn.rnn`")
    )


#: How the pre-1.0 passes (:mod:`~legacy2tf2.migrator.pre1_0`,
#: :mod:`~legacy2tf2.migrator.tf0_state`) note a TF 0.x static RNN function they renamed to its
#: TF 1.x name: ``rnn.rnn`` of ``tensorflow.python.ops`` and ``tf.nn.rnn``,
#: ``tf.nn.bidirectional_rnn``, ``tf.nn.state_saving_rnn``.
_STATIC_RNN_RENAMED = (
    "TF 0.x's python.ops.rnn.",
    "pre-1.0 tf.nn.rnn ",
    "pre-1.0 tf.nn.bidirectional_rnn ",
    "pre-1.0 tf.nn.state_saving_rnn ",
)


def _drop_static_rnn_reports(findings: list[Finding]) -> list[Finding]:
    """``findings`` less the rewrite's report of a TF 0.x static RNN call (``tf.nn.rnn``,
    ``tf.nn.bidirectional_rnn``, ``tf.nn.state_saving_rnn``, or those of
    ``tensorflow.python.ops.rnn``) where the pre-1.0 pass changed it to its TF 1.x function or
    reported itself why it left it (its own L2T006, which says what the call's result was in which
    TF 0.x release): one finding per call, never a report of code that was converted."""
    handled = {
        (f.line, f.col)
        for f in findings
        if (f.code == PRE_1_0_CALL and f.message.startswith(_STATIC_RNN_RENAMED))
        or (f.code == REMOVED_MODULE and renames.STATIC_RNN not in f.message)
    }
    return [
        f
        for f in findings
        if not (
            f.code == REMOVED_MODULE
            and renames.STATIC_RNN in f.message
            and (f.line, f.col) in handled
        )
    ]


def _drop_removed_import_reports(findings: list[Finding], fixes: list[Finding]) -> list[Finding]:
    """``findings`` less the rewrite's L2T006 report of a name imported from TF 0.x's
    ``tensorflow.models`` (``from tensorflow.models.rnn import rnn``) whose import ``fixes``
    removed as never read (L2T026 on its line): the name it reported is no longer imported."""
    gone: dict[int, set[str]] = {}
    for fix in fixes:
        if fix.code == UNUSED_CONTRIB_IMPORT and "tensorflow.models" in fix.message:
            names = fix.message.removeprefix("import of ").partition(": ")[0]
            for alias in names.split(", "):
                gone.setdefault(fix.line, set()).add(alias.partition(" as ")[0].split(".")[-1])
    if not gone:
        return findings
    return [
        f
        for f in findings
        if not (
            f.code == REMOVED_MODULE
            and f.message.startswith("`tensorflow.models.")
            and f.message[1:].partition("`")[0].split(".")[-1] in gone.get(f.line, ())
        )
    ]


def _graph_mode(source: bytes) -> tuple[bytes, int | None, list[tuple[int, int, str, str]]]:
    """Graph mode for a TF1 graph program, whose ``tf.Variable`` calls then make TF1's reference
    variables; the changes are positioned in the returned source."""
    if b"tensorflow" not in source:
        return source, None, []
    from legacy2tf2.migrator.graph_mode import add_disable_eager
    from legacy2tf2.migrator.ref_variables import add_disable_resource, keep_ref_variables

    module = analysis.parse(source)
    new, line = add_disable_eager(module)
    if line is None:
        return source, None, []
    new, variables = keep_ref_variables(add_disable_resource(new))
    return new.bytes, line, variables


def _resource_variable_note(finding: Finding) -> bool:
    """tf_upgrade_v2's note that ``get_variable`` makes resource variables on TF 2."""
    return finding.code == UPGRADER_CHECK and "returns ResourceVariables by default" in (
        finding.message
    )


def _graph_fixes(source: bytes) -> tuple[bytes, list[tuple[int, int, str, str]]]:
    """TF1 summaries, checkpoint-existence tests, ``.value`` of shape dimensions, unused
    ``tf.contrib`` imports and assertions of the TF1 release, which TensorFlow's upgrader leaves
    broken."""
    if b"tensorflow" not in source:
        return source, []
    from legacy2tf2.migrator.checkpoint_checks import fix_checkpoint_checks
    from legacy2tf2.migrator.dimension_values import fix_dimension_values
    from legacy2tf2.migrator.fetched_formats import fix_fetched_formats
    from legacy2tf2.migrator.tf1_summaries import fix_summaries
    from legacy2tf2.migrator.unused_contrib import drop_unused_contrib_imports
    from legacy2tf2.migrator.version_asserts import fix_version_asserts

    module = analysis.parse(source)
    changes: list[tuple[int, int, str, str]] = []
    for fix in (
        fix_fetched_formats,  # within a line: lines kept
        lambda module: fix_summaries(module, tensorboard_available()),
        fix_checkpoint_checks,
        fix_dimension_values,
        drop_unused_contrib_imports,
        fix_version_asserts,
    ):
        fixed, found = fix(module)
        module = analysis.unchanged(fixed, module)  # the next step reuses its metadata
        changes += found
    new = module.bytes
    return (source if new == source else new), changes


def _adds_list_results(source: bytes) -> bool:
    """Whether ``source`` adds a builtin ``map``/``zip`` result to a list (Python 2 only)."""
    if b"map(" not in source and b"zip(" not in source:
        return False
    try:
        return concatenates_list_results(ast.parse(source))
    except (SyntaxError, ValueError):
        return False


def full_upgrade(source: bytes, path: str = "-", *, python2: bool = False) -> RewriteResult:
    """Rewrite one source for TensorFlow 2: our rewrite, pre-1.0 fixes, tf_upgrade_v2, graph mode.

    Args:
        source: the file's bytes.
        path: the path reported in findings.
        python2: the source is known to be Python 2 code (the cells of a notebook whose kernel
            was Python 2), so its ``map()``/``zip()`` results and integer divisions are fixed as
            in a file whose Python 2 statements or names tell it.

    Returns:
        A :class:`~legacy2tf2.migrator.engine.RewriteResult`; ``source`` is the input object when
        nothing changed.

    Raises:
        SourceParseError: Python 3 cannot parse ``source``.
        TensorFlowMissing: tensorflow is not installed.
    """
    if not tensorflow_available():
        raise TensorFlowMissing(
            "--full needs tensorflow installed (pip install 'legacy2tf2[tensorflow]')"
        )
    repaired, syntax = fix_python2_syntax(source)  # Python 2 statements; line numbers kept
    repaired, star = expand_rnn_star_import(repaired)  # the import, on its line
    syntax += star
    repaired, cells = expand_rnn_module_cells(repaired)  # rnn.rnn_cell.X: lines kept
    syntax += cells
    engine.compile_check(repaired, path)
    first = engine.rewrite_source(repaired, path)
    findings = [Finding(path, line, col, code, msg) for line, col, code, msg in syntax]
    findings += first.findings
    if first.internal_error:
        return RewriteResult(source, findings, False, internal_error=True)
    try:
        rewritten, ids = fix_translate_ids(first.source)  # the import, on its line
        if ids:
            since = PositionMap(source, first.source).line
            lines = {since(line) for line, *_ in ids}
            findings = [f for f in findings if not _translate_report(f, lines)]
            findings += [Finding(path, since(line), col, code, msg) for line, col, code, msg in ids]
        rewritten, readers = fix_ptb_reader(rewritten)  # the import, on its line
        if readers:
            since = PositionMap(source, rewritten).line
            lines = {since(line) for line, *_ in readers}
            findings = [f for f in findings if not _ptb_reader_report(f, lines)]
            findings += [
                Finding(path, since(line), col, code, msg) for line, col, code, msg in readers
            ]
        rewritten, mnist = fix_mnist_reader(rewritten, repaired)  # the import, on its line
        if mnist:
            since = PositionMap(source, rewritten).line
            lines = {since(line) for line, *_ in mnist}
            findings = [f for f in findings if not _mnist_reader_report(f, lines)]
            findings += [
                Finding(path, since(line), col, code, msg) for line, col, code, msg in mnist
            ]
        before_attributes = rewritten
        rewritten, mnist = fix_mnist_attributes(rewritten, repaired)  # adds the import
        if mnist:
            since = PositionMap(source, before_attributes).line
            lines = {since(line) for line, *_ in mnist}
            findings = [f for f in findings if not _mnist_attribute_report(f, lines)]
            findings += [
                Finding(path, since(line), col, code, msg) for line, col, code, msg in mnist
            ]
        current, pre_1_0 = _pre_1_0(rewritten, repaired)
        # positioned in our rewrite's output, which may have added lines (imports) above them
        # and changed the lines they are on, as no later pass has yet
        since = PositionMap(source, first.source).line
        findings += [Finding(path, since(line), col, code, msg) for line, col, code, msg in pre_1_0]
        current, state = _tf0_state(current, repaired)
        pre = list(state)
        current, embedding = _tf0_embedding(current, repaired)
        pre += embedding
        current, values = _cell_class_values(current, repaired)
        pre += values
        current, names = _cell_subclass_names(current, repaired)
        pre += names
        current, arrays = fix_tensor_array_methods(current)  # TensorArray.pack/unpack
        pre += arrays
        current, dimensions = fix_float_dimensions(current)  # [n, 1.] shapes: lines kept
        pre += dimensions
        if state and b"tensorflow.models" not in current:
            # tf0_state rewrote TF 0.x's rnn.rnn and dropped its import: the rewrite's report
            # of that import is moot
            findings = [f for f in findings if not _models_rnn_report(f)]
        back = PositionMap(source, current).line
        findings += [Finding(path, back(line), col, code, msg) for line, col, code, msg in pre]
        findings = _drop_static_rnn_reports(findings)
        before_py2 = current
        current, py2 = fix_python2_source(current)  # positioned in `current`, as `back` maps
        findings += [Finding(path, back(line), col, code, msg) for line, col, code, msg in py2]
        files: list[tuple[int, int, str, str]] = []
        if syntax or py2 or python2 or _adds_list_results(before_py2):
            # Python 2 code: its map() and zip() results were lists
            # read before izip/imap become zip/map: those were iterators on Python 2 too
            listed, files = fix_list_results(before_py2)
            if files:
                current, _ = fix_python2_source(listed)
            files += unordered_set_reports(before_py2)  # reported only: no source change
            current, divisions = fix_integer_division(current)  # xrange is range by now
            files += divisions
            current, encodes = fix_text_encodes(current)  # within a line: lines kept
            files += encodes
        current, pickles = fix_pickle_files(current)  # the mode only: lines kept
        files += pickles
        current, binary_text = fix_binary_text_files(current)  # within a call: lines kept
        files += binary_text
        current, versions = fix_parser_versions(current)  # within a line: lines kept
        files += versions
        current, nexts = fix_next_methods(current)  # within a line: lines kept
        files += nexts
        from legacy2tf2.migrator.py2_package_imports import fix_implicit_relative_imports

        current, package_imports = fix_implicit_relative_imports(current, path)  # lines kept
        files += package_imports
        from legacy2tf2.migrator.case_dicts import fix_case_dicts

        current, case_dicts = fix_case_dicts(current)  # on the dict's lines
        files += case_dicts
        from legacy2tf2.migrator.contrib_spellings import fix_contrib_spellings

        current, spellings = fix_contrib_spellings(current)  # within a line: lines kept
        files += spellings
        from legacy2tf2.migrator.v1_function_values import fix_v1_function_values

        current, v1_values = fix_v1_function_values(current)  # within a line: lines kept
        files += v1_values
        if syntax or py2 or python2 or _adds_list_results(before_py2):
            # adds a line per import: last of the passes `back` maps, positioned before it
            current, module_imports = fix_module_imports(current, path)
            files += module_imports
        findings += [Finding(path, back(line), col, code, msg) for line, col, code, msg in files]
        step = current
        from legacy2tf2.migrator.tf_upgrader import upgrade_text

        try:
            if b"tf" in step or b"tensorflow" in step:
                current, reports = upgrade_text(step)
            else:  # nothing the upgrader could touch: skip its parse
                current, reports = step, []
        except TensorFlowMissing:
            raise
        except Exception as error:  # pasta, under the upgrader, lacks newer syntax (match, :=)
            current, reports = step, []
            findings.append(Finding(path, 1, 1, UPGRADER_FAILED, upgrader_failed(error)))
        back = PositionMap(source, step).line
        for report in reports:
            if report.message.startswith(_FLAGS_REPORTS):
                continue  # a name resolved through tensorflow.compat.v1 (tf_names checks it)
            code = UPGRADER_FAILED if report.severity == "ERROR" else UPGRADER_CHECK
            findings.append(Finding(path, back(report.line), report.col, code, report.message))
        before, (current, fixes) = current, _graph_fixes(current)
        removed = _at_input(path, source, before, fixes)
        findings = _drop_removed_import_reports(findings, removed) + removed
        # fix_undefined_flags adds lines: positioned before it
        before, (current, flag_fixes) = current, fix_undefined_flags(current)
        findings += _at_input(path, source, before, flag_fixes)
        # fix_string_flag_defaults may add the runtime import line: positioned before it
        before, (current, flag_fixes) = current, fix_string_flag_defaults(current)
        findings += _at_input(path, source, before, flag_fixes)
        current, line, variables = _graph_mode(current)
        if line is not None:
            back = PositionMap(source, current).line
            # get_variable makes TF1's reference variables again: the upgrader's note is answered
            findings = [f for f in findings if not _resource_variable_note(f)]
            findings.append(Finding(path, back(line), 1, GRAPH_MODE, GRAPH_MODE_ADDED))
            findings += [
                Finding(path, back(ln), col, code, msg) for ln, col, code, msg in variables
            ]
            from legacy2tf2.migrator.tf0_slots import fix_tf0_slots

            before, (current, slots) = current, fix_tf0_slots(current, repaired)
            findings += _at_input(path, source, before, slots)
            from legacy2tf2.migrator.keras_regularizers import fix_keras_regularizers

            before, (current, regularizers) = current, fix_keras_regularizers(current)
            findings += _at_input(path, source, before, regularizers)
        if syntax or py2 or python2 or _adds_list_results(before_py2):
            from legacy2tf2.migrator.py2_random import fix_seeded_random

            # may add the runtime import line: positioned before it
            before, (current, seeded) = current, fix_seeded_random(current)
            findings += _at_input(path, source, before, seeded)
        before, (current, ragged) = current, fix_ragged_arrays(current)
        findings += _at_input(path, source, before, ragged)
        before, (current, promoted) = current, fix_scalar_promotion(current)
        findings += _at_input(path, source, before, promoted)
        findings += missing_name_findings(current, path, PositionMap(source, current).position)
        findings += old_rnn_name_findings(repaired, path, PositionMap(source, repaired).line)
        findings += cell_op_name_findings(repaired, path, PositionMap(source, repaired).line)
        engine.compile_check(current, path)
    except TensorFlowMissing:
        raise
    except Exception as error:  # never raise on user code: report and leave it untouched
        finding = Finding(path, 1, 1, UNSAFE_REFERENCE, full_internal_error(error))
        return RewriteResult(source, [finding], False, internal_error=True)
    findings = sorted(set(findings))
    if current == source:
        return RewriteResult(source, findings, False)
    return RewriteResult(current, findings, True)


_WARM_UP = b"""import tensorflow as tf
import numpy as np
cell = tf.contrib.rnn.GRUCell(4)
x = tf.concat(1, [tf.placeholder(tf.float32), np.float(1)])
for i in xrange(3):
    tf.scalar_summary("x", x)
"""


def load() -> None:
    """Import what :func:`full_upgrade` needs (libcst, TensorFlow's upgrader) in this process.

    The runner calls it once before forking its workers, so that they share the imports instead
    of each importing TensorFlow.

    Raises:
        TensorFlowMissing: tensorflow is not installed, or its upgrader fails to import.
    """
    # One small program through every step imports all that the steps import on first use.
    full_upgrade(_WARM_UP, "<load>")
