"""Core: configuration, sources, cleaning and validation frameworks, presentation and the pack."""
