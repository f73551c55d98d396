"""The four renderers of findings: text, json, github, sarif."""

from __future__ import annotations

import json

import pytest

from legacy2tf2.migrator.report import Finding, render

FINDINGS = [
    Finding("src/model.py", 12, 5, "L2T001", "tf.contrib.layers left"),
    Finding(
        "nb/train.ipynb",
        3,
        1,
        "L2T000",
        "cell 2: cannot parse (Missing parentheses in call to 'print')",
    ),
    Finding("odd, name:1.py", 1, 1, "L2T003", "50% of it\nsecond line"),
]


def test_text() -> None:
    assert render(FINDINGS[:2], "text").splitlines() == [
        "src/model.py:12:5: L2T001 tf.contrib.layers left",
        "nb/train.ipynb:3:1: L2T000 cell 2: cannot parse (Missing parentheses in call to 'print')",
    ]
    assert render([], "text") == ""


def test_json_round_trip() -> None:
    records = json.loads(render(FINDINGS, "json"))
    assert [Finding(**r) for r in records] == FINDINGS
    assert json.loads(render([], "json")) == []


def test_github_annotations_escaped() -> None:
    lines = render(FINDINGS, "github").splitlines()
    assert (
        lines[0]
        == "::error file=src/model.py,line=12,col=5,title=L2T001::L2T001 tf.contrib.layers left"
    )
    assert (
        lines[2]
        == "::error file=odd%2C name%3A1.py,line=1,col=1,title=L2T003::L2T003 50%25 of it%0Asecond line"
    )
    assert len(lines) == 3


def test_sarif_2_1_0() -> None:
    log = json.loads(render(FINDINGS, "sarif", "9.9"))
    assert log["version"] == "2.1.0"
    assert log["$schema"].endswith("sarif-2.1.0.json")
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("legacy2tf2", "9.9")
    rule_ids = [rule["id"] for rule in driver["rules"]]
    assert {"L2T000", "L2T001", "L2T003", "L2T008", "L2T017", "L2T018", "L2T019"} <= set(rule_ids)
    first = run["results"][0]
    assert first["ruleId"] == "L2T001"
    assert rule_ids[first["ruleIndex"]] == "L2T001"
    assert first["level"] == "error"
    assert first["message"] == {"text": "tf.contrib.layers left"}
    location = first["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "src/model.py"}
    assert location["region"] == {"startLine": 12, "startColumn": 5}
    assert (
        run["results"][2]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        == "odd%2C%20name%3A1.py"
    )


def test_sarif_without_findings_is_a_valid_empty_run() -> None:
    log = json.loads(render([], "sarif"))
    assert log["runs"][0]["results"] == []
    assert "version" not in log["runs"][0]["tool"]["driver"]


def test_unknown_format_rejected() -> None:
    with pytest.raises(ValueError, match=r"`fmt`.*Received: fmt='xml'"):
        render(FINDINGS, "xml")
