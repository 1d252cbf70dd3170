"""Layer 5, the rules: every registry (ladder, company, plan, audit) and its rules."""
