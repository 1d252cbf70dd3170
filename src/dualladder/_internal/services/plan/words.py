"""The words of a career plan that pages and tracking sheets show in the reader's language,
and that a sheet reads back in any shipped language.

A plan file keeps its keys (a row kind ``step``, an owner ``manager``, a status
``in-progress``): they are what the rules and ``plan update`` read. A reader sees them in their
language (``Schritt``, ``Führungskraft``, ``in Arbeit``); a sheet written in one language and
filled in by someone whose spreadsheet is set to another is read back whatever shipped language
its cells are in (:func:`read_back`).
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from dualladder._internal.model.plan import Status
from dualladder._internal.model.plan_words import EMPLOYEE, MANAGER
from dualladder._internal.services.handbook.words import word
from dualladder._internal.util import i18n

__all__ = ["kind_names", "owner", "owner_names", "read_back", "status_names"]


def kind_names() -> dict[str, str]:
    """Each row kind (its key, as the plan's rules name it) -> its name in the active locale
    (``step``, ``expectation``, ``scope``, ``decision`` in English; ``Schritt``... in German)."""
    return {
        "step": i18n.pgettext("sheet row", "step"),
        "expectation": i18n.pgettext("sheet row", "expectation"),
        "scope": i18n.pgettext("sheet row", "scope"),
        "decision": i18n.pgettext("sheet row", "decision"),
    }


def owner_names() -> dict[str, str]:
    """The two owners every plan knows (``employee``, ``manager``) -> their names in the
    active locale; any other owner is a person's name, written as it is."""
    return {EMPLOYEE: word(EMPLOYEE), MANAGER: word(MANAGER)}


def status_names() -> dict[str, str]:
    """Each status (its key in the plan file) -> its name in the active locale, the word the
    plan page shows (``open``... in English; ``offen``, ``in Arbeit``... in German)."""
    return {status.value: word(status.value) for status in Status}


def _spoken(text: str) -> str:
    """A word as people type it: any case, ``_``, ``-`` and runs of spaces alike."""
    return " ".join(text.lower().replace("_", " ").replace("-", " ").split())


@functools.cache
def _read_back(names: str) -> dict[str, str]:
    """What a cell may say in any shipped language (as :func:`_spoken` writes it) -> the key
    it stands for: the keys themselves, and ``names`` (``kind``, ``owner`` or ``status``) in
    every shipped locale."""
    table: Callable[[], dict[str, str]] = {
        "kind": kind_names, "owner": owner_names, "status": status_names}[names]
    keys: dict[str, str] = {}
    for name in i18n.SHIPPED:
        with i18n.reading(name):
            for key, shown in table().items():
                keys.setdefault(_spoken(key), key)
                keys.setdefault(_spoken(shown), key)
    return keys


def read_back(names: str, text: str) -> str | None:
    """The key (``step``, ``manager``, ``in-progress``) a cell names in any shipped language,
    else None. ``names``: ``kind``, ``owner`` or ``status``."""
    return _read_back(names).get(_spoken(text))


def owner(text: str) -> str:
    """An owner as a reader reads it: ``employee`` and ``manager`` in the active locale, a
    person's name as it is."""
    return owner_names().get(text, text)
