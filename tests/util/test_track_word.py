"""No page repeats the word for a track (mends item 6): a track named with the locale's own word
for a track ("Fachlaufbahn", "Filière technique", "Technical track") is not written "Laufbahn
Fachlaufbahn" by a message that puts the word beside the name. The word is each catalog's own
(its "%(track)s track"), so every shipped locale is held to it, not German alone."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from paths import EXAMPLES, ROOT

from dualladder._internal.util.i18n import (
    DOMAIN,
    LOCALE_DIR,
    SHIPPED,
    gettext,
    once_named,
    reading,
)
from dualladder.cli import main

#: A track's name that holds the locale's word for a track, as users name them.
NAMED = {"en": "Technical track", "de": "Fachlaufbahn", "fr": "Filière technique",
         "es": "Trayectoria técnica"}


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


@pytest.mark.parametrize("lang", SHIPPED)
def test_no_message_repeats_the_word_for_a_track(lang: str) -> None:
    with open(LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po", "rb") as handle:
        catalog = read_po(handle)
    with reading(lang):
        word = next(w for w in gettext("%(track)s track").split() if "%(" not in w).casefold()
        assert word in NAMED[lang].casefold()
        checked = 0
        for message in catalog:
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            if lang == "en":  # the English catalog is the sources' own words
                strings = message.id if isinstance(message.id, tuple) else (message.id,)
            for text in strings:
                if "%(track)s" not in text:
                    continue
                shown = " ".join(_words(once_named(text, NAMED[lang])
                                        .replace("%(track)s", NAMED[lang])))
                name = " ".join(_words(NAMED[lang]))
                # the word is not written again beside the name that holds it
                assert f"{word} {name}" not in shown and f"{name} {word}" not in shown, shown
                assert name in shown
                checked += 1
        assert checked >= 8
        # a name without the word keeps it: "Laufbahn Fach", "Engineering track"
        plain = gettext("%(track)s track")
        assert once_named(plain, "Engineering") == plain


def test_the_german_plan_page_and_statement_name_the_track_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = EXAMPLES / "plans" / "manager-to-staff.yaml"
    out = tmp_path / "page"
    assert main(["render", str(plan), "-o", str(out), "--format", "html", "--locale", "de"]) == 0
    page = (out / "plan.html").read_text(encoding="utf-8")
    assert "Laufbahn Fachlaufbahn" not in page and "Laufbahn Führungslaufbahn" not in page
    assert "Fachlaufbahn, Ebene L6" in page and "Führungslaufbahn, Ebene L6" in page
    assert main(["audit", str(ROOT / "ladders" / "acme-robotics-engineering.yaml"),
                 str(EXAMPLES / "roster.csv"), "--statement", "E001113", "--locale", "de"]) == 0
    text = capsys.readouterr().out
    assert ("Stelle: Staff-Softwareingenieurin / Staff-Softwareingenieur, Fachlaufbahn, Ebene "
            "L6 (Fortgeschritten), Softwareentwicklung") in text
