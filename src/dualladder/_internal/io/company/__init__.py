"""Reading, saving and dumping company and family files."""
