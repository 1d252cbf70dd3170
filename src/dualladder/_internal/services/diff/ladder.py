"""The semantic diff of two versions of one ladder: :func:`diff_ladders`.

Levels are matched by id. Rungs are matched across the whole ladder, so a rung that moves to
another level or track is reported as moved (not as one removed and one added): first by job
code, then by title, then by place (the same track and level), each only where the key names
one rung on each side. A matched pair is then compared field by field; what a rung asks and
grants (expectations, scope, decision rights) goes through :func:`~dualladder._internal.model.step.
compare_rungs`, the comparison the handbook and career plans use.

Fields this module has no special report for (format additions it does not know yet) are still
compared, generically, so a diff never misses a change or fails on a new shape of the format.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from decimal import Decimal
from typing import Any

from pydantic import BaseModel

from dualladder._internal.model.ladder import Crossover, Ladder, Level, Rewards, Rung, format_amount
from dualladder._internal.model.step import DecisionChange, compare_rungs, percent_change, text_key
from dualladder._internal.services.diff.changes import Change, shorten, show, text_or_none
from dualladder._internal.util.findings import Loc
from dualladder._internal.yaml.source import SourceMap

__all__ = [
    "band_change", "band_details", "band_text", "changes_by_rung", "diff_ladders", "generic",
    "level_changes", "located", "match_rungs", "other_fields", "rung_label", "rung_subject",
    "signed_percent", "translation_changes",
]

_ARROW = "\u2192"

#: Fields of each model that :func:`diff_ladders` reports in its own words; any other field is
#: compared generically.
_LADDER_OWN = {"policy", "levels", "tracks", "crossover", "translations"}
_LEVEL_OWN = {"id", "name", "pay"}
_RUNG_OWN = {
    "level", "title", "code", "aliases", "summary", "scope", "expectations", "pay", "rewards",
    "decisions",
}


def _alias(model: type[BaseModel], name: str) -> str:
    return model.model_fields[name].alias or name


def band_text(band: Any, currency: str | None = None) -> str:
    """``175,000 / 205,000 / 235,000`` (min / mid / max), with the currency when given, and
    any further field of the band shape after it."""
    if band is None:
        return "none"
    amounts = []
    for name in ("min", "mid", "max"):
        value = getattr(band, name, None)
        amounts.append(format_amount(value) if isinstance(value, Decimal) else "-")
    if getattr(band, "mid_derived", False):  # a band of min and max only: mid is not data
        amounts[1] = "(mid derived)"
    text = " / ".join(amounts)
    extra = [
        f"{_alias(type(band), name)} {show(getattr(band, name))}"
        for name in type(band).model_fields
        if name not in ("min", "mid", "max", "currency") and getattr(band, name) is not None
    ]
    cur = getattr(band, "currency", None) or currency
    if cur:
        text = f"{cur} {text}"
    return text + (f" ({', '.join(extra)})" if extra else "")


def band_details(band: Any, currency: str | None = None) -> dict[str, str | bool | None] | None:
    """A band for JSON readers: exact amounts as strings, the currency it is paid in, and
    whether its midpoint is derived; None for no band."""
    if band is None:
        return None
    return {
        "min": str(band.min),
        "mid": str(band.mid),
        "max": str(band.max),
        "currency": getattr(band, "currency", None) or currency,
        "mid_derived": bool(getattr(band, "mid_derived", False)),
    }


def _signed(value: Decimal) -> str:
    return ("+" if value > 0 else "-" if value < 0 else "\u00b1") + format_amount(abs(value))


def signed_percent(value: Decimal | None) -> str | None:
    if value is None:
        return None
    return ("+" if value > 0 else "" if value < 0 else "\u00b1") + f"{value}%"


def band_change(
    kind: str,
    subject: str,
    loc: Loc,
    old: Any,
    new: Any,
    old_currency: str | None,
    new_currency: str | None,
    why: str = "",
) -> Change:
    """One change for a whole band: old and new bands, and the change of each amount."""
    fields: dict[str, dict[str, str | None]] = {}
    for name in ("min", "mid", "max"):
        if name == "mid" and (getattr(old, "mid_derived", False)
                              or getattr(new, "mid_derived", False)):
            continue  # a derived midpoint follows min and max; it is not a change of its own
        a, b = getattr(old, name, None), getattr(new, name, None)
        if isinstance(a, Decimal) and isinstance(b, Decimal) and a != b:
            pct = percent_change(a, b)
            fields[name] = {
                "old": str(a),
                "new": str(b),
                "change": str(b - a),
                "percent": None if pct is None else str(pct),
            }
    note = ""
    if fields and old_currency == new_currency:
        pcts = {f["percent"] for f in fields.values()}
        if len(pcts) == 1 and None not in pcts:
            parts = [f"{name} {_signed(Decimal(f['change'] or 0))}" for name, f in fields.items()]
            note = f": {signed_percent(Decimal(str(pcts.pop())))} ({', '.join(parts)})"
        else:
            note = ": " + ", ".join(
                f"{name} {_signed(Decimal(f['change'] or 0))}"
                + (f" ({signed_percent(Decimal(f['percent']))})" if f["percent"] else "")
                for name, f in fields.items()
            )
    elif old_currency != new_currency:
        note = f" (currency {old_currency or 'unstated'} {_ARROW} {new_currency or 'unstated'})"
    old_text, new_text = band_text(old, old_currency), band_text(new, new_currency)
    old_value = None if old is None else old_text
    new_value = None if new is None else new_text
    if old is None:
        message = f"pay band stated: {new_text}{why}"
    elif new is None:
        message = f"pay band dropped (was {old_text}){why}"
    else:
        message = f"pay {old_text} {_ARROW} {new_text}{note}{why}"
    return Change(kind, subject, message, loc, "new", old_value, new_value, {"fields": fields})


# -- generic comparison of any field --------------------------------------------------------------


def _is_scalar_list(value: Any) -> bool:
    return isinstance(value, list | tuple) and all(
        not isinstance(v, BaseModel | dict | list | tuple) for v in value
    )


def generic(kind: str, subject: str, label: str, loc: Loc, old: Any, new: Any) -> Iterator[Change]:
    """Changes between two values of any shape: models field by field, mappings key by key,
    lists of plain values as added and removed items, other lists item by item."""
    if old == new:
        return
    if isinstance(old, BaseModel) and isinstance(new, BaseModel) and type(old) is type(new):
        for name, f in type(old).model_fields.items():
            key = f.alias or name
            yield from generic(
                kind, subject, f"{label}.{key}" if label else key, (*loc, key),
                getattr(old, name), getattr(new, name),
            )
        return
    if isinstance(old, dict) and isinstance(new, dict):
        for key in [*new, *(k for k in old if k not in new)]:
            yield from generic(
                kind, subject, f"{label}.{key}", (*loc, key), old.get(key), new.get(key)
            )
        return
    if _is_scalar_list(old) and _is_scalar_list(new):
        added = [v for v in new if v not in old]
        removed = [v for v in old if v not in new]
        parts = []
        if added:
            parts.append(f"added {show(added)}")
        if removed:
            parts.append(f"removed {show(removed)}")
        if not parts:
            parts.append(f"reordered {show(old)} {_ARROW} {show(new)}")
        yield Change(kind, subject, f"{label}: {'; '.join(parts)}", loc, "new", show(old),
                     show(new))
        return
    if isinstance(old, list | tuple) and isinstance(new, list | tuple):
        for index in range(max(len(old), len(new))):
            a = old[index] if index < len(old) else None
            b = new[index] if index < len(new) else None
            yield from generic(kind, subject, f"{label}[{index}]", (*loc, index), a, b)
        return
    message = f"{label} {shorten(show(old))} {_ARROW} {shorten(show(new))}"
    if old is None:
        message = f"{label} added: {shorten(show(new))}"
    elif new is None:
        message = f"{label} removed (was {shorten(show(old))})"
    yield Change(kind, subject, message, loc, "new" if new is not None else "old",
                 text_or_none(old), text_or_none(new))


def other_fields(
    kind: str, subject: str, loc: Loc, old: BaseModel, new: BaseModel, own: set[str]
) -> Iterator[Change]:
    """The changes of every field of ``new`` not in ``own`` (the fields reported in their own
    words), compared generically."""
    for name, f in type(new).model_fields.items():
        if name in own:
            continue
        key = f.alias or name
        yield from generic(kind, subject, key, (*loc, key), getattr(old, name, None),
                           getattr(new, name, None))


# -- order: which common items moved ----------------------------------------------------------


def _moved(old_order: Sequence[Hashable], new_order: Sequence[Hashable]) -> set[Hashable]:
    """The common items outside a longest run that keeps its order (O(n log n)): the fewest
    items whose move explains the new order."""
    position = {item: i for i, item in enumerate(new_order)}
    common = [item for item in old_order if item in position]
    tails: list[int] = []
    tail_at: list[int] = []
    parent: list[int] = [-1] * len(common)
    for i, item in enumerate(common):
        pos = position[item]
        j = bisect_left(tails, pos)
        if j == len(tails):
            tails.append(pos)
            tail_at.append(i)
        else:
            tails[j] = pos
            tail_at[j] = i
        parent[i] = tail_at[j - 1] if j > 0 else -1
    keep: set[Hashable] = set()
    k = tail_at[-1] if tail_at else -1
    while k >= 0:
        keep.add(common[k])
        k = parent[k]
    return {item for item in common if item not in keep}


# -- levels ----------------------------------------------------------------------------------------


CurrencyOf = Callable[[Any], "str | None"]


def level_changes(
    old_levels: Sequence[Level], new_levels: Sequence[Level], old_currency: CurrencyOf,
    new_currency: CurrencyOf,
) -> Iterator[Change]:
    """Changes between two level scales (a ladder's or a company's): levels added, removed,
    moved, renamed, and their bands. ``*_currency`` give the currency a band is paid in."""
    old_index = {level.id: i for i, level in enumerate(old_levels)}
    new_index = {level.id: i for i, level in enumerate(new_levels)}
    moved = _moved([lv.id for lv in old_levels], [lv.id for lv in new_levels])
    for index, level in enumerate(new_levels):
        loc: Loc = ("levels", index)
        subject = f"level {level.id}"
        if level.id not in old_index:
            where = _between(new_levels, index)
            name = f" ({level.name})" if level.name else ""
            pay = f", pay {band_text(level.pay, new_currency(level.pay))}" if level.pay else ""
            yield Change("level.added", subject, f"level added{name}{where}{pay}", loc,
                         new=level.id, details=_added_level(new_levels, index, new_currency))
            continue
        before = old_levels[old_index[level.id]]
        if level.id in moved:
            yield Change(
                "level.moved", subject,
                f"moved from place {old_index[level.id] + 1} to {index + 1}"
                f"{_between(new_levels, index)}",
                (*loc, "id"), old=str(old_index[level.id] + 1), new=str(index + 1),
            )
        yield from _level_pair(old_currency, new_currency, before, level, loc, subject)
    for index, level in enumerate(old_levels):
        if level.id not in new_index:
            yield Change("level.removed", f"level {level.id}", "level removed", ("levels", index),
                         "old", old=level.id)


def _added_level(levels: Sequence[Level], index: int, currency: CurrencyOf) -> dict[str, Any]:
    """What a ``level.added`` says to JSON readers: the level's name, its place (1-based) and
    the levels below and above it, its band and the rest of what the file states."""
    level = levels[index]
    rest = level.model_dump(mode="json", by_alias=True, exclude_none=True,
                            exclude={"id", "name", "pay"})
    return {
        "name": level.name,
        "place": index + 1,
        "below": levels[index - 1].id if index > 0 else None,
        "above": levels[index + 1].id if index + 1 < len(levels) else None,
        "pay": band_details(level.pay, currency(level.pay)),
        **rest,
    }


def _between(levels: Sequence[Level], index: int) -> str:
    below = levels[index - 1].id if index > 0 else None
    above = levels[index + 1].id if index + 1 < len(levels) else None
    if below and above:
        return f" (between {below} and {above})"
    if below:
        return f" (above {below}, the top)"
    if above:
        return f" (below {above}, the bottom)"
    return ""


def _level_pair(
    old_currency: CurrencyOf, new_currency: CurrencyOf, before: Level, after: Level, loc: Loc,
    subject: str,
) -> Iterator[Change]:
    if before.name != after.name:
        yield Change(
            "level.renamed", subject,
            f"renamed {show(before.name)} {_ARROW} {show(after.name)}",
            (*loc, "name"), old=before.name, new=after.name,
        )
    if before.pay != after.pay:
        yield band_change(
            "level.pay", subject, (*loc, "pay"), before.pay, after.pay,
            old_currency(before.pay), new_currency(after.pay),
        )
    yield from other_fields("level.changed", subject, loc, before, after, _LEVEL_OWN)


# -- rungs -----------------------------------------------------------------------------------------

Entry = tuple[str, int, Rung]


def changes_by_rung(changes: Iterable[Change]) -> dict[tuple[str, str], list[Change]]:
    """The rung changes of a diff by rung, ``(track, level)``: which rungs changed and how
    (a career plan signed on an older version asks exactly this)."""
    out: dict[tuple[str, str], list[Change]] = {}
    for change in changes:
        if change.rung is not None:
            out.setdefault(change.rung, []).append(change)
    return out


def rung_subject(track: str, rung: Rung) -> str:
    """``technical L6 Staff Engineer``: how a diff names a rung."""
    return f"{track} {rung.level} {shorten(rung.title, 60)}"


def rung_label(ladder: Ladder, track: str, rung: Rung) -> str:
    """``Technical L6 Staff Engineer``: a rung as a reader names it, its track by display
    name."""
    return rung_subject(ladder.track_name(track), rung)


def _unique_index(
    entries: Sequence[Entry], key: Callable[[Entry], Hashable | None]
) -> dict[Hashable, Entry]:
    seen: dict[Hashable, Entry] = {}
    twice: set[Hashable] = set()
    for entry in entries:
        k = key(entry)
        if k is None:
            continue
        if k in seen:
            twice.add(k)
        seen[k] = entry
    return {k: v for k, v in seen.items() if k not in twice}


def match_rungs(old: Ladder, new: Ladder) -> tuple[list[tuple[Entry, Entry]], list[Entry],
                                                   list[Entry]]:
    """Pair the rungs of two versions: ``(pairs, removed, added)``.

    Keys, in turn: job code, track and title, title, track and level; each pairs only rungs it
    names once on each side among the rungs still unpaired.
    """
    left: list[Entry] = list(old.rungs())
    right: list[Entry] = list(new.rungs())
    pairs: list[tuple[Entry, Entry]] = []
    keys: list[Callable[[Entry], Hashable | None]] = [
        lambda e: text_key(e[2].code) if e[2].code else None,
        lambda e: (e[0], text_key(e[2].title)),
        lambda e: text_key(e[2].title),
        lambda e: (e[0], e[2].level),
    ]
    for key in keys:
        a, b = _unique_index(left, key), _unique_index(right, key)
        matched = [(a[k], b[k]) for k in b if k in a]
        if not matched:
            continue
        used_left = {id(x) for x, _ in matched}
        used_right = {id(y) for _, y in matched}
        pairs.extend(matched)
        left = [e for e in left if id(e) not in used_left]
        right = [e for e in right if id(e) not in used_right]
    return pairs, left, right


def _rung_loc(entry: Entry) -> Loc:
    return ("tracks", entry[0], "rungs", entry[1])


def _rungs(old: Ladder, new: Ladder) -> Iterator[Change]:
    pairs, removed, added = match_rungs(old, new)
    by_new = {id(b[2]): (a, b) for a, b in pairs}
    added_ids = {id(e[2]) for e in added}
    for entry in new.rungs():
        key, _, rung = entry
        before, _ = by_new.get(id(rung), (None, None))
        if before is not None and (before[0], before[2].level) == (key, rung.level) \
                and before[2] == rung and rung.pay is None:
            # the same rung (every field equal) in the same place, paid its level's band: no
            # change (a level's band is compared at the level); the common case of a diff
            continue
        subject = rung_subject(key, rung)
        label = rung_label(new, key, rung)
        if before is None:
            assert id(rung) in added_ids
            band = new.band(rung)
            currency = new.currency_of(band)
            pay = f", pay {band_text(band, currency)}" if band else ""
            details = {"track": key, "track_name": new.track_name(key), "level": rung.level,
                       "title": rung.title, "code": rung.code,
                       "pay": band_details(band, currency), "own_band": rung.pay is not None}
            yield Change("rung.added", subject, f"rung added{pay}", _rung_loc(entry),
                         new=rung.title, details=details, rung=(key, rung.level), label=label)
            continue
        for change in _rung_pair(old, new, before, entry, subject):
            place = (before[0], before[2].level) if change.side == "old" else (key, rung.level)
            yield replace(change, rung=place, label=label)
    for entry in removed:
        yield Change("rung.removed", rung_subject(entry[0], entry[2]), "rung removed",
                     _rung_loc(entry), "old", old=entry[2].title, rung=(entry[0], entry[2].level),
                     label=rung_label(old, entry[0], entry[2]))


def _list_change(kind: str, subject: str, what: str, loc: Loc, added: Sequence[str],
                 removed: Sequence[str]) -> Iterator[Change]:
    for text in added:
        yield Change(kind, subject, f"{what} added: {shorten(text)}", loc, new=text)
    for text in removed:
        yield Change(kind, subject, f"{what} removed: {shorten(text)}", loc, old=text)


def _decision_text(decision: Any) -> str:
    return f"{decision.authority.value} at {decision.scope.value}"


def _rung_pair(
    old: Ladder, new: Ladder, before_entry: Entry, after_entry: Entry, subject: str
) -> Iterator[Change]:
    """The changes from one rung to the rung :func:`match_rungs` paired it with, in the order
    the report lists them: where it sits, its texts, its scope, expectations and decision
    rights (compared as :func:`compare_rungs` compares them, exactly), its pay, its rewards,
    then any other field. Each change is located at the rung in ``new``."""
    okey, _, before = before_entry
    nkey, _, after = after_entry
    loc = _rung_loc(after_entry)
    moved = (okey, before.level) != (nkey, after.level)
    if moved:
        yield Change(
            "rung.moved", subject,
            f"moved from {old.track_name(okey)} {before.level} to {new.track_name(nkey)} "
            f"{after.level}",
            (*loc, "level"), old=f"{okey} {before.level}", new=f"{nkey} {after.level}",
        )
    yield from _rung_texts(subject, loc, before, after)
    # no ladders: the pay step is not wanted here (_rung_pay compares the bands), and
    # scope, expectations and rights do not depend on them
    delta = compare_rungs(before, after, exact=True)
    if delta.scope != "same":
        way = "raised (wider)" if delta.scope == "up" else "lowered (narrower)"
        yield Change("rung.scope", subject,
                     f"scope {show(before.scope)} {_ARROW} {show(after.scope)}, {way}",
                     (*loc, "scope"), old=text_or_none(before.scope),
                     new=text_or_none(after.scope),
                     details={"direction": delta.scope})
    yield from _list_change("rung.expectations", subject, "expectation", (*loc, "expectations"),
                            delta.expectations_added, delta.expectations_removed)
    yield from _rung_decisions(subject, (*loc, "decisions"), before, after, delta.decisions)
    yield from _rung_pay(subject, loc, old, new, before, after, moved)
    yield from _rewards(subject, (*loc, "rewards"), before.rewards, after.rewards, old, new)
    yield from other_fields("rung.changed", subject, loc, before, after, _RUNG_OWN)


def _rung_texts(subject: str, loc: Loc, before: Rung, after: Rung) -> Iterator[Change]:
    """Title, job code, other names and summary."""
    if before.title != after.title:
        yield Change("rung.title", subject,
                     f"title renamed {shorten(before.title)!r} {_ARROW} {shorten(after.title)!r}",
                     (*loc, "title"), old=before.title, new=after.title)
    if before.code != after.code:
        yield Change("rung.code", subject,
                     f"job code {show(before.code)} {_ARROW} {show(after.code)}",
                     (*loc, "code"), old=before.code, new=after.code)
    if before.aliases != after.aliases:
        yield from _list_change(
            "rung.aliases", subject, "also known as", (*loc, "aliases"),
            [a for a in after.aliases if a not in before.aliases],
            [a for a in before.aliases if a not in after.aliases],
        )
    if before.summary != after.summary:
        yield Change("rung.summary", subject,
                     f"summary {shorten(show(before.summary), 60)!r} {_ARROW} "
                     f"{shorten(show(after.summary), 60)!r}",
                     (*loc, "summary"), old=before.summary, new=after.summary)


def _rung_decisions(subject: str, loc: Loc, before: Rung, after: Rung,
                    changes: Sequence[DecisionChange]) -> Iterator[Change]:
    """Decision rights: stating that there are none (``decisions: []``) and no longer stating
    them are changes of their own; then each right added, removed or changed, by domain."""
    if before.decisions is None and after.decisions is not None and not after.decisions:
        yield Change("rung.decisions", subject, "decision rights stated: none", loc, new="[]")
    if before.decisions is not None and not before.decisions and after.decisions is None:
        yield Change("rung.decisions", subject, "decision rights no longer stated (was: none)",
                     loc, old="[]")
    for change in changes:
        a = _decision_text(change.before) if change.before else None
        b = _decision_text(change.after) if change.after else None
        yield Change(
            "rung.decisions", subject, _decision_words(change, a, b), loc,
            old=a, new=b,
            details={"domain": change.domain, "kind": change.kind,
                     "authority": change.authority, "scope": change.scope},
        )


def _decision_words(change: DecisionChange, a: str | None, b: str | None) -> str:
    if change.kind == "added":
        return f"decision right added: {b} on {change.domain}"
    if change.kind == "removed":
        return f"decision right removed: {a} on {change.domain}"
    how = []
    if change.authority != "same":
        how.append(f"authority {'raised' if change.authority == 'up' else 'lowered'}")
    if change.scope != "same":
        how.append(f"scope {'wider' if change.scope == 'up' else 'narrower'}")
    return f"decision right on {change.domain}: {a} {_ARROW} {b} ({', '.join(how)})"


def _rung_pay(subject: str, loc: Loc, old: Ladder, new: Ladder, before: Rung, after: Rung,
              moved: bool) -> Iterator[Change]:
    """Pay: a rung's own band, or the effective band when the rung moved (a change of a level's
    band that a rung just inherits is reported once, at the level). Taking a band of its own
    or giving it up is a change even when the amounts stay the same."""
    if before.pay is None and after.pay is None and not moved:
        return
    band_a, band_b = old.band(before), new.band(after)
    cur_a, cur_b = old.currency_of(band_a), new.currency_of(band_b)
    if (band_a, cur_a) == (band_b, cur_b) and (before.pay is None) == (after.pay is None):
        return
    why = ""
    if before.pay is None and after.pay is not None:
        why = "; now the rung's own band (was the level's)"
    elif before.pay is not None and after.pay is None:
        why = "; now the level's band (was the rung's own)"
    if band_a is not None or band_b is not None:
        yield band_change("rung.pay", subject, (*loc, "pay") if after.pay else loc,
                           band_a, band_b, cur_a, cur_b, why)


def _rewards(subject: str, loc: Loc, before: Rewards | None, after: Rewards | None,
             old: Ladder, new: Ladder) -> Iterator[Change]:
    if before == after:
        return
    a = before or Rewards()
    b = after or Rewards()
    if a.bonus_target != b.bonus_target:
        note = ""
        if a.bonus_target is not None and b.bonus_target is not None:
            points = ((b.bonus_target - a.bonus_target) * 100).normalize()
            note = f" ({'+' if points > 0 else ''}{format(points, 'f')} points)"
        yield Change("rung.rewards", subject,
                     f"bonus target {_pct(a.bonus_target)} {_ARROW} {_pct(b.bonus_target)}{note}",
                     (*loc, "bonus_target"), old=text_or_none(a.bonus_target),
                     new=text_or_none(b.bonus_target))
    if a.equity != b.equity:
        note = ""
        if a.equity is not None and b.equity is not None:
            pct = percent_change(a.equity, b.equity)
            note = f" ({_signed(b.equity - a.equity)}" + (
                f", {signed_percent(pct)})" if pct is not None else ")"
            )
        yield Change("rung.rewards", subject,
                     f"equity {_amount(a.equity)} {_ARROW} {_amount(b.equity)}{note}",
                     (*loc, "equity"), old=text_or_none(a.equity),
                     new=text_or_none(b.equity))
    if a.perks != b.perks:
        if a.perks is None or b.perks is None:
            yield Change("rung.rewards", subject,
                         f"perks {show(a.perks) if a.perks is not None else 'not stated'} "
                         f"{_ARROW} {show(b.perks) if b.perks is not None else 'not stated'}",
                         (*loc, "perks"), old=text_or_none(a.perks),
                         new=text_or_none(b.perks))
        else:
            yield from _list_change(
                "rung.rewards", subject, "perk", (*loc, "perks"),
                [p for p in b.perks if p not in a.perks],
                [p for p in a.perks if p not in b.perks],
            )
    yield from other_fields("rung.rewards", subject, loc, a, b,
                             {"bonus_target", "equity", "perks"})


def _pct(value: Decimal | None) -> str:
    if value is None:
        return "none"
    return format((value * 100).normalize(), "f") + "%"


def _amount(value: Decimal | None) -> str:
    return "none" if value is None else format_amount(value)


# -- tracks, crossover, policy, the ladder --------------------------------------------------------


def _tracks(old: Ladder, new: Ladder) -> Iterator[Change]:
    for key, track in new.tracks.items():
        subject = f"track {key}"
        label = f"track {new.track_name(key)}"
        if key not in old.tracks:
            yield Change("track.added", subject,
                         f"track added ({len(track.rungs)} rungs)", ("tracks", key), new=key,
                         details={"name": new.track_name(key), "rungs": len(track.rungs)},
                         label=label)
            continue
        before = old.tracks[key]
        if before.name != track.name:
            yield Change("track.renamed", subject,
                         f"renamed {show(before.name)} {_ARROW} {show(track.name)}",
                         ("tracks", key, "name"), old=before.name, new=track.name, label=label)
        for change in other_fields("other.changed", subject, ("tracks", key), before, track,
                                   {"name", "rungs"}):
            yield replace(change, label=label)
    for key, track in old.tracks.items():
        if key not in new.tracks:
            yield Change("track.removed", f"track {key}",
                         f"track removed ({len(track.rungs)} rungs)", ("tracks", key), "old",
                         old=key, label=f"track {old.track_name(key)}")


def _moves(ladder: Ladder) -> dict[tuple[str, str], list[tuple[int, Crossover]]]:
    out: dict[tuple[str, str], list[tuple[int, Crossover]]] = {}
    for index, move in enumerate(ladder.crossover):
        out.setdefault((move.from_, move.to), []).append((index, move))
    return out


def _crossover(old: Ladder, new: Ladder) -> Iterator[Change]:
    """Crossover moves by their pair of tracks; each change labelled with the tracks' display
    names (in the version it is about)."""
    for change, key in _crossover_changes(old, new):
        ladder = new if change.side == "new" else old
        label = (f"crossover {ladder.track_name(key[0])} {_ARROW} "
                 f"{ladder.track_name(key[1])}")
        yield replace(change, label=label)


def _crossover_changes(old: Ladder, new: Ladder
                       ) -> Iterator[tuple[Change, tuple[str, str]]]:
    before, after = _moves(old), _moves(new)
    for key, moves in after.items():
        subject = f"crossover {key[0]} {_ARROW} {key[1]}"
        levels = list(dict.fromkeys(lv for _, m in moves for lv in m.levels))
        loc: Loc = ("crossover", moves[0][0])
        if key not in before:
            yield Change("crossover.added", subject,
                         f"crossover added at {', '.join(levels)}", loc,
                         new=", ".join(levels)), key
            continue
        was = list(dict.fromkeys(lv for _, m in before[key] for lv in m.levels))
        gained = [lv for lv in levels if lv not in was]
        lost = [lv for lv in was if lv not in levels]
        if gained or lost:
            parts = []
            if gained:
                parts.append(f"now also at {', '.join(gained)}")
            if lost:
                parts.append(f"no longer at {', '.join(lost)}")
            yield Change("crossover.changed", subject, "; ".join(parts), (*loc, "levels"),
                         old=", ".join(was), new=", ".join(levels)), key
        if len(moves) == 1 and len(before[key]) == 1:
            for change in other_fields("crossover.changed", subject, loc, before[key][0][1],
                                       moves[0][1], {"from_", "to", "levels"}):
                yield change, key
    for key, moves in before.items():
        if key not in after:
            levels = list(dict.fromkeys(lv for _, m in moves for lv in m.levels))
            yield Change("crossover.removed", f"crossover {key[0]} {_ARROW} {key[1]}",
                         f"crossover removed (was at {', '.join(levels)})",
                         ("crossover", moves[0][0]), "old", old=", ".join(levels)), key


def diff_ladders(old: Ladder, new: Ladder, *, family: bool = False) -> list[Change]:
    """Every semantic change from ``old`` to ``new``, in report order: the ladder's own
    fields, policy, levels, tracks, rungs (in the new version's order, then removed ones),
    crossover. Two equal ladders give an empty list.

    A ladder read from a file gives each change its ``file`` and ``line``: in the new file for
    changes and additions, in the old one for removals.

    With ``family``, the two are job families with their company applied, and only what the
    family file itself says is compared (tracks, rungs, crossover): the scale, policy and
    organisation come from the company and are compared there, once for all its families.
    """
    changes: list[Change] = []
    if not family:
        changes.extend(other_fields("ladder.changed", "ladder", (), old, new, _LADDER_OWN))
        changes.extend(generic("policy.changed", "policy", "", ("policy",), old.policy,
                               new.policy))
        changes.extend(level_changes(old.levels, new.levels, old.currency_of, new.currency_of))
    changes.extend(_tracks(old, new))
    changes.extend(_rungs(old, new))
    changes.extend(_crossover(old, new))
    changes.extend(translation_changes(old.translations, new.translations))
    return located(changes, old.source, new.source)


def translation_changes(old: Mapping[str, BaseModel], new: Mapping[str, BaseModel]
                        ) -> Iterator[Change]:
    """The changes of a file's ``translations``, language by language: a language added or
    removed, then each text of a language changed, added or removed (by the path the
    translation gives it: ``tracks.technical.rungs.L5.title``)."""
    for tag in [*new, *(t for t in old if t not in new)]:
        before, after = old.get(tag), new.get(tag)
        subject = f"translation {tag}"
        loc: Loc = ("translations", tag)
        if before is None:
            yield Change("translation.added", subject, f"translation into {tag} added", loc,
                         new=tag)
        elif after is None:
            yield Change("translation.removed", subject, f"translation into {tag} removed",
                         loc, "old", old=tag)
        else:
            yield from generic("translation.changed", subject, "", loc, before, after)


def located(changes: Iterable[Change], old: SourceMap | None, new: SourceMap | None
            ) -> list[Change]:
    """``changes`` with the file and line of each in the version it is about."""
    out = []
    for change in changes:
        source = new if change.side == "new" else old
        if source is not None:
            change = replace(change, file=source.name, line=source.locate(change.loc)[0])
        out.append(change)
    return out
