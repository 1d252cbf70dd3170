"""Layer 4, reading and writing each kind of file: read, save, dump, and the JSON Schemas."""
