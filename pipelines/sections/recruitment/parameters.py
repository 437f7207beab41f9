"""Parameters of the recruitment section (``notebooks/15_recruitment.ipynb``)."""

from __future__ import annotations

from pydantic import Field

from pipelines.core.registry import SectionParameters


class RecruitmentParameters(SectionParameters):
    """The recruitment section's own parameters; defaults are the notebook's."""

    campaigns: list[dict[str, object]] = Field(
        default=[],
        description="campaigns with name, campaign or route, target, deadline, cost, source",
    )
    campaigns_source: str = Field(
        default="", description="where the campaign targets and costs come from"
    )
    newly_qualified_plan: int = Field(
        default=0,
        ge=0,
        le=10_000,
        description="newly qualified social workers planned; 0 means no plan",
    )
    newly_qualified_from: str = Field(
        default="", description="first application date of the plan, ISO; empty: period start"
    )
    newly_qualified_by: str = Field(
        default="", description="date the plan is due, ISO; empty: period end"
    )
    newly_qualified_source: str = Field(default="", description="where the plan comes from")
