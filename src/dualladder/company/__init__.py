"""A whole company on one level scale: the company file, its job families and pay zones.

Names are imported on first use, like the package's own (``import dualladder.company`` is
cheap)::

    company = dualladder.load_company("ladders/")
    for family in company.families:
        print(family.family, [zone for zone in family.zones])
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dualladder._internal.util.lazy import lazy_exports

_EXPORTS: dict[str, str] = {
    "Company": "dualladder._internal.model.company",
    "Zone": "dualladder._internal.model.company",
    "Differential": "dualladder._internal.model.company",
    "FamilyFile": "dualladder._internal.model.company",
    "load_company": "dualladder._internal.io.company.load",
    "read_company": "dualladder._internal.io.company.read",
    "check_company": "dualladder._internal.services.check.company",
    "dumps_company": "dualladder._internal.io.company.dump",
    "CompanyEdit": "dualladder._internal.model.family_edits",
    "save_company": "dualladder._internal.io.company.save",
    "saves_company": "dualladder._internal.io.company.save",
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
    from dualladder._internal.io.company.dump import dumps_company
    from dualladder._internal.io.company.load import load_company
    from dualladder._internal.io.company.read import read_company
    from dualladder._internal.io.company.save import save_company, saves_company
    from dualladder._internal.model.company import Company, Differential, FamilyFile, Zone
    from dualladder._internal.model.family_edits import CompanyEdit
    from dualladder._internal.services.check.company import check_company


__getattr__, __dir__ = lazy_exports(globals(), _EXPORTS)
