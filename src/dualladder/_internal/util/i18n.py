"""The reader's language: gettext catalogs and Babel's number, money and date formats.

Every word dualladder writes into a page a person reads (a handbook, the company site, a plan
page, a tracking sheet, the audit report, an Art. 7 statement) is looked up in the catalog of
the *active* locale, and every number, amount, percentage and date on such a page is written
the locale's way. The active locale is a context variable set for the length of one render:

    with reading("de"):
        ...build and render the pages...

Outside such a block the locale is English. Findings and command-line errors never pass
through here: they stay English (they are for the people who edit the files, and CI logs are
searched by their words).

The catalogs are ``src/dualladder/locale/<lang>/LC_MESSAGES/dualladder.po`` (the sources) and
the ``.mo`` files compiled from them, committed beside them (a test holds them equal);
docs/handbook.md ("Adding a language") says how a contributor adds a language with ``pybabel``.

English keeps the styles the pages had before there were catalogs (``USD 165,000``,
``12.5%``, ISO dates), written as explicit Babel patterns, so English pages do not change.
"""

from __future__ import annotations

import functools
import gettext as _gettext
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Final

from dualladder._internal.util.locales import DEFAULT, SHIPPED, UnknownLocale, check_locale

if TYPE_CHECKING:  # Babel is imported where a number, a date or a locale's symbol is written
    from babel import Locale
    from babel.numbers import NumberPattern

__all__ = [
    "DEFAULT",
    "DOMAIN",
    "LOCALE_DIR",
    "N_",
    "SHIPPED",
    "UnknownLocale",
    "active",
    "check_locale",
    "compact_number",
    "date_text",
    "decimal_text",
    "gettext",
    "in_every_locale",
    "money",
    "money_range",
    "ngettext",
    "number",
    "once_named",
    "percent",
    "percent_of",
    "pgettext",
    "plural_form",
    "reading",
]

#: The gettext domain (the catalogs' file name).
DOMAIN: Final = "dualladder"
LOCALE_DIR: Final = Path(__file__).resolve().parents[2] / "locale"

#: Amounts above this many digits are shown in scientific notation, as format_amount does.
_HUGE_DIGITS = 30
#: The most decimal places an amount shows (the model's bound).
_AMOUNT_PLACES = 4


@dataclass(frozen=True)
class _Reader:
    name: str
    translations: _gettext.NullTranslations

    @functools.cached_property
    def locale(self) -> Locale:
        """Babel's locale, made (and Babel imported) when a number or a date is first written
        this locale's way: the words alone need only the catalog (an English audit report
        writes its figures itself)."""
        from babel import Locale

        return Locale.parse(self.name)


@functools.cache
def _reader(name: str) -> _Reader:
    check_locale(name)
    try:
        translations: _gettext.NullTranslations = _gettext.translation(
            DOMAIN, LOCALE_DIR, [name]
        )
    except OSError:  # pragma: no cover - a broken install; English text is still right
        if name != DEFAULT:
            raise
        translations = _gettext.NullTranslations()
    return _Reader(name, translations)


_ACTIVE: ContextVar[str] = ContextVar("dualladder_locale", default=DEFAULT)


def active() -> str:
    """The name of the active locale (``en`` outside :func:`reading`)."""
    return _ACTIVE.get()


@contextmanager
def reading(name: str | None) -> Iterator[str]:
    """Make ``name`` (None: English) the active locale inside the block."""
    chosen = check_locale(name or DEFAULT)
    token = _ACTIVE.set(chosen)
    try:
        yield chosen
    finally:
        _ACTIVE.reset(token)


def _current() -> _Reader:
    return _reader(_ACTIVE.get())


# -- words ----------------------------------------------------------------------------------------


def gettext(message: str) -> str:
    """``message`` in the active locale."""
    return _current().translations.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of ``singular``/``plural`` for ``n`` in the active locale (its plural rules)."""
    return _current().translations.ngettext(singular, plural, n)


def plural_form(count: Decimal | int) -> str:
    """The CLDR plural category of ``count`` in the active locale (``one``, ``other``; French
    ``one`` for 0 too; ``few``, ``many`` where a language has them), through Babel: for a
    text whose words the catalogs do not hold (a user template's own)."""
    value = count if isinstance(count, Decimal) else Decimal(count)
    if not value.is_finite() or _huge(value):
        return "other"
    return str(_current().locale.plural_form(abs(value)))


def pgettext(context: str, message: str) -> str:
    """``message`` in the active locale, told apart from the same English word by ``context``."""
    return _current().translations.pgettext(context, message)


#: The placeholder of a track's name in the catalogs' messages.
_TRACK = "%(track)s"


@functools.cache
def _track_word(name: str) -> tuple[str, re.Pattern[str]] | None:
    """The locale's word for a track, as its catalog writes ``"%(track)s track"`` (the word
    beside the placeholder: ``Laufbahn``, ``Filière``, ``track``), and a pattern that finds that
    word beside the placeholder in any message; None where the catalog has no such word."""
    before, _, after = _reader(name).translations.gettext("%(track)s track").partition(_TRACK)
    words = before.split()[-1:] or after.split()[:1]
    if not words or not words[0].isalpha():
        return None
    word, placeholder = re.escape(words[0]), re.escape(_TRACK)
    return words[0].casefold(), re.compile(
        rf"(?<!\w){word}\s+(?={placeholder})|(?<={placeholder})\s+{word}(?!\w)", re.IGNORECASE)


def once_named(message: str, track: object) -> str:
    """``message`` (a translated text holding ``%(track)s``) without the locale's word for a
    track beside the placeholder when the track's name holds that word already, so no page
    repeats it: German ``Laufbahn %(track)s`` with ``Fachlaufbahn`` is ``Fachlaufbahn``, not
    ``Laufbahn Fachlaufbahn``; English ``the %(track)s track`` with ``Technical track`` is ``the
    Technical track``. The word is the catalog's own (``"%(track)s track"``), in every locale."""
    found = _track_word(_ACTIVE.get()) if _TRACK in message else None
    if found is None or found[0] not in str(track).casefold():
        return message
    return found[1].sub("", message)


# -- numbers --------------------------------------------------------------------------------------


def _places(value: Decimal) -> int:
    """The decimal places an amount shows: none for a whole amount, else cents and any finer
    places it has (0.0001 is not 0.00), at most four."""
    if value == value.to_integral_value():
        return 0
    exponent = value.normalize().as_tuple().exponent
    return min(max(2, -exponent if isinstance(exponent, int) else 2), _AMOUNT_PLACES)


def _with_places(pattern: NumberPattern, places: int) -> NumberPattern:
    """``pattern`` with exactly ``places`` decimal places."""
    from babel.numbers import parse_pattern

    copy = parse_pattern(pattern.pattern)
    copy.frac_prec = (places, places)
    return copy


@functools.cache
def _en_money() -> NumberPattern:
    """English keeps the code before the amount (``USD 165,000``), as pages always wrote it."""
    from babel.numbers import parse_pattern

    return parse_pattern("\u00a4\u00a4 #,##0")


def _huge(value: Decimal) -> bool:
    return value.is_finite() and value.adjusted() > _HUGE_DIGITS


def number(value: Decimal | int, places: int | None = None) -> str:
    """A number the locale's way (``165,000``; ``165.000`` in German; ``1,234.50``).
    ``places``: exactly that many decimals; None: an amount's places (none when whole)."""
    decimal = value if isinstance(value, Decimal) else Decimal(value)
    if _huge(decimal) or not decimal.is_finite():
        return f"{decimal:.6E}"
    reader = _current()
    pattern = _with_places(reader.locale.decimal_formats[None], _places(decimal)
                           if places is None else places)
    return str(pattern.apply(decimal, reader.locale))


def money(amount: Decimal, currency: str | None) -> str:
    """An amount of ``currency`` the locale's way: ``USD 165,000`` in English (the code first,
    as pages always wrote it), ``165.000 €`` in German, ``165 000 €`` in French; the amount
    alone without a currency."""
    if currency is None or _huge(amount) or not amount.is_finite():
        return number(amount)
    reader = _current()
    base = _en_money() if reader.name == DEFAULT else reader.locale.currency_formats["standard"]
    pattern = _with_places(base, _places(amount))
    return str(pattern.apply(amount, reader.locale, currency=currency, currency_digits=False))


def percent(value: Decimal, places: int | None = None) -> str:
    """A fraction as a percentage the locale's way: ``0.125`` -> ``12.5%`` in English (as
    pages wrote it), ``12,5 %`` in German. ``places``: exactly that many decimals; None: as
    many as the value has."""
    reader = _current()
    scaled = (value * 100).normalize()
    if places is None:
        exponent = scaled.as_tuple().exponent
        places = max(0, -exponent) if isinstance(exponent, int) else 0
    if reader.name == DEFAULT:
        return f"{scaled:.{places}f}%"
    pattern = _with_places(reader.locale.percent_formats[None], places)
    return str(pattern.apply(value, reader.locale))


def compact_number(value: Decimal) -> str:
    """A round number short, the active locale's way, for an axis tick: ``1,25 Mio.`` in
    German, ``150 k`` in French, ``150 mil`` in Spanish (CLDR's short compact forms, through
    Babel); where the locale has no short form for the magnitude, the whole number written the
    locale's way (German: ``150.000``). English pages keep their own ticks (``150k``, the
    chart's :func:`~dualladder._internal.services.handbook.svg.tick_label`)."""
    from babel.numbers import format_compact_decimal

    reader = _current()
    text = format_compact_decimal(value, format_type="short", locale=reader.locale,
                                  fraction_digits=3)
    if any(char.isalpha() for char in text):
        return text
    return number(value)


def decimal_text(text: str) -> str:
    """A number already written in English digits (``7.7 %``, ``1.5``) with the locale's
    decimal sign: for figures whose rounding is decided elsewhere (the audit's)."""
    reader = _current()
    if reader.name == DEFAULT:
        return text
    sign = reader.locale.number_symbols["latn"]["decimal"]
    return text.replace(".", sign)


def date_text(value: date) -> str:
    """A date the locale's way: ISO ``2026-01-01`` in English (as pages wrote it), the
    locale's medium form elsewhere (``01.01.2026`` in German)."""
    reader = _current()
    if reader.name == DEFAULT:
        return value.isoformat()
    from babel.dates import format_date  # and the time zone modules: only dates need them

    return format_date(value, format="medium", locale=reader.locale)


def money_range(low: Decimal, high: Decimal, currency: str | None, dash: str) -> str:
    """A band's range: ``USD 145,000 - 195,000`` in English, ``145.000 - 195.000 €`` in
    German (the currency once, where the locale writes it)."""
    reader = _current()
    if reader.name == DEFAULT or currency is None or _huge(low) or _huge(high):
        prefix = f"{currency} " if currency else ""
        return f"{prefix}{number(low)} {dash} {number(high)}"
    pattern = reader.locale.currency_formats["standard"]
    if "\u00a4" in pattern.prefix[0]:  # the currency before the amount
        return f"{money(low, currency)} {dash} {number(high)}"
    return f"{number(low)} {dash} {money(high, currency)}"


def percent_of(text: str) -> str:
    """A percentage already worked out as English digits (``34.5``) written the locale's way:
    ``34.5%`` in English, ``34,5 %`` in German."""
    if _current().name == DEFAULT:
        return f"{text}%"
    try:
        value = Decimal(text)
    except ArithmeticError:
        return f"{decimal_text(text)} %"
    if _huge(value):
        return f"{decimal_text(text)} %"
    exponent = value.as_tuple().exponent
    return percent(value / 100, max(0, -exponent) if isinstance(exponent, int) else 0)


def N_(message: str) -> str:
    """Mark ``message`` for the catalog without translating it now (a constant translated
    where it is used, with :func:`gettext`)."""
    return message


def in_every_locale(message: str) -> set[str]:
    """``message`` in every shipped locale: for reading back what a page wrote in any of
    them (a tracking sheet's column names)."""
    return {_reader(name).translations.gettext(message) for name in SHIPPED}
