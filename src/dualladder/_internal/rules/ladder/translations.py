"""Rules: the ladder's own text in other languages (DL117, DL118)."""

from __future__ import annotations

from collections.abc import Iterator

from dualladder._internal.model.localize import stale, untranslated
from dualladder._internal.rules.ladder.registry import Context, Problem, rule


@rule("DL117")
def untranslated_text(ctx: Context) -> Iterator[Problem]:
    """Every text a reader sees is translated into each language the file translates into.

    A ladder file is written in one language (its `locale`, English when it names none); its
    `translations` give the same texts in other languages (docs/format.md, "Translations").
    For each language there, every text the pages show needs its translation: the family's
    name, each level's name (a job family's level names are its company's: they are checked in
    the company file, DL506), each track's name (also when the file leaves it out and the
    pages show the track's key, capitalised), and each rung's and each role above the ladder's
    title, summary (when it has one) and expectations (when it has some). Each missing text is
    one finding, at the text in the file's own language. The same finding is reported by
    `render --locale` for a language the file has no translation into at all (once, at the
    top of the file).

    Why it matters: a page in German that shows one rung's title in English is a page the
    reader cannot fully read, and nobody notices it until a reader does. The pages never show
    an empty place: they fall back to the file's own text, and this finding says where.

    How to fix: add the missing text under `translations.<language>`, or, if a language is
    translated on purpose only in part (titles only), ignore the rule in `policy.ignore`.

    ```yaml
    tracks:
      technical:
        rungs:
          - level: L5
            title: Senior Engineer
            summary: Owns a component.        # DL117: no `de` summary
    translations:
      de:
        tracks:
          technical:
            name: Fachlaufbahn
            rungs:
              L5: {title: Senior-Ingenieurin}
    ```
    """
    ladder = ctx.ladder
    family = ladder.company_link is not None
    for tag, text in ladder.translations.items():
        for item in untranslated(ladder, text, levels=not family):
            yield Problem(item.loc, f"no {tag} translation of {item.what}: {tag} pages show "
                          "it in the file's own language")


@rule("DL118")
def translation_of_nothing(ctx: Context) -> Iterator[Problem]:
    """A translation translates what the ladder has.

    Under `translations.<language>`, a level is named by its id, a track by its key, a rung
    by its level within its track, a role above the ladder by its title as the file writes
    it; each must name one the ladder has. A rung's translated `expectations` are as many as
    its own, in the same order (the pages pair them one to one; when the counts differ, the
    rung's expectations are shown in the file's own language). The finding is at the
    translation.

    Why it matters: a translation left behind when a rung moved to another level, or a role
    was retitled, is never shown, and the text it should translate is shown untranslated.

    How to fix: move the translation to the key the ladder now uses (the new level, the new
    title), or remove it.

    ```yaml
    tracks:
      technical:
        rungs:
          - {level: L6, title: Staff Engineer}
    translations:
      de:
        tracks:
          technical:
            rungs:
              L5: {title: Staff-Ingenieurin}  # DL118: technical has no rung on L5
    ```
    """
    ladder = ctx.ladder
    for tag, text in ladder.translations.items():
        for loc, message in stale(ladder, text):
            yield Problem(("translations", tag, *loc), f"translations.{tag}: {message}")
