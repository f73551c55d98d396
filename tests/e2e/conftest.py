import os
from pathlib import Path

import pytest

from tests.e2e.helpers import copy_examples, migrate_in_process

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")


@pytest.fixture(scope="session")
def migrated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """All five examples, copied and rewritten with ``full_upgrade`` (read-only for tests)."""
    root = copy_examples(tmp_path_factory.mktemp("migrated"))
    migrate_in_process(root)
    return root
