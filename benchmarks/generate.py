"""Generate a synthetic company of dual-ladder files for benchmarking dualladder.

One file per job family. Every family has 12 levels (L1-L12) with a pay band on each level, a
technical track from L1 to L12 and a management track from L5 (or so) to L12, both reaching the
top; some levels also carry a band on the rungs themselves. Rungs have rewards, a scope, 4-6
decision rights, aliases and expectations; crossover goes both ways.

Every file is valid under the format (``dualladder.load`` reads it without error) and most are
clean under the rules. About one file in ten gets one deliberate finding (a pay or rewards gap, a
management word in a technical title, one-way crossover, ...) so that the checker has real work
to do and real findings to report. Which files and which findings is fixed by ``--seed``: the
same seed and file count give byte-identical files.

    python benchmarks/generate.py --files 500 --seed 1 --out benchmarks/.company

The YAML is written by hand (flow style for bands, rewards and decisions, like the example
ladders in ``ladders/``), not through a YAML library, so the output does not depend on the
library's version. ``--check`` loads every file back with ``dualladder.load``.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import sys
import textwrap
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

LEVELS = 12
SCOPES = ["team", "group", "organization", "company", "industry"]
AUTHORITIES = ["informed", "consulted", "recommends", "decides"]
CURRENCIES = ["USD", "USD", "USD", "EUR", "EUR", "GBP", "CHF", "CAD"]

LEVEL_NAMES = [
    "Entry", "Developing", "Career", "Experienced", "Advanced", "Senior advanced", "Expert",
    "Senior expert", "Leader", "Senior leader", "Executive", "Senior executive",
]
#: The scope of the work at each level (index 0 = L1).
LEVEL_SCOPE = [0, 0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4]

AREAS = [
    "Payments", "Lending", "Search", "Identity", "Logistics", "Pricing", "Fraud", "Billing",
    "Mobile", "Web", "Firmware", "Robotics", "Perception", "Mapping", "Messaging", "Storage",
    "Networking", "Compute", "Observability", "Security", "Privacy", "Growth", "Ads", "Commerce",
    "Catalog", "Checkout", "Supply Chain", "Manufacturing", "Clinical", "Genomics", "Imaging",
    "Trading", "Risk", "Treasury", "Compliance", "Customer Data", "Localization", "Media",
    "Streaming", "Gaming", "Energy", "Battery", "Avionics", "Telemetry", "Simulation",
]
DISCIPLINES = [
    ("Software Engineering", "Software Engineer"),
    ("Data Engineering", "Data Engineer"),
    ("Data Science", "Data Scientist"),
    ("Site Reliability", "Reliability Engineer"),
    ("Quality Engineering", "Quality Engineer"),
    ("Product Design", "Product Designer"),
    ("Research", "Research Scientist"),
    ("Hardware Engineering", "Hardware Engineer"),
    ("Security Engineering", "Security Engineer"),
    ("Machine Learning", "Machine Learning Engineer"),
    ("Analytics", "Analyst"),
    ("Technical Writing", "Technical Writer"),
]
TECH_TITLES = [
    "Associate {d}", "{d} I", "{d} II", "Senior {d}", "Lead {d}", "Staff {d}",
    "Senior Staff {d}", "Principal {d}", "Senior Principal {d}", "Distinguished {d}",
    "Senior Distinguished {d}", "{a} {f} Fellow",
]
MGMT_TITLES = [
    "", "", "", "Team Lead, {a} {f}", "{a} {f} Manager", "Senior {a} {f} Manager",
    "Group Manager, {a} {f}", "Director of {a} {f}", "Senior Director of {a} {f}",
    "Vice President of {a} {f}", "Senior Vice President of {a} {f}",
    "Executive Vice President of {a} {f}",
]
TECH_ALIASES = [
    "Junior {d}", "", "Mid-level {d}", "Senior Engineer {a}", "Tech Lead {a}", "Staff Engineer {a}",
    "Senior Staff Engineer {a}", "Principal Engineer {a}", "Senior Principal Engineer {a}",
    "Distinguished Engineer {a}", "Senior Distinguished Engineer {a}", "Fellow {a}",
]
MGMT_ALIASES = [
    "", "", "", "Team Coach {a}", "People Lead {a}", "Senior People Lead {a}", "Group Lead {a}",
    "{a} {f} Director", "{a} {f} Senior Director", "VP {a} {f}", "SVP {a} {f}", "EVP {a} {f}",
]
TECH_EXPECTATIONS = [
    "Delivers well-scoped tasks with tests and documentation",
    "Learns the codebase, tooling and on-call practices of the team",
    "Owns features end to end within an established design",
    "Designs components and leads their delivery across several months",
    "Mentors engineers and raises the bar in design and code review",
    "Owns the architecture of a group's systems and their interfaces",
    "Drives cross-team technical initiatives to completion",
    "Defines the technical roadmap of an organization with its director",
    "Makes the final call on architecture disputes within the area",
    "Sets multi-year technical direction across several organizations",
    "Represents the company to customers, partners and regulators",
    "Identifies and incubates the technology bets of the next decade",
    "Publishes and speaks for the company in the field",
]
MGMT_EXPECTATIONS = [
    "Hires, coaches and retains the people on the team",
    "Plans and delivers the team roadmap with product partners",
    "Runs healthy team rituals, on-call and incident follow-up",
    "Builds and develops the team leads in the group",
    "Owns the group's headcount plan and hiring pipeline",
    "Sets the organization's goals and holds managers accountable for them",
    "Owns the organization's budget, headcount and vendor spend",
    "Grows the next generation of managers",
    "Aligns several organizations behind one multi-year plan",
    "Sets strategy together with the executive team",
    "Builds a culture that attracts and keeps top talent",
]
PERKS = [
    "stock options", "learning budget", "conference travel", "home office budget",
    "executive health plan", "sabbatical", "company car",
]
TECH_DOMAINS = ["architecture", "implementation", "technical standards", "tooling", "research"]
MGMT_DOMAINS = ["hiring", "budget", "roadmap", "promotion", "staffing", "vendors"]
SHARED_DOMAINS = ["hiring", "roadmap", "promotion", "architecture", "incident response"]

#: Deliberate findings, by the rule code they should trigger.
DEFECTS = [
    "DL103",  # pay parity: a technical rung's own band 10 % above management's
    "DL104",  # total rewards: the technical rung lacks the equity or a perk
    "DL105",  # influence: equivalent rungs differ in scope
    "DL106",  # seat at the table: the technical rung is only informed on strategy
    "DL107",  # crossover goes one way only
    "DL108",  # a technical title with a management word
    "DL109",  # a title used by two rungs
    "DL202",  # a 40 % midpoint jump between two levels
    "DL203",  # a band with a 150 % range spread
    "DL204",  # the technical rung paid in another currency
]
DEFECT_RATE = 0.1
#: Deliberate findings of a family in company mode (``--company``): the level bands are the
#: company's, so band-shape defects (DL202, DL203) are not the family's to make; instead a rung
#: paid off the company's band with no differential, and a job code another family uses.
COMPANY_DEFECTS = [
    "DL103", "DL104", "DL105", "DL106", "DL107", "DL108", "DL109", "DL204", "DL501", "DL502",
]
#: Company mode: the share of families that declare a differential (x 1.05 on the top levels).
DIFFERENTIAL_RATE = 0.1
#: Company mode: the pay zones besides the base bands (id, name, currency, factor, rounding);
#: a zone without a factor gets explicit bands (the base bands x 0.9 in EUR, rounded to 500).
ZONES = [
    ("high-cost", "High-cost metro areas", None, Decimal("1.15"), 1000),
    ("low-cost", "Lower-cost regions", None, Decimal("0.85"), 500),
    ("eu", "European Union", "EUR", None, 500),
]

_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9 .'/()-]*[A-Za-z0-9.)]|[A-Za-z]")
_RESERVED = {"yes", "no", "y", "n", "true", "false", "on", "off", "null"}


def scalar(text: str) -> str:
    """``text`` as a YAML scalar that is safe in flow and block context: plain if it can be,
    else double-quoted (JSON strings of ASCII text are valid YAML)."""
    if _PLAIN.fullmatch(text) and text.lower() not in _RESERVED and ": " not in text and (
        " #" not in text
    ):
        return text
    return json.dumps(text, ensure_ascii=True)


def money(value: Decimal) -> str:
    return str(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def round_to(value: Decimal, step: int) -> Decimal:
    return (value / step).quantize(Decimal(1), rounding=ROUND_HALF_UP) * step


@dataclass
class Band:
    min: Decimal
    mid: Decimal
    max: Decimal
    currency: str | None = None

    def flow(self) -> str:
        out = f"{{min: {money(self.min)}, mid: {money(self.mid)}, max: {money(self.max)}"
        if self.currency:
            out += f", currency: {self.currency}"
        return out + "}"

    def scaled(self, factor: Decimal, step: int) -> Band:
        return Band(round_to(self.min * factor, step), round_to(self.mid * factor, step),
                    round_to(self.max * factor, step), self.currency)


@dataclass
class Rung:
    level: int  # 0-based
    title: str
    code: str
    scope: int
    summary: str
    aliases: list[str] = field(default_factory=list)
    expectations: list[str] = field(default_factory=list)
    pay: Band | None = None
    bonus: Decimal | None = None
    equity: Decimal | None = None
    perks: list[str] = field(default_factory=list)
    decisions: list[tuple[str, int, int]] = field(default_factory=list)  # domain, authority, scope


def _decision(domain: str, authority: int, scope: int) -> tuple[str, int, int]:
    return (domain, authority, scope)


def _decisions(rng: random.Random, level: int, scope: int, track: str) -> list[
    tuple[str, int, int]
]:
    """4-6 decision rights. The widest `decides` is at the rung's scope (same on both tracks);
    strategy is taken part in at a breadth that grows with the level."""
    own = TECH_DOMAINS if track == "technical" else MGMT_DOMAINS
    primary = own[0] if track == "technical" else ("hiring" if level < 8 else "budget")
    out = [_decision(primary, 3, scope)]
    # seat at the table: management's authority in strategy; technical gets min(A, recommends)
    strategy_auth = 0 if level < 4 else (1 if level < 7 else (2 if level < 11 else 3))
    strategy_scope = min(max(scope, 2), 3)
    if track == "technical":
        strategy_auth = min(strategy_auth, 2)
    out.append(_decision("strategy", strategy_auth, strategy_scope))
    pool = list(dict.fromkeys(d for d in own + SHARED_DOMAINS if d != primary))
    # the pool is a list in a fixed order, so the sample depends on the seed only
    for domain in sorted(rng.sample(pool, rng.randint(2, 4)), key=pool.index):
        authority = rng.randint(0, 3)
        wide = rng.randint(0, 4)
        if authority == 3:
            wide = min(wide, scope)  # a narrower `decides` keeps the widest one at `scope`
        out.append(_decision(domain, authority, wide))
    return out


def _summary(rng: random.Random, title: str, area: str, scope: int, track: str) -> str:
    what = {
        0: "one team", 1: "a group of teams", 2: "an organization", 3: "the whole company",
        4: "the company and the wider industry",
    }[scope]
    verb = "Leads the people of" if track == "management" else "Shapes the technical work of"
    extra = rng.choice([
        "and keeps the delivery predictable",
        "and works closely with product, design and operations partners",
        "and is accountable for quality, security and cost of what it ships",
        "and grows the people around them through sponsorship and review",
    ])
    return f"{title}: {verb} {what} in {area} {extra}."


@dataclass
class Family:
    index: int
    organization: str
    area: str
    family: str
    noun: str
    currency: str
    levels: list[Band]
    management: list[Rung]
    technical: list[Rung]
    mgmt_start: int
    crossover: list[tuple[str, str, list[int]]]
    policy: bool
    defect: str | None
    #: company mode: (level, factor) differentials the family declares
    differentials: list[tuple[int, Decimal]] = field(default_factory=list)


def build(index: int, rng: random.Random, organization: str,
          scale: list[Band] | None = None) -> Family:
    """One family. With ``scale`` (company mode) its levels are the company's bands, no rung
    states a band of its own, and its deliberate finding is one of :data:`COMPANY_DEFECTS`."""
    area = AREAS[index % len(AREAS)]
    fam, noun = DISCIPLINES[(index // len(AREAS)) % len(DISCIPLINES)]
    round_no = index // (len(AREAS) * len(DISCIPLINES))
    family = f"{area} {fam}" + (f" {round_no + 1}" if round_no else "")
    currency = rng.choice(CURRENCIES)
    step = 500
    mid = Decimal(rng.randrange(50_000, 90_000, 1000))
    levels: list[Band] = []
    for _level in range(LEVELS):
        half = Decimal(rng.randrange(14, 22)) / 100  # range spread 2h/(1-h): 33 % to 56 %
        levels.append(Band(round_to(mid * (1 - half), step), round_to(mid, step),
                           round_to(mid * (1 + half), step)))
        mid *= 1 + Decimal(rng.randrange(10, 19)) / 100  # midpoint progression 10 % to 18 %
    mgmt_start = rng.choice([3, 4, 4, 4, 5])  # L4, L5 or L6
    # levels whose rungs state their own band (the same on both tracks)
    own_pay = {lvl for lvl in range(LEVELS) if lvl >= 9 or rng.random() < 0.15}
    defect = rng.choice(DEFECTS) if rng.random() < DEFECT_RATE else None
    if scale is not None:
        levels = [Band(b.min, b.mid, b.max) for b in scale]
        own_pay = set()
        defect = rng.choice(COMPANY_DEFECTS) if defect else None

    def rung(track: str, level: int) -> Rung:
        names = TECH_TITLES if track == "technical" else MGMT_TITLES
        aliases = TECH_ALIASES if track == "technical" else MGMT_ALIASES
        title = names[level].format(d=noun, a=area, f=fam)
        prefix = "T" if track == "technical" else "M"
        out = Rung(level=level, title=title, code=f"{prefix}{index:04d}-{level + 1:02d}",
                   scope=LEVEL_SCOPE[level], summary="")
        out.summary = _summary(rng, title, area, out.scope, track)
        alias = aliases[level].format(d=noun, a=area, f=fam)
        if alias and rng.random() < 0.7:
            out.aliases.append(alias)
        pool = TECH_EXPECTATIONS if track == "technical" else MGMT_EXPECTATIONS
        first = min(level, len(pool) - 3)
        out.expectations = pool[first : first + rng.randint(2, 3)]
        if level in own_pay:
            out.pay = levels[level].scaled(Decimal("1.02"), step)
        out.bonus = Decimal(5 + 2 * level) / 100
        out.equity = Decimal(10_000 * (level - 1) ** 2) if level >= 2 else None
        out.perks = PERKS[: 2 + min(level // 3, 3)]
        out.decisions = _decisions(rng, level, out.scope, track)
        return out

    technical = [rung("technical", lvl) for lvl in range(LEVELS)]
    management = [rung("management", lvl) for lvl in range(mgmt_start, LEVELS)]
    shared = list(range(mgmt_start, LEVELS - 1))
    crossover = [("technical", "management", shared), ("management", "technical", shared)]
    fam_obj = Family(index, organization, area, family, noun, currency, levels, management,
                     technical, mgmt_start, crossover, policy=rng.random() < 0.2, defect=defect)
    if scale is not None and rng.random() < DIFFERENTIAL_RATE:
        top = rng.randrange(LEVELS - 3, LEVELS)
        fam_obj.differentials = [(lvl, Decimal("1.05")) for lvl in range(top, LEVELS)]
        for lvl in range(top, LEVELS):
            fam_obj.levels[lvl] = fam_obj.levels[lvl].scaled(Decimal("1.05"), 1)
    if defect:
        _inject(fam_obj, rng, defect)
    return fam_obj


def _inject(fam: Family, rng: random.Random, defect: str) -> None:
    """Break one thing, so that (mostly) the one rule ``defect`` fires."""
    level = rng.randrange(fam.mgmt_start, LEVELS)
    tech = fam.technical[level]
    mgmt = fam.management[level - fam.mgmt_start]
    if defect == "DL103":
        # a wider band with the same midpoint: parity breaks, progression does not
        base = tech.pay or fam.levels[level]
        tech.pay = Band(round_to(base.min * Decimal("0.94"), 500), base.mid,
                        round_to(base.max * Decimal("1.06"), 500))
    elif defect == "DL104":
        if rng.random() < 0.5 or tech.equity is None:
            tech.perks = [p for p in tech.perks if p != "stock options"]
        else:
            tech.equity = tech.equity / 2
    elif defect == "DL105":
        tech.scope = max(tech.scope - 1, 0) if tech.scope else 1
    elif defect == "DL106":
        tech.decisions = [
            (d, 0, s) if d == "strategy" else (d, a, s) for d, a, s in tech.decisions
        ]
        mgmt.decisions = [
            (d, max(a, 1), s) if d == "strategy" else (d, a, s) for d, a, s in mgmt.decisions
        ]
    elif defect == "DL107":
        fam.crossover = fam.crossover[:1]
    elif defect == "DL108":
        tech.title = f"Head of {fam.area} Architecture"
    elif defect == "DL109":
        tech.title = fam.technical[level - 1].title
    elif defect == "DL202":
        # a 40 % jump into this level, kept on both tracks (so no parity finding)
        bump = Decimal("1.40") * fam.levels[level - 1].mid / fam.levels[level].mid
        for lvl in range(level, LEVELS):
            fam.levels[lvl] = fam.levels[lvl].scaled(bump, 500)
            for r in (fam.technical[lvl], fam.management[lvl - fam.mgmt_start]):
                if r.pay is not None:
                    r.pay = r.pay.scaled(bump, 500)
    elif defect == "DL203":
        band = fam.levels[level]
        fam.levels[level] = Band(band.min, band.mid, round_to(band.min * Decimal("2.5"), 500))
        if fam.levels[level].max < band.mid:
            fam.levels[level].max = band.mid
    elif defect == "DL204":
        other = "EUR" if fam.currency != "EUR" else "USD"
        base = tech.pay or fam.levels[level]
        tech.pay = Band(base.min, base.mid, base.max, other)
    elif defect == "DL501":
        # both rungs 3 % above the level's band, and no differential says why
        for r in (tech, mgmt):
            r.pay = fam.levels[level].scaled(Decimal("1.03"), 500)
    elif defect == "DL502":
        # the technical rung takes the job code of the same rung of the family before
        tech.code = f"T{max(fam.index - 1, 0):04d}-{level + 1:02d}"


# -- writing --------------------------------------------------------------------------------------


def _flow_list(items: list[str]) -> str:
    return "[" + ", ".join(scalar(i) for i in items) + "]"


def _rung_lines(r: Rung) -> list[str]:
    lines = [
        f"      - level: L{r.level + 1}",
        f"        title: {scalar(r.title)}",
        f"        code: {scalar(r.code)}",
    ]
    if r.aliases:
        lines.append(f"        aliases: {_flow_list(r.aliases)}")
    lines.append("        summary: >-")
    lines.extend("          " + part for part in textwrap.wrap(r.summary, 80))
    lines.append(f"        scope: {SCOPES[r.scope]}")
    lines.append("        expectations:")
    lines.extend(f"          - {scalar(e)}" for e in r.expectations)
    if r.pay is not None:
        lines.append(f"        pay: {r.pay.flow()}")
    rewards = []
    if r.bonus is not None:
        rewards.append(f"bonus_target: {r.bonus:.2f}")
    if r.equity is not None:
        rewards.append(f"equity: {money(r.equity)}")
    if r.perks:
        rewards.append(f"perks: {_flow_list(r.perks)}")
    if rewards:
        lines.append("        rewards: {" + ", ".join(rewards) + "}")
    lines.append("        decisions:")
    lines.extend(
        f"          - {{domain: {scalar(d)}, authority: {AUTHORITIES[a]}, scope: {SCOPES[s]}}}"
        for d, a, s in r.decisions
    )
    return lines


def render(fam: Family) -> str:
    lines = [
        f"# {fam.organization} -- {fam.family} career framework (synthetic, for benchmarks)",
        "#",
        "# Generated by benchmarks/generate.py. Twelve levels shared by a technical track",
        f"# (L1-L12) and a management track (L{fam.mgmt_start + 1}-L12).",
        "",
        "dualladder: 1",
        f"organization: {scalar(fam.organization)}",
        f"family: {scalar(fam.family)}",
        f"currency: {fam.currency}",
        "effective: 2026-01-01",
        "",
    ]
    if fam.policy:
        lines += [
            "policy:",
            "  pay_tolerance: 0.02",
            "  midpoint_progression: [0.05, 0.30]",
            "  range_spread: [0.20, 1.00]",
            "  seat_at_the_table: [strategy]",
            "",
        ]
    lines.append("levels:")
    for i, band in enumerate(fam.levels):
        lines += [f"  - id: L{i + 1}", f"    name: {scalar(LEVEL_NAMES[i])}",
                  f"    pay: {band.flow()}"]
    lines += ["", "tracks:"]
    for key, name, rungs in (
        ("management", f"{fam.family} Management", fam.management),
        ("technical", fam.family, fam.technical),
    ):
        lines += [f"  {key}:", f"    name: {scalar(name)}", "    rungs:"]
        for r in rungs:
            lines += _rung_lines(r)
    lines += ["", "crossover:"]
    for src, dst, lv in fam.crossover:
        ids = ", ".join(f"L{i + 1}" for i in lv)
        lines.append(f"  - {{from: {src}, to: {dst}, levels: [{ids}]}}")
    return "\n".join(lines) + "\n"


def company_scale(seed: int) -> list[Band]:
    """The company's shared scale (USD): one set of twelve level bands for every family."""
    rng = random.Random(f"{seed}:company")
    mid = Decimal(rng.randrange(60_000, 80_000, 1000))
    out: list[Band] = []
    for _level in range(LEVELS):
        half = Decimal(rng.randrange(15, 20)) / 100
        out.append(Band(round_to(mid * (1 - half), 500), round_to(mid, 500),
                        round_to(mid * (1 + half), 500)))
        mid *= 1 + Decimal(rng.randrange(11, 16)) / 100
    return out


def render_company(organization: str, scale: list[Band]) -> str:
    lines = [
        f"# {organization} -- the company's shared level scale and pay zones (synthetic, for",
        "# benchmarks). Generated by benchmarks/generate.py --company.",
        "",
        "dualladder-company: 1",
        f"organization: {scalar(organization)}",
        "currency: USD",
        "effective: 2026-01-01",
        "",
        "levels:",
    ]
    for i, band in enumerate(scale):
        lines += [f"  - id: L{i + 1}", f"    name: {scalar(LEVEL_NAMES[i])}",
                  f"    pay: {band.flow()}"]
    lines += ["", "zones:"]
    for ident, name, currency, factor, step in ZONES:
        lines += [f"  - id: {ident}", f"    name: {scalar(name)}"]
        if currency:
            lines.append(f"    currency: {currency}")
        if factor is not None:
            lines += [f"    factor: {factor}", f"    round_to: {step}"]
        else:
            lines.append("    bands:")
            lines += [f"      L{i + 1}: {band.scaled(Decimal('0.9'), step).flow()}"
                      for i, band in enumerate(scale)]
    return "\n".join(lines) + "\n"


def render_family(fam: Family, company: str) -> str:
    """A family file of a company: what the family adds to the company file it names."""
    text = render(fam)
    head, _, rest = text.partition("\ndualladder: 1\n")
    body = rest.split("\ntracks:\n", 1)[1]
    lines = [head.rstrip("\n"), "", "dualladder: 1", f"company: {company}",
             f"family: {scalar(fam.family)}",
             ""]
    if fam.policy:
        lines += ["policy:", "  pay_tolerance: 0.02", ""]
    if fam.differentials:
        lines.append("differentials:")
        lines += [f"  - {{level: L{lvl + 1}, factor: {factor}, reason: market premium}}"
                  for lvl, factor in fam.differentials]
        lines.append("")
    return "\n".join(lines) + "\ntracks:\n" + body


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def generate(out: Path, files: int = 500, seed: int = 1,
             organization: str = "Synthetic Corp", company: bool = False) -> list[Path]:
    """Write ``files`` ladder files into ``out`` (emptied first); returns their paths.

    With ``company``, the files are the job families of one company: ``company.yaml`` (the
    shared scale and three pay zones, the first path returned) and family files that name it.
    Also writes ``MANIFEST.json`` naming the deliberate finding of each file that has one.
    """
    if out.exists():
        for old in out.glob("*.yaml"):
            old.unlink()
    out.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    manifest: dict[str, str] = {}
    scale = company_scale(seed) if company else None
    if scale is not None:
        path = out / "company.yaml"
        path.write_text(render_company(organization, scale), encoding="utf-8", newline="\n")
        paths.append(path)
    for index in range(files):
        # one generator per file: file k is the same whatever --files is
        rng = random.Random(f"{seed}:{index}")
        fam = build(index, rng, organization, scale)
        path = out / f"{index:04d}-{slug(fam.family)}.yaml"
        text = render(fam) if scale is None else render_family(fam, "company.yaml")
        path.write_text(text, encoding="utf-8", newline="\n")
        paths.append(path)
        if fam.defect:
            manifest[path.name] = fam.defect
    (out / "MANIFEST.json").write_text(
        json.dumps({"seed": seed, "files": files, "defects": manifest}, indent=2,
                   sort_keys=True) + "\n",
        encoding="utf-8", newline="\n",
    )
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=500, help="job-family files (default 500)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / ".company" / "files",
                        help="output folder (default benchmarks/.company/files)")
    parser.add_argument("--clean", action="store_true", help="delete the output folder first")
    parser.add_argument("--check", action="store_true",
                        help="load every file back with dualladder.load")
    parser.add_argument("--company", action="store_true",
                        help="write one company: company.yaml (a shared scale, three pay "
                        "zones) and job-family files that name it")
    args = parser.parse_args(argv)
    if args.files < 1:
        parser.error("--files must be at least 1")
    if args.clean and args.out.exists():
        shutil.rmtree(args.out)
    paths = generate(args.out, args.files, args.seed, company=args.company)
    size = sum(p.stat().st_size for p in paths)
    print(f"wrote {len(paths)} files ({size / 1e6:.1f} MB) to {args.out}")
    if args.check:
        import dualladder

        for path in paths:
            if path.name == "company.yaml":
                dualladder.load_company(path)
            else:
                dualladder.load(path)
        print(f"all {len(paths)} files load")
    return 0


if __name__ == "__main__":
    sys.exit(main())
