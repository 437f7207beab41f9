"""Parameters of the workforce and costs section (``notebooks/40_workforce_costs.ipynb``).

Besides the common ones. Money is in pounds (cash, at the price base stated); hours and weeks are
per agency worker; caseloads are cases per worker.
"""

from __future__ import annotations

from pydantic import Field

from pipelines.core.registry import SectionParameters


class WorkforceParameters(SectionParameters):
    """The workforce and costs section's own parameters; defaults are the notebook's."""

    as_at: str = Field(
        default="2016-07-30",
        description="date of the workforce snapshot and caseload extract, ISO",
    )
    price_base: str = Field(
        default="2016/17 pay rates, cash",
        description="price base stated beside every money figure",
    )
    register_year: str = Field(
        default="",
        description='year of the market supplement register, e.g. "2016/17" (blank: not stated)',
    )
    previous_year: str = Field(
        default="",
        description='the year its "compared to" column compares with, e.g. "2015/16" '
        "(blank: the previous year)",
    )
    agency_hourly_rate: float = Field(
        default=32.0,
        description="pounds an hour the council pays for an agency practitioner",
    )
    agency_hours_per_week: float = Field(
        default=37.0, description="hours an agency worker is paid for each week"
    )
    agency_weeks_per_year: float = Field(
        default=46.0, description="weeks an agency worker is paid for in a year"
    )
    agency_rate_basis: str = Field(
        default="capped rate", description="where the hourly rate comes from, in words"
    )
    capped_rate_roles: list[str] = Field(
        default=[
            "ASYE Social Worker",
            "Social Worker",
            "Senior Practitioner",
            "Advanced Practitioner",
            "Occupational Therapist",
            "Senior Occupational Therapist",
        ],
        description="job titles the agency hourly rate applies to",
    )
    cost_comparators: list[dict[str, str]] = Field(
        default=[
            {
                "service": "Children's Social Care",
                "job_title": "Senior Practitioner",
                "grade": "M2",
            },
        ],
        description="permanent posts compared with an agency worker for one year",
    )
    agency_comparator: str = Field(
        default="Agency Senior Practitioner",
        description="the agency worker the posts are compared with",
    )
    posts_made_permanent: int = Field(
        default=10, description="agency posts made permanent in the savings estimate"
    )
    supplement_change: dict[str, str] = Field(
        default={"service": "Children's Social Care", "job_title": "Social Worker", "grade": "M1"},
        description="the supplement whose withdrawal is modelled",
    )
    extra_cost_per_leaver: float = Field(
        default=0.0,
        description="pounds a year per leaver replaced by agency; 0 works it out",
    )
    max_leavers: int = Field(default=12, description="most leavers shown in the supplement model")
    experience_bands: list[float] = Field(
        default=[1, 3], description="band edges in years since qualifying"
    )
    caseload_standards: list[float] = Field(
        default=[15, 20, 23], description="recommended caseload per experience band"
    )
    caseload_standards_source: str = Field(
        default="Lancashire County Council recommended caseloads, 2015", description="comparator"
    )
    cases_per_worker: dict[str, float] = Field(
        default={},
        description="cases one full-time worker holds in the review's caseload model, by type",
    )
    caseload_model_source: str = Field(
        default="", description="whose caseload model it is, e.g. the council's staffing model"
    )
    recruitment_campaigns: list[dict[str, object]] = Field(
        default=[],
        description="campaigns with campaign, target, in_post, in_checks, deadline",
    )
    recruitment_source: str = Field(default="", description="where the campaign figures come from")
