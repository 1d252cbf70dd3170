"""The ladder rules (DL1xx, DL2xx), in :data:`~dualladder._internal.rules.ladder.registry.LADDER`.

Each module below registers its rules by code on import; importing anything of this package
imports them all, so the registry is never seen half full.
"""

from dualladder._internal.rules.ladder import (  # noqa: F401  (they register their rules)
    amounts,
    bands,
    crossover,
    parity,
    shapes,
    structure,
    titles,
    translations,
)
