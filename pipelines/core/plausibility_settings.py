"""The review's plausibility settings (``plausibility:``): ceilings of rates, checks' severities.

Part of the review configuration (:class:`pipelines.core.config.Review`): the rates above which
a figure is implausible enough to tell the officer, whether each check on the meaning of the
exports warns or stops the build, the check of a meeting dated before its data, and the limits
of FTE and pay. Unknown keys are refused.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

__all__ = ["DateCheck", "ExportChecks", "Plausibility", "RateCeiling"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class RateCeiling(_Strict):
    """A rate above which a figure is implausible enough to tell the officer (a percentage).

    A rate outside 0-100% always stops the build; a rate above ``percent`` gives a warning in
    the console and the data-quality appendix (``severity: warning``) or stops the build
    (``severity: critical``).
    """

    percent: float = Field(gt=0, le=100, description="Ceiling, a percentage (0-100]")
    severity: Literal["warning", "critical"] = "warning"


Severity = Literal["warning", "critical"]


class ExportChecks(_Strict):
    """Warn or stop for each check on the meaning of the exports (``plausibility: checks:``).

    ``critical`` stops the build with the file, row and column; ``warning`` builds the pack and
    lists the rows in the console and the data-quality appendix. The defaults, and why, are in
    the README (Data checks).
    """

    subtotal_rows: Severity = Field(
        default="critical",
        description="Rows whose numbers are the sum of the rows above or below them (left out)",
    )
    fte_per_post: Severity = Field(
        default="critical", description="An FTE above the per-post ceiling (hours, not FTE)"
    )
    pay_period: Severity = Field(
        default="critical", description="Salaries that look monthly or weekly, not annual"
    )
    survey_scale_direction: Severity = Field(
        default="critical",
        description="Survey answers exported as codes with no stated direction, or a direction "
        "the labels contradict",
    )
    vacancy_identity: Severity = Field(
        default="critical", description="Vacant FTE that is not establishment less permanent FTE"
    )
    zero_caseloads: Severity = Field(
        default="warning",
        description="Workers in the caseload extract holding no cases (left out of averages)",
    )
    contradicting_exports: Severity = Field(
        default="warning",
        description="One person in two exports that contradict each other (a leaver holding "
        "cases after leaving)",
    )
    hidden_rows: Severity = Field(
        default="warning",
        description="Data rows hidden in Excel (read and counted like the others): a warning "
        "when the export is read, or a stop",
    )
    total_rows: Literal["log", "warning", "critical"] = Field(
        default="log",
        description="Rows labelled Total, Subtotal, Grand total (left out): counted in the "
        "cleaning log only (log), or also a warning, or a stop",
    )


class DateCheck(_Strict):
    """Warn or stop for a check on the review's dates (``severity``)."""

    severity: Severity = "warning"


class Plausibility(_Strict):
    """Limits of the plausibility checks run on the tidy data (``plausibility:`` in a review).

    Defaults: turnover 40%, agency worker rate 55%, vacancy rate 55% (each a little above the
    highest 1% of English authorities' rates in the DfE children's social work workforce
    statistics 2017-2025: 35.4%, 48.5%, 51.0%), each a warning; an exit-interview form counts as
    late 183 days after the period end; a service with more than 2 leavers per establishment
    post stops the build.
    """

    turnover: RateCeiling = RateCeiling(percent=40)
    agency_rate: RateCeiling = RateCeiling(percent=55)
    vacancy_rate: RateCeiling = RateCeiling(percent=55)
    late_form_days: int = Field(default=183, ge=0)
    max_leavers_per_post: float = Field(default=2.0, gt=0)
    checks: ExportChecks = ExportChecks()
    meeting_before_data: DateCheck = Field(
        default_factory=DateCheck,
        description="A meeting dated before the end of the data period or before an "
        "export's as_at: a warning on the cover and in the data-quality appendix, or a stop "
        "(severity: critical)",
    )
    max_fte_per_post: float = Field(
        default=1.5,
        gt=1,
        description="Largest FTE one post or person can hold; above it an FTE looks like hours",
    )
    annual_pay: tuple[float, float] = Field(
        default=(15000.0, 150000.0),
        description="Range of a plausible annual salary in pounds, for grades without pay_scale",
    )
    pay_scale: dict[str, tuple[float, float]] = Field(
        default_factory=dict,
        description="Annual salary range in pounds per grade (e.g. a national or local pay "
        "scale: {M1: [28000, 34000]})",
    )

    @field_validator("annual_pay")
    @classmethod
    def _range_ordered(cls, value: tuple[float, float]) -> tuple[float, float]:
        if not 0 < value[0] < value[1]:
            raise ValueError("annual_pay must be [lowest, highest] with 0 < lowest < highest")
        return value

    @field_validator("pay_scale")
    @classmethod
    def _scale_ordered(cls, value: dict[str, tuple[float, float]]) -> dict:
        for grade, (low, high) in value.items():
            if not 0 < low <= high:
                raise ValueError(f"pay_scale {grade}: give [lowest, highest] in pounds a year")
        return value
