"""Parameters of the workforce and costs section (``notebooks/40_workforce_costs.ipynb``).

Besides the common ones. Money is in pounds (cash, at the price base stated); hours and weeks are
per agency worker; caseloads are cases per worker.

The shipped defaults name no council's posts, grades or rates: the agency hourly rate (0), the
job titles it applies to, the compared posts and the supplement change are unset, and each
costing that needs one is not done, with one line naming the parameter to set
(:mod:`pipelines.sections.workforce.posts`).

Ranges (a value outside is refused before the build, naming the parameter): the agency rate is 0 or
more (0: not set); hours and weeks are above 0 (hours at most 168, the hours in a week; weeks at
most 53); counts are not negative (posts made permanent; leavers shown in the supplement model, at
most 100, one bar each); band edges are above 0 and increase (at most 100, two decimal places);
there is one recommended caseload (above 0) per experience band, i.e. one more than the edges;
caseloads per worker are above 0; a post is named by its service, job title and (optionally) grade.
The extra cost per leaver may be negative (agency work cheaper than the post): the section then
shows a saving. Recruitment campaigns against their targets are the recruitment section's
(15_recruitment).
"""

from __future__ import annotations

import datetime as dt

from pydantic import Field, field_validator, model_validator

from pipelines.core.registry import SectionParameters, increasing

#: Said under the caseloads table when the review sets no recommended caseloads.
NO_STANDARD = "none set in the review configuration"

#: Keys that name a post (cost comparators, the supplement change).
POST_KEYS = ("service", "job_title", "grade")


def _post(post: dict[str, str], what: str) -> dict[str, str]:
    """``post`` if it has a non-blank service and job title, a grade or none, and nothing else.

    A post without a grade (or with a blank one) is costed at the job title's commonest
    permanent grade in the workforce snapshot (:mod:`pipelines.sections.workforce.posts`).
    """
    missing = [k for k in POST_KEYS[:2] if not str(post.get(k, "")).strip()]
    extra = [k for k in post if k not in POST_KEYS]
    if missing or extra:
        raise ValueError(
            f"{what} must name a post as {{service: ..., job_title: ..., grade: ...}} (grade "
            "may be left out)"
            + (f"; missing: {', '.join(missing)}" if missing else "")
            + (f"; not known: {', '.join(extra)}" if extra else "")
        )
    return post


class WorkforceParameters(SectionParameters):
    """The workforce and costs section's own parameters; defaults are the notebook's."""

    as_at: str = Field(
        default="",
        description="date of the workforce snapshot and caseload extract, ISO (blank: the "
        "snapshot's as_at)",
    )
    price_base: str = Field(
        default="the pay table's rates, cash",
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
        default=0.0,
        ge=0,
        description="£ an hour paid for an agency practitioner (0: not set, agency costs not done)",
    )
    agency_hours_per_week: float = Field(
        default=37.0, gt=0, le=168, description="hours an agency worker is paid for each week"
    )
    agency_weeks_per_year: float = Field(
        default=46.0, gt=0, le=53, description="weeks an agency worker is paid for in a year"
    )
    agency_rate_basis: str = Field(
        default="", description="where the hourly rate comes from, in words (blank: not stated)"
    )
    # The agency spend export, where the review has it, gives the rate and its source instead
    # (pipelines.sections.workforce.agency_rate).
    agency_rate_source: str = Field(
        default="",
        description="document and date the hourly rate comes from (blank: an assumption, never "
        "a key finding)",
    )
    capped_rate_roles: list[str] = Field(
        default=[],
        description=(
            "job titles the agency hourly rate applies to (none: agency workers not costed)"
        ),
    )
    cost_comparators: list[dict[str, str]] = Field(
        default=[],
        description=(
            "posts compared with an agency worker for a year (no grade: commonest; none: not "
            "compared)"
        ),
    )
    agency_comparator: str = Field(
        default="",
        description='the agency worker the posts are compared with (blank: "Agency worker")',
    )
    posts_made_permanent: int = Field(
        default=10, ge=0, description="agency posts made permanent in the savings estimate"
    )
    posts_made_permanent_source: str = Field(
        default="",
        description="paper and date setting the posts made permanent (blank: an illustration)",
    )
    supplement_change: dict[str, str] = Field(
        default={},
        description="the supplement whose withdrawal is modelled (none: not modelled)",
    )
    extra_cost_per_leaver: float = Field(
        default=0.0,
        description="pounds a year per leaver replaced by agency; 0 works it out",
    )
    max_leavers: int = Field(
        default=12, ge=0, le=100, description="most leavers shown in the supplement model"
    )
    experience_bands: list[float] = Field(
        default=[1, 3], description="band edges in years since qualifying"
    )
    caseload_standards: list[float] = Field(
        default=[],
        description="recommended caseload per experience band (blank: none; the review's "
        "caseload_standard)",
    )
    caseload_standards_source: str = Field(
        default=NO_STANDARD, description="whose recommended caseloads, and their date"
    )
    cases_per_worker: dict[str, float] = Field(
        default={},
        description="cases one full-time worker holds in the review's caseload model, by type",
    )
    caseload_model_source: str = Field(
        default="", description="whose caseload model it is, e.g. the council's staffing model"
    )

    @field_validator("as_at")
    @classmethod
    def _iso_date(cls, value: str) -> str:
        if not value:
            return value  # the snapshot's date in the review config
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            raise ValueError("as_at must be a date written YYYY-MM-DD, e.g. 2025-03-31") from None
        return value

    @field_validator("cost_comparators")
    @classmethod
    def _comparators(cls, value: list[dict[str, str]]) -> list[dict[str, str]]:
        for i, post in enumerate(value, start=1):
            _post(post, f"cost_comparators entry {i}")
        return value

    @field_validator("supplement_change")
    @classmethod
    def _supplement_post(cls, value: dict[str, str]) -> dict[str, str]:
        return _post(value, "supplement_change") if value else value

    @field_validator("experience_bands")
    @classmethod
    def _bands(cls, value: list[float]) -> list[float]:
        increasing(
            value,
            "the experience band edges (years since qualifying)",
            above=0,
            at_most=100,
            decimals=2,
        )
        return value

    @field_validator("caseload_standards")
    @classmethod
    def _standards(cls, value: list[float]) -> list[float]:
        if any(v <= 0 for v in value):
            raise ValueError("recommended caseloads must all be above 0")
        return value

    @field_validator("cases_per_worker")
    @classmethod
    def _per_worker(cls, value: dict[str, float]) -> dict[str, float]:
        bad = [k for k, v in value.items() if v <= 0]
        if bad:
            raise ValueError(
                f"cases one worker holds must be above 0 (they divide the cases); not so for: "
                f"{', '.join(bad)}"
            )
        return value

    @model_validator(mode="after")
    def _one_standard_per_band(self) -> WorkforceParameters:
        bands = len(self.experience_bands) + 1
        if self.caseload_standards and len(self.caseload_standards) != bands:
            raise ValueError(
                f"caseload_standards gives {len(self.caseload_standards)} recommended "
                f"caseload(s) but experience_bands {list(self.experience_bands)} make {bands} "
                f"bands: give one per band (one more than the band edges), e.g. "
                f"experience_bands [1, 3] with caseload_standards [15, 20, 23]"
            )
        return self

    def converted_words(self) -> str:
        """What :attr:`posts_made_permanent` is: its paper and date, or an illustration.

        "the number set in Workforce plan, 1 March 2018" from
        :attr:`posts_made_permanent_source`; without one, "a number chosen to illustrate the
        option: no council paper sets it".
        """
        source = self.posts_made_permanent_source.strip().rstrip(".")
        if source:
            return f"the number set in {source}"
        return "a number chosen to illustrate the option: no council paper sets it"
