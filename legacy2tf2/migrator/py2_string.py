"""Python 2's ``string`` module functions and locale letters (a pass of ``--full``'s
:mod:`legacy2tf2.migrator.py2_names`).

Python 2's ``string`` module held a function for most ``str`` methods, each calling the method of
its first argument (``def replace(s, old, new, maxreplace=-1): return s.replace(old, new,
maxreplace)``); Python 3 removed them, so ``string.replace(line, "\\n", "")`` raises
``AttributeError`` when it runs. Changed (L2T022), where ``string`` is the imported module:

- ``string.lower(s)``, ``upper``, ``swapcase``, ``capitalize``, ``strip``/``lstrip``/``rstrip``,
  ``split``/``rsplit`` (``splitfields``), ``replace``, ``find``/``rfind``, ``index``/``rindex``,
  ``count``, ``ljust``/``rjust``/``center``, ``expandtabs`` -> ``s.lower()``, ... with the other
  arguments as they were (what Python 2's function called);
- ``string.join(words)`` -> ``" ".join(words)``, ``string.join(words, sep)`` -> ``sep.join(words)``
  (``joinfields`` alike; ``sep`` a literal or a name, so evaluating it first changes nothing);
- ``string.atoi(s[, base])``/``atol`` -> ``int(s[, base])``, ``string.atof(s)`` -> ``float(s)``;
- one of these passed as a function (``map(string.strip, lines)``, ``atoi = string.atoi``) ->
  ``(lambda s, *args: s.strip(*args))`` (the method of whatever it is given, as Python 2's
  function called it), ``(lambda words, sep=" ": sep.join(words))``, ``int``, ``float``;
- ``string.letters``/``lowercase``/``uppercase`` (also imported by name) ->
  ``string.ascii_letters``/``ascii_lowercase``/``ascii_uppercase``: Python 2 computed them from
  the C locale's ``islower``/``isupper`` at import and again at each ``locale.setlocale``; a
  Python 2 program starts in the "C" locale, where they are exactly the ASCII letters. In a file
  that calls ``setlocale`` they are reported instead (L2T023): the letters then followed the
  locale set.

Reported, left (L2T023): ``string.zfill`` (Python 2 took ``repr`` of a number), ``translate`` and
``maketrans`` (Python 2's 256-byte tables), keyword arguments other than ``split``'s ``sep`` and
``maxsplit``, ``string.join`` with a separator that is neither a literal nor a name, and any of
these imported by name (``from string import join``: the import itself fails on Python 3).
"""

from __future__ import annotations

import libcst as cst
import libcst.matchers as m
from libcst.metadata import (
    BuiltinAssignment,
    PositionProvider,
    QualifiedNameProvider,
    QualifiedNameSource,
    ScopeProvider,
)

from legacy2tf2.migrator import analysis
from legacy2tf2.migrator.noting import Change, NotingTransformer
from legacy2tf2.migrator.py2_tables import FIXED, LEFT

#: ``string`` functions that called the method of their first argument -> that method.
_METHODS: dict[str, str] = {
    **{
        name: name
        for name in (
            "lower",
            "upper",
            "swapcase",
            "capitalize",
            "strip",
            "lstrip",
            "rstrip",
            "split",
            "rsplit",
            "replace",
            "find",
            "rfind",
            "index",
            "rindex",
            "count",
            "ljust",
            "rjust",
            "center",
            "expandtabs",
        )
    },
    "splitfields": "split",
}
#: Keywords Python 3's method takes as Python 2's function did.
_KEYWORDS: dict[str, frozenset[str]] = {
    "split": frozenset({"sep", "maxsplit"}),
    "rsplit": frozenset({"sep", "maxsplit"}),
    "splitfields": frozenset({"sep", "maxsplit"}),
}
_JOINS = frozenset({"join", "joinfields"})
#: ``string`` functions that converted a number -> the builtin they called.
_NUMBERS: dict[str, str] = {"atoi": "int", "atol": "int", "atof": "float"}
#: Locale-dependent constants -> Python 3's ASCII constants (Python 2's value in the C locale).
_LETTERS: dict[str, str] = {
    "letters": "ascii_letters",
    "lowercase": "ascii_lowercase",
    "uppercase": "ascii_uppercase",
}
#: Removed functions with no exact Python 3 form here -> what to write.
_REPORTED: dict[str, str] = {
    "zfill": "str(x).zfill(width) for text; Python 2 took repr(x) of a number",
    "translate": "s.translate(table), with a str.maketrans table (Python 2's was 256 bytes)",
    "maketrans": "str.maketrans for text, bytes.maketrans for bytes",
}
#: Every name Python 3's ``string`` module lacks that this pass knows.
REMOVED = frozenset({*_METHODS, *_JOINS, *_NUMBERS, *_LETTERS, *_REPORTED})
#: Receivers that take a method call as they are (others get parentheses).
_ATOMS = (
    cst.Name,
    cst.Attribute,
    cst.Call,
    cst.Subscript,
    cst.SimpleString,
    cst.FormattedString,
    cst.List,
    cst.Dict,
    cst.ListComp,
    cst.DictComp,
)

_SPACE = cst.SimpleWhitespace(" ")


def _receiver(node: cst.BaseExpression) -> cst.BaseExpression:
    """``node`` as the object of a method call (parenthesized unless it is an atom)."""
    if node.lpar or isinstance(node, _ATOMS):
        return node
    return node.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])


def _without_comma(arg: cst.Arg) -> cst.Arg:
    return arg.with_changes(comma=cst.MaybeSentinel.DEFAULT)


class _StringModule(NotingTransformer):
    METADATA_DEPENDENCIES = (PositionProvider, QualifiedNameProvider, ScopeProvider)

    def __init__(self, locale_set: bool) -> None:
        super().__init__()
        self._locale_set = locale_set
        self._calls: set[cst.Attribute] = set()  # string.F of calls (handled with the call)

    def _function(self, node: cst.BaseExpression) -> str | None:
        """``F`` when ``node`` is ``string.F`` (the module imported) for a removed ``F``."""
        if not (isinstance(node, cst.Attribute) and node.attr.value in REMOVED):
            return None
        names = self.get_metadata(QualifiedNameProvider, node, set())
        wanted = f"string.{node.attr.value}"
        if any(q.name == wanted and q.source is QualifiedNameSource.IMPORT for q in names):
            return node.attr.value
        return None

    def _builtin(self, node: cst.CSTNode, name: str) -> bool:
        scope = self.get_metadata(ScopeProvider, node, None)
        return scope is not None and all(isinstance(a, BuiltinAssignment) for a in scope[name])

    def visit_Call(self, node: cst.Call) -> None:
        if self._function(node.func) is not None:
            self._calls.add(node.func)

    def leave_Attribute(
        self, original_node: cst.Attribute, updated_node: cst.Attribute
    ) -> cst.Attribute:
        name = self._function(original_node)
        if name is None or original_node in self._calls:
            return updated_node
        if name not in _LETTERS:
            function = self._function_value(original_node, name)
            if function is None:
                self._note(original_node, LEFT, _removed(name))
                return updated_node
            self._note(
                original_node,
                FIXED,
                f"Python 2's function string.{name} (not called here) changed to "
                f"{cst.Module([]).code_for_node(function)}, which does what it did",
            )
            return function
        if self._locale_set:
            self._note(original_node, LEFT, _locale_message(name))
            return updated_node
        self._note(original_node, FIXED, _letters_message(name))
        return updated_node.with_changes(attr=cst.Name(_LETTERS[name]))

    def _function_value(self, node: cst.Attribute, name: str) -> cst.BaseExpression | None:
        """What stands for ``string.name`` passed as a function (``map(string.strip, lines)``,
        ``atoi = string.atoi``): a lambda calling the method of its first argument with the
        rest, ``" ".join``-like for ``join``, the builtin for ``atoi``/``atol``/``atof``."""
        if name in _NUMBERS:
            builtin = _NUMBERS[name]
            return cst.Name(builtin) if self._builtin(node, builtin) else None
        if name in _METHODS:
            code = f"(lambda s, *args: s.{_METHODS[name]}(*args))"
        elif name in _JOINS:
            code = '(lambda words, sep=" ": sep.join(words))'
        else:
            return None
        return cst.parse_expression(code)

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
        name = self._function(original_node.func)
        if name is None:
            return updated_node
        new = self._converted(name, original_node, updated_node)
        if new is None:
            self._note(original_node, LEFT, _removed(name))
            return updated_node
        self._note(original_node, FIXED, f"Python 2's string.{name}(...) changed to {new[1]}")
        return new[0]

    def _converted(
        self, name: str, original: cst.Call, updated: cst.Call
    ) -> tuple[cst.BaseExpression, str] | None:
        """The Python 3 call and its description; None where it is not exact."""
        args = list(updated.args)
        if not args or any(a.star for a in args) or args[0].keyword is not None:
            return None
        keywords = {a.keyword.value for a in args if a.keyword is not None}
        if keywords - _KEYWORDS.get(name, frozenset()):
            return None
        outer = {"lpar": updated.lpar, "rpar": updated.rpar}
        if name in _METHODS:
            method = _METHODS[name]
            rest = args[1:]
            if rest:
                rest[-1] = _without_comma(rest[-1])
            func = cst.Attribute(_receiver(args[0].value), cst.Name(method))
            return cst.Call(func, rest, **outer), f"s.{method}(...)"
        if name in _JOINS:
            if len(args) > 2 or keywords:
                return None
            if len(args) == 1:
                separator: cst.BaseExpression = cst.SimpleString('" "')
            else:
                separator = args[1].value
                if not isinstance(separator, (cst.SimpleString, cst.Name)):
                    return None
            func = cst.Attribute(_receiver(separator), cst.Name("join"))
            return cst.Call(func, [_without_comma(args[0])], **outer), "sep.join(words)"
        if name in _NUMBERS:
            builtin = _NUMBERS[name]
            if not self._builtin(original, builtin) or (builtin == "float" and len(args) != 1):
                return None
            args[-1] = _without_comma(args[-1])
            return cst.Call(cst.Name(builtin), args, **outer), f"{builtin}(...)"
        return None

    def leave_ImportFrom(
        self, original_node: cst.ImportFrom, updated_node: cst.ImportFrom
    ) -> cst.ImportFrom:
        if (
            original_node.relative
            or not isinstance(original_node.module, cst.Name)
            or original_node.module.value != "string"
            or isinstance(updated_node.names, cst.ImportStar)
        ):
            return updated_node
        names = []
        for alias in updated_node.names:
            name = alias.name.value if isinstance(alias.name, cst.Name) else ""
            if name in _LETTERS and not self._locale_set:
                bound = alias.asname.name if alias.asname else cst.Name(name)
                asname = cst.AsName(bound, whitespace_before_as=_SPACE, whitespace_after_as=_SPACE)
                alias = alias.with_changes(name=cst.Name(_LETTERS[name]), asname=asname)
                self._note(original_node, FIXED, _letters_message(name))
            elif name in _LETTERS:
                self._note(original_node, LEFT, _locale_message(name))
            elif name in REMOVED:
                self._note(original_node, LEFT, _removed(name) + " (the import fails on Python 3)")
            names.append(alias)
        return updated_node.with_changes(names=names)


def _removed(name: str) -> str:
    if name in _REPORTED:
        return f"Python 2's string.{name} was removed in Python 3: {_REPORTED[name]}"
    if name in _JOINS:
        return "Python 2's string.join was removed in Python 3: write sep.join(words)"
    if name in _NUMBERS:
        return f"Python 2's string.{name} was removed in Python 3: write {_NUMBERS[name]}(s)"
    if name in _LETTERS:
        return f"Python 2's string.{name} was removed in Python 3: string.{_LETTERS[name]}"
    return f"Python 2's string.{name} was removed in Python 3: write s.{_METHODS[name]}(...)"


def _letters_message(name: str) -> str:
    return (
        f"Python 2's string.{name} (its value in the C locale a Python 2 program starts in) "
        f"changed to string.{_LETTERS[name]}"
    )


def _locale_message(name: str) -> str:
    return (
        f"Python 2's string.{name} followed the locale and this file calls setlocale: "
        f"string.{_LETTERS[name]} is its value only in the C locale"
    )


def imports_string(module: cst.Module) -> bool:
    """Whether ``module`` imports Python's ``string`` module or a name from it."""
    return bool(
        m.findall(
            module,
            m.Import(names=[m.ZeroOrMore(), m.ImportAlias(name=m.Name("string")), m.ZeroOrMore()])
            | m.ImportFrom(module=m.Name("string"), relative=[]),
        )
    )


def fix_string_module(module: cst.Module) -> tuple[cst.Module, list[Change]]:
    """Python 2's ``string`` functions changed to the ``str`` methods they called, its locale
    letters to the ASCII letters of the C locale; the rest reported.

    Returns:
        The new module (lines unchanged) and its changes, positioned in ``module``.
    """
    if not imports_string(module):
        return module, []
    transformer = _StringModule(locale_set=bool(m.findall(module, m.Name("setlocale"))))
    new = analysis.wrapper(module).visit(transformer)
    return new, transformer.changes
