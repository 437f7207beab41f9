"""Recommendations tracker section: the review's recommendations and their progress."""
