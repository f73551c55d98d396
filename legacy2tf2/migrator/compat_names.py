"""Spell a ``tf.compat.v1.*`` name the way a file reaches TensorFlow (used by ``--full`` fixes).

A ``--full`` fix that replaces a TensorFlow call keeps the file's own spelling of the TensorFlow
module: ``tf.summary.scalar`` becomes ``tf.compat.v1.summary.scalar``, ``tensorflow.scalar_summary``
becomes ``tensorflow.compat.v1.summary.scalar``, and under ``import tensorflow.compat.v1 as tf``
``tf.scalar_summary`` becomes ``tf.summary.scalar``.
"""

from __future__ import annotations

import libcst as cst

TF = "tensorflow."
COMPAT_V1 = "tensorflow.compat.v1."


def below_tensorflow(qualified: set[cst.metadata.QualifiedName]) -> tuple[str, bool] | None:
    """The name below ``tensorflow`` and whether it was reached through ``compat.v1``.

    ``tensorflow.summary.scalar`` -> ``("summary.scalar", False)``,
    ``tensorflow.compat.v1.scalar_summary`` -> ``("scalar_summary", True)``; None otherwise.
    """
    for name in sorted(q.name for q in qualified):
        if name.startswith(COMPAT_V1):
            return name[len(COMPAT_V1) :], True
        if name.startswith(TF):
            return name[len(TF) :], False
    return None


def compat_v1_expression(
    node: cst.BaseExpression, rest: str, through_compat: bool, new_rest: str
) -> str | None:
    """Source of ``tf.compat.v1.<new_rest>`` for ``node``, an attribute chain ending in ``rest``.

    The chain's head is kept (``tf``, ``tensorflow``, an alias); ``compat.v1`` is added unless
    the head already is ``tensorflow.compat.v1``. None when ``node`` is not such a chain (a name
    imported on its own, ``from tensorflow import summary``).
    """
    dotted = cst.helpers.get_full_name_for_node(node)
    if dotted is None or not dotted.endswith("." + rest):
        return None
    head = dotted[: -len(rest) - 1]
    return f"{head}.{new_rest}" if through_compat else f"{head}.compat.v1.{new_rest}"


def tensorflow_module(module: cst.Module) -> tuple[str, bool] | None:
    """The name a module-level ``import`` binds to TensorFlow, and whether it is ``compat.v1``.

    ``import tensorflow as tf`` -> ``("tf", False)``, ``import tensorflow.compat.v1 as tf`` ->
    ``("tf", True)``, ``import tensorflow`` -> ``("tensorflow", False)``; None without one.
    """
    for statement in module.body:
        if not isinstance(statement, cst.SimpleStatementLine):
            continue
        for small in statement.body:
            if not isinstance(small, cst.Import):
                continue
            for alias in small.names:
                dotted = cst.helpers.get_full_name_for_node(alias.name)
                bound = alias.asname.name if alias.asname is not None else None
                if isinstance(bound, cst.Name) and dotted == "tensorflow":
                    return bound.value, False
                if isinstance(bound, cst.Name) and dotted == "tensorflow.compat.v1":
                    return bound.value, True
                if bound is None and dotted is not None and dotted.split(".")[0] == "tensorflow":
                    return "tensorflow", False
    return None
