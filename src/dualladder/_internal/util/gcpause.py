"""Pausing Python's cyclic garbage collector over work that makes no reference cycles.

A module of its own, importing nothing heavy, so that ``dualladder validate`` can pause the
collector before it imports pydantic and the models (building them makes hundreds of
thousands of objects, and the collector would keep scanning them while they are made).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["gc_paused"]


@contextmanager
def gc_paused(*, then_freeze: bool = False) -> Iterator[None]:
    """Pause Python's cyclic garbage collector over a batch of files.

    Loading and checking a file make thousands of short-lived objects (YAML nodes, data, models)
    but no reference cycles: reference counting frees each file's objects when it is done. The
    cyclic collector would still run every few thousand allocations and scan everything alive,
    about a fifth of a batch's time (benchmarks/PROFILE.md). It is switched back on after.

    ``then_freeze``, for a program that exits as soon as the batch is done (the ``dualladder``
    command, never a library call): what is alive is moved out of the collector's sight
    (:func:`gc.freeze`) before it is switched back on. Everything made while it was paused is
    still in its youngest generation, and its first collection would otherwise scan all of it
    (every module and model imported meanwhile: about 10 ms) just before the process ends.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            if then_freeze:
                gc.freeze()
            gc.enable()
