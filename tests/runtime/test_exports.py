"""`legacy2tf2.runtime` exports exactly the names README's runtime section lists."""

import re
from pathlib import Path

import legacy2tf2.runtime as runtime

README = Path(__file__).resolve().parents[2] / "README.md"
EXPORTS_SENTENCE = re.compile(
    r"The package itself, `legacy2tf2\.runtime`, exports (.*?)\(each described below\)", re.S
)


def runtime_section() -> str:
    text = README.read_text()
    return text[text.index("## The runtime") : text.index("## Proving parity")]


def test_package_exports_exactly_what_readme_lists():
    listed = re.findall(r"`(\w+)`", EXPORTS_SENTENCE.search(runtime_section()).group(1))
    assert sorted(listed) == sorted(runtime.__all__)
    for name in listed:
        assert hasattr(runtime, name), name


def test_every_export_is_described_in_the_runtime_section():
    section = EXPORTS_SENTENCE.sub("", runtime_section())
    undescribed = [name for name in runtime.__all__ if not re.search(rf"\b{name}\b", section)]
    assert not undescribed
