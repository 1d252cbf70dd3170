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


def _names(ctx: Context) -> Iterator[tuple[str, Rung, Loc, str, str]]:
    """Every title and alias in file order: ``(track, rung, loc, what, text)``, where ``what``
    says whose name it is (``title 'Staff Engineer' (L6)``, ``alias 'TL' of Staff Engineer
    (L6)``)."""
    for key, index, rung in ctx.ladder.rungs():
        loc = ctx.rung_loc(key, index)
        what = f"title {quote(rung.title.strip())} ({cut(rung.level)})"
        yield key, rung, (*loc, "title"), what, rung.title
        for pos, alias in enumerate(rung.aliases):
            what = f"alias {quote(alias.strip())} of {ctx.name(rung)}"
            yield key, rung, (*loc, "aliases", pos), what, alias


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
    for key, _rung, loc, what, text in _names(ctx):
        if key == MANAGEMENT:
            continue
        if exceptions is not None:
            text = exceptions.sub(" ", text)
        match = words.search(text)
        if match is not None:
            yield Problem(
                loc,
                f"{what} on {ctx.track_label(key)} uses "
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
    first: dict[str, tuple[Loc, str]] = {}
    names = [(loc[:4], ctx.name(rung), loc, what, text) for _, rung, loc, what, text in _names(ctx)]
    for index, role in enumerate(ctx.ladder.above_ladder):
        owner: Loc = ("above_ladder", index)
        shown = f"{quote(role.title.strip())} (above the ladder)"
        names.append((owner, role.title, (*owner, "title"), f"title {shown}", role.title))
        for pos, alias in enumerate(role.aliases):
            what = f"alias {quote(alias.strip())} of {cut(role.title)} (above the ladder)"
            names.append((owner, role.title, (*owner, "aliases", pos), what, alias))
    for owner, name, loc, what, text in names:
        seen = first.setdefault(text.strip().casefold(), (owner, name))
        if seen[0] != owner:
            yield Problem(
                loc,
                f"{what} already names {seen[1]}; give each rung its own titles",
            )
