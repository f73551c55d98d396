"""Every TF1 reference case, in every mode, within the case's tolerance (FORMAT.md)."""

from pathlib import Path

import pytest

from legacy2tf2 import parity_replay as parity

CASES_DIR = Path(__file__).resolve().parents[2] / "fixtures" / "parity" / "cases"
CASE_PATHS = parity.find_cases(CASES_DIR)


def test_all_bundled_cases_are_found():
    assert len(CASE_PATHS) == 53


@pytest.mark.parametrize("mode", parity.MODES)
@pytest.mark.parametrize("path", CASE_PATHS, ids=[p.stem for p in CASE_PATHS])
def test_case_matches_tf1(path, mode):
    result = parity.run_case(parity.load_case(path), mode)
    assert result.error is None, result.error
    assert result.passed, f"{result.worst_key}: error is {result.worst:.2f}x the tolerance"
    assert result.ratios, "no array was compared"


def test_a_wrong_number_fails_the_case():
    case = parity.load_case(CASES_DIR / "rnn_decoder__gru.json")
    case.arrays["out/outputs"] = case.arrays["out/outputs"] + 1e-3
    result = parity.run_case(case, "eager")
    assert not result.passed
    assert result.worst_key == "out/outputs"


def test_a_missing_variable_fails_the_case_in_graph_mode():
    case = parity.load_case(CASES_DIR / "rnn_decoder__gru.json")
    case.spec["variables"].append({"name": "rnn_decoder/extra", "shape": [1], "dtype": "float32"})
    case.arrays["var/rnn_decoder/extra"] = case.arrays["var/rnn_decoder/gru_cell/gates/bias"][:1]
    result = parity.run_case(case, "graph")
    assert not result.passed
    assert "missing ['rnn_decoder/extra']" in result.error


def test_variables_made_in_another_order_fail_the_case_in_graph_mode():
    # tf.trainable_variables() lists TF1's variables in the order FORMAT.md records
    case = parity.load_case(CASES_DIR / "rnn_decoder__gru.json")
    variables = case.spec["variables"]
    variables[0], variables[1] = variables[1], variables[0]
    result = parity.run_case(case, "graph")
    assert not result.passed
    assert result.error == (
        "variables made in another order than TF1's: #0 is rnn_decoder/gru_cell/gates/kernel, "
        "TF1's is rnn_decoder/gru_cell/gates/bias"
    )
