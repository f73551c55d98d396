"""Places where a careless call used to give wrong numbers without an error, each one now exact or loud."""

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import tensorflow as tf

from legacy2tf2.runtime import Seq2Seq, VariableStore, decoding, legacy_seq2seq, rnn_cell
from legacy2tf2.runtime.checkpoint import load_tf1_checkpoint, resolve_checkpoint_path
from tests.runtime.translate_model import (
    CHECKPOINT_DIR,
    build_translate_model,
    decode_fixture,
    tf1_get_variable,
)

TOLERANCE = {"rtol": 1e-5, "atol": 1e-5}


# ----- the user's own tf.compat.v1.get_variable finds the checkpoint's variables ---------------
def test_user_get_variable_finds_loaded_projection_eagerly():
    fixture = decode_fixture()
    store = VariableStore()
    with store.as_default():
        load_tf1_checkpoint(CHECKPOINT_DIR)
        logits, loss = build_translate_model(fixture, tf1_get_variable)
    assert len(store) == 28  # nothing created beside the checkpoint's variables
    np.testing.assert_allclose(tf.stack(logits).numpy(), fixture["logits"], **TOLERANCE)
    np.testing.assert_allclose(loss.numpy(), fixture["loss"], **TOLERANCE)


def test_user_get_variable_finds_loaded_projection_in_tf_function():
    fixture = decode_fixture()
    store = VariableStore()
    with store.as_default():
        load_tf1_checkpoint(CHECKPOINT_DIR)
        run = tf.function(lambda: build_translate_model(fixture, tf1_get_variable))
        logits, loss = run()
    assert len(store) == 28
    np.testing.assert_allclose(tf.stack(logits).numpy(), fixture["logits"], **TOLERANCE)
    np.testing.assert_allclose(loss.numpy(), fixture["loss"], **TOLERANCE)


def test_user_get_variable_is_restored_by_saver_in_graph_mode():
    fixture = decode_fixture()
    with tf.Graph().as_default():
        logits, _ = build_translate_model(fixture, tf1_get_variable)
        with tf.compat.v1.Session() as session:
            tf.compat.v1.train.Saver().restore(session, resolve_checkpoint_path(CHECKPOINT_DIR))
            value = session.run(tf.stack(logits))
    np.testing.assert_allclose(value, fixture["logits"], **TOLERANCE)


def test_user_get_variable_is_reused_and_trained_through_the_store():
    store = VariableStore()
    with store.as_default():
        first = tf.compat.v1.get_variable("head/w", [3, 2])
        with tf.compat.v1.variable_scope("head", reuse=True):
            again = tf.compat.v1.get_variable("w", [3, 2])
        constant = tf.compat.v1.get_variable("c", initializer=tf.constant([1.0, 2.0]))
        with pytest.raises(ValueError, match=r"head/w.*\[4, 2\].*\[3, 2\]"):
            tf.compat.v1.get_variable("head/w", [4, 2])
    assert first is again is store["head/w"]
    assert store.names() == ["head/w", "c"]
    np.testing.assert_array_equal(constant.numpy(), [1.0, 2.0])


# ----- decoding options: Python and NumPy integers alike, checked once -------------------------
def tiny_model(**overrides) -> Seq2Seq:
    config = dict(num_encoder_symbols=12, num_decoder_symbols=12, embedding_size=8)
    config.update(overrides)
    return Seq2Seq(rnn_cell.GRUCell(8), **config)


def eos_first_model() -> Seq2Seq:
    """Every row emits EOS (2) at its first step, so early exit leaves most steps unrun."""
    model = tiny_model()
    model.decoder.proj_b.assign(np.eye(12, dtype="float32")[2] * 100.0)
    return model


SOURCE = np.array([[3, 4, 5], [6, 7, 8]], "int32")


@pytest.mark.parametrize("integer", [int, np.int64, np.int32, np.uint8])
def test_numpy_max_length_gives_max_length_columns_and_one_cached_decoder(integer):
    model = eos_first_model()
    assert model.generate(SOURCE, max_length=integer(5)).ids.shape == (2, 5)
    assert model.generate(SOURCE, max_length=5).ids.shape == (2, 5)
    assert len(model._generators) == 1


def test_numpy_options_are_accepted_and_normalised():
    model = tiny_model()
    beam = model.generate(
        SOURCE,
        np.int64(4),
        method="beam",
        beam_width=np.int32(3),
        n_best=np.int64(2),
        min_length=np.int64(1),
        eos_id=np.int64(2),
        start_id=np.int16(1),
        length_penalty=np.float32(0.5),
    )
    assert beam.ids.shape == (2, 2, 4)
    sampled = model.generate(
        SOURCE, 4, method="sample", top_k=np.int64(3), temperature=np.float64(0.5), seed=np.int64(1)
    )
    assert sampled.ids.shape == (2, 4)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"max_length": np.int64(-1)}, r"`max_length` must be >= 1. Received: max_length=-1"),
        ({"max_length": np.int64(0)}, r"`max_length` must be >= 1"),
        ({"max_length": True}, r"`max_length` must be an integer"),
        ({"max_length": 5.0}, r"`max_length` must be an integer"),
        ({"beam_width": np.int64(0), "method": "beam"}, r"`beam_width` must be >= 1"),
        ({"beam_width": True, "method": "beam"}, r"`beam_width` must be an integer"),
        ({"n_best": np.int64(3), "beam_width": 2, "method": "beam"}, r"`n_best` must be in"),
        ({"top_k": np.int64(0), "method": "sample"}, r"`top_k` must be in \[1, 13\)"),
        ({"top_k": 13, "method": "sample"}, r"`top_k` must be in \[1, 13\)"),
        ({"min_length": np.int64(-2)}, r"`min_length` must be >= 0"),
        ({"eos_id": np.int64(12)}, r"`eos_id` must be a token id in \[0, 12\)"),
        ({"eos_id": False}, r"`eos_id` must be an integer"),
        ({"start_id": np.int64(-1)}, r"`start_id` must be a token id in \[0, 12\)"),
        ({"start_id": 40}, r"`start_id` must be a token id in \[0, 12\). Received: start_id=40"),
        ({"temperature": 0.0, "method": "sample"}, r"`temperature` must be > 0"),
        ({"return_attention": 1}, r"`return_attention` must be True or False"),
    ],
)
def test_bad_options_are_named(options, message):
    options = {"max_length": 4, **options}
    with pytest.raises(ValueError, match=message):
        tiny_model().generate(SOURCE, **options)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"n_best": 2}, r"`n_best` is read by method='beam' only; method='greedy'"),
        ({"beam_width": 8, "method": "sample"}, r"`beam_width` is read by method='beam' only"),
        ({"length_penalty": 0.6}, r"`length_penalty` is read by method='beam' only"),
        ({"top_k": 3}, r"`top_k` is read by method='sample' only"),
        ({"temperature": 0.5, "method": "beam"}, r"`temperature` is read by method='sample'"),
        ({"seed": 1}, r"`seed` is read by method='sample' only"),
    ],
)
def test_options_the_method_would_ignore_are_refused(options, message):
    with pytest.raises(ValueError, match=message):
        tiny_model().generate(SOURCE, 4, **options)


def test_engine_takes_numpy_max_length_as_a_static_length():
    def step(tokens, state, time):
        return tf.one_hot(tf.fill(tf.shape(tokens), 2), 5), state  # EOS at once

    start = tf.constant([1, 1])
    result = decoding.greedy_decode(step, start, tf.zeros([2]), np.int64(4), eos_id=np.int64(2))
    assert result.ids.shape == (2, 4)
    beam = decoding.beam_search_decode(step, start, tf.zeros([2]), np.int64(2), np.int32(4), 2)
    assert beam.ids.shape == (2, 4)
    with pytest.raises(ValueError, match=r"`max_length` must be >= 1"):
        decoding.greedy_decode(step, start, tf.zeros([2]), np.int64(-3))


# ----- tokens: integers only, inside the vocabulary --------------------------------------------
def test_float_tokens_are_refused_not_truncated():
    model = tiny_model()
    with pytest.raises(ValueError, match=r"`encoder_tokens` must hold integer token ids"):
        model.generate(np.full((2, 3), 3.7), 4)
    with pytest.raises(ValueError, match=r"`decoder_tokens` must hold integer token ids"):
        model((SOURCE, np.full((2, 3), 1.0)))
    with pytest.raises(ValueError, match=r"`encoder_inputs\[0\]` must hold integer token ids"):
        legacy_seq2seq.embedding_rnn_seq2seq(
            [np.array([3.7, 3.2])], [tf.constant([1, 1])], rnn_cell.GRUCell(4), 12, 12, 4
        )


def test_out_of_vocabulary_tokens_are_named_eagerly():
    model = tiny_model()
    with pytest.raises(ValueError, match=r"`encoder_tokens` holds token id 12, outside"):
        model.generate(np.array([[3, 12]]), 4)
    with pytest.raises(ValueError, match=r"`encoder_tokens` holds token id -1"):
        model((np.array([[3, -1]]), np.array([[1, 3]])))
    with pytest.raises(ValueError, match=r"`decoder_tokens` holds token id 30"):
        model((np.array([[3, 4]]), np.array([[1, 30]])))


def test_out_of_vocabulary_tokens_fail_at_run_time_in_a_graph():
    model = tiny_model()
    call = tf.function(lambda source, target: model((source, target)))
    call(tf.constant([[3, 4]]), tf.constant([[1, 3]]))  # in range: fine
    with pytest.raises(tf.errors.InvalidArgumentError, match="`encoder_tokens` holds a token id"):
        call(tf.constant([[3, 12]]), tf.constant([[1, 3]]))
    with pytest.raises(tf.errors.InvalidArgumentError, match="`decoder_tokens` holds a token id"):
        call(tf.constant([[3, 4]]), tf.constant([[1, 22]]))


# ----- sampling: a seed is an input, the same seed the same tokens -----------------------------
@pytest.mark.parametrize("jit_compile", [False, True], ids=["function", "xla"])
def test_same_seed_same_tokens_and_no_new_decoder_per_seed(jit_compile):
    model = tiny_model()
    source = np.tile(SOURCE, (4, 1))

    def sample(seed):
        options = dict(method="sample", temperature=5.0, seed=seed, jit_compile=jit_compile)
        return model.generate(source, 8, eos_id=None, **options).ids.numpy()

    first = sample(7)
    np.testing.assert_array_equal(sample(7), first)
    assert not np.array_equal(sample(8), first)
    np.testing.assert_array_equal(sample(7), first)
    assert len(model._generators) == 1


# ----- DropoutWrapper: seeded masks per process, keep probabilities checked ---------------------
MASKS_PROGRAM = """
import numpy as np, tensorflow as tf
from legacy2tf2.runtime import rnn_cell
cell = rnn_cell.DropoutWrapper(
    rnn_cell.GRUCell(6), input_keep_prob=0.5, output_keep_prob=0.5, state_keep_prob=0.5, seed=11
)
output, state = cell(tf.ones([3, 6]), cell.zero_state(3, tf.float32))
print(np.array2string(np.concatenate([output.numpy() == 0, state.numpy() == 0]).astype(int)))
"""


def run_masks_program(hash_seed: str) -> str:
    env = {**os.environ, "PYTHONHASHSEED": hash_seed, "TF_CPP_MIN_LOG_LEVEL": "3"}
    completed = subprocess.run(
        [sys.executable, "-c", MASKS_PROGRAM],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    return completed.stdout


@pytest.mark.heavy
def test_seeded_dropout_masks_are_the_same_in_every_process():
    first, second = run_masks_program("1"), run_masks_program("2")
    assert "1" in first and "0" in first  # some units dropped, some kept
    assert first == second


def test_numpy_and_constant_keep_probabilities_are_checked_at_construction():
    for bad in (np.float32(1.5), np.float64(0.0), tf.constant(0.0), tf.constant(1.5), -0.5, True):
        with pytest.raises(ValueError, match=r"`output_keep_prob` must be"):
            rnn_cell.DropoutWrapper(rnn_cell.GRUCell(4), output_keep_prob=bad)
    with pytest.raises(ValueError, match=r"`input_keep_prob` must be a scalar"):
        rnn_cell.DropoutWrapper(rnn_cell.GRUCell(4), input_keep_prob=np.array([0.5, 0.5]))
    kept = rnn_cell.DropoutWrapper(rnn_cell.GRUCell(4), output_keep_prob=np.float32(1.0))
    output, _ = kept(tf.ones([2, 3]), kept.zero_state(2, tf.float32))
    assert not np.isnan(output.numpy()).any()
    graph_error = r"`state_keep_prob` must be between 0 and 1"
    with tf.Graph().as_default(), pytest.raises(ValueError, match=graph_error):
        rnn_cell.DropoutWrapper(rnn_cell.GRUCell(4), state_keep_prob=tf.constant(0.0))


def test_a_fed_keep_probability_is_checked_when_the_cell_runs():
    with tf.Graph().as_default():
        keep = tf.compat.v1.placeholder_with_default(1.0, [])
        cell = rnn_cell.DropoutWrapper(rnn_cell.GRUCell(4), output_keep_prob=keep)
        output, _ = cell(tf.ones([2, 3]), cell.zero_state(2, tf.float32))
        with tf.compat.v1.Session() as session:
            session.run(tf.compat.v1.global_variables_initializer())
            session.run(output, {keep: 0.5})
            with pytest.raises(tf.errors.InvalidArgumentError, match="`output_keep_prob`"):
                session.run(output, {keep: 0.0})


@pytest.mark.parametrize("mode", ["eager", "function"])
def test_a_keep_probability_variable_is_checked_when_the_cell_runs(mode):
    keep = tf.Variable(0.5)
    cell = rnn_cell.DropoutWrapper(rnn_cell.GRUCell(4), input_keep_prob=keep)

    def run():
        return cell(tf.ones([2, 3]), cell.zero_state(2, tf.float32))[0]

    run = tf.function(run) if mode == "function" else run
    run()
    keep.assign(0.0)
    with pytest.raises(tf.errors.InvalidArgumentError, match="`input_keep_prob`"):
        run()


# ----- export_serving: every generate option, the same result as generate ----------------------
def served_equals_generated(served: dict, generated: decoding.DecodeResult) -> None:
    np.testing.assert_array_equal(served["ids"].numpy(), generated.ids.numpy())
    np.testing.assert_array_equal(served["lengths"].numpy(), generated.lengths.numpy())
    np.testing.assert_allclose(served["scores"].numpy(), generated.scores.numpy(), rtol=1e-5)
    for name in ("attention", "logits"):
        expected = getattr(generated, name)
        if expected is None:
            assert name not in served
        else:
            np.testing.assert_allclose(served[name].numpy(), expected.numpy(), atol=1e-6)


def test_export_serving_takes_generate_options_and_serves_what_was_asked(tmp_path):
    model = tiny_model()
    greedy = dict(start_id=np.int64(3), return_attention=True, return_logits=True)
    beam = dict(method="beam", beam_width=3, n_best=2, return_attention=True)
    for name, options in (("greedy", greedy), ("beam", beam)):
        model.export_serving(tmp_path / name, 5, **options)
        loaded = tf.saved_model.load(str(tmp_path / name))  # keeps the variables alive
        for source in (SOURCE, np.zeros((0, 3), "int32"), np.zeros((2, 0), "int32")):
            served = loaded.serve(tf.constant(source))
            served_equals_generated(served, model.generate(source, 5, **options))
    with pytest.raises(ValueError, match=r"`n_best` is read by method='beam' only"):
        model.export_serving(tmp_path / "bad", 5, n_best=2)
    with pytest.raises(TypeError, match="bogus"):
        model.export_serving(tmp_path / "bad", 5, bogus=1)


def test_served_function_checks_source_tokens(tmp_path):
    model = tiny_model()
    model.export_serving(tmp_path / "served", 4)
    loaded = tf.saved_model.load(str(tmp_path / "served"))
    with pytest.raises(tf.errors.InvalidArgumentError, match="`encoder_tokens` holds a token id"):
        loaded.serve(tf.constant([[3, 12]]))


SERVED_TRANSLATE_PROGRAM = """
import sys
import numpy as np, tensorflow as tf
loaded = tf.saved_model.load(sys.argv[1])
with np.load(sys.argv[2]) as fixture:
    result = loaded.serve(tf.constant(fixture["encoder_inputs"].T))
    np.testing.assert_array_equal(result["ids"].numpy().T, fixture["tokens"])
    logits = np.transpose(result["logits"].numpy(), [1, 0, 2])
    np.testing.assert_allclose(logits, fixture["logits"], rtol=1e-5, atol=1e-5)
assert not [name for name in sys.modules if name.startswith("legacy2tf2")]
print("served tokens equal TF1's")
"""


@pytest.mark.heavy
def test_served_translate_checkpoint_reproduces_tf1_with_tensorflow_alone(tmp_path):
    from tests.runtime.test_models import translate_model

    steps = decode_fixture()["logits"].shape[0]
    translate_model().export_serving(tmp_path / "served", steps, eos_id=None, return_logits=True)
    completed = subprocess.run(
        [
            sys.executable,
            "-c",
            SERVED_TRANSLATE_PROGRAM,
            str(tmp_path / "served"),
            str(CHECKPOINT_DIR / "decode.npz"),
        ],
        env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"},
        capture_output=True,
        text=True,
        timeout=300,
        cwd=tmp_path,
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    assert "served tokens equal TF1's" in completed.stdout


# ----- saving: .keras loads back in a fresh process, .h5 is refused -----------------------------
LOAD_PROGRAM = """
import sys
import keras, numpy as np
import legacy2tf2.runtime
model = keras.saving.load_model(sys.argv[1])
print(model.generate(np.array([[3, 4, 5]]), 4).ids.numpy().tolist())
"""


@pytest.mark.heavy
def test_keras_file_loads_in_a_fresh_process(tmp_path):
    cell = rnn_cell.MultiRNNCell([rnn_cell.GRUCell(8), rnn_cell.LSTMCell(8)])
    model = Seq2Seq(cell, 12, 12, 8, num_heads=2)
    model.save(tmp_path / "model.keras")
    completed = subprocess.run(
        [sys.executable, "-c", LOAD_PROGRAM, str(tmp_path / "model.keras")],
        env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"},
        capture_output=True,
        text=True,
        timeout=300,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    expected = model.generate(np.array([[3, 4, 5]]), 4).ids.numpy().tolist()
    assert completed.stdout.strip().splitlines()[-1] == str(expected)


def test_hdf5_save_is_refused_pointing_to_keras(tmp_path):
    for name in ("model.h5", "model.HDF5"):
        with pytest.raises(ValueError, match=r"Save to a `\.keras` file instead"):
            tiny_model().save(tmp_path / name)
        assert not (tmp_path / name).exists()


def test_model_sizes_and_ids_take_numpy_integers_and_are_checked():
    model = Seq2Seq(
        rnn_cell.GRUCell(8), np.int64(12), np.int32(12), np.int64(8), go_id=np.int64(1), pad_id=0
    )
    config = model.get_config()
    assert all(type(config[key]) is int for key in ("num_encoder_symbols", "go_id", "pad_id"))
    assert model.generate(SOURCE, 3).ids.shape == (2, 3)
    with pytest.raises(ValueError, match=r"`pad_id` must be a token id in \[0, 12\)"):
        tiny_model(pad_id=12)
    with pytest.raises(ValueError, match=r"`num_decoder_symbols` must be >= 1"):
        tiny_model(num_decoder_symbols=0)
    with pytest.raises(ValueError, match=r"`go_id` must be an integer"):
        tiny_model(go_id=True)
