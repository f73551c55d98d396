"""The name mapping alone: TF 0.x and TF 1.0/1.1 names as public reports quote them, refusals."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from legacy2tf2.checkpoints.names import TF0, TF1_0, TF1_2, CheckpointNameError, plan_names
from tests.checkpoints.tf1_names import all_names

TRANSLATE_MODEL = (
    Path(__file__).resolve().parents[2]
    / "fixtures"
    / "parity"
    / "checkpoints"
    / "translate_gru"
    / "model.json"
)


def test_names_already_tf1_2_map_to_themselves():
    names = [name for name, _ in json.loads(TRANSLATE_MODEL.read_text())["global_variables"]]
    plan = plan_names(names)
    assert plan.convention == TF1_2
    assert plan.renamed == []
    assert plan.names == {name: name for name in names}


@pytest.mark.parametrize(("column", "convention"), [(0, TF0), (1, TF1_0)])
def test_every_old_name_of_the_three_models_maps_to_the_runtime_name(column, convention):
    plan = plan_names(names[column] for names in all_names())
    assert plan.convention == convention
    assert plan.names == {names[column]: names[2] for names in all_names()}


@pytest.mark.parametrize(
    ("old", "new"),
    [
        pytest.param(
            # tensorflow/models#669 (TF 0.9 textsum)
            "seq2seq/encoder3/BiRNN/FW/LSTMCell/W_0",
            "seq2seq/encoder3/bidirectional_rnn/fw/lstm_cell/kernel",
            id="0.x bidirectional LSTMCell",
        ),
        pytest.param(
            # tensorflow/tensorflow#7664 (TF 0.12 -> 1.0)
            "rnn/rnn/MultiRNNCell/Cell1/BasicLSTMCell/Linear/Bias",
            "rnn/rnn/multi_rnn_cell/cell_1/basic_lstm_cell/bias",
            id="0.12 dynamic_rnn in the program's own rnn scope",
        ),
        pytest.param(
            # the 1.0-1.1 -> 1.2 rename of the TF 1.2 release notes (tensorflow/tensorflow#12289)
            "LSTM/basic_lstm_cell/weights",
            "LSTM/basic_lstm_cell/kernel",
            id="1.1 BasicLSTMCell in the program's own scope",
        ),
        pytest.param(
            "lstm/basic_lstm_cell/biases/Momentum",
            "lstm/basic_lstm_cell/bias/Momentum",
            id="an optimizer slot follows its variable",
        ),
    ],
)
def test_names_quoted_in_public_reports(old, new):
    assert plan_names([old]).names == {old: new}


def test_a_0x_encoder_cell_moves_under_the_embedding_wrapper_next_to_it():
    # tensorflow/models#938 (TF 0.x): the EmbeddingWrapper's embedding next to the cell it wraps
    embedding = "embedding_attention_seq2seq/RNN/EmbeddingWrapper/embedding"
    # tensorflow/tensorflow#5575 (TF 0.11, the translate tutorial)
    kernel = "embedding_attention_seq2seq/RNN/MultiRNNCell/Cell2/GRUCell/Gates/Linear/Matrix"
    assert plan_names([embedding, kernel]).names == {
        embedding: "embedding_attention_seq2seq/rnn/embedding_wrapper/embedding",
        kernel: "embedding_attention_seq2seq/rnn/embedding_wrapper/multi_rnn_cell/cell_2/"
        "gru_cell/gates/kernel",
    }


def test_the_programs_own_variables_are_kept_even_when_called_weights():
    names = ["fully_connected/weights", "fully_connected/biases", "global_step", "rnn/gru_cell/"
             "gates/weights", "rnn/gru_cell/gates/biases"]  # fmt: skip
    renamed = dict(plan_names(names).renamed)
    assert "fully_connected/weights" not in renamed and "global_step" not in renamed
    assert renamed["rnn/gru_cell/gates/weights"] == "rnn/gru_cell/gates/kernel"


def test_a_0x_linear_in_the_programs_own_scope_is_kept():
    # the migrated program's layers_v1.rnn_linear_tf0 creates these very names
    names = ["proj/Linear/Matrix", "proj/Linear/Bias", "RNN/GRUCell/Gates/Linear/Matrix"]
    plan = plan_names(names)
    assert plan.convention == "TF 0.x"
    assert plan.renamed == [("RNN/GRUCell/Gates/Linear/Matrix", "rnn/gru_cell/gates/kernel")]


def test_a_checkpoint_without_rnn_variables_is_kept_as_it_is():
    plan = plan_names(["w", "b", "w/Adam"])
    assert plan.convention is None and plan.renamed == []


@pytest.mark.parametrize(
    ("names", "problem"),
    [
        pytest.param(
            ["rnn/LSTMCell/W_0", "rnn/LSTMCell/W_1", "rnn/LSTMCell/B"],
            "rnn/LSTMCell/W_1: a sharded TF 0.x LSTMCell",
            id="sharded 0.x LSTMCell",
        ),
        pytest.param(
            ["decoder/Linear/Weights"],
            "decoder/Linear/Weights: not a TF 0.x Linear/Matrix or Linear/Bias variable",
            id="unknown variable in a 0.x Linear scope",
        ),
        pytest.param(
            ["rnn/GRUCell/Gates/Linear/Matrix", "rnn/GRUCell/Reset/Linear/Matrix"],
            "rnn/GRUCell/Reset/Linear/Matrix: not a TF 0.x GRUCell variable",
            id="unknown variable in a 0.x cell",
        ),
        pytest.param(
            ["rnn/multi_rnn_cell/cell_0/my_cell/weights", "rnn/gru_cell/gates/weights"],
            "rnn/multi_rnn_cell/cell_0/my_cell/weights: a cell the converter does not know",
            id="unknown cell in a 1.0 MultiRNNCell",
        ),
        pytest.param(
            ["a/gru_cell/gates/weights", "b/gru_cell/gates/kernel"],
            "names of more than one convention: TF 1.0/1.1 a/gru_cell/gates/weights; "
            "TF 1.2-1.15 b/gru_cell/gates/kernel",
            id="1.0 and 1.2 names mixed",
        ),
        pytest.param(
            ["x/RNN/GRUCell/Gates/Linear/Matrix", "x/rnn/GRUCell/Gates/Linear/Matrix"],
            "x/RNN/GRUCell/Gates/Linear/Matrix and x/rnn/GRUCell/Gates/Linear/Matrix map to the "
            "same name x/rnn/gru_cell/gates/kernel",
            id="two old names, one new name",
        ),
        pytest.param(
            [
                "p/embedding_wrapper/embedding",
                "p/output_projection_wrapper/weights",
                "p/gru_cell/gates/weights",
            ],
            "p: embedding_wrapper and output_projection_wrapper share one scope",
            id="two wrappers at one scope: nesting order lost",
        ),
        pytest.param(
            ["p/EmbeddingWrapper/embedding", "p/MyCell/W", "q/GRUCell/Gates/Linear/Matrix"],
            "p/embedding_wrapper: no cell the converter knows next to this wrapper",
            id="the wrapped cell is not one the converter knows",
        ),
        pytest.param(
            # TF 0.x contrib lstm_ops.py: W, b, wci, wco, wcf under type(self).__name__
            ["RNN/LSTMBlockCell/W", "RNN/LSTMBlockCell/b", "RNN/LSTMBlockCell/wci"],
            "RNN/LSTMBlockCell/W: a TF 0.x tf.contrib.rnn.LSTMBlockCell",
            id="0.x LSTMBlockCell: the column layout of its W is not confirmed",
        ),
        pytest.param(
            [
                "RNN/MultiRNNCell/Cell1/LSTMBlockCell/wcf",
                "RNN/MultiRNNCell/Cell0/GRUCell/Gates/Linear/Matrix",
            ],
            "RNN/MultiRNNCell/Cell1/LSTMBlockCell/wcf: a TF 0.x tf.contrib.rnn.LSTMBlockCell",
            id="0.x LSTMBlockCell in a MultiRNNCell",
        ),
    ],
)
def test_what_cannot_be_mapped_with_certainty_is_refused(names, problem):
    with pytest.raises(CheckpointNameError) as raised:
        plan_names(names)
    assert any(p.startswith(problem) for p in raised.value.problems), raised.value.problems
    assert str(raised.value).startswith("cannot convert this checkpoint's names with certainty:")


def test_a_0x_input_projection_wrapper_takes_the_cell_it_wraps_into_its_scope():
    # basic_rnn_seq2seq(..., InputProjectionWrapper(GRUCell(4), 5)): the names the runtime
    # creates, and the ones TF 0.x gave them (the wrapper called the cell outside its scope)
    top = "basic_rnn_seq2seq"
    expected = {
        f"{top}/RNN/InputProjectionWrapper/Linear/Matrix": f"{top}/rnn/input_projection_wrapper/kernel",
        f"{top}/RNN/InputProjectionWrapper/Linear/Bias": f"{top}/rnn/input_projection_wrapper/bias",
        f"{top}/RNN/GRUCell/Gates/Linear/Matrix": f"{top}/rnn/input_projection_wrapper/gru_cell/gates/kernel",
        f"{top}/rnn_decoder/InputProjectionWrapper/Linear/Matrix": f"{top}/rnn_decoder/input_projection_wrapper/kernel",
        f"{top}/rnn_decoder/GRUCell/Candidate/Linear/Bias": f"{top}/rnn_decoder/input_projection_wrapper/gru_cell/candidate/bias",
    }  # fmt: skip
    assert plan_names(expected).names == expected
