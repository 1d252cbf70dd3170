"""The reference of every key of a ladder file: what it means, its type, its default and an
example. One table serves two readers, so they cannot drift apart:

- the JSON Schema (:mod:`dualladder._internal.io.schema.build`) takes each property's
``description`` and
  ``examples`` from it, which editors show on hover and offer on completion;
- ``docs/format.md`` holds the tables this module prints, between two marker comments
  (regenerate them with ``python -m dualladder.keys``; a test keeps them in sync).

The company and family files' keys (:mod:`dualladder._internal.io.schema.company_keys`) and a career
plan's (:mod:`dualladder._internal.io.schema.plan_keys`) are kept the same way, with the ``Key`` and
``Model`` of this module, and ``python -m dualladder.keys`` regenerates their tables too
(:func:`tables`).

A test also checks that every field of every model has an entry here and every entry a field:
a new key is documented in the same change that adds it. Descriptions are plain sentences (no
reStructuredText, which editors would show literally); backticks mark key names and values.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

__all__ = [
    "KEYS",
    "MODELS",
    "Key",
    "Model",
    "keys_markdown",
    "update_format_page",
    "update_page",
]


@dataclass(frozen=True, slots=True)
class Key:
    """One key of one mapping of the format."""

    name: str
    #: the type as a reader thinks of it: ``text``, ``amount``, ``list of level ids``...
    type: str
    #: ``required``, or what leaving it out means
    default: str
    description: str
    #: a value as YAML would give it (also a valid JSON Schema example)
    example: Any


@dataclass(frozen=True, slots=True)
class Model:
    """One mapping of the format (a pydantic model) and where it stands in a file."""

    #: the pydantic model's class name (the schema's ``$defs`` name)
    name: str
    #: the heading of its table, with where such a mapping stands: ``A level: `levels[]` ``
    heading: str
    description: str


AMOUNT = "amount (a number above 0; at most 15 digits before the point and 4 after)"

MODELS: Final[dict[str, Model]] = {
    model.name: model
    for model in (
        Model(
            "Ladder",
            "The top level",
            "A dual career ladder for one job family: its levels, its tracks (management, "
            "technical and any further one), the moves between them and the policy the "
            "equivalence rules apply. Format version 1.",
        ),
        Model(
            "Policy",
            "Policy: `policy`",
            "The tolerances and lists the rules apply to this file, and which rules to skip "
            "or to report with another severity. Every key is optional; the defaults are shown.",
        ),
        Model(
            "Level",
            "A level: `levels[]`",
            "A level (grade) of the scale that all tracks share, lowest first. Rungs on the same "
            "level are equivalent.",
        ),
        Model(
            "LevelStep",
            "A step inside a level: `levels[].steps[]`",
            "A step or sub-level inside a level (steps 1 to 10, or A to E), lowest first.",
        ),
        Model(
            "Band",
            "A pay band: the `pay` of a level, a rung or a role above the ladder",
            "A pay band: 0 < min <= mid <= max, exact amounts. Without `mid` the midpoint is "
            "derived as the middle of the range.",
        ),
        Model(
            "Track",
            "A track: `tracks.<key>`",
            "A track: a way up (management, technical, or any further one such as specialist). "
            "Its rungs, one per level at most.",
        ),
        Model(
            "Rung",
            "A rung: `tracks.<key>.rungs[]`",
            "One job on one track at one level: its title, what it asks, what it pays and which "
            "decisions it makes.",
        ),
        Model(
            "Rewards",
            "Rewards: the `rewards` of a rung or a role above the ladder",
            "Total rewards beyond base pay. A key left out states nothing; an empty list states "
            "none.",
        ),
        Model(
            "Decision",
            "A decision right: the `decisions[]` of a rung or a role above the ladder",
            "One decision right: in `domain` the rung has `authority` at `scope`.",
        ),
        Model(
            "TopRole",
            "A role above the ladder: `above_ladder[]`",
            "A role above the ladder (CTO, Chief Architect): reached from the top of the tracks "
            "it is open to, the ceiling of none of them.",
        ),
        Model(
            "Crossover",
            "A crossover move: `crossover[]`",
            "A move between two tracks: sideways at equal level and pay, or a promotion onto "
            "the other track's next rung; possibly only under a condition.",
        ),
        Model(
            "Translation",
            "A translation: `translations.<language>`",
            "The file's texts in one language, each keyed by what stays the same in every "
            "language. Every key is optional; a text left out is shown in the file's own "
            "language (DL117), and a key that names nothing the file has is DL118.",
        ),
        Model(
            "LevelText",
            "A level's text: `translations.<language>.levels.<level id>`",
            "A level's text in one language.",
        ),
        Model(
            "TrackText",
            "A track's text: `translations.<language>.tracks.<track key>`",
            "A track's text in one language, and its rungs' texts by level.",
        ),
        Model(
            "RungText",
            "A rung's text: `translations.<language>.tracks.<track key>.rungs.<level id>` "
            "(and `translations.<language>.above_ladder.<title>`)",
            "A rung's (or a role above the ladder's) text in one language.",
        ),
    )
}

#: The keys a rung and a role above the ladder share (model.levels.Job), in the order both models
#: have them.
_RUNG_LIKE = {
    "code": Key("code", "text", "none", "An internal job code.", "M4"),
    "aliases": Key(
        "aliases", "list of text", "none", "Other titles in use for this job.", ["Team Lead"]
    ),
    "summary": Key(
        "summary", "text", "none", "One or two sentences on what the job is.",
        "Leads one team of five to eight engineers.",
    ),
    "scope": Key(
        "scope",
        "`team`, `group`, `organization`, `company` or `industry`",
        "none (not stated)",
        "How far the job's work reaches, in this order: team < group < organization < "
        "company < industry.",
        "group",
    ),
    "expectations": Key(
        "expectations", "list of text", "none", "What the job asks of the person in it.",
        ["Grows the people on the team", "Delivers the team roadmap"],
    ),
    "pay": Key(
        "pay", "pay band", "the level's band (for a rung); none (for a role)",
        "The job's own pay band, in place of its level's default band.",
        {"min": 150000, "mid": 175000, "max": 200000},
    ),
    "rewards": Key(
        "rewards", "rewards", "none (not stated)", "Bonus target, equity and perks.",
        {"bonus_target": 0.1, "equity": 20000, "perks": ["stock options"]},
    ),
    "decisions": Key(
        "decisions", "list of decision rights", "none (not stated; `[]` states none)",
        "The decisions the job makes, each with its authority and scope.",
        [{"domain": "hiring", "authority": "decides", "scope": "team"}],
    ),
}

_WITHHELD = (
    "Pay that is equal by policy but not published: the policy's words (quoted on the pages) "
    "or `true`; `false` is the same as leaving it out. The pages show \"not published, equal "
    "by policy\", and equivalent rungs whose pay is withheld are parity by statement."
)

KEYS: Final[dict[str, list[Key]]] = {
    "Ladder": [
        Key(
            "dualladder", "the integer 1", "required",
            "The format version: written `1` (not \"1\", true, 0x1 or +1).", 1,
        ),
        Key("organization", "text", "required", "The organisation's name.", "Acme Robotics"),
        Key("family", "text", "required", "The job family this file describes.", "Engineering"),
        Key(
            "currency", "ISO 4217 code (three capital letters)", "none (unspecified)",
            "The currency of every amount in the file, unless a band states its own.", "USD",
        ),
        Key(
            "effective", "date (YYYY-MM-DD)", "none",
            "The date from which this ladder applies.", "2026-01-01",
        ),
        Key(
            "locale", "a shipped locale: en, de, fr or es", "en",
            "The language the handbook's pages are written in, unless `--locale` says "
            "another (docs/handbook.md, Languages).", "de",
        ),
        Key(
            "withheld_pay", "text or true/false", "none (pay is published, or not stated)",
            _WITHHELD + " Here it applies to every level without a band.",
            "The levels are equal in seniority and pay; ranges are not public.",
        ),
        Key("policy", "policy", "the defaults of each key", "How the rules are applied.",
            {"pay_tolerance": 0.03, "ignore": ["DL107"]}),
        Key(
            "levels", "list of levels (at least one)", "required",
            "The shared grade scale, lowest first.",
            [{"id": "L5", "name": "Senior", "pay": {"min": 145000, "mid": 170000,
                                                     "max": 195000}}],
        ),
        Key(
            "fork", "level id", "none (not checked)",
            "The level where the tracks fork: below it everyone is on the track that starts "
            "lowest (usually technical); every other track starts here (DL114).", "L5",
        ),
        Key(
            "tracks", "mapping of track key to track", "required",
            "The tracks; `management` and `technical` are required, any further track is "
            "compared with management like technical is.",
            {"management": {"rungs": [{"level": "L5", "title": "Engineering Manager"}]},
             "technical": {"rungs": [{"level": "L5", "title": "Senior Engineer"}]}},
        ),
        Key(
            "above_ladder", "list of roles above the ladder", "none",
            "Roles above the levels, open to several tracks (a CTO, a Chief Architect): no "
            "track's ceiling.",
            [{"title": "Chief Technology Officer", "code": "CTO"}],
        ),
        Key(
            "crossover", "list of moves", "none (no move stated: DL107)",
            "The moves people can make between the tracks.",
            [{"from": "technical", "to": "management", "levels": ["L6", "L7"]},
             {"from": "management", "to": "technical", "levels": ["L6", "L7"]}],
        ),
        Key(
            "translations", "mapping of language to translation", "none (one language)",
            "The file's texts in other languages, by language (`de`, `fr`, `pt_BR`): what "
            "`render --locale` shows instead of the file's own text. A text a language lacks "
            "is shown in the file's own language (DL117).",
            {"de": {"family": "Entwicklung", "tracks": {"technical": {
                "name": "Fachlaufbahn", "rungs": {"L5": {"title": "Senior-Ingenieurin"}}}}}},
        ),
    ],
    "Policy": [
        Key(
            "pay_tolerance", "fraction, 0 <= t < 1", "0",
            "The largest relative gap allowed between the amounts of equivalent rungs (DL103, "
            "DL104 equity); 0.05 is 5 %.", 0.03,
        ),
        Key(
            "midpoint_progression", "[low, high] fractions", "[0.05, 0.30]",
            "The allowed rise of the midpoint from one level to the next (DL202).", [0.08, 0.25],
        ),
        Key(
            "range_spread", "[low, high] fractions", "[0.20, 1.00]",
            "The allowed (max - min) / min of one band (DL203).", [0.3, 0.6],
        ),
        Key(
            "seat_at_the_table", "list of decision domains", "[strategy]",
            "The decision domains in which technical leaders need a voice as wide as their "
            "management peers' (DL106).", ["strategy", "budget"],
        ),
        Key(
            "management_words", "list of words or phrases",
            "[manager, director, head of, vice president, VP, chief]",
            "Words that name people management in a title (DL108), whole words in any case.",
            ["manager", "director", "vice president", "VP", "chief"],
        ),
        Key(
            "not_management", "list of phrases",
            "[program manager, programme manager, product manager, project manager]",
            "Phrases that contain a management word but name other work; they are taken out of "
            "a title before DL108 looks for management words.",
            ["program manager", "product manager"],
        ),
        Key(
            "ignore", "list of rule codes", "[] (every rule runs)",
            "Rules not to run for this file (not the load codes DL001-DL006).", ["DL107"],
        ),
        Key(
            "severity", "mapping of rule code to `error` or `warning`", "{} (the defaults)",
            "A severity per rule, in place of its default.", {"DL108": "error"},
        ),
    ],
    "Level": [
        Key("id", "text (quote ids that look like numbers)", "required",
            "The level's id, unique in the file.", "L5"),
        Key("name", "text", "none", "The level's name.", "Senior"),
        Key("pay", "pay band", "none (no default band)",
            "The default band of every rung on this level without a band of its own.",
            {"min": 145000, "mid": 170000, "max": 195000}),
        Key("withheld_pay", "text or true/false", "the file's `withheld_pay`",
            _WITHHELD + " A level cannot both state `pay` and withhold it.",
            "Staff and Engineering Manager are equal in base pay and prestige."),
        Key("steps", "list of steps", "none",
            "The steps or sub-levels inside this level, lowest first (DL205 checks their pay).",
            [{"id": "1", "pay": 85700}, {"id": "2", "pay": 88557}]),
    ],
    "LevelStep": [
        Key("id", "text", "required", "The step's id, unique on its level.", "A"),
        Key("name", "text", "none", "The step's name.", "Experienced"),
        Key("pay", AMOUNT, "none", "The step's pay rate, in the level band's currency.", 88557),
    ],
    "Band": [
        Key("min", AMOUNT, "required", "The band's minimum.", 145000),
        Key("mid", AMOUNT, "the middle of min and max (derived)",
            "The band's midpoint. Left out, it is derived as (min + max) / 2, used by the rules "
            "and marked as derived on the pages.", 170000),
        Key("max", AMOUNT, "required", "The band's maximum.", 195000),
        Key("currency", "ISO 4217 code (three capital letters)", "the file's `currency`",
            "The band's currency, when it is not the file's.", "EUR"),
    ],
    "Track": [
        Key("name", "text", "the key, capitalised", "The track's display name.", "Management"),
        Key("rungs", "list of rungs", "[] (no rungs)",
            "The track's jobs, one per level at most, lowest first.",
            [{"level": "L5", "title": "Engineering Manager"}]),
        Key("levels_in_use", "list of level ids", "every level between its lowest and highest rung",
            "The levels this track uses where skipping grades is normal: only these count as "
            "gaps (DL102), and its rungs stand on them (DL113).", ["G18", "G20", "G22"]),
    ],
    "Rung": [
        Key("level", "level id", "required", "The level the job stands on.", "L5"),
        Key("title", "text", "required", "The job's title.", "Engineering Manager"),
        *_RUNG_LIKE.values(),
        Key("role", "text", "none",
            "The role this job is a variant of: rungs of one level on different tracks that "
            "share a role are the same job with and without reports (DL115, DL116).",
            "lead developer"),
    ],
    "Rewards": [
        Key("bonus_target", "fraction (0.15 is 15 %)", "none (not stated)",
            "The target bonus as a fraction of base pay.", 0.1),
        Key("equity", "amount >= 0", "none (not stated)", "The equity grant, in the file's "
            "currency.", 20000),
        Key("perks", "list of text", "none (not stated; `[]` states no perks)",
            "Perks beyond pay.", ["stock options", "health plan"]),
    ],
    "Decision": [
        Key("domain", "text", "required", "What the decision is about.", "hiring"),
        Key("authority", "`informed`, `consulted`, `recommends` or `decides`", "required",
            "How much say the job has, in this order: informed < consulted < recommends < "
            "decides.", "decides"),
        Key("scope", "`team`, `group`, `organization`, `company` or `industry`", "required",
            "How far the decision reaches.", "team"),
    ],
    "TopRole": [
        Key("title", "text", "required", "The role's title.", "Chief Technology Officer"),
        *_RUNG_LIKE.values(),
        Key("open_to", "list of track keys", "every track",
            "The tracks whose people can reach this role (DL112 when one is left out).",
            ["management", "technical"]),
    ],
    "Translation": [
        Key("family", "text", "the file's `family`", "The job family's name.", "Entwicklung"),
        Key("levels", "mapping of level id to level text", "none",
            "The levels' texts, by level id.", {"L5": {"name": "Senior"}}),
        Key("tracks", "mapping of track key to track text", "none",
            "The tracks' texts, by track key.",
            {"technical": {"name": "Fachlaufbahn",
                           "rungs": {"L5": {"title": "Senior-Ingenieurin"}}}}),
        Key("above_ladder", "mapping of title to rung text", "none",
            "The roles above the ladder's texts, each by its `title` as the file writes it.",
            {"Chief Technology Officer": {"title": "Technische Geschäftsführerin"}}),
    ],
    "LevelText": [
        Key("name", "text", "the level's `name`", "The level's name.", "Senior"),
    ],
    "TrackText": [
        Key("name", "text", "the track's `name` (or its key, capitalised)",
            "The track's display name.", "Fachlaufbahn"),
        Key("rungs", "mapping of level id to rung text", "none",
            "The track's rungs' texts, each by the level it stands on.",
            {"L5": {"title": "Senior-Ingenieurin"}}),
    ],
    "RungText": [
        Key("title", "text", "the rung's `title`", "The title.", "Senior-Ingenieurin"),
        Key("summary", "text", "the rung's `summary`", "The summary.",
            "Verantwortet eine Komponente."),
        Key("expectations", "list of text", "the rung's `expectations`",
            "The expectations, as many as the rung's own and in the same order (DL118).",
            ["Leitet den Entwurf einer Komponente"]),
    ],
    "Crossover": [
        Key("from", "track key", "required", "The track people move from.", "technical"),
        Key("to", "track key", "required", "The track people move to.", "management"),
        Key("levels", "list of level ids (at least one)", "required",
            "The levels people move from.", ["L6", "L7"]),
        Key("promotion", "true or false", "false (a sideways move)",
            "True when the move is a promotion onto the `to` track's next rung above the level, "
            "not a sideways move.", True),
        Key("condition", "text", "none (always open)",
            "When the move is open, in the organisation's words.", "when a position is open"),
    ],
}


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _example(value: Any) -> str:
    """A value as flow-style YAML: ``{min: 145000, max: 195000}``."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_example(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_example(v) for v in value) + "]"
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d\d-\d\d", value):
        return value  # a date, as YAML reads it
    if isinstance(value, str) and (
        re.fullmatch(r"[\d.+-]+|true|false|yes|no|null|~", value)
        or re.search(r"[:#,\[\]{}]", value)
    ):
        return '"' + value + '"'
    return str(value)


def keys_markdown(models: Mapping[str, Model] = MODELS,
                  keys: Mapping[str, list[Key]] = KEYS, *, level: int = 3) -> str:
    """The key tables of a docs page, one per mapping of ``models`` (by default the ladder's, of
    docs/format.md), each under a heading of ``level``."""
    parts: list[str] = []
    for name, model in models.items():
        rows = ["| key | type | default | meaning | example |", "|---|---|---|---|---|"]
        for key in keys[name]:
            rows.append(
                f"| `{key.name}` | {_cell(key.type)} | {_cell(key.default)} | "
                f"{_cell(key.description)} | `{_cell(_example(key.example))}` |"
            )
        parts.append(f"{'#' * level} {model.heading}\n\n{model.description}\n\n"
                     + "\n".join(rows) + "\n")
    return "\n".join(parts)


BEGIN = "<!-- keys: generated by `python -m dualladder.keys`; do not edit by hand -->"
END = "<!-- /keys -->"


def _markers(part: str) -> tuple[str, str]:
    """The comments around a part's tables: ``<!-- keys company: ... -->``."""
    if not part:
        return BEGIN, END
    return BEGIN.replace("keys:", f"keys {part}:"), END.replace("keys", f"keys {part}")


def update_page(text: str, part: str, markdown: str) -> str:
    """``text`` with the tables between ``part``'s markers replaced by ``markdown``."""
    begin, end = _markers(part)
    start, stop = text.index(begin) + len(begin), text.index(end)
    return f"{text[:start]}\n\n{markdown}\n{text[stop:]}"


def update_format_page(text: str) -> str:
    """``text`` (docs/format.md) with the ladder's key tables between the markers replaced."""
    return update_page(text, "", keys_markdown())
