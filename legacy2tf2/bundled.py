"""The TF1 data that ships inside the package, for ``legacy2tf2 parity`` and ``legacy2tf2 demo``.

In the source tree ``legacy2tf2/_bundled/`` holds links to ``fixtures/parity`` and
``examples/translate`` (one copy of each, where the tests use them); a wheel holds the files
themselves (``[tool.setuptools.package-data]`` in pyproject.toml). The paths below are resolved,
so in a checkout they name the real directories.
"""

from __future__ import annotations

from pathlib import Path

_BUNDLED = Path(__file__).resolve().parent / "_bundled"

#: The TF1 reference cases (``NAME.json`` + ``NAME.npz``) that ``legacy2tf2 parity`` replays.
PARITY_CASES = (_BUNDLED / "parity" / "cases").resolve()

#: A checkpoint TF1 saved after 30 Adam steps of the translate example, with the batch it decoded.
TRANSLATE_CHECKPOINT = (_BUNDLED / "parity" / "checkpoints" / "translate_gru").resolve()

#: The TF1 translate tutorial program (``translate.py``, ``seq2seq_model.py``, ``data_utils.py``).
TRANSLATE_EXAMPLE = (_BUNDLED / "translate").resolve()
