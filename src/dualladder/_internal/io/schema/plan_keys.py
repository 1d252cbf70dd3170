"""The reference of every key of a career plan file (``dualladder-plan: 1``): what it means,
its type, its default and an example, as :mod:`dualladder._internal.io.schema.keys` holds the
ladder's. The JSON Schema of ``dualladder schema --kind plan`` takes its descriptions from here, and
docs/plan.md holds the tables :func:`dualladder.keys.main` prints from it. A
rung snapshot's decisions and pay are in the ladder's format, described by the ladder's own keys.
"""

from __future__ import annotations

from typing import Final

from dualladder._internal.io.schema.keys import KEYS, Key, Model

__all__ = ["PLAN_KEYS", "PLAN_MODELS"]

_RUNG = {key.name: key for key in KEYS["Rung"]}
_DATE = "date (YYYY-MM-DD)"
_POSITION = "rung: `{track, level}`"
_SNAPSHOT = {"title": "Senior Engineer", "scope": "team",
             "pay": {"min": 145000, "mid": 170000, "max": 195000}}

PLAN_MODELS: Final[dict[str, Model]] = {
    model.name: model
    for model in (
        Model("Plan", "The top level of a plan file",
              "A career plan: from the rung a person stands on to the rung they aim at, by "
              "when, with the steps that get them there, what their manager commits to, the "
              "reviews and both signatures. Format version 1."),
        Model("Person", "The person: `person`",
              "Whom the plan is for. Findings and messages name the person by `id` only."),
        Model("LadderRef", "The ladder: `ladder`", "The ladder the plan follows."),
        Model("Position", "A rung: `current`, `goal`",
              "A rung of the ladder, named by its track key and level id."),
        Model("Snapshots", "The rungs as they were: `rungs`",
              "The current and the goal rung as they were when the plan was made (written by "
              "`plan new`), so a later change of the ladder can be named rung by rung (DL407)."),
        Model("RungSnapshot", "A rung as it was: `rungs.current`, `rungs.goal`",
              "What a rung asked and granted when the plan was made, in the ladder format."),
        Model("Step", "A step: `steps[]`", "One thing to do on the way to the goal."),
        Model("Waiver", "A waived ask: `waived[]`",
              "An ask of the goal this plan deliberately leaves out, and why."),
        Model("Commitment", "A commitment: `commitments[]`",
              "What the manager (or someone else) does to support the plan."),
        Model("Signoff", "The signatures: `signoff`",
              "The signatures of the person and their manager; a plan with both is signed."),
        Model("Signature", "A signature: `signoff.employee`, `signoff.manager`",
              "One signature: who signed and when."),
    )
}

PLAN_KEYS: Final[dict[str, list[Key]]] = {
    "Plan": [
        Key("dualladder-plan", "the integer 1", "required",
            "The kind and format version: written `1`. It tells `validate` that the file is a "
            "plan.", 1),
        Key("person", "person", "required", "Whom the plan is for.", {"id": "E1042"}),
        Key("ladder", "ladder reference", "required", "The ladder the plan follows.",
            {"path": "../ladders/acme-robotics-engineering.yaml", "effective": "2026-01-01"}),
        Key("current", _POSITION, "required", "The rung the person stands on.",
            {"track": "technical", "level": "L5"}),
        Key("goal", _POSITION, "required",
            "The rung the person aims at: higher on the same track, or on another track where "
            "the ladder states a crossover (DL402).", {"track": "technical", "level": "L6"}),
        Key("made", _DATE, "none",
            "When the plan was made; DL406 orders every other date after it.", "2026-11-25"),
        Key("target", _DATE, "required", "When the goal should be reached.", "2027-09-30"),
        Key("rungs", "rung snapshots", "none",
            "The two rungs as they were when the plan was made.", {"current": _SNAPSHOT}),
        Key("steps", "list of steps", "[]", "What gets the person there.",
            [{"id": "S1", "what": "Lead the design review", "owner": "employee",
              "due": "2027-03-31"}]),
        Key("waived", "list of waived asks", "[]",
            "Asks of the goal this plan deliberately leaves out.",
            [{"ask": "Mentors senior engineers", "reason": "Already done in the current role"}]),
        Key("commitments", "list of commitments", "[]",
            "What is done to support the plan; DL405 needs one by `manager`.",
            [{"what": "Puts Ada forward to lead the design review", "due": "2026-12-15"}]),
        Key("reviews", "list of dates", "[]",
            "Review meetings, earliest first, between `made` and `target` (DL406).",
            ["2027-01-15", "2027-04-15"]),
        Key("signoff", "signatures", "none (not signed)", "The signatures.",
            {"employee": {"date": "2026-11-30"}, "manager": {"date": "2026-11-30"}}),
    ],
    "Person": [
        Key("id", "text without spaces, at most 64 characters", "required",
            "The person's employee id: the only personal field findings and messages show.",
            "E1042"),
        Key("name", "text (at most 200 characters)", "none",
            "The person's name, shown on the plan page only.", "Ada Lovelace"),
    ],
    "LadderRef": [
        Key("path", "path", "required",
            "The ladder file, relative to the plan file (an absolute path works too).",
            "../ladders/acme-robotics-engineering.yaml"),
        Key("effective", _DATE, "none",
            "The ladder's `effective` date when the plan was made; DL407 compares it.",
            "2026-01-01"),
        Key("zone", "zone id", "none (the base bands)",
            "The pay zone to show bands in, for a ladder whose company has zones.", "sf"),
    ],
    "Position": [
        Key("track", "track key", "required", "A track key of the ladder.", "technical"),
        Key("level", "level id", "required", "A level id of the ladder.", "L5"),
    ],
    "Snapshots": [
        Key("current", "rung snapshot", "none", "The current rung as it was.", _SNAPSHOT),
        Key("goal", "rung snapshot", "none", "The goal rung as it was.",
            {"title": "Staff Engineer", "scope": "group"}),
    ],
    "RungSnapshot": [
        _RUNG["title"],
        _RUNG["scope"],
        Key("expectations", "list of text", "[]", "What the job asked of the person in it.",
            ["Sets technical direction for a group of teams"]),
        _RUNG["decisions"],
        Key("pay", "pay band", "none", "The job's pay band (its own, or its level's).",
            {"min": 145000, "mid": 170000, "max": 195000}),
    ],
    "Step": [
        Key("id", "text without spaces, at most 64 characters", "required",
            "The step's id, unique in the plan (DL404); the tracking sheet matches rows by it.",
            "S1"),
        Key("what", "text", "required", "What is to be done.",
            "Lead the design review of the fleet telemetry pipeline"),
        Key("covers", "list of text", "[]",
            "The asks of the goal this step answers, as `plan new` writes them (DL403).",
            ["Sets technical direction for a group of teams"]),
        Key("owner", "text", "none (DL404 reports it)",
            "Who does it: `employee`, `manager` or a person's name.", "employee"),
        Key("due", _DATE, "none (DL404 reports it)", "When it is due, on or before `target`.",
            "2027-03-31"),
        Key("status", "`open`, `in-progress`, `done` or `dropped`", "open",
            "Where the step stands; a dropped step covers nothing.", "in-progress"),
        Key("evidence", "text", "none", "A link or a note that shows the step is done.",
            "https://wiki.example.com/design/telemetry"),
    ],
    "Waiver": [
        Key("ask", "text", "required", "The ask of the goal left out.",
            "Mentors senior engineers"),
        Key("reason", "text", "required", "Why it is left out.",
            "Already done in the current role; see the 2026 review"),
    ],
    "Commitment": [
        Key("what", "text", "required", "What will be done to support the plan.",
            "Puts Ada forward to lead the telemetry design review"),
        Key("by", "text", "manager", "Who commits.", "manager"),
        Key("due", _DATE, "none", "When it will be done.", "2026-12-15"),
    ],
    "Signoff": [
        Key("employee", "signature", "none (not signed)", "The person's signature.",
            {"name": "Ada Lovelace", "date": "2026-11-30"}),
        Key("manager", "signature", "none (not signed)", "The manager's signature.",
            {"name": "Grace Hopper", "date": "2026-11-30"}),
    ],
    "Signature": [
        Key("name", "text (at most 200 characters)", "none", "Who signed.", "Grace Hopper"),
        Key("date", _DATE, "required", "When they signed.", "2026-11-30"),
    ],
}
