"""TF 0.x's ``RNN``/``BiRNN`` scopes around the program's own cell: kept and reported, renamed on
the user's word (``--rename-scope RNN=rnn``), after which the migrated program restores them."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import tensorflow as tf

from legacy2tf2.checkpoints import CheckpointNameError, convert
from legacy2tf2.checkpoints.rnn_scopes import (
    kept_rnn_scopes,
    parse_scope_renames,
    rename_scopes,
    rnn_scope_warning,
)
from tests.checkpoints.test_convert_checkpoint import cli, save


def test_kept_tf0_rnn_scopes_are_found_and_told_how_to_rename() -> None:
    names = [
        "RNN/GruCell/W_z",
        "model/BiRNN/FW/MyCell/W",
        "model/BiRNN/BW/MyCell/W",
        "rnn/gru_cell/gates/kernel",
        "RNN",  # a variable named RNN is no scope
        "global_step",
    ]
    assert kept_rnn_scopes(names) == ["RNN", "model/BiRNN/BW", "model/BiRNN/FW"]
    warning = rnn_scope_warning(names)
    assert warning is not None
    assert "--rename-scope RNN=rnn" in warning
    assert "--rename-scope model/BiRNN/FW=model/bidirectional_rnn/fw" in warning
    assert rnn_scope_warning(["rnn/MyCell/W", "Model/rnn/x"]) is None


def test_scope_renames_move_whole_leading_segments_only() -> None:
    names = {"a": "RNN/GruCell/W_z", "b": "RNNx/W", "c": "model/RNN/W", "d": "RNN"}
    assert rename_scopes(names, [("RNN", "rnn"), ("model/RNN", "model/rnn")]) == {
        "a": "rnn/GruCell/W_z",
        "b": "RNNx/W",
        "c": "model/rnn/W",
        "d": "rnn",
    }
    assert parse_scope_renames(["RNN=rnn", "/a/b/=c"]) == [("RNN", "rnn"), ("a/b", "c")]
    for bad in ("RNN", "=rnn", "RNN="):
        with pytest.raises(ValueError, match="expected OLD=NEW"):
            parse_scope_renames([bad])


def _user_cell_checkpoint(path: Path) -> dict[str, np.ndarray]:
    rng = np.random.RandomState(0)
    values = {
        "RNN/GruCell/W_z": rng.uniform(-1, 1, (4, 4)).astype(np.float32),
        "RNN/GruCell/b_z": rng.uniform(-1, 1, (1, 4)).astype(np.float32),
        "global_step": np.array(7, np.int32),
    }
    save(path, values)
    return values


@pytest.mark.heavy
def test_a_user_cell_under_tf0s_rnn_scope_is_kept_with_a_warning_then_renamed(tmp_path) -> None:
    values = _user_cell_checkpoint(tmp_path / "old" / "model.ckpt")
    kept = convert(tmp_path / "old", tmp_path / "kept", dry_run=True)
    assert kept.renamed == []
    assert kept.warning is not None and "--rename-scope RNN=rnn" in kept.warning

    done = cli(
        "convert-checkpoint",
        str(tmp_path / "old"),
        str(tmp_path / "new"),
        "--rename-scope",
        "RNN=rnn",
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "RNN/GruCell/W_z -> rnn/GruCell/W_z",
        "RNN/GruCell/b_z -> rnn/GruCell/b_z",
    ]
    assert "warning" not in done.stderr
    # the migrated program's static_rnn scope is rnn: its Saver restores the program's values
    with tf.Graph().as_default():
        with tf.compat.v1.variable_scope("rnn/GruCell"):
            w = tf.compat.v1.get_variable("W_z", [4, 4])
            b = tf.compat.v1.get_variable("b_z", [1, 4])
        step = tf.compat.v1.Variable(0, name="global_step")
        with tf.compat.v1.Session() as session:
            latest = tf.train.latest_checkpoint(str(tmp_path / "new"))
            tf.compat.v1.train.Saver().restore(session, latest)
            got_w, got_b, got_step = session.run([w, b, step])
    np.testing.assert_array_equal(got_w, values["RNN/GruCell/W_z"])
    np.testing.assert_array_equal(got_b, values["RNN/GruCell/b_z"])
    assert got_step == 7


@pytest.mark.heavy
def test_a_rename_that_makes_two_names_meet_is_refused(tmp_path) -> None:
    save(
        tmp_path / "old" / "model.ckpt",
        {"RNN/x": np.ones([2], np.float32), "rnn/x": np.zeros([2], np.float32)},
    )
    with pytest.raises(CheckpointNameError, match="would both become rnn/x"):
        convert(tmp_path / "old", tmp_path / "new", scope_renames=[("RNN", "rnn")])
    assert not (tmp_path / "new").exists()
    bad = cli(
        "convert-checkpoint", str(tmp_path / "old"), str(tmp_path / "n2"), "--rename-scope", "RNN"
    )
    assert bad.returncode == 2
    assert "expected OLD=NEW" in bad.stderr
