"""The time and memory bounds that every hostile input must stay within (issues 8 and 20), and
the hypothesis settings of the fuzzing properties: :func:`bounded` runs its body under a
wall-clock alarm and checks its peak Python heap; :data:`FUZZ` runs ``EXAMPLES`` examples
(``DUALLADDER_FUZZ_EXAMPLES``), reproducibly under CI.
"""

from __future__ import annotations

import os
import signal
import tracemalloc
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

from hypothesis import HealthCheck, Phase, settings

#: The bounds every input must stay within. They are limits the harness enforces, not speeds:
#: a real ladder takes milliseconds and a few megabytes; an input that needs more is a bug of
#: the kind issue 8 lists (minutes of work, gigabytes of memory).
TIME_LIMIT_S = 20
MEMORY_LIMIT_MB = 256

EXAMPLES = int(os.environ.get("DUALLADDER_FUZZ_EXAMPLES", "40"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,  # the harness bounds time itself, generously (TIME_LIMIT_S)
    derandomize=os.environ.get("CI") == "true",
    # no "explain" phase: it traces every line, which the time bound would take for a hang
    phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.target, Phase.shrink],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


class BoundExceeded(Exception):
    """An input took longer than TIME_LIMIT_S or more memory than MEMORY_LIMIT_MB."""


@contextmanager
def bounded(time_s: float = TIME_LIMIT_S, memory_mb: float = MEMORY_LIMIT_MB) -> Iterator[None]:
    """Run the body with a wall-clock alarm of ``time_s`` and check its peak Python heap
    against ``memory_mb``; :class:`BoundExceeded` if either is passed."""

    def timeout(signum: int, frame: FrameType | None) -> None:
        raise BoundExceeded(f"took longer than {time_s} s")

    can_alarm = hasattr(signal, "setitimer")
    if can_alarm:
        previous = signal.signal(signal.SIGALRM, timeout)
        signal.setitimer(signal.ITIMER_REAL, time_s)
    tracemalloc.start()
    try:
        yield
        _, peak = tracemalloc.get_traced_memory()
        if peak > memory_mb * 1024 * 1024:
            raise BoundExceeded(f"used {peak / 1024**2:.0f} MB of heap")
    finally:
        tracemalloc.stop()
        if can_alarm:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
