"""Analyses: pure functions, DataFrame in, DataFrame or number out, one module per section."""
