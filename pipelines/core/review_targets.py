"""What a review measures its data against: targets with their sources, figures already published.

Part of the review configuration (:class:`pipelines.core.config.Review`): the targets
(``targets:``) and where each was set (``target_sources:``, :class:`TargetSource`), and the
figures already printed in papers to the group (``published_figures:``, :class:`PublishedFigure`),
which :mod:`pipelines.core.reconcile` checks against the data. Unknown keys are refused.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "PublishedFigure",
    "TargetSource",
    "Targets",
    "as_date",
    "cited_source",
    "target_dates",
    "target_measurable",
]


def as_date(value: object) -> dt.date | None:
    """``value`` as a date: a date, or text written YYYY-MM-DD; None for anything else."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value or "").strip())
    except ValueError:
        return None


def target_dates(deadlines, set_on) -> dict[str, str]:
    """A target's deadline and the day it was set, as figure notes (ISO dates).

    ``deadlines`` and ``set_on`` are the dates (or YYYY-MM-DD texts; anything else is left
    out) of the targets a figure sums: "due" is the latest deadline, "target_set" the latest
    day one was set; a note is left out when none of its dates is one.
    """
    due = [d for v in deadlines if (d := as_date(v))]
    made = [d for v in set_on if (d := as_date(v))]
    return {
        **({"due": max(due).isoformat()} if due else {}),
        **({"target_set": max(made).isoformat()} if made else {}),
    }


def target_measurable(set_on: object, counted_to: object) -> bool:
    """Whether a target can be measured against a period that ends on ``counted_to``.

    A target set at or after the end of the period counted (``set_on`` >= ``counted_to``) was
    not in force during it, so that period's figure is not measured against it: False. True
    when it was set before the period ended, or when either date is unknown (not a date).
    """
    set_day, end = as_date(set_on), as_date(counted_to)
    return set_day is None or end is None or set_day < end


def cited_source(name: object, date: object) -> str | None:
    """A target's source as a finding cites it: "Item 6 report, para 54, 21 September 2016".

    ``name`` is the paper, plan or standard as the review config gives it, ``date`` its date
    (a :class:`datetime.date` or text written YYYY-MM-DD). None when either is missing or the
    date is not one: such a target has no source a reader could look up (an illustrative or
    demonstration value), so it is never printed as a target, in a finding or the scorecard.
    """
    words = " ".join(str(name or "").split())
    if isinstance(date, dt.datetime):
        date = date.date()
    if not isinstance(date, dt.date):
        try:
            date = dt.date.fromisoformat(str(date or "").strip())
        except ValueError:
            return None
    return f"{words}, {date.day} {date:%B %Y}" if words else None


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Targets(_Strict):
    """The review's targets (percentages and cases)."""

    turnover_percent: float | None = None
    agency_rate_percent: float | None = None
    average_caseload: float | None = None
    exit_interview_return_percent: float | None = None


class TargetSource(_Strict):
    """Where a target was set: a meeting, a plan or a standard, named and dated.

    A target is printed only with its source (``str()`` gives "name, date: words"); a target a
    review wants to try out without one goes under ``illustrative_targets`` and never reaches a
    public document, a finding, the SWOT or the scorecard's met / not met.
    """

    kind: Literal["meeting", "plan", "standard"] = Field(
        description="What set it: a meeting's decision or paper, a plan, a standard"
    )
    name: str = Field(description="The paper, plan or standard, e.g. 'Item 6 report, para 47'")
    date: dt.date = Field(description="The date of the meeting, plan or standard")
    words: str | None = Field(default=None, description="The words that set it, quoted")

    def short(self) -> str:
        """The source as cited after a target: "Item 6 report, para 47, 21 September 2016"."""
        return cited_source(self.name, self.date) or self.name

    def __str__(self) -> str:
        words = f": \u201c{' '.join(self.words.split())}\u201d" if self.words else ""
        return self.short() + words


class PublishedFigure(_Strict):
    """A figure already printed in a paper to the group, to be checked against the data."""

    key: str = Field(description="Name of the rule that computes it (pipelines.core.reconcile)")
    value: float
    printed: str | None = Field(default=None, description="The words as printed")
    where: str | None = Field(default=None, description="Paper and paragraph")
    meeting: dt.date | None = Field(
        default=None,
        description="The meeting whose papers printed the figure: its report shows the check "
        "(none: the figure is checked in the annex only)",
    )
    reason: str | None = Field(
        default=None,
        description="The likely reason when the data do not reproduce the figure",
    )
