"""Plausibility checks of the recruitment export (warnings: the build goes on).

Registered with :func:`pipelines.core.validation_checks.register_cross_check`, so ``evidence-pack
validate`` and the build both run them:

- a start more than :data:`MAX_OFFER_TO_START_DAYS` days after the offer (usually a start date
  typed in the wrong year, or a start recorded against an old offer): time to hire would be
  overstated;
- an application after the review period's end (``period_end`` in the settings): it is left out
  of the funnel of the period, which may not be what the officer expects.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from pipelines.core.validation_checks import as_date, long_date, register_cross_check
from pipelines.core.validation_report import WARNING, CheckResult, FailingRow

#: Days from offer to start above which a start is implausible (about six months).
MAX_OFFER_TO_START_DAYS = 183
#: Name of the check in :data:`pipelines.core.validation_checks.CROSS_CHECKS`.
PLAUSIBILITY = "recruitment_plausibility"
AFFECTS = "Recruitment: time to hire and the funnel of the period (tables, key findings)"


def _rows(df: pd.DataFrame, mask: pd.Series, describe) -> list[FailingRow]:
    return [FailingRow(int(r["source_row"]), describe(r)) for _, r in df[mask].iterrows()]


def late_starts(recruitment: pd.DataFrame) -> CheckResult:
    """Warning: a start more than :data:`MAX_OFFER_TO_START_DAYS` days after the offer."""
    days = (
        pd.to_datetime(recruitment["started_date"]) - pd.to_datetime(recruitment["offered_date"])
    ).dt.days
    late = days > MAX_OFFER_TO_START_DAYS
    failures = _rows(
        recruitment,
        late,
        lambda r: f"offered {r['offered_date']:%d/%m/%Y}, started {r['started_date']:%d/%m/%Y}",
    )
    return CheckResult.of_failures(
        failures,
        dataset="recruitment",
        check=f"A start is within {MAX_OFFER_TO_START_DAYS} days of the offer",
        column="started_date",
        severity=WARNING,
        expected=f"a start date within {MAX_OFFER_TO_START_DAYS} days (about six months) of the "
        "offer",
        what="The appointee started more than six months after the offer.",
        hint="Check the start date's year in the export; if it is right, no action is needed.",
        affects=AFFECTS,
        tables=("time_to_hire",),
    )


def after_period(recruitment: pd.DataFrame, period_end: Any) -> CheckResult:
    """Warning: an application dated after the review period's end (left out of the funnel)."""
    end = pd.Timestamp(as_date(period_end))
    applied = pd.to_datetime(recruitment["applied_date"])
    failures = _rows(recruitment, applied > end, lambda r: f"{r['applied_date']:%d/%m/%Y}")
    return CheckResult.of_failures(
        failures,
        dataset="recruitment",
        check=f"Applications are dated on or before the period end ({long_date(end.date())})",
        column="applied_date",
        severity=WARNING,
        expected=f"a date applied on or before {long_date(end.date())}",
        what="The application was made after the review period and is left out of its funnel.",
        hint="No action needed if the export runs past the period; otherwise correct the date.",
        affects=AFFECTS,
        tables=("funnel_route", "funnel_campaign"),
    )


@register_cross_check(PLAUSIBILITY)
def recruitment_plausibility(
    frames: Mapping[str, pd.DataFrame], settings: Mapping[str, Any] | None = None
) -> list[CheckResult]:
    """The plausibility warnings of the recruitment export (none without it)."""
    df = frames.get("recruitment")
    if df is None or df.empty or "started_date" not in df.columns:
        return []
    out = [late_starts(df)]
    if settings and settings.get("period_end") is not None:
        out.append(after_period(df, settings["period_end"]))
    return out
