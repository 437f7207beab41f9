"""A qualification date after the workforce snapshot stops the build (issue 13)."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from pipelines.core.validation import CRITICAL, ValidationReport
from pipelines.datasets.workforce.plausibility import (
    qualified_after_snapshot,
    workforce_plausibility_checks,
)


def caseloads(dates: list[str]) -> pd.DataFrame:
    df = pd.DataFrame({"worker_id": [f"W{i}" for i in range(len(dates))]})
    df["date_qualified"] = pd.to_datetime(dates)
    df["source_row"] = range(2, len(df) + 2)
    df.attrs = {
        "source_file": "caseloads.csv",
        "sheet": None,
        "raw_columns": {"date_qualified": "Date Qualified"},
    }
    return df


def test_a_qualification_after_the_snapshot_stops_naming_the_cell():
    df = caseloads(["2014-06-01", "2016-07-30", "2016-09-01"])
    result = qualified_after_snapshot(df, dt.date(2016, 7, 30))
    assert not result.success and result.severity == CRITICAL and result.rows == [4]
    message = ValidationReport(results=[result]).critical_problems({"caseloads": df})[0].render()
    assert "qualified after the date of the workforce snapshot" in message
    assert "row:      4" in message and "column:   Date Qualified" in message
    assert "found:    01/09/2016" in message and "30 July 2016" in message


def test_skipped_without_a_snapshot_date_and_passing_when_plausible():
    df = caseloads(["2014-06-01"])
    assert workforce_plausibility_checks({"caseloads": df}, {}) == []
    [result] = workforce_plausibility_checks({"caseloads": df}, {"snapshot_date": "2016-07-30"})
    assert result.success
