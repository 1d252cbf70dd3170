"""The one rule registry shape of every document family: ladders, companies, rosters, plans.

A rule is a function registered by its catalog code in the :class:`Registry` of its family; its
docstring is its documentation (``docs/rules.md`` is generated from every registry). Families
differ only in what a rule reads (its context ``C``) and what it yields (its problem ``P``): a
ladder or plan rule yields :class:`Problem`s in its one file, a company rule problems placed in
one of several files, an audit rule problems about a person or a rung. The engine of each family
turns its problems into :class:`~dualladder._internal.util.findings.Finding`s.

This module depends on the catalog only, so a family's reader can register and run rules
without importing the ladder rules.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Generic, TypeVar

from dualladder._internal.util.catalog import CATALOG, Severity
from dualladder._internal.util.findings import Loc

__all__ = ["Problem", "Registry", "Rule"]


@dataclass(frozen=True, slots=True)
class Problem:
    """What a rule over one file found: the YAML path of the node it is about and the
    message (ladder and career plan rules)."""

    loc: Loc
    message: str


C = TypeVar("C")
P = TypeVar("P")

#: Which family each registered code belongs to, across every registry.
_FAMILY_OF: dict[str, str] = {}


@dataclass(frozen=True, slots=True)
class Rule(Generic[C, P]):
    """One registered rule: its catalog code, default severity, summary and check function
    (over the context of its family, yielding its family's problems)."""

    code: str
    severity: Severity
    summary: str
    check: Callable[[C], Iterable[P]]
    family: str = "ladder"

    @property
    def doc(self) -> str:
        return inspect.getdoc(self.check) or ""


class Registry(Generic[C, P]):
    """The rules of one family of documents, by catalog code.

    Every family registers its rules the same way and is documented the same way; only the
    context a rule reads and the problems it yields differ. A code belongs to one registry:
    registering it again, in this family or another, raises.
    """

    def __init__(self, family: str) -> None:
        self.family = family
        self.rules: dict[str, Rule[C, P]] = {}

    @property
    def label(self) -> str:
        """How ``docs/rules.md`` names the family's rules: ``Company rule``."""
        return f"{self.family[:1].upper()}{self.family[1:]} rule"

    def rule(
        self, code: str
    ) -> Callable[[Callable[[C], Iterable[P]]], Callable[[C], Iterable[P]]]:
        """Register the decorated function as the check of catalog ``code``."""
        severity, summary = CATALOG[code]

        def register(func: Callable[[C], Iterable[P]]) -> Callable[[C], Iterable[P]]:
            if code in _FAMILY_OF:
                raise ValueError(f"rule {code} is registered twice (already a "
                                 f"{_FAMILY_OF[code]} rule)")
            _FAMILY_OF[code] = self.family
            self.rules[code] = Rule(code, severity, summary, func, self.family)
            return func

        return register

    def run(self, ctx: C, codes: Iterable[str]) -> Iterator[tuple[Rule[C, P], P]]:
        """Each problem of each rule in ``codes`` (codes of other families are skipped)."""
        for code in codes:
            registered = self.rules.get(code)
            if registered is None:
                continue
            for problem in registered.check(ctx):
                yield registered, problem
