"""chatbot, char_rnn, forecast and pre1_0, migrated with ``rewrite --full``, on TensorFlow 2.21."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.helpers import numbers_after, run_program, tokens

pytestmark = pytest.mark.e2e


def test_chatbot_trains_chats_and_keeps_tf1_layer_sharing(migrated: Path, tmp_path: Path) -> None:
    work, ckpt = migrated / "chatbot", tmp_path / "ckpt"
    out = run_program(work, "chatbot.py", "--mode", "train", f"--ckpt_dir={ckpt}", "--epochs=12")
    losses = numbers_after(" loss", out)
    assert len(losses) == 12, out
    assert losses[-1] < losses[0]
    assert f"saved {ckpt}/chatbot.ckpt-12" in out

    out = run_program(work, "chatbot.py", "--mode", "chat", f"--ckpt_dir={ckpt}", "--query=hi")
    assert f"restored {ckpt}/chatbot.ckpt-12" in out
    assert len(tokens(out)) == 6
    assert "reply:" in out

    import tensorflow as tf

    names = [name for name, _ in tf.train.list_variables(str(ckpt / "chatbot.ckpt-12"))]
    cells = sorted(
        {n.split("multi_rnn_cell/")[1].split("/")[0] for n in names if "multi_rnn_cell/" in n}
    )
    # MultiRNNCell([cell] * 2) shares one cell object, so TF1 made one set of weights: cell_0
    assert cells == ["cell_0"], names


def test_char_rnn_trains_and_samples_through_its_loop_function(
    migrated: Path, tmp_path: Path
) -> None:
    work, save = migrated / "char_rnn", tmp_path / "save"
    out = run_program(work, "train.py", f"--save_dir={save}", "--num_epochs=5")
    losses = numbers_after("train_loss =", out)
    assert len(losses) == 5, out
    assert losses[-1] < losses[0]
    assert (save / "model.ckpt-5.index").is_file()

    out = run_program(work, "sample.py", f"--save_dir={save}", "-n", "12", "--prime", "a")
    assert f"restored {save}/model.ckpt-5" in out
    sampled = tokens(out)
    assert len(sampled) == 12
    assert "sample: 'a" in out


def test_forecast_trains_on_float_sequences_and_predicts(migrated: Path, tmp_path: Path) -> None:
    work, ckpt = migrated / "forecast", tmp_path / "ckpt"
    out = run_program(work, "forecast.py", f"--train_dir={ckpt}", "--nb_iters=40")
    losses = numbers_after("train loss:", out)
    assert len(losses) == 5, out
    assert losses[-1] < losses[0]
    assert f"saved {ckpt}/forecast.ckpt" in out

    out = run_program(work, "forecast.py", f"--train_dir={ckpt}", "--predict")
    predicted = out.split("predicted:")[1].splitlines()[0].split()
    assert len(predicted) == 10
    assert numbers_after("mse", out)


def test_pre1_0_trains_and_reverses(migrated: Path, tmp_path: Path) -> None:
    work, ckpt = migrated / "pre1_0", tmp_path / "ckpt"
    out = run_program(work, "reverse.py", f"--train_dir={ckpt}", "--steps=40")
    losses = numbers_after(" loss", out)
    assert len(losses) == 5, out
    assert losses[-1] < losses[0]
    assert (ckpt / "reverse.ckpt-40.index").is_file()

    out = run_program(work, "reverse.py", f"--train_dir={ckpt}", "--decode", "--digits=1,2,3,4,5")
    decoded = tokens(out)
    assert len(decoded) == 5
    assert all(2 <= t < 12 for t in decoded)


def test_the_original_examples_do_not_run_on_tensorflow_2(tmp_path: Path) -> None:
    """What the migration is for: every original program fails on TF 2 before it trains."""
    import subprocess
    import sys

    from tests.e2e.helpers import EXAMPLES, env

    runs = {
        "translate": ["translate.py", f"--train_dir={tmp_path}/t", "--max_steps=1"],
        "chatbot": ["chatbot.py", f"--ckpt_dir={tmp_path}/c", "--epochs=1"],
        "char_rnn": ["train.py", f"--save_dir={tmp_path}/r", "--num_epochs=1"],
        "forecast": ["forecast.py", f"--train_dir={tmp_path}/f", "--nb_iters=1"],
        "pre1_0": ["reverse.py", f"--train_dir={tmp_path}/p", "--steps=1"],
    }
    started = {
        name: subprocess.Popen(
            [sys.executable, *args],
            cwd=EXAMPLES / name,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env(),
        )
        for name, args in runs.items()
    }
    for name, process in started.items():
        _, stderr = process.communicate(timeout=150)
        assert process.returncode != 0, name
        assert "AttributeError" in stderr or "ModuleNotFoundError" in stderr, (name, stderr[-2000:])
