"""`legacy2tf2 parity`: replays a directory of TF1 cases, prints per case, exits 0/1/2."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
from click.testing import CliRunner

from legacy2tf2.cli import main

ROOT = Path(__file__).resolve().parents[1]
CASES = ROOT / "fixtures" / "parity" / "cases"


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


def test_without_tensorflow_one_line_says_how_to_install_it_and_exits_2(tmp_path):
    copy_cases(tmp_path, "rnn_decoder__gru")
    hide_tensorflow = (
        "import sys; sys.modules['tensorflow'] = None; "
        "from legacy2tf2.cli import main; main(prog_name='legacy2tf2')"
    )
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    }
    for args in (["parity"], ["parity", str(tmp_path), "--mode", "eager"]):
        done = subprocess.run(
            [sys.executable, "-c", hide_tensorflow, *args],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=120,
            env=env,
        )
        assert done.returncode == 2, done.stderr
        assert done.stdout == ""
        assert done.stderr.splitlines() == [
            "legacy2tf2 parity needs tensorflow (import of tensorflow halted; None in "
            "sys.modules): pip install 'legacy2tf2[tensorflow]'"
        ]
