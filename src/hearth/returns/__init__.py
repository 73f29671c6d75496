"""Statutory returns: extract -> derive -> render -> validate (DESIGN.md, "Returns")."""
