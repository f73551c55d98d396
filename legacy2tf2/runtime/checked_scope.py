"""TF 1.1's ``core_rnn_cell_impl._checked_scope``: the variable scope of a TF 1.1 cell's call.

TF 1.1's own cells, and the cells programs wrote by copying them, opened their scope in
``__call__`` with ``with _checked_scope(self, scope or "lstm_cell", reuse=self._reuse):``. It opened
``variable_scope(scope, reuse=reuse, **kwargs)`` and raised where the cell had run in another
scope before (TF 1.1's "Attempt to reuse RNNCell ... with a different variable scope than its first
use"); TF 1.2 removed it. :func:`checked_scope` does the same. TF 1.1's second check, a new cell
given a scope that already held ``weights`` without ``reuse=True``, is left out: it only refused
programs, and the runtime may name a TF 1.1 weight otherwise (``kernel``), where the check would
refuse a program TF 1.1 ran.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

import tensorflow as tf

__all__ = ["checked_scope"]


@contextlib.contextmanager
def checked_scope(cell: Any, scope: Any, reuse: Any = None, **kwargs: Any) -> Iterator[Any]:
    """``variable_scope(scope, reuse=reuse, **kwargs)`` for ``cell``, refusing a scope other
    than the one of the cell's first call, as TF 1.1's ``_checked_scope`` did."""
    if reuse is not None:
        kwargs["reuse"] = reuse
    with tf.compat.v1.variable_scope(scope, **kwargs) as checking_scope:
        first = getattr(cell, "_scope", None)
        first_name = getattr(first, "name", None)
        if first_name is not None and first_name != checking_scope.name:
            kind = type(cell).__name__
            raise ValueError(
                f"Attempt to reuse RNNCell {kind} with a different variable scope than its first "
                f"use.  First use of cell was with scope '{first_name}', this attempt is with "
                f"scope '{checking_scope.name}'.  Please create a new instance of the cell if you "
                "would like it to use a different set of weights.  If before you were using: "
                f"MultiRNNCell([{kind}(...)] * num_layers), change to: "
                f"MultiRNNCell([{kind}(...) for _ in range(num_layers)])."
            )
        cell._scope = checking_scope
        yield checking_scope
