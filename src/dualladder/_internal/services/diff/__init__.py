"""Semantic diffs of ladders and companies, and their reports."""
