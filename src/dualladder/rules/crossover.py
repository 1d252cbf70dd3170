"""Rules: crossover."""

from __future__ import annotations
