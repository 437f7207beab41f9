"""Parameters of the retention section (`notebooks/45_retention.ipynb`), beside the common ones."""

from __future__ import annotations

from pydantic import Field

from pipelines.core.registry import SectionParameters


class RetentionParameters(SectionParameters):
    """The retention section's own parameters; defaults are the notebook's.

    The number of agency posts the "made permanent" option converts is not one of them: it is
    the workforce section's ``posts_made_permanent`` in the meeting, so the option has one
    number of posts in the whole pack.
    """

    newly_qualified_months: float = Field(
        default=12.0,
        gt=0,
        le=120,
        description="joined newly qualified means started within this many months of qualifying",
    )
    curve_years: int = Field(
        default=5, ge=1, le=40, description="whole years shown on the public curves"
    )
    quarters: int = Field(
        default=8, ge=1, le=40, description="quarters projected after the snapshot date"
    )
    scenario_service: str = Field(
        default="Children's Social Care", description="service the scenarios change"
    )
    supplement_leaving_increase: float = Field(
        default=25.0,
        ge=0,
        le=1_000,
        description="scenario: percent rise in the leaving rate if the supplement is withdrawn",
    )
    supplement_leaving_increase_basis: str = Field(
        default="",
        description="who assumed that rise and why (blank: the withdrawal is not modelled)",
    )
    caseload_target_met: bool = Field(
        default=True,
        description="scenario: add the posts that bring the average caseload to the target",
    )
