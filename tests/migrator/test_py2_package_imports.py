"""``--full``: Python 2's implicit relative imports in a package's ``__init__.py`` become
explicitly relative (exact before/after pairs on real package folders), and a migrated Python 2
package imports and runs."""

from __future__ import annotations

from pathlib import Path

import pytest

from legacy2tf2.migrator.py2_package_imports import fix_implicit_relative_imports
from tests.e2e.helpers import migrate_in_process, run_program


def package(tmp_path: Path, init: str) -> Path:
    """``hmlstm/`` holding ``hmlstm_network.py``, ``utils.py`` and a subpackage ``data/``."""
    root = tmp_path / "hmlstm"
    (root / "data").mkdir(parents=True)
    (root / "data" / "__init__.py").write_text("")
    (root / "hmlstm_network.py").write_text("class HMLSTMNetwork(object):\n    pass\n")
    (root / "utils.py").write_text("")
    (root / "__init__.py").write_text(init)
    return root / "__init__.py"


def fix(path: Path) -> tuple[str, list[str]]:
    new, changes = fix_implicit_relative_imports(path.read_bytes(), str(path))
    return new.decode(), [code for _line, _col, code, _msg in changes]


@pytest.mark.parametrize(
    ("before", "after"),
    [
        # nsfinkelstein/hierarchical-rnn's hmlstm/__init__.py (a Python 2 package)
        (
            "from hmlstm_network import HMLSTMNetwork\n",
            "from .hmlstm_network import HMLSTMNetwork\n",
        ),
        ("import utils\n", "from . import utils\n"),
        ("import utils as u, data\n", "from . import utils as u, data\n"),
        (
            "from data.loader import load  # the loader\n",
            "from .data.loader import load  # the loader\n",
        ),
        ("from utils import *\n", "from .utils import *\n"),
        (
            "try:\n    from hmlstm_network import (\n        HMLSTMNetwork,\n    )\nexcept ImportError:\n    pass\n",
            "try:\n    from .hmlstm_network import (\n        HMLSTMNetwork,\n    )\nexcept ImportError:\n    pass\n",
        ),
    ],
)
def test_an_init_s_import_of_its_own_module_becomes_relative(
    tmp_path: Path, before: str, after: str
) -> None:
    assert fix(package(tmp_path, before)) == (after, ["L2T022"] * after.count("from ."))


@pytest.mark.parametrize(
    "init",
    [
        "import numpy as np\nfrom os import path\n",  # not modules of the package
        "from . import utils\nfrom .hmlstm_network import HMLSTMNetwork\n",  # relative already
        "import utils.sub\n",  # binds `utils`: left
        "import utils, numpy\n",  # a package module beside another: left
        "from __future__ import absolute_import\nfrom utils import x\n",  # absolute in Python 2
    ],
)
def test_other_imports_stay(tmp_path: Path, init: str) -> None:
    assert fix(package(tmp_path, init)) == (init, [])


def test_only_a_package_s_init_changes(tmp_path: Path) -> None:
    init = package(tmp_path, "")
    # a module of the package, and a script beside it, may run as the main program: left
    for name in ("model.py", "../train.py"):
        path = init.parent / name
        path.write_text("from utils import x\n")
        new, changes = fix_implicit_relative_imports(path.read_bytes(), str(path))
        assert (new, changes) == (path.read_bytes(), [])
    new, changes = fix_implicit_relative_imports(b"import utils\n", "-")
    assert changes == []


def test_a_migrated_python2_package_imports_and_runs(tmp_path: Path) -> None:
    root = tmp_path / "hmlstm"
    root.mkdir()
    (root / "__init__.py").write_text("from hmlstm_network import HMLSTMNetwork\nimport utils\n")
    (root / "utils.py").write_text("def double(x):\n    return 2 * x\n")
    (root / "hmlstm_network.py").write_text(
        "from .utils import double\n\n\nclass HMLSTMNetwork(object):\n"
        "    def size(self):\n        return double(21)\n"
    )
    (tmp_path / "run.py").write_text(
        "import hmlstm\nprint(hmlstm.HMLSTMNetwork().size(), hmlstm.utils.double(2))\n"
    )
    migrate_in_process(tmp_path)
    assert run_program(tmp_path, "run.py").split() == ["42", "4"]
