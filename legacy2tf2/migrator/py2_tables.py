"""What ``--full`` knows of Python 2 (:mod:`legacy2tf2.migrator.py2_names`): pure data.

Each table maps a Python 2 name to its exact Python 3 form (fixed, L2T022) or to what to write
instead (reported, L2T023).
"""

from __future__ import annotations

from legacy2tf2.migrator.findings import PY2_FIXED, PY2_LEFT

FIXED = PY2_FIXED
LEFT = PY2_LEFT

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
    # PyPI backports of a Python 3 module for Python 2 (subprocess32: Python 3.2-3.5's
    # subprocess with timeout= and run(); functools32: Python 3.2's functools with lru_cache),
    # installable on Python 2 only: the Python 3 module holds all of their API.
    "subprocess32": "subprocess",
    "functools32": "functools",
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
HAS_KEY = "has_key"
#: Modules with iteritems/itervalues/iterkeys functions.
ITERITEMS_MODULES = frozenset({"six", "future.utils", "past.utils"})
#: Exceptions whose handler catches any error a Python 2 name raises on Python 3.
BROAD_ERRORS = frozenset({"Exception", "BaseException"})
#: Names in an ``if`` test that branch on the Python version: both branches stay as they are.
VERSION_NAMES = frozenset({"version_info", "version", "PY2", "PY3", "PY34", "python_version"})
#: Star imports that bind Python 2 names (six.moves, python-future, the builtins module).
COMPAT_STAR = frozenset(
    {"six.moves", "builtins", "__builtin__", "future.builtins", "past.builtins", "future", "past"}
)

#: TensorFlow's and absl's flags modules: the string values of their ``FLAGS`` object are text
#: (``str``) on Python 3, where Python 2's were byte strings a program decoded itself.
FLAGS_MODULES = frozenset(
    {
        "tensorflow.app.flags",
        "tensorflow.flags",
        "tensorflow.compat.v1.flags",
        "tensorflow.compat.v1.app.flags",
        "tensorflow.python.platform.flags",
        "absl.flags",
    }
)
FLAG_DECODE = "decode"

#: ``inspect.getargspec`` (removed in Python 3.11; TF 1.1's PTB tutorial asked it whether
#: ``BasicLSTMCell.__init__`` took ``reuse``) and the fields of its ``ArgSpec`` that
#: ``getfullargspec``'s ``FullArgSpec`` holds as they were (``keywords`` is named ``varkw`` there;
#: the first four positions hold the same four values).
GETARGSPEC = "inspect.getargspec"
ARGSPEC_FIELDS: dict[str, str] = {
    "args": "args",
    "varargs": "varargs",
    "keywords": "varkw",
    "defaults": "defaults",
}

#: Byte strings one of which a source must hold for any table to apply (a pre-filter).
HINTS: tuple[bytes, ...] = tuple(
    hint.encode()
    for hint in (
        *BUILTINS,
        *MOVED_BUILTINS,
        *REPORTED_BUILTINS,
        *MODULES,
        *REPORTED_MODULES,
        *(n.rpartition(".")[2] for n in {**RENAMED_ATTRIBUTES, **ITERTOOLS_BUILTINS}),
        *(n.rpartition(".")[2] for n in REPORTED_ATTRIBUTES),
        *DICT_METHODS,
        *REPORTED_METHODS,
        HAS_KEY,
        "basestring",
        ">>",
        "cmp=",
        ".decode(",
        "getargspec",
        "exec(",
        "string.",
        "from string",
        "map(None",
        "print (",
        "itertools.starmap(",
        "exec (",
    )
)
