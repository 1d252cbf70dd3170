"""Layer 3, the model: ladders, companies, plans and audit records as data, and their arithmetic."""
