"""The reader's language (docs/handbook.md, "Languages"): ``--locale`` and ``locale:``, pages in
German, French and Spanish with the locale's numbers and money, plural forms, one site per
language with ``lang`` and ``hreflang``, and English pages as they always were."""

from __future__ import annotations

import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from paths import ACME, DATA, KESTREL

import dualladder
from dualladder._internal.util import i18n
from dualladder.cli import main

SPACES = re.compile(r"[\u00a0\u202f]")


def _text(path: Path) -> str:
    """A page's text with the locale's no-break spaces read as spaces."""
    return SPACES.sub(" ", path.read_text(encoding="utf-8"))


def _render(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["render", *argv])
    out, err = capsys.readouterr()
    return code, out, err


# -- numbers and money ----------------------------------------------------------------------------


@pytest.mark.parametrize(("lang", "money", "amount", "percent"), [
    ("en", "EUR 165,000", "1,234.50", "12.5%"),
    ("de", "165.000 €", "1.234,50", "12,5 %"),
    ("fr", "165 000 €", "1 234,50", "12,5 %"),
    ("es", "165.000 €", "1.234,50", "12,5 %"),
])
def test_numbers_money_and_percentages_by_locale(lang: str, money: str, amount: str,
                                                 percent: str) -> None:
    with i18n.reading(lang):
        assert SPACES.sub(" ", i18n.money(Decimal(165000), "EUR")) == money
        assert SPACES.sub(" ", i18n.number(Decimal("1234.5"))) == amount
        assert SPACES.sub(" ", i18n.percent(Decimal("0.125"))) == percent


def test_english_keeps_the_code_before_the_amount() -> None:
    with i18n.reading("en"):
        assert i18n.money(Decimal(165000), "USD") == "USD 165,000"
        assert i18n.money(Decimal("0.0001"), "USD") == "USD 0.0001"
        assert i18n.money_range(Decimal(145000), Decimal(195000), "USD", "\u2013") == (
            "USD 145,000 \u2013 195,000")
    with i18n.reading("de"):
        assert SPACES.sub(" ", i18n.money_range(Decimal(145000), Decimal(195000), "EUR",
                                                "\u2013")) == "145.000 \u2013 195.000 €"


def test_plural_forms_follow_the_locale() -> None:
    with i18n.reading("de"):
        assert i18n.ngettext("%(num)s rung", "%(num)s rungs", 1) == "%(num)s Stufe"
        assert i18n.ngettext("%(num)s rung", "%(num)s rungs", 2) == "%(num)s Stufen"
    with i18n.reading("fr"):  # French: 0 and 1 are singular
        assert i18n.ngettext("%(num)s rung", "%(num)s rungs", 0) == "%(num)s échelon"
        assert i18n.ngettext("%(num)s rung", "%(num)s rungs", 2) == "%(num)s échelons"


def test_outside_a_render_the_locale_is_english() -> None:
    assert i18n.active() == "en"
    with i18n.reading("de"):
        assert i18n.active() == "de"
        assert i18n.gettext("Pay bands") == "Gehaltsbänder"
    assert i18n.active() == "en"
    assert i18n.gettext("Pay bands") == "Pay bands"


# -- the proof: German handbooks ------------------------------------------------------------------


def test_the_acme_handbook_in_german(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _render([str(ACME), "-o", str(tmp_path / "html"), "-f", "html",
                            "--locale", "de"], capsys)
    assert code == 0, out
    index = _text(tmp_path / "html" / "index.html")
    assert '<html lang="de">' in index
    # the ladder's own text from its `translations: de:` (docs/format.md, "Translations")
    assert "Karriereleiter Softwareentwicklung" in index
    assert "Karriereleiter Engineering" not in index
    assert "2 Laufbahnen teilen eine Skala mit 8 Ebenen." in index
    assert "Gleichwertigkeitsprüfungen" in index or "Mit dualladder geprüft" in index
    assert "145.000 \u2013 195.000 $" in index  # German grouping, the symbol after the amount
    assert "USD 145,000" not in index
    pay = _text(tmp_path / "html" / "pay.html")
    assert "<h1>Gehaltsbänder</h1>" in pay and "Mittelwert" in pay
    assert "gültig ab 01.01.2026" in pay  # the date the German way
    level = _text(tmp_path / "html" / "level-l5.html")
    assert "Die 2 Stufen auf dieser Ebene sind gleichwertig." in level
    assert "Entscheidungsrechte" in level and "Stellencode" in level
    # the ladder's own text in German too: its title, level name and summary
    assert "Senior-Softwareingenieurin / Senior-Softwareingenieur" in level
    assert "Karrierestufe" in level and "Technischer Anker eines Teams" in level
    assert "Senior Software Engineer" not in level


def test_the_acme_markdown_handbook_in_german(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _render([str(ACME), "-o", str(tmp_path / "md"), "--locale", "de"], capsys)
    assert code == 0, out
    index = _text(tmp_path / "md" / "index.md")
    assert index.startswith("# Karriereleiter Softwareentwicklung\n")
    assert "| Laufbahn | Stufen | Ebenen |" in index
    assert "Fachlaufbahn" in index and "Führungslaufbahn" in index
    assert "145.000 \u2013 195.000 $" in index
    track = _text(tmp_path / "md" / "track-technical.md")
    assert "8 Stufen, von L3 bis L10." in track
    svg = _text(tmp_path / "md" / "ladder.svg")
    assert "Wechsel in beide Richtungen" in svg


def test_the_kestrel_site_in_german(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _render([str(KESTREL), "-o", str(tmp_path / "site"), "-f", "html",
                            "--locale", "de"], capsys)
    assert code == 0, out
    site = tmp_path / "site"
    index = _text(site / "index.html")
    assert '<html lang="de">' in index
    assert "<h1>Karrieremodell</h1>" in index
    assert "3 Jobfamilien teilen eine Skala mit" in index
    pay = _text(site / "pay.html")
    assert "<h1>Gehalt nach Zone</h1>" in pay
    euros = re.findall(r"\d{1,3}(?:\.\d{3})+ \u2013 \d{1,3}(?:\.\d{3})+ €", pay)
    assert euros, "the euro zone's bands are written 113.420 \u2013 149.460 €"
    family = _text(site / "engineering" / "index.html")
    assert '<html lang="de">' in family and "Karriereleiter" in family


# -- choosing the locale --------------------------------------------------------------------------


def test_an_unknown_locale_is_one_line_naming_the_shipped_ones(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _render([str(ACME), "-o", str(tmp_path / "x"), "--locale", "pt"], capsys)
    assert code == 2
    assert err == ("dualladder: error: --locale pt: unknown locale 'pt'; "
                   "the shipped locales are en, de, fr, es\n")
    assert not (tmp_path / "x").exists()


def test_the_files_locale_is_the_default_and_the_command_line_wins(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = ACME.read_text(encoding="utf-8").replace("currency: USD", "currency: EUR\nlocale: fr",
                                                    1)
    ladder = tmp_path / "ladder.yaml"
    ladder.write_text(text, encoding="utf-8")
    assert _render([str(ladder), "-o", str(tmp_path / "fr"), "-f", "html"], capsys)[0] == 0
    index = _text(tmp_path / "fr" / "index.html")
    assert '<html lang="fr">' in index and "Échelle de carrière" in index
    assert "145 000 \u2013 195 000 €" in index
    assert _render([str(ladder), "-o", str(tmp_path / "en"), "-f", "html", "--locale", "en"],
                   capsys)[0] == 0
    assert '<html lang="en">' in (tmp_path / "en" / "index.html").read_text(encoding="utf-8")


def test_a_locale_key_names_a_shipped_locale(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    ladder = tmp_path / "ladder.yaml"
    ladder.write_text(ACME.read_text(encoding="utf-8").replace(
        "currency: USD", "currency: USD\nlocale: pt-BR", 1), encoding="utf-8")
    code = main(["validate", str(ladder)])
    out = capsys.readouterr().out
    assert code == 1
    assert "DL002" in out and "a locale is one of the shipped ones: en, de, fr, es" in out


def test_findings_stay_english(tmp_path: Path) -> None:
    ladder = dualladder.load(DATA / "negative" / "DL103.yaml")
    dualladder.render(ladder, tmp_path / "de", format="html", locale="de", allow_invalid=True)
    page = (tmp_path / "de" / "index.html").read_text(encoding="utf-8")
    assert "Gleichwertigkeitsprüfungen" in page
    finding = dualladder.check(ladder).findings[0]
    assert finding.message in page.replace("&#39;", "'").replace("&quot;", '"')


# -- several languages ----------------------------------------------------------------------------


def test_several_locales_write_one_site_per_language(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _render([str(ACME), "-o", str(tmp_path / "out"), "-f", "html",
                            "--locale", "en,de,fr,es"], capsys)
    assert code == 0, out
    for lang in ("en", "de", "fr", "es"):
        page = (tmp_path / "out" / lang / "pay.html").read_text(encoding="utf-8")
        assert f'<html lang="{lang}">' in page
        for other in ("en", "de", "fr", "es"):
            assert f'<link rel="alternate" hreflang="{other}" href="../{other}/pay.html">' in page
    one = (tmp_path / "one")
    assert _render([str(ACME), "-o", str(one), "-f", "html", "--locale", "de"], capsys)[0] == 0
    assert "hreflang" not in (one / "index.html").read_text(encoding="utf-8")


def test_a_company_site_in_two_languages_links_family_pages_across(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _render([str(KESTREL), "-o", str(tmp_path / "out"), "-f", "html",
                            "--locale", "en,de"], capsys)
    assert code == 0, out
    page = (tmp_path / "out" / "de" / "engineering" / "pay.html").read_text(encoding="utf-8")
    assert '<link rel="alternate" hreflang="en" href="../../en/engineering/pay.html">' in page
    top = (tmp_path / "out" / "en" / "index.html").read_text(encoding="utf-8")
    assert '<link rel="alternate" hreflang="de" href="../de/index.html">' in top


def test_the_multilingual_markdown_handbook_builds_with_mkdocs_strict(tmp_path: Path) -> None:
    pytest.importorskip("mkdocs")
    docs = tmp_path / "docs"
    dualladder.render(dualladder.load(ACME), docs, locale=["en", "de", "fr", "es"])
    for lang in ("en", "de", "fr", "es"):
        config = tmp_path / f"mkdocs-{lang}.yml"
        config.write_text(
            f"site_name: Acme ({lang})\ndocs_dir: docs/{lang}\nsite_dir: site/{lang}\n"
            f"theme:\n  name: mkdocs\n  locale: {lang}\n", encoding="utf-8")
        done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q",
                               "-f", str(config)], cwd=tmp_path, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        assert (tmp_path / "site" / lang / "index.html").exists()


def test_one_process_writes_each_language_its_own_way(tmp_path: Path) -> None:
    """The templates are compiled once for every locale: nothing of one language stays in
    them (a filter on a constant, ``{{ "decides" | word }}``, is evaluated when the page is
    written, not when the template is compiled)."""
    ladder = dualladder.load(ACME)
    for lang, word in (("de", "entscheidet"), ("en", "decides"), ("fr", "décide")):
        dualladder.render(ladder, tmp_path / lang, locale=lang)
        page = (tmp_path / lang / "decisions.md").read_text(encoding="utf-8")
        assert f"&lt; {word};" in page or f"\n{word};" in page, (lang, page[:400])


# -- the pictures' words --------------------------------------------------------------------------


@pytest.mark.parametrize(("lang", "ticks"), [
    ("en", ["100k", "200k", "300k", "400k", "500k"]),
    ("de", ["100.000", "200.000", "300.000", "400.000", "500.000"]),
    ("fr", ["100 k", "200 k", "300 k", "400 k", "500 k"]),
    ("es", ["100 mil", "200 mil", "300 mil", "400 mil", "500 mil"]),
])
def test_the_pay_charts_axis_is_written_the_locales_way(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str, ticks: list[str]) -> None:
    code, out, _ = _render([str(ACME), "-o", str(tmp_path / "md"), "--locale", lang], capsys)
    assert code == 0, out
    chart = _text(tmp_path / "md" / "pay-bands.svg")
    labels = re.findall(r'text-anchor="middle"[^>]*>([^<]*)</text>', chart)
    assert [label for label in labels if label[:1].isdigit()] == ticks


def test_large_ticks_use_the_locales_short_words() -> None:
    from dualladder._internal.services.handbook.svg_chart import tick_label

    expected = {"en": ["150k", "1.25M", "2bn"], "de": ["150.000", "1,25 Mio.", "2 Mrd."],
                "fr": ["150 k", "1,25 M", "2 Md"], "es": ["150 mil", "1,25 M", "2000 M"]}
    for lang, labels in expected.items():
        with i18n.reading(lang):
            shown = [SPACES.sub(" ", tick_label(Decimal(v))) for v in
                     ("150000", "1250000", "2000000000")]
        assert shown == labels, lang


def test_the_diagrams_tooltips_join_the_titles_in_german(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _render([str(ACME), "-o", str(tmp_path / "md"), "--locale", "de"], capsys)
    assert code == 0, out
    diagram = _text(tmp_path / "md" / "ladder.svg")
    assert re.search(r"<title>[^<]+ und [^<]+ \(L5\): gleichwertig", diagram)
    assert not re.search(r"<title>[^<]+ and [^<]+ \(L\d+\)", diagram)


def test_unnamed_tracks_are_called_by_their_kind_in_german(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A ladder that names neither track: its pages called them "Management" and "Technical"
    (the keys as titles) in every language."""
    code, out, _ = _render([str(DATA / "positive" / "withheld-pay.yaml"), "-o",
                            str(tmp_path / "de"), "--locale", "de"], capsys)
    assert code == 0, out
    pages = "\n".join(_text(page) for page in sorted((tmp_path / "de").glob("*.*")))
    assert "Technical" not in pages and "Management" not in pages
    assert "| [Führung](track-management.md) |" in pages
    code, out, _ = _render([str(DATA / "positive" / "withheld-pay.yaml"), "-o",
                            str(tmp_path / "en")], capsys)
    assert "Technical" in _text(tmp_path / "en" / "index.md")
