"""Reporters for a diff, by ``--format`` name in :data:`DIFF_REPORTERS`, in the style of
:mod:`dualladder._internal.services.report`::

    DIFF_REPORTERS["markdown"]().report(diff, sys.stdout)

========  ====================================================================================
text      one ``file:line: subject: message`` line a change, the findings introduced and
          resolved, then a summary line
markdown  a compact summary table for a pull-request comment; the errors a file introduces in
          the open and its changes unfolded, other files folded in ``<details>``; line
          numbers linked to the file at its revision (``--link``); every piece of data
          escaped
json      one stable JSON document (``version``, ``old``, ``new``, ``files``, ``summary``)
========  ====================================================================================
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from typing import Any, ClassVar, Final, TextIO, TypeVar

from dualladder._internal.services.diff.changes import Change
from dualladder._internal.services.diff.documents import Diff, FileDiff
from dualladder._internal.services.diff.ladder import signed_percent
from dualladder._internal.util.escape import markdown_escape
from dualladder._internal.util.findings import Finding
from dualladder._internal.util.textsafe import escape_controls

__all__ = [
    "DIFF_REPORTERS",
    "JSON_VERSION",
    "MARKDOWN_MAX_ROWS",
    "DiffReporter",
    "JsonDiffReporter",
    "LinkOf",
    "MarkdownDiffReporter",
    "TextDiffReporter",
    "diff_summary",
]

#: Version of the ``--format json`` document of ``diff``.
JSON_VERSION: Final = 2

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


_T = TypeVar("_T")

#: ``file, line -> URL or None``: where a line number links to (``diff --link``).
LinkOf = Callable[[str | None, int | None], str | None]


class _Budget:
    """How many rows of details the comment still lists (:data:`MARKDOWN_MAX_ROWS`)."""

    def __init__(self, rows: int) -> None:
        self.rows = rows
        self.left_out = 0

    def take(self, items: Sequence[_T]) -> Sequence[_T]:
        shown = items[:max(self.rows, 0)]
        self.rows -= len(shown)
        self.left_out += len(items) - len(shown)
        return shown


def _errors(findings: Sequence[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity == "error"]


class MarkdownDiffReporter(DiffReporter):
    """A pull-request comment: one summary table, then each file's changes. A file that
    introduces an error has its errors listed in the open, and its changes unfolded
    (``<details open>``); the other files are folded. Line numbers link to the file at its
    revision when a :data:`LinkOf` is given (``--link``)."""

    name = "markdown"

    def __init__(self, link: LinkOf | None = None) -> None:
        self.link = link

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
            errors = len(_errors(item.introduced))
            out.write(
                f"| {_md(item.path)} | {item.status} | {len(item.changes)} | "
                f"{errors} | {len(item.introduced) - errors} | {len(item.resolved)} |\n"
            )
        budget = _Budget(MARKDOWN_MAX_ROWS)
        # errors first, whatever their number: no error is left out for a change listed
        shown = {item.path: budget.take(_errors(item.introduced)) for item in files}
        for item in files:
            self._file(item, shown[item.path], budget, out)
        if budget.left_out:
            out.write(
                f"\n{_plural(budget.left_out, 'more row')} left out to keep this comment short; "
                "run `dualladder diff` to see them all.\n"
            )

    def _line(self, file: str | None, line: int | None, old: bool = False) -> str:
        if not line:
            return ""
        url = self.link(file, line) if self.link is not None else None
        text = f"[{line}]({url})" if url else str(line)
        return f"old {text}" if old else text

    def _file(self, item: FileDiff, errors: Sequence[Finding], budget: _Budget,
              out: TextIO) -> None:
        count = len(_errors(item.introduced))
        if count:
            out.write(f"\n#### {_md(item.path)}: {_plural(count, 'error')} introduced\n\n")
            self._findings(errors, "line", out)
            if len(errors) < count:
                out.write(f"- {_plural(count - len(errors), 'more error')} (run "
                          "`dualladder diff` to see them all)\n")
        out.write(
            f"\n<details{' open' if count else ''}><summary>{_md(item.path)}: "
            f"{_plural(len(item.changes), 'change')}</summary>\n\n"
        )
        changes = budget.take(item.changes)
        if changes:
            out.write("| line | subject | change |\n|---:|---|---|\n")
        for change in changes:
            line = self._line(change.file, change.line, old=change.side == "old")
            out.write(f"| {line} | {_md(change.shown_subject)} | {_md(change.message)} |\n")
        for change in changes:
            bands = change.details.get("bands")
            if change.kind == "zone.changed" and bands:
                self._zone_bands(change, bands, budget, out)
        warnings = budget.take([f for f in item.introduced if f.severity != "error"])
        resolved = budget.take(item.resolved)
        for title, findings, side in (("Warnings introduced", warnings, "line"),
                                      ("Findings resolved", resolved, "old line")):
            if findings:
                out.write(f"\n**{title}**\n\n")
                self._findings(findings, side, out)
        out.write("\n</details>\n")

    def _findings(self, findings: Sequence[Finding], side: str, out: TextIO) -> None:
        for finding in findings:
            where = self._line(finding.file, finding.line)
            out.write(f"- `{finding.code}` {finding.severity}, {side} {where}: "
                      f"{_md(finding.message)}\n")

    @staticmethod
    def _zone_bands(change: Change, bands: Mapping[str, Any], budget: _Budget,
                    out: TextIO) -> None:
        """What a zone's new factor (or rounding) does to its bands: before, after, change."""
        rows = budget.take(list(bands.items()))
        if not rows:
            return
        out.write(f"\n**{_md(change.shown_subject)}: its bands after this change**\n\n"
                  "| level | before | after | change |\n|---|---|---|---|\n")
        for level_id, band in rows:
            fields = band.get("fields", {})
            moves = ", ".join(
                f"{name} {signed_percent(Decimal(value['percent']))}"
                if value.get("percent") is not None else f"{name} {value['change']}"
                for name, value in fields.items()
            )
            out.write(f"| {_md(level_id)} | {_md(str(band.get('old')))} | "
                      f"{_md(str(band.get('new')))} | {_md(moves)} |\n")


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
