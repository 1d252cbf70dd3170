"""A whole company on one level scale: the company file, its job families and pay zones.

Names are imported on first use, like the package's own (``import dualladder.company`` is
cheap)::

    company = dualladder.load_company("ladders/")
    for family in company.families:
        print(family.family, [zone for zone in family.zones])
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dualladder.lazy import lazy_exports

_EXPORTS: dict[str, str] = {
    "Company": "dualladder.company.model",
    "Zone": "dualladder.company.model",
    "Differential": "dualladder.company.model",
    "FamilyFile": "dualladder.company.model",
    "load_company": "dualladder.company.load",
    "read_company": "dualladder.company.reader",
    "check_company": "dualladder.company.check",
    "dumps_company": "dualladder.company.dump",
    "CompanyEdit": "dualladder.company.save",
    "save_company": "dualladder.company.save",
    "saves_company": "dualladder.company.save",
}

__all__ = [
    "Company",
    "CompanyEdit",
    "Differential",
    "FamilyFile",
    "Zone",
    "check_company",
    "dumps_company",
    "load_company",
    "read_company",
    "save_company",
    "saves_company",
]

if TYPE_CHECKING:
    from dualladder.company.check import check_company
    from dualladder.company.dump import dumps_company
    from dualladder.company.load import load_company
    from dualladder.company.model import Company, Differential, FamilyFile, Zone
    from dualladder.company.reader import read_company
    from dualladder.company.save import CompanyEdit, save_company, saves_company


__getattr__, __dir__ = lazy_exports(globals(), _EXPORTS)
