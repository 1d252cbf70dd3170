"""The locales dualladder ships catalogs for, and the one-line error for any other.

Kept apart from :mod:`dualladder._internal.util.i18n` (which imports Babel) so that reading a
file's ``locale:`` key and the command line's ``--locale`` cost no Babel import.
"""

from __future__ import annotations

from typing import Final

__all__ = ["DEFAULT", "SHIPPED", "UnknownLocale", "check_locale"]

#: The locales whose catalogs ship with dualladder, English first.
SHIPPED: Final = ("en", "de", "fr", "es")
DEFAULT: Final = "en"


class UnknownLocale(ValueError):
    """A locale that dualladder ships no catalog for; the message names the shipped ones."""


def check_locale(name: str) -> str:
    """``name`` if dualladder ships its catalog; else :class:`UnknownLocale`, one line."""
    if name in SHIPPED:
        return name
    shown = name if len(name) <= 40 else name[:40] + "..."
    raise UnknownLocale(
        f"unknown locale {shown!r}; the shipped locales are {', '.join(SHIPPED)}"
    )
