"""``legacy2tf2.runtime.tf0_optimizers``: TF 0.x's ``tf.train`` optimizers make their slot
variables inside a reusing variable scope, named after the name scope as TF 0.12 named them, and
step as TF's own classes (checked against NumPy's Adam); elsewhere they are TF's classes."""

from __future__ import annotations

import numpy as np
import tensorflow as tf

from legacy2tf2.runtime import tf0_optimizers

_v1 = tf.compat.v1


def test_adam_under_reuse_variables_makes_tf0_slots_and_steps_as_numpy() -> None:
    graph = tf.Graph()
    with graph.as_default():
        with _v1.variable_scope("model") as scope:
            w = _v1.get_variable("w", initializer=np.array([1.0, -2.0], np.float32))
            scope.reuse_variables()
            again = _v1.get_variable("w")
            loss = tf.reduce_sum(again * again)
            step = tf0_optimizers.AdamOptimizer(0.1).minimize(loss)
        names = sorted(v.op.name for v in _v1.global_variables())
        with _v1.Session(graph=graph) as sess:
            sess.run(_v1.global_variables_initializer())
            sess.run(step)
            got = sess.run(w)
    # TF 0.12's names: the slot's name scope is the primary's name under the current one
    assert names == [
        "model/beta1_power",
        "model/beta2_power",
        "model/model/w/Adam",
        "model/model/w/Adam_1",
        "model/w",
    ]
    x = np.array([1.0, -2.0])
    g = 2 * x
    m, v = 0.1 * g, 0.001 * g * g
    lr = 0.1 * np.sqrt(1 - 0.999) / (1 - 0.9)
    np.testing.assert_allclose(got, x - lr * m / (np.sqrt(v) + 1e-8), rtol=1e-6)


def test_reused_scope_entered_again_names_slots_after_its_name_scope() -> None:
    graph = tf.Graph()
    with graph.as_default():
        with _v1.variable_scope("decoders"):
            _v1.get_variable("v", [2])
        with _v1.variable_scope("decoders", reuse=True):
            loss = tf.reduce_sum(_v1.get_variable("v"))
            tf0_optimizers.RMSPropOptimizer(0.1).minimize(loss)
            assert _v1.get_variable_scope().reuse is True  # the program's scope is kept
        names = sorted(v.op.name for v in _v1.global_variables())
    assert names == [
        "decoders/v",
        "decoders_1/decoders/v/RMSProp",
        "decoders_1/decoders/v/RMSProp_1",
    ]


def test_without_reuse_the_slots_are_tf_own() -> None:
    def slots(optimizer: type) -> list[str]:
        graph = tf.Graph()
        with graph.as_default(), _v1.variable_scope("m"):
            loss = tf.reduce_sum(_v1.get_variable("v", [2]))
            optimizer(0.1, 0.9).minimize(loss)
            return sorted(v.op.name for v in _v1.global_variables())

    assert slots(tf0_optimizers.MomentumOptimizer) == slots(_v1.train.MomentumOptimizer)
