"""The README's examples are true: the Keras example runs, the rewrite example is real output."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

README = Path(__file__).resolve().parents[1] / "README.md"


@pytest.mark.heavy
def test_readme_keras_example_runs(tmp_path):
    blocks = re.findall(r"```python\n(.*?)```", README.read_text(), flags=re.S)
    example = next(block for block in blocks if block.startswith("# A runnable example"))
    script = tmp_path / "example.py"
    script.write_text(example)
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "2"}
    result = subprocess.run(
        [sys.executable, str(script)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "->" in result.stdout
    assert (tmp_path / "attention.png").exists() and (tmp_path / "reverse.keras").exists()
    assert (tmp_path / "reverse_served" / "saved_model.pb").exists()


def test_readme_rewrite_example_is_the_tools_real_output(tmp_path):
    """The `model.py` block and the diff under it: `legacy2tf2 rewrite --diff model.py` prints
    exactly that diff (and exits 1, a diff was printed)."""
    text = README.read_text()
    section = text[text.index("What a rewrite looks like") :]
    source = re.search(r"```python\n(.*?)```", section, flags=re.S).group(1)
    expected = re.search(r"```diff\n(.*?)```", section, flags=re.S).group(1)
    (tmp_path / "model.py").write_text(source)
    result = subprocess.run(
        [sys.executable, "-m", "legacy2tf2", "rewrite", "--diff", "model.py"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 1, result.stderr
    assert result.stdout == expected
