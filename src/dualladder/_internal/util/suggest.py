""""Did you mean ...?": the valid value nearest to a wrong one, for every message that refuses a
name (a track, a level, a roster column, a YAML key or enum value).

One rule everywhere: :func:`difflib.get_close_matches` (its default cutoff, 0.6) on the names
with case ignored, so ``technial`` finds ``technical`` and ``l55`` finds ``L5``. Bounded
whatever the input: a value or a choice longer than :data:`LONGEST` characters is never
compared, and at most :data:`MOST` choices are (difflib is quadratic in the lengths).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

__all__ = ["LONGEST", "MOST", "did_you_mean", "nearest", "one_of"]

#: Longer values and choices are not compared (a name is short; a 4 MB scalar is not a typo).
LONGEST = 100
#: At most this many choices are compared.
MOST = 1000


def nearest(value: str, choices: Iterable[str]) -> str | None:
    """The choice nearest to ``value`` (case ignored), or None when none is near enough."""
    if not isinstance(value, str) or len(value) > LONGEST:
        return None
    folded: dict[str, str] = {}
    for count, choice in enumerate(choices):
        if count >= MOST:
            break
        if isinstance(choice, str) and len(choice) <= LONGEST:
            folded.setdefault(choice.casefold(), choice)
    found = difflib.get_close_matches(value.casefold(), list(folded), n=1)
    return folded[found[0]] if found else None


def did_you_mean(value: str, choices: Iterable[str]) -> str:
    """``"; did you mean 'technical'?"``, or ``""`` when no choice is near."""
    hint = nearest(value, choices)
    return f"; did you mean {hint!r}?" if hint is not None else ""


def one_of(choices: Iterable[str], limit: int = 20) -> str:
    """The valid choices as a message lists them: ``informed, consulted, recommends, decides``
    (the first ``limit``, then how many more)."""
    names = list(choices)
    shown = ", ".join(names[:limit])
    return shown + (f" and {len(names) - limit} more" if len(names) > limit else "")
