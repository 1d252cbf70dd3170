"""Rows given in Python (dicts, a pandas DataFrame, its records) as the text of table cells, as
a CSV file would hold them: for the roster reader and the market adjustment alike.

What a value means does not depend on the library that holds it: ``None``, a float ``NaN``
(Python's or numpy's), ``pandas.NA`` and ``NaT`` are an empty cell (an empty ``zone`` is the
base zone, as in a CSV file); an integer of any integral type (``numpy.int64`` too) is its
digits; a float is read through its shortest repr (``0.1``, never
``0.1000000000000000055511151231257827``), a ``Decimal`` as written
(:func:`~dualladder._internal.util.numbers.exact_number`, the rule of the models too); dates
as ISO dates.

pandas is never imported here: a DataFrame can only be given by a script that imported pandas
already, so it is looked up in ``sys.modules``.
"""

from __future__ import annotations

import numbers
import sys
from collections.abc import Iterable, Iterator, Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Protocol

from dualladder._internal.util.numbers import exact_number

__all__ = ["DataFrameLike", "cell_text", "is_missing", "table_rows"]


class DataFrameLike(Protocol):
    """The part of a pandas DataFrame the reader uses (pandas is never imported for it)."""

    @property
    def columns(self) -> Any: ...

    def itertuples(self, index: bool = ..., name: str | None = ...) -> Iterable[Any]: ...


def is_missing(value: object) -> bool:
    """Whether ``value`` is a missing value: None, NaN of any float type or ``Decimal``,
    ``pandas.NA``, ``pandas.NaT`` or ``numpy.datetime64('NaT')``."""
    if value is None:
        return True
    if isinstance(value, Decimal):
        return value.is_nan()  # quiet or signalling (comparing a signalling NaN raises)
    if isinstance(value, float):
        return value != value  # NaN only
    kind = type(value)
    if kind.__module__.startswith(("pandas", "numpy")):
        if kind.__name__ in ("NAType", "NaTType"):
            return True
        try:
            return bool(value != value)
        except (TypeError, ValueError):
            return False
    return False


def cell_text(value: object) -> str:
    """A value given in Python as the text of a roster cell (see the module docstring)."""
    if is_missing(value):
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool) or type(value).__name__ == "bool_":
        return "TRUE" if value else "FALSE"
    if isinstance(value, numbers.Real):  # the one rule for numbers given in Python
        number = exact_number(value)
        if isinstance(number, Decimal) and number.is_finite() and number % 1 == 0:
            return str(int(number))  # 85000.0 is the cell 85000, as a CSV file writes it
        return str(number)
    if isinstance(value, datetime):
        if value.time() == datetime.min.time():
            return value.date().isoformat()
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if type(value).__name__ == "datetime64":
        return str(value).removesuffix("T00:00:00")
    return str(value)


def table_rows(rows: Iterable[Mapping[str, object]] | DataFrameLike
               ) -> tuple[list[str], Iterator[list[object]]] | None:
    """A pandas DataFrame as (header, rows of values); None for anything else."""
    pandas = sys.modules.get("pandas")
    if pandas is None or not isinstance(rows, pandas.DataFrame):
        return None
    header = [str(name) for name in rows.columns]
    return header, (list(values) for values in rows.itertuples(index=False, name=None))
