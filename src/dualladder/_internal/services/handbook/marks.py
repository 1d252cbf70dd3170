"""Where each finding shows in the handbook.

A handbook rendered with ``allow_invalid`` (and any handbook with warnings) must not promise
what a finding contradicts. Every finding is placed by its YAML path (``loc``): on a rung
(``tracks.<key>.rungs[i]...``), on a level (``levels[i]...``, a level's default band), on a track,
or on the whole ladder. The pages then mark it where it is: the rung's box and the level's join
in the diagram, the rung's bar in the pay chart, the level page, the pay table, the track page
and the decision matrix; and they drop a claim of equivalence next to a finding that says the
rungs are not equivalent.

This module computes the placement only (no Jinja2): the templates print it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from dualladder._internal.model.ladder import Decision, Ladder
from dualladder._internal.util.escape import clean_text
from dualladder._internal.util.findings import Finding, Loc

__all__ = ["FindingView", "Placement", "breaks_equivalence", "place", "worst"]

#: Equivalence rules (DL1xx) that are not about the two rungs of one level: the ceiling (DL101),
#: gaps (DL102), crossover (DL107), titles (DL108, DL109), and the ladder's shape: no shared
#: level (DL111), roles above the ladder (DL112), levels in use (DL113), the fork (DL114) and
#: declared roles (DL115, DL116). Every other DL1xx code, and DL204 (currencies), says that the
#: rungs of a level are not equivalent.
_NOT_ABOUT_A_PAIR = frozenset(
    {"DL101", "DL102", "DL107", "DL108", "DL109", "DL111", "DL112", "DL113", "DL114", "DL115",
     "DL116"}
)

#: The rung fields a finding can be about, as the pages name their rows.
_REWARD_FIELDS = frozenset({"bonus_target", "equity", "perks"})


def breaks_equivalence(code: str) -> bool:
    """Whether a finding of ``code`` says that the rungs of its level are not equivalent
    (different pay, rewards, influence, seat at the table or currency)."""
    return code == "DL204" or (code.startswith("DL1") and code not in _NOT_ABOUT_A_PAIR)


def _about_pay(code: str, loc: Loc) -> bool:
    return code in ("DL103", "DL204") or code.startswith("DL2") or "pay" in loc


@dataclass(frozen=True, slots=True)
class FindingView:
    """A finding ready to print, and where it is."""

    #: 1-based position in the report; the overview lists it under the id ``finding-<number>``
    number: int
    code: str
    severity: str
    message: str
    path: str
    line: int
    #: what of its rung or level it is about: ``title`` (the rung as a whole), ``pay``,
    #: ``bonus_target``, ``equity``, ``perks``, ``rewards``, ``scope``, ``decisions``...
    field: str
    #: whether it says the rungs of its level are not equivalent (:func:`breaks_equivalence`)
    breaks: bool
    #: whether it is about a pay band (pay parity, currencies, the band rules)
    pay: bool
    #: the decision domain it is about, when it points at one decision of a rung
    domain: str | None = None

    @property
    def anchor(self) -> str:
        return f"finding-{self.number}"

    @property
    def text(self) -> str:
        """``DL103 error: ...``: the tooltip of a mark."""
        return f"{self.code} {self.severity}: {self.message}"


def worst(findings: Iterable[FindingView]) -> str | None:
    """``error`` if any is an error, else ``warning`` if there is any finding, else None."""
    severities = {f.severity for f in findings}
    if "error" in severities:
        return "error"
    return "warning" if severities else None


@dataclass(frozen=True, slots=True)
class Placement:
    """The findings by where they are. A finding sits in exactly one of the four maps."""

    #: every finding, in report order
    all: list[FindingView]
    #: (track key, index of the rung in the track as written) -> findings on that rung
    rungs: dict[tuple[str, int], list[FindingView]] = field(default_factory=dict)
    #: level id -> findings on the level itself (its default band, its name)
    levels: dict[str, list[FindingView]] = field(default_factory=dict)
    #: track key -> findings on a track as a whole (a track with no rungs)
    tracks: dict[str, list[FindingView]] = field(default_factory=dict)
    #: findings about the whole ladder (crossover, policy)
    ladder: list[FindingView] = field(default_factory=list)

    def rung(self, track: str, index: int, level: str, own_band: bool) -> list[FindingView]:
        """The findings to show on a rung: its own, and those on the level band it inherits."""
        found = list(self.rungs.get((track, index), []))
        if not own_band:
            found += [f for f in self.levels.get(level, []) if f.pay]
        return sorted(found, key=lambda f: f.number)


def _field(rest: Sequence[str | int]) -> str:
    if not rest:
        return "title"
    head = str(rest[0])
    if head == "rewards" and len(rest) > 1 and str(rest[1]) in _REWARD_FIELDS:
        return str(rest[1])
    return head


def _domain(decisions: Sequence[Decision] | None, rest: Sequence[str | int]) -> str | None:
    """The domain of ``decisions[j]`` when ``rest`` is ``('decisions', j, ...)``."""
    if len(rest) > 1 and rest[0] == "decisions" and decisions is not None:
        index = rest[1]
        if isinstance(index, int) and 0 <= index < len(decisions):
            return clean_text(decisions[index].domain)
    return None


def place(findings: Sequence[Finding], ladder: Ladder) -> Placement:
    """Place each finding of ``findings`` (in report order) on the ladder's parts."""
    placement = Placement(all=[])
    for number, finding in enumerate(findings, start=1):
        loc = finding.loc
        track_key = loc[1] if len(loc) > 1 and loc[0] == "tracks" else None
        rung_index = loc[3] if len(loc) > 3 and loc[2] == "rungs" else None
        level_index = loc[1] if len(loc) > 1 and loc[0] == "levels" else None
        rest: Sequence[str | int] = ()
        target: tuple[str, object] = ("ladder", None)
        domain = None
        if isinstance(track_key, str) and track_key in ladder.tracks:
            rungs = ladder.tracks[track_key].rungs
            if isinstance(rung_index, int) and 0 <= rung_index < len(rungs):
                target, rest = ("rung", (track_key, rung_index)), loc[4:]
                domain = _domain(rungs[rung_index].decisions, rest)
            else:
                target = ("track", track_key)
        elif isinstance(level_index, int) and 0 <= level_index < len(ladder.levels):
            target, rest = ("level", ladder.levels[level_index].id), loc[2:]
        view = FindingView(
            number=number,
            code=finding.code,
            severity=finding.severity,
            message=clean_text(finding.message),
            path=finding.path,
            line=finding.line,
            field=_field(rest),
            breaks=breaks_equivalence(finding.code),
            pay=_about_pay(finding.code, loc),
            domain=domain,
        )
        placement.all.append(view)
        kind, key = target
        if kind == "rung":
            assert isinstance(key, tuple)
            placement.rungs.setdefault(key, []).append(view)
        elif kind == "level":
            assert isinstance(key, str)
            placement.levels.setdefault(key, []).append(view)
        elif kind == "track":
            assert isinstance(key, str)
            placement.tracks.setdefault(key, []).append(view)
        else:
            placement.ladder.append(view)
    return placement
