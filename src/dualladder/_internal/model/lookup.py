"""A track or a level named by a person (a command-line option, a roster cell): found as the
ladder spells it, or with case ignored, a track also by its display name; and, when it is not
found, the message that names the valid ones and the nearest.

``plan new --track`` and ``--level``, its ``--goal`` and the audit's roster cells all read names
through these, so one name means one rung everywhere.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dualladder._internal.util.suggest import did_you_mean, one_of

if TYPE_CHECKING:
    from dualladder._internal.model.ladder import Ladder

__all__ = ["level_id", "track_key", "unknown_level", "unknown_track"]


def track_key(ladder: Ladder, name: str) -> str | None:
    """The key of the track ``name`` names: its key (``technical``), with case ignored
    (``Technical``), or its display name with case ignored (``engineering management``)."""
    if name in ladder.tracks:
        return name
    folded = name.casefold()
    for key in ladder.tracks:
        if key.casefold() == folded:
            return key
    for key in ladder.tracks:
        if ladder.track_name(key).casefold() == folded:
            return key
    return None


def level_id(ladder: Ladder, name: str) -> str | None:
    """The id of the level ``name`` names: its id (``L5``), or with case ignored (``l5``)."""
    ids = ladder.level_ids
    if name in ids:
        return name
    folded = name.casefold()
    return next((lid for lid in ids if lid.casefold() == folded), None)


def unknown_track(ladder: Ladder, name: str, shown: str | None = None) -> str:
    """``track 'technial' is not a track of the Engineering ladder (tracks: management,
    technical); did you mean 'technical'?`` (``shown``: how the message quotes ``name``)."""
    keys = list(ladder.tracks)
    names = [ladder.track_name(key) for key in keys]
    hint = did_you_mean(name, keys) or did_you_mean(name, names)
    return (
        f"track {shown or repr(name)} is not a track of the {ladder.family} ladder "
        f"(tracks: {one_of(keys)}){hint}"
    )


def unknown_level(ladder: Ladder, name: str, shown: str | None = None) -> str:
    """``level 'L55' is not a level of the Engineering ladder (levels: L3, ..., L10); did you
    mean 'L5'?`` (``shown``: how the message quotes ``name``)."""
    ids = ladder.level_ids
    return (
        f"level {shown or repr(name)} is not a level of the {ladder.family} ladder "
        f"(levels: {one_of(ids)}){did_you_mean(name, ids)}"
    )
