"""Parameters of the surveys section (``notebooks/20_surveys.ipynb``), besides the common ones."""

from __future__ import annotations

from pydantic import Field

from pipelines.core.registry import SectionParameters


class SurveysParameters(SectionParameters):
    """The surveys section's own parameters; defaults are the notebook's."""

    staff_period: str = Field(
        default="January to February 2016", description="when the staff survey was open"
    )
    locum_period: str = Field(default="November 2015", description="when the locum survey was run")
    previous_wave: str = Field(
        default="",
        description="dataset key of an earlier wave of the staff survey; blank for none",
    )
    small_n: int = Field(
        default=30,
        description="fewer answers than this in a group earns a small-numbers caution",
    )
    confidence: float = Field(
        default=0.95, description="level of the likely range shown for each average"
    )
    resamples: int = Field(
        default=10000, description="bootstrap resamples behind each likely range"
    )
    comments_shown: int = Field(
        default=200,
        description="most staff comments quoted in the exempt pack; above it, the first of each "
        "theme in each service in turn",
    )
