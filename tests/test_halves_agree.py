"""The migrator's rename table names exactly what the runtime provides (the halves never import
each other, so this test is where they meet)."""

import pytest

from legacy2tf2.migrator import renames
from legacy2tf2.migrator.engine import rewrite_source
from legacy2tf2.runtime import legacy_seq2seq, rnn_cell
from legacy2tf2.runtime.rnn_cell import UnsupportedCellError


def test_every_rewritten_function_exists_in_the_runtime():
    assert set(renames.SEQ2SEQ_FUNCTIONS) == set(legacy_seq2seq.__all__)
    for target in renames.FUNCTIONS.values():
        assert callable(getattr(legacy_seq2seq, target.rsplit(".", 1)[1]))


def test_every_rewritten_cell_exists_in_the_runtime():
    assert set(renames.CELL_CLASSES) <= set(rnn_cell.__all__)
    for target in renames.CELLS.values():
        module, name = target.rsplit(".", 1)
        assert module == renames.RUNTIME_RNN_CELL and hasattr(rnn_cell, name)


def test_every_rewritten_rnn_function_exists_in_the_runtime():
    for name in renames.STACKED_RNN_FUNCTIONS:
        target = renames.OTHERS[f"tensorflow.contrib.rnn.{name}"]
        assert target == f"{renames.RUNTIME_RNN_CELL}.{name}" and callable(getattr(rnn_cell, name))


def test_unsupported_cells_have_the_runtime_stand_in():
    assert set(rnn_cell.__all__) == set(renames.CELL_CLASSES) | {
        renames.UNSUPPORTED_CELL_FACTORY,
        "UnsupportedCellError",
        *renames.STACKED_RNN_FUNCTIONS,
    }
    module, name = renames.RUNTIME_UNSUPPORTED.rsplit(".", 1)
    assert module == renames.RUNTIME_RNN_CELL and name == renames.UNSUPPORTED_CELL_FACTORY
    for cell in renames.UNSUPPORTED_CELLS:
        assert rnn_cell.unsupported(cell).__name__ == cell
        assert not hasattr(rnn_cell, cell)  # never a substitute under the TF1 name


PROGRAM = b"""\
import tensorflow as tf
from tensorflow.contrib import rnn


def build(kind, n):
    cell = rnn.NASCell(n) if kind == "nas" else rnn.LSTMCell(n)
    inputs = [tf.ones([2, 3]) for _ in range(4)]
    outputs, state = tf.compat.v1.nn.static_rnn(cell, inputs, dtype=tf.float32)
    return outputs[-1]
"""


def test_migrated_module_imports_and_runs_its_supported_branch():
    migrated = rewrite_source(PROGRAM, "model.py")
    assert [f.code for f in migrated.findings] == ["L2T002"]
    assert b"contrib" not in migrated.source
    namespace: dict = {}
    exec(compile(migrated.source, "model.py", "exec"), namespace)  # the module imports
    assert tuple(namespace["build"]("lstm", 5).shape) == (2, 5)
    with pytest.raises(UnsupportedCellError, match="NASCell"):
        namespace["build"]("nas", 5)


def test_every_rewritten_layer_exists_in_the_runtime():
    import importlib

    from legacy2tf2.migrator import keras_regularizers
    from legacy2tf2.runtime import layers_v1

    names: dict[str, set[str]] = {}
    for target in renames.LAYERS_V1.values():
        module, name = target.rsplit(".", 1)
        assert module in (renames.RUNTIME_LAYERS_V1, *renames.CONTRIB_RUNTIME_MODULES)
        provided = getattr(importlib.import_module(module), name)
        # optimize_loss's two tables (OPTIMIZER_CLS_NAMES, OPTIMIZER_SUMMARIES) are data
        assert callable(provided) or name.startswith("OPTIMIZER_"), name
        names.setdefault(module, set()).add(name)
    # and the one --full wraps the upgrader's Keras regularizers in (migrator/keras_regularizers)
    assert names.pop(renames.RUNTIME_LAYERS_V1) | {keras_regularizers.WRAPPER} == set(
        layers_v1.__all__
    )
    for module, provided_names in names.items():
        assert provided_names <= set(importlib.import_module(module).__all__), module
