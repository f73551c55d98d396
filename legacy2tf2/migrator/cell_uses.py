"""One cell object run by several RNN functions: which runs had their own weights up to TF 1.0.

Up to TF 1.0 a cell owned no weights: every call made (or, under reuse, found) its weights by name
in the variable scope it ran in, so ``tf.nn.rnn(cell, enc, scope="encoder")`` followed by
``seq2seq.rnn_decoder(dec, state, cell)`` built two sets, ``encoder/gru_cell/...`` and
``rnn_decoder/gru_cell/...``. TF 1.1 made a cell remember the scope of its first call and raise
in another one (``core_rnn_cell_impl._checked_scope``: "Attempt to reuse RNNCell ... with a
different variable scope than its first use"), and TF 1.2 made cells layers that own their
weights: the decoder computes with the encoder's weights, as the runtime's cells do. A TF 1.0
program migrated as it is silently shares one set, and its checkpoint's second set is never read.

This module finds, over Python's ``ast`` (one analysis for the rewrite and for ``rewrite
--check``), every use of a cell object by an RNN function after the first one of the same object
(:func:`later_uses`). Giving such a use ``copy.deepcopy(cell)`` (a fresh, unbuilt cell of the
same configuration) reproduces TF 1.0 exactly: the copy makes its weights by name in the scope it
runs in, or finds them there under reuse, as TF 1.0 did, whichever scope that is. The one use left
out is a run certainly in the first run's own variable scope (the same function, ``with``
statements and ``scope`` argument, no ``reset_default_graph()`` between): under reuse
(``scope.reuse_variables()`` between the two, or a ``variable_scope(..., reuse=True)``) TF 1.0
shared there too, and without it TF 1.0 and 1.1 raised ("Variable ... already exists"), so the
program ran only on TF 1.2+, which shares: the cell itself is kept (two ``static_bidirectional_rnn``
calls of a Siamese network in one ``variable_scope``).
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

from legacy2tf2.migrator import renames
from legacy2tf2.migrator.locate import ASSIGN, AstResolver, chain_parts, walk_relevant

_LEGACY = renames.LEGACY


@dataclass(frozen=True)
class _Function:
    """An RNN function: its cell parameters (position, name) and its ``scope`` parameter."""

    cells: tuple[tuple[int, str], ...]
    scope: int


# rnn/static_rnn(cell, inputs, initial_state, dtype, sequence_length, scope)
_STATIC = _Function(((0, "cell"),), 5)
# dynamic_rnn(cell, inputs, sequence_length, initial_state, dtype, parallel_iterations,
# swap_memory, time_major, scope)
_DYNAMIC = _Function(((0, "cell"),), 8)
# state_saving_rnn(cell, inputs, state_saver, state_name, sequence_length, scope)
_SAVING = _Function(((0, "cell"),), 5)
_BIDIRECTIONAL = _Function(((0, "cell_fw"), (1, "cell_bw")), 7)
_BIDIRECTIONAL_DYNAMIC = _Function(((0, "cell_fw"), (1, "cell_bw")), 10)

_STATIC_MODULES = (
    "tensorflow.nn",
    "tensorflow.python.ops.rnn",
    *renames.CELL_MODULES,
    *renames.STATIC_RNN_MODULES,
)

#: TF1's RNN functions that run a cell given to them (normalized qualified names).
RNN_FUNCTIONS: dict[str, _Function] = {
    "tensorflow.nn.rnn": _STATIC,
    "tensorflow.python.ops.rnn.rnn": _STATIC,
    "tensorflow.models.rnn.rnn.rnn": _STATIC,
    **{f"{module}.static_rnn": _STATIC for module in _STATIC_MODULES},
    "tensorflow.nn.dynamic_rnn": _DYNAMIC,
    "tensorflow.python.ops.rnn.dynamic_rnn": _DYNAMIC,
    "tensorflow.nn.state_saving_rnn": _SAVING,
    "tensorflow.python.ops.rnn.state_saving_rnn": _SAVING,
    "tensorflow.models.rnn.rnn.state_saving_rnn": _SAVING,
    **{f"{module}.static_state_saving_rnn": _SAVING for module in _STATIC_MODULES},
    "tensorflow.nn.bidirectional_rnn": _BIDIRECTIONAL,
    "tensorflow.python.ops.rnn.bidirectional_rnn": _BIDIRECTIONAL,
    "tensorflow.models.rnn.rnn.bidirectional_rnn": _BIDIRECTIONAL,
    **{f"{module}.static_bidirectional_rnn": _BIDIRECTIONAL for module in _STATIC_MODULES},
    "tensorflow.nn.bidirectional_dynamic_rnn": _BIDIRECTIONAL_DYNAMIC,
    "tensorflow.python.ops.rnn.bidirectional_dynamic_rnn": _BIDIRECTIONAL_DYNAMIC,
    # legacy_seq2seq (every era's path normalizes to it); the decoders' and models' cell slot:
    f"{_LEGACY}.rnn_decoder": _Function(((2, "cell"),), 4),
    f"{_LEGACY}.attention_decoder": _Function(((3, "cell"),), 8),
    f"{_LEGACY}.embedding_rnn_decoder": _Function(((2, "cell"),), 8),
    f"{_LEGACY}.embedding_attention_decoder": _Function(((3, "cell"),), 12),
    f"{_LEGACY}.basic_rnn_seq2seq": _Function(((2, "cell"),), 4),
    f"{_LEGACY}.tied_rnn_seq2seq": _Function(((2, "cell"),), 5),
    f"{_LEGACY}.embedding_rnn_seq2seq": _Function(((2, "cell"),), 9),
    f"{_LEGACY}.embedding_tied_rnn_seq2seq": _Function(((2, "cell"),), 9),
    f"{_LEGACY}.embedding_attention_seq2seq": _Function(((2, "cell"),), 10),
}

#: Calls that make a new cell object of the one they read.
_COPIES = frozenset({"copy.deepcopy", "copy.copy", "deepcopy"})

#: Context managers that leave the variable scope as it is.
_NO_VARIABLE_SCOPE = frozenset({"tensorflow.name_scope", "tensorflow.device"})
_SCOPE_OWNERS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef, ast.Module)


@dataclass(frozen=True)
class LaterUse:
    """A cell object given to an RNN function after an earlier RNN function ran it.

    ``call``: the later call; ``index``, ``keyword``: its cell parameter; ``first``: the call
    that ran the object first (whose weights the runtime's cell keeps).
    """

    call: ast.Call
    index: int
    keyword: str
    first: ast.Call


@dataclass(frozen=True)
class _Use:
    call: ast.Call
    index: int
    keyword: str
    function: str
    cell: ast.AST
    text: str


def function_of(names: frozenset[str]) -> str | None:
    """The RNN function of :data:`RNN_FUNCTIONS` among a call's qualified names, if any."""
    for name in names:
        if name in RNN_FUNCTIONS:
            return name
    return None


def later_uses(resolver: AstResolver) -> list[LaterUse]:
    """Every use of a cell object by an RNN function after its first one, in source order,
    except those certainly run in the first one's variable scope under reuse (module docstring).

    A cell object is a name, or an attribute chain of one (``self.cell``), read in one function
    without being bound again between the two uses (but for a value that reads it: a wrapper of
    the first run's cell, ``cell = OutputProjectionWrapper(cell, n)``, runs that cell again), or
    the same attribute of the first parameter of two methods of one class (an encoder and a
    decoder method both running ``self.cell``).
    Two names or attributes bound to one object count as one object too: each bound once, to the
    same plain name read in one function with no new binding of it between
    (``self._enc_cell = cell; self._dec_cell = cell`` in ``__init__``, read in methods of that
    class; ``enc_cell = cell; dec_cell = cell``).
    An earlier use in the opposite branch of one ``if`` statement (:meth:`_Analysis.exclusive`)
    is not an earlier run.
    One object given as both directions of one bidirectional RNN counts as one use there (its
    ``cell_bw`` is :mod:`.transforms.repeated_cells`' concern).

    A use that runs again in each pass of a ``for`` loop, under a ``variable_scope`` named after
    the loop's variable (``"layer_%d" % i``) without reuse, with a cell object made before the
    loop, is a later use of itself (``first`` is its own call): TF 1.0 gave each pass its own
    weights.
    """
    uses = _uses(resolver)
    if not uses:
        return []
    analysis = _Analysis(resolver)
    found: list[LaterUse] = []
    for i, use in enumerate(uses):
        first = next(
            (
                u
                for u in uses[:i]
                if not analysis.exclusive(u, use)
                and (
                    (u.text == use.text and analysis.same_object(u, use))
                    or analysis.one_origin(u, use)
                )
            ),
            None,
        )
        if first is None:
            first = analysis.wrapped_earlier(uses[:i], use)
        if first is None:
            first = analysis.held_by_earlier(
                [u for u in uses[:i] if not analysis.exclusive(u, use)], use
            )
        if first is not None and not analysis.shared_in_tf1(first, use):
            found.append(LaterUse(use.call, use.index, use.keyword, first.call))
        elif first is None and analysis.new_scope_each_pass(use):
            found.append(LaterUse(use.call, use.index, use.keyword, use.call))
    return found


def _uses(resolver: AstResolver) -> list[_Use]:
    uses: list[_Use] = []
    for node in walk_relevant(resolver):  # an RNN function's call reads a TensorFlow name
        if type(node) is not ast.Call:
            continue
        name = function_of(resolver.qualified_names(node.func))  # type: ignore[attr-defined]
        if name is None:
            continue
        slots = []
        for index, keyword in RNN_FUNCTIONS[name].cells:
            value = argument(node, index, keyword)  # type: ignore[arg-type]
            text = _chain_text(value) if value is not None else None
            if text is not None:
                slots.append(_Use(node, index, keyword, name, value, text))  # type: ignore[arg-type]
        if len(slots) == 2 and slots[0].text == slots[1].text:
            slots.pop()  # one object as both directions: one use (cell_bw is copied apart)
        uses.extend(slots)
    uses.sort(key=lambda u: (u.call.lineno, u.call.col_offset, u.index))
    return uses


def argument(call: ast.Call, index: int, keyword: str) -> ast.AST | None:
    """The argument of ``call`` for the parameter at ``index`` named ``keyword`` (as
    :func:`.transforms.repeated_cells._argument` finds it in libcst's argument order)."""
    for item in call.keywords:
        if item.arg == keyword:
            return item.value
    positional: list[ast.AST] = [*call.args, *(k for k in call.keywords if k.arg is None)]
    leading = positional[: index + 1]
    if len(positional) <= index or any(type(a) in (ast.Starred, ast.keyword) for a in leading):
        return None
    return positional[index]


def _chain_text(node: ast.AST) -> str | None:
    """``a.b.c`` for a name or an attribute chain of one, else None."""
    parts = chain_parts(node)
    if parts is None:
        return None
    head, attributes = parts
    return ".".join([head.id, *attributes])


def _where(node: ast.AST) -> tuple[int, int]:
    return node.lineno, node.col_offset  # type: ignore[attr-defined]


class _Analysis:
    """Bindings and variable scopes around the uses, over one module's ``ast``."""

    def __init__(self, resolver: AstResolver) -> None:
        self.r = resolver
        self._stores: dict[str, list[ast.AST]] | None = None

    # -- one object? ---------------------------------------------------------------------------
    def same_object(self, first: _Use, later: _Use) -> bool:
        """Whether two uses of one expression (:attr:`_Use.text`) run one object."""
        head_first, head_later = _head(first.cell), _head(later.cell)
        scope = self.r.scope_of.get(head_first)
        if scope is None or scope is not self.r.scope_of.get(head_later):
            return self._one_attribute_of_methods(first, later)
        if head_first.id in scope.declared_global | scope.declared_nonlocal:
            return False  # bound elsewhere, maybe between the two
        span = (_where(first.call), _where(later.call))
        for binding in scope.bindings.get(head_first.id, ()):
            between = span[0] < _where(_binding_site(binding.node)) < span[1]
            if between and not (first.text == head_first.id and self._wraps_itself(binding.node)):
                return False
        return not any(
            self.r.scope_of.get(_head(store)) is scope
            and span[0] < _where(store) < span[1]
            and not (_chain_text(store) == first.text and self._wraps_itself(store))
            for store in self._attribute_stores(first.text)
        )

    def one_origin(self, first: _Use, later: _Use) -> bool:
        """Whether two uses of different names or attributes run one object: each bound once,
        to the same plain name (or chain) read in one function, with no new binding of that
        name between the two bindings (``self._enc_cell = cell`` and ``self._dec_cell = cell``,
        or ``enc_cell = cell`` and ``dec_cell = cell``)."""
        if first.text == later.text:
            return False
        origins = [self._alias_origin(use) for use in (first, later)]
        if origins[0] is None or origins[1] is None:
            return False
        (value_a, site_a), (value_b, site_b) = origins
        if _chain_text(value_a) != _chain_text(value_b):
            return False
        head = _head(value_a)
        scope = self.r.scope_of.get(head)
        if scope is None or scope is not self.r.scope_of.get(_head(value_b)):
            return False
        if head.id in scope.declared_global | scope.declared_nonlocal:
            return False
        span = sorted((_where(site_a), _where(site_b)))
        return not any(
            span[0] < _where(_binding_site(binding.node)) < span[1]
            for binding in scope.bindings.get(head.id, ())
        )

    def _alias_origin(self, use: _Use) -> tuple[ast.AST, ast.AST] | None:
        """The plain name (or chain) the use's cell expression was bound to, once, and the
        assignment: a name with one assignment in its scope, or ``self.attr`` (the first
        parameter of a method) with one assignment in the file, in a method of the same class."""
        cell = use.cell
        if type(cell) is ast.Name:
            scope = self.r.scope_of.get(cell)
            bindings = scope.bindings.get(cell.id, []) if scope is not None else []
            if len(bindings) != 1 or bindings[0].kind != ASSIGN:
                return None
            target = bindings[0].node
        elif type(cell) is ast.Attribute and type(cell.value) is ast.Name:
            method = self._method(cell.value)
            stores = self._attribute_stores(use.text)
            if method is None or len(stores) != 1 or type(stores[0].value) is not ast.Name:  # type: ignore[attr-defined]
                return None
            target = stores[0]
            owner = self._method(target.value)  # type: ignore[attr-defined]
            if owner is None or self.r.parents.get(owner) is not self.r.parents.get(method):
                return None
        else:
            return None
        assign = self.r.parents.get(target)
        if type(assign) is not ast.Assign or len(assign.targets) != 1:  # type: ignore[attr-defined]
            return None
        value = assign.value  # type: ignore[attr-defined]
        if type(value) not in (ast.Name, ast.Attribute) or _chain_text(value) is None:
            return None
        return value, assign

    def _wraps_itself(self, target: ast.AST) -> bool:
        """Whether ``target`` is assigned a value that reads the target itself (``cell =
        OutputProjectionWrapper(cell, n)``, ``self.cell = DropoutWrapper(self.cell)``): the new
        object may run the old one inside, which TF 1.0 gave new weights where the new one ran."""
        assign = self.r.parents.get(target)
        if type(assign) is not ast.Assign or len(assign.targets) != 1:  # type: ignore[attr-defined]
            return False
        text = _chain_text(target)
        return any(
            type(node) in (ast.Name, ast.Attribute)
            and type(node.ctx) is ast.Load  # type: ignore[attr-defined]
            and _chain_text(node) == text
            for node in ast.walk(assign.value)  # type: ignore[attr-defined]
        )

    def _one_attribute_of_methods(self, first: _Use, later: _Use) -> bool:
        """``self.cell`` in two methods of one class, ``self`` their first parameter."""
        if type(first.cell) is not ast.Attribute:
            return False
        functions = [self._method(_head(use.cell)) for use in (first, later)]
        if functions[0] is None or functions[1] is None:
            return False
        classes = [self.r.parents.get(f) for f in functions]
        return classes[0] is classes[1] and type(classes[0]) is ast.ClassDef

    def _method(self, head: ast.Name) -> ast.AST | None:
        """The function whose first parameter ``head`` reads, if it is one of a class body."""
        bindings = self.r.scope_of[head].bindings.get(head.id, [])
        if len(bindings) != 1 or type(bindings[0].node) is not ast.arg:
            return None
        function = self.r.parents.get(bindings[0].node)
        function = self.r.parents.get(function) if type(function) is ast.arguments else None
        if type(function) not in (ast.FunctionDef, ast.AsyncFunctionDef):
            return None
        arguments = function.args  # type: ignore[union-attr]
        parameters = [*arguments.posonlyargs, *arguments.args]
        if not parameters or parameters[0] is not bindings[0].node:
            return None
        return function

    def _attribute_stores(self, text: str) -> list[ast.AST]:
        """Attribute targets assigned whose chain is ``text`` or leads it (``self.model`` for
        ``self.model.cell``)."""
        if self._stores is None:
            self._stores = {}
            for node in ast.walk(self.r.tree):
                if type(node) is ast.Attribute and type(node.ctx) is ast.Store:  # type: ignore[attr-defined]
                    chain = _chain_text(node)
                    if chain is not None:
                        self._stores.setdefault(chain, []).append(node)
        parts = text.split(".")
        return [
            store
            for n in range(2, len(parts) + 1)
            for store in self._stores.get(".".join(parts[:n]), ())
        ]

    def wrapped_earlier(self, earlier: list[_Use], use: _Use) -> _Use | None:
        """The earlier use whose cell object ``use``'s name holds inside: a name bound once in
        its scope to a value that reads that object (``dec_cell = OutputProjectionWrapper(cell,
        n)`` after an encoder ran ``cell``), which TF 1.0 ran with new weights where the wrapper
        ran."""
        if type(use.cell) is not ast.Name:
            return None
        scope = self.r.scope_of.get(use.cell)
        bindings = scope.bindings.get(use.cell.id, []) if scope is not None else []
        if len(bindings) != 1 or bindings[0].kind != ASSIGN:
            return None
        assign = self.r.parents.get(bindings[0].node)
        if type(assign) is not ast.Assign or len(assign.targets) != 1:  # type: ignore[attr-defined]
            return None
        for node in ast.walk(assign.value):  # type: ignore[attr-defined]
            text = _chain_text(node) if type(node) in (ast.Name, ast.Attribute) else None
            if text is None or type(node.ctx) is not ast.Load:  # type: ignore[attr-defined]
                continue
            if type(self.r.parents.get(node)) is ast.Attribute:
                continue  # `cell.output_size`: read from the object, not held
            inner = _Use(use.call, use.index, use.keyword, use.function, node, text)
            for candidate in earlier:
                if candidate.text == text and self.same_object(candidate, inner):
                    return candidate
        return None

    def held_by_earlier(self, earlier: list[_Use], use: _Use) -> _Use | None:
        """The earlier use whose cell holds ``use``'s cell object inside: a name bound once in
        its scope to a value that reads that object (``encoder_cell = DropoutWrapper(cell)``
        run by an encoder, then ``attention_decoder(..., cell)``), which TF 1.0 ran with new
        weights where the later run ran, as :meth:`wrapped_earlier` the other way round."""
        for candidate in earlier:
            for node, text in self._held(candidate.cell):
                inner = _Use(
                    candidate.call,
                    candidate.index,
                    candidate.keyword,
                    candidate.function,
                    node,
                    text,
                )
                if text == use.text and self.same_object(inner, use):
                    return candidate
        return None

    def _held(self, cell: ast.AST) -> list[tuple[ast.AST, str]]:
        """The names and chains a cell name's one assignment reads as objects it may hold (not
        ``cell.output_size``, not a ``copy.deepcopy(cell)``, which is a new object)."""
        if type(cell) is not ast.Name:
            return []
        scope = self.r.scope_of.get(cell)
        bindings = scope.bindings.get(cell.id, []) if scope is not None else []
        if len(bindings) != 1 or bindings[0].kind != ASSIGN:
            return []
        assign = self.r.parents.get(bindings[0].node)
        if type(assign) is not ast.Assign or len(assign.targets) != 1:  # type: ignore[attr-defined]
            return []
        held = []
        for node in ast.walk(assign.value):  # type: ignore[attr-defined]
            text = _chain_text(node) if type(node) in (ast.Name, ast.Attribute) else None
            if text is None or type(node.ctx) is not ast.Load:  # type: ignore[attr-defined]
                continue
            parent = self.r.parents.get(node)
            if type(parent) is ast.Attribute:
                continue  # `cell.output_size`: read from the object, not held
            if type(parent) is ast.Call and _chain_text(parent.func) in _COPIES:  # type: ignore[attr-defined]
                continue
            held.append((node, text))
        return held

    # -- never both run ------------------------------------------------------------------------
    def exclusive(self, first: _Use, later: _Use) -> bool:
        """Whether the two calls lie in opposite branches of one ``if`` statement (``elif``
        included) that no loop of their function encloses: one run of the function runs one
        of them (``if model_type == 1: embedding_rnn_seq2seq(..., cell, ...) else:
        embedding_attention_seq2seq(..., cell, ...)``), so the later one is a first run too."""
        path = self._ancestors(first.call)
        later_path = self._ancestors(later.call)
        for node, child in path.items():
            if type(node) is not ast.If or node not in later_path:
                continue
            branches = [
                child in node.body,  # type: ignore[attr-defined]
                later_path[node] in node.body,  # type: ignore[attr-defined]
            ]
            in_orelse = [
                child in node.orelse,  # type: ignore[attr-defined]
                later_path[node] in node.orelse,  # type: ignore[attr-defined]
            ]
            if (branches[0] and in_orelse[1]) or (in_orelse[0] and branches[1]):
                return not any(
                    isinstance(n, (ast.For, ast.AsyncFor, ast.While)) for n in self._ancestors(node)
                )
        return False

    def _ancestors(self, node: ast.AST) -> dict[ast.AST, ast.AST]:
        """Each ancestor of ``node`` up to its function (or module), mapped to its child on the
        way to ``node``."""
        found: dict[ast.AST, ast.AST] = {}
        child, parent = node, self.r.parents.get(node)
        while parent is not None and not isinstance(parent, _SCOPE_OWNERS):
            found[parent] = child
            child, parent = parent, self.r.parents.get(parent)
        return found

    # -- a loop of scopes ---------------------------------------------------------------------
    def new_scope_each_pass(self, use: _Use) -> bool:
        """Whether ``use`` runs in each pass of a ``for`` loop of its function under a
        ``variable_scope`` (inside the loop) whose name reads the loop's variable, given no
        ``reuse``, with no ``reuse_variables()`` in the loop, and its cell object made before the
        loop (not bound in it)."""
        parent = self.r.parents.get(use.call)
        while parent is not None and not isinstance(parent, _SCOPE_OWNERS):
            if type(parent) in (ast.For, ast.AsyncFor):
                loop = parent
                break
            parent = self.r.parents.get(parent)
        else:
            return False
        targets = {n.id for n in ast.walk(loop.target) if type(n) is ast.Name}  # type: ignore[attr-defined]
        if not any(self._per_pass_name(w, targets) for w in self._withs_between(use.call, loop)):
            return False
        start, end = _where(loop), (loop.end_lineno, loop.end_col_offset)  # type: ignore[attr-defined]
        for node in ast.walk(loop):
            if (  # a reuse_variables() call in the loop: passes may share
                type(node) is ast.Call
                and type(node.func) is ast.Attribute  # type: ignore[attr-defined]
                and node.func.attr == "reuse_variables"  # type: ignore[attr-defined]
            ):
                return False
        head = _head(use.cell)
        scope = self.r.scope_of.get(head)
        if scope is None or head.id in targets:
            return False
        for binding in scope.bindings.get(head.id, ()):
            if start <= _where(_binding_site(binding.node)) <= end:
                return False
        return not any(start <= _where(store) <= end for store in self._attribute_stores(use.text))

    def _withs_between(self, node: ast.AST, loop: ast.AST) -> list[ast.AST]:
        found = []
        parent = self.r.parents.get(node)
        while parent is not None and parent is not loop:
            if type(parent) in (ast.With, ast.AsyncWith):
                found.append(parent)
            parent = self.r.parents.get(parent)
        return found

    def _named_per_pass(self, statement: ast.AST) -> bool:
        """A ``with variable_scope(name)`` whose name is not a literal, without ``reuse``."""
        for item in statement.items:  # type: ignore[attr-defined]
            call = item.context_expr
            if type(call) is not ast.Call or not call.args:
                continue
            if not any(q.endswith(".variable_scope") for q in self.r.qualified_names(call.func)):
                continue
            if any(k.arg == "reuse" for k in call.keywords) or type(call.args[0]) is ast.Constant:
                continue
            return True
        return False

    def _per_pass_name(self, statement: ast.AST, targets: set[str]) -> bool:
        """A ``with variable_scope(name)`` of :meth:`_named_per_pass` whose name reads one of
        the loop's variables ``targets``."""
        if not self._named_per_pass(statement):
            return False
        for item in statement.items:  # type: ignore[attr-defined]
            call = item.context_expr
            if type(call) is ast.Call and call.args:
                reads = {n.id for n in ast.walk(call.args[0]) if type(n) is ast.Name}
                if reads & targets:
                    return True
        return False

    # -- shared in TF1 too? ------------------------------------------------------------------
    def shared_in_tf1(self, first: _Use, later: _Use) -> bool:
        """Whether ``later`` certainly ran in ``first``'s variable scope: the same function, cell
        parameter and ``scope`` argument, in one function under the same variable scopes (the
        same ``with`` statements, or ones opening the same literal names: a training graph's
        ``variable_scope("m")`` and its inference twin's ``variable_scope("m", reuse=True)``),
        with no new default graph between the two calls. Under reuse TF 1.0 shared there too;
        without it TF 1.0 and 1.1 raised, so only TF 1.2+, which shares, ran the program."""
        if first.function != later.function or first.keyword != later.keyword:
            return False
        withs = self._withs(first.call)
        later_withs = self._withs(later.call)
        if withs is None or later_withs is None or withs[0] is not later_withs[0]:
            return False  # not one function
        if self._scope_names(withs[1:]) != self._scope_names(later_withs[1:]):
            return False
        scope_index = RNN_FUNCTIONS[first.function].scope
        scopes = [argument(u.call, scope_index, "scope") for u in (first, later)]
        if len({None if s is None else ast.dump(s) for s in scopes}) != 1:
            return False
        # Under reuse TF 1.0 found the first run's weights; without it, TF 1.0 and 1.1 raised
        # ("Variable .../weights already exists, disallowed"), so such a program only ran on
        # TF 1.2+, where the later run shares the weights too. Not across a new default graph.
        return not self._graph_reset_between(first.call, later.call)

    def _withs(self, node: ast.AST) -> list[ast.AST] | None:
        """The function (or module) of ``node``, then the ``with`` statements around ``node``
        in it (innermost first)."""
        found: list[ast.AST] = []
        parent = self.r.parents.get(node)
        while parent is not None and not isinstance(parent, _SCOPE_OWNERS):
            if type(parent) in (ast.With, ast.AsyncWith):
                found.append(parent)
            parent = self.r.parents.get(parent)
        return [parent, *found] if parent is not None else None

    def _scope_names(self, withs: list[ast.AST]) -> list[object]:
        """What ``with`` statements tell of the variable scope: the literal name a
        ``variable_scope("name", ...)`` opens (TF1 did not make such a name unique), nothing for
        a ``name_scope`` or ``device``, the statement itself for anything else."""
        names: list[object] = []
        for statement in withs:
            for item in statement.items:  # type: ignore[attr-defined]
                call = item.context_expr
                qualified = (
                    self.r.qualified_names(call.func) if type(call) is ast.Call else frozenset()
                )
                if qualified & _NO_VARIABLE_SCOPE:
                    continue
                name = call.args[0] if type(call) is ast.Call and call.args else None
                if self._current_scope(name) and any(
                    q.endswith(".variable_scope") for q in qualified
                ):
                    continue  # variable_scope(get_variable_scope(), reuse=True): the same scope
                if (
                    any(q.endswith(".variable_scope") for q in qualified)
                    and type(name) is ast.Constant
                    and isinstance(name.value, str)
                ):
                    names.append(name.value)
                else:
                    names.append(statement)
        return names

    def _current_scope(self, node: ast.AST | None) -> bool:
        """Whether ``node`` is a ``get_variable_scope()`` call of TensorFlow: the scope that
        encloses it."""
        return type(node) is ast.Call and any(
            q.endswith(".get_variable_scope")
            for q in self.r.qualified_names(node.func)  # type: ignore[attr-defined]
        )

    def _graph_reset_between(self, first: ast.Call, later: ast.Call) -> bool:
        """A ``reset_default_graph()`` call between the two calls in their function: the later
        run is in a new graph, where TF 1.0 made new weights without error."""
        owner = self._withs(later)
        for node in ast.walk(owner[0]) if owner else ():
            if type(node) is not ast.Call:
                continue
            func = node.func  # type: ignore[attr-defined]
            name = func.attr if type(func) is ast.Attribute else getattr(func, "id", None)
            if name == "reset_default_graph" and _where(first) < _where(node) < _where(later):
                return True
        return False


def _head(node: ast.AST) -> ast.Name:
    parts = chain_parts(node)
    assert parts is not None  # uses are chains
    return parts[0]


def _binding_site(node: ast.AST) -> ast.AST:
    """A node with a position for a binding's node (an ``ast.arg`` has one, an alias may not)."""
    return node if hasattr(node, "lineno") else ast.Name("", lineno=0, col_offset=0)
