"""Rules: bands."""

from __future__ import annotations
