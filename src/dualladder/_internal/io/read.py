"""Reading a ladder file (or a job family, with its company applied): YAML -> :class:`Ladder`.

The YAML is parsed by :mod:`dualladder._internal.io.parse` (every kind of file is); this module
builds the ladder model of the data. Every problem is a located finding: :func:`read` and
:func:`read_text` never raise for bad input, :func:`load` and :func:`loads` raise
:class:`~dualladder.LadderError` carrying them.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from pydantic import ValidationError

from dualladder._internal.io.parse import (
    COMPANY_KEY,
    PLAN_KEY,
    LoadResult,
    Parsed,
    error_finding,
    parse,
    parse_text,
)
from dualladder._internal.model.ladder import Ladder
from dualladder._internal.util.files import DEFAULT_MAX_BYTES
from dualladder._internal.util.findings import Finding, LadderError
from dualladder._internal.util.kind_keys import kind_of

if TYPE_CHECKING:
    from dualladder._internal.io.company.read import CompanyCache

__all__ = ["LoadResult", "build", "load", "loads", "read", "read_text"]


#: The other kinds of YAML file, by kind: their version key, and what to say when one is read
#: as a ladder.
_OTHER_KINDS: dict[str, tuple[str, str]] = {
    "company": (COMPANY_KEY, "this is a company file (`dualladder-company: 1`), not a ladder; "
                "read it with `dualladder.load_company`, or validate its folder"),
    "plan": (PLAN_KEY, "this is a career plan (`dualladder-plan: 1`), not a ladder; read it "
             "with `dualladder.plan.read_plan`, or validate it"),
}


def build(parsed: Parsed, companies: CompanyCache | None = None) -> LoadResult:
    """The second half of :func:`read_text`: the ladder model of parsed data.

    A family file (one with a top-level ``company`` key) is read with its company applied
    (:mod:`dualladder._internal.io.company.family`); ``companies`` is the cache of company files
    read so far in one run, so a company shared by many families is read once.
    """
    smap, findings, data = parsed.source, list(parsed.findings), parsed.data
    if data is None:
        return LoadResult(None, findings, smap)
    kind = kind_of(data)
    if kind in _OTHER_KINDS:  # another kind of file: say which, at its version key
        key, message = _OTHER_KINDS[kind]
        line, column = smap.locate((key,), key=True)
        findings.append(Finding(smap.name, line, column, "DL002", "error", message, (key,)))
        return LoadResult(None, sorted(findings), smap)
    if kind == "family":
        # imported here: a run over standalone ladders never builds the company models
        from dualladder._internal.io.company.family import read_family

        return read_family(parsed, companies)
    try:
        ladder = Ladder.model_validate(data)
    except ValidationError as exc:
        findings.extend(error_finding(err, smap) for err in exc.errors(include_url=False))
        return LoadResult(None, sorted(findings), smap)
    if findings:
        return LoadResult(None, sorted(findings), smap)
    ladder.set_origin(smap)
    return LoadResult(ladder, [], smap)


def read_text(
    text: str | bytes, source: str = "<string>", *, companies: CompanyCache | None = None
) -> LoadResult:
    """Read ladder YAML from ``text``; never raises for bad input, returns findings instead.

    ``text`` may also be UTF-8 ``bytes``; anything else raises :class:`TypeError`. A family
    file's ``company`` path is taken relative to the folder of ``source``.
    """
    return build(parse_text(text, source), companies)


def read(
    path: str | os.PathLike[str],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    companies: CompanyCache | None = None,
) -> LoadResult:
    """Read a ladder file; OSError if it cannot be read, findings for anything else.

    Only a regular file is read (a FIFO or a device raises :class:`~dualladder._internal.util.files.
    NotARegularFile`), and at most ``max_bytes`` of it (above that,
    :class:`~dualladder._internal.util.files.FileTooLarge`).
    """
    return build(parse(path, max_bytes=max_bytes), companies)


def loads(text: str | bytes, source: str = "<string>") -> Ladder:
    """Build a ladder from YAML text (``str``, or UTF-8 ``bytes``); raises :class:`LadderError`
    carrying every finding, and :class:`TypeError` for anything that is not text."""
    result = read_text(text, source)
    if result.ladder is None:
        raise LadderError(result.findings)
    return result.ladder


def load(path: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES) -> Ladder:
    """Read a ladder file; raises :class:`LadderError` carrying every finding, OSError if it
    cannot be read (see :func:`read`)."""
    result = read(path, max_bytes=max_bytes)
    if result.ladder is None:
        raise LadderError(result.findings)
    return result.ladder
