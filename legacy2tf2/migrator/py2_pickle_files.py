"""Pickle files opened in text mode, which Python 2 allowed (a ``--full`` step).

Python 2 on POSIX made no difference between ``open(path, "w")`` and ``open(path, "wb")``, so TF1
programs pickled their vocabularies and configurations through text-mode files
(``with open(p, "w") as f: cPickle.dump(args, f)``, ``cPickle.load(open(p))``). Python 3 refuses
both: ``write() argument must be str, not bytes`` and ``a bytes-like object is required``.

The mode becomes binary (``"w"`` -> ``"wb"``, ``"r"`` or no mode -> ``"rb"``, L2T022), the exact
Python 2 behaviour, where the file is only used by ``pickle``:

- ``pickle.dump(x, open(p, "w"))`` and ``pickle.load(open(p))`` (also
  ``open(p, "w").write(pickle.dumps(x))``, ``pickle.loads(open(p).read())``);
- ``with open(p, "w") as f:`` whose body uses ``f`` only as the file of ``pickle.dump``/``load``;
- ``f = open(p, "w")`` (Python 2's ``file(p, "w")`` is ``open`` by now), the only binding of
  ``f`` in its scope, every read of ``f`` being such a file argument.

Besides the pickle calls, a file may be closed or flushed (``f.close()``) and, written, be given
bytes (``f.write(pickle.dumps(x))``), read, give them (``pickle.loads(f.read())``): Python 2 wrote
and read the same bytes there. A file used so but also otherwise (``f.write("done")``, passed on)
is reported (L2T023), not changed: Python 2 wrote both into one file, which Python 3 cannot.
A mode that is not a string literal, an ``encoding`` or a mode already binary leaves the call as
it is.
"""

from __future__ import annotations

import libcst as cst
from libcst.metadata import (
    ParentNodeProvider,
    PositionProvider,
    QualifiedNameProvider,
    ScopeProvider,
)

from legacy2tf2.migrator import analysis
from legacy2tf2.migrator.findings import PY2_FIXED, PY2_LEFT

#: pickle functions -> (index of the file among positional arguments, whether it writes).
_PICKLE: dict[str, tuple[int, bool]] = {
    "pickle.dump": (1, True),
    "pickle.load": (0, False),
    "cPickle.dump": (1, True),
    "cPickle.load": (0, False),
}
#: pickle functions whose bytes a binary file's write() takes or whose bytes its read() gives.
_DUMPS = {"pickle.dumps", "cPickle.dumps"}
_LOADS = {"pickle.loads", "cPickle.loads"}
#: file methods neither text nor bytes: they leave the mode's choice to the other uses.
_NEUTRAL_METHODS = {"close", "flush", "fileno", "tell", "seek"}
_TEXT_TO_BINARY = {"r": "rb", "w": "wb", "a": "ab", "r+": "rb+", "w+": "wb+", "a+": "ab+"}

Change = tuple[int, int, str, str]


class _PickleFiles(cst.CSTTransformer):
    METADATA_DEPENDENCIES = (
        QualifiedNameProvider,
        PositionProvider,
        ScopeProvider,
        ParentNodeProvider,
    )

    def __init__(self) -> None:
        super().__init__()
        self.changes: list[Change] = []
        self._opens: dict[cst.Call, bool] = {}  # open(...) call -> writes

    def _names(self, node: cst.CSTNode) -> set[str]:
        return {q.name for q in self.get_metadata(QualifiedNameProvider, node, set())}

    def _is_open(self, node: cst.BaseExpression) -> bool:
        return isinstance(node, cst.Call) and self._names(node.func) == {"builtins.open"}

    def _pickle_file(self, call: cst.Call) -> tuple[cst.BaseExpression, bool] | None:
        """The file argument of a ``pickle.dump``/``load`` call, and whether it writes."""
        found = self._names(call.func) & _PICKLE.keys()
        if len(found) != 1:
            return None
        index, writes = _PICKLE[found.pop()]
        for arg in call.args:
            if arg.keyword is not None and arg.keyword.value == "file":
                return arg.value, writes
        positional = [a for a in call.args if a.keyword is None and not a.star]
        if len(positional) > index:
            return positional[index].value, writes
        return None

    def visit_Call(self, node: cst.Call) -> None:
        found = self._pickle_file(node)
        if found is not None and self._is_open(found[0]):
            self._opens[found[0]] = found[1]
            return
        # open(p).read() given to pickle.loads, open(p, "w").write(pickle.dumps(x))
        if len(node.args) != 1 or node.args[0].keyword is not None:
            return
        value = node.args[0].value
        names = self._names(node.func)
        if names & _LOADS and isinstance(value, cst.Call) and not value.args:
            method = value.func
            if (
                isinstance(method, cst.Attribute)
                and method.attr.value == "read"
                and self._is_open(method.value)
            ):
                self._opens[method.value] = False  # type: ignore[index]
        func = node.func
        if (
            isinstance(func, cst.Attribute)
            and func.attr.value == "write"
            and self._is_open(func.value)
            and isinstance(value, cst.Call)
            and self._names(value.func) & _DUMPS
        ):
            self._opens[func.value] = True  # type: ignore[index]

    def _use(self, name: cst.Name) -> str:
        """How one read of a file's name uses it: "dump", "load", "neutral" or "other"."""
        parent = self.get_metadata(ParentNodeProvider, name, None)
        if isinstance(parent, cst.Arg) and parent.value is name:
            call = self.get_metadata(ParentNodeProvider, parent, None)
            if isinstance(call, cst.Call):
                found = self._pickle_file(call)
                if found is not None and found[0] is name:
                    return "dump" if found[1] else "load"
            return "other"
        if not isinstance(parent, cst.Attribute) or parent.value is not name:
            return "other"
        call = self.get_metadata(ParentNodeProvider, parent, None)
        if not isinstance(call, cst.Call) or call.func is not parent:
            return "other"
        method = parent.attr.value
        if method in _NEUTRAL_METHODS:
            return "neutral"
        if method == "write" and len(call.args) == 1 and call.args[0].keyword is None:
            value = call.args[0].value
            if isinstance(value, cst.Call) and self._names(value.func) & _DUMPS:
                return "dump"
        if method == "read" and not call.args:
            arg = self.get_metadata(ParentNodeProvider, call, None)
            outer = self.get_metadata(ParentNodeProvider, arg, None) if arg is not None else None
            if (
                isinstance(arg, cst.Arg)
                and isinstance(outer, cst.Call)
                and len(outer.args) == 1
                and self._names(outer.func) & _LOADS
            ):
                return "load"
        return "other"

    def _decide(self, opened: cst.Call, names: list[cst.Name]) -> None:
        """Mark ``opened`` binary where its file's reads ``names`` are all pickle's."""
        uses = {self._use(name) for name in names} - {"neutral"}
        pickled = uses & {"dump", "load"}
        if not pickled:
            return
        if uses == {"dump"} or uses == {"load"}:
            self._opens[opened] = uses == {"dump"}
            return
        mode = _literal_mode(opened)
        if mode is None or mode not in _TEXT_TO_BINARY:
            return  # a binary or unknown mode: nothing Python 2 did differently
        start = self.get_metadata(PositionProvider, opened).start
        self.changes.append(
            (
                start.line,
                start.column + 1,
                PY2_LEFT,
                f'a file opened with "{mode}" (text, which Python 2 did not tell from binary) '
                "is given to pickle and also used another way: Python 3 pickles only to and "
                "from binary files, and a text file takes no bytes; left as it is (open it "
                'binary, "b" in its mode, and write or read only bytes through it)',
            )
        )

    def visit_With(self, node: cst.With) -> None:
        for item in node.items:
            if not self._is_open(item.item) or item.asname is None:
                continue
            name = item.asname.name
            if not isinstance(name, cst.Name):
                continue
            reads = _Reads(name.value)
            node.body.visit(reads)
            self._decide(item.item, reads.names)

    def visit_Assign(self, node: cst.Assign) -> None:
        if len(node.targets) != 1 or not self._is_open(node.value):
            return
        target = node.targets[0].target
        if not isinstance(target, cst.Name):
            return
        scope = self.get_metadata(ScopeProvider, target, None)
        if scope is None:
            return
        assignments = list(scope.assignments[target.value])
        if len(assignments) != 1 or assignments[0].node is not target:
            return  # rebound in its scope: which file a read gets is the program's flow
        names = [access.node for access in assignments[0].references]
        if all(isinstance(n, cst.Name) for n in names):
            self._decide(node.value, names)  # type: ignore[arg-type]

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.Call:
        writes = self._opens.get(original_node)
        if writes is None:
            return updated_node
        args = list(updated_node.args)
        if any(a.star or (a.keyword is not None and a.keyword.value != "mode") for a in args):
            return updated_node  # encoding=, buffering=, ...: not Python 2's plain open
        mode_index = next((i for i, a in enumerate(args) if a.keyword is not None or i == 1), None)
        if mode_index is None:
            if writes or len(args) != 1:
                return updated_node
            new_mode = "rb"
            quote = '"'
            args[0] = args[0].with_changes(
                comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
            )
            args.append(cst.Arg(value=cst.SimpleString(f"{quote}{new_mode}{quote}")))
            old_mode = "no mode"
        else:
            value = args[mode_index].value
            if not isinstance(value, cst.SimpleString) or value.prefix:
                return updated_node
            old = value.evaluated_value
            if not isinstance(old, str) or old not in _TEXT_TO_BINARY:
                return updated_node
            if (old[0] == "r") == writes:
                return updated_node  # read mode for dump, or the reverse: leave it to fail
            new_mode = _TEXT_TO_BINARY[old]
            quote = value.quote
            args[mode_index] = args[mode_index].with_changes(
                value=cst.SimpleString(f"{quote}{new_mode}{quote}")
            )
            old_mode = f'"{old}"'
        start = self.get_metadata(PositionProvider, original_node).start
        self.changes.append(
            (
                start.line,
                start.column + 1,
                PY2_FIXED,
                f"a pickle file opened with {old_mode} (text, which Python 2 did not tell from "
                f'binary) opened with "{new_mode}": Python 3 pickles only to and from binary files',
            )
        )
        return updated_node.with_changes(args=args)


def _literal_mode(call: cst.Call) -> str | None:
    """The mode string literal of an ``open`` call ("r" where it has none), else None."""
    for i, arg in enumerate(call.args):
        if arg.star:
            return None
        if (arg.keyword is None and i == 1) or (
            arg.keyword is not None and arg.keyword.value == "mode"
        ):
            value = arg.value
            if isinstance(value, cst.SimpleString) and not value.prefix:
                mode = value.evaluated_value
                return mode if isinstance(mode, str) else None
            return None
    return "r"


class _Reads(cst.CSTVisitor):
    """Every use of a name in a block (not an attribute or a keyword spelled the same)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.names: list[cst.Name] = []

    def visit_Attribute(self, node: cst.Attribute) -> bool:
        node.value.visit(self)
        return False

    def visit_Arg(self, node: cst.Arg) -> bool:
        node.value.visit(self)
        return False

    def visit_Name(self, node: cst.Name) -> None:
        if node.value == self.name:
            self.names.append(node)


def fix_pickle_files(source: bytes) -> tuple[bytes, list[Change]]:
    """Open in binary mode the text-mode files of ``source`` that only ``pickle`` uses.

    Python 2 on POSIX wrote and read the same bytes through ``open(p, "w")`` and
    ``open(p, "wb")``; Python 3's text files refuse ``pickle``'s bytes. Files also used as text
    are reported (L2T023) and left.

    Returns:
        The new source and its changes, (line, col, code, message), positioned in ``source``.
    """
    if b"ickle" not in source or b"open(" not in source:
        return source, []
    transformer = _PickleFiles()
    module = analysis.wrapper(analysis.parse(source))
    new = module.visit(transformer)
    if not transformer.changes:
        return source, []
    return new.bytes, transformer.changes
