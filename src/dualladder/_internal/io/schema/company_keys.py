"""The reference of every key of a company file and of a family file (see
:mod:`dualladder._internal.io.schema.keys`, which holds the ladder's): what it means, its type, its
default and an example. The JSON Schemas of ``dualladder schema --kind company|family`` take their
descriptions from here, and docs/format.md holds the tables
:func:`dualladder.keys.main` prints from it, so neither can drift from the
other. A key a family file shares with a ladder file without change is the ladder's own
:class:`~dualladder._internal.io.schema.keys.Key` (one text, not a copy).
"""

from __future__ import annotations

from typing import Final

from dualladder._internal.io.schema.keys import KEYS, Key, Model

__all__ = ["COMPANY_KEYS", "COMPANY_MODELS", "FAMILY_KEYS", "FAMILY_MODELS"]

_LADDER = {key.name: key for key in KEYS["Ladder"]}
_BAND = {"min": 138000, "mid": 158000, "max": 178000}
_CURRENCY = "ISO 4217 code (three capital letters)"
_FACTOR = "number from 0.01 to 100, at most 6 decimal places"
_STEP = "amount above 0"

COMPANY_MODELS: Final[dict[str, Model]] = {
    model.name: model
    for model in (
        Model(
            "Company",
            "The top level of a company file",
            "A company file: what every job family of one organisation shares (the level scale "
            "with its base bands, the pay zones and the default policy). Each family is a "
            "family file that names it. Format version 1.",
        ),
        Model(
            "CompanyTranslation",
            "A company file's translation: `translations.<language>`",
            "A company file's texts in one language: its level names. Its families translate "
            "their own texts in their own files.",
        ),
        Model(
            "Zone",
            "A pay zone: `zones[]`",
            "A pay zone (a location or a group of locations) with its own band of each level: "
            "the base band times `factor`, or an explicit band in `bands`, or both (explicit "
            "bands win for their levels).",
        ),
    )
}

COMPANY_KEYS: Final[dict[str, list[Key]]] = {
    "Company": [
        Key("dualladder-company", "the integer 1", "required",
            "The kind and format version: written `1`. It tells a company file from a ladder "
            "file (`dualladder: 1`).", 1),
        Key("organization", "text", "required",
            "The organisation's name; every family inherits it.", "Kestrel Analytics"),
        Key("currency", _CURRENCY, "none (unspecified)",
            "The currency of the base bands; every family inherits it (a zone may pay in its "
            "own).", "USD"),
        Key("effective", "date (YYYY-MM-DD)", "none",
            "The date from which the scale applies; inherited by families that state no date "
            "of their own.", "2026-03-01"),
        Key("locale", "a shipped locale: en, de, fr or es", "en",
            "The language the company site's pages are written in, unless `--locale` says "
            "another; inherited by families that state no locale of their own.", "de"),
        Key("policy", "policy (the keys of a ladder's `policy`)", "the defaults of each key",
            "The default policy of every family.", {"pay_tolerance": 0}),
        Key("levels", "list of levels (at least one)", "required",
            "The shared level scale, lowest first: each level's `id`, `name` and `pay` (its "
            "base band) hold for every family. Ids are unique (DL005).",
            [{"id": "L5", "name": "Career", "pay": _BAND}]),
        Key("zones", "list of pay zones", "none (the base bands only)",
            "The pay zones, each with its own band of every level. Ids are unique (DL005).",
            [{"id": "sf", "name": "San Francisco Bay Area", "factor": 1.15, "round_to": 1000}]),
        Key("translations", "mapping of language to company translation",
            "none (one language)",
            "The level names in other languages, by language (`de`, `fr`); a level name a "
            "language lacks is shown in the file's own language (DL506).",
            {"de": {"levels": {"L5": {"name": "Karrierestufe"}}}}),
    ],
    "CompanyTranslation": [
        Key("levels", "mapping of level id to level text", "none",
            "The level names, by level id (a level the scale lacks is DL506).",
            {"L5": {"name": "Karrierestufe"}}),
    ],
    "Zone": [
        Key("id", "text", "required", "The zone's id, unique in the company.", "sf"),
        Key("name", "text", "none",
            "The zone's display name, shown on pages and in findings: `zone sf (San Francisco "
            "Bay Area)`.", "San Francisco Bay Area"),
        Key("currency", _CURRENCY, "the company's `currency`", "What the zone pays in.", "EUR"),
        Key("factor", _FACTOR, "none (then `bands` is required)",
            "The zone's band of a level is the base band times `factor`, each amount rounded "
            "to `round_to`. A zone states `factor`, `bands` or both (DL002 if neither).", 1.15),
        Key("round_to", _STEP, "1",
            "Each amount of a factor band is rounded half up to a multiple of this, and is at "
            "least this (never 0).", 1000),
        Key("bands", "mapping of level id to pay band", "none (then `factor` is required)",
            "Explicit bands per level, in the zone's currency; they win over `factor` for "
            "their levels. A level the scale does not define is DL004; a zone without `factor` "
            "lists every level that has a base band (DL505).", {"L5": _BAND}),
    ],
}

FAMILY_MODELS: Final[dict[str, Model]] = {
    model.name: model
    for model in (
        Model(
            "FamilyFile",
            "The top level of a family file",
            "A job family of a company: a ladder file that names its company file and leaves "
            "out what it inherits (the organisation, currency, level scale and policy). Every "
            "level it names must be on the company's scale (DL503). Format version 1.",
        ),
        Model(
            "Differential",
            "A differential: `differentials[]`",
            "A level this family pays differently from the company, for a stated reason: a "
            "`factor` of the company's band, or a band of its own (`pay`).",
        ),
    )
}

FAMILY_KEYS: Final[dict[str, list[Key]]] = {
    "FamilyFile": [
        _LADDER["dualladder"],
        Key("company", "path", "required",
            "The company file's path, relative to this file's folder. It must exist and be a "
            "company file without load errors (DL504).", "company.yaml"),
        Key("organization", "text", "the company's",
            "Inherited; if written, it must equal the company's (DL002).", "Kestrel Analytics"),
        _LADDER["family"],
        Key("currency", _CURRENCY, "the company's",
            "Inherited; if written, it must equal the company's (DL002): pay by location is a "
            "zone, not a family currency.", "USD"),
        Key("effective", "date (YYYY-MM-DD)", "the company's `effective`",
            "The date from which this family's ladder applies.", "2026-03-01"),
        Key("locale", "a shipped locale: en, de, fr or es", "the company's `locale`",
            "The language of this family's pages when rendered alone (a company render "
            "writes every page in the company's).", "de"),
        _LADDER["withheld_pay"],
        Key("policy", "policy", "the company's policy",
            "Keys that replace the company's policy for this family (a family's `ignore` "
            "replaces the company's list).", {"ignore": ["DL107"]}),
        Key("levels", "list of levels of the company's scale", "none (the company's levels)",
            "Rarely needed: entries for levels of the company's scale, each key written "
            "replacing the company's for this family (a `name` renames the level on this "
            "family's pages; a `pay` is checked against the company's band, DL501). The scale "
            "and its order are always the company's.", [{"id": "L6", "name": "Senior"}]),
        Key("differentials", "list of differentials", "none (the company's bands)",
            "The levels this family pays differently, one per level (DL005).",
            [{"level": "L6", "factor": 1.06, "reason": "market premium for ML specialists"}]),
        _LADDER["fork"],
        _LADDER["tracks"],
        _LADDER["above_ladder"],
        _LADDER["crossover"],
        _LADDER["translations"],
    ],
    "Differential": [
        Key("level", "level id", "required",
            "The level of the company's scale this family pays differently.", "L6"),
        Key("factor", _FACTOR, "none (then `pay` is required)",
            "The company's band of the level times this, rounded to whole units (in a zone: the "
            "zone's band times it, rounded to the zone's `round_to`). A differential states "
            "exactly one of `factor` and `pay`.", 1.06),
        Key("pay", "pay band", "none (then `factor` is required)",
            "The family's own band of the level; in a zone with a `factor` it is multiplied by "
            "the factor.", {"min": 215000, "mid": 247000, "max": 279000}),
        Key("zones", "mapping of zone id to pay band", "none",
            "Only with `pay`: the family's band of the level in each zone without a factor "
            "(DL505 if one is missing).", {"berlin": {"min": 114000, "mid": 131000,
                                                       "max": 148000}}),
        Key("reason", "text", "required",
            "Why the family pays the level differently, in the organisation's words.",
            "scarce skills"),
    ],
}
