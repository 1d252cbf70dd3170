"""The career handbook: views, diagrams, templates, and the folder it is written to."""
