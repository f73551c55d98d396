"""``layers_v1``: TF1's layers functions with TF1's variable names, shapes, initial values and math,
in ``tf.compat.v1`` graph mode and eagerly through the ``VariableStore``."""

from __future__ import annotations

import numpy as np
import pytest
import tensorflow as tf

from legacy2tf2.runtime import VariableStore, layers_v1

v1 = tf.compat.v1
RNG = np.random.default_rng(0)
X = RNG.normal(size=(4, 3)).astype("float32")
X3 = RNG.normal(size=(2, 5, 3)).astype("float32")


def _names() -> list[str]:
    return [v.name for v in v1.global_variables()]


def test_graph_mode_names_follow_tf1_scoping() -> None:
    with tf.Graph().as_default():
        x = v1.placeholder(tf.float32, [None, 3])
        layers_v1.dense(x, 4)
        layers_v1.dense(x, 4)
        layers_v1.dense(x, 4, name="proj")
        with pytest.raises(ValueError, match="proj/kernel already exists"):
            layers_v1.dense(x, 4, name="proj")
        layers_v1.dense(x, 4, name="proj", reuse=True)
        layers_v1.dense(x, 4, reuse=True)
        out = layers_v1.Dense(5, name="out")
        out(x)
        out(x)
        layers_v1.Dense(5, name="out")(x)
        with v1.variable_scope("decoder"):
            layers_v1.dense(x, 2)
        with v1.variable_scope("decoder", reuse=True):
            layers_v1.dense(x, 2)
        with v1.variable_scope("shared", reuse=v1.AUTO_REUSE):
            layers_v1.dense(x, 2, name="p")
            layers_v1.dense(x, 2, name="p")
        layers_v1.fully_connected(x, 6)
        layers_v1.fully_connected(x, 6)
        layers_v1.fully_connected(x, 6, scope="fc")
        layers_v1.fully_connected(x, 6, scope="fc", reuse=True)
        layers_v1.linear(x, 2)
        assert _names() == [
            "dense/kernel:0",
            "dense/bias:0",
            "dense_1/kernel:0",
            "dense_1/bias:0",
            "proj/kernel:0",
            "proj/bias:0",
            "out/kernel:0",
            "out/bias:0",
            "out_1/kernel:0",
            "out_1/bias:0",
            "decoder/dense/kernel:0",
            "decoder/dense/bias:0",
            "shared/p/kernel:0",
            "shared/p/bias:0",
            "fully_connected/weights:0",
            "fully_connected/biases:0",
            "fully_connected_1/weights:0",
            "fully_connected_1/biases:0",
            "fc/weights:0",
            "fc/biases:0",
            "fully_connected_2/weights:0",
            "fully_connected_2/biases:0",
        ]
        assert len(v1.model_variables()) == 8  # fully_connected's, as tf.contrib.layers did


def test_graph_mode_math_shapes_and_initial_values() -> None:
    with tf.Graph().as_default():
        x = v1.placeholder(tf.float32, [None, 3])
        x3 = v1.placeholder(tf.float32, [None, 5, 3])
        y = layers_v1.dense(x, 4, activation=tf.nn.tanh)
        y3 = layers_v1.dense(x3, 4, name="seq")
        fc = layers_v1.fully_connected(x, 2)
        lin = layers_v1.linear(x, 2, biases_initializer=tf.constant_initializer(0.5))
        nobias = layers_v1.dense(x, 2, use_bias=False, name="nobias")
        assert y3.shape.as_list() == [None, 5, 4]
        with v1.Session() as sess:
            sess.run(v1.global_variables_initializer())
            sess.run([v.assign(RNG.normal(size=v.shape)) for v in v1.trainable_variables()[:4]])
            got = sess.run([y, y3, fc, lin, nobias], {x: X, x3: X3})
            values = {v.op.name: sess.run(v) for v in v1.global_variables()}
    k, b = values["dense/kernel"], values["dense/bias"]
    np.testing.assert_allclose(got[0], np.tanh(X @ k + b), rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(
        got[1], X3 @ values["seq/kernel"] + values["seq/bias"], rtol=1e-5, atol=1e-6
    )
    w, c = values["fully_connected/weights"], values["fully_connected/biases"]
    np.testing.assert_allclose(got[2], np.maximum(X @ w + c, 0), rtol=1e-5, atol=1e-6)
    assert not c.any()  # biases start at zero
    np.testing.assert_allclose(got[3], X @ values["fully_connected_1/weights"] + 0.5, rtol=1e-5)
    assert "nobias/bias" not in values
    bound = np.sqrt(6 / (3 + 2))  # glorot uniform
    assert values["fully_connected/weights"].shape == (3, 2)
    assert np.abs(values["fully_connected/weights"]).max() <= bound
    assert np.abs(values["nobias/kernel"]).max() <= bound and values["nobias/kernel"].std() > 0


def test_graph_mode_scope_initializer_and_regularizer() -> None:
    with tf.Graph().as_default():
        x = v1.placeholder(tf.float32, [None, 3])
        with v1.variable_scope("s", initializer=tf.constant_initializer(0.25)):
            layers_v1.dense(x, 2, kernel_regularizer=lambda w: tf.reduce_sum(w))
            layers_v1.fully_connected(x, 2)  # xavier is its explicit default
        losses = v1.get_collection(v1.GraphKeys.REGULARIZATION_LOSSES)
        with v1.Session() as sess:
            sess.run(v1.global_variables_initializer())
            by_name = {v.op.name: v for v in v1.global_variables()}
            kernel, weights, loss = sess.run(
                [by_name["s/dense/kernel"], by_name["s/fully_connected/weights"], losses[0]]
            )
    assert (kernel == 0.25).all() and loss == pytest.approx(6 * 0.25)
    assert not (weights == 0.25).all()


def test_a_keras_regularizer_on_a_reference_variable_reads_its_value() -> None:
    with tf.Graph().as_default():
        init = tf.constant_initializer(0.5)
        w = v1.get_variable("w", [3, 2], initializer=init, use_resource=False)
        assert w.dtype.name == "float32_ref"
        with pytest.raises(ValueError, match="float32_ref"):
            tf.keras.regularizers.l2(0.05)(w)  # what the upgrader's l2_regularizer gives
        penalty = layers_v1.regularizer_on_values(tf.keras.regularizers.l2(0.05))(w)
        through = layers_v1.regularizer_on_values(tf.reduce_sum)(tf.ones([2]))
        with v1.Session() as sess:
            sess.run(v1.global_variables_initializer())
            value, summed = sess.run([penalty, through])
    assert value == pytest.approx(0.1 * 6 * 0.25 / 2)  # TF1's l2_regularizer(0.1)(w)
    assert summed == 2.0


def test_graph_mode_trains_through_dropout_fed_by_a_placeholder() -> None:
    with tf.Graph().as_default():
        v1.set_random_seed(1)
        x = v1.placeholder(tf.float32, [None, 3])
        training = v1.placeholder_with_default(False, [])
        h = layers_v1.dropout(layers_v1.dense(x, 8, activation=tf.nn.relu), 0.5, training=training)
        loss = tf.reduce_mean(tf.square(layers_v1.dense(h, 1) - 1.0))
        step = v1.train.GradientDescentOptimizer(0.1).minimize(loss)
        with v1.Session() as sess:
            sess.run(v1.global_variables_initializer())
            first = sess.run(loss, {x: X})
            for _ in range(30):
                sess.run(step, {x: X, training: True})
            assert sess.run(loss, {x: X}) < first
            same = sess.run([h, h], {x: X})
            np.testing.assert_array_equal(same[0], same[1])  # no dropout without training


def test_dropout_math() -> None:
    ones = tf.ones([200, 50])
    assert layers_v1.dropout(ones, 0.5) is not None
    np.testing.assert_array_equal(layers_v1.dropout(ones, 0.5).numpy(), ones.numpy())
    dropped = layers_v1.Dropout(0.75, noise_shape=[None, 1])(ones, training=True).numpy()
    assert set(np.unique(dropped)) <= {0.0, 4.0}  # kept units scaled by 1 / (1 - rate)
    assert (dropped == dropped[:, :1]).all()  # one draw per row
    assert 0.1 < (dropped > 0).mean() < 0.4


def test_eager_variables_live_in_the_store_and_are_found_again() -> None:
    store = VariableStore()
    with store.as_default():
        for _ in range(2):
            y = layers_v1.dense(X, 4, name="proj")
            z = layers_v1.fully_connected(X3, 3, scope="fc")
        layer = layers_v1.Dense(2)
        a, b = layer(X), layer(X)
    names = ["proj/kernel", "proj/bias", "fc/weights", "fc/biases", "dense/kernel", "dense/bias"]
    assert store.names() == names
    np.testing.assert_allclose(y, X @ store["proj/kernel"] + store["proj/bias"], rtol=1e-5)
    expected = np.maximum(X3 @ store["fc/weights"].numpy() + store["fc/biases"].numpy(), 0)
    np.testing.assert_allclose(z, expected, rtol=1e-5, atol=1e-6)
    np.testing.assert_array_equal(a, b)
    assert layer.trainable_variables == [store["dense/kernel"], store["dense/bias"]]
    assert layer.compute_output_shape([None, 7, 3]).as_list() == [None, 7, 2]


def test_eager_training_with_a_gradient_tape() -> None:
    store = VariableStore()
    optimizer = tf.keras.optimizers.SGD(0.1)
    losses = []
    with store.as_default():
        for _ in range(20):
            with tf.GradientTape() as tape:
                h = layers_v1.fully_connected(X, 8, scope="hidden")
                loss = tf.reduce_mean(tf.square(layers_v1.dense(h, 1, name="out") - 1.0))
            grads = tape.gradient(loss, store.trainable_variables)
            optimizer.apply_gradients(zip(grads, store.trainable_variables, strict=True))
            losses.append(float(loss))
    assert len(store) == 4 and losses[-1] < losses[0]


def test_clear_errors() -> None:
    with pytest.raises(ValueError, match="num_outputs should be int"):
        layers_v1.fully_connected(X, 3.0)
    with pytest.raises(ValueError, match="activity_regularizer"):
        layers_v1.Dense(3, activity_regularizer=tf.reduce_sum)
    with pytest.raises(TypeError, match="floating point"):
        layers_v1.dense(tf.constant([[1, 2]]), 3)
    with VariableStore().as_default(), pytest.raises(ValueError, match="graph mode"):
        layers_v1.dense(X, 3, kernel_regularizer=tf.reduce_sum, name="r")
    with pytest.raises(ValueError, match="collections"):
        layers_v1.fully_connected(X, 3, variables_collections=["mine"])


def test_fully_connected_normalizer_replaces_the_biases() -> None:
    seen = {}

    def normalizer(outputs: tf.Tensor, scale: float) -> tf.Tensor:
        seen["scale"] = scale
        return outputs * scale

    with tf.Graph().as_default():
        x = v1.placeholder(tf.float32, [None, 3])
        y = layers_v1.fully_connected(
            x, 2, normalizer_fn=normalizer, normalizer_params={"scale": 2.0}, activation_fn=None
        )
        assert _names() == ["fully_connected/weights:0"] and seen == {"scale": 2.0}
        with v1.Session() as sess:
            sess.run(v1.global_variables_initializer())
            got, weights = sess.run([y, v1.global_variables()[0]], {x: X})
    np.testing.assert_allclose(got, 2.0 * X @ weights, rtol=1e-5, atol=1e-6)


@pytest.mark.filterwarnings("ignore::UserWarning")  # its own deprecation notices
def test_same_names_and_numbers_as_tensorflows_own_legacy_layers() -> None:
    """TF 2.21 still ships its TF1 ``tf.layers`` code privately (unreachable under Keras 3):
    built the same way, both create the same variables and compute the same outputs."""
    legacy = pytest.importorskip("tensorflow.python.keras.legacy_tf_layers.core")

    def build(module) -> tuple[list[str], list[np.ndarray]]:
        with tf.Graph().as_default():
            x = v1.placeholder(tf.float32, [None, 5, 3])
            h = module.dense(x, 4, activation=tf.nn.relu)
            h = module.dense(h, 4, name="proj")
            out = module.Dense(2, name="out")
            y = out(h) + out(h)
            with v1.variable_scope("dec", reuse=v1.AUTO_REUSE):
                y = y + module.dense(x, 2) + module.dense(x, 2, name="p")
            with v1.Session() as sess:
                sess.run(v1.global_variables_initializer())
                values = np.random.default_rng(1)
                sess.run([v.assign(values.normal(size=v.shape)) for v in v1.global_variables()])
                return [v.name for v in v1.global_variables()], sess.run(y, {x: X3})

    names, outputs = build(layers_v1)
    legacy_names, legacy_outputs = build(legacy)
    assert names == legacy_names
    np.testing.assert_allclose(outputs, legacy_outputs, rtol=1e-5, atol=1e-5)
