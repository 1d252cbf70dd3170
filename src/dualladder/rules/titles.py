"""Rules: titles."""

from __future__ import annotations
