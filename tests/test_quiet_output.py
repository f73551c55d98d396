"""The commands that start TensorFlow print none of its start-up notices and no warning about
our own code (real CLI subprocesses, ``TF_CPP_MIN_LOG_LEVEL`` unset as in a user's shell)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.heavy

ROOT = Path(__file__).resolve().parents[1]
CASES = ROOT / "fixtures" / "parity" / "cases"

#: What TensorFlow prints at start-up (``cudart_stub`` and ``cuInit`` without a GPU, absl's
#: pre-initialisation notice, the CPU-instructions and oneDNN notices), and the warnings our own
#: code once raised (``Variable.load`` deprecation, tf.function retracing).
NOISE = (
    "cudart_stub",
    "cuInit",
    "absl::InitializeLog",
    "cpu_feature_guard",
    "oneDNN",
    "is deprecated",
    "retracing",
)


def _legacy2tf2(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if key != "TF_CPP_MIN_LOG_LEVEL"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return subprocess.run(
        [sys.executable, "-m", "legacy2tf2", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=600,
        env=env,
    )


def test_parity_in_every_mode_prints_no_tensorflow_noise(tmp_path: Path) -> None:
    # six cases: function mode wraps the replay once per case, and TensorFlow warns about
    # retracing from the fifth trace of one Python function on
    names = [
        "sequence_loss__t0__b1",
        "sequence_loss__t1__b1",
        "sequence_loss_by_example__t1",
        "rnn_decoder__gru",
        "rnn_decoder__rnn",
        "rnn_decoder__lstm",
    ]
    for name in names:
        for suffix in (".json", ".npz"):
            shutil.copy(CASES / f"{name}{suffix}", tmp_path / f"{name}{suffix}")
    done = _legacy2tf2("parity", str(tmp_path), "--mode", "all", cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.splitlines()[-1] == "18 passed, 0 failed"
    assert [noise for noise in NOISE if noise in done.stderr] == [], done.stderr


def test_rewrite_full_prints_findings_but_no_tensorflow_noise(tmp_path: Path) -> None:
    shutil.copy(ROOT / "examples" / "translate" / "seq2seq_model.py", tmp_path)
    done = _legacy2tf2("rewrite", "--full", "seq2seq_model.py", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines()[-1].startswith("rewrote 1 of 1 files"), done.stderr
    assert [noise for noise in NOISE if noise in done.stderr] == [], done.stderr


def test_rewrite_full_quiet_when_a_step_before_the_upgrader_reads_its_tables(
    tmp_path: Path,
) -> None:
    # the contrib-spellings step reads the upgrader's tables before the upgrader runs: the first
    # TensorFlow import of the run happens there, and must be as quiet as the upgrader's
    (tmp_path / "model.py").write_text(
        "import tensorflow as tf\n"
        "from tensorflow.contrib.layers import xavier_initializer\n"
        "w = tf.get_variable('w', [3, 2], initializer=xavier_initializer())\n"
    )
    done = _legacy2tf2("rewrite", "--full", "model.py", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "xavier_initializer" not in (tmp_path / "model.py").read_text()
    assert [noise for noise in NOISE if noise in done.stderr] == [], done.stderr


def test_parity_verbose_shows_tensorflow_start_up_lines(tmp_path: Path) -> None:
    for suffix in (".json", ".npz"):
        shutil.copy(CASES / f"sequence_loss__t1__b1{suffix}", tmp_path)
    done = _legacy2tf2("parity", str(tmp_path), "--mode", "eager", "--verbose", cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    # which start-up lines TensorFlow prints depends on the machine and the build
    # (CUDA probe, CPU-instructions notice, oneDNN notice, device creation): at least one
    start_up = ("cudart_stub", "cuInit", "cpu_feature_guard", "oneDNN", "Created device")
    assert any(line in done.stderr for line in start_up), done.stderr
