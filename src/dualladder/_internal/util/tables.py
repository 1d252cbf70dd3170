"""Tidy tables for analysts: one record (a flat dict of snake_case columns) per row, and the same
rows as a pandas DataFrame.

pandas is an optional extra (``pip install 'dualladder[pandas]'``), imported only when
:meth:`Table.to_pandas` is called, as polars and statsmodels import theirs; nothing else of
dualladder needs it. Numbers are exact by default (amounts and ratios as ``Decimal``, counts as
``int``); ``floats=True`` gives float columns, for arithmetic and plots.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any, overload

if TYPE_CHECKING:
    import pandas  # type: ignore[import-untyped,import-not-found,unused-ignore]

__all__ = ["Table", "flatten", "import_pandas"]


def import_pandas() -> Any:
    """The pandas module; ImportError saying how to install it when it is missing."""
    try:
        import pandas
    except ImportError as exc:  # pragma: no cover - the test extra installs pandas
        raise ImportError(
            "to_pandas() needs pandas: pip install 'dualladder[pandas]'"
        ) from exc
    return pandas


@dataclass(frozen=True, slots=True)
class Table(Sequence[Mapping[str, Any]]):
    """A tidy table: ``columns`` in order and one record per row (a read-only mapping from
    column to value; ``None`` where a value is missing or not shown). A sequence of its
    records: ``len(table)``, ``table[0]["min"]``, ``for row in table``."""

    name: str
    columns: tuple[str, ...]
    rows: tuple[Mapping[str, Any], ...]

    @classmethod
    def of(cls, name: str, columns: Iterable[str], rows: Iterable[Mapping[str, Any]]) -> Table:
        """A table of ``rows`` with ``columns`` in that order; a column a row lacks is None
        (a nested value that was None as a whole). A row with a value in a column the table
        does not have is a mistake of the caller: ValueError."""
        header = tuple(columns)
        known = set(header)
        built: list[_Row] = []
        for row in rows:
            extra = [key for key, value in row.items() if key not in known and value is not None]
            if extra:
                raise ValueError(f"table {name}: columns {extra} are not among {header}")
            built.append(_Row({column: row.get(column) for column in header}))
        return cls(name, header, tuple(built))

    def __len__(self) -> int:
        return len(self.rows)

    @overload
    def __getitem__(self, index: int) -> Mapping[str, Any]: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[Mapping[str, Any]]: ...

    def __getitem__(self, index: int | slice) -> Mapping[str, Any] | Sequence[Mapping[str, Any]]:
        return self.rows[index]

    def __iter__(self) -> Iterator[Mapping[str, Any]]:
        return iter(self.rows)

    def records(self) -> list[dict[str, Any]]:
        """The rows as new plain dicts (``pandas.DataFrame(table.records())`` works too)."""
        return [dict(row) for row in self.rows]

    def to_pandas(self, *, floats: bool = False) -> pandas.DataFrame:
        """The table as a pandas DataFrame with :attr:`columns` in order.

        Numbers are exact by default: amounts and ratios are ``Decimal`` (an ``object`` column;
        ``df["min"].sum()`` is exact), counts ``int``. ``floats=True`` turns every ``Decimal``
        into the nearest float (``float64`` columns), for arithmetic and plots where binary
        rounding does not matter. A missing value is ``None`` (in a float column, NaN).
        """
        pandas = import_pandas()
        if floats:
            records = [{k: float(v) if isinstance(v, Decimal) else v for k, v in row.items()}
                       for row in self.rows]
        else:
            records = [dict(row) for row in self.rows]
        return pandas.DataFrame.from_records(records, columns=list(self.columns))


class _Row(dict[str, Any]):
    """A record of a table: a dict that refuses changes (a table is a value)."""

    def _refuse(self, *args: Any, **kwargs: Any) -> None:
        raise TypeError("a table's row is read-only; use table.records() for dicts to edit")

    __setitem__ = __delitem__ = clear = pop = popitem = setdefault = update = _refuse  # type: ignore[assignment]


def flatten(value: Any, prefix: str = "") -> dict[str, Any]:
    """A nested document (dicts and lists, as a JSON output holds them) as flat columns: keys
    joined with ``_`` (``{"compa_ratio": {"min": ...}}`` -> ``compa_ratio_min``), list items
    numbered from 1 (``quartiles_1_people``)."""
    out: dict[str, Any] = {}
    if isinstance(value, Mapping):
        for key, item in value.items():
            out.update(flatten(item, f"{prefix}_{key}" if prefix else str(key)))
    elif isinstance(value, list | tuple):
        for number, item in enumerate(value, 1):
            out.update(flatten(item, f"{prefix}_{number}" if prefix else str(number)))
    else:
        out[prefix] = value
    return out
