"""Parameters of the scorecard (``notebooks/70_scorecard.ipynb``): none besides the common ones."""

from __future__ import annotations

from pipelines.core.registry import SectionParameters


class ScorecardParameters(SectionParameters):
    """No parameters of its own: the section takes only the common ones (review, meeting...)."""
