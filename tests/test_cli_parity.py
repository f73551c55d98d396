"""`legacy2tf2 parity`: replays a directory of TF1 cases, prints per case, exits 0/1/2."""

import json
import shutil
from pathlib import Path

import numpy as np
from click.testing import CliRunner

from legacy2tf2.cli import main

CASES = Path(__file__).resolve().parents[1] / "fixtures" / "parity" / "cases"


def copy_cases(directory: Path, *names: str) -> None:
    for name in names:
        for suffix in (".json", ".npz"):
            shutil.copy(CASES / f"{name}{suffix}", directory / f"{name}{suffix}")


def test_passing_cases_exit_0_with_a_count(tmp_path):
    copy_cases(tmp_path, "rnn_decoder__gru", "sequence_loss__t1__b1")
    result = CliRunner().invoke(main, ["parity", str(tmp_path), "--mode", "all"])
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    assert lines[-1] == "6 passed, 0 failed"
    assert lines[0].startswith("ok   graph    rnn_decoder__gru  worst ")


def test_a_case_that_differs_from_tf1_exits_1(tmp_path):
    copy_cases(tmp_path, "rnn_decoder__gru")
    npz = tmp_path / "rnn_decoder__gru.npz"
    arrays = dict(np.load(npz))
    arrays["out/outputs"] = arrays["out/outputs"] * 1.01
    np.savez(npz, **arrays)
    result = CliRunner().invoke(
        main, ["parity", str(tmp_path), "--mode", "eager", "--format", "json"]
    )
    assert result.exit_code == 1
    document = json.loads(result.output)
    assert document["failed"] == 1 and document["results"][0]["worst_array"] == "out/outputs"


def test_no_cases_exit_2(tmp_path):
    result = CliRunner().invoke(main, ["parity", str(tmp_path)])
    assert result.exit_code == 2
    result = CliRunner().invoke(main, ["parity", str(tmp_path / "missing")])
    assert result.exit_code == 2
