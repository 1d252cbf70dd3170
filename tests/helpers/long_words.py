"""The example ladder (Acme Robotics) with long German words in the places a translation puts
them: a track name, a level name, rung titles and a decision domain. Translated text is longer
than English; these two words are the test that every page still fits a phone and a laptop:
"Entgelttransparenzbericht" (pay transparency report, 25 letters) and
"Führungskräfteentwicklungsprogramm" (leadership development programme, 34 letters)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from paths import ACME

REPORT = "Entgelttransparenzbericht"
PROGRAMME = "Führungskräfteentwicklungsprogramm"


def long_words_ladder() -> dict[str, Any]:
    """The ladder as data (``Ladder.model_validate`` it); it validates as the example does."""
    data: dict[str, Any] = yaml.safe_load(ACME.read_text(encoding="utf-8"))
    data["family"] = f"Entwicklung {REPORT}"
    levels = {lv["id"]: lv for lv in data["levels"]}
    levels["L4"]["name"] = REPORT
    levels["L6"]["name"] = PROGRAMME
    management = data["tracks"]["management"]
    management["name"] = PROGRAMME
    management["rungs"][0]["title"] = f"Leitung {PROGRAMME}"
    technical = data["tracks"]["technical"]
    technical["name"] = f"Fachlaufbahn {REPORT}"
    technical["rungs"][1]["title"] = f"Referentin {REPORT}"
    for track in (management, technical):
        for rung in track["rungs"]:
            for decision in rung.get("decisions", []):
                if decision["domain"] == "strategy":
                    decision["domain"] = REPORT
    return data


KESTREL = ACME.parent / "kestrel"


def long_words_company(folder: Path) -> Path:
    """A copy of the example company (``ladders/kestrel/``) in ``folder`` with the long words
    in a level's name, a zone's name, a family's name, a track's name and rung titles; returns
    the copy's folder."""
    replace = {
        "company.yaml": [("name: Advanced", f"name: {PROGRAMME}"),
                         ("name: San Francisco Bay Area", f"name: {REPORT} Kalifornien")],
        "data.yaml": [("family: Data", f"family: Datenanalyse {REPORT}"),
                      ("name: Data Management", f"name: {PROGRAMME}"),
                      ("title: Data Science Manager", f"title: Leitung {PROGRAMME}"),
                      ("title: Senior Data Scientist", f"title: Referentin {REPORT}")],
    }
    folder.mkdir(parents=True, exist_ok=True)
    for source in sorted(KESTREL.glob("*.yaml")):
        text = source.read_text(encoding="utf-8")
        for old, new in replace.get(source.name, []):
            assert old in text, (source.name, old)
            text = text.replace(old, new)
        (folder / source.name).write_text(text, encoding="utf-8")
    return folder
