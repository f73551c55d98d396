"""``--full``: Python 2's implicit relative imports in a package's modules other than
``__init__.py`` (``from util import *`` in ``utils/loader.py``), made explicit for both ways such
a module runs: exact before/after pairs on real package folders, the cases left, and a migrated
Python 2 package run as a package and as a script."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from legacy2tf2.migrator.py2_module_imports import fix_module_imports


def _package(root: Path, source: str, *, init: bool = True) -> Path:
    package = root / "utils"
    package.mkdir()
    if init:
        (package / "__init__.py").write_text("")
    (package / "util.py").write_text("PAD = 0\n")
    (package / "vocab").mkdir()
    (package / "vocab" / "__init__.py").write_text("")
    module = package / "loader.py"
    module.write_text(source)
    return module


@pytest.mark.parametrize(
    ("before", "after"),
    [
        pytest.param(
            "import pickle\nfrom util import *\n",
            "import pickle\nif __package__: from .util import *\nelse: from util import *\n",
            id="star",
        ),
        pytest.param(
            "import util as u  # helpers\nimport vocab\n",
            "if __package__: from . import util as u\nelse: import util as u  # helpers\n"
            "if __package__: from . import vocab\nelse: import vocab\n",
            id="import of a module and of a subpackage",
        ),
    ],
)
def test_module_import_pair(tmp_path: Path, before: str, after: str) -> None:
    module = _package(tmp_path, before)
    new, changes = fix_module_imports(before.encode(), str(module))
    assert new.decode() == after
    assert changes and {code for _, _, code, _ in changes} == {"L2T022"}


@pytest.mark.parametrize(
    "source",
    [
        pytest.param("from __future__ import absolute_import\nimport util\n", id="absolute"),
        pytest.param("import os, util\n", id="several names"),
        pytest.param("def f():\n    import util\n", id="in a function"),
        pytest.param("import numpy\nfrom . import util\n", id="not a sibling, already relative"),
        pytest.param("import loader\n", id="itself"),
    ],
)
def test_left_as_it_is(tmp_path: Path, source: str) -> None:
    module = _package(tmp_path, source)
    assert fix_module_imports(source.encode(), str(module)) == (source.encode(), [])


def test_only_modules_of_a_package(tmp_path: Path) -> None:
    source = "from util import *\n"
    module = _package(tmp_path, source, init=False)
    assert fix_module_imports(source.encode(), str(module)) == (source.encode(), [])
    init = module.parent / "__init__.py"
    assert fix_module_imports(source.encode(), str(init)) == (source.encode(), [])


@pytest.mark.heavy
def test_python2_package_module_runs_as_package_and_as_script(tmp_path: Path) -> None:
    package = tmp_path / "utils"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "util.py").write_text(
        "PAD = 0\n\ndef pad(ids, n=4):\n    return ids + [PAD] * (n - len(ids))\n"
    )
    (package / "data.py").write_text(
        "from util import *\n\ndef batch(rows):\n    return [pad(r) for r in rows]\n\n"
        "if __name__ == '__main__':\n    print batch([[1], [2, 3]])\n"
    )
    (tmp_path / "train.py").write_text(
        "import numpy as np\nfrom utils.data import batch\n"
        "print np.array(batch([[5, 6, 7], [8]])).sum(axis=1).tolist()\n"
    )
    rewrite = subprocess.run(
        [sys.executable, "-m", "legacy2tf2", "rewrite", "--full", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert rewrite.returncode == 0, rewrite.stdout + rewrite.stderr
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"}
    as_package = subprocess.run(
        [sys.executable, "train.py"], capture_output=True, text=True, cwd=tmp_path, env=env
    )
    assert as_package.returncode == 0, as_package.stderr[-2000:]
    assert as_package.stdout.strip() == "[18, 8]"  # Python 2: rows padded by utils/util.py
    as_script = subprocess.run(
        [sys.executable, "utils/data.py"], capture_output=True, text=True, cwd=tmp_path, env=env
    )
    assert as_script.returncode == 0, as_script.stderr[-2000:]
    assert as_script.stdout.strip() == "[[1, 0, 0, 0], [2, 3, 0, 0]]"
