"""Pickle files opened in text mode, which Python 2 allowed (a ``--full`` step).

Python 2 on POSIX made no difference between ``open(path, "w")`` and ``open(path, "wb")``, so TF1
programs pickled their vocabularies and configurations through text-mode files
(``with open(p, "w") as f: cPickle.dump(args, f)``, ``cPickle.load(open(p))``). Python 3 refuses
both: ``write() argument must be str, not bytes`` and ``a bytes-like object is required``.

The mode becomes binary (``"w"`` -> ``"wb"``, ``"r"`` or no mode -> ``"rb"``, L2T022), the exact
Python 2 behaviour, where the file is only used by ``pickle``:

- ``pickle.dump(x, open(p, "w"))`` and ``pickle.load(open(p))``;
- ``with open(p, "w") as f:`` whose body uses ``f`` only as the file of ``pickle.dump``/``load``.

Any other use of the file (``f.write(...)``), a mode that is not a string literal, an
``encoding`` or a mode already binary leaves the call as it is.
"""

from __future__ import annotations

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider, QualifiedNameProvider

from legacy2tf2.migrator.findings import PY2_FIXED

#: pickle functions -> (index of the file among positional arguments, whether it writes).
_PICKLE: dict[str, tuple[int, bool]] = {
    "pickle.dump": (1, True),
    "pickle.load": (0, False),
    "cPickle.dump": (1, True),
    "cPickle.load": (0, False),
}
_TEXT_TO_BINARY = {"r": "rb", "w": "wb", "a": "ab", "r+": "rb+", "w+": "wb+", "a+": "ab+"}

Change = tuple[int, int, str, str]


class _PickleFiles(cst.CSTTransformer):
    METADATA_DEPENDENCIES = (QualifiedNameProvider, PositionProvider)

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

    def visit_With(self, node: cst.With) -> None:
        for item in node.items:
            if not self._is_open(item.item) or item.asname is None:
                continue
            name = item.asname.name
            if not isinstance(name, cst.Name):
                continue
            uses = _Uses(name.value)
            node.body.visit(uses)
            modes = set()
            for call, used in uses.calls:
                found = self._pickle_file(call)
                if found is None or found[0] is not used:
                    modes = set()
                    break
                modes.add(found[1])
            if len(modes) == 1 and uses.others == 0 and uses.calls:
                self._opens[item.item] = modes.pop()

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


class _Uses(cst.CSTVisitor):
    """Where a name is read in a block: as a whole call argument (the call kept), or otherwise."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.calls: list[tuple[cst.Call, cst.Name]] = []
        self.others = 0

    def visit_Call(self, node: cst.Call) -> bool:
        node.func.visit(self)
        for arg in node.args:
            if isinstance(arg.value, cst.Name) and arg.value.value == self.name:
                self.calls.append((node, arg.value))
            else:
                arg.value.visit(self)
        return False

    def visit_Name(self, node: cst.Name) -> None:
        if node.value == self.name:
            self.others += 1


def fix_pickle_files(source: bytes) -> tuple[bytes, list[Change]]:
    """Open in binary mode the text-mode files of ``source`` that only ``pickle`` uses.

    Returns:
        The new source and its changes, (line, col, code, message), positioned in ``source``.
    """
    if b"ickle" not in source or b"open(" not in source:
        return source, []
    transformer = _PickleFiles()
    module = MetadataWrapper(cst.parse_module(source))
    new = module.visit(transformer)
    if not transformer.changes:
        return source, []
    return new.bytes, transformer.changes
