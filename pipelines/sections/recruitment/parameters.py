"""Parameters of the recruitment section (``notebooks/15_recruitment.ipynb``).

Ranges (a value outside is refused before the build, naming the parameter): each campaign is
named (``name``, ``campaign`` or ``route``) and has only the keys of :data:`CAMPAIGN_KEYS`; its
counts (target, and the figures a council without the export types in) are numbers, 0 or
more; a typed-in ``appointed`` total given beside ``in_post`` and ``in_checks`` is their sum;
a cost is a number, 0 or more.
"""

from __future__ import annotations

import math

from pydantic import Field, field_validator

from pipelines.core.registry import SectionParameters

#: Keys a campaign may have (see :func:`pipelines.sections.recruitment.analysis.campaign_rows`).
CAMPAIGN_KEYS = (
    "name", "campaign", "route", "target", "deadline", "cost", "cost_basis", "source",
    "applications", "in_post", "in_checks", "appointed",
)  # fmt: skip
#: The keys that are counts of people or posts (0 or more).
CAMPAIGN_COUNTS = ("target", "applications", "in_post", "in_checks", "appointed")
#: The figures a council without the recruitment export types in, with their ``source``.
TYPED_IN = ("applications", "in_post", "in_checks", "appointed")


def _number(value: object) -> bool:
    """True when ``value`` is a finite number 0 or more (not a bool)."""
    return not isinstance(value, bool) and isinstance(value, int | float) and 0 <= value < math.inf


def check_campaign(c: dict[str, object], what: str) -> None:
    """Refuse a campaign that is not named, has an unknown key or a count that is not 0 or more.

    Raises
    ------
    ValueError
        Naming the campaign (``what``), the key and what is expected.

    """
    if not any(str(c.get(k) or "").strip() for k in ("name", "campaign", "route")):
        raise ValueError(f"{what} has no name (name: ...)")
    extra = [str(k) for k in c if k not in CAMPAIGN_KEYS]
    if extra:
        raise ValueError(
            f"{what} has {', '.join(extra)}, which is not one of {', '.join(CAMPAIGN_KEYS)}"
        )
    for k in (*CAMPAIGN_COUNTS, "cost"):
        v = c.get(k)
        if v is None or v == "":
            continue
        if not _number(v):
            raise ValueError(f"{what}: {k} must be a number, 0 or more; found {v!r}")
    parts = [c.get("in_post"), c.get("in_checks")]
    total = c.get("appointed")
    if total not in (None, "") and all(v not in (None, "") for v in parts):
        if float(parts[0]) + float(parts[1]) != float(total):
            raise ValueError(
                f"{what}: appointed ({total:g}) must be in_post + in_checks "
                f"({parts[0]:g} + {parts[1]:g}); give the total alone, or correct the figures"
            )


class RecruitmentParameters(SectionParameters):
    """The recruitment section's own parameters; defaults are the notebook's."""

    campaigns: list[dict[str, object]] = Field(
        default=[],
        description="campaigns with name, campaign or route, target, deadline, cost, source; "
        "without the export, typed-in applications, in_post, in_checks or appointed",
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

    @field_validator("campaigns")
    @classmethod
    def _campaigns(cls, value: list[dict[str, object]]) -> list[dict[str, object]]:
        for i, c in enumerate(value, start=1):
            check_campaign(c, f"campaign {i}")
        return value
