"""``legacy2tf2 convert-checkpoint`` as a user runs it: a checkpoint in TF 0.x or TF 1.0/1.1 names
is converted by the real CLI and restores, with ``Saver().restore``, into the model the runtime
builds, to the same values and the same outputs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import tensorflow as tf

from legacy2tf2.checkpoints import convert_checkpoint
from tests.checkpoints.tf1_models import build_models
from tests.checkpoints.tf1_names import all_names
from tests.runtime.translate_model import CHECKPOINT_DIR, build_translate_model, decode_fixture

ROOT = Path(__file__).resolve().parents[2]
TOLERANCE = {"rtol": 1e-6, "atol": 1e-6}
#: TF 0.11 and earlier wrote V1 checkpoints (one file per checkpoint), TF 0.12 and later V2.
ERAS = {"tf0": (0, tf.compat.v1.train.SaverDef.V1), "tf1_0": (1, tf.compat.v1.train.SaverDef.V2)}


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    """``legacy2tf2 ARGS`` in a subprocess, ``TF_CPP_MIN_LOG_LEVEL`` unset as in a user's shell."""
    env = {key: value for key, value in os.environ.items() if key != "TF_CPP_MIN_LOG_LEVEL"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return subprocess.run(
        [sys.executable, "-m", "legacy2tf2", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )


def train_and_save_with_old_names(directory: Path, era: str) -> tuple[dict, list]:
    """One Adam step on the three models, then a checkpoint with ``era``'s names (as that
    TensorFlow's ``Saver`` wrote it); returns the values by current name and the outputs."""
    column, write_version = ERAS[era]
    old_name = {new: names[column] for *names, new in all_names()}
    with tf.Graph().as_default():
        tf.compat.v1.set_random_seed(1)
        outputs, step = build_models()
        variables = {v.op.name: v for v in tf.compat.v1.global_variables()}
        assert set(variables) == set(old_name)
        saver = tf.compat.v1.train.Saver(
            {old_name[name]: v for name, v in variables.items()}, write_version=write_version
        )
        with tf.compat.v1.Session() as session:
            session.run(tf.compat.v1.global_variables_initializer())
            session.run(step)
            values = session.run(variables)
            output_values = session.run(outputs)
            directory.mkdir()
            saver.save(session, str(directory / "model.ckpt"), global_step=1)
    return values, output_values


def restore_converted(directory: Path) -> tuple[dict, list]:
    """A fresh graph of the same models (other random initial values), restored by ``Saver``."""
    with tf.Graph().as_default():
        tf.compat.v1.set_random_seed(2)
        outputs, _ = build_models()
        variables = {v.op.name: v for v in tf.compat.v1.global_variables()}
        with tf.compat.v1.Session() as session:
            tf.compat.v1.train.Saver().restore(session, tf.train.latest_checkpoint(str(directory)))
            return session.run(variables), session.run(outputs)


@pytest.mark.heavy
@pytest.mark.parametrize("era", list(ERAS))
def test_an_old_checkpoint_restores_into_the_runtime_model_after_conversion(tmp_path, era):
    old, new = tmp_path / "old", tmp_path / "new"
    values, outputs = train_and_save_with_old_names(old, era)
    with pytest.raises(tf.errors.NotFoundError, match="not found in checkpoint"):
        restore_converted(old)

    done = cli("convert-checkpoint", str(old), str(new))

    assert done.returncode == 0, done.stderr
    renamed = dict(line.split(" -> ") for line in done.stdout.splitlines())
    column = ERAS[era][0]
    expected = {names[column]: names[2] for names in all_names() if names[column] != names[2]}
    assert renamed == expected
    convention = {"tf0": "TF 0.x", "tf1_0": "TF 1.0/1.1"}[era]
    stderr = done.stderr.splitlines()
    assert stderr[0] == (
        f"wrote {new}/model.ckpt-1: {len(expected)} of {len(all_names())} variables renamed "
        f"({convention} names in {old}/model.ckpt-1)"
    )
    # Every stack of the three models has two layers: a program repeating one cell must copy it.
    top, lstm_top = "embedding_attention_seq2seq", "lstm_model/embedding_attention_seq2seq"
    attention = "embedding_attention_decoder/attention_decoder"
    assert stderr[1].endswith(
        f"this {convention} checkpoint holds one set of weights per "
        "MultiRNNCell layer (scopes as converted):"
    )
    assert stderr[2:6] == [
        f"  {top}/{attention}/multi_rnn_cell: cell_0, cell_1",
        f"  {top}/rnn/embedding_wrapper/multi_rnn_cell: cell_0, cell_1",
        f"  {lstm_top}/{attention}/output_projection_wrapper/multi_rnn_cell: cell_0, cell_1",
        f"  {lstm_top}/rnn/embedding_wrapper/multi_rnn_cell: cell_0, cell_1",
    ]
    assert 'repeated_cells="copy"' in stderr[6]
    restored, restored_outputs = restore_converted(new)
    assert set(restored) == set(values)
    for name, value in values.items():
        np.testing.assert_array_equal(restored[name], value, err_msg=name)
    for got, want in zip(restored_outputs, outputs, strict=True):
        np.testing.assert_allclose(got, want, **TOLERANCE)


@pytest.mark.heavy
def test_the_tf1_translate_checkpoint_is_copied_unchanged_and_still_decodes(tmp_path):
    done = cli("convert-checkpoint", str(CHECKPOINT_DIR), str(tmp_path) + "/")

    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
    assert done.stderr.splitlines() == [
        f"wrote {tmp_path}/translate.ckpt-30: 0 of 87 variables renamed (TF 1.2-1.15 names in "
        f"{CHECKPOINT_DIR}/translate.ckpt-30)"
    ]
    old = tf.train.load_checkpoint(str(CHECKPOINT_DIR / "translate.ckpt-30"))
    new = tf.train.load_checkpoint(tf.train.latest_checkpoint(str(tmp_path)))
    assert new.get_variable_to_shape_map() == old.get_variable_to_shape_map()
    for name in old.get_variable_to_shape_map():
        np.testing.assert_array_equal(new.get_tensor(name), old.get_tensor(name))
    fixture = decode_fixture()
    with tf.Graph().as_default():
        logits, loss = build_translate_model(fixture)
        with tf.compat.v1.Session() as session:
            tf.compat.v1.train.Saver().restore(session, tf.train.latest_checkpoint(str(tmp_path)))
            logits_value, loss_value = session.run([tf.stack(logits), loss])
    np.testing.assert_allclose(logits_value, fixture["logits"], rtol=1e-5, atol=1e-5)
    np.testing.assert_allclose(loss_value, fixture["loss"], rtol=1e-5, atol=1e-5)
    np.testing.assert_array_equal(logits_value.argmax(-1), fixture["tokens"])


def save(path: Path, values: dict[str, np.ndarray]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with tf.Graph().as_default():
        variables = {name: tf.compat.v1.Variable(value) for name, value in values.items()}
        with tf.compat.v1.Session() as session:
            session.run(tf.compat.v1.global_variables_initializer())
            tf.compat.v1.train.Saver(variables).save(session, str(path))


@pytest.mark.heavy
def test_a_name_it_cannot_map_exits_1_naming_it_and_writes_nothing(tmp_path):
    save(
        tmp_path / "old" / "model.ckpt",
        {
            "encoder/RNN/LSTMCell/W_0": np.ones([6, 8], np.float32),
            "encoder/RNN/LSTMCell/W_1": np.ones([6, 8], np.float32),
            "encoder/RNN/LSTMCell/B": np.ones([16], np.float32),
        },
    )
    done = cli("convert-checkpoint", str(tmp_path / "old"), str(tmp_path / "new"))

    assert done.returncode == 1
    assert done.stdout == ""
    assert "encoder/RNN/LSTMCell/W_1: a sharded TF 0.x LSTMCell" in done.stderr
    assert done.stderr.rstrip().endswith("nothing written")
    assert not (tmp_path / "new").exists()


@pytest.mark.heavy
def test_a_missing_checkpoint_or_an_occupied_target_exits_2(tmp_path):
    missing = cli("convert-checkpoint", str(tmp_path / "nothing"), str(tmp_path / "new"))
    assert missing.returncode == 2
    assert f"{tmp_path / 'nothing'}: no TF1 checkpoint" in missing.stderr
    onto_itself = cli("convert-checkpoint", str(CHECKPOINT_DIR), str(CHECKPOINT_DIR))
    assert onto_itself.returncode == 2
    assert "must not replace the original" in onto_itself.stderr


def test_without_tensorflow_one_line_says_how_to_install_it_and_exits_2(tmp_path):
    hide_tensorflow = (
        "import sys; sys.modules['tensorflow'] = None; "
        "from legacy2tf2.cli import main; main(prog_name='legacy2tf2')"
    )
    path = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    done = subprocess.run(
        [sys.executable, "-c", hide_tensorflow, "convert-checkpoint", "a", "b"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": path},
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.splitlines() == [
        "legacy2tf2 convert-checkpoint needs tensorflow (import of tensorflow halted; None in "
        "sys.modules): pip install 'legacy2tf2[tensorflow]'"
    ]


def test_dry_run_returns_the_renames_and_writes_nothing(tmp_path):
    save(
        tmp_path / "model.ckpt",
        {
            "rnn/gru_cell/gates/weights": np.ones([6, 4], np.float32),
            "rnn/gru_cell/gates/biases": np.ones([4], np.float32),
            "rnn/gru_cell/candidate/weights": np.ones([6, 2], np.float32),
            "rnn/gru_cell/candidate/biases": np.ones([2], np.float32),
            "fully_connected/weights": np.ones([2, 3], np.float32),
        },
    )
    renamed = convert_checkpoint(tmp_path / "model.ckpt", tmp_path / "new", dry_run=True)

    assert renamed == [
        ("rnn/gru_cell/candidate/biases", "rnn/gru_cell/candidate/bias"),
        ("rnn/gru_cell/candidate/weights", "rnn/gru_cell/candidate/kernel"),
        ("rnn/gru_cell/gates/biases", "rnn/gru_cell/gates/bias"),
        ("rnn/gru_cell/gates/weights", "rnn/gru_cell/gates/kernel"),
    ]
    assert not list(tmp_path.glob("new*"))


@pytest.mark.heavy
def test_dry_run_prints_the_renames_and_writes_nothing(tmp_path):
    save(
        tmp_path / "old" / "model.ckpt",
        {
            "rnn/basic_lstm_cell/weights": np.ones([8, 16], np.float32),
            "rnn/basic_lstm_cell/biases": np.ones([16], np.float32),
            "rnn/basic_lstm_cell/biases/Adam": np.ones([16], np.float32),
        },
    )
    done = cli("convert-checkpoint", str(tmp_path / "old"), str(tmp_path / "new"), "--dry-run")

    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "rnn/basic_lstm_cell/biases -> rnn/basic_lstm_cell/bias",
        "rnn/basic_lstm_cell/biases/Adam -> rnn/basic_lstm_cell/bias/Adam",
        "rnn/basic_lstm_cell/weights -> rnn/basic_lstm_cell/kernel",
    ]
    assert done.stderr.splitlines() == [
        f"would write (dry run, nothing written) {tmp_path}/new/model.ckpt: 3 of 3 variables "
        f"renamed (TF 1.0/1.1 names in {tmp_path}/old/model.ckpt)"
    ]
    assert not (tmp_path / "new").exists()


def test_the_command_line_loads_neither_the_converter_nor_tensorflow_until_it_runs():
    probe = (
        "import sys; from legacy2tf2.cli import main; "
        "print(sorted(m for m in sys.modules if m.startswith(('legacy2tf2.checkpoints', "
        "'tensorflow'))))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
