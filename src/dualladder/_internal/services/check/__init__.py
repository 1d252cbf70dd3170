"""Checking: a ladder, a company with its families, every file under a path."""
