"""Career plans: scaffold a plan, its tracking sheet, its page."""
