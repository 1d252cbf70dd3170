"""The pay range every job posting must show (``dualladder postings LADDER...``).

Pay-transparency laws (Colorado, New York City, California, Washington; Art. 5 of Directive
(EU) 2023/970 before employment) ask for the pay range of a job in its posting. This lists every
rung of the ladders with its title, level, pay zone, currency and range (the band's minimum and
maximum), in the base bands and every pay zone of a company (or one zone with ``--zone``).

A rung without a range (no band, or pay withheld by policy) cannot be posted as the law asks: it
is listed without one, and the command exits 1.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    from dualladder._internal.model.placement import Scale

__all__ = ["POSTING_FORMATS", "Posting", "postings", "render_postings"]

# The command line lists ``postings`` in ``dualladder --help`` with POSTING_FORMATS: the models
# (pydantic) are imported when postings are made, not when this module is.

POSTING_FORMATS: Final = ("csv", "json", "markdown")
#: ``track`` is the track's key (``technical``), as ``level`` is the level's id; a reader's words
#: are in ``track_name`` and ``level_name``.
COLUMNS: Final = ("family", "track", "track_name", "level", "level_name", "title", "code", "zone",
                  "currency", "min", "max", "note")


@dataclass(frozen=True, slots=True)
class Posting:
    family: str
    track: str
    """The track's key (``technical``)."""
    track_name: str
    """The track's display name (``Engineering``)."""
    level: str
    level_name: str | None
    title: str
    code: str | None
    zone: str
    """``""`` for the base bands."""
    currency: str | None
    min: Decimal | None
    max: Decimal | None
    note: str
    """Why there is no range (empty when there is one)."""


def postings(scale: Scale, zone: str | None = None) -> list[Posting]:
    """Every rung of the scale's ladders in the base bands and every zone (or only ``zone``;
    KeyError for a zone no ladder has)."""
    from dualladder._internal.model.family import family_company
    from dualladder._internal.model.placement import band_in

    known = {z for ladder in scale.ladders for z in ladder.zones}
    if zone is not None and zone not in known and zone != "":
        raise KeyError(f"no ladder has the pay zone {zone!r} (zones: "
                       f"{', '.join(sorted(known)) or 'none'})")
    out: list[Posting] = []
    for ladder in scale.ladders:
        zones = [zone] if zone is not None else ["", *ladder.zones]
        company = family_company(ladder)
        for where in zones:
            if where and where not in ladder.zones:
                continue
            for track, _, rung in ladder.rungs():
                band = band_in(ladder, rung, where)
                level = ladder.level(rung.level)
                currency = ladder.currency_of(band)
                if where and company is not None:
                    found = company.zone(where)
                    if found is not None:
                        currency = company.zone_currency(found) or currency
                note = ""
                if band is None:
                    note = ("pay withheld by policy: no range to post" if
                            ladder.pay_withheld(rung) else "no band: no range to post")
                out.append(Posting(
                    family=ladder.family, track=track, track_name=ladder.track_name(track),
                    level=rung.level,
                    level_name=level.name if level is not None else None, title=rung.title,
                    code=rung.code, zone=where, currency=currency,
                    min=band.min if band is not None else None,
                    max=band.max if band is not None else None, note=note,
                ))
    return out


def _plain(value: Decimal | None) -> str:
    return "" if value is None else f"{value:f}"


def _safe_cell(text: str) -> str:
    """A CSV cell that a spreadsheet will not run as a formula."""
    from dualladder._internal.util.textsafe import escape_controls

    text = escape_controls(text)
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def render_postings(items: list[Posting], fmt: str) -> str:
    if fmt == "json":
        doc: list[dict[str, Any]] = [
            {"family": p.family, "track": p.track, "track_name": p.track_name, "level": p.level,
             "level_name": p.level_name, "title": p.title, "code": p.code, "zone": p.zone or None,
             "currency": p.currency, "min": _plain(p.min) or None, "max": _plain(p.max) or None,
             "note": p.note or None}
            for p in items
        ]
        # version 2: `track` is the track's key (version 1 wrote its display name there)
        return json.dumps({"version": 2, "postings": doc}, indent=2, ensure_ascii=False) + "\n"
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(COLUMNS)
        for p in items:
            writer.writerow([_safe_cell(v) for v in (
                p.family, p.track, p.track_name, p.level, p.level_name or "", p.title,
                p.code or "", p.zone, p.currency or "", _plain(p.min), _plain(p.max), p.note)])
        return buffer.getvalue()
    from dualladder._internal.model.ladder import format_amount
    from dualladder._internal.util.escape import markdown_escape as md

    lines = ["| Family | Track | Level | Title | Zone | Pay range |", "|---|---|---|---|---|---|"]
    for p in items:
        if p.min is not None and p.max is not None:
            unit = f" {p.currency}" if p.currency else ""
            shown = f"{format_amount(p.min)} - {format_amount(p.max)}{unit}"
        else:
            shown = p.note
        lines.append("| " + " | ".join(md(v) for v in (
            p.family, p.track_name, p.level, p.title, p.zone or "base", shown)) + " |")
    return "\n".join(lines) + "\n"
