"""`render --locale`: the pages show the ladder's own text in the reader's language (issue 21),
from its `translations`, the file's own text where a translation lacks one (never an empty
place), and the run prints where it fell back (DL117, DL506), located. End to end on the
example ladders."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from paths import ACME, KESTREL

from dualladder.cli import main


def _render(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["render", *args])
    out, err = capsys.readouterr()
    return code, out, err


def _pages(folder: Path) -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(folder.rglob("*.html")))


def test_the_german_handbook_of_acme_is_in_german(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _render(capsys, str(ACME), "-o", str(tmp_path / "hb"), "--locale", "de",
                           "-f", "html")
    assert code == 0 and "DL117" not in out  # acme is translated into German in full
    pages = _pages(tmp_path / "hb")
    for text in ("Softwareentwicklung", "Fachlaufbahn", "Führungslaufbahn", "Karrierestufe",
                 "Senior-Softwareingenieurin / Senior-Softwareingenieur",
                 "Technischer Anker eines Teams"):
        assert text in pages, text
    for text in ("Senior Software Engineer", "Engineering Management", "Technical anchor"):
        assert text not in pages, text


def test_a_language_without_a_translation_falls_back_and_says_where(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _render(capsys, str(ACME), "-o", str(tmp_path / "hb"), "--locale", "fr",
                           "-f", "html")
    assert code == 0
    line = ACME.read_text(encoding="utf-8").splitlines().index("translations:") + 1
    assert f"{ACME}:{line}:1: DL117 warning: no fr translation of the ladder " \
        "(translations: de)" in out
    pages = _pages(tmp_path / "hb")
    assert "Senior Software Engineer" in pages and "Fachlaufbahn" not in pages


def test_a_missing_text_is_shown_in_the_files_language_never_empty(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ladder = tmp_path / "acme.yaml"
    text = ACME.read_text(encoding="utf-8")
    german = "            title: Senior-Softwareingenieurin / Senior-Softwareingenieur\n"
    assert text.count(german) == 1
    ladder.write_text(text.replace(german, ""), encoding="utf-8")
    code, out, _ = _render(capsys, str(ladder), "-o", str(tmp_path / "hb"), "--locale", "de",
                           "-f", "html")
    assert code == 0
    title_line = text.splitlines().index("        title: Senior Software Engineer") + 1
    assert re.search(rf"^{re.escape(str(ladder))}:{title_line}:16: DL117 warning: no de "
                     r"translation of the title of 'Senior Software Engineer' \(L5\)", out, re.M)
    pages = _pages(tmp_path / "hb")
    assert "Senior Software Engineer" in pages  # the file's own title, in the German pages
    assert "Technischer Anker eines Teams" in pages  # its summary is translated


def test_kestrel_in_two_languages_has_the_same_paths(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "kestrel"
    shutil.copytree(KESTREL, folder)
    code, out, _ = _render(capsys, str(folder), "-o", str(tmp_path / "site"), "--locale",
                           "en,de", "-f", "html")
    assert code == 0 and "DL117" not in out and "DL506" not in out
    english, german = tmp_path / "site" / "en", tmp_path / "site" / "de"
    assert sorted(p.relative_to(english) for p in english.rglob("*")) == \
        sorted(p.relative_to(german) for p in german.rglob("*"))
    data = (german / "data" / "index.html").read_text(encoding="utf-8")
    assert "Data Science" in data and "Teamleitung Data Science" in data
    assert "Einstieg" in (german / "level-l3.html").read_text(encoding="utf-8")
    assert "Teamleitung Data Science" not in _pages(english)
