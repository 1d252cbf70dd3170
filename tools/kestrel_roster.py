"""Write the example roster of the Kestrel company (``examples/kestrel-roster.csv``).

    python tools/kestrel_roster.py > examples/kestrel-roster.csv

Everyone is made up and named by an id only (``K0001``): no name, no e-mail address. Every rung
of every family of ``ladders/kestrel/`` has one woman and one man in each pay zone (the base
zone, ``sf`` and ``berlin``), paid alike, at the same point of their band in that zone (a little
below the middle in the base zone, at it in ``sf``, a little above in ``berlin``, in the zone's
currency), with their rung's bonus target as variable pay and its equity grant; the lower levels
have a second pair. So ``dualladder audit ladders/kestrel/ examples/kestrel-roster.csv`` runs
out of the box and finds nothing: edit a row to see a finding. The output is the same on every
run (a test compares it with the file).
"""

from __future__ import annotations

import csv
import io
import sys
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEADER = ["employee_id", "family", "track", "level", "zone", "base_pay", "currency", "fte",
          "variable_pay", "equity", "gender", "hire_date"]
#: Where in its band a person of each zone is paid (0 the minimum, 1 the maximum).
POINT = {"": Decimal("0.45"), "sf": Decimal("0.5"), "berlin": Decimal("0.55")}


def _round(value: Decimal, step: int) -> Decimal:
    return (value / step).quantize(Decimal(1), rounding=ROUND_HALF_UP) * step


def roster() -> str:
    from dualladder.company import load_company

    company = load_company(ROOT / "ladders" / "kestrel")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    number = 0
    for ladder in company.families:
        for track, _, rung in ladder.rungs():
            rank = ladder.level_ids.index(rung.level)
            pairs = 2 if rank < 2 else 1
            for zone in ("", *company.zone_ids):
                band = ladder.band(rung, zone or None)
                if band is None:
                    continue
                currency = company.zone_currency(zone or None) or ladder.currency or ""
                pay = _round(band.min + (band.max - band.min) * POINT[zone], 100)
                rewards = rung.rewards
                bonus = rewards.bonus_target if rewards and rewards.bonus_target else Decimal(0)
                equity = rewards.equity if rewards and rewards.equity else Decimal(0)
                for _ in range(pairs):
                    for gender in ("female", "male"):
                        number += 1
                        hired = date(2019, 1, 7) + timedelta(days=(number * 37) % 2400)
                        writer.writerow([
                            f"K{number:04d}", ladder.family, track, rung.level, zone, pay,
                            currency, 1, _round(pay * bonus, 100), equity, gender,
                            hired.isoformat(),
                        ])
    return out.getvalue()


if __name__ == "__main__":
    sys.stdout.write(roster())
