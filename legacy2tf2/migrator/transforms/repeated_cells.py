"""``MultiRNNCell([cell] * n)``: keep the model its TensorFlow version built.

Up to TF 1.0 a cell owned no weights: each layer's ``cell_i`` scope made its own, so one cell
object repeated over the layers gave one set of weights per layer (``cell_0``, ``cell_1``, ...).
TF 1.1 raised on it, and TF 1.2+ (and the runtime, by default) shares one set. A TF1 ``Saver``
ignores checkpoint variables the graph lacks, so the wrong choice restores silently into another
model.

In a file written for TF 1.0 or earlier (:mod:`legacy2tf2.migrator.era`), a ``MultiRNNCell`` call
whose cells are, or may be, one object repeated gets ``repeated_cells="copy"``; cells made one
per layer (``[GRUCell(n) for _ in range(k)]``) are left alone. Anything else (a helper's
result, a wrapper around a cell that may be shared, a list built elsewhere) gets the keyword too:
on distinct cells it changes nothing. Where the era cannot be told and
the cells are certainly repeated, the call is reported (L2T005) and keeps the default.

One cell object given as both directions of a bidirectional RNN (``cell_fw=cell, cell_bw=cell``)
is the same case: TF 1.0 made the ``fw`` and ``bw`` weights in each direction's scope, TF 1.1
raised and TF 1.2+ runs both directions with the ``fw`` weights. In a TF 1.0 or earlier file the
backward cell becomes ``copy.deepcopy(cell)`` (a fresh cell with the same configuration, hence
its own ``bw`` weights); where the era cannot be told the call is reported (L2T005).

One cell object run by two RNN functions (an encoder's ``tf.nn.rnn(cell, ...)`` and a decoder's
``rnn_decoder(..., cell)``; ``dynamic_rnn(self.cell, ...)`` in two variable scopes) is the same
case again (:mod:`legacy2tf2.migrator.cell_uses`): in a TF 1.0 or earlier file every later use
becomes ``copy.deepcopy(cell)``, except one certainly run in the first one's scope under reuse;
where the era cannot be told the later use is reported (L2T005).
"""

from __future__ import annotations

from collections.abc import Callable

import libcst as cst

from legacy2tf2.migrator import cell_uses, era, refs
from legacy2tf2.migrator.findings import REPEATED_CELLS
from legacy2tf2.migrator.locate import Fallback
from legacy2tf2.migrator.scopes import ASSIGN
from legacy2tf2.migrator.transforms.shared import Shared

KEYWORD = "repeated_cells"
_COPY_ERAS = (era.PRE_1_0, era.V1_0, era.V1_1)  # TF 1.1 raised: working code is older


def copy_weights(report: era.EraReport) -> bool | None:
    """Whether one cell object used twice made two sets of weights in the file's TF version:
    True up to TF 1.0, False from TF 1.2, None where the file does not tell. TF 1.1 raised on
    it, so working code of a file that may be 1.1 or 1.2+ (``tf.estimator`` and
    ``tf.contrib.rnn``) is TF 1.2+; one that may only be 1.1 is treated as older."""
    possible = report.possible - {era.V1_1} or report.possible
    return era.EraReport(possible).only(_COPY_ERAS)


def copied_on_weak_evidence(report: era.EraReport) -> bool:
    """Whether :func:`copy_weights` says True only because of weak evidence (names deprecated in
    TF 0.12 that TF 1.x still had, such as ``tf.initialize_all_variables``): the copy is then
    reported, since a TF 1.2+ program may use them too."""
    return bool(copy_weights(report)) and not copy_weights(report.strong_only())


_PLAIN_CELLS = frozenset({"BasicRNNCell", "GRUCell", "BasicLSTMCell", "LSTMCell"})
_SCOPE_NODES = (cst.FunctionDef, cst.ClassDef, cst.Lambda, cst.Module)

REPEATED, DISTINCT, UNKNOWN = "repeated", "distinct", "unknown"

#: TF1's bidirectional RNN functions (normalized names): ``cell_fw``, ``cell_bw`` come first.
BIDIRECTIONAL = frozenset(
    {
        "tensorflow.nn.bidirectional_dynamic_rnn",
        "tensorflow.nn.static_bidirectional_rnn",
        "tensorflow.nn.bidirectional_rnn",
        "tensorflow.contrib.rnn.static_bidirectional_rnn",
        "tensorflow.contrib.rnn.python.ops.core_rnn.static_bidirectional_rnn",
        "tensorflow.python.ops.rnn.bidirectional_dynamic_rnn",
        "tensorflow.python.ops.rnn.static_bidirectional_rnn",
        "tensorflow.python.ops.rnn.bidirectional_rnn",
    }
)


class RewriteRepeatedCells(Shared):
    """Add ``repeated_cells="copy"`` to ``MultiRNNCell`` calls of pre-1.1 files."""

    def _file_era(self) -> era.EraReport:
        # One transformer per file (and per Resolver): computed at most once, when first needed.
        if getattr(self, "_era", None) is None:
            self._era = self.resolver.era()
        return self._era

    def _copy_weights(self, call: cst.Call, weak_message: Callable[[str], str]) -> bool | None:
        """:func:`copy_weights` for the file, reporting a copy decided on weak evidence alone."""
        report = self._file_era()
        copy = copy_weights(report)
        if copy and copied_on_weak_evidence(report):
            self.report(call, REPEATED_CELLS, weak_message(report.describe()))
        return copy

    def keep_layer_weights(self, original_node: cst.Call, updated_node: cst.Call) -> cst.Call:
        """``updated_node`` with ``repeated_cells="copy"`` where the file's TF version needs it."""
        ref = self.resolver.lookup(original_node.func)
        if ref is None or ref.kind != refs.CELL or not ref.name.endswith(".MultiRNNCell"):
            return updated_node
        if any(
            arg.keyword is not None and arg.keyword.value == KEYWORD for arg in original_node.args
        ):
            return updated_node
        cells = _cells_argument(original_node)
        if cells is None:
            return updated_node
        shape = self._repetition(cells, 0)
        if shape == DISTINCT:
            return updated_node
        copy = self._copy_weights(original_node, weak_layers_message)
        if copy:
            self.edited = True
            return _with_copy_keyword(updated_node)
        if copy is None and shape == REPEATED:
            evidence = self._file_era().describe()
            self.report(original_node, REPEATED_CELLS, repeated_cells_message(evidence))
        return updated_node

    def keep_direction_weights(self, original_node: cst.Call, updated_node: cst.Call) -> cst.Call:
        """``updated_node`` with ``cell_bw=copy.deepcopy(cell)`` where one cell object runs both
        directions of a bidirectional RNN in a file written for TF 1.0 or earlier."""
        if not self.resolver.qualified_names(original_node.func) & BIDIRECTIONAL:
            return updated_node
        forward, backward = (
            _argument(original_node, 0, "cell_fw"),
            _argument(original_node, 1, "cell_bw"),
        )
        if forward is None or backward is None or not _same_object(forward.value, backward.value):
            return updated_node
        copy = self._copy_weights(original_node, weak_directions_message)
        if copy:
            self.edited = True
            args = list(updated_node.args)
            self._deepcopy_argument(original_node, args, original_node.args.index(backward))
            return updated_node.with_changes(args=args)
        if copy is None:
            evidence = self._file_era().describe()
            self.report(original_node, REPEATED_CELLS, shared_directions_message(evidence))
        return updated_node

    def keep_use_weights(self, original_node: cst.Call, updated_node: cst.Call) -> cst.Call:
        """``updated_node`` with ``copy.deepcopy(cell)`` as the cell of an RNN function that a
        cell object an earlier RNN function ran is given to, in a file written for TF 1.0 or
        earlier (:func:`.cell_uses.later_uses`); reported where the era cannot be told."""
        if cell_uses.function_of(self.resolver.qualified_names(original_node.func)) is None:
            return updated_node
        later = self._later_uses()
        here = later.get(self.resolver.position(original_node.func)) if later else None
        if not here:
            return updated_node
        copy = self._copy_weights(original_node, lambda e: later_use_message(here, e, weak=True))
        if copy is None:
            evidence = self._file_era().describe()
            self.report(original_node, REPEATED_CELLS, later_use_message(here, evidence))
        if not copy:
            return updated_node
        self.edited = True
        args = list(updated_node.args)
        for use in here:
            cell = _argument(original_node, use.index, use.keyword)
            if cell is None:  # the ast pass found it: libcst's arguments are the same
                continue
            self._deepcopy_argument(original_node, args, original_node.args.index(cell))
        return updated_node.with_changes(args=args)

    def _deepcopy_argument(self, call: cst.Call, args: list[cst.Arg], index: int) -> None:
        """``args[index]`` (an argument of ``call``, being rewritten) becomes
        ``copy.deepcopy(...)`` of its value: a cell object with weights of its own."""
        args[index] = args[index].with_changes(
            value=cst.Call(
                func=cst.Attribute(cst.Name(self._copy_module(call)), cst.Name("deepcopy")),
                args=[cst.Arg(args[index].value)],
            )
        )

    def _later_uses(self) -> dict[tuple[int, int], list[cell_uses.LaterUse]]:
        """:func:`.cell_uses.later_uses` of the file by the position of the call's function;
        computed at most once. Empty where the ast pass cannot be made (a ``match`` statement,
        which no Python that ran TF 1.0 parsed)."""
        if getattr(self, "_later", None) is None:
            try:
                located = self.resolver.ast_pass()
                uses = cell_uses.later_uses(located)
            except Fallback:
                uses = []
            self._later: dict[tuple[int, int], list[cell_uses.LaterUse]] = {}
            for use in uses:
                self._later.setdefault(located.position(use.call.func), []).append(use)
        return self._later

    def _copy_module(self, use: cst.CSTNode) -> str:
        """The file's name for the ``copy`` module, imported if the file has none."""
        self._note_use(use)
        if "copy" not in self._local_names:
            bound = self.resolver.top_level_binding("copy")
            if bound is not None:
                self._reused.add(bound)
            else:
                bound = self._fresh("copy", "l2t_copy")
                alias = None if bound == "copy" else cst.AsName(cst.Name(bound))
                self._add_import(cst.Import(names=[cst.ImportAlias(cst.Name("copy"), alias)]))
            self._local_names["copy"] = bound
        return self._local_names["copy"]

    def _new_plain_cell(self, node: cst.BaseExpression) -> bool:
        """Whether ``node`` constructs a TF1 cell that wraps no other cell (``GRUCell(n)``)."""
        if not isinstance(node, cst.Call):
            return False
        ref = self.resolver.lookup(node.func)
        return (
            ref is not None
            and ref.kind == refs.CELL
            and ref.name.rpartition(".")[2] in _PLAIN_CELLS
        )

    def _repetition(self, node: cst.BaseExpression, depth: int) -> str:
        """Whether ``node`` is a list of one repeated cell object, of distinct ones, or unknown."""
        if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Multiply):
            if isinstance(node.left, cst.List) or isinstance(node.right, cst.List):
                return REPEATED
            return UNKNOWN
        if isinstance(node, (cst.List, cst.Tuple)):
            values = [e.value for e in node.elements if isinstance(e, cst.Element)]
            if len(values) != len(node.elements):
                return UNKNOWN
            if values and all(self._new_plain_cell(v) for v in values):
                return DISTINCT
            names = [cst.Module([]).code_for_node(v) for v in values]
            if len(set(names)) < len(names) and all(
                isinstance(v, (cst.Name, cst.Attribute)) for v in values
            ):
                return REPEATED
            return UNKNOWN
        if isinstance(node, cst.ListComp):
            if self._new_plain_cell(node.elt):
                return DISTINCT
            root = _dotted_root(node.elt)
            if root is not None and not _binds(node.for_in, root):
                return REPEATED
            return UNKNOWN
        if isinstance(node, cst.Name) and depth < 4:
            scope = self.resolver.scope(node)
            bindings = scope[node.value] if scope is not None else []
            if len(bindings) != 1 or bindings[0].kind != ASSIGN:
                return UNKNOWN
            target_parent = self.resolver.parent(bindings[0].node)
            assign = self.resolver.parent(target_parent)
            if isinstance(target_parent, cst.AssignTarget) and isinstance(assign, cst.Assign):
                if isinstance(assign.value, cst.List) and not assign.value.elements:
                    return self._appended(bindings[0].references)
                return self._repetition(assign.value, depth + 1)
        return UNKNOWN

    def _appended(self, reads: list[cst.Name]) -> str:
        """What a list bound empty (``cells = []``) and filled by ``cells.append(x)`` holds:
        repeated where an append inside a loop adds a name bound outside that loop, or one name
        bound once is appended twice (``for _ in range(n): cells.append(cell)`` gave TF 1.0 one
        set of weights per layer); distinct where every append makes a new plain cell and the
        list is read nowhere else but by ``MultiRNNCell``; else unknown."""
        appended: list[tuple[cst.Call, cst.BaseExpression]] = []
        only_appends = True
        for read in reads:
            attr = self.resolver.parent(read)
            call = self.resolver.parent(attr) if attr is not None else None
            if (
                isinstance(attr, cst.Attribute)
                and attr.attr.value == "append"
                and isinstance(call, cst.Call)
                and call.func is attr
                and len(call.args) == 1
                and call.args[0].keyword is None
                and not call.args[0].star
            ):
                appended.append((call, call.args[0].value))
            elif not self._multi_rnn_cell_argument(read):
                only_appends = False
        if not appended:
            return UNKNOWN
        names: dict[str, int] = {}
        for call, value in appended:
            if not isinstance(value, cst.Name):
                continue
            bindings = self._bindings(value)
            if not bindings:
                continue
            loop = self._enclosing_loop(call)
            if loop is not None and not any(self._inside(b.node, loop) for b in bindings):
                return REPEATED
            if len(bindings) == 1:
                names[value.value] = names.get(value.value, 0) + 1
                if names[value.value] > 1:
                    return REPEATED
        if only_appends and all(self._made_anew(value, call, 0) for call, value in appended):
            return DISTINCT
        return UNKNOWN

    def _made_anew(
        self, value: cst.BaseExpression, append: cst.Call, depth: int, seen: frozenset = frozenset()
    ) -> bool:
        """Whether ``value`` appended by ``append`` is a cell made anew each time: a new plain
        cell, or a name bound only inside the append's loop to one (or to a wrapper of one:
        ``cell = GRUCell(n); cell = DropoutWrapper(cell)``)."""
        if self._new_plain_cell(value):
            return True
        if isinstance(value, cst.Call) and depth < 8:
            ref = self.resolver.lookup(value.func)
            inner = _wrapped_cell(value) if ref is not None and ref.kind == refs.CELL else None
            return inner is not None and self._made_anew(inner, append, depth + 1, seen)
        if not isinstance(value, cst.Name) or depth >= 8:
            return False
        loop = self._enclosing_loop(append)
        bindings = self._bindings(value)
        if loop is None or not bindings:
            return False
        for binding in bindings:
            if binding in seen:  # the wrapper's own name: its other bindings decide
                continue
            assign = self.resolver.parent(self.resolver.parent(binding.node))
            if (
                binding.kind != ASSIGN
                or not isinstance(assign, cst.Assign)
                or not self._inside(binding.node, loop)
                or not self._made_anew(assign.value, append, depth + 1, seen | {binding})
            ):
                return False
        return True

    def _bindings(self, name: cst.Name) -> list:
        scope = self.resolver.scope(name)
        return list(scope[name.value]) if scope is not None else []

    def _multi_rnn_cell_argument(self, read: cst.Name) -> bool:
        """Whether ``read`` is the argument of a ``MultiRNNCell`` call."""
        arg = self.resolver.parent(read)
        call = self.resolver.parent(arg) if isinstance(arg, cst.Arg) else None
        if not isinstance(call, cst.Call):
            return False
        ref = self.resolver.lookup(call.func)
        return ref is not None and ref.kind == refs.CELL and ref.name.endswith(".MultiRNNCell")

    def _enclosing_loop(self, node: cst.CSTNode) -> cst.CSTNode | None:
        """The innermost ``for``/``while`` statement around ``node`` in its own scope."""
        parent = self.resolver.parent(node)
        while parent is not None and not isinstance(parent, _SCOPE_NODES):
            if isinstance(parent, (cst.For, cst.While)):
                return parent
            parent = self.resolver.parent(parent)
        return None

    def _inside(self, node: cst.CSTNode, ancestor: cst.CSTNode) -> bool:
        while node is not None:
            if node is ancestor:
                return True
            node = self.resolver.parent(node)
        return False


def repeated_cells_message(evidence: str) -> str:
    """The L2T005 message; ``evidence``: the file's era evidence (:meth:`.EraReport.describe`)."""
    return (
        "MultiRNNCell gets one cell object for several layers, and this file does not tell its "
        f"TensorFlow version ({evidence}): up to TF 1.0 each layer had its own weights (cell_0, "
        "cell_1, ...), from TF 1.2 the layers share one set (cell_0 only). Kept the TF 1.2+ "
        "meaning (where the layers' inputs differ in size, which only TF 1.0 ran, the runtime "
        'gives each layer its own weights); add repeated_cells="copy" to this call if the model '
        "(or its checkpoint) was made with TF 1.0 or earlier"
    )


def shared_directions_message(evidence: str) -> str:
    """The L2T005 message of a bidirectional RNN given one cell object as both directions;
    ``evidence``: the file's era evidence (:meth:`.EraReport.describe`)."""
    return (
        "one cell object runs both directions of this bidirectional RNN, and this file does not "
        f"tell its TensorFlow version ({evidence}): up to TF 1.0 each direction had its own "
        "weights (fw/..., bw/...), from TF 1.2 the backward direction runs with the forward "
        "weights. Kept the TF 1.2+ meaning; pass copy.deepcopy(cell) as cell_bw if the model (or "
        "its checkpoint) was made with TF 1.0 or earlier"
    )


def later_use_message(uses: list[cell_uses.LaterUse], evidence: str, weak: bool = False) -> str:
    """The L2T005 message of the later uses of one call (:func:`.cell_uses.later_uses`): that of
    a cell an earlier RNN function ran, or of one run anew in each pass of a loop; ``weak``: the
    copy was made on weak evidence alone; ``evidence``: the file's era evidence."""
    lines = sorted({use.first.lineno for use in uses if use.first is not use.call})
    if lines:
        return (weak_uses_message if weak else shared_uses_message)(evidence, lines)
    return (weak_passes_message if weak else shared_passes_message)(evidence)


def shared_passes_message(evidence: str) -> str:
    """The L2T005 message of a cell object run anew in each pass of a loop, under a variable
    scope named after the pass; ``evidence``: the file's era evidence."""
    return (
        "this RNN function runs one cell object in each pass of its loop, under a variable scope "
        f"named after the pass, and this file does not tell its TensorFlow version ({evidence}): "
        "up to TF 1.0 each pass made its own weights, from TF 1.2 every pass runs with the "
        "weights of the first. Kept the TF 1.2+ meaning; pass copy.deepcopy(cell) here if the "
        "model (or its checkpoint) was made with TF 1.0 or earlier"
    )


def weak_passes_message(evidence: str) -> str:
    """The L2T005 message of a loop's ``copy.deepcopy(cell)`` written on weak evidence alone."""
    return (
        "this RNN function runs one cell object in each pass of its loop, under a variable scope "
        "named after the pass; this file was taken as written for TF 1.0 or earlier, where each "
        "pass made its own weights (the cell became copy.deepcopy(cell) here), but only on names "
        f"that TF 1.2+ still had ({evidence}): pass the cell itself if the model (or its "
        "checkpoint) was made with TF 1.2 or later, where every pass runs with the first weights"
    )


def shared_uses_message(evidence: str, first_lines: list[int]) -> str:
    """The L2T005 message of a cell object that an RNN function on ``first_lines`` ran before
    this one; ``evidence``: the file's era evidence (:meth:`.EraReport.describe`)."""
    return (
        f"this RNN function runs a cell object that one on line {_lines(first_lines)} already "
        f"ran, and this file does not tell its TensorFlow version ({evidence}): up to TF 1.0 "
        "each run made its own weights in its own variable scope (an encoder's and a decoder's), "
        "from TF 1.2 the cell runs here with the weights of its first run. Kept the TF 1.2+ "
        "meaning (where its inputs here differ in size from its first run's, which only TF 1.0 "
        "ran, the runtime gives it new weights here); pass copy.deepcopy(cell) here if the model "
        "(or its checkpoint) was made with TF 1.0 or earlier"
    )


def weak_uses_message(evidence: str, first_lines: list[int]) -> str:
    """The L2T005 message of a later use's ``copy.deepcopy(cell)`` written on weak evidence."""
    return (
        f"this RNN function runs a cell object that one on line {_lines(first_lines)} already "
        "ran; this file was taken as written for TF 1.0 or earlier, where each run made its own "
        "weights in its own variable scope (the cell became copy.deepcopy(cell) here), but only "
        f"on names that TF 1.2+ still had ({evidence}): pass the cell itself if the model (or "
        "its checkpoint) was made with TF 1.2 or later, where it runs with its first weights"
    )


def _lines(numbers: list[int]) -> str:
    return ", ".join(str(n) for n in numbers)


def weak_layers_message(evidence: str) -> str:
    """The L2T005 message of ``repeated_cells="copy"`` added on weak evidence alone."""
    return (
        "MultiRNNCell gets one cell object for several layers; this file was taken as written "
        'for TF 1.0 or earlier, where each layer had its own weights (added repeated_cells="copy"), '
        f"but only on names that TF 1.2+ still had ({evidence}): remove it if the model (or its "
        "checkpoint) was made with TF 1.2 or later, where the layers share one set"
    )


def weak_directions_message(evidence: str) -> str:
    """The L2T005 message of ``cell_bw=copy.deepcopy(cell)`` written on weak evidence alone."""
    return (
        "one cell object runs both directions of this bidirectional RNN; this file was taken as "
        "written for TF 1.0 or earlier, where each direction had its own weights (cell_bw became "
        f"copy.deepcopy(cell)), but only on names that TF 1.2+ still had ({evidence}): pass the "
        "cell itself if the model (or its checkpoint) was made with TF 1.2 or later, where the "
        "backward direction runs with the forward weights"
    )


def _wrapped_cell(call: cst.Call) -> cst.BaseExpression | None:
    """The cell a wrapper call (``DropoutWrapper(cell, ...)``) is given."""
    arg = _argument(call, 0, "cell")
    return arg.value if arg is not None and not arg.star else None


def _cells_argument(call: cst.Call) -> cst.BaseExpression | None:
    for arg in call.args:
        if arg.keyword is not None and arg.keyword.value == "cells":
            return arg.value
    if call.args and call.args[0].keyword is None and not call.args[0].star:
        return call.args[0].value
    return None


def _argument(call: cst.Call, index: int, keyword: str) -> cst.Arg | None:
    """The argument of ``call`` for the parameter at ``index`` named ``keyword``."""
    for arg in call.args:
        if arg.keyword is not None and arg.keyword.value == keyword:
            return arg
    positional = [arg for arg in call.args if arg.keyword is None]
    if any(arg.star for arg in positional[: index + 1]) or len(positional) <= index:
        return None
    return positional[index]


def _same_object(first: cst.BaseExpression, second: cst.BaseExpression) -> bool:
    """Whether two argument expressions certainly give one object: the same name or attribute."""
    if not all(isinstance(node, (cst.Name, cst.Attribute)) for node in (first, second)):
        return False
    code = cst.Module([]).code_for_node
    return code(first) == code(second)


def _dotted_root(node: cst.BaseExpression) -> str | None:
    """The first name of ``cell`` or ``self.cell`` (one object, read again on each pass of a
    comprehension: ``[self.cell for _ in range(n)]`` repeats it as ``[self.cell] * n`` does)."""
    while isinstance(node, cst.Attribute):
        node = node.value
    return node.value if isinstance(node, cst.Name) else None


def _binds(for_in: cst.CompFor | None, name: str) -> bool:
    """Whether a ``for`` clause of a comprehension binds ``name``."""
    while for_in is not None:
        for target in _names_in(for_in.target):
            if target == name:
                return True
        for_in = for_in.inner_for_in
    return False


def _names_in(node: cst.BaseExpression) -> list[str]:
    if isinstance(node, cst.Name):
        return [node.value]
    if isinstance(node, (cst.Tuple, cst.List)):
        return [n for e in node.elements for n in _names_in(e.value)]
    return []


def _with_copy_keyword(call: cst.Call) -> cst.Call:
    args = list(call.args)
    last = args[-1]
    keyword = cst.Arg(
        value=cst.SimpleString('"copy"'),
        keyword=cst.Name(KEYWORD),
        equal=cst.AssignEqual(
            whitespace_before=cst.SimpleWhitespace(""), whitespace_after=cst.SimpleWhitespace("")
        ),
        comma=last.comma,
    )
    args[-1] = last.with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
    return call.with_changes(args=[*args, keyword])
