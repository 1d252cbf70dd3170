"""A realistic generated roster for the audit tests: two job families of the Kestrel example
company, three pay zones in two currencies, part-timers, variable pay, equity and pay in kind,
contracted hours (some unknown), genders written many ways; women paid a little less on
average, so that there are gaps to measure."""

from __future__ import annotations

import random
from decimal import Decimal

from paths import KESTREL

import dualladder

WOMEN = ("F", "female", "Woman", "w", " f ")
MEN = ("M", "male", "MAN", "m")
OTHERS = ("x", "", "diverse", "n/a")


def generate(seed: int = 7, people: int = 420) -> list[dict[str, str]]:
    """A roster of the Kestrel company's Engineering and Data families."""
    rng = random.Random(seed)
    company = dualladder.load_company(KESTREL)
    families = [f for f in company.families if f.family in ("Engineering", "Data")]
    rows = []
    for number in range(people):
        ladder = rng.choice(families)
        track = rng.choice(list(ladder.tracks))
        rung = rng.choice(ladder.tracks[track].rungs)
        zone = rng.choice(["", "", "sf", "berlin"])
        band = ladder.band(rung, zone) if zone else ladder.band(rung)
        assert band is not None
        fte = rng.choice(["1", "1", "1", "0.8", "0.5", "0.6"])
        gender = rng.choice(WOMEN + MEN + MEN + OTHERS[:2] if rng.random() < 0.97 else OTHERS)
        # women paid a little less, on average, to give gaps to measure
        factor = rng.uniform(0.85, 1.15) * (0.96 if gender in WOMEN else 1)
        base = round(band.mid * Decimal(str(round(factor, 4))) * Decimal(fte))
        if fte == "0.6":
            base -= base % 3  # so that pay / 0.6 ends
        variable = round(base * rng.choice([0, 0, 0.05, 0.1, 0.15])) if rng.random() < 0.8 \
            else 0
        equity = rng.choice(["", "", "10000", "25000"])
        in_kind = rng.choice(["", "", "", "2400", "3600.50"])
        hours = "" if rng.random() < 0.1 else str(Decimal(40) * Decimal(fte))
        rows.append({
            "employee_id": f"K{number:04d}", "family": ladder.family, "track": track,
            "level": rung.level, "zone": zone, "currency": "EUR" if zone == "berlin" else "",
            "fte": fte, "base_pay": str(base), "variable_pay": str(variable) if variable else "",
            "equity": equity, "in_kind": in_kind, "hours": hours, "gender": gender,
        })
    return rows
