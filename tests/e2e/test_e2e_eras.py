"""TF1 programs of every era, migrated by ``legacy2tf2 rewrite --full`` and run on TF 2.21.

One real CLI migration per module (a temporary copy of the examples), then each program is
trained, saved, restored and decoded with no edit to the migrated code: its loss falls, and
what the restored checkpoint decodes equals what the training process decoded with the same
weights.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.e2e.helpers import (
    ERA_EXAMPLE_NAMES,
    PROGRAM_TIMEOUT,
    cli,
    copy_examples,
    env,
    numbers_after,
    run_notebook,
    run_program,
    tokens,
)

pytestmark = [pytest.mark.e2e, pytest.mark.heavy]

_FINDING = re.compile(r"^(?P<path>\S+?):\d+:\d+: (?P<code>L2T\d{3}) ", re.MULTILINE)


@pytest.fixture(scope="module")
def migration(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """The era examples copied and migrated by ``legacy2tf2 rewrite --full`` in a subprocess."""
    root = copy_examples(tmp_path_factory.mktemp("eras"), ERA_EXAMPLE_NAMES)
    # ten files through TensorFlow's upgrader: more than one program's time on a busy machine
    return root, cli("rewrite", "--full", *ERA_EXAMPLE_NAMES, cwd=root, timeout=4 * PROGRAM_TIMEOUT)


@pytest.fixture(scope="module")
def migrated(migration: tuple[Path, subprocess.CompletedProcess[str]]) -> Path:
    return migration[0]


def findings(output: str) -> set[tuple[str, str]]:
    """``(example directory, code)`` of every ``path:line:col: CODE`` finding printed."""
    return {
        (Path(m["path"]).parts[0], m["code"]) for m in _FINDING.finditer(output.replace("\\", "/"))
    }


def line_tokens(label: str, text: str) -> list[int]:
    """The integers of the last line starting with ``label``."""
    lines = [line for line in text.splitlines() if line.startswith(label)]
    assert lines, f"no {label!r} line in:\n{text}"
    return [int(t) for t in lines[-1][len(label) :].split()]


def checkpoint_cells(checkpoint: str) -> set[str]:
    """The ``cell_N`` scopes of every MultiRNNCell variable in a checkpoint."""
    import tensorflow as tf

    names = [name for name, _ in tf.train.list_variables(checkpoint)]
    return {m for name in names for m in re.findall(r"multi_rnn_cell/(cell_\d+)/", name)}


def scalar_tags(log_dir: Path) -> set[str]:
    """The scalar summary tags written to the event files under ``log_dir``."""
    import tensorflow as tf

    tags = set()
    for events in log_dir.rglob("events.out.tfevents.*"):
        for event in tf.compat.v1.train.summary_iterator(str(events)):
            tags.update(
                value.tag for value in event.summary.value if value.HasField("simple_value")
            )
    return tags


def test_rewrite_full_fails_only_on_the_unsupported_nas_branch(
    migration: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    _, done = migration
    failing = {(example, code) for example, code in findings(done.stderr) if code == "L2T002"}
    assert failing == {("tf1_4_seq2seq", "L2T002")}, done.stderr
    assert done.returncode == 1, done.stderr
    assert not {code for _, code in findings(done.stderr)} & {
        "L2T000",
        "L2T001",
        "L2T003",
        "L2T012",
    }
    assert "rewrote 9 of 10 files" in done.stderr.splitlines()[-1], done.stderr


def test_check_passes_on_the_migrated_copies_and_fails_on_the_originals(
    migrated: Path, tmp_path: Path
) -> None:
    after = cli("check", *ERA_EXAMPLE_NAMES, cwd=migrated)
    # rnn.NASCell(n) if args.cell == "nas" else ...: the branch is kept and still reported
    assert findings(after.stdout) == {("tf1_4_seq2seq", "L2T002")}, after.stdout
    assert after.returncode == 1
    for name in ERA_EXAMPLE_NAMES:
        if name != "tf1_4_seq2seq":
            assert cli("check", name, cwd=migrated).returncode == 0, name

    originals = copy_examples(tmp_path, ERA_EXAMPLE_NAMES)
    before = cli("check", *ERA_EXAMPLE_NAMES, cwd=originals)
    assert before.returncode == 1
    assert {example for example, code in findings(before.stdout) if code == "L2T001"} == set(
        ERA_EXAMPLE_NAMES
    ), before.stdout


def test_tf0_12_translate_trains_and_decodes_its_checkpoint(migrated: Path, tmp_path: Path) -> None:
    work, train_dir = migrated / "tf0_12_translate", tmp_path / "train"
    sentence = "--sentence=the red bird"
    out = run_program(work, "translate.py", f"--train_dir={train_dir}", "--max_steps=40", sentence)
    assert "Created model with fresh parameters." in out
    losses = numbers_after(" loss", out)
    assert len(losses) == 4, out
    assert losses[-1] < losses[0]
    trained = tokens(out)

    out = run_program(work, "translate.py", f"--train_dir={train_dir}", "--decode", sentence)
    assert f"Reading model parameters from {train_dir}/translate.ckpt-40" in out
    assert tokens(out) == trained
    # 0.x MultiRNNCell([single_cell] * n): each layer had its own weights
    assert checkpoint_cells(str(train_dir / "translate.ckpt-40")) == {"cell_0", "cell_1"}


def test_tf1_0_char_rnn_trains_logs_and_samples_its_checkpoint(
    migrated: Path, tmp_path: Path
) -> None:
    work, save, logs = migrated / "tf1_0_char_rnn", tmp_path / "save", tmp_path / "logs"
    out = run_program(work, "train.py", f"--save_dir={save}", f"--log_dir={logs}", "--num_epochs=6")
    losses = numbers_after("train_loss =", out)
    assert len(losses) == 6 * 5, out
    assert sum(losses[-5:]) < sum(losses[:5])
    trained = tokens(out)
    assert len(trained) == 1 + 20
    assert "train_loss" in scalar_tags(logs)

    out = run_program(
        work, "sample.py", f"--save_dir={save}", "-n", "20", "--prime", "t", "--sample", "0"
    )
    assert f"restored {save}/model.ckpt-29" in out
    assert tokens(out) == trained

    # --sample 1, the default: weighted_pick's int(np.searchsorted(t, np.random.rand(1) * s))
    out = run_program(work, "sample.py", f"--save_dir={save}", "-n", "20", "--prime", "t")
    assert len(ast.literal_eval(out.split("sample: ")[1].splitlines()[0])) == 1 + 20
    # 1.0 MultiRNNCell([cell] * n) made one set of weights per layer
    assert checkpoint_cells(str(save / "model.ckpt-29")) == {"cell_0", "cell_1"}


def test_tf1_4_seq2seq_trains_sorts_and_restores(migrated: Path, tmp_path: Path) -> None:
    work, model_dir = migrated / "tf1_4_seq2seq", tmp_path / "model"
    out = run_program(work, "sorter.py", f"--model_dir={model_dir}", "--steps=60")
    losses = numbers_after(" loss", out)
    assert len(losses) == 4, out
    assert losses[-1] < losses[0]
    assert f"saved {model_dir}/sorter.ckpt-60" in out
    trained = tokens(out)
    assert len(trained) == 5
    assert "sorter/loss" in scalar_tags(model_dir) or "loss" in scalar_tags(model_dir)

    out = run_program(work, "sorter.py", "--mode=infer", f"--model_dir={model_dir}")
    assert f"restored {model_dir}/sorter.ckpt-60" in out
    assert tokens(out) == trained
    # 1.2+ MultiRNNCell([cell] * 2): one cell object, one set of weights
    assert checkpoint_cells(str(model_dir / "sorter.ckpt-60")) == {"cell_0"}


def test_tf1_4_seq2seq_nas_branch_fails_loudly(migrated: Path, tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "sorter.py", "--cell=nas", f"--model_dir={tmp_path}", "--steps=1"],
        cwd=migrated / "tf1_4_seq2seq",
        capture_output=True,
        text=True,
        timeout=PROGRAM_TIMEOUT,
        env=env(),
    )
    assert done.returncode != 0
    assert "UnsupportedCellError" in done.stderr and "NASCell" in done.stderr, done.stderr[-2000:]


def test_tf1_x_notebook_trains_and_chats_from_its_checkpoint(
    migrated: Path, tmp_path: Path
) -> None:
    out = run_notebook(migrated / "tf1_x_notebook" / "chatbot.ipynb", tmp_path)
    losses = numbers_after(" loss", out)
    assert len(losses) == 6, out
    assert losses[-1] < losses[0]
    assert "Restored ckpt/chatbot/seq2seq_model.ckpt-300" in out
    trained = line_tokens("trained tokens:", out)
    assert len(trained) == 12
    # a new graph and session, restored from the checkpoint, answer as the trained session did
    assert line_tokens("restored tokens:", out) == trained


def test_tf0_12_notebook_trains_and_restores_in_a_new_session(
    migrated: Path, tmp_path: Path
) -> None:
    out = run_notebook(migrated / "tf0_12_notebook" / "autoencoder.ipynb", tmp_path)
    losses = numbers_after(" loss", out)
    assert len(losses) == 6, out
    assert losses[-1] < losses[0]
    decoded = line_tokens("decoded tokens:", out)
    assert len(decoded) == 50
    assert line_tokens("restored tokens:", out) == decoded
    saved = out.split("saved ")[1].split()[0]
    assert saved.startswith(str(tmp_path))
    # 0.x MultiRNNCell([single_cell] * 2): each layer had its own weights
    assert checkpoint_cells(saved) == {"cell_0", "cell_1"}
    tags = scalar_tags(Path(saved).parent)
    # tf.scalar_summary("magnitude at t=1", ...) wrote that tag; tf.summary.scalar cleans it
    assert "loss" in tags and any(tag.startswith("magnitude") for tag in tags), tags
