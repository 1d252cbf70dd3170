"""Reporters for a diff, by ``--format`` name in :data:`DIFF_REPORTERS`, in the style of
:mod:`dualladder._internal.services.report`::

    DIFF_REPORTERS["markdown"]().report(diff, sys.stdout)

========  ====================================================================================
text      one ``file:line: subject: message`` line a change, the findings introduced and
          resolved, then a summary line
markdown  a compact summary table for a pull-request comment, each file's changes folded in
          ``<details>``; every piece of data escaped
json      one stable JSON document (``version``, ``old``, ``new``, ``files``, ``summary``)
========  ====================================================================================
"""

from __future__ import annotations

import json
from typing import Any, ClassVar, Final, TextIO

from dualladder._internal.services.diff.changes import Change
from dualladder._internal.services.diff.documents import Diff, FileDiff
from dualladder._internal.util.escape import markdown_escape
from dualladder._internal.util.findings import Finding
from dualladder._internal.util.textsafe import escape_controls

__all__ = [
    "DIFF_REPORTERS",
    "JSON_VERSION",
    "MARKDOWN_MAX_ROWS",
    "DiffReporter",
    "JsonDiffReporter",
    "MarkdownDiffReporter",
    "TextDiffReporter",
    "diff_summary",
]

#: Version of the ``--format json`` document of ``diff``.
JSON_VERSION: Final = 1

#: The Markdown report lists at most this many changes and findings in its folded details, so
#: the comment stays below the size a pull-request comment allows; the rest are counted.
MARKDOWN_MAX_ROWS: Final = 300


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _severities(findings: tuple[Finding, ...] | list[Finding]) -> str:
    errors = sum(1 for f in findings if f.severity == "error")
    warnings = len(findings) - errors
    parts = [_plural(errors, "error")] if errors else []
    if warnings:
        parts.append(_plural(warnings, "warning"))
    return ", ".join(parts) if parts else "none"


def diff_summary(diff: Diff) -> str:
    """``4 changes in 1 of 3 files; findings introduced: 1 error; resolved: 2 warnings``."""
    changes = diff.changes
    files = len(diff.files)
    head = (
        f"{_plural(len(changes), 'change')} in {len(diff.changed_files)} of "
        f"{_plural(files, 'file')}"
        if diff.changed_files
        else f"no changes in {_plural(files, 'file')}"
    )
    return (
        f"{head}; findings introduced: {_severities(diff.introduced.findings)}; "
        f"resolved: {_severities(diff.resolved.findings)}"
    )


def _where(change: Change) -> str:
    if change.file and change.line:
        return f"{change.file}:{change.line}: "
    return f"{change.file}: " if change.file else ""


class DiffReporter:
    """Base class: write ``diff`` to ``out``."""

    name: ClassVar[str] = ""

    def report(self, diff: Diff, out: TextIO) -> None:
        raise NotImplementedError


class TextDiffReporter(DiffReporter):
    """Compiler style: each change on its own ``file:line:`` line, grouped by file."""

    name = "text"

    def report(self, diff: Diff, out: TextIO) -> None:
        safe = escape_controls
        for item in diff.changed_files:
            names = item.new or item.old or item.path
            if item.old and item.new and item.old != item.new:
                names = f"{item.old} \u2192 {item.new}"
            out.write(safe(f"== {names} ({item.status})") + "\n")
            for change in item.changes:
                out.write(safe(f"{_where(change)}{change}") + "\n")
            for title, findings in (("introduced", item.introduced),
                                    ("resolved", item.resolved)):
                if findings:
                    out.write(f"findings {title}:\n")
                    for finding in findings:
                        out.write(safe(f"  {finding}") + "\n")
        out.write(safe(diff_summary(diff)) + "\n")


def _md(text: str) -> str:
    return markdown_escape(text)


class MarkdownDiffReporter(DiffReporter):
    """A pull-request comment: one summary table, then each file's changes folded."""

    name = "markdown"

    def report(self, diff: Diff, out: TextIO) -> None:
        out.write(
            f"### Ladder changes: {_md(diff.old)} \u2192 {_md(diff.new)}\n\n"
            f"{_md(diff_summary(diff))}\n\n"
        )
        files = diff.changed_files
        if not files:
            return
        out.write("| file | status | changes | errors introduced | warnings introduced "
                  "| findings resolved |\n|---|---|---:|---:|---:|---:|\n")
        for item in files:
            errors = sum(1 for f in item.introduced if f.severity == "error")
            out.write(
                f"| {_md(item.path)} | {item.status} | {len(item.changes)} | "
                f"{errors} | {len(item.introduced) - errors} | {len(item.resolved)} |\n"
            )
        budget = MARKDOWN_MAX_ROWS
        left_out = 0
        for item in files:
            rows = len(item.changes) + len(item.introduced) + len(item.resolved)
            if budget <= 0:
                left_out += rows
                continue
            shown = min(rows, budget)
            budget -= shown
            left_out += rows - shown
            changes = item.changes[:shown]
            shown -= len(changes)
            introduced = item.introduced[:shown]
            shown -= len(introduced)
            resolved = item.resolved[:shown]
            self._details(item, changes, introduced, resolved, out)
        if left_out:
            out.write(
                f"\n{_plural(left_out, 'more row')} left out to keep this comment short; run "
                "`dualladder diff` to see them all.\n"
            )

    @staticmethod
    def _details(item: FileDiff, changes: tuple[Change, ...], introduced: tuple[Finding, ...],
                 resolved: tuple[Finding, ...], out: TextIO) -> None:
        out.write(
            f"\n<details><summary>{_md(item.path)}: "
            f"{_plural(len(item.changes), 'change')}</summary>\n\n"
        )
        if changes:
            out.write("| line | subject | change |\n|---:|---|---|\n")
        for change in changes:
            line = str(change.line) if change.line else ""
            if change.side == "old" and line:
                line = f"old {line}"
            out.write(f"| {line} | {_md(change.subject)} | {_md(change.message)} |\n")
        for title, findings, side in (("Findings introduced", introduced, "line"),
                                      ("Findings resolved", resolved, "old line")):
            if not findings:
                continue
            out.write(f"\n**{title}**\n\n")
            for finding in findings:
                out.write(
                    f"- `{finding.code}` {finding.severity}, {side} {finding.line}: "
                    f"{_md(finding.message)}\n"
                )
        out.write("\n</details>\n")


def _finding(finding: Finding) -> dict[str, object]:
    return finding.as_dict()


def _file(item: FileDiff) -> dict[str, Any]:
    return {
        "path": item.path,
        "old": item.old,
        "new": item.new,
        "status": item.status,
        "changes": [change.as_dict() for change in item.changes],
        "findings": {
            "introduced": [_finding(f) for f in item.introduced],
            "resolved": [_finding(f) for f in item.resolved],
        },
    }


class JsonDiffReporter(DiffReporter):
    """One JSON document; keys and their order are stable (see ``docs/cli.md``)."""

    name = "json"

    def document(self, diff: Diff) -> dict[str, Any]:
        introduced, resolved = diff.introduced, diff.resolved
        return {
            "version": JSON_VERSION,
            "old": diff.old,
            "new": diff.new,
            "files": [_file(item) for item in diff.files],
            "summary": {
                "files": len(diff.files),
                "changed_files": len(diff.changed_files),
                "changes": len(diff.changes),
                "introduced": {"errors": len(introduced.errors),
                               "warnings": len(introduced.warnings)},
                "resolved": {"errors": len(resolved.errors), "warnings": len(resolved.warnings)},
            },
        }

    def report(self, diff: Diff, out: TextIO) -> None:
        json.dump(self.document(diff), out, indent=2, ensure_ascii=False)
        out.write("\n")


#: Diff reporter classes by ``--format`` name.
DIFF_REPORTERS: Final[dict[str, type[DiffReporter]]] = {
    cls.name: cls for cls in (TextDiffReporter, MarkdownDiffReporter, JsonDiffReporter)
}
