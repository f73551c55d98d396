"""Seq2Seq decoding internals that must not change its numbers: the once-transposed output
projection and the loop state that carries logits and attention only when they are returned."""

import numpy as np
import pytest

from legacy2tf2.runtime import Seq2Seq, rnn_cell
from tests.runtime.test_models import translate_model
from tests.runtime.translate_model import decode_fixture


@pytest.fixture(scope="module")
def translate():
    return translate_model()


def test_step_with_the_transposed_projection_gives_tf1s_logits(translate):
    fixture = decode_fixture()
    state, memory = translate.encode(fixture["encoder_inputs"].T)
    go = np.full([fixture["encoder_inputs"].shape[1]], translate.go_id, np.int32)
    projection = translate.decoder.output_projection_weights()
    assert projection[0].shape == (
        translate.decoder.cell.output_size,
        translate.num_decoder_symbols,
    )
    once, _, _ = translate.decoder.step(go, state, memory, projection)
    per_step, _, _ = translate.decoder.step(go, state, memory)
    np.testing.assert_allclose(once.numpy(), per_step.numpy(), rtol=1e-5, atol=1e-5)
    np.testing.assert_allclose(once.numpy(), fixture["logits"][0], rtol=1e-5, atol=1e-5)


def test_every_return_combination_decodes_the_same_tokens(translate):
    encoder = decode_fixture()["encoder_inputs"].T
    plain = translate.generate(encoder, 6, eos_id=None)
    both = translate.generate(encoder, 6, eos_id=None, return_logits=True, return_attention=True)
    logits_only = translate.generate(encoder, 6, eos_id=None, return_logits=True)
    attention_only = translate.generate(encoder, 6, eos_id=None, return_attention=True)
    for result in (both, logits_only, attention_only):
        np.testing.assert_array_equal(result.ids.numpy(), plain.ids.numpy())
        np.testing.assert_allclose(result.scores.numpy(), plain.scores.numpy(), rtol=1e-6)
    assert plain.logits is None and plain.attention is None
    np.testing.assert_array_equal(logits_only.logits.numpy(), both.logits.numpy())
    np.testing.assert_array_equal(attention_only.attention.numpy(), both.attention.numpy())
    # The recorded logits are the ones the tokens were chosen from.
    np.testing.assert_array_equal(both.logits.numpy().argmax(-1), plain.ids.numpy())


def test_without_output_projection_there_is_nothing_to_transpose():
    model = Seq2Seq(rnn_cell.GRUCell(8), 11, 13, 4, output_projection=False)
    assert model.decoder.output_projection_weights() is None
    tokens = np.array([[3, 4, 5], [6, 7, 8]], np.int32)
    result = model.generate(tokens, 4, eos_id=None, return_logits=True)
    assert result.logits.shape == (2, 4, 13)
    np.testing.assert_array_equal(result.logits.numpy().argmax(-1), result.ids.numpy())
    beam = model.generate(tokens, 4, method="beam", beam_width=3, eos_id=None)
    assert beam.ids.shape == (2, 4)
