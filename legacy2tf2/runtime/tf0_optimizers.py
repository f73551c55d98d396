"""TF 0.x's ``tf.train`` optimizers: slot variables made whatever the variable scope's reuse.

Up to TF 0.12, an optimizer made its slot variables (Adam's ``m`` and ``v``, RMSProp's ``rms``
and ``momentum``, ...) with a plain ``Variable`` named after the name scope, so a program could
call ``minimize``/``apply_gradients`` inside ``variable_scope(..., reuse=True)`` or after
``scope.reuse_variables()``: it shared its model there and trained it there. From TF 1.0 the
slots are made with ``get_variable`` in the current variable scope, which refuses a new variable
under ``reuse=True`` ("Variable decoders/Variable/RMSProp/ does not exist, or was not created
with tf.get_variable()"; tensorflow/tensorflow#6761, #7988). Each class here is the TF 2
``tf.compat.v1.train`` optimizer of the same name whose ``apply_gradients`` (which ``minimize``
calls) runs, when the current scope reuses, in a copy of that scope that does not reuse, named
after the current name scope as TF 0.12 named the slots (``decoders_1/Variable/RMSProp``). A
scope that does not reuse (or reuses with ``AUTO_REUSE``) is left as it is: there TF 1.x and
TF 0.x made the same slots. ``tf.train.ExponentialMovingAverage`` made its shadow variables with
the same slot code, so its ``apply`` failed the same way under ``reuse=True`` ("Variable
net/net_1/moments/Squeeze/ExponentialMovingAverage/ does not exist", a batch normalisation's
moments averaged in a model built twice); :class:`ExponentialMovingAverage` applies as TF 0.12
did.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

import tensorflow as tf

__all__ = [
    "AdadeltaOptimizer",
    "AdagradDAOptimizer",
    "AdagradOptimizer",
    "AdamOptimizer",
    "ExponentialMovingAverage",
    "FtrlOptimizer",
    "MomentumOptimizer",
    "ProximalAdagradOptimizer",
    "RMSPropOptimizer",
    "slots_as_tf0",
]


@contextlib.contextmanager
def slots_as_tf0() -> Iterator[None]:
    """Variables made inside are new ones even where the current variable scope reuses
    (``reuse=True``), in a scope named after the current name scope, as TF 0.12's optimizers
    made their slots; elsewhere the current scope is kept."""
    current = tf.compat.v1.get_variable_scope()
    if current.reuse is not True or tf.executing_eagerly():
        yield
        return
    name = tf.compat.v1.get_default_graph().get_name_scope()
    fresh = tf.compat.v1.VariableScope(
        False,
        name=name,
        initializer=current.initializer,
        regularizer=current.regularizer,
        caching_device=current.caching_device,
        partitioner=current.partitioner,
        custom_getter=current.custom_getter,
        name_scope=current.original_name_scope,
        dtype=current.dtype,
        use_resource=current.use_resource,
        constraint=current.constraint,
    )
    with tf.compat.v1.variable_scope(fresh, auxiliary_name_scope=False):
        yield


class _Tf0Slots:
    """``apply_gradients`` (and so ``minimize``) making slots as TF 0.x did."""

    def apply_gradients(
        self, grads_and_vars: Any, global_step: Any = None, name: Any = None
    ) -> Any:
        """TF1's ``apply_gradients``, its slots made even under a reusing variable scope."""
        with slots_as_tf0():
            return super().apply_gradients(grads_and_vars, global_step=global_step, name=name)  # type: ignore[misc]


class AdadeltaOptimizer(_Tf0Slots, tf.compat.v1.train.AdadeltaOptimizer):
    """TF 0.x's ``tf.train.AdadeltaOptimizer`` (see the module docstring)."""


class AdagradDAOptimizer(_Tf0Slots, tf.compat.v1.train.AdagradDAOptimizer):
    """TF 0.x's ``tf.train.AdagradDAOptimizer`` (see the module docstring)."""


class AdagradOptimizer(_Tf0Slots, tf.compat.v1.train.AdagradOptimizer):
    """TF 0.x's ``tf.train.AdagradOptimizer`` (see the module docstring)."""


class AdamOptimizer(_Tf0Slots, tf.compat.v1.train.AdamOptimizer):
    """TF 0.x's ``tf.train.AdamOptimizer`` (see the module docstring)."""


class FtrlOptimizer(_Tf0Slots, tf.compat.v1.train.FtrlOptimizer):
    """TF 0.x's ``tf.train.FtrlOptimizer`` (see the module docstring)."""


class MomentumOptimizer(_Tf0Slots, tf.compat.v1.train.MomentumOptimizer):
    """TF 0.x's ``tf.train.MomentumOptimizer`` (see the module docstring)."""


class ProximalAdagradOptimizer(_Tf0Slots, tf.compat.v1.train.ProximalAdagradOptimizer):
    """TF 0.x's ``tf.train.ProximalAdagradOptimizer`` (see the module docstring)."""


class RMSPropOptimizer(_Tf0Slots, tf.compat.v1.train.RMSPropOptimizer):
    """TF 0.x's ``tf.train.RMSPropOptimizer`` (see the module docstring)."""


class ExponentialMovingAverage(tf.compat.v1.train.ExponentialMovingAverage):
    """TF 0.x's ``tf.train.ExponentialMovingAverage``: ``apply`` makes its shadow variables (TF
    0.12's ``slot_creator``, a plain ``Variable`` named after the name scope) even where the
    current variable scope reuses, as TF 0.x did; everything else is TF1's class."""

    def apply(self, var_list: Any = None) -> Any:
        """TF1's ``apply``, its shadow variables made even under a reusing variable scope."""
        with slots_as_tf0():
            return super().apply(var_list)
