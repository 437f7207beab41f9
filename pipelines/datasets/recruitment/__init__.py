"""The recruitment system export: one row per application (issue 25)."""
