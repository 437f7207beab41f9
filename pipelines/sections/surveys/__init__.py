"""Surveys section: staff and locum survey results."""
