"""Parameters of the data-quality appendix: none besides the common ones.

Notebook: ``notebooks/90_data_quality.ipynb``.
"""

from __future__ import annotations

from pipelines.core.registry import SectionParameters


class DataQualityParameters(SectionParameters):
    """No parameters of its own: the section takes only the common ones (review, meeting...)."""
