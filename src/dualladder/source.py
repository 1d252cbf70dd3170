"""Where each node of a ladder file stands: YAML path -> 1-based (line, column)."""

from __future__ import annotations

from dataclasses import dataclass, field

from dualladder.findings import Loc

Position = tuple[int, int]


@dataclass(slots=True)
class SourceMap:
    """Positions of the nodes of one YAML document.

    ``values`` holds the start of each value node (mapping values and sequence items) by its
    path; ``keys`` the start of each mapping key; ``scalars`` the text of scalars that YAML
    read as something other than a string (numbers, booleans, dates), for messages like
    "quote it".
    """

    name: str
    values: dict[Loc, Position] = field(default_factory=dict)
    keys: dict[Loc, Position] = field(default_factory=dict)
    scalars: dict[Loc, str] = field(default_factory=dict)
    line_count: int = 0

    def locate(self, loc: Loc, *, key: bool = False) -> Position:
        """The position of ``loc``, or of its nearest recorded ancestor.

        With ``key`` the position of the mapping key is preferred (for unknown and duplicate
        keys); otherwise the start of the value, except for a value that starts on a later line
        than its key (a block list or mapping), where the key is what a reader looks for.
        """
        if key and loc in self.keys:
            return self.keys[loc]
        probe = loc
        while probe:
            found = self.values.get(probe)
            if found is not None:
                named = self.keys.get(probe)
                if named is not None and named[0] < found[0]:
                    return named
                return found
            probe = probe[:-1]
        return self.values.get((), (1, 1))

    def has(self, loc: Loc) -> bool:
        return loc in self.values
