"""Reading company files: YAML -> :class:`~dualladder._internal.model.company.Company`, every
problem located, and the cache that reads each company file once per run however many families share
it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import yaml
from pydantic import ValidationError

from dualladder._internal.io.parse import COMPANY_KEY, Parsed, error_finding, parse
from dualladder._internal.util.files import DEFAULT_MAX_BYTES, reason
from dualladder._internal.util.findings import Finding, LadderError
from dualladder._internal.yaml.source import SourceMap

if TYPE_CHECKING:
    from dualladder._internal.model.company import Company

__all__ = ["CompanyCache", "CompanyResult", "build_company", "read_company"]


@dataclass(slots=True)
class CompanyResult:
    """What reading one company file gave: the company (if it could be built), the findings,
    and, for a file that could not be read at all, why (``error``)."""

    company: Company | None
    findings: list[Finding]
    source: SourceMap
    error: str | None = None
    #: False when the file is YAML but not a company file (no ``dualladder-company`` key)
    is_company: bool = True
    #: True when there is no such file (``error`` says so); a file that exists but cannot be
    #: read (too large, not a regular file, no permission) has ``error`` and not ``missing``
    missing: bool = False


def build_company(parsed: Parsed) -> CompanyResult:
    """The company model of a parsed file (findings if it is not a valid company file)."""
    smap, findings, data = parsed.source, list(parsed.findings), parsed.data
    if data is None:
        root = smap.root
        named = isinstance(root, yaml.MappingNode) and any(
            isinstance(key, yaml.ScalarNode) and key.value == COMPANY_KEY for key, _ in root.value
        )
        return CompanyResult(None, findings, smap, is_company=named or root is None)
    if COMPANY_KEY not in data:
        return CompanyResult(None, findings, smap, is_company=False)
    # imported here: the cache of company files is made by every run, the models only when a
    # company file is read
    from dualladder._internal.model.company import Company

    try:
        company = Company.model_validate(data)
    except ValidationError as exc:
        findings.extend(
            error_finding(err, smap, Company) for err in exc.errors(include_url=False)
        )
        return CompanyResult(None, sorted(findings), smap)
    if findings:
        return CompanyResult(None, sorted(findings), smap)
    company.set_origin(smap)
    return CompanyResult(company, [], smap)


def read_company(
    path: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES
) -> CompanyResult:
    """Read a company file; OSError if it cannot be read (see :func:`dualladder.read`),
    findings for anything else."""
    return build_company(parse(path, max_bytes=max_bytes))


@dataclass
class CompanyCache:
    """Company files read so far in one run, by real path: a company shared by 500 families
    is read and validated once."""

    results: dict[str, CompanyResult] = field(default_factory=dict)
    max_bytes: int = DEFAULT_MAX_BYTES
    """The size cap of each company file read (see
    :func:`dualladder._internal.util.files.read_regular`)."""

    _real: dict[str, str] = field(default_factory=dict, repr=False)

    def key(self, path: str | os.PathLike[str]) -> str:
        """The real path of ``path``, the key of a file in this run (each name resolved once:
        the company file of 500 families is named 1,000 times)."""
        name = os.fspath(path)
        found = self._real.get(name)
        if found is None:
            found = self._real[name] = os.path.realpath(name)
        return found

    def get(self, path: str | os.PathLike[str]) -> CompanyResult:
        """The company file at ``path``; a file that cannot be read gives a result with
        ``error`` set and no company."""
        key = self.key(path)
        found = self.results.get(key)
        if found is None:
            try:
                found = read_company(path, max_bytes=self.max_bytes)
            except OSError as exc:
                found = CompanyResult(
                    None, [], SourceMap(name=os.fspath(path)), error=reason(exc),
                    missing=not os.path.lexists(path),
                )
            self.results[key] = found
        return found

    def put(self, path: str | os.PathLike[str], result: CompanyResult) -> None:
        self.results[self.key(path)] = result


def load_company_file(path: str | os.PathLike[str]) -> Company:
    """Read a company file alone (no families); raises LadderError with every finding."""
    result = read_company(path)
    if result.company is None:
        if not result.findings:
            name = os.fspath(path)
            raise LadderError([Finding(name, 1, 1, "DL002", "error",
                                       f"not a company file: it lacks `{COMPANY_KEY}: 1`")])
        raise LadderError(result.findings)
    return result.company


def relative_to(base: str, ref: str) -> Path:
    """The path ``ref`` names, taken relative to the folder of the file ``base`` (the working
    folder for text that came from no file, such as ``<string>``)."""
    if base.startswith("<"):
        return Path(ref)
    return Path(base).parent / ref
