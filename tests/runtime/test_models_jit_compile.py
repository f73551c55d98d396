"""``generate``'s ``jit_compile``: ``"auto"`` follows Keras's rule, falls back to the plain
``tf.function`` (with a warning) when XLA cannot compile the decoder, and XLA decodes the TF1
checkpoint's tokens."""

import warnings

import numpy as np
import pytest
import tensorflow as tf
from tensorflow.python.framework import config as tf_config

from legacy2tf2.runtime import Seq2Seq, _decode_options, models, rnn_cell
from tests.runtime.test_models import translate_model
from tests.runtime.translate_model import decode_fixture

SOURCE = np.array([[3, 4, 5], [6, 7, 8]], np.int32)
CPU = tf.config.PhysicalDevice("/physical_device:CPU:0", "CPU")
GPU = tf.config.PhysicalDevice("/physical_device:GPU:0", "GPU")


def tiny_model() -> Seq2Seq:
    tf.keras.utils.set_random_seed(0)
    return Seq2Seq(rnn_cell.GRUCell(8), 11, 13, 4)


def test_auto_uses_xla_only_where_keras_would(monkeypatch):
    devices = [CPU]
    monkeypatch.setattr(tf.config, "list_physical_devices", lambda *_: devices)
    assert _decode_options.xla_by_default() is False  # CPU only
    devices.append(GPU)
    assert _decode_options.xla_by_default() is True
    with tf.distribute.OneDeviceStrategy("/cpu:0").scope():
        assert _decode_options.xla_by_default() is False
    tf.config.experimental.enable_op_determinism()
    try:
        assert _decode_options.xla_by_default() is False
    finally:
        tf_config.disable_op_determinism()


@pytest.mark.parametrize("value", ["xla", "Auto", 1, None])
def test_jit_compile_takes_auto_true_or_false(value):
    with pytest.raises(ValueError, match='`jit_compile` must be "auto", True or False'):
        tiny_model().generate(SOURCE, 4, jit_compile=value)


def with_python_op(model: Seq2Seq, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the model's decoder hold an op XLA has no kernel for (a Python function)."""
    decode = model._decode

    def decode_with_python_op(tokens, start, seed, options):
        start += tf.py_function(lambda: 0, [], tf.int32)
        return decode(tokens, start, seed, options)

    monkeypatch.setattr(model, "_decode", decode_with_python_op)


def test_auto_falls_back_to_the_plain_function_with_a_warning(monkeypatch):
    model = tiny_model()
    expected = model.generate(SOURCE, 4, jit_compile=False)
    with_python_op(model, monkeypatch)
    monkeypatch.setattr(models, "xla_by_default", lambda: True)
    with pytest.warns(RuntimeWarning, match="XLA could not compile or run this decoder"):
        first = model.generate(SOURCE, 4)
    np.testing.assert_array_equal(first.ids.numpy(), expected.ids.numpy())
    np.testing.assert_array_equal(first.scores.numpy(), expected.scores.numpy())
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        again = model.generate(SOURCE, 4)  # once fallen back, no second warning
    np.testing.assert_array_equal(again.ids.numpy(), expected.ids.numpy())
    with pytest.raises(tf.errors.OpError):
        model.generate(SOURCE, 4, jit_compile=True)  # asked for XLA: its error, no fallback


def test_auto_without_an_accelerator_never_tries_xla(monkeypatch):
    model = tiny_model()
    expected = model.generate(SOURCE, 4, jit_compile=False)
    with_python_op(model, monkeypatch)
    monkeypatch.setattr(models, "xla_by_default", lambda: False)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no XLA attempt, so no fallback warning
        result = model.generate(SOURCE, 4)
    np.testing.assert_array_equal(result.ids.numpy(), expected.ids.numpy())


def test_beam_search_with_xla_keeps_the_tf1_checkpoints_tokens():
    model = translate_model()
    encoder = decode_fixture()["encoder_inputs"].T
    options = dict(method="beam", beam_width=3, n_best=2, length_penalty=0.6, eos_id=None)
    plain = model.generate(encoder, 8, jit_compile=False, **options)
    xla = model.generate(encoder, 8, jit_compile=True, **options)
    np.testing.assert_array_equal(xla.ids.numpy(), plain.ids.numpy())
    np.testing.assert_array_equal(xla.lengths.numpy(), plain.lengths.numpy())
    np.testing.assert_allclose(xla.scores.numpy(), plain.scores.numpy(), rtol=1e-5, atol=1e-5)
