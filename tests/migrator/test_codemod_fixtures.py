"""Whole files in the styles of PATTERNS.md: ``fixtures/codemod/<case>/before.py`` -> ``after.py``."""

from __future__ import annotations

from pathlib import Path

import pytest
from codemod_pairs import assert_pair

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "codemod"
CASES = sorted(p.name for p in FIXTURES.iterdir() if (p / "before.py").is_file())

#: Findings each case must report, in position order.
EXPECTED_CODES = {
    "char_rnn_monkeypatch": ("L2T005",),
    "chatbot_contrib_imports": ("L2T005",),
}


def test_there_are_fixture_cases() -> None:
    assert len(CASES) >= 6


@pytest.mark.parametrize("case", CASES)
def test_fixture_case(case: str) -> None:
    before = (FIXTURES / case / "before.py").read_bytes()
    after = (FIXTURES / case / "after.py").read_bytes()
    assert before != after
    assert_pair(before, after, EXPECTED_CODES.get(case, ()))
