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

The same holds for ``gzip.open(p, "rb")`` and ``bz2.open`` (``"r"`` is binary there too), opened
``gzip.open(p, "rt", encoding="utf-8", newline="\\n")``, and for the binary opens a helper function
only returns (``def open_file(path): return gzip.open(path, "rb") if path.endswith(".gz") else
open(path, "r")``, each branch an open) when every call of it is iterated (``for line in
open_file(p):``) or opened in a ``with`` block as above, and read only as text. Slices of a line
(``line = line[:-1]``, rebinding it to text of itself) and comparisons with a string literal
(``line == ""``, silently false for bytes) are text uses too.

UTF-8 is what TensorFlow's ``gfile`` text files (the vocabularies such programs wrote and read
back) use; ``newline="\\n"`` splits lines at ``\\n`` only and keeps them as read (``\\r\\n`` too),
as Python 2's binary file did. A name also passed to a function, returned or stored, a file used
otherwise, or no such method call leaves the call as it is.
"""

from __future__ import annotations

import libcst as cst
from libcst.metadata import (
    ParentNodeProvider,
    PositionProvider,
    QualifiedNameProvider,
)

from legacy2tf2.migrator import analysis
from legacy2tf2.migrator.findings import PY2_FIXED

#: Functions opening a file whose ``"rb"`` read Python 2 ``str``.
_OPENS = frozenset({"builtins.open", "io.open", "codecs.open"})
#: Compressed files: Python 2's ``gzip.open(p, "rb")`` (and ``"r"``, the same) read ``str`` lines
#: split at ``\\n``; Python 3's text mode for them is ``"rt"``.
_COMPRESSED_OPENS = frozenset({"gzip.open", "bz2.open"})
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
        self.derived = 0  # bindings of a name to a slice or method chain of itself
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

    def visit_Subscript(self, node: cst.Subscript) -> None:
        """``line[:-1]``: a slice of str is str (of bytes, bytes), a text use."""
        if (
            isinstance(node.value, cst.Name)
            and node.value.value in self.names
            and all(isinstance(e.slice, cst.Slice) for e in node.slice)
        ):
            self._receivers.add(id(node.value))

    def visit_Comparison(self, node: cst.Comparison) -> None:
        """``line == ""``: compared with str (Python 3's bytes never equal it)."""
        operands = [node.left, *(c.comparator for c in node.comparisons)]
        equalities = all(isinstance(c.operator, cst.Equal | cst.NotEqual) for c in node.comparisons)
        if equalities and len(operands) == 2 and any(_is_str_literal(o) for o in operands):
            for operand in operands:
                if isinstance(operand, cst.Name) and operand.value in self.names:
                    self._receivers.add(id(operand))

    def visit_Assign(self, node: cst.Assign) -> None:
        """``line = line[:-1]``, ``line = line.strip()``: still the text read, rebound."""
        if (
            len(node.targets) == 1
            and isinstance(node.targets[0].target, cst.Name)
            and node.targets[0].target.value in self.names
            and _derived(node.value, node.targets[0].target.value)
        ):
            self.derived += 1

    def visit_Name(self, node: cst.Name) -> None:
        if (
            node.value in self.names
            and id(node) not in self._receivers
            and id(node) not in self._targets
        ):
            self.other = True


class _BinaryTextFiles(cst.CSTTransformer):
    METADATA_DEPENDENCIES = (QualifiedNameProvider, PositionProvider, ParentNodeProvider)

    def __init__(self) -> None:
        super().__init__()
        self.changes: list[Change] = []
        self._opens: set[cst.Call] = set()

    def _open_name(self, node: cst.BaseExpression) -> str | None:
        if not isinstance(node, cst.Call):
            return None
        names = {q.name for q in self.get_metadata(QualifiedNameProvider, node.func, set())}
        return (
            next(iter(names)) if len(names) == 1 and names <= _OPENS | _COMPRESSED_OPENS else None
        )

    def _parent(self, node: cst.CSTNode) -> cst.CSTNode | None:
        return self.get_metadata(ParentNodeProvider, node, None)

    def _binary_open(self, node: cst.BaseExpression) -> bool:
        """``open(p, "rb")`` (io, codecs) or ``gzip.open(p, "rb")`` (bz2), the builtins'."""
        opener = self._open_name(node)
        if opener is None or _binary_read_mode(node, opener) is None:  # type: ignore[arg-type]
            return False
        # `from codecs import open`: the name `open` is not the builtin the fix writes
        return opener != "codecs.open" or isinstance(node.func, cst.Attribute)  # type: ignore[attr-defined]

    def _with_read_as_text(self, node: cst.With, item: cst.WithItem) -> tuple[bool, bool]:
        """(whether ``with ... as f`` reads ``f`` only as text, whether a str method of it
        refuses bytes)."""
        if item.asname is None or not isinstance(item.asname.name, cst.Name):
            return False, False
        reads = _Reads(item.asname.name.value)
        node.body.visit(reads)
        if reads.other or not reads.bound:
            return False, False
        uses = _Uses(reads.bound)
        node.body.visit(uses)
        text = not uses.other and uses.bindings - uses.derived == len(reads.bound)
        return text, uses.refused

    def visit_Module(self, node: cst.Module) -> None:
        """Helpers ``def open_file(p): return gzip.open(p, "rb") if ... else open(p, "r")``
        whose every call is iterated (``for line in open_file(p)``) or opened in a ``with``, and
        read only as text: their binary opens are read as text."""
        helpers = {
            f.name.value: opens
            for f in node.body
            if isinstance(f, cst.FunctionDef) and (opens := self._helper_opens(f)) is not None
        }
        for name, opens in helpers.items():
            calls = [found for found in _walk(node) if isinstance(found, cst.Name)]
            text, refused = True, False
            for found in calls:
                if found.value != name:
                    continue
                used_as_text, refuses = self._helper_call_read_as_text(found)
                text, refused = text and used_as_text, refused or refuses
            if text and refused:
                self._opens.update(opens)

    def _helper_opens(self, function: cst.FunctionDef) -> list[cst.Call] | None:
        """The binary opens a function returns, if its body only returns opens (one a binary one)."""
        body = list(function.body.body)
        if body and _docstring(body[0]):
            body = body[1:]
        if (
            function.decorators
            or len(body) != 1
            or not isinstance(body[0], cst.SimpleStatementLine)
        ):
            return None
        if len(body[0].body) != 1 or not isinstance(body[0].body[0], cst.Return):
            return None
        value = body[0].body[0].value
        branches = [value.body, value.orelse] if isinstance(value, cst.IfExp) else [value]
        binary = [b for b in branches if self._binary_open(b)]  # type: ignore[arg-type]
        text = [b for b in branches if b not in binary and self._text_open(b)]  # type: ignore[arg-type]
        if not binary or len(binary) + len(text) != len(branches):
            return None
        return binary  # type: ignore[return-value]

    def _text_open(self, node: cst.BaseExpression) -> bool:
        """The builtin ``open(p)`` or ``open(p, "r")``: Python 2 read ``str`` there too."""
        if self._open_name(node) != "builtins.open" or not isinstance(node, cst.Call):
            return False
        if len(node.args) == 1:
            return True
        mode = node.args[1].value if len(node.args) == 2 else None
        return isinstance(mode, cst.SimpleString) and mode.evaluated_value in ("r", "rU", "U")

    def _helper_call_read_as_text(self, name: cst.Name) -> tuple[bool, bool]:
        """Whether the helper's name ``name`` is called where the file is read as text (the
        ``def`` itself aside), and whether a str method there refuses bytes."""
        parent = self._parent(name)
        if isinstance(parent, cst.FunctionDef) and parent.name is name:
            return True, False
        if not (isinstance(parent, cst.Call) and parent.func is name):
            return False, False
        holder = self._parent(parent)
        if isinstance(holder, cst.For) and holder.iter is parent:
            if not isinstance(holder.target, cst.Name):
                return False, False
            uses = _Uses({holder.target.value})
            holder.visit(uses)
            return not uses.other and uses.bindings - uses.derived == 1, uses.refused
        if isinstance(holder, cst.WithItem):
            with_node = self._parent(holder)
            if isinstance(with_node, cst.With):
                return self._with_read_as_text(with_node, holder)
        return False, False

    def visit_With(self, node: cst.With) -> None:
        for item in node.items:
            if not self._binary_open(item.item):
                continue
            text, refused = self._with_read_as_text(node, item)
            if text and refused:
                self._opens.add(item.item)  # type: ignore[arg-type]

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.Call:
        if original_node not in self._opens:
            return updated_node
        opener_name = self._open_name(original_node)
        assert opener_name is not None
        path, mode = _binary_read_mode(updated_node, opener_name) or (None, None)
        assert path is not None and mode is not None
        quote = mode.value.quote if isinstance(mode.value, cst.SimpleString) else '"'
        text_mode = "rt" if opener_name in _COMPRESSED_OPENS else "r"
        comma = cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
        equal = cst.AssignEqual(
            whitespace_before=cst.SimpleWhitespace(""), whitespace_after=cst.SimpleWhitespace("")
        )
        args = [
            path.with_changes(comma=comma),
            mode.with_changes(value=cst.SimpleString(f"{quote}{text_mode}{quote}"), comma=comma),
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
        if opener_name == "codecs.open":
            func = cst.Name("open")  # codecs' reader splits lines at \r, \x0b, \u2028 ... too
        start = self.get_metadata(PositionProvider, original_node).start
        self.changes.append(
            (
                start.line,
                start.column + 1,
                PY2_FIXED,
                f'{opener}(..., "{mode.value.evaluated_value}") read str on Python 2 and reads '  # type: ignore[union-attr]
                "bytes on Python 3, which its lines' str methods here refuse (TypeError: a "
                f"bytes-like object is required): opened as text, {cst.Module([]).code_for_node(func)}"
                f'(..., "{text_mode}", encoding="utf-8", newline="\\n") (lines split at \\n only '
                "and kept as read, as Python 2's binary file did)",
            )
        )
        return updated_node.with_changes(func=func, args=args)


def _binary_read_mode(call: cst.Call, opener: str) -> tuple[cst.Arg, cst.Arg] | None:
    """(path, mode) arguments of ``open(path, "rb")`` with nothing else given, or None (the
    compressed files' ``"r"`` is binary too)."""
    if len(call.args) != 2 or any(a.star for a in call.args):
        return None
    path, mode = call.args
    if path.keyword is not None and path.keyword.value not in ("file", "filename"):
        return None
    if mode.keyword is not None and mode.keyword.value != "mode":
        return None
    if not isinstance(mode.value, cst.SimpleString) or mode.value.prefix:
        return None
    binary = ("rb", "r") if opener in _COMPRESSED_OPENS else ("rb",)
    return (path, mode) if mode.value.evaluated_value in binary else None


def _derived(value: cst.BaseExpression, name: str) -> bool:
    """``name[:-1]``, ``name.strip()``, ``name.lower().strip()``: text of ``name`` itself."""
    while True:
        if isinstance(value, cst.Subscript) and all(
            isinstance(e.slice, cst.Slice) for e in value.slice
        ):
            value = value.value
        elif isinstance(value, cst.Call) and isinstance(value.func, cst.Attribute):
            if value.func.attr.value in ("decode", "encode"):
                return False
            value = value.func.value
        else:
            return isinstance(value, cst.Name) and value.value == name


def _docstring(statement: cst.BaseStatement) -> bool:
    return (
        isinstance(statement, cst.SimpleStatementLine)
        and len(statement.body) == 1
        and isinstance(statement.body[0], cst.Expr)
        and isinstance(statement.body[0].value, cst.SimpleString | cst.ConcatenatedString)
    )


def _walk(node: cst.CSTNode) -> list[cst.CSTNode]:
    """Every node under ``node``, itself included."""
    found, stack = [], [node]
    while stack:
        current = stack.pop()
        found.append(current)
        stack.extend(current.children)
    return found


def fix_binary_text_files(source: bytes) -> tuple[bytes, list[Change]]:
    """Open in text mode the binary-mode files of ``source`` that are certainly read as text.

    Returns:
        The new source and its changes, (line, col, code, message), positioned in ``source``.
    """
    if b"open(" not in source or (
        b"rb" not in source and b"gzip" not in source and b"bz2" not in source
    ):
        return source, []
    transformer = _BinaryTextFiles()
    new = analysis.wrapper(analysis.parse(source)).visit(transformer)
    if not transformer.changes:
        return source, []
    return new.bytes, transformer.changes
