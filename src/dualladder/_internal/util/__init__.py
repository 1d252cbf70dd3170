"""Layer 1, utilities: files, text safety, escaping, lazy exports, findings and the rule catalog."""
