"""Python 2 syntax that Python 3 cannot parse, as exact before/after pairs (``--full`` step)."""

from __future__ import annotations

import pytest

from legacy2tf2.migrator.py2_syntax import fix_python2_syntax, parses

PAIRS = {
    "print_items": ('print "loss", loss\n', 'print("loss", loss)\n'),
    "print_format": ('print "step %d" % step\n', 'print("step %d" % step)\n'),
    # bare print, `print >>f, x` and `print (a), b` parse under Python 3 (as a name, a shift and a
    # tuple); in a file that does not parse they are Python 2 statements like the rest
    "print_bare": (
        'print "rows:"\nfor i in range(2):\n    print\n',
        'print("rows:")\nfor i in range(2):\n    print()\n',
    ),
    "print_trailing_comma": ('print "no newline",\n', 'print("no newline", end=" ")\n'),
    "print_to_file": (
        'import sys\nprint >>sys.stderr, "error:", e\nprint "done"\n',
        'import sys\nprint("error:", e, file=sys.stderr)\nprint("done")\n',
    ),
    "print_to_file_alone": ('print >> f\nprint "x"\n', 'print(file=f)\nprint("x")\n'),
    "print_to_file_trailing_comma": (
        'print >>f, "a",\nprint "b"\n',
        'print("a", end=" ", file=f)\nprint("b")\n',
    ),
    "print_one_group_kept": (
        'print ("kept")\nprint "x"\n',
        'print ("kept")\nprint("x")\n',
    ),
    "print_to_file_alone_trailing_comma": (
        'print >>f,\nprint "x"\n',
        'print(end=" ", file=f)\nprint("x")\n',
    ),
    "print_group_then_more": (
        'print ("%d" % x), x\nprint "x"\n',
        'print(("%d" % x), x)\nprint("x")\n',
    ),
    "print_after_colon_and_semicolon": (
        'if done: print "done"; print "bye"\n',
        'if done: print("done"); print("bye")\n',
    ),
    "print_multiline_args": (
        'print "a", (1,\n           2)  # tail\n',
        'print("a", (1,\n           2))  # tail\n',
    ),
    "print_backticks": ("print `x`, `x + 1`\n", "print(repr(x), repr(x + 1))\n"),
    "except_comma": (
        "try:\n    run()\nexcept (IOError, OSError), e:\n    pass\n",
        "try:\n    run()\nexcept (IOError, OSError) as e:\n    pass\n",
    ),
    "raise_string": (
        'raise ValueError, "bad %s" % name\n',
        'raise ValueError("bad %s" % name)\n',
    ),
    "octal_long_and_not_equal": (
        "os.chmod(p, 0755)\nn = 10L\nif a <> b:\n    pass\n",
        "os.chmod(p, 0o755)\nn = 10\nif a != b:\n    pass\n",
    ),
    "mixed_tabs": (
        "def f(y):\n\tif y:\n\t    return 1\n        return 2\n",
        "def f(y):\n        if y:\n            return 1\n        return 2\n",
    ),
    "exec_string": ('exec "x = 1"\nprint x\n', 'exec("x = 1")\nprint(x)\n'),
    "exec_in_namespace": (
        "config = {}\nexec open(path).read() in config  # the settings\n",
        "config = {}\nexec(open(path).read(), config)  # the settings\n",
    ),
    "exec_in_globals_and_locals": (
        'exec "%s = %r" % (k, v) in globals(), ns\n',
        'exec("%s = %r" % (k, v), globals(), ns)\n',
    ),
    "exec_group_then_in": ("exec (code) in ns\nprint 1\n", "exec((code), ns)\nprint(1)\n"),
    "exec_in_class_body": (
        'class Config:\n    exec "lr = 0.1"\n',
        'class Config:\n    exec("lr = 0.1")\n',
    ),
    "raw_unicode_no_escape": (
        'TOKEN = re.compile(ur"\\w+|[^\\w\\s]")\nprint TOKEN\n',
        'TOKEN = re.compile(r"\\w+|[^\\w\\s]")\nprint(TOKEN)\n',
    ),
    "raw_unicode_multiline_no_escape": (
        "q = UR'''a\\d\nb'''\nprint q\n",
        "q = R'''a\\d\nb'''\nprint(q)\n",
    ),
    # Python 2 decoded \uXXXX in ur"..." (after an odd number of backslashes): its value is kept
    "raw_unicode_escape_value": (
        'HAN = ur"[\\u4e00-\\u9fa5]+\\s"\nprint HAN\n',
        "HAN = '[\\u4e00-\\u9fa5]+\\\\s'\nprint(HAN)\n",
    ),
    "raw_unicode_even_backslashes": (
        "q = ur'\\\\u0041\\\\\\u0041'\nprint q\n",
        "q = '\\\\\\\\u0041\\\\\\\\A'\nprint(q)\n",
    ),
    "crlf_kept": ('print "a"\r\nprint\r\n', 'print("a")\r\nprint()\r\n'),
}


@pytest.mark.parametrize("name", sorted(PAIRS))
def test_python2_syntax_pair(name: str) -> None:
    before, after = PAIRS[name]
    assert not parses(before.encode())
    new, findings = fix_python2_syntax(before.encode())
    assert new.decode() == after
    assert findings and all(code == "L2T022" for _, _, code, _ in findings)
    assert fix_python2_syntax(new) == (new, [])  # idempotent: a Python 3 source is left alone


def test_positions_are_those_of_the_input() -> None:
    source = b'x = 1\nif x: print "one"\n'
    _, findings = fix_python2_syntax(source)
    assert findings == [
        (2, 7, "L2T022", "Python 2 print statement changed to the print() function")
    ]


def test_print_function_future_import_turns_print_rewrite_off() -> None:
    source = b"from __future__ import print_function\nprint >>f\nexcept_ = 0777\n"
    new, _ = fix_python2_syntax(source)
    assert b"print >>f" in new  # parses (a shift expression) once the octal is fixed
    assert b"0o777" in new


def test_python3_source_untouched() -> None:
    source = b'print("a")\nx = {"a": 1}\n'
    assert fix_python2_syntax(source) == (source, [])


def test_left_alone_when_the_result_still_does_not_parse() -> None:
    source = b'print "a"\nx = = 1\n'  # no Python at all
    assert fix_python2_syntax(source) == (source, [])


def test_exec_in_a_function_is_changed_and_reported() -> None:
    # Python 2 ran it in the function's own variables (y = 2 was the function's y); Python 3 runs
    # exec(code) in a copy of them, so the return below reads no y: reported, not silent
    source = b'def f():\n    exec "y = 2"\n    return y\ng = lambda: 0\nexec "z = 3"\n'
    new, findings = fix_python2_syntax(source)
    assert new == b'def f():\n    exec("y = 2")\n    return y\ng = lambda: 0\nexec("z = 3")\n'
    assert [(line, col, code) for line, col, code, _ in findings] == [
        (2, 5, "L2T023"),
        (5, 1, "L2T022"),
    ]
    assert "names the code assigns are no longer the function's" in findings[0][3]


def test_exec_with_namespace_in_a_function_is_exact() -> None:
    source = b'def f(ns):\n    exec "y = 2" in ns\n    return ns["y"]\n'
    new, findings = fix_python2_syntax(source)
    assert new == b'def f(ns):\n    exec("y = 2", ns)\n    return ns["y"]\n'
    assert [code for _, _, code, _ in findings] == ["L2T022"]


def test_raw_unicode_values_are_python2s() -> None:
    # the values Python 2.7 gave these literals (written out by hand, not by our code)
    source = r"""a = ur'\\u0041\\\u0041'
b = ur'[\u4e00-\u9fa5]\d'
print a
"""
    new, _ = fix_python2_syntax(source.encode())
    values: dict[str, object] = {}
    exec(new.decode().replace("print(a)", ""), values)
    assert values["a"] == "\\" * 2 + "u0041" + "\\" * 2 + "A"
    assert values["b"] == "[\u4e00-\u9fa5]" + "\\d"  # the two CJK characters, backslash, d


def test_raw_unicode_with_escape_over_lines_left() -> None:
    source = b"q = ur'''a\\u0041\nb'''\n"
    assert fix_python2_syntax(source) == (source, [])


def test_raise_with_non_string_value_left() -> None:
    source = b"raise E, value\n"  # Python 2 unpacked a tuple value: no exact form
    assert fix_python2_syntax(source) == (source, [])


def test_encoding_cookie_and_latin1_kept() -> None:
    source = '# -*- coding: latin-1 -*-\nprint "é"\n'.encode("latin-1")
    new, _ = fix_python2_syntax(source)
    assert new == '# -*- coding: latin-1 -*-\nprint("é")\n'.encode("latin-1")
