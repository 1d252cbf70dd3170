"""Hypothesis strategies that build valid ladders: any structure the format allows, including
odd but legal text (unicode, quotes, braces, pipes, numbers-as-text)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from hypothesis import strategies as st

from dualladder._internal.model.ladder import Authority, Ladder, Scope

text = st.text(
    alphabet=st.characters(codec="utf-8", categories=("L", "N", "P", "S", "Zs")),
    min_size=1,
    max_size=24,
)
short_ids = st.one_of(
    st.from_regex(r"[A-Z]{1,2}[0-9]{1,2}", fullmatch=True),
    st.from_regex(r"0[0-9]{2}", fullmatch=True),  # looks like an octal number: must stay text
    text.filter(lambda s: len(s) <= 12),
)
currencies = st.sampled_from(["USD", "EUR", "GBP", "CHF", "JPY"])


@st.composite
def amounts(draw: st.DrawFn, low: int = 1, high: int = 10_000_000) -> Decimal:
    whole = draw(st.integers(low, high))
    cents = draw(st.sampled_from([None, 0, 5, 50, 99]))
    return Decimal(whole) if cents is None else Decimal(f"{whole}.{cents:02d}")


@st.composite
def bands(draw: st.DrawFn) -> dict[str, Any]:
    lo = draw(amounts())
    mid = lo + draw(amounts(low=0, high=500_000))
    hi = mid + draw(amounts(low=0, high=500_000))
    band: dict[str, Any] = {"min": lo, "mid": mid, "max": hi}
    if draw(st.booleans()) and draw(st.booleans()):
        band["currency"] = draw(currencies)
    return band


@st.composite
def rewards(draw: st.DrawFn) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if draw(st.booleans()):
        out["bonus_target"] = Decimal(draw(st.integers(0, 60))) / 100
    if draw(st.booleans()):
        out["equity"] = Decimal(draw(st.integers(0, 500_000)))
    if draw(st.booleans()):
        out["perks"] = draw(st.lists(text, max_size=3))
    return out


decisions = st.lists(
    st.fixed_dictionaries(
        {
            "domain": st.one_of(st.sampled_from(["strategy", "hiring", "budget"]), text),
            "authority": st.sampled_from(list(Authority)),
            "scope": st.sampled_from(list(Scope)),
        }
    ),
    max_size=4,
)


@st.composite
def rungs(draw: st.DrawFn, level_id: str) -> dict[str, Any]:
    rung: dict[str, Any] = {"level": level_id, "title": draw(text)}
    optional: dict[str, st.SearchStrategy[Any]] = {
        "code": text,
        "aliases": st.lists(text, max_size=2),
        "summary": st.text(max_size=60),
        "scope": st.sampled_from(list(Scope)),
        "expectations": st.lists(text, max_size=3),
        "pay": bands(),
        "rewards": rewards(),
        "decisions": decisions,
    }
    for key, strategy in optional.items():
        if draw(st.booleans()):
            rung[key] = draw(strategy)
    return rung


@st.composite
def ladder_data(draw: st.DrawFn) -> dict[str, Any]:
    ids = draw(st.lists(short_ids, min_size=1, max_size=8, unique=True))
    levels: list[dict[str, Any]] = []
    for level_id in ids:
        level: dict[str, Any] = {"id": level_id}
        if draw(st.booleans()):
            level["name"] = draw(text)
        if draw(st.booleans()):
            level["pay"] = draw(bands())
        levels.append(level)
    track_keys = ["management", "technical"]
    if draw(st.booleans()) and draw(st.booleans()):
        track_keys.append(draw(st.sampled_from(["specialist", "product", "research"])))
    tracks: dict[str, Any] = {}
    for key in track_keys:
        chosen = [i for i in ids if draw(st.booleans())]
        track: dict[str, Any] = {"rungs": [draw(rungs(i)) for i in chosen]}
        if draw(st.booleans()):
            track["name"] = draw(text)
        tracks[key] = track
    data: dict[str, Any] = {
        "dualladder": 1,
        "organization": draw(text),
        "family": draw(text),
        "levels": levels,
        "tracks": tracks,
    }
    if draw(st.booleans()):
        data["currency"] = draw(currencies)
    if draw(st.booleans()):
        data["effective"] = draw(st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)))
    if draw(st.booleans()):
        data["crossover"] = [
            {
                "from": draw(st.sampled_from(track_keys)),
                "to": draw(st.sampled_from(track_keys)),
                "levels": draw(st.lists(st.sampled_from(ids), min_size=1, max_size=3)),
            }
            for _ in range(draw(st.integers(1, 3)))
        ]
    if draw(st.booleans()):
        lo = Decimal(draw(st.integers(0, 20))) / 100
        data["policy"] = {
            "pay_tolerance": Decimal(draw(st.integers(0, 20))) / 100,
            "midpoint_progression": [lo, lo + Decimal(draw(st.integers(0, 40))) / 100],
            "range_spread": [lo, lo + Decimal(draw(st.integers(0, 120))) / 100],
            "seat_at_the_table": draw(st.lists(st.sampled_from(["strategy", "budget"]),
                                               max_size=2)),
            "ignore": draw(st.lists(st.sampled_from(["DL107", "DL108", "DL202"]), max_size=2,
                                    unique=True)),
            "severity": draw(st.dictionaries(st.sampled_from(["DL109", "DL203", "DL103"]),
                                             st.sampled_from(["error", "warning"]), max_size=2)),
        }
    return data


ladders = ladder_data().map(Ladder.model_validate)
