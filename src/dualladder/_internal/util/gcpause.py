"""Pausing Python's cyclic garbage collector over work that makes no reference cycles.

A module of its own, importing nothing heavy, so that ``dualladder validate`` can pause the
collector before it imports pydantic and the models (building them makes hundreds of
thousands of objects, and the collector would keep scanning them while they are made).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["gc_paused", "program_exits_next"]

#: Set by the program (:func:`dualladder.cli.run`) only: the process ends when the command does.
_program_exits = False


def program_exits_next() -> None:
    """Say that the process ends as soon as the current command does (only the program's entry
    point may: a library call or a long-lived process must keep collecting its own objects)."""
    global _program_exits
    _program_exits = True


@contextmanager
def gc_paused(*, then_freeze: bool = False) -> Iterator[None]:
    """Pause Python's cyclic garbage collector over a batch of files.

    Loading and checking a file make thousands of short-lived objects (YAML nodes, data, models)
    but no reference cycles: reference counting frees each file's objects when it is done. The
    cyclic collector would still run every few thousand allocations and scan everything alive,
    about a fifth of a batch's time (benchmarks/PROFILE.md). It is switched back on after.

    ``then_freeze``, or the program's :func:`program_exits_next` (the ``dualladder`` command
    exits as soon as the batch is done; never a library call): what is alive is moved out of
    the collector's sight (:func:`gc.freeze`) before it is switched back on. Everything made
    while it was paused is still in its youngest generation, and its first collection would
    otherwise scan all of it (every module and model imported meanwhile: about 10 ms) just
    before the process ends. ``validate``, ``diff`` and ``audit`` all pause it, so all of them
    gain this when the program has said so.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            if then_freeze or _program_exits:
                gc.freeze()
            gc.enable()
