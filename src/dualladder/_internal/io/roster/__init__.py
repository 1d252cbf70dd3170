"""Reading rosters (CSV, XLSX) for the audit."""
