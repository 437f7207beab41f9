"""Parameters of the SWOT (``notebooks/50_swot.ipynb``): none besides the common ones."""

from __future__ import annotations

from pipelines.core.registry import SectionParameters


class SwotParameters(SectionParameters):
    """No parameters of its own: the section takes only the common ones (review, meeting...)."""
