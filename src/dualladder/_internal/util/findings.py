"""Findings and reports: the one result type shared by the loader, the rules and every reporter.

A finding has the shape of a pydantic error (a machine ``code``, a ``loc`` tuple and a
``message``) plus where it is: ``file``, 1-based ``line`` and ``column``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import overload

from dualladder._internal.util.catalog import Severity

Loc = tuple[str | int, ...]


def format_loc(loc: Loc) -> str:
    """``('tracks', 'technical', 'rungs', 2, 'pay')`` -> ``tracks.technical.rungs[2].pay``."""
    out: list[str] = []
    for part in loc:
        if isinstance(part, int):
            out.append(f"[{part}]")
        else:
            if out:
                out.append(".")
            out.append(str(part))
    return "".join(out)


@dataclass(frozen=True, slots=True, order=True)
class Finding:
    """One problem in one ladder file.

    Ordered by file, then line, column and code, like a compiler's diagnostics.
    """

    file: str
    line: int
    column: int
    code: str
    severity: Severity = field(compare=False)
    message: str = field(compare=False)
    loc: Loc = field(default=(), compare=False)

    @property
    def path(self) -> str:
        """The YAML path of the node, e.g. ``tracks.technical.rungs[2].pay.mid``."""
        return format_loc(self.loc)

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.code} {self.severity}: {self.message}"

    def as_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
            "path": self.path,
        }


@dataclass(frozen=True, slots=True, order=True)
class Note:
    """Something a file states that is worth saying but is not a problem, as a compiler's
    ``note:`` (pay equal on every track by the organisation's statement, not published). A
    note has no code and no severity: it never fails a run, even with ``--strict``."""

    file: str
    line: int
    column: int
    message: str = field(compare=False)
    loc: Loc = field(default=(), compare=False)

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: note: {self.message}"

    def as_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "message": self.message,
            "path": format_loc(self.loc),
        }


@dataclass(frozen=True, slots=True)
class Report(Sequence[Finding]):
    """The findings of one or more files, sorted, with the files that were looked at, and the
    notes (never problems) the files gave. A sequence of its findings: ``report[0]``,
    ``report[-3:]``, ``len``, ``in``, ``index``."""

    findings: tuple[Finding, ...] = ()
    files: tuple[str, ...] = ()
    notes: tuple[Note, ...] = ()

    @classmethod
    def of(
        cls, findings: Iterable[Finding], files: Sequence[str] = (), notes: Iterable[Note] = ()
    ) -> Report:
        return cls(tuple(sorted(findings)), tuple(files), tuple(sorted(notes)))

    @classmethod
    def merge(cls, reports: Iterable[Report]) -> Report:
        findings: list[Finding] = []
        files: list[str] = []
        notes: list[Note] = []
        for report in reports:
            findings.extend(report.findings)
            files.extend(report.files)
            notes.extend(report.notes)
        return cls.of(findings, files, notes)

    def __iter__(self) -> Iterator[Finding]:
        return iter(self.findings)

    def __len__(self) -> int:
        return len(self.findings)

    @overload
    def __getitem__(self, index: int) -> Finding: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[Finding, ...]: ...

    def __getitem__(self, index: int | slice) -> Finding | tuple[Finding, ...]:
        return self.findings[index]

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == "error")

    @property
    def warnings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == "warning")

    @property
    def codes(self) -> list[str]:
        """The codes of the findings, in report order (handy in tests and scripts)."""
        return [f.code for f in self.findings]

    def failed(self, strict: bool = False) -> bool:
        """True when there is an error, or with ``strict`` any finding at all."""
        return bool(self.findings) if strict else any(
            f.severity == "error" for f in self.findings
        )

    @property
    def ok(self) -> bool:
        """No errors (warnings allowed)."""
        return not self.failed()


class LadderError(ValueError):
    """A ladder that cannot become a model: raised by ``load``/``loads`` with every finding."""

    def __init__(self, findings: Sequence[Finding]) -> None:
        self.findings: tuple[Finding, ...] = tuple(sorted(findings))
        first = str(self.findings[0]) if self.findings else "invalid ladder"
        more = len(self.findings) - 1
        super().__init__(first + (f" (and {more} more)" if more > 0 else ""))

    @property
    def report(self) -> Report:
        return Report(self.findings, tuple(dict.fromkeys(f.file for f in self.findings)))
