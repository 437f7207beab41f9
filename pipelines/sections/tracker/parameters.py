"""Parameters of the recommendations tracker: none besides the common ones.

Notebook: ``notebooks/60_recommendations.ipynb``.
"""

from __future__ import annotations

from pipelines.core.registry import SectionParameters


class TrackerParameters(SectionParameters):
    """No parameters of its own: the section takes only the common ones (review, meeting...)."""
