"""Seq2Seq under SavedModel serving (fresh process), MirroredStrategy and mixed precision."""

import subprocess
import sys
import textwrap

import numpy as np
import pytest

pytestmark = pytest.mark.heavy

COMMON = """
import os
os.environ["TF_CPP_MIN_LOG_LEVEL"] = "2"
import numpy as np, tensorflow as tf, keras
from legacy2tf2.runtime import Seq2Seq, rnn_cell
rng = np.random.default_rng(0)
encoder = rng.integers(3, 12, (8, 5)).astype("int32")
decoder = np.concatenate([np.ones((8, 1), "int32"), encoder[:, ::-1]], 1)
targets = np.concatenate([encoder[:, ::-1], np.full((8, 1), 2, "int32")], 1)
def make():
    keras.utils.set_random_seed(3)
    return Seq2Seq(rnn_cell.GRUCell(16), num_encoder_symbols=12, num_decoder_symbols=12, embedding_size=8)
"""


def run_python(code: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(COMMON) + textwrap.dedent(code)],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


def test_saved_model_serves_the_same_ids_in_a_fresh_process(tmp_path):
    path = tmp_path / "served"
    ids = run_python(f"""
        model = make()
        ids = model.generate(encoder, 6).ids.numpy().tolist()  # compiled decoders exist by now
        model.export_serving({str(path)!r}, max_length=6)
        print(ids)
    """)
    served = run_python(f"""
        loaded = tf.saved_model.load({str(path)!r})
        result = loaded.serve(tf.constant(encoder))
        assert set(result) == {{"ids", "lengths", "scores"}}
        print(result["ids"].numpy().tolist())
    """)
    assert served.strip().splitlines()[-1] == ids.strip().splitlines()[-1]


def test_mirrored_strategy_on_two_devices_gives_the_single_device_loss():
    output = run_python("""
        cpu = tf.config.list_physical_devices("CPU")[0]
        tf.config.set_logical_device_configuration(cpu, [tf.config.LogicalDeviceConfiguration()] * 2)
        def train(strategy):
            with strategy.scope():
                model = make()
                model.compile(optimizer=keras.optimizers.SGD(0.5))
            history = model.fit((encoder, decoder), targets, batch_size=8, epochs=3, verbose=0, shuffle=False)
            return history.history["loss"]
        single = train(tf.distribute.OneDeviceStrategy("/cpu:0"))
        mirrored_strategy = tf.distribute.MirroredStrategy(["/cpu:0", "/cpu:1"])
        assert mirrored_strategy.num_replicas_in_sync == 2
        mirrored = train(mirrored_strategy)
        print(single)
        print(mirrored)
    """)
    single, mirrored = (eval(line) for line in output.strip().splitlines()[-2:])
    np.testing.assert_allclose(mirrored, single, rtol=1e-4, atol=1e-5)
    assert single[-1] < single[0]


def test_mixed_float16_policy_trains_in_half_precision():
    output = run_python("""
        keras.mixed_precision.set_global_policy("mixed_float16")
        model = make()
        logits = model((encoder, decoder))
        assert logits.dtype == tf.float16, logits.dtype
        assert all(v.dtype == "float32" for v in model.trainable_variables)
        model.compile(optimizer=keras.optimizers.Adam(0.02))
        history = model.fit((encoder, decoder), targets, batch_size=8, epochs=10, verbose=0)
        print(history.history["loss"])
    """)
    losses = eval(output.strip().splitlines()[-1])
    assert np.isfinite(losses).all() and losses[-1] < losses[0]
