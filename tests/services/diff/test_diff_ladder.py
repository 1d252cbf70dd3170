"""diff_ladders: every kind of change between two versions of a ladder, found by editing the
YAML text as a reviewer's pull request would, and located on its line."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from paths import DATA, DOCS, LADDERS
from strategies import ladders

import dualladder
from dualladder._internal.model.ladder import Ladder
from dualladder.diff import CHANGE_KINDS, Change, changes_by_rung, diff_ladders, match_rungs

ACME = (LADDERS / "acme-robotics-engineering.yaml").read_text(encoding="utf-8")
SMALL = (DATA / "positive" / "small.yaml").read_text(encoding="utf-8")


def _edit(text: str, *pairs: tuple[str, str]) -> str:
    for old, new in pairs:
        assert text.count(old) == 1, f"{old!r} is not in the text exactly once"
        text = text.replace(old, new)
    return text


def _diff(old_text: str, new_text: str) -> list[Change]:
    return diff_ladders(dualladder.loads(old_text, "old.yaml"),
                        dualladder.loads(new_text, "new.yaml"))


def _lines(changes: list[Change]) -> list[str]:
    return [f"{c.kind} {c}" for c in changes]


def test_same_ladder_has_no_changes() -> None:
    assert _diff(ACME, ACME) == []
    assert _diff(ACME, "# a comment only\n" + ACME.replace("{min: ", "{ min: ")) == []


def test_level_band_change_with_amount_and_percent_on_its_line() -> None:
    new = _edit(ACME, ("pay: {min: 175000, mid: 205000, max: 235000}",
                       "pay: {min: 180250, mid: 211150, max: 242050}"))
    [change] = _diff(ACME, new)
    assert change.kind == "level.pay" and change.subject == "level L6"
    assert change.message == (
        "pay USD 175,000 / 205,000 / 235,000 \u2192 USD 180,250 / 211,150 / 242,050"
        ": +3.0% (min +5,250, mid +6,150, max +7,050)"
    )
    assert (change.file, change.line) == ("new.yaml", ACME.splitlines().index(
        "    pay: {min: 175000, mid: 205000, max: 235000}") + 1)
    assert change.details["fields"]["mid"] == {
        "old": "205000", "new": "211150", "change": "6150", "percent": "3.0"}


def test_uneven_band_change_gives_each_percent() -> None:
    new = _edit(ACME, ("pay: {min: 175000, mid: 205000, max: 235000}",
                       "pay: {min: 175000, mid: 210000, max: 250000}"))
    [change] = _diff(ACME, new)
    assert change.message.endswith(": mid +5,000 (+2.4%), max +15,000 (+6.4%)")


def test_levels_added_removed_renamed_moved() -> None:
    new = _edit(
        SMALL,
        ("  - id: L4\n    pay: {min: 100000, mid: 120000, max: 140000}\n",
         "  - id: L3\n    name: Junior\n    pay: {min: 90000, mid: 100000, max: 110000}\n"),
        ("      - level: L4\n        title: Software Engineer\n",
         "      - level: L3\n        title: Software Engineer\n"),
    )
    lines = _lines(_diff(SMALL, new))
    assert "level.added level L3: level added (Junior) (below L5, the bottom), " \
        "pay USD 90,000 / 100,000 / 110,000" in lines
    assert "level.removed level L4: level removed" in lines
    assert "rung.moved technical L3 Software Engineer: moved from Technical L4 to " \
        "Technical L3" in lines
    # the band the moved rung inherits changed with the move
    assert any(line.startswith("rung.pay technical L3 Software Engineer: pay USD 100,000")
               for line in lines)


def test_level_reordered_is_one_move() -> None:
    text = _edit(SMALL, ("levels:\n", "levels:\n  - id: X1\n"))
    new = _edit(text, ("levels:\n  - id: X1\n", "levels:\n"),
                ("  - id: L7\n", "  - id: X1\n  - id: L7\n"))
    changes = _diff(text, new)
    assert _lines(changes) == ["level.moved level X1: moved from place 1 to 4 (between L6 and L7)"]


def test_rung_title_code_renames_matched_by_code_or_place() -> None:
    new = _edit(ACME, ("title: Staff Software Engineer", "title: Staff Engineer"),
                ("code: SWE2", "code: SWE-2"))
    lines = _lines(_diff(ACME, new))
    assert lines == [
        "rung.code technical L4 Software Engineer II: job code SWE2 \u2192 SWE-2",
        "rung.title technical L6 Staff Engineer: title renamed 'Staff Software Engineer' "
        "\u2192 'Staff Engineer'",
    ]


def test_rung_moved_to_another_level_is_matched_by_code() -> None:
    old = dualladder.loads(SMALL)
    data = old.model_dump(by_alias=True)
    rungs = data["tracks"]["management"]["rungs"]
    rungs[0]["code"] = "M1"
    old = Ladder.model_validate(data)
    rungs[0]["level"] = "L4"
    rungs[0]["title"] = "Team Lead"
    new = Ladder.model_validate(data)
    pairs, removed, added = match_rungs(old, new)
    assert not removed and not added and len(pairs) == 7
    lines = _lines(diff_ladders(old, new))
    assert lines[:2] == [
        "rung.moved management L4 Team Lead: moved from Management L5 to Management L4",
        "rung.title management L4 Team Lead: title renamed 'Engineering Manager' \u2192 "
        "'Team Lead'",
    ]


def test_rungs_added_and_removed() -> None:
    new = _edit(
        SMALL,
        ("      - level: L4\n        title: Software Engineer\n",
         "      - level: L4\n        title: Graduate Engineer\n"),
    )
    # a title change on the same track and level is a rename, not a removal
    assert _lines(_diff(SMALL, new)) == [
        "rung.title technical L4 Graduate Engineer: title renamed 'Software Engineer' \u2192 "
        "'Graduate Engineer'"]
    data = dualladder.loads(SMALL).model_dump(by_alias=True)
    dropped = data["tracks"]["technical"]["rungs"].pop(0)
    data["tracks"]["management"]["rungs"].insert(0, {"level": "L4", "title": "Team Lead"})
    lines = _lines(diff_ladders(dualladder.loads(SMALL), Ladder.model_validate(data)))
    assert "rung.added management L4 Team Lead: rung added, pay USD 100,000 / 120,000 / " \
        "140,000" in lines
    assert f"rung.removed technical L4 {dropped['title']}: rung removed" in lines


def test_scope_and_decision_rights_raised_and_lowered() -> None:
    new = _edit(
        ACME,
        ("- {domain: architecture, authority: decides, scope: team}\n"
         "          - {domain: hiring, authority: recommends, scope: team}",
         "- {domain: architecture, authority: decides, scope: group}\n"
         "          - {domain: hiring, authority: consulted, scope: team}\n"
         "          - {domain: budget, authority: consulted, scope: group}"),
    )
    old_lines = ACME.splitlines()
    at = next(i for i, line in enumerate(old_lines) if "Senior Software Engineer" in line)
    scope_line = next(i for i in range(at, len(old_lines)) if "scope: team" in old_lines[i])
    lines = new.splitlines()
    lines[scope_line] = "        scope: group"
    new = "\n".join(lines) + "\n"
    changes = _diff(ACME, new)
    assert _lines(changes) == [
        "rung.scope technical L5 Senior Software Engineer: scope team \u2192 group, raised "
        "(wider)",
        "rung.decisions technical L5 Senior Software Engineer: decision right on architecture: "
        "decides at team \u2192 decides at group (scope wider)",
        "rung.decisions technical L5 Senior Software Engineer: decision right on hiring: "
        "recommends at team \u2192 consulted at team (authority lowered)",
        "rung.decisions technical L5 Senior Software Engineer: decision right added: "
        "consulted at group on budget",
    ]
    assert changes[0].details == {"direction": "up"}
    assert changes[2].details["kind"] == "weaker"


def test_expectations_aliases_summary_and_rewards() -> None:
    new = _edit(
        ACME,
        ("          - Mentors engineers and raises the bar in code and design review\n",
         "          - Mentors engineers and raises the bar in code and design review\n"
         "          - Writes the design docs of the team\n"),
        ("aliases: [Team Lead]", "aliases: [Team Lead, Engineering Lead]"),
        ("rewards: {bonus_target: 0.10, equity: 40000, perks: [stock options, learning budget, "
         "conference travel]}\n        decisions:\n          - {domain: architecture",
         "rewards: {bonus_target: 0.12, equity: 44000, perks: [stock options, conference "
         "travel]}\n        decisions:\n          - {domain: architecture"),
        ("Ships well-scoped features", "Ships small features"),
    )
    lines = _lines(_diff(ACME, new))
    assert lines == [
        "rung.aliases management L5 Engineering Manager: also known as added: Engineering Lead",
        "rung.summary technical L3 Software Engineer I: summary 'Ships well-scoped features and "
        "fixes with guidance from sen\u2026' \u2192 'Ships small features and fixes with "
        "guidance from senior te\u2026'",
        "rung.expectations technical L5 Senior Software Engineer: expectation added: Writes the "
        "design docs of the team",
        "rung.rewards technical L5 Senior Software Engineer: bonus target 10% \u2192 12% "
        "(+2 points)",
        "rung.rewards technical L5 Senior Software Engineer: equity 40,000 \u2192 44,000 "
        "(+4,000, +10.0%)",
        "rung.rewards technical L5 Senior Software Engineer: perk removed: learning budget",
    ]


def test_crossover_and_policy_changes() -> None:
    new = _edit(
        ACME,
        ("  - {from: management, to: technical, levels: [L5, L6, L7, L8, L9]}\n", ""),
        ("levels: [L5, L6, L7, L8, L9]}", "levels: [L6, L7, L8, L9, L10]}"),
        ("effective: 2026-01-01\n",
         "effective: 2027-01-01\n\npolicy:\n  pay_tolerance: 0.02\n  ignore: [DL108]\n"),
    )
    changes = _diff(ACME, new)
    assert _lines(changes) == [
        "ladder.changed ladder: effective 2026-01-01 \u2192 2027-01-01",
        "policy.changed policy: pay_tolerance 0 \u2192 0.02",
        "policy.changed policy: ignore: added [DL108]",
        "crossover.changed crossover technical \u2192 management: now also at L10; no longer "
        "at L5",
        "crossover.removed crossover management \u2192 technical: crossover removed (was at L5, "
        "L6, L7, L8, L9)",
    ]
    removed = changes[-1]
    assert removed.side == "old" and removed.file == "old.yaml"
    assert ACME.splitlines()[removed.line - 1 if removed.line else 0].startswith(
        "  - {from: management")


def test_tracks_added_renamed_removed() -> None:
    data = dualladder.loads(SMALL).model_dump(by_alias=True)
    data["tracks"]["technical"]["name"] = "Engineering"
    data["tracks"]["specialist"] = {"rungs": [{"level": "L6", "title": "Specialist"}]}
    lines = _lines(diff_ladders(dualladder.loads(SMALL), Ladder.model_validate(data)))
    assert lines[:2] == [
        "track.renamed track technical: renamed none \u2192 Engineering",
        "track.added track specialist: track added (1 rungs)",
    ]
    assert lines[2].startswith("rung.added specialist L6 Specialist: rung added")
    back = _lines(diff_ladders(Ladder.model_validate(data), dualladder.loads(SMALL)))
    assert "track.removed track specialist: track removed (1 rungs)" in back


def test_rung_gets_its_own_band() -> None:
    new = _edit(SMALL, ("        title: Staff Engineer\n",
                        "        title: Staff Engineer\n"
                        "        pay: {min: 150000, mid: 175000, max: 200000}\n"))
    [change] = _diff(SMALL, new)
    assert change.kind == "rung.pay"
    assert change.message.endswith("; now the rung's own band (was the level's)")
    assert "+5,000" in change.message


@pytest.mark.parametrize("kind", sorted(CHANGE_KINDS))
def test_every_change_kind_is_documented(kind: str) -> None:
    assert f"| `{kind}` |" in (DOCS / "python-api.md").read_text(encoding="utf-8")


def test_changes_by_rung_names_each_rung_once() -> None:
    data = dualladder.loads(SMALL).model_dump(by_alias=True)
    technical = data["tracks"]["technical"]["rungs"]
    technical[1]["title"] = "Senior Engineer"
    technical[1]["scope"] = "group"
    removed = technical.pop(3)
    data["levels"][0]["name"] = "Entry"  # a level change is no rung's
    changes = diff_ladders(dualladder.loads(SMALL), Ladder.model_validate(data))
    by_rung = changes_by_rung(changes)
    assert list(by_rung) == [("technical", "L5"), ("technical", removed["level"])]
    assert [c.kind for c in by_rung[("technical", "L5")]] == ["rung.title", "rung.scope"]
    assert [c.kind for c in by_rung[("technical", "L7")]] == ["rung.removed"]
    assert by_rung[("technical", "L5")][0].as_dict()["rung"] == ["technical", "L5"]


@given(old=ladders, new=ladders)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_any_two_ladders_diff_without_error(old: Ladder, new: Ladder) -> None:
    """Whatever two valid ladders: the diff is a list of known kinds, a ladder against itself
    has no changes, and the ladders' equality and an empty diff agree on the rungs."""
    assert diff_ladders(old, old) == []
    changes = diff_ladders(old, new)
    assert {c.kind for c in changes} <= set(CHANGE_KINDS)
    assert all(c.message and "\n" not in c.subject for c in changes)
    # empty exactly when the two are equal up to the order of lists whose order means nothing
    assert (changes == []) == (_canonical(old) == _canonical(new)), changes


def _canonical(ladder: Ladder) -> dict[str, Any]:
    """A ladder's data with the lists whose order the format gives no meaning sorted: rungs (by
    level), expectations, other titles, perks, decision rights, crossover moves and levels."""
    data = ladder.model_dump(by_alias=True)
    for track in data["tracks"].values():
        track["rungs"].sort(key=lambda r: r["level"])
        for rung in track["rungs"]:
            rung["expectations"] = sorted(set(rung["expectations"]))
            rung["aliases"] = sorted(set(rung["aliases"]))
            if rung["decisions"] is not None:
                rung["decisions"] = sorted(repr(sorted(d.items())) for d in rung["decisions"])
            if rung["rewards"] is not None and rung["rewards"]["perks"] is not None:
                rung["rewards"]["perks"] = sorted(set(rung["rewards"]["perks"]))
    moves: dict[tuple[str, str], set[str]] = {}
    for move in data["crossover"]:
        moves.setdefault((move["from"], move["to"]), set()).update(move["levels"])
    data["crossover"] = sorted((k, sorted(v)) for k, v in moves.items())
    return data


def test_min_max_bands_and_withheld_pay() -> None:
    old_text = _edit(SMALL, ("    pay: {min: 145000, mid: 170000, max: 195000}",
                             "    pay: {min: 145000, max: 195000}"))
    new_text = _edit(old_text, ("    pay: {min: 145000, max: 195000}",
                                "    pay: {min: 150000, max: 201000}"),
                     ("  - id: L7\n    pay: {min: 175000, mid: 205000, max: 235000}\n",
                      "  - id: L7\n    withheld_pay: equal by policy\n"))
    changes = _diff(old_text, new_text)
    assert _lines(changes) == [
        "level.pay level L6: pay USD 145,000 / (mid derived) / 195,000 \u2192 USD 150,000 / "
        "(mid derived) / 201,000: min +5,000 (+3.4%), max +6,000 (+3.1%)",
        "level.pay level L7: pay band dropped (was USD 175,000 / 205,000 / 235,000)",
        "level.changed level L7: withheld_pay added: equal by policy",
    ]
    assert set(changes[0].details["fields"]) == {"min", "max"}
