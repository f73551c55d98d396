"""TF1 summaries on TF 2 (a ``--full`` step): every TF1 summary call becomes ``tf.compat.v1.summary``.

TensorFlow's upgrader renames ``tf.summary.merge_all``, ``merge`` and ``FileWriter`` to
``tf.compat.v1.summary.*`` but keeps ``tf.summary.scalar``, ``histogram``, ``image``, ``audio`` and
``text``: on TF 2 those names are TensorBoard's TF 2 summary API, which raises
``TBNotInstalledError`` when TensorBoard is not installed (TF 2.21 does not install it) and, when it
is, writes nothing in a graph, so ``merge_all()`` returns None and ``Session.run`` fails on it. The
pre-1.0 names (``tf.scalar_summary``, ``tf.histogram_summary``, ``tf.image_summary``,
``tf.audio_summary``, ``tf.merge_summary``, ``tf.merge_all_summaries``, ``tf.train.SummaryWriter``)
it does not know at all. All of them become ``tf.compat.v1.summary.*``: TF1's graph summaries,
which ``merge_all`` collects, ``FileWriter.add_summary`` writes, and which need no TensorBoard.

A file that already uses the TF 2 summary API (``create_file_writer``, ``record_if``, a ``step=``
argument, ...) keeps its ``tf.summary.*`` calls; they are reported when TensorBoard, which they
need, is not installed. A pre-1.0 call whose arguments mean something else in TF 1.x is left as it
is and reported.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import libcst as cst
from libcst.metadata import PositionProvider, QualifiedNameProvider

from legacy2tf2.migrator import analysis
from legacy2tf2.migrator.compat_names import below_tensorflow, compat_v1_expression
from legacy2tf2.migrator.findings import GRAPH_CALL_LEFT, SUMMARY_MOVED
from legacy2tf2.migrator.noting import NotingTransformer

#: Summary ops that TF 2 replaced, under the same name, by the TF 2 summary API.
GRAPH_SUMMARIES: frozenset[str] = frozenset(
    {"summary.scalar", "summary.histogram", "summary.image", "summary.audio", "summary.text"}
)


@dataclass(frozen=True)
class Pre10Summary:
    """A pre-1.0 summary name and how its call maps onto the TF 1.x function."""

    #: The TF 1.x name below ``tensorflow.compat.v1``.
    new: str
    #: Pre-1.0 keyword -> TF 1.x keyword.
    keywords: dict[str, str] = field(default_factory=dict)
    #: How many leading positional arguments mean the same in both; None: all of them.
    positional: int | None = None
    #: The first argument is the tag and ``name=`` the op name (TF 1.x: ``name`` is the tag).
    tagged: bool = False


#: The pre-1.0 summary names (below ``tensorflow``), removed in TF 1.0.
PRE_1_0: dict[str, Pre10Summary] = {
    "scalar_summary": Pre10Summary(
        "summary.scalar", {"tags": "name", "values": "tensor"}, 3, tagged=True
    ),
    "histogram_summary": Pre10Summary("summary.histogram", {"tag": "name"}, 3, tagged=True),
    "image_summary": Pre10Summary(
        "summary.image", {"tag": "name", "max_images": "max_outputs"}, 4, tagged=True
    ),
    "audio_summary": Pre10Summary("summary.audio", {"tag": "name"}, 5, tagged=True),
    "merge_summary": Pre10Summary("summary.merge"),
    "merge_all_summaries": Pre10Summary("summary.merge_all"),
    "train.SummaryWriter": Pre10Summary("summary.FileWriter"),
}

#: Names of the TF 2 summary API: a file using one keeps its ``tf.summary.*`` calls.
TF2_SUMMARY_API: frozenset[str] = frozenset(
    {
        "summary.create_file_writer",
        "summary.create_noop_writer",
        "summary.record_if",
        "summary.should_record_summaries",
        "summary.SummaryWriter",
        "summary.trace_on",
        "summary.trace_off",
        "summary.trace_export",
        "summary.write",
        "summary.flush",
    }
)

#: (line, col, code, message) of a change or of a call left as it is, 1-based, in the input.
Change = tuple[int, int, str, str]

CHANGED = SUMMARY_MOVED
LEFT = GRAPH_CALL_LEFT


def _is_tf2_api(rest: str) -> bool:
    return rest in TF2_SUMMARY_API or rest.startswith("summary.experimental.")


class _Scan(cst.CSTVisitor):
    """Whether the file uses the TF 2 summary API anywhere."""

    METADATA_DEPENDENCIES = (QualifiedNameProvider,)

    def __init__(self) -> None:
        super().__init__()
        self.tf2 = False

    def visit_Attribute(self, node: cst.Attribute) -> None:
        found = below_tensorflow(self.get_metadata(QualifiedNameProvider, node, set()))
        if found is not None and not found[1] and _is_tf2_api(found[0]):
            self.tf2 = True


class SummaryTransformer(NotingTransformer):
    """Move TF1 and pre-1.0 summary calls to ``tf.compat.v1.summary``."""

    METADATA_DEPENDENCIES = (QualifiedNameProvider, PositionProvider)

    def __init__(self, tf2_file: bool, tensorboard_installed: bool) -> None:
        super().__init__()
        self.tf2_file = tf2_file
        self.tensorboard_installed = tensorboard_installed
        self._kept: set[cst.CSTNode] = set()
        self._keywords: dict[cst.Call, dict[str, str]] = {}

    def _name(self, node: cst.CSTNode) -> tuple[str, bool] | None:
        return below_tensorflow(self.get_metadata(QualifiedNameProvider, node, set()))

    def _keep_tf2(self, call: cst.Call, rest: str) -> None:
        self._kept.add(call.func)
        if not self.tensorboard_installed:
            self._note(
                call,
                LEFT,
                f"tf.{rest} is the TF 2 summary API here, which needs TensorBoard, not installed "
                f"(pip install tensorboard); TF1 graph summaries would be tf.compat.v1.{rest}",
            )

    def visit_Call(self, node: cst.Call) -> None:
        found = self._name(node.func)
        if found is None:
            return
        rest, through_compat = found
        if rest in GRAPH_SUMMARIES and not through_compat:
            if self.tf2_file or any(a.keyword and a.keyword.value == "step" for a in node.args):
                self._keep_tf2(node, rest)
            return
        spec = PRE_1_0.get(rest)
        if spec is None:
            return
        problem = self._pre_1_0_problem(node, spec)
        if problem is not None:
            self._kept.add(node.func)
            self._note(node, LEFT, f"pre-1.0 tf.{rest} left as it is: {problem}")
        elif spec.keywords:
            self._keywords[node] = spec.keywords

    @staticmethod
    def _pre_1_0_problem(call: cst.Call, spec: Pre10Summary) -> str | None:
        if any(a.star for a in call.args):
            return "*args or **kwargs cannot be matched to tf.compat.v1." + spec.new
        positional = [a for a in call.args if a.keyword is None]
        if spec.positional is not None and len(positional) > spec.positional:
            return f"its argument {spec.positional + 1} means something else in TF 1.x"
        if not spec.tagged:
            return None
        if any(a.keyword and a.keyword.value == "name" for a in call.args):
            return "name= was the op name; in TF 1.x name is the tag (drop it or use the tag)"
        first = positional[0].value if positional else None
        if isinstance(first, (cst.List, cst.Tuple)):
            return "several tags in one call; TF 1.x takes one tag per call"
        return None

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
        renamed = self._keywords.get(original_node)
        if not renamed:
            return updated_node
        args = [
            a.with_changes(keyword=cst.Name(renamed[a.keyword.value]))
            if a.keyword is not None and a.keyword.value in renamed
            else a
            for a in updated_node.args
        ]
        return updated_node.with_changes(args=args)

    def leave_Attribute(
        self, original_node: cst.Attribute, updated_node: cst.Attribute
    ) -> cst.BaseExpression:
        if original_node in self._kept:
            return updated_node
        found = self._name(original_node)
        if found is None:
            return updated_node
        rest, through_compat = found
        if rest in GRAPH_SUMMARIES and not through_compat and not self.tf2_file:
            new_rest = rest
            why = (
                "the TF1 graph summary (on TF 2 this name is TensorBoard's TF 2 API, "
                "which merge_all does not collect)"
            )
        elif rest in PRE_1_0:
            new_rest = PRE_1_0[rest].new
            why = "the pre-1.0 name"
            if PRE_1_0[rest].tagged:
                why += " (the tag now gets the enclosing name scope as prefix, as in TF 1.x)"
        else:
            return updated_node
        text = compat_v1_expression(original_node, rest, through_compat, new_rest)
        old = cst.helpers.get_full_name_for_node(original_node)
        if text is None:
            message = f"{old} left as it is (imported without TensorFlow's module): use tf.compat.v1.{new_rest}"
            self._note(original_node, LEFT, message)
            return updated_node
        self._note(original_node, CHANGED, f"{old} -> {text}: {why}")
        return cst.parse_expression(text)


def fix_summaries(
    module: cst.Module, tensorboard_installed: bool
) -> tuple[cst.Module, list[Change]]:
    """Move the module's TF1 summary calls to ``tf.compat.v1.summary``.

    Returns the new module and every change or call left as it is, as (line, col, code, message).
    ``tensorboard_installed`` says whether TF 2 summary calls that stay can run.
    """
    wrapper = analysis.wrapper(module, unsafe_skip_copy=True)
    scan = _Scan()
    wrapper.visit(scan)
    transformer = SummaryTransformer(scan.tf2, tensorboard_installed)
    new = wrapper.visit(transformer)
    return new, sorted(transformer.changes)
