"""Plausibility checks of the workforce datasets against the snapshot date.

A qualification date after the workforce snapshot (the caseload extract's ``date_qualified``
later than the date the snapshot and extract were taken) would count a worker as newly
qualified, or give a negative time since qualifying. Registered with
:func:`pipelines.core.validation.register_cross_check`; it reads ``snapshot_date`` from the
settings (see :func:`pipelines.datasets.leavers.plausibility.plausibility_settings`) and is
skipped without it.

The agency worker rate (agency FTE / (agency + permanent FTE)) and vacancy rate (vacant FTE /
establishment FTE) of each service, worked out from the workforce snapshot as the workforce
section does, must be from 0% to 100% (critical) and at most the review's ceilings
(``plausibility: agency_rate`` and ``vacancy_rate`` in the review config; a warning unless the
config makes them critical).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from pipelines.core.validation import (
    CRITICAL,
    CheckResult,
    FailingRow,
    Rate,
    as_date,
    cell_text,
    long_date,
    rate_checks,
    register_cross_check,
)

#: What a wrong agency worker or vacancy rate would make wrong in the pack.
WORKFORCE_AFFECTS = (
    "Workforce and costs: the agency worker and vacancy rates by service (table, key findings, "
    "SWOT, scorecard)"
)


def qualified_after_snapshot(caseloads: pd.DataFrame, snapshot: Any) -> CheckResult:
    """Critical: a worker's qualification date is after the snapshot date.

    Parameters
    ----------
    caseloads : pandas.DataFrame
        Tidy caseload extract (``date_qualified``, ``source_row``).
    snapshot : datetime.date
        The date the snapshot and caseload extract were taken.

    """
    day = as_date(snapshot)
    qualified = pd.to_datetime(caseloads["date_qualified"])
    late = qualified.notna() & (qualified > pd.Timestamp(day))
    rows = (
        caseloads["source_row"]
        if "source_row" in caseloads.columns
        else pd.Series(caseloads.index + 2, index=caseloads.index)
    )
    failures = [
        FailingRow(int(rows[i]), cell_text(caseloads.at[i, "date_qualified"]))
        for i in caseloads.index[late]
    ]
    return CheckResult(
        dataset="caseloads",
        check=f"Qualification dates are on or before the snapshot date ({long_date(day)})",
        column="date_qualified",
        severity=CRITICAL,
        success=not failures,
        unexpected_count=len(failures),
        rows=sorted({f.row for f in failures}),
        found=list(dict.fromkeys(f.found for f in failures))[:10],
        expected=f"a date on or before {long_date(day)}",
        what="A social worker qualified after the date of the workforce snapshot.",
        hint="Correct the date qualified in the caseload extract (a later date would count "
        "the worker as newly qualified).",
        failures=failures,
    )


def fte_rates(snapshot: pd.DataFrame) -> tuple[list[Rate], list[Rate]]:
    """Agency worker and vacancy rates per service, as the workforce section works them out.

    Agency worker rate = agency FTE / (agency + permanent FTE) x 100; vacancy rate = vacant FTE
    / establishment FTE x 100 (both percentages); a service without a denominator is left out.
    """
    cols = ["establishment_fte", "permanent_fte", "agency_fte", "vacant_fte"]
    sums = snapshot.groupby("service")[cols].sum(min_count=1)
    agency, vacancy = [], []
    for service, r in sums.iterrows():
        a, p, v, e = (float(r[c]) for c in ("agency_fte", "permanent_fte", "vacant_fte",
                                             "establishment_fte"))  # fmt: skip
        if a + p > 0:
            agency.append(
                Rate(str(service), 100.0 * a / (a + p), f"{a:g} agency FTE / {a + p:g} FTE")
            )
        if e > 0:
            vacancy.append(
                Rate(str(service), 100.0 * v / e, f"{v:g} vacant FTE / {e:g} establishment FTE")
            )
    return agency, vacancy


def snapshot_rate_checks(snapshot: pd.DataFrame, settings: Mapping[str, Any]) -> list[CheckResult]:
    """Agency worker and vacancy rates: from 0% to 100% and at most the review's ceilings."""
    ceilings = settings.get("ceilings") or {}
    agency, vacancy = fte_rates(snapshot)
    hint = "Check the FTE columns of the workforce snapshot for the service."
    return [
        *rate_checks(
            "workforce_snapshot",
            "agency worker rate",
            agency,
            column="agency_fte",
            ceiling=ceilings.get("agency_rate"),
            setting="plausibility: agency_rate",
            affects=WORKFORCE_AFFECTS,
            tables=("agency_rates",),
            hint=hint,
        ),
        *rate_checks(
            "workforce_snapshot",
            "vacancy rate",
            vacancy,
            column="vacant_fte",
            ceiling=ceilings.get("vacancy_rate"),
            setting="plausibility: vacancy_rate",
            affects=WORKFORCE_AFFECTS,
            tables=("agency_rates",),
            hint=hint,
        ),
    ]


@register_cross_check("workforce_plausibility")
def workforce_plausibility_checks(
    frames: Mapping[str, pd.DataFrame], settings: Mapping[str, Any]
) -> list[CheckResult]:
    """Qualification dates after the snapshot date; agency worker and vacancy rates."""
    results: list[CheckResult] = []
    caseloads = frames.get("caseloads")
    snapshot = as_date(settings.get("snapshot_date"))
    if caseloads is not None and snapshot is not None and "date_qualified" in caseloads.columns:
        results.append(qualified_after_snapshot(caseloads, snapshot))
    workforce = frames.get("workforce_snapshot")
    needed = {"service", "establishment_fte", "permanent_fte", "agency_fte", "vacant_fte"}
    if workforce is not None and needed <= set(workforce.columns) and len(workforce):
        results.extend(snapshot_rate_checks(workforce, settings))
    return results
