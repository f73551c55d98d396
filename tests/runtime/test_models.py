"""Seq2Seq: TF1's numbers from the TF1 checkpoint, teacher forcing equal to the function API,
fit, generate, .keras round trip and errors."""

import json

import keras
import numpy as np
import pytest
import tensorflow as tf

from legacy2tf2 import parity_replay as parity
from legacy2tf2.runtime import DecodeResult, Seq2Seq, legacy_seq2seq, rnn_cell
from tests.runtime.test_parity import CASES_DIR
from tests.runtime.translate_model import CHECKPOINT_DIR, CONFIG, decode_fixture

TOLERANCE = {"rtol": 1e-5, "atol": 1e-5}


def translate_model() -> Seq2Seq:
    cell = rnn_cell.MultiRNNCell(
        [rnn_cell.GRUCell(CONFIG["size"]) for _ in range(CONFIG["num_layers"])]
    )
    return Seq2Seq.from_tf1_checkpoint(
        CHECKPOINT_DIR,
        cell,
        num_encoder_symbols=CONFIG["src_vocab"],
        num_decoder_symbols=CONFIG["tgt_vocab"],
        embedding_size=CONFIG["size"],
    )


@pytest.fixture(scope="module")
def translate():
    return translate_model()


@pytest.mark.parametrize("jit_compile", [None, False, True], ids=["default", "function", "xla"])
def test_tf1_checkpoint_decodes_identically(translate, jit_compile):
    fixture = decode_fixture()
    steps = fixture["logits"].shape[0]
    options = {} if jit_compile is None else {"jit_compile": jit_compile}
    result = translate.generate(
        fixture["encoder_inputs"].T, max_length=steps, eos_id=None, return_logits=True, **options
    )
    np.testing.assert_allclose(
        np.transpose(result.logits.numpy(), [1, 0, 2]), fixture["logits"], **TOLERANCE
    )
    np.testing.assert_array_equal(result.ids.numpy().T, fixture["tokens"])


def test_weights_carry_the_tf1_names(translate):
    names = sorted(translate.store.names())
    expected = json.loads((CHECKPOINT_DIR / "model.json").read_text())["trainable_variables"]
    assert names == sorted(expected)
    assert len(translate.trainable_variables) == len(expected)


def test_beam_of_one_equals_greedy_and_beam_returns_n_best(translate):
    encoder = decode_fixture()["encoder_inputs"].T
    greedy = translate.generate(encoder, 6)
    beam1 = translate.generate(encoder, 6, method="beam", beam_width=1)
    np.testing.assert_array_equal(beam1.ids.numpy(), greedy.ids.numpy())
    beam = translate.generate(encoder, 6, method="beam", beam_width=3, n_best=2, length_penalty=0.6)
    assert isinstance(beam, DecodeResult) and beam.ids.shape == (4, 2, 6)


def test_attention_weights_are_returned_and_plot(translate, tmp_path):
    encoder = decode_fixture()["encoder_inputs"].T
    result = translate.generate(encoder, 6, return_attention=True)
    weights = result.attention.numpy()
    assert weights.shape == (4, 6, 1, 5)
    np.testing.assert_allclose(weights.sum(-1)[:, : int(result.lengths[0])], 1.0, rtol=1e-5)
    pytest.importorskip("matplotlib")
    from legacy2tf2.runtime import plot_attention

    figure = plot_attention(weights[0], [f"s{i}" for i in range(5)], [f"t{i}" for i in range(6)])
    figure.savefig(tmp_path / "attention.png")
    assert (tmp_path / "attention.png").stat().st_size > 1000


NO_PROJECTION_CASES = [
    "embedding_attention_seq2seq__gru__h1",
    "embedding_attention_seq2seq__basiclstm__h1",
    "embedding_attention_seq2seq__lstm__h1",
    "embedding_attention_seq2seq__multi__h1",
    "embedding_attention_seq2seq__gru__h3",
]


@pytest.mark.parametrize("name", NO_PROJECTION_CASES)
def test_teacher_forcing_equals_the_tf1_reference(name):
    case = parity.load_case(CASES_DIR / f"{name}.json")
    args = case.spec["call"]["args"]
    model = Seq2Seq(
        parity.build_cell(args["cell"]["$cell"]),
        args["num_encoder_symbols"],
        args["num_decoder_symbols"],
        args["embedding_size"],
        num_heads=args["num_heads"],
        output_projection=False,
    )
    assert sorted(model.store.names()) == sorted(case.variable_names)
    model.store.assign({n: case.arrays[f"var/{n}"] for n in case.variable_names})
    logits = model((case.arrays["input/encoder_inputs"].T, case.arrays["input/decoder_inputs"].T))
    np.testing.assert_allclose(
        np.transpose(logits.numpy(), [1, 0, 2]),
        case.arrays["out/outputs"],
        **case.spec["tolerance"],
    )


def toy_data(rng, batch=16, source=5, target=6, vocab=12):
    encoder = rng.integers(3, vocab, (batch, source)).astype("int32")
    decoder = np.concatenate(
        [np.ones((batch, 1), "int32"), encoder[:, ::-1], np.full((batch, 1), 2, "int32")], 1
    )
    return encoder, decoder[:, :-1], decoder[:, 1:], np.ones((batch, target), "float32")


def toy_model(**overrides):
    config = dict(num_encoder_symbols=12, num_decoder_symbols=12, embedding_size=8)
    config.update(overrides)
    return Seq2Seq(rnn_cell.GRUCell(16), **config)


def test_compiled_without_loss_trains_with_tf1_sequence_loss():
    rng = np.random.default_rng(0)
    encoder, decoder_in, targets, weights = toy_data(rng)
    weights[:, -2:] = 0.0
    model = toy_model()
    logits = model((encoder, decoder_in))
    ours = model.compute_loss(y=targets, y_pred=logits, sample_weight=weights)
    tf1 = legacy_seq2seq.sequence_loss(
        tf.unstack(logits, axis=1), tf.unstack(targets, axis=1), tf.unstack(weights, axis=1)
    )
    np.testing.assert_allclose(float(ours), float(tf1), rtol=1e-6)
    model.compile(optimizer=keras.optimizers.Adam(0.02))
    history = model.fit(
        (encoder, decoder_in), targets, sample_weight=weights, epochs=15, batch_size=8, verbose=0
    )
    assert history.history["loss"][-1] < 0.8 * history.history["loss"][0]


def test_keras_file_round_trip_keeps_weights_and_decoding(tmp_path):
    rng = np.random.default_rng(1)
    encoder = toy_data(rng)[0]
    model = toy_model(num_heads=2)
    before = model.generate(encoder, 5).ids.numpy()
    model.save(tmp_path / "model.keras")
    restored = keras.saving.load_model(tmp_path / "model.keras")
    assert isinstance(restored, Seq2Seq)
    np.testing.assert_array_equal(restored.generate(encoder, 5).ids.numpy(), before)


def test_padding_is_masked_when_asked():
    model = toy_model(pad_id=0)
    encoder = np.array([[5, 6, 7, 0, 0]], "int32")
    result = model.generate(encoder, 4, return_attention=True)
    np.testing.assert_allclose(result.attention.numpy()[0, :, 0, 3:], 0.0, atol=1e-6)


def test_bad_generate_arguments_are_named():
    model = toy_model()
    encoder = np.array([[3, 4]], "int32")
    with pytest.raises(
        ValueError, match=r"`eos_id` must be a token id in \[0, 12\). Received: eos_id=40"
    ):
        model.generate(encoder, 4, eos_id=40)
    with pytest.raises(ValueError, match=r"`beam_width` must be >= 1"):
        model.generate(encoder, 4, method="beam", beam_width=0)
    with pytest.raises(ValueError, match=r"`max_length` must be >= 1"):
        model.generate(encoder, 0)
    with pytest.raises(ValueError, match=r"`method` must be one of"):
        model.generate(encoder, 4, method="nucleus")
    with pytest.raises(ValueError, match=r"`num_heads` must be a positive integer"):
        toy_model(num_heads=0)
