"""Values stored in TF1's ``FLAGS`` under a name no flag defines (a ``--full`` step).

Up to TF 1.4 ``tf.app.flags.FLAGS`` was TensorFlow's own object, whose ``__setattr__`` stored any
name: programs kept values there that no ``DEFINE_*`` made (``FLAGS.num_layers = 2`` in a
sampling script that then reads the model's size back from its checkpoint into it). Since TF 1.5
it is absl's ``FlagValues``, which raises ``UnrecognizedFlagError: Unknown command line flag
'num_layers'`` at that assignment.

Such an assignment gets the flag defined first, where no module has defined it yet (L2T010)::

    if "num_layers" not in FLAGS:
        flags.DEFINE_string("num_layers", None, "")
    FLAGS.num_layers = 2

through the flags module ``FLAGS`` came from. absl stores an assigned value as it is (no parse),
so the flag then holds what is assigned, of any type, as TF 1.4's ``FLAGS`` did; a flag another
module defines keeps that definition. Only

- a statement of its own, ``FLAGS.name = value`` (one target, ``name`` not ``_private``), whose
  name no ``DEFINE_*`` call of the file defines,
- where ``FLAGS`` is TensorFlow's: ``tf.compat.v1.flags.FLAGS`` (also ``app.flags``, or
  ``tensorflow.python.platform.flags``), or a module-level name bound once to it (``FLAGS =
  flags.FLAGS``, ``flags`` itself a module-level name bound once to such a flags module, or
  imported as one), read where that module-level binding is the one in scope.

TF 1.4 kept the values in a dict, ``FLAGS.__dict__["__flags"]`` (``FLAGS.__flags``), and an item
assigned there (``FLAGS.__dict__["__flags"][k] = v``, restoring saved flags) set flag ``k``,
defined or not; absl's ``FLAGS`` has no such dict. It becomes ``setattr(FLAGS, k, v)``, after
the same definition where ``k`` is not a name the file defines (L2T010); a key that is not a
plain name or string is reported (L2T003).
"""

from __future__ import annotations

import libcst as cst
from libcst.metadata import (
    GlobalScope,
    PositionProvider,
    QualifiedNameProvider,
    ScopeProvider,
)

from legacy2tf2.migrator import analysis
from legacy2tf2.migrator.findings import PRE_1_0_CALL, UNSAFE_REFERENCE
from legacy2tf2.migrator.runtime_import import with_runtime_import

Change = tuple[int, int, str, str]

#: TensorFlow's flags modules, as the upgraded program reaches them (qualified names).
_FLAGS_MODULES = frozenset(
    {
        *(f"tensorflow.{v}{m}" for v in ("", "compat.v1.") for m in ("flags", "app.flags")),
        "tensorflow.python.platform.flags",
    }
)


def _code(node: cst.CSTNode) -> str:
    return cst.Module([]).code_for_node(node)


def _string(node: cst.BaseExpression) -> str | None:
    if isinstance(node, cst.SimpleString):
        value = node.evaluated_value
        return value if isinstance(value, str) else None
    return None


class _Bindings(cst.CSTVisitor):
    """How often each name is bound as an assignment target, and the names ``DEFINE_*`` defines."""

    def __init__(self) -> None:
        super().__init__()
        self.counts: dict[str, int] = {}
        self.defined: set[str] = set()

    def visit_AssignTarget(self, node: cst.AssignTarget) -> None:
        for name in _target_names(node.target):
            self.counts[name] = self.counts.get(name, 0) + 1

    def visit_Call(self, node: cst.Call) -> None:
        func = node.func
        attr = func.attr.value if isinstance(func, cst.Attribute) else None
        if attr is None and isinstance(func, cst.Name):
            attr = func.value
        if attr is None or not attr.startswith("DEFINE"):
            return
        named = next((a for a in node.args if a.keyword and a.keyword.value == "name"), None)
        first = named or (node.args[0] if node.args and node.args[0].keyword is None else None)
        name = None if first is None else _string(first.value)
        if name is not None:
            self.defined.add(name)


def _target_names(target: cst.BaseExpression) -> list[str]:
    if isinstance(target, cst.Name):
        return [target.value]
    if isinstance(target, (cst.Tuple, cst.List)):
        return [n for e in target.elements for n in _target_names(e.value)]
    if isinstance(target, cst.StarredElement):
        return _target_names(target.value)
    return []


class _FlagsTransformer(cst.CSTTransformer):
    """Knows TF's flags modules: dotted names and module-level names bound once to one."""

    METADATA_DEPENDENCIES = (PositionProvider, QualifiedNameProvider, ScopeProvider)

    def __init__(self, bindings: _Bindings) -> None:
        super().__init__()
        self.changes: list[Change] = []
        self._bindings = bindings
        #: module-level names bound once to a TF flags module -> True; to its FLAGS -> the
        #: source of that flags module
        self._modules: set[str] = set()
        self._objects: dict[str, str] = {}

    def _flags_module(self, node: cst.BaseExpression) -> bool:
        """``node`` is a TF flags module (a dotted name or a module-level alias of one)."""
        if isinstance(node, cst.Name) and node.value in self._modules:
            return True
        names = {q.name for q in self.get_metadata(QualifiedNameProvider, node, set())}
        return bool(names) and names <= _FLAGS_MODULES

    def visit_Module(self, node: cst.Module) -> None:
        for statement in node.body:
            if not isinstance(statement, cst.SimpleStatementLine):
                continue
            for small in statement.body:
                if not (isinstance(small, cst.Assign) and len(small.targets) == 1):
                    continue
                target = small.targets[0].target
                if not isinstance(target, cst.Name) or self._bindings.counts[target.value] != 1:
                    continue
                value = small.value
                if self._flags_module(value):
                    self._modules.add(target.value)
                elif (
                    isinstance(value, cst.Attribute)
                    and value.attr.value == "FLAGS"
                    and self._flags_module(value.value)
                ):
                    self._objects[target.value] = _code(value.value)

    def _global(self, node: cst.CSTNode, name: str) -> bool:
        """``name`` read at ``node`` is the module-level binding."""
        scope = self.get_metadata(ScopeProvider, node, None)
        if scope is None:
            return False
        assignments = list(scope[name])
        return bool(assignments) and all(isinstance(a.scope, GlobalScope) for a in assignments)


class _UndefinedFlags(_FlagsTransformer):
    def _module_of(self, flags: cst.BaseExpression) -> str | None:
        """The source of the flags module whose ``DEFINE_string`` defines a flag of ``flags``
        (an expression of TF's ``FLAGS``), or None when ``flags`` is not certainly that."""
        if isinstance(flags, cst.Name):
            module = self._objects.get(flags.value)
            if module is None or not self._global(flags, flags.value):
                return None
        elif (
            isinstance(flags, cst.Attribute)
            and flags.attr.value == "FLAGS"
            and self._flags_module(flags.value)
        ):
            module = _code(flags.value)
        else:
            return None
        head = module.split(".")[0]
        return module if self._global(flags, head) else None

    def _flag_dict(self, node: cst.BaseExpression) -> cst.BaseExpression | None:
        """``FLAGS`` of TF < 1.5's dict of the flag values, ``FLAGS.__flags`` or
        ``FLAGS.__dict__["__flags"]``, or None."""
        if isinstance(node, cst.Attribute) and node.attr.value == "__flags":
            return node.value
        if (
            isinstance(node, cst.Subscript)
            and len(node.slice) == 1
            and isinstance(node.slice[0].slice, cst.Index)
            and _string(node.slice[0].slice.value) == "__flags"
            and isinstance(node.value, cst.Attribute)
            and node.value.attr.value == "__dict__"
        ):
            return node.value.value
        return None

    def _item_write(
        self, original_node: cst.SimpleStatementLine, updated_node: cst.SimpleStatementLine
    ) -> cst.BaseStatement | cst.FlattenSentinel[cst.BaseStatement] | None:
        """``FLAGS.__flags[k] = v`` (TF 1.4 set the flag ``k`` so, defined or not) ->
        ``setattr(FLAGS, k, v)``, the flag defined first where no module has; None when the
        statement is no such write."""
        body = original_node.body
        assign = body[0] if len(body) == 1 and isinstance(body[0], cst.Assign) else None
        targets = [t.target for t in assign.targets] if assign is not None else []
        item = targets[0] if len(targets) == 1 else None
        if not isinstance(item, cst.Subscript):
            return None
        flags = self._flag_dict(item.value)
        module = None if flags is None else self._module_of(flags)
        if flags is None or module is None:
            return None
        key = item.slice[0].slice if len(item.slice) == 1 else None
        key_value = key.value if isinstance(key, cst.Index) else None
        start = self.get_metadata(PositionProvider, original_node).start
        spelled = _code(item.value)
        if not isinstance(key_value, (cst.Name, cst.SimpleString)) or _code(key_value) in (
            "__flags",
        ):
            self.changes.append(
                (
                    start.line,
                    start.column + 1,
                    UNSAFE_REFERENCE,
                    f"{spelled}[...] = ... (TF < 1.5 set a flag so) is left as it is: write "
                    "setattr(FLAGS, name, value) with a plain name or string as the flag's name",
                )
            )
            return updated_node
        assert assign is not None
        name, value, flags_code = _code(key_value), _code(assign.value), _code(flags)
        literal = _string(key_value)
        defined = literal is not None and literal in self._bindings.defined
        setter = cst.ensure_type(
            cst.parse_statement(f"setattr({flags_code}, {name}, {value})\n"),
            cst.SimpleStatementLine,
        )
        self.changes.append(
            (
                start.line,
                start.column + 1,
                PRE_1_0_CALL,
                f"{spelled}[{name}] = ...: TF 1.4's dict of the flag values set that flag (defined "
                f"or not); absl's FLAGS (TF 1.5+) has no such dict: changed to setattr({flags_code}, "
                f"{name}, ...)"
                + ("" if defined else ", the flag defined first where no module has"),
            )
        )
        if defined:
            return setter.with_changes(leading_lines=updated_node.leading_lines)
        guard = cst.ensure_type(
            cst.parse_statement(
                f'if {name} not in {flags_code}:\n    {module}.DEFINE_string({name}, None, "")\n'
            ),
            cst.If,
        )
        guard = guard.with_changes(
            leading_lines=updated_node.leading_lines,
            body=cst.ensure_type(guard.body, cst.IndentedBlock).with_changes(indent=None),
        )
        return cst.FlattenSentinel([guard, setter])

    def leave_SimpleStatementLine(
        self, original_node: cst.SimpleStatementLine, updated_node: cst.SimpleStatementLine
    ) -> cst.BaseStatement | cst.FlattenSentinel[cst.BaseStatement]:
        written = self._item_write(original_node, updated_node)
        if written is not None:
            return written
        if len(original_node.body) != 1 or not isinstance(original_node.body[0], cst.Assign):
            return updated_node
        assign = original_node.body[0]
        if len(assign.targets) != 1 or not isinstance(assign.targets[0].target, cst.Attribute):
            return updated_node
        target = assign.targets[0].target
        name = target.attr.value
        if name.startswith("_") or name in self._bindings.defined:
            return updated_node
        module = self._module_of(target.value)
        if module is None:
            return updated_node
        flags = _code(target.value)
        guard = cst.ensure_type(
            cst.parse_statement(
                f'if "{name}" not in {flags}:\n    {module}.DEFINE_string("{name}", None, "")\n'
            ),
            cst.If,
        )
        guard = guard.with_changes(
            leading_lines=updated_node.leading_lines,
            body=cst.ensure_type(guard.body, cst.IndentedBlock).with_changes(indent=None),
        )
        start = self.get_metadata(PositionProvider, original_node).start
        self.changes.append(
            (
                start.line,
                start.column + 1,
                PRE_1_0_CALL,
                f"{flags}.{name} = ...: TF 1.4's FLAGS stored any name, absl's (TF 1.5+) only a "
                f"defined flag (UnrecognizedFlagError) and no DEFINE_* of this file defines "
                f'{name!r}: it is defined first where no module has (DEFINE_string("{name}", '
                'None, "")) and holds what is assigned, as before',
            )
        )
        return cst.FlattenSentinel([guard, updated_node.with_changes(leading_lines=())])


def fix_undefined_flags(source: bytes) -> tuple[bytes, list[Change]]:
    """Define, before it is assigned, a TF1 ``FLAGS`` name no ``DEFINE_*`` of the file defines:
    TF 1.4's ``FLAGS`` stored any name, absl's (TF 1.5+) raises ``UnrecognizedFlagError``.

    Returns the new source (the input object when nothing changed) and the changes, positioned
    in the input (1-based line, column).
    """
    if b"FLAGS" not in source and b"__flags" not in source:
        return source, []
    module = analysis.parse(source)
    bindings = _Bindings()
    module.visit(bindings)
    transformer = _UndefinedFlags(bindings)
    new = analysis.wrapper(module, unsafe_skip_copy=True).visit(transformer)
    if not transformer.changes:
        return source, []
    return new.bytes, transformer.changes


#: The runtime module whose ``DEFINE_string`` keeps a default as given (TF < 1.5's argparse).
_RUNTIME_FLAGS = "tf1_flags"


def _literal_default(node: cst.BaseExpression) -> bool:
    """A number or ``True``/``False``: a default no string flag of absl accepts."""
    if isinstance(node, cst.UnaryOperation) and isinstance(node.operator, (cst.Minus, cst.Plus)):
        node = node.expression
    if isinstance(node, (cst.Integer, cst.Float)):
        return True
    return isinstance(node, cst.Name) and node.value in ("True", "False")


class _StringDefaults(_FlagsTransformer):
    """``DEFINE_string(name, 1, ...)`` of TF's flags -> the runtime's ``tf1_flags.DEFINE_string``."""

    def _define_string(self, func: cst.BaseExpression) -> bool:
        if isinstance(func, cst.Attribute):
            if func.attr.value != "DEFINE_string":
                return False
            head = func.value
            if isinstance(head, cst.Name) and head.value in self._modules:
                return self._global(head, head.value)
            return self._flags_module(head)
        names = {q.name for q in self.get_metadata(QualifiedNameProvider, func, set())}
        return bool(names) and names <= {f"{m}.DEFINE_string" for m in _FLAGS_MODULES}

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
        if not self._define_string(original_node.func):
            return updated_node
        default = next(
            (a for a in original_node.args if a.keyword and a.keyword.value == "default"), None
        )
        positional = [a for a in original_node.args if a.keyword is None and not a.star]
        if default is None and len(positional) >= 2:
            default = positional[1]
        if default is None or not _literal_default(default.value):
            return updated_node
        start = self.get_metadata(PositionProvider, original_node).start
        self.changes.append(
            (
                start.line,
                start.column + 1,
                PRE_1_0_CALL,
                f"DEFINE_string with the default {_code(default.value)}, not a string: TF < 1.5's "
                "flags (argparse) kept it as given, absl refuses it; changed to the runtime's "
                "tf1_flags.DEFINE_string, which keeps it (a value from the command line is a "
                "string, as before)",
            )
        )
        func = cst.Attribute(cst.Name(_RUNTIME_FLAGS), cst.Name("DEFINE_string"))
        return updated_node.with_changes(func=func)


def fix_string_flag_defaults(source: bytes) -> tuple[bytes, list[Change]]:
    """TF 1.0-1.4's ``DEFINE_string(name, 1, ...)``, whose default absl refuses, calls the runtime.

    Up to TF 1.4 ``tf.app.flags`` was argparse, which kept a default that is not a string as the
    program gave it (``FLAGS.task_id`` was the int ``1``); absl (TF 1.5+) stops the program at that
    definition. Such a call (a number or ``True``/``False`` as the default; through TF's flags
    module, dotted or a module-level alias) becomes
    :func:`legacy2tf2.runtime.tf1_flags.DEFINE_string` with the same arguments, and the file
    imports that runtime module. Returns the new source (the input object when nothing changed)
    and the changes, positioned in the input.
    """
    if b"DEFINE_string" not in source:
        return source, []
    module = analysis.parse(source)
    bindings = _Bindings()
    module.visit(bindings)
    transformer = _StringDefaults(bindings)
    new = analysis.wrapper(module, unsafe_skip_copy=True).visit(transformer)
    if not transformer.changes:
        return source, []
    return with_runtime_import(new, _RUNTIME_FLAGS).bytes, transformer.changes
