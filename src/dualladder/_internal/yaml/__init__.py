"""Layer 2, YAML: the fast events reader, tags, where each node stands, the house style."""
