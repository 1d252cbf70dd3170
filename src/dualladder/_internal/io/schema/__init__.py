"""The JSON Schemas of every kind of file, and the key tables they are described by."""
