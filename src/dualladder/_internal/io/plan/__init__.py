"""Reading, saving and dumping career plan files."""
