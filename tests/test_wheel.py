"""The product as users get it: a wheel installed into a fresh virtual environment.

The wheel is built from a copy of the source tree, installed (without its dependencies) into a
new virtual environment that does not see this one's site-packages, and run from an empty
directory: ``legacy2tf2 demo`` and ``legacy2tf2 parity`` must work from the files the wheel
ships. Installing TensorFlow from the package index into the new environment takes minutes, so
a ``.pth`` file gives it this environment's installed dependencies (TensorFlow, libcst, click,
pathspec) instead; ``legacy2tf2`` itself comes only from the wheel (asserted below).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from tests.test_quiet_output import NOISE

pytestmark = pytest.mark.heavy

ROOT = Path(__file__).resolve().parents[1]
#: What the wheel is built from: the package (its _bundled/ links followed through the two
#: directories they point at) and the project metadata.
SOURCES = ("pyproject.toml", "README.md", "legacy2tf2", "fixtures/parity", "examples/translate")
CASES = sorted((ROOT / "fixtures" / "parity" / "cases").glob("*.json"))


def _run(args: list[str], cwd: Path, timeout: int, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(
        args, cwd=cwd, capture_output=True, text=True, timeout=timeout, env=env or _clean_env()
    )
    assert done.returncode == 0, f"{args} exited {done.returncode}:\n{done.stderr[-4000:]}"
    return done.stdout


def _clean_env() -> dict[str, str]:
    """This process's environment less what would let the checkout or its settings leak in."""
    hidden = {"PYTHONPATH", "TF_CPP_MIN_LOG_LEVEL", "VIRTUAL_ENV", "PYTHONHOME"}
    return {key: value for key, value in os.environ.items() if key not in hidden}


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The ``bin`` directory of a fresh virtual environment holding the built wheel."""
    tmp = tmp_path_factory.mktemp("wheel")
    source = tmp / "source"
    for name in SOURCES:
        if (ROOT / name).is_dir():
            shutil.copytree(
                ROOT / name,
                source / name,
                symlinks=True,
                ignore=shutil.ignore_patterns("__pycache__", "*.pyc"),
            )
        else:
            source.mkdir(exist_ok=True)
            shutil.copy(ROOT / name, source / name)
    dist = tmp / "dist"
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check"]
    _run([*pip, "wheel", "--no-deps", "--quiet", "-w", str(dist), str(source)], tmp, 600)
    (wheel,) = dist.glob("legacy2tf2-*.whl")
    venv = tmp / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", str(venv)], tmp, 120)
    python = venv / "bin" / "python"
    _run([*pip, "--python", str(python), "install", "--no-deps", "--quiet", str(wheel)], tmp, 300)
    site_packages = _run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], tmp, 60
    ).strip()
    dependencies = sysconfig.get_paths()["purelib"]
    (Path(site_packages) / "_dependencies.pth").write_text(dependencies + "\n")
    package = _run(
        [str(python), "-c", "import legacy2tf2; print(legacy2tf2.__file__)"], tmp, 60
    ).strip()
    assert Path(package).is_relative_to(site_packages), package
    assert not (Path(site_packages) / "legacy2tf2" / "_bundled" / "parity").is_symlink()
    return venv / "bin"


def test_demo_runs_from_the_wheel_quietly(installed: Path, tmp_path: Path) -> None:
    done = subprocess.run(
        [str(installed / "legacy2tf2"), "demo", "--steps", "3"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=900,
        env=_clean_env(),
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "tokens equal what TF1 decoded" in done.stdout
    assert "not expected to be right" in done.stdout
    assert done.stdout.rstrip().splitlines()[-1].startswith("demo passed in ")
    assert [noise for noise in NOISE if noise in done.stderr] == [], done.stderr
    assert list(tmp_path.iterdir()) == []


def test_parity_replays_the_shipped_cases_from_the_wheel(installed: Path, tmp_path: Path) -> None:
    done = subprocess.run(
        [str(installed / "legacy2tf2"), "parity", "--mode", "eager"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=900,
        env=_clean_env(),
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert done.stdout.splitlines()[-1] == f"{len(CASES)} passed, 0 failed"
    assert [noise for noise in NOISE if noise in done.stderr] == [], done.stderr
