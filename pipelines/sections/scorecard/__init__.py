"""Scorecard section: the headline indicators against the review's targets."""
