"""Rules: titles (management words on technical rungs, one title for one rung)."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from dualladder._internal.model.ladder import MANAGEMENT, Rung
from dualladder._internal.rules.ladder.registry import Context, Problem, rule
from dualladder._internal.util.findings import Loc
from dualladder._internal.util.textsafe import cut
from dualladder._internal.yaml.tags import quote


def _phrases(words: list[str]) -> re.Pattern[str] | None:
    """Whole words or phrases, any case, any run of spaces between the words of a phrase."""
    return _compiled(tuple(words))


@functools.lru_cache(maxsize=64)
def _compiled(words: tuple[str, ...]) -> re.Pattern[str] | None:
    """:func:`_phrases` once per list of words (every family of a company has the same)."""
    parts = [r"\s+".join(re.escape(w) for w in word.split()) for word in words if word.split()]
    if not parts:
        return None
    return re.compile(r"\b(?:" + "|".join(parts) + r")\b", re.IGNORECASE)


def _names(ctx: Context) -> Iterator[tuple[str, Rung, Loc, bool, str]]:
    """Every title and alias in file order: ``(track, rung, loc, is_alias, text)`` (what a
    message calls it is :func:`_what`, made only for a finding)."""
    for key, index, rung in ctx.ladder.rungs():
        loc = ctx.rung_loc(key, index)
        yield key, rung, (*loc, "title"), False, rung.title
        for pos, alias in enumerate(rung.aliases):
            yield key, rung, (*loc, "aliases", pos), True, alias


def _what(ctx: Context, rung: Rung, is_alias: bool, text: str) -> str:
    """Whose name ``text`` is: ``title 'Staff Engineer' (L6)``, ``alias 'TL' of Staff Engineer
    (L6)``."""
    if is_alias:
        return f"alias {quote(text.strip())} of {ctx.name(rung)}"
    return f"title {quote(text.strip())} ({cut(rung.level)})"


@rule("DL108")
def management_words(ctx: Context) -> Iterator[Problem]:
    """Technical titles do not borrow management words.

    A title or alias of a rung on any track other than management must not contain, as a whole
    word and in any case, a word of `policy.management_words` (by default "manager", "director",
    "head of", "vice president", "VP" and "chief"). ("Engineering Managerial Council" passes,
    "Technical Director" does not.) Phrases of `policy.not_management` are taken out of a title
    first: they contain a management word but name other work. By default they are "program
    manager", "programme manager", "product manager" and "project manager", so a "Technical
    Program Manager" or a "Senior Product Manager" on a non-management track passes. An
    organisation that uses "Head of ..." for individual contributors leaves "head of" out of
    `management_words`. Roles above the ladder (`above_ladder`) are not checked: they are open
    to every track. Each offending title or alias is one finding, at that title or alias.

    Why it matters: a management word in a technical title blurs the two tracks. People read
    "Technical Director" as a people manager, expect reports and budget, and the title suggests
    that reaching the top of the technical track means becoming a manager after all.

    How to fix: use a technical title (Staff, Principal, Distinguished Engineer, Architect,
    Fellow), or move the management-sounding name to the management rung it describes.

    ```yaml
    tracks:
      technical:
        rungs:
          - level: L8
            title: Technical Director        # DL108
            aliases: [Chief Architect]       # DL108
    ```
    """
    words = _phrases(ctx.policy.management_words)
    exceptions = _phrases(ctx.policy.not_management)
    if words is None:
        return
    for key, rung, loc, is_alias, text in _names(ctx):
        if key == MANAGEMENT:
            continue
        match = words.search(text if exceptions is None else exceptions.sub(" ", text))
        if match is not None:
            yield Problem(
                loc,
                f"{_what(ctx, rung, is_alias, text)} on {ctx.track_label(key)} uses "
                f"the management word {match.group(0)!r}; choose a technical title such as "
                f"Principal, Distinguished or Fellow",
            )


@rule("DL109")
def unique_titles(ctx: Context) -> Iterator[Problem]:
    """One title names one rung.

    Titles and aliases of all rungs on all tracks, and of the roles above the ladder, are
    compared case-insensitively, ignoring surrounding spaces. A title or alias that an earlier
    rung or role (in file order) already uses is one finding, at the second use. A rung that
    repeats its own title as an alias is not a finding.

    Why it matters: a title on a business card, an offer letter or a job posting must say which
    rung is meant. If "Lead Engineer" is an alias on L6 and the title of L7, nobody can tell what
    a "Lead Engineer" is paid or expected to do, and equivalence cannot be read off a title.

    How to fix: rename one of the rungs, or drop the alias that collides.

    ```yaml
    tracks:
      technical:
        rungs:
          - {level: L6, title: Staff Engineer, aliases: [Lead Engineer]}
          - {level: L7, title: Lead Engineer}          # DL109: alias of L6
    ```
    """
    # (owner, loc, text, the rung or None, is_alias, the role's title): a name's message
    # parts are made only for a finding
    names: list[tuple[Loc, Loc, str, Rung | None, bool, str]] = [
        (loc[:4], loc, text, rung, is_alias, "") for _, rung, loc, is_alias, text in _names(ctx)
    ]
    for index, role in enumerate(ctx.ladder.above_ladder):
        owner: Loc = ("above_ladder", index)
        role_title = role.title.strip()  # as every other part of a message quotes a name
        names.append((owner, (*owner, "title"), role.title, None, False, role_title))
        for pos, alias in enumerate(role.aliases):
            names.append((owner, (*owner, "aliases", pos), alias, None, True, role_title))
    first: dict[str, tuple[Loc, Rung | None, str]] = {}
    for owner, loc, text, rung, is_alias, role_title in names:
        seen = first.setdefault(text.strip().casefold(), (owner, rung, role_title))
        if seen[0] != owner:
            if rung is not None:
                what = _what(ctx, rung, is_alias, text)
            elif is_alias:
                what = f"alias {quote(text.strip())} of {cut(role_title)} (above the ladder)"
            else:
                what = f"title {quote(text.strip())} (above the ladder)"
            named = ctx.name(seen[1]) if seen[1] is not None else seen[2]
            yield Problem(loc, f"{what} already names {named}; give each rung its own titles")
