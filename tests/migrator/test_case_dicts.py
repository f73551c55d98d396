"""``--full``: TF1's ``tf.case`` given a dict keyed by predicate tensors gets the sorted list of
pairs TF1 made of it (exact before/after pairs), and a migrated program calling it in a
``tf.scan`` body (where TF 2's tensors are unhashable) computes NumPy's values."""

from __future__ import annotations

from pathlib import Path

import pytest

from legacy2tf2.migrator.case_dicts import fix_case_dicts
from tests.e2e.helpers import migrate_in_process, run_program

HEAD = "import tensorflow as tf\n"
SORTED = "key=lambda pair: pair[0].name)"


def fix(body: str, head: str = HEAD) -> tuple[str, list[str]]:
    new, changes = fix_case_dicts((head + body).encode())
    text = new.decode()
    assert text.startswith(head)
    return text[len(head) :], [code for _line, _col, code, _msg in changes]


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            "c = tf.case({tf.equal(z, 1.): flush, tf.equal(z, 0.): copy}, default=d, exclusive=True)\n",
            "c = tf.case(sorted([(tf.equal(z, 1.), flush), (tf.equal(z, 0.), copy)], "
            + SORTED
            + ", default=d, exclusive=True)\n",
        ),
        # a public hierarchical multiscale LSTM cell's layout: the dict's lines are kept
        (
            "c = tf.case(\n    {\n        p: flush_c,\n        q: copy_c,\n    },\n    default=d)\n",
            "c = tf.case(\n    sorted([\n        (p, flush_c),\n        (q, copy_c),\n    ], "
            + SORTED
            + ",\n    default=d)\n",
        ),
        (
            "c = tf.compat.v1.case(pred_fn_pairs={p: f}, exclusive=True)\n",
            "c = tf.compat.v1.case(pred_fn_pairs=sorted([(p, f)], "
            + SORTED
            + ", exclusive=True)\n",
        ),
        (
            "c = tf.case({tf.equal(x, k): fns[k] for k in range(3)})\n",
            "c = tf.case(sorted([(tf.equal(x, k), fns[k]) for k in range(3)], " + SORTED + ")\n",
        ),
    ],
)
def test_a_dict_of_predicates_becomes_tf1_s_sorted_pairs(before: str, after: str) -> None:
    assert fix(before) == (after, ["L2T010"])


def test_the_internal_module_s_case_too() -> None:
    head = "from tensorflow.python.ops import control_flow_ops\n"
    assert fix("c = control_flow_ops.case({p: f}, default=g)\n", head) == (
        "c = control_flow_ops.case(sorted([(p, f)], " + SORTED + ", default=g)\n",
        ["L2T010"],
    )


@pytest.mark.parametrize(
    "body",
    [
        "c = tf.case(pairs, default=d)\n",  # held in a variable
        "c = tf.case([(p, f), (q, g)], default=d)\n",  # a list already
        "c = tf.case({**more, p: f})\n",  # unpacked pairs
        "c = case({p: f})\n",  # not TensorFlow's
        "c = tf.switch_case(i, {0: f, 1: g})\n",  # keyed by ints
    ],
)
def test_other_calls_stay(body: str) -> None:
    assert fix(body) == (body, [])


PROGRAM = """\
import numpy as np
import tensorflow as tf

xs = tf.placeholder(tf.float32, [None])


def step(acc, x):
    return tf.case({tf.greater(x, 1.5): lambda: acc + x,
                    tf.less(x, 0.5): lambda: acc * 2.,
                    tf.logical_and(tf.greater_equal(x, 0.5), tf.less_equal(x, 1.5)): lambda: acc - 1.},
                   default=lambda: acc, exclusive=True)


out = tf.scan(step, xs, initializer=tf.constant(1.))
with tf.Session() as sess:
    print(" ".join("%g" % v for v in sess.run(out, {xs: [2., 0., 1., 3., 0.2]})))
"""


def test_a_migrated_case_in_a_scan_body_computes_tf1_s_values(tmp_path: Path) -> None:
    (tmp_path / "prog.py").write_text(PROGRAM)
    migrate_in_process(tmp_path)
    acc, expected = 1.0, []
    for x in [2.0, 0.0, 1.0, 3.0, 0.2]:
        acc = acc + x if x > 1.5 else acc * 2 if x < 0.5 else acc - 1
        expected.append(acc)
    assert [float(v) for v in run_program(tmp_path, "prog.py").split()] == expected
