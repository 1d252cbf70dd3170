"""How the handbook's pages write values: file-name-safe slugs, percentages, money, the range
dash, and the track colours.

File names of per-track and per-level pages come from :func:`slugify` over the ids, so a hostile
id (``../../etc/passwd``, ``C:\\x``, ``.``) cannot choose where a page is written.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

from dualladder._internal.model.ladder import Band
from dualladder._internal.util import i18n
from dualladder._internal.util.escape import clean_text

__all__ = [
    "DASH",
    "DERIVED",
    "PALETTE",
    "SLUG_MAX",
    "money",
    "optional_text",
    "percent",
    "slugify",
    "spread_percent",
]

#: Track colours, in track order (management, technical, then any further track). Chosen to be
#: told apart by people with the common colour-vision deficiencies, and dark enough for text.
PALETTE: tuple[tuple[str, str], ...] = (
    ("#2b5c8a", "#e6eef6"),  # management: blue
    ("#b35c12", "#fbeee2"),  # technical: amber
    ("#2e7d4f", "#e5f3ea"),  # green
    ("#7a4a9a", "#f0e8f6"),  # purple
    ("#a23a4a", "#f7e6e9"),  # red
    ("#1f7a7a", "#e2f2f2"),  # teal
)

SLUG_MAX = 48

#: The dash between the ends of a range (an en dash).
DASH = "\u2013"

#: How pages mark a midpoint that the band does not state (the middle of its range).
DERIVED = i18n.N_(", derived: the middle of the range")


def slugify(text: str, used: set[str], fallback: str) -> str:
    """A file-name-safe slug of ``text``: ASCII ``[a-z0-9-]``, at most :data:`SLUG_MAX` long,
    not in ``used`` (``-2``, ``-3``... appended), ``fallback`` when nothing is left.

    ``used`` is updated. Dots and slashes never survive, so a slug cannot name a parent folder,
    an absolute path or a drive.
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:SLUG_MAX].strip("-")
    if not slug:
        slug = fallback
    candidate, number = slug, 2
    while candidate in used:
        candidate = f"{slug}-{number}"
        number += 1
    used.add(candidate)
    return candidate


def optional_text(value: str | None) -> str | None:
    """``value`` cleaned for a page (see :func:`~dualladder._internal.util.escape.clean_text`), None
    left as None."""
    return None if value is None else clean_text(value)


def percent(value: Decimal) -> str:
    """``Decimal('0.125')`` -> ``'12.5%'`` (``12,5 %`` in German: the active locale's way)."""
    return i18n.percent(value)


def money(amount: Decimal, currency: str | None) -> str:
    """``150000, 'USD'`` -> ``'USD 150,000'`` (just the amount without a currency), the
    active locale's way (``150.000 €`` in German)."""
    return i18n.money(amount, currency)


def spread_percent(band: Band) -> str:
    """``(max - min) / min`` in percent to one decimal (``34.5``); in scientific notation when
    that would take more digits than Decimal arithmetic keeps (a band from 0.0001 to 10^14)."""
    ratio = (band.max - band.min) / band.min * 100
    if ratio.adjusted() >= 20:
        return f"{ratio.normalize():.3g}"
    return str(ratio.quantize(Decimal("0.1")))
