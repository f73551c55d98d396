"""The pre-1.0 pass of ``--full`` on a source body after a fixed import head, for pair tests.

Imported by name (``from pre1_0_pairs import ...``): pytest puts this directory on ``sys.path``.
"""

from __future__ import annotations

import libcst as cst

from legacy2tf2.migrator.pre1_0 import fix_pre_1_0

TF_HEAD = "import tensorflow as tf\n"


def fix_body(body: str, head: str = TF_HEAD) -> tuple[str, list[str]]:
    """``head + body`` through :func:`fix_pre_1_0`: the new body and the codes of its changes.

    The head (the file's imports) must come out unchanged.
    """
    new, changes = fix_pre_1_0(cst.parse_module(head + body))
    assert new.code.startswith(head)
    return new.code[len(head) :], [code for *_, code, _msg in changes]


def assert_changed_once(before: str, after: str, head: str = TF_HEAD) -> None:
    """``before`` becomes ``after``, reported as L2T010 only, and ``after`` stays as it is."""
    new, codes = fix_body(before, head)
    assert new == after
    assert codes and set(codes) == {"L2T010"}
    assert fix_body(new, head) == (new, [])
