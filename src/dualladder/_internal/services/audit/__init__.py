"""The audit of the people on a ladder: the computation, the report and its reporters."""
