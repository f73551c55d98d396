"""``scopes.py``: bindings, reads and Python's scoping rules, checked directly."""

from __future__ import annotations

import libcst as cst

from legacy2tf2.migrator.scopes import ASSIGN, IMPORT, OTHER, ScopeVisitor


def _walk(source: str) -> ScopeVisitor:
    visitor = ScopeVisitor()
    visitor.walk(cst.parse_module(source))
    return visitor


def _read(visitor: ScopeVisitor, name: str, index: int = 0) -> list[str]:
    reads = [n for n in visitor.reads if n.value == name]
    return [b.kind for b in visitor.scope_of[reads[index]][name]]


def test_imports_assignments_and_other_bindings_have_their_kind() -> None:
    v = _walk(
        "import a.b\nfrom c import d as e\nf = 1\nfor g in h: pass\ndef k(p): return p\na; e; f; g; k\n"
    )
    assert [(n, [b.kind for b in bs]) for n, bs in v.module_scope.bindings.items()] == [
        ("a", [IMPORT]),
        ("e", [IMPORT]),
        ("f", [ASSIGN]),
        ("g", [OTHER]),
        ("k", [OTHER]),
    ]
    assert [n.value for n in v.reads] == ["h", "p", "a", "e", "f", "g", "k"]


def test_a_name_bound_anywhere_in_a_function_is_local_to_all_of_it() -> None:
    v = _walk("import tf\ndef f():\n    tf.x\n    tf = 2\n")
    assert _read(v, "tf") == [ASSIGN]


def test_class_bodies_are_invisible_from_methods_and_comprehensions() -> None:
    v = _walk(
        "import tf\nclass A:\n    tf = 1\n    y = tf\n    def m(self):\n        return tf\n    z = [tf for _ in ()]\n"
    )
    assert [_read(v, "tf", i) for i in range(3)] == [[ASSIGN], [IMPORT], [IMPORT]]


def test_global_binds_in_the_module_and_nonlocal_in_the_enclosing_scope() -> None:
    v = _walk(
        "def f():\n    global s\n    s = tf\n"
        "def g():\n    t = 1\n    def h():\n        nonlocal t\n        t = 2\n    return t\n"
    )
    assert [b.kind for b in v.module_scope.bindings["s"]] == [ASSIGN]
    assert _read(v, "t") == [ASSIGN, ASSIGN]


def test_references_link_each_read_to_its_binding() -> None:
    v = _walk("import tf\ntf.a\ndef f(tf):\n    tf.b\n")
    (binding,) = v.module_scope.bindings["tf"]
    assert len(binding.references) == 1


def test_names_inside_import_statements_attribute_names_and_keywords_are_not_reads() -> None:
    v = _walk("from tensorflow.contrib import rnn\nx.contrib\nf(keyword=1)\n")
    assert [n.value for n in v.reads] == ["x", "f"]


def test_star_import_makes_unknown_names_ambiguous() -> None:
    v = _walk("from m import *\ntf.x\n")
    assert _read(v, "tf") == [OTHER]
