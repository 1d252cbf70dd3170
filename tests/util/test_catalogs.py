"""The message catalogs: every word a reader's page shows is in every shipped catalog.

The messages are extracted from the sources as a contributor would (babel.cfg, ``pybabel
extract``) into a temporary .pot; each shipped .po must hold every message, translated (every
plural form too), none fuzzy; its placeholders must be the message's; and the committed .mo
must say what the .po says (docs/handbook.md, "Adding a language")."""

from __future__ import annotations

import gettext
import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from paths import ROOT

from dualladder._internal.util.i18n import DOMAIN, LOCALE_DIR, SHIPPED

PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pot = tmp_path_factory.mktemp("catalogs") / "dualladder.pot"
    subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "babel.cfg",
         "--ignore-dirs=.* __pycache__", "--no-location", "-o", str(pot), "src/dualladder"],
        cwd=ROOT, check=True, capture_output=True,
    )
    return pot


def _messages(path: Path) -> dict[tuple[str | None, object], object]:
    with open(path, "rb") as handle:
        catalog = read_po(handle)
    return {(m.context, m.id): m for m in catalog if m.id}


def test_the_sources_have_messages(extracted: Path) -> None:
    messages = _messages(extracted)
    assert len(messages) > 250  # the handbook's templates, its SVG labels and its Python text
    ids = {m_id if isinstance(m_id, str) else m_id[0] for _, m_id in messages}
    assert {"Pay bands", "Skip to content", "Equivalence checks"} <= ids


@pytest.mark.parametrize("lang", SHIPPED)
def test_every_message_is_translated(extracted: Path, lang: str) -> None:
    po = LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    shipped = _messages(po)
    missing, untranslated, fuzzy, wrong = [], [], [], []
    for key, message in _messages(extracted).items():
        found = shipped.get(key)
        if found is None:
            missing.append(key[1])
            continue
        strings = found.string if isinstance(found.string, tuple) else (found.string,)
        if not all(strings):
            untranslated.append(key[1])
        if found.fuzzy:
            fuzzy.append(key[1])
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        wanted = set(PLACEHOLDER.findall(" ".join(ids))) - {"num"}
        for text in strings:
            if text and set(PLACEHOLDER.findall(text)) - {"num"} != wanted:
                wrong.append((key[1], text))
    hint = (f"update src/dualladder/locale/{lang}/LC_MESSAGES/{DOMAIN}.po "
            "(docs/handbook.md, Adding a language)")
    assert not missing, f"{len(missing)} messages missing from {lang}: {missing[:5]}; {hint}"
    assert not untranslated, f"untranslated in {lang}: {untranslated[:5]}; {hint}"
    assert not fuzzy, f"fuzzy in {lang}: {fuzzy[:5]}; {hint}"
    assert not wrong, f"placeholders differ in {lang}: {wrong[:3]}"


@pytest.mark.parametrize("lang", SHIPPED)
def test_the_compiled_catalog_says_what_the_source_says(lang: str) -> None:
    folder = LOCALE_DIR / lang / "LC_MESSAGES"
    with open(folder / f"{DOMAIN}.mo", "rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    stale = []
    for (context, m_id), message in _messages(folder / f"{DOMAIN}.po").items():
        if isinstance(m_id, tuple):
            strings = message.string
            for n, expected in ((1, strings[0]), (2, strings[-1])):
                got = (compiled.npgettext(context, m_id[0], m_id[1], n) if context
                       else compiled.ngettext(m_id[0], m_id[1], n))
                if got != expected:
                    stale.append(m_id[0])
        else:
            got = compiled.pgettext(context, m_id) if context else compiled.gettext(m_id)
            if got != message.string:
                stale.append(m_id)
    assert not stale, (f"{folder}/{DOMAIN}.mo is older than its .po ({stale[:3]}): "
                       f"run pybabel compile -d src/dualladder/locale -D {DOMAIN}")


#: A word (two letters or more) of a template's own text.
WORD = re.compile(r"[A-Za-zÀ-ÿ]{2,}")
#: Attributes whose text a reader sees or hears.
READ_ATTRIBUTES = re.compile(
    r"""\b(?:aria-label|title|alt|data-label|placeholder)=(["'])(.*?)\1""", re.S)


def _own_text(path: Path) -> tuple[list[str], list[str]]:
    """The words a template writes itself (outside ``{{ }}``, ``{% %}`` and comments): in its
    text, and in the attributes a reader sees or hears. Every one should come from a
    catalog instead."""
    text = path.read_text(encoding="utf-8")
    for pattern in (r"\{#.*?#\}", r"\{%.*?%\}", r"\{\{.*?\}\}"):
        text = re.sub(pattern, " ", text, flags=re.S)
    text = re.sub(r"<(style|script)\b.*?</\1>", " ", text, flags=re.S | re.I)
    attributes = [value for _, value in READ_ATTRIBUTES.findall(text) if WORD.search(value)]
    text = re.sub(r"<[^>]*>", " ", text)
    text = re.sub(r"\]\([^)]*\)", "]", text)  # a Markdown link's address
    text = re.sub(r"&[a-z]+;", " ", text)
    return WORD.findall(text), attributes


@pytest.mark.parametrize(
    "template", sorted((ROOT / "src" / "dualladder" / "templates").rglob("*.j2")),
    ids=lambda p: p.relative_to(ROOT / "src" / "dualladder" / "templates").as_posix())
def test_a_template_writes_no_word_of_its_own(template: Path) -> None:
    """A word typed into a template outside ``_()`` is a word no catalog can translate."""
    words, attributes = _own_text(template)
    assert not words and not attributes, (
        f"{template.name} writes {words[:8] or attributes[:4]} itself: wrap the text in "
        "{{ _(\"...\") }} (docs/handbook.md, Adding a language)")
