"""legacy2tf2.runtime.flatten against NumPy's reshape and TF1's documented shape rules."""

from __future__ import annotations

import numpy as np
import pytest
import tensorflow as tf

from legacy2tf2.runtime.flatten import flatten

v1 = tf.compat.v1


def test_eager_values_are_numpys_row_major_reshape() -> None:
    x = np.arange(2 * 3 * 4 * 5, dtype=np.float32).reshape(2, 3, 4, 5)
    np.testing.assert_array_equal(flatten(x).numpy(), x.reshape(2, -1))
    np.testing.assert_array_equal(flatten(x[:, :, 0, 0]).numpy(), x[:, :, 0, 0])


def test_graph_static_shapes_name_scope_and_collections() -> None:
    with tf.Graph().as_default():
        known = v1.placeholder(tf.float32, [None, 3, 4])
        partly = v1.placeholder(tf.float32, [None, None, 4])
        a = flatten(known, outputs_collections="outs")
        b = flatten(partly, scope="flat")
        assert a.shape.as_list() == [None, 12] and b.shape.as_list() == [None, None]
        assert a.name.startswith("Flatten/") and b.name.startswith("flat/")
        assert v1.get_collection("outs") == [a]
        x = np.arange(24, dtype=np.float32).reshape(2, 3, 4)
        with v1.Session() as sess:
            got = sess.run([a, b], {known: x, partly: x})
    np.testing.assert_array_equal(got[0], x.reshape(2, -1))
    np.testing.assert_array_equal(got[1], x.reshape(2, -1))


def test_rank_below_two_raises_tf1s_error() -> None:
    with pytest.raises(ValueError, match="Inputs must have a least 2 dimensions"):
        flatten(np.zeros([3], np.float32))
