"""Writing a company file back to YAML: ``dumps_company(company)`` reads back as an equal
company."""

from __future__ import annotations

from typing import Any

import yaml

from dualladder._internal.io.dump import Dumper
from dualladder._internal.model.company import Company

__all__ = ["company_data", "dumps_company"]


def company_data(company: Company) -> dict[str, Any]:
    """The company as plain data in file order, without fields left at their defaults."""
    data: dict[str, Any] = company.model_dump(
        mode="python", by_alias=True, exclude_defaults=True, exclude_none=True
    )
    data["dualladder-company"] = 1
    order = [field.alias or name for name, field in Company.model_fields.items()]
    return {key: data[key] for key in order if key in data}


def dumps_company(company: Company) -> str:
    """The company file as YAML text (``dualladder-company: 1``)."""
    text: str = yaml.dump(company_data(company), Dumper=Dumper, sort_keys=False,
                          allow_unicode=True, default_flow_style=False, width=100)
    return text
