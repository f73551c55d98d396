"""Which TensorFlow version a TF1 source was written for, from the evidence in the source.

Some TF1 code means different things in different versions (``MultiRNNCell([cell] * n)``: one
set of weights per layer up to TF 1.0, one shared set from TF 1.2; ``tf.nn.sampled_softmax_loss``
took ``inputs`` before ``labels`` until TF 1.0). The version is told by names and call shapes that
existed only in some versions, found through the file's imports (never by text matching):

- only before 1.0: ``tf.nn.seq2seq``, ``tensorflow.models.rnn``, ``tensorflow.python.ops.seq2seq``,
  ``tf.pack``/``tf.unpack``, ``tf.mul``/``tf.sub``/``tf.neg``, ``tf.nn.rnn``, ``tf.concat(1, x)``,
  ``tf.split(1, n, x)``;
- 1.0 and later: ``tf.contrib.legacy_seq2seq``, the core cells in ``tf.contrib.rnn``,
  ``tf.concat(x, 1)``;
- 1.0 and 1.1 only: ``core_rnn_cell_impl``, ``tf.contrib.rnn.core_rnn_cell`` and the cells of
  ``tensorflow.contrib.rnn.python.ops.core_rnn_cell`` (the module itself, its ``EmbeddingWrapper``,
  ``InputProjectionWrapper``, ``OutputProjectionWrapper`` and ``_linear`` lasted to 1.15);
- 1.1 and later: ``tf.estimator``, ``tf.spectral``, ``tf.bincount``, ``tf.contrib.keras`` (TF
  1.1's release notes);
- 1.2 and later: ``tf.nn.static_rnn``, ``tf.AUTO_REUSE``, ``tf.data``, ``tf.keras``,
  ``tf.feature_column``, ``tf.summary.text``, ``tf.log_sigmoid`` (TF 1.2's release notes), and
  the same ``static_rnn`` (``static_bidirectional_rnn``, ``static_state_saving_rnn``) and
  ``_linear`` reached through TensorFlow's internal ``tensorflow.python.ops.rnn`` and
  ``rnn_cell_impl``, where TF 1.2 moved them (vendored copies of TF's seq2seq and attention code
  imported them so);
- before 1.0 or from 1.2 (absent from 1.0 and 1.1): ``tf.nn.rnn_cell``,
  ``tensorflow.python.ops.rnn_cell``;
- weak, counted only where the other evidence allows a pre-1.0 file: ``tf.initialize_all_variables``
  and ``tf.all_variables`` (deprecated in 0.12, rarely used by code written for 1.x), and
  ``sequence_loss`` with a 4th positional vocabulary size (written for TF 0.x, but 1.x still ran
  it, reading the number as ``average_across_timesteps``).

``tf.compat.v1.X`` counts as ``tf.X``, and is no evidence itself: ``tf_upgrade_v2`` writes it into
code of any era. Names below a monkeypatched path (``tf.nn.seq2seq = tf.contrib.legacy_seq2seq``)
are not evidence.
An ``assert`` that the running TF is one release (``assert tf.__version__ == '1.0.1'``, or one of
a tuple of them) is strong evidence of that release's era.

Evidence that contradicts itself (a file that branches on the TF version) tells no era.

A notebook that records the version it ran on (:mod:`.recorded_version`) adds that record, as
strong evidence, to every report made while its program is processed (:func:`recorded`); so do
the other files of a file's program where its own evidence left a decision open
(:mod:`.program_era`, :func:`program`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

import libcst as cst
from libcst.metadata import PositionProvider, QualifiedNameProvider

from legacy2tf2.migrator import analysis

PRE_1_0, V1_0, V1_1, V1_2_PLUS = "pre-1.0", "1.0", "1.1", "1.2+"
#: Every era, oldest first.
ERAS: tuple[str, ...] = (PRE_1_0, V1_0, V1_1, V1_2_PLUS)
_ALL = frozenset(ERAS)
_PRE = frozenset({PRE_1_0})
_ONE_OR_LATER = frozenset({V1_0, V1_1, V1_2_PLUS})
_CORE_RNN = frozenset({V1_0, V1_1})
_TWO_OR_LATER = frozenset({V1_2_PLUS})
_ONE_ONE_OR_LATER = frozenset({V1_1, V1_2_PLUS})
_NO_1_0_OR_1_1 = frozenset({PRE_1_0, V1_2_PLUS})

_CONTRIB_CORE_CELLS = (
    *("RNNCell", "BasicRNNCell", "GRUCell", "BasicLSTMCell", "LSTMCell", "MultiRNNCell"),
    *("LSTMStateTuple", "DropoutWrapper", "EmbeddingWrapper", "InputProjectionWrapper"),
    *("OutputProjectionWrapper", "static_rnn", "static_bidirectional_rnn"),
    "static_state_saving_rnn",
)

#: The cells of TF 1.0 and 1.1's ``core_rnn_cell`` module that TF 1.2 moved out of it.
_CORE_RNN_CELLS = (
    *("RNNCell", "BasicRNNCell", "GRUCell", "BasicLSTMCell", "LSTMCell", "MultiRNNCell"),
    *("LSTMStateTuple", "DropoutWrapper", "ResidualWrapper", "DeviceWrapper"),
)

#: Names below ``tensorflow.`` (a name matches itself and what is below it; the first key that
#: matches counts) -> possible eras.
NAMES: dict[str, frozenset[str]] = {
    "nn.seq2seq": _PRE,
    "models.rnn": _PRE,
    "python.ops.seq2seq": _PRE,
    "pack": _PRE,
    "unpack": _PRE,
    "mul": _PRE,
    "sub": _PRE,
    "neg": _PRE,
    "nn.rnn": _PRE,
    "nn.bidirectional_rnn": _PRE,
    "nn.state_saving_rnn": _PRE,
    "contrib.legacy_seq2seq": _ONE_OR_LATER,
    **{f"contrib.rnn.{name}": _ONE_OR_LATER for name in _CONTRIB_CORE_CELLS},
    "contrib.rnn.core_rnn_cell": _CORE_RNN,
    # TF 1.2 moved the cells to tensorflow/python/ops/rnn_cell_impl.py: core_rnn_cell_impl went,
    # core_rnn_cell stayed (to 1.15) with only the three wrappers and _linear.
    "contrib.rnn.python.ops.core_rnn_cell_impl": _CORE_RNN,
    **{f"contrib.rnn.python.ops.core_rnn_cell.{name}": _CORE_RNN for name in _CORE_RNN_CELLS},
    "contrib.rnn.python.ops.core_rnn_cell": _ONE_OR_LATER,
    "contrib.rnn.python.ops.core_rnn": _CORE_RNN,
    "nn.static_rnn": _TWO_OR_LATER,
    "nn.static_bidirectional_rnn": _TWO_OR_LATER,
    # TF 1.2 moved static_rnn & co. from contrib's core_rnn into tensorflow/python/ops/rnn.py
    # (TF 0.x's module had rnn, bidirectional_rnn, state_saving_rnn), and the cells and _linear
    # into tensorflow/python/ops/rnn_cell_impl.py (TF 1.5 moved _linear to contrib's core_rnn_cell)
    "python.ops.rnn.static_rnn": _TWO_OR_LATER,
    "python.ops.rnn.static_bidirectional_rnn": _TWO_OR_LATER,
    "python.ops.rnn.static_state_saving_rnn": _TWO_OR_LATER,
    "python.ops.rnn_cell_impl._linear": _TWO_OR_LATER,
    "AUTO_REUSE": _TWO_OR_LATER,
    "data": _TWO_OR_LATER,
    "keras": _TWO_OR_LATER,
    "feature_column": _TWO_OR_LATER,
    "summary.text": _TWO_OR_LATER,
    "log_sigmoid": _TWO_OR_LATER,
    "estimator": _ONE_ONE_OR_LATER,
    "spectral": _ONE_ONE_OR_LATER,
    "bincount": _ONE_ONE_OR_LATER,
    "contrib.keras": _ONE_ONE_OR_LATER,
    "nn.rnn_cell": _NO_1_0_OR_1_1,
    "python.ops.rnn_cell": _NO_1_0_OR_1_1,
}

#: Weak evidence: deprecated in 0.12, still present in 1.x.
WEAK_NAMES: dict[str, frozenset[str]] = {
    "initialize_all_variables": _PRE,
    "all_variables": _PRE,
    "initialize_local_variables": _PRE,
    "initialize_variables": _PRE,
}

_LOSSES = ("sequence_loss", "sequence_loss_by_example")
_COMPAT_V1 = "compat.v1."


@dataclass(frozen=True, order=True)
class Evidence:
    """One piece of evidence: where (1-based), what, and the eras it allows; ``release``, the
    TF ``(major, minor)`` release it names where it names exactly one (a notebook's record of
    the version it ran on), for decisions finer than an era (TF 0.6 or 0.7, 0.11 or 0.12)."""

    line: int
    col: int
    what: str
    eras: frozenset[str] = field(compare=False)
    weak: bool = field(default=False, compare=False)
    release: tuple[int, int] | None = field(default=None, compare=False)

    def cited(self) -> str:
        """``what (line N)`` for messages; a record outside the source (``line`` 0) names its
        own place in ``what``."""
        return self.what if self.line == 0 else f"{self.what} (line {self.line})"


@dataclass(frozen=True)
class EraReport:
    """What the evidence of one module says.

    Attributes:
        possible: the eras (of :data:`ERAS`) every strong piece of evidence allows, narrowed by
            the weak evidence where that leaves one; every era when nothing is known or the
            evidence contradicts itself.
        evidence: every piece found, in source order.
        conflicting: whether the strong evidence allows no era at all.
        strong: the eras the strong evidence alone allows (None: not computed, as in a report
            made by hand); differs from ``possible`` where weak evidence narrowed it.
    """

    possible: frozenset[str]
    evidence: tuple[Evidence, ...] = ()
    conflicting: bool = False
    strong: frozenset[str] | None = field(default=None, compare=False)

    def strong_only(self) -> EraReport:
        """This report without the narrowing by weak evidence."""
        if self.strong is None:
            return self
        return EraReport(self.strong, self.evidence, self.conflicting, self.strong)

    @property
    def era(self) -> str | None:
        """``"pre-1.0"``, ``"1.0"``, ``"1.1+"``, or None when the evidence cannot tell."""
        if self.possible == _PRE:
            return PRE_1_0
        if self.possible == {V1_0}:
            return V1_0
        if self.possible <= {V1_1, V1_2_PLUS}:
            return "1.1+"
        return None

    def only(self, eras: Iterable[str]) -> bool | None:
        """True when the file is certainly of one of ``eras``, False when certainly of none."""
        wanted = frozenset(eras)
        if self.possible <= wanted:
            return True
        if not self.possible & wanted:
            return False
        return None

    def describe(self) -> str:
        """The evidence as ``name (line N), ...`` for messages, or ``no evidence``."""
        if not self.evidence:
            return "no evidence"
        seen: dict[str, Evidence] = {}
        for item in self.evidence:
            seen.setdefault(item.what, item)
        return ", ".join(item.cited() for item in seen.values())


def _below_tensorflow(name: str) -> str | None:
    if name == "tensorflow":
        return ""
    if not name.startswith("tensorflow."):
        return None
    return name[len("tensorflow.") :]


def _match(name: str, table: dict[str, frozenset[str]]) -> str | None:
    """The first key of ``table`` (in its order) that is ``name`` or a dotted prefix of it."""
    found: str | None = None
    prefix = ""
    for part in name.split("."):
        prefix = f"{prefix}.{part}" if prefix else part
        if prefix in table:
            if found is None:
                found = prefix
            else:  # both match: the table's order decides, as a scan of its keys would
                keys = list(table)
                found = min(found, prefix, key=keys.index)
    return found


def _int_literal(node: cst.BaseExpression) -> bool:
    if isinstance(node, cst.UnaryOperation) and isinstance(node.operator, cst.Minus):
        node = node.expression
    return isinstance(node, cst.Integer)


class _Collector(cst.CSTVisitor):
    METADATA_DEPENDENCIES = (QualifiedNameProvider, PositionProvider)

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, Evidence]] = []  # (name below tensorflow, evidence)
        self.patched: set[str] = set()
        self._targets: set[cst.CSTNode] = set()

    def _names(self, node: cst.CSTNode) -> list[str]:
        names = []
        for qualified in self.get_metadata(QualifiedNameProvider, node, set()):
            below = _below_tensorflow(qualified.name)
            if below is not None:
                names.append(below[len(_COMPAT_V1) :] if below.startswith(_COMPAT_V1) else below)
        return sorted(names)

    def _add(
        self, node: cst.CSTNode, name: str, what: str, eras: frozenset[str], weak: bool
    ) -> None:
        start = self.get_metadata(PositionProvider, node).start
        self.found.append((name, Evidence(start.line, start.column + 1, what, eras, weak)))

    def _name_evidence(self, node: cst.CSTNode, names: Iterable[str]) -> None:
        for name in names:
            for table, weak in ((NAMES, False), (WEAK_NAMES, True)):
                key = _match(name, table)
                if key is not None:
                    self._add(node, name, f"tf.{key}", table[key], weak)
                    return

    def visit_AssignTarget(self, node: cst.AssignTarget) -> None:
        self._targets.add(node.target)
        self.patched.update(self._names(node.target))

    def visit_Attribute(self, node: cst.Attribute) -> bool:
        if node in self._targets:
            return False
        self._name_evidence(node, self._names(node))
        return True

    def visit_Name(self, node: cst.Name) -> None:
        if node not in self._targets:
            self._name_evidence(node, self._names(node))

    def visit_Import(self, node: cst.Import) -> bool:
        for alias in node.names:
            self._import_evidence(alias, cst.Module([]).code_for_node(alias.name))
        return False

    def visit_ImportFrom(self, node: cst.ImportFrom) -> bool:
        if node.module is None or node.relative:
            return False
        module = cst.Module([]).code_for_node(node.module)
        if isinstance(node.names, cst.ImportStar):
            self._import_evidence(node, module)
            return False
        for alias in node.names:
            self._import_evidence(alias, f"{module}.{cst.Module([]).code_for_node(alias.name)}")
        return False

    def _import_evidence(self, node: cst.CSTNode, dotted: str) -> None:
        below = _below_tensorflow(dotted)
        if below is not None:
            if below.startswith(_COMPAT_V1):
                below = below[len(_COMPAT_V1) :]
            self._name_evidence(node, [below])

    def visit_Call(self, node: cst.Call) -> None:
        names = self._names(node.func)
        positional = [a.value for a in node.args if a.keyword is None and not a.star]
        if "concat" in names and len(positional) >= 2:
            first, second = _int_literal(positional[0]), _int_literal(positional[1])
            if first and not second:
                self._add(node, "concat", "tf.concat(axis, values)", _PRE, False)
            elif second and not first:
                self._add(node, "concat", "tf.concat(values, axis)", _ONE_OR_LATER, False)
        elif "split" in names and len(positional) == 3:
            if _int_literal(positional[0]) and not _int_literal(positional[2]):
                self._add(node, "split", "tf.split(axis, n, value)", _PRE, False)
        elif (
            any("seq2seq" in name and name.rpartition(".")[2] in _LOSSES for name in names)
            and len(node.args) >= 4
        ):
            fourth = node.args[3]
            if (
                all(a.keyword is None and not a.star for a in node.args[:4])
                and not (
                    isinstance(fourth.value, cst.Name) and fourth.value.value in ("True", "False")
                )
                and not (isinstance(fourth.value, cst.Integer) and fourth.value.value == "0")
            ):
                self._add(node, "", "sequence_loss(..., num_decoder_symbols)", _PRE, True)

    def visit_Assert(self, node: cst.Assert) -> None:
        test = node.test
        if not isinstance(test, cst.Comparison) or len(test.comparisons) != 1:
            return
        if not VERSION_NAMES & set(self._names(test.left)):
            return
        comparison = test.comparisons[0]
        value = comparison.comparator
        if isinstance(comparison.operator, cst.Equal):
            operator, values = "==", [value]
        elif isinstance(comparison.operator, cst.In) and isinstance(value, (cst.Tuple, cst.List)):
            operator, values = "in", [e.value for e in value.elements]
        else:
            return
        if not all(isinstance(v, cst.SimpleString) for v in values):
            return
        literals = [str(v.evaluated_value) for v in values]  # type: ignore[attr-defined]
        asserted = asserted_release(operator, literals)
        if asserted is not None:
            self._add(node, "__version__", *asserted, False)


def detect_era(module: cst.Module) -> EraReport:
    """The TF version ``module`` was written for, with the evidence (see the module docstring)."""
    collector = _Collector()
    analysis.wrapper(module).visit(collector)
    return report_from(collector.found, collector.patched)


_RECORDED: ContextVar[Evidence | None] = ContextVar("legacy2tf2_recorded_era", default=None)


@contextmanager
def recorded(evidence: Evidence | None) -> Iterator[None]:
    """Within the block, every report also counts ``evidence``: the TF version a notebook
    recorded it ran on (its line 0: it is no place in the program's source)."""
    token = _RECORDED.set(evidence)
    try:
        yield
    finally:
        _RECORDED.reset(token)


_PROGRAM: ContextVar[Evidence | None] = ContextVar("legacy2tf2_program_era", default=None)


@contextmanager
def program(evidence: Evidence | None) -> Iterator[None]:
    """Within the block, every report also counts ``evidence``: the TF versions the other files
    of the source's program tell (:mod:`.program_era`; its line 0: no place in the source)."""
    token = _PROGRAM.set(evidence)
    try:
        yield
    finally:
        _PROGRAM.reset(token)


_VERSION = re.compile(r"(\d+)\.(\d+)(?:\.\d+)?(?:-?(?:rc|dev)\d*)?")


def release_of_version(version: str) -> tuple[int, int] | None:
    """``(major, minor)`` of TF release ``version`` (``0.11.0`` -> ``(0, 11)``), or None for a
    text that is no release number."""
    match = _VERSION.fullmatch(version.strip())
    return None if match is None else (int(match[1]), int(match[2]))


def recorded_release(report: EraReport | None = None) -> Evidence | None:
    """The evidence naming the one TF release the program ran on: in ``report`` if given, else
    the notebook record of :func:`recorded` (None where there is none)."""
    items = report.evidence if report is not None else (_RECORDED.get(),)
    for item in items:
        if item is not None and item.release is not None:
            return item
    return None


def eras_of_version(version: str) -> frozenset[str] | None:
    """The era of TF release ``version`` (``0.12.1``, ``1.0.0``, ``1.2.0-rc1``), or None for a
    TF 2.x release or a text that is no release number."""
    match = _VERSION.fullmatch(version.strip())
    if match is None:
        return None
    major, minor = int(match[1]), int(match[2])
    if major == 0:
        return _PRE
    if major != 1:
        return None
    return frozenset({V1_0}) if minor == 0 else frozenset({V1_1}) if minor == 1 else _TWO_OR_LATER


#: The TensorFlow version, below ``tensorflow.`` (``tf.compat.v1.`` dropped).
VERSION_NAMES: frozenset[str] = frozenset({"__version__", "VERSION", "version.VERSION"})


def asserted_release(operator: str, literals: list[str]) -> tuple[str, frozenset[str]] | None:
    """(what, eras) of ``assert tf.__version__ == 'lit'`` (``operator`` ``"=="``) or
    ``assert tf.__version__ in ('lit', ...)`` (``"in"``): the program pins the TF 0.x/1.x
    release it runs on. None when a literal is no such release."""
    eras: set[str] = set()
    for literal in literals:
        found = eras_of_version(literal)
        if found is None:
            return None
        eras |= found
    if not literals or (operator == "==" and len(literals) != 1):
        return None
    return f"assert of TF release {' or '.join(literals)}", frozenset(eras)


def report_from(found: Iterable[tuple[str, Evidence]], patched: set[str]) -> EraReport:
    """The report of the evidence ``found`` ((name below tensorflow, evidence) pairs), names
    below a ``patched`` path left out, with the notebook's record (:func:`recorded`) if any."""
    kept = {
        item
        for name, item in found
        if not any(name == p or name.startswith(p + ".") for p in patched if p)
    }
    for record in (_RECORDED.get(), _PROGRAM.get()):
        if record is not None:
            kept.add(record)
    evidence = sorted(kept)
    possible = _ALL
    for item in evidence:
        if not item.weak:
            possible = possible & item.eras
    if not possible:
        return EraReport(_ALL, tuple(evidence), conflicting=True)
    strong = possible
    for item in evidence:
        if item.weak and possible & item.eras:
            possible = possible & item.eras
    return EraReport(possible, tuple(evidence), strong=strong)
