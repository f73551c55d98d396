"""Files opened in binary mode and read as text, which Python 2 allowed (a ``--full`` step).

Python 2's ``open(path, "rb")`` (and ``codecs.open(path, "rb")``, ``io.open``'s ``str`` lines too)
read ``str``, the same type as the program's string literals, so TF1 programs read their corpora so
and went on with ``line.lower().split("\\t")``. Python 3 reads ``bytes``, whose methods refuse a
``str`` argument: ``TypeError: a bytes-like object is required, not 'str'`` at the first line.

Where the file is certainly read as text, its ``open`` call becomes Python 3's text mode:
``open(path, "r", encoding="utf-8", newline="\\n")`` (L2T022). That is

- ``with open(p, "rb") as f:`` (``codecs.open``, ``io.open``; the mode a string literal, no other
  argument), whose body uses ``f`` only as ``for line in f``, ``for line in f.readlines()``,
  ``line = f.readline()`` or ``text = f.read()``, and
- every read of those names (``line``) is the receiver of a method (``line.strip()``), one of them
  a ``bytes`` method given a ``str`` literal (``line.lower().split("\\t")``,
  ``line.startswith("#")``), which Python 3 refuses.

UTF-8 is what TensorFlow's ``gfile`` text files (the vocabularies such programs wrote and read
back) use; ``newline="\\n"`` splits lines at ``\\n`` only and keeps them as read (``\\r\\n`` too),
as Python 2's binary file did. A name also passed to a function, returned or stored, a file used
otherwise, or no such method call leaves the call as it is.
"""

from __future__ import annotations

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider, QualifiedNameProvider

from legacy2tf2.migrator.findings import PY2_FIXED

#: Functions opening a file whose ``"rb"`` read Python 2 ``str``.
_OPENS = frozenset({"builtins.open", "io.open", "codecs.open"})
#: ``bytes`` methods that refuse a ``str`` argument (``b"a b".split(" ")`` raises TypeError).
_STR_ARGUMENT_METHODS = frozenset(
    {
        *("split", "rsplit", "strip", "lstrip", "rstrip", "startswith", "endswith"),
        *("replace", "find", "rfind", "index", "rindex", "count", "partition", "rpartition"),
    }
)
#: Methods of the file that read text: iterated (``readlines``) or assigned (``readline``, ``read``).
_READS = frozenset({"readlines", "readline", "read"})

Change = tuple[int, int, str, str]


def _is_str_literal(node: cst.BaseExpression) -> bool:
    if isinstance(node, cst.SimpleString):
        return "b" not in node.prefix.lower()
    return isinstance(node, cst.ConcatenatedString | cst.FormattedString)


class _Reads(cst.CSTVisitor):
    """The names a ``with`` body binds to what it reads from the file ``name``, and whether the
    file is used otherwise."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name
        self.bound: set[str] = set()
        self.other = False
        self._allowed: set[int] = set()  # ids of Name nodes of the file in an allowed position

    def _file_read(self, node: cst.BaseExpression | None) -> bool:
        """``f``, ``f.readlines()``, ``f.readline()`` or ``f.read()`` (no arguments)."""
        if isinstance(node, cst.Name) and node.value == self.name:
            self._allowed.add(id(node))
            return True
        if (
            isinstance(node, cst.Call)
            and not node.args
            and isinstance(node.func, cst.Attribute)
            and isinstance(node.func.value, cst.Name)
            and node.func.value.value == self.name
            and node.func.attr.value in _READS
        ):
            self._allowed.add(id(node.func.value))
            return True
        return False

    def visit_For(self, node: cst.For) -> None:
        if isinstance(node.target, cst.Name) and self._file_read(node.iter):
            if isinstance(node.iter, cst.Call) and node.iter.func.attr.value != "readlines":  # type: ignore[attr-defined]
                self.other = True  # iterating read()/readline(): characters
            self.bound.add(node.target.value)

    def visit_Assign(self, node: cst.Assign) -> None:
        if (
            isinstance(node.value, cst.Call)
            and len(node.targets) == 1
            and isinstance(node.targets[0].target, cst.Name)
            and self._file_read(node.value)
        ):
            if node.value.func.attr.value == "readlines":  # type: ignore[attr-defined]
                self.other = True  # a list of lines: its uses are not followed
            self.bound.add(node.targets[0].target.value)

    def visit_Name(self, node: cst.Name) -> None:
        if node.value == self.name and id(node) not in self._allowed:
            self.other = True


class _Uses(cst.CSTVisitor):
    """Whether every read of the names ``names`` is a method's receiver, and whether one of them
    is a ``bytes`` method given a ``str`` literal (certainly a TypeError on Python 3)."""

    def __init__(self, names: set[str]) -> None:
        super().__init__()
        self.names = names
        self.refused = False
        self.other = False
        self.bindings = 0
        self._receivers: set[int] = set()
        self._targets: set[int] = set()

    def visit_AssignTarget(self, node: cst.AssignTarget) -> None:
        if isinstance(node.target, cst.Name) and node.target.value in self.names:
            self._targets.add(id(node.target))
            self.bindings += 1

    def visit_For(self, node: cst.For) -> None:
        if isinstance(node.target, cst.Name) and node.target.value in self.names:
            self._targets.add(id(node.target))
            self.bindings += 1

    def visit_Call(self, node: cst.Call) -> None:
        func = node.func
        if not isinstance(func, cst.Attribute):
            return
        receiver: cst.BaseExpression = func.value
        methods = [func.attr.value]
        while (
            isinstance(receiver, cst.Call)
            and isinstance(receiver.func, cst.Attribute)
            and not receiver.args
        ):
            methods.append(receiver.func.attr.value)
            receiver = receiver.func.value  # line.lower().strip().split("\t")
        if isinstance(receiver, cst.Name) and receiver.value in self.names:
            self._receivers.add(id(receiver))
            if "decode" in methods:
                self.other = True  # Python 2 code decoding its bytes: right on Python 3 too
            if (
                func.attr.value in _STR_ARGUMENT_METHODS
                and node.args
                and _is_str_literal(node.args[0].value)
            ):
                self.refused = True

    def visit_Attribute(self, node: cst.Attribute) -> None:
        if isinstance(node.value, cst.Name) and node.value.value in self.names:
            self._receivers.add(id(node.value))
            if node.attr.value == "decode":
                self.other = True

    def visit_Name(self, node: cst.Name) -> None:
        if (
            node.value in self.names
            and id(node) not in self._receivers
            and id(node) not in self._targets
        ):
            self.other = True


class _BinaryTextFiles(cst.CSTTransformer):
    METADATA_DEPENDENCIES = (QualifiedNameProvider, PositionProvider)

    def __init__(self) -> None:
        super().__init__()
        self.changes: list[Change] = []
        self._opens: set[cst.Call] = set()

    def _open_name(self, node: cst.BaseExpression) -> str | None:
        if not isinstance(node, cst.Call):
            return None
        names = {q.name for q in self.get_metadata(QualifiedNameProvider, node.func, set())}
        return next(iter(names)) if len(names) == 1 and names <= _OPENS else None

    def visit_With(self, node: cst.With) -> None:
        for item in node.items:
            opener = self._open_name(item.item)
            if opener is None or _binary_read_mode(item.item) is None:
                continue
            if opener == "codecs.open" and not isinstance(item.item.func, cst.Attribute):  # type: ignore[attr-defined]
                continue  # `from codecs import open`: the name `open` is not the builtin here
            if item.asname is None or not isinstance(item.asname.name, cst.Name):
                continue
            reads = _Reads(item.asname.name.value)
            node.body.visit(reads)
            if reads.other or not reads.bound:
                continue
            uses = _Uses(reads.bound)
            node.body.visit(uses)
            if uses.refused and not uses.other and uses.bindings == len(reads.bound):
                self._opens.add(item.item)  # type: ignore[arg-type]

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.Call:
        if original_node not in self._opens:
            return updated_node
        path, mode = _binary_read_mode(updated_node) or (None, None)
        assert path is not None and mode is not None
        quote = mode.value.quote if isinstance(mode.value, cst.SimpleString) else '"'
        comma = cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
        equal = cst.AssignEqual(
            whitespace_before=cst.SimpleWhitespace(""), whitespace_after=cst.SimpleWhitespace("")
        )
        args = [
            path.with_changes(comma=comma),
            mode.with_changes(value=cst.SimpleString(f"{quote}r{quote}"), comma=comma),
            cst.Arg(
                keyword=cst.Name("encoding"),
                equal=equal,
                value=cst.SimpleString(f"{quote}utf-8{quote}"),
                comma=comma,
            ),
            cst.Arg(
                keyword=cst.Name("newline"),
                equal=equal,
                value=cst.SimpleString(f"{quote}\\n{quote}"),
            ),
        ]
        func = updated_node.func
        opener = cst.Module([]).code_for_node(func)
        if self._open_name(original_node) == "codecs.open":
            func = cst.Name("open")  # codecs' reader splits lines at \r, \x0b, \u2028 ... too
        start = self.get_metadata(PositionProvider, original_node).start
        self.changes.append(
            (
                start.line,
                start.column + 1,
                PY2_FIXED,
                f'{opener}(..., "rb") read str on Python 2 and reads bytes on Python 3, which '
                "its lines' str methods here refuse (TypeError: a bytes-like object is "
                'required): opened as text, open(..., "r", encoding="utf-8", newline="\\n") '
                "(lines split at \\n only and kept as read, as Python 2's binary file did)",
            )
        )
        return updated_node.with_changes(func=func, args=args)


def _binary_read_mode(call: cst.Call) -> tuple[cst.Arg, cst.Arg] | None:
    """(path, mode) arguments of ``open(path, "rb")`` with nothing else given, or None."""
    if len(call.args) != 2 or any(a.star for a in call.args):
        return None
    path, mode = call.args
    if path.keyword is not None and path.keyword.value not in ("file", "filename"):
        return None
    if mode.keyword is not None and mode.keyword.value != "mode":
        return None
    if not isinstance(mode.value, cst.SimpleString) or mode.value.prefix:
        return None
    return (path, mode) if mode.value.evaluated_value == "rb" else None


def fix_binary_text_files(source: bytes) -> tuple[bytes, list[Change]]:
    """Open in text mode the binary-mode files of ``source`` that are certainly read as text.

    Returns:
        The new source and its changes, (line, col, code, message), positioned in ``source``.
    """
    if b"rb" not in source or b"open(" not in source:
        return source, []
    transformer = _BinaryTextFiles()
    new = MetadataWrapper(cst.parse_module(source)).visit(transformer)
    if not transformer.changes:
        return source, []
    return new.bytes, transformer.changes
