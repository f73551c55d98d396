"""NumPy 1 idioms that fail on NumPy 2 (which TensorFlow 2.21 installs), fixed where provably
equivalent (used by ``--full``).

Fixed (L2T015), names found through the file's ``numpy`` import:

- ``int(np.argmax(x, axis=1))`` (the translate tutorial's greedy decoder), also ``float(...)`` and
  the other reductions with an axis (``argmin``, ``max``/``amax``, ``min``/``amin``, ``sum``,
  ``mean``, ``prod``): NumPy 1 converted any one-element array, NumPy 2 raises
  ``TypeError: only 0-dimensional arrays can be converted to Python scalars``. Becomes
  ``int(np.argmax(x, axis=1).item())``: the same number for one element, an error (as NumPy 1
  gave) for more.
- ``int(np.searchsorted(t, v))`` and the other functions whose result has an argument's shape
  (:data:`ARRAY_SHAPED`: ``dot``, ``round``, ``floor``, ``squeeze``, ...), the same way.
- ``np.asscalar(a)`` (removed in 1.23; it was ``a.item()``) -> ``a.item()``.
- Aliases removed in NumPy 1.24 and 2.0, renamed to what they were: ``np.float``/``np.int``/
  ``np.bool``/``np.object``/``np.str``/``np.complex``/``np.unicode`` -> the builtins,
  ``np.float_`` -> ``np.float64``, ``np.complex_`` -> ``np.complex128``, ``np.string_`` ->
  ``np.bytes_``, ``np.unicode_`` -> ``np.str_``, ``np.bool8`` -> ``np.bool_``, ``np.int0`` ->
  ``np.intp``, ``np.uint0`` -> ``np.uintp``, ``np.NaN``/``np.NAN`` -> ``np.nan``,
  ``np.Inf``/``np.Infinity``/``np.infty``/``np.PINF`` -> ``np.inf``, ``np.product`` ->
  ``np.prod``, ``np.cumproduct`` -> ``np.cumprod``, ``np.alltrue`` -> ``np.all``,
  ``np.sometrue`` -> ``np.any``.

- ``np.vstack({tuple(r) for r in rows})`` (a set or a generator; also ``hstack``, ``dstack``,
  ``stack``, ``column_stack``, ``row_stack``): NumPy 1 iterated it, NumPy 1.24+ raises "arrays to
  stack must be passed as a sequence type". A set becomes ``list({...})`` (the same iteration
  order, so the same rows in the same order), a generator a list comprehension.
- ``np.reshape(a, newshape=s)`` -> ``np.reshape(a, s)``: NumPy 2.4 removed the keyword
  (deprecated in 2.1); the positional shape means the same on every NumPy.
- ``np.load(path)`` -> ``np.load(path, allow_pickle=True)``: NumPy before 1.16.3 loaded object
  arrays (``np.save`` of a dict, of ragged lists) by default, as the TF1-era programs that saved
  them expected; since then they raise "Object arrays cannot be loaded when allow_pickle=False".
  The same arrays load as before; a file of plain numbers loads the same either way (only load
  files you trust, as the program always did).

- ``dtype="string"`` of a NumPy function (``np.loadtxt(f, dtype="string")``, ``np.dtype("string")``),
  a name only Python 2's NumPy knew (its ``str`` type; Python 3's NumPy refuses it: "data type
  'string' not understood"), becomes ``dtype=str``: Python 3's ``str``, what the program's string
  literals compare with and look up by, as Python 2's ``str`` did.

Reported, left as they are (L2T016): ``int(x.argmax(axis=1))`` and the like on an object whose
type is not known (an ``ndarray`` fails on NumPy 2 when it has one element).
"""

from __future__ import annotations

import libcst as cst
from libcst.metadata import PositionProvider, QualifiedNameProvider

from legacy2tf2.migrator.findings import NUMPY2_FIXED, NUMPY2_LEFT
from legacy2tf2.migrator.noting import NotingTransformer

#: Aliases of Python builtins NumPy 1.24 removed.
BUILTIN_ALIASES: dict[str, str] = {
    "float": "float",
    "int": "int",
    "bool": "bool",
    "object": "object",
    "str": "str",
    "complex": "complex",
    "unicode": "str",
}

#: NumPy names removed in 2.0 (or earlier) -> the NumPy name they were an alias of.
RENAMES: dict[str, str] = {
    "float_": "float64",
    "complex_": "complex128",
    "string_": "bytes_",
    "unicode_": "str_",
    "bool8": "bool_",
    "int0": "intp",
    "uint0": "uintp",
    "NaN": "nan",
    "NAN": "nan",
    "Inf": "inf",
    "Infinity": "inf",
    "infty": "inf",
    "PINF": "inf",
    "product": "prod",
    "cumproduct": "cumprod",
    "alltrue": "all",
    "sometrue": "any",
}

#: Reductions that return an array when given an axis.
REDUCTIONS = frozenset({"argmax", "argmin", "max", "amax", "min", "amin", "sum", "mean", "prod"})
#: Functions whose result has the shape of an array argument (an ``ndarray``, or a NumPy scalar
#: for scalar arguments; never a Python number, so ``.item()`` always exists on it), e.g. char-rnn's
#: ``int(np.searchsorted(t, np.random.rand(1) * s))``.
ARRAY_SHAPED = frozenset(
    {
        "searchsorted",
        "digitize",
        "dot",
        "matmul",
        "round",
        "around",
        "rint",
        "floor",
        "ceil",
        "trunc",
        "exp",
        "log",
        "sqrt",
        "abs",
        "absolute",
        "clip",
        "squeeze",
        "ravel",
        "reshape",
        "argsort",
        "cumsum",
        "cumprod",
    }
)
_CONVERSIONS = frozenset({"int", "float"})
_AXIS_POSITION = 1  # np.argmax(a, axis), np.sum(a, axis), ...

#: NumPy functions that iterated any iterable before 1.24 and take only a sequence since.
STACKS = frozenset({"vstack", "hstack", "dstack", "stack", "column_stack", "row_stack"})

Change = tuple[int, int, str, str]  # line, column (1-based), code, message


def _numpy_name(names: set[cst.metadata.QualifiedName]) -> str | None:
    for qualified in names:
        if qualified.name.startswith("numpy.") and qualified.name.count(".") == 1:
            return qualified.name[len("numpy.") :]
    return None


def _has_axis(call: cst.Call) -> bool:
    """Whether ``call`` passes an axis (positionally second, or ``axis=``) that is not None."""
    for i, arg in enumerate(call.args):
        is_axis = (arg.keyword is not None and arg.keyword.value == "axis") or (
            arg.keyword is None and not arg.star and i == _AXIS_POSITION
        )
        if is_axis:
            return not (isinstance(arg.value, cst.Name) and arg.value.value == "None")
    return False


def _atom(node: cst.BaseExpression) -> cst.BaseExpression:
    """``node`` as it may stand before ``.item()`` (parenthesised unless it already binds tighter)."""
    if isinstance(node, (cst.Name, cst.Attribute, cst.Call, cst.Subscript)) or node.lpar:
        return node
    return node.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])


def _item(node: cst.BaseExpression) -> cst.Call:
    return cst.Call(func=cst.Attribute(value=_atom(node), attr=cst.Name("item")))


class NumPy2Transformer(NotingTransformer):
    """Fix the provable NumPy 2 breakages of the module docstring; report the recognisable rest."""

    METADATA_DEPENDENCIES = (QualifiedNameProvider, PositionProvider)

    def _numpy(self, node: cst.CSTNode) -> str | None:
        return _numpy_name(self.get_metadata(QualifiedNameProvider, node, set()))

    def leave_Attribute(
        self, original_node: cst.Attribute, updated_node: cst.Attribute
    ) -> cst.BaseExpression:
        """``np.float`` -> ``float``, ``np.NaN`` -> ``np.nan``, ... (removed NumPy aliases)."""
        name = self._numpy(original_node)
        if name in BUILTIN_ALIASES:
            self._note(
                original_node,
                NUMPY2_FIXED,
                f"np.{name} (removed in NumPy 1.24) is the builtin {BUILTIN_ALIASES[name]}",
            )
            return cst.Name(BUILTIN_ALIASES[name], lpar=updated_node.lpar, rpar=updated_node.rpar)
        if name in RENAMES:
            self._note(
                original_node,
                NUMPY2_FIXED,
                f"np.{name} (removed in NumPy 2) renamed to np.{RENAMES[name]}",
            )
            return updated_node.with_changes(attr=cst.Name(RENAMES[name]))
        return updated_node

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
        """``np.asscalar(a)`` -> ``a.item()``; ``int(np.argmax(x, axis=1))`` -> ``.item()``."""
        func = original_node.func
        if self._numpy(func) is not None:
            updated_node = self._python2_dtype(original_node, updated_node)
        if self._numpy(func) == "load":
            return self._load(original_node, updated_node)
        if self._numpy(func) in STACKS:
            return self._stack(original_node, updated_node)
        if self._numpy(func) == "reshape":
            return self._reshape(original_node, updated_node)
        if self._numpy(func) == "asscalar" and len(updated_node.args) == 1:
            arg = updated_node.args[0]
            if arg.keyword is None and not arg.star:
                self._note(
                    original_node,
                    NUMPY2_FIXED,
                    "np.asscalar(a) (removed in NumPy 1.23) is a.item()",
                )
                return _item(arg.value).with_changes(lpar=updated_node.lpar, rpar=updated_node.rpar)
            return updated_node
        if not (isinstance(func, cst.Name) and func.value in _CONVERSIONS):
            return updated_node
        if (
            len(original_node.args) != 1
            or original_node.args[0].keyword
            or original_node.args[0].star
        ):
            return updated_node
        inner = original_node.args[0].value
        if not isinstance(inner, cst.Call):
            return updated_node
        builtin = {q.name for q in self.get_metadata(QualifiedNameProvider, func, set())}
        if builtin != {f"builtins.{func.value}"}:
            return updated_node  # a local `int`
        reduction = self._numpy(inner.func)
        if reduction in ARRAY_SHAPED:
            self._note(
                original_node,
                NUMPY2_FIXED,
                f"{func.value}() of np.{reduction}(...) fails on NumPy 2 when that is a one-element "
                f"array; took .item() of it (its one element, as NumPy 1 did; more raise, as "
                f"NumPy 1 did)",
            )
            new_arg = updated_node.args[0].with_changes(value=_item(updated_node.args[0].value))
            return updated_node.with_changes(args=[new_arg])
        if not _has_axis(inner):
            return updated_node
        if reduction in REDUCTIONS:
            self._note(
                original_node,
                NUMPY2_FIXED,
                f"{func.value}() of np.{reduction}(..., axis) (an array) fails on NumPy 2; "
                f"took .item() of it (its one element, as NumPy 1 did; more raise, as NumPy 1 did)",
            )
            new_arg = updated_node.args[0].with_changes(value=_item(updated_node.args[0].value))
            return updated_node.with_changes(args=[new_arg])
        if (
            isinstance(inner.func, cst.Attribute)
            and inner.func.attr.value in REDUCTIONS
            and reduction is None
        ):
            self._note(
                original_node,
                NUMPY2_LEFT,
                f"{func.value}() of .{inner.func.attr.value}(axis) fails on NumPy 2 if that is a "
                f"NumPy array (only 0-dimensional arrays convert); if it is, take .item() of it",
            )
        return updated_node

    def _python2_dtype(self, original_node: cst.Call, updated_node: cst.Call) -> cst.Call:
        """``dtype="string"`` of a NumPy function (``np.dtype("string")`` too) -> ``dtype=str``.

        Only Python 2's NumPy knew the name (``np.string_``, Python 2's ``str``); NumPy on
        Python 3 refuses it. The program's strings are Python 3's ``str`` there, as they were
        Python 2's ``str``: compared with, and looked up by, ``str`` literals.
        """
        positional = self._numpy(original_node.func) == "dtype"
        args = list(updated_node.args)
        for i, arg in enumerate(args):
            slot = arg.keyword is not None and arg.keyword.value == "dtype"
            slot = slot or (positional and i == 0 and arg.keyword is None and not arg.star)
            if not (
                slot
                and isinstance(arg.value, cst.SimpleString)
                and arg.value.evaluated_value == "string"
            ):
                continue
            self._note(
                original_node.args[i],
                NUMPY2_FIXED,
                'dtype "string" (Python 2 NumPy\'s name of its str type; NumPy on Python 3 '
                "refuses it) is str, the program's strings on Python 3",
            )
            args[i] = arg.with_changes(value=cst.Name("str"))
        return updated_node.with_changes(args=args)

    def _load(self, original_node: cst.Call, updated_node: cst.Call) -> cst.Call:
        """``np.load(f)`` -> ``np.load(f, allow_pickle=True)``, NumPy's default before 1.16.3."""
        args = updated_node.args
        if not args or any(
            a.star or (a.keyword is not None and a.keyword.value == "allow_pickle") for a in args
        ):
            return updated_node
        positional = [a for a in args if a.keyword is None]
        if len(positional) >= 3:  # np.load(file, mmap_mode, allow_pickle, ...)
            return updated_node
        self._note(
            original_node,
            NUMPY2_FIXED,
            "np.load refuses object arrays since NumPy 1.16.3 (allow_pickle=False); "
            "allow_pickle=True, the default of the NumPy the program was written for",
        )
        last = args[-1]
        comma = cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
        keyword = cst.Arg(
            value=cst.Name("True"),
            keyword=cst.Name("allow_pickle"),
            equal=cst.AssignEqual(
                whitespace_before=cst.SimpleWhitespace(""),
                whitespace_after=cst.SimpleWhitespace(""),
            ),
        )
        if last.comma is not cst.MaybeSentinel.DEFAULT:  # a trailing comma stays trailing
            space = updated_node.whitespace_before_args
            if isinstance(space, cst.SimpleWhitespace) and not space.value:
                space = cst.SimpleWhitespace(" ")
            between = cst.Comma(whitespace_after=space)
            return updated_node.with_changes(
                args=[
                    *args[:-1],
                    last.with_changes(comma=between),
                    keyword.with_changes(comma=last.comma),
                ]
            )
        return updated_node.with_changes(args=[*args[:-1], last.with_changes(comma=comma), keyword])

    def _reshape(self, original_node: cst.Call, updated_node: cst.Call) -> cst.Call:
        """``np.reshape(a, newshape=s)`` -> ``np.reshape(a, s)``, the call NumPy 1 made.

        NumPy 2.1 deprecated the ``newshape`` keyword and NumPy 2.4 removed it ("reshape() got an
        unexpected keyword argument 'newshape'"); the shape passed positionally means the same on
        every NumPy. Only the keyword right after the array is changed (other orders are left).
        """
        args = updated_node.args
        if len(args) < 2 or args[0].keyword is not None or args[0].star:
            return updated_node
        second = args[1]
        if second.keyword is None or second.keyword.value != "newshape":
            return updated_node
        self._note(
            original_node.args[1],
            NUMPY2_FIXED,
            "np.reshape's newshape= keyword (removed in NumPy 2.4) passed positionally, "
            "the same shape on every NumPy",
        )
        shape = second.with_changes(keyword=None, equal=cst.MaybeSentinel.DEFAULT)
        return updated_node.with_changes(args=[args[0], shape, *args[2:]])

    def _stack(self, original_node: cst.Call, updated_node: cst.Call) -> cst.Call:
        """``np.vstack({...})`` -> ``np.vstack(list({...}))``; a generator -> a list comprehension."""
        args = updated_node.args
        if not args or args[0].keyword is not None or args[0].star:
            return updated_node
        value = args[0].value
        if isinstance(value, cst.GeneratorExp):
            new_value: cst.BaseExpression = cst.ListComp(elt=value.elt, for_in=value.for_in)
        elif isinstance(value, (cst.Set, cst.SetComp)):
            new_value = cst.Call(func=cst.Name("list"), args=[cst.Arg(value)])
        else:
            return updated_node
        name = self._numpy(original_node.func)
        self._note(
            original_node,
            NUMPY2_FIXED,
            f"np.{name} of a set or generator (iterated by NumPy 1, refused since 1.24) given "
            "the list of the same items in the same order",
        )
        return updated_node.with_changes(args=[args[0].with_changes(value=new_value), *args[1:]])
