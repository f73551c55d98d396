"""`legacy2tf2 export` run as users run it: the TF1 translate checkpoint to a served model."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

CHECKPOINT_DIR = Path(__file__).resolve().parents[1] / "fixtures" / "parity" / "checkpoints"
TRANSLATE = CHECKPOINT_DIR / "translate_gru"
ENV = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"}


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "legacy2tf2", *args],
        env=ENV,
        capture_output=True,
        text=True,
        timeout=300,
        cwd=cwd,
    )


def run_program(program: str, *args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", program, *args],
        env=ENV,
        capture_output=True,
        text=True,
        timeout=300,
        cwd=cwd,
    )


# TF1 fed time-major batches ([time, batch]); the served signature is batch-major.
SERVE_WITH_TENSORFLOW_ALONE = """
import sys
import numpy as np, tensorflow as tf
loaded = tf.saved_model.load(sys.argv[1])
serve = loaded.signatures["serving_default"]
with np.load(sys.argv[2]) as fixture:
    result = serve(encoder_tokens=tf.constant(fixture["encoder_inputs"].T))
    np.testing.assert_array_equal(result["ids"].numpy().T, fixture["tokens"])
assert not [name for name in sys.modules if name.startswith("legacy2tf2")]
print("served tokens equal TF1's")
"""

LOAD_KERAS = """
import sys
import keras, numpy as np
import legacy2tf2.runtime
model = keras.saving.load_model(sys.argv[1])
with np.load(sys.argv[2]) as fixture:
    ids = model.generate(fixture["encoder_inputs"].T, 6, eos_id=None).ids.numpy()
    np.testing.assert_array_equal(ids.T, fixture["tokens"])
print("keras tokens equal TF1's")
"""


@pytest.mark.heavy
def test_exported_translate_checkpoint_serves_tf1_tokens(tmp_path):
    out = tmp_path / "served"
    config = str(TRANSLATE / "model.json")
    exported = run(
        "export", str(TRANSLATE), "--config", config, "--out", str(out), "--format", "both",
        "--eos-id", "none", cwd=tmp_path,
    )  # fmt: skip
    assert exported.returncode == 0, exported.stderr[-3000:]
    assert (out / "saved_model.pb").is_file() and (out / "model.keras").is_file()

    served = run_program(
        SERVE_WITH_TENSORFLOW_ALONE, str(out), str(TRANSLATE / "decode.npz"), cwd=tmp_path
    )
    assert served.returncode == 0, served.stderr[-3000:]
    assert "served tokens equal TF1's" in served.stdout

    loaded = run_program(
        LOAD_KERAS, str(out / "model.keras"), str(TRANSLATE / "decode.npz"), cwd=tmp_path
    )
    assert loaded.returncode == 0, loaded.stderr[-3000:]
    assert "keras tokens equal TF1's" in loaded.stdout


def write_config(tmp_path: Path, **changes) -> Path:
    config = json.loads((TRANSLATE / "model.json").read_text())["config"]
    for key, value in changes.items():
        if value is None:
            del config[key]
        else:
            config[key] = value
    path = tmp_path / "model.json"
    path.write_text(json.dumps({"config": config}))
    return path


# No TensorFlow is started: model.json is checked first.
@pytest.mark.parametrize("field", ["tgt_vocab", "cell", "size"])
def test_missing_config_field_is_named_exit_2(tmp_path, field):
    config = write_config(tmp_path, **{field: None})
    completed = run(
        "export", str(TRANSLATE), "--config", str(config), "--out", str(tmp_path / "out"),
        cwd=tmp_path,
    )  # fmt: skip
    assert completed.returncode == 2, completed.stderr
    assert f"required field `{field}` is missing" in completed.stderr
    assert not (tmp_path / "out").exists()


def test_invalid_config_field_is_named_exit_2(tmp_path):
    config = write_config(tmp_path, cell="NASCell")
    completed = run(
        "export", str(TRANSLATE), "--config", str(config), "--out", str(tmp_path / "out"),
        cwd=tmp_path,
    )  # fmt: skip
    assert completed.returncode == 2, completed.stderr
    assert "field `cell` must be one of" in completed.stderr


@pytest.mark.heavy
def test_wrong_size_lists_the_mismatch_exit_1(tmp_path):
    config = write_config(tmp_path, size=8)
    completed = run(
        "export", str(TRANSLATE), "--config", str(config), "--out", str(tmp_path / "out"),
        cwd=tmp_path,
    )  # fmt: skip
    assert completed.returncode == 1, completed.stderr
    assert "does not fit the model" in completed.stderr
    assert "proj_w: model (22, 8), checkpoint (22, 16)" in completed.stderr
    assert "check model.json's `size`" in completed.stderr
    assert not (tmp_path / "out").exists()


HIDE_TENSORFLOW = (
    "import sys; sys.modules['tensorflow'] = None; "
    "from legacy2tf2.cli import main; main(prog_name='legacy2tf2')"
)


def test_without_tensorflow_one_line_says_how_to_install_it_and_exits_2(tmp_path):
    config = str(TRANSLATE / "model.json")
    args = ["export", str(TRANSLATE), "--config", config, "--out", str(tmp_path / "out")]
    completed = run_program(HIDE_TENSORFLOW, *args, cwd=Path(__file__).resolve().parents[1])
    assert completed.returncode == 2, completed.stderr
    assert completed.stderr.splitlines() == [
        "legacy2tf2 export needs tensorflow (import of tensorflow halted; None in "
        "sys.modules): pip install 'legacy2tf2[tensorflow]'"
    ]
    assert not (tmp_path / "out").exists()


def test_decoding_options_with_keras_format_are_refused_not_ignored(tmp_path):
    config = str(TRANSLATE / "model.json")
    args = ["export", str(TRANSLATE), "--config", config, "--out", str(tmp_path / "out")]
    args += ["--format", "keras", "--method", "beam"]
    completed = run_program(HIDE_TENSORFLOW, *args, cwd=Path(__file__).resolve().parents[1])
    assert completed.returncode == 2, completed.stderr
    assert "--method: decoding options are fixed in the SavedModel only" in completed.stderr


@pytest.mark.heavy
def test_single_layer_lstm_without_projection_round_trips(tmp_path):
    """A one-layer BasicLSTMCell model with TF1's OutputProjectionWrapper (no proj_w/proj_b),
    written under its TF1 names, exports and serves what the model decodes."""
    import numpy as np
    import tensorflow as tf

    from legacy2tf2.runtime import Seq2Seq, rnn_cell

    model = Seq2Seq(
        rnn_cell.BasicLSTMCell(8),
        num_encoder_symbols=9,
        num_decoder_symbols=7,
        embedding_size=5,
        output_projection=False,
    )
    names, variables = zip(*model.store.items(), strict=True)
    assert "proj_w" not in names
    tf.raw_ops.SaveV2(
        prefix=str(tmp_path / "model.ckpt"),
        tensor_names=list(names),
        shape_and_slices=[""] * len(names),
        tensors=[tf.convert_to_tensor(variable) for variable in variables],
    )
    fields = {"src_vocab": 9, "tgt_vocab": 7, "size": 8, "num_layers": 1, "cell": "BasicLSTMCell"}
    (tmp_path / "model.json").write_text(json.dumps({**fields, "embedding_size": 5}))
    exported = run(
        "export", str(tmp_path / "model.ckpt"), "--config", str(tmp_path / "model.json"),
        "--out", str(tmp_path / "served"), "--max-length", "4", "--eos-id", "none", cwd=tmp_path,
    )  # fmt: skip
    assert exported.returncode == 0, exported.stderr[-3000:]
    tokens = np.array([[3, 4, 5], [1, 2, 8]], np.int32)
    served = tf.saved_model.load(str(tmp_path / "served"))
    ids = served.signatures["serving_default"](encoder_tokens=tf.constant(tokens))["ids"]
    expected = model.generate(tokens, 4, eos_id=None).ids
    np.testing.assert_array_equal(ids.numpy(), expected.numpy())

    (tmp_path / "model.json").write_text(json.dumps(fields))  # embedding_size defaults to size
    mismatched = run(
        "export", str(tmp_path / "model.ckpt"), "--config", str(tmp_path / "model.json"),
        "--out", str(tmp_path / "other"), "--max-length", "4", cwd=tmp_path,
    )  # fmt: skip
    assert mismatched.returncode == 1, mismatched.stderr
    assert "embedding: model (9, 8), checkpoint (9, 5)" in mismatched.stderr


@pytest.mark.heavy
def test_no_checkpoint_at_the_prefix_exit_2(tmp_path):
    config = str(TRANSLATE / "model.json")
    completed = run(
        "export", str(tmp_path / "translate.ckpt-7"), "--config", config,
        "--out", str(tmp_path / "out"), cwd=tmp_path,
    )  # fmt: skip
    assert completed.returncode == 2, completed.stderr
    assert "No TF1 checkpoint at" in completed.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.heavy
def test_readme_export_example_runs_and_serves_tf1_tokens(tmp_path):
    """README's `legacy2tf2 export` section: its model.json is the fixture's, its command exports
    and its Python serves TF1's tokens, run from a directory laid out as the repository."""
    import re

    import numpy as np

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text()
    section = readme[readme.index("### `legacy2tf2 export") :]
    section = section[: section.index("\n## ")]
    example_json = re.search(r"```json\n(.*?)```", section, flags=re.S).group(1)
    assert (
        json.loads(example_json)["config"]
        == json.loads((TRANSLATE / "model.json").read_text())["config"]
    )
    command = re.search(r"```bash\n(legacy2tf2 export.*?)```", section, flags=re.S).group(1)
    program = re.search(r"```python\n(.*?)```", section, flags=re.S).group(1)
    (tmp_path / "fixtures").symlink_to(CHECKPOINT_DIR.parents[1])
    bin_dir = str(Path(sys.executable).parent)
    env = {**ENV, "PATH": os.pathsep.join([bin_dir, ENV.get("PATH", "")])}
    exported = subprocess.run(
        ["bash", "-c", command], env=env, capture_output=True, text=True, timeout=300, cwd=tmp_path
    )
    assert exported.returncode == 0, exported.stderr[-3000:]
    served = run_program(program, cwd=tmp_path)
    assert served.returncode == 0, served.stderr[-3000:]
    printed = served.stdout.replace("[", " ").replace("]", " ").split()
    with np.load(TRANSLATE / "decode.npz") as fixture:
        assert [int(token) for token in printed] == fixture["tokens"].ravel().tolist()
