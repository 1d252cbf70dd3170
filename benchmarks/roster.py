"""Generate a synthetic roster for a ladder: for the audit benchmark, and the example roster.

    python benchmarks/roster.py ladders/acme-robotics-engineering.yaml --people 100000 \\
        --seed 1 --out benchmarks/.roster/roster.csv
    python benchmarks/roster.py ladders/acme-robotics-engineering.yaml --example \\
        --out examples/roster.csv

Everyone is made up. Each person stands on a rung of the ladder (more people on the lower
levels, about one in five on the management track where it exists), is paid around the middle
of the band (compa-ratio about 1.0, spread 0.05) for their fte, has the ladder's bonus target
as variable pay most of the time and its equity grant often, and a gender (about 42 % women,
56 % men, 2 % other or not stated). Columns the audit does not read (a name, an e-mail address)
are there as in a real export. The same seed, ladder and size give byte-identical files.

``--example`` writes the example roster of ``examples/`` (300 people, seed 12) with a handful of
deliberate findings; ``examples/roster.md`` describes them.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

HEADER = ["employee_id", "name", "email", "track", "level", "base_pay", "currency", "fte",
          "variable_pay", "equity", "gender", "hire_date"]

FIRST = ["Alex", "Sam", "Robin", "Kim", "Jo", "Noa", "Ari", "Lee", "Mika", "Sasha", "Toni", "Eli"]
LAST = ["Berg", "Costa", "Dahl", "Eriksen", "Fox", "Garcia", "Holm", "Iqbal", "Jansen", "Kowal"]


@dataclass
class Rung:
    track: str
    level: str
    rank: int
    mid: Decimal
    low: Decimal
    high: Decimal
    bonus: Decimal
    equity: Decimal


def rungs_of(path: Path) -> list[Rung]:
    import dualladder

    ladder = dualladder.load(path)
    out = []
    for track, _, rung in ladder.rungs():
        band = ladder.band(rung)
        if band is None:
            continue
        rewards = rung.rewards
        out.append(Rung(track, rung.level, ladder.level_ids.index(rung.level), band.mid,
                        band.min, band.max,
                        rewards.bonus_target or Decimal(0) if rewards else Decimal(0),
                        rewards.equity or Decimal(0) if rewards else Decimal(0)))
    return out


def _round(value: Decimal, step: int = 100) -> Decimal:
    return (value / step).quantize(Decimal(1), rounding=ROUND_HALF_UP) * step


def person(rng: random.Random, number: int, rung: Rung, *, compa: float | None = None,
           gender: str | None = None, bonus_odds: float = 1.0, spread: float = 0.05
           ) -> list[str]:
    sex = gender or rng.choices(["F", "M", "X"], weights=[42, 56, 2])[0]
    fte = Decimal("0.8") if rng.random() < 0.1 else Decimal(1)
    ratio = compa if compa is not None else min(max(rng.gauss(1.0, spread), 0.86), 1.14)
    base = _round(rung.mid * Decimal(str(round(ratio, 4))) * fte)
    variable = ""
    if rung.bonus and rng.random() < bonus_odds:
        variable = str(_round(base * rung.bonus))
    equity = str(_round(rung.equity * fte)) if rung.equity else ""
    first, last = rng.choice(FIRST), rng.choice(LAST)
    hired = date(2010, 1, 1) + timedelta(days=rng.randrange(5800))
    email = f"{first.lower()}.{last.lower()}{number}@example.com"
    return [f"E{number:06d}", f"{first} {last}", email,
            rung.track, rung.level, str(base), "USD", str(fte), variable, equity,
            {"F": "female", "M": "male", "X": ""}[sex], hired.isoformat()]


def generate(rungs: list[Rung], people: int, seed: int) -> list[list[str]]:
    rng = random.Random(seed)
    top = max(r.rank for r in rungs)
    weights = [(top - r.rank + 1) ** 2 * (0.25 if r.track == "management" else 1.0)
               for r in rungs]
    chosen = rng.choices(rungs, weights=weights, k=people)
    return [person(rng, i + 1, rung) for i, rung in enumerate(chosen)]


def example(rungs: list[Rung]) -> list[list[str]]:
    """300 people with the deliberate findings that ``examples/roster.md`` describes."""
    rng = random.Random(12)
    by = {(r.track, r.level): r for r in rungs}
    # no technical people on L9 or L10: a ceiling in practice (DL309)
    usable = [r for r in rungs if not (r.track == "technical" and r.rank >= 6)]
    top = max(r.rank for r in usable)
    weights = [(top - r.rank + 1) ** 2 * (0.35 if r.track == "management" else 1.0)
               for r in usable]
    rows: list[list[str]] = []
    number = 1000
    # managers up to L9 (the technical track has nobody there)
    chosen = rng.choices(usable, weights=weights, k=268) + [by[("management", "L9")]] * 3 + [
        by[("management", "L8")]] * 3
    for rung in chosen:
        number += 1
        key = (rung.track, rung.level)
        if key == ("technical", "L7"):  # parity in practice (DL308): paid low in the band
            rows.append(person(rng, number, rung, compa=rng.gauss(0.90, 0.02)))
        elif key == ("technical", "L5"):  # access (DL312): one in four gets a bonus
            rows.append(person(rng, number, rung, bonus_odds=0.25, spread=0.02))
        else:
            rows.append(person(rng, number, rung, spread=0.02))
    # a category gap (DL310): women on L6 paid about 9 % below men
    for track in ("management", "technical"):
        for k in range(6):
            number += 1
            rows.append(person(rng, number, by[(track, "L6")], compa=0.86, gender="F"))
            number += 1
            rows.append(person(rng, number, by[(track, "L6")], compa=1.0 + k / 100,
                               gender="M"))
    # pay outside the band: two below the minimum (DL306), one above the maximum (DL307)
    for compa, level in ((0.80, "L4"), (0.78, "L5"), (1.22, "L3")):
        number += 1
        rows.append(person(rng, number, by[("technical", level)], compa=compa))
    # bad rows: a thousands separator (DL302), an id twice (DL303), a level the ladder lacks
    number += 1
    bad = person(rng, number, by[("technical", "L4")])
    bad[5] = f"{int(Decimal(bad[5])):,}"
    rows.append(bad)
    twice = person(rng, 1002, by[("technical", "L3")])
    rows.append(twice)
    number += 1
    unknown = person(rng, number, by[("technical", "L8")])
    unknown[4] = "L11"
    rows.append(unknown)
    rng.shuffle(rows)
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("ladder", type=Path)
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--example", action="store_true",
                        help="the example roster with deliberate findings")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    rungs = rungs_of(args.ladder)
    rows = example(rungs) if args.example else generate(rungs, args.people, args.seed)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(HEADER)
        writer.writerows(rows)
    print(f"wrote {len(rows)} people to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
