"""Rules: parity."""

from __future__ import annotations
