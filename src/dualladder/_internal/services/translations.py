"""The ladder's own text in the reader's language, for the pages: :func:`ladder_in` and
:func:`company_in` (``render --locale``; docs/format.md, "Translations").

A ladder (or a company with its families) is given as a copy whose titles, summaries,
expectations, level names, track names and family name are those of its ``translations`` in
the language asked for, each text the translation lacks taken from the file's own language,
never left empty. What was missing comes back as located findings (DL117 for a ladder's or a
family's texts, DL506 for a company's level names), as ``validate`` reports them, so the
renderer prints where a page falls back. The copy is for reading and rendering: check and
save the ladder itself.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from dualladder._internal.model.ladder import MANAGEMENT, TECHNICAL, Ladder
from dualladder._internal.model.localize import localized, pick, same_language, untranslated
from dualladder._internal.model.translations import DEFAULT_LANGUAGE, LevelText, Translation
from dualladder._internal.util import i18n
from dualladder._internal.util.catalog import default_severity
from dualladder._internal.util.findings import Finding, Loc
from dualladder._internal.yaml.source import SourceMap

if TYPE_CHECKING:  # a standalone ladder's pages (and audit report) need no company model
    from dualladder._internal.model.company import Company

__all__ = ["company_in", "fallbacks", "ladder_in", "own_language"]


def own_language(document: Ladder | Company) -> str:
    """The language a file is written in: its ``locale``, else English."""
    locale = getattr(document, "locale", None)
    return locale if isinstance(locale, str) and locale else DEFAULT_LANGUAGE


def track_name_in(ladder: Ladder, key: str) -> str:
    """A track's name as the reader reads it: the name the file (or its translation) gives,
    else, for the two tracks every ladder has, their kind in the active locale ("Führung",
    "Fach"; "Management" and "Technical" in English, the names pages always gave them), else
    the key as a title."""
    track = ladder.tracks.get(key)
    if track is not None and track.name:
        return track.name
    if key == MANAGEMENT:
        return i18n.gettext("Management")
    if key == TECHNICAL:
        return i18n.gettext("Technical")
    return ladder.track_name(key)


def _unnamed_tracks(ladder: Ladder, locale: str) -> Ladder:
    """``ladder`` with its unnamed management and technical tracks named in ``locale`` (a
    shipped one; any other leaves them as they are)."""
    unnamed = [key for key in (MANAGEMENT, TECHNICAL)
               if key in ladder.tracks and not ladder.tracks[key].name]
    if not unnamed or locale not in i18n.SHIPPED:
        return ladder
    with i18n.reading(locale):
        tracks = dict(ladder.tracks)
        for key in unnamed:
            tracks[key] = tracks[key].model_copy(update={"name": track_name_in(ladder, key)})
    return ladder.model_copy(update={"tracks": tracks})


def _company(ladder: Ladder) -> Company | None:
    link = ladder.company_link
    if link is None:
        return None
    from dualladder._internal.model.company import Company  # imported with the family's company

    company = getattr(link, "company", None)
    return company if isinstance(company, Company) else None


def _finding(source: SourceMap | None, policy_severity: Mapping[str, str], code: str, loc: Loc,
             message: str) -> Finding:
    severity = policy_severity.get(code, default_severity(code))
    if source is None:  # built in Python: no file to point into
        return Finding("<ladder>", 1, 1, code, "error" if severity == "error" else "warning",
                       message, loc)
    where, at = source.origin(loc)
    line, column = where.locate(at)
    return Finding(where.name, line, column, code,
                   "error" if severity == "error" else "warning", message, at)


def _company_levels(company: Company | None, locale: str) -> Mapping[str, LevelText]:
    if company is None:
        return {}
    chosen = pick(company.translations, locale)
    return chosen[1].levels if chosen is not None else {}


def ladder_in(ladder: Ladder, locale: str, *, levels: bool = True
              ) -> tuple[Ladder, list[Finding]]:
    """``ladder`` with its texts in ``locale`` (see the module docstring), and the DL117
    findings of the texts that fall back to the file's own language: one for each text a
    translation into ``locale`` lacks, or one for the whole file when it has no translation
    into that language. ``ladder`` itself when ``locale`` is the file's own language.
    ``levels`` False leaves level names out of the findings (a company site reports them
    once, in the company file: :func:`company_in`)."""
    if same_language(locale, own_language(ladder)):
        return ladder, []
    company = _company(ladder)
    company_levels = _company_levels(company, locale)
    chosen = pick(ladder.translations, locale)
    text = chosen[1] if chosen is not None else None
    copy = _unnamed_tracks(localized(ladder, text, company_levels), locale)
    policy = ladder.policy
    if "DL117" in policy.ignore:
        return copy, []
    severity = {code: str(value) for code, value in policy.severity.items()}
    own = own_language(ladder)
    if chosen is None:
        has = ", ".join(ladder.translations) or "none"
        loc: Loc = ("translations",) if ladder.translations else ()
        message = (f"no {locale} translation of the ladder (translations: {has}): its {locale} "
                   f"pages show every text of the file in its own language ({own})")
        return copy, [_finding(ladder.source, severity, "DL117", loc, message)]
    tag = chosen[0]
    findings = [
        _finding(ladder.source, severity, "DL117", item.loc,
                 f"no {tag} translation of {item.what}: {locale} pages show it in the file's "
                 f"own language ({own})")
        for item in untranslated(ladder, text or Translation(), levels=levels,
                                 company_levels=company_levels)
    ]
    return copy, findings


def company_in(company: Company, locale: str) -> tuple[Company, list[Finding]]:
    """A copy of ``company`` with its level names and its families (:func:`ladder_in`) in
    ``locale``, and the findings of every text that falls back: DL506 for a level name of the
    company file (once, not once per family), DL117 for the families' texts."""
    if same_language(locale, own_language(company)):
        return company, []
    chosen = pick(company.translations, locale)
    names = chosen[1].levels if chosen is not None else {}
    levels = []
    for level in company.levels:
        text = names.get(level.id)
        levels.append(level.model_copy(update={"name": text.name})
                      if text is not None and text.name is not None else level)
    copy = company.model_copy(update={"levels": levels})
    findings: list[Finding] = []
    families = []
    for family in company.families:
        localized_family, found = ladder_in(family, locale, levels=False)
        families.append(localized_family)
        findings.extend(found)
    copy.set_families(tuple(families))
    if "DL506" not in company.policy.ignore:
        severity = {code: str(value) for code, value in company.policy.severity.items()}
        own = own_language(company)
        for index, level in enumerate(company.levels):
            text = names.get(level.id)
            if level.name and (text is None or text.name is None):
                findings.append(_finding(
                    company.source, severity, "DL506", ("levels", index, "name"),
                    f"no {locale} translation of the name {level.name!r} of level {level.id}: "
                    f"{locale} pages show it in the file's own language ({own})"))
    return copy, sorted(findings)


def fallbacks(document: Ladder | Company, locales: Iterable[str]) -> list[Finding]:
    """The findings of every text of ``document`` that its pages in ``locales`` show in the
    file's own language (what ``render --locale`` prints beside the check's findings)."""
    found: list[Finding] = []
    for locale in locales:
        if isinstance(document, Ladder):
            found.extend(ladder_in(document, locale)[1])
        else:
            found.extend(company_in(document, locale)[1])
    return sorted(set(found))
