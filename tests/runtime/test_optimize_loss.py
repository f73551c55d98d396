"""``layers_v1.optimize_loss``: TF1's ``tf.contrib.layers.optimize_loss`` in graph mode.

The reference is the same program written with plain ``tf.compat.v1.train`` optimizers and the
gradient handling TF1's documentation describes (the learning rate as a non-trainable variable of
the ``OptimizeLoss`` scope, clipping by global norm, ``apply_gradients(global_step=...)``): the
loss trajectory and the checkpoint names must be the same.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
import tensorflow as tf

from legacy2tf2.runtime import layers_v1

v1 = tf.compat.v1
RNG = np.random.default_rng(0)
X = RNG.normal(size=(8, 3)).astype("float32")
Y = RNG.normal(size=(8, 2)).astype("float32")
W0 = RNG.normal(size=(3, 2)).astype("float32")
STEPS = 6


def _model() -> tuple[Any, Any]:
    """A linear regression with fixed initial values, and its global step."""
    step = v1.train.get_or_create_global_step()
    w = v1.get_variable("w", initializer=W0)
    b = v1.get_variable("b", [2], initializer=v1.zeros_initializer())
    loss = tf.reduce_mean(tf.square(tf.matmul(tf.constant(X), w) + b - Y))
    return loss, step


def _run(train: Any, loss: Any) -> tuple[list[float], list[str], int]:
    with v1.Session() as sess:
        sess.run(v1.global_variables_initializer())
        losses = [float(sess.run(train)) for _ in range(STEPS)]
        losses.append(float(sess.run(loss)))
        step = int(sess.run(v1.train.get_global_step()))
    return losses, sorted(v.op.name for v in v1.global_variables()), step


def _ours(**kwargs: Any) -> tuple[list[float], list[str], int]:
    with tf.Graph().as_default():
        loss, step = _model()
        train = layers_v1.optimize_loss(loss, step, **kwargs)
        return _run(train, loss)


def _by_hand(
    make: Callable[[Any], Any], learning_rate: float | None, clip: float | None = None
) -> tuple[list[float], list[str], int]:
    with tf.Graph().as_default():
        loss, step = _model()
        with v1.variable_scope("OptimizeLoss"):
            lr = learning_rate
            if learning_rate is not None:
                lr = v1.get_variable(
                    "learning_rate",
                    [],
                    trainable=False,
                    initializer=v1.constant_initializer(learning_rate),
                )
            opt = make(lr)
            pairs = opt.compute_gradients(loss, v1.trainable_variables())
            if clip is not None:
                grads, variables = zip(*pairs, strict=True)
                grads, _ = tf.clip_by_global_norm(list(grads), clip)
                pairs = list(zip(grads, variables, strict=True))
            update = opt.apply_gradients(pairs, global_step=step, name="train")
            with tf.control_dependencies([update]):
                train = tf.identity(loss)
        return _run(train, loss)


def _assert_same(ours: tuple[Any, ...], reference: tuple[Any, ...]) -> None:
    np.testing.assert_allclose(ours[0], reference[0], rtol=1e-6, atol=1e-7)
    assert ours[1] == reference[1]
    assert ours[2] == reference[2] == STEPS
    assert ours[0][-1] < ours[0][0]  # it trains


def test_adam_by_name_with_clipping_matches_the_hand_written_program() -> None:
    ours = _ours(learning_rate=0.1, optimizer="Adam", clip_gradients=0.5)
    reference = _by_hand(lambda lr: v1.train.AdamOptimizer(lr), 0.1, clip=0.5)
    _assert_same(ours, reference)
    assert ours[1] == [
        "OptimizeLoss/b/Adam",
        "OptimizeLoss/b/Adam_1",
        "OptimizeLoss/beta1_power",
        "OptimizeLoss/beta2_power",
        "OptimizeLoss/learning_rate",
        "OptimizeLoss/w/Adam",
        "OptimizeLoss/w/Adam_1",
        "b",
        "global_step",
        "w",
    ]


@pytest.mark.parametrize(
    ("optimizer", "learning_rate", "reference"),
    [
        ("SGD", 0.1, lambda lr: v1.train.GradientDescentOptimizer(lr)),
        ("Momentum", 0.05, lambda lr: v1.train.MomentumOptimizer(lr, momentum=0.9)),
        ("Adagrad", 0.3, lambda lr: v1.train.AdagradOptimizer(lr)),
        ("RMSProp", 0.01, lambda lr: v1.train.RMSPropOptimizer(lr)),
        ("Ftrl", 0.3, lambda lr: v1.train.FtrlOptimizer(lr)),
        (v1.train.AdagradOptimizer, 0.3, lambda lr: v1.train.AdagradOptimizer(lr)),
        (
            lambda lr: v1.train.MomentumOptimizer(lr, momentum=0.5),
            0.05,
            lambda lr: v1.train.MomentumOptimizer(lr, momentum=0.5),
        ),
        (
            lambda: v1.train.MomentumOptimizer(0.05, momentum=0.5),
            None,
            lambda lr: v1.train.MomentumOptimizer(0.05, momentum=0.5),
        ),
    ],
    ids=["SGD", "Momentum", "Adagrad", "RMSProp", "Ftrl", "class", "lambda_lr", "lambda_none"],
)
def test_every_way_of_giving_the_optimizer(
    optimizer: Any, learning_rate: float | None, reference: Callable[[Any], Any]
) -> None:
    ours = _ours(learning_rate=learning_rate, optimizer=optimizer)
    _assert_same(ours, _by_hand(reference, learning_rate))


def test_an_optimizer_instance_is_used_as_is() -> None:
    with tf.Graph().as_default():
        loss, step = _model()
        opt = v1.train.MomentumOptimizer(0.05, momentum=0.9)
        train = layers_v1.optimize_loss(loss, step, None, opt, clip_gradients=0.5)
        ours = _run(train, loss)
    reference = _by_hand(lambda lr: v1.train.MomentumOptimizer(0.05, momentum=0.9), None, 0.5)
    _assert_same(ours, reference)
    assert "OptimizeLoss/w/Momentum" in ours[1]
    assert "OptimizeLoss/learning_rate" not in ours[1]


def test_clip_gradients_function_and_gradient_multipliers() -> None:
    def clip(pairs: list[tuple[Any, Any]]) -> list[tuple[Any, Any]]:
        return [(tf.clip_by_value(g, -0.1, 0.1), v) for g, v in pairs]

    with tf.Graph().as_default():
        loss, step = _model()
        w, b = v1.trainable_variables()
        (grad_w,) = tf.gradients(loss, [w])
        train = layers_v1.optimize_loss(
            loss, step, 1.0, "SGD", clip_gradients=clip, gradient_multipliers={"w:0": 0.5, b: 0.0}
        )
        with v1.Session() as sess:
            sess.run(v1.global_variables_initializer())
            expected_w = sess.run(w) - np.clip(0.5 * sess.run(grad_w), -0.1, 0.1)
            before_b = sess.run(b)
            sess.run(train)
            np.testing.assert_allclose(sess.run(w), expected_w, rtol=1e-6)
            np.testing.assert_array_equal(sess.run(b), before_b)


def test_update_ops_run_before_the_update_and_the_step_increments() -> None:
    with tf.Graph().as_default():
        loss, step = _model()
        counter = v1.get_variable(
            "counter", [], trainable=False, initializer=v1.zeros_initializer()
        )
        v1.add_to_collection(v1.GraphKeys.UPDATE_OPS, v1.assign_add(counter, 1.0))
        train = layers_v1.optimize_loss(loss, step, 0.1, "SGD")
        explicit = layers_v1.optimize_loss(loss, step, 0.1, "SGD", update_ops=[])
        frozen = layers_v1.optimize_loss(loss, step, 0.1, "SGD", increment_global_step=False)
        with v1.Session() as sess:
            sess.run(v1.global_variables_initializer())
            sess.run(train)
            sess.run(train)
            assert sess.run([counter, step]) == [2.0, 2]
            sess.run(explicit)
            assert sess.run([counter, step]) == [2.0, 3]
            sess.run(frozen)
            assert sess.run([counter, step]) == [3.0, 3]
        names = [v.op.name for v in v1.global_variables()]
        assert {"OptimizeLoss/learning_rate", "OptimizeLoss_1/learning_rate"} <= set(names)
        assert "OptimizeLoss_2/learning_rate" in names


def test_learning_rate_decay_and_the_default_summaries() -> None:
    with tf.Graph().as_default():
        loss, step = _model()

        def decay(lr: Any, global_step: Any) -> Any:
            return v1.train.exponential_decay(lr, global_step, 1, 0.5)

        train = layers_v1.optimize_loss(loss, step, 0.1, "SGD", learning_rate_decay_fn=decay)
        tags = [s.op.inputs[0] for s in v1.get_collection(v1.GraphKeys.SUMMARIES)]
        with v1.Session() as sess:
            sess.run(v1.global_variables_initializer())
            assert sorted(sess.run(tags)) == sorted(
                [
                    # the variable holds the name scope `learning_rate`: TF1 tagged `_1`
                    b"OptimizeLoss/learning_rate_1",
                    b"OptimizeLoss/global_norm/gradient_norm",
                    b"OptimizeLoss/loss",
                ]
            )
            w = v1.trainable_variables()[0]
            (grad_w,) = tf.gradients(loss, [w])
            for expected_lr in (0.1, 0.05, 0.025):
                expected = sess.run(w) - expected_lr * sess.run(grad_w)
                sess.run(train)
                np.testing.assert_allclose(sess.run(w), expected, rtol=1e-6)


def test_all_summaries_with_clipping() -> None:
    with tf.Graph().as_default():
        loss, step = _model()
        layers_v1.optimize_loss(
            loss, step, 0.1, "SGD", clip_gradients=1.0, summaries=layers_v1.OPTIMIZER_SUMMARIES
        )
        names = sorted(s.op.name for s in v1.get_collection(v1.GraphKeys.SUMMARIES))
    # TF1 wrote the learning rate only when a decay function made it; per variable: a histogram
    # and a norm; the global norm before and after clipping
    assert names == [
        "OptimizeLoss/global_norm/clipped_gradient_norm",
        "OptimizeLoss/global_norm/gradient_norm",
        "OptimizeLoss/gradient_norm/b_0",
        "OptimizeLoss/gradient_norm/w_0",
        "OptimizeLoss/gradients/b_0",
        "OptimizeLoss/gradients/w_0",
        "OptimizeLoss/loss",
    ]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"optimizer": "Adadelta"}, "Optimizer name should be one of"),
        ({"summaries": ["weights"]}, "Summaries should be one of"),
        ({"learning_rate": 1}, "Learning rate should be 0d Tensor or float"),
        ({"learning_rate": -0.1}, "Invalid learning_rate"),
        ({"learning_rate": None}, "Learning rate is None"),
        ({"optimizer": v1.train.AdamOptimizer, "learning_rate": None}, "Learning rate is None"),
        ({"optimizer": lambda lr: "sgd"}, "function should return subclass of Optimizer"),
        ({"optimizer": 3}, "Unrecognized optimizer"),
        ({"clip_gradients": 5}, "Unknown type"),
    ],
)
def test_what_tf1_refused(kwargs: dict[str, Any], message: str) -> None:
    arguments = {"learning_rate": 0.1, "optimizer": "SGD", **kwargs}
    with tf.Graph().as_default():
        loss, step = _model()
        with pytest.raises(ValueError, match=message):
            layers_v1.optimize_loss(loss, step, **arguments)


def test_decay_without_a_global_step_and_a_non_scalar_loss_are_refused() -> None:
    with tf.Graph().as_default():
        w = v1.get_variable("w", initializer=W0)
        loss = tf.reduce_sum(w)
        with pytest.raises(ValueError, match="global_step is required"):
            layers_v1.optimize_loss(loss, None, 0.1, "SGD", learning_rate_decay_fn=lambda lr, s: lr)
        with pytest.raises(ValueError, match="Expected scalar shape"):
            layers_v1.optimize_loss(tf.reduce_sum(w, 0), None, 0.1, "SGD")
        train = layers_v1.optimize_loss(loss, None, 0.1, "SGD")  # no global step: none counted
        with v1.Session() as sess:
            sess.run(v1.global_variables_initializer())
            sess.run(train)


def test_eagerly_it_says_graph_mode_is_needed() -> None:
    with pytest.raises(RuntimeError, match="graph mode"):
        layers_v1.optimize_loss(tf.constant(1.0), None, 0.1, "SGD")


def test_sparse_gradients_noise_and_the_variables_argument() -> None:
    with tf.Graph().as_default():
        step = v1.train.get_or_create_global_step()
        table = v1.get_variable("table", initializer=RNG.normal(size=(5, 2)).astype("float32"))
        w = v1.get_variable("w", initializer=W0[:2])
        rows = tf.nn.embedding_lookup(table, [1, 3, 3])
        loss = tf.reduce_sum(tf.square(tf.matmul(rows, w)))
        grad_table, grad_w = tf.gradients(loss, [table, w])
        assert isinstance(grad_table, tf.IndexedSlices)
        sparse = layers_v1.optimize_loss(
            loss, step, 0.1, "SGD", gradient_multipliers={table: 2.0}, variables=[table]
        )
        noisy = layers_v1.optimize_loss(
            loss, step, 0.1, "SGD", gradient_noise_scale=1e-3, variables=[table, w]
        )
        with v1.Session() as sess:
            sess.run(v1.global_variables_initializer())
            table0, w0, dense = sess.run([table, w, tf.convert_to_tensor(grad_table)])
            sess.run(sparse)
            np.testing.assert_allclose(sess.run(table), table0 - 0.2 * dense, rtol=1e-6)
            np.testing.assert_array_equal(sess.run(w), w0)  # not in `variables`
            table1, w1, dense, dense_w = sess.run(
                [table, w, tf.convert_to_tensor(grad_table), grad_w]
            )
            sess.run(noisy)
            # truncated normal noise stays within two standard deviations
            for after, before, grad in ((table, table1, dense), (w, w1, dense_w)):
                change = sess.run(after) - (before - 0.1 * grad)
                assert 0 < np.abs(change).max() <= 0.1 * 2e-3 + 1e-6
