"""Plausibility checks of the workforce datasets against the snapshot date.

A qualification date after the workforce snapshot (the caseload extract's ``date_qualified``
later than the date the snapshot and extract were taken) would count a worker as newly
qualified, or give a negative time since qualifying. Registered with
:func:`pipelines.core.validation.register_cross_check`; it reads ``snapshot_date`` from the
settings (see :func:`pipelines.datasets.leavers.plausibility.plausibility_settings`) and is
skipped without it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from pipelines.core.validation import (
    CRITICAL,
    CheckResult,
    FailingRow,
    as_date,
    cell_text,
    long_date,
    register_cross_check,
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


@register_cross_check("workforce_plausibility")
def workforce_plausibility_checks(
    frames: Mapping[str, pd.DataFrame], settings: Mapping[str, Any]
) -> list[CheckResult]:
    """Qualification dates against the snapshot date (when the settings give one)."""
    caseloads = frames.get("caseloads")
    snapshot = as_date(settings.get("snapshot_date"))
    if caseloads is None or snapshot is None or "date_qualified" not in caseloads.columns:
        return []
    return [qualified_after_snapshot(caseloads, snapshot)]
