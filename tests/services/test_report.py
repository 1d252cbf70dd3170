"""The reporters of ``dualladder._internal.services.report``, on hand-made reports (no rule
involved)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from reports import finding, render, sarif, sarif_validator

from dualladder._internal.services.report import (
    JSON_VERSION,
    REPORTERS,
    SARIF_SCHEMA,
    GithubReporter,
    default_format,
    display_path,
    github_escape_data,
    github_escape_property,
    summary,
)
from dualladder._internal.util.catalog import CATALOG
from dualladder._internal.util.findings import Report

TEXT_LINE = re.compile(r"^.+:\d+:\d+: DL\d{3} (error|warning): .+$")
GITHUB_LINE = re.compile(r"^::(error|warning) file=.+,line=\d+,col=\d+,title=DL\d{3}::.+$")


SAMPLE = Report.of(
    [
        finding(),
        finding(file="ladders/b.yaml", line=9, column=1, code="DL108", severity="warning",
                message="title 'Engineering Manager, Staff' uses 'manager'", loc=()),
        finding(file="ladders/b.yaml", line=1, column=1, code="DL002", message="odd: 100 %"),
    ],
    ["ladders/a.yaml", "ladders/b.yaml", "ladders/c.yaml"],
)


def test_registry_names() -> None:
    assert list(REPORTERS) == ["text", "json", "github", "sarif"]
    for name, cls in REPORTERS.items():
        assert cls.name == name


@pytest.mark.parametrize(
    ("errors", "warnings", "files", "expected"),
    [
        (0, 0, 3, "no problems in 3 files"),
        (0, 0, 1, "no problems in 1 file"),
        (1, 0, 1, "1 error in 1 file"),
        (2, 1, 3, "2 errors, 1 warning in 3 files"),
        (0, 2, 2, "2 warnings in 2 files"),
        (1, 1, 1, "1 error, 1 warning in 1 file"),
    ],
)
def test_summary_counts_and_plurals(errors: int, warnings: int, files: int, expected: str) -> None:
    found = [finding(line=i + 1) for i in range(errors)] + [
        finding(line=100 + i, code="DL202", severity="warning") for i in range(warnings)
    ]
    report = Report.of(found, [f"f{i}.yaml" for i in range(files)])
    assert summary(report) == expected


def test_text_one_line_per_finding_then_summary() -> None:
    lines = render("text", SAMPLE).splitlines()
    assert lines[-1] == "2 errors, 1 warning in 3 files"
    assert len(lines) == 4
    for line, item in zip(lines, SAMPLE, strict=False):
        assert line == str(item)
        assert TEXT_LINE.match(line)


def test_text_keeps_a_multiline_message_on_one_line() -> None:
    report = Report.of([finding(message="first\nsecond\r\nthird")], ["ladders/a.yaml"])
    lines = render("text", report).splitlines()
    assert lines == ["ladders/a.yaml:3:5: DL103 error: first second third", "1 error in 1 file"]


def test_text_clean_report() -> None:
    assert render("text", Report.of([], ["a.yaml"])) == "no problems in 1 file\n"


def test_json_document_is_stable() -> None:
    doc = json.loads(render("json", SAMPLE))
    assert list(doc) == ["version", "files", "findings", "summary", "notes"]
    assert doc["notes"] == []
    assert doc["version"] == JSON_VERSION == 1
    assert doc["files"] == ["ladders/a.yaml", "ladders/b.yaml", "ladders/c.yaml"]
    assert doc["summary"] == {"errors": 2, "warnings": 1, "files": 3}
    assert doc["findings"] == [f.as_dict() for f in SAMPLE]
    assert doc["findings"][0] == {
        "file": "ladders/a.yaml",
        "line": 3,
        "column": 5,
        "code": "DL103",
        "severity": "error",
        "message": "pay differs",
        "path": "tracks.technical.rungs[2].pay",
    }
    assert render("json", SAMPLE) == render("json", SAMPLE)


def test_json_keeps_unicode() -> None:
    message = "Fellow (L10) earns 150 000 \u20ac \u2013 less"
    report = Report.of([finding(message=message)], ["a.yaml"])
    out = render("json", report)
    assert "\u20ac \u2013" in out
    assert json.loads(out)["findings"][0]["message"].endswith("\u20ac \u2013 less")


def test_github_lines() -> None:
    lines = render("github", SAMPLE).splitlines()
    assert lines[-1] == "2 errors, 1 warning in 3 files"
    commands = lines[:-1]
    assert len(commands) == 3
    for line in commands:
        assert GITHUB_LINE.match(line), line
    assert commands[0] == "::error file=ladders/a.yaml,line=3,col=5,title=DL103::pay differs"
    assert commands[1] == "::error file=ladders/b.yaml,line=1,col=1,title=DL002::odd: 100 %25"
    assert commands[2].startswith("::warning file=ladders/b.yaml,line=9,col=1,title=DL108::")
    # a comma in the message is data, not a property: not escaped
    assert commands[2].endswith("::title 'Engineering Manager, Staff' uses 'manager'")


def test_github_escaping_rules() -> None:
    assert github_escape_data("50% a\r\nb") == "50%25 a%0D%0Ab"
    assert github_escape_data("a:b,c") == "a:b,c"
    assert github_escape_property("dir,x/a:b%.yaml\n") == "dir%2Cx/a%3Ab%25.yaml%0A"
    odd = finding(file="we,ird:dir/l%.yaml", message="two\nlines: 5%")
    assert GithubReporter.command(odd) == (
        "::error file=we%2Cird%3Adir/l%25.yaml,line=3,col=5,title=DL103::two%0Alines: 5%25"
    )


def test_default_format_follows_github_actions() -> None:
    assert default_format({"GITHUB_ACTIONS": "true"}) == "github"
    assert default_format({"GITHUB_ACTIONS": "false"}) == "text"
    assert default_format({}) == "text"


def test_display_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert display_path("ladders/a.yaml") == "ladders/a.yaml"
    assert display_path(str(tmp_path / "sub" / "a.yaml")) == "sub/a.yaml"
    outside = str(tmp_path.parent / "elsewhere.yaml")
    assert display_path(outside) == Path(outside).as_posix()


# -- SARIF ----------------------------------------------------------------------------------------


def test_sarif_structure() -> None:
    doc = sarif(SAMPLE)
    assert doc["$schema"] == SARIF_SCHEMA
    assert doc["version"] == "2.1.0"
    assert len(doc["runs"]) == 1
    run = doc["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "dualladder"
    assert driver["version"]
    rules = driver["rules"]
    assert [r["id"] for r in rules] == list(CATALOG)
    for rule in rules:
        severity, text = CATALOG[rule["id"]]
        assert rule["shortDescription"]["text"] == text
        assert rule["defaultConfiguration"]["level"] == severity
    results = run["results"]
    assert len(results) == len(SAMPLE)
    for result, item in zip(results, SAMPLE, strict=True):
        assert result["ruleId"] == item.code
        assert rules[result["ruleIndex"]]["id"] == item.code
        assert result["level"] == item.severity
        assert result["message"]["text"] == item.message
        physical = result["locations"][0]["physicalLocation"]
        assert physical["artifactLocation"]["uri"] == item.file
        assert physical["region"] == {"startLine": item.line, "startColumn": item.column}
    logical = results[0]["locations"][0]["logicalLocations"][0]
    assert logical["fullyQualifiedName"] == "tracks.technical.rungs[2].pay"


def test_sarif_uris(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    inside = str(tmp_path / "my ladders" / "a.yaml")
    outside = str(tmp_path.parent / "b.yaml")
    doc = sarif(Report.of([finding(file=inside), finding(file=outside)], [inside, outside]))
    locations = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]: r
        for r in doc["runs"][0]["results"]
    }
    assert "my%20ladders/a.yaml" in locations
    assert Path(outside).as_uri() in locations
    rel = locations["my%20ladders/a.yaml"]["locations"][0]["physicalLocation"]
    assert rel["artifactLocation"]["uriBaseId"] == "%SRCROOT%"


def test_sarif_empty_report() -> None:
    doc = sarif(Report.of([], ["a.yaml"]))
    assert doc["runs"][0]["results"] == []


def test_sarif_validates_against_the_official_schema(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    validator = sarif_validator()
    monkeypatch.chdir(tmp_path)
    for report in (SAMPLE, Report.of([], ["a.yaml"]),
                   Report.of([finding(file=str(tmp_path.parent / "x y.yaml"), loc=())], [])):
        errors = sorted(validator.iter_errors(sarif(report)), key=str)
        assert errors == [], errors[0].message if errors else ""


def test_sarif_schema_check_catches_a_broken_log() -> None:
    validator = sarif_validator()
    doc = sarif(SAMPLE)
    doc["runs"][0]["results"][0]["level"] = "fatal"
    assert not validator.is_valid(doc)
