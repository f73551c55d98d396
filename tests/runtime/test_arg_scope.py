"""TF1's ``arg_scope`` over ``layers_v1.fully_connected``: the scope's keywords are defaults a
call's own keywords override, nested scopes add to the outer one, a scope dict re-enters, and a
function not decorated is refused as TF1 refused it. Outputs are checked against NumPy."""

from __future__ import annotations

import numpy as np
import pytest
import tensorflow as tf

from legacy2tf2.runtime import VariableStore
from legacy2tf2.runtime.arg_scope import current_arg_scope
from legacy2tf2.runtime.layers_v1 import arg_scope, fully_connected, linear

X = np.array([[1.0, -2.0, 0.5], [-1.0, 3.0, 2.0]], np.float32)


def _weights(store: VariableStore, scope: str) -> np.ndarray:
    return store[f"{scope}/weights"].numpy()


def test_scope_keywords_are_defaults_and_a_call_s_own_win() -> None:
    store = VariableStore()
    with store.as_default():
        with arg_scope(
            [fully_connected], activation_fn=None, biases_initializer=tf.ones_initializer()
        ):
            plain = fully_connected(X, 4, scope="a")
            relu = fully_connected(X, 4, activation_fn=tf.nn.relu, scope="b")
        after = fully_connected(X, 4, scope="c")
    np.testing.assert_allclose(plain, X @ _weights(store, "a") + 1.0, rtol=1e-6)
    np.testing.assert_allclose(relu, np.maximum(X @ _weights(store, "b") + 1.0, 0), rtol=1e-6)
    np.testing.assert_allclose(after, np.maximum(X @ _weights(store, "c"), 0), rtol=1e-6)


def test_nested_scopes_add_up_and_a_scope_dict_reenters() -> None:
    store = VariableStore()
    with store.as_default():
        with (
            arg_scope([fully_connected], activation_fn=None),
            arg_scope([fully_connected], biases_initializer=None) as inner,
        ):
            nested = fully_connected(X, 2, scope="n")
        assert "n/biases" not in store.names()
        with arg_scope(inner):
            again = fully_connected(X, 2, scope="r")
        assert current_arg_scope() == {}
    np.testing.assert_allclose(nested, X @ _weights(store, "n"), rtol=1e-6)
    np.testing.assert_allclose(again, X @ _weights(store, "r"), rtol=1e-6)
    assert "r/biases" not in store.names()


def test_undecorated_functions_and_bad_arguments_are_refused() -> None:
    with (
        pytest.raises(ValueError, match="not decorated with @add_arg_scope"),
        arg_scope([linear], activation_fn=None),
    ):
        pass
    with (
        pytest.raises(TypeError, match="list/tuple or reused scope"),
        arg_scope(fully_connected, activation_fn=None),  # type: ignore[arg-type]
    ):
        pass
    with pytest.raises(ValueError, match="kwargs must be empty"), arg_scope({}, activation_fn=None):
        pass
