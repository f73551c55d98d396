"""A TF 0.x-1.1 checkpoint with one set of weights per MultiRNNCell layer: ``convert-checkpoint``
converts it and says what a ``MultiRNNCell([cell] * n)`` program must do, since restoring it into
TF 1.2+'s shared weights would silently keep only layer 0's."""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import pytest

from legacy2tf2.checkpoints import convert_checkpoint
from legacy2tf2.checkpoints.names import TF0, TF1_0, TF1_2
from legacy2tf2.checkpoints.per_layer import per_layer_stacks, per_layer_warning
from tests.checkpoints.test_convert_checkpoint import cli, save


def gru_weights(scope: str, leaves: tuple[str, str], units: int = 3, depth: int = 3) -> dict:
    """A GRU cell's four variables under ``scope`` (``weights``/``biases`` leaves of TF 1.0)."""
    kernel, bias = leaves
    return {
        f"{scope}/gates/{kernel}": np.full([depth + units, 2 * units], 0.5, np.float32),
        f"{scope}/gates/{bias}": np.ones([2 * units], np.float32),
        f"{scope}/candidate/{kernel}": np.full([depth + units, units], 0.25, np.float32),
        f"{scope}/candidate/{bias}": np.zeros([units], np.float32),
    }


def tf1_0_stack(layers: int) -> dict:
    """What TF 1.0's ``Saver`` wrote for ``static_rnn(MultiRNNCell(...))`` of GRU layers."""
    values = {}
    for k in range(layers):
        scope = f"rnn/multi_rnn_cell/cell_{k}/gru_cell"
        values.update(gru_weights(scope, ("weights", "biases")))
    return values


def test_stacks_with_two_or_more_layers_are_named_with_their_layers():
    names = [
        "enc/rnn/multi_rnn_cell/cell_0/gru_cell/gates/kernel",
        "enc/rnn/multi_rnn_cell/cell_10/gru_cell/gates/kernel",
        "enc/rnn/multi_rnn_cell/cell_2/gru_cell/gates/kernel/Adam",
        "dec/multi_rnn_cell/cell_0/lstm_cell/kernel",
        "global_step",
    ]
    assert per_layer_stacks(names) == {"enc/rnn/multi_rnn_cell": ["cell_0", "cell_2", "cell_10"]}


@pytest.mark.parametrize("convention", [TF0, TF1_0])
def test_an_old_checkpoint_with_per_layer_weights_gets_the_warning(convention):
    names = ["rnn/multi_rnn_cell/cell_0/gru_cell/gates/kernel", "rnn/multi_rnn_cell/cell_1/x"]
    warning = per_layer_warning(names, convention)
    assert warning is not None
    assert f"this {convention} checkpoint holds one set of weights per MultiRNNCell" in warning
    assert "\n  rnn/multi_rnn_cell: cell_0, cell_1\n" in warning
    assert 'MultiRNNCell([cell] * n, repeated_cells="copy")' in warning
    assert "layer 0's weights" in warning


@pytest.mark.parametrize(
    ("names", "convention"),
    [
        # TF 1.2+ wrote it: its program already chose sharing or not, nothing was converted.
        (["rnn/multi_rnn_cell/cell_0/a", "rnn/multi_rnn_cell/cell_1/a"], TF1_2),
        # One layer: nothing to lose.
        (["rnn/multi_rnn_cell/cell_0/gru_cell/gates/kernel"], TF1_0),
        (["rnn/gru_cell/gates/kernel", "rnn/gru_cell/gates/bias"], TF0),
        ([], None),
    ],
)
def test_no_warning_without_per_layer_weights_of_an_old_checkpoint(names, convention):
    assert per_layer_warning(names, convention) is None


@pytest.mark.heavy
def test_cli_converts_a_tf1_0_multi_layer_checkpoint_and_warns_what_to_do(tmp_path):
    save(tmp_path / "old" / "model.ckpt", tf1_0_stack(layers=3))

    done = cli("convert-checkpoint", str(tmp_path / "old"), str(tmp_path / "new"))

    assert done.returncode == 0, done.stderr
    assert len(done.stdout.splitlines()) == 12
    lines = done.stderr.splitlines()
    assert lines[0] == (
        f"wrote {tmp_path}/new/model.ckpt: 12 of 12 variables renamed "
        f"(TF 1.0/1.1 names in {tmp_path}/old/model.ckpt)"
    )
    assert lines[1] == (
        "legacy2tf2 convert-checkpoint: warning: this TF 1.0/1.1 checkpoint holds one set of "
        "weights per MultiRNNCell layer (scopes as converted):"
    )
    assert lines[2] == "  rnn/multi_rnn_cell: cell_0, cell_1, cell_2"
    advice = " ".join(lines[3:])
    assert 'MultiRNNCell([cell] * n, repeated_cells="copy")' in advice
    assert "silently skips the other layers" in advice
    assert (tmp_path / "new" / "model.ckpt.index").exists()


@pytest.mark.heavy
def test_cli_converts_a_checkpoint_without_per_layer_cells_with_no_warning(tmp_path):
    values = {
        **tf1_0_stack(layers=1),
        **gru_weights("decoder/gru_cell", ("weights", "biases")),
        "global_step": np.array(7, np.int64),
    }
    save(tmp_path / "old" / "model.ckpt", values)

    done = cli("convert-checkpoint", str(tmp_path / "old"), str(tmp_path / "new"))

    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines() == [
        f"wrote {tmp_path}/new/model.ckpt: 8 of 9 variables renamed "
        f"(TF 1.0/1.1 names in {tmp_path}/old/model.ckpt)"
    ]


def test_python_api_warns_for_a_tf0_multi_layer_checkpoint(tmp_path: Path):
    values = {}
    for k in range(2):
        scope = f"RNN/MultiRNNCell/Cell{k}/GRUCell"
        values[f"{scope}/Gates/Linear/Matrix"] = np.ones([6, 6], np.float32)
        values[f"{scope}/Gates/Linear/Bias"] = np.ones([6], np.float32)
        values[f"{scope}/Candidate/Linear/Matrix"] = np.ones([6, 3], np.float32)
        values[f"{scope}/Candidate/Linear/Bias"] = np.ones([3], np.float32)
    save(tmp_path / "model.ckpt", values)

    with pytest.warns(UserWarning, match="TF 0.x checkpoint holds one set of weights") as caught:
        convert_checkpoint(tmp_path / "model.ckpt", tmp_path / "new", dry_run=True)
    assert "\n  rnn/multi_rnn_cell: cell_0, cell_1\n" in str(caught[0].message)

    save(tmp_path / "one" / "model.ckpt", {"rnn/basic_rnn_cell/weights": np.ones([4, 2], "f")})
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        convert_checkpoint(tmp_path / "one" / "model.ckpt", tmp_path / "new", dry_run=True)
