"""Build ``docs/rules.md`` from the rule catalog and the rules' docstrings.

Regenerate the page with::

    python -m dualladder.rules.docs > docs/rules.md

Every family's rules come from one list, :func:`registries`, with no special case per family. The
loader codes DL001-DL006 have no rule function; their documentation is :data:`LOAD_DOCS` below,
written like a rule's docstring (what it checks, "Why it matters:", "How to fix:", a ``yaml``
example), as the roster read codes' is.
"""

from __future__ import annotations

import inspect
import re
import sys
from collections.abc import Mapping
from typing import Any

from dualladder._internal.io.roster.read import READ_DOCS
from dualladder._internal.util.catalog import CATALOG
from dualladder._internal.util.registry import Registry

__all__ = [
    "LOAD_DOCS", "TITLES", "documented", "main", "registries", "rule_doc", "rules_markdown",
]

#: A short name of each code, for headings.
TITLES: dict[str, str] = {
    "DL001": "invalid YAML",
    "DL002": "format",
    "DL003": "duplicate key",
    "DL004": "unknown level",
    "DL005": "duplicate level or rung",
    "DL006": "bad pay band",
    "DL101": "ceiling",
    "DL102": "gaps",
    "DL103": "pay parity",
    "DL104": "total-rewards parity",
    "DL105": "influence parity",
    "DL106": "seat at the table",
    "DL107": "crossover",
    "DL108": "management words in technical titles",
    "DL109": "one title, one rung",
    "DL110": "technical broader than management",
    "DL111": "no shared level",
    "DL112": "roles above the ladder",
    "DL113": "levels in use",
    "DL114": "fork",
    "DL115": "one role, with and without reports",
    "DL116": "same words, no shared role",
    "DL117": "untranslated text",
    "DL118": "translation of nothing",
    "DL201": "rising midpoints",
    "DL202": "midpoint progression",
    "DL203": "range spread",
    "DL204": "one currency",
    "DL205": "steps inside a level",
    "DL206": "a dot as a thousands separator",
    "DL301": "roster file",
    "DL302": "roster value",
    "DL303": "duplicate employee id",
    "DL304": "person on an unknown rung",
    "DL305": "zone or currency of a person",
    "DL306": "green circle",
    "DL307": "red circle",
    "DL308": "parity in practice",
    "DL309": "ceiling in practice",
    "DL310": "pay gap in a category, basic pay",
    "DL311": "pay gap in a category, variable pay",
    "DL312": "access to variable pay and equity",
    "DL401": "plan rungs exist",
    "DL402": "plan move allowed",
    "DL403": "plan covers the goal",
    "DL404": "plan steps complete",
    "DL405": "manager commitment",
    "DL406": "plan dates in order",
    "DL407": "ladder changed since sign-off",
    "DL408": "person placeholder",
    "DL501": "undeclared differential",
    "DL502": "job code used twice",
    "DL503": "level not on the company scale",
    "DL504": "company file",
    "DL505": "zone without a band",
    "DL506": "untranslated level name",
}

#: The documentation of the loader codes, in the shape of a rule docstring.
LOAD_DOCS: dict[str, str] = {
    "DL001": '''
        The file is not valid YAML: a syntax error (a tab used for indentation, an unclosed
        bracket or quote, a bad indentation), text that is not UTF-8, a control character YAML
        does not allow, or an alias that refers to itself. So is a document too big to be a
        ladder: aliases and `<<` merge keys that add more than 100,000 nodes to it, or lists
        and mappings nested more than 64 levels deep. The finding points at the place where the
        YAML parser gave up.

        Why it matters: nothing can be checked in a file that cannot be read; a half-read file
        would give findings about a ladder that nobody wrote.

        How to fix: correct the YAML at the line shown. Indent with spaces only, close every
        `[`, `{` and quote, and save the file as UTF-8.

        ```yaml
        tracks:
          technical:
            rungs:
              - {level: L6, title: Staff Engineer   # DL001: the `{` is never closed
        ```
    ''',
    "DL002": '''
        The file does not match the format: a required field is missing (`dualladder`,
        `organization`, `family`, `levels`, the `management` and `technical` tracks, a rung's
        `level` or `title`), a field is unknown (a typo), or a value has the wrong type or is
        not allowed (a scope that is not in the scale, an amount that is not a number or has
        more than 15 digits before the decimal point or 4 after it, a format version other than
        `1`, an unknown rule code in `policy`). A file that is not a ladder at all (no
        `dualladder` key at the top) gets one DL002 that quotes nothing of it. Level ids are
        text: an unquoted `010` is a number to YAML, so it is refused with a hint to quote it
        instead of silently becoming 8 or 10. Every such problem in a file is reported at once,
        each at its node.

        Why it matters: a typo must not pass silently. `scop: team` that is quietly ignored
        leaves the rung without a scope and the influence rules compare nothing; a level id
        read as a number no longer matches the rungs that name it.

        How to fix: follow the message: add the missing field, correct the name it suggests,
        quote ids that look like numbers, use a value from the allowed list.

        ```yaml
        levels:
          - id: 010                 # DL002: YAML reads 010 as a number; quote it: '010'
        tracks:
          technical:
            rungs:
              - level: '010'
                title: Staff Engineer
                scop: team          # DL002: unknown field 'scop'; did you mean 'scope'?
                pay: {min: 150000, mid: 170k, max: 190000}   # DL002: not a number
        ```
    ''',
    "DL003": '''
        A key appears twice in one mapping. Plain YAML readers keep the last value and drop the
        first without a word; dualladder reports the second key and names the line of the first.

        Why it matters: two `pay` entries on one rung, or two `technical` tracks, mean that
        someone's edit is silently lost, and what the file seems to say is not what is checked.

        How to fix: keep one of the two keys (merge their contents if both were meant).

        ```yaml
        tracks:
          technical:
            rungs: [{level: L6, title: Staff Engineer}]
          technical:                # DL003: the first `technical` would be lost
            rungs: [{level: L6, title: Senior Engineer}]
        ```
    ''',
    "DL004": '''
        A rung or a crossover entry names a level that `levels` does not define. The message
        lists the levels that are defined.

        Why it matters: a rung on an unknown level stands nowhere on the grade scale, so it has
        no equivalent rung, no level band and no place in the order of the track.

        How to fix: correct the level id (ids are compared exactly, so `l6` is not `L6`), or add
        the level to `levels`.

        ```yaml
        levels:
          - id: L5
          - id: L6
        tracks:
          technical:
            rungs:
              - {level: L7, title: Principal Engineer}   # DL004: no level L7
        ```
    ''',
    "DL005": '''
        A duplicate: a level id defined twice in `levels`, or two rungs of one track on one
        level. The message names the first definition.

        Why it matters: the grade scale must be unambiguous, and a track has one rung per
        level; otherwise it is not clear which rung is the equivalent of the other track's, or
        which band a level has.

        How to fix: remove or renumber the duplicate level; merge the two rungs, or move one of
        them to the level it belongs to (a second title for the same rung is an alias).

        ```yaml
        tracks:
          technical:
            rungs:
              - {level: L6, title: Staff Engineer}
              - {level: L6, title: Tech Lead}   # DL005: a second technical rung on L6
        ```
    ''',
    "DL006": '''
        A pay band is not `0 < min <= mid <= max`: the minimum is zero or negative, the
        midpoint is below the minimum, or the maximum is below the midpoint. The finding points
        at the offending field.

        Why it matters: every pay rule (parity, rising midpoints, progression, spread) reads the
        band; a band in the wrong order is almost always a typo or swapped columns, and checking
        it would give nonsense findings.

        How to fix: correct the amounts so that min, mid and max are positive and in order.

        ```yaml
        levels:
          - id: L6
            pay: {min: 170000, mid: 150000, max: 190000}   # DL006: mid is below min
        ```
    ''',
}

_INTRO = """\
# Rules

<!-- Generated by `python -m dualladder.rules.docs > docs/rules.md`; do not edit by hand. -->

`dualladder validate` (and `dualladder.check` in Python) reports **findings**. Each finding has a
code, a severity, a message that names the rungs by title and level, and the place it is about:
the file, line and column, and the YAML path of the node (`tracks.technical.rungs[2].pay.mid`).

## Codes

- **DL001-DL006** are *load* codes: the file cannot become a ladder (not YAML, not the format,
  a duplicate key, an unknown or duplicate level, a bad band). Every load problem of a file is
  reported at once, and the equivalence rules do not run on a file that has one.
- **DL101-DL116** are the *equivalence* rules: ceiling, gaps, pay, total rewards, influence, a
  seat at the table, crossover, titles, and the shapes some ladders take (tracks that share no
  level, roles above the ladder, grades in use, the fork, one role with and without reports). Two
  rungs on the same level, management's and another track's, are *equivalent*; any track other
  than `management` is compared with `management` the way `technical` is. Where one of two
  equivalent rungs states something (a band, rewards or one of their fields, decisions, a scope)
  and the other does not, that is a finding of the same rule: a hole in the evidence is not
  parity.
- **DL201-DL206** check the *pay bands* themselves: midpoints rise, by sensible steps, bands have
  a sensible spread, equivalent rungs are paid in one currency, the steps inside a level
  rise within its band, and no amount is written with a dot as a thousands separator.
- **DL301-DL303** are *roster read* codes of `dualladder audit` (see `docs/audit.md`): a roster
  file that cannot be read as a table (DL301), a row with a bad value (DL302), an employee id on
  several rows (DL303). They point at `roster.csv:line:column`, where the column is the field's
  position in the row (1 is the first); a row they are about is left out of the audit.
- **DL304-DL312** are the *audit* rules: the people of a roster measured against the ladder. A
  finding about one person (DL304-DL307) points at the roster cell and names the person by
  `employee_id` only; a finding about a group (DL308-DL312) points at a rung in the ladder file.
- **DL401-DL407** check a *career plan* (a `dualladder-plan: 1` file, see `docs/plan.md`)
  against itself and the ladder it follows.
- **DL501-DL505** check a *company*: job families on one level scale (a company file and the
  family files that name it, see docs/format.md). A family pays a level differently only by a
  declared differential, job codes are unique across the company, families use the company's
  levels and name a real company file, and every pay zone has a band for every level. DL503 and
  DL504 stop a family from being read (its company cannot be applied), so, like DL001-DL006,
  they cannot be ignored or downgraded.

In a company, the pay rules DL103 and DL201-DL204 also hold *in every pay zone*: they run again
on the bands as paid in each zone, and such a finding starts with `in zone <id> (<name>):`. A
zone's problem that only repeats a base band's (the base band times the zone's factor) is
reported once, for the base band. A finding points at the file and line where the value is
written: a family's finding about a band it inherits points into the company file (its message
then starts with the family's name), and a problem of the company's own bands is reported once,
at the company file, however many families inherit them.

A relative gap between two amounts a and b is |a - b| / max(a, b).

Pay withheld by policy (`withheld_pay`: "the levels are equal in seniority and pay; ranges are
not public") is *parity by statement*: no rule compares bands on those levels, and it is never a
finding. The report says so instead, once per statement, as a **note** without code or severity
(`file:line:col: note: pay on level SL is not published, equal on every track by the
organisation's statement ...`), which never fails a run, even with `--strict`.

## Severities

- **error**: the ladder breaks its promise; `dualladder validate` exits 1 and `dualladder
  render` refuses the ladder (unless `--allow-invalid`).
- **warning**: worth a look, may be intended; fails the run only with `--strict`.

## Policy: `ignore` and `severity`

A ladder file can tune the rules in its `policy` block:

```yaml
policy:
  pay_tolerance: 0.03          # DL103, DL104 (equity): allowed relative gap
  midpoint_progression: [0.05, 0.30]   # DL202
  range_spread: [0.20, 1.00]           # DL203
  seat_at_the_table: [strategy, budget]   # DL106
  management_words: [manager, director, vice president, VP, chief]   # DL108 (no "head of")
  not_management: [program manager, product manager]               # DL108
  ignore: [DL107]              # skip these rules for this file
  severity: {DL108: error, DL110: warning}  # raise or lower a rule's severity
```

`ignore` lists rule codes that are not run for this file; `severity` maps a rule code to
`error` or `warning` and replaces the default below. Both take the rule codes DL101-DL118,
DL201-DL206 and DL501, DL502, DL505. The load codes DL001-DL006 cannot be ignored or downgraded,
nor can DL503 and DL504: a file that breaks them is not a ladder (naming one in `ignore` or
`severity` is itself a DL002 finding). Neither can the roster read codes DL301-DL303.

In a company, a family's policy is the company file's `policy` with every key the family writes
replaced by the family's. DL502 and DL505 follow the company file's policy; DL501 is skipped for
a family whose policy ignores it.
"""


def registries() -> list[Registry[Any, Any]]:
    """The rule registry of every document family: ladders, roster audits, career plans,
    companies (each registry imported, so its rules are registered)."""
    from dualladder._internal.io.company import load_rules  # noqa: F401  (registers them)
    from dualladder._internal.io.company.registry import COMPANY_LOAD
    from dualladder._internal.rules.audit import AUDIT
    from dualladder._internal.rules.company import COMPANY
    from dualladder._internal.rules.ladder.registry import LADDER
    from dualladder._internal.rules.plan import PLAN

    return [LADDER, AUDIT, PLAN, COMPANY_LOAD, COMPANY]


def documented() -> list[tuple[str, Mapping[str, str]]]:
    """What documents each code: a label for its section and a code -> documentation map, one
    per registry (the rules' docstrings), then the codes without a rule function: the ladder
    load codes (:data:`LOAD_DOCS`) and the roster read codes
    (:data:`~dualladder._internal.io.roster.read.READ_DOCS`)."""
    out: list[tuple[str, Mapping[str, str]]] = [
        (registry.label, {code: rule.doc for code, rule in registry.rules.items()})
        for registry in registries()
    ]
    for label, texts in (("Load code", LOAD_DOCS), ("Roster read code", READ_DOCS)):
        out.append((label, {code: inspect.cleandoc(text) for code, text in texts.items()}))
    return out


def _entry(code: str) -> tuple[str, str]:
    """The label of ``code``'s section and its documentation."""
    for label, docs in documented():
        if code in docs:
            return label, docs[code]
    raise KeyError(f"{code} is neither a registered rule nor a documented load or read code")


def rule_doc(code: str) -> str:
    """The documentation of ``code``: its rule's docstring (in any family's registry), or the
    text of a load or read code (:func:`documented`)."""
    return _entry(code)[1]


def _anchor(code: str) -> str:
    """The anchor MkDocs and GitHub give the heading ``## DL101: ceiling``."""
    slug = f"{code} {TITLES[code]}".lower()
    return re.sub(r"[^a-z0-9 -]", "", slug).replace(" ", "-")


def _body(doc: str) -> str:
    """Bold the "Why it matters:" and "How to fix:" lead-ins."""
    return re.sub(r"^(Why it matters:|How to fix:)", r"**\1**", doc, flags=re.MULTILINE)


def _section(code: str) -> str:
    severity = CATALOG[code][0]
    kind, doc = _entry(code)
    return (
        f"## {code}: {TITLES[code]}\n\n"
        f"*{kind}; default severity: {severity}.*\n\n"
        f"{_body(doc)}\n"
    )


def rules_markdown() -> str:
    """The text of ``docs/rules.md``."""
    table = ["| code | severity | finding |", "|---|---|---|"]
    for code, (severity, summary) in CATALOG.items():
        table.append(f"| [{code}](#{_anchor(code)}) | {severity} | {summary} |")
    parts = [_INTRO, "## Catalog\n\n" + "\n".join(table) + "\n"]
    parts.extend(_section(code) for code in CATALOG)
    return "\n".join(parts)


def main() -> None:
    """Print the page (``python -m dualladder.rules.docs > docs/rules.md``)."""
    sys.stdout.write(rules_markdown())


if __name__ == "__main__":
    main()
