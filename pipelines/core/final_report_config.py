"""The review config's ``final_report:`` block: the group's final report to a decision-maker.

Read as part of :class:`pipelines.core.config.Review` (which imports these models), split from
it along the seam of the final report (:mod:`pipelines.documents.final`).
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class FinalRecommendation(_Strict):
    """A numbered recommendation of the group's final report."""

    text: str
    to: str = Field(
        description="Whose recommendation it is: one to the Board that agreed them names no one; "
        "else the final report names who acts from the register's owner, never from this field"
    )
    report_back: str | None = Field(
        default=None,
        description="When the answer comes back: a month it names must be the register's due "
        "month; the final report prints the register's due date, never this text",
    )
    label: str | None = Field(
        default=None, description="The group's own label (a, b, ...); numbered 1, 2 ... if none"
    )


class FinalReport(_Strict):
    """The group's final report to a decision-maker, written for its last meeting."""

    meeting: dt.date = Field(description="The meeting whose build writes the final report")
    title: str
    reference: str | None = Field(
        default=None,
        description="The final report's own paper reference (default: the committee report's "
        "of its meeting with -FR after it, so the two papers never share one)",
    )
    decision_maker: str | None = Field(default=None, description="To whom the report goes")
    summary: str
    scope: list[str] = Field(default_factory=list)
    evidence_heard: list[str] = Field(default_factory=list)
    recommendations: list[FinalRecommendation] = Field(default_factory=list)
    financial: str | None = None
    legal: str | None = None
    equalities: str | None = None
    risk: str | None = None
    other_implications: dict[str, str] = Field(
        default_factory=dict, description="Further implications, heading -> text (Council Plan...)"
    )
    background_papers: list[str] = Field(default_factory=list)
