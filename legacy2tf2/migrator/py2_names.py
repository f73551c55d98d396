"""Python 2 names that parse under Python 3 but fail when the program runs (a ``--full`` step).

TF1 programs of the TF 0.x and 1.x years were written for Python 2. Those that parse under
Python 3 (``print(...)``, often with ``from __future__ import print_function``) still die on
Python 2 names when run. Fixed (L2T022), each only where the name is Python 2's builtin or module
(libcst scope analysis: not assigned, imported, defined or a parameter anywhere in the scope chain,
and no ``from six.moves import *``-style import that could bind it), so ``from six.moves import
xrange`` and ``try: xrange except NameError: xrange = range`` shims stay as they are, as does
everything inside a ``try`` that catches ``NameError`` or an ``if`` on the Python version
(``sys.version_info``, ``six.PY2``):

- ``xrange`` -> ``range``, ``raw_input`` -> ``input``, ``unichr`` -> ``chr``, ``long`` -> ``int``,
  ``unicode`` -> ``str`` as a type (``isinstance``, ``issubclass``, ``type(x) is``), decoding
  (``unicode(b, "utf-8")``; of a name ``b``: ``(b if isinstance(b, str) else str(b, "utf-8"))``,
  since what Python 2 read as bytes a Python 3 text stream gives already decoded) or of a literal; anywhere else (``unicode(x)``, ``map(unicode, xs)``)
  it is reported: Python 2 decoded bytes there, Python 3's ``str(x)`` of bytes is their repr, ``basestring`` -> ``(str, bytes)``
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
- ``print >>f, a, b`` (which parses under Python 3 as a tuple expression) -> ``print(a, b, file=f)``;
- ``print (fmt) % args`` and ``print (a), b`` (Python 2 print statements Python 3 parses as a
  call inside an operation or a tuple) -> ``print((fmt) % args)``, ``print((a), b)``
  (:mod:`legacy2tf2.migrator.py2_print_groups`);
- ``exec(code) in ns`` and ``exec(code) in g, l`` (Python 2's exec statement, which Python 3 parses
  as a dropped comparison) -> ``exec(code, ns)`` / ``exec(code, g, l)``
  (:mod:`legacy2tf2.migrator.py2_exec`);
- Python 2's ``string`` module functions -> the ``str`` methods they called, ``string.letters``
  -> ``string.ascii_letters`` (:mod:`legacy2tf2.migrator.py2_string`); ``map(None, a, b)`` ->
  ``list(itertools.zip_longest(a, b))``, ``map(None, a)`` -> ``list(a)``;
- ``sorted(x, cmp=f)``, ``x.sort(cmp=f)`` -> ``key=functools.cmp_to_key(f)`` (without ``key=``);
- ``inspect.getargspec(f).args`` (``.varargs``, ``.defaults``, ``[0]`` to ``[3]``; removed in
  Python 3.11) -> ``inspect.getfullargspec(f).args`` (``.keywords`` -> ``.varkw``), the same
  values; any other use of ``getargspec`` (unpacking four names) is reported;
- in a file with any of the above (a Python 2 file), ``x.decode("utf-8")`` of a plain name (the
  encoding a string literal) ->
  ``(x if isinstance(x, str) else x.decode("utf-8"))``: Python 2 read text as byte strings the
  program decoded, Python 3's text streams give ``str``, which has no ``decode``;
- ``FLAGS.name.decode("utf-8")`` of TensorFlow's (or absl's) flags -> ``FLAGS.name``: Python 2's
  flag strings were bytes the program decoded, Python 3's are already ``str``, which has no
  ``decode`` (``FLAGS`` being ``tf.app.flags.FLAGS``, ``tf.flags.FLAGS``, ... or a module-level
  name assigned it once, also through ``flags = tf.app.flags``).

Reported, left as they are (L2T023): Python 2 idioms with no exact Python 3 form (``cmp``,
``execfile``, ``string.maketrans``, ``dict.viewitems``, ``import urllib2``, ...; the tables are in
:mod:`legacy2tf2.migrator.py2_tables`, the import renames in :mod:`legacy2tf2.migrator.py2_imports`).
Integer ``/`` (floor division on Python 2 ints) is not touched here: which operands are ints
cannot be told from the source (:mod:`legacy2tf2.migrator.py2_division` changes it only where
Python 2 accepted nothing but an int).
"""

from __future__ import annotations

import libcst as cst
import libcst.matchers as m
from libcst.metadata import (
    BuiltinAssignment,
    PositionProvider,
    QualifiedNameProvider,
    QualifiedNameSource,
    Scope,
    ScopeProvider,
)

from legacy2tf2.migrator import analysis
from legacy2tf2.migrator.noting import NotingTransformer
from legacy2tf2.migrator.py2_exec import fix_exec_in
from legacy2tf2.migrator.py2_imports import (
    Python2Imports,
    catches,
    dotted,
    tests_python_version,
)
from legacy2tf2.migrator.py2_print_groups import fix_print_groups
from legacy2tf2.migrator.py2_string import fix_string_module
from legacy2tf2.migrator.py2_tables import (
    ARGSPEC_FIELDS,
    BUILTINS,
    COMPAT_STAR,
    DICT_METHODS,
    FIXED,
    FLAG_DECODE,
    FLAGS_MODULES,
    GETARGSPEC,
    HAS_KEY,
    HINTS,
    ITERITEMS_MODULES,
    ITERTOOLS_BUILTINS,
    LEFT,
    MOVED_BUILTINS,
    RENAMED_ATTRIBUTES,
    REPORTED_ATTRIBUTES,
    REPORTED_BUILTINS,
    REPORTED_METHODS,
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
_UTF8_NAMES = frozenset({"utf-8", "utf8", "UTF-8", "UTF8", "Utf-8", "utf_8"})


def _is_builtin(scope: Scope, name: str) -> bool:
    """Whether ``name`` read in ``scope`` is Python 3's builtin (or unbound)."""
    return all(isinstance(a, BuiltinAssignment) for a in scope[name])


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
            self.compat_star |= dotted(node.module) in COMPAT_STAR


class Python2Names(NotingTransformer):
    """Fix the Python 2 names of the module docstring; report the recognisable rest."""

    METADATA_DEPENDENCIES = (PositionProvider, QualifiedNameProvider, ScopeProvider)

    def __init__(self, definitions: _Definitions) -> None:
        super().__init__()
        self._defined = definitions.names
        self._compat_star = definitions.compat_star
        self._as_type: set[cst.Name] = set()  # `unicode` as a type, or str() of text
        self._decoding: set[cst.Call] = set()  # unicode(name, encoding)
        self._called: set[cst.Name] = set()  # `file` names that are called
        self.imports_needed: set[str] = set()
        self._shims = 0  # depth of `except NameError` and Python-version `if` blocks
        #: ``inspect.getargspec(...)`` calls read only through a field getfullargspec keeps
        self._argspec_reads: set[cst.Call] = set()
        #: ``sys.setdefaultencoding`` of ``sys.setdefaultencoding('utf-8')`` statements
        self._utf8_default: set[cst.Attribute] = set()
        #: module-level names assigned once a flags module (1) or its FLAGS object (2)
        self._flags_names: dict[str, int] = {}

    def _qualified(self, node: cst.CSTNode) -> set[str]:
        names = self.get_metadata(QualifiedNameProvider, node, set())
        return {q.name for q in names if q.source is QualifiedNameSource.IMPORT}

    def visit_Try(self, node: cst.Try) -> None:
        self._shims += catches(node, "NameError")

    def leave_Try(self, original_node: cst.Try, updated_node: cst.Try) -> cst.Try:
        self._shims -= catches(original_node, "NameError")
        return updated_node

    def visit_If(self, node: cst.If) -> None:
        self._shims += tests_python_version(node)

    def leave_If(self, original_node: cst.If, updated_node: cst.If) -> cst.If:
        self._shims -= tests_python_version(original_node)
        return updated_node

    def _python2_builtin(self, node: cst.Name) -> bool:
        """``node`` reads a name Python 2 had as a builtin, nothing in the file binds it, and no
        ``except NameError`` around it makes it a shim."""
        scope = self.get_metadata(ScopeProvider, node, None)
        if scope is None or self._shims or self._compat_star or node.value in scope:
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

    # --- builtins -------------------------------------------------------------------------

    def visit_Call(self, node: cst.Call) -> None:
        func, args = node.func, node.args
        if not isinstance(func, cst.Name):
            return
        if func.value == "file":
            self._called.add(func)
        elif func.value == "unicode":
            literal = (cst.SimpleString, cst.ConcatenatedString)
            positional = [arg for arg in args if arg.keyword is None and not arg.star]
            encoding = len(positional) > 1 or any(
                arg.keyword is not None and arg.keyword.value == "encoding" for arg in args
            )
            if encoding or (len(args) == 1 and isinstance(args[0].value, literal)):
                self._as_type.add(func)  # decoding with an encoding, or text: str() does the same
            if encoding and positional and isinstance(positional[0].value, cst.Name):
                self._decoding.add(node)
        elif func.value in ("isinstance", "issubclass") and len(args) == 2:
            types = args[1].value
            for element in types.elements if isinstance(types, cst.Tuple) else [args[1]]:
                if isinstance(element.value, cst.Name):
                    self._as_type.add(element.value)

    def visit_Comparison(self, node: cst.Comparison) -> None:
        for operand in [node.left, *(target.comparator for target in node.comparisons)]:
            if isinstance(operand, cst.Name):  # type(x) is unicode
                self._as_type.add(operand)

    def leave_Name(self, original_node: cst.Name, updated_node: cst.Name) -> cst.BaseExpression:
        name = original_node.value
        known = name in BUILTINS or name in MOVED_BUILTINS or name in REPORTED_BUILTINS
        if name == "basestring":
            known = True
        if not known or not self._python2_builtin(original_node):
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
                self.imports_needed.add(module)
            self._note(original_node, FIXED, f"Python 2 builtin {name} changed to {module}.{name}")
            return cst.Attribute(cst.Name(module), cst.Name(name))
        if name == "unicode" and original_node not in self._as_type:
            self._note(
                original_node,
                LEFT,
                "unicode(x) decoded bytes (ASCII) on Python 2; on Python 3 str(x) of bytes is "
                "their repr: write str for text, x.decode(...) for bytes",
            )
            return updated_node
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

    # --- module attributes ----------------------------------------------------------------

    def leave_Attribute(
        self, original_node: cst.Attribute, updated_node: cst.Attribute
    ) -> cst.BaseExpression:
        field = self._argspec_field(original_node, updated_node)
        if field is not None:
            return field
        self._needs_itertools(original_node)
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
            if name in REPORTED_ATTRIBUTES and original_node not in self._utf8_default:
                self._note(original_node, LEFT, f"{name}: {REPORTED_ATTRIBUTES[name]}")
        return updated_node

    def _needs_itertools(self, node: cst.Attribute) -> None:
        """``itertools.starmap``/``zip_longest`` that the list pass wrote for Python 2's padded
        ``map(f, a, b)`` in a file that does not import ``itertools``: import it."""
        if not (
            isinstance(node.value, cst.Name)
            and node.value.value == "itertools"
            and node.attr.value in ("starmap", "zip_longest")
        ):
            return
        scope = self.get_metadata(ScopeProvider, node.value, None)
        if scope is not None and not self._module_imported(scope, "itertools"):
            self.imports_needed.add("itertools")

    # --- sys.setdefaultencoding('utf-8') --------------------------------------------------

    def visit_Expr(self, node: cst.Expr) -> None:
        call = node.value
        if (
            isinstance(call, cst.Call)
            and isinstance(call.func, cst.Attribute)
            and len(call.args) == 1
            and call.args[0].keyword is None
            and not call.args[0].star
            and isinstance(call.args[0].value, cst.SimpleString)
            and call.args[0].value.evaluated_value in _UTF8_NAMES
            and "sys.setdefaultencoding" in self._qualified(call.func)
        ):
            self._utf8_default.add(call.func)

    def _utf8_default_statement(
        self, original_node: cst.Expr, updated_node: cst.Expr
    ) -> cst.BaseSmallStatement:
        """``sys.setdefaultencoding('utf-8')`` (after Python 2's ``reload(sys)``) -> ``pass``.

        Python 2 made UTF-8 the encoding of its implicit text conversions and of argument-less
        ``encode()``/``decode()``; Python 3's default encoding is UTF-8 already.
        """
        self._note(
            original_node,
            FIXED,
            "sys.setdefaultencoding('utf-8') removed (pass): Python 3's default encoding "
            "is UTF-8 already",
        )
        return cst.Pass(semicolon=updated_node.semicolon)

    # --- inspect.getargspec ---------------------------------------------------------------

    def _getargspec(self, node: cst.BaseExpression) -> cst.Call | None:
        """``node`` when it is a call of Python 2's ``inspect.getargspec``."""
        if isinstance(node, cst.Call) and GETARGSPEC in self._qualified(node.func):
            return node
        return None

    def visit_Attribute(self, node: cst.Attribute) -> None:
        call = self._getargspec(node.value)
        if call is not None and node.attr.value in ARGSPEC_FIELDS:
            self._argspec_reads.add(call)

    def visit_Subscript(self, node: cst.Subscript) -> None:
        call = self._getargspec(node.value)
        if call is None or len(node.slice) != 1:
            return
        index = node.slice[0].slice
        if (
            isinstance(index, cst.Index)
            and isinstance(index.value, cst.Integer)
            and 0 <= int(index.value.value) < len(ARGSPEC_FIELDS)
        ):
            self._argspec_reads.add(call)

    def _argspec_field(
        self, original: cst.Attribute, updated: cst.Attribute
    ) -> cst.BaseExpression | None:
        """``inspect.getargspec(f).keywords`` -> ``...varkw``; None when not that."""
        call = self._getargspec(original.value)
        if call is None or original.attr.value not in ARGSPEC_FIELDS:
            return None
        return updated.with_changes(attr=cst.Name(ARGSPEC_FIELDS[original.attr.value]))

    def _getargspec_call(self, original: cst.Call, updated: cst.Call) -> cst.Call | None:
        """``inspect.getargspec(f)`` -> ``inspect.getfullargspec(f)`` where only a field that
        keeps its value is read; reported elsewhere. None when ``original`` is not that call."""
        if self._getargspec(original) is None:
            return None
        if original not in self._argspec_reads or not isinstance(updated.func, cst.Attribute):
            self._note(
                original,
                LEFT,
                "inspect.getargspec was removed in Python 3.11: inspect.getfullargspec gives "
                "args, varargs, varkw (was keywords) and defaults, then three more fields",
            )
            return updated
        self._note(
            original,
            FIXED,
            "inspect.getargspec (removed in Python 3.11) changed to inspect.getfullargspec, "
            "whose field read here holds the same value",
        )
        return updated.with_changes(func=updated.func.with_changes(attr=cst.Name("getfullargspec")))

    # --- flags ----------------------------------------------------------------------------

    def _flags_kind(self, node: cst.BaseExpression) -> int:
        """1: ``node`` is a TF or absl flags module; 2: their ``FLAGS`` object; 0: neither."""
        names = self._qualified(node)
        if names & FLAGS_MODULES:
            return 1
        if {n.rpartition(".")[0] for n in names if n.endswith(".FLAGS")} & FLAGS_MODULES:
            return 2
        if isinstance(node, cst.Name):
            return self._flags_names.get(node.value, 0) if self._global_name(node) else 0
        if (
            isinstance(node, cst.Attribute)
            and node.attr.value == "FLAGS"
            and self._flags_kind(node.value) == 1
        ):
            return 2
        return 0

    def _global_name(self, node: cst.Name) -> bool:
        """``node`` reads a module-level name assigned exactly once in the file."""
        scope = self.get_metadata(ScopeProvider, node, None)
        if scope is None:
            return False
        assignments = list(scope[node.value])
        return len(assignments) == 1 and assignments[0].scope is scope.globals

    def visit_Assign(self, node: cst.Assign) -> None:
        if len(node.targets) != 1 or not isinstance(node.targets[0].target, cst.Name):
            return
        target = node.targets[0].target
        scope = self.get_metadata(ScopeProvider, node, None)
        if scope is not None and scope is scope.globals:
            kind = self._flags_kind(node.value)
            if kind:
                self._flags_names[target.value] = kind

    def _flag_decode(self, original: cst.Call, updated: cst.Call) -> cst.BaseExpression | None:
        """``FLAGS.name.decode(...)`` -> ``FLAGS.name``; None when ``original`` is not that."""
        func = original.func
        if not (
            isinstance(func, cst.Attribute)
            and func.attr.value == FLAG_DECODE
            and isinstance(func.value, cst.Attribute)
            and self._flags_kind(func.value.value) == 2
            and isinstance(updated.func, cst.Attribute)
        ):
            return None
        self._note(
            original,
            FIXED,
            "a flag's value was a byte string on Python 2, decoded here; on Python 3 it is "
            "already text (str has no decode): the .decode(...) call is removed",
        )
        value = updated.func.value
        return value.with_changes(
            lpar=[*updated.lpar, *value.lpar], rpar=[*value.rpar, *updated.rpar]
        )

    # --- dict methods and print >> ---------------------------------------------------------

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
        func = original_node.func
        padded = self._map_none(original_node, updated_node)
        if padded is not None:
            return padded
        flag = self._flag_decode(original_node, updated_node)
        if flag is not None:
            return flag
        argspec = self._getargspec_call(original_node, updated_node)
        if argspec is not None:
            return argspec
        if original_node in self._decoding:
            return self._decoded_text(updated_node)
        if any(arg.keyword is not None and arg.keyword.value == "cmp" for arg in updated_node.args):
            return self._sort_cmp(original_node, updated_node)
        if not isinstance(func, cst.Attribute) or self._is_module(func.value):
            return updated_node
        method = func.attr.value
        args = updated_node.args
        if method in REPORTED_METHODS and not args:
            self._note(
                original_node, LEFT, f".{method}() is Python 2 only: {REPORTED_METHODS[method]}"
            )
            return updated_node
        if method not in DICT_METHODS and method != HAS_KEY:
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
        if method == HAS_KEY and len(args) == 1 and not args[0].keyword and not args[0].star:
            self._note(original_node, FIXED, "d.has_key(k) changed to (k in d)")
            return cst.Comparison(
                _wrapped(args[0].value),
                [cst.ComparisonTarget(cst.In(), new_func.value)],
                lpar=[cst.LeftParen(), *updated_node.lpar],
                rpar=[*updated_node.rpar, cst.RightParen()],
            )
        return updated_node

    def _map_none(self, original: cst.Call, updated: cst.Call) -> cst.BaseExpression | None:
        """``map(None, a)`` -> ``list(a)``; ``map(None, a, b)`` ->
        ``list(itertools.zip_longest(a, b))``: Python 2's list of the items, or of tuples padded
        with None to the longest (Python 3's map cannot call None). None when not that call."""
        func, args = original.func, original.args
        if not (
            isinstance(func, cst.Name)
            and func.value == "map"
            and len(args) >= 2
            and isinstance(args[0].value, cst.Name)
            and args[0].value.value == "None"
            and not args[0].star
            and self._is_python_builtin(func)
        ):
            return None
        if not all(a.keyword is None and not a.star for a in args):
            self._note(
                original,
                LEFT,
                "Python 2's map(None, *seqs) was list(seq) of one sequence and the tuples padded "
                "with None of several (Python 3's map cannot call None): write "
                "list(itertools.zip_longest(*seqs)) or list(seq)",
            )
            return updated
        scope = self.get_metadata(ScopeProvider, original)
        several = len(args) > 2
        if not _is_builtin(scope, "list") or (
            several and not self._usable_module(scope, "itertools")
        ):
            self._note(
                original,
                LEFT,
                "Python 2's map(None, a, b) (a list of tuples padded with None) fails on "
                "Python 3: write list(itertools.zip_longest(a, b)); map(None, a) is list(a)",
            )
            return updated
        items = [a.with_changes(comma=cst.MaybeSentinel.DEFAULT) for a in updated.args[1:]]
        items = [
            a.with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
            for a in items[:-1]
        ] + items[-1:]
        if several:
            if not self._module_imported(scope, "itertools"):
                self.imports_needed.add("itertools")
            zipped = cst.Call(cst.Attribute(cst.Name("itertools"), cst.Name("zip_longest")), items)
            self._note(
                original,
                FIXED,
                "Python 2's map(None, a, b) (tuples padded with None to the longest) changed to "
                "list(itertools.zip_longest(a, b))",
            )
            return updated.with_changes(func=cst.Name("list"), args=[cst.Arg(zipped)])
        self._note(
            original, FIXED, "Python 2's map(None, a) (a list of a's items) changed to list(a)"
        )
        return updated.with_changes(func=cst.Name("list"), args=items)

    def _decoded_text(self, updated_node: cst.Call) -> cst.BaseExpression:
        """``str(x, "utf-8")`` -> ``(x if isinstance(x, str) else str(x, "utf-8"))``.

        Python 2 decoded a byte string there; on Python 3 the same data read from a text stream
        (``sys.stdin.readline()``, ``open(path)``) is already decoded text, which ``str(x,
        encoding)`` refuses ("decoding str is not supported"). Text is kept as it is, bytes are
        decoded as Python 2 did. Only for a plain name, which may be evaluated twice.
        """
        if not (isinstance(updated_node.func, cst.Name) and updated_node.func.value == "str"):
            return updated_node  # unicode left (rebound str): nothing to add
        value = updated_node.args[0].value
        assert isinstance(value, cst.Name)
        test = cst.parse_expression(f"isinstance({value.value}, str)")
        return cst.IfExp(
            test=test,
            body=cst.Name(value.value),
            orelse=updated_node.with_changes(lpar=[], rpar=[]),
            lpar=[cst.LeftParen(), *updated_node.lpar],
            rpar=[*updated_node.rpar, cst.RightParen()],
        )

    def _sort_cmp(self, original_node: cst.Call, updated_node: cst.Call) -> cst.Call:
        """``sorted(x, cmp=f)``/``x.sort(cmp=f)`` -> ``key=functools.cmp_to_key(f)``."""
        func = original_node.func
        is_sort = isinstance(func, cst.Attribute) and func.attr.value == "sort"
        if isinstance(func, cst.Name) and func.value == "sorted":
            is_sort = self._is_python_builtin(func)
        if not is_sort:
            return updated_node
        scope = self.get_metadata(ScopeProvider, original_node, None)
        keywords = {arg.keyword.value for arg in updated_node.args if arg.keyword is not None}
        if "key" in keywords or scope is None or not self._usable_module(scope, "functools"):
            self._note(
                original_node,
                LEFT,
                "cmp= was removed in Python 3: write key=functools.cmp_to_key(f) "
                "(with key= too, cmp compared the keys)",
            )
            return updated_node
        if not self._module_imported(scope, "functools"):
            self.imports_needed.add("functools")
        self._note(original_node, FIXED, "cmp=f changed to key=functools.cmp_to_key(f)")
        args = []
        for arg in updated_node.args:
            if arg.keyword is not None and arg.keyword.value == "cmp":
                wrapper = cst.Attribute(cst.Name("functools"), cst.Name("cmp_to_key"))
                value = cst.Call(wrapper, [cst.Arg(arg.value)])
                arg = arg.with_changes(keyword=cst.Name("key"), value=value)
            args.append(arg)
        return updated_node.with_changes(args=args)

    def leave_Expr(self, original_node: cst.Expr, updated_node: cst.Expr) -> cst.BaseSmallStatement:
        value = original_node.value
        if isinstance(value, cst.Call) and value.func in self._utf8_default:
            return self._utf8_default_statement(original_node, updated_node)
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
        if self._qualified(node) & ITERITEMS_MODULES:
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


class _TextDecode(cst.CSTTransformer):
    """``x.decode(...)`` -> ``(x if isinstance(x, str) else x.decode(...))`` in a Python 2 file.

    Python 2 read text files as byte strings and programs decoded them (``data =
    open(path).read(); data = data.decode("utf-8")``); Python 3's text streams give ``str``, which
    has no ``decode``. Text is kept as it is, anything else (bytes, an object with its own
    ``decode``) is called as before. Only for a plain name (evaluated twice) that is not a module,
    with an encoding given as a string literal (``s.decode("utf-8")``, not ``model.decode(ids)``).
    """

    METADATA_DEPENDENCIES = (PositionProvider, ScopeProvider)

    def __init__(self) -> None:
        super().__init__()
        self.changes: list[Change] = []
        self._version_tests = 0
        self._guarded: set[cst.BaseExpression] = set()

    def visit_If(self, node: cst.If) -> None:
        self._version_tests += tests_python_version(node)

    def leave_If(self, original_node: cst.If, updated_node: cst.If) -> cst.If:
        self._version_tests -= tests_python_version(original_node)
        return updated_node

    def visit_IfExp(self, node: cst.IfExp) -> None:
        """``(x if isinstance(x, str) else x.decode(...))``: already guarded (rewriting twice
        equals rewriting once)."""
        if isinstance(node.body, cst.Name) and node.test.deep_equals(
            cst.parse_expression(f"isinstance({node.body.value}, str)")
        ):
            self._guarded.add(node.orelse)

    def _text_name(self, call: cst.Call) -> cst.Name | None:
        func = call.func
        encoding = next(
            (a.value for a in call.args if a.keyword is None or a.keyword.value == "encoding"),
            None,
        )
        if not (
            isinstance(encoding, cst.SimpleString)  # an encoding: decoding text, not a model
            and isinstance(func, cst.Attribute)
            and func.attr.value == "decode"
            and isinstance(func.value, cst.Name)
            and not self._version_tests
        ):
            return None
        name = func.value
        scope = self.get_metadata(ScopeProvider, name, None)
        if scope is None or not (_is_builtin(scope, "str") and _is_builtin(scope, "isinstance")):
            return None
        for assignment in scope[name.value]:
            node = getattr(assignment, "node", None)
            if isinstance(assignment, BuiltinAssignment) or isinstance(
                node, (cst.Import, cst.ImportFrom)
            ):
                return None  # a module (codecs.decode) or an unbound name
        return name

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
        name = None if original_node in self._guarded else self._text_name(original_node)
        if name is None:
            return updated_node
        start = self.get_metadata(PositionProvider, original_node).start
        self.changes.append(
            (
                start.line,
                start.column + 1,
                FIXED,
                f"{name.value}.decode(...): Python 2 decoded a byte string here; what Python 3's "
                "text streams give is already str (no decode): kept as it is, bytes are decoded "
                "as before",
            )
        )
        return cst.IfExp(
            test=cst.parse_expression(f"isinstance({name.value}, str)"),
            body=cst.Name(name.value),
            orelse=updated_node.with_changes(lpar=[], rpar=[]),
            lpar=[cst.LeftParen(), *updated_node.lpar],
            rpar=[*updated_node.rpar, cst.RightParen()],
        )


def fix_python2_names(module: cst.Module) -> tuple[cst.Module, list[Change]]:
    """Python 2 builtins, modules and dict methods changed to their exact Python 3 forms.

    Args:
        module: the source (in ``--full``, after the pre-1.0 fixes).

    Returns:
        The new module and its changes and reports, (line, col, code, message), positioned in
        ``module``: L2T022 (a Python 2 name fixed), L2T023 (a Python 2 idiom left).
    """
    changes_before: list[Change] = []
    if "exec" in analysis.code(module) and m.findall(module, m.Name("exec")):
        fixed, changes_before = fix_exec_in(module)  # no line changes: positions stay true
        module = analysis.unchanged(fixed, module)
    fixed, strings = fix_string_module(module)  # no line changes either
    module = analysis.unchanged(fixed, module)
    changes_before += strings
    fixed, prints = fix_print_groups(module)  # no line changes either
    module = analysis.unchanged(fixed, module)
    changes_before += prints
    definitions = _Definitions()
    module.visit(definitions)
    names = Python2Names(definitions)
    named = analysis.wrapper(module).visit(names)  # changes no line: its positions stay true
    named = analysis.unchanged(named, module)
    imports = Python2Imports(names.imports_needed)
    new = analysis.wrapper(named).visit(imports)
    changes = changes_before + names.changes + imports.changes
    if changes:  # a Python 2 file: its .decode of a name may be of text read as bytes
        decode = _TextDecode()
        decoded = analysis.wrapper(named).visit(decode)  # no line changes either
        if decode.changes:
            imports = Python2Imports(names.imports_needed)
            new = analysis.wrapper(decoded).visit(imports)
            changes = changes_before + names.changes + decode.changes + imports.changes
    return new, sorted(changes)


def fix_python2_source(source: bytes) -> tuple[bytes, list[Change]]:
    """:func:`fix_python2_names` on source bytes; the input object back when nothing changed."""
    if not any(hint in source for hint in HINTS):
        return source, []
    new, changes = fix_python2_names(analysis.parse(source))
    return (source if new.bytes == source else new.bytes), changes
