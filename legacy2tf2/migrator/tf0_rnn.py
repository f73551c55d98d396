"""Whether the state TF 0.x's ``tf.nn.rnn`` returned is read as TF 1.x's ``static_rnn`` returns it.

Up to TF 0.6 ``tf.nn.rnn`` and ``tf.nn.state_saving_rnn`` (and the same functions of
``tensorflow.python.ops.rnn``) returned ``(outputs, states)``, one state per step; TF 0.7 made
them return the final state, as ``static_rnn`` does (TF 0.7's release notes: "The non-public
``nn.rnn`` and the various ``nn.seq2seq`` methods now return just the final state instead of the
list of all states"). The outputs never changed. So the rename is exact where

- the program is certainly for TF 0.7 or later (:func:`since_0_7`: a notebook's record of the
  release it ran on, or a name or keyword that came
  with TF 0.7-1.x, such as ``tf.contrib``, ``tf.nn.dynamic_rnn``, ``state_is_tuple=``,
  ``tf.global_variables_initializer``, or the era's TF 1.x evidence), or
- the state is read as every version returned it: not at all (``outputs, _ = tf.nn.rnn(...)``).

``states[-1]`` was TF 0.6's final state, but is the last layer's state (or ``h``) of a TF 0.9+
tuple state: only a program of the ``tensorflow.models.rnn`` years
(:func:`legacy2tf2.migrator.tf0_state.written_for_tf0_11`, where ``--full`` drops that ``[-1]``)
tells which; there :func:`state_reads` says whether the state is read only so or as a whole.
"""

from __future__ import annotations

import libcst as cst
import libcst.matchers as m
from libcst.metadata import QualifiedNameProvider

from legacy2tf2.migrator import analysis, era
from legacy2tf2.migrator.tf0_state import is_minus_one

#: Names below ``tensorflow.`` (a name matches itself and what is below it) that came with TF 0.7
#: or later -> the version, for messages.
SINCE_0_7: dict[str, str] = {
    "contrib": "0.7",
    "random_crop": "0.7",
    "train.import_meta_graph": "0.7",
    "train.export_meta_graph": "0.7",
    "while_loop": "0.8",
    "nn.dynamic_rnn": "0.8",
    "nn.bidirectional_dynamic_rnn": "0.9",
    "nn.raw_rnn": "0.11",
    "nn.rnn_cell.LSTMStateTuple": "0.10",
    "python.ops.rnn_cell.LSTMStateTuple": "0.10",
    "global_variables_initializer": "0.12",
    "local_variables_initializer": "0.12",
    "global_variables": "0.12",
    "variables_initializer": "0.12",
    "summary": "0.12",
    "stack": "1.0",
    "unstack": "1.0",
    "multiply": "1.0",
    "subtract": "1.0",
    "negative": "1.0",
}
#: A cell keyword that came with TF 0.9.
_TUPLE_KEYWORD = "state_is_tuple"
#: TF 0.9's ``embedding_size`` keyword, on the TensorFlow callables that took it from that release
#: (up to TF 0.8 their embeddings were as wide as the cell's input_size).
_EMBEDDING_KEYWORD = "embedding_size"
_EMBEDDING_CALLABLES = frozenset(
    {
        *("EmbeddingWrapper", "embedding_rnn_decoder", "embedding_rnn_seq2seq"),
        *("embedding_tied_rnn_seq2seq", "embedding_attention_decoder"),
        "embedding_attention_seq2seq",
    }
)

#: How a state name is read: as a whole, as ``[-1]``, as another RNN's initial state, or otherwise
#: (another index, iterated, ...).
WHOLE, LAST, INITIAL, OTHER = "whole", "last", "initial", "other"
#: The seq2seq decoders taking the initial state as their second positional argument.
_DECODERS = frozenset(
    {"rnn_decoder", "attention_decoder", "embedding_rnn_decoder", "embedding_attention_decoder"}
)
_SEQUENCE_FUNCTIONS = frozenset({"len", "list", "tuple", "enumerate", "zip", "reversed", "sorted"})


_COMPAT_V1 = "tensorflow.compat.v1."


def _below(names: set[cst.metadata.QualifiedName]) -> list[str]:
    found = []
    for qualified in names:
        name = qualified.name
        if name.startswith("tensorflow.compat.v1."):
            found.append(name[len("tensorflow.compat.v1.") :])
        elif name.startswith("tensorflow."):
            found.append(name[len("tensorflow.") :])
    return sorted(found)


class _Collector(cst.CSTVisitor):
    METADATA_DEPENDENCIES = (QualifiedNameProvider,)

    def __init__(self) -> None:
        super().__init__()
        self.found: str | None = None
        self.compat_v1 = False

    def visit_Attribute(self, node: cst.Attribute) -> bool:
        self._names(node)
        return self.found is None or not self.compat_v1

    def visit_Name(self, node: cst.Name) -> None:
        self._names(node)

    def visit_ImportFrom(self, node: cst.ImportFrom) -> bool:
        if node.module is None or node.relative or isinstance(node.names, cst.ImportStar):
            return False
        base = cst.Module([]).code_for_node(node.module)
        for alias in node.names:
            self._dotted(f"{base}.{cst.Module([]).code_for_node(alias.name)}")
        return False

    def visit_Import(self, node: cst.Import) -> bool:
        for alias in node.names:
            self._dotted(cst.Module([]).code_for_node(alias.name))
        return False

    def visit_Call(self, node: cst.Call) -> None:
        if self.found is not None:
            return
        keywords = {a.keyword.value for a in node.args if a.keyword is not None}
        if not keywords & {_TUPLE_KEYWORD, _EMBEDDING_KEYWORD}:
            return
        names = _below(self.get_metadata(QualifiedNameProvider, node.func, set()))
        if names and _TUPLE_KEYWORD in keywords:
            self.found = f"{_TUPLE_KEYWORD}= (TF 0.9+)"
        elif _EMBEDDING_KEYWORD in keywords and any(
            name.rpartition(".")[2] in _EMBEDDING_CALLABLES for name in names
        ):
            self.found = f"{_EMBEDDING_KEYWORD}= (TF 0.9+)"

    def _names(self, node: cst.CSTNode) -> None:
        qualified = self.get_metadata(QualifiedNameProvider, node, set())
        if not self.compat_v1 and any(
            q.name.startswith(_COMPAT_V1) or q.name == _COMPAT_V1[:-1] for q in qualified
        ):
            self.compat_v1 = True
        if self.found is None:
            for name in _below(qualified):
                self._match(name)

    def _dotted(self, dotted: str) -> None:
        if dotted.startswith(_COMPAT_V1) or dotted == _COMPAT_V1[:-1]:
            self.compat_v1 = True
        if self.found is None and dotted.startswith("tensorflow."):
            self._match(dotted.removeprefix("tensorflow.").removeprefix("compat.v1."))

    def _match(self, name: str) -> None:
        for key, version in SINCE_0_7.items():
            if name == key or name.startswith(key + "."):
                self.found = f"tf.{key} (TF {version}+)"
                return


def since_0_7(module: cst.Module, report: era.EraReport | None = None) -> str | None:
    """What in ``module`` (the source as written) shows it is for TF 0.7 or later, or None.

    ``report`` (the module's :func:`~legacy2tf2.migrator.era.detect_era`) adds its TF 1.x
    evidence (any strong evidence that rules out every pre-1.0 version); a notebook's record of
    the release it ran on (0.7 or later) counts too. A module that refers to ``tf.compat.v1``
    shows nothing: it was upgraded already (a second ``rewrite --full`` must leave the TF 0.x
    calls the first one left, not convert them on the TF 1.x names the first one wrote).
    """
    record = era.recorded_release(report)
    if record is not None and record.release is not None and record.release >= (0, 7):
        return record.cited()
    collector = _Collector()
    analysis.wrapper(module).visit(collector)
    if collector.compat_v1:
        # tf.compat.v1 came with TF 1.13, which had no TF 0.x static RNN function: a file with
        # both was upgraded (by tf_upgrade_v2, or an earlier rewrite --full that renamed and
        # reordered its TF 0.x calls into TF 1.x ones) and tells nothing of the TF 0.x release
        return None
    if report is not None:
        for item in report.evidence:
            if not item.weak and era.PRE_1_0 not in item.eras:
                return item.cited()
    return collector.found


class _Parents(cst.CSTVisitor):
    def __init__(self) -> None:
        super().__init__()
        self.parents: dict[cst.CSTNode, cst.CSTNode] = {}
        self._stack: list[cst.CSTNode] = []

    def on_visit(self, node: cst.CSTNode) -> bool:
        if self._stack:
            self.parents[node] = self._stack[-1]
        self._stack.append(node)
        return True

    def on_leave(self, original_node: cst.CSTNode) -> None:
        self._stack.pop()


def state_reads(module: cst.Module, name: str) -> set[str]:
    """How ``module`` reads the plain name ``name`` anywhere (by name, whatever its scope):
    :data:`WHOLE`, :data:`LAST` (``name[-1]``), :data:`INITIAL` and :data:`OTHER`.

    :data:`INITIAL` is an ``initial_state=`` argument, or a seq2seq decoder's second positional
    one: TF 0.6's list of per-step states failed there (its cells split or concatenated the
    state as one tensor), so a program passing the state so was written for TF 0.7+."""
    collector = _Parents()
    module.visit(collector)
    parents = collector.parents
    kinds: set[str] = set()
    for node in m.findall(module, m.Name(name)):
        parent = parents.get(node)
        if isinstance(parent, cst.Attribute) and parent.attr is node:
            continue
        if isinstance(parent, (cst.AssignTarget, cst.Param, cst.ImportAlias, cst.AsName)):
            continue
        if isinstance(parent, (cst.Element, cst.StarredElement)) and _in_target(parent, parents):
            continue
        if isinstance(parent, (cst.For, cst.CompFor)) and parent.target is node:
            continue  # rebound by a loop (`for _ in range(n)` after `outputs, _ = tf.nn.rnn(...)`)
        kinds.add(_read_kind(node, parent, parents))
    return kinds


def _in_target(node: cst.CSTNode, parents: dict[cst.CSTNode, cst.CSTNode]) -> bool:
    """Whether ``node`` is inside an assignment or loop target (``a, b = ...``)."""
    child, parent = node, parents.get(node)
    while isinstance(parent, (cst.Tuple, cst.List, cst.Element, cst.StarredElement)):
        child, parent = parent, parents.get(parent)
    return isinstance(parent, cst.AssignTarget) or (
        isinstance(parent, (cst.For, cst.CompFor)) and parent.target is child
    )


def _read_kind(
    node: cst.Name, parent: cst.CSTNode | None, parents: dict[cst.CSTNode, cst.CSTNode]
) -> str:
    if isinstance(parent, cst.Subscript) and parent.value is node:
        index = parent.slice[0].slice if len(parent.slice) == 1 else None
        if isinstance(index, cst.Index) and is_minus_one(index.value):
            return LAST
        return OTHER
    if isinstance(parent, (cst.For, cst.CompFor)) and parent.iter is node:
        return OTHER
    if isinstance(parent, (cst.StarredElement, cst.StarredDictElement)):
        return OTHER
    if isinstance(parent, cst.Arg):
        if parent.star:
            return OTHER
        call = parents.get(parent)
        if parent.keyword is not None and parent.keyword.value == "initial_state":
            return INITIAL
        if (
            isinstance(call, cst.Call)
            and parent.keyword is None
            and call.args.index(parent) == 1
            and (cst.helpers.get_full_name_for_node(call.func) or "").rpartition(".")[2]
            in _DECODERS
        ):
            return INITIAL
        if (
            isinstance(call, cst.Call)
            and isinstance(call.func, cst.Name)
            and call.func.value in _SEQUENCE_FUNCTIONS
        ):
            return OTHER
    if isinstance(parent, cst.Attribute) and parent.value is node:
        return OTHER  # states.c, states.h: a TF 0.9+ tuple, or a list's method
    return WHOLE
