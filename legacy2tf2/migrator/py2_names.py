"""Python 2 names that parse under Python 3 but fail when the program runs (a ``--full`` step).

TF1 programs of the TF 0.x and 1.x years were written for Python 2. Those that parse under
Python 3 (``print(...)``, often with ``from __future__ import print_function``) still die on
Python 2 names when run. Fixed (L2T022), each only where the name is Python 2's builtin or module
(libcst scope analysis: not assigned, imported, defined or a parameter anywhere in the scope chain,
and no ``from six.moves import *``-style import that could bind it), so ``from six.moves import
xrange`` and ``try: xrange except NameError: xrange = range`` shims stay as they are:

- ``xrange`` -> ``range``, ``raw_input`` -> ``input``, ``unichr`` -> ``chr``, ``long`` -> ``int``,
  ``unicode`` -> ``str`` (a one-argument ``unicode(x)`` call is reported instead: Python 2 decoded
  bytes there, Python 3's ``str(x)`` of bytes is their repr), ``basestring`` -> ``(str, bytes)``
  (what ``isinstance(x, basestring)`` accepted), ``file(...)`` -> ``open(...)``,
  ``reduce``/``reload``/``intern`` -> ``functools.reduce``/``importlib.reload``/``sys.intern``
  (importing the module once, at the top);
- ``import cPickle``/``Queue``/``ConfigParser``/``__builtin__`` -> ``import pickle as cPickle``, ...
  (imports inside a ``try`` that catches ``ImportError`` are shims and stay);
- ``sys.maxint`` -> ``sys.maxsize``, ``os.getcwdu`` -> ``os.getcwd``, ``itertools.izip``/``imap``/
  ``ifilter`` -> ``zip``/``map``/``filter`` (``from itertools import izip`` -> ``izip = zip``),
  ``itertools.izip_longest``/``ifilterfalse`` -> ``zip_longest``/``filterfalse``;
- ``X.iteritems()``/``itervalues()``/``iterkeys()`` -> ``X.items()``/``values()``/``keys()`` and
  ``X.has_key(k)`` -> ``(k in X)``: these method names exist only on Python 2 dicts and their
  look-alikes. A file that defines a method or attribute of that name keeps every such call
  (reported), as do module functions (``six.iteritems(d)``);
- ``print >>f, a, b`` (which parses under Python 3 as a tuple expression) -> ``print(a, b, file=f)``.

Reported, left as they are (L2T023): Python 2 idioms with no exact Python 3 form (``cmp``,
``execfile``, ``string.maketrans``, ``dict.viewitems``, ``import urllib2``, ...; see the tables).
Integer ``/`` (floor division on Python 2 ints) is not touched: which operands are ints cannot be
told from the source.
"""

from __future__ import annotations

import libcst as cst
from libcst.metadata import (
    BuiltinAssignment,
    MetadataWrapper,
    PositionProvider,
    QualifiedNameProvider,
    QualifiedNameSource,
    Scope,
    ScopeProvider,
)

FIXED = "L2T022"
LEFT = "L2T023"

#: Python 2 builtins -> the Python 3 builtin that does the same.
BUILTINS: dict[str, str] = {
    "xrange": "range",
    "raw_input": "input",
    "unichr": "chr",
    "long": "int",
    "unicode": "str",
    "file": "open",
}
#: Python 2 builtins Python 3 moved into a module -> that module.
MOVED_BUILTINS: dict[str, str] = {"reduce": "functools", "reload": "importlib", "intern": "sys"}
#: Python 2 builtins with no exact Python 3 form -> what to write.
REPORTED_BUILTINS: dict[str, str] = {
    "cmp": "write (a > b) - (a < b); for sorting, functools.cmp_to_key",
    "execfile": "exec(open(path).read())",
    "apply": "call f(*args, **kwargs)",
    "buffer": "memoryview",
    "coerce": "no Python 3 equivalent",
}
#: Python 2 modules -> the Python 3 module of the same content.
MODULES: dict[str, str] = {
    "cPickle": "pickle",
    "Queue": "queue",
    "ConfigParser": "configparser",
    "__builtin__": "builtins",
}
#: Python 2 modules whose Python 3 successor differs -> where their content went.
REPORTED_MODULES: dict[str, str] = {
    "StringIO": "io.StringIO for text, io.BytesIO for bytes",
    "cStringIO": "io.StringIO for text, io.BytesIO for bytes",
    "urllib2": "urllib.request and urllib.error",
    "urlparse": "urllib.parse",
    "httplib": "http.client",
    "HTMLParser": "html.parser",
    "commands": "subprocess",
    "cookielib": "http.cookiejar",
    "copy_reg": "copyreg",
    "Tkinter": "tkinter",
}
#: Module attributes Python 3 renamed -> the new attribute name (same module).
RENAMED_ATTRIBUTES: dict[str, str] = {
    "sys.maxint": "maxsize",
    "os.getcwdu": "getcwd",
    "itertools.izip_longest": "zip_longest",
    "itertools.ifilterfalse": "filterfalse",
    # an alias (deprecated since Python 3.2, removed in 3.12) of what Python 3 calls ConfigParser
    "ConfigParser.SafeConfigParser": "ConfigParser",
    "configparser.SafeConfigParser": "ConfigParser",
}
#: ``itertools`` functions Python 3 made builtins.
ITERTOOLS_BUILTINS: dict[str, str] = {
    "itertools.izip": "zip",
    "itertools.imap": "map",
    "itertools.ifilter": "filter",
}
#: Module attributes Python 3 removed -> what to write.
REPORTED_ATTRIBUTES: dict[str, str] = {
    "string.maketrans": "str.maketrans for text, bytes.maketrans for bytes",
    "string.letters": "string.ascii_letters (Python 2's followed the locale)",
    "string.lowercase": "string.ascii_lowercase (Python 2's followed the locale)",
    "string.uppercase": "string.ascii_uppercase (Python 2's followed the locale)",
    "string.join": "sep.join(words)",
    "string.atoi": "int(s)",
    "string.atof": "float(s)",
    "sys.setdefaultencoding": "remove it with the reload(sys) before it (Python 3 text is "
    "Unicode; there is no implicit conversion to set)",
}
#: Python 2 dict methods -> the Python 3 method returning the same items.
DICT_METHODS: dict[str, str] = {"iteritems": "items", "itervalues": "values", "iterkeys": "keys"}
#: Python 2 dict methods left -> why.
REPORTED_METHODS: dict[str, str] = {
    "viewitems": "d.items() is a view on Python 3",
    "viewkeys": "d.keys() is a view on Python 3",
    "viewvalues": "d.values() is a view on Python 3",
}
_HAS_KEY = "has_key"
#: Modules with iteritems/itervalues/iterkeys functions.
_ITERITEMS_MODULES = frozenset({"six", "future.utils", "past.utils"})
_IMPORT_ERRORS = frozenset({"ImportError", "ModuleNotFoundError", "Exception", "BaseException"})
#: Star imports that bind Python 2 names (six.moves, python-future, the builtins module).
_COMPAT_STAR = frozenset(
    {"six.moves", "builtins", "__builtin__", "future.builtins", "past.builtins", "future", "past"}
)
_LOW_PRECEDENCE = (
    cst.BooleanOperation,
    cst.Comparison,
    cst.IfExp,
    cst.Lambda,
    cst.NamedExpr,
    cst.Yield,
)

Change = tuple[int, int, str, str]  # line, column (1-based), code, message


def _dotted(node: cst.BaseExpression | None) -> str:
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        head = _dotted(node.value)
        return f"{head}.{node.attr.value}" if head else ""
    return ""


def _is_builtin(scope: Scope, name: str) -> bool:
    """Whether ``name`` read in ``scope`` is Python 3's builtin (or unbound)."""
    return all(isinstance(a, BuiltinAssignment) for a in scope[name])


def _catches_import_error(node: cst.Try) -> bool:
    for handler in node.handlers:
        if handler.type is None:
            return True
        types = handler.type.elements if isinstance(handler.type, cst.Tuple) else [handler.type]
        for element in types:
            value = element.value if isinstance(element, cst.Element) else element
            if _dotted(value).rpartition(".")[2] in _IMPORT_ERRORS:
                return True
    return False


def _wrapped(node: cst.BaseExpression) -> cst.BaseExpression:
    if isinstance(node, _LOW_PRECEDENCE) and not node.lpar:
        return node.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])
    return node


class _Definitions(cst.CSTVisitor):
    """Method and attribute names the file defines, and star imports that bind Python 2 names."""

    def __init__(self) -> None:
        self.names: set[str] = set()
        self.compat_star = False

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.names.add(node.name.value)

    def visit_AssignTarget(self, node: cst.AssignTarget) -> None:
        if isinstance(node.target, cst.Attribute):
            self.names.add(node.target.attr.value)
        elif isinstance(node.target, cst.Name):
            self.names.add(node.target.value)

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        if isinstance(node.names, cst.ImportStar) and not node.relative:
            self.compat_star |= _dotted(node.module) in _COMPAT_STAR


class Python2Names(cst.CSTTransformer):
    """Fix the Python 2 names of the module docstring; report the recognisable rest."""

    METADATA_DEPENDENCIES = (PositionProvider, QualifiedNameProvider, ScopeProvider)

    def __init__(self, definitions: _Definitions) -> None:
        super().__init__()
        self.changes: list[Change] = []
        self._defined = definitions.names
        self._compat_star = definitions.compat_star
        self._guarded = 0  # depth of `try: ... except ImportError` blocks
        self._kept: set[cst.Name] = set()  # builtin reads reported, not renamed
        self._called: set[cst.Name] = set()  # `file` names that are called
        self._imports_needed: set[str] = set()
        self._module_imports: dict[str, bool] = {}  # module -> whether `import module` is usable
        self._extra_lines: list[list[cst.SimpleStatementLine]] = []
        self._import_lines: set[cst.BaseStatement] = set()

    def _note(self, node: cst.CSTNode, code: str, message: str) -> None:
        start = self.get_metadata(PositionProvider, node).start
        self.changes.append((start.line, start.column + 1, code, message))

    def _qualified(self, node: cst.CSTNode) -> set[str]:
        names = self.get_metadata(QualifiedNameProvider, node, set())
        return {q.name for q in names if q.source is QualifiedNameSource.IMPORT}

    def _python2_builtin(self, node: cst.Name) -> bool:
        """``node`` reads a name Python 2 had as a builtin and nothing in the file binds."""
        scope = self.get_metadata(ScopeProvider, node, None)
        if scope is None or self._compat_star or node.value in scope:
            return False
        return any(access.node is node for access in scope.accesses[node.value])

    def _usable_module(self, scope: Scope, module: str) -> bool:
        """Whether ``module.x`` written in ``scope`` reaches the module (imported or addable)."""
        for assignment in scope[module]:
            if isinstance(assignment, BuiltinAssignment):
                continue
            node = getattr(assignment, "node", None)
            if not isinstance(node, cst.Import) or assignment.scope is not scope.globals:
                return False
            if not any(a.name.value == module and a.asname is None for a in node.names):
                return False
        return True

    # --- the file's own structure ---------------------------------------------------------

    def visit_Try(self, node: cst.Try) -> None:
        self._guarded += _catches_import_error(node)

    def leave_Try(self, original_node: cst.Try, updated_node: cst.Try) -> cst.Try:
        self._guarded -= _catches_import_error(original_node)
        return updated_node

    def visit_SimpleStatementLine(self, node: cst.SimpleStatementLine) -> None:
        self._extra_lines.append([])

    def leave_SimpleStatementLine(
        self, original_node: cst.SimpleStatementLine, updated_node: cst.SimpleStatementLine
    ) -> cst.BaseStatement | cst.FlattenSentinel[cst.BaseStatement]:
        extra = self._extra_lines.pop()
        if _is_import_line(original_node):  # still the file's import block
            self._import_lines.update([updated_node, *extra])
        if not extra:
            return updated_node
        return cst.FlattenSentinel([updated_node, *extra])

    def leave_Module(self, original_node: cst.Module, updated_node: cst.Module) -> cst.Module:
        if not self._imports_needed:
            return updated_node
        body = list(updated_node.body)
        at = 0
        if body and _is_docstring(body[0]):
            at = 1
        while at < len(body) and (_is_import_line(body[at]) or body[at] in self._import_lines):
            at += 1
        imports = [
            cst.SimpleStatementLine([cst.Import([cst.ImportAlias(cst.Name(module))])])
            for module in sorted(self._imports_needed)
        ]
        return updated_node.with_changes(body=[*body[:at], *imports, *body[at:]])

    # --- builtins -------------------------------------------------------------------------

    def visit_Call(self, node: cst.Call) -> None:
        func = node.func
        if isinstance(func, cst.Name) and func.value == "file":
            self._called.add(func)
        if not isinstance(func, cst.Name) or func.value != "unicode":
            return
        args = node.args
        if len(args) == 1 and not args[0].keyword and not args[0].star:
            if isinstance(args[0].value, (cst.SimpleString, cst.ConcatenatedString)):
                return
            if self._python2_builtin(func):
                self._kept.add(func)
                self._note(
                    node,
                    LEFT,
                    "unicode(x) decoded bytes (ASCII) on Python 2; on Python 3 str(x) of bytes "
                    "is their repr: write str(x) if x is text, x.decode(...) if it is bytes",
                )

    def leave_Name(self, original_node: cst.Name, updated_node: cst.Name) -> cst.BaseExpression:
        name = original_node.value
        known = name in BUILTINS or name in MOVED_BUILTINS or name in REPORTED_BUILTINS
        if name == "basestring":
            known = True
        if not known or original_node in self._kept or not self._python2_builtin(original_node):
            return updated_node
        scope = self.get_metadata(ScopeProvider, original_node)
        if name in REPORTED_BUILTINS:
            self._note(
                original_node,
                LEFT,
                f"Python 2 builtin {name} has no Python 3 builtin: {REPORTED_BUILTINS[name]}",
            )
            return updated_node
        if name == "basestring":
            if not (_is_builtin(scope, "str") and _is_builtin(scope, "bytes")):
                return self._shadowed(original_node, "str and bytes")
            self._note(
                original_node,
                FIXED,
                "basestring changed to (str, bytes), its Python 3 meaning (Python 2 str is bytes)",
            )
            return cst.Tuple(
                [cst.Element(cst.Name("str")), cst.Element(cst.Name("bytes"))],
                lpar=[cst.LeftParen()],
                rpar=[cst.RightParen()],
            )
        if name in MOVED_BUILTINS:
            module = MOVED_BUILTINS[name]
            if not self._usable_module(scope, module):
                return self._shadowed(original_node, module)
            if not self._module_imported(scope, module):
                self._imports_needed.add(module)
            self._note(original_node, FIXED, f"Python 2 builtin {name} changed to {module}.{name}")
            return cst.Attribute(cst.Name(module), cst.Name(name))
        if name == "file" and original_node not in self._called:
            self._note(original_node, LEFT, "Python 2 type file: io.IOBase is its Python 3 base")
            return updated_node
        target = BUILTINS[name]
        if not _is_builtin(scope, target):
            return self._shadowed(original_node, target)
        self._note(original_node, FIXED, f"Python 2 builtin {name} changed to {target}")
        return updated_node.with_changes(value=target)

    def _shadowed(self, node: cst.Name, target: str) -> cst.Name:
        self._note(node, LEFT, f"Python 2 builtin {node.value} left: {target} is rebound here")
        return node

    def _module_imported(self, scope: Scope, module: str) -> bool:
        return any(not isinstance(a, BuiltinAssignment) for a in scope[module])

    # --- imports --------------------------------------------------------------------------

    def leave_Import(self, original_node: cst.Import, updated_node: cst.Import) -> cst.Import:
        if self._guarded:
            return updated_node
        names = []
        for alias in updated_node.names:
            module = _dotted(alias.name)
            if module in REPORTED_MODULES:
                self._note(
                    original_node, LEFT, f"Python 2 module {module}: {REPORTED_MODULES[module]}"
                )
            if module not in MODULES:
                names.append(alias)
                continue
            new = MODULES[module]
            bound = alias.asname.name.value if alias.asname else module
            asname = None if bound == new else cst.AsName(cst.Name(bound))
            names.append(alias.with_changes(name=cst.Name(new), asname=asname))
            self._note(original_node, FIXED, _module_message(module, new))
        return updated_node.with_changes(names=names)

    def leave_ImportFrom(
        self, original_node: cst.ImportFrom, updated_node: cst.ImportFrom
    ) -> cst.BaseSmallStatement:
        if self._guarded or updated_node.relative:
            return updated_node
        module = _dotted(updated_node.module)
        if module in REPORTED_MODULES:
            self._note(original_node, LEFT, f"Python 2 module {module}: {REPORTED_MODULES[module]}")
        if module in MODULES:
            self._note(original_node, FIXED, _module_message(module, MODULES[module]))
            updated_node = updated_node.with_changes(module=cst.Name(MODULES[module]))
        if isinstance(updated_node.names, cst.ImportStar):
            return updated_node
        in_line = bool(self._extra_lines)
        kept: list[cst.ImportAlias] = []
        bindings: list[tuple[str, str]] = []
        for alias in updated_node.names:
            name = f"{module}.{_dotted(alias.name)}"
            bound = alias.asname.name.value if alias.asname else _dotted(alias.name)
            if name in RENAMED_ATTRIBUTES:
                new = RENAMED_ATTRIBUTES[name]
                self._note(original_node, FIXED, f"{name} changed to its Python 3 name {new}")
                asname = None if bound == new else cst.AsName(cst.Name(bound))
                kept.append(alias.with_changes(name=cst.Name(new), asname=asname))
            elif name in ITERTOOLS_BUILTINS and (in_line or len(updated_node.names) == 1):
                builtin = ITERTOOLS_BUILTINS[name]
                self._note(original_node, FIXED, f"{name} is the builtin {builtin} on Python 3")
                bindings.append((bound, builtin))
            else:
                if name in REPORTED_ATTRIBUTES:
                    self._note(original_node, LEFT, f"{name}: {REPORTED_ATTRIBUTES[name]}")
                elif name in ITERTOOLS_BUILTINS:
                    message = (
                        f"{name} left (is the builtin {ITERTOOLS_BUILTINS[name]}): import it alone"
                    )
                    self._note(original_node, LEFT, message)
                kept.append(alias)
        if not bindings:
            return updated_node.with_changes(names=_without_last_comma(kept))
        assign = cst.Assign(
            [cst.AssignTarget(_tuple_or_one([cst.Name(b) for b, _ in bindings]))],
            _tuple_or_one([cst.Name(v) for _, v in bindings]),
        )
        if not kept:
            return assign
        self._extra_lines[-1].append(cst.SimpleStatementLine([assign]))
        return updated_node.with_changes(names=_without_last_comma(kept))

    # --- module attributes ----------------------------------------------------------------

    def leave_Attribute(
        self, original_node: cst.Attribute, updated_node: cst.Attribute
    ) -> cst.BaseExpression:
        for name in self._qualified(original_node):
            if name in RENAMED_ATTRIBUTES:
                new = RENAMED_ATTRIBUTES[name]
                self._note(original_node, FIXED, f"{name} changed to its Python 3 name {new}")
                return updated_node.with_changes(attr=cst.Name(new))
            if name in ITERTOOLS_BUILTINS:
                builtin = ITERTOOLS_BUILTINS[name]
                scope = self.get_metadata(ScopeProvider, original_node, None)
                if scope is None or not _is_builtin(scope, builtin):
                    self._note(original_node, LEFT, f"{name} left: {builtin} is rebound here")
                    return updated_node
                self._note(original_node, FIXED, f"{name} changed to the builtin {builtin}")
                return cst.Name(builtin, lpar=updated_node.lpar, rpar=updated_node.rpar)
            if name in REPORTED_ATTRIBUTES:
                self._note(original_node, LEFT, f"{name}: {REPORTED_ATTRIBUTES[name]}")
        return updated_node

    # --- dict methods and print >> ---------------------------------------------------------

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
        func = original_node.func
        if not isinstance(func, cst.Attribute) or self._is_module(func.value):
            return updated_node
        method = func.attr.value
        args = updated_node.args
        if method in REPORTED_METHODS and not args:
            self._note(
                original_node, LEFT, f".{method}() is Python 2 only: {REPORTED_METHODS[method]}"
            )
            return updated_node
        if method not in DICT_METHODS and method != _HAS_KEY:
            return updated_node
        if method in self._defined:
            self._note(
                original_node,
                LEFT,
                f".{method}() left: this file defines its own "
                f"{method}; on a dict it fails on Python 3",
            )
            return updated_node
        new_func = updated_node.func
        assert isinstance(new_func, cst.Attribute)
        if method in DICT_METHODS and not args:
            new = DICT_METHODS[method]
            self._note(original_node, FIXED, f".{method}() changed to .{new}()")
            return updated_node.with_changes(func=new_func.with_changes(attr=cst.Name(new)))
        if method == _HAS_KEY and len(args) == 1 and not args[0].keyword and not args[0].star:
            self._note(original_node, FIXED, "d.has_key(k) changed to (k in d)")
            return cst.Comparison(
                _wrapped(args[0].value),
                [cst.ComparisonTarget(cst.In(), new_func.value)],
                lpar=[cst.LeftParen(), *updated_node.lpar],
                rpar=[*updated_node.rpar, cst.RightParen()],
            )
        return updated_node

    def leave_Expr(self, original_node: cst.Expr, updated_node: cst.Expr) -> cst.Expr:
        value = original_node.value
        items = value.elements if isinstance(value, cst.Tuple) and not value.lpar else None
        head = items[0].value if items else value
        if not (
            isinstance(head, cst.BinaryOperation)
            and isinstance(head.operator, cst.RightShift)
            and isinstance(head.left, cst.Name)
            and head.left.value == "print"
            and not head.lpar
            and self._is_python_builtin(head.left)
        ):
            return updated_node
        trailing_comma = bool(items) and isinstance(items[-1].comma, cst.Comma)
        if trailing_comma or any(isinstance(e, cst.StarredElement) for e in items or ()):
            self._note(
                original_node,
                LEFT,
                "Python 2 print statement `print >>f, x,` (no "
                "newline, softspace): write print(x, end=' ', file=f)",
            )
            return updated_node
        new_items = updated_node.value.elements[1:] if items else []
        new_head = updated_node.value.elements[0].value if items else updated_node.value
        args = [cst.Arg(e.value) for e in new_items]
        args.append(
            cst.Arg(
                new_head.right,
                keyword=cst.Name("file"),
                equal=cst.AssignEqual(cst.SimpleWhitespace(""), cst.SimpleWhitespace("")),
            )
        )
        self._note(
            original_node,
            FIXED,
            "Python 2 print statement `print >>f, ...` changed to print(..., file=f)",
        )
        return updated_node.with_changes(value=cst.Call(cst.Name("print"), args))

    def _is_module(self, node: cst.BaseExpression) -> bool:
        """Whether ``node`` names an imported module (``six`` in ``six.iteritems(d)``)."""
        if self._qualified(node) & _ITERITEMS_MODULES:
            return True
        if not isinstance(node, cst.Name):
            return False
        scope = self.get_metadata(ScopeProvider, node, None)
        return scope is not None and any(
            isinstance(getattr(a, "node", None), cst.Import) for a in scope[node.value]
        )

    def _is_python_builtin(self, node: cst.Name) -> bool:
        scope = self.get_metadata(ScopeProvider, node, None)
        return scope is not None and _is_builtin(scope, node.value)


def _module_message(old: str, new: str) -> str:
    message = f"Python 2 module {old} is {new} on Python 3"
    if new == "pickle":
        message += (
            " (it reads Python 2 pickles; one holding Python 2 str objects, NumPy arrays "
            "among them, may need pickle.load(f, encoding='latin1'))"
        )
    return message


def _tuple_or_one(names: list[cst.Name]) -> cst.BaseExpression:
    return (
        names[0]
        if len(names) == 1
        else cst.Tuple([cst.Element(n) for n in names], lpar=[], rpar=[])
    )


def _without_last_comma(aliases: list[cst.ImportAlias]) -> list[cst.ImportAlias]:
    if aliases and aliases[-1].comma is not cst.MaybeSentinel.DEFAULT:
        aliases[-1] = aliases[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
    return aliases


def _is_docstring(statement: cst.BaseStatement) -> bool:
    return (
        isinstance(statement, cst.SimpleStatementLine)
        and len(statement.body) == 1
        and isinstance(statement.body[0], cst.Expr)
        and isinstance(statement.body[0].value, (cst.SimpleString, cst.ConcatenatedString))
    )


def _is_import_line(statement: cst.BaseStatement) -> bool:
    return isinstance(statement, cst.SimpleStatementLine) and all(
        isinstance(s, (cst.Import, cst.ImportFrom)) for s in statement.body
    )


def fix_python2_names(module: cst.Module) -> tuple[cst.Module, list[Change]]:
    """Python 2 builtins, modules and dict methods changed to their exact Python 3 forms.

    Args:
        module: the source (in ``--full``, after the pre-1.0 fixes).

    Returns:
        The new module and its changes and reports, (line, col, code, message), positioned in
        ``module``: L2T022 (a Python 2 name fixed), L2T023 (a Python 2 idiom left).
    """
    definitions = _Definitions()
    module.visit(definitions)
    transformer = Python2Names(definitions)
    new = MetadataWrapper(module).visit(transformer)
    return new, sorted(transformer.changes)


_HINTS = (
    tuple(BUILTINS)
    + tuple(MOVED_BUILTINS)
    + tuple(REPORTED_BUILTINS)
    + tuple(MODULES)
    + tuple(REPORTED_MODULES)
    + tuple(n.rpartition(".")[2] for n in {**RENAMED_ATTRIBUTES, **ITERTOOLS_BUILTINS})
    + tuple(n.rpartition(".")[2] for n in REPORTED_ATTRIBUTES)
    + tuple(DICT_METHODS)
    + tuple(REPORTED_METHODS)
    + (_HAS_KEY, "basestring", ">>")
)
_BYTE_HINTS = tuple(h.encode() for h in _HINTS)


def fix_python2_source(source: bytes) -> tuple[bytes, list[Change]]:
    """:func:`fix_python2_names` on source bytes; the input object back when nothing changed."""
    if not any(hint in source for hint in _BYTE_HINTS):
        return source, []
    new, changes = fix_python2_names(cst.parse_module(source))
    return (source if new.bytes == source else new.bytes), changes
