"""``--full``'s Python 2 names: exact before/after pairs (pure libcst), shims left alone."""

from __future__ import annotations

import libcst as cst
import pytest

from legacy2tf2.migrator.py2_names import fix_python2_names, fix_python2_source


def fix(source: str) -> tuple[str, list[str]]:
    """``source`` fixed, and its finding codes; the result compiles and is a fixed point."""
    new, changes = fix_python2_names(cst.parse_module(source))
    compile(new.code, "case.py", "exec")
    again, _ = fix_python2_names(cst.parse_module(new.code))
    assert again.code == new.code
    return new.code, [code for _line, _col, code, _msg in changes]


@pytest.mark.parametrize(
    ("before", "after"),
    [
        pytest.param(
            "for i in xrange(3):\n    pass\n", "for i in range(3):\n    pass\n", id="xrange"
        ),
        pytest.param("s = raw_input('> ')\n", "s = input('> ')\n", id="raw_input"),
        pytest.param("c = unichr(65)\n", "c = chr(65)\n", id="unichr"),
        pytest.param("n = long(x) + long('7')\n", "n = int(x) + int('7')\n", id="long"),
        pytest.param(
            "ok = isinstance(s, unicode)\nt = unicode(b, 'utf-8')\nu = unicode('a')\n"
            "v = isinstance(s, (bytes, unicode)) or type(s) is unicode\n",
            "ok = isinstance(s, str)\nt = (b if isinstance(b, str) else str(b, 'utf-8'))\n"
            "u = str('a')\n"
            "v = isinstance(s, (bytes, str)) or type(s) is str\n",
            id="unicode as a type, decoding, of a literal",
        ),
        pytest.param(
            "ok = isinstance(s, basestring)\n",
            "ok = isinstance(s, (str, bytes))\n",
            id="basestring is str or bytes",
        ),
        pytest.param("f = file(path, 'rb')\n", "f = open(path, 'rb')\n", id="file()"),
        pytest.param(
            "import os\n\ntotal = reduce(add, xs)\nreduce(add, ys)\n",
            "import os\nimport functools\n\ntotal = functools.reduce(add, xs)\n"
            "functools.reduce(add, ys)\n",
            id="reduce imports functools once",
        ),
        pytest.param(
            '"""Doc."""\nfrom __future__ import print_function\nimport functools\n\n'
            "total = reduce(add, xs)\n",
            '"""Doc."""\nfrom __future__ import print_function\nimport functools\n\n'
            "total = functools.reduce(add, xs)\n",
            id="reduce with functools imported",
        ),
        pytest.param(
            "import sys\nreload(sys)\n",
            "import sys\nimport importlib\nimportlib.reload(sys)\n",
            id="reload",
        ),
        pytest.param(
            "import sys\nbig = sys.maxint\n", "import sys\nbig = sys.maxsize\n", id="sys.maxint"
        ),
        pytest.param(
            "from sys import maxint\n", "from sys import maxsize as maxint\n", id="from sys"
        ),
        pytest.param("import cPickle\n", "import pickle as cPickle\n", id="cPickle"),
        pytest.param("import cPickle as pickle\n", "import pickle\n", id="cPickle as pickle"),
        pytest.param("import os, Queue\n", "import os, queue as Queue\n", id="Queue"),
        pytest.param(
            "import subprocess32 as subprocess\nout = subprocess.check_output(c, timeout=30)\n",
            "import subprocess\nout = subprocess.check_output(c, timeout=30)\n",
            id="subprocess32 backport (Python 2 only) as subprocess",
        ),
        pytest.param(
            "import subprocess32\nsubprocess32.run(c)\n",
            "import subprocess as subprocess32\nsubprocess32.run(c)\n",
            id="subprocess32",
        ),
        pytest.param(
            "from functools32 import lru_cache\n",
            "from functools import lru_cache\n",
            id="functools32 backport",
        ),
        pytest.param(
            "import ConfigParser\n", "import configparser as ConfigParser\n", id="ConfigParser"
        ),
        pytest.param(
            "from ConfigParser import SafeConfigParser\n",
            "from configparser import ConfigParser as SafeConfigParser\n",
            id="SafeConfigParser (removed in Python 3.12)",
        ),
        pytest.param(
            "import configparser\np = configparser.SafeConfigParser()\n",
            "import configparser\np = configparser.ConfigParser()\n",
            id="configparser.SafeConfigParser",
        ),
        pytest.param(
            "from cPickle import load, dump\n", "from pickle import load, dump\n", id="from cPickle"
        ),
        pytest.param("from itertools import izip\n", "izip = zip\n", id="from itertools izip"),
        pytest.param(
            "from itertools import izip, imap\n", "izip, imap = zip, map\n", id="izip and imap"
        ),
        pytest.param(
            "from itertools import chain, izip  # pairs\nx = 1\n",
            "from itertools import chain  # pairs\nizip = zip\nx = 1\n",
            id="izip beside another name",
        ),
        pytest.param(
            "from itertools import izip_longest\n",
            "from itertools import zip_longest as izip_longest\n",
            id="izip_longest",
        ),
        pytest.param(
            "import itertools\np = itertools.izip(a, b)\nq = itertools.izip_longest(a, b)\n",
            "import itertools\np = zip(a, b)\nq = itertools.zip_longest(a, b)\n",
            id="itertools attributes",
        ),
        pytest.param(
            "for k, v in vocab.iteritems():\n    pass\nks = list(d.iterkeys())\n"
            "vs = sorted(self.d.itervalues())\n",
            "for k, v in vocab.items():\n    pass\nks = list(d.keys())\n"
            "vs = sorted(self.d.values())\n",
            id="dict iter methods",
        ),
        pytest.param(
            "for k, v in tf.app.flags.FLAGS.__flags.iteritems():\n    pass\n",
            "for k, v in tf.app.flags.FLAGS.__flags.items():\n    pass\n",
            id="iteritems of an object reached through an import",
        ),
        pytest.param(
            "if d.has_key(k):\n    pass\nx = not d.has_key(a or b)\n",
            "if (k in d):\n    pass\nx = not ((a or b) in d)\n",
            id="has_key",
        ),
        pytest.param(
            "import sys\nprint >>sys.stderr, 'loss', loss\nprint >> f\n",
            "import sys\nprint('loss', loss, file=sys.stderr)\nprint(file=f)\n",
            id="print >>f parses as a tuple",
        ),
        pytest.param(
            "import functools\nb = sorted(buckets, cmp=by_size)\nb.sort(cmp=lambda a, b: a - b)\n",
            "import functools\nb = sorted(buckets, key=functools.cmp_to_key(by_size))\n"
            "b.sort(key=functools.cmp_to_key(lambda a, b: a - b))\n",
            id="sort cmp=",
        ),
        pytest.param(
            "import sys\nsys.setdefaultencoding('utf-8')\nsys.setdefaultencoding(\"utf8\")\n",
            "import sys\npass\npass\n",
            id="setdefaultencoding utf-8: Python 3's default already",
        ),
        pytest.param(
            "import sys\nif PY2: sys.setdefaultencoding('UTF-8'); x = 1\n",
            "import sys\nif PY2: pass; x = 1\n",
            id="setdefaultencoding in a statement line",
        ),
        pytest.param(
            "class Vocab:\n    long = 3\n\n    def size(self):\n        return long(self.n)\n",
            "class Vocab:\n    long = 3\n\n    def size(self):\n        return int(self.n)\n",
            id="a class attribute is not visible in its methods",
        ),
    ],
)
def test_python_2_names_are_fixed_exactly(before: str, after: str) -> None:
    new, codes = fix(before)
    assert new == after
    assert codes and set(codes) == {"L2T022"}


@pytest.mark.parametrize(
    "source",
    [
        pytest.param("from six.moves import xrange\nr = xrange(3)\n", id="six.moves"),
        pytest.param("from six.moves import *\nr = xrange(3)\n", id="six.moves star"),
        pytest.param(
            "try:\n    xrange\nexcept NameError:\n    xrange = range\nr = xrange(3)\n",
            id="try NameError shim",
        ),
        pytest.param("xrange = range\n\n\ndef f():\n    return xrange(3)\n", id="module alias"),
        pytest.param(
            "try:\n    input = raw_input\nexcept NameError:\n    pass\n",
            id="input = raw_input shim",
        ),
        pytest.param(
            "import sys\nif sys.version_info[0] < 3:\n    import urllib2\n    t = unicode(x)\n"
            "else:\n    import urllib.request\n",
            id="Python 2 branch of a version test",
        ),
        pytest.param("import six\nif six.PY2:\n    range = xrange\n", id="six.PY2 branch"),
        pytest.param(
            "def f(unicode):\n    return unicode(3), isinstance(x, unicode)\n", id="parameter"
        ),
        pytest.param("def reduce(f, xs):\n    pass\n\n\nreduce(g, ys)\n", id="own function"),
        pytest.param("from functools import reduce\nreduce(g, ys)\n", id="from functools"),
        pytest.param(
            "try:\n    import cPickle as pickle\nexcept ImportError:\n    import pickle\n",
            id="ImportError shim",
        ),
        pytest.param(
            "try:\n    import subprocess32 as subprocess\nexcept ImportError:\n"
            "    import subprocess\n",
            id="subprocess32 ImportError shim",
        ),
        pytest.param(
            "try:\n    from itertools import izip\nexcept ImportError:\n    izip = zip\n",
            id="izip shim",
        ),
        pytest.param("import six\nfor k, v in six.iteritems(d):\n    pass\n", id="six.iteritems"),
        pytest.param("x = d.iteritems\nd.has_key(*keys)\n", id="not a Python 2 dict call"),
        pytest.param("obj.long = 3\nf(unicode=1)\n", id="attribute and keyword"),
        pytest.param("n = a / b\n", id="division is not touched"),
        pytest.param("import pickle\nimport queue\nfor i in range(3):\n    pass\n", id="py3"),
    ],
)
def test_shims_and_python_3_code_are_left_alone(source: str) -> None:
    assert fix(source) == (source, [])


def test_a_file_defining_iteritems_keeps_its_calls_and_reports_them() -> None:
    source = (
        "class Table:\n    def iteritems(self):\n        return iter(self.rows)\n\n\n"
        "for k, v in table.iteritems():\n    pass\n"
    )
    assert fix(source) == (source, ["L2T023"])


@pytest.mark.parametrize(
    "source",
    [
        pytest.param("t = unicode(line)\n", id="unicode of bytes decoded"),
        pytest.param("words = map(unicode, tokens)\n", id="unicode as a function"),
        pytest.param(
            "t = unicode(line, errors='ignore')\n", id="unicode decoding with the default codec"
        ),
        pytest.param("c = cmp(a, b)\n", id="cmp"),
        pytest.param("import string\nt = string.maketrans('ab', 'cd')\n", id="maketrans"),
        pytest.param("for k, v in d.viewitems():\n    pass\n", id="viewitems"),
        pytest.param("import urllib2\n", id="urllib2"),
        pytest.param("b = sorted(xs, key=len, cmp=f)\n", id="cmp= and key="),
        pytest.param("import sys\nprint >>sys.stderr, 'step',\n", id="print >>f, x, (softspace)"),
        pytest.param("ok = isinstance(f, file)\n", id="file as a type"),
        pytest.param("import sys\nsys.setdefaultencoding('gbk')\n", id="setdefaultencoding gbk"),
        pytest.param(
            "import sys\nok = sys.setdefaultencoding('utf-8')\n", id="setdefaultencoding read"
        ),
        pytest.param("def f():\n    range = 3\n    return xrange(range)\n", id="range rebound"),
    ],
)
def test_python_2_idioms_without_an_exact_form_are_reported(source: str) -> None:
    assert fix(source) == (source, ["L2T023"])


def test_source_without_a_python_2_name_is_not_parsed() -> None:
    source = b"import tensorflow as tf\nx = tf.constant(1)\n"
    assert fix_python2_source(source) == (source, [])
    assert fix_python2_source(source)[0] is source


def test_positions_are_those_of_the_input_when_lines_are_added() -> None:
    source = "from itertools import chain, izip\nfor i in xrange(3):\n    total = reduce(f, xs)\n"
    new, changes = fix_python2_names(cst.parse_module(source))
    assert new.code == (
        "from itertools import chain\nizip = zip\nimport functools\n"
        "for i in range(3):\n    total = functools.reduce(f, xs)\n"
    )
    assert [change[:3] for change in changes] == [
        (1, 1, "L2T022"),
        (2, 10, "L2T022"),
        (3, 13, "L2T022"),
    ]


@pytest.mark.heavy
def test_rewrite_full_reports_python_2_names_at_their_input_lines() -> None:
    from legacy2tf2.migrator.findings import NOTES
    from legacy2tf2.migrator.full_upgrade import full_upgrade

    source = (
        b"import tensorflow as tf\nfrom itertools import chain, izip\n\n"
        b"x = tf.placeholder(tf.float32, [None])\nfor i in xrange(3):\n    t = unicode(line)\n"
    )
    result = full_upgrade(source, "model.py")
    py2 = [(f.line, f.col, f.code) for f in result.findings if f.code in {"L2T022", "L2T023"}]
    assert py2 == [(2, 1, "L2T022"), (5, 10, "L2T022"), (6, 9, "L2T023")]
    assert b"for i in range(3):\n    t = unicode(line)\n" in result.source
    assert "L2T022" in NOTES and "L2T023" not in NOTES  # a left idiom fails the run


@pytest.mark.parametrize(
    ("before", "after"),
    [
        pytest.param(
            "import tensorflow as tf\nFLAGS = tf.app.flags.FLAGS\n\n\ndef main(_):\n"
            "    FLAGS.start = FLAGS.start.decode('utf-8')\n",
            "import tensorflow as tf\nFLAGS = tf.app.flags.FLAGS\n\n\ndef main(_):\n"
            "    FLAGS.start = FLAGS.start\n",
            id="tf.app.flags.FLAGS",
        ),
        pytest.param(
            "import tensorflow as tf\nflags = tf.app.flags\nFLAGS = flags.FLAGS\n"
            "s = (FLAGS.s).decode('utf-8', 'ignore')\n",
            "import tensorflow as tf\nflags = tf.app.flags\nFLAGS = flags.FLAGS\ns = (FLAGS.s)\n",
            id="through a flags module alias",
        ),
        pytest.param(
            "import tensorflow as tf\nn = len(tf.compat.v1.flags.FLAGS.s.decode('utf-8'))\n",
            "import tensorflow as tf\nn = len(tf.compat.v1.flags.FLAGS.s)\n",
            id="tf.compat.v1.flags.FLAGS",
        ),
        pytest.param(
            "from absl import flags\nFLAGS = flags.FLAGS\nx = FLAGS.s.decode('utf-8')\n",
            "from absl import flags\nFLAGS = flags.FLAGS\nx = FLAGS.s\n",
            id="absl",
        ),
    ],
)
def test_a_flag_value_decoded_as_python_2_bytes_is_already_text(before: str, after: str) -> None:
    assert fix(before) == (after, ["L2T022"])


@pytest.mark.parametrize(
    "source",
    [
        # FLAGS rebound, a parameter, or not TensorFlow's flags: their type is not known
        "import tensorflow as tf\nFLAGS = tf.app.flags.FLAGS\nFLAGS = load()\n"
        "x = FLAGS.s.decode('utf-8')\n",
        "import tensorflow as tf\nFLAGS = tf.app.flags.FLAGS\n\n\ndef f(FLAGS):\n"
        "    return FLAGS.s.decode('utf-8')\n",
        "import config\nFLAGS = config.FLAGS\nx = FLAGS.s.decode('utf-8')\n",
        "import tensorflow as tf\nFLAGS = tf.app.flags.FLAGS\ny = FLAGS.s.encode('utf-8')\n",
        "import tensorflow as tf\nFLAGS = tf.app.flags.FLAGS\nline = data.s.decode('utf-8')\n",
    ],
)
def test_other_decode_calls_stay(source: str) -> None:
    assert fix(source) == (source, [])


@pytest.mark.parametrize(
    ("before", "after"),
    [
        pytest.param(
            "import inspect\n\nimport tensorflow as tf\n\n"
            "if 'reuse' in inspect.getargspec(\n    tf.contrib.rnn.BasicLSTMCell.__init__).args:\n"
            "    pass\n",
            "import inspect\n\nimport tensorflow as tf\n\n"
            "if 'reuse' in inspect.getfullargspec(\n    tf.contrib.rnn.BasicLSTMCell.__init__).args:\n"
            "    pass\n",
            id="TF 1.1's PTB tutorial asking for reuse",
        ),
        pytest.param(
            "import inspect as ins\nk = ins.getargspec(f).keywords\nd = ins.getargspec(f)[3]\n",
            "import inspect as ins\nk = ins.getfullargspec(f).varkw\nd = ins.getfullargspec(f)[3]\n",
            id="keywords is varkw, the first four positions stay",
        ),
    ],
)
def test_getargspec_read_through_a_kept_field_becomes_getfullargspec(
    before: str, after: str
) -> None:
    new, codes = fix(before)
    assert new == after
    assert set(codes) == {"L2T022"}


@pytest.mark.parametrize(
    "source",
    [
        "import inspect\nargs, varargs, keywords, defaults = inspect.getargspec(f)\n",
        "import inspect\nspec = inspect.getargspec(f)\n",
        "import inspect\nn = inspect.getargspec(f)[4]\n",
        "from inspect import getargspec\nnames = getargspec(f).args\n",
    ],
)
def test_other_getargspec_uses_are_reported(source: str) -> None:
    assert fix(source) == (source, ["L2T023"])


def test_a_getargspec_of_the_program_stays() -> None:
    source = "def getargspec(f):\n    return f\n\n\nx = getargspec(g).args\n"
    assert fix(source) == (source, [])


@pytest.mark.parametrize(
    ("before", "after"),
    [
        pytest.param(
            "import cPickle\ndata = open(path, 'r').read()\ndata = data.decode('utf-8')\n",
            "import pickle as cPickle\ndata = open(path, 'r').read()\n"
            "data = (data if isinstance(data, str) else data.decode('utf-8'))\n",
            id="a text file read whole",
        ),
        pytest.param(
            "for i in xrange(3):\n    for line in f:\n"
            "        words = line.decode(encoding='utf-8', errors='ignore').split()\n",
            "for i in range(3):\n    for line in f:\n"
            "        words = (line if isinstance(line, str) else "
            "line.decode(encoding='utf-8', errors='ignore')).split()\n",
            id="a line, keywords",
        ),
    ],
)
def test_a_python_2_file_decoding_text_keeps_text(before: str, after: str) -> None:
    new, codes = fix(before)
    assert new == after
    assert set(codes) == {"L2T022"}


@pytest.mark.parametrize(
    "source",
    [
        # no other Python 2 name: a Python 3 file decoding bytes
        "data = open(path, 'rb').read().decode('utf-8')\ntext = data.decode('utf-8')\n",
        # a module's decode, a model's decode, an expression, a version branch
        "import codecs\nfor i in xrange(2):\n    t = codecs.decode(b, 'utf-8')\n",
        "for i in xrange(2):\n    ids = model.decode(z)\n",
        "for i in xrange(2):\n    t = f.read().decode('utf-8')\n",
        "import six\nfor i in xrange(2):\n    if six.PY2:\n        t = t.decode('utf-8')\n",
    ],
)
def test_other_decodes_stay(source: str) -> None:
    new, _ = fix(source)
    assert "isinstance" not in new


def test_a_guarded_decode_is_not_guarded_again() -> None:
    source = "x = cmp(a, b)\nt = s.decode('utf-8')\n"  # cmp stays: the file stays Python 2
    once, codes = fix(source)
    assert once == "x = cmp(a, b)\nt = (s if isinstance(s, str) else s.decode('utf-8'))\n"
    assert sorted(codes) == ["L2T022", "L2T023"]
