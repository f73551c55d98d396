"""The translate tutorial's program, migrated with ``rewrite --full``, on TensorFlow 2.21."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from legacy2tf2.commands.demo import DECODE_DRIVER
from tests.e2e.helpers import CHECKPOINT, numbers_after, run_program, tokens

pytestmark = pytest.mark.e2e


def _tf1_checkpoint(tmp_path: Path) -> Path:
    ckpt = tmp_path / "tf1"
    shutil.copytree(CHECKPOINT, ckpt)
    return ckpt


def test_trains_saves_restores_and_decodes(migrated: Path, tmp_path: Path) -> None:
    work = migrated / "translate"
    train_dir = tmp_path / "train"
    out = run_program(work, "translate.py", f"--train_dir={train_dir}", "--max_steps=30")
    losses = numbers_after(" loss", out)
    assert len(losses) == 3, out
    assert losses[-1] < losses[0], out
    assert (train_dir / "translate.ckpt-30.index").is_file()
    assert "Created model with fresh parameters." in out

    out = run_program(
        work, "translate.py", "--decode", f"--train_dir={train_dir}", "--sentence=we see a cat"
    )
    assert f"Reading model parameters from {train_dir}/translate.ckpt-30" in out
    decoded = tokens(out)
    assert all(0 <= t < 22 for t in decoded)
    assert "translation:" in out


def test_decodes_exactly_what_tf1_decoded_from_its_checkpoint(
    migrated: Path, tmp_path: Path
) -> None:
    ckpt = _tf1_checkpoint(tmp_path)
    driver = migrated / "translate" / "decode_tf1_test.py"
    driver.write_text(DECODE_DRIVER)
    out = run_program(
        driver.parent, driver.name, str(ckpt), str(ckpt / "decode.npz"), str(ckpt / "model.json")
    )
    got = json.loads(out.splitlines()[-1])
    with np.load(ckpt / "decode.npz") as fixture:
        assert got["tokens"] == fixture["tokens"].tolist()
    assert got["max_logit_error"] < 1e-4
    assert got["checkpoint"].endswith("translate.ckpt-30")


def test_training_resumes_from_the_tf1_checkpoint(migrated: Path, tmp_path: Path) -> None:
    """The program's own Saver restores TF1's Adam slots and global step, and goes on training."""
    ckpt = _tf1_checkpoint(tmp_path)
    out = run_program(
        migrated / "translate",
        "translate.py",
        f"--train_dir={ckpt}",
        "--max_steps=10",
        "--steps_per_checkpoint=5",
    )
    assert "Reading model parameters from" in out
    assert "global step 35 " in out and "global step 40 " in out, out
    assert (ckpt / "translate.ckpt-40.index").is_file()
