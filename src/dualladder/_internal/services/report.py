"""Reporters: a :class:`~dualladder._internal.util.findings.Report` written out for people and for
CI tools.

Each reporter is looked up by name in :data:`REPORTERS` and writes one report to a text stream::

    REPORTERS["text"]().report(report, sys.stdout)

========  ====================================================================================
text      ``file:line:col: CODE severity: message`` a line, then a summary line
json      one stable JSON document: ``version``, ``files``, ``findings``, ``summary``
github    GitHub Actions workflow commands (``::error file=...``), shown as annotations
sarif     SARIF 2.1.0, for code-scanning dashboards
========  ====================================================================================

The one-line formats (text, github) escape every control character, line separator and
undecodable byte of a file name (:func:`~dualladder._internal.util.textsafe.escape_controls`), so
data can neither forge a finding nor drive the terminal; the JSON formats escape controls as JSON
does and write undecodable bytes of file names as ``\\xff``, so the document is always valid UTF-8.

This module imports nothing heavier than :mod:`json`, so ``dualladder validate`` stays quick.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path, PurePath
from typing import Any, ClassVar, Final, TextIO
from urllib.parse import quote

from dualladder._internal.util.catalog import CATALOG
from dualladder._internal.util.findings import Finding, Note, Report
from dualladder._internal.util.textsafe import escape_controls, escape_undecodable

__all__ = [
    "JSON_VERSION",
    "REPORTERS",
    "SARIF_SCHEMA",
    "GithubReporter",
    "JsonReporter",
    "Reporter",
    "SarifReporter",
    "TextReporter",
    "default_format",
    "display_path",
    "github_escape_data",
    "github_escape_property",
    "summary",
]

#: Version of the ``--format json`` document; raised only on an incompatible change.
JSON_VERSION: Final = 1

#: The official OASIS schema URI of SARIF 2.1.0 (errata 01).
SARIF_SCHEMA: Final = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def summary(report: Report) -> str:
    """``2 errors, 1 warning in 3 files``, or ``no problems in 3 files``."""
    errors, warnings = len(report.errors), len(report.warnings)
    parts = []
    if errors:
        parts.append(_plural(errors, "error"))
    if warnings:
        parts.append(_plural(warnings, "warning"))
    found = ", ".join(parts) if parts else "no problems"
    return f"{found} in {_plural(len(report.files), 'file')}"


def _one_line(text: str) -> str:
    """A finding on one line: a line break in a message becomes a space, and every other
    control or separator a visible escape, so nothing in it can start a fake finding."""
    if "\n" in text or "\r" in text:
        text = " ".join(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    return escape_controls(text)


def _utf8(value: Any) -> Any:
    """``value`` (a JSON document) with every undecodable byte of a file name escaped."""
    if isinstance(value, str):
        return escape_undecodable(value)
    if isinstance(value, dict):
        return {key: _utf8(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_utf8(item) for item in value]
    return value


def display_path(name: str) -> str:
    """A file name as CI tools want it: relative to the working folder where it lies below
    it, with ``/`` separators."""
    path = PurePath(name)
    if path.is_absolute():
        try:
            path = Path(name).relative_to(Path.cwd())
        except ValueError:
            return path.as_posix()
    return path.as_posix()


class Reporter:
    """Base class: write ``report`` to ``out``."""

    name: ClassVar[str] = ""

    def report(self, report: Report, out: TextIO) -> None:
        raise NotImplementedError


class TextReporter(Reporter):
    """Compiler style, one finding a line, then the notes (``file:line:col: note: ...``),
    then the summary line."""

    name = "text"

    def report(self, report: Report, out: TextIO) -> None:
        for finding in report:
            out.write(_one_line(str(finding)) + "\n")
        for note in report.notes:
            out.write(_one_line(str(note)) + "\n")
        out.write(summary(report) + "\n")


class JsonReporter(Reporter):
    """One JSON document; keys and their order are stable (see ``docs/cli.md``)."""

    name = "json"

    def document(self, report: Report) -> dict[str, Any]:
        return {
            "version": JSON_VERSION,
            "files": list(report.files),
            "findings": [finding.as_dict() for finding in report],
            "summary": {
                "errors": len(report.errors),
                "warnings": len(report.warnings),
                "files": len(report.files),
            },
            "notes": [note.as_dict() for note in report.notes],  # added last: version 1 grows
        }

    def report(self, report: Report, out: TextIO) -> None:
        import json  # here: the text report (a pre-commit hook's) does without it

        json.dump(_utf8(self.document(report)), out, indent=2, ensure_ascii=False)
        out.write("\n")


def github_escape_data(text: str) -> str:
    """Escape the message part of a workflow command: ``%``, CR and LF as the runner wants
    them, every other control or separator as a visible escape."""
    text = escape_controls(text, keep="\r\n")
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def github_escape_property(text: str) -> str:
    """Escape a property value of a workflow command (as data, plus ``:`` and ``,``)."""
    return github_escape_data(text).replace(":", "%3A").replace(",", "%2C")


class GithubReporter(Reporter):
    """GitHub Actions workflow commands: each finding becomes an annotation on its line.

    The last line is the plain summary, which the log shows as is.
    """

    name = "github"

    @staticmethod
    def annotation(kind: str, entry: Finding | Note, title: str | None = None) -> str:
        """One workflow command: ``::KIND file=...,line=...,col=...[,title=...]::message``."""
        prop = github_escape_property
        titled = f",title={prop(title)}" if title is not None else ""
        return (
            f"::{kind} file={prop(display_path(entry.file))},line={entry.line},"
            f"col={entry.column}{titled}::{github_escape_data(entry.message)}"
        )

    @staticmethod
    def command(finding: Finding) -> str:
        kind = "error" if finding.severity == "error" else "warning"
        return GithubReporter.annotation(kind, finding, finding.code)

    @staticmethod
    def notice(note: Note) -> str:
        return GithubReporter.annotation("notice", note)

    def report(self, report: Report, out: TextIO) -> None:
        for finding in report:
            out.write(self.command(finding) + "\n")
        for note in report.notes:
            out.write(self.notice(note) + "\n")
        out.write(summary(report) + "\n")


def _artifact_location(name: str) -> dict[str, str]:
    """A relative posix URI (against ``%SRCROOT%``) for a file under the working folder, else
    an absolute ``file:`` URI."""
    shown = display_path(name)
    if PurePath(shown).is_absolute():
        return {"uri": Path(shown).as_uri()}
    # the name's own bytes, percent-encoded: exact even when they are not UTF-8
    return {"uri": quote(os.fsencode(shown), safe="/"), "uriBaseId": "%SRCROOT%"}


def _location(entry: Finding | Note, path: str = "") -> dict[str, Any]:
    """A SARIF location: the file and its region, and the YAML path when there is one."""
    location: dict[str, Any] = {
        "physicalLocation": {
            "artifactLocation": _artifact_location(entry.file),
            "region": {"startLine": entry.line, "startColumn": entry.column},
        }
    }
    if path:
        location["logicalLocations"] = [{"fullyQualifiedName": path, "kind": "element"}]
    return location


class SarifReporter(Reporter):
    """SARIF 2.1.0: one run whose driver lists every catalog rule, one result per finding."""

    name = "sarif"

    def document(self, report: Report) -> dict[str, Any]:
        from dualladder._internal.util.version import __version__

        rules = [
            {
                "id": code,
                "shortDescription": {"text": text},
                "fullDescription": {"text": text},
                "defaultConfiguration": {"level": severity},
            }
            for code, (severity, text) in CATALOG.items()
        ]
        index = {code: i for i, code in enumerate(CATALOG)}
        results = []
        for finding in report:
            result: dict[str, Any] = {
                "ruleId": finding.code,
                "level": "error" if finding.severity == "error" else "warning",
                "message": {"text": finding.message},
                "locations": [_location(finding, finding.path)],
            }
            if finding.code in index:
                result["ruleIndex"] = index[finding.code]
            results.append(result)
        for note in report.notes:  # informational results: never a failure
            results.append({
                "kind": "informational",
                "level": "none",
                "message": {"text": note.message},
                "locations": [_location(note)],
            })
        return {
            "$schema": SARIF_SCHEMA,
            "version": "2.1.0",
            "runs": [
                {
                    "tool": {
                        "driver": {
                            "name": "dualladder",
                            "version": __version__,
                            "semanticVersion": __version__,
                            "rules": rules,
                        }
                    },
                    "columnKind": "unicodeCodePoints",
                    "results": results,
                }
            ],
        }

    def report(self, report: Report, out: TextIO) -> None:
        import json  # here: the text report (a pre-commit hook's) does without it

        json.dump(_utf8(self.document(report)), out, indent=2, ensure_ascii=False)
        out.write("\n")


#: Reporter classes by ``--format`` name.
REPORTERS: Final[dict[str, type[Reporter]]] = {
    cls.name: cls for cls in (TextReporter, JsonReporter, GithubReporter, SarifReporter)
}


def default_format(environ: Mapping[str, str] | None = None) -> str:
    """``github`` inside GitHub Actions (``GITHUB_ACTIONS=true``), else ``text``."""
    env = os.environ if environ is None else environ
    return "github" if env.get("GITHUB_ACTIONS") == "true" else "text"
