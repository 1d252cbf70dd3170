"""The ladder's own text in other languages (issue 21): the ``translations`` key of a ladder,
family and company file, its findings (DL117, DL118, DL506, located), the copy in a language
the pages are built from (:func:`ladder_in`, :func:`company_in`, falling back to the file's
own text), its JSON Schema, saving it byte for byte, and diffing it."""

from __future__ import annotations

import json
import shutil
import tempfile
import warnings
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from paths import ACME, KESTREL

import dualladder
from dualladder._internal.model.localize import localized, stale, untranslated
from dualladder._internal.model.translations import Translation
from dualladder._internal.services.translations import company_in, ladder_in
from dualladder.cli import main

SMALL = """\
dualladder: 1
organization: Acme
family: Engineering
levels:
  - {id: L5, name: Senior}
  - {id: L6, name: Staff}
tracks:
  management:
    rungs:
      - {level: L5, title: Engineering Manager, summary: Leads a team.}
      - {level: L6, title: Director}
  technical:
    rungs:
      - {level: L5, title: Senior Engineer, expectations: [Designs a component, Reviews code]}
      - {level: L6, title: Staff Engineer}
crossover:
  - {from: technical, to: management, levels: [L5]}
  - {from: management, to: technical, levels: [L5]}
translations:
  de:
    family: Entwicklung
    levels:
      L5: {name: Senior}
    tracks:
      technical:
        name: Fachlaufbahn
        rungs:
          L5: {title: Senior-Ingenieurin, expectations: [Entwirft eine Komponente]}
          L7: {title: Niemand}
"""


def _validate(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(["validate", *args])
    return code, capsys.readouterr().out


def test_missing_and_stale_translations_are_located_findings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "eng.yaml"
    path.write_text(SMALL, encoding="utf-8")
    code, out = _validate(capsys, str(path))
    assert code == 0  # warnings: the pages fall back, nothing is wrong with the ladder
    lines = out.splitlines()
    f = str(path)
    assert f"{f}:6:20: DL117 warning: no de translation of the name 'Staff' of level L6: de " \
        "pages show it in the file's own language" in lines
    # a track without a `name` shows its key, capitalised: that needs a translation too
    assert any(line.startswith(f"{f}:8:3: DL117 warning: no de translation of the name "
                               "'Management' of the management track") for line in lines)
    assert any(line.startswith(f"{f}:10:58: DL117 warning: no de translation of the summary "
                               "of 'Engineering Manager' (L5) on the management track")
               for line in lines)
    assert f"{f}:29:15: DL118 warning: translations.de: the technical track has no rung on " \
        "level L7" in lines
    assert any(line.startswith(f"{f}:28:") and "DL118" in line and "1 expectations translated, "
               "but 'Senior Engineer' (L5) has 2" in line for line in lines)
    # translated texts are not reported
    assert "title of 'Senior Engineer'" not in out and "'Senior' of level L5" not in out


def test_json_schema_covers_translations(tmp_path: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    import yaml

    for kind, data in (
        ("ladder", yaml.safe_load(SMALL)),
        ("company", yaml.safe_load((KESTREL / "company.yaml").read_text(encoding="utf-8"))),
        ("family", yaml.safe_load((KESTREL / "engineering.yaml").read_text(encoding="utf-8"))),
    ):
        schema = dualladder.schema(kind)
        jsonschema.validate(json.loads(json.dumps(data, default=str)), schema)
        bad = dict(data)
        bad["translations"] = {"German": {}}
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(json.loads(json.dumps(bad, default=str)), schema)
    ladder = dualladder.schema("ladder")
    rung_text = ladder["$defs"]["RungText"]
    assert set(rung_text["properties"]) == {"title", "summary", "expectations"}
    assert rung_text["additionalProperties"] is False


def test_a_bad_language_or_key_is_a_format_error(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "eng.yaml"
    path.write_text(SMALL.replace("  de:\n", "  German:\n"), encoding="utf-8")
    code, out = _validate(capsys, str(path))
    assert code == 1 and f"{path}:20:3: DL002 error" in out
    path.write_text(SMALL.replace("    family: Entwicklung\n", "    famly: Entwicklung\n"),
                    encoding="utf-8")
    code, out = _validate(capsys, str(path))
    assert code == 1 and "DL002" in out and "famly" in out


# -- the copy in a language ---------------------------------------------------------------------


def test_acme_in_german() -> None:
    acme = dualladder.load(ACME)
    german, findings = ladder_in(acme, "de")
    assert findings == []  # every text of acme is translated
    assert german.family == "Softwareentwicklung"
    assert german.track_name("technical") == "Fachlaufbahn"
    assert german.tracks["technical"].rungs[2].title.startswith("Senior-Softwareingenieurin")
    assert german.levels[2].name == "Karrierestufe"
    assert german.tracks["management"].rungs[0].expectations[0].startswith("Stellt")
    # pay, scope and decisions are the file's
    assert german.tracks["technical"].rungs[2].scope == acme.tracks["technical"].rungs[2].scope
    assert german.band(german.tracks["technical"].rungs[2]) == \
        acme.band(acme.tracks["technical"].rungs[2])
    # the ladder itself is untouched: checking and saving it is as before
    assert acme.family == "Engineering"
    assert not dualladder.check(acme).findings


def test_a_language_the_file_lacks_falls_back_with_one_finding() -> None:
    acme = dualladder.load(ACME)
    french, findings = ladder_in(acme, "fr")
    assert french.family == acme.family and french.tracks == acme.tracks
    [finding] = findings
    assert (finding.code, finding.severity) == ("DL117", "warning")
    assert finding.file == str(ACME) and finding.loc == ("translations",)
    assert finding.line == ACME.read_text(encoding="utf-8").splitlines().index(
        "translations:") + 1
    assert "no fr translation of the ladder (translations: de)" in finding.message


def test_the_files_own_language_is_the_ladder_itself() -> None:
    acme = dualladder.load(ACME)
    assert ladder_in(acme, "en") == (acme, [])
    assert ladder_in(acme, "en_GB")[0] is acme


def test_a_region_falls_back_to_its_language() -> None:
    acme = dualladder.load(ACME)
    austrian, findings = ladder_in(acme, "de_AT")
    assert findings == [] and austrian.family == "Softwareentwicklung"


def test_a_missing_text_falls_back_to_the_files_own_never_empty(tmp_path: Path) -> None:
    ladder = dualladder.loads(SMALL)
    german, findings = ladder_in(ladder, "de")
    assert german.tracks["technical"].rungs[0].title == "Senior-Ingenieurin"
    assert german.tracks["technical"].rungs[1].title == "Staff Engineer"  # not translated
    # two expectations, one translated: the pages pair them one to one, so they stay English
    assert german.tracks["technical"].rungs[0].expectations == ["Designs a component",
                                                                "Reviews code"]
    assert german.tracks["management"].rungs[0].summary == "Leads a team."
    assert german.levels[1].name == "Staff"
    assert [f.code for f in findings] == ["DL117"] * 6
    assert all(f.file == "<ladder>" or f.line > 0 for f in findings)


def test_policy_ignores_and_grades_dl117() -> None:
    ladder = dualladder.loads(SMALL.replace(
        "family: Engineering\n", "family: Engineering\npolicy: {ignore: [DL117]}\n"))
    assert ladder_in(ladder, "de")[1] == []
    assert not [f for f in dualladder.check(ladder).findings if f.code == "DL117"]
    ladder = dualladder.loads(SMALL.replace(
        "family: Engineering\n", "family: Engineering\npolicy: {severity: {DL117: error}}\n"))
    assert {f.severity for f in ladder_in(ladder, "de")[1]} == {"error"}


def _german_kestrel(tmp_path: Path) -> Path:
    folder = tmp_path / "kestrel"
    shutil.copytree(KESTREL, folder)
    return folder


def test_kestrel_company_and_families_in_german(tmp_path: Path) -> None:
    company = dualladder.load_company(KESTREL / "company.yaml")
    german, findings = company_in(company, "de")
    assert findings == []
    assert [level.name for level in german.levels][:2] == ["Einstieg", "Entwicklung"]
    assert company.levels[0].name == "Entry"  # the company itself is untouched
    by_file = {Path(str(f.source.name)).name: f for f in german.families if f.source}
    engineering = by_file["engineering.yaml"]
    assert engineering.family == "Softwareentwicklung"
    assert engineering.levels[0].name == "Einstieg"  # a family's levels are the company's
    assert engineering.track_name("technical") == "Fachlaufbahn Entwicklung"
    assert engineering.tracks["technical"].rungs[0].summary == \
        "Liefert klar umrissene Änderungen mit Anleitung."
    # its bands in every zone are the company's, as in English
    english = {Path(str(f.source.name)).name: f for f in company.families if f.source}
    rung = engineering.tracks["technical"].rungs[0]
    assert engineering.band(rung, zone="berlin") == \
        english["engineering.yaml"].band(english["engineering.yaml"].tracks["technical"].rungs[0],
                                         zone="berlin")


def test_a_family_without_the_language_is_one_finding_in_its_own_file(tmp_path: Path) -> None:
    folder = _german_kestrel(tmp_path)
    design = folder / "design.yaml"
    text = design.read_text(encoding="utf-8")
    design.write_text(text[:text.index("\ntranslations:")] + "\n", encoding="utf-8")
    company = dualladder.load_company(folder / "company.yaml")
    german, findings = company_in(company, "de")
    assert [(Path(f.file).name, f.code) for f in findings] == [("design.yaml", "DL117")]
    design_de = next(f for f in german.families if Path(str(f.source.name)).name == "design.yaml")
    assert design_de.levels[0].name == "Einstieg"  # the company's level names still apply


def test_a_company_level_name_missing_is_dl506_once(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    folder = _german_kestrel(tmp_path)
    company_file = folder / "company.yaml"
    text = company_file.read_text(encoding="utf-8")
    company_file.write_text(text.replace("      L4: {name: Entwicklung}\n", "")
                            .replace("      L3: {name: Einstieg}\n",
                                     "      L3: {name: Einstieg}\n      L99: {name: X}\n"),
                            encoding="utf-8")
    code, out = _validate(capsys, str(folder))
    assert code == 0  # warnings
    dl506 = [line for line in out.splitlines() if "DL506" in line]
    assert len(dl506) == 2, out
    assert "no de translation of the name 'Developing' of level L4" in dl506[0]
    assert "translations.de: level L99 is not a level of the company" in dl506[1]
    company = dualladder.load_company(company_file)
    _, findings = company_in(company, "de")
    assert [f.code for f in findings] == ["DL506"]  # once, not once per family


# -- properties ----------------------------------------------------------------------------------


@st.composite
def translated(draw: st.DrawFn) -> tuple[dualladder.Ladder, dict[str, Any]]:
    """A ladder of the strategies' kind, and a translation into German of some of its texts."""
    from strategies import ladders

    ladder = draw(ladders)
    words = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=20)
    words = words.filter(lambda t: t.strip() == t and t != "")
    text: dict[str, Any] = {}
    if draw(st.booleans()):
        text["family"] = draw(words)
    levels = {lv.id: {"name": draw(words)} for lv in ladder.levels if draw(st.booleans())}
    if levels:
        text["levels"] = levels
    tracks: dict[str, Any] = {}
    for key, track in ladder.tracks.items():
        entry: dict[str, Any] = {}
        if draw(st.booleans()):
            entry["name"] = draw(words)
        rungs = {}
        for rung in track.rungs:
            if draw(st.booleans()):
                rung_text: dict[str, Any] = {"title": draw(words)}
                if rung.summary and draw(st.booleans()):
                    rung_text["summary"] = draw(words)
                if rung.expectations and draw(st.booleans()):
                    rung_text["expectations"] = [draw(words) for _ in rung.expectations]
                rungs[rung.level] = rung_text
        if rungs:
            entry["rungs"] = rungs
        if entry:
            tracks[key] = entry
    if tracks:
        text["tracks"] = tracks
    return ladder, text


@given(translated())
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_translations_round_trip_and_every_text_is_shown(
    case: tuple[dualladder.Ladder, dict[str, Any]]
) -> None:
    """Whatever the ladder and whatever part of it is translated: the file written with the
    translation reads back equal; the copy in German shows each translated text and the
    file's own text for every other, never an empty one; DL117 names exactly the texts left
    out, and DL118 nothing (every key names what the ladder has)."""
    ladder, text = case
    data = ladder.model_dump(by_alias=True, exclude_none=True, exclude_defaults=True)
    data["translations"] = {"de": text}
    with_text = dualladder.Ladder.model_validate(data)
    again = dualladder.loads(dualladder.dumps(with_text))
    assert again == with_text
    translation = with_text.translations["de"]
    german = localized(with_text, translation)
    missing = {item.loc for item in untranslated(with_text, translation)}
    assert german.family == text.get("family", ladder.family)
    for key, track in with_text.tracks.items():
        entry = text.get("tracks", {}).get(key, {})
        shown = german.tracks[key]
        assert (shown.name or german.track_name(key)) == entry.get(
            "name", track.name or with_text.track_name(key))
        if "name" not in entry:
            assert (("tracks", key, "name") if track.name else ("tracks", key)) in missing
        for index, rung in enumerate(track.rungs):
            given_text = entry.get("rungs", {}).get(rung.level, {})
            assert shown.rungs[index].title == given_text.get("title", rung.title)
            assert shown.rungs[index].title
            assert (("tracks", key, "rungs", index, "title") in missing) == (
                "title" not in given_text)
            assert shown.rungs[index].expectations == given_text.get("expectations",
                                                                     rung.expectations)
    for index, level in enumerate(with_text.levels):
        given_name = text.get("levels", {}).get(level.id, {}).get("name")
        assert german.levels[index].name == (given_name or level.name)
        assert (("levels", index, "name") in missing) == bool(level.name and not given_name)
    assert list(stale(with_text, translation)) == []


LANGS = st.sampled_from(["de", "fr", "es"])
WORDS = st.text(st.sampled_from("abcdefgh :#'\"-äöüß"), min_size=1, max_size=40).filter(
    lambda t: t.strip() == t)


@st.composite
def translation_edits(draw: st.DrawFn) -> dualladder.Ladder:
    """Acme with random edits of its translations: texts changed, added and removed, a
    language added or removed."""
    ladder = dualladder.load(ACME)
    for _ in range(draw(st.integers(1, 5))):
        action = draw(st.sampled_from(["title", "summary", "add language", "remove rung",
                                       "remove language", "level", "expectations"]))
        lang = draw(LANGS)
        texts = ladder.translations
        if action == "add language" and lang not in texts:
            texts[lang] = Translation(family=draw(WORDS))
            ladder.translations = dict(texts)
            continue
        if action == "remove language" and lang in texts:
            ladder.translations = {k: v for k, v in texts.items() if k != lang}
            continue
        german = texts.get("de")
        if german is None or not german.tracks or not german.levels:
            continue
        key = draw(st.sampled_from(sorted(german.tracks)))
        rungs = german.tracks[key].rungs
        if not rungs:
            continue
        level = draw(st.sampled_from(sorted(rungs)))
        if action == "title":
            rungs[level].title = draw(WORDS)
        elif action == "summary":
            rungs[level].summary = draw(st.none() | WORDS)
        elif action == "expectations" and rungs[level].expectations:
            rungs[level].expectations = [draw(WORDS) for _ in rungs[level].expectations]
        elif action == "remove rung":
            german.tracks[key].rungs = {k: v for k, v in rungs.items() if k != level}
        elif action == "level":
            level_id = draw(st.sampled_from(sorted(german.levels)))
            german.levels[level_id].name = draw(WORDS)
    return ladder


@given(translation_edits())
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_edited_translations_save_and_load_back(ladder: dualladder.Ladder) -> None:
    """An edit of the translations saves in place (the rest of the file as it was, its
    comments kept) and loads back as the edited ladder. (One edit the in-place editor cannot
    make, replacing the only language with another, is written whole in the house style,
    with the warning `save` gives for it; it still loads back.)"""
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / ACME.name
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            dualladder.save(ladder, out)
        text = out.read_text(encoding="utf-8")
    assert dualladder.loads(text) == ladder
    original = ACME.read_text(encoding="utf-8")
    head = original[:original.index("translations:")]
    if not caught:
        assert text.startswith(head)  # nothing above the translations changed
    else:
        assert "de" not in ladder.translations, [str(w.message) for w in caught]


def test_an_unchanged_translation_saves_byte_identical(tmp_path: Path) -> None:
    out = tmp_path / ACME.name
    dualladder.save(dualladder.load(ACME), out)
    assert out.read_bytes() == ACME.read_bytes()
    for path in KESTREL.glob("*.yaml"):
        if path.name == "company.yaml":
            continue
        family = dualladder.load(path)
        target = tmp_path / "kestrel"
        shutil.copytree(KESTREL, target, dirs_exist_ok=True)
        dualladder.save(family, target / path.name)
        assert (target / path.name).read_bytes() == path.read_bytes()


def test_one_translated_title_changes_one_line(tmp_path: Path) -> None:
    ladder = dualladder.load(ACME)
    ladder.translations["de"].tracks["technical"].rungs["L6"].title = "Staff-Ingenieurin"
    out = tmp_path / ACME.name
    dualladder.save(ladder, out)
    before = ACME.read_text(encoding="utf-8").splitlines()
    after = out.read_text(encoding="utf-8").splitlines()
    changed = [(a, b) for a, b in zip(before, after, strict=True) if a != b]
    assert changed == [("            title: Staff-Softwareingenieurin / Staff-Softwareingenieur",
                        "            title: Staff-Ingenieurin")]


# -- diff ------------------------------------------------------------------------------------------


def test_diff_reports_translation_changes_by_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    new = tmp_path / ACME.name
    text = ACME.read_text(encoding="utf-8")
    new.write_text(text.replace("    family: Softwareentwicklung\n",
                                "    family: Robotik-Softwareentwicklung\n")
                   .replace("        name: Fachlaufbahn\n", "        name: Expertenlaufbahn\n"),
                   encoding="utf-8")
    code = main(["diff", str(ACME), str(new), "-f", "json"])
    out = capsys.readouterr().out
    assert code == 0
    changes = [c for f in json.loads(out)["files"] for c in f["changes"]]
    assert [(c["kind"], c["subject"], c["message"]) for c in changes] == [
        ("translation.changed", "translation de",
         "family Softwareentwicklung \u2192 Robotik-Softwareentwicklung"),
        ("translation.changed", "translation de",
         "tracks.technical.name Fachlaufbahn \u2192 Expertenlaufbahn"),
    ]
    assert changes[0]["line"] == text.splitlines().index("    family: Softwareentwicklung") + 1


# -- the handbook in German ----------------------------------------------------------------------


def test_the_german_handbook_of_acme_shows_german_text(tmp_path: Path) -> None:
    """The handbook is built from the German copy, after checking the ladder itself."""
    from dualladder._internal.services.handbook.engine import render_handbook
    from dualladder.handbook import ladder_in as public_ladder_in

    acme = dualladder.load(ACME)
    report = dualladder.check(acme)
    german, findings = public_ladder_in(acme, "de")
    assert findings == []
    written = render_handbook(german, tmp_path / "de", fmt="html", templates=None,
                              allow_invalid=False, checked=report).files
    pages = "\n".join(p.read_text(encoding="utf-8") for p in written if p.suffix == ".html")
    for text in ("Fachlaufbahn", "Führungslaufbahn", "Senior-Softwareingenieurin",
                 "Karrierestufe", "Technischer Anker eines Teams"):
        assert text in pages, text
    assert "Senior Software Engineer" not in pages and "Engineering Management" not in pages
    # the English handbook is the file's own text
    english = render_handbook(acme, tmp_path / "en", fmt="html", templates=None,
                              allow_invalid=False, checked=report).files
    pages = "\n".join(p.read_text(encoding="utf-8") for p in english if p.suffix == ".html")
    assert "Senior Software Engineer" in pages and "Fachlaufbahn" not in pages
