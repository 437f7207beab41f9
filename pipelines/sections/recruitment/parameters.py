"""Parameters of the recruitment section (``notebooks/15_recruitment.ipynb``).

Ranges (a value outside is refused before the build, naming the campaign and the field): each
campaign is named (``name``, ``campaign`` or ``route``) and has only the keys of
:data:`CAMPAIGN_KEYS`; its counts and money (``target``, ``applications``, ``in_post``,
``in_checks``, ``appointed``, ``cost``) are numbers, 0 or more and finite; a typed-in
``appointed`` total given beside ``in_post`` and ``in_checks`` is their sum; a ``deadline``
written as a date (``2017-04-30``) must be a real date (words such as "end of March 2017" are
printed as written); the plan's dates ``newly_qualified_from`` and ``newly_qualified_by`` are
blank or dates written YYYY-MM-DD.

A target (a campaign's ``target``, the ``newly_qualified_plan``) is a target only with a source
a reader can look up: its paper's name (the campaign's ``source``, else ``campaigns_source``;
``newly_qualified_source``) and date (the campaign's ``source_date``, else
``campaigns_source_date``; ``newly_qualified_source_date``), cited "name, date" as the review
gives them (:func:`pipelines.core.review_targets.cited_source`). A target without both is
illustrative (a demonstration's value): it is left out of the tables, the findings and the
scorecard's met / not met, and the campaigns' appointments are shown without it.
"""

from __future__ import annotations

import datetime as dt
import math
import re

from pydantic import Field, field_validator

from pipelines.core.registry import SectionParameters

#: Keys a campaign may have (see :func:`pipelines.sections.recruitment.analysis.campaign_rows`).
CAMPAIGN_KEYS = (
    "name", "campaign", "route", "target", "deadline", "cost", "cost_basis", "source",
    "source_date", "applications", "in_post", "in_checks", "appointed",
)  # fmt: skip
#: The figures a council without the recruitment export types in, with their ``source``.
TYPED_IN = ("applications", "in_post", "in_checks", "appointed")
#: Keys of a campaign that are counts of people or pounds (never negative).
CAMPAIGN_NUMBERS = ("target", "applications", "in_post", "in_checks", "appointed", "cost")
#: Keys of a campaign that name it (one is needed).
CAMPAIGN_NAMES = ("name", "campaign", "route")
#: A deadline that is meant as a date: digits and dashes or slashes ("2017-04-30", "30/04/2017").
_DATE_LIKE = re.compile(r"^\s*\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}\s*$")


def _is_count(v: object) -> bool:
    """True when ``v`` is a finite number 0 or more (not a bool)."""
    return not isinstance(v, bool) and isinstance(v, int | float) and 0 <= v < math.inf


def _campaign_problems(i: int, c: object) -> list[str]:
    """What is wrong with campaign ``i`` (1-based) of the ``campaigns`` parameter, one line each."""
    if not isinstance(c, dict):
        return [f"campaign {i} must be a mapping (name: ..., target: ...); found {c!r}"]
    label = next((str(c[k]) for k in CAMPAIGN_NAMES if str(c.get(k) or "").strip()), None)
    what = f'campaign {i} ("{label}")' if label else f"campaign {i}"
    out = []
    if label is None:
        out.append(f"{what} has no name: give name, campaign (its reference) or route")
    extra = [str(k) for k in c if k not in CAMPAIGN_KEYS]
    if extra:
        out.append(f"{what} has {', '.join(extra)}, which is not one of {', '.join(CAMPAIGN_KEYS)}")
    for key in CAMPAIGN_NUMBERS:
        v = c.get(key)
        if v is None or v == "":
            continue
        if isinstance(v, bool) or not isinstance(v, int | float) or not 0 <= v < math.inf:
            out.append(f"{what}: {key} must be a number, 0 or more; found {v!r}")
    parts, total = [c.get("in_post"), c.get("in_checks")], c.get("appointed")
    given = [v for v in (*parts, total) if v not in (None, "")]
    if len(given) == 3 and all(_is_count(v) for v in given):
        if float(parts[0]) + float(parts[1]) != float(total):
            out.append(
                f"{what}: appointed ({total:g}) must be in_post + in_checks "
                f"({parts[0]:g} + {parts[1]:g}); give the total alone, or correct the figures"
            )
    dated = c.get("source_date")
    if dated not in (None, "") and not isinstance(dated, dt.date):
        try:
            dt.date.fromisoformat(str(dated).strip())
        except ValueError:
            out.append(
                f"{what}: source_date must be the date of the paper that set the target, "
                f"written YYYY-MM-DD (e.g. 2025-03-31); found {dated!r}"
            )
    deadline = c.get("deadline")
    if isinstance(deadline, str) and _DATE_LIKE.match(deadline):
        try:
            dt.date.fromisoformat(deadline.strip())
        except ValueError:
            out.append(
                f"{what}: deadline must be a date written YYYY-MM-DD (e.g. 2017-04-30) or in "
                f"words; found {deadline!r}"
            )
    elif deadline is not None and not isinstance(deadline, str | dt.date):
        out.append(f"{what}: deadline must be a date (YYYY-MM-DD) or words; found {deadline!r}")
    return out


class RecruitmentParameters(SectionParameters):
    """The recruitment section's own parameters; defaults are the notebook's."""

    campaigns: list[dict[str, object]] = Field(
        default=[],
        description=(
            "campaigns (name, target, deadline, cost, source; without the export, typed-in figures)"
        ),
    )
    campaigns_source: str = Field(
        default="", description="where the campaign targets and costs come from"
    )
    campaigns_source_date: str = Field(
        default="",
        description="date of the paper that set the campaign targets, ISO; empty: illustrative",
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
    newly_qualified_source_date: str = Field(
        default="", description="date of the plan, ISO; empty: illustrative, not a target"
    )

    @field_validator("campaigns", mode="before")
    @classmethod
    def _campaigns(cls, value: object) -> object:
        """Each campaign named, its counts and cost numbers of 0 or more, its deadline a date."""
        if not isinstance(value, list):
            return value  # the type check says what is expected
        problems = [p for i, c in enumerate(value, start=1) for p in _campaign_problems(i, c)]
        if problems:
            raise ValueError("; ".join(problems))
        return value

    @field_validator(
        "newly_qualified_from",
        "newly_qualified_by",
        "campaigns_source_date",
        "newly_qualified_source_date",
    )
    @classmethod
    def _iso_date(cls, value: str) -> str:
        """A plan date: blank (the period's start or end) or a date written YYYY-MM-DD."""
        if not value:
            return value
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            raise ValueError("must be a date written YYYY-MM-DD, e.g. 2025-03-31") from None
        return value

    def campaign_dates(self, names, counted=()) -> dict[str, str]:
        """The deadline and the day set of the named campaigns' targets, as figure notes.

        ISO dates (:func:`pipelines.core.review_targets.target_dates`): the latest deadline of
        ``names`` ("due": the scorecard says "not yet due" before it) and the latest day the
        target of a campaign in ``counted`` was set (its ``source_date``, else
        ``campaigns_source_date``: "target_set", so a finding does not measure a period that
        ended before it). ``counted`` are the campaigns whose appointments the export counts
        over the period; typed-in figures are as of the paper that reports them, not the
        period, so they give no "target_set".
        """
        from pipelines.core.review_targets import target_dates
        from pipelines.sections.recruitment.result import campaign_name

        def chosen(which) -> list[dict[str, object]]:
            return [c for c in self.campaigns if campaign_name(c) in {str(n) for n in which}]

        due = target_dates([c.get("deadline") for c in chosen(names)], [])
        made = target_dates(
            [], [c.get("source_date") or self.campaigns_source_date for c in chosen(counted)]
        )
        return due | made

    def set_after(self, counted_to: dt.date) -> set[str]:
        """The campaigns matched to the export whose target was set after ``counted_to``.

        Their appointments over the period are not measured against that target
        (:func:`pipelines.core.review_targets.target_measurable`): no share of it is printed.
        """
        from pipelines.core.review_targets import target_measurable
        from pipelines.sections.recruitment.result import campaign_name

        return {
            campaign_name(c)
            for c in self.campaigns
            if (c.get("campaign") or c.get("route"))
            and not target_measurable(
                c.get("source_date") or self.campaigns_source_date, counted_to
            )
        }

    def plan_dates(self, period_end: dt.date) -> dict[str, str]:
        """The newly qualified plan's deadline and the day it was set, as figure notes.

        ISO dates: ``newly_qualified_by`` (else ``period_end``) and
        ``newly_qualified_source_date`` (:func:`pipelines.core.review_targets.target_dates`).
        """
        from pipelines.core.review_targets import target_dates

        due = self.newly_qualified_by or period_end
        return target_dates([due], [self.newly_qualified_source_date])
