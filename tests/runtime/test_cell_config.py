"""A cell's configuration is its constructor's arguments, read once from its signature: every
public cell saves every argument, and a ``.keras`` file of a model built on any cell loads in a
fresh process and computes what the saved model computed."""

from __future__ import annotations

import copy
import inspect
import os
import subprocess
import sys
from pathlib import Path

import keras
import numpy as np
import pytest
import tensorflow as tf

from legacy2tf2.runtime import VariableStore, rnn_cell
from legacy2tf2.runtime.rnn_cell import RNNCell

ROOT = Path(__file__).resolve().parents[2]
#: What every cell's ``**kwargs`` passes on to ``RNNCell.__init__``.
BASE_ARGUMENTS = {"trainable", "name", "dtype", "reuse"}
#: A value for each required argument of a public cell.
REQUIRED = {
    "num_units": lambda: 4,
    "cell": lambda: rnn_cell.GRUCell(4),
    "cells": lambda: [rnn_cell.GRUCell(4), rnn_cell.GRUCell(4)],
    "output_size": lambda: 3,
    "num_proj": lambda: 3,
    "embedding_classes": lambda: 5,
    "embedding_size": lambda: 3,
    "device": lambda: "/cpu:0",
}


@pytest.fixture(autouse=True)
def fresh_store():
    with VariableStore().as_default() as store:
        yield store


def public_cells() -> list[tuple[str, type]]:
    """Every cell class ``rnn_cell`` exports (its base ``RNNCell`` aside)."""
    return sorted(
        (name, value)
        for name in rnn_cell.__all__
        if inspect.isclass(value := getattr(rnn_cell, name))
        and issubclass(value, RNNCell)
        and value is not RNNCell
    )


def parameters(cls: type) -> dict[str, inspect.Parameter]:
    return dict(list(inspect.signature(cls.__init__).parameters.items())[1:])


def build(cls: type) -> RNNCell:
    required = {
        name: REQUIRED[name]()
        for name, parameter in parameters(cls).items()
        if parameter.default is parameter.empty
        and parameter.kind not in (parameter.VAR_KEYWORD, parameter.VAR_POSITIONAL)
    }
    if "num_units" in parameters(cls) and "num_units" not in required:
        required["num_units"] = 4  # GRUBlockCell: num_units or TF 1.0's cell_size, both None
    return cls(**required)


@pytest.mark.parametrize(("name", "cls"), public_cells(), ids=[n for n, _ in public_cells()])
def test_config_holds_exactly_the_constructor_arguments(name, cls):
    named = {
        key
        for key, parameter in parameters(cls).items()
        if parameter.kind is not parameter.VAR_KEYWORD
    }
    assert any(p.kind is p.VAR_KEYWORD for p in parameters(cls).values()), name
    config = build(cls).get_config()
    assert set(config) == named | BASE_ARGUMENTS


@pytest.mark.parametrize(("name", "cls"), public_cells(), ids=[n for n, _ in public_cells()])
def test_config_rebuilds_an_equal_cell(name, cls):
    cell = build(cls)
    restored = cls.from_config(cell.get_config())
    assert type(restored) is cls
    assert restored.get_config() == cell.get_config()
    assert restored.state_size == cell.state_size and restored.output_size == cell.output_size


@keras.saving.register_keras_serializable(package="legacy2tf2_tests")
def drop_nothing(state):
    """A dropout state filter that keeps every state part."""
    return tf.nest.map_structure(lambda _: False, state)


def test_every_argument_survives_config_and_deepcopy():
    # Dropped by hand-kept lists before: the filter (a silent change of what is dropped) and
    # InputProjectionWrapper's input_size.
    dropout = rnn_cell.DropoutWrapper(
        rnn_cell.GRUCell(4), state_keep_prob=0.5, dropout_state_filter_visitor=drop_nothing
    )
    projection = rnn_cell.InputProjectionWrapper(rnn_cell.GRUCell(4), 3, input_size=7)
    for cell in (dropout, projection):
        for again in (type(cell).from_config(cell.get_config()), copy.deepcopy(cell)):
            assert again.get_config() == cell.get_config()
    assert dropout.get_config()["dropout_state_filter_visitor"] is not None
    assert type(dropout).from_config(dropout.get_config())._state_filter is drop_nothing
    assert copy.deepcopy(dropout)._state_filter is drop_nothing
    assert projection.get_config()["input_size"] == 7


def test_numpy_and_constant_arguments_are_saved_as_numbers_and_dtypes_by_name():
    cell = rnn_cell.DropoutWrapper(
        rnn_cell.LSTMCell(3, state_is_tuple=np.bool_(True), dtype=np.float32),
        input_keep_prob=np.float32(0.5),
        output_keep_prob=tf.constant(0.25),
    )
    config = cell.get_config()
    assert config["input_keep_prob"] == 0.5 and type(config["input_keep_prob"]) is float
    assert config["output_keep_prob"] == 0.25
    inner = config["cell"]["config"]
    assert inner["state_is_tuple"] is True and inner["dtype"] == "float32"
    restored = keras.saving.deserialize_keras_object(keras.saving.serialize_keras_object(cell))
    assert restored.get_config() == config
    assert rnn_cell.GRUCell(2, dtype=np.dtype("float64")).get_config()["dtype"] == "float64"
    assert rnn_cell.GRUCell(2, dtype=tf.float16).get_config()["dtype"] == "float16"


def test_trainable_state_is_saved_and_restored():
    cell = rnn_cell.GRUCell(4)
    cell.trainable = False
    restored = rnn_cell.GRUCell.from_config(cell.get_config())
    assert restored.trainable is False


def test_a_user_cell_is_saved_from_its_own_signature():
    class Scaled(rnn_cell.RNNCell):
        def __init__(self, num_units, scale=2.0, **kwargs):
            super().__init__(**kwargs)
            self._num_units = num_units
            self._scale = scale

        @property
        def state_size(self):
            return self._num_units

        @property
        def output_size(self):
            return self._num_units

        def call(self, inputs, state):
            return state * self._scale, state

    cell = Scaled(3, scale=0.5, name="scaled")
    config = cell.get_config()
    assert config["num_units"] == 3 and config["scale"] == 0.5 and config["name"] == "scaled"
    restored = Scaled.from_config(config)
    assert restored._scale == 0.5 and restored._num_units == 3
    assert copy.deepcopy(cell)._scale == 0.5


def test_a_tf1_style_user_cell_without_kwargs_deep_copies_with_its_arguments():
    # embedding_*_seq2seq deep-copies the cell it is given; TF1 user cells often took no **kwargs.
    class Doubled(rnn_cell.RNNCell):
        def __init__(self, num_units):
            super().__init__()
            self._num_units = num_units

        @property
        def state_size(self):
            return self._num_units

        @property
        def output_size(self):
            return self._num_units

        def call(self, inputs, state):
            return state * 2.0, state

    cell = Doubled(5)
    clone = copy.deepcopy(cell)
    assert clone is not cell and clone._num_units == 5
    assert Doubled.from_config(cell.get_config())._num_units == 5
    assert set(cell.get_config()) == {"num_units", "trainable"}


def test_a_constructor_without_named_arguments_is_a_clear_error_when_saved():
    class Positional(rnn_cell.RNNCell):
        def __init__(self, *sizes):
            super().__init__()
            self._sizes = sizes

    with pytest.raises(TypeError, match=r"Positional cannot be copied or saved.*\*args"):
        Positional(3).get_config()


# ----- .keras round trip in a fresh process --------------------------------------------------
def keras_models() -> dict[str, tuple[keras.Model, np.ndarray]]:
    """A ``keras.layers.RNN`` model on each public cell, with non-default arguments."""
    floats = np.random.RandomState(0).uniform(-1, 1, [2, 5, 4]).astype("float32")
    ids = np.random.RandomState(1).randint(0, 6, [2, 5, 1]).astype("int32")
    gru = rnn_cell.GRUCell(4)
    cells = {
        "BasicRNNCell": (rnn_cell.BasicRNNCell(4, activation=tf.nn.relu), floats),
        "GRUCell": (
            rnn_cell.GRUCell(
                4,
                kernel_initializer=tf.compat.v1.glorot_uniform_initializer(seed=3),
                bias_initializer=tf.compat.v1.constant_initializer(0.5),
            ),
            floats,
        ),
        "BasicLSTMCell": (rnn_cell.BasicLSTMCell(4, forget_bias=0.5), floats),
        "LSTMCell": (
            rnn_cell.LSTMCell(4, use_peepholes=True, cell_clip=0.5, num_proj=3, proj_clip=0.2),
            floats,
        ),
        "LSTMBlockCell": (rnn_cell.LSTMBlockCell(4, 0.5, 0.4, True), floats),
        "GRUBlockCell": (rnn_cell.GRUBlockCell(cell_size=4), floats),
        "GRUBlockCellV2": (rnn_cell.GRUBlockCellV2(4), floats),
        "LayerNormBasicLSTMCell": (
            rnn_cell.LayerNormBasicLSTMCell(4, forget_bias=0.5, norm_gain=0.9, norm_shift=0.1),
            floats,
        ),
        "CoupledInputForgetGateLSTMCell": (
            rnn_cell.CoupledInputForgetGateLSTMCell(
                4, use_peepholes=True, num_proj=3, proj_clip=0.3, forget_bias=0.5
            ),
            floats,
        ),
        "MultiRNNCell_share": (rnn_cell.MultiRNNCell([gru, gru]), floats),
        "MultiRNNCell_copy": (
            rnn_cell.MultiRNNCell([rnn_cell.GRUCell(4)] * 2, repeated_cells="copy"),
            floats,
        ),
        "DropoutWrapper": (rnn_cell.DropoutWrapper(rnn_cell.GRUCell(4)), floats),
        "ResidualWrapper": (rnn_cell.ResidualWrapper(rnn_cell.GRUCell(4)), floats),
        "DeviceWrapper": (rnn_cell.DeviceWrapper(rnn_cell.GRUCell(4), "/cpu:0"), floats),
        "OutputProjectionWrapper": (
            rnn_cell.OutputProjectionWrapper(rnn_cell.GRUCell(4), 6, activation=tf.nn.softmax),
            floats,
        ),
        "InputProjectionWrapper": (
            rnn_cell.InputProjectionWrapper(rnn_cell.BasicLSTMCell(4), 3, activation=tf.tanh),
            floats,
        ),
        "EmbeddingWrapper": (rnn_cell.EmbeddingWrapper(rnn_cell.GRUCell(4), 6, 3), ids),
    }
    models = {}
    for name, (cell, inputs) in cells.items():
        model = keras.Sequential(
            [keras.Input(inputs.shape[1:], dtype=inputs.dtype), keras.layers.RNN(cell)]
        )
        models[name] = (model, inputs)
    return models


LOAD_PROGRAM = """
import sys
import keras, numpy as np
import legacy2tf2.runtime
from legacy2tf2.runtime import VariableStore
saved = np.load(sys.argv[1] + "/expected.npz")
for name in sys.argv[2:]:
    with VariableStore().as_default():
        model = keras.saving.load_model(f"{sys.argv[1]}/{name}.keras")
        output = np.asarray(model(saved[name + "/inputs"]))
        print(name, len(model.weights), float(np.abs(output - saved[name]).max()))
"""


@pytest.mark.heavy
def test_a_keras_file_of_every_cell_loads_in_a_fresh_process_and_computes_the_same(tmp_path):
    models = keras_models()
    assert {name.split("_")[0] for name in models} == {name for name, _ in public_cells()}
    expected, weights = {}, {}
    for name, (model, inputs) in models.items():
        expected[name] = np.asarray(model(inputs))
        expected[name + "/inputs"] = inputs
        weights[name] = len(model.weights)
        model.save(tmp_path / f"{name}.keras")
    np.savez(tmp_path / "expected.npz", **expected)
    assert weights["MultiRNNCell_share"] == 4 and weights["MultiRNNCell_copy"] == 8

    completed = subprocess.run(
        [sys.executable, "-c", LOAD_PROGRAM, str(tmp_path), *models],
        env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"},
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
    )

    assert completed.returncode == 0, completed.stderr[-3000:]
    loaded = {
        name: (int(count), float(difference))
        for name, count, difference in (
            line.split() for line in completed.stdout.splitlines() if line.split()[0] in models
        )
    }
    assert set(loaded) == set(models)
    for name, (count, difference) in loaded.items():
        assert count == weights[name], name
        assert difference <= 1e-6, f"{name}: outputs differ by {difference}"


@pytest.mark.parametrize(
    ("activation", "saved"),
    [
        (tf.tanh, {"activation": "tanh"}),
        ("relu", "relu"),
        (tf.nn.softmax, {"tensorflow": "nn.softmax"}),
        (None, None),
    ],
    ids=["tf.tanh", "name", "tf.nn.softmax", "none"],
)
def test_activations_are_saved_by_name_and_restored(activation, saved):
    cell = rnn_cell.OutputProjectionWrapper(rnn_cell.GRUCell(4), 6, activation=activation)
    assert cell.get_config()["activation"] == saved
    restored = type(cell).from_config(cell.get_config())
    if activation is tf.nn.softmax:
        assert restored._activation is tf.nn.softmax  # softmax_v2: no Keras name to go by
    assert restored.get_config() == cell.get_config()
